//! The list pane: one row per article (unread marker, title, source, date), a scrollbar.

use super::fit;
use crate::app::{App, Mode};
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{
    Block, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

/// Columns the source takes at most.
const SOURCE_MAX: usize = 18;

/// Draws the list into `area` (borders included).
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let focused = app.base_mode() == Mode::List;
    let n = app.library.entries.len();
    let block = Block::bordered()
        .title(Line::from(format!(" Articles {} ", app.position_label())))
        .border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if n == 0 {
        buf.set_stringn(
            inner.x,
            inner.y,
            "no articles",
            usize::from(inner.width),
            t.dim,
        );
        return;
    }
    let h = usize::from(inner.height);
    let offset = app.list_offset.min(n.saturating_sub(1));
    for (row, i) in (offset..n).take(h).enumerate() {
        let y = inner.y + row as u16;
        draw_row(app, buf, Rect::new(inner.x, y, inner.width, 1), i);
    }
    if n > h {
        let mut state = ScrollbarState::new(n.saturating_sub(h))
            .position(offset)
            .viewport_content_length(h);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(None)
            .thumb_style(t.scrollbar)
            .render(area.inner(Margin::new(0, 1)), buf, &mut state);
    }
}

/// One row: `• Title…   Source  2026-03-14`; date and source give way when the row is narrow.
fn draw_row(app: &App, buf: &mut Buffer, area: Rect, i: usize) {
    let t = &app.theme;
    let head = &app.library.entries[i].head;
    let w = usize::from(area.width);
    let selected = i == app.selected;
    let base = if selected { t.selected } else { t.body };
    buf.set_style(area, base);
    let unread = !app.read.get(i).copied().unwrap_or(true);
    let mut x = area.x;
    if w >= 12 {
        let mark = if unread { "•" } else { " " };
        buf.set_stringn(x, area.y, mark, 1, t.unread.patch(sel(app, selected)));
        x += 2;
    }
    let mut right = w.saturating_sub(usize::from(x - area.x));
    let date = head.date_iso.as_deref().unwrap_or("");
    let date_w = fit::width(date);
    // Right-aligned pieces, right to left, each with the gap left of it. The title keeps at
    // least 16 columns: the date goes first, then the source, when it cannot.
    let mut end = area.x + area.width;
    if date_w > 0 && right > 16 + date_w {
        end -= date_w as u16;
        buf.set_stringn(end, area.y, date, date_w, t.meta.patch(sel(app, selected)));
        end -= 1;
        right -= date_w + 1;
    }
    if let Some(src) = head.source.as_deref() {
        let src = fit::ellipsis(src, SOURCE_MAX);
        let sw = fit::width(&src);
        if sw > 0 && right >= 24 + sw + 2 {
            end -= sw as u16;
            buf.set_stringn(end, area.y, &src, sw, t.dim.patch(sel(app, selected)));
            right -= sw + 2;
        }
    }
    let title = fit::ellipsis(&head.title, right);
    buf.set_stringn(x, area.y, &title, right, base);
}

/// The selection style when the row is selected, else nothing.
fn sel(app: &App, selected: bool) -> ratatui::style::Style {
    if selected {
        app.theme.selected
    } else {
        ratatui::style::Style::new()
    }
}
