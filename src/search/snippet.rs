//! The one-line snippet of a hit: the first match in reading order, with some text around it.

use super::query::Query;
use super::tokenize;
use std::ops::Range;

/// How many characters of context come before the first match.
const LEAD: usize = 30;
/// How many characters of the text a snippet shows (before the ellipses are added).
const WIDTH: usize = 100;
/// Marks text cut off at either end of a snippet.
const ELLIPSIS: &str = "…";

/// A snippet line and its highlights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// One line of text, whitespace collapsed, no control characters.
    pub text: String,
    /// Byte ranges in `text` of the words that match the query.
    pub highlights: Vec<Range<usize>>,
}

/// The snippet line and its highlights around the first word of `text` (one block) that matches
/// `query`, or `None` when none does. Work is linear in the text up to the end of the snippet,
/// however long the block or a word is.
pub fn in_block(text: &str, query: &Query) -> Option<Snippet> {
    let mut buf = String::new();
    let mut window: Option<Range<usize>> = None;
    let mut marks: Vec<Range<usize>> = Vec::new();
    tokenize::try_for_each_token(text, &mut buf, |range, term| {
        if let Some(w) = &window
            && range.start >= w.end
        {
            return false;
        }
        if query.matches(term) {
            let w = window.get_or_insert_with(|| window_around(text, &range));
            marks.push(range.start..range.end.min(w.end));
        }
        true
    });
    let (line, highlights) = render(text, &window?, &marks);
    Some(Snippet {
        text: line,
        highlights,
    })
}

/// The byte range of `text` to show for a first match at `m`: about `LEAD` characters before it,
/// `WIDTH` in all, moved to word boundaries where that does not lose the match.
fn window_around(text: &str, m: &Range<usize>) -> Range<usize> {
    let mut start = back_chars(text, m.start, LEAD);
    if start > 0
        && let Some(j) = text[start..m.start].find(char::is_whitespace)
    {
        start += j;
    }
    let mut end = forward_chars(text, start, WIDTH).max(m.start);
    if end < text.len() {
        let from = m.end.min(end);
        if let Some(j) = text[from..end].rfind(char::is_whitespace) {
            end = from + j;
        }
    }
    start..end
}

/// The byte offset `n` characters before `pos` (or 0).
fn back_chars(text: &str, pos: usize, n: usize) -> usize {
    text[..pos]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(pos, |(i, _)| i)
}

/// The byte offset `n` characters after `pos` (or the end).
fn forward_chars(text: &str, pos: usize, n: usize) -> usize {
    text[pos..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| pos + i)
}

/// Writes `text[window]` as one line and maps the match ranges `marks` into it.
fn render(
    text: &str,
    window: &Range<usize>,
    marks: &[Range<usize>],
) -> (String, Vec<Range<usize>>) {
    let mut points: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    points.sort_unstable();
    let mut mapped: Vec<usize> = Vec::with_capacity(points.len());
    let mut out = String::with_capacity(window.len() + 2 * ELLIPSIS.len());
    if window.start > 0 {
        out.push_str(ELLIPSIS);
    }
    let body_start = out.len();
    let mut next = 0;
    for (i, c) in text[window.clone()].char_indices() {
        let at = window.start + i;
        while next < points.len() && points[next] <= at {
            mapped.push(out.len());
            next += 1;
        }
        if c.is_whitespace() || c.is_control() {
            // Collapse any run of spacing to one space, and none at the start.
            if out.len() > body_start && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    while next < points.len() {
        mapped.push(out.len());
        next += 1;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    let len = out.len();
    if window.end < text.len() {
        out.push_str(ELLIPSIS);
    }
    // Marks come in order and never overlap, so sorted points pair up again as start, end.
    let highlights = mapped
        .chunks_exact(2)
        .map(|p| p[0].min(len)..p[1].min(len))
        .filter(|r| !r.is_empty())
        .collect();
    (out, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first block with a match and its snippet, as the index builds them.
    fn build<'a>(
        blocks: impl IntoIterator<Item = &'a str>,
        query: &Query,
    ) -> Option<(usize, Snippet)> {
        let mut blocks = blocks.into_iter().enumerate();
        blocks.find_map(|(i, text)| in_block(text, query).map(|s| (i, s)))
    }

    fn snip(blocks: &[&str], q: &str) -> Option<Snippet> {
        build(blocks.iter().copied(), &Query::parse(q)).map(|(_, s)| s)
    }

    fn highlighted(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|r| &s.text[r.clone()]).collect()
    }

    #[test]
    fn finds_the_first_block_with_a_match() {
        let blocks = ["Nothing here.", "The ferry left.", "Ferry again."];
        let (block, s) = build(blocks, &Query::parse("ferry")).unwrap();
        assert_eq!(block, 1);
        assert_eq!(s.text, "The ferry left.");
        assert_eq!(highlighted(&s), ["ferry"]);
    }

    #[test]
    fn no_match_gives_none() {
        assert!(snip(&["Nothing here."], "ferry").is_none());
    }

    #[test]
    fn collapses_whitespace_and_keeps_highlights_on_the_words() {
        let s = snip(&["A  long\t\tday:   Ferry\n\nand  ferries."], "ferr").unwrap();
        assert_eq!(s.text, "A long day: Ferry and ferries.");
        assert_eq!(highlighted(&s), ["Ferry", "ferries"]);
    }

    #[test]
    fn long_blocks_are_cut_around_the_match_with_ellipses() {
        let before = "word ".repeat(200);
        let after = " more".repeat(200);
        let block = format!("{before}the lighthouse keeper{after}");
        let s = snip(&[&block], "lighthouse").unwrap();
        assert!(s.text.starts_with(ELLIPSIS) && s.text.ends_with(ELLIPSIS));
        assert!(s.text.chars().count() <= WIDTH + 2);
        assert_eq!(highlighted(&s), ["lighthouse"]);
        assert!(!s.text.contains("  "));
    }

    #[test]
    fn a_huge_matching_word_is_clipped() {
        let block = format!("start {} end", "z".repeat(2_000_000));
        let s = snip(&[&block], "zzz").unwrap();
        assert!(s.text.len() < 400);
        assert_eq!(s.highlights.len(), 1);
        assert!(highlighted(&s)[0].chars().all(|c| c == 'z'));
    }

    #[test]
    fn multibyte_text_keeps_char_boundaries() {
        let block = format!("{}Zürich café {}", "é".repeat(80), "ü".repeat(300));
        let s = snip(&[&block], "cafe").unwrap();
        assert_eq!(highlighted(&s), ["café"]);
    }
}
