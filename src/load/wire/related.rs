//! The related block: a marker line, then one headline per line, told apart from what follows.

use super::footer::is_footer_like;
use super::lines::{ends_full_stop, is_related_marker, is_timestamp, words_upto};

/// A line with more words than this is prose, never a headline.
const MAX_HEADLINE_WORDS: usize = 24;
/// A subheading after the block has at most this many words.
const MAX_HEADING_WORDS: usize = 8;

/// How the lines after a related marker split up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Split {
    /// How many lines are related headlines.
    pub headlines: usize,
    /// Whether the line after the headlines is a subheading.
    pub heading: bool,
}

/// Splits `lines` (the logical lines after the marker) into headlines and, perhaps, a subheading.
///
/// The block runs until a line that cannot be a headline: one ending in a full stop, one too
/// long to be a headline, a footer line or another marker. When a paragraph ends it, the last
/// line before it may instead be a subheading standing right after the block. It is taken as a
/// subheading only when it clearly differs from the headlines above it: it has few words and at
/// most three fifths of their median length. A lone line, a block ended by the end of the text
/// or by a footer line, and a last line about as long as the others are all headlines; a time
/// stamp is always a subheading.
pub(super) fn split<L: AsRef<str>>(lines: &[L]) -> Split {
    let n = lines
        .iter()
        .position(|l| ends_block(l.as_ref()))
        .unwrap_or(lines.len());
    let followed_by_paragraph = lines
        .get(n)
        .map(AsRef::as_ref)
        .is_some_and(|l| !is_footer_like(l) && !is_related_marker(l));
    if n == 0 || !followed_by_paragraph {
        return Split {
            headlines: n,
            heading: false,
        };
    }
    let last = lines[n - 1].as_ref();
    let heading = is_timestamp(last) || (n >= 2 && differs(last, &lines[..n - 1]));
    Split {
        headlines: if heading { n - 1 } else { n },
        heading,
    }
}

/// Whether a line cannot be a related headline.
fn ends_block(line: &str) -> bool {
    (ends_full_stop(line) && !is_timestamp(line))
        || words_upto(line, MAX_HEADLINE_WORDS) > MAX_HEADLINE_WORDS
        || is_footer_like(line)
        || is_related_marker(line)
}

/// Whether `last` is much shorter than the `headlines` above it: a subheading, not a headline.
fn differs<L: AsRef<str>>(last: &str, headlines: &[L]) -> bool {
    if words_upto(last, MAX_HEADING_WORDS) > MAX_HEADING_WORDS {
        return false;
    }
    let mut lengths: Vec<usize> = headlines
        .iter()
        .map(|h| h.as_ref().chars().count())
        .collect();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    last.chars().count() * 5 <= median * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(lines: &[&str]) -> Vec<String> {
        lines.iter().map(std::string::ToString::to_string).collect()
    }

    const H1: &str =
        "Harbor authority approves new dredging plan for the northern shipping channel";
    const H2: &str = "Fishing cooperatives warn of losses as the coastal storm season starts early";
    const H3: &str = "Regional rail line reopens after months of repairs to the old river bridge";
    const P: &str = "Pilots said on Monday that the talks had stalled over night shifts.";

    #[test]
    fn block_then_paragraph_is_all_headlines() {
        let s = split(&v(&[H1, H2, H3, P]));
        assert_eq!(
            s,
            Split {
                headlines: 3,
                heading: false
            }
        );
    }

    #[test]
    fn block_then_subheading_then_paragraph() {
        let s = split(&v(&[H1, H2, H3, "Night shifts in dispute", P]));
        assert_eq!(
            s,
            Split {
                headlines: 3,
                heading: true
            }
        );
    }

    #[test]
    fn short_headline_at_the_end_of_the_text_stays_a_headline() {
        let s = split(&v(&[H1, H2, "Night shifts in dispute"]));
        assert_eq!(
            s,
            Split {
                headlines: 3,
                heading: false
            }
        );
    }

    #[test]
    fn similar_length_last_line_stays_a_headline() {
        let s = split(&v(&[H1, H2, H3, P]));
        assert!(!s.heading);
        let s = split(&v(&[
            H1,
            "Dockworkers in three ports vote to join the strike next week",
            P,
        ]));
        assert_eq!(
            s,
            Split {
                headlines: 2,
                heading: false
            }
        );
    }

    #[test]
    fn credit_line_after_the_block() {
        let s = split(&v(&[
            H1,
            H2,
            "Night shifts",
            "Ana Ruiz contributed to this report.",
        ]));
        assert_eq!(
            s,
            Split {
                headlines: 3,
                heading: false
            }
        );
    }

    #[test]
    fn time_stamp_after_the_block() {
        let s = split(&v(&[H1, "2:45 p.m.", P]));
        assert_eq!(
            s,
            Split {
                headlines: 1,
                heading: true
            }
        );
    }
}
