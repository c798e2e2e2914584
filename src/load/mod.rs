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
    let ext = extension(path)?;
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(ext));
    if is(&["txt", "text"]) {
        Some(Format::Text)
    } else if is(&["md", "markdown"]) {
        Some(Format::Markdown)
    } else if is(&["json"]) {
        Some(Format::Json)
    } else {
        None
    }
}

/// The file name of a path as bytes (`dir/a.txt` → `a.txt`), read from the bytes:
/// [`Path::file_name`] parses every component, and a library walk asks once per file.
fn file_name(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let sep = |b: &u8| std::path::is_separator(char::from(*b));
    let end = bytes.len() - bytes.iter().rev().take_while(|b| sep(b)).count();
    let bytes = &bytes[..end];
    let start = bytes.iter().rposition(sep).map_or(0, |k| k + 1);
    &bytes[start..]
}

/// The extension of a path's file name (`a.txt` → `txt`; none for `.txt` or `a`).
fn extension(path: &Path) -> Option<&str> {
    let name = file_name(path);
    let dot = name.iter().rposition(|&b| b == b'.')?;
    if dot == 0 || name == b".." {
        return None;
    }
    std::str::from_utf8(&name[dot + 1..]).ok()
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
    shown_cow(path).into_owned()
}

/// [`shown`] without a copy when the path is printable ASCII already (as most are).
pub fn shown_cow(path: &Path) -> std::borrow::Cow<'_, str> {
    match path.to_str() {
        Some(s) if s.bytes().all(|b| (b' '..=b'~').contains(&b)) => s.into(),
        _ => sanitize::clean_line(&path.to_string_lossy()).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_agrees_with_the_standard_library() {
        for p in [
            "a.txt",
            "dir/a.md",
            "/abs/dir.d/a.JSON",
            ".txt",
            "dir/.hidden",
            "noext",
            "dir.x/noext",
            "a.",
            "a.txt/",
            "a.b.c",
            "..",
            ".",
            "",
            "/",
            "dir/..",
            "é/ü.txt",
        ] {
            let path = Path::new(p);
            assert_eq!(
                extension(path),
                path.extension().and_then(|e| e.to_str()),
                "{p:?}"
            );
        }
        assert_eq!(format_for(Path::new("x/A.TXT")), Some(Format::Text));
        assert_eq!(
            format_for(Path::new("x/a.markdown")),
            Some(Format::Markdown)
        );
        assert_eq!(format_for(Path::new("x/a.rs")), None);
    }
}
