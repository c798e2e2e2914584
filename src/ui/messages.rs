//! The message log overlay: every status message of the session, in full, errors marked.

use super::fit;
use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

/// Draws the log over `screen`, leaving the status bar: each message in full, wrapped to the
/// box's width, from the first one scrolled to.
pub fn render(app: &App, buf: &mut Buffer, screen: Rect) {
    let t = &app.theme;
    let h = screen.height.saturating_sub(1);
    if h < 3 || screen.width < 4 {
        return;
    }
    let area = Rect::new(screen.x, screen.y, screen.width, h);
    Clear.render(area, buf);
    let block = Block::bordered()
        .title(Line::from(format!(" messages ({}) ", app.log().len())))
        .border_style(t.border_focus);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.log().is_empty() {
        buf.set_stringn(
            inner.x + 1,
            inner.y,
            "no messages yet",
            usize::from(inner.width),
            t.dim,
        );
        return;
    }
    let room = inner.width.saturating_sub(2).max(1);
    let lines = app.log().iter().skip(app.log_scroll()).flat_map(|s| {
        let style = if s.error { t.error } else { t.body };
        fit::wrap_words(&s.text, room)
            .into_iter()
            .map(move |l| (l, style))
    });
    for (row, (line, style)) in lines.take(usize::from(inner.height)).enumerate() {
        let y = inner.y + row as u16;
        buf.set_stringn(inner.x + 1, y, line, usize::from(room), style);
    }
}
