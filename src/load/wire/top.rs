//! The top of a news-wire article: headline, date line, byline and agency line.

use super::agency;
use super::lines::{collapse, ends_full_stop, is_debris};
use crate::article::date;

/// How many non-empty lines after the headline may still be date, byline or agency lines.
const TOP_LINES: usize = 6;
/// A byline longer than this is prose that happens to start with `By`.
const MAX_BYLINE: usize = 300;

/// What the first few lines of an article say: enough for a list row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// The headline, whitespace collapsed.
    pub title: String,
    /// The date line as written (trimmed).
    pub date: Option<String>,
    /// The calendar date the date line names, `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// The byline's names, without `By` and the agency.
    pub authors: Vec<String>,
    /// The agency named by the byline or an agency line.
    pub source: Option<String>,
}

/// Reads the header from `lines` and returns it with the number of lines it used; the body
/// starts at that index. Only the headline and up to [`TOP_LINES`] lines after it are read.
pub(super) fn read<'a>(lines: impl Iterator<Item = &'a str>) -> (Header, usize) {
    let mut h = Header::default();
    let mut seen = 0;
    let mut byline = false;
    let mut after_byline = false;
    let mut used = 0;
    for (i, raw) in lines.enumerate() {
        used = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if h.title.is_empty() {
            h.title = collapse(line);
            continue;
        }
        if seen == TOP_LINES {
            return (h, i);
        }
        seen += 1;
        let just_after_byline = std::mem::take(&mut after_byline);
        if is_debris(line) {
            continue;
        }
        if let Some(iso) = date::date_line_iso(line) {
            // A second date line (`Updated …` under `Published …`) is header too; the first wins.
            if h.date.is_none() {
                h.date = Some(line.to_string());
                h.date_iso = Some(iso);
            }
            continue;
        }
        if !byline && let Some(rest) = strip_by(line) {
            byline = true;
            after_byline = true;
            let (authors, source) = parse_byline(rest);
            h.authors = authors;
            if h.source.is_none() {
                h.source = source;
            }
            continue;
        }
        if h.source.is_none()
            && let Some(source) = agency_line(line, just_after_byline)
        {
            h.source = Some(source);
            continue;
        }
        return (h, i);
    }
    (h, used)
}

