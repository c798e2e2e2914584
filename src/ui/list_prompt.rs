//! The filter prompt, drawn over the status bar while the list is being filtered.

use super::{fit, prompt_line};
use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws `/query` with its cursor and how many articles match into `area` (one row).
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let w = usize::from(area.width);
    if w == 0 || area.height == 0 {
        return;
    }
    // Wipe the status bar underneath.
    buf.set_stringn(area.x, area.y, " ".repeat(w), w, t.status);
    let count = format!(
        " {} of {} ",
        app.list().view().len(),
        app.library.entries.len()
    );
    let count_w = fit::width(&count);
    let show_count = w >= count_w + 12;
    let room = if show_count { w - count_w } else { w };
    // The prompt and its cursor, a space kept after them.
    let (x, _) = buf.set_stringn(area.x, area.y, " /", room, t.status);
    let (text, cursor) = match app.prompt() {
        Some(p) => (p.text(), Some(p.cursor())),
        None => (app.list().view().query.as_str(), None),
    };
    let room = room.saturating_sub(3);
    let style = t.status.patch(t.selected);
    prompt_line::draw(buf, x, area.y, room, text, cursor, t.status, style);
    if show_count {
        let style = if app.list().view().is_empty() {
            t.status.patch(t.error)
        } else {
            t.status
        };
        let cx = area.x + (w - count_w) as u16;
        buf.set_stringn(cx, area.y, &count, count_w, style);
    }
}
