//! Wrapping one block of text into lines of tagged spans, keeping quote highlights intact.

use super::{Span, Tag};
use textwrap::core::{Fragment, Word};
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};

/// Above this many words a paragraph is wrapped first-fit: optimal fit's cost tables grow with
/// the paragraph, and a pathological multi-megabyte line must still open at once.
const OPTIMAL_FIT_MAX_WORDS: usize = 4000;

/// Bytes a new span starts with room for: most of a typical line.
const SPAN_ROOM: usize = 64;

/// Spaces to pad justified gaps from without allocating.
const SPACES: &str = "                                ";

/// A tag over a byte range of the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The tag inside the range.
    pub tag: Tag,
}

/// One wrapped line: spans, and whether it ends the block (last lines are never justified).
pub struct Wrapped {
    /// The line's spans, left to right.
    pub spans: Vec<Span>,
    /// True for the block's last line.
    pub last: bool,
}

/// Wraps `text` (single spaces between words) at `width` columns; `base` tags what no mark covers.
pub fn wrap(text: &str, width: usize, base: Tag, marks: &[Mark], justify: bool) -> Vec<Wrapped> {
    wrap_with(text, width, base, marks, justify, true)
}

/// [`wrap`], with optimal fit only when `optimal` (first fit otherwise: linear and about twice
/// as fast, for articles too long for a nicer right edge to be worth the wait).
pub fn wrap_with(
    text: &str,
    width: usize,
    base: Tag,
    marks: &[Mark],
    justify: bool,
    optimal: bool,
) -> Vec<Wrapped> {
    let width = width.max(1);
    let words = words_of(text, width);
    if words.is_empty() {
        return Vec::new();
    }
    let widths = [width as f64];
    let lines: Vec<&[Word]> = if optimal && words.len() <= OPTIMAL_FIT_MAX_WORDS {
        wrap_optimal_fit(&words, &widths, &Penalties::new())
            .unwrap_or_else(|_| wrap_first_fit(&words, &widths))
    } else {
        wrap_first_fit(&words, &widths)
    };
    let marks = flatten(marks);
    let marks = marks.as_slice();
    let n = lines.len();
    let mut out = Vec::with_capacity(n);
    // Words are contiguous slices of `text`, so byte offsets follow from their lengths.
    let mut offset = 0usize;
    // Marks are sorted and disjoint; `cursor` skips those wholly before the current word,
    // so a paragraph with thousands of quotes still wraps in linear time.
    let mut cursor = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let last = i + 1 == n;
        let stretch = if justify && !last && line.len() > 1 {
            let used: f64 = line
                .iter()
                .map(|w| w.width() + w.whitespace_width())
                .sum::<f64>()
                - line.last().map_or(0.0, |w| w.whitespace_width());
            width.saturating_sub(used as usize)
        } else {
            0
        };
        let gaps = line.len().saturating_sub(1);
        let mut spans = LineSpans::new(text);
        for (j, w) in line.iter().enumerate() {
            let start = offset;
            let word_end = start + w.word.len();
            offset = word_end + w.whitespace.len();
            while cursor < marks.len() && marks[cursor].end <= start {
                cursor += 1;
            }
            push_marked(&mut spans, start, word_end, base, &marks[cursor..]);
            if j + 1 < line.len() {
                let extra = stretch.checked_div(gaps).map_or(0, |even| {
                    // Spread the extra columns evenly, the wider gaps first.
                    even + usize::from(j < stretch % gaps)
                });
                // The gap takes the tag of the text around it, so a highlight runs unbroken.
                let rest = &marks[cursor..];
                let (before, after) = (
                    tag_at(word_end.saturating_sub(1), base, rest),
                    tag_at(offset, base, rest),
                );
                let tag = if before == after { before } else { base };
                // Pushed in pieces: each joins the span before it when the tags match.
                spans.push(word_end, offset, tag);
                let mut left = extra;
                while left > 0 {
                    let n = left.min(SPACES.len());
                    spans.push_str(&SPACES[..n], tag);
                    left -= n;
                }
            }
        }
        out.push(Wrapped {
            spans: spans.finish(),
            last,
        });
    }
    out
}

