//! Small tests on single lines of news-wire text: punctuation, debris, markers, time stamps.

/// Closing quotes and brackets that may stand after a sentence's final mark.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// Whole lines of page-widget text that are dropped (compared in lower case, dots trimmed).
const DEBRIS: &[&str] = &[
    "read more",
    "read less",
    "advertisement",
    "share",
    "save",
    "listen to this article",
    "copy link",
    "show more",
    "show less",
    "skip advertisement",
    "continue reading",
    "continue reading the main story",
    "share full article",
    "view image in fullscreen",
    "enlarge this image",
    "toggle caption",
    "hide caption",
    "skip past newsletter promotion",
    "after newsletter promotion",
];

/// The longest [`DEBRIS`] entry, in bytes.
const MAX_DEBRIS: usize = 31;

/// Marker lines that open a related block (lower case, a trailing colon ignored).
const RELATED: [&str; 8] = [
    "related",
    "related articles",
    "related stories",
    "related coverage",
    "related content",
    "related links",
    "related news",
    "related reading",
];

/// `s` with every run of whitespace made one space and the ends trimmed (as
/// [`crate::text::collapse`]), copied whole when it is already so, as most lines are.
pub(super) fn collapse(s: &str) -> String {
    let mut after_space = true;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        match SPACE_BYTES[usize::from(b)] {
            0 => after_space = false,
            1 if after_space => return crate::text::collapse(s),
            1 => after_space = true,
            _ if b < 0x80 || s[i..].chars().next().is_some_and(char::is_whitespace) => {
                return crate::text::collapse(s);
            }
            _ => after_space = false,
        }
    }
    if after_space && !s.is_empty() {
        return crate::text::collapse(s);
    }
    s.to_string()
}

/// For `collapse`: 1 for a space; 2 for other ASCII whitespace and for the bytes that start the
/// multi-byte whitespace chars (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000) and others
/// with them; 0 for bytes that are no whitespace and start none.
const SPACE_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = 2;
        b += 1;
    }
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    t
};

/// The largest char boundary of `s` at or below `at`.
pub(super) fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The last character that is not a closing quote or bracket.
fn last_mark(s: &str) -> Option<char> {
    s.trim_end().trim_end_matches(CLOSERS).chars().next_back()
}

/// Whether the line ends a sentence: `.`, `!`, `?` or `…`, possibly inside closing quotes.
pub(super) fn ends_sentence(s: &str) -> bool {
    matches!(last_mark(s), Some('.' | '!' | '?' | '…'))
}

/// Whether the line ends with a full stop (`.`, `!`, `…`), possibly inside closing quotes.
/// A question mark is left out: subheadings and headlines can be questions.
pub(super) fn ends_full_stop(s: &str) -> bool {
    matches!(last_mark(s), Some('.' | '!' | '…'))
}

/// Whether the line's last mark leaves a sentence open (`,`, `;`, `:`): never a subheading.
pub(super) fn ends_open(s: &str) -> bool {
    matches!(last_mark(s), Some(',' | ';' | ':' | '-' | '—' | '–'))
}

/// Whether the first letter-or-digit of the line is a lower-case letter.
pub(super) fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// Words in `s`, counting no further than `limit + 1` so huge lines stay cheap.
pub(super) fn words_upto(s: &str, limit: usize) -> usize {
    s.split_whitespace().take(limit + 1).count()
}

/// Whether the whole line is page-widget debris such as `...read more` or `Advertisement`.
pub(super) fn is_debris(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '.' || c == '…' || c.is_whitespace());
    // The lists are ASCII: a case-blind comparison needs no lower-cased copy of every line.
    t.len() <= MAX_DEBRIS && DEBRIS.iter().any(|d| d.eq_ignore_ascii_case(t))
}

/// Whether the line is a related-block marker such as `Related Articles`.
pub(super) fn is_related_marker(line: &str) -> bool {
    let t = line.trim().trim_end_matches(':').trim_end();
    t.len() <= 20 && RELATED.iter().any(|r| r.eq_ignore_ascii_case(t))
}

/// Whether the raw line `bytes` (before decoding and sanitising) could become a related-block
/// marker: it holds the letters `related` and at most 20 ASCII letters and digits in all.
/// Every marker passes ([`is_related_marker`]: at most 20 bytes, every form starting
/// `related`), whatever the sanitiser drops from between its letters; so a text none of whose
/// lines passes has no related block, and need not be parsed to know it.
pub fn may_be_related_marker(bytes: &[u8]) -> bool {
    const WORD: &[u8] = b"related";
    let mut letters = [0u8; 21];
    let mut n = 0;
    for &b in bytes.iter().filter(|b| b.is_ascii_alphanumeric()) {
        if n == letters.len() {
            return false;
        }
        letters[n] = b.to_ascii_lowercase();
        n += 1;
    }
    letters[..n].windows(WORD.len()).any(|w| w == WORD)
}

