//! Full-text search over the library's article bodies, run on a worker thread so typing never
//! waits for it: a persistent tantivy index in the cache folder ([`disk`]), or, when there is
//! none to be had, an in-memory inverted index ranked by BM25 ([`Index`]).
//!
//! # Two indexes, one set of rules
//!
//! - **On disk** ([`disk`], [`Searcher::persistent`]): the reader's index for a library of
//!   files. Built once, then brought up to date with the files changed since the last launch
//!   and with what the watcher reports; its segments are memory-mapped, so a library of
//!   100,000 articles searches in milliseconds without holding its text in memory. tantivy was
//!   chosen over SQLite FTS5 by the figures in the README.
//! - **In memory** ([`Index`], [`Searcher::spawn`]): with `--no-cache`, for articles that are
//!   not files (stdin), and whenever the index on disk cannot be used (another byline writes it,
//!   the cache folder cannot be written). Postings are varint gaps and the text kept for
//!   snippets is coded against shared word tables (about 40% of its raw size); 10,000 articles
//!   of 8 KB take about 56 MB of heap (`benches/search.rs`).
//!
//! Both use the one tokeniser (plugged into tantivy as [`disk`]'s `words`), and both cut
//! snippets, highlights and match counts from the stored block text with the same code
//! (`snippet`), so they agree with each other and with find-in-article.
//! # Matching rules
//!
//! - Words are runs of letters and digits (any script), lowercased, with Latin diacritics folded:
//!   `Café` matches `cafe`.
//! - Every word of the query must occur (AND), since adding a word should narrow the list as it
//!   does in most search boxes; ranked OR would bury the few articles holding all the words under
//!   thousands holding a common one. Ranking is the BM25 sum over the words, so rare words and
//!   repeated mentions count most.
//! - The last word matches as a prefix while it is being typed (`harb` finds `harbor`); a space
//!   after it makes it whole. On disk, a one-letter prefix stands for its 64 most frequent
//!   words (`h`: the, he, his, has…), so each keystroke stays fast on a big library; the next
//!   letter brings every word back.
//! - Bodies are searched, not titles (the title comes back with each hit for display).
//!   [`Query::find_in`] gives the same matches in any block's text, for highlighting in the reader.
//!
//! Use [`Index`] directly when blocking is fine (tests, `--print` tools), or [`Searcher`] in the
//! interface: it indexes files on its own thread and answers the newest query only.

pub mod disk;
mod index;
mod postings;
mod query;
mod read;
mod snippet;
mod store;
mod tokenize;
mod varint;
mod worker;

pub use index::Index;
pub use query::Query;
pub use read::{MAX_TEXT, doc_of_file};
pub use tokenize::MAX_TERM_CHARS;
pub use worker::{Results, Searcher};

use crate::article::Article;
use std::ops::Range;

/// One document to index: an article's title and the text of its body blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// The caller's id for the document, returned in hits (for [`Searcher::spawn`], the index
    /// of the file in the list it was given).
    pub id: usize,
    /// The headline, returned in hits for display; it is not searched.
    pub title: String,
    /// The text of each body block, in order.
    pub blocks: Vec<String>,
}

impl Doc {
    /// The document for a parsed article: its title and the text of its blocks, up to
    /// [`MAX_TEXT`] bytes of it (later blocks are left out; the one that crosses the limit is
    /// cut at the end of its last word before it).
    pub fn from_article(id: usize, article: &Article) -> Doc {
        let mut left = MAX_TEXT;
        let mut blocks = Vec::new();
        for block in &article.blocks {
            let text: &str = &block.text;
            if text.len() > left {
                blocks.push(words_within(text, left).to_string());
                break;
            }
            left -= text.len();
            blocks.push(text.to_string());
        }
        Doc {
            id,
            title: article.header.title.clone(),
            blocks,
        }
    }
}

/// The start of `text` within `most` bytes, ending where a word ends (at white space) when
/// there is one, so no word is indexed cut in two.
fn words_within(text: &str, most: usize) -> &str {
    let mut end = most.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let start = &text[..end];
    if text[end..].starts_with(char::is_whitespace) {
        return start;
    }
    start
        .rfind(char::is_whitespace)
        .map_or(start, |i| &start[..i])
}

/// One document that matches a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The document's id, as given in [`Doc::id`] (`usize::MAX` for a hit of the persistent
    /// index, which names its file in `path` instead).
    pub id: usize,
    /// The article's file, as the library spelled it when it was indexed (hits of the
    /// persistent index); `None` for the in-memory index, whose ids name the article.
    pub path: Option<std::path::PathBuf>,
    /// The document's title.
    pub title: String,
    /// The BM25 score: higher is more relevant.
    pub score: f32,
    /// How many words of the body match a query term.
    pub matches: usize,
    /// Index of the first body block holding a match (to scroll the reader to it).
    pub block: usize,
    /// One line of about 100 characters around the first match, whitespace collapsed, with `…`
    /// where text was cut.
    pub snippet: String,
    /// Byte ranges in `snippet` of the matching words, in order, for highlighting.
    pub highlights: Vec<Range<usize>>,
}
