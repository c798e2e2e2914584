//! From raw lines to logical lines: debris dropped, hard-wrapped paragraphs reflowed (split at
//! blank lines or at first-line indents), section breaks kept alone, lines broken mid-sentence
//! joined.

use super::footer::is_footer_like;
use super::lines::{
    collapse, ends_sentence, is_debris, is_related_marker, is_separator, starts_lower,
};
use crate::article::Block;

/// The body's logical lines (one per paragraph, heading, marker or headline), whitespace
/// collapsed, each held as a paragraph block until the body's rules say what it is. Repairs
/// are reported in `warnings`.
///
/// The lines are walked twice, a run of lines at a time, and nothing is kept of them but the
/// logical lines themselves: a file of many short lines holds one list, not one per stage.
pub(super) fn logical_lines<'a>(
    lines: impl Iterator<Item = &'a str> + Clone,
    warnings: &mut Vec<String>,
) -> Vec<Block> {
    let stats = Stats::of(lines.clone());
    let indents = stats.indents();
    let wrapped = indents.is_some() || stats.hard_wrapped();
    // Room for every logical line there can be (one a line, and a sign-off split off the
    // last): the list never regrows, and the room it does not use is never touched.
    let mut out = Joiner {
        lines: Vec::with_capacity(stats.lines + 1),
        joined: 0,
    };
    for_each_chunk(lines, |chunk| {
        if is_related_marker(chunk[0].text) || !wrapped {
            for (i, l) in chunk.iter().enumerate() {
                out.push(collapse(l.text), i == 0);
            }
            return;
        }
        match &indents {
            Some(ind) => {
                for para in ind.split(chunk) {
                    for p in reflow(&para) {
                        out.push(p, true);
                    }
                }
            }
            None => {
                for p in reflow(chunk) {
                    out.push(p, true);
                }
            }
        }
    });
    if indents.is_some() {
        warnings.push("reflowed hard-wrapped paragraphs marked by indents".to_string());
    } else if wrapped {
        warnings.push("reflowed hard-wrapped paragraphs".to_string());
    }
    match out.joined {
        0 => {}
        1 => warnings.push("joined a line broken mid-sentence".to_string()),
        n => warnings.push(format!("joined {n} lines broken mid-sentence")),
    }
    out.lines
}

/// A non-empty line of the body: its text trimmed, and how far it was indented.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    indent: usize,
}

/// Calls `each` with every run of consecutive non-empty lines of `lines`, in order, debris left
/// out (debris does not end a run). One run's lines are held at a time.
fn for_each_chunk<'a>(lines: impl Iterator<Item = &'a str>, mut each: impl FnMut(&[Line<'a>])) {
    let mut chunk: Vec<Line<'a>> = Vec::new();
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            if !chunk.is_empty() {
                each(&chunk);
                chunk.clear();
            }
        } else if !is_debris(t) {
            let indent = line
                .chars()
                .take_while(|c| c.is_whitespace())
                .take(MAX_INDENT + 1)
                .count();
            chunk.push(Line { text: t, indent });
        }
    }
    if !chunk.is_empty() {
        each(&chunk);
    }
}

/// What deciding whether the body is wrapped needs of its lines, counted in one walk over them:
/// for every indent a line at the margin could have, the pairs of lines that a reflow at that
/// margin would join.
struct Stats {
    /// Lines, debris left out.
    lines: usize,
    /// Runs of lines.
    chunks: usize,
    /// The smallest indent of a body line (related blocks left out), if any.
    flush: Option<usize>,
    /// By the indent of a pair's second line: the pairs (separators left out)…
    joins: [usize; INDENTS],
    /// …those whose first line stops mid-sentence…
    open: [usize; INDENTS],
    /// …and, by the first line's indent, how many there are.
    opens: [[usize; INDENTS]; INDENTS],
    /// Lines inside a run (all but its last, separators left out), and how many of them stop
    /// mid-sentence.
    inner: (usize, usize),
}

