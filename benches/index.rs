//! The search index kept on disk: the query path (a common word, each keystroke of a word
//! typed, two words) and an incremental update (one changed file: removed, read, added and
//! committed), over a large generated library.
//!
//! The library comes from `BYLINE_BENCH_CORPUS` when it is set, e.g.
//! `cargo run --release --example gen_corpus -- /tmp/c100k 100000` then
//! `BYLINE_BENCH_CORPUS=/tmp/c100k cargo bench --bench index`; the index is built in
//! `BYLINE_BENCH_INDEX` (default: a temporary folder), and a second run over the same folder
//! reuses it. Unset, the bench writes 5,000 small generated articles into a temporary folder.
//! Building the index prints its time, size and the process's memory.

use byline::search::Doc;
use byline::search::disk::{Disk, Place, Seen, source_stat};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The library's files.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && byline::load::format_for(e.path()).is_some())
        .map(walkdir::DirEntry::into_path)
        .collect();
    v.sort();
    v
}

/// A small library when none is given: wire articles with a common word and varied others.
fn small_library(dir: &Path) {
    let words = [
        "harbor", "harvest", "hardware", "council", "ferry", "budget", "tram", "valley",
    ];
    for i in 0..5_000 {
        let w = |k: usize| words[(i * 7 + k * 3) % words.len()];
        let body = (0..40)
            .map(|k| format!("The {} met the {} on day {k} of {i}.", w(k), w(k + 1)))
            .collect::<Vec<_>>()
            .join(" ");
        let text = format!("Story {i}\nMay 4, 2026\nBy ADA QUILL\nKESSEL — {body}\n");
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).expect("write");
    }
}

fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

/// Resident memory of this process in MB, from /proc.
fn rss_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

fn du_mb(p: &Path) -> f64 {
    walkdir::WalkDir::new(p)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum::<u64>() as f64
        / 1e6
}

/// Adds `path` to the index as the searcher's worker does.
fn add(disk: &mut Disk, path: &Path) {
    let read_at = now_ns();
    let stat = source_stat(path).expect("a file");
    let article = byline::load::load_file(path).expect("an article");
    disk.add(
        path,
        &Doc::from_article(0, &article),
        Seen { stat, read_at },
    )
    .expect("added");
}

fn bench(c: &mut Criterion) {
    let (corpus, _guard) = match std::env::var_os("BYLINE_BENCH_CORPUS") {
        Some(d) => (PathBuf::from(d), None),
        None => {
            let t = tempfile::tempdir().expect("temp dir");
            small_library(t.path());
            (t.path().to_path_buf(), Some(t))
        }
    };
    let (cache, _cache_guard) = match std::env::var_os("BYLINE_BENCH_INDEX") {
        Some(d) => (PathBuf::from(d), None),
        None => {
            let t = tempfile::tempdir().expect("temp dir");
            (t.path().to_path_buf(), Some(t))
        }
    };
    let place = Place {
        dir: cache,
        roots: vec![corpus.clone()],
    };
    let paths = files(&corpus);
    let mut disk = Disk::open(&place).map_err(|u| u.why).expect("index");
    if disk.is_empty() {
        let started = Instant::now();
        for p in &paths {
            add(&mut disk, p);
        }
        disk.commit().expect("commit");
        eprintln!(
            "index: {} articles built in {:.1} s; {:.1} MB on disk; RSS {:.0} MB",
            paths.len(),
            started.elapsed().as_secs_f64(),
            du_mb(&place.folder().expect("folder")),
            rss_mb()
        );
    }
    for q in ["council", "h", "ha", "har", "harb", "council vot"] {
        let started = Instant::now();
        let (hits, matched) = disk.search(q, 100).expect("search");
        eprintln!(
            "{q:?}: {matched} match, {} hits with snippets in {:.1} ms; RSS {:.0} MB",
            hits.len(),
            started.elapsed().as_secs_f64() * 1e3,
            rss_mb()
        );
    }
    let mut g = c.benchmark_group("index");
    g.sample_size(20);
    g.bench_function("common word", |b| {
        b.iter(|| black_box(disk.search("council", 100).expect("search")));
    });
    for q in ["h", "ha", "har", "harb"] {
        g.bench_function(format!("keystroke {q}"), |b| {
            b.iter(|| black_box(disk.search(q, 100).expect("search")));
        });
    }
    g.bench_function("two words", |b| {
        b.iter(|| black_box(disk.search("council vot", 100).expect("search")));
    });
    let changed = paths[paths.len() / 2].clone();
    let original = std::fs::read(&changed).expect("read");
    let mut n = 0u64;
    g.bench_function("update one changed file", |b| {
        b.iter(|| {
            n += 1;
            let mut text = original.clone();
            text.extend_from_slice(format!("\nA revised paragraph, edition {n}.\n").as_bytes());
            std::fs::write(&changed, &text).expect("write");
            disk.remove(&byline::search::disk::key(&changed));
            add(&mut disk, &changed);
            disk.commit().expect("commit");
        });
    });
    g.finish();
    std::fs::write(&changed, &original).expect("restore");
}

criterion_group!(benches, bench);
criterion_main!(benches);
