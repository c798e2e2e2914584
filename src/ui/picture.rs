//! Pictures in the reading pane: drawn over the rows the page keeps free for them when all of
//! them are on screen (a graphics protocol cannot draw part of a picture), a one-line note in
//! their place otherwise, while one is decoded, or when it cannot be shown.

use crate::app::App;
use crate::pictures::service::{Key, Shown};
use crate::text::typeset::Page;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Draws the pictures of `page` that fall in `area` when the page is scrolled to `scroll`.
pub fn draw(app: &App, buf: &mut Buffer, area: Rect, page: &Page, scroll: usize) {
    let (Some(pictures), Some(reader)) = (app.pictures(), app.reader()) else {
        return;
    };
    let article = reader.article();
    let height = usize::from(area.height);
    for slot in &page.pictures {
        let end = slot.line + usize::from(slot.rows);
        if end <= scroll || slot.line >= scroll + height {
            continue;
        }
        let indent = page.text_width.saturating_sub(slot.cols) / 2;
        let x = area.x + page.margin + indent;
        let cols = slot.cols.min((area.x + area.width).saturating_sub(x));
        let top = slot.line.max(scroll) - scroll;
        let note_y = area.y + u16::try_from(top).unwrap_or(0);
        let note = |buf: &mut Buffer, text: &str| {
            let text = crate::sanitize::clean_line(text);
            buf.set_stringn(x, note_y, text, usize::from(cols), app.theme.dim);
        };
        if slot.line < scroll || end > scroll + height || cols < slot.cols {
            note(buf, "[picture: scroll to see it whole]");
            continue;
        }
        let key = Key {
            article: article.path.clone().unwrap_or_default(),
            image: slot.image,
            cols: slot.cols,
            rows: slot.rows,
        };
        let source = || {
            let image = article.images.get(slot.image)?;
            crate::pictures::source(article.path.as_deref(), &image.src)
        };
        let rect = Rect::new(x, note_y, slot.cols, slot.rows);
        pictures.with(&key, source, |shown| match shown {
            Shown::Ready(image) => image.render(rect, buf),
            Shown::Pending => note(buf, "[picture: loading…]"),
            Shown::Failed(why) => note(buf, &format!("[picture not shown: {why}]")),
        });
    }
}
