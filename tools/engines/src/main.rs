//! Measures tantivy and SQLite FTS5 for byline's persistent full-text index, on a corpus
//! written by `gen_corpus` (the whole file as the body; the first line as the title).
//!
//! `build-t|build-s CORPUS INDEX`: build from scratch; `update-t|update-s CORPUS INDEX N`:
//! re-index N changed documents; `query-t|query-s INDEX`: a common word, two words, and a
//! prefix as it is typed, each counted, ranked and with 30 snippets. Each step prints its
//! time and the process's memory (VmRSS, VmHWM, RssAnon, RssFile).
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

fn read(p: &Path) -> (String, String) {
    let text = std::fs::read_to_string(p).unwrap();
    let title = text.lines().next().unwrap_or("").to_string();
    (title, text)
}

fn mem() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    s.lines()
        .filter(|l| {
            l.starts_with("VmRSS")
                || l.starts_with("VmHWM")
                || l.starts_with("RssAnon")
                || l.starts_with("RssFile")
        })
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn du(p: &Path) -> u64 {
    walkdir::WalkDir::new(p)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

const QUERIES: &[&str] = &[
    "council",
    "winter market",
    "harbor",
    "h",
    "ha",
    "har",
    "harb",
    "harbo",
    "harbour",
    "council v",
    "council vo",
    "council vot",
    "mossbank ferry",
    "glassblowers",
    "zzzq",
];

mod t {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
    use tantivy::schema::*;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    fn schema() -> (Schema, Field, Field, Field) {
        let mut sb = Schema::builder();
        let path = sb.add_text_field("path", STRING | STORED);
        let title = sb.add_text_field("title", STORED);
        let opts = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("byline")
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
            .set_stored();
        let body = sb.add_text_field("body", opts);
        (sb.build(), path, title, body)
    }

    fn register(index: &Index) {
        index.tokenizers().register(
            "byline",
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }

    pub fn build(corpus: &Path, dir: &Path) {
        let t0 = Instant::now();
        std::fs::create_dir_all(dir).unwrap();
        let (schema, path, title, body) = schema();
        let index = Index::create_in_dir(dir, schema).unwrap();
        register(&index);
        let mut w: IndexWriter = index.writer_with_num_threads(1, 64_000_000).unwrap();
        let fs = files(corpus);
        for (i, f) in fs.iter().enumerate() {
            let (ti, text) = read(f);
            let mut d = TantivyDocument::new();
            d.add_text(path, f.to_str().unwrap());
            d.add_text(title, &ti);
            d.add_text(body, &text);
            w.add_document(d).unwrap();
            if i % 20000 == 19999 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        let t1 = t0.elapsed();
        w.wait_merging_threads().unwrap();
        println!(
            "tantivy build {} docs: {:.2?} (committed), {:.2?} (merged); size {:.1} MB; {}",
            fs.len(),
            t1,
            t0.elapsed(),
            du(dir) as f64 / 1e6,
            mem()
        );
    }

    pub fn update(corpus: &Path, dir: &Path, n: usize) {
        let t0 = Instant::now();
        let index = Index::open_in_dir(dir).unwrap();
        register(&index);
        let s = index.schema();
        let (path, title, body) = (
            s.get_field("path").unwrap(),
            s.get_field("title").unwrap(),
            s.get_field("body").unwrap(),
        );
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let fs = files(corpus);
        let t1 = Instant::now();
        for f in fs.iter().step_by(fs.len() / n).take(n) {
            let (ti, text) = read(f);
            let p = f.to_str().unwrap();
            w.delete_term(Term::from_field_text(path, p));
            let mut d = TantivyDocument::new();
            d.add_text(path, p);
            d.add_text(title, &ti);
            d.add_text(body, &format!("{text}\nrevised edition"));
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        let t2 = t1.elapsed();
        drop(w);
        println!(
            "tantivy update {n} docs: {:.2?} (open + list {:.2?}); size {:.1} MB; {}",
            t2,
            t1 - t0,
            du(dir) as f64 / 1e6,
            mem()
        );
    }

    pub fn query(dir: &Path) {
        let t0 = Instant::now();
        let index = Index::open_in_dir(dir).unwrap();
        register(&index);
        let s = index.schema();
        let (title, body) = (s.get_field("title").unwrap(), s.get_field("body").unwrap());
        let reader = index.reader().unwrap();
        let searcher = reader.searcher();
        println!("tantivy open {:.2?}; {}", t0.elapsed(), mem());
        for q in QUERIES {
            let t = Instant::now();
            let words: Vec<&str> = q.split_whitespace().collect();
            let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (i, w) in words.iter().enumerate() {
                let w = w.to_lowercase();
                if i + 1 == words.len() {
                    // The last word as a prefix: every term of the dictionary it begins.
                    let mut terms = std::collections::BTreeSet::new();
                    for seg in searcher.segment_readers() {
                        let inv = seg.inverted_index(body).unwrap();
                        let mut st = inv.terms().range().ge(w.as_bytes()).into_stream().unwrap();
                        while st.advance() {
                            if !st.key().starts_with(w.as_bytes()) {
                                break;
                            }
                            terms.insert(st.key().to_vec());
                        }
                    }
                    let should: Vec<(Occur, Box<dyn Query>)> = terms
                        .iter()
                        .map(|k| {
                            let term = Term::from_field_text(body, std::str::from_utf8(k).unwrap());
                            (
                                Occur::Should,
                                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                                    as Box<dyn Query>,
                            )
                        })
                        .collect();
                    parts.push((Occur::Must, Box::new(BooleanQuery::new(should))));
                } else {
                    let term = Term::from_field_text(body, &w);
                    parts.push((
                        Occur::Must,
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                    ));
                }
            }
            let query = BooleanQuery::new(parts);
            let (count, top) = searcher
                .search(&query, &(Count, TopDocs::with_limit(100)))
                .unwrap();
            let t_search = t.elapsed();
            let mut gen = SnippetGenerator::create(&searcher, &query, body).unwrap();
            gen.set_max_num_chars(100);
            let mut shown = 0;
            let mut first = String::new();
            for (_, addr) in top.iter().take(30) {
                let d: TantivyDocument = searcher.doc(*addr).unwrap();
                let _ti = d
                    .get_first(title)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string();
                let sn = gen.snippet_from_doc(&d);
                if first.is_empty() {
                    first = sn.fragment().chars().take(60).collect();
                }
                shown += sn.highlighted().len();
            }
            println!(
                "  {q:?}: {count} docs, search {:.2?}, +30 snippets {:.2?} ({shown} marks) {first:?}",
                t_search,
                t.elapsed()
            );
        }
        println!("tantivy after queries: {}", mem());
    }
}

mod s {
    use super::*;
    use rusqlite::Connection;

    pub fn build(corpus: &Path, file: &Path) {
        let t0 = Instant::now();
        let _ = std::fs::remove_file(file);
        let mut c = Connection::open(file).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
             CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT UNIQUE, title TEXT);
             CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='unicode61 remove_diacritics 2');",
        )
        .unwrap();
        let fs = files(corpus);
        for chunk in fs.chunks(20000) {
            let tx = c.transaction().unwrap();
            {
                let mut a = tx
                    .prepare("INSERT INTO files(path, title) VALUES (?1, ?2)")
                    .unwrap();
                let mut b = tx
                    .prepare("INSERT INTO docs(rowid, body) VALUES (?1, ?2)")
                    .unwrap();
                for f in chunk {
                    let (ti, text) = read(f);
                    let id = a.insert((f.to_str().unwrap(), &ti)).unwrap();
                    b.execute((id, &text)).unwrap();
                }
            }
            tx.commit().unwrap();
        }
        let t1 = t0.elapsed();
        c.execute_batch(
            "INSERT INTO docs(docs) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
        println!(
            "fts5 build {} docs: {:.2?} (inserted), {:.2?} (optimised); size {:.1} MB; {}",
            fs.len(),
            t1,
            t0.elapsed(),
            std::fs::metadata(file).unwrap().len() as f64 / 1e6,
            mem()
        );
    }

    pub fn update(corpus: &Path, file: &Path, n: usize) {
        let t0 = Instant::now();
        let mut c = Connection::open(file).unwrap();
        let fs = files(corpus);
        let t1 = Instant::now();
        let tx = c.transaction().unwrap();
        for f in fs.iter().step_by(fs.len() / n).take(n) {
            let (ti, text) = read(f);
            let p = f.to_str().unwrap();
            let id: i64 = tx
                .query_row("SELECT id FROM files WHERE path = ?1", [p], |r| r.get(0))
                .unwrap();
            tx.execute("DELETE FROM docs WHERE rowid = ?1", [id])
                .unwrap();
            tx.execute("UPDATE files SET title = ?2 WHERE id = ?1", (id, &ti))
                .unwrap();
            tx.execute(
                "INSERT INTO docs(rowid, body) VALUES (?1, ?2)",
                (id, format!("{text}\nrevised edition")),
            )
            .unwrap();
        }
        tx.commit().unwrap();
        println!(
            "fts5 update {n} docs: {:.2?} (open + list {:.2?}); size {:.1} MB; {}",
            t1.elapsed(),
            t1 - t0,
            std::fs::metadata(file).unwrap().len() as f64 / 1e6,
            mem()
        );
    }

    pub fn query(file: &Path) {
        let t0 = Instant::now();
        let c = Connection::open(file).unwrap();
        println!("fts5 open {:.2?}; {}", t0.elapsed(), mem());
        for q in QUERIES {
            let t = Instant::now();
            let words: Vec<&str> = q.split_whitespace().collect();
            let m: Vec<String> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if i + 1 == words.len() {
                        format!("\"{w}\"*")
                    } else {
                        format!("\"{w}\"")
                    }
                })
                .collect();
            let m = m.join(" ");
            let count: i64 = c
                .query_row("SELECT count(*) FROM docs WHERE docs MATCH ?1", [&m], |r| {
                    r.get(0)
                })
                .unwrap();
            let t_count = t.elapsed();
            let mut st = c
                .prepare_cached(
                    "SELECT files.title, snippet(docs, 0, '[', ']', '…', 16) FROM docs JOIN files ON files.id = docs.rowid
                     WHERE docs MATCH ?1 ORDER BY rank LIMIT 30",
                )
                .unwrap();
            let rows: Vec<(String, String)> = st
                .query_map([&m], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .flatten()
                .collect();
            let first: String = rows
                .first()
                .map(|r| r.1.chars().take(60).collect())
                .unwrap_or_default();
            println!(
                "  {q:?}: {count} docs, count {:.2?}, +30 ranked snippets {:.2?} {first:?}",
                t_count,
                t.elapsed()
            );
        }
        println!("fts5 after queries: {}", mem());
    }
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let p = |i: usize| PathBuf::from(&a[i]);
    match a[1].as_str() {
        "build-t" => t::build(&p(2), &p(3)),
        "build-s" => s::build(&p(2), &p(3)),
        "update-t" => t::update(&p(2), &p(3), a[4].parse().unwrap()),
        "update-s" => s::update(&p(2), &p(3), a[4].parse().unwrap()),
        "query-t" => t::query(&p(2)),
        "query-s" => s::query(&p(2)),
        _ => panic!("?"),
    }
}
