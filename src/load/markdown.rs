//! Markdown articles with optional TOML (`+++`) or `key: value` (`---`) front matter.

use crate::article::Article;
use anyhow::Result;

/// Parses sanitised Markdown text into an article.
pub fn parse(text: &str) -> Result<Article> {
    Ok(super::wire::parse(text))
}
