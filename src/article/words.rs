//! Word counting for the `words` field and reading time.

use super::Block;

/// Counts whitespace-separated words that hold at least one letter or digit, in title and blocks.
pub fn count(title: &str, blocks: &[Block]) -> usize {
    std::iter::once(title)
        .chain(blocks.iter().map(|b| b.text.as_str()))
        .flat_map(str::split_whitespace)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_not_dashes() {
        let blocks = vec![Block::paragraph("One two — three."), Block::heading("Four")];
        assert_eq!(count("Title here", &blocks), 6);
    }
}
