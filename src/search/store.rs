//! Compact storage of document text for snippets: each word and each gap between words is kept
//! once in a table, and a document is the sequence of their numbers.
//!
//! News text repeats its words, so a word costs one to three bytes instead of its letters and a
//! gap (usually one space) one byte: about 40% of the raw size. Decoding gives back the exact text.

use super::{tokenize, varint};
use std::collections::HashMap;

/// The word and gap tables, shared by all documents.
#[derive(Debug, Default)]
pub struct Store {
    words: Table,
    gaps: Table,
    /// The number of the gap `" "`, by far the most common, to skip hashing it.
    space: Option<u32>,
}

/// Distinct strings, numbered in the order first seen (so frequent ones get small numbers).
/// The strings sit end to end in one arena: decoding reads them from a few cache lines
/// instead of chasing one allocation per word.
#[derive(Debug, Default)]
struct Table {
    numbers: HashMap<Box<str>, u32>,
    arena: String,
    /// Where each string ends in `arena` (it starts where the one before ends).
    ends: Vec<usize>,
}

impl Table {
    fn number(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        // Fits u32: there are never more distinct strings than bytes of text in memory.
        let n = self.ends.len() as u32;
        self.numbers.insert(s.into(), n);
        self.arena.push_str(s);
        self.ends.push(self.arena.len());
        n
    }

    fn get(&self, n: u32) -> &str {
        let n = n as usize;
        let start = n
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or(0);
        self.arena
            .get(start..self.ends.get(n).copied().unwrap_or(start))
            .unwrap_or("")
    }

    fn heap_bytes(&self) -> usize {
        // The arena, the ends, and each string again as a hash key with about 40 bytes of
        // bookkeeping.
        let keys: usize = self.numbers.keys().map(|k| k.len() + 40).sum();
        self.arena.capacity() + self.ends.capacity() * 8 + keys
    }

    fn shrink_to_fit(&mut self) {
        self.numbers.shrink_to_fit();
        self.arena.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl Store {
    /// Encodes `text`, calling `on_word(number, term)` for each word as it goes, so the caller
    /// indexes the text in the same pass: `number` is the word's number as written (numbers
    /// count up from 0 as new spellings appear) and `term` its normalised term.
    pub fn encode(&mut self, text: &str, mut on_word: impl FnMut(u32, &str)) -> Box<[u8]> {
        let mut out = Vec::with_capacity(text.len() / 3);
        let mut buf = String::new();
        let mut end = 0;
        tokenize::for_each_token(text, &mut buf, |range, term| {
            let gap = self.gap_number(&text[end..range.start]);
            varint::put(&mut out, gap);
            let word = self.words.number(&text[range.clone()]);
            varint::put(&mut out, word);
            end = range.end;
            on_word(word, term);
        });
        let gap = self.gap_number(&text[end..]);
        varint::put(&mut out, gap);
        out.into_boxed_slice()
    }

    fn gap_number(&mut self, gap: &str) -> u32 {
        if gap == " " {
            *self.space.get_or_insert_with(|| self.gaps.number(" "))
        } else {
            self.gaps.number(gap)
        }
    }

    /// The text `code` was encoded from.
    #[cfg(test)]
    pub fn decode(&self, code: &[u8]) -> String {
        let mut text = String::with_capacity(code.len() * 3);
        self.decode_to(code, 0, usize::MAX, &mut text);
        text
    }

    /// Decodes `code` on from position `at` (0 at first, then what the last call returned) into
    /// `out` until `out` holds at least `len` bytes or the code ends; returns the position
    /// reached. Lets a caller decode only as far as it needs.
    pub fn decode_to(&self, code: &[u8], mut at: usize, len: usize, out: &mut String) -> usize {
        if at == 0 {
            out.push_str(self.gaps.get(varint::get(code, &mut at)));
        }
        while at < code.len() && out.len() < len {
            out.push_str(self.words.get(varint::get(code, &mut at)));
            out.push_str(self.gaps.get(varint::get(code, &mut at)));
        }
        at
    }

    /// An estimate of the heap the tables use, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.words.heap_bytes() + self.gaps.heap_bytes()
    }

    /// Frees spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.words.shrink_to_fit();
        self.gaps.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_gives_back_the_exact_text() {
        let mut store = Store::default();
        let texts = [
            "",
            "  ",
            "word",
            " — Leading gap, trailing gap. ",
            "The ferry, the FERRY and the café\u{301}!\nSecond block\t\there.",
        ];
        let codes: Vec<Box<[u8]>> = texts.iter().map(|t| store.encode(t, |_, _| {})).collect();
        for (t, c) in texts.iter().zip(&codes) {
            assert_eq!(&store.decode(c), t);
        }
        // Decoding in steps gives the same text.
        let (text, code) = (texts[4], &codes[4]);
        let mut out = String::new();
        let mut at = store.decode_to(code, 0, 10, &mut out);
        assert!(out.len() >= 10 && out.len() < text.len(), "{out:?}");
        assert!(text.starts_with(&out));
        at = store.decode_to(code, at, usize::MAX, &mut out);
        assert_eq!((out.as_str(), at), (text, code.len()));
    }

    #[test]
    fn reports_each_term_and_shares_repeated_words() {
        let mut store = Store::default();
        let mut terms = Vec::new();
        let text = "Lighthouse beside lighthouse beside lighthouse beside lighthouse";
        let mut numbers = Vec::new();
        let code = store.encode(text, |n, t| {
            numbers.push(n);
            terms.push(t.to_string());
        });
        assert_eq!(
            numbers,
            [0, 1, 2, 1, 2, 1, 2],
            "spellings are numbered, not terms"
        );
        assert_eq!(terms.len(), 7);
        assert_eq!(terms[..3], ["lighthouse", "beside", "lighthouse"]);
        // Seven words and eight gaps, one byte each: the repeats cost no letters.
        assert_eq!(code.len(), 15);
    }
}
