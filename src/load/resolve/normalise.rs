//! Normal forms of headlines, so that case, accents, punctuation and quote styles do not matter.

use crate::article::fold::{is_mark, push_folded};

/// `s` lower-cased with Latin accents folded by [`crate::article::fold`] (`Valparaíso` =
/// `Valparaiso`, as feeds that strip accents write it; `Straße` = `Strasse`; combining marks
/// dropped), quote marks and full stops dropped (`U.S.` = `US`, `Chile’s` =
/// `Chile's` = `Chiles`), every other non-alphanumeric character a space, and spaces collapsed.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    // One non-ASCII character lower-cased and folded (`ß` gives two letters).
    let mut folded = String::new();
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else if !matches!(
            c,
            '.' | '\'' | '"' | '‘' | '’' | '“' | '”' | '`' | '´' | '«' | '»'
        ) {
            space = true;
        }
    };
    for c in s.chars() {
        // Most headlines are ASCII, whose lower case is one character and never accented.
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else if !is_mark(c) {
            folded.clear();
            push_folded(c, &mut folded);
            folded.chars().for_each(&mut push);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_quotes_and_punctuation() {
        assert_eq!(
            normalise("  U.S. “Port”—Chile’s 'new'  plan!"),
            "us port chiles new plan"
        );
        assert_eq!(
            normalise("Ünïcode ÉTÉ in Valparaíso"),
            "unicode ete in valparaiso"
        );
        assert_eq!(normalise("Москва, 東京"), "москва 東京");
        // The same fold as search: `ß`, ligatures and combining marks.
        assert_eq!(
            normalise("Straße der Œuvre: Valparai\u{301}so"),
            normalise("Strasse der oeuvre — Valparaiso")
        );
        assert_eq!(normalise("Straße"), "strasse");
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_the_general_rule() {
        // The rule as first written, one character at a time through Unicode lower case.
        fn general(s: &str) -> String {
            let mut out = String::new();
            let mut space = false;
            let mut folded = String::new();
            for c in s.chars().filter(|c| !is_mark(*c)) {
                push_folded(c, &mut folded);
            }
            for c in folded.chars() {
                if c.is_alphanumeric() {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                } else if !matches!(
                    c,
                    '.' | '\'' | '"' | '‘' | '’' | '“' | '”' | '`' | '´' | '«' | '»'
                ) {
                    space = true;
                }
            }
            out
        }
        let all: String = (0u32..0x250).filter_map(char::from_u32).collect();
        for s in [
            all.as_str(),
            "  U.S. “Port”—Chile’s 'new'  plan!",
            "İstanbul ΣΟΦΙΑ straße Ǆ ǅ",
            "Tabs\tand\nnew lines, 3.5% & co.",
        ] {
            assert_eq!(normalise(s), general(s), "{s:?}");
        }
    }
}
