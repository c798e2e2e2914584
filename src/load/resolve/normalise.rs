//! Normal forms of headlines, so that case, accents, punctuation and quote styles do not matter.

/// `s` lower-cased with common Latin accents folded (`Valparaíso` = `Valparaiso`, as feeds that
/// strip accents write it), quote marks and full stops dropped (`U.S.` = `US`, `Chile’s` =
/// `Chile's` = `Chiles`), every other non-alphanumeric character a space, and spaces collapsed.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
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
        } else {
            c.to_lowercase().map(fold).for_each(&mut push);
        }
    }
    out
}

/// The unaccented letter for a common accented Latin one.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
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
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_the_general_rule() {
        // The rule as first written, one character at a time through Unicode lower case.
        fn general(s: &str) -> String {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars().flat_map(char::to_lowercase).map(fold) {
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
