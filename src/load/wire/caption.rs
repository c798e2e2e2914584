//! Photo captions, credits and alt-text lines near the top of an article (`(AP Photo/Jane Doe)`,
//! `Photo: …`, `Image caption …`, `Police lights`): kept as caption blocks, never story text.

use super::lines::{ends_open, ends_sentence, is_timestamp, starts_lower};

/// A caption or credit line is never longer than this.
const MAX_CAPTION: usize = 600;
/// An alt-text line has at most this many words…
const MAX_ALT_WORDS: usize = 6;
/// …and at most this many bytes.
const MAX_ALT_BYTES: usize = 70;

/// Openings of caption and credit lines, compared case-blind.
const OPENERS: [&str; 22] = [
    "photo:",
    "photo by ",
    "photo credit",
    "photos:",
    "photograph:",
    "photograph by ",
    "photographs:",
    "picture:",
    "pictured:",
    "image:",
    "image caption",
    "image source",
    "image credit",
    "image copyright",
    "media caption",
    "video caption",
    "caption:",
    "credit:",
    "illustration:",
    "file photo",
    "[photo",
    "[image",
];

/// Words that mark a bracketed line as a credit: `(AP Photo/Jane Doe)`, `(Getty Images)`.
const CREDIT_WORDS: [&str; 6] = ["photo", "image", "credit", "getty", "file", "pool"];

/// Whether the line is a caption or a photo credit by its form.
pub(super) fn is_caption(line: &str) -> bool {
    let t = line.trim();
    if t.len() > MAX_CAPTION {
        return false;
    }
    // Every opener starts with one of these letters: most lines are settled by their first.
    let first = t.as_bytes().first().map(u8::to_ascii_lowercase);
    let opens = matches!(first, Some(b'p' | b'i' | b'm' | b'v' | b'c' | b'f' | b'['))
        && OPENERS.iter().any(|o| {
            t.get(..o.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(o))
        });
    opens || credit_bracket(t)
}

/// A line that is a credit in brackets, or ends with one: `(AP Photo/Jane Doe)`,
/// `Crews clear the road on Monday. (Kessel Herald/Ada Holm)`.
fn credit_bracket(t: &str) -> bool {
    let Some(inner) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let bracket = &inner[open + 1..];
    if bracket.is_empty() || bracket.len() > 120 {
        return false;
    }
    let lower = bracket.to_lowercase();
    let credit = CREDIT_WORDS.iter().any(|w| lower.contains(w))
        || (bracket.contains('/') && !bracket.contains("://"));
    // A whole bracketed line, or a sentence that ends with the credit.
    credit && (open == 0 || ends_sentence(inner[..open].trim_end()))
}

/// Whether a short line standing before the story can be alt text (`Police lights`): a few
/// words, no sentence mark, not a time stamp.
pub(super) fn is_alt_text(line: &str) -> bool {
    let t = line.trim();
    t.len() <= MAX_ALT_BYTES
        && t.split_whitespace().count() <= MAX_ALT_WORDS
        && t.chars().any(char::is_alphabetic)
        && !ends_sentence(t)
        && !ends_open(t)
        && !t.ends_with('?')
        && !starts_lower(t)
        && !is_timestamp(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_and_credits() {
        for line in [
            "(AP Photo/Jane Doe)",
            "Photo: Ada Holm/Kessel Herald",
            "Image caption, Crews worked through the night",
            "Image source, Getty Images",
            "PHOTO BY ADA HOLM",
            "Firefighters clear the road on Monday. (AP Photo/Jane Doe)",
            "(Reuters/Ada Holm)",
            "(Getty Images)",
        ] {
            assert!(is_caption(line), "{line}");
        }
        for line in [
            "The mayor (who was re-elected) spoke.",
            "Photographers gathered at the gate.",
            "Kessel (AP) — The ferry sank.",
            "See https://example.org/a (or https://example.org/b)",
        ] {
            assert!(!is_caption(line), "{line}");
        }
    }

    #[test]
    fn every_opener_passes_the_first_letter_test() {
        for o in OPENERS {
            assert!(is_caption(&format!("{o} Ada Holm")), "{o}");
        }
    }

    #[test]
    fn alt_text_shape() {
        assert!(is_alt_text("Police lights"));
        assert!(is_alt_text("A ferry at dawn in Kessel"));
        assert!(!is_alt_text("The ferry sank."));
        assert!(!is_alt_text("2:45 p.m."));
        assert!(!is_alt_text("What happens now?"));
        assert!(!is_alt_text(
            "Ferries stopped running on Monday after the storm flooded the quay"
        ));
    }
}
