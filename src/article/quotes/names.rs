//! Word lists and name shapes for attribution: verbs of saying, titles, pronouns, name words.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::tokens::Token;

/// Verbs that attribute a quote (`according` counts when `to` follows).
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "wrote", "writes",
    "explained", "explains", "noted", "notes", "stressed", "stresses", "insisted", "insists",
    "argued", "argues", "recalled", "recalls", "warned", "warns", "replied", "replies", "declared",
    "announced", "acknowledged", "admitted", "claimed", "claims", "praised", "pledged", "vowed",
    "promised", "tweeted", "posted", "shouted", "whispered", "answered", "responded", "urged",
    "conceded", "remarked", "continued", "according",
];

/// Words standing before a name that are not part of it (`Foreign Minister Ana Ruiz`).
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "vice", "prime", "minister", "foreign", "interior", "defense", "defence",
    "finance", "justice", "health", "education", "secretary", "general", "gen", "gov", "governor",
    "senator", "sen", "rep", "representative", "mayor", "judge", "chief", "director", "dr", "mr",
    "mrs", "ms", "miss", "prof", "professor", "rev", "reverend", "father", "pope", "king", "queen",
    "prince", "princess", "sheikh", "lt", "col", "capt", "captain", "sgt", "sergeant", "adm",
    "admiral", "commander", "chancellor", "ambassador", "attorney", "deputy", "acting", "former",
    "state", "spokesman", "spokeswoman", "spokesperson", "coach", "officer", "inspector",
    "commissioner", "bishop", "archbishop", "cardinal", "rabbi", "imam", "sir", "dame", "lord",
    "lady", "us", "un", "uk", "eu", "grandmaster", "archivist", "curator", "historian", "economist",
    "analyst", "researcher", "scientist", "astronomer", "biologist", "engineer", "architect",
    "lawyer", "doctor", "nurse", "teacher", "detective", "sheriff", "warden", "councillor",
    "councilor", "councilman", "councilwoman", "alderman", "skipper", "harbormaster", "editor",
    "columnist", "founder", "organizer", "organiser", "manager", "supervisor", "trustee",
    "treasurer", "police", "army", "opposition", "leader", "speaker", "chairman", "chairwoman",
    "chair", "ceo",
];

/// Capitalised words that start sentences and clauses but never names.
#[rustfmt::skip]
const FUNCTION: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "so", "then", "when", "while", "as", "after", "before",
    "despite", "in", "on", "at", "for", "if", "because", "meanwhile", "however", "also", "still",
    "yet", "now", "both", "this", "that", "these", "those", "it", "its", "we", "i", "you", "our",
    "their", "his", "her", "my", "there", "here", "of", "to", "by", "from", "with", "later",
    "earlier", "today", "yesterday", "tonight", "instead", "separately", "finally", "first", "last",
    "next", "speaking", "according", "asked", "even", "only", "not", "no", "other",
];

/// Single words that can be the subject of `said` but are no one's name.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "police", "officials", "authorities", "witnesses", "residents", "experts", "critics",
    "analysts", "everyone", "everybody", "nobody", "someone", "somebody", "anyone", "many", "some",
    "others", "who", "which", "one", "all", "both", "few", "most", "several", "none", "people",
    "government", "ministry", "statement", "reports", "sources", "documents", "records", "polls",
    "fans", "protesters", "demonstrators", "workers", "students", "teachers", "parents", "doctors",
    "nurses", "lawyers", "prosecutors", "investigators", "scientists", "researchers", "officers",
    "soldiers", "troops", "activists", "supporters", "voters", "locals", "neighbors", "neighbours",
    "families", "relatives", "organizers", "organisers", "observers", "diplomats", "lawmakers",
    "legislators", "opponents", "rebels", "leaders", "members", "children", "women", "men",
    "visitors", "passengers", "victims", "survivors", "farmers", "miners", "journalists",
    "reporters", "economists", "judges", "court", "company", "spokesperson", "spokesman",
    "spokeswoman", "agency", "army", "military", "ministers", "unions", "union", "staff",
];

/// Lower-case words inside names (`María de la Cruz`, `Ludwig van Beethoven`).
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "do", "dos", "das", "van", "von", "der", "den", "la", "le",
    "du", "bin", "ibn", "al", "y",
];

