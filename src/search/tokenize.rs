//! The tokeniser shared by indexing, querying and snippet highlighting, so all three agree on words.
//!
//! A token is a maximal run of alphanumeric characters (Unicode aware). It is lowercased, simple
//! Latin diacritics are folded by [`crate::article::fold`] (`é` → `e`, `ß` → `ss`) and combining marks are dropped, so `Café`,
//! `cafe` and a decomposed `cafe\u{301}` are one term. Terms are cut to [`MAX_TERM_CHARS`] characters
//! so a 2 MB "word" costs the dictionary no more than a normal one.

use crate::article::fold::{is_mark, push_folded};
use std::ops::Range;

/// The longest term kept, in characters; longer runs are indexed (and queried) by this many.
pub const MAX_TERM_CHARS: usize = 40;

/// Calls `f(range, term)` for every token of `text`: the byte range of the token in `text` and its
/// normalised term. `buf` is reused between calls so tokenising allocates nothing per token.
pub fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(Range<usize>, &str)) {
    try_for_each_token(text, buf, |r, t| {
        f(r, t);
        true
    });
}

/// Like [`for_each_token`], but stops as soon as `f` returns `false`.
pub fn try_for_each_token(
    text: &str,
    buf: &mut String,
    mut f: impl FnMut(Range<usize>, &str) -> bool,
) {
    let mut start: Option<usize> = None;
    let mut chars = 0;
    buf.clear();
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
                chars = 0;
                buf.clear();
            }
            if chars < MAX_TERM_CHARS {
                push_folded(c, buf);
                chars += 1;
            }
        } else if is_mark(c) && start.is_some() {
            // A combining mark continues the word it decorates but adds nothing to the term.
        } else if let Some(s) = start.take()
            && !f(s..i, buf)
        {
            return;
        }
    }
    if let Some(s) = start {
        f(s..text.len(), buf);
    }
}

/// Whether `c` belongs inside a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        spans(text).into_iter().map(|(_, t)| t).collect()
    }

    fn spans(text: &str) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for_each_token(text, &mut buf, |r, t| out.push((r, t.to_string())));
        out
    }

    #[test]
    fn splits_on_punctuation_and_lowercases() {
        assert_eq!(
            terms("The Harbor's  ferry—late, again!"),
            ["the", "harbor", "s", "ferry", "late", "again"]
        );
    }

    #[test]
    fn ranges_point_at_the_original_words() {
        let text = "Déjà vu, ÉCOLE 42";
        for (r, t) in spans(text) {
            let original = &text[r];
            assert_eq!(terms(original), [t]);
        }
        assert_eq!(terms(text), ["deja", "vu", "ecole", "42"]);
    }

    #[test]
    fn folds_diacritics_and_combining_marks() {
        assert_eq!(
            terms("Café cafe\u{301} Straße"),
            ["cafe", "cafe", "strasse"]
        );
        let s = spans("cafe\u{301}!");
        assert_eq!(s[0].0, 0..6, "the mark belongs to the word's range");
    }

    #[test]
    fn non_latin_scripts_are_words_too() {
        assert_eq!(terms("Москва, 東京"), ["москва", "東京"]);
    }

    #[test]
    fn punctuation_only_has_no_terms() {
        assert!(terms(" ,.;—!? ").is_empty());
    }

    #[test]
    fn long_runs_are_cut_to_the_term_limit() {
        let word = "x".repeat(100_000);
        let s = spans(&word);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].0, 0..100_000);
        assert_eq!(s[0].1.chars().count(), MAX_TERM_CHARS);
    }
}
