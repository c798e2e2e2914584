//! Reading the calendar date out of a date line in its many forms.
//!
//! Forms read: `Jan 08, 2026`, `Jan. 8, 2026`, `Sept. 3, 2025`, `January 8, 2026`,
//! `Thursday, June 10, 2021`, `8 January 2026`, `2026-01-08` (also `2026/01/08` and an ISO
//! timestamp), and any of these inside a line with times and zones such as
//! `Updated 3:15 PM EST, January 8, 2026`.

/// A line longer than this is never a date line (keeps the check cheap on huge lines).
const MAX_DATE_LINE: usize = 120;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words that appear around the date on a date line without making it prose.
const CONNECTORS: [&str; 12] = [
    "updated",
    "published",
    "posted",
    "page",
    "last",
    "at",
    "on",
    "modified",
    "edited",
    "first",
    "and",
    "of",
];

/// The calendar date `line` names as `YYYY-MM-DD`, or `None` when it names none or the day
/// does not exist (`Feb 30, 2026`).
pub fn iso(line: &str) -> Option<String> {
    // A window of three tokens slides along the line: an ISO token alone, or month-day-year /
    // day-month-year starting at the first token of the window.
    let mut rest = tokens(line);
    let (mut a, mut b, mut c) = (rest.next(), rest.next(), rest.next());
    while let Some(tok) = a {
        if let Some(date) = iso_token(tok) {
            return Some(date);
        }
        if let (Some(x), Some(y)) = (b, c)
            && let Some(y) = year(y)
        {
            let found = match (month(tok), day(x)) {
                (Some(m), Some(d)) => valid(y, m, d),
                _ => match (day(tok), month(x)) {
                    (Some(d), Some(m)) => valid(y, m, d),
                    _ => None,
                },
            };
            if found.is_some() {
                return found;
            }
        }
        (a, b, c) = (b, c, rest.next());
    }
    None
}

/// Whether `line` is a date line: it names a calendar date and every other word on it is date
/// vocabulary (weekday, time, zone, `Updated`, `Page last updated at`, …), at most one stray word.
pub fn is_date_line(line: &str) -> bool {
    date_line_iso(line).is_some()
}

/// The calendar date of `line` when it is a date line (see [`is_date_line`]).
pub fn date_line_iso(line: &str) -> Option<String> {
    let t = line.trim();
    // Every date form names a year in digits: a line without a digit is settled at once.
    if t.is_empty() || t.len() > MAX_DATE_LINE || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = iso(t)?;
    let stray = t.split_whitespace().filter(|w| !date_word(w)).count();
    (stray <= 1).then_some(date)
}

/// Words of a line with the punctuation around them removed.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .map(|w| w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ';' | ':' | '.')))
        .filter(|w| !w.is_empty())
}

/// Month number of a month name or abbreviation (`Jan`, `Jan.`, `Sept.`, `January`).
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    if w.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w)))
        .map(|i| i as u32 + 1)
}

/// A day of the month: one or two digits, optionally with an ordinal suffix (`8th`).
fn day(word: &str) -> Option<u32> {
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word);
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// A four-digit year.
fn year(word: &str) -> Option<u32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, alone or at the start of an ISO timestamp (`2026-01-08T10:00Z`).
fn iso_token(word: &str) -> Option<String> {
    let b = word.as_bytes();
    if b.len() < 10 || (b.len() > 10 && b[10] != b'T') {
        return None;
    }
    let sep = b[4];
    if !(sep == b'-' || sep == b'/') || b[7] != sep {
        return None;
    }
    let y = year(word.get(0..4)?)?;
    let m = two_digits(word.get(5..7)?)?;
    let d = two_digits(word.get(8..10)?)?;
    valid(y, m, d)
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The date as `YYYY-MM-DD` when the day exists in that month of that year.
fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1000 && (1..=days).contains(&d)).then(|| iso_string(y, m, d))
}

/// `YYYY-MM-DD` for a four-digit year (written by hand: `format!` costs more than the parsing
/// on a list of many files).
fn iso_string(y: u32, m: u32, d: u32) -> String {
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let mut s = String::with_capacity(10);
    s.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
    s.push('-');
    s.extend([digit(m / 10), digit(m)]);
    s.push('-');
    s.extend([digit(d / 10), digit(d)]);
    s
}

