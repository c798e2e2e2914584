//! Relative date lines (`5 hours ago`, `Updated yesterday`) and the calendar arithmetic that
//! turns them into a date against a reference time (the file's modification time).

/// How far back a relative date line points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Back {
    /// This many seconds before the reference time.
    Seconds(i64),
    /// This many calendar days before the reference day (`yesterday`, `today`).
    Days(i64),
}

/// A relative date line is never longer than this.
const MAX_LINE: usize = 48;

/// Words that may stand before the relative part (`Updated 5 hours ago`).
const LEAD: [&str; 6] = [
    "updated",
    "published",
    "posted",
    "last",
    "modified",
    "edited",
];

/// What a relative date line says, or `None` when the line is not one.
pub(super) fn parse(line: &str) -> Option<Back> {
    let t = line.trim();
    if t.len() > MAX_LINE || !has_key_word(t.as_bytes()) {
        return None;
    }
    let mut words = t
        .split(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == '|' || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_ascii_lowercase())
        .skip_while(|w| LEAD.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .into_iter();
    let first = words.next()?;
    let back = match first.as_str() {
        "today" => Back::Days(0),
        "yesterday" => Back::Days(1),
        _ => {
            let n: i64 = match first.as_str() {
                "a" | "an" | "one" => 1,
                n if n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok()?,
                _ => return None,
            };
            let unit = words.next()?;
            let secs = match unit.trim_end_matches('s') {
                "sec" | "second" => 1,
                "min" | "minute" | "mins" => 60,
                "hr" | "hour" => 3600,
                "day" => 86_400,
                "week" | "wk" => 7 * 86_400,
                _ => return None,
            };
            if words.next().as_deref() != Some("ago") {
                return None;
            }
            Back::Seconds(n * secs)
        }
    };
    // Nothing may follow (a time after `yesterday at` would need the zone to be placed).
    words.next().is_none().then_some(back)
}

/// Whether the line holds `ago`, `today` or `yesterday` (`day` covers both), any case: a quick
/// test that spares every other short header line the word-by-word reading.
fn has_key_word(b: &[u8]) -> bool {
    b.windows(3)
        .any(|w| w.eq_ignore_ascii_case(b"ago") || w.eq_ignore_ascii_case(b"day"))
}

/// The calendar date (UTC) `back` points to from `now` (seconds since 1970), `YYYY-MM-DD`.
pub(super) fn resolve(back: Back, now: i64) -> Option<String> {
    let (y, m, d) = match back {
        Back::Seconds(s) => super::calendar::utc_day(now.checked_sub(s)?, 0)?,
        Back::Days(n) => super::calendar::utc_day(now, n)?,
    };
    (1000..=9999)
        .contains(&y)
        .then(|| super::iso_string(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-01-08 12:00:00 UTC.
    const NOON: i64 = 1_767_873_600;

    #[test]
    fn relative_lines() {
        assert_eq!(parse("5 hours ago"), Some(Back::Seconds(5 * 3600)));
        assert_eq!(
            parse("Updated: 2 days ago"),
            Some(Back::Seconds(2 * 86_400))
        );
        assert_eq!(parse("an hour ago"), Some(Back::Seconds(3600)));
        assert_eq!(parse("Yesterday"), Some(Back::Days(1)));
        assert_eq!(parse("Published today"), Some(Back::Days(0)));
        assert_eq!(parse("5 hours"), None);
        assert_eq!(parse("5 apples ago"), None);
        assert_eq!(parse("Yesterday the harbor closed"), None);
        assert_eq!(parse("Two years ago the town voted"), None);
    }

    #[test]
    fn resolved_against_the_reference_time() {
        assert_eq!(
            resolve(Back::Seconds(5 * 3600), NOON).unwrap(),
            "2026-01-08"
        );
        assert_eq!(
            resolve(Back::Seconds(13 * 3600), NOON).unwrap(),
            "2026-01-07"
        );
        assert_eq!(resolve(Back::Days(1), NOON).unwrap(), "2026-01-07");
        assert_eq!(resolve(Back::Days(8), NOON).unwrap(), "2025-12-31");
        assert_eq!(
            resolve(Back::Days(1_000_000), NOON),
            None,
            "before year 1000"
        );
        assert_eq!(resolve(Back::Seconds(i64::MAX), NOON), None);
    }
}
