//! From raw lines to logical lines: debris dropped, hard-wrapped paragraphs reflowed (split at
//! blank lines or at first-line indents), section breaks kept alone, lines broken mid-sentence
//! joined.

use super::footer::is_footer_like;
use super::lines::{
    collapse, ends_sentence, is_debris, is_related_marker, is_separator, starts_lower,
};

/// The body's logical lines (one per paragraph, heading, marker or headline), whitespace
/// collapsed. Repairs are reported in `warnings`.
pub(super) fn logical_lines<'a>(
    lines: impl Iterator<Item = &'a str>,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let chunks = chunks(lines);
    let indents = Indents::detect(&chunks);
    let wrapped = indents.is_some() || is_hard_wrapped(&chunks);
    // Each logical line with whether a blank line (or a paragraph indent) stands before it.
    let mut out: Vec<(String, bool)> = Vec::with_capacity(chunks.len());
    for chunk in chunks.iter() {
        if is_related_marker(chunk[0].text) || !wrapped {
            out.extend(
                chunk
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (collapse(l.text), i == 0)),
            );
            continue;
        }
        match &indents {
            Some(ind) => {
                for para in ind.split(chunk) {
                    out.extend(reflow(&para).into_iter().map(|p| (p, true)));
                }
            }
            None => out.extend(reflow(chunk).into_iter().map(|p| (p, true))),
        }
    }
    if indents.is_some() {
        warnings.push("reflowed hard-wrapped paragraphs marked by indents".to_string());
    } else if wrapped {
        warnings.push("reflowed hard-wrapped paragraphs".to_string());
    }
    // Each stage's list is let go before the next is made: a file of many short lines holds
    // one of them at a time, not all.
    drop(chunks);
    join_broken(out, warnings)
}

/// A non-empty line of the body: its text trimmed, and how far it was indented.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    indent: usize,
}

/// Runs of consecutive non-empty lines, debris left out (debris does not end a run): every
/// line in one list and where each run ends, so a file of a million one-line runs holds one
/// list, not a million.
struct Chunks<'a> {
    lines: Vec<Line<'a>>,
    /// One past the last line of each run, in order.
    ends: Vec<usize>,
}

impl<'a> Chunks<'a> {
    /// The runs, in order.
    fn iter(&self) -> impl Iterator<Item = &[Line<'a>]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(s, &e)| &self.lines[s..e])
    }

    /// How many runs there are.
    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The runs of `lines`.
fn chunks<'a>(lines: impl Iterator<Item = &'a str>) -> Chunks<'a> {
    let mut chunks = Chunks {
        lines: Vec::new(),
        ends: Vec::new(),
    };
    let mut open = false;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            if open {
                chunks.ends.push(chunks.lines.len());
                open = false;
            }
        } else if !is_debris(t) {
            let indent = line
                .chars()
                .take_while(|c| c.is_whitespace())
                .take(MAX_INDENT + 1)
                .count();
            chunks.lines.push(Line { text: t, indent });
            open = true;
        }
    }
    if open {
        chunks.ends.push(chunks.lines.len());
    }
    chunks
}

/// Indents wider than this are counted as this wide (a line of spaces stays cheap).
const MAX_INDENT: usize = 40;

/// Paragraphs marked by a first-line indent (old wire archives, plain-text mail): each
/// paragraph starts with an indented line and runs on over lines flush with the margin, with or
/// without blank lines between paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Indents {
    /// The margin: the smallest indent of any body line.
    flush: usize,
    /// The usual paragraph indent; lines indented deeper and running on from a line of the
    /// same depth are one indented block (a quotation or an address), not many paragraphs.
    para: usize,
}

impl Indents {
    /// Whether the body marks its paragraphs by indents: at least two times an indented line is
    /// followed, in the same run of lines, by a line at the margin that carries its paragraph
    /// on, and the lines that would be joined mostly stop mid-sentence (as wrapped lines do). Text
    /// with no indents, indents only on lines that stand alone, or one sentence-ending
    /// paragraph per line with stray indents, is left as it is.
    fn detect(chunks: &Chunks<'_>) -> Option<Indents> {
        let body = || {
            chunks
                .iter()
                .filter(|c| !is_related_marker(c[0].text))
                .flatten()
        };
        let flush = body().map(|l| l.indent).min()?;
        // How often each indent opens a paragraph that runs on at the margin.
        let mut opens = [0usize; MAX_INDENT + 2];
        // Lines a margin line would be joined to, and how many of them stop mid-sentence.
        let (mut joins, mut open) = (0usize, 0usize);
        for chunk in chunks.iter().filter(|c| !is_related_marker(c[0].text)) {
            for pair in chunk.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if b.indent != flush || is_separator(a.text) || is_separator(b.text) {
                    continue;
                }
                joins += 1;
                if !ends_sentence(a.text) {
                    open += 1;
                }
                if a.indent > flush {
                    opens[a.indent] += 1;
                }
            }
        }
        let total: usize = opens.iter().sum();
        if total < 2 || open * 2 <= joins {
            return None;
        }
        let para = (0..opens.len()).max_by_key(|&i| (opens[i], usize::MAX - i))?;
        Some(Indents { flush, para })
    }

    /// One chunk cut into paragraphs at its indented lines.
    fn split<'a>(&self, chunk: &[Line<'a>]) -> Vec<Vec<Line<'a>>> {
        let mut paras: Vec<Vec<Line<'a>>> = Vec::new();
        let mut prev: Option<Line<'a>> = None;
        for &line in chunk {
            let opens = line.indent > self.flush
                && !prev.is_some_and(|p| {
                    p.indent == line.indent && line.indent > self.para && !ends_sentence(p.text)
                });
            match paras.last_mut() {
                Some(para) if !opens => para.push(line),
                _ => paras.push(vec![line]),
            }
            prev = Some(line);
        }
        paras
    }
}

