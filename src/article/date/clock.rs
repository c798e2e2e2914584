//! Times of day and time zones on a date line (`8:00 AM ET`, `11.42 GMT`, `13:55 GMT+1`,
//! `15:38:26.23`, the time of an ISO timestamp) and the timestamp they make with the date.

use super::Order;

/// A time of day, 24-hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Hour, 0 to 23.
    pub hour: u32,
    /// Minute, 0 to 59.
    pub minute: u32,
    /// Second, when the line gives it.
    pub second: Option<u32>,
}

/// How a stated zone gives its offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offset {
    /// Always this many minutes.
    Fixed(i32),
    /// A US zone written without saying which half of the year (`ET`, `PT`): this standard
    /// offset, an hour more while US daylight saving time runs.
    Us(i32),
    /// UK time (`UK`): GMT, or BST while European summer time runs.
    Uk,
}

/// A time zone the line states, and which way round its region writes numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    offset: Offset,
    /// `ET` → month first, `GMT+1` → day first; `None` when the zone says nothing about it.
    pub order: Option<Order>,
}

const M: Option<Order> = Some(Order::MonthFirst);
const D: Option<Order> = Some(Order::DayFirst);

/// Named zones and their offsets. `CST` is read as US Central (English-language news).
const NAMED: &[(&str, Offset, Option<Order>)] = &[
    ("UTC", Offset::Fixed(0), None),
    ("GMT", Offset::Fixed(0), D),
    ("UT", Offset::Fixed(0), None),
    ("Z", Offset::Fixed(0), None),
    ("UK", Offset::Uk, D),
    ("BST", Offset::Fixed(60), D),
    ("WET", Offset::Fixed(0), D),
    ("WEST", Offset::Fixed(60), D),
    ("CET", Offset::Fixed(60), D),
    ("CEST", Offset::Fixed(120), D),
    ("EET", Offset::Fixed(120), D),
    ("EEST", Offset::Fixed(180), D),
    ("MSK", Offset::Fixed(180), D),
    ("ET", Offset::Us(-300), M),
    ("EST", Offset::Fixed(-300), M),
    ("EDT", Offset::Fixed(-240), M),
    ("CT", Offset::Us(-360), M),
    ("CST", Offset::Fixed(-360), M),
    ("CDT", Offset::Fixed(-300), M),
    ("MT", Offset::Us(-420), M),
    ("MST", Offset::Fixed(-420), M),
    ("MDT", Offset::Fixed(-360), M),
    ("PT", Offset::Us(-480), M),
    ("PST", Offset::Fixed(-480), M),
    ("PDT", Offset::Fixed(-420), M),
    ("AKST", Offset::Fixed(-540), M),
    ("AKDT", Offset::Fixed(-480), M),
    ("HST", Offset::Fixed(-600), M),
    ("JST", Offset::Fixed(540), None),
    ("KST", Offset::Fixed(540), None),
    ("HKT", Offset::Fixed(480), None),
    ("SGT", Offset::Fixed(480), None),
    ("AWST", Offset::Fixed(480), D),
    ("AEST", Offset::Fixed(600), D),
    ("AEDT", Offset::Fixed(660), D),
    ("NZST", Offset::Fixed(720), D),
    ("NZDT", Offset::Fixed(780), D),
    ("SAST", Offset::Fixed(120), D),
];

/// The zone a word names: a name from [`NAMED`], or `GMT+1`, `UTC-05:00`, `GMT+5:30`.
pub(super) fn zone(word: &str) -> Option<Zone> {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '.' | '[' | ']'));
    if w.len() > 9 {
        return None;
    }
    if let Some((_, offset, order)) = NAMED.iter().find(|(n, _, _)| *n == w) {
        return Some(Zone {
            offset: *offset,
            order: *order,
        });
    }
    let rest = w.strip_prefix("GMT").or_else(|| w.strip_prefix("UTC"))?;
    let minutes = offset(rest)?;
    // Europe writes `GMT+1`; the Americas, west of Greenwich, use both orders.
    let order = (0..=180).contains(&minutes).then_some(Order::DayFirst);
    Some(Zone {
        offset: Offset::Fixed(minutes),
        order,
    })
}

