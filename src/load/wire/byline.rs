//! Bylines in their common forms: `By A, B and C`, `Written by …`, `By JANE DOE for the
//! Associated Press`, `By Jane Doe and AP`, `By Meridian News` (an outlet, no author), lines
//! without `By` (`Jane Doe, Meridian News`, `Kessel staff reporter`), `From Reuters`, and a
//! byline with the date on the same line.

use super::agency;
use super::lines::{collapse, ends_full_stop};
use crate::article::date::{self, DateLine};

/// A byline longer than this is prose that happens to start with `By`.
const MAX_BYLINE: usize = 300;

/// What a byline says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Byline {
    /// Author names as written.
    pub authors: Vec<String>,
    /// The agency or outlet it names.
    pub source: Option<String>,
}

/// Words opening a byline, compared case-blind (`By`, `Written by`, …).
const OPENERS: [&str; 8] = [
    "by ",
    "written by ",
    "story by ",
    "words by ",
    "reporting by ",
    "reported by ",
    "text by ",
    "report by ",
];

/// Last words that make a name an organisation rather than a person (`Meridian News`).
const ORG_WORDS: [&str; 44] = [
    "news",
    "press",
    "agency",
    "times",
    "post",
    "herald",
    "wire",
    "service",
    "services",
    "staff",
    "gazette",
    "journal",
    "tribune",
    "chronicle",
    "courier",
    "telegraph",
    "network",
    "media",
    "newsroom",
    "desk",
    "bureau",
    "reporters",
    "broadcasting",
    "radio",
    "television",
    "tv",
    "magazine",
    "daily",
    "weekly",
    "dispatch",
    "bulletin",
    "inquirer",
    "examiner",
    "observer",
    "sentinel",
    "globe",
    "mail",
    "express",
    "record",
    "review",
    "newspaper",
    "newspapers",
    "correspondents",
    "group",
];

/// Last words of a staff title standing for a name (`Kessel staff reporter`).
const ROLE_WORDS: [&str; 6] = [
    "reporter",
    "reporters",
    "correspondent",
    "writer",
    "editor",
    "journalist",
];

/// Small words that stand inside names of outlets and people (`Voice of the Coast`, `de la`).
const LINKS: [&str; 10] = [
    "of", "the", "and", "de", "la", "van", "von", "der", "da", "du",
];

/// Words that never stand in a person's name on a byline line: a short title-case line holding
/// one is a subheading or a label, not a name.
const NOT_NAMES: [&str; 24] = [
    "the", "a", "an", "in", "on", "at", "of", "for", "to", "with", "after", "over", "new", "says",
    "is", "are", "was", "will", "how", "why", "what", "who", "when", "live",
];

/// The names after `By ` (or `Written by `, …) when the line is such a byline.
pub(super) fn strip_by(line: &str) -> Option<&str> {
    if line.len() > MAX_BYLINE {
        return None;
    }
    let rest = OPENERS.iter().find_map(|p| {
        line.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p))
            .map(|_| &line[p.len()..])
    })?;
    let rest = rest.trim();
    let first = rest.chars().next()?;
    // `By noon, the crowds had gone.` is prose: a lower-case word, or a closing full stop
    // that is not an initial (`By JANE Q.` keeps its initial).
    let last_word = rest.split_whitespace().next_back().unwrap_or("");
    if first.is_lowercase() || (ends_full_stop(rest) && last_word.chars().count() > 2) {
        return None;
    }
    Some(rest)
}

/// `From the Associated Press`, `From Reuters`, `From The Harbor Gazette`, `Source: Reuters`
/// (as some sites label their own or an agency's story): the source alone, when what follows
/// names an outlet.
pub(super) fn from_line(line: &str) -> Option<String> {
    let rest = ["From ", "FROM ", "Source: ", "SOURCE: "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?
        .trim()
        .trim_end_matches('.');
    outlet(rest)
}

/// The outlet `s` names: a known agency by its canonical name, else an organisation name as
/// written (a leading lower-case `the` dropped).
fn outlet(s: &str) -> Option<String> {
    if let Some(a) = agency::from_name(s).or_else(|| agency::from_role(s)) {
        return Some(a.to_string());
    }
    let s = s.strip_prefix("the ").unwrap_or(s);
    (is_org(s) || is_publication(s)).then(|| s.to_string())
}

/// `Meridian News, Kessel`: an outlet and the place it reports from, on a line of their own;
/// the outlet.
pub(super) fn outlet_and_place(line: &str) -> Option<String> {
    if line.len() > 80 {
        return None;
    }
    let (org, place) = line.split_once(',')?;
    let place = place.trim();
    let place_ok = (1..=3).contains(&place.split_whitespace().take(4).count())
        && place
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic));
    (place_ok && is_org(org.trim())).then(|| org.trim().to_string())
}

