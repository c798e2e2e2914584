//! The list pane: one row per article of the view (unread and bookmark markers, title, source,
//! date), a scrollbar.

use super::fit;
use crate::app::{App, Mode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

/// Columns the source takes at most.
const SOURCE_MAX: usize = 18;

/// Draws the list into `area` (borders included).
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let focused = matches!(app.base_mode(), Mode::List | Mode::Filter);
    let n = app.list().view().len();
    let block = Block::bordered()
        .title(Line::from(format!(" Articles {} ", app.position_label())))
        .border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if n == 0 {
        let empty = if app.library.entries.is_empty() {
            "no articles"
        } else {
            "no article matches"
        };
        buf.set_stringn(inner.x, inner.y, empty, usize::from(inner.width), t.dim);
        return;
    }
    let h = usize::from(inner.height);
    let offset = app.list().offset().min(n.saturating_sub(1));
    let shown = &app.list().view().rows()[offset..n.min(offset + h)];
    let cols = columns(app, shown, usize::from(inner.width));
    for (row, &i) in shown.iter().enumerate() {
        let y = inner.y + row as u16;
        draw_row(app, buf, Rect::new(inner.x, y, inner.width, 1), i, cols);
    }
    if n > h {
        super::scroll::scrollbar(buf, area, n.saturating_sub(h), offset, h, t.scrollbar);
    }
}

/// Widths of the list's columns, the same for every row on screen so they line up.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// The unread marker, the bookmark marker when any article has one, and a gap (0 when too
    /// narrow).
    mark: usize,
    /// The source column (0 when hidden).
    source: usize,
    /// The date column (0 when hidden).
    date: usize,
}

/// The title keeps at least this many columns: the date goes first, then the source, when it
/// cannot.
const TITLE_MIN: usize = 16;

/// Column widths for the rows `rows` (library indices) in a list `width` columns wide.
fn columns(app: &App, rows: &[usize], width: usize) -> Columns {
    let heads = || {
        rows.iter()
            .filter_map(|&i| app.library.entries.get(i))
            .map(|e| &e.head)
    };
    let widest_date = heads()
        .filter_map(|h| date_of(app, h))
        .map(|d| fit::width(&d))
        .max()
        .unwrap_or(0);
    let widest_source = heads()
        .filter_map(|h| h.header.source.as_deref())
        .map(|s| fit::width(s).min(SOURCE_MAX))
        .max()
        .unwrap_or(0);
    // The bookmark column shows only once something is bookmarked, like a sign column.
    let star = usize::from(app.bookmark_column());
    let mark = if width >= 12 { 2 + star } else { 0 };
    let mut room = width.saturating_sub(mark);
    let mut cols = Columns {
        mark,
        source: 0,
        date: 0,
    };
    if widest_date > 0 && room > TITLE_MIN + widest_date {
        cols.date = widest_date;
        room -= widest_date + 1;
    }
    if widest_source > 0 && room >= TITLE_MIN + 8 + widest_source + 2 {
        cols.source = widest_source;
    }
    cols
}

/// One row: `• Title…   Source  2026-03-14`.
fn draw_row(app: &App, buf: &mut Buffer, area: Rect, i: usize, cols: Columns) {
    let t = &app.theme;
    let Some(head) = app.library.entries.get(i).map(|e| &e.head) else {
        return;
    };
    let selected = i == app.list().selected();
    let base = if selected { t.selected } else { t.body };
    let over = |style: ratatui::style::Style| style.patch(sel(app, selected));
    buf.set_style(area, base);
    let w = usize::from(area.width);
    let unread = !app.list().read().get(i).copied().unwrap_or(true);
    if cols.mark > 0 {
        let mark = if unread { "•" } else { " " };
        buf.set_stringn(area.x, area.y, mark, 1, over(t.unread));
        if cols.mark > 2 && app.list().bookmarked().get(i).copied().unwrap_or(false) {
            // The list's marker style, the same as the unread dot: no theme field of its own.
            buf.set_stringn(area.x + 1, area.y, "★", 1, over(t.unread));
        }
    }
    let mut end = w;
    if cols.date > 0 {
        end -= cols.date;
        let date = date_of(app, head).unwrap_or_default();
        let date = fit::ellipsis(&date, cols.date);
        let date = date.as_str();
        let x = area.x + end as u16;
        buf.set_stringn(x, area.y, date, cols.date, over(t.meta));
        end -= 1;
    }
    if cols.source > 0 {
        end -= cols.source;
        let src = fit::ellipsis(head.header.source.as_deref().unwrap_or(""), cols.source);
        let x = area.x + end as u16;
        buf.set_stringn(x, area.y, &src, cols.source, over(t.dim));
        end -= 2;
    }
    let room = end.saturating_sub(cols.mark);
    let (title, style) = match untitled_name(head) {
        Some(name) => (name, over(t.dim)),
        None => (head.header.title.clone(), base),
    };
    let title = fit::ellipsis(&title, room);
    buf.set_stringn(area.x + cols.mark as u16, area.y, &title, room, style);
}

/// What the row of an article without a title shows instead: its file name without the
/// extension (drawn dimmed, as a stand-in), or `(untitled)` with no file; `None` when it has
/// a title.
pub fn untitled_name(head: &crate::load::head::Head) -> Option<String> {
    if !head.header.title.trim().is_empty() {
        return None;
    }
    let stem = head.path.as_deref().and_then(std::path::Path::file_stem);
    Some(match stem {
        // A file name can hold anything, escape sequences too.
        Some(s) => crate::sanitize::clean_line(&s.to_string_lossy()),
        None => "(untitled)".to_string(),
    })
}

/// The row's date in the configured format (the ISO date when the format cannot apply).
fn date_of(app: &App, head: &crate::load::head::Head) -> Option<String> {
    let iso = head.header.date_iso.as_deref()?;
    Some(
        crate::article::date::calendar::format_date(iso, &app.date_format)
            .unwrap_or_else(|| iso.to_string()),
    )
}

/// The selection style when the row is selected, else nothing.
fn sel(app: &App, selected: bool) -> ratatui::style::Style {
    if selected {
        app.theme.selected
    } else {
        ratatui::style::Style::new()
    }
}
