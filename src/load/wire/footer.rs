//! Credit, follow and copyright lines at the end of an article, and the URLs in any text.

use super::agency;
use super::lines::{collapse, ends_full_stop, ends_sentence, words_upto};
use crate::article::{Link, LinkAt};

/// A footer line longer than this is a paragraph that mentions credits.
const MAX_FOOTER: usize = 600;

/// Whether the line can belong to the footer: a credit (`… contributed to this report.`,
/// `… contributed.`, `X reported from Y.`), a staff list (`Reporting by …; Editing by …`,
/// `Additional reporting by …`), a follow line, a copyright notice (`Copyright …`, `© …`,
/// `All rights reserved`), a correction note (`This story has been corrected …`,
/// `Correction: …`) or an agency sign-off (`Reuter`, `— Reuters`).
pub(super) fn is_footer_like(line: &str) -> bool {
    if line.len() > MAX_FOOTER {
        return false;
    }
    if line.starts_with("Follow ") {
        return is_follow(line);
    }
    if line.contains('©') {
        return true;
    }
    // Every other rule is ASCII: a copy lower-cased in ASCII is enough (lower-casing a non-ASCII
    // char never yields these ASCII letters: `İ` gives `i` plus a combining dot) and keeps
    // the copy valid UTF-8. Lines here are at most MAX_FOOTER bytes.
    let mut buf = [0u8; MAX_FOOTER];
    let buf = &mut buf[..line.len()];
    buf.copy_from_slice(line.as_bytes());
    buf.make_ascii_lowercase();
    let Ok(l) = std::str::from_utf8(buf) else {
        return false;
    };
    is_credit(l)
        || is_copyright(l)
        || is_staff_list(line, l)
        || is_correction(l)
        || signoff_agency(line).is_some()
        || is_end_mark(line)
}

/// The marks old wire copy and press releases put after the last line: `-30-`, and the
/// end-of-text control (ETX) as archives spell it (`&#3;`) or as the sanitiser shows it (`␃`).
fn is_end_mark(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let t: String = line.split_whitespace().collect();
    !t.is_empty()
        && (t == "-30-"
            || t.split_inclusive(';').all(|m| m == "&#3;")
            || t.chars().all(|c| c == '␃'))
}

/// `… contributed to this report.`, `Ana Ruiz contributed.`, `Ruiz reported from Lima.`
/// (`l` lower-cased).
fn is_credit(l: &str) -> bool {
    if !l.contains("contributed") && !l.contains(" reported from ") {
        return false;
    }
    [
        "contributed to this report",
        "contributed to this story",
        "contributed to this article",
        "contributed reporting",
    ]
    .iter()
    .any(|p| l.contains(p))
        || (l.trim_end().ends_with("contributed.") && words_upto(l, 30) <= 30)
        || (l.contains(" reported from ") && ends_full_stop(l) && words_upto(l, 20) <= 20)
}

/// `Copyright …`, `(c) 2026 …`, `… All rights reserved.` (`l` lower-cased).
fn is_copyright(l: &str) -> bool {
    l.starts_with("copyright")
        || l.strip_prefix("(c)")
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        || l.contains("all rights reserved")
}

/// The jobs a wire story's staff list names before `by`.
const JOBS: [&str; 9] = [
    "reporting",
    "additional reporting",
    "writing",
    "editing",
    "edited",
    "compiled",
    "reporting and writing",
    "writing and editing",
    "research",
];

/// A staff list such as `Reporting by Ana Ruiz in Kessel; Editing by Bo Lind`, maybe in
/// brackets: a job, `by`, and a name that starts in upper case (so a closing paragraph such
/// as `Reporting by the local paper was wrong.` stays a paragraph). `l` is `line` lower-cased.
fn is_staff_list(line: &str, l: &str) -> bool {
    let lead = l.len() - l.trim_start_matches(['(', '[', ' ']).len();
    let rest = &l[lead..];
    JOBS.iter().any(|job| {
        rest.strip_prefix(job)
            .and_then(|r| r.strip_prefix(" by "))
            .is_some_and(|r| {
                let name = &line[line.len() - r.len()..];
                name.starts_with(|c: char| c.is_uppercase()) && words_upto(r, 60) <= 60
            })
    })
}

/// Notes on corrections and updates (`l` lower-cased, maybe in brackets).
fn is_correction(l: &str) -> bool {
    let rest = l.trim_start_matches(['(', '[', '*', ' ']);
    [
        "correction:",
        "corrections:",
        "clarification:",
        "this story has been corrected",
        "this story was corrected",
        "this article has been corrected",
        "this article was corrected",
        "this story has been amended",
        "this article has been amended",
        "this article was amended",
        "this story has been updated to",
        "this article has been updated to",
        "an earlier version of this story",
        "an earlier version of this article",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
}

/// The agency an end-of-story sign-off names: `Reuter` or `REUTER` (the old wire sign-off) or
/// `Reuters` alone on its line, or a dash and an agency (`— Reuters`, `-- AP`).
pub(super) fn signoff_agency(line: &str) -> Option<&'static str> {
    // The end-of-text mark of old archives may stick to the sign-off (`Reuter&#3;`).
    let t = line
        .trim()
        .trim_end_matches('␃')
        .trim_end_matches("&#3;")
        .trim_end()
        .trim_end_matches('.');
    if ["reuter", "reuters"]
        .iter()
        .any(|r| r.eq_ignore_ascii_case(t))
    {
        return Some("Reuters");
    }
    let rest = ["—", "–", "--", "-"]
        .iter()
        .find_map(|d| t.strip_prefix(d))?
        .trim_start();
    agency::from_name(rest)
}