/// A short capitalised name whose last word is an organisation word (`Meridian News`,
/// `Kessel Evening Post`).
pub(super) fn is_org(s: &str) -> bool {
    let count = s.split_whitespace().take(7).count();
    if count == 0 || count > 6 || s.ends_with(['.', '!', '?', ':', ',', ';']) {
        return false;
    }
    let last = s.split_whitespace().next_back().unwrap_or("");
    ORG_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last))
        && s.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || LINKS.contains(&w)
                || w.starts_with('&')
        })
}

/// A publication named after a byline's comma: `The Harbor Gazette` (a `The` and a few words).
pub(super) fn is_publication(s: &str) -> bool {
    s.starts_with("The ") && s.split_whitespace().take(6).count() <= 5 && !ends_full_stop(s)
}

/// Splits a byline (without `By`) into author names and the agency, if one is named.
///
/// `JANE ROE, Associated Press` → `[JANE ROE]`, `Associated Press`; `A, B and C` → three names;
/// `JANE ROE for the Associated Press` and `JANE ROE from Reuters` → the author and the agency;
/// `Jane Roe and AP` → the author, and AP as the source; `Meridian News` → the source alone.
pub(super) fn parse(rest: &str) -> Byline {
    let (names, mut source) = split_for_from(rest);
    // The whole byline is an outlet: `By Meridian News`, `By Reuters staff`.
    if source.is_none()
        && !rest.contains(',')
        && let Some(source) = outlet(rest.trim())
    {
        return Byline {
            authors: Vec::new(),
            source: Some(source),
        };
    }
    let mut parts: Vec<&str> = names
        .split([',', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if source.is_none()
        && let Some(last) = parts.last()
    {
        let named = agency::from_name(last)
            .or_else(|| agency::from_role(last))
            .map(str::to_string)
            .or_else(|| (parts.len() > 1 && is_publication(last)).then(|| last.to_string()))
            .or_else(|| (parts.len() > 1 && is_org(last)).then(|| last.to_string()))
            .or_else(|| {
                // `Ada Holm, Tomas Vik`: a second name is one more author, not an outlet.
                (trailing_outlet(&parts) && !is_title(last) && !is_names(last))
                    .then(|| last.to_string())
            });
        if named.is_some() {
            source = named;
            parts.pop();
        } else if parts.len() > 1 && is_title(last) {
            // `Ada Holm, Political Correspondent`: the author's title, neither a name nor
            // the source.
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
            if name.is_empty() {
                continue;
            }
            // `By Jane Doe and AP`: the agency among the names is the source.
            match agency::from_name(&name) {
                Some(a) if source.is_none() => source = Some(a.to_string()),
                Some(_) => {}
                None => authors.push(name),
            }
        }
    }
    Byline { authors, source }
}

/// `JANE ROE for the Associated Press` → (`JANE ROE`, Associated Press); the byline unchanged
/// and no source when no ` for ` / ` from ` is followed by an outlet.
fn split_for_from(rest: &str) -> (&str, Option<String>) {
    // Most bylines hold neither word: one case-blind look settles them.
    let b = rest.as_bytes();
    let maybe = b.windows(5).any(|w| {
        w[0] == b' '
            && (w[1..].eq_ignore_ascii_case(b"for ") || w[1..].eq_ignore_ascii_case(b"from"))
    });
    if !maybe {
        return (rest, None);
    }
    for pat in [" for ", " FOR ", " from ", " FROM ", " For ", " From "] {
        if let Some(k) = rest.rfind(pat)
            && let Some(source) = outlet(rest[k + pat.len()..].trim())
        {
            return (&rest[..k], Some(source));
        }
    }
    (rest, None)
}

/// A byline line without `By`: `Jane Doe, Meridian News`, `Kessel staff reporter`,
/// `Jane Doe and John Roe`, `Jane Doe`. The flag says whether the line is unmistakable (an
/// outlet or a staff title); a bare name counts only beside the date line.
pub(super) fn without_by(line: &str) -> Option<(Byline, bool)> {
    if line.len() > 100 || line.ends_with(['.', '!', '?', ':', ';', ',', '”', '"']) {
        return None;
    }
    if line.bytes().any(|b| b.is_ascii_digit()) || !line.starts_with(char::is_uppercase) {
        return None;
    }
    let count = line.split_whitespace().take(11).count();
    if count > 10 {
        return None;
    }
    // `Kessel staff reporter`, `Reuters staff`: a staff title as the name.
    let last = line.split_whitespace().next_back()?;
    let role = ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(last))
        || last.eq_ignore_ascii_case("staff");
    if count <= 6 && role {
        if let Some(a) = agency::from_role(line) {
            return Some((
                Byline {
                    authors: Vec::new(),
                    source: Some(a.to_string()),
                },
                true,
            ));
        }
        if line.contains(',') {
            return None;
        }
        return Some((
            Byline {
                authors: vec![collapse(line)],
                source: None,
            },
            true,
        ));
    }
    // `Jane Doe, Meridian News`: names, then an outlet after the comma.
    if let Some((names, out)) = line.rsplit_once(',')
        && let Some(source) = outlet(out.trim())
        && names.split([',']).all(|n| is_names(n.trim()))
    {
        let mut b = parse(names);
        if b.authors.is_empty() {
            return None;
        }
        b.source.get_or_insert(source);
        return Some((b, true));
    }
    // `Jane Doe | Meridian News`, `Jane Doe · The Harbor Gazette`: names, then the outlet
    // after a bar or a dot, as pages set the byline beside the outlet's name.
    for sep in [" | ", " · ", " • "] {
        if let Some((names, out)) = line.split_once(sep)
            && is_names(names.trim())
            && let Some(source) = outlet(out.trim())
        {
            let mut b = parse(names.trim());
            b.source = Some(source);
            return Some((b, true));
        }
    }
    if is_names(line) {
        return Some((parse(line), false));
    }
    names_in_place(line).map(|b| (b, false))
}

/// `Jane Doe in Kessel`, `Jane Doe and Tomas Vik in Port Ellis`: names and the place they
/// report from, as some papers sign; the names. Counts only beside a date line, as a bare
/// name does.
fn names_in_place(line: &str) -> Option<Byline> {
    let (names, place) = line.rsplit_once(" in ")?;
    let place_words = place.split_whitespace().take(4).count();
    let place_ok = (1..=3).contains(&place_words)
        && place.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        });
    (place_ok && is_names(names.trim())).then(|| parse(names.trim()))
}

