//! The list pane: one row per article of the view (unread and bookmark markers, then the
//! config's columns: title, tags, source, date), a column of padding, a scrollbar. Only the
//! rows on screen are measured and drawn.

use super::fit;
use crate::app::Sort;
use crate::app::{App, Mode};
use crate::config::list::Column;
use crate::load::row::ListRow;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

/// Columns the source takes at most.
const SOURCE_MAX: usize = 18;
/// Columns the tags take at most.
const TAGS_MAX: usize = 24;
/// Columns a source or tags column is narrowed to, at the least, before it is left out.
const NARROWED_MIN: usize = 8;
/// The date as a narrow list writes it when the configured form does not fit (newsboat's).
const SHORT_DATE: &str = "%b %d";

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
    let lines = app.list_row_lines();
    let h = usize::from(inner.height / lines).max(1);
    let offset = app.list().offset().min(n.saturating_sub(1));
    let shown = &app.list().view().rows()[offset..n.min(offset + h)];
    // A column of padding keeps the text off the scrollbar drawn on the border.
    let text_width = usize::from(inner.width).saturating_sub(usize::from(inner.width > 8));
    let cols = columns(app, shown, text_width);
    for (row, &i) in shown.iter().enumerate() {
        let y = inner.y + row as u16 * lines;
        let height = lines.min(inner.bottom().saturating_sub(y));
        draw_row(
            app,
            buf,
            Rect::new(inner.x, y, inner.width, height),
            i,
            &cols,
        );
    }
    if n > h {
        super::scroll::scrollbar(buf, area, n.saturating_sub(h), offset, h, t.scrollbar);
    }
}

/// The list's columns, the same for every row on screen so they line up.
#[derive(Debug, Clone)]
struct Columns {
    /// The unread marker, the bookmark marker when any article has one, and a gap (0 when too
    /// narrow).
    mark: usize,
    /// The columns shown, in the config's order, with their widths (the title's is what the
    /// others leave).
    shown: Vec<(Column, usize)>,
    /// Blank columns between two columns.
    gap: usize,
    /// The date in [`SHORT_DATE`] form.
    short_date: bool,
}

/// The title keeps at least three fifths of the row (half of a wide one, but not under
/// [`TITLE_WIDE`]), and never less than this many columns when the row has them: the other
/// columns are narrowed or left out first.
const TITLE_MIN: usize = 16;
/// Columns past which the title's share of the row drops from three fifths to a half.
const TITLE_WIDE: usize = 36;

/// Column widths for the rows `rows` (library indices) in a list `width` columns wide (the
/// padding left out). The column the list is sorted by comes first, shown even when the
/// config leaves it out; then date, source and tags, each at its widest on screen, narrowed
/// (the date to [`SHORT_DATE`]) or left out when the title would lose its share.
fn columns(app: &App, rows: &[usize], width: usize) -> Columns {
    let heads = || {
        rows.iter()
            .filter_map(|&i| app.library.entries.get(i))
            .map(|e| &e.row)
    };
    let widest = |f: &dyn Fn(&ListRow) -> usize| heads().map(f).max().unwrap_or(0);
    let natural = |c: Column| match c {
        Column::Title => 0,
        Column::Date => widest(&|h| date_of(app, h, false).map_or(0, |d| fit::width(&d))),
        Column::Source => widest(&|h| h.source().map_or(0, fit::width).min(SOURCE_MAX)),
        Column::Tags => widest(&|h| fit::width(&h.tags().join(", ")).min(TAGS_MAX)),
    };
    let short_date_width = widest(&|h| date_of(app, h, true).map_or(0, |d| fit::width(&d)));
    // The bookmark column shows only once something is bookmarked, like a sign column.
    let star = usize::from(app.bookmark_column());
    let mark = if width >= 12 { 2 + star } else { 0 };
    let room = width.saturating_sub(mark);
    let gap = if room >= 80 { 2 } else { 1 };
    let sort_column = match app.list().view().sort {
        Sort::Date => Some(Column::Date),
        Sort::Source => Some(Column::Source),
        Sort::Title => None,
    };
    let mut order = app.list_look.columns.clone();
    if let Some(c) = sort_column
        && !order.contains(&c)
    {
        // A sort the config's columns leave out still shows its key, beside the title.
        let at = order
            .iter()
            .position(|&c| c == Column::Title)
            .map_or(0, |k| k + 1);
        order.insert(at, c);
    }
    // Three fifths of a narrow row; past 36 columns, half of a wide one is share enough.
    let title_floor = (room * 3 / 5)
        .min((room / 2).max(TITLE_WIDE))
        .max(TITLE_MIN.min(room));
    let mut cols = Columns {
        mark,
        shown: Vec::new(),
        gap,
        short_date: false,
    };
    // Each column first at its least (the sort's key even at the title's expense, so the order
    // can be read), then grown to its widest in the same order while the title keeps its share.
    let priority = [
        sort_column,
        Some(Column::Date),
        Some(Column::Source),
        Some(Column::Tags),
    ];
    let mut widths: Vec<(Column, usize, usize)> = Vec::new();
    let mut used = 0;
    for c in priority.into_iter().flatten() {
        if !order.contains(&c) || widths.iter().any(|w| w.0 == c) {
            continue;
        }
        let full = natural(c);
        if full == 0 {
            continue;
        }
        let least = match c {
            Column::Date => short_date_width.min(full),
            _ => full.min(NARROWED_MIN),
        };
        let free = room.saturating_sub(title_floor + used);
        let forced = Some(c) == sort_column && room >= least + gap + NARROWED_MIN;
        if least + gap <= free || forced {
            used += least + gap;
            widths.push((c, least, full));
        }
    }
    for (c, w, full) in &mut widths {
        let free = room.saturating_sub(title_floor + used);
        // A date is short or whole; the others grow a column at a time.
        let grow = if *c == Column::Date {
            if *full - *w <= free { *full - *w } else { 0 }
        } else {
            (*full - *w).min(free)
        };
        *w += grow;
        used += grow;
        if *c == Column::Date && *w < *full {
            cols.short_date = true;
        }
    }
    let title = room.saturating_sub(used);
    cols.shown = order
        .into_iter()
        .filter_map(|c| match c {
            Column::Title => Some((c, title)),
            _ => widths.iter().find(|w| w.0 == c).map(|w| (c, w.1)),
        })
        .collect();
    cols
}

