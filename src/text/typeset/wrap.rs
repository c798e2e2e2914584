//! Wrapping one block of text into lines of tagged spans, keeping quote highlights intact.

mod spans;
mod words;

use super::{Span, Tag};
use spans::LineSpans;
use std::ops::Range;
use textwrap::wrap_algorithms::{Penalties, wrap_optimal_fit};
use words::{Piece, first_fit, words_of};

/// Above this many words a paragraph is wrapped first-fit: optimal fit's cost tables grow with
/// the paragraph, and a pathological multi-megabyte line must still open at once.
const OPTIMAL_FIT_MAX_WORDS: usize = 4000;

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
    /// The link target (an index into the page's targets) the range belongs to, if any.
    pub target: Option<usize>,
}

/// One wrapped line: its spans.
pub struct Wrapped {
    /// The line's spans, left to right.
    pub spans: Vec<Span>,
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
    let layout = Layout {
        width,
        base,
        justify,
        optimal,
        lead: None,
    };
    let mut out = Vec::new();
    wrap_each(
        text,
        marks,
        &layout,
        &mut Scratch::default(),
        |spans, _last| {
            out.push(Wrapped { spans });
        },
    );
    out
}

/// Whether `before` (the text up to a gap) ends with a mark after which a wider gap reads
/// naturally: the end of a sentence or clause, or a closing quote or bracket.
fn ends_a_phrase(before: &str) -> bool {
    before.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '”' | '’' | '"' | '—'
        )
    })
}

/// Shares `stretch` extra columns among a line's gaps (`after_mark` says, gap by gap, whether it
/// follows punctuation) into `out`: every gap gets an even share; of the columns left over the
/// gaps after punctuation take one each first, and the rest go one each to gaps spread evenly
/// along the line, never piled at its start.
fn spread(stretch: usize, after_mark: impl Iterator<Item = bool>, out: &mut Vec<usize>) {
    out.clear();
    let marks: Vec<bool> = after_mark.collect();
    let gaps = marks.len();
    if gaps == 0 {
        return;
    }
    out.resize(gaps, stretch / gaps);
    let mut left = stretch % gaps;
    let marked = marks.iter().filter(|m| **m).count();
    // Columns for the gaps after punctuation: all of them when there are enough, else as many
    // as there are columns, spread over them evenly.
    let to_marked = left.min(marked);
    if to_marked > 0 {
        for (k, (g, _)) in marks.iter().enumerate().filter(|(_, m)| **m).enumerate() {
            // The k-th marked gap gets a column when the even spacing reaches it.
            if (k + 1) * to_marked / marked > k * to_marked / marked {
                out[g] += 1;
            }
        }
        left -= to_marked;
    }
    let others = gaps - marked;
    if left > 0 && others > 0 {
        for (k, (g, _)) in marks.iter().enumerate().filter(|(_, m)| !**m).enumerate() {
            if (k + 1) * left / others > k * left / others {
                out[g] += 1;
            }
        }
    }
}

/// Columns a line of `words` takes, without the spaces after its last word.
fn columns(words: &[Piece]) -> usize {
    let all: usize = words.iter().map(|w| w.width + w.space).sum();
    all - words.last().map_or(0, |w| w.space)
}

/// How [`wrap_each`] sets a block.
pub(super) struct Layout<'l> {
    /// Columns a line may take.
    pub width: usize,
    /// The tag of text no mark covers.
    pub base: Tag,
    /// Stretch every line but the last to the full width.
    pub justify: bool,
    /// Break lines optimal-fit (when the block is not too long for it) rather than first-fit.
    pub optimal: bool,
    /// Copies of the first span start the first line, of the second every other line (a
    /// bullet and its hanging indent, say).
    pub lead: Option<(&'l Span, &'l Span)>,
}

/// Buffers kept from block to block, so that wrapping a block allocates little but its lines.
#[derive(Default)]
pub(super) struct Scratch<'t> {
    words: Vec<Piece>,
    /// Each line as a range of `words`.
    lines: Vec<Range<usize>>,
    /// The block's marks, sorted and disjoint.
    marks: Vec<Mark>,
    spans: LineSpans<'t>,
}

