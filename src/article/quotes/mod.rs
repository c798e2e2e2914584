//! The quote finder: quoted passages in each block and who said them (layout.md, "Quotes").
//!
//! Rules, in the order they apply:
//! - Double marks (`“…”`, straight `"…"`, old wire `''…''` and ``` ``…'' ```) quote speech. A straight
//!   mark faces the word it touches; one touching none closes an open double quote, else opens one.
//! - Single marks (`‘…’`, `'…'`) quote anywhere a `‘` opens at a word start and a `’` closes at a word
//!   end: in headlines, inside double quotes, and in running text. A mark inside a word (`don’t`,
//!   `O’Brien`) or at a word start that shortens it (`’90s`, `'til`, `rock ’n’ roll`) is an apostrophe.
//! - A `’` after a final `s`, `x` or `z` and before another word (`the students’ union`) is read as a
//!   possessive when a plain closing `’` follows before the next `‘` (and, inside a double quote,
//!   before it can close); otherwise it closes the quote.
//! - Quotes nest; a double closer also ends any single quote still open inside it. Nested quotes are
//!   reported too: `quote_kind` tells double from single by the mark at `start`.
//! - An opening mark left unclosed at the end of its paragraph is dropped, unless the next block is a
//!   paragraph of the same kind that starts with an opening mark of the same kind: then the quote runs
//!   on, and each paragraph gets a span (to its end while the quote is open). A last paragraph that
//!   never closes the quote gets a span to its end too.
//! - The speaker is the name by the verb of saying in the quote's sentence (see `speaker`); every
//!   paragraph of a multi-paragraph quote takes the speaker named at its end, else at its start.

mod marks;
mod names;
mod pair;
mod speaker;
mod tokens;

use std::collections::HashSet;

use foldhash::fast::RandomState;

use super::{Block, BlockKind, Quote};
pub use marks::QuoteKind;

/// Finds every quoted passage in `blocks`, in block order then by start offset.
pub fn find_quotes(blocks: &[Block]) -> Vec<Quote> {
    let mut speakers = speaker::Speakers::new(blocks);
    let mut chains = 0;
    let mut carry = None;
    let mut quotes = Vec::new();
    let mut chain_of = Vec::new();
    // One buffer for every block's chars, so a long article does not allocate one per paragraph.
    let mut chars: Vec<char> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        chars_into(&block.text, &mut chars);
        let leading = chars.iter().take_while(|c| c.is_whitespace()).count();
        let next_opens = blocks
            .get(b + 1)
            .filter(|next| runs_on(block.kind, next.kind))
            .and_then(|next| marks::leading_open(&next.text));
        let (mut spans, out) = pair::pair(
            &marks::scan(&chars),
            chars.len(),
            leading,
            carry.take(),
            next_opens,
            &mut chains,
        );
        carry = out;
        spans.sort_by_key(|s| s.start);
        let names = speakers.attribute(&chars, &spans);
        for (span, speaker) in spans.into_iter().zip(names) {
            chain_of.push(span.chain);
            quotes.push(Quote {
                block: b,
                start: span.start,
                end: span.end,
                speaker,
            });
        }
    }
    share_chain_speakers(&mut quotes, &chain_of, chains);
    quotes
}

/// Replaces the contents of `out` with the chars of `text`. Runs of ASCII, most of a news text,
/// are widened a byte to a char in one go rather than decoded and pushed one by one.
fn chars_into(text: &str, out: &mut Vec<char>) {
    out.clear();
    out.reserve(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.extend(rest[..ascii].bytes().map(char::from));
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// The kind of mark that opens `quote` in its block's `text`, or `None` when `start` is not a mark
/// (the quote does not belong to this text).
pub fn quote_kind(text: &str, quote: &Quote) -> Option<QuoteKind> {
    let mut it = text.chars().skip(quote.start);
    match (it.next()?, it.next()) {
        ('“' | '"', _) | ('`', Some('`')) | ('\'', Some('\'')) => Some(QuoteKind::Double),
        ('‘' | '\'' | '`', _) => Some(QuoteKind::Single),
        _ => None,
    }
}

/// Whether a quote open at the end of a `from` block can run on into the `to` block after it.
fn runs_on(from: BlockKind, to: BlockKind) -> bool {
    from == to && from != BlockKind::Heading
}

/// Gives every paragraph of a multi-paragraph quote one speaker: the one named where it closes,
/// else where it opens, else any paragraph's.
fn share_chain_speakers(quotes: &mut [Quote], chain_of: &[Option<usize>], chains: usize) {
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); chains];
    for (i, chain) in chain_of.iter().enumerate() {
        if let Some(c) = chain {
            parts[*c].push(i);
        }
    }
    for part in parts {
        let (Some(&first), Some(&last)) = (part.first(), part.last()) else {
            continue;
        };
        let speaker = quotes[last]
            .speaker
            .clone()
            .or_else(|| quotes[first].speaker.clone())
            .or_else(|| part.iter().find_map(|&i| quotes[i].speaker.clone()));
        for &i in &part {
            quotes[i].speaker.clone_from(&speaker);
        }
    }
}

/// Every word the article writes in lower case (`police`, `officials`), so a capitalised one at a
/// sentence start is not taken for a name.
/// Borrowed from the blocks, and hashed with a per-process seed since the words are untrusted.
fn vocabulary(blocks: &[Block]) -> HashSet<&str, RandomState> {
    let mut vocab = HashSet::with_hasher(RandomState::default());
    for w in blocks
        .iter()
        .flat_map(|b| b.text.split(|c: char| !tokens::is_word_char(c)))
    {
        if w.chars().next().is_some_and(char::is_lowercase) && w.len() <= 4 * tokens::MAX_WORD {
            vocab.insert(w);
        }
    }
    vocab
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_are_the_texts_chars() {
        let mut buf = vec!['x'; 3];
        for t in [
            "",
            "plain",
            "“Quoted,” she said — déjà vu 東京 😀.",
            "é",
            "ab€",
        ] {
            chars_into(t, &mut buf);
            assert_eq!(buf, t.chars().collect::<Vec<char>>(), "{t:?}");
        }
    }
}
