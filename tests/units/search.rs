//! Full-text search: ranking, matching rules, snippets and the worker thread.

use byline::search::{Doc, Hit, Index, Searcher};
use std::time::Duration;

/// How long a test waits for the worker before giving up (a hang fails, it never passes).
const WAIT: Duration = Duration::from_secs(20);

fn doc(id: usize, blocks: &[&str]) -> Doc {
    Doc {
        id,
        title: format!("Story {id}"),
        blocks: blocks
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
    }
}

fn index(docs: &[Doc]) -> Index {
    let mut ix = Index::new();
    for d in docs {
        ix.add(d);
    }
    ix
}

fn ids(hits: &[Hit]) -> Vec<usize> {
    hits.iter().map(|h| h.id).collect()
}

/// The highlighted words of a hit, lowercased.
fn highlighted(hit: &Hit) -> Vec<String> {
    hit.highlights
        .iter()
        .map(|r| hit.snippet[r.clone()].to_lowercase())
        .collect()
}

/// A small fictional library; padding gives every document a similar length.
fn library() -> Vec<Doc> {
    vec![
        doc(
            10,
            &[
                "PORT ELLIS — The ferry to the outer islands ran late on Tuesday.",
                "Council members met in the town hall to discuss the budget.",
            ],
        ),
        doc(
            11,
            &[
                "The ferry left the harbor at dawn, and the ferry crew waved.",
                "Later the ferry returned; a second ferry waited in the harbor.",
            ],
        ),
        doc(
            12,
            &[
                "Farmers in the valley reported an early frost this week.",
                "The harvest festival will go ahead, organisers said.",
            ],
        ),
        doc(
            13,
            &[
                "Residents of Lowmarsh gathered to watch the lighthouse repairs.",
                "A new lamp arrived by barge, and the harbormaster signed for it.",
            ],
        ),
    ]
}

#[test]
fn a_document_naming_the_term_more_often_ranks_first() {
    let ix = index(&library());
    let hits = ix.search("ferry", 10);
    assert_eq!(ids(&hits), [11, 10]);
    assert!(hits[0].score > hits[1].score);
    // Doc 11 says "ferry" four times, doc 10 once.
    assert_eq!(hits[0].matches, 4);
    assert_eq!(hits[1].matches, 1);
}

#[test]
fn the_rarer_term_weighs_more() {
    // "tide" is in every document, "gale" in two; 1 and 2 hold both, but 2 repeats the rare one.
    let mut docs = vec![
        doc(1, &["tide tide tide gale and some other words here"]),
        doc(2, &["tide gale gale gale and some other words here"]),
    ];
    for id in 3..8 {
        docs.push(doc(id, &["tide and some other words of the same length"]));
    }
    let hits = index(&docs).search("tide gale", 10);
    assert_eq!(ids(&hits), [2, 1]);
}

#[test]
fn every_word_of_the_query_must_occur() {
    let ix = index(&library());
    assert_eq!(ids(&ix.search("ferry harbor", 10)), [11]);
    assert_eq!(ids(&ix.search("ferry frost ", 10)), Vec::<usize>::new());
    let both = ix.search("ferry harbor", 10);
    // Four ferries and two harbors.
    assert_eq!(both[0].matches, 6);
}

#[test]
fn the_last_word_matches_as_a_prefix_while_typing() {
    let ix = index(&library());
    let mut found = ids(&ix.search("harb", 10));
    found.sort_unstable();
    assert_eq!(found, [11, 13], "harbor and harbormaster");
    assert_eq!(ids(&ix.search("harbor", 10)), [11, 13]);
    assert_eq!(
        ids(&ix.search("harbor ", 10)),
        [11],
        "a space completes the word"
    );
    assert_eq!(ids(&ix.search("the ferry har", 10)), [11]);
    // Only the last word is a prefix.
    assert!(ix.search("harb ferry", 10).is_empty());
}

