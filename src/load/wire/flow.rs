//! From raw lines to logical lines: debris dropped, hard-wrapped paragraphs reflowed, lines
//! broken mid-sentence joined.

use super::footer::is_footer_like;
use super::lines::{collapse, ends_sentence, is_debris, is_related_marker, starts_lower};

/// The body's logical lines (one per paragraph, heading, marker or headline), whitespace
/// collapsed. Repairs are reported in `warnings`.
pub(super) fn logical_lines(lines: &[&str], warnings: &mut Vec<String>) -> Vec<String> {
    let chunks = chunks(lines);
    let wrapped = is_hard_wrapped(&chunks);
    // Each logical line with whether a blank line stands before it.
    let mut out: Vec<(String, bool)> = Vec::new();
    for chunk in &chunks {
        if wrapped && !is_related_marker(chunk[0]) {
            out.extend(reflow(chunk).into_iter().map(|p| (p, true)));
        } else {
            out.extend(chunk.iter().enumerate().map(|(i, l)| (collapse(l), i == 0)));
        }
    }
    if wrapped {
        warnings.push("reflowed hard-wrapped paragraphs".to_string());
    }
    join_broken(out, warnings)
}

/// Runs of consecutive non-empty lines, debris left out (debris does not end a run).
fn chunks<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut chunks: Vec<Vec<&'a str>> = Vec::new();
    let mut current: Vec<&'a str> = Vec::new();
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            if !current.is_empty() {
                chunks.push(std::mem::take(&mut current));
            }
        } else if !is_debris(t) {
            current.push(t);
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Whether the file is hard-wrapped: blank lines separate chunks, and most lines inside a chunk
/// (all but its last) stop mid-sentence. In a one-paragraph-per-line file those lines are
/// paragraph ends and mostly close a sentence; related blocks are left out of the count.
fn is_hard_wrapped(chunks: &[Vec<&str>]) -> bool {
    if chunks.len() < 2 {
        return false;
    }
    let (mut inner, mut open) = (0usize, 0usize);
    for chunk in chunks.iter().filter(|c| !is_related_marker(c[0])) {
        for line in &chunk[..chunk.len() - 1] {
            inner += 1;
            if !ends_sentence(line) {
                open += 1;
            }
        }
    }
    inner > 0 && open * 2 > inner
}

/// One chunk's lines as paragraphs: joined into one, except that a footer line (a credit or
/// follow line after a finished sentence) starts its own. A line ending in a hyphen after a
/// letter is joined without a space (`well-` + `known`).
fn reflow(chunk: &[&str]) -> Vec<String> {
    let mut paras = Vec::new();
    let mut out = String::new();
    for line in chunk {
        let line = collapse(line);
        if ends_sentence(&out) && is_footer_like(&line) {
            paras.push(std::mem::take(&mut out));
        }
        let hyphen_join = out.ends_with('-')
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        if !out.is_empty() && !hyphen_join {
            out.push(' ');
        }
        out.push_str(&line);
    }
    paras.push(out);
    paras
}

/// Joins a line that does not close its sentence with a following line that starts in lower
/// case: one paragraph broken in two. A blank line between them is a deliberate break, kept.
fn join_broken(lines: Vec<(String, bool)>, warnings: &mut Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut joined = 0;
    for (line, after_blank) in lines {
        if !after_blank
            && let Some(prev) = out.last_mut()
            && !ends_sentence(prev)
            && !is_related_marker(prev)
            && starts_lower(&line)
        {
            prev.push(' ');
            prev.push_str(&line);
            joined += 1;
            continue;
        }
        out.push(line);
    }
    match joined {
        0 => {}
        1 => warnings.push("joined a line broken mid-sentence".to_string()),
        n => warnings.push(format!("joined {n} lines broken mid-sentence")),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<String>, Vec<String>) {
        let lines: Vec<&str> = text.lines().collect();
        let mut w = Vec::new();
        (logical_lines(&lines, &mut w), w)
    }

    #[test]
    fn one_per_line_with_blank_lines_between_is_not_reflowed() {
        let (l, w) = run("One.\n\nTwo.\n\nThree.");
        assert_eq!(l, ["One.", "Two.", "Three."]);
        assert!(w.is_empty());
    }

    #[test]
    fn hard_wrapped_chunks_are_reflowed() {
        let (l, w) = run(
            "The pilots said the\nstrike would go on for a\nwell-\nknown reason.\n\nTalks resume\non Friday.",
        );
        assert_eq!(
            l,
            [
                "The pilots said the strike would go on for a well-known reason.",
                "Talks resume on Friday."
            ]
        );
        assert_eq!(w, ["reflowed hard-wrapped paragraphs"]);
    }

    #[test]
    fn paragraphs_and_a_related_chunk_are_not_mistaken_for_wrapping() {
        let (l, _) = run(
            "First one.\nSecond one.\n\nRelated\nA headline here\nAnother headline\nA third one",
        );
        assert_eq!(l.len(), 6);
    }

    #[test]
    fn broken_line_joined_with_warning() {
        let (l, w) =
            run("Pilots walked out after talks with the\nport authority collapsed.\nNext.");
        assert_eq!(
            l,
            [
                "Pilots walked out after talks with the port authority collapsed.",
                "Next."
            ]
        );
        assert_eq!(w, ["joined a line broken mid-sentence"]);
    }

    #[test]
    fn wrapped_footer_lines_stay_apart() {
        let (l, _) = run(
            "The port stayed shut\nall week.\n\nAna Ruiz in Lima\ncontributed to this report.\nFollow the port coverage at https://example.org/p",
        );
        assert_eq!(
            l,
            [
                "The port stayed shut all week.",
                "Ana Ruiz in Lima contributed to this report.",
                "Follow the port coverage at https://example.org/p"
            ]
        );
    }

    #[test]
    fn no_join_across_a_blank_line() {
        let (l, w) = run("A line with no end\n\nand another one.");
        assert_eq!(l, ["A line with no end", "and another one."]);
        assert!(w.is_empty());
    }

    #[test]
    fn debris_is_dropped() {
        let (l, _) = run("One.\nAdvertisement\nTwo.\n...read more\nread less");
        assert_eq!(l, ["One.", "Two."]);
    }
}
