//! byline's tokeniser as a tantivy tokeniser, so the persistent index holds exactly the terms
//! the in-memory index, the query parser and find-in-article use.

use super::super::tokenize;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the body field's indexing asks for.
pub const NAME: &str = "byline";

/// [`tokenize::for_each_token`] for tantivy.
#[derive(Clone, Default)]
pub struct Words {
    buf: String,
}

/// The tokens of one text, made at once (a text is one body block: small).
pub struct Stream {
    tokens: Vec<Token>,
    /// The token [`TokenStream::token`] gives: one past it before the first `advance`.
    at: usize,
}

impl Tokenizer for Words {
    type TokenStream<'a> = Stream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Stream {
        let mut tokens = Vec::new();
        tokenize::for_each_token(text, &mut self.buf, |range, term| {
            tokens.push(Token {
                offset_from: range.start,
                offset_to: range.end,
                position: tokens.len(),
                text: term.to_string(),
                position_length: 1,
            });
        });
        Stream {
            tokens,
            at: usize::MAX,
        }
    }
}

impl TokenStream for Stream {
    fn advance(&mut self) -> bool {
        self.at = self.at.wrapping_add(1);
        self.at < self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at.min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let last = self.tokens.len().saturating_sub(1);
        &mut self.tokens[self.at.min(last)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_the_same_terms_as_the_search_tokeniser() {
        let text = "Café owners at the HARBOR's edge—déjà vu, Москва 42.";
        let mut words = Words::default();
        let mut stream = words.token_stream(text);
        let mut got = Vec::new();
        while stream.advance() {
            let t = stream.token();
            got.push((t.text.clone(), &text[t.offset_from..t.offset_to]));
        }
        let mut want = Vec::new();
        let mut buf = String::new();
        tokenize::for_each_token(text, &mut buf, |r, term| {
            want.push((term.to_string(), &text[r]));
        });
        assert_eq!(got, want);
        assert_eq!(got[0].0, "cafe");
    }
}
