//! The news-wire plain-text parser (../shared/reference/layout.md): one element per line, no
//! markup — headline, date line, byline, dateline, paragraphs, subheadings, related block, footer.

mod agency;
mod body;
mod dateline;
mod flow;
mod footer;
mod lines;
mod related;
mod top;

pub use top::Header;

use crate::article::Article;

/// Text at least this long without a final newline may have been cut by the caller.
const MAY_BE_CUT: usize = 1024;

/// Parses sanitised news-wire text into an article (path, format and derived fields are set by
/// the caller). Text with no recognisable structure still loads: the first non-empty line is
/// the title and the rest are paragraphs.
pub fn parse(text: &str) -> Article {
    let lines: Vec<&str> = text.split('\n').collect();
    let (header, used) = top::read(lines.iter().copied());
    let mut warnings = Vec::new();
    let body = body::parse(&lines[used.min(lines.len())..], &mut warnings);
    let source = header
        .source
        .or_else(|| body.code.as_deref().and_then(agency::from_code));
    Article {
        title: header.title,
        date: header.date,
        date_iso: header.date_iso,
        authors: header.authors,
        source,
        dateline: body.dateline,
        blocks: body.blocks,
        related: body.related,
        footer: body.footer,
        links: body.links,
        warnings,
        ..Article::default()
    }
}

/// Splits a dateline off the start of a paragraph (`KESSEL, Veldmark (AP) — The …`), for the
/// loaders of other formats whose first paragraph may open with one: the dateline as written
/// without the dash, the agency its bracket names (`(AP)` → `Associated Press`), and the
/// paragraph after the dash.
pub fn split_dateline(para: &str) -> Option<(String, Option<String>, &str)> {
    dateline::split(para).map(|d| {
        let source = d.code.as_deref().and_then(agency::from_code);
        (d.text, source, d.rest)
    })
}

/// Reads only the header (headline, date line, byline, agency line) from the start of an
/// article, for list rows, with the same code [`parse`] uses; the source falls back to the
/// dateline bracket of the first body line, as in [`parse`]. `text` may be just the first few
/// KB, cut anywhere: once it is long enough to have been cut, a last line without a newline is
/// used only as the headline or for its dateline, so a half byline or half date never shows.
pub fn header(text: &str) -> Header {
    let cut = !text.ends_with('\n') && text.len() >= MAY_BE_CUT;
    let complete = match text.rfind('\n') {
        Some(i) if cut => &text[..=i],
        None if cut => "",
        _ => text,
    };
    let (mut h, used) = top::read(complete.split('\n'));
    if h.title.is_empty() {
        h.title = lines::collapse(text.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
    }
    if h.source.is_none() {
        h.source = text
            .split('\n')
            .skip(used)
            .map(str::trim)
            .find(|l| !l.is_empty() && !lines::is_debris(l))
            .and_then(dateline::split)
            .and_then(|d| d.code)
            .and_then(|c| agency::from_code(&c));
    }
    h
}
