//! The dateline opening the first paragraph: `GUATIRE, Venezuela (AP) — `.

use super::lines::{collapse, floor_boundary, starts_lower};

/// The dash is looked for only this far into the paragraph (keeps huge lines cheap).
const WINDOW: usize = 160;

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Dateline<'a> {
    /// Place, country and bracket as written, without the dash.
    pub text: String,
    /// What the bracket holds (`AP`), if there is one.
    pub code: Option<String>,
    /// The paragraph after the dash.
    pub rest: &'a str,
}

/// Splits a dateline off the start of `para`: a place in capitals, an optional `, Country`, an
/// optional `(AGENCY)`, then a dash (`—`, `–`, `--` or a spaced `-`).
pub(super) fn split(para: &str) -> Option<Dateline<'_>> {
    let end = floor_boundary(para, WINDOW);
    let window = &para[..end];
    let (at, len) = first_dash(window)?;
    let head = window[..at].trim_end();
    let code = check_head(head)?;
    let rest = para[at + len..].trim_start();
    // `NATO — which …` is a sentence, not a place: the paragraph after a dateline starts a
    // sentence.
    if starts_lower(rest) {
        return None;
    }
    Some(Dateline {
        text: collapse(head),
        code,
        rest,
    })
}

/// Byte offset and length of the first dash that can end a dateline. A hyphen counts only with a
/// space on one side or after a bracket, so `WINSTON-SALEM` is still a place.
fn first_dash(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        match c {
            '—' | '–' => return Some((i, c.len_utf8())),
            '-' if b.get(i + 1) == Some(&b'-') => return Some((i, 2)),
            '-' => {
                let before = s[..i].chars().next_back();
                let after = s[i + 1..].chars().next();
                let spaced = before.is_some_and(|c| c.is_whitespace() || c == ')')
                    || after.is_some_and(char::is_whitespace);
                if spaced {
                    return Some((i, 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Checks the part before the dash; returns the bracket's contents (`Some(None)` without one).
fn check_head(head: &str) -> Option<Option<String>> {
    let (place_part, code) = match head.strip_suffix(')') {
        Some(h) => {
            let open = h.rfind('(')?;
            let code = h[open + 1..].trim();
            let ok = (1..=24).contains(&code.len())
                && code
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '&'));
            if !ok {
                return None;
            }
            (h[..open].trim_end(), Some(code.to_string()))
        }
        None => (head, None),
    };
    let (place, country) = match place_part.split_once(',') {
        Some((p, c)) => (p.trim(), Some(c.trim())),
        None => (place_part, None),
    };
    // With an agency bracket the form is unmistakable, so a title-case place is accepted too.
    if !is_place(place, code.is_some()) {
        return None;
    }
    if let Some(c) = country
        && !is_country(c)
    {
        return None;
    }
    Some(code)
}

/// A place in capitals (`GUATIRE`, `ST. LOUIS`, `VALPARAÍSO`), or title case when `lenient`.
fn is_place(s: &str, lenient: bool) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let shape_ok = s
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    if s.len() > 40 || letters < 2 || !shape_ok {
        return false;
    }
    if lenient {
        s.split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
    } else {
        s.chars().all(|c| !c.is_lowercase())
    }
}

/// A country or state after the place's comma: a few capitalised words (`Venezuela`, `Calif.`).
fn is_country(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=4).contains(&words)
        && s.len() <= 40
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(s: &str) -> Option<(String, Option<String>, String)> {
        split(s).map(|d| (d.text, d.code, d.rest.to_string()))
    }

    #[test]
    fn dash_forms() {
        for (line, want_rest) in [
            (
                "PORTO ALEGRE, Brazil (AP) — Harbor pilots struck.",
                "Harbor pilots struck.",
            ),
            (
                "PORTO ALEGRE, Brazil (AP) – Harbor pilots struck.",
                "Harbor pilots struck.",
            ),
            (
                "PORTO ALEGRE, Brazil (AP) - Harbor pilots struck.",
                "Harbor pilots struck.",
            ),
            (
                "PORTO ALEGRE, Brazil (AP) -- Harbor pilots struck.",
                "Harbor pilots struck.",
            ),
            (
                "PORTO ALEGRE, Brazil (AP)—Harbor pilots struck.",
                "Harbor pilots struck.",
            ),
            (
                "PORTO ALEGRE, Brazil (AP)-Harbor pilots struck.",
                "Harbor pilots struck.",
            ),
        ] {
            let (text, code, rest) = dl(line).unwrap();
            assert_eq!(text, "PORTO ALEGRE, Brazil (AP)", "{line}");
            assert_eq!(code.as_deref(), Some("AP"));
            assert_eq!(rest, want_rest);
        }
    }

    #[test]
    fn place_alone_and_place_with_country() {
        let (t, c, r) = dl("OSLO — Ferries stopped.").unwrap();
        assert_eq!(
            (t.as_str(), c, r.as_str()),
            ("OSLO", None, "Ferries stopped.")
        );
        let (t, _, _) = dl("WINSTON-SALEM, N.C. (Reuters) - Mills closed.").unwrap();
        assert_eq!(t, "WINSTON-SALEM, N.C. (Reuters)");
        let (t, _, _) = dl("VALPARAÍSO, Chile — Cranes idle.").unwrap();
        assert_eq!(t, "VALPARAÍSO, Chile");
    }

    #[test]
    fn sentences_are_not_datelines() {
        assert_eq!(
            dl("NASA said on Tuesday — after a delay — that it would launch."),
            None
        );
        assert_eq!(dl("NATO — which met on Friday — agreed."), None);
        assert_eq!(dl("The mayor said - again - no."), None);
        assert_eq!(dl("EU-wide rules take effect today."), None);
        assert_eq!(dl("Harbor pilots walked out on Monday."), None);
    }

    #[test]
    fn huge_paragraph_is_cheap() {
        let big = format!("OSLO — A{}", "a".repeat(5_000_000));
        let d = split(&big).unwrap();
        assert_eq!(d.rest.len(), 5_000_001);
        let big = "ö".repeat(1_000_000);
        assert_eq!(dl(&big), None);
    }
}
