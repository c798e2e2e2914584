//! The library: which files under the given paths are articles, and their list rows.

use super::head::{self, Head};
use crate::article::Article;
use std::path::PathBuf;
use std::sync::Arc;

/// One article of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its list row.
    pub head: Head,
    /// The parsed article when it is held in memory (stdin); files are parsed on demand.
    pub article: Option<Arc<Article>>,
}

/// The articles byline shows, newest first, and what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Articles, newest first (undated last).
    pub entries: Vec<Entry>,
    /// One line per skipped file or path: what it was and why.
    pub problems: Vec<String>,
}

impl Library {
    /// Scans files and folders (folders recursively for .txt/.md/.json) and sorts newest first.
    /// Symlink loops, dangling links, unreadable and binary files are skipped into `problems`.
    pub fn scan(paths: &[PathBuf]) -> Library {
        let mut lib = Library::default();
        let mut files = Vec::new();
        for p in paths {
            if p.is_file() {
                // A file named explicitly is read whatever its extension.
                files.push(p.clone());
                continue;
            }
            for entry in walkdir::WalkDir::new(p).follow_links(true) {
                match entry {
                    Ok(e) if e.file_type().is_file() && super::format_for(e.path()).is_some() => {
                        files.push(e.into_path());
                    }
                    Ok(_) => {}
                    Err(err) => lib.problems.push(walk_problem(&err)),
                }
            }
        }
        let (heads, problems) = read_heads(&files);
        lib.entries = heads
            .into_iter()
            .map(|head| Entry {
                head,
                article: None,
            })
            .collect();
        lib.problems.extend(problems);
        lib.sort();
        lib
    }

    /// A library of one article held in memory (read from stdin).
    pub fn from_article(article: Article) -> Library {
        Library {
            entries: vec![Entry {
                head: Head::of(&article),
                article: Some(Arc::new(article)),
            }],
            problems: Vec::new(),
        }
    }

    /// Sorts newest first; undated articles last, by title.
    pub fn sort(&mut self) {
        self.entries.sort_by(|a, b| {
            b.head
                .date_iso
                .cmp(&a.head.date_iso)
                .then_with(|| a.head.title.cmp(&b.head.title))
        });
    }

    /// Parses entry `i` (or returns the article held in memory).
    pub fn load(&self, i: usize) -> anyhow::Result<Arc<Article>> {
        let e = self
            .entries
            .get(i)
            .ok_or_else(|| anyhow::anyhow!("no article {i}"))?;
        if let Some(a) = &e.article {
            return Ok(a.clone());
        }
        let path = e
            .head
            .path
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("article {i} has no file"))?;
        Ok(Arc::new(super::load_file(path)?))
    }
}

/// A walk error as one line: the path and what is wrong with it.
fn walk_problem(err: &walkdir::Error) -> String {
    let path = err.path().map(super::shown).unwrap_or_default();
    let why = if err.loop_ancestor().is_some() {
        "symlink loop".to_string()
    } else if let Some(io) = err.io_error() {
        if io.kind() == std::io::ErrorKind::NotFound {
            "dangling symlink".to_string()
        } else {
            io.to_string()
        }
    } else {
        err.to_string()
    };
    format!("{path}: {why}")
}

/// Reads list rows on a few threads (opening files dominates, and it overlaps well).
fn read_heads(files: &[PathBuf]) -> (Vec<Head>, Vec<String>) {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let chunk = files.len().div_ceil(threads).max(64);
    let results: Vec<Vec<Result<Head, String>>> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|f| head::read(f).map_err(|e| format!("{e:#}")))
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut heads = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for r in results.into_iter().flatten() {
        match r {
            Ok(h) => heads.push(h),
            Err(e) => problems.push(e),
        }
    }
    (heads, problems)
}
