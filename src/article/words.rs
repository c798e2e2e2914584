//! Word counting for the `words` field and reading time.

use super::Block;

/// Counts whitespace-separated words that hold at least one letter or digit, in title and blocks.
pub fn count(title: &str, blocks: &[Block]) -> usize {
    std::iter::once(title)
        .chain(blocks.iter().map(|b| b.text.as_str()))
        .map(count_in)
        .sum()
}

/// The words of one text, in a single pass over its chars: a word counts at its first letter or
/// digit, and whitespace starts the next.
fn count_in(text: &str) -> usize {
    let mut n = 0;
    let mut counted = false;
    for c in text.chars() {
        if c.is_whitespace() {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            n += 1;
            counted = true;
        }
    }
    n
}

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
        ] {
            assert_eq!(count_in(t), split(t), "{t:?}");
        }
    }
}