/// A staff title such as `Political Correspondent` or `Senior Writer`.
fn is_title(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().take(6).collect();
    words.len() <= 4
        && words
            .last()
            .is_some_and(|w| ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w)))
}

/// One or more person names joined by `and`: two to four capitalised words each.
fn is_names(s: &str) -> bool {
    let names: Vec<&str> = split_on(s, " and ")
        .flat_map(|p| split_on(p, " & "))
        .collect();
    !names.is_empty() && names.len() <= 4 && names.iter().all(|n| is_name(n.trim()))
}

/// A person's name: two to four words, each capitalised (linking words such as `de` aside),
/// of letters, hyphens, apostrophes and an initial's full stop.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().take(6).collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let bare = w.trim_end_matches('.').to_ascii_lowercase();
            !NOT_NAMES.contains(&bare.as_str())
                && w.chars().count() <= 20
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                && (w.starts_with(char::is_uppercase) || LINKS.contains(w))
        })
}

/// A byline and a date on one line (`Meridian staff reporter Sat 24 Feb 2024 11.42 GMT`,
/// `By Jane Doe | Published 8:00 AM EDT, Thu August 8, 2024`): the byline, the date part as
/// written and what it says. The byline must be one by itself (with `By` or name-shaped).
pub(super) fn with_date(line: &str) -> Option<(Byline, &str, DateLine)> {
    if line.len() > 120 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let starts = line
        .char_indices()
        .filter(|&(i, c)| i > 0 && !c.is_whitespace() && line[..i].ends_with(char::is_whitespace));
    for (i, _) in starts {
        let tail = &line[i..];
        let word = tail.split_whitespace().next().unwrap_or("");
        if !opens_date(word) {
            continue;
        }
        let Some(d) = date::read_line(tail) else {
            continue;
        };
        let head = line[..i].trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '|' | '-' | '—' | '–' | '·' | '•' | ',')
        });
        if head.is_empty() {
            return None;
        }
        let byline = match strip_by(head) {
            Some(rest) => parse(rest),
            None => without_by(head)?.0,
        };
        return Some((byline, tail, d));
    }
    None
}