#[test]
fn matching_ignores_case_and_accents() {
    let docs = vec![doc(1, &["The Café on Quay Street reopened."])];
    let ix = index(&docs);
    for q in ["cafe", "CAFÉ", "Cafe quay", "café STREET "] {
        assert_eq!(ids(&ix.search(q, 10)), [1], "query {q:?}");
    }
}

#[test]
fn snippet_holds_the_first_match_and_highlights_point_at_it() {
    let ix = index(&library());
    let hit = &ix.search("lighthouse", 10)[0];
    assert_eq!(hit.id, 13);
    assert!(hit.snippet.contains("lighthouse"));
    assert_eq!(highlighted(hit), ["lighthouse"]);
    assert!(!hit.snippet.contains('\n'));
    assert_eq!(hit.title, "Story 13");

    let hit = &ix.search("FERRY", 10)[0];
    assert!(!highlighted(hit).is_empty());
    assert!(highlighted(hit).iter().all(|w| w == "ferry"));
}

#[test]
fn block_is_the_first_block_with_a_match() {
    let ix = index(&library());
    let hit = &ix.search("barge", 10)[0];
    assert_eq!((hit.id, hit.block), (13, 1));
    let hit = &ix.search("residents", 10)[0];
    assert_eq!((hit.id, hit.block), (13, 0));
    let hit = &ix.search("budget", 10)[0];
    assert_eq!((hit.id, hit.block), (10, 1));
}

#[test]
fn snippets_of_long_paragraphs_are_one_short_line() {
    let filler = "the quiet street was empty again ".repeat(40);
    let block = format!("{filler}\n\n  Then the  procession\tarrived, {filler}");
    let ix = index(&[doc(1, &[&block])]);
    let hit = &ix.search("procession", 10)[0];
    assert!(hit.snippet.chars().count() <= 110, "{}", hit.snippet);
    assert!(!hit.snippet.contains("  ") && !hit.snippet.contains('\t'));
    assert!(hit.snippet.contains("Then the procession arrived"));
    assert_eq!(highlighted(hit), ["procession"]);
}

#[test]
fn empty_and_punctuation_queries_find_nothing() {
    let ix = index(&library());
    for q in ["", "   ", "—", " ?!., ;", "\"\""] {
        assert!(ix.search(q, 10).is_empty(), "query {q:?}");
    }
    assert!(ix.search("ferry", 0).is_empty(), "limit 0");
    assert!(Index::new().search("ferry", 10).is_empty(), "empty index");
}

