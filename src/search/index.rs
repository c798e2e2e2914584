//! The in-memory inverted index: term dictionary, compressed postings, stored text and BM25 ranking.

use super::postings::Postings;
use super::query::Query;
use super::store::Store;
use super::{Doc, Hit, snippet};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// BM25's length normalisation.
const B: f32 = 0.75;

/// An inverted index over the bodies of many documents, searched with BM25.
///
/// Postings hold, per term, the documents containing it and how often (about two bytes a
/// posting). Each document's text is kept, compactly coded, so snippets need no file access.
/// Documents can be added while the index is in use.
#[derive(Debug, Default)]
pub struct Index {
    /// Term to term number, for the lookups indexing does per word.
    dict: HashMap<Box<str>, u32>,
    /// The same terms in order, for the prefix lookups of the last query word.
    sorted: BTreeMap<Box<str>, u32>,
    /// Postings of each term number.
    postings: Vec<Postings>,
    /// The text of all documents.
    store: Store,
    /// Documents by internal number (the order they were added).
    docs: Vec<Stored>,
    /// Words in all documents, for the average length BM25 needs.
    total_words: u64,
    /// The term number of each word number of the store (each spelling as written).
    word_terms: Vec<u32>,
    /// Term frequencies of the document being added, by term number (kept zeroed between
    /// documents), and the terms it touched.
    tf: Vec<u32>,
    touched: Vec<u32>,
}

/// What is kept of one document.
#[derive(Debug)]
struct Stored {
    /// The caller's id.
    id: usize,
    /// The title, returned with hits.
    title: Box<str>,
    /// The blocks joined by `\n`, coded by the store.
    code: Box<[u8]>,
    /// Byte offset in the text where each block starts.
    starts: Box<[usize]>,
    /// Words in the body.
    words: u32,
}

