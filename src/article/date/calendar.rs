//! The one calendar: which days exist, Sundays for daylight saving, the day of a Unix
//! time, and writing a date with the `date_format` directives. The arithmetic is jiff's civil
//! dates; this module only adapts its answers to the plain numbers the date readers use.

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

/// The directives `date_format` understands, with what each gives for 2026-01-08.
pub const DIRECTIVES: &[(&str, &str)] = &[
    ("%Y", "year (2026)"),
    ("%y", "two-digit year (26)"),
    ("%m", "month number (01)"),
    ("%d", "day (08)"),
    ("%e", "day without padding (8)"),
    ("%b", "short month (Jan)"),
    ("%B", "month (January)"),
    ("%a", "short weekday (Thu)"),
    ("%A", "weekday (Thursday)"),
    ("%%", "a percent sign"),
];

/// The civil date `y-m-d`, when that day exists (years 1 to 9999).
pub(super) fn date(y: u32, m: u32, d: u32) -> Option<Date> {
    let y = i16::try_from(y).ok().filter(|y| *y >= 1)?;
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// Day of the month of the `n`th Sunday (1 to 4), or of the last one with `n` = -1.
pub(super) fn sunday(y: u32, m: u32, n: i8) -> Option<u32> {
    let first = date(y, m, 1)?;
    let day = first.nth_weekday_of_month(n, Weekday::Sunday).ok()?;
    Some(day.day().unsigned_abs().into())
}

/// The calendar date (UTC) of a Unix time in seconds, less `days_back` days.
pub(super) fn utc_day(secs: i64, days_back: i64) -> Option<(u32, u32, u32)> {
    let day = TimeZone::UTC
        .to_datetime(Timestamp::from_second(secs).ok()?)
        .date()
        .checked_sub(Span::new().try_days(days_back).ok()?)
        .ok()?;
    Some(parts(day))
}

/// A Unix time in seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_stamp(secs: i64) -> Option<String> {
    let at = TimeZone::UTC.to_datetime(Timestamp::from_second(secs).ok()?);
    Some(at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn parts(d: Date) -> (u32, u32, u32) {
    (
        d.year().unsigned_abs().into(),
        d.month().unsigned_abs().into(),
        d.day().unsigned_abs().into(),
    )
}

/// Checks that every `%` in `fmt` starts a known directive; the error names the bad one and
/// lists the valid ones.
pub fn check(fmt: &str) -> Result<(), String> {
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        let directive = match chars.next() {
            Some(d) => format!("%{d}"),
            None => "a lone % at the end".to_owned(),
        };
        if !DIRECTIVES.iter().any(|(d, _)| *d == directive) {
            let valid: Vec<&str> = DIRECTIVES.iter().map(|(d, _)| *d).collect();
            return Err(format!(
                "unknown date directive {directive}; valid: {}",
                valid.join(" ")
            ));
        }
    }
    Ok(())
}

/// Formats an ISO date (`YYYY-MM-DD`, as [`super::iso`] gives) with `fmt`; `None` when the date
/// is not a real calendar date. Unknown directives are copied as written.
pub fn format_date(iso: &str, fmt: &str) -> Option<String> {
    let mut parts = iso.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let day = date(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(day.strftime(&jiff_format(fmt)).to_string())
}

/// `fmt` in jiff's strftime: `%e` is jiff's unpadded day `%-d` (jiff's own `%e` pads with a
/// space), and every other `%` that starts no directive of ours is written as a literal `%`.
fn jiff_format(fmt: &str) -> String {
    let mut out = String::with_capacity(fmt.len() + 4);
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('e') => out.push_str("%-d"),
            Some(d @ ('Y' | 'y' | 'm' | 'd' | 'b' | 'B' | 'a' | 'A' | '%')) => {
                out.push('%');
                out.push(d);
            }
            Some(other) => {
                out.push_str("%%");
                out.push(other);
            }
            None => out.push_str("%%"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_each_directive() {
        // 1 January 2000 was a Saturday; 29 February 2024 a Thursday (calendar facts).
        assert_eq!(
            format_date("2000-01-01", "%a %A %e %d %b %B %m %y %Y %%").unwrap(),
            "Sat Saturday 1 01 Jan January 01 00 2000 %"
        );
        assert_eq!(
            format_date("2024-02-29", "%A, %B %e").unwrap(),
            "Thursday, February 29"
        );
        assert_eq!(format_date("2026-01-08", "%e.%m.%y").unwrap(), "8.01.26");
        assert_eq!(format_date("1999-12-31", "%y").unwrap(), "99");
    }

    #[test]
    fn unknown_directives_and_a_lone_percent_are_copied() {
        assert_eq!(format_date("2026-01-08", "%Q %d").unwrap(), "%Q 08");
        assert_eq!(format_date("2026-01-08", "%d%").unwrap(), "08%");
        assert_eq!(format_date("2026-01-08", "%-d %H").unwrap(), "%-d %H");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-01-00",
            "0000-01-01",
            "soon",
            "2026-01",
        ] {
            assert_eq!(format_date(bad, "%Y"), None, "{bad}");
        }
        assert!(
            format_date("2000-02-29", "%Y").is_some(),
            "2000 is a leap year"
        );
    }

    #[test]
    fn check_names_the_bad_directive() {
        assert!(check("%b %d, %Y").is_ok());
        let err = check("%Y %Q").unwrap_err();
        assert!(err.contains("%Q") && err.contains("%Y"), "{err}");
        assert!(check("100%").is_err());
    }

    /// Sakamoto's method, the weekday rule `config::date` used before jiff (0 = Sunday).
    fn sakamoto(year: i32, month: usize, day: i32) -> u32 {
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if month < 3 { year - 1 } else { year };
        let w = y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + T[month - 1] + day;
        w.rem_euclid(7).unsigned_abs()
    }

    /// The leap-year rule both hand-made calendars used.
    fn hand_days_in(y: u32, m: u32) -> u32 {
        let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
        match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            2 if leap => 29,
            2 => 28,
            _ => 30,
        }
    }

    #[test]
    fn days_and_weekdays_agree_with_the_hand_made_rules() {
        for y in (1000..=2400)
            .step_by(7)
            .chain([1900, 2000, 2100, 2024, 2026])
        {
            for m in 1..=12 {
                let last = hand_days_in(y, m);
                assert!(date(y, m, last).is_some(), "{y}-{m}-{last}");
                assert!(date(y, m, last + 1).is_none(), "{y}-{m}-{}", last + 1);
                for d in [1, 13, last] {
                    let want = sakamoto(i32::try_from(y).unwrap(), m as usize, d as i32);
                    let got = date(y, m, d).unwrap().weekday().to_sunday_zero_offset();
                    assert_eq!(u32::from(got.unsigned_abs()), want, "{y}-{m}-{d}");
                }
            }
        }
        assert_eq!(date(2026, 0, 1), None);
        assert_eq!(date(2026, 2, 30), None);
    }

    #[test]
    fn sundays_of_a_month() {
        // March 2026 starts on a Sunday; October 2026's last Sunday is the 25th.
        assert_eq!(sunday(2026, 3, 1), Some(1));
        assert_eq!(sunday(2026, 3, 2), Some(8));
        assert_eq!(sunday(2026, 3, -1), Some(29));
        assert_eq!(sunday(2026, 10, -1), Some(25));
        assert_eq!(sunday(2026, 11, 1), Some(1));
    }

    #[test]
    fn unix_times_become_utc_days_and_stamps() {
        assert_eq!(utc_day(0, 0), Some((1970, 1, 1)));
        assert_eq!(utc_day(-1, 0), Some((1969, 12, 31)));
        assert_eq!(utc_day(951_782_400, 0), Some((2000, 2, 29)));
        assert_eq!(utc_day(951_782_400, 60), Some((1999, 12, 31)));
        assert_eq!(utc_day(i64::MAX, 0), None);
        assert_eq!(
            utc_stamp(1_715_000_000).as_deref(),
            Some("2024-05-06T12:53:20Z")
        );
    }
}
