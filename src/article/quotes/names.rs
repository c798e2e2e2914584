//! Word lists and name shapes for attribution: verbs of saying, titles, pronouns, name words.

use super::tokens::Token;

/// Verbs that attribute a quote (`according` counts when `to` follows).
const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "wrote",
    "writes",
    "explained",
    "explains",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "insisted",
    "insists",
    "argued",
    "argues",
    "recalled",
    "recalls",
    "warned",
    "warns",
    "replied",
    "replies",
    "declared",
    "announced",
    "acknowledged",
    "admitted",
    "claimed",
    "claims",
    "praised",
    "pledged",
    "vowed",
    "promised",
    "tweeted",
    "posted",
    "shouted",
    "whispered",
    "answered",
    "responded",
    "urged",
    "conceded",
    "remarked",
    "continued",
    "according",
];

/// Words standing before a name that are not part of it (`Foreign Minister Ana Ruiz`).
const TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "interior",
    "defense",
    "defence",
    "finance",
    "justice",
    "health",
    "education",
    "secretary",
    "general",
    "gen",
    "gov",
    "governor",
    "senator",
    "sen",
    "rep",
    "representative",
    "mayor",
    "judge",
    "chief",
    "director",
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "prof",
    "professor",
    "rev",
    "reverend",
    "father",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "lt",
    "col",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "adm",
    "admiral",
    "commander",
    "chancellor",
    "ambassador",
    "attorney",
    "deputy",
    "acting",
    "former",
    "state",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "coach",
    "officer",
    "inspector",
    "commissioner",
    "bishop",
    "archbishop",
    "cardinal",
    "rabbi",
    "imam",
    "sir",
    "dame",
    "lord",
    "lady",
    "u.s",
    "un",
    "police",
    "army",
    "opposition",
    "leader",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
];

/// Capitalised words that start sentences and clauses but never names.
const FUNCTION: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "so",
    "then",
    "when",
    "while",
    "as",
    "after",
    "before",
    "despite",
    "in",
    "on",
    "at",
    "for",
    "if",
    "because",
    "meanwhile",
    "however",
    "also",
    "still",
    "yet",
    "now",
    "both",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "we",
    "i",
    "you",
    "our",
    "their",
    "his",
    "her",
    "my",
    "there",
    "here",
    "of",
    "to",
    "by",
    "from",
    "with",
];

/// Single words that can be the subject of `said` but are no one's name.
const NOT_NAMES: &[&str] = &[
    "police",
    "officials",
    "authorities",
    "witnesses",
    "residents",
    "experts",
    "critics",
    "analysts",
    "everyone",
    "nobody",
    "someone",
    "many",
    "some",
    "others",
    "who",
    "which",
    "one",
    "government",
    "ministry",
    "statement",
    "reports",
    "sources",
];

/// Lower-case words inside names (`María de la Cruz`, `Ludwig van Beethoven`).
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "do", "dos", "das", "van", "von", "der", "den", "la", "le",
    "du", "bin", "ibn", "al", "y",
];

/// Words between a subject and its verb (`Ruiz also said`, `she later told`).
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "earlier",
    "again",
    "previously",
    "once",
    "has",
    "had",
    "have",
    "would",
    "will",
    "often",
    "just",
    "only",
    "first",
    "further",
];

const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A token's lower-case form without a final full stop (`Dr.` → `dr`), for list look-ups.
pub(super) fn key(chars: &[char], tok: &Token) -> Option<String> {
    let mut w = tok.lower(chars)?;
    if w.ends_with('.') {
        w.pop();
    }
    Some(w)
}

/// Whether the token is a verb of saying.
pub(super) fn is_verb(chars: &[char], tok: &Token) -> bool {
    tok.word && key(chars, tok).is_some_and(|w| VERBS.contains(&w.as_str()))
}

/// Whether the token is `he`, `she` or `they`.
pub(super) fn is_pronoun(chars: &[char], tok: &Token) -> bool {
    tok.word && key(chars, tok).is_some_and(|w| matches!(w.as_str(), "he" | "she" | "they"))
}

/// Whether the token may stand between a subject and its verb.
pub(super) fn is_adverb(chars: &[char], tok: &Token) -> bool {
    tok.word
        && chars[tok.start].is_lowercase()
        && key(chars, tok)
            .is_some_and(|w| ADVERBS.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ly")))
}

/// Whether the token is a lower-case particle inside a name.
pub(super) fn is_particle(chars: &[char], tok: &Token) -> bool {
    tok.word && key(chars, tok).is_some_and(|w| PARTICLES.contains(&w.as_str()))
}

/// Whether the token can be a word of a name: capitalised, not a function word, month, day or verb,
/// and not possessive (`Romero’s organization` is not Romero).
pub(super) fn is_name_word(chars: &[char], tok: &Token) -> bool {
    if !tok.word || !tok.first(chars).is_uppercase() {
        return false;
    }
    let Some(w) = key(chars, tok) else {
        return false;
    };
    let possessive = w.ends_with("’s") || w.ends_with("'s") || w.ends_with('’');
    !possessive
        && !FUNCTION.contains(&w.as_str())
        && !CALENDAR.contains(&w.as_str())
        && !VERBS.contains(&w.as_str())
}

/// Whether a single word is a common noun (`Police said`) rather than a name.
pub(super) fn is_not_name(word: &str) -> bool {
    NOT_NAMES.contains(&word.to_lowercase().as_str())
}

/// Joins the words of a name, dropping the titles before it and stray particles at either end:
/// `Foreign Minister Ana Ruiz` → `Ana Ruiz`. `None` when nothing but titles is left.
pub(super) fn clean_name(words: &[String]) -> Option<String> {
    let is_title = |w: &String| {
        let k = w.trim_end_matches('.').to_lowercase();
        TITLES.contains(&k.as_str())
    };
    // Cut after the last title that a non-title follows, so a surname that is also a title stays.
    let mut from = 0;
    for (i, w) in words.iter().enumerate() {
        if is_title(w) && words.get(i + 1).is_some_and(|n| !is_title(n)) {
            from = i + 1;
        }
    }
    let mut name = &words[from..];
    let particle = |w: &String| PARTICLES.contains(&w.to_lowercase().as_str());
    while name.first().is_some_and(|w| particle(w) || is_title(w)) {
        name = &name[1..];
    }
    while name.last().is_some_and(particle) {
        name = &name[..name.len() - 1];
    }
    (!name.is_empty()).then(|| name.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> Option<String> {
        let words: Vec<String> = s.split(' ').map(String::from).collect();
        clean_name(&words)
    }

    #[test]
    fn titles_are_dropped_but_surnames_kept() {
        assert_eq!(
            clean("Foreign Minister Ana Ruiz").as_deref(),
            Some("Ana Ruiz")
        );
        assert_eq!(
            clean("U.S. President Lara Voss").as_deref(),
            Some("Lara Voss")
        );
        assert_eq!(clean("Tomas King").as_deref(), Some("Tomas King"));
        assert_eq!(clean("Prime Minister"), None);
        assert_eq!(clean("Inés de la Vega").as_deref(), Some("Inés de la Vega"));
    }
}
