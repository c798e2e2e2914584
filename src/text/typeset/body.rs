//! The body: paragraphs with the dateline and quote highlights, subheadings, block quotes, lists.

use super::wrap::{self, Mark};
use super::{Line, Span, Tag, blank};
use crate::article::{Article, BlockKind, Quote};
use std::borrow::Cow;

/// Articles longer than this are set first-fit: optimal fit is most of the time it takes to
/// open a megabyte-long article, and a ragged edge a little less even is not worth that wait.
const OPTIMAL_FIT_MAX_BYTES: usize = 256 * 1024;

/// Separates the dateline from the paragraph it opens.
const DATELINE_DASH: &str = " — ";

/// Appends the body lines of `article`, every line tagged with its block index.
pub fn lay_out(article: &Article, width: usize, justify: bool, lines: &mut Vec<Line>) {
    let size: usize = article.blocks.iter().map(|b| b.text.len()).sum();
    let optimal = size <= OPTIMAL_FIT_MAX_BYTES;
    let mut quotes = article.quotes.iter().peekable();
    for (i, block) in article.blocks.iter().enumerate() {
        let mut mine: Vec<&Quote> = Vec::new();
        while let Some(q) = quotes.next_if(|q| q.block <= i) {
            if q.block == i {
                mine.push(q);
            }
        }
        let mut text = Cow::Borrowed(block.text.as_str());
        let mut marks = quote_marks(&block.text, &mine);
        let dateline = (i == 0 && block.kind == BlockKind::Paragraph)
            .then_some(article.dateline.as_deref())
            .flatten();
        if let Some(place) = dateline {
            let prefix = format!("{place}{DATELINE_DASH}");
            for m in &mut marks {
                m.start += prefix.len();
                m.end += prefix.len();
            }
            marks.push(Mark {
                start: 0,
                end: place.len(),
                tag: Tag::Dateline,
            });
            text = Cow::Owned(prefix + &block.text);
        }
        match block.kind {
            BlockKind::Paragraph => {
                blank(lines);
                push(
                    lines,
                    wrap::wrap_with(&text, width, Tag::Body, &marks, justify, optimal),
                    i,
                    None,
                );
            }
            BlockKind::Heading => {
                blank(lines);
                if lines.len() > 1 {
                    lines.push(Line::default());
                }
                push(
                    lines,
                    wrap::wrap(&text, width, Tag::Heading, &[], false),
                    i,
                    None,
                );
            }
            BlockKind::Quote => {
                blank(lines);
                let inner = width.saturating_sub(2).max(1);
                let bar = Span {
                    text: "│ ".into(),
                    tag: Tag::BlockQuote,
                    target: None,
                };
                push(
                    lines,
                    wrap::wrap_with(&text, inner, Tag::BlockQuote, &marks, justify, optimal),
                    i,
                    Some((bar.clone(), bar)),
                );
            }
            BlockKind::ListItem => {
                if !lines.last().is_some_and(|l| {
                    l.block
                        .is_some_and(|b| article.blocks[b].kind == BlockKind::ListItem)
                }) {
                    blank(lines);
                }
                let inner = width.saturating_sub(2).max(1);
                let bullet = Span {
                    text: "• ".into(),
                    tag: Tag::Bullet,
                    target: None,
                };
                let hang = Span {
                    text: "  ".into(),
                    tag: Tag::Body,
                    target: None,
                };
                push(
                    lines,
                    wrap::wrap_with(&text, inner, Tag::Body, &marks, false, optimal),
                    i,
                    Some((bullet, hang)),
                );
            }
        }
    }
}

/// Appends wrapped lines, with a lead span on the first line and another on the rest.
fn push(
    lines: &mut Vec<Line>,
    wrapped: Vec<wrap::Wrapped>,
    block: usize,
    lead: Option<(Span, Span)>,
) {
    for (k, w) in wrapped.into_iter().enumerate() {
        let mut spans = w.spans;
        if let Some((first, rest)) = &lead {
            spans.insert(0, if k == 0 { first.clone() } else { rest.clone() });
        }
        lines.push(Line {
            spans,
            block: Some(block),
        });
    }
}

/// Byte-range marks for the quotes of one block and the speakers named next to them.
fn quote_marks(text: &str, quotes: &[&Quote]) -> Vec<Mark> {
    if quotes.is_empty() {
        return Vec::new();
    }
    let mut offsets: Vec<usize> = quotes.iter().flat_map(|q| [q.start, q.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let bytes = char_to_byte(text, &offsets);
    let at = |c: usize| bytes[offsets.binary_search(&c).unwrap_or(0)];
    let mut marks: Vec<Mark> = quotes
        .iter()
        .map(|q| Mark {
            start: at(q.start),
            end: at(q.end),
            tag: Tag::Quoted,
        })
        .collect();
    for q in quotes {
        if let Some(name) = &q.speaker
            && let Some((s, e)) = speaker_near(text, name, at(q.start), at(q.end))
        {
            marks.push(Mark {
                start: s,
                end: e,
                tag: Tag::Speaker,
            });
        }
    }
    marks
}

/// Byte offsets of the sorted char offsets `chars` in `text` (past the end maps to `text.len()`).
fn char_to_byte(text: &str, chars: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(chars.len());
    let mut want = chars.iter().peekable();
    for (n, (b, _)) in text.char_indices().enumerate() {
        while want.next_if(|&&c| c == n).is_some() {
            out.push(b);
        }
        if want.peek().is_none() {
            break;
        }
    }
    out.resize(chars.len(), text.len());
    out
}

/// Where the speaker's name stands next to a quote: the first mention after it, else the last
/// before it; falls back to the surname when the text names the speaker only by it.
fn speaker_near(text: &str, name: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let surname = name.rsplit(' ').next().unwrap_or(name);
    for n in [name, surname] {
        if n.is_empty() {
            continue;
        }
        if let Some(k) = text.get(end..).and_then(|t| t.find(n)) {
            return Some((end + k, end + k + n.len()));
        }
        if let Some(k) = text.get(..start).and_then(|t| t.rfind(n)) {
            return Some((k, k + n.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_map_to_bytes() {
        // “ is three bytes and é two, so the closing mark (char 4) starts at byte 7.
        let t = "“Né,” she said";
        assert_eq!(char_to_byte(t, &[0, 4, 14]), vec![0, 7, t.len()]);
    }

    #[test]
    fn speaker_is_found_after_the_quote_or_by_surname() {
        let t = "“We stay,” Ana Ruiz said. Later Ruiz left.";
        let end = t.find(',').unwrap() + 4;
        assert_eq!(
            speaker_near(t, "Ana Ruiz", 0, end).map(|(s, e)| &t[s..e]),
            Some("Ana Ruiz")
        );
        let t2 = "“We stay,” Ruiz said.";
        let end2 = t2.find('”').unwrap() + '”'.len_utf8();
        let (s, e) = speaker_near(t2, "Ana Ruiz", 0, end2).unwrap();
        assert_eq!(&t2[s..e], "Ruiz");
    }
}
