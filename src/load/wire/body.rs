//! The body of a news-wire article: paragraphs, subheadings (and live-blog entry titles),
//! section breaks, related block, footer and links.

use super::footer::{bare_links, footer_links, is_footer_like, signoff_agency, split_signoff};
use super::lines::{
    ends_full_stop, ends_like_sentence, ends_open, is_related_marker, is_separator, is_timestamp,
    starts_lower, starts_with_timestamp, words_upto,
};
use super::{dateline, flow, related};
use crate::article::{Block, BlockKind, Link, Related};

/// A subheading has at most this many words…
const MAX_HEADING_WORDS: usize = 12;
/// …and at most this many bytes.
const MAX_HEADING_BYTES: usize = 300;

/// Everything below the header.
#[derive(Debug, Default)]
pub(super) struct Body {
    /// Paragraphs and subheadings in reading order.
    pub blocks: Vec<Block>,
    /// Related headlines (unresolved).
    pub related: Vec<Related>,
    /// Credit, follow, copyright, correction and sign-off lines at the end.
    pub footer: Vec<String>,
    /// URLs in blocks, related headlines and footer.
    pub links: Vec<Link>,
    /// Place and agency before the first paragraph's dash.
    pub dateline: Option<String>,
    /// The dateline bracket's contents (`AP`), else the agency an end-of-story sign-off names
    /// (`Reuter`, `— Reuters`), for the source when the byline names none.
    pub code: Option<String>,
}

/// What a logical line was taken for before the end of the text is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Running text.
    Paragraph,
    /// Short, no full stop: a subheading if a paragraph follows somewhere.
    MaybeHeading,
    /// A live-blog entry title: a heading if a paragraph comes right after it.
    MaybeTitle,
    /// Settled as a subheading (the one after a related block).
    Heading,
    /// Credit, follow or copyright line: footer if no paragraph follows.
    MaybeFooter,
    /// A section break (`* * *`).
    Separator,
}

/// A file with at least this many time-stamp lines is a live blog.
const LIVE_BLOG_STAMPS: usize = 2;
/// A live-blog entry title has at most this many words.
const MAX_TITLE_WORDS: usize = 20;

/// What a logical line was taken for, and whether the next line kept is a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Taken {
    /// `None` for a line that is no block: a related marker or headline.
    kind: Option<Kind>,
    /// Whether the next line that is a block was taken for a paragraph.
    next_is_paragraph: bool,
}

