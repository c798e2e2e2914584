//! The status bar: article number, mode, a key hint, and the transient message.

use super::fit;
use crate::app::{App, Mode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the status bar into `area` (one row).
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    buf.set_style(area, t.status);
    let w = usize::from(area.width);
    let (mode, hint) = match app.mode {
        Mode::List => ("LIST", "Enter open  ? help  q quit"),
        Mode::Reader => ("READ", "Tab link  1-9 related  ? help  q list"),
        Mode::Help => ("HELP", "j/k scroll  ? close"),
    };
    let left = format!(" {}  {}  ", app.position_label(), mode);
    let lw = fit::width(&left);
    buf.set_stringn(area.x, area.y, &left, w, t.status);
    let rest = w.saturating_sub(lw);
    let x = area.x + lw.min(w) as u16;
    match &app.status {
        Some(s) => {
            let style = if s.error {
                t.status.patch(t.error)
            } else {
                t.status
            };
            buf.set_stringn(x, area.y, fit::ellipsis(&s.text, rest), rest, style);
        }
        None => {
            buf.set_stringn(x, area.y, fit::ellipsis(hint, rest), rest, t.status);
        }
    }
}
