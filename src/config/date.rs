//! The `date_format` option: which directives it may use, and formatting an ISO date with it.

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

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

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

/// Formats an ISO date (`YYYY-MM-DD`, as `article::date::iso` gives) with `fmt`; `None` when
/// the date is not a real calendar date. Unknown directives are copied as written.
pub fn format_date(iso: &str, fmt: &str) -> Option<String> {
    let mut parts = iso.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let month_name = MONTHS[month - 1];
    let weekday = WEEKDAYS[weekday(year, month, day)];
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&year.to_string()),
            Some('y') => out.push_str(&format!("{:02}", year.rem_euclid(100))),
            Some('m') => out.push_str(&format!("{month:02}")),
            Some('d') => out.push_str(&format!("{day:02}")),
            Some('e') => out.push_str(&day.to_string()),
            Some('b') => out.push_str(&month_name[..3]),
            Some('B') => out.push_str(month_name),
            Some('a') => out.push_str(&weekday[..3]),
            Some('A') => out.push_str(weekday),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    Some(out)
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: usize) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day of the week, 0 = Sunday (Sakamoto's method, valid for the Gregorian calendar).
fn weekday(year: i32, month: usize, day: u32) -> usize {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let w = y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + T[month - 1] + day as i32;
    w.rem_euclid(7) as usize
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
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-01-00",
            "soon",
            "2026-01",
        ] {
            assert_eq!(format_date(bad, "%Y"), None, "{bad}");
        }
    }

    #[test]
    fn check_names_the_bad_directive() {
        assert!(check("%b %d, %Y").is_ok());
        let err = check("%Y %Q").unwrap_err();
        assert!(err.contains("%Q") && err.contains("%Y"), "{err}");
        assert!(check("100%").is_err());
    }
}
