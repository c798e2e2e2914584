//! A long article in the search index: only its first `MAX_TEXT` bytes of body text are
//! indexed, read from the start of the file without the rest, in every format; its header
//! and the indexed blocks are those the whole parse gives, and an ordinary article is indexed
//! whole.

use crate::search_disk::complete;
use byline::search::disk::Place;
use byline::search::{Doc, MAX_TEXT, Searcher, doc_of_file};
use std::fs;
use std::path::{Path, PathBuf};

/// A word only in the first paragraph.
const EARLY: &str = "quaymaster";
/// A word only in the last paragraph, past [`MAX_TEXT`].
const LATE: &str = "zanzibarquay";

/// The paragraph repeated to the size.
const PARA: &str = "The harbour board met again on Tuesday to weigh the ferry timetable, and the \
                    pilots asked for a second crossing at dusk.";

/// An article of `kind` (`txt`, `md`, `json`, `html`) titled "Harbour board archive", of at
/// least `bytes` bytes: a first paragraph naming [`EARLY`], then [`PARA`] numbered, then a
/// last paragraph naming [`LATE`].
pub fn long_article(kind: &str, bytes: usize) -> String {
    let first = format!("The {EARLY} opened the archive.");
    let last = format!("The archive closes with {LATE}.");
    let mut paras = vec![first];
    let mut size = 0;
    let mut n = 0;
    while size < bytes {
        let p = format!("{PARA} Item {n}.");
        size += p.len() + 2;
        paras.push(p);
        n += 1;
    }
    paras.push(last);
    match kind {
        "txt" => format!(
            "Harbour board archive\nBy Ada Quill\n\n{}\n",
            paras.join("\n\n")
        ),
        "md" => format!(
            "---\ntitle: Harbour board archive\n---\n\n{}\n",
            paras.join("\n\n")
        ),
        "json" => {
            let blocks: Vec<String> = paras
                .iter()
                .map(|p| format!(r#"{{"kind": "paragraph", "text": "{p}"}}"#))
                .collect();
            format!(
                r#"{{"title": "Harbour board archive", "date": "2026-05-04", "blocks": [{}], "related": [{{"title": "Ferry pilots walk out"}}]}}"#,
                blocks.join(", ")
            )
        }
        _ => {
            let script = format!("<script>var pad = \"{}\";</script>", "x".repeat(4096));
            let body: Vec<String> = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
            format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Harbour board archive</title>{script}</head><body><article><h1>Harbour board archive</h1>{}</article></body></html>",
                body.join("\n")
            )
        }
    }
}

const KINDS: [&str; 4] = ["txt", "md", "json", "html"];

/// Writes `long_article(kind, bytes)` as `dir/big.<kind>`.
fn put(dir: &Path, kind: &str, bytes: usize) -> PathBuf {
    let path = dir.join(format!("big.{kind}"));
    fs::write(&path, long_article(kind, bytes)).unwrap();
    path
}

fn text_len(doc: &Doc) -> usize {
    doc.blocks.iter().map(String::len).sum()
}

fn holds(doc: &Doc, word: &str) -> bool {
    doc.blocks.iter().any(|b| b.contains(word))
}

#[test]
fn a_long_article_is_indexed_up_to_the_limit_as_the_whole_parse_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    for kind in KINDS {
        let path = put(tmp.path(), kind, MAX_TEXT + (1 << 20));
        let doc = doc_of_file(7, &path).unwrap_or_else(|| panic!("{kind}: no document"));
        let whole = Doc::from_article(7, &byline::load::load_file(&path).unwrap());
        assert_eq!(doc.id, 7);
        assert_eq!(doc.title, "Harbour board archive", "{kind}");
        assert_eq!(doc.title, whole.title, "{kind}");
        assert!(
            text_len(&doc) <= MAX_TEXT,
            "{kind}: {} bytes",
            text_len(&doc)
        );
        // Most of the limit is used: the start is not cut short.
        assert!(text_len(&doc) > MAX_TEXT / 2, "{kind}: {}", text_len(&doc));
        assert!(holds(&doc, EARLY), "{kind}: the first paragraph is indexed");
        assert!(
            !holds(&doc, LATE),
            "{kind}: the paragraph past the limit is not"
        );
        // The indexed blocks are the whole parse's, but perhaps for the last one (cut).
        let n = doc.blocks.len() - 1;
        assert_eq!(doc.blocks[..n], whole.blocks[..n], "{kind}");
        assert!(whole.blocks[n].starts_with(&doc.blocks[n]), "{kind}");
    }
}

#[test]
fn an_ordinary_article_is_indexed_whole() {
    let tmp = tempfile::tempdir().unwrap();
    for kind in KINDS {
        let path = put(tmp.path(), kind, 64 << 10);
        let doc = doc_of_file(3, &path).unwrap();
        let whole = Doc::from_article(3, &byline::load::load_file(&path).unwrap());
        assert_eq!(doc, whole, "{kind}");
        assert!(holds(&doc, LATE), "{kind}");
    }
}

#[test]
fn a_block_past_the_limit_is_cut_where_a_word_ends() {
    let mut article = byline::article::Article::default();
    let word = "harbour ";
    let long = word.repeat(MAX_TEXT / word.len() + 10);
    article.blocks = vec![
        byline::article::Block::paragraph("First."),
        byline::article::Block::paragraph(&long),
        byline::article::Block::paragraph("Never indexed."),
    ];
    let doc = Doc::from_article(0, &article);
    assert_eq!(doc.blocks.len(), 2);
    assert!(text_len(&doc) <= MAX_TEXT);
    assert!(doc.blocks[1].ends_with("harbour"), "no word is cut in two");
    assert!(long.starts_with(&doc.blocks[1]));
}

#[test]
fn the_indexes_find_a_long_article_by_its_start_only() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    fs::create_dir_all(&lib).unwrap();
    let paths: Vec<PathBuf> = KINDS
        .iter()
        .map(|k| put(&lib, k, MAX_TEXT + (1 << 20)))
        .collect();
    let place = Place {
        dir: tmp.path().join("cache"),
        roots: vec![lib],
    };
    let disk = Searcher::persistent(place, paths.iter().cloned().map(Some).collect());
    let memory = Searcher::spawn(paths.clone());
    for (name, s) in [("on disk", &disk), ("in memory", &memory)] {
        let found = complete(s, &format!("{EARLY} "));
        assert_eq!(found.matched, KINDS.len(), "{name}: {:?}", found.hits);
        assert!(
            found
                .hits
                .iter()
                .all(|h| h.title == "Harbour board archive"),
            "{name}"
        );
        assert_eq!(complete(s, &format!("{LATE} ")).matched, 0, "{name}");
    }
}
