//! Search speed over 10,000 generated articles of about 8 KB: one word, a prefix, three words.
//!
//! The corpus is made here from a fixed word list and a small PRNG, so the figures do not depend
//! on any other generator. Word ranks follow Zipf's law (log-uniform sampling) over a vocabulary
//! of 30,000, as natural text roughly does. Building the index also prints its time and memory.

use byline::search::{Doc, Index, Searcher};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Instant;

/// Articles in the corpus.
const DOCS: usize = 10_000;
/// Body bytes per article, roughly.
const DOC_BYTES: usize = 8_000;
/// Distinct words in the corpus vocabulary.
const VOCABULARY: usize = 30_000;

/// The most frequent words, most frequent first; rarer ranks are made-up words.
const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "said",
    "on",
    "for",
    "that",
    "was",
    "with",
    "he",
    "it",
    "as",
    "at",
    "by",
    "is",
    "from",
    "his",
    "but",
    "have",
    "has",
    "an",
    "they",
    "were",
    "be",
    "this",
    "who",
    "their",
    "after",
    "not",
    "had",
    "been",
    "will",
    "are",
    "or",
    "which",
    "one",
    "its",
    "she",
    "would",
    "we",
    "more",
    "about",
    "than",
    "when",
    "two",
    "there",
    "up",
    "year",
    "also",
    "new",
    "people",
    "officials",
    "city",
    "government",
    "week",
    "council",
    "police",
    "harbor",
    "report",
    "years",
    "state",
    "first",
    "last",
    "some",
    "could",
    "her",
    "into",
    "over",
    "minister",
    "school",
    "told",
    "water",
    "company",
    "river",
    "hospital",
    "election",
    "market",
    "court",
    "village",
    "storm",
    "ferry",
    "bridge",
    "budget",
    "farmers",
    "museum",
    "railway",
    "festival",
    "mayor",
    "teachers",
    "workers",
    "coast",
    "island",
    "valley",
    "road",
    "plan",
    "night",
    "morning",
    "families",
    "students",
    "prices",
    "season",
    "lighthouse",
    "harvest",
    "union",
    "strike",
    "vote",
    "protest",
    "fire",
    "rescue",
    "flood",
    "drought",
    "energy",
    "bank",
    "trade",
    "border",
    "airport",
    "station",
    "library",
    "theatre",
    "choir",
    "football",
    "league",
    "coach",
    "players",
    "match",
    "record",
    "weather",
    "winter",
    "summer",
    "spring",
    "autumn",
    "north",
    "south",
    "east",
    "west",
    "district",
    "province",
    "region",
    "committee",
    "inquiry",
    "judge",
    "lawyers",
    "witness",
    "statement",
    "spokesman",
    "director",
];

/// Syllables that make the rarer, made-up words.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mer", "tin", "sa", "vo", "ren", "dal", "pi", "gor", "ul", "fen", "bra", "sto",
    "ni", "quel", "har", "bo", "zi", "tam", "e", "wen", "cru", "dor",
];

/// A xorshift64* generator: tiny, deterministic, good enough for picking words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A float in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The vocabulary: the common words, then made-up words of two to four syllables.
fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = COMMON
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    let mut rng = Rng(0x05EE_D0FB_111E);
    while words.len() < VOCABULARY {
        let n = 2 + rng.below(3);
        let w: String = (0..n)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// Article `id`: paragraphs of sentences of Zipf-distributed words, about `DOC_BYTES` long.
fn article(id: usize, words: &[String], rng: &mut Rng) -> Doc {
    let ln_v = (words.len() as f64).ln();
    let pick = |rng: &mut Rng| {
        let rank = (rng.unit() * ln_v).exp() as usize - 1;
        words[rank.min(words.len() - 1)].as_str()
    };
    let mut blocks = Vec::new();
    let mut size = 0;
    while size < DOC_BYTES {
        let mut para = String::new();
        for _ in 0..3 + rng.below(4) {
            let len = 8 + rng.below(16);
            for i in 0..len {
                let w = pick(rng);
                if i == 0 {
                    let mut cs = w.chars();
                    if let Some(c) = cs.next() {
                        para.extend(c.to_uppercase());
                        para.push_str(cs.as_str());
                    }
                } else {
                    para.push(' ');
                    para.push_str(w);
                    if rng.below(12) == 0 {
                        para.push(',');
                    }
                }
            }
            para.push_str(". ");
        }
        size += para.len();
        blocks.push(para.trim_end().to_string());
    }
    Doc {
        id,
        title: format!("Article {id}"),
        blocks,
    }
}

/// Resident memory of this process in bytes, from /proc (0 where that is unavailable).
fn rss_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

/// Builds the index, one article at a time so only the index stays in memory, and reports it.
fn build() -> Index {
    let words = vocabulary();
    // Time making the articles alone, to tell it apart from indexing them below.
    let mut rng = Rng(0x0B1C_0DE5);
    let started = Instant::now();
    for id in 0..DOCS {
        black_box(article(id, &words, &mut rng));
    }
    let generating = started.elapsed();
    let mut rng = Rng(0x0B1C_0DE5);
    let before = rss_bytes();
    let started = Instant::now();
    let mut index = Index::new();
    let mut text_bytes = 0;
    for id in 0..DOCS {
        let doc = article(id, &words, &mut rng);
        text_bytes += doc.blocks.iter().map(String::len).sum::<usize>();
        index.add(&doc);
    }
    index.shrink_to_fit();
    let took = started.elapsed();
    let after = rss_bytes();
    let mb = |b: usize| b as f64 / 1e6;
    eprintln!(
        "search index: {} docs, {:.1} MB of text, {} terms; built in {:.2} s \
         ({:.2} s generating + {:.2} s indexing); RSS +{:.1} MB; heap estimate {:.1} MB",
        index.len(),
        mb(text_bytes),
        index.terms(),
        took.as_secs_f64(),
        generating.as_secs_f64(),
        took.saturating_sub(generating).as_secs_f64(),
        mb(after.saturating_sub(before)),
        mb(index.heap_bytes()),
    );
    index
}

fn bench(c: &mut Criterion) {
    let index = build();
    let queries = [
        ("one word", "harbor "),
        ("prefix", "light"),
        ("three words", "council ferry budget "),
        ("one-letter prefix", "s"),
    ];
    for (name, q) in queries {
        let (hits, matched) = index.search_counted(q, Searcher::LIMIT);
        eprintln!(
            "{name} {q:?}: {matched} articles match, {} returned",
            hits.len()
        );
        c.bench_function(&format!("search {name}"), |b| {
            b.iter(|| index.search(black_box(q), Searcher::LIMIT));
        });
    }
    // Ranking alone, without building the 100 snippets, to show where the time goes.
    c.bench_function("rank only one word", |b| {
        b.iter(|| index.search_counted(black_box("harbor "), 0));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