/// The paragraph and the sign-off when a paragraph ends with the old wire sign-off after its
/// last sentence (`… the company said. Reuter`).
pub(super) fn split_signoff(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_end();
    let (before, mark) = t.rsplit_once(' ')?;
    (matches!(mark, "Reuter" | "REUTER") && ends_sentence(before))
        .then(|| (before.trim_end(), mark))
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
        bare_links(&rest[end..], None, out);
        return;
    }
    bare_links(line, None, out);
}

/// Every bare URL in `text`, each labelled with itself (the words around it are the text's,
/// not the link's); `block` places them in that body block.
pub(super) fn bare_links(text: &str, block: Option<usize>, out: &mut Vec<Link>) {
    // Every URL starts `http` or `www.`: most blocks have neither and need no word-by-word look.
    if !text.contains("http") && !text.contains("www.") {
        return;
    }
    // Char offsets, counted on from the last URL so a line with many stays linear.
    let (mut byte, mut chars) = (0, 0);
    for (start, end) in url_spans(text) {
        chars += text[byte..start].chars().count();
        let first = chars;
        let url = &text[start..end];
        chars += url.chars().count();
        byte = end;
        out.push(Link {
            text: url.to_string(),
            url: url.to_string(),
            at: block.map(|block| LinkAt {
                block,
                start: first,
                end: chars,
            }),
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
    fn staff_lists_corrections_and_sign_offs() {
        for l in [
            "Reporting by Ana Ruiz in Kessel; Writing by Bo Lind; Editing by Cy Moore",
            "(Reporting by Ana Ruiz; Editing by Cy Moore)",
            "Additional reporting by Dana Holt in Port Calloway",
            "Editing by Cy Moore",
            "— Reuters",
            "- Reuters",
            "-- AP",
            "Reuter",
            "REUTER",
            "© 2026 Ostervik Courier",
            "(c) 2026 Ostervik Courier",
            "Copyright 2026 Veldmark Wire. All rights reserved.",
            "All rights reserved.",
            "This story has been corrected to show the bridge opened in 1931, not 1913.",
            "(This article has been corrected to fix the spelling of the mayor's name)",
            "Correction: An earlier version misnamed the ferry.",
            "&#3;",
            "␃",
            "-30-",
            "- 30 -",
            "Reuter&#3;",
            "Reuter &#3;",
            "REUTER ␃",
        ] {
            assert!(is_footer_like(l), "{l}");
        }
        for l in [
            "Reporting by the local paper turned out to be wrong, the mayor said.",
            "Editing by hand took the archivists three years.",
            "The correction: a smaller budget next year.",
            "— and then the lights went out.",
            "Reuters reported the deal on Monday.",
            "This story has been told many times in Kessel.",
            "-30- degrees in Ostervik",
            "&#3; and more",
        ] {
            assert!(!is_footer_like(l), "{l}");
        }
        assert_eq!(signoff_agency(" Reuter"), Some("Reuters"));
        assert_eq!(
            signoff_agency("— The Associated Press"),
            Some("Associated Press")
        );
        assert_eq!(signoff_agency("— Kessel"), None);
        assert_eq!(
            split_signoff("The mill will reopen in May, the company said. Reuter"),
            Some(("The mill will reopen in May, the company said.", "Reuter"))
        );
        assert_eq!(split_signoff("The talks went on with Reuter"), None);
        assert_eq!(split_signoff("Reuter"), None);
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
    fn bare_urls_are_their_own_label_and_every_one_is_placed() {
        let mut links = Vec::new();
        let text = "Filed earlier. Details are at (https://example.org/a). Another at www.example.com, too";
        bare_links(text, Some(3), &mut links);
        let urls: Vec<_> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://example.org/a", "www.example.com"]);
        assert_eq!(links[0].text, "https://example.org/a");
        assert_eq!(links[1].text, "www.example.com");
        for l in &links {
            let at = l.at.expect("placed");
            assert_eq!(at.block, 3);
            let words: String = text
                .chars()
                .skip(at.start)
                .take(at.end - at.start)
                .collect();
            assert_eq!(words, l.url);
        }
    }

    #[test]
    fn urls_after_wide_characters_are_placed_by_chars() {
        let mut links = Vec::new();
        bare_links(
            "東京 — see https://example.org/東 and http://b.test",
            Some(0),
            &mut links,
        );
        let at: Vec<_> = links
            .iter()
            .map(|l| l.at.map(|a| (a.start, a.end)))
            .collect();
        assert_eq!(at, [Some((9, 30)), Some((35, 48))]);
    }

    #[test]
    fn many_urls_in_a_huge_line_are_all_kept() {
        let line = "see https://example.org/x ".repeat(100_000);
        let mut links = Vec::new();
        bare_links(&line, None, &mut links);
        assert_eq!(links.len(), 100_000);
        assert!(links.iter().all(|l| l.text == "https://example.org/x"));
    }
}
