//! JSON articles: one object in the `--json` shape.

use crate::article::Article;
use anyhow::Result;

/// Parses sanitised JSON text into an article.
pub fn parse(text: &str) -> Result<Article> {
    Ok(super::wire::parse(text))
}
