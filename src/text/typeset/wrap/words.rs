//! A block's text as textwrap words, and first-fit line breaks over them.

use std::ops::Range;
use textwrap::core::{Fragment, Word};

/// A word of a block's text and the spaces after it, measured: all that wrapping needs of it.
/// Three numbers where textwrap's `Word` holds three slices and a number, so a block's words
/// take less than half the memory to write and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Bytes of the word.
    pub len: usize,
    /// Bytes (and columns) of the spaces after it.
    pub space: usize,
    /// Columns of the word.
    pub width: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }

    /// Words are never hyphenated.
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

impl From<Word<'_>> for Piece {
    fn from(w: Word<'_>) -> Self {
        Piece {
            len: w.word.len(),
            space: w.whitespace.len(),
            // Measured as the terminal (and ratatui's buffer) measure the whole string, not
            // char by char: `7` + VS16 is one wide emoji, a flag is one pair.
            width: unicode_width::UnicodeWidthStr::width(w.word),
        }
    }
}

/// Splits `text` on spaces into the pieces textwrap's `Word::from` would make of it, into
/// `pieces` (cleared first), breaking words wider than `width` as textwrap breaks them.
pub fn words_of(text: &str, width: usize, pieces: &mut Vec<Piece>) {
    pieces.clear();
    let bytes = text.as_bytes();
    let mut at = 0;
    // A space is one byte in UTF-8 and never part of another char, so bytes can be searched.
    while at < bytes.len() {
        // One pass finds the word's end and, when it is printable ASCII and the common
        // typographic marks, its width; anything else is measured by textwrap. Eight bytes
        // at a time while they are all printable ASCII, as they mostly are.
        let mut end = at;
        let mut cols = 0;
        let mut plain = true;
        loop {
            if let Some(eight) = bytes.get(end..end + 8).and_then(|b| b.try_into().ok()) {
                let odd = not_printable(u64::from_le_bytes(eight));
                if odd == 0 {
                    cols += 8;
                    end += 8;
                    continue;
                }
                let k = (odd.trailing_zeros() / 8) as usize;
                cols += k;
                end += k;
            }
            match bytes.get(end) {
                None | Some(b' ') => break,
                Some(b'!'..=b'~') => {
                    cols += 1;
                    end += 1;
                }
                Some(0xE2) if is_narrow_mark(&bytes[end..]) => {
                    cols += 1;
                    end += 3;
                }
                Some(_) => {
                    plain = false;
                    end += 1;
                }
            }
        }
        let mut ws_end = end;
        while bytes.get(ws_end) == Some(&b' ') {
            ws_end += 1;
        }
        let word = &text[at..end];
        let cols = if plain {
            cols
        } else {
            // The width a terminal gives the whole word (emoji sequences, flags, combining
            // marks), which a char-by-char sum can get wrong.
            unicode_width::UnicodeWidthStr::width(word)
        };
        if cols > width {
            break_word(word, ws_end - end, width, pieces);
        } else {
            pieces.push(Piece {
                len: end - at,
                space: ws_end - end,
                width: cols,
            });
        }
        at = ws_end;
    }
}

/// Breaks `word` (followed by `space` spaces) into pieces of at most `width` columns, as
/// textwrap's `break_apart` does (greedily, a character at a time), but measuring each piece
/// as the terminal draws it: a selector or joiner that widens the character before it (`5` +
/// VS16) moves that character to the next piece when it no longer fits. Only a single
/// character wider than `width` can make a wider piece.
fn break_word(word: &str, space: usize, width: usize, pieces: &mut Vec<Piece>) {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let piece = |word: &str, space| Piece {
        len: word.len(),
        space,
        width: word.width(),
    };
    let (mut start, mut cols) = (0, 0);
    for (i, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        // A run of zero-width characters cannot grow a piece without bound (each one
        // re-measures it).
        if ((w > 0 && cols + w > width) || i - start > 4 * width + 64) && i > start {
            pieces.push(piece(&word[start..i], 0));
            (start, cols) = (i, 0);
        }
        let end = i + c.len_utf8();
        if w == 0 {
            cols = word[start..end].width();
            if cols > width
                && let Some((cut, _)) = word[start..i]
                    .char_indices()
                    .rev()
                    .find(|(_, ch)| ch.width().unwrap_or(0) > 0)
                    .map(|(k, ch)| (start + k, ch))
                && cut > start
            {
                pieces.push(piece(&word[start..cut], 0));
                start = cut;
                cols = word[start..end].width();
            }
        } else {
            cols += w;
        }
    }
    pieces.push(piece(&word[start..], space));
}