/// Words between a subject and its verb (`Ruiz also said`, `she later told`).
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "also", "later", "then", "earlier", "again", "previously", "once", "has", "had", "have",
    "would", "will", "often", "just", "only", "first", "further",
];

#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Every lower-case word that has a part in attribution.
static LOWER_ROLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    #[rustfmt::skip]
    let small: &[&str] = &[
        "he", "she", "they", "according", "to", "but", "and", "so", "yet", "while", "although",
        "though", "whereas",
    ];
    [VERBS, PARTICLES, ADVERBS, TITLES, FUNCTION, small]
        .into_iter()
        .flatten()
        .copied()
        .collect()
});

/// What a token can be in an attribution, worked out once per token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Class {
    /// A word of a name: capitalised, not a function word, month, day or verb, and not possessive
    /// (`Romero’s organization` is not Romero).
    pub name: bool,
    /// A lower-case particle inside a name (`de`, `van`).
    pub particle: bool,
    /// A verb of saying.
    pub verb: bool,
    /// `he`, `she` or `they`.
    pub pronoun: bool,
    /// A word that may stand between a subject and its verb (`also`, `later`, `quickly`).
    pub adverb: bool,
    /// `according`, of `according to`.
    pub according: bool,
    /// `to`.
    pub to: bool,
    /// A title before a name, in any case (`minister`, `Dr.`).
    pub title: bool,
    /// A function word (`the`, `it`, `of`), in any case.
    pub function: bool,
    /// A word that opens a noun phrase (`the`, `a`, `his`).
    pub determiner: bool,
    /// A conjunction that can open a clause before its subject (`But he said`).
    pub conjunction: bool,
    /// A word that, after a comma, starts a contrasting clause (`, but`, `, while`).
    pub contrast: bool,
}

/// Classifies one token.
pub(super) fn classify(chars: &[char], tok: &Token) -> Class {
    if !tok.word {
        return Class::default();
    }
    let Some(mut w) = tok.lower(chars) else {
        return Class::default();
    };
    // `Dr.` → `dr`, for the lists.
    if w.ends_with('.') {
        w.pop();
    }
    let w = w.as_str();
    let upper = tok.first(chars).is_uppercase();
    // Most words are lower case and play no part: one set look-up settles them.
    let adverb_like = w.len() > 4 && w.ends_with("ly");
    if !(upper || adverb_like || LOWER_ROLES.contains(w)) {
        return Class::default();
    }
    let possessive = w.ends_with("’s") || w.ends_with("'s") || w.ends_with('’');
    let verb = VERBS.contains(&w);
    Class {
        name: upper && !possessive && !verb && !FUNCTION.contains(&w) && !CALENDAR.contains(&w),
        particle: PARTICLES.contains(&w),
        verb,
        pronoun: matches!(w, "he" | "she" | "they"),
        adverb: !upper && (ADVERBS.contains(&w) || (w.len() > 4 && w.ends_with("ly"))),
        according: w == "according",
        to: w == "to",
        title: is_title(w),
        function: FUNCTION.contains(&w),
        determiner: matches!(
            w,
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our"
        ),
        conjunction: matches!(w, "but" | "and" | "so" | "yet"),
        contrast: matches!(
            w,
            "but" | "while" | "although" | "though" | "whereas" | "yet"
        ),
    }
}

/// Whether a word is a title: `Minister`, `Dr.`, `U.N.`, `Secretary-General`.
fn is_title(word: &str) -> bool {
    let k: String = word
        .chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    k.split('-').all(|part| TITLES.contains(&part))
}

/// Whether a single word is a common noun (`Police said`) rather than a name.
pub(super) fn is_not_name(word: &str) -> bool {
    NOT_NAMES.contains(&word.to_lowercase().as_str())
}

/// Joins the words of a name, dropping the titles before it and stray particles at either end:
/// `Foreign Minister Ana Ruiz` → `Ana Ruiz`. `None` when nothing but titles is left.
pub(super) fn clean_name(words: &[String]) -> Option<String> {
    let is_title = |w: &String| is_title(w);
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
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn classifies_words() {
        let chars: Vec<char> = "Dr. Ana de Vega’s aide also said".chars().collect();
        let c: Vec<Class> = tokenize(&chars)
            .iter()
            .map(|t| classify(&chars, t))
            .collect();
        assert!(c[0].name && c[1].name && c[2].particle && !c[3].name);
        assert!(!c[4].name && c[5].adverb && c[6].verb);
    }

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
