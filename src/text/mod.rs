//! Text handling shared by the loaders, the reader and the printer: sanitising and typesetting.

pub mod sanitize;
pub mod typeset;

/// `s` with every run of whitespace made one space and the ends trimmed.
pub fn collapse(s: &str) -> String {
    // Most lines (headlines, names) are already collapsed: ASCII with single spaces, no space at
    // either end. They are copied as they are.
    let b = s.as_bytes();
    if b.iter().all(|c| (b' '..=b'~').contains(c))
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::collapse;

    #[test]
    fn collapse_copies_clean_lines_and_mends_the_rest() {
        assert_eq!(collapse("Harbor pilots walk out"), "Harbor pilots walk out");
        assert_eq!(collapse("a\x0bb"), "a b");
        assert_eq!(collapse("a  b"), "a b");
        assert_eq!(collapse(" a b"), "a b");
        assert_eq!(collapse("a b "), "a b");
        assert_eq!(collapse("é\u{2003} b"), "é b");
        assert_eq!(collapse(""), "");
    }
}
