//! Date boxes copied out of a web page run together: the page set the date, the time and an
//! "Updated" note in separate boxes, and the copy joined them without spaces
//! (`December 3, 20263:12 PM UTCUpdated 2 hours ago`). [`tidy`] gives the line as the page
//! showed it, for reading the date only: the line itself is never changed.

use std::borrow::Cow;

/// The words that start a trailing relative note after an absolute date.
const NOTE: [&str; 5] = ["updated", "published", "posted", "modified", "edited"];

/// `line` with a year glued to a time parted (`20263:12` → `2026 3:12`), a zone glued to the
/// next word parted (`UTCUpdated` → `UTC Updated`), and a relative note after an absolute
/// date left out (`… 2026 Updated 2 hours ago` → `… 2026`); the line unchanged when it has none
/// of these.
pub(super) fn tidy(line: &str) -> Cow<'_, str> {
    let parted = part_words(line);
    match cut_note(&parted) {
        Some(n) => Cow::Owned(parted[..n].trim_end().to_string()),
        None => parted,
    }
}

/// The line with glued year-time and zone-word pairs parted by a space.
fn part_words(line: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut from = 0;
    for (start, word) in words(line) {
        let Some(at) = year_then_time(word).or_else(|| zone_then_word(word)) else {
            continue;
        };
        let cut = start + at;
        let o = out.get_or_insert_with(|| String::with_capacity(line.len() + 4));
        o.push_str(&line[from..cut]);
        o.push(' ');
        from = cut;
    }
    match out {
        Some(mut o) => {
            o.push_str(&line[from..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(line),
    }
}

/// The words of `line` with their byte offsets.
fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
}

/// `20263:12` → 4 (a year of 1900–2099 glued to a time of day); `None` otherwise.
fn year_then_time(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(&b[..2], b"19" | b"20") {
        return None;
    }
    let rest = &b[4..];
    let hour = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let time = matches!(hour, 1 | 2)
        && rest.get(hour) == Some(&b':')
        && rest.len() >= hour + 3
        && rest[hour + 1..hour + 3].iter().all(u8::is_ascii_digit);
    time.then_some(4)
}

/// `UTCUpdated` → 3 (an upper-case zone name glued to a capitalised word); `None` otherwise.
fn zone_then_word(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let upper = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    // The run of capitals holds the zone and the next word's capital: `UTCU` of `UTCUpdated`.
    if !(3..=6).contains(&upper) || !b.get(upper).is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    let at = upper - 1;
    super::clock::zone(&word[..at]).map(|_| at)
}

/// Where a relative note that follows an absolute date starts, when the line ends in one.
fn cut_note(line: &str) -> Option<usize> {
    let (at, _) = words(line).find(|(at, w)| {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        NOTE.iter().any(|n| bare.eq_ignore_ascii_case(n))
            && *at > 0
            && line[..*at].bytes().any(|b| b.is_ascii_digit())
            && super::relative::parse(&line[*at..]).is_some()
    })?;
    let before = line[..at].trim_end_matches(|c: char| c.is_whitespace() || "|·•—–-,".contains(c));
    super::scan(before).is_some().then_some(before.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_glued_to_a_time_is_parted() {
        assert_eq!(
            tidy("December 3, 20263:12 PM UTC"),
            "December 3, 2026 3:12 PM UTC"
        );
        assert_eq!(tidy("Dec 3, 202614:05 GMT"), "Dec 3, 2026 14:05 GMT");
        // A long number or a year then a plain number is no time.
        assert_eq!(tidy("Filed 20261234 times"), "Filed 20261234 times");
        assert_eq!(tidy("In 2026, 3:12 PM"), "In 2026, 3:12 PM");
    }

    #[test]
    fn a_zone_glued_to_a_word_is_parted() {
        assert_eq!(tidy("3:12 PM UTCPublished"), "3:12 PM UTC Published");
        assert_eq!(tidy("9:00 ESTLast"), "9:00 EST Last");
        // Capitals that are no zone stay as they are.
        assert_eq!(tidy("NASAReport 2026"), "NASAReport 2026");
        assert_eq!(tidy("UTC"), "UTC");
    }

    #[test]
    fn a_relative_note_after_an_absolute_date_is_left_out() {
        assert_eq!(
            tidy("December 3, 20263:12 PM UTCUpdated 2 hours ago"),
            "December 3, 2026 3:12 PM UTC"
        );
        assert_eq!(tidy("March 9, 2026 · Updated yesterday"), "March 9, 2026");
        // Without an absolute date before it the note is the line.
        assert_eq!(tidy("Updated 2 hours ago"), "Updated 2 hours ago");
        // A note that is not relative stays.
        assert_eq!(
            tidy("March 9, 2026 Updated March 10, 2026"),
            "March 9, 2026 Updated March 10, 2026"
        );
    }
}
