//! The help overlay: the key table, generated from the same bindings that dispatch keys.

use super::fit;
use crate::app::App;
use crate::app::keymap::HELP_NOTES;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

/// Draws the help box centred over `screen`.
pub fn render(app: &App, buf: &mut Buffer, screen: Rect) {
    let t = &app.theme;
    let rows = app.keymap.help_rows();
    let keys_w = rows.iter().map(|r| fit::width(&r.keys)).max().unwrap_or(0);
    let scope_w = rows
        .iter()
        .map(|r| r.scope.name().len())
        .chain(HELP_NOTES.iter().map(|n| n.0.len()))
        .max()
        .unwrap_or(0);
    let desc_w = rows.iter().map(|r| fit::width(r.desc)).max().unwrap_or(0);
    let name_w = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let want_w = (scope_w + keys_w + desc_w + name_w + 10) as u16;
    let w = want_w.min(screen.width);
    let total = app.keymap.help_line_count();
    let h = crate::app::layout::help_height(total, screen.height);
    let area = Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height.saturating_sub(1).saturating_sub(h)) / 2,
        w,
        h,
    );
    Clear.render(area, buf);
    let block = Block::bordered()
        .title(Line::from(" keys "))
        .title_bottom(Line::from(" Space/b page · g/G ends · Esc closes "))
        .border_style(t.border_focus);
    let inner = block.inner(area);
    block.render(area, buf);
    let first = app
        .help_scroll()
        .min(total.saturating_sub(usize::from(inner.height)));
    // Key rows, a blank line, then the notes: one list of columns to draw.
    let lines = rows
        .iter()
        .map(|r| {
            [
                (r.scope.name().to_string(), scope_w, t.dim),
                (r.keys.clone(), keys_w, t.help_key),
                (r.desc.to_string(), desc_w, t.body),
                (r.name.clone(), name_w, t.dim),
            ]
            .to_vec()
        })
        .chain(std::iter::once(Vec::new()))
        .chain(HELP_NOTES.iter().map(|(head, text)| {
            [
                (head.to_string(), scope_w, t.dim),
                (text.to_string(), usize::MAX / 2, t.body),
            ]
            .to_vec()
        }));
    for (row, cols) in lines
        .skip(first)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + row as u16;
        // One column of padding inside the frame.
        let mut x = inner.x.saturating_add(1);
        let end = inner.x + inner.width;
        for (text, width, style) in cols {
            if x >= end {
                break;
            }
            let room = usize::from(end - x);
            buf.set_stringn(x, y, fit::ellipsis(&text, room), room, style);
            x = x.saturating_add(u16::try_from(width + 2).unwrap_or(u16::MAX));
        }
    }
}
