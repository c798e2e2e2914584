//! Byline and date lines under a Markdown headline: notes copied out of a news site keep the
//! headline as a `#` heading and the byline, date and standfirst as short paragraphs under it
//! (`By Jane Doe`, `December 3, 2026`). When the front matter names neither date nor authors,
//! those paragraphs are read as the news-wire reader reads the same lines, and leave the body.

use super::Blocks;
use crate::article::BlockKind;
use crate::load::wire::{self, Top};

/// At most this many paragraphs under the headline are looked at.
const MAX_LINES: usize = 8;
/// A paragraph longer than this (bytes) ends the look: header lines are short.
const MAX_LINE: usize = 600;

/// Reads the header paragraphs at the start of `blocks` under `title` and takes them out;
/// `None` (and `blocks` untouched) when they name no date, author or source, or when what they
/// say is not settled by the lines alone (a relative or numeric date, captions among them).
pub(super) fn take(title: &str, blocks: &mut Blocks) -> Option<Top> {
    if title.is_empty() {
        return None;
    }
    let lines: Vec<&str> = blocks
        .list
        .iter()
        .take(MAX_LINES)
        .take_while(|b| b.kind == BlockKind::Paragraph && b.text.len() <= MAX_LINE)
        .map(|b| b.text.as_str())
        .collect();
    if lines.is_empty() {
        return None;
    }
    let (top, used) = wire::header_of_lines(title, &lines)?;
    let named =
        top.header.date.is_some() || !top.header.authors.is_empty() || top.header.source.is_some();
    let settled = top.header.title == title
        && top.captions.is_empty()
        && top.ambiguous.is_none()
        && !top.relative
        && (top.header.date.is_none() || top.header.date_iso.is_some());
    if !named || !settled {
        return None;
    }
    blocks.take(0..used);
    Some(top)
}
