//! Word counting for the `words` field and reading time.

use super::Block;

/// Counts whitespace-separated words that hold at least one letter or digit, in title and blocks.
pub fn count(title: &str, blocks: &[Block]) -> usize {
    std::iter::once(title)
        .chain(blocks.iter().map(|b| b.text.as_str()))
        .map(count_in)
        .sum()
}

/// The words of one text, in a single pass: a word counts at its first letter or digit, and
/// whitespace starts the next. Bytes that cannot change the state are stepped over without
/// decoding a char (inside a counted word, that is every byte but whitespace).
fn count_in(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut n, mut counted, mut i) = (0, false, 0);
    while i < bytes.len() {
        let k = BYTES[usize::from(bytes[i])];
        let wanted = if counted {
            WHITE | MAY_BE_WHITE
        } else {
            WHITE | ALNUM | LEAD
        };
        if k & wanted == 0 {
            i += 1;
            continue;
        }
        let (white, alnum, len) = if k & LEAD == 0 {
            (k & WHITE != 0, k & ALNUM != 0, 1)
        } else {
            // A lead byte always starts a char: outside a word the loop steps char by char, and
            // inside one it decodes only at lead bytes.
            let c = text[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
        };
        if white {
            counted = false;
        } else if !counted && alnum {
            n += 1;
            counted = true;
        }
        i += len;
    }
    n
}

/// ASCII whitespace.
const WHITE: u8 = 1;
/// An ASCII letter or digit.
const ALNUM: u8 = 2;
/// The first byte of a multi-byte char.
const LEAD: u8 = 4;
/// The first byte of a multi-byte char that may be whitespace (U+0085 and U+00A0, U+1680,
/// U+2000 to U+205F, U+3000).
const MAY_BE_WHITE: u8 = 8;

/// What each byte value can be, for `count_in`.
const BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            WHITE
        } else if matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            LEAD | MAY_BE_WHITE
        } else if c >= 0xC0 {
            LEAD
        } else {
            0
        };
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_not_dashes() {
        let blocks = vec![Block::paragraph("One two — three."), Block::heading("Four")];
        assert_eq!(count("Title here", &blocks), 6);
    }

    #[test]
    fn one_pass_counts_as_splitting_does() {
        let split = |t: &str| {
            t.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        for t in [
            "",
            "   ",
            "plain ascii words, with punctuation — and dashes",
            "  leading and trailing\t\ttabs\n",
            "— … “” ‘’ -- ...",
            "vertical\u{b}tab form\u{c}feed no\u{a0}break em\u{2003}space",
            "Überall déjà-vu 東京 大阪 ١٢٣ x—y",
            "“Quoted,” she said.\r\nNext",
            "x\u{a0}y ¢5 —word word— ‐ 〇 ᚠ\u{1680}ᚡ a\u{3000}b c\u{85}d",
            "e\u{301} \u{301} 😀 x😀 😀x",
        ] {
            assert_eq!(count_in(t), split(t), "{t:?}");
        }
    }
}