/// One row: `• Title…  Labour, Ports  Source  Mar 14, 2026`. A row two lines tall gives the
/// title the whole first line and its column on the second, beside the other columns:
///
/// ```text
/// • Harbor pilots walk out as talks
///   over night shi…  AP  Mar 14
/// ```
fn draw_row(app: &App, buf: &mut Buffer, area: Rect, i: usize, cols: &Columns) {
    let t = &app.theme;
    let Some(head) = app.library.entries.get(i).map(|e| &e.row) else {
        return;
    };
    let selected = i == app.list().selected();
    let base = if selected { t.selected } else { t.body };
    let over = |style: ratatui::style::Style| style.patch(sel(app, selected));
    buf.set_style(area, base);
    let unread = !app.list().read().get(i).copied().unwrap_or(true);
    if cols.mark > 0 {
        let mark = if unread { "•" } else { " " };
        buf.set_stringn(area.x, area.y, mark, 1, over(t.unread));
        if cols.mark > 2 && app.list().bookmarked().get(i).copied().unwrap_or(false) {
            // The list's marker style, the same as the unread dot: no theme field of its own.
            buf.set_stringn(area.x + 1, area.y, "★", 1, over(t.unread));
        }
    }
    let two = area.height >= 2;
    let start = area.x + cols.mark as u16;
    let (title, title_style) = match untitled_name(head) {
        Some(name) => (name, over(t.dim)),
        None => (head.title().to_string(), base),
    };
    // The second line of a two-line row holds the columns; the first, the title's start.
    let rest = if two {
        let line = cols.shown.iter().map(|&(_, w)| w + cols.gap).sum::<usize>();
        let line = line.saturating_sub(cols.gap);
        let (first, _) = fit::two_lines(&title, line);
        buf.set_stringn(start, area.y, &first, line, title_style);
        // `first` is the title's start, cut at a space.
        title[first.len()..].trim_start_matches(' ')
    } else {
        title.as_str()
    };
    let y = if two { area.y + 1 } else { area.y };
    let mut x = start;
    for &(c, w) in &cols.shown {
        if w == 0 {
            continue;
        }
        match c {
            Column::Title => {
                let text = fit::ellipsis(rest, w);
                buf.set_stringn(x, y, &text, w, title_style);
            }
            Column::Tags => {
                let tags = fit::ellipsis(&head.tags().join(", "), w);
                buf.set_stringn(x, y, &tags, w, over(t.dim));
            }
            Column::Source => {
                let src = fit::ellipsis(head.source().unwrap_or(""), w);
                buf.set_stringn(x, y, &src, w, over(t.dim));
            }
            Column::Date => {
                let date = date_of(app, head, cols.short_date).unwrap_or_default();
                // Dates end at the column's right edge, so days and years line up.
                let date = fit::ellipsis(&date, w);
                let pad = w.saturating_sub(fit::width(&date)) as u16;
                buf.set_stringn(x + pad, y, &date, w, over(t.meta));
            }
        }
        x = x.saturating_add((w + cols.gap) as u16);
    }
}

/// What the row of an article without a title shows instead: its file name without the
/// extension (drawn dimmed, as a stand-in), or `(untitled)` with no file; `None` when it has
/// a title.
pub fn untitled_name(head: &ListRow) -> Option<String> {
    if !head.title().trim().is_empty() {
        return None;
    }
    let stem = head.path().and_then(std::path::Path::file_stem);
    Some(match stem {
        // A file name can hold anything, escape sequences too.
        Some(s) => crate::sanitize::clean_line(&s.to_string_lossy()),
        None => "(untitled)".to_string(),
    })
}

/// The row's date in the configured format, or in [`SHORT_DATE`] form when `short` (the ISO
/// date when the format cannot apply).
fn date_of(app: &App, head: &ListRow, short: bool) -> Option<String> {
    let iso = head.date_iso()?;
    let fmt = if short { SHORT_DATE } else { &app.date_format };
    Some(crate::article::date::calendar::format_date(iso, fmt).unwrap_or_else(|| iso.to_string()))
}

/// The selection style when the row is selected, else nothing.
fn sel(app: &App, selected: bool) -> ratatui::style::Style {
    if selected {
        app.theme.selected
    } else {
        ratatui::style::Style::new()
    }
}