#[test]
fn limit_keeps_the_best() {
    let docs: Vec<Doc> = (0..30)
        .map(|i| {
            let words = "signal ".repeat(i % 7 + 1);
            doc(i, &[&format!("{words} on the line")])
        })
        .collect();
    let ix = index(&docs);
    let all = ix.search("signal", 100);
    assert_eq!(all.len(), 30);
    let (top, matched) = ix.search_counted("signal", 5);
    assert_eq!(ids(&top), ids(&all[..5]));
    assert_eq!(matched, 30, "the count covers documents beyond the limit");
    assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn a_five_megabyte_document_indexes_and_is_found() {
    let mut body = String::with_capacity(5_300_000);
    while body.len() < 5_000_000 {
        body.push_str("the survey counted boats along the coast and ");
    }
    body.push_str("one narwhal");
    let huge_word = "k".repeat(2_000_000);
    let ix = index(&[doc(1, &[&body, &huge_word]), doc(2, &["a narwhal too"])]);
    let hits = ix.search("narwhal", 10);
    assert_eq!(ids(&hits), [2, 1]);
    assert_eq!((hits[1].block, hits[1].matches), (0, 1));
    assert!(hits[1].snippet.len() < 400);
    let hits = ix.search("kkk", 10);
    assert_eq!((hits[0].id, hits[0].block), (1, 1));
    assert!(hits[0].snippet.len() < 400);
}

#[test]
fn the_searcher_answers_the_last_query() {
    let s = Searcher::from_docs(library());
    let q1 = s.query("ferry".into());
    let q2 = s.query("lighthouse".into());
    assert!(q2 > q1);
    let mut r = s.wait_results(WAIT).expect("results");
    assert_eq!((r.generation, r.query.as_str()), (q2, "lighthouse"));
    while r.indexed < r.total {
        r = s.wait_results(WAIT).expect("final results");
        assert_eq!(r.query, "lighthouse");
    }
    assert_eq!(ids(&r.hits), [13]);
    // Nothing for the first query may turn up later.
    std::thread::sleep(Duration::from_millis(100));
    if let Some(late) = s.try_results() {
        assert_eq!(late.query, "lighthouse");
    }
}

#[test]
fn the_searcher_reports_progress_and_final_results() {
    let s = Searcher::from_docs(library());
    s.query("harb".into());
    let mut last = s.wait_results(WAIT).expect("results");
    // Results refresh as indexing goes on; wait for the ones over the whole library.
    while last.indexed < last.total {
        last = s.wait_results(WAIT).expect("final results");
    }
    assert_eq!(last.total, 4);
    assert_eq!(last.matched, 2);
    assert!(s.is_ready());
    assert_eq!(s.progress(), (4, 4));
    let mut found = ids(&last.hits);
    found.sort_unstable();
    assert_eq!(found, [11, 13]);
}

#[test]
fn the_searcher_reads_files_and_skips_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("missing.txt");
    let c = dir.path().join("c.txt");
    std::fs::write(
        &a,
        "Quarry reopens after flood\n\nWorkers returned to the quarry on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        &c,
        "Choir tours the coast\n\nThe choir sang in six towns.\n\nNo quarry was visited.\n",
    )
    .unwrap();
    let s = Searcher::spawn(vec![a, b, c]);
    s.query("quarry".into());
    let mut r = s.wait_results(WAIT).expect("results");
    while r.indexed < r.total {
        r = s.wait_results(WAIT).expect("final results");
    }
    assert_eq!(ids(&r.hits).len(), 2);
    let c_hit = r
        .hits
        .iter()
        .find(|h| h.id == 2)
        .expect("c.txt keeps its index");
    assert_eq!(c_hit.title, "Choir tours the coast");
    assert!(c_hit.snippet.contains("quarry"));
    assert!(r.hits.iter().any(|h| h.id == 0));
}

#[test]
fn the_searcher_indexes_documents_as_they_arrive() {
    let (tx, rx) = std::sync::mpsc::channel::<Option<Doc>>();
    let s = Searcher::from_iter(3, rx);
    tx.send(Some(doc(7, &["The regatta was cancelled for wind."])))
        .unwrap();
    tx.send(None).unwrap();
    tx.send(Some(doc(9, &["A regatta next spring, the club said."])))
        .unwrap();
    drop(tx);
    s.query("regatta".into());
    let mut r = s.wait_results(WAIT).expect("results");
    while r.indexed < r.total {
        r = s.wait_results(WAIT).expect("final results");
    }
    assert_eq!(r.total, 3);
    let mut found = ids(&r.hits);
    found.sort_unstable();
    assert_eq!(found, [7, 9]);
}

#[test]
fn the_reference_article_is_searchable_when_present() {
    // Reference material is read at run time only, and only when it exists beside the crate.
    let path = std::path::Path::new("../shared/reference/seed-article.txt");
    let Ok(article) = byline::load::load_file(path) else {
        return;
    };
    // A long word from the body, chosen at run time, must find the article in its block.
    let found = article.blocks.iter().enumerate().find_map(|(i, b)| {
        b.text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| w.chars().count() >= 8)
            .map(|w| (i, w.to_string()))
    });
    let Some((block, word)) = found else {
        return;
    };
    let mut ix = Index::new();
    ix.add(&Doc::from_article(0, &article));
    let hits = ix.search(&format!("{word} "), 10);
    assert_eq!(hits.len(), 1, "searching {word:?}");
    assert!(hits[0].block <= block);
    assert!(highlighted(&hits[0]).contains(&word.to_lowercase()));
}
