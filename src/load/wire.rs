//! The news-wire plain-text parser (../shared/reference/layout.md).

use crate::article::{Article, Block};

/// Parses sanitised news-wire text into an article (path, format and derived fields are set by the caller).
pub fn parse(text: &str) -> Article {
    // Placeholder: first line is the title, the rest paragraphs.
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or_default().to_string();
    let blocks = lines.map(Block::paragraph).collect();
    Article {
        title,
        blocks,
        ..Article::default()
    }
}
