//! What the user typed, as terms: every word must match, the last one as a prefix while typing.

use super::tokenize;
use std::ops::Range;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Terms that must match a whole word, without duplicates.
    pub exact: Vec<String>,
    /// The last word when it is still being typed: it matches any word that starts with it.
    pub prefix: Option<String>,
}

impl Query {
    /// Parses `text`. The last word is a prefix unless the text ends after it (with a space or
    /// punctuation), which is how a user says the word is complete: `harb` finds `harbor`,
    /// `harb ` finds only `harb`.
    pub fn parse(text: &str) -> Query {
        let mut words: Vec<String> = Vec::new();
        let mut last_end = 0;
        let mut buf = String::new();
        tokenize::for_each_token(text, &mut buf, |range, term| {
            last_end = range.end;
            words.push(term.to_string());
        });
        let prefix = if !words.is_empty() && last_end == text.len() {
            words.pop()
        } else {
            None
        };
        // A set keeps this linear even for a pasted page of text.
        let mut seen = std::collections::HashSet::new();
        let exact = words
            .into_iter()
            .filter(|w| seen.insert(w.clone()))
            .collect();
        Query { exact, prefix }
    }

    /// Whether the query has no terms at all (empty or punctuation only).
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefix.is_none()
    }

    /// Byte ranges of the words of `text` that match the query, in order: what a reader pane
    /// highlights after opening a hit, found by the same rules as the search.
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut buf = String::new();
        tokenize::for_each_token(text, &mut buf, |range, term| {
            if self.matches(term) {
                found.push(range);
            }
        });
        found
    }

    /// Whether an (already normalised) word of the text matches one of the query's terms.
    pub fn matches(&self, term: &str) -> bool {
        self.exact.iter().any(|e| e == term)
            || self
                .prefix
                .as_ref()
                .is_some_and(|p| term.starts_with(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_word_is_a_prefix_while_typing() {
        let q = Query::parse("Ferry Harb");
        assert_eq!(q.exact, ["ferry"]);
        assert_eq!(q.prefix.as_deref(), Some("harb"));
        assert!(q.matches("harbor"));
        assert!(q.matches("ferry"));
        assert!(!q.matches("ferrying"));
    }

    #[test]
    fn find_in_gives_the_matching_words() {
        let text = "Harbor fees rose; the HARBORMASTER said harbors vary. Ferry.";
        let q = Query::parse("ferry harb");
        let words: Vec<&str> = q.find_in(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, ["Harbor", "HARBORMASTER", "harbors", "Ferry"]);
    }

    #[test]
    fn trailing_space_completes_the_last_word() {
        let q = Query::parse("harb ");
        assert_eq!(q.exact, ["harb"]);
        assert_eq!(q.prefix, None);
        assert!(!q.matches("harbor"));
    }

    #[test]
    fn duplicates_are_dropped_and_punctuation_is_empty() {
        assert_eq!(Query::parse("tide, tide. ").exact, ["tide"]);
        assert!(Query::parse("").is_empty());
        assert!(Query::parse(" -- ?! ").is_empty());
        assert!(!Query::parse("a").is_empty());
    }
}
