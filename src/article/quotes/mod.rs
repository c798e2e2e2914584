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
mod resolve;
mod speaker;
mod tokens;

use std::collections::HashSet;
use std::ops::Range;

use foldhash::fast::RandomState;

use super::{Block, BlockKind, Quote};
pub use marks::QuoteKind;
use pair::Span;
use speaker::{Clues, Speakers};

/// Articles with less text than this are read on one thread: below it, starting a thread costs
/// more than it saves (a 64 KB article takes about 2 ms, a thread tens of microseconds).
const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// Finds every quoted passage in `blocks`, in block order then by start offset.
///
/// A long article is read in parts on several threads: finding the quotes and the clues to their
/// speakers needs nothing from other blocks, except a quote left open at the end of a paragraph,
/// so parts start only where none can run in. Speakers are then resolved in reading order.
pub fn find_quotes(blocks: &[Block]) -> Vec<Quote> {
    find_quotes_in(blocks, parts_for(blocks))
}

/// How many parts `blocks` are read in: one below [`PARALLEL_MIN_BYTES`] of text, else one per
/// thread.
pub(crate) fn parts_for(blocks: &[Block]) -> usize {
    let bytes: usize = blocks.iter().map(|b| b.text.len()).sum();
    if bytes < PARALLEL_MIN_BYTES {
        1
    } else {
        crate::work::threads()
    }
}

/// The quotes and clues of a run of blocks, read on one thread.
struct Part {
    /// Index of its first block.
    first: usize,
    /// Each block's spans (sorted by start) and clues.
    found: Vec<(Vec<Span>, Clues)>,
    /// How many multi-paragraph quotes it numbered, from 0.
    chains: usize,
}

/// A window of blocks read at once holds at most about this many bytes of text…
const WINDOW_BYTES: usize = 1 << 20;
/// …and this many blocks: the clues of every block of a window are held until the window's
/// speakers are resolved, a few hundred bytes a block however short the block, so an article of
/// a million one-letter paragraphs is read a window at a time.
const WINDOW_BLOCKS: usize = 16 * 1024;

/// [`find_quotes`] reading the blocks in at most `parts` parts at once, a window at a time.
pub(crate) fn find_quotes_in(blocks: &[Block], parts: usize) -> Vec<Quote> {
    find_in_windows(blocks, parts, (WINDOW_BYTES, WINDOW_BLOCKS))
}

/// [`find_quotes_in`] with windows of at most about `window` bytes and blocks.
fn find_in_windows(blocks: &[Block], parts: usize, window: (usize, usize)) -> Vec<Quote> {
    let speakers = Speakers::new(blocks, &split(blocks, parts));
    let speakers = &speakers;
    let mut resolver = resolve::Resolver::default();
    let mut chains = 0;
    let mut quotes = Vec::new();
    let mut chain_of = Vec::new();
    let mut explicit = Vec::new();
    for window in windows(blocks, window) {
        let ranges = split(&blocks[window.clone()], parts)
            .into_iter()
            .map(|r| r.start + window.start..r.end + window.start);
        let jobs: Vec<_> = ranges
            .map(|r| move || read_part(blocks, r, speakers))
            .collect();
        let read = crate::work::in_parallel(jobs);
        for part in read {
            for (k, (spans, clues)) in part.found.into_iter().enumerate() {
                let block = part.first + k;
                let heading = blocks[block].kind == BlockKind::Heading;
                let names = resolver.speakers(clues, &spans, heading);
                for (span, said) in spans.into_iter().zip(names) {
                    chain_of.push(span.chain.map(|c| c + chains));
                    explicit.push(said.as_ref().is_some_and(|a| a.explicit));
                    let (speaker, speaker_kind) = match said {
                        Some(a) => (Some(a.speaker.name), Some(a.speaker.kind)),
                        None => (None, None),
                    };
                    quotes.push(Quote {
                        block,
                        start: span.start,
                        end: span.end,
                        speaker,
                        speaker_kind,
                    });
                }
            }
            chains += part.chains;
        }
    }
    share_chain_speakers(&mut quotes, &chain_of, &explicit, chains);
    quotes
}

/// The blocks cut into windows of at most about `most.0` bytes and `most.1` blocks, each
/// starting at a block no quote can run on into from the block before it.
fn windows(blocks: &[Block], most: (usize, usize)) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (b, block) in blocks.iter().enumerate() {
        if b > start
            && (b - start >= most.1 || bytes >= most.0)
            && !continues(&blocks[b - 1], block)
        {
            out.push(start..b);
            (start, bytes) = (b, 0);
        }
        bytes += block.text.len();
    }
    out.push(start..blocks.len());
    out
}

/// Splits the blocks into at most `parts` runs of about equal text, each starting at a block no
/// quote can run on into from the block before it.
fn split(blocks: &[Block], parts: usize) -> Vec<Range<usize>> {
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    let mut ranges = Vec::with_capacity(parts);
    let (mut start, mut seen) = (0, 0);
    for (b, block) in blocks.iter().enumerate() {
        let due = total / parts.max(1) * (ranges.len() + 1);
        if b > start && seen >= due && ranges.len() + 1 < parts && !continues(&blocks[b - 1], block)
        {
            ranges.push(start..b);
            start = b;
        }
        seen += block.text.len();
    }
    ranges.push(start..blocks.len());
    ranges
}

/// Whether a quote left open at the end of `prev` can run on into `next` (its first mark
/// re-opens it).
fn continues(prev: &Block, next: &Block) -> bool {
    runs_on(prev.kind, next.kind) && marks::leading_open(&next.text).is_some()
}

