//! Reading the calendar date out of a date line in its many forms.

/// The calendar date `line` names as `YYYY-MM-DD`, or `None` when it names none.
pub fn iso(line: &str) -> Option<String> {
    // Placeholder until the full date reader lands: only ISO dates.
    let t = line.trim();
    let b = t.as_bytes();
    (b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && t.replace('-', "").bytes().all(|c| c.is_ascii_digit()))
    .then(|| t.to_string())
}
