//! Reading the calendar date out of a date line in its many forms.
//!
//! Forms read: `Jan 08, 2026`, `Jan. 8, 2026`, `Sept. 3, 2025`, `January 8, 2026`,
//! `Thursday, June 10, 2021`, `8 January 2026`, `2026-01-08` (also `2026/01/08` and an ISO
//! timestamp), `26-FEB-1987`, numeric `8.1.2026` (day first) and `06/01/2026` (either way round,
//! see [`order`]), and any of these inside a line with times and zones such as
//! `Updated 3:15 PM EST, January 8, 2026`; relative lines (`5 hours ago`) are recognised and
//! resolved against a reference time by [`resolve_relative`].

pub mod calendar;
mod clock;
mod glued;
pub mod order;
mod relative;

pub use clock::{Clock, Zone};

/// Which way round a numeric date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `06/01/2026` is 6 January (Europe, most of the world).
    DayFirst,
    /// `06/01/2026` is June 1 (the United States).
    MonthFirst,
}

/// What a date line says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DateLine {
    /// The calendar date, `YYYY-MM-DD`, when the line settles it.
    pub iso: Option<String>,
    /// Date and time of day, `YYYY-MM-DDTHH:MM[:SS]` plus `Z`/`±HH:MM` when a zone is stated.
    pub datetime: Option<String>,
    /// A numeric date the line alone cannot settle (`06/01/2026`); see [`Ambiguous::settle`].
    pub ambiguous: Option<Ambiguous>,
    /// The line is relative (`5 hours ago`, `yesterday`): see [`resolve_relative`].
    pub relative: bool,
}

/// A numeric date with both parts 12 or less, and the time and zone beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ambiguous {
    first: u32,
    second: u32,
    year: u32,
    clock: Option<Clock>,
    /// The zone stated beside the time.
    zone: Option<Zone>,
    /// Which way round the region of a zone named anywhere on the line writes dates.
    pub hint: Option<Order>,
}

impl Ambiguous {
    /// The date (and timestamp, when the line has a time) read in `order`; `None` when that
    /// reading is no real day.
    pub fn settle(&self, order: Order) -> Option<(String, Option<String>)> {
        let (m, d) = match order {
            Order::DayFirst => (self.second, self.first),
            Order::MonthFirst => (self.first, self.second),
        };
        let iso = valid(self.year, m, d)?;
        let stamp = self
            .clock
            .map(|c| clock::stamp(self.year, m, d, c, self.zone));
        Some((iso, stamp))
    }
}

/// Reads a date line: `None` when `line` is none (see [`is_date_line`]).
pub fn read_line(line: &str) -> Option<DateLine> {
    let t = line.trim();
    if t.is_empty() || t.len() > MAX_DATE_LINE {
        return None;
    }
    // A copied date box run together (`December 3, 20263:12 PM UTCUpdated 2 hours ago`).
    let tidied = glued::tidy(t);
    let t = tidied.as_ref();
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        // Every absolute date names a year in digits; without one only `yesterday` and the
        // like remain (`5 hours ago` has a digit and is tried below).
        return relative::parse(t).map(|_| DateLine {
            relative: true,
            ..DateLine::default()
        });
    }
    // At most one word of a date line is not date vocabulary: prose is settled by its second
    // such word, before the dates are looked for.
    let stray = t
        .split_whitespace()
        .filter(|w| !date_word(w))
        .nth(1)
        .is_some();
    let found = if stray { None } else { scan(t) };
    let Some(found) = found else {
        return relative::parse(t).map(|_| DateLine {
            relative: true,
            ..DateLine::default()
        });
    };
    let (clock, zone) = clock::find(t);
    Some(match found {
        Found::Day(y, m, d) => DateLine {
            iso: Some(iso_string(y, m, d)),
            datetime: clock.map(|c| clock::stamp(y, m, d, c, zone)),
            ..DateLine::default()
        },
        Found::Numeric(n) => DateLine {
            ambiguous: Some(Ambiguous {
                first: n.first,
                second: n.second,
                year: n.year,
                clock,
                zone,
                hint: zone.and_then(|z| z.order).or_else(|| {
                    t.split_whitespace()
                        .find_map(|w| clock::zone(w).and_then(|z| z.order))
                }),
            }),
            ..DateLine::default()
        },
    })
}