/// The names after `By ` when the line is a byline.
fn strip_by(line: &str) -> Option<&str> {
    if line.len() > MAX_BYLINE {
        return None;
    }
    let rest = ["By ", "BY ", "by "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?
        .trim();
    let first = rest.chars().next()?;
    // `By noon, the crowds had gone.` is prose: a lower-case word, or a closing full stop
    // that is not an initial (`By JANE Q.` keeps its initial).
    let last_word = rest.split_whitespace().next_back().unwrap_or("");
    if first.is_lowercase() || (ends_full_stop(rest) && last_word.chars().count() > 2) {
        return None;
    }
    Some(rest)
}

/// Splits a byline (without `By`) into author names and the agency, if one is named.
///
/// `JANE ROE, Associated Press` → `[JANE ROE]`, `Associated Press`; `A, B and C` → three names.
fn parse_byline(rest: &str) -> (Vec<String>, Option<String>) {
    let mut parts: Vec<&str> = rest
        .split([',', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut source = None;
    if let Some(last) = parts.last() {
        let named = agency::from_name(last)
            .or_else(|| agency::from_role(last))
            .map(str::to_string)
            .or_else(|| (parts.len() > 1 && is_publication(last)).then(|| last.to_string()))
            .or_else(|| trailing_outlet(&parts).then(|| last.to_string()));
        if named.is_some() {
            source = named;
            parts.pop();
        }
    }
    let mut authors = Vec::new();
    for part in parts {
        let part = part
            .strip_prefix("and ")
            .or_else(|| part.strip_prefix("& "))
            .unwrap_or(part);
        for name in split_on(part, " and ").flat_map(|p| split_on(p, " & ")) {
            let name = collapse(name);
            if !name.is_empty() {
                authors.push(name);
            }
        }
    }
    (authors, source)
}

/// Whether `s` holds `pat`; a plain byte scan, cheaper than `str::contains` on a byline's short
/// parts (which builds a substring searcher for each call).
fn has(s: &str, pat: &str) -> bool {
    s.as_bytes().windows(pat.len()).any(|w| w == pat.as_bytes())
}

/// `s.split(pat)` by the same plain byte scan as [`has`].
fn split_on<'a>(s: &'a str, pat: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r
            .as_bytes()
            .windows(pat.len())
            .position(|w| w == pat.as_bytes())
        {
            Some(k) => {
                rest = Some(&r[k + pat.len()..]);
                Some(&r[..k])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Whether the last comma part names where the authors work rather than one more author:
/// authors are joined with `and`, so in `A, Outlet` and `A and B, Outlet` the part after the
/// last comma, holding no `and` itself, is the outlet; `A, B and C` keeps its `and` at the end.
fn trailing_outlet(parts: &[&str]) -> bool {
    let has_and = |p: &str| p.starts_with("and ") || has(p, " and ") || has(p, " & ");
    match parts {
        [_, .., last] if !has_and(last) => {
            parts.len() == 2 || parts[..parts.len() - 1].iter().any(|p| has_and(p))
        }
        _ => false,
    }
}

/// A publication named after a byline's comma: `The Harbor Gazette` (a `The` and a few words).
fn is_publication(s: &str) -> bool {
    s.starts_with("The ") && s.split_whitespace().count() <= 5 && !ends_full_stop(s)
}

/// The agency a line on its own names: a known agency anywhere in the top, or right after the
/// byline also a publication such as `The Harbor Gazette`.
fn agency_line(line: &str, after_byline: bool) -> Option<String> {
    if let Some(a) = agency::from_name(line) {
        return Some(a.to_string());
    }
    (after_byline && (is_publication(line) || is_outlet_name(line))).then(|| line.to_string())
}

/// A short title-case name with no sentence punctuation, such as `Meridian Wire Service`,
/// standing on the line under a byline: that is where wire copy names the outlet.
fn is_outlet_name(line: &str) -> bool {
    // Counting stops at six words: a paragraph is settled without splitting all of it.
    (1..=5).contains(&line.split_whitespace().take(6).count())
        && !line.ends_with(['.', '!', '?', ':', ',', ';', '”', '"'])
        && line.split_whitespace().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || matches!(w, "of" | "the" | "and" | "de")
        })
        && !crate::article::date::is_date_line(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(text: &str) -> (Header, usize) {
        read(text.split('\n'))
    }

    #[test]
    fn an_outlet_on_the_line_under_the_byline_is_the_source() {
        let (h, _) = top(
            "Comet seen\nMarch 9, 2026\nBy PRIYA NATARAJAN\nMeridian Wire Service\nLINDQVIST (MWS) — A comet.\n",
        );
        assert_eq!(h.source.as_deref(), Some("Meridian Wire Service"));
        assert_eq!(h.authors, vec!["PRIYA NATARAJAN".to_string()]);
        let (h, _) = top("Comet seen\nMarch 9, 2026\nBy PRIYA NATARAJAN\nThe comet was bright.\n");
        assert_eq!(h.source, None);
    }

    #[test]
    fn an_unknown_outlet_after_the_authors_is_the_source() {
        assert_eq!(
            parse_byline("LENA MARSH and TOMAS VIK, Coastline Wire"),
            (
                vec!["LENA MARSH".to_string(), "TOMAS VIK".to_string()],
                Some("Coastline Wire".to_string())
            )
        );
        assert_eq!(
            parse_byline("Dafydd Pryce, Northern Courier").1.as_deref(),
            Some("Northern Courier")
        );
        assert_eq!(parse_byline("ANA RUIZ, BO LIND and CY MOORE").0.len(), 3);
        assert_eq!(parse_byline("ANA RUIZ, BO LIND and CY MOORE").1, None);
        assert_eq!(
            parse_byline("ANA RUIZ, BO LIND and CY MOORE, Harbor Post")
                .1
                .as_deref(),
            Some("Harbor Post")
        );
    }

    #[test]
    fn the_byte_scans_split_as_str_split_does() {
        for s in [
            "A and B",
            "and",
            "A and B and C",
            "",
            " and ",
            "Ana & Bo",
            "Andy Sandand",
        ] {
            for pat in [" and ", " & "] {
                assert_eq!(
                    split_on(s, pat).collect::<Vec<_>>(),
                    s.split(pat).collect::<Vec<_>>()
                );
                assert_eq!(has(s, pat), s.contains(pat), "{s:?} {pat:?}");
            }
        }
    }

    #[test]
    fn byline_forms() {
        let (a, s) = parse_byline("JANE ROE, Associated Press");
        assert_eq!(
            (a, s.as_deref()),
            (vec!["JANE ROE".to_string()], Some("Associated Press"))
        );
        let (a, s) = parse_byline("Ann Lee, Bo Park and Cy Diaz");
        assert_eq!(a, ["Ann Lee", "Bo Park", "Cy Diaz"]);
        assert_eq!(s, None);
        let (a, _) = parse_byline("Ann Lee, Bo Park, and Cy Diaz, Reuters");
        assert_eq!(a, ["Ann Lee", "Bo Park", "Cy Diaz"]);
        let (a, s) = parse_byline("ANN LEE and BO PARK, AP Business Writers");
        assert_eq!(a, ["ANN LEE", "BO PARK"]);
        assert_eq!(s.as_deref(), Some("Associated Press"));
        let (a, s) = parse_byline("The Associated Press");
        assert!(a.is_empty());
        assert_eq!(s.as_deref(), Some("Associated Press"));
    }

    #[test]
    fn prose_starting_with_by_is_not_a_byline() {
        assert_eq!(strip_by("By noon, the harbor was empty."), None);
        assert_eq!(strip_by("By Monday most boats had left."), None);
        assert_eq!(strip_by("By JANE Q."), Some("JANE Q."));
    }

    #[test]
    fn agency_on_the_next_line_and_the_body_index() {
        let (h, used) =
            top("Title\n\nBy ANN LEE\nThe Associated Press\nMarch 3, 2026\nFirst paragraph.");
        assert_eq!(h.authors, ["ANN LEE"]);
        assert_eq!(h.source.as_deref(), Some("Associated Press"));
        assert_eq!(h.date_iso.as_deref(), Some("2026-03-03"));
        assert_eq!(used, 5);
    }
}