/// `+1`, `+01`, `-05:00`, `+0530`: an offset in minutes (at most 14 hours).
fn offset(s: &str) -> Option<i32> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &s[1..];
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 || m.is_empty() {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// The first time of day on a date line, with the zone written right after it.
pub(super) fn find(line: &str) -> (Option<Clock>, Option<Zone>) {
    // The words in an array on the stack: a date line is short, and this runs once a file.
    let mut buf = [""; 32];
    let mut n = 0;
    for w in line
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .take(buf.len())
    {
        buf[n] = w;
        n += 1;
    }
    let words = &buf[..n];
    for (i, raw) in words.iter().enumerate() {
        let w = raw.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ';'));
        if let Some(found) = iso_time(w) {
            return found;
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        let Some((mut clock, suffix, dotted)) = clock_token(w) else {
            continue;
        };
        let mut after = i + 1;
        let meridiem = match meridiem(suffix) {
            Some(pm) => Some(pm),
            None if suffix.is_empty() => {
                let m = meridiem(next);
                if m.is_some() {
                    after += 1;
                }
                m
            }
            None => continue,
        };
        if let Some(pm) = meridiem {
            if !(1..=12).contains(&clock.hour) {
                continue;
            }
            clock.hour = clock.hour % 12 + if pm { 12 } else { 0 };
        }
        let zone = words.get(after).and_then(|w| zone(w));
        // `11.42` is a time only beside a zone or `a.m.`: alone it may be a price or a score.
        if dotted && zone.is_none() && meridiem.is_none() {
            continue;
        }
        return (Some(clock), zone);
    }
    (None, None)
}

/// The time of an ISO timestamp token (`2026-01-08T13:55:00Z`, `…T13:55+01:00`) and its zone.
fn iso_time(w: &str) -> Option<(Option<Clock>, Option<Zone>)> {
    let b = w.as_bytes();
    if b.len() < 16 || b[10] != b'T' || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let t = w.get(11..)?;
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(t.len());
    let (clock, _, _) = clock_token(&t[..end])?;
    let zone_part = &t[end..];
    let zone = match zone_part {
        "" => None,
        "Z" | "z" => Some(Zone {
            offset: Offset::Fixed(0),
            order: None,
        }),
        z => Some(Zone {
            offset: Offset::Fixed(offset(z)?),
            order: None,
        }),
    };
    Some((Some(clock), zone))
}

