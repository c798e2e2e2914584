//! The one diacritic fold, shared by full-text search and the matching of related headlines, so
//! both treat `Straße`, `Strasse`, `Café` and a decomposed `cafe\u{301}` alike.

/// Whether `c` is a combining diacritical mark (the common block): it belongs to the word it
/// decorates but is dropped when folding.
pub fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Appends `c` lower-cased and with its diacritic folded away (`É` → `e`, `ß` → `ss`).
pub fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        match fold(l) {
            Some(s) => out.push_str(s),
            None => out.push(l),
        }
    }
}

/// The plain Latin spelling of a lowercase accented letter from Latin-1 or Latin Extended-A.
/// A table rather than Unicode decomposition: it covers the letters news text uses and needs no
/// dependency; letters outside it are kept as they are.
pub fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        let mut out = String::new();
        s.chars()
            .filter(|c| !is_mark(*c))
            .for_each(|c| push_folded(c, &mut out));
        out
    }

    #[test]
    fn accents_ligatures_and_sharp_s_fold() {
        assert_eq!(folded("Straße"), "strasse");
        assert_eq!(folded("ÉCOLE Œuvre Æsir Þing"), "ecole oeuvre aesir thing");
        assert_eq!(folded("cafe\u{301} Café"), "cafe cafe");
        assert_eq!(folded("Łódź"), "lodz");
    }

    #[test]
    fn other_scripts_only_lower_case() {
        assert_eq!(folded("Москва 東京 ΣΟΦΙΑ"), "москва 東京 σοφια");
    }
}
