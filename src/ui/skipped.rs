//! The skipped-files overlay: each file the library could not take, with the reason, the
//! selected one highlighted.

use super::fit;
use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

/// Draws the overlay over `screen`.
pub fn render(app: &App, buf: &mut Buffer, screen: Rect) {
    let Some(view) = app.skipped() else {
        return;
    };
    let t = &app.theme;
    let w = screen.width.saturating_sub(4).clamp(1, 100);
    // As tall as the rows need, at most the screen above the status bar.
    let want =
        u16::try_from(view.rows.len().saturating_mul(2).saturating_add(2)).unwrap_or(u16::MAX);
    let h = want
        .min(crate::app::layout::skipped_height(screen.height))
        .min(screen.height);
    let top = (screen.height.saturating_sub(1).saturating_sub(h)) / 2;
    let area = Rect::new(screen.x + (screen.width - w) / 2, screen.y + top, w, h);
    Clear.render(area, buf);
    let title = format!(" skipped files {}/{} ", view.selected + 1, view.rows.len());
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(t.border_focus);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 3 || inner.height == 0 {
        return;
    }
    let room = usize::from(inner.width - 2);
    let shown = crate::app::layout::skipped_rows_shown(screen.height);
    for (k, row) in view.rows.iter().enumerate().skip(view.offset).take(shown) {
        let y = inner.y + 2 * (k - view.offset) as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let style = if k == view.selected {
            t.selected
        } else {
            t.body
        };
        let line = Rect::new(inner.x, y, inner.width, 1);
        buf.set_style(line, style);
        // Paths and reasons come from file names and file contents: cleaned before drawing.
        let path = crate::sanitize::clean_line(&row.path);
        buf.set_stringn(inner.x + 1, y, fit::ellipsis(&path, room), room, style);
        if y + 1 < inner.y + inner.height {
            let reason = crate::sanitize::clean_line(&row.reason);
            let reason = format!("  {reason}");
            buf.set_stringn(
                inner.x + 1,
                y + 1,
                fit::ellipsis(&reason, room),
                room,
                t.dim,
            );
        }
    }
    if view.rows.len() > shown {
        super::scroll::scrollbar(
            buf,
            area,
            view.rows.len().saturating_sub(shown),
            view.offset,
            shown,
            t.scrollbar,
        );
    }
}