/// Eight copies of `b`.
const fn splat(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The high bit of the first byte of `x` (eight bytes, the first lowest) that is not printable
/// ASCII other than a space (below `!` or above `~`), and maybe of bytes after it.
fn not_printable(x: u64) -> u64 {
    // Bytes below 0x21 borrow into their high bit; bytes above 0x7e carry into it or have it.
    // A byte's borrow or carry can mark the bytes after it, never one before it.
    let below = x.wrapping_sub(splat(0x21)) & !x;
    let above = x.wrapping_add(splat(0x01)) | x;
    (below | above) & splat(0x80)
}

/// Whether `bytes` starts with a dash or curly quote: one column each, and so common in news
/// text that measuring them without a Unicode look-up pays.
fn is_narrow_mark(bytes: &[u8]) -> bool {
    // – — ‘ ’ “ ” are U+2013, U+2014, U+2018, U+2019, U+201C and U+201D.
    matches!(
        bytes,
        [0xE2, 0x80, 0x93 | 0x94 | 0x98 | 0x99 | 0x9C | 0x9D, ..]
    )
}

/// First-fit breaks of `pieces` into lines of `width` columns, as ranges of `pieces` (into
/// `lines`, cleared first): what textwrap's `wrap_first_fit` makes, without allocating.
pub fn first_fit(pieces: &[Piece], width: usize, lines: &mut Vec<Range<usize>>) {
    lines.clear();
    let (mut start, mut used) = (0, 0);
    for (i, p) in pieces.iter().enumerate() {
        // textwrap sums whole columns as `f64`, exact at any width a line can have.
        if used + p.width > width && i > start {
            lines.push(start..i);
            start = i;
            used = 0;
        }
        used += p.width + p.space;
    }
    lines.push(start..pieces.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use textwrap::wrap_algorithms::wrap_first_fit;

    const TEXTS: [&str; 8] = [
        "supercalifragilistic“quoted”word, 東京aaaaaaaa déjà-vu-long-word ‘x’ab—cdefghijkl\u{1b}[1mbold",
        "plain ascii words, with  two spaces, and some longer ones: indefatigable transubstantiation",
        " leading space and trailing  ",
        "Überall déjà-vu “quoted” — 東京 大阪 a\u{301}b tab\there",
        "ctrl\u{7}bell del\u{7f} esc\u{1b}[1mbold\u{1b}[0m",
        "a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx b 東京東京東京東京東京東京東京東京 c",
        "‘single’ “double” –en —em “‘nested’” ‚low„ ‹angle› «guillemets» … \u{2015}\u{201F}",
        "",
    ];

    fn pieces(t: &str, width: usize) -> Vec<Piece> {
        let mut pieces = Vec::new();
        words_of(t, width, &mut pieces);
        pieces
    }

    #[test]
    fn words_are_split_and_measured_as_textwrap_does() {
        for t in TEXTS {
            let ours = pieces(t, 1000);
            let mut theirs = Vec::new();
            let mut rest = t;
            while !rest.is_empty() {
                let end = rest.find(' ').unwrap_or(rest.len());
                let ws = rest[end..]
                    .find(|c| c != ' ')
                    .map_or(rest.len(), |k| end + k);
                theirs.push(Piece::from(Word::from(&rest[..ws])));
                rest = &rest[ws..];
            }
            assert_eq!(ours, theirs, "{t:?}");
        }
    }

    #[test]
    fn the_first_byte_that_is_not_printable_is_found() {
        let first = |b: [u8; 8]| match not_printable(u64::from_le_bytes(b)) {
            0 => None,
            m => Some(m.trailing_zeros() / 8),
        };
        assert_eq!(first(*b"abcdefgh"), None);
        assert_eq!(first(*b"!~!~!~!~"), None);
        for (k, odd) in [
            (0, b' '),
            (3, 0x20),
            (7, 0x7f),
            (5, 0xe2),
            (2, 0x00),
            (1, 0x80),
        ] {
            let mut b = *b"abcdefgh";
            b[k] = odd;
            assert_eq!(first(b), Some(k as u32), "{odd:#x} at {k}");
            // Whatever follows it.
            for later in k + 1..8 {
                b[later] = [0x00, 0xff, b' ', 0x7f][later % 4];
            }
            assert_eq!(first(b), Some(k as u32), "{odd:#x} at {k}, odd bytes after");
        }
        for b in 0..=255u8 {
            let printable = (b'!'..=b'~').contains(&b);
            assert_eq!(first([b; 8]).is_none(), printable, "{b:#x}");
            let mut x = *b"abcdefgh";
            x[4] = b;
            assert_eq!(first(x), (!printable).then_some(4), "{b:#x}");
        }
    }

    #[test]
    fn first_fit_breaks_where_textwrap_does() {
        for t in TEXTS {
            for width in [1, 2, 3, 5, 8, 13, 40, 1000] {
                let pieces = pieces(t, width);
                let theirs: Vec<usize> = wrap_first_fit(&pieces, &[width as f64])
                    .iter()
                    .map(|l| l.len())
                    .collect();
                let mut lines = Vec::new();
                first_fit(&pieces, width, &mut lines);
                let ours: Vec<usize> = lines
                    .iter()
                    .map(std::iter::ExactSizeIterator::len)
                    .collect();
                assert_eq!(ours, theirs, "{t:?} at {width}");
            }
        }
    }

    #[test]
    fn a_selector_that_widens_a_character_moves_it_to_the_next_piece() {
        use unicode_width::UnicodeWidthStr;
        for (word, width) in [("45\u{fe0f}", 2), ("Dr0\u{fe0f}", 2), ("2026\u{fe0f}x", 3)] {
            let mut out = Vec::new();
            break_word(word, 1, width, &mut out);
            let mut at = 0;
            for p in &out {
                let text = &word[at..at + p.len];
                assert!(p.width <= width, "{text:?} of {word:?} at {width}");
                assert_eq!(p.width, text.width());
                at += p.len;
            }
            assert_eq!(at, word.len(), "nothing lost");
            assert_eq!(out.last().map(|p| p.space), Some(1));
        }
    }

    #[test]
    fn long_words_are_broken_as_textwrap_breaks_them() {
        let t = "a xxxxxxxxxx 東京東京東京 “quoted-words” b";
        for width in [1, 2, 3, 5, 8] {
            let theirs: Vec<Piece> = t
                .split_inclusive(' ')
                .flat_map(|w| {
                    let w = Word::from(w);
                    w.break_apart(width).map(Piece::from).collect::<Vec<_>>()
                })
                .collect();
            assert_eq!(pieces(t, width), theirs, "at {width}");
        }
    }
}