/// Whether `line` is a relative date line (`5 hours ago`, `Updated yesterday`).
pub fn is_relative(line: &str) -> bool {
    line.len() <= 64 && relative::parse(line).is_some()
}

/// The date a relative date line (`5 hours ago`, `yesterday`) names, counted back from `now`
/// (seconds since 1970, UTC); `None` when the line is not relative.
pub fn resolve_relative(line: &str, now: i64) -> Option<String> {
    relative::resolve(relative::parse(line)?, now)
}

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
    match scan(line)? {
        Found::Day(y, m, d) => Some(iso_string(y, m, d)),
        Found::Numeric(_) => None,
    }
}

/// What [`scan`] finds.
enum Found {
    /// A settled date.
    Day(u32, u32, u32),
    /// A numeric date that could be read either way round.
    Numeric(Numeric),
}

/// A numeric date as written: `first/second/year`.
#[derive(Debug, Clone, Copy)]
struct Numeric {
    first: u32,
    second: u32,
    year: u32,
    /// Written with full stops (`8.1.2026`): day first, as everywhere that writes it so.
    dotted: bool,
}

/// `8.1.2026`, `06/01/2026`, `6-1-2026`: a numeric day-month-year or month-day-year token.
fn numeric(word: &str) -> Option<Numeric> {
    if word.len() < 8 || word.len() > 10 {
        return None;
    }
    let sep = *word.as_bytes().iter().find(|b| !b.is_ascii_digit())?;
    if !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    let mut parts = word.split(char::from(sep));
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.len() > 2 || b.len() > 2 || a.is_empty() || b.is_empty() {
        return None;
    }
    let num = |s: &str| -> Option<u32> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    Some(Numeric {
        first: num(a)?,
        second: num(b)?,
        year: year(y)?,
        dotted: sep == b'.',
    })
}

/// A numeric token read as a date when it can be: day first when dotted or when the first
/// part cannot be a month, month first when the second cannot be; else left open.
fn numeric_found(word: &str) -> Option<Found> {
    let n = numeric(word)?;
    let (a, b, y) = (n.first, n.second, n.year);
    let (m, d) = if n.dotted || a > 12 {
        (b, a)
    } else if b > 12 || a == b {
        (a, b)
    } else {
        // Both readings are open; it is worth deciding only when both are real days.
        return (valid(y, a, b).is_some() && valid(y, b, a).is_some()).then_some(Found::Numeric(n));
    };
    valid(y, m, d).map(|_| Found::Day(y, m, d))
}

/// `26-FEB-1987`: day, month name and year in one token (old wire archives).
fn day_month_year_token(word: &str) -> Option<(u32, u32, u32)> {
    if !(8..=14).contains(&word.len()) || !word.as_bytes()[1..3].contains(&b'-') {
        return None;
    }
    let mut parts = word.split('-');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (d, m, y) = (day(d)?, month(m)?, year(y)?);
    valid(y, m, d).map(|_| (y, m, d))
}

