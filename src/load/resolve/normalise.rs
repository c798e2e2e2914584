//! Normal forms of headlines, so that case, accents, punctuation and quote styles do not matter.

/// `s` lower-cased with common Latin accents folded (`Valparaíso` = `Valparaiso`, as feeds that
/// strip accents write it), quote marks and full stops dropped (`U.S.` = `US`, `Chile’s` =
/// `Chile's` = `Chiles`), every other non-alphanumeric character a space, and spaces collapsed.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
}
