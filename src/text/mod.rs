//! Text handling shared by the reader and the printer: typesetting (sanitising is below the
//! model, in `crate::sanitize`).

pub mod hyperlink;
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

/// The `http://` and `https://` URLs written out in `text`, without trailing punctuation, each
/// with its byte offset.
pub fn bare_urls(text: &str) -> Vec<(usize, String)> {
    let mut urls = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("http").map(|i| i + from) {
        let rest = &text[i..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            from = i + 4;
            continue;
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”'))
            .unwrap_or(rest.len());
        let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '’']);
        if url.len() > "https://".len() {
            urls.push((i, url.to_string()));
        }
        from = i + len.max(4);
    }
    urls
}

/// [`collapse`] of `raw`, and where each of `ranges` (byte ranges of `raw`) stands in it, in
/// `char`s; `None` for a range holding only whitespace. Text is set word by word from `raw`
/// once, so a paragraph with many links costs no more than one without.
pub fn collapse_placed(
    raw: &str,
    ranges: &[(usize, usize)],
) -> (String, Vec<Option<(usize, usize)>>) {
    let mut starts: Vec<(usize, usize)> =
        ranges.iter().enumerate().map(|(k, r)| (r.0, k)).collect();
    let mut ends: Vec<(usize, usize)> = ranges.iter().enumerate().map(|(k, r)| (r.1, k)).collect();
    starts.sort_unstable();
    ends.sort_unstable();
    let (mut s, mut e) = (starts.iter().peekable(), ends.iter().peekable());
    let mut placed = vec![(0usize, 0usize); ranges.len()];
    let mut out = String::with_capacity(raw.len());
    let (mut chars, mut pending) = (0usize, false);
    for (i, c) in raw.char_indices() {
        while let Some((_, k)) = e.next_if(|(b, _)| *b <= i) {
            placed[*k].1 = chars;
        }
        if c.is_whitespace() {
            pending = true;
            continue;
        }
        if pending && chars > 0 {
            out.push(' ');
            chars += 1;
        }
        pending = false;
        // A range starts at its first word, wherever its bytes begin.
        while let Some((_, k)) = s.next_if(|(b, _)| *b <= i) {
            placed[*k].0 = chars;
        }
        out.push(c);
        chars += 1;
    }
    for (_, k) in e {
        placed[*k].1 = chars;
    }
    for (_, k) in s {
        placed[*k].0 = chars;
    }
    let placed = placed
        .into_iter()
        .map(|(s, e)| (s < e).then_some((s, e)))
        .collect();
    (out, placed)
}

#[cfg(test)]
mod tests {
    use super::{collapse, collapse_placed};

    #[test]
    fn placed_ranges_follow_the_collapsed_text() {
        let raw = "  The  harbor\n pilots [said] so  ";
        let s = raw.find("harbor").unwrap();
        let p = raw.find("pilots").unwrap();
        let q = raw.find('[').unwrap();
        let (text, at) = collapse_placed(raw, &[(s, p), (q, q + 6), (0, 2), (q, raw.len())]);
        assert_eq!(text, collapse(raw));
        let cut = |r: Option<(usize, usize)>| {
            r.map(|(a, b)| text.chars().skip(a).take(b - a).collect::<String>())
        };
        assert_eq!(cut(at[0]).as_deref(), Some("harbor"));
        assert_eq!(cut(at[1]).as_deref(), Some("[said]"));
        assert_eq!(at[2], None, "only whitespace");
        assert_eq!(cut(at[3]).as_deref(), Some("[said] so"));
        let (wide, at) = collapse_placed("東京  港", &[(8, 11)]);
        assert_eq!((wide.as_str(), at[0]), ("東京 港", Some((3, 4))));
    }

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
