//! Timestamps as front matter and JSON exports write them (`2024-08-08T13:55:00Z`,
//! `2014-05-08 10:00:00 +0200`), read into the model's `datetime` form.

/// The moment a timestamp names, as `YYYY-MM-DDTHH:MM[:SS]` followed by `Z` or `±HH:MM` when the
/// zone is stated; `None` when `s` is not a date with a time of day (a bare date has none).
///
/// Read: a `YYYY-MM-DD` date, `T` or a space, `HH:MM`, optional `:SS` and fraction (dropped),
/// then optionally (after an optional space) `Z`, `UTC`, `GMT`, `±HH:MM` or `±HHMM`. Anything
/// else after it makes the whole value unread.
pub fn datetime(s: &str) -> Option<String> {
    let s = s.trim();
    let date = crate::article::date::iso(s.get(..10)?)?;
    let rest = s.get(10..)?;
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let b = rest.as_bytes();
    let digits = |from: usize| -> Option<u32> {
        let d = b.get(from..from + 2)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
    };
    let (h, m) = (digits(0)?, digits(3)?);
    if b.get(2) != Some(&b':') || h > 23 || m > 59 {
        return None;
    }
    let mut out = format!("{date}T{h:02}:{m:02}");
    let mut i = 5;
    if b.get(5) == Some(&b':') {
        let sec = digits(6)?;
        if sec > 60 {
            return None;
        }
        out.push_str(&format!(":{sec:02}"));
        i = 8;
        if matches!(b.get(8), Some(b'.' | b',')) {
            i = 9 + b[9..].iter().take_while(|c| c.is_ascii_digit()).count();
        }
    }
    let zone = rest[i..].trim_start();
    match zone {
        "" => {}
        "Z" | "z" | "UTC" | "GMT" | "+00:00" | "+0000" => out.push('Z'),
        z => {
            let zb = z.as_bytes();
            let sign = *zb.first()?;
            // Only digits and a colon after the sign, so the slices below fall on characters.
            if !matches!(sign, b'+' | b'-')
                || !zb[1..].iter().all(|c| c.is_ascii_digit() || *c == b':')
            {
                return None;
            }
            let (zh, zm) = match zb.len() {
                6 if zb[3] == b':' => (&z[1..3], &z[4..6]),
                5 => (&z[1..3], &z[3..5]),
                3 => (&z[1..3], "00"),
                _ => return None,
            };
            let ok = |p: &str| p.bytes().all(|c| c.is_ascii_digit());
            if !ok(zh) || !ok(zm) {
                return None;
            }
            out.push_str(&format!("{}{zh}:{zm}", char::from(sign)));
        }
    }
    Some(out)
}

/// The moment a Unix time stamp names (`1715000000` seconds, or milliseconds when it has 13
/// digits), as `YYYY-MM-DDTHH:MM:SSZ`; `None` unless it is 9 to 13 digits naming a moment
/// from 1973 to 2099.
pub fn from_epoch(s: &str) -> Option<String> {
    let s = s.trim();
    if !(9..=13).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut secs: i64 = s.parse().ok()?;
    if s.len() == 13 {
        secs /= 1000;
    } else if s.len() > 10 {
        return None;
    }
    if !(100_000_000..4_102_444_800).contains(&secs) {
        return None;
    }
    crate::article::date::calendar::utc_stamp(secs)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_zone_with_a_letter_past_ascii_is_no_zone_and_no_panic() {
        // Found by the fuzzer: `+0` and a curly quote are five bytes, and were sliced mid-letter.
        assert_eq!(datetime("2026-05-11T09:00+0\u{201c}"), None);
        assert_eq!(datetime("2026-05-11T09:00+0\u{e9}:"), None);
        assert_eq!(
            datetime("2026-05-11T09:00+0200").as_deref(),
            Some("2026-05-11T09:00+02:00")
        );
    }
    use super::{datetime, from_epoch};

    #[test]
    fn unix_time_stamps() {
        assert_eq!(
            from_epoch("1715000000").as_deref(),
            Some("2024-05-06T12:53:20Z")
        );
        assert_eq!(
            from_epoch("1715000000123").as_deref(),
            Some("2024-05-06T12:53:20Z")
        );
        assert_eq!(
            from_epoch("951782400").as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(from_epoch("4102444800"), None);
        assert_eq!(from_epoch("20240808"), None);
        assert_eq!(from_epoch("17150000001"), None);
        assert_eq!(from_epoch("17150x0000"), None);
    }

    #[test]
    fn forms_with_and_without_zone() {
        for (s, want) in [
            ("2024-08-08T13:55:00Z", "2024-08-08T13:55:00Z"),
            ("2024-08-08T13:55:00.123Z", "2024-08-08T13:55:00Z"),
            ("2024-08-08T13:55Z", "2024-08-08T13:55Z"),
            ("2024-08-08 13:55:00", "2024-08-08T13:55:00"),
            ("2014-05-08 10:00:00 +0200", "2014-05-08T10:00:00+02:00"),
            ("2026-04-02T23:40:00+02:00", "2026-04-02T23:40:00+02:00"),
            ("2026-04-02T23:40:00-05:00", "2026-04-02T23:40:00-05:00"),
            ("2026-04-02T23:40:00+00:00", "2026-04-02T23:40:00Z"),
            ("2026-04-02 23:40 UTC", "2026-04-02T23:40Z"),
        ] {
            assert_eq!(datetime(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn no_time_or_nonsense_gives_none() {
        for s in [
            "2024-08-08",
            "2024-08-08T25:00:00Z",
            "2024-02-30T10:00:00Z",
            "2024-08-08T10:00:00 in Kessel",
            "2024-08-08T1:00",
            "Aug 8, 2024 10:00",
            "2024-08-08Té",
            "",
        ] {
            assert_eq!(datetime(s), None, "{s}");
        }
    }
}
