//! The command line, drawn over the status bar while a pipe's command or a save's path is typed.

use super::prompt_line;
use crate::app::{App, PromptKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws `| command` or `save as: path` with its cursor into `area` (one row).
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let w = usize::from(area.width);
    let Some(p) = app.prompt() else { return };
    if w == 0 || area.height == 0 {
        return;
    }
    // Wipe the status bar underneath.
    buf.set_stringn(area.x, area.y, " ".repeat(w), w, t.status);
    let lead = match p.kind() {
        PromptKind::Save => " save as: ",
        _ => " | ",
    };
    let (x, _) = buf.set_stringn(area.x, area.y, lead, w, t.status);
    let room = w.saturating_sub(usize::from(x - area.x) + 1);
    let style = t.status.patch(t.selected);
    prompt_line::draw(
        buf,
        x,
        area.y,
        room,
        p.text(),
        Some(p.cursor()),
        t.status,
        style,
    );
}