/// Parses the body lines (everything after the header).
///
/// The logical lines become the blocks where they stand: each is given its kind in a list of
/// one small entry a line, then the list of lines is closed up over those that are no blocks
/// (related headlines, footer lines), so a file of many short lines holds one list of them.
pub(super) fn parse<'a>(
    lines: impl Iterator<Item = &'a str> + Clone,
    warnings: &mut Vec<String>,
) -> Body {
    let mut logical = flow::logical_lines(lines, warnings);
    split_last_signoff(&mut logical);
    let mut body = Body::default();
    let mut first_is_paragraph = false;
    if let Some(d) = logical.first().and_then(|l| dateline::split(&l.text)) {
        let (text, code, rest) = (d.text, d.code, d.rest.to_string());
        body.dateline = Some(text);
        body.code = code;
        // A dateline alone on its line opens the paragraph on the next one.
        if rest.is_empty() {
            logical.remove(0);
        } else {
            logical[0].text = rest.into();
        }
        first_is_paragraph = !logical.is_empty();
    }
    let live = logical
        .iter()
        .filter(|l| is_timestamp(&l.text) || starts_with_timestamp(&l.text))
        .take(LIVE_BLOG_STAMPS)
        .count()
        >= LIVE_BLOG_STAMPS;

    let mut taken: Vec<Taken> = Vec::with_capacity(logical.len());
    let mut i = 0;
    while i < logical.len() {
        if is_related_marker(&logical[i].text) {
            let split = related::split(&logical[i + 1..]);
            taken.push(Taken::NONE);
            for line in &mut logical[i + 1..i + 1 + split.headlines] {
                body.related.push(Related {
                    title: std::mem::take(&mut line.text).into(),
                    path: None,
                    url: None,
                });
                taken.push(Taken::NONE);
            }
            i += 1 + split.headlines;
            if split.heading {
                taken.push(Taken::kind(Kind::Heading));
                i += 1;
            }
            continue;
        }
        let line = &logical[i].text;
        let kind = if is_separator(line) {
            Kind::Separator
        } else if i == 0 && first_is_paragraph {
            Kind::Paragraph
        } else if is_footer_like(line) {
            Kind::MaybeFooter
        } else if is_timestamp(line) {
            Kind::MaybeHeading
        } else if live {
            if looks_like_title(line) {
                Kind::MaybeTitle
            } else {
                Kind::Paragraph
            }
        } else if looks_like_heading(line) {
            Kind::MaybeHeading
        } else {
            Kind::Paragraph
        };
        taken.push(Taken::kind(kind));
        i += 1;
    }
    // Whether the next line kept is a paragraph, walking back from the end.
    let mut next_is_paragraph = false;
    for t in taken.iter_mut().rev() {
        t.next_is_paragraph = next_is_paragraph;
        if let Some(kind) = t.kind {
            next_is_paragraph = kind == Kind::Paragraph;
        }
    }

    // Credits count as footer only near the end (after the last paragraph), and a subheading
    // stands between paragraphs, so one after the last paragraph is a short paragraph.
    let last_paragraph = taken.iter().rposition(|t| t.kind == Some(Kind::Paragraph));
    // Each block moves down to its place in the list (never up), over the lines that are none.
    let mut kept = 0;
    for (at, t) in taken.iter().enumerate() {
        let Some(kind) = t.kind else { continue };
        let before_end = last_paragraph.is_some_and(|p| at < p);
        let text = std::mem::take(&mut logical[at].text);
        let block = match kind {
            Kind::Heading => BlockKind::Heading,
            Kind::MaybeHeading if before_end => BlockKind::Heading,
            Kind::MaybeTitle if t.next_is_paragraph => BlockKind::Heading,
            Kind::MaybeFooter if !before_end => {
                body.footer.push(text.into());
                continue;
            }
            Kind::Separator => BlockKind::Separator,
            _ => BlockKind::Paragraph,
        };
        logical[kept] = Block::new(block, text);
        kept += 1;
    }
    drop(taken);
    logical.truncate(kept);
    body.blocks = logical;
    // An agency sign-off in the footer names the source when the dateline named none.
    if body.code.is_none() {
        body.code = body
            .footer
            .iter()
            .find_map(|l| signoff_agency(l))
            .map(str::to_string);
    }
    for (i, block) in body.blocks.iter().enumerate() {
        bare_links(&block.text, Some(i), &mut body.links);
    }
    for r in &body.related {
        bare_links(&r.title, None, &mut body.links);
    }
    for line in &body.footer {
        footer_links(line, &mut body.links);
    }
    body
}

impl Taken {
    /// A line that is no block.
    const NONE: Taken = Taken {
        kind: None,
        next_is_paragraph: false,
    };

    /// A line taken for `kind`.
    fn kind(kind: Kind) -> Taken {
        Taken {
            kind: Some(kind),
            next_is_paragraph: false,
        }
    }
}

/// Moves the old wire sign-off (`… said. Reuter`) off the end of the last line onto a line of
/// its own, where the footer rules take it.
fn split_last_signoff(logical: &mut Vec<Block>) {
    let Some(last) = logical.last() else {
        return;
    };
    if let Some((text, mark)) = split_signoff(&last.text) {
        let (text, mark) = (text.to_string(), mark.to_string());
        let n = logical.len();
        logical[n - 1].text = text.into();
        logical.push(Block::paragraph(mark));
    }
}

/// Whether a live-blog line may be an entry title: up to [`MAX_TITLE_WORDS`] words, not ending
/// like a sentence (`.`, `?`, `!`, `:`, a closing double quote), not left open by a comma and
/// not starting in lower case.
fn looks_like_title(line: &str) -> bool {
    line.len() <= MAX_HEADING_BYTES
        && words_upto(line, MAX_TITLE_WORDS) <= MAX_TITLE_WORDS
        && line.chars().any(char::is_alphanumeric)
        && !ends_like_sentence(line)
        && !ends_open(line)
        && !starts_lower(line)
}

