//! The news-wire plain-text parser (../shared/reference/layout.md): one element per line, no
//! markup — headline, standfirst, date line, byline, captions, dateline, paragraphs,
//! subheadings, related block, footer.

mod agency;
mod body;
mod byline;
mod caption;
mod dateline;
mod flow;
mod footer;
mod lines;
mod related;
mod top;

pub use lines::may_be_related_marker;
pub use top::{MAX_HEADLINE, Top};

use crate::article::date::{self, order};
use crate::article::{Article, Block, BlockKind};

/// Splits the dateline off the start of a first paragraph, in every form the news-wire parser
/// reads (`KESSEL, Veldmark (AP) — `, `PORT EMBER, April 25 (Reuters) - `, `(CNN) -- `,
/// `KESSEL: `, …): the dateline without its dash, and the paragraph after it. For the other
/// loaders (JSON, Markdown), so every format finds datelines alike; `None` when the paragraph
/// does not open with one.
pub fn split_dateline(first_paragraph: &str) -> Option<(String, String)> {
    dateline::split(first_paragraph).map(|d| (d.text, d.rest.to_string()))
}

/// The agency a dateline found by [`split_dateline`] names in brackets, by its full name when
/// known (`KESSEL (AP)` → `Associated Press`), else as written (`(CNN)` → `CNN`).
pub fn dateline_source(dateline: &str) -> Option<String> {
    let inner = dateline.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    agency::from_code(&inner[open + 1..])
}

/// Parses sanitised news-wire text into an article (path, format and derived fields are set by
/// the caller). Text with no recognisable structure still loads: the first non-empty line is
/// the title and the rest are paragraphs.
pub fn parse(text: &str) -> Article {
    // The lines are walked twice rather than gathered: a file of many short lines would hold
    // a pointer and a length for each.
    let (mut header, used) = top::read(text.split('\n'));
    let mut warnings = Vec::new();
    settle_numeric_date(&mut header, text, Some(&mut warnings));
    let mut body = body::parse(text.split('\n').skip(used), &mut warnings);
    let source = header
        .header
        .source
        .or_else(|| body.code.as_deref().and_then(agency::from_code))
        .or_else(|| sign_off(text));
    // The captions go before the body's blocks, in the body's list: a copy of a long list
    // would hold it twice for a moment.
    let mut blocks = std::mem::take(&mut body.blocks);
    let shift = header.captions.len();
    if shift > 0 {
        for link in &mut body.links {
            if let Some(at) = &mut link.at {
                at.block += shift;
            }
        }
        let captions = header.captions.into_iter();
        blocks.splice(0..0, captions.map(|c| Block::new(BlockKind::Caption, c)));
    }
    Article {
        header: crate::article::Header {
            source,
            ..header.header
        },
        standfirst: header.standfirst,
        datetime: header.datetime,
        dateline: body.dateline,
        blocks,
        related: body.related,
        footer: body.footer,
        links: body.links,
        warnings,
        ..Article::default()
    }
}

/// Settles a numeric date line that could be read either way round (`06/01/2026`): by the zone
/// on the line (`GMT+1` day first, `ET` month first), else by the text's other dates and
/// language; when nothing decides, `date_iso` stays empty (with a warning when asked).
fn settle_numeric_date(h: &mut Top, text: &str, warnings: Option<&mut Vec<String>>) {
    let Some(a) = h.ambiguous else {
        return;
    };
    let order = a.hint.or_else(|| order::from_text(text));
    match order.and_then(|o| a.settle(o)) {
        Some((iso, stamp)) => {
            h.header.date_iso = Some(iso);
            h.datetime = stamp;
        }
        None => {
            if let Some(w) = warnings {
                w.push(format!(
                    "date line “{}” may be day or month first and nothing in the file says which: date left unread",
                    h.header.date.as_deref().unwrap_or("")
                ));
            }
        }
    }
}

/// The agency an old wire story signs off with at its very end (` Reuter`).
fn sign_off(text: &str) -> Option<String> {
    let tail = text.trim_end();
    let raw = tail.rsplit(char::is_whitespace).next()?;
    let last = raw.trim_matches(|c: char| !c.is_alphanumeric());
    // It stands after the story's last sentence (or alone on its line), never inside one:
    // `said Ada Reuter` names a person.
    let before = tail[..tail.len() - raw.len()].trim_end_matches([' ', '\t']);
    (last.eq_ignore_ascii_case("reuter")
        && (before.ends_with(['.', '”', '"', '\n', ')', '\'']) && !before.trim().is_empty()))
    .then(|| "Reuters".to_string())
}

/// Counts a relative date line (`5 hours ago`, `yesterday`) back from `mtime` (seconds since
/// 1970, the file's modification time): fills `date_iso` and says so in `warnings`. Does
/// nothing when the article has no relative date line or already has a calendar date.
pub fn resolve_relative_date(article: &mut Article, mtime: i64) {
    if article.header.date_iso.is_some() {
        return;
    }
    let Some(line) = article.header.date.as_deref() else {
        return;
    };
    if let Some(iso) = date::resolve_relative(line, mtime) {
        article.warnings.push(format!(
            "date line “{line}” is relative: counted back from the file's modification time to {iso} (UTC)"
        ));
        article.header.date_iso = Some(iso);
    }
}

/// The header that short lines standing under a headline give, as news-wire lines would
/// (`By Jane Doe`, `March 3, 2026`, a standfirst before them): for formats whose headline is
/// marked up (a Markdown `#` heading) but whose byline and date are plain lines under it.
/// Returns what they say and how many of `lines` it used; `None` when they hold no header
/// line the news-wire reader would take.
pub fn header_of_lines(title: &str, lines: &[&str]) -> Option<(Top, usize)> {
    let (h, used) = top::read(std::iter::once(title).chain(lines.iter().copied()));
    let used = used.checked_sub(1)?.min(lines.len());
    (used > 0).then_some((h, used))
}

/// Reads only the header (headline, date line, byline, agency line) from the start of an
/// article, for list rows, with the same code [`parse`] uses; the source falls back to the
/// dateline bracket of the first body line, as in [`parse`]. `text` may be just the first lines
/// of the file (`cut`): then its last line, cut short, is used only for its dateline, so a half
/// byline or half date never shows, unless it is already longer than [`top::MAX_HEADLINE`]
/// (the whole line is no headline either, and the header ends before it).
pub fn header(text: &str, cut: bool) -> Top {
    let last = text.rfind('\n').map_or(0, |i| i + 1);
    let complete = if cut && text.len() - last <= top::MAX_HEADLINE {
        &text[..last]
    } else {
        text
    };
    let (mut h, used) = top::read(complete.split('\n'));
    settle_numeric_date(&mut h, text, None);
    if h.header.source.is_none() {
        h.header.source = text
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
