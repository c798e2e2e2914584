//! Credit, follow and copyright lines at the end of an article, and the URLs in any text.

use super::lines::{ceil_boundary, collapse, ends_full_stop, floor_boundary, words_upto};
use crate::article::Link;

/// A footer line longer than this is a paragraph that mentions credits.
const MAX_FOOTER: usize = 600;
/// How far either side of a bare URL its link text reaches.
const AROUND: usize = 160;

/// Whether the line can belong to the footer: a credit (`… contributed to this report.`,
/// `… contributed.`, `X reported from Y.`), a follow line, or a copyright notice.
pub(super) fn is_footer_like(line: &str) -> bool {
    if line.len() > MAX_FOOTER || !may_be_footer(line) {
        return false;
    }
    let l = line.to_lowercase();
    let credit = [
        "contributed to this report",
        "contributed to this story",
        "contributed to this article",
        "contributed reporting",
    ]
    .iter()
    .any(|p| l.contains(p))
        || (l.trim_end().ends_with("contributed.") && words_upto(&l, 30) <= 30)
        || (l.contains(" reported from ") && ends_full_stop(&l) && words_upto(&l, 20) <= 20);
    let copyright =
        l.starts_with("copyright") || l.starts_with('©') || l.contains("all rights reserved");
    credit || copyright || is_follow(line)
}

/// A quick test that rules out most lines without lower-casing them: every footer rule needs one of
/// these words. An ASCII match in any case is enough, since lower-casing a non-ASCII char never
/// yields these ASCII letters (`İ` gives `i` plus a combining dot, which breaks the word).
fn may_be_footer(line: &str) -> bool {
    if line.starts_with("Follow ") || line.contains('©') {
        return true;
    }
    // Lines here are at most MAX_FOOTER bytes; ASCII lower-casing keeps them valid UTF-8.
    let mut buf = [0u8; MAX_FOOTER];
    let buf = &mut buf[..line.len()];
    buf.copy_from_slice(line.as_bytes());
    buf.make_ascii_lowercase();
    let Ok(l) = std::str::from_utf8(buf) else {
        return true;
    };
    [
        "contributed",
        " reported from ",
        "copyright",
        "all rights reserved",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// Whether the line is `Follow … at URL` (or `… at @handle`).
fn is_follow(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("Follow ") else {
        return false;
    };
    rest.contains(" at ")
        && (url_spans(rest).next().is_some() || rest.contains('@'))
        && words_upto(rest, 40) <= 40
}

/// The links in a footer line: a follow line's URL with the words between `Follow` and `at`,
/// other URLs as bare links.
pub(super) fn footer_links(line: &str, out: &mut Vec<Link>) {
    if let Some(rest) = line.strip_prefix("Follow ")
        && let Some((start, end)) = url_spans(rest).next()
        && let Some(at) = rest[..start].rfind(" at ")
    {
        out.push(Link {
            text: collapse(&rest[..at]),
            url: rest[start..end].to_string(),
            at: None,
        });
        bare_links(&rest[end..], out);
        return;
    }
    bare_links(line, out);
}

/// Every bare URL in `text`, each with the sentence around it (bounded) as its text.
pub(super) fn bare_links(text: &str, out: &mut Vec<Link>) {
    // Every URL starts `http` or `www.`: most blocks have neither and need no word-by-word look.
    if !text.contains("http") && !text.contains("www.") {
        return;
    }
    for (start, end) in url_spans(text) {
        let from = floor_boundary(text, start.saturating_sub(AROUND));
        let to = ceil_boundary(text, end + AROUND);
        let before = &text[from..start];
        let before = match before.rfind(". ").or_else(|| before.rfind("? ")) {
            Some(i) => &before[i + 2..],
            None => before,
        };
        let after = &text[end..to];
        let after = match after.find(". ") {
            Some(i) => &after[..=i],
            None => after,
        };
        out.push(Link {
            text: collapse(&format!("{before}{}{after}", &text[start..end])),
            url: text[start..end].to_string(),
            at: None,
        });
    }
}

/// Byte ranges of the URLs in `text` (`http://`, `https://`, `www.`), trailing punctuation left out.
fn url_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let base = text.as_ptr() as usize;
    text.split_whitespace().filter_map(move |word| {
        let offset = word.as_ptr() as usize - base;
        let lead = word.len()
            - word
                .trim_start_matches(['(', '<', '[', '"', '“', '‘', '\''])
                .len();
        let w = &word[lead..];
        let is_url = w.starts_with("https://")
            || w.starts_with("http://")
            || (w.starts_with("www.") && w[4..].contains('.'));
        if !is_url {
            return None;
        }
        let w = w.trim_end_matches([
            '.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '”', '’', '\'',
        ]);
        let scheme_only = matches!(w, "https://" | "http://");
        (!scheme_only).then_some((offset + lead, offset + lead + w.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lines() {
        assert!(is_footer_like(
            "Writer Ana Ruiz in Lima contributed to this report."
        ));
        assert!(is_footer_like("Ana Ruiz contributed."));
        assert!(is_footer_like("Ruiz reported from Lima."));
        assert!(is_footer_like(
            "Follow the harbor coverage at https://example.org/harbor"
        ));
        assert!(is_footer_like(
            "Copyright 2026 The Harbor Gazette. All rights reserved."
        ));
        assert!(!is_footer_like(
            "The union said it contributed funds to the strike, and more."
        ));
        assert!(!is_footer_like("Follow the money, she said."));
    }

    #[test]
    fn follow_link_text_is_between_follow_and_at() {
        let mut links = Vec::new();
        footer_links(
            "Follow the Gazette’s port coverage at https://example.org/hub/ports",
            &mut links,
        );
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].text, "the Gazette’s port coverage");
        assert_eq!(links[0].url, "https://example.org/hub/ports");
    }

    #[test]
    fn bare_urls_with_their_sentence() {
        let mut links = Vec::new();
        bare_links(
            "Filed earlier. Details are at (https://example.org/a). Another at www.example.com, too",
            &mut links,
        );
        let urls: Vec<_> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://example.org/a", "www.example.com"]);
        assert_eq!(links[0].text, "Details are at (https://example.org/a).");
        assert!(!links[0].text.contains("Filed earlier"));
    }

    #[test]
    fn many_urls_in_a_huge_line_stay_bounded() {
        let line = "see https://example.org/x ".repeat(100_000);
        let mut links = Vec::new();
        bare_links(&line, &mut links);
        assert_eq!(links.len(), 100_000);
        assert!(links.iter().all(|l| l.text.len() <= 2 * AROUND + 40));
    }
}
