//! Which way round a file writes numeric dates (`06/01/2026`: 6 January or June 1), decided
//! from the rest of the file: its other numeric dates, how it spells dates out, its language.

use super::{Order, month};

/// How much of a file is looked at (the evidence is in the header and first paragraphs).
const WINDOW: usize = 64 * 1024;

/// Words that mark a language writing the day first (German, French, Spanish, Italian,
/// Portuguese, Dutch month names and the German `Uhr`).
const DAY_FIRST_WORDS: [&str; 14] = [
    "uhr",
    "januar",
    "februar",
    "märz",
    "janvier",
    "février",
    "juillet",
    "août",
    "enero",
    "febrero",
    "gennaio",
    "febbraio",
    "janeiro",
    "fevereiro",
];

/// The order the text's other dates show, or `None` when they do not settle it (no evidence,
/// or as much for one order as for the other).
pub fn from_text(text: &str) -> Option<Order> {
    let end = super::floor_boundary(text, WINDOW);
    let text = &text[..end];
    let (mut day_first, mut month_first) = (0usize, 0usize);
    let mut prev: Option<&str> = None;
    for raw in text.split(|c: char| c.is_whitespace() || c == ',') {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            prev = None;
            continue;
        }
        match numeric_order(w) {
            Some(Order::DayFirst) => day_first += 1,
            Some(Order::MonthFirst) => month_first += 1,
            None => {}
        }
        // `8 January` is written day first, `January 8` month first (a capitalised month).
        if let Some(p) = prev {
            let capital = |s: &str| s.starts_with(|c: char| c.is_ascii_uppercase());
            if is_day(p) && capital(w) && month(w).is_some() {
                day_first += 1;
            } else if is_day(w) && capital(p) && month(p).is_some() {
                month_first += 1;
            }
        }
        if w.len() >= 3 && w.len() <= 10 {
            let lower = w.to_lowercase();
            if DAY_FIRST_WORDS.contains(&lower.as_str()) {
                day_first += 1;
            }
        }
        prev = Some(w);
    }
    match day_first.cmp(&month_first) {
        std::cmp::Ordering::Greater => Some(Order::DayFirst),
        std::cmp::Ordering::Less => Some(Order::MonthFirst),
        std::cmp::Ordering::Equal => None,
    }
}

/// A day of the month written alone (`8`, `08`, `8th`).
fn is_day(w: &str) -> bool {
    super::day(w).is_some_and(|d| (1..=31).contains(&d))
}

/// The order an unambiguous numeric date shows: `25/12/2026` day first, `12/25/2026` month
/// first; `None` for one that could be either or is no date.
fn numeric_order(w: &str) -> Option<Order> {
    let n = super::numeric(w)?;
    match (n.first > 12, n.second > 12) {
        (true, false) => Some(Order::DayFirst),
        (false, true) => Some(Order::MonthFirst),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_in_the_text() {
        assert_eq!(
            from_text("Filed 06/01/2026. The vote is on 25/01/2026."),
            Some(Order::DayFirst)
        );
        assert_eq!(
            from_text("Filed 06/01/2026. The vote is on 01/25/2026."),
            Some(Order::MonthFirst)
        );
        assert_eq!(
            from_text("The council met on 4 January and again on 9 February."),
            Some(Order::DayFirst)
        );
        assert_eq!(
            from_text("The council met on January 4 and again on February 9."),
            Some(Order::MonthFirst)
        );
        assert_eq!(
            from_text("Die Sitzung beginnt um 14 Uhr."),
            Some(Order::DayFirst)
        );
        assert_eq!(from_text("Filed 06/01/2026. Nothing else."), None);
        assert_eq!(
            from_text("On 4 January, and then on February 9."),
            None,
            "a tie settles nothing"
        );
        assert_eq!(from_text("They may 5 times."), None);
    }
}
