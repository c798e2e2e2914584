//! Loading articles: one module per input format, the library scan, list rows and related links.

pub mod frontmatter;
pub mod head;
pub mod json;
pub mod library;
pub mod markdown;
pub mod resolve;
pub mod watch;
pub mod wire;

use crate::article::{Article, Format};
use crate::text::sanitize;
use anyhow::{Context, Result};
use std::path::Path;

/// The format a path's extension names, or `None` for a file byline does not read.
pub fn format_for(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Guesses the format of text with no file name (stdin): JSON object, Markdown, else news-wire.
pub fn sniff(text: &str) -> Format {
    let t = text.trim_start();
    if t.starts_with('{') {
        Format::Json
    } else if t.starts_with("+++") || t.starts_with("---") || t.starts_with("# ") {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Parses already-read bytes as `format` (sniffed when `None`); the article's path is left unset.
pub fn parse_bytes(bytes: &[u8], format: Option<Format>) -> Result<Article> {
    let clean = sanitize::decode(bytes)?;
    let format = format.unwrap_or_else(|| sniff(&clean.text));
    let mut article = match format {
        Format::Text => wire::parse(&clean.text),
        Format::Markdown => markdown::parse(&clean.text)?,
        Format::Json => json::parse(&clean.text)?,
    };
    article.format = format;
    let mut warnings = clean.warnings;
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    article.finish();
    Ok(article)
}

/// Reads and parses one article file, choosing the format by extension (sniffing when unknown).
pub fn load_file(path: &Path) -> Result<Article> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", shown(path)))?;
    let mut article = parse_bytes(&bytes, format_for(path)).with_context(|| shown(path))?;
    article.path = Some(path.to_path_buf());
    Ok(article)
}

/// A path made safe for a message.
pub fn shown(path: &Path) -> String {
    sanitize::clean_line(&path.to_string_lossy())
}
