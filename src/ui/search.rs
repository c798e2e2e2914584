//! The full-text search overlay: the query, indexing progress or the match count, and the
//! ranked results, each a title with its match count over a snippet with the match marked.

use super::fit;
use crate::app::App;
use crate::search::Hit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

/// Rows each result takes: the title line and the snippet line.
const ROWS_PER_HIT: usize = 2;

/// Draws the search box over `screen` (the status row stays visible).
pub fn render(app: &App, buf: &mut Buffer, screen: Rect) {
    let t = &app.theme;
    let Some(s) = app.search() else {
        return;
    };
    let w = screen.width.min(100);
    let h = screen.height.saturating_sub(1);
    if w < 4 || h < 4 {
        return;
    }
    let area = Rect::new(screen.x + (screen.width - w) / 2, screen.y, w, h);
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(t.border_focus)
        .title(Line::from(" Search the library ").style(t.frame));
    let inner = block.inner(area);
    block.render(area, buf);
    let (x, iw) = (inner.x, usize::from(inner.width));
    let (text, cursor) = match app.prompt() {
        Some(p) => (p.text(), Some(p.cursor())),
        None => (s.query(), None),
    };
    let (px, _) = buf.set_stringn(x, inner.y, "> ", iw, t.body);
    let room = iw.saturating_sub(2);
    super::prompt_line::draw(buf, px, inner.y, room, text, cursor, t.body, t.selected);
    if inner.height < 2 {
        return;
    }
    let info = info_line(app);
    buf.set_stringn(x, inner.y + 1, fit::ellipsis(&info, iw), iw, t.dim);
    let Some(results) = s.results() else {
        return;
    };
    let top = inner.y + 3;
    let rows = usize::from((inner.y + inner.height).saturating_sub(top));
    let fits = (rows / ROWS_PER_HIT).max(1);
    // The window of results that keeps the selected one in view.
    let first = s.selected().saturating_sub(fits - 1);
    for (k, hit) in results.hits.iter().enumerate().skip(first).take(fits) {
        let y = top + ((k - first) * ROWS_PER_HIT) as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let sel = if k == s.selected() {
            t.selected
        } else {
            Style::default()
        };
        draw_hit(app, buf, Rect::new(x, y, inner.width, 1), hit, sel);
        if y + 1 < inner.y + inner.height {
            draw_snippet(app, buf, Rect::new(x, y + 1, inner.width, 1), hit, sel);
        }
    }
}

/// `indexing 3,200/10,000`, `17 articles match`, or what to do.
fn info_line(app: &App) -> String {
    let matched = app.search().and_then(|s| {
        let r = s.results()?;
        Some(match r.matched {
            0 => "no article matches".to_string(),
            1 => "1 article matches".to_string(),
            n => format!("{} articles match", thousands(n)),
        })
    });
    match (app.search_progress(), matched) {
        (Some((read, total)), m) => {
            let p = format!("indexing {}/{}", thousands(read), thousands(total));
            m.map_or(p.clone(), |m| format!("{m} so far · {p}"))
        }
        (None, Some(m)) => m,
        (None, None) => "type words to search every article; ↑/↓ choose, Enter opens".into(),
    }
}

/// The title row: headline on the left, match count on the right.
fn draw_hit(app: &App, buf: &mut Buffer, area: Rect, hit: &Hit, sel: Style) {
    let t = &app.theme;
    buf.set_style(area, sel);
    let w = usize::from(area.width);
    let count = match hit.matches {
        1 => " 1 match ".to_string(),
        n => format!(" {} matches ", thousands(n)),
    };
    let cw = fit::width(&count);
    let title = fit::ellipsis(&hit.title, w.saturating_sub(cw + 1));
    buf.set_stringn(area.x, area.y, &title, w, t.headline.patch(sel));
    if cw < w {
        let cx = area.x + (w - cw) as u16;
        buf.set_stringn(cx, area.y, &count, cw, t.dim.patch(sel));
    }
}

/// The snippet row, its matching words marked.
fn draw_snippet(app: &App, buf: &mut Buffer, area: Rect, hit: &Hit, sel: Style) {
    let t = &app.theme;
    buf.set_style(area, sel);
    let right = area.x + area.width;
    let mut x = area.x + 2;
    let mut at = 0;
    let text = &hit.snippet;
    let mut draw = |piece: &str, style: Style, x: &mut u16| {
        if *x < right && !piece.is_empty() {
            let clean = crate::sanitize::clean_line(piece);
            let (nx, _) = buf.set_stringn(*x, area.y, &clean, usize::from(right - *x), style);
            *x = nx;
        }
    };
    for r in &hit.highlights {
        let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.clone())) else {
            break;
        };
        draw(before, t.body.patch(sel), &mut x);
        draw(word, t.body.patch(sel).patch(t.matched), &mut x);
        at = r.end;
    }
    draw(text.get(at..).unwrap_or(""), t.body.patch(sel), &mut x);
}

/// `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(super::thousands(3200), "3,200");
        assert_eq!(super::thousands(10000), "10,000");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