/// Whether the line is a live-blog time stamp: `2:45 p.m.`, `10:05 a.m. EST`, `9 PM`, `14:05 GMT`.
/// A `Posted at 10:42` line counts as the time stamp `10:42`.
pub(super) fn is_timestamp(line: &str) -> bool {
    let t = line.trim();
    let t = ["Posted at ", "Updated at ", "Posted ", "Updated "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    if t.len() > 24 {
        return false;
    }
    let mut words = t.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    // The clock part, maybe with am/pm glued on (`3:15pm`, `2.15pm`).
    let digits_end = first
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(first.len());
    let (clock, glued) = first.split_at(digits_end);
    // `11.42` alone is a number; with `pm` or a zone after it, a British-style time.
    let dotted = !clock.contains(':') && clock.contains('.');
    let clock_sep = if dotted { '.' } else { ':' };
    let has_minutes = match clock.split_once(clock_sep) {
        Some((h, m)) => {
            let ok = (1..=2).contains(&h.len())
                && m.len() == 2
                && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit());
            if !ok {
                return false;
            }
            true
        }
        None if (1..=2).contains(&clock.len()) => false,
        None => return false,
    };
    let mut meridiem = false;
    let rest: Vec<&str> = std::iter::once(glued)
        .filter(|g| !g.is_empty())
        .chain(words)
        .collect();
    let mut rest = rest.into_iter().peekable();
    if let Some(w) = rest.peek() {
        let bare = w.replace('.', "").to_ascii_lowercase();
        if bare == "am" || bare == "pm" {
            meridiem = true;
            rest.next();
        }
    }
    // At most a zone abbreviation after the time (`GMT`, `EST`, `GMT+1`).
    let (zone_ok, zoned) = match (rest.next(), rest.next()) {
        (None, _) => (true, false),
        (Some(z), None) => (is_zone(z), true),
        _ => (false, false),
    };
    (has_minutes || meridiem) && zone_ok && (!dotted || meridiem || zoned)
}

/// Whether the line opens with a live-blog time stamp and a mark before its text:
/// `10:42 GMT: Polls open`, `2.15pm - Counting starts`, `09:30 | Queues form`.
pub(super) fn starts_with_timestamp(line: &str) -> bool {
    let head = &line[..floor_boundary(line, 40)];
    [": ", " - ", " – ", " — ", " | "]
        .iter()
        .filter_map(|m| head.find(m))
        .min()
        .is_some_and(|at| at > 0 && is_timestamp(&line[..at]))
}

/// A time-zone abbreviation, perhaps with an offset: `ET`, `GMT`, `AEST`, `GMT+1`, `UTC-05:00`.
fn is_zone(z: &str) -> bool {
    let letters = z.bytes().take_while(u8::is_ascii_uppercase).count();
    let offset = &z[letters..];
    (2..=4).contains(&letters)
        && (offset.is_empty()
            || (offset.starts_with(['+', '-'])
                && offset.len() <= 6
                && offset[1..].bytes().all(|b| b.is_ascii_digit() || b == b':')
                && offset[1..]
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit())))
}