/// Splits on spaces into textwrap words, breaking words wider than the line.
fn words_of(text: &str, width: usize) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let mut words = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut at = 0;
    // A space is one byte in UTF-8 and never part of another char, so bytes can be searched.
    while at < bytes.len() {
        let word_end = bytes[at..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |k| at + k);
        let ws_end = bytes[word_end..]
            .iter()
            .position(|&b| b != b' ')
            .map_or(bytes.len(), |k| word_end + k);
        let w = word(&text[at..word_end], &text[word_end..ws_end]);
        if w.width > width {
            words.extend(w.break_apart(width));
        } else {
            words.push(w);
        }
        at = ws_end;
    }
    words
}

/// The textwrap word `word` followed by the spaces `whitespace`: what `Word::from` makes of
/// them, measured without a Unicode look-up when the word is printable ASCII (one column a byte).
fn word<'a>(word: &'a str, whitespace: &'a str) -> Word<'a> {
    let ascii = word.bytes().all(|b| matches!(b, b' '..=b'~'));
    Word {
        word,
        whitespace,
        penalty: "",
        width: if ascii {
            word.len()
        } else {
            textwrap::core::display_width(word)
        },
    }
}

/// Sorts marks and makes them disjoint: where two overlap, the earlier one keeps the overlap.
fn flatten(marks: &[Mark]) -> Vec<Mark> {
    let mut sorted: Vec<Mark> = marks.iter().copied().filter(|m| m.start < m.end).collect();
    sorted.sort_by_key(|m| (m.start, m.end));
    let mut out: Vec<Mark> = Vec::with_capacity(sorted.len());
    for mut m in sorted {
        if let Some(prev) = out.last_mut()
            && m.start < prev.end
        {
            if m.tag == prev.tag {
                prev.end = prev.end.max(m.end);
                continue;
            }
            m.start = prev.end;
            if m.start >= m.end {
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// The tag at byte `at` among sorted disjoint marks starting at or after the cursor.
fn tag_at(at: usize, base: Tag, marks: &[Mark]) -> Tag {
    marks
        .iter()
        .take_while(|m| m.start <= at)
        .find(|m| at < m.end)
        .map_or(base, |m| m.tag)
}

/// Pushes text[start..end], split where marks begin and end.
fn push_marked(spans: &mut LineSpans, start: usize, end: usize, base: Tag, marks: &[Mark]) {
    let mut at = start;
    for m in marks.iter().take_while(|m| m.start < end) {
        if m.start > at {
            spans.push(at, m.start, base);
            at = m.start;
        }
        let stop = m.end.min(end);
        if stop > at {
            spans.push(at, stop, m.tag);
            at = stop;
        }
    }
    if at < end {
        spans.push(at, end, base);
    }
}

/// The spans of one line as they are built. Pieces of the block's text that follow on from one
/// another with the same tag are held as one byte range and copied out once, when a piece that
/// does not continue them arrives: the spans come out as `push_span` would make them piece by
/// piece, without a copy per word and gap.
struct LineSpans<'t> {
    text: &'t str,
    spans: Vec<Span>,
    /// The range of `text` not yet copied into `spans`, and its tag.
    pending: Option<(usize, usize, Tag)>,
}

impl<'t> LineSpans<'t> {
    fn new(text: &'t str) -> Self {
        LineSpans {
            text,
            spans: Vec::new(),
            pending: None,
        }
    }

    /// Adds `text[start..end]` with `tag`.
    fn push(&mut self, start: usize, end: usize, tag: Tag) {
        if start >= end {
            return;
        }
        match &mut self.pending {
            Some((_, e, t)) if *e == start && *t == tag => *e = end,
            _ => {
                self.flush();
                self.pending = Some((start, end, tag));
            }
        }
    }

    /// Adds text from elsewhere (padding) with `tag`.
    fn push_str(&mut self, text: &str, tag: Tag) {
        self.flush();
        push_span(&mut self.spans, text, tag);
    }

    fn flush(&mut self) {
        if let Some((s, e, t)) = self.pending.take() {
            push_span(&mut self.spans, &self.text[s..e], t);
        }
    }

    /// The finished spans.
    fn finish(mut self) -> Vec<Span> {
        self.flush();
        self.spans
    }
}

/// Appends text to the last span when the tag matches, else starts a span.
fn push_span(spans: &mut Vec<Span>, text: &str, tag: Tag) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.tag == tag && last.target.is_none() => last.text.push_str(text),
        _ => spans.push(Span {
            // Room for the words that usually follow, so a line's span grows without reallocating.
            text: {
                let mut t = String::with_capacity(text.len().max(SPAN_ROOM));
                t.push_str(text);
                t
            },
            tag,
            target: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn text_of(w: &Wrapped) -> String {
        w.spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let t = "The council met late into the night to argue about the harbor budget again.";
        let lines = wrap(t, 20, Tag::Body, &[], false);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(text_of(l).width() <= 20, "{:?}", text_of(l));
        }
        let joined: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(joined.join(" "), t);
        assert!(lines.last().unwrap().last);
    }

    #[test]
    fn marks_split_spans_across_lines() {
        let t = "She said “we will not move from this spot” and left.";
        let s = t.find('“').unwrap();
        let e = t.find('”').unwrap() + '”'.len_utf8();
        let lines = wrap(
            t,
            16,
            Tag::Body,
            &[Mark {
                start: s,
                end: e,
                tag: Tag::Quoted,
            }],
            false,
        );
        let quoted: String = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|sp| sp.tag == Tag::Quoted)
            .map(|sp| sp.text.trim().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(quoted, "“we will not move from this spot”");
        assert!(
            lines
                .iter()
                .flat_map(|l| &l.spans)
                .any(|sp| sp.tag == Tag::Body && sp.text.contains("left"))
        );
    }

    #[test]
    fn justified_inner_lines_fill_the_width() {
        let t = "Ferries were cancelled across the bay as the wind rose through the afternoon and the pier closed.";
        let lines = wrap(t, 30, Tag::Body, &[], true);
        for l in &lines[..lines.len() - 1] {
            assert_eq!(text_of(l).width(), 30, "{:?}", text_of(l));
        }
        assert!(text_of(lines.last().unwrap()).width() < 30);
    }

    #[test]
    fn giant_word_is_broken_to_width() {
        let t = "x".repeat(1000);
        let lines = wrap(&t, 76, Tag::Body, &[], false);
        assert_eq!(lines.len(), 1000usize.div_ceil(76));
        assert!(lines.iter().all(|l| text_of(l).width() <= 76));
    }

    #[test]
    fn words_are_split_and_measured_as_textwrap_does() {
        for t in [
            "plain ascii words, with  two spaces",
            " leading space and trailing  ",
            "Überall déjà-vu “quoted” — 東京 大阪 a\u{301}b tab\there",
            "ctrl\u{7}bell del\u{7f} esc\u{1b}[1mbold\u{1b}[0m",
            "",
        ] {
            let ours: Vec<_> = words_of(t, 1000)
                .into_iter()
                .map(|w| (w.word, w.whitespace, w.width))
                .collect();
            let mut theirs = Vec::new();
            let mut rest = t;
            while !rest.is_empty() {
                let end = rest.find(' ').unwrap_or(rest.len());
                let ws = rest[end..]
                    .find(|c| c != ' ')
                    .map_or(rest.len(), |k| end + k);
                let w = Word::from(&rest[..ws]);
                theirs.push((w.word, w.whitespace, w.width));
                rest = &rest[ws..];
            }
            assert_eq!(ours, theirs, "{t:?}");
        }
    }

    #[test]
    fn wide_characters_are_measured() {
        let t = "東京 大阪 名古屋 札幌 福岡 神戸 京都";
        for l in wrap(t, 10, Tag::Body, &[], false) {
            assert!(text_of(&l).width() <= 10);
        }
    }
}
