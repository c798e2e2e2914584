//! The help overlay: the key table, generated from the same bindings that dispatch keys.

use super::fit;
use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

/// The box's height on a screen `screen_height` rows tall (the status bar stays visible).
fn box_height(rows: usize, screen_height: u16) -> u16 {
    let want = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    want.min(screen_height.saturating_sub(1).max(1))
}

/// The furthest a help of `rows` lines can scroll on a screen `screen_height` rows tall.
pub fn max_scroll(rows: usize, screen_height: u16) -> usize {
    rows.saturating_sub(usize::from(
        box_height(rows, screen_height).saturating_sub(2),
    ))
}

/// Draws the help box centred over `screen`.
pub fn render(app: &App, buf: &mut Buffer, screen: Rect) {
    let t = &app.theme;
    let rows = app.keymap.help_rows();
    let keys_w = rows.iter().map(|r| fit::width(&r.1)).max().unwrap_or(0);
    let scope_w = rows.iter().map(|r| r.0.name().len()).max().unwrap_or(0);
    let desc_w = rows.iter().map(|r| fit::width(r.2)).max().unwrap_or(0);
    let want_w = (scope_w + keys_w + desc_w + 8) as u16;
    let w = want_w.min(screen.width);
    let h = box_height(rows.len(), screen.height);
    let area = Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height.saturating_sub(1).saturating_sub(h)) / 2,
        w,
        h,
    );
    Clear.render(area, buf);
    let block = Block::bordered()
        .title(Line::from(" keys "))
        .border_style(t.border_focus);
    let inner = block.inner(area);
    block.render(area, buf);
    let first = app
        .help_scroll()
        .min(rows.len().saturating_sub(usize::from(inner.height)));
    for (row, (scope, keys, desc)) in rows
        .iter()
        .skip(first)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + row as u16;
        // One column of padding inside the frame.
        let mut x = inner.x.saturating_add(1);
        let end = inner.x + inner.width;
        for (text, width, style) in [
            (scope.name().to_string(), scope_w, t.dim),
            (keys.clone(), keys_w, t.help_key),
            (desc.to_string(), desc_w, t.body),
        ] {
            if x >= end {
                break;
            }
            let room = usize::from(end - x);
            buf.set_stringn(x, y, fit::ellipsis(&text, room), room, style);
            x = x.saturating_add((width + 2) as u16);
        }
    }
}