/// The first date `line` names.
fn scan(line: &str) -> Option<Found> {
    // A window of three tokens slides along the line: an ISO token alone, or month-day-year /
    // day-month-year starting at the first token of the window.
    let mut rest = tokens(line);
    let (mut a, mut b, mut c) = (rest.next(), rest.next(), rest.next());
    while let Some(tok) = a {
        if let Some((y, m, d)) = iso_token(tok) {
            return Some(Found::Day(y, m, d));
        }
        if let Some((y, m, d)) = day_month_year_token(tok) {
            return Some(Found::Day(y, m, d));
        }
        if let Some(found) = numeric_found(tok) {
            return Some(found);
        }
        if let (Some(x), Some(y)) = (b, c)
            && let Some(y) = year(y)
        {
            let found = match (month(tok), day(x)) {
                (Some(m), Some(d)) => Some((m, d)),
                _ => match (day(tok), month(x)) {
                    (Some(d), Some(m)) => Some((m, d)),
                    _ => None,
                },
            };
            if let Some((m, d)) = found
                && valid(y, m, d).is_some()
            {
                return Some(Found::Day(y, m, d));
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
    read_line(line)?.iso
}

/// Words of a line with the punctuation around them removed.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .map(|w| w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ';' | ':' | '.')))
        .filter(|w| !w.is_empty())
}

/// The month a word names (`Jan`, `Jan.`, `Sept.`, `January`), 1 to 12.
pub fn month_of(word: &str) -> Option<u32> {
    month(word)
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
fn iso_token(word: &str) -> Option<(u32, u32, u32)> {
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
    valid(y, m, d).map(|_| (y, m, d))
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The date as `YYYY-MM-DD` when the day exists in that month of that year.
fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1..=12).contains(&m) {
        return None;
    }
    (y >= 1000 && calendar::date(y, m, d).is_some()).then(|| iso_string(y, m, d))
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
    // Upper-case zone abbreviations: EST, GMT, UK, UTC, ET, CEST; and `GMT+1`.
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
    // A zone with its offset: `GMT+1`, `UTC-05:00`.
    if (bare.starts_with("gmt") || bare.starts_with("utc")) && clock::zone(w).is_some() {
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

    fn line(s: &str) -> DateLine {
        read_line(s).unwrap_or_else(|| panic!("{s} should be a date line"))
    }

    #[test]
    fn new_forms_with_their_times() {
        for (l, iso, stamp) in [
            (
                "Posted: Aug 08, 2024 8:00 AM ET",
                "2024-08-08",
                Some("2024-08-08T08:00-04:00"),
            ),
            (
                "Published 8:00 AM EDT, Thu August 8, 2024",
                "2024-08-08",
                Some("2024-08-08T08:00-04:00"),
            ),
            (
                "Sat 24 Feb 2024 11.42 GMT",
                "2024-02-24",
                Some("2024-02-24T11:42Z"),
            ),
            ("8.1.2026", "2026-01-08", None),
            (
                "2026-01-08T13:55:00Z",
                "2026-01-08",
                Some("2026-01-08T13:55:00Z"),
            ),
            (
                "26-FEB-1987 15:38:26.23",
                "1987-02-26",
                Some("1987-02-26T15:38:26"),
            ),
            ("25/12/2026", "2026-12-25", None),
            ("12/25/2026 10:00", "2026-12-25", Some("2026-12-25T10:00")),
            (
                "Updated 3:15 PM EST, January 8, 2026",
                "2026-01-08",
                Some("2026-01-08T15:15-05:00"),
            ),
        ] {
            let d = line(l);
            assert_eq!(d.iso.as_deref(), Some(iso), "{l}");
            assert_eq!(d.datetime.as_deref(), stamp, "{l}");
        }
    }

    #[test]
    fn numeric_dates_either_way_round_are_left_open() {
        let d = line("06/01/2026 - 13:55 GMT+1");
        assert_eq!(d.iso, None);
        let a = d.ambiguous.unwrap();
        assert_eq!(a.hint, Some(Order::DayFirst));
        let gmt = line("06/01/2026 GMT").ambiguous.unwrap();
        assert_eq!(gmt.hint, Some(Order::DayFirst));
        assert_eq!(line("06/01/2026").ambiguous.unwrap().hint, None);
        assert_eq!(
            a.settle(Order::DayFirst),
            Some((
                "2026-01-06".to_string(),
                Some("2026-01-06T13:55+01:00".to_string())
            ))
        );
        assert_eq!(
            a.settle(Order::MonthFirst).map(|s| s.0).as_deref(),
            Some("2026-06-01")
        );
        assert_eq!(iso("06/01/2026"), None);
        assert_eq!(iso("31/02/2026"), None);
        assert_eq!(line("05/05/2026").iso.as_deref(), Some("2026-05-05"));
    }

    #[test]
    fn relative_lines_are_date_lines_without_a_date() {
        let d = line("5 hours ago");
        assert!(d.relative && d.iso.is_none());
        assert!(line("Updated yesterday").relative);
        assert_eq!(
            resolve_relative("yesterday", 1_767_873_600).as_deref(),
            Some("2026-01-07")
        );
        assert_eq!(read_line("5 boats sank"), None);
        assert_eq!(
            read_line("Meridian staff reporter Sat 24 Feb 2024 11.42 GMT"),
            None
        );
    }
}
