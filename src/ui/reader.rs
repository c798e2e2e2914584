//! The reading pane: the visible lines of the typeset page, the focused link, a scrollbar and
//! the position; while a preview loads, the header its list row gives.

use crate::app::App;
use crate::text::typeset::Page;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

/// Draws the reading pane into `area` (borders included).
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let focused = app.reader_focused();
    let mut block = Block::bordered().border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    let h = usize::from(inner.height);
    if let Some(r) = app.reader() {
        block = block.title_bottom(Line::from(format!(" {}% ", r.percent(h))).right_aligned());
    }
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if let (None, Some(p)) = (app.reader(), app.preview().pending()) {
        draw_lines(app, buf, inner, &p.page, 0, None, false);
        return;
    }
    let Some(r) = app.reader() else {
        let hint = if app.library.entries.is_empty() {
            "no article to show"
        } else {
            "Enter opens the selected article"
        };
        buf.set_stringn(inner.x, inner.y, hint, usize::from(inner.width), t.dim);
        return;
    };
    let scroll = r.scroll().min(r.max_scroll(h));
    draw_lines(app, buf, inner, r.page(), scroll, r.focus(), true);
    super::picture::draw(app, buf, inner, r.page(), scroll);
    if r.page().lines.len() > h {
        super::scroll::scrollbar(buf, area, r.max_scroll(h), scroll, h, t.scrollbar);
    }
}

/// Makes the cells `from..to` of row `y` part of hyperlink `t` to `url` (already made safe): each
/// cell's symbol is wrapped in the OSC 8 sequences, its width forced to what the terminal shows
/// (the sequences take no room), and the cells of one link share an id.
fn hyperlink_cells(buf: &mut Buffer, from: u16, to: u16, y: u16, t: usize, url: &str) {
    use ratatui::buffer::CellDiffOption;
    use std::num::NonZeroU16;
    let open = crate::text::hyperlink::open(url, t);
    for x in from..to {
        let Some(cell) = buf.cell_mut((x, y)) else {
            continue;
        };
        let symbol = cell.symbol();
        let width = unicode_width::UnicodeWidthStr::width(symbol);
        // The column after a wide character is drawn by it, not on its own.
        let Some(width) = u16::try_from(width).ok().and_then(NonZeroU16::new) else {
            continue;
        };
        let wrapped = format!("{open}{symbol}{}", crate::text::hyperlink::CLOSE);
        cell.set_symbol(&wrapped);
        cell.set_diff_option(CellDiffOption::ForcedWidth(width));
    }
}

/// Draws only the lines `scroll..scroll + area.height` of `page`, margin applied; `find` marks
/// the find's matches (they belong to the open article's page).
fn draw_lines(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    page: &Page,
    scroll: usize,
    focus: Option<usize>,
    find: bool,
) {
    let t = &app.theme;
    let right = area.x + area.width;
    for (row, line) in page
        .lines
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + row as u16;
        let mut x = area.x.saturating_add(page.margin);
        let marks = if find {
            super::find_marks::on_line(app, scroll + row)
        } else {
            Vec::new()
        };
        let mut col = 0;
        for span in &line.spans {
            if x >= right {
                break;
            }
            let mut style = t.tag(span.tag);
            if span.target.is_some() && span.target == focus {
                style = style.patch(t.link_focus);
            }
            let link = span
                .target
                .filter(|_| app.hyperlinks)
                .and_then(|t| Some((t, page.hyperlink(t)?)));
            for (text, mark) in super::find_marks::pieces(&span.text, col, &marks) {
                if x >= right {
                    break;
                }
                let style = mark.map_or(style, |m| style.patch(m));
                let (nx, _) = buf.set_stringn(x, y, text, usize::from(right - x), style);
                if let Some((t, url)) = &link {
                    hyperlink_cells(buf, x, nx, y, *t, url);
                }
                x = nx;
            }
            col += span.text.chars().count();
        }
    }
}
