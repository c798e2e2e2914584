//! The dateline opening the first paragraph: `GUATIRE, Venezuela (AP) — `, and its other
//! forms: a date after the place (`PORT EMBER, April 25 (Reuters) -`), several places
//! (`EMBER/KESSEL`), the agency alone (`(CNN) --`), no space and no dash after the agency
//! (`Kessel, Veldmark (CNN)The …`) and a colon (`KESSEL: `).

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

/// Words in capitals that open a paragraph with a colon without being a place.
const NOT_PLACES: [&str; 20] = [
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "WATCH",
    "LISTEN",
    "NOTE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "CORRECTION",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "VIDEO",
    "PHOTOS",
    "LIVE",
    "READ MORE",
    "ADVISORY",
    "WARNING",
    "FACT CHECK",
    "SPOILER",
];

/// Splits a dateline off the start of `para`: a place in capitals, an optional `, Country`
/// and/or `, Month Day`, an optional `(AGENCY)`, then a dash (`—`, `–`, `--` or a spaced `-`);
/// or a place in capitals and a colon; or a place and an agency with no dash at all.
pub(super) fn split(para: &str) -> Option<Dateline<'_>> {
    let end = floor_boundary(para, WINDOW);
    let window = &para[..end];
    let dash = first_dash(window);
    let colon = window.find(": ");
    if let Some(c) = colon
        && dash.is_none_or(|(at, _)| c < at)
        && let Some(d) = by_colon(para, c)
    {
        return Some(d);
    }
    dash.and_then(|(at, len)| {
        let head = window[..at].trim_end();
        let code = check_head(head)?;
        finish(head, code, &para[at + len..])
    })
    .or_else(|| by_bracket(para, window))
}

/// The dateline found, when the paragraph after it starts a sentence: `NATO — which …` is a
/// sentence, not a place.
fn finish<'a>(head: &str, code: Option<String>, rest: &'a str) -> Option<Dateline<'a>> {
    let rest = rest.trim_start();
    if starts_lower(rest) {
        return None;
    }
    Some(Dateline {
        text: collapse(head),
        code,
        rest,
    })
}

/// `KESSEL: The …` and `KESSEL, Veldmark: The …`: a place in capitals before a colon.
fn by_colon(para: &str, at: usize) -> Option<Dateline<'_>> {
    let head = para[..at].trim_end();
    let place = head.split(',').next().unwrap_or(head).trim();
    if NOT_PLACES.contains(&place) || !head.chars().any(char::is_alphabetic) {
        return None;
    }
    let code = check_head(head)?;
    if code.is_some() {
        return None;
    }
    let rest = para[at + 1..].trim_start();
    // The text after a colon dateline starts a sentence with a capital, a digit or a quote.
    let first = rest.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '“' | '"' | '‘')) {
        return None;
    }
    finish(head, None, rest)
}

/// `Kessel, Veldmark (CNN)The …`: a place and an agency bracket with no dash after it. Without
/// a space the form is unmistakable; with one, the bracket must name a known agency.
fn by_bracket<'a>(para: &'a str, window: &str) -> Option<Dateline<'a>> {
    let close = window.find(')')?;
    let head = &window[..=close];
    let code = check_head(head)??;
    let rest = &para[close + 1..];
    let tight = rest.starts_with(|c: char| c.is_uppercase() || c == '“' || c == '"');
    let known = super::agency::from_name(&code).is_some() || code.eq_ignore_ascii_case("CNN");
    if !(tight || (known && rest.starts_with(' '))) {
        return None;
    }
    let first = rest.trim_start().chars().next()?;
    if !(first.is_uppercase() || matches!(first, '“' | '"')) {
        return None;
    }
    finish(head, Some(code), rest)
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
    // `(CNN) --`: the agency alone.
    if place_part.is_empty() {
        return code.is_some().then_some(code);
    }
    let mut parts = place_part.split(',');
    let place = parts.next().unwrap_or("").trim();
    // With an agency bracket the form is unmistakable, so a title-case place is accepted too.
    if !is_place(place, code.is_some()) {
        return None;
    }
    // After the place: a country or state, a date (`April 25`), or both; at most two parts.
    let mut after = 0;
    for part in parts {
        let part = part.trim();
        after += 1;
        if after > 2 || !(is_country(part) || is_month_day(part)) {
            return None;
        }
    }
    Some(code)
}

/// `April 25`, `Nov. 22`, `March 3 2026`: a month name and a day.
fn is_month_day(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let (Some(m), Some(d)) = (words.next(), words.next()) else {
        return false;
    };
    let year_ok = words
        .next()
        .is_none_or(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    crate::article::date::month_of(m).is_some()
        && d.len() <= 2
        && d.bytes().all(|b| b.is_ascii_digit())
        && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        && year_ok
        && words.next().is_none()
}

/// A place in capitals (`GUATIRE`, `ST. LOUIS`, `VALPARAÍSO`), or title case when `lenient`.
fn is_place(s: &str, lenient: bool) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let shape_ok = s
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-' | '/'));
    if s.len() > 40 || letters < 2 || !shape_ok || s.starts_with('/') || s.ends_with('/') {
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
    fn other_forms() {
        for (line, text, code, rest) in [
            (
                "PORT EMBER, April 25 (Reuters) - Grain barges queued.",
                "PORT EMBER, April 25 (Reuters)",
                Some("Reuters"),
                "Grain barges queued.",
            ),
            (
                "EMBER/KESSEL, March 7 (Reuters) - Grain barges queued.",
                "EMBER/KESSEL, March 7 (Reuters)",
                Some("Reuters"),
                "Grain barges queued.",
            ),
            (
                "KESSEL, Nov 22 — Grain barges queued.",
                "KESSEL, Nov 22",
                None,
                "Grain barges queued.",
            ),
            (
                "KESSEL, Feb 26 - Grain barges queued.",
                "KESSEL, Feb 26",
                None,
                "Grain barges queued.",
            ),
            (
                "(CNN) -- Grain barges queued.",
                "(CNN)",
                Some("CNN"),
                "Grain barges queued.",
            ),
            (
                "Kessel, Veldmark (CNN)The grain barges queued — again.",
                "Kessel, Veldmark (CNN)",
                Some("CNN"),
                "The grain barges queued — again.",
            ),
            (
                "KESSEL: Grain barges queued.",
                "KESSEL",
                None,
                "Grain barges queued.",
            ),
            (
                "KESSEL, March 3 (Xinhua) -- Grain barges queued.",
                "KESSEL, March 3 (Xinhua)",
                Some("Xinhua"),
                "Grain barges queued.",
            ),
            (
                "KESSEL, Veldmark, March 3 (AP) — Grain barges queued.",
                "KESSEL, Veldmark, March 3 (AP)",
                Some("AP"),
                "Grain barges queued.",
            ),
        ] {
            let (t, c, r) = dl(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(t, text, "{line}");
            assert_eq!(c.as_deref(), code, "{line}");
            assert_eq!(r, rest, "{line}");
        }
    }

    #[test]
    fn sentences_in_the_new_forms_are_not_datelines() {
        for line in [
            "UPDATE: The ferry sails again.",
            "The mayor said: “Not today.”",
            "Officials (who asked not to be named) said the vote was close.",
            "Senator Ada Holm (D) said the vote was close.",
            "Kessel (pop. 4,000) — a port town — voted.",
            "KESSEL: the ferry sails.",
            "The port reopened on April 25 - after a long wait.",
            "In April 25 ships - and more - sailed.",
            "/ — Grain.",
        ] {
            assert_eq!(dl(line), None, "{line}");
        }
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
