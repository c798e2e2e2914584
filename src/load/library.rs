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
    pub fn scan(paths: &[PathBuf]) -> Library {
        let mut lib = Library::default();
        for p in paths {
            for entry in walkdir::WalkDir::new(p)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(e) if e.file_type().is_file() && super::format_for(e.path()).is_some() => {
                        match head::read(e.path()) {
                            Ok(h) => lib.entries.push(Entry {
                                head: h,
                                article: None,
                            }),
                            Err(err) => lib.problems.push(format!("{err:#}")),
                        }
                    }
                    Ok(_) => {}
                    Err(err) => lib
                        .problems
                        .push(crate::text::sanitize::clean_line(&err.to_string())),
                }
            }
        }
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