/// Wraps `text` as `layout` says, handing each line's spans to `line` with whether it is the
/// block's last line.
pub(super) fn wrap_each<'t>(
    text: &'t str,
    marks: &[Mark],
    layout: &Layout,
    scratch: &mut Scratch<'t>,
    mut line: impl FnMut(Vec<Span>, bool),
) {
    let (base, justify) = (layout.base, layout.justify);
    let width = layout.width.max(1);
    let Scratch {
        words,
        lines,
        marks: flat,
        spans,
    } = scratch;
    words_of(text, width, words);
    if words.is_empty() {
        return;
    }
    if layout.optimal
        && words.len() <= OPTIMAL_FIT_MAX_WORDS
        && let Ok(fit) = wrap_optimal_fit(words, &[width as f64], &Penalties::new())
    {
        lines.clear();
        let mut start = 0;
        for l in fit {
            let range = start..start + l.len();
            start = range.end;
            // Optimal fit only penalises a line wider than the measure; it never forbids one
            // (a broken long word next to a URL can make one). No line may be wider: such a
            // line is broken again first-fit, which never overflows.
            if columns(&words[range.clone()]) > width {
                let mut again = Vec::new();
                first_fit(&words[range.clone()], width, &mut again);
                lines.extend(
                    again
                        .into_iter()
                        .map(|r| r.start + range.start..r.end + range.start),
                );
            } else {
                lines.push(range);
            }
        }
    } else {
        first_fit(words, width, lines);
    }
    flatten(marks, flat);
    let marks = flat.as_slice();
    spans.start(text);
    let n = lines.len();
    // Words are contiguous slices of `text`, so byte offsets follow from their lengths.
    let mut offset = 0usize;
    // Marks are sorted and disjoint; `cursor` skips those wholly before the current word,
    // so a paragraph with thousands of quotes still wraps in linear time.
    let mut cursor = 0usize;
    // The extra columns of each gap of a justified line.
    let mut extras = Vec::new();
    for (i, range) in lines.iter().enumerate() {
        let words = &words[range.clone()];
        let last = i + 1 == n;
        let (mut bytes, mut cols) = (0, 0);
        for w in words {
            bytes += w.len + w.space;
            cols += w.width + w.space;
        }
        let trailing = words.last().map_or(0, |w| w.space);
        let stretch = if justify && !last && words.len() > 1 {
            // Whole columns: textwrap's `f64` sums of them are exact.
            width.saturating_sub(cols - trailing)
        } else {
            0
        };
        if let Some((first, rest)) = layout.lead {
            spans.lead(if i == 0 { first } else { rest });
        }
        let (start, end) = (offset, offset + bytes - trailing);
        while cursor < marks.len() && marks[cursor].end <= start {
            cursor += 1;
        }
        if stretch == 0 && marks.get(cursor).is_none_or(|m| m.start >= end) {
            // No highlight and no padding: the line is one run of `base` text, which the
            // word-by-word pushes below would come to as well.
            spans.push(start, end, base);
            offset += bytes;
        } else {
            extras.clear();
            if stretch > 0 {
                let mut at = offset;
                let after_mark = words[..words.len() - 1].iter().map(|w| {
                    let end = at + w.len;
                    at = end + w.space;
                    ends_a_phrase(&text[..end])
                });
                spread(stretch, after_mark, &mut extras);
            }
            for (j, w) in words.iter().enumerate() {
                let start = offset;
                let word_end = start + w.len;
                offset = word_end + w.space;
                while cursor < marks.len() && marks[cursor].end <= start {
                    cursor += 1;
                }
                push_marked(spans, start, word_end, base, &marks[cursor..]);
                if j + 1 < words.len() {
                    let extra = extras.get(j).copied().unwrap_or(0);
                    // The gap takes the tag of the text around it, so a highlight runs unbroken.
                    let rest = &marks[cursor..];
                    let (before, after) = (
                        look_at(word_end.saturating_sub(1), base, rest),
                        look_at(offset, base, rest),
                    );
                    let look = if before == after {
                        before
                    } else {
                        (base, None)
                    };
                    // Pushed in pieces: each joins the span before it when the tags match.
                    spans.push_look(word_end, offset, look);
                    let mut left = extra;
                    while left > 0 {
                        let n = left.min(SPACES.len());
                        spans.push_str_look(&SPACES[..n], look);
                        left -= n;
                    }
                }
            }
        }
        line(spans.take(), last);
    }
}

/// Sorts `marks` and makes them disjoint, into `out` (cleared first): where two overlap, the
/// earlier one keeps the overlap.
fn flatten(marks: &[Mark], out: &mut Vec<Mark>) {
    out.clear();
    out.extend(marks.iter().copied().filter(|m| m.start < m.end));
    out.sort_by_key(|m| (m.start, m.end));
    // Compacted in place: `kept` never passes `k`, so no mark is overwritten before it is read.
    let mut kept = 0usize;
    for k in 0..out.len() {
        let mut m = out[k];
        if let Some(prev) = kept.checked_sub(1).map(|p| &mut out[p])
            && m.start < prev.end
        {
            if m.tag == prev.tag && m.target == prev.target {
                prev.end = prev.end.max(m.end);
                continue;
            }
            m.start = prev.end;
            if m.start >= m.end {
                continue;
            }
        }
        out[kept] = m;
        kept += 1;
    }
    out.truncate(kept);
}

