//! Words, punctuation and sentence ends of one block, for speaker attribution.

/// Abbreviations whose full stop belongs to the word and does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "adm",
    "st", "jr", "sr", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "vs", "etc", "inc", "corp", "co", "ltd", "ft", "mt",
];

/// Longest word whose lowercase form is looked at; longer words are never names or verbs.
pub(super) const MAX_WORD: usize = 40;

/// A word or one punctuation char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    /// Whether it is a word (letters and digits, with inner apostrophes, hyphens and dots).
    pub word: bool,
}

impl Token {
    /// The token's first char.
    pub fn first(&self, chars: &[char]) -> char {
        chars[self.start]
    }

    /// Whether it is the punctuation char `c`.
    pub fn is(&self, chars: &[char], c: char) -> bool {
        !self.word && chars[self.start] == c
    }
}

/// Splits `chars` into tokens; whitespace separates and is dropped.
pub(super) fn tokenize(chars: &[char]) -> Vec<Token> {
    let n = chars.len();
    // About one token in five chars of running text; reserving saves the regrowing.
    let mut out = Vec::with_capacity(n / 4 + 1);
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            out.push(Token {
                start: i,
                end: i + 1,
                word: false,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut dotted = false;
        loop {
            if j < n && is_word_char(chars[j]) {
                j += 1;
            } else if j + 1 < n && joins(chars[j - 1], chars[j], chars[j + 1]) {
                dotted |= chars[j] == '.';
                j += 2;
            } else {
                break;
            }
        }
        // `U.S.`, `Dr.`, `J.`: the full stop is part of the word.
        if j < n && chars[j] == '.' {
            let single_capital = j - i == 1 && c.is_uppercase();
            let abbrev = j - i <= 5 && is_abbreviation(&chars[i..j]);
            if dotted || single_capital || abbrev {
                j += 1;
            }
        }
        out.push(Token {
            start: i,
            end: j,
            word: true,
        });
        i = j;
    }
    out
}

/// Whether `word` lower-cases to one of the `ABBREVIATIONS` (which are ASCII, one byte a char).
fn is_abbreviation(word: &[char]) -> bool {
    ABBREVIATIONS.iter().any(|a| {
        a.len() == word.len()
            && a.chars()
                .zip(word)
                .all(|(a, c)| c.to_lowercase().eq(std::iter::once(a)))
    })
}

/// Whether `c` is a letter or digit, quick for ASCII and the common typographic marks.
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !matches!(c, '“' | '”' | '‘' | '’' | '—' | '–' | '…' | '\u{a0}') && c.is_alphanumeric()
    }
}

/// Whether `mid` joins the word chars around it into one word: `don’t`, `Jean-Luc`, `U.S`, `2,000`.
fn joins(before: char, mid: char, after: char) -> bool {
    if !is_word_char(after) {
        return false;
    }
    match mid {
        '’' | '\'' | '‘' | '-' | '‐' | '.' => true,
        ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// Token indices after which a sentence ends, in order.
///
/// A sentence ends at `.`, `!` or `?` outside quotes followed by a capital, an opening mark or the end;
/// and at a closing mark right after a full stop (`…done.” Then`), followed by a capital. A `?”` or
/// `!”` does not end the sentence: `“Why?” she asked.` goes on.
pub(super) fn sentence_ends(
    chars: &[char],
    tokens: &[Token],
    quotes: &[(usize, usize)],
) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut q = 0;
    for (t, tok) in tokens.iter().enumerate() {
        while q < quotes.len() && quotes[q].1 <= tok.start {
            q += 1;
        }
        let inside = q < quotes.len() && quotes[q].0 <= tok.start;
        let closes_quote = inside && quotes[q].1 == tok.end;
        let stop = !tok.word && matches!(chars[tok.start], '.' | '!' | '?');
        let after_full_stop = closes_quote
            && (tok.start > 0 && chars[tok.start - 1] == '.'
                || tok.start > 1 && chars[tok.start - 1] == '\'' && chars[tok.start - 2] == '.');
        // Looked at only where a sentence may end: this runs for every token.
        let next_starts = || {
            tokens.get(t + 1).is_none_or(|n| {
                let c = n.first(chars);
                c.is_uppercase() || matches!(c, '“' | '‘' | '"' | '\'' | '`')
            })
        };
        if (stop && !inside || after_full_stop) && next_starts() {
            ends.push(t);
        }
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        tokenize(&chars)
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect()
    }

    #[test]
    fn keeps_apostrophes_and_abbreviations_inside_words() {
        assert_eq!(
            words("Dr. O’Brien’s U.S. 2,000 don't."),
            ["Dr.", "O’Brien’s", "U.S.", "2,000", "don't", "."]
        );
    }

    #[test]
    fn sentences_end_outside_quotes() {
        let s = "“Go. Now,” he said. Then “Done.” She left.";
        let chars: Vec<char> = s.chars().collect();
        let toks = tokenize(&chars);
        let quotes = [(0, 10), (25, 32)];
        let ends: Vec<String> = sentence_ends(&chars, &toks, &quotes)
            .into_iter()
            .map(|t| chars[toks[t].start..toks[t].end].iter().collect())
            .collect();
        assert_eq!(ends, [".", "”", "."]);
    }
}