/// Whether a word can open the date part of a line: a digit, a month, a weekday or a word
/// such as `Updated`.
fn opens_date(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.', ':']);
    w.starts_with(|c: char| c.is_ascii_digit())
        || date::month_of(w).is_some()
        || [
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "updated",
            "published",
            "posted",
        ]
        .iter()
        .any(|d| d.eq_ignore_ascii_case(w))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Vec<String>, Option<String>) {
        let b = parse(s);
        (b.authors, b.source)
    }

    #[test]
    fn an_unknown_outlet_after_the_authors_is_the_source() {
        assert_eq!(
            p("LENA MARSH and TOMAS VIK, Coastline Wire"),
            (
                vec!["LENA MARSH".to_string(), "TOMAS VIK".to_string()],
                Some("Coastline Wire".to_string())
            )
        );
        assert_eq!(
            p("Dafydd Pryce, Northern Courier").1.as_deref(),
            Some("Northern Courier")
        );
        assert_eq!(p("ANA RUIZ, BO LIND and CY MOORE").0.len(), 3);
        assert_eq!(p("ANA RUIZ, BO LIND and CY MOORE").1, None);
        assert_eq!(
            p("ANA RUIZ, BO LIND and CY MOORE, Harbor Post")
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
        let (a, s) = p("JANE ROE, Associated Press");
        assert_eq!(
            (a, s.as_deref()),
            (vec!["JANE ROE".to_string()], Some("Associated Press"))
        );
        let (a, s) = p("Ann Lee, Bo Park and Cy Diaz");
        assert_eq!(a, ["Ann Lee", "Bo Park", "Cy Diaz"]);
        assert_eq!(s, None);
        let (a, _) = p("Ann Lee, Bo Park, and Cy Diaz, Reuters");
        assert_eq!(a, ["Ann Lee", "Bo Park", "Cy Diaz"]);
        let (a, s) = p("ANN LEE and BO PARK, AP Business Writers");
        assert_eq!(a, ["ANN LEE", "BO PARK"]);
        assert_eq!(s.as_deref(), Some("Associated Press"));
        let (a, s) = p("The Associated Press");
        assert!(a.is_empty());
        assert_eq!(s.as_deref(), Some("Associated Press"));
    }

    #[test]
    fn agencies_and_outlets_inside_bylines() {
        assert_eq!(
            p("JANE DOE for the Associated Press"),
            (vec!["JANE DOE".into()], Some("Associated Press".into()))
        );
        assert_eq!(
            p("JANE DOE from Reuters"),
            (vec!["JANE DOE".into()], Some("Reuters".into()))
        );
        assert_eq!(
            p("Jane Doe and AP"),
            (vec!["Jane Doe".into()], Some("Associated Press".into()))
        );
        assert_eq!(p("Meridian News"), (vec![], Some("Meridian News".into())));
        assert_eq!(p("Kessel Staff"), (vec![], Some("Kessel Staff".into())));
        assert_eq!(
            p("Jane Doe for Kessel"),
            (vec!["Jane Doe for Kessel".into()], None)
        );
        assert_eq!(p("Ann Lee and Bo Park").1, None);
        assert_eq!(
            p("Ada Holm, Tomas Vik"),
            (vec!["Ada Holm".into(), "Tomas Vik".into()], None)
        );
        assert_eq!(
            p("Ada Holm, Political Correspondent"),
            (vec!["Ada Holm".into()], None)
        );
        assert_eq!(p("Ada Holm, CNN").1.as_deref(), Some("CNN"));
    }

    #[test]
    fn openers_and_prose() {
        assert_eq!(strip_by("By noon, the harbor was empty."), None);
        assert_eq!(strip_by("By Monday most boats had left."), None);
        assert_eq!(strip_by("By JANE Q."), Some("JANE Q."));
        assert_eq!(strip_by("Written by Ada Holm"), Some("Ada Holm"));
        assert_eq!(strip_by("STORY BY Ada Holm"), Some("Ada Holm"));
        assert_eq!(strip_by("Reporting by Ada Holm"), Some("Ada Holm"));
        assert_eq!(strip_by("Words by Ada Holm"), Some("Ada Holm"));
        assert_eq!(strip_by("Bystanders waved."), None);
        assert_eq!(
            from_line("From the Associated Press").as_deref(),
            Some("Associated Press")
        );
        assert_eq!(from_line("From Reuters").as_deref(), Some("Reuters"));
        assert_eq!(from_line("From Kessel, the ferry runs twice a day."), None);
        assert_eq!(from_line("Source: Reuters").as_deref(), Some("Reuters"));
        assert_eq!(
            from_line("Source: Kessel Evening Post").as_deref(),
            Some("Kessel Evening Post")
        );
        assert_eq!(from_line("Source: officials at the harbour board"), None);
        assert_eq!(from_line("Sources: Reuters"), None);
    }

    #[test]
    fn bylines_without_by() {
        let (b, strong) = without_by("Jane Doe, Meridian News").unwrap();
        assert!(strong);
        assert_eq!(b.authors, ["Jane Doe"]);
        assert_eq!(b.source.as_deref(), Some("Meridian News"));
        let (b, strong) = without_by("Kessel staff reporter").unwrap();
        assert!(strong);
        assert_eq!(b.authors, ["Kessel staff reporter"]);
        let (b, _) = without_by("Reuters staff").unwrap();
        assert_eq!(b.source.as_deref(), Some("Reuters"));
        assert!(b.authors.is_empty());
        let (b, strong) = without_by("Jane Doe and Tomas Vik").unwrap();
        assert!(!strong);
        assert_eq!(b.authors, ["Jane Doe", "Tomas Vik"]);
        for not in [
            "Families wait at the gates",
            "The harbor is quiet.",
            "What comes next",
            "Police lights",
            "Kessel",
            "In 2026, ferries",
        ] {
            let got = without_by(not);
            assert!(got.is_none() || !got.unwrap().1, "{not}");
        }
    }

    #[test]
    fn byline_and_date_on_one_line() {
        let (b, date, d) = with_date("Meridian staff reporter Sat 24 Feb 2024 11.42 GMT").unwrap();
        assert_eq!(b.authors, ["Meridian staff reporter"]);
        assert_eq!(date, "Sat 24 Feb 2024 11.42 GMT");
        assert_eq!(d.iso.as_deref(), Some("2024-02-24"));
        let (b, date, _) =
            with_date("By Jane Doe | Published 8:00 AM EDT, Thu August 8, 2024").unwrap();
        assert_eq!(b.authors, ["Jane Doe"]);
        assert_eq!(date, "Published 8:00 AM EDT, Thu August 8, 2024");
        assert!(with_date("The vote was on Jan 8, 2026 in Kessel").is_none());
        assert!(with_date("Jan 8, 2026").is_none());
        let (b, date, d) = with_date("By Jane Doe — December 3, 2026").unwrap();
        assert_eq!(b.authors, ["Jane Doe"]);
        assert_eq!(date, "December 3, 2026");
        assert_eq!(d.iso.as_deref(), Some("2026-12-03"));
    }

    #[test]
    fn names_then_an_outlet_after_a_bar_or_a_dot() {
        let (b, strong) = without_by("Jane Doe | Meridian News").unwrap();
        assert_eq!(b.authors, ["Jane Doe"]);
        assert_eq!(b.source.as_deref(), Some("Meridian News"));
        assert!(strong);
        let (b, strong) = without_by("Ada Holm and Tomas Vik · The Harbor Gazette").unwrap();
        assert_eq!(b.authors, ["Ada Holm", "Tomas Vik"]);
        assert_eq!(b.source.as_deref(), Some("The Harbor Gazette"));
        assert!(strong);
        // What follows the bar must be an outlet: a section name leaves the line alone.
        assert!(without_by("Jane Doe | Opinion pieces this week").is_none());
    }

    #[test]
    fn names_in_a_place_count_beside_a_date() {
        let (b, strong) = without_by("Anna Sollis in Ostervik").unwrap();
        assert_eq!(b.authors, ["Anna Sollis"]);
        assert_eq!(b.source, None);
        assert!(
            !strong,
            "a name and a place alone are no byline without a date"
        );
        let (b, _) = without_by("Ada Holm and Tomas Vik in Port Ellis").unwrap();
        assert_eq!(b.authors, ["Ada Holm", "Tomas Vik"]);
        // A sentence-case line with `in` is no byline.
        assert!(without_by("Storm damage reported in the north").is_none());
    }
}
