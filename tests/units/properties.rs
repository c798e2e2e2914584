//! The sanitiser and the quote pairing as properties over generated text (the wrapper's width
//! and the state merge have theirs beside their code and in `state_merge.rs`).

use byline::article::quotes::find_quotes;
use byline::article::{Block, Quote};
use byline::{clean_line, clean_text, decode};
use proptest::prelude::*;

/// Characters a hostile or careless file holds: controls of every kind, escapes, bidi marks,
/// tabs, line ends, a byte-order mark, wide and combining characters, and plain letters.
fn risky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => proptest::char::range('\u{7f}', '\u{9f}'),
        1 => prop::sample::select(vec![
            '\u{1b}', '\t', '\n', '\r', ' ', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}',
            '\u{2066}', '\u{2069}', '\u{61c}', '\u{feff}', '\u{301}', '\u{fe0f}', '\u{200d}',
            '港', '☎', 'é', '\u{2028}',
        ]),
        1 => any::<char>(),
    ]
}

fn risky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(risky_char(), 0..80).prop_map(|v| v.into_iter().collect())
}

/// Whether `c` could act on a terminal (a C0 or C1 control, DEL) or turn the text's direction
/// (a bidi mark, embedding, override or isolate), said here apart from the sanitiser's own table.
fn unsafe_on_screen(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A line made safe holds no control or bidi character, newline and tab included, and
    /// keeps every other character where it was: one character out for each one in.
    #[test]
    fn a_clean_line_is_safe_and_drops_nothing(s in risky_text()) {
        let out = clean_line(&s);
        prop_assert!(!out.chars().any(|c| unsafe_on_screen(c) || c == '\n' || c == '\t'), "{out:?}");
        prop_assert_eq!(out.chars().count(), s.chars().count());
        for (a, b) in s.chars().zip(out.chars()) {
            if !unsafe_on_screen(a) && a != '\t' {
                prop_assert_eq!(a, b);
            }
        }
    }

    /// Multi-line text made safe keeps its newlines and nothing else that could act.
    #[test]
    fn clean_text_keeps_newlines_only(s in risky_text()) {
        let out = clean_text(&s);
        prop_assert!(!out.chars().any(|c| c != '\n' && unsafe_on_screen(c)), "{out:?}");
        prop_assert_eq!(
            out.chars().filter(|&c| c == '\n').count(),
            s.chars().filter(|&c| c == '\n').count()
        );
        prop_assert_eq!(out.chars().count(), s.chars().count());
    }

    /// Any bytes, decoded: either refused as binary or text whose only control is the newline,
    /// and every letter of the input's UTF-8 still there, in order.
    #[test]
    fn decoded_bytes_are_safe_and_keep_their_letters(
        bytes in prop_oneof![
            risky_text().prop_map(String::into_bytes),
            prop::collection::vec(any::<u8>(), 0..120),
        ]
    ) {
        let Ok(clean) = decode(&bytes) else {
            prop_assert!(bytes.contains(&0), "only NUL bytes make a file binary");
            return Ok(());
        };
        prop_assert!(
            !clean.text.chars().any(|c| c != '\n' && (unsafe_on_screen(c) || c == '\t')),
            "{:?}", clean.text
        );
        if let Ok(s) = std::str::from_utf8(&bytes) {
            let letters = |t: &str| t.chars().filter(char::is_ascii_alphanumeric).collect::<String>();
            prop_assert_eq!(letters(&clean.text), letters(s));
        }
    }
}

/// A paragraph of plain words with some stretches in curly double quotes, and where each
/// quoted stretch starts and ends (in chars).
fn paragraph() -> impl Strategy<Value = (String, Vec<(usize, usize)>)> {
    let word = prop::sample::select(vec![
        "the", "harbor", "pilots", "said", "talks", "went", "on", "Tuesday", "and", "nobody",
        "would", "say", "when", "ferry", "crews", "waited",
    ]);
    let piece = (prop::collection::vec(word, 1..6), any::<bool>());
    prop::collection::vec(piece, 1..8).prop_map(|pieces| {
        let mut text = String::new();
        let mut spans = Vec::new();
        for (words, quoted) in pieces {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.chars().count();
            if quoted {
                text.push('“');
            }
            text.push_str(&words.join(" "));
            if quoted {
                text.push('”');
                spans.push((start, text.chars().count()));
            } else {
                text.push(',');
            }
        }
        text.push('.');
        (text, spans)
    })
}

/// A paragraph of words and quote marks of every kind, straight and curly, in any order.
fn marks_paragraph() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "word", "said", "the", "“", "”", "‘", "’", "\"", "'", "«", "»", "don't", "90s", " ", ",",
        ".", "—",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Well-formed curly quotes are found exactly: each pair one quote, from its opening mark
    /// to one past its closing mark, and nothing else.
    #[test]
    fn curly_pairs_are_found_exactly(paras in prop::collection::vec(paragraph(), 1..4)) {
        let blocks: Vec<Block> = paras.iter().map(|(t, _)| Block::paragraph(t.clone())).collect();
        let found: Vec<(usize, usize, usize)> =
            find_quotes(&blocks).iter().map(|q| (q.block, q.start, q.end)).collect();
        let want: Vec<(usize, usize, usize)> = paras
            .iter()
            .enumerate()
            .flat_map(|(b, (_, spans))| spans.iter().map(move |&(s, e)| (b, s, e)))
            .collect();
        prop_assert_eq!(found, want);
    }

    /// Whatever marks a text holds, its quotes come in reading order, lie inside their block,
    /// start at a quote mark, end one past a mark or at the paragraph's end, and never cross
    /// one another.
    #[test]
    fn any_marks_pair_into_ordered_spans_that_never_cross(
        texts in prop::collection::vec(marks_paragraph(), 1..5)
    ) {
        let blocks: Vec<Block> = texts.iter().map(|t| Block::paragraph(t.clone())).collect();
        let quotes: Vec<Quote> = find_quotes(&blocks);
        let mark = |c: char| "“”‘’\"'«»".contains(c);
        for pair in quotes.windows(2) {
            prop_assert!((pair[0].block, pair[0].start) <= (pair[1].block, pair[1].start));
        }
        for q in &quotes {
            let text = chars(&blocks[q.block].text);
            prop_assert!(q.start < q.end && q.end <= text.len(), "{q:?} in {:?}", blocks[q.block].text);
            prop_assert!(mark(text[q.start]), "{q:?} starts at {:?}", text[q.start]);
            prop_assert!(q.end == text.len() || mark(text[q.end - 1]), "{q:?} in {:?}", blocks[q.block].text);
        }
        for (i, a) in quotes.iter().enumerate() {
            for b in &quotes[i + 1..] {
                if a.block == b.block {
                    let disjoint = a.end <= b.start || b.end <= a.start;
                    let nested = (a.start <= b.start && b.end <= a.end)
                        || (b.start <= a.start && a.end <= b.end);
                    prop_assert!(disjoint || nested, "{a:?} crosses {b:?}");
                }
            }
        }
    }
}
