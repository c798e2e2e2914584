//! List rows: the little an article's list row needs, read without parsing the whole file.

use std::path::PathBuf;

/// What the list shows for one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Head {
    /// The file.
    pub path: PathBuf,
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
