//! List rows: the little an article's list row needs, read without parsing the whole file.

use crate::article::Article;
use std::path::PathBuf;

/// What the list shows for one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Head {
    /// The file; `None` for an article read from stdin.
    pub path: Option<PathBuf>,
    /// The headline, sanitised.
    pub title: String,
    /// The date line as written.
    pub date: Option<String>,
    /// The calendar date, `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// The agency or publication.
    pub source: Option<String>,
    /// Authors as written.
    pub authors: Vec<String>,
}

impl Head {
    /// The list row of an already parsed article.
    pub fn of(article: &Article) -> Self {
        Head {
            path: article.path.clone(),
            title: article.title.clone(),
            date: article.date.clone(),
            date_iso: article.date_iso.clone(),
            source: article.source.clone(),
            authors: article.authors.clone(),
        }
    }
}

/// Reads the list row of the article at `path` from the start of the file only.
pub fn read(path: &std::path::Path) -> anyhow::Result<Head> {
    // Placeholder: parses the whole file until the header reader lands.
    Ok(Head::of(&super::load_file(path)?))
}