/// Whether the line is a section break standing alone: `* * *`, `***`, `___`, `---`, `—`,
/// `⁂`, `• • •`, `###`, `===`. Marks that could be typing slips (`-`, `_`, `=`, `#`, `~`) count
/// only three or more at a time; a lone `*`, `—`, `–`, `•` or `⁂` is a mark on its own.
pub(super) fn is_separator(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 80 {
        return false;
    }
    let mut marks = 0;
    let mut strong = true;
    for c in t.chars() {
        match c {
            '*' | '—' | '–' | '•' | '·' | '⁂' | '∗' => marks += 1,
            '-' | '_' | '=' | '#' | '~' => {
                marks += 1;
                strong = false;
            }
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    marks >= 3 || (strong && marks >= 1)
}

/// Whether a line ends the way a sentence does, for live-blog entry titles: a final `.`, `?`,
/// `!`, `:` or `…` (perhaps inside closing quotes), or a closing double quote (quoted speech).
/// A title wholly in single quotes (`‘A long night’`) is not taken for speech.
pub(super) fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end();
    matches!(last_mark(t), Some('.' | '?' | '!' | ':' | '…')) || t.ends_with(['”', '"', '»'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_copies_tidy_lines_and_tidies_the_rest() {
        for s in [
            "",
            " ",
            "one",
            "one two three",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "nbsp\u{a0}here",
            "em\u{2003}space and déjà vu — “quoted”",
            "next\u{85}line ogham\u{1680}space ideographic\u{3000}space",
            "narrow\u{202f}nbsp line\u{2028}sep math\u{205f}space",
            "¢ ſ ᚠ ‐ 〇 €",
            "line\nbreak",
        ] {
            assert_eq!(collapse(s), crate::text::collapse(s), "{s:?}");
        }
    }

    #[test]
    fn sentence_ends_look_through_closing_quotes() {
        assert!(ends_sentence("He left.”"));
        assert!(ends_sentence("Is it over?"));
        assert!(!ends_sentence("captured by the coast guard"));
        assert!(ends_full_stop("No longer."));
        assert!(!ends_full_stop("What comes next?"));
        assert!(!ends_full_stop("‘A quiet harbor’"));
        assert!(ends_open("the list includes:"));
    }

    #[test]
    fn every_marker_may_be_a_marker_and_long_or_plain_lines_are_not() {
        for line in [
            "Related",
            "  RELATED ARTICLES:",
            "Related stories::::",
            "Rel\u{200b}ated\tcoverage",
            "related reading",
        ] {
            assert!(
                may_be_related_marker(line.as_bytes()),
                "{line:?} is taken for a possible marker"
            );
        }
        for line in RELATED {
            assert!(is_related_marker(line));
            assert!(may_be_related_marker(line.as_bytes()));
        }
        for line in [
            "a",
            "",
            "Relate",
            "The council related the whole story to the press.",
            "related articles and other stories",
        ] {
            assert!(!is_related_marker(line));
            assert!(!may_be_related_marker(line.as_bytes()), "{line:?}");
        }
    }

    #[test]
    fn debris_and_markers() {
        for d in [
            "...read more",
            "read less",
            "Read more",
            "Advertisement",
            "Share",
            "Copy Link",
            "Show more",
            "… Read more",
        ] {
            assert!(is_debris(d), "{d}");
        }
        assert!(!is_debris("Share prices fell."));
        assert_eq!(
            DEBRIS.iter().map(|d| d.len()).max(),
            Some(MAX_DEBRIS),
            "MAX_DEBRIS matches the list"
        );
        for d in [
            "Continue reading the main story",
            "View image in fullscreen",
            "Skip past newsletter promotion",
            "toggle caption",
        ] {
            assert!(is_debris(d), "{d}");
        }
        assert!(!is_debris("Continue reading the main story, she said."));
        for m in [
            "Related Articles",
            "Related",
            "RELATED STORIES",
            "Related coverage:",
        ] {
            assert!(is_related_marker(m), "{m}");
        }
        assert!(!is_related_marker("Related talks resumed on Monday."));
    }

    #[test]
    fn time_stamps() {
        for t in [
            "2:45 p.m.",
            "10:05 a.m. EST",
            "9 PM",
            "14:05 GMT",
            "3:15pm",
            "11:30",
        ] {
            assert!(is_timestamp(t), "{t}");
        }
        for t in [
            "2.15pm",
            "2.15 p.m.",
            "11.42 GMT",
            "10:42 GMT+1",
            "09:30",
            "7:05 ET",
            "10.42am GMT",
            "Posted at 10:42",
            "Updated 14:05 GMT",
        ] {
            assert!(is_timestamp(t), "{t}");
        }
        for t in [
            "10:42 GMT: Polls open",
            "2.15pm - Counting starts",
            "09:30 | Queues",
        ] {
            assert!(starts_with_timestamp(t), "{t}");
        }
        for t in [
            "09:30",
            "Kessel: a town",
            "Polls - open",
            "The 10:42 - late again",
        ] {
            assert!(!starts_with_timestamp(t), "{t}");
        }
        for t in [
            "11.42",
            "3.5",
            "10:42 GMT+one",
            "12",
            "2:45 p.m. and later",
            "No longer.",
            "2026",
            "1:5 pm",
            "",
        ] {
            assert!(!is_timestamp(t), "{t}");
        }
    }

    #[test]
    fn separators() {
        for t in [
            "___",
            "* * *",
            "***",
            "—",
            "---",
            "  *  ",
            "⁂",
            "• • •",
            "###",
            "- - -",
            "–",
        ] {
            assert!(is_separator(t), "{t:?}");
        }
        for t in ["", "-", "--", "_", "a ***", "***!", "* * * Kessel", "1---2"] {
            assert!(!is_separator(t), "{t:?}");
        }
    }

    #[test]
    fn sentence_like_ends() {
        for t in [
            "Did the council vote?",
            "The ferry is late.",
            "Here is the list:",
            "“We are ready,” she said.”",
            "“We will not move”",
            "Stop!",
        ] {
            assert!(ends_like_sentence(t), "{t}");
        }
        for t in [
            "Crowds gather at the harbour",
            "‘A long night’",
            "Kessel votes, again",
        ] {
            assert!(!ends_like_sentence(t), "{t}");
        }
    }

    #[test]
    fn collapse_and_counts() {
        assert_eq!(collapse("  a \t b\n c  "), "a b c");
        assert_eq!(words_upto("a b c d e", 2), 3);
        assert!(starts_lower("  to face charges"));
        assert!(!starts_lower("To face charges"));
        assert!(starts_lower("“unsafe rosters” for pilots"));
        assert!(!starts_lower("“Unsafe,” he said"));
        assert!(!starts_lower("2026 was wet"));
    }
}
