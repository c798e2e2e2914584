//! Full-text search over the library's article bodies: an in-memory inverted index ranked by BM25,
//! run on a worker thread so typing never waits for it.
//!
//! # Why a hand-written index and not tantivy
//!
//! - **Size of the job.** A library is thousands of articles, about 80 MB of text for 10,000
//!   articles of 8 KB. An inverted index over that fits in memory and answers a query by decoding
//!   a few posting lists: well under the 50 ms a keystroke allows (see `benches/search.rs`).
//! - **Build cost.** tantivy brings a large dependency tree that takes minutes to compile on a
//!   small machine, for features byline does not use (fields, facets, merges, query language).
//! - **No disk index.** tantivy keeps its index in a directory that must be placed, locked,
//!   invalidated when articles change and cleaned up. Indexing in memory at start-up on a
//!   background thread needs none of that, and results are usable while indexing runs.
//! - **Control.** Prefix matching of the word being typed, snippets and match counts come straight
//!   from the same tokeniser, so highlights always agree with what matched.
//!
//! The cost is memory, kept down by coding: postings are varint gaps (about two bytes each), and
//! the body text kept for snippets is stored as numbers into shared word and gap tables (about
//! 40% of its raw size), so no file is re-read to show a result. Measured by `benches/search.rs`
//! on 10,000 generated articles of 8 KB (83 MB of text): about 56 MB of heap (38 MB text,
//! 15 MB postings, 3 MB dictionary), 67 MB more resident memory; typical queries take 2–3 ms
//! with 100 snippets, a one-letter prefix matching every article about 7 ms.
//!
//! # Matching rules
//!
//! - Words are runs of letters and digits (any script), lowercased, with Latin diacritics folded:
//!   `Café` matches `cafe`.
//! - Every word of the query must occur (AND), since adding a word should narrow the list as it
//!   does in most search boxes; ranked OR would bury the few articles holding all the words under
//!   thousands holding a common one. Ranking is the BM25 sum over the words, so rare words and
//!   repeated mentions count most.
//! - The last word matches as a prefix while it is being typed (`harb` finds `harbor`); a space
//!   after it makes it whole.
//! - Bodies are searched, not titles (the title comes back with each hit for display).
//!   [`Query::find_in`] gives the same matches in any block's text, for highlighting in the reader.
//!
//! Use [`Index`] directly when blocking is fine (tests, `--print` tools), or [`Searcher`] in the
//! interface: it indexes files on its own thread and answers the newest query only.

mod index;
mod postings;
mod query;
mod snippet;
mod store;
mod tokenize;
mod varint;
mod worker;

pub use index::Index;
pub use query::Query;
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
    /// The document for a parsed article.
    pub fn from_article(id: usize, article: &Article) -> Doc {
        Doc {
            id,
            title: article.header.title.clone(),
            blocks: article.blocks.iter().map(|b| b.text.clone()).collect(),
        }
    }
}

/// One document that matches a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The document's id, as given in [`Doc::id`].
    pub id: usize,
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
