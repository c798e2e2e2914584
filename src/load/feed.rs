//! Feed files (RSS, Atom, JSON Feed): each item is an article.
//!
//! Placeholder until the feed reader lands.

use crate::article::Article;
use anyhow::{Result, bail};

/// The first item of a feed, as an article.
pub fn parse_first(_text: &str) -> Result<Article> {
    bail!("feed files are not read yet")
}
