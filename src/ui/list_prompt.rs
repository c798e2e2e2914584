//! The filter prompt, drawn over the status bar while the list is being filtered.

use super::fit;
use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws `/query▌` and how many articles match into `area` (one row).
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let w = usize::from(area.width);
    if w == 0 || area.height == 0 {
        return;
    }
    // Wipe the status bar underneath.
    buf.set_stringn(area.x, area.y, " ".repeat(w), w, t.status);
    let count = format!(" {} of {} ", app.view.len(), app.library.entries.len());
    let count_w = fit::width(&count);
    let show_count = w >= count_w + 12;
    let room = if show_count { w - count_w } else { w };
    // The prompt, its cursor and a space; a long query shows its end, where the typing is.
    let q = tail(&app.view.query, room.saturating_sub(4));
    let prompt = format!(" /{q}");
    let (x, _) = buf.set_stringn(area.x, area.y, &prompt, room, t.status);
    if x < area.x + area.width {
        buf.set_stringn(x, area.y, " ", 1, t.status.patch(t.selected));
    }
    if show_count {
        let style = if app.view.is_empty() {
            t.status.patch(t.error)
        } else {
            t.status
        };
        let cx = area.x + (w - count_w) as u16;
        buf.set_stringn(cx, area.y, &count, count_w, style);
    }
}

/// The end of `text` that fits in `width` columns.
fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > width {
            break;
        }
        used += cw;
        start = i;
    }
    &text[start..]
}