/// Whether one whitespace-separated word of a line belongs on a date line.
fn date_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '[' | ']' | ';' | ':'));
    if w.is_empty() || matches!(w, "|" | "-" | "—" | "–" | "/" | "·" | "•") {
        return true;
    }
    // Upper-case zone abbreviations: EST, GMT, UK, UTC, ET, CEST.
    if (2..=5).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()) {
        return true;
    }
    // The word without its full stops, lower-cased, in a buffer on the stack: no date word is
    // longer than an ISO timestamp with a zone.
    let mut buf = [0u8; 32];
    let mut n = 0;
    for &b in w.as_bytes().iter().filter(|&&b| b != b'.') {
        if n == buf.len() {
            return false;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    // Dropping ASCII full stops and lower-casing ASCII letters keeps UTF-8 valid.
    let Ok(bare) = std::str::from_utf8(&buf[..n]) else {
        return false;
    };
    if bare.is_empty() {
        return true;
    }
    if month(bare).is_some() || matches!(bare, "am" | "pm") {
        return true;
    }
    if WEEKDAYS
        .iter()
        .any(|d| *d == bare || (bare.len() >= 3 && d.starts_with(bare)))
    {
        return true;
    }
    if CONNECTORS.contains(&bare) {
        return true;
    }
    // Numbers, ordinals, times (`07:31`, `3:15pm`) and ISO dates or timestamps.
    bare.starts_with(|c: char| c.is_ascii_digit())
        && bare
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '/' | '+'))
        && bare.chars().filter(char::is_ascii_alphabetic).count() <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        iso(s)
    }

    #[test]
    fn every_listed_form_reads() {
        let cases = [
            ("Jan 08, 2026", "2026-01-08"),
            ("January 8, 2026", "2026-01-08"),
            ("Thursday, June 10, 2021", "2021-06-10"),
            ("2026-01-08", "2026-01-08"),
            ("Updated 3:15 PM EST, January 8, 2026", "2026-01-08"),
            (
                "Page last updated at 07:31 GMT, Wednesday, 14 May 2008 08:31 UK",
                "2008-05-14",
            ),
            ("8 January 2026", "2026-01-08"),
            ("Jan. 8, 2026", "2026-01-08"),
            ("Sept. 3, 2025", "2025-09-03"),
            ("2026/03/14", "2026-03-14"),
            ("2026-03-14T09:30:00Z", "2026-03-14"),
            ("March 1st, 2024", "2024-03-01"),
        ];
        for (line, want) in cases {
            assert_eq!(d(line).as_deref(), Some(want), "{line}");
            assert!(is_date_line(line), "{line} should be a date line");
        }
    }

    #[test]
    fn days_that_do_not_exist_are_refused() {
        assert_eq!(d("Feb 29, 2023"), None);
        assert_eq!(d("Feb 29, 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(d("Feb 29, 1900"), None);
        assert_eq!(d("Feb 29, 2000").as_deref(), Some("2000-02-29"));
        assert_eq!(d("April 31, 2026"), None);
        assert_eq!(d("2026-13-01"), None);
        assert_eq!(d("2026-00-10"), None);
        assert_eq!(d("Jan 0, 2026"), None);
        assert_eq!(d("Jan 32, 2026"), None);
    }

    #[test]
    fn lines_without_a_date() {
        assert_eq!(d("Harbor pilots walk out as talks collapse"), None);
        assert_eq!(d("In May 2026 the port closed"), None);
        assert_eq!(d("12345-01-08"), None);
        assert_eq!(d(""), None);
        assert!(!is_date_line(""));
    }

    #[test]
    fn prose_naming_a_date_is_not_a_date_line() {
        let s = "The strike began on Jan. 8, 2026, after talks failed.";
        assert_eq!(d(s).as_deref(), Some("2026-01-08"));
        assert!(!is_date_line(s));
        assert!(!is_date_line("By JANE ROE, Associated Press"));
    }

    #[test]
    fn huge_lines_are_refused_quickly_and_correctly() {
        let long = format!("Jan 8, 2026 {}", "x".repeat(5_000_000));
        assert!(!is_date_line(&long));
        assert_eq!(d(&long).as_deref(), Some("2026-01-08"));
        let word = "9".repeat(2_000_000);
        assert_eq!(d(&word), None);
    }
}