/// Whether the file is hard-wrapped: blank lines separate chunks, and most lines inside a chunk
/// (all but its last) stop mid-sentence. In a one-paragraph-per-line file those lines are
/// paragraph ends and mostly close a sentence; related blocks and section breaks are left out
/// of the count.
fn is_hard_wrapped(chunks: &Chunks<'_>) -> bool {
    if chunks.len() < 2 {
        return false;
    }
    let (mut inner, mut open) = (0usize, 0usize);
    for chunk in chunks.iter().filter(|c| !is_related_marker(c[0].text)) {
        for line in &chunk[..chunk.len() - 1] {
            if is_separator(line.text) {
                continue;
            }
            inner += 1;
            if !ends_sentence(line.text) {
                open += 1;
            }
        }
    }
    inner > 0 && open * 2 > inner
}

/// One chunk's lines as paragraphs: joined into one, except that a footer line (a credit or
/// follow line after a finished sentence) starts its own. A line ending in a hyphen after a
/// letter is joined without a space (`well-` + `known`).
fn reflow(chunk: &[Line<'_>]) -> Vec<String> {
    let mut paras = Vec::new();
    let mut out = String::new();
    for line in chunk {
        let line = collapse(line.text);
        // A section break stands alone, whatever is around it.
        if is_separator(&line) {
            if !out.is_empty() {
                paras.push(std::mem::take(&mut out));
            }
            paras.push(line);
            continue;
        }
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
    if !out.is_empty() {
        paras.push(out);
    }
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
            && !is_separator(prev)
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
        (logical_lines(lines.iter().copied(), &mut w), w)
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
    fn first_line_indents_split_paragraphs_without_blank_lines() {
        let (l, w) = run(concat!(
            "    KESSEL, March 3 - The grain board said on Tuesday it\n",
            "would buy more barley this season.\n",
            "    Prices rose two cents. Traders had expected\n",
            "a smaller rise.\n",
            "    One line alone.\n",
            "    And the last paragraph runs\n",
            "on to here.\n",
        ));
        assert_eq!(
            l,
            [
                "KESSEL, March 3 - The grain board said on Tuesday it would buy more barley this season.",
                "Prices rose two cents. Traders had expected a smaller rise.",
                "One line alone.",
                "And the last paragraph runs on to here.",
            ]
        );
        assert_eq!(w, ["reflowed hard-wrapped paragraphs marked by indents"]);
    }

    #[test]
    fn indents_with_blank_lines_and_tab_indents_agree() {
        // Tabs are expanded to spaces before parsing; a wider indent works the same.
        let (l, _) = run(concat!(
            "        The ferry left at dawn and\n",
            "reached Ostervik by noon.\n",
            "\n",
            "        The crew stayed aboard\n",
            "overnight.\n",
        ));
        assert_eq!(
            l,
            [
                "The ferry left at dawn and reached Ostervik by noon.",
                "The crew stayed aboard overnight."
            ]
        );
    }

    #[test]
    fn a_deeper_indented_block_stays_one_paragraph() {
        let (l, _) = run(concat!(
            "  The notice read in full:\n",
            "as follows.\n",
            "        the harbor is closed to\n",
            "        all traffic until further\n",
            "        notice.\n",
            "  The pilots said they\n",
            "would wait.\n",
        ));
        assert_eq!(
            l,
            [
                "The notice read in full: as follows.",
                "the harbor is closed to all traffic until further notice.",
                "The pilots said they would wait.",
            ]
        );
    }

    #[test]
    fn hard_wrapped_text_without_indents_is_not_split() {
        let (l, _) = run("The pilots said the\nstrike would go on.\n\nTalks resume\non Friday.");
        assert_eq!(
            l,
            [
                "The pilots said the strike would go on.",
                "Talks resume on Friday."
            ]
        );
        // One indented line alone is no evidence of indent-marked paragraphs.
        let (l, _) = run("  A quoted line stood here and\nthe text went on.\n\nMore text\nhere.");
        assert_eq!(
            l,
            [
                "A quoted line stood here and the text went on.",
                "More text here."
            ]
        );
    }

    #[test]
    fn one_per_line_text_with_stray_indents_is_not_joined() {
        let (l, w) = run("  First paragraph.\nSecond paragraph.\n  Third paragraph.\nFourth one.");
        assert_eq!(
            l,
            [
                "First paragraph.",
                "Second paragraph.",
                "Third paragraph.",
                "Fourth one."
            ]
        );
        assert!(w.is_empty());
    }

    #[test]
    fn one_per_line_text_with_indents_everywhere_is_unchanged() {
        let (l, w) = run("  First paragraph.\n  Second paragraph.\n  Third paragraph.");
        assert_eq!(
            l,
            ["First paragraph.", "Second paragraph.", "Third paragraph."]
        );
        assert!(w.is_empty());
    }

    #[test]
    fn section_breaks_stand_alone_in_wrapped_text() {
        let (l, _) = run(
            "The pilots said the\nstrike would go on\n* * *\nnext week, and longer\nif needed.\n\nTalks resume\non Friday.",
        );
        assert_eq!(
            l,
            [
                "The pilots said the strike would go on",
                "* * *",
                "next week, and longer if needed.",
                "Talks resume on Friday."
            ]
        );
    }

    #[test]
    fn debris_is_dropped() {
        let (l, _) = run("One.\nAdvertisement\nTwo.\n...read more\nread less");
        assert_eq!(l, ["One.", "Two."]);
    }
}