/// Whether a line is shaped like a subheading: a time stamp, or short with no full stop, not
/// left open by a comma or colon, and not starting in lower case. A very short paragraph that
/// ends in a full stop (`No longer.`) stays a paragraph.
fn looks_like_heading(line: &str) -> bool {
    if is_timestamp(line) {
        return true;
    }
    line.len() <= MAX_HEADING_BYTES
        && words_upto(line, MAX_HEADING_WORDS) <= MAX_HEADING_WORDS
        && line.chars().any(char::is_alphanumeric)
        && !ends_full_stop(line)
        && !ends_open(line)
        && !starts_lower(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_shapes() {
        assert!(looks_like_heading("Families wait at the gates"));
        assert!(looks_like_heading("‘A quiet harbor’"));
        assert!(looks_like_heading("What comes next?"));
        assert!(looks_like_heading("10:05 a.m. EST"));
        assert!(!looks_like_heading("No longer."));
        assert!(!looks_like_heading("The list includes:"));
        assert!(!looks_like_heading("and then some"));
        assert!(!looks_like_heading("—"));
    }

    #[test]
    fn live_blog_title_shapes() {
        assert!(looks_like_title(
            "Turnout higher than at the last referendum, says the electoral board in its first update"
        ));
        assert!(looks_like_title("‘A long night’ for the harbour pilots"));
        assert!(!looks_like_title(
            "Did the leaders lean forward in their seats?"
        ));
        assert!(!looks_like_title("“We will respect the result”"));
        assert!(!looks_like_title("The list of districts:"));
        assert!(!looks_like_title("and the count goes on"));
        assert!(!looks_like_title(&"word ".repeat(21)));
    }

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        let lines: Vec<&str> = text.lines().collect();
        let body = parse(lines.iter().copied(), &mut Vec::new());
        body.blocks
            .into_iter()
            .map(|b| (b.kind, b.text.into()))
            .collect()
    }

    #[test]
    fn an_entry_title_needs_a_paragraph_right_after_it() {
        let k =
            kinds("10:00\nA title line here\nText of the entry.\n11:00\nA lone line at the end");
        assert_eq!(k[1], (BlockKind::Heading, "A title line here".to_string()));
        assert_eq!(
            k.last().unwrap(),
            &(BlockKind::Paragraph, "A lone line at the end".to_string())
        );
    }

    #[test]
    fn time_stamps_leading_their_titles_make_a_live_blog() {
        let k = kinds(
            "10:42 GMT: Polls open across Veldmark\nStations opened on time.\n11:05 GMT - Turnout is high\nA fifth had voted by eleven.\nA short line then text\nThe text.",
        );
        let headings: Vec<&str> = k
            .iter()
            .filter(|(kind, _)| *kind == BlockKind::Heading)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(
            headings,
            [
                "10:42 GMT: Polls open across Veldmark",
                "11:05 GMT - Turnout is high",
                "A short line then text"
            ]
        );
    }

    #[test]
    fn sign_off_sets_the_code_only_without_a_dateline_agency() {
        let lines = ["KESSEL (AP) — The mill reopened.", "Reuter"];
        let body = parse(lines.iter().copied(), &mut Vec::new());
        assert_eq!(body.code.as_deref(), Some("AP"));
        assert_eq!(body.footer, ["Reuter"]);
        let body = parse(
            ["The mill reopened.", "— Reuters"].into_iter(),
            &mut Vec::new(),
        );
        assert_eq!(body.code.as_deref(), Some("Reuters"));
        // A sign-off that is not at the end stays a paragraph, and names nothing.
        let body = parse(
            ["Reuter", "The mill reopened."].into_iter(),
            &mut Vec::new(),
        );
        assert_eq!(body.code, None);
        assert!(body.footer.is_empty());
    }
}