/// Indents a line can be counted at: 0 to `MAX_INDENT + 1`.
const INDENTS: usize = MAX_INDENT + 2;

impl Stats {
    /// The counts for `lines`.
    fn of<'a>(lines: impl Iterator<Item = &'a str>) -> Stats {
        let mut s = Stats {
            lines: 0,
            chunks: 0,
            flush: None,
            joins: [0; INDENTS],
            open: [0; INDENTS],
            opens: [[0; INDENTS]; INDENTS],
            inner: (0, 0),
        };
        for_each_chunk(lines, |chunk| {
            s.lines += chunk.len();
            s.chunks += 1;
            if is_related_marker(chunk[0].text) {
                return;
            }
            for line in &chunk[..chunk.len() - 1] {
                if !is_separator(line.text) {
                    s.inner.0 += 1;
                    s.inner.1 += usize::from(!ends_sentence(line.text));
                }
            }
            let least = chunk.iter().map(|l| l.indent).min().unwrap_or(0);
            s.flush = Some(s.flush.map_or(least, |f| f.min(least)));
            for pair in chunk.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if is_separator(a.text) || is_separator(b.text) {
                    continue;
                }
                s.joins[b.indent] += 1;
                s.open[b.indent] += usize::from(!ends_sentence(a.text));
                s.opens[b.indent][a.indent] += 1;
            }
        });
        s
    }

    /// Whether the body marks its paragraphs by indents: at least two times an indented line is
    /// followed, in the same run of lines, by a line at the margin that carries its paragraph
    /// on, and the lines that would be joined mostly stop mid-sentence (as wrapped lines do).
    /// Text with no indents, indents only on lines that stand alone, or one sentence-ending
    /// paragraph per line with stray indents, is left as it is.
    fn indents(&self) -> Option<Indents> {
        let flush = self.flush?;
        // How often each indent opens a paragraph that runs on at the margin.
        let mut opens = [0usize; INDENTS];
        opens[flush + 1..].copy_from_slice(&self.opens[flush][flush + 1..]);
        let (joins, open) = (self.joins[flush], self.open[flush]);
        let total: usize = opens.iter().sum();
        if total < 2 || open * 2 <= joins {
            return None;
        }
        let para = (0..opens.len()).max_by_key(|&i| (opens[i], usize::MAX - i))?;
        Some(Indents { flush, para })
    }

    /// Whether the file is hard-wrapped: blank lines separate chunks, and most lines inside a
    /// chunk (all but its last) stop mid-sentence. In a one-paragraph-per-line file those lines
    /// are paragraph ends and mostly close a sentence; related blocks and section breaks are
    /// left out of the count.
    fn hard_wrapped(&self) -> bool {
        let (inner, open) = self.inner;
        self.chunks >= 2 && inner > 0 && open * 2 > inner
    }
}

/// The logical lines as they are made, each joined to the one before it when the two are one
/// sentence broken in two.
struct Joiner {
    lines: Vec<Block>,
    /// How many lines were joined to the one before.
    joined: usize,
}

impl Joiner {
    /// Adds `line`, after a blank line (or a paragraph indent) when `after_blank`. A line that
    /// does not close its sentence is joined with a following line that starts in lower case:
    /// one paragraph broken in two. A blank line between them is a deliberate break, kept.
    fn push(&mut self, line: String, after_blank: bool) {
        if !after_blank
            && let Some(prev) = self.lines.last_mut()
            && !ends_sentence(&prev.text)
            && !is_related_marker(&prev.text)
            && !is_separator(&prev.text)
            && starts_lower(&line)
        {
            prev.text.push(' ');
            prev.text.push_str(&line);
            self.joined += 1;
            return;
        }
        self.lines.push(Block::paragraph(line));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<String>, Vec<String>) {
        let lines: Vec<&str> = text.lines().collect();
        let mut w = Vec::new();
        let logical = logical_lines(lines.iter().copied(), &mut w);
        (logical.into_iter().map(|b| b.text.into()).collect(), w)
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