/// Finds the quotes and speaker clues of `blocks[range]`; no quote runs into its first block.
fn read_part(blocks: &[Block], range: Range<usize>, speakers: &Speakers) -> Part {
    let mut chains = 0;
    let mut carry = None;
    let mut found = Vec::with_capacity(range.len());
    // One buffer for every block's chars, so a long article does not allocate one per paragraph.
    let mut chars: Vec<char> = Vec::new();
    for b in range.clone() {
        let block = &blocks[b];
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
        let clues = speakers.clues(&chars, &spans);
        found.push((spans, clues));
    }
    Part {
        first: range.start,
        found,
        chains,
    }
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
/// else where it opens, else in any paragraph, else the one it went on from.
fn share_chain_speakers(
    quotes: &mut [Quote],
    chain_of: &[Option<usize>],
    explicit: &[bool],
    chains: usize,
) {
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
        let named = |i: &usize| explicit[*i] && quotes[*i].speaker.is_some();
        let from = [last, first]
            .into_iter()
            .find(named)
            .or_else(|| part.iter().copied().find(named))
            .or_else(|| part.iter().copied().find(|&i| quotes[i].speaker.is_some()));
        let (speaker, kind) = match from {
            Some(i) => (quotes[i].speaker.clone(), quotes[i].speaker_kind),
            None => (None, None),
        };
        for &i in &part {
            quotes[i].speaker.clone_from(&speaker);
            quotes[i].speaker_kind = kind;
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

    /// The blocks of every sample article and fixture, `times` over: real quotes, speakers named
    /// in one article and referred to later, multi-paragraph quotes.
    fn sample_blocks(times: usize) -> Vec<Block> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = ["articles", "tests/fixtures"]
            .iter()
            .flat_map(|d| walkdir::WalkDir::new(root.join(d)))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        files.sort();
        let articles: Vec<_> = files
            .iter()
            .filter_map(|f| crate::load::load_file(f).ok())
            .collect();
        assert!(articles.len() > 20, "samples found: {}", articles.len());
        (0..times)
            .flat_map(|_| articles.iter().flat_map(|a| a.blocks.iter().cloned()))
            .collect()
    }

    #[test]
    fn parts_find_what_one_thread_finds() {
        let blocks = sample_blocks(3);
        let one = find_quotes_in(&blocks, 1);
        assert!(one.iter().filter(|q| q.speaker.is_some()).count() > 50);
        for parts in [2, 3, 7] {
            assert_eq!(split(&blocks, parts).len(), parts, "{parts} parts");
            assert_eq!(find_quotes_in(&blocks, parts), one, "{parts} parts");
        }
    }

    #[test]
    fn small_windows_find_what_one_window_finds() {
        let blocks = sample_blocks(2);
        let whole = (usize::MAX, usize::MAX);
        assert_eq!(windows(&blocks, whole), vec![0..blocks.len()]);
        let one = find_in_windows(&blocks, 1, whole);
        for (most, parts) in [((1, 1), 1), ((300, 5), 1), ((2000, 40), 2), ((1, 3), 3)] {
            let cut = windows(&blocks, most);
            assert!(
                cut.len() > blocks.len() / 50,
                "{most:?}: {} windows",
                cut.len()
            );
            assert!(
                cut.windows(2)
                    .all(|w| w[0].end == w[1].start && !w[1].is_empty())
            );
            assert_eq!(
                find_in_windows(&blocks, parts, most),
                one,
                "{most:?}, {parts} parts"
            );
        }
    }

    #[test]
    fn parts_cover_every_block_once_in_order() {
        let blocks = sample_blocks(1);
        for parts in [1, 2, 5] {
            let ranges = split(&blocks, parts);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(blocks.len()));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
            assert!(ranges.iter().all(|r| !r.is_empty()));
        }
    }

    #[test]
    fn a_part_never_starts_where_a_quote_runs_on() {
        // Each paragraph re-opens the quote the one before left open: one speech, one part.
        let speech: Vec<Block> = (0..40)
            .map(|i| Block::paragraph(format!("“Part {i} of the speech goes on")))
            .collect();
        assert_eq!(split(&speech, 4), vec![0..40]);
        // Where the speech ends and plain paragraphs follow, parts may start.
        let mut mixed = speech.clone();
        mixed.extend((0..40).map(|i| Block::paragraph(format!("Plain paragraph {i}."))));
        let ranges = split(&mixed, 2);
        assert_eq!(ranges.len(), 2);
        assert!(ranges[1].start >= 40, "{ranges:?}");
        assert_eq!(find_quotes_in(&mixed, 2), find_quotes_in(&mixed, 1));
    }

    #[test]
    fn speeches_in_different_parts_keep_their_own_speakers() {
        let speech = |opening: &str, close: &str| {
            vec![
                Block::paragraph(format!("“{opening}")),
                Block::paragraph(format!("“{close}")),
            ]
        };
        let mut blocks = speech("The first speech starts", "and ends,” said Ana Ruiz.");
        blocks.extend((0..30).map(|i| Block::paragraph(format!("Plain paragraph {i}."))));
        blocks.extend(speech(
            "The second starts",
            "and ends too,” said Teo Marsh.",
        ));
        // The second speech is read in the second part, which numbers its chains from 0 too.
        let ranges = split(&blocks, 2);
        assert!(
            ranges.len() == 2 && (2..=32).contains(&ranges[1].start),
            "{ranges:?}"
        );
        let quotes = find_quotes_in(&blocks, 2);
        let by_block = |b| {
            quotes
                .iter()
                .find(|q| q.block == b)
                .and_then(|q| q.speaker.clone())
        };
        assert_eq!(by_block(0).as_deref(), Some("Ana Ruiz"));
        assert_eq!(by_block(32).as_deref(), Some("Teo Marsh"));
        assert_eq!(quotes, find_quotes_in(&blocks, 1));
    }
}

#[cfg(test)]
mod tests_attribution;