/// The text of each block of a document's `text`, given where each block starts.
#[cfg(test)]
fn blocks<'a>(text: &'a str, starts: &'a [usize]) -> impl Iterator<Item = &'a str> {
    starts.iter().enumerate().map(move |(i, &s)| {
        let end = starts.get(i + 1).map_or(text.len(), |&n| n - 1);
        text.get(s..end).unwrap_or("")
    })
}

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the index holds no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// How many distinct terms the index holds.
    pub fn terms(&self) -> usize {
        self.postings.len()
    }

    /// Adds `doc`'s body (its blocks) to the index. Time is linear in the text's length.
    pub fn add(&mut self, doc: &Doc) {
        let Ok(number) = u32::try_from(self.docs.len()) else {
            return; // Four billion documents: more than memory could hold anyway.
        };
        let mut text = String::with_capacity(doc.blocks.iter().map(|b| b.len() + 1).sum());
        let mut starts = Vec::with_capacity(doc.blocks.len());
        for block in &doc.blocks {
            if !starts.is_empty() {
                text.push('\n');
            }
            starts.push(text.len());
            text.push_str(block);
        }
        let mut words: u32 = 0;
        let (dict, sorted, postings) = (&mut self.dict, &mut self.sorted, &mut self.postings);
        let (word_terms, tf, touched) = (&mut self.word_terms, &mut self.tf, &mut self.touched);
        let code = self.store.encode(&text, |word, term| {
            words = words.saturating_add(1);
            // A spelling seen before has its term already: no need to look the term up.
            let t = match word_terms.get(word as usize) {
                Some(&t) => t,
                None => {
                    let t = term_number(dict, sorted, postings, term);
                    word_terms.push(t);
                    t
                }
            };
            if tf.len() <= t as usize {
                tf.resize(t as usize + 1, 0);
            }
            if tf[t as usize] == 0 {
                touched.push(t);
            }
            tf[t as usize] = tf[t as usize].saturating_add(1);
        });
        for t in self.touched.drain(..) {
            let f = std::mem::take(&mut self.tf[t as usize]);
            self.postings[t as usize].push(number, f);
        }
        self.total_words += u64::from(words);
        self.docs.push(Stored {
            id: doc.id,
            title: doc.title.as_str().into(),
            code,
            starts: starts.into_boxed_slice(),
            words,
        });
    }

    /// Frees the spare capacity growth left behind; call when done adding.
    pub fn shrink_to_fit(&mut self) {
        for p in &mut self.postings {
            p.shrink_to_fit();
        }
        self.store.shrink_to_fit();
        self.postings.shrink_to_fit();
        self.docs.shrink_to_fit();
        self.dict.shrink_to_fit();
        self.word_terms.shrink_to_fit();
        self.tf = Vec::new();
        self.touched = Vec::new();
    }

    /// An estimate of the heap the index uses, in bytes: text, postings and dictionary.
    pub fn heap_bytes(&self) -> usize {
        let text: usize = self
            .docs
            .iter()
            .map(|d| d.code.len() + d.title.len() + d.starts.len() * 8 + size_of::<Stored>())
            .sum::<usize>()
            + self.store.heap_bytes()
            + self.word_terms.capacity() * 4;
        let postings: usize = self
            .postings
            .iter()
            .map(|p| p.heap_bytes() + size_of::<Postings>())
            .sum();
        // Each term's bytes live twice (hash map and sorted map), plus roughly 40 bytes of
        // bookkeeping per entry in each.
        let dict: usize = self.dict.keys().map(|k| 2 * (k.len() + 40)).sum();
        text + postings + dict
    }

    /// The best `limit` documents for `query`, best first.
    ///
    /// Every word of the query must occur in a document (AND); the last word matches as a prefix
    /// unless the query ends with a space or punctuation. Documents are ranked by the BM25 sum
    /// over the query's terms; a prefix counts as one term whose frequency is that of all the
    /// words it starts. An empty or punctuation-only query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_counted(query, limit).0
    }

    /// Like [`Index::search`], and also returns how many documents match in all (not only the
    /// `limit` returned), for a line such as `1,204 articles`.
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        let query = Query::parse(query);
        if query.is_empty() || self.docs.is_empty() {
            return (Vec::new(), 0);
        }
        let mut groups: Vec<Vec<u32>> = query
            .exact
            .iter()
            .map(|t| self.dict.get(t.as_str()).copied().into_iter().collect())
            .collect();
        if let Some(p) = &query.prefix {
            groups.push(self.with_prefix(p));
        }
        if groups.iter().any(Vec::is_empty) {
            return (Vec::new(), 0);
        }
        let ranked = self.rank(&groups);
        let total = ranked.len();
        (self.hits(ranked, limit, &query), total)
    }

    /// The first block of `doc` with a match, and the snippet line and highlights there. Decodes
    /// the text only as far as that block: the first match is often early.
    fn snippet(&self, doc: &Stored, query: &Query) -> (usize, String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut at = 0;
        for (i, &start) in doc.starts.iter().enumerate() {
            let end = doc.starts.get(i + 1).map_or(usize::MAX, |&n| n - 1);
            at = self.store.decode_to(&doc.code, at, end, &mut text);
            let block = text.get(start..end.min(text.len())).unwrap_or("");
            if let Some(s) = snippet::in_block(block, query) {
                return (i, s.text, s.highlights);
            }
        }
        (0, String::new(), Vec::new())
    }

    /// Term numbers of every term starting with `prefix`.
    fn with_prefix(&self, prefix: &str) -> Vec<u32> {
        self.sorted
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(_, &t)| t)
            .collect()
    }

    /// Scores the documents that hold every group (a group is one query word: one term, or all
    /// the terms a prefix expands to). Returns (document number, score, matches).
    fn rank(&self, groups: &[Vec<u32>]) -> Vec<(u32, f32, usize)> {
        let n = self.docs.len();
        let avg = self.total_words as f32 / n as f32;
        let mut score = vec![0f32; n];
        let mut found = vec![0u32; n];
        let mut matches = vec![0usize; n];
        let mut tf = vec![0u32; n];
        let mut touched: Vec<u32> = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            touched.clear();
            let mut alive = 0usize;
            for &t in group {
                self.postings[t as usize].for_each(|d, f| {
                    let slot = &mut tf[d as usize];
                    if *slot == 0 {
                        touched.push(d);
                    }
                    *slot = slot.saturating_add(f);
                });
            }
            if touched.is_empty() {
                return Vec::new();
            }
            let df = touched.len() as f32;
            let idf = (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln();
            for &d in &touched {
                let d = d as usize;
                let f = std::mem::take(&mut tf[d]);
                // A document missing an earlier word can no longer qualify: skip its maths.
                if found[d] as usize != g {
                    continue;
                }
                let len = self.docs[d].words as f32;
                let f32tf = f as f32;
                score[d] += idf * f32tf * (K1 + 1.0) / (f32tf + K1 * (1.0 - B + B * len / avg));
                found[d] += 1;
                matches[d] += f as usize;
                alive += 1;
            }
            // AND: once no document holds every word so far, later words cannot add any.
            if alive == 0 {
                return Vec::new();
            }
        }
        let want = groups.len();
        (0..n)
            .filter(|&d| found[d] as usize == want)
            .map(|d| (d as u32, score[d], matches[d]))
            .collect()
    }

    /// The top `limit` of `ranked` as hits, with snippets.
    fn hits(&self, mut ranked: Vec<(u32, f32, usize)>, limit: usize, query: &Query) -> Vec<Hit> {
        let better =
            |a: &(u32, f32, usize), b: &(u32, f32, usize)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if limit == 0 {
            return Vec::new();
        }
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, better);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(better);
        ranked
            .into_iter()
            .map(|(d, score, matches)| {
                let doc = &self.docs[d as usize];
                let (block, snippet, highlights) = self.snippet(doc, query);
                Hit {
                    id: doc.id,
                    path: None,
                    title: doc.title.to_string(),
                    score,
                    matches,
                    block,
                    snippet,
                    highlights,
                }
            })
            .collect()
    }
}

/// The number of `term`, adding it to the dictionary when new.
fn term_number(
    dict: &mut HashMap<Box<str>, u32>,
    sorted: &mut BTreeMap<Box<str>, u32>,
    postings: &mut Vec<Postings>,
    term: &str,
) -> u32 {
    if let Some(&t) = dict.get(term) {
        return t;
    }
    // Term numbers fit u32: there are never more terms than words of text in memory.
    let t = postings.len() as u32;
    dict.insert(term.into(), t);
    sorted.insert(term.into(), t);
    postings.push(Postings::default());
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_come_back_as_added() {
        let mut ix = Index::new();
        let given = vec![
            "One.".to_string(),
            String::new(),
            "Three\nlines".to_string(),
        ];
        ix.add(&Doc {
            id: 9,
            title: "T".into(),
            blocks: given.clone(),
        });
        let text = ix.store.decode(&ix.docs[0].code);
        let got: Vec<&str> = blocks(&text, &ix.docs[0].starts).collect();
        assert_eq!(got, given);
    }

    #[test]
    fn prefix_lookup_uses_the_sorted_dictionary() {
        let mut ix = Index::new();
        ix.add(&Doc {
            id: 0,
            title: String::new(),
            blocks: vec!["harbor harbour hare harbors".into()],
        });
        let numbers = ix.with_prefix("harb");
        let found: Vec<&str> = ix
            .sorted
            .iter()
            .filter(|(_, t)| numbers.contains(t))
            .map(|(k, _)| &**k)
            .collect();
        assert_eq!(found, ["harbor", "harbors", "harbour"]);
    }
}