/// The tag and link at byte `at` among sorted disjoint marks starting at or after the cursor.
fn look_at(at: usize, base: Tag, marks: &[Mark]) -> spans::Look {
    marks
        .iter()
        .take_while(|m| m.start <= at)
        .find(|m| at < m.end)
        .map_or((base, None), |m| (m.tag, m.target))
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
            spans.push_look(at, stop, (m.tag, m.target));
            at = stop;
        }
    }
    if at < end {
        spans.push(at, end, base);
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
                target: None,
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
    fn wide_characters_are_measured() {
        let t = "東京 大阪 名古屋 札幌 福岡 神戸 京都";
        for l in wrap(t, 10, Tag::Body, &[], false) {
            assert!(text_of(&l).width() <= 10);
        }
    }
}

#[cfg(test)]
mod width_property {
    use super::*;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

    /// Words of the kinds news text has: short, long, URLs, hyphenated runs, wide CJK.
    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-z]{1,9}[,.]?",
            1 => "[a-z]{12,40}",
            1 => "https://[a-z]{3,12}\\.example/[a-z0-9/-]{5,60}",
            1 => "[a-z]{2,8}(-[a-z]{2,8}){1,6}",
            1 => "[東京大阪]{1,12}",
            1 => "“[a-z]{1,8}”",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn no_line_is_ever_wider_than_the_width(
            words in proptest::collection::vec(word(), 1..120),
            width in 2usize..100,
            justify in any::<bool>(),
            optimal in any::<bool>(),
        ) {
            let text = words.join(" ");
            let lines = wrap_with(&text, width, Tag::Body, &[], justify, optimal);
            for l in &lines {
                let t: String = l.spans.iter().map(|s| s.text.as_str()).collect();
                prop_assert!(t.width() <= width, "{} > {width}: {t:?}", t.width());
            }
            // And nothing is lost: the words come back in order.
            let back: Vec<String> = lines
                .iter()
                .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect::<String>())
                .collect();
            let squeezed: String = back.concat().split_whitespace().collect();
            let expected: String = text.split_whitespace().collect();
            prop_assert_eq!(squeezed, expected);
        }
    }
}

#[cfg(test)]
mod emoji_tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn emoji_sequences_are_measured_as_the_terminal_draws_them() {
        // A digit with VS16, a flag, a family joined by ZWJ, a combining accent: each word is
        // measured whole, so no line comes out wider than asked.
        let text = "tram7\u{fe0f} said 🇪🇺 and 👩\u{200d}👩\u{200d}👧 cafe\u{301} harbor 7\u{fe0f} – Veldmark";
        for width in 6..30 {
            for justify in [false, true] {
                for l in wrap(text, width, Tag::Body, &[], justify) {
                    let t: String = l.spans.iter().map(|s| s.text.as_str()).collect();
                    assert!(t.width() <= width, "{} > {width}: {t:?}", t.width());
                }
            }
        }
    }
}

#[cfg(test)]
mod justify_tests {
    use super::*;

    fn shares(stretch: usize, marks: &[bool]) -> Vec<usize> {
        let mut out = Vec::new();
        spread(stretch, marks.iter().copied(), &mut out);
        out
    }

    #[test]
    fn extra_columns_go_after_punctuation_first_then_evenly_never_piled_at_the_start() {
        // Every column is given out, whatever the mix.
        for stretch in 0..40 {
            for gaps in 1..9 {
                let marks: Vec<bool> = (0..gaps).map(|g| g % 3 == 1).collect();
                assert_eq!(shares(stretch, &marks).iter().sum::<usize>(), stretch);
            }
        }
        // Two columns over six plain gaps: spread out, not the first two.
        assert_eq!(shares(2, &[false; 6]), [0, 0, 1, 0, 0, 1]);
        // The gap after a comma takes the one spare column.
        assert_eq!(shares(1, &[false, false, true, false]), [0, 0, 1, 0]);
        // Even shares first, then the spare ones.
        assert_eq!(shares(9, &[false, true, false, false]), [2, 3, 2, 2]);
    }

    #[test]
    fn a_justified_dateline_spreads_its_spaces() {
        let text = "PORT CALLOWAY, Veldmark (AP) — The harbor pilots walked off the job on a grey morning.";
        let lines = wrap(text, 36, Tag::Body, &[], true);
        let first: String = lines[0].spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(first.chars().count(), 36, "{first:?}");
        // The first gap is not the one that takes the extra spaces.
        assert!(first.starts_with("PORT CALLOWAY,"), "{first:?}");
        assert!(!first.starts_with("PORT  "), "{first:?}");
    }
}