/// `8:00`, `13:55:00`, `15:38:26.23`, `11.42`, `3:15pm`: the clock, what follows it in the
/// word (`pm`), and whether it was written with a full stop.
fn clock_token(w: &str) -> Option<(Clock, &str, bool)> {
    let end = w
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(w.len());
    let (num, suffix) = w.split_at(end);
    let num = num.trim_end_matches('.');
    let dotted = !num.contains(':');
    let mut parts = if dotted {
        num.splitn(2, '.')
    } else {
        num.splitn(3, ':')
    };
    let h = parts.next()?;
    let m = parts.next()?;
    let s = parts.next();
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let two = |x: &str| -> Option<u32> {
        (x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    let hour = two(h)?;
    let minute = two(m)?;
    let second = match s {
        // Hundredths (`26.23`) are dropped: the timestamp keeps whole seconds.
        Some(s) => Some(two(s.split('.').next()?).filter(|_| s.len() >= 2)?),
        None => None,
    };
    if hour > 23 || minute > 59 || second.is_some_and(|s| s > 60) {
        return None;
    }
    Some((
        Clock {
            hour,
            minute,
            second,
        },
        suffix,
        dotted,
    ))
}

/// `Some(true)` for `PM`/`p.m.`, `Some(false)` for `AM`/`a.m.`.
fn meridiem(w: &str) -> Option<bool> {
    let bare: String = w
        .chars()
        .filter(|c| *c != '.')
        .take(3)
        .collect::<String>()
        .to_ascii_lowercase();
    match bare.as_str() {
        "am" => Some(false),
        "pm" => Some(true),
        _ => None,
    }
}

/// `YYYY-MM-DDTHH:MM[:SS]`, with `Z` or `±HH:MM` when a zone is stated.
pub(super) fn stamp(y: u32, m: u32, d: u32, clock: Clock, zone: Option<Zone>) -> String {
    let mut s = super::iso_string(y, m, d);
    s.push_str(&format!("T{:02}:{:02}", clock.hour, clock.minute));
    if let Some(sec) = clock.second {
        s.push_str(&format!(":{sec:02}"));
    }
    if let Some(z) = zone {
        let minutes = match z.offset {
            Offset::Fixed(o) => o,
            Offset::Us(o) => o + if us_summer(y, m, d) { 60 } else { 0 },
            Offset::Uk => {
                if eu_summer(y, m, d) {
                    60
                } else {
                    0
                }
            }
        };
        if minutes == 0 {
            s.push('Z');
        } else {
            let sign = if minutes < 0 { '-' } else { '+' };
            let a = minutes.unsigned_abs();
            s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
        }
    }
    s
}

/// Whether US daylight saving time runs on that day (second Sunday of March to the first
/// Sunday of November since 2007; first Sunday of April to the last of October before).
fn us_summer(y: u32, m: u32, d: u32) -> bool {
    let (start, end) = if y >= 2007 {
        ((3, nth_sunday(y, 3, 2)), (11, nth_sunday(y, 11, 1)))
    } else {
        ((4, nth_sunday(y, 4, 1)), (10, last_sunday(y, 10)))
    };
    (m, d) >= start && (m, d) < end
}

/// Whether European summer time runs on that day (last Sunday of March to last of October).
fn eu_summer(y: u32, m: u32, d: u32) -> bool {
    (m, d) >= (3, last_sunday(y, 3)) && (m, d) < (10, last_sunday(y, 10))
}

/// Day of the month of the `n`th Sunday.
fn nth_sunday(y: u32, m: u32, n: i8) -> u32 {
    // Every month of a four-digit year has four Sundays.
    super::calendar::sunday(y, m, n).unwrap_or(1)
}

/// Day of the month of the last Sunday.
fn last_sunday(y: u32, m: u32) -> u32 {
    nth_sunday(y, m, -1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &str) -> Option<String> {
        let (c, z) = find(line);
        Some(stamp(2026, 1, 8, c?, z))
    }

    #[test]
    fn times_and_zones() {
        assert_eq!(at("8:00 AM ET").as_deref(), Some("2026-01-08T08:00-05:00"));
        assert_eq!(
            at("Updated 3:15 p.m. EDT").as_deref(),
            Some("2026-01-08T15:15-04:00")
        );
        assert_eq!(at("12:05am").as_deref(), Some("2026-01-08T00:05"));
        assert_eq!(at("Sat 11.42 GMT").as_deref(), Some("2026-01-08T11:42Z"));
        assert_eq!(at("13:55 GMT+1").as_deref(), Some("2026-01-08T13:55+01:00"));
        assert_eq!(at("15:38:26.23").as_deref(), Some("2026-01-08T15:38:26"));
        assert_eq!(
            at("2026-01-08T13:55:00+05:30").as_deref(),
            Some("2026-01-08T13:55:00+05:30")
        );
        assert_eq!(
            at("2026-01-08T13:55Z").as_deref(),
            Some("2026-01-08T13:55Z")
        );
        assert_eq!(at("costs 11.42 dollars"), None);
        assert_eq!(at("25:10"), None);
        assert_eq!(at("13:00 PM"), None);
    }

    #[test]
    fn daylight_saving_follows_the_date() {
        let c = Clock {
            hour: 8,
            minute: 0,
            second: None,
        };
        let et = zone("ET");
        assert_eq!(stamp(2024, 8, 8, c, et), "2024-08-08T08:00-04:00");
        assert_eq!(stamp(2024, 3, 9, c, et), "2024-03-09T08:00-05:00");
        assert_eq!(stamp(2024, 3, 10, c, et), "2024-03-10T08:00-04:00");
        assert_eq!(stamp(2024, 11, 3, c, et), "2024-11-03T08:00-05:00");
        assert_eq!(stamp(2024, 7, 1, c, zone("UK")), "2024-07-01T08:00+01:00");
        assert_eq!(stamp(2024, 12, 1, c, zone("UK")), "2024-12-01T08:00Z");
        assert_eq!(zone("GMT+1").map(|z| z.order), Some(D));
        assert_eq!(zone("EDT").map(|z| z.order), Some(M));
        assert_eq!(zone("GMT+99"), None);
        assert_eq!(zone("Kessel"), None);
    }
}
