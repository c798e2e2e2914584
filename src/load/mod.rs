//! Loading articles: one module per input format, the library scan, list rows and related links.

pub mod feed;
pub mod frontmatter;
pub mod head;
pub mod html;
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
    // Read from the end of the bytes: a library walk asks once per file, and parsing the path's
    // components (as `Path::extension` does) costs more than the rest of a list row.
    let name = file_name(path);
    [
        ("txt", Format::Text),
        ("text", Format::Text),
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("json", Format::Json),
        ("html", Format::Html),
        ("htm", Format::Html),
        ("xhtml", Format::Html),
    ]
    .into_iter()
    .find(|(ext, _)| {
        // `a.txt` has the extension, `.txt` (a hidden file with no extension) does not.
        name.len() > ext.len() + 1
            && name[name.len() - ext.len() - 1] == b'.'
            && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes())
    })
    .map(|(_, format)| format)
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

/// Guesses the format of text with no file name (stdin): web page, JSON object, Markdown,
/// else news-wire.
pub fn sniff(text: &str) -> Format {
    let t = text.trim_start();
    if html::sniff(t.as_bytes()) {
        Format::Html
    } else if t.starts_with('{') {
        Format::Json
    } else if t.starts_with("+++") || t.starts_with("---") || t.starts_with("# ") {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Parses already-read bytes as `format` (sniffed when `None`); the article's path is left unset.
pub fn parse_bytes(bytes: &[u8], format: Option<Format>) -> Result<Article> {
    let mut article = parse_structure(bytes, format)?;
    article.finish();
    Ok(article)
}

/// [`parse_bytes`] without what is computed on the text (quotes, word count): the structure,
/// title, dates and related headlines, which is all that resolving links needs, for a fraction
/// of the time.
fn parse_structure(bytes: &[u8], format: Option<Format>) -> Result<Article> {
    // A web page says its own encoding; every other format is UTF-8 (or UTF-16 with a BOM).
    let page = format == Some(Format::Html) || (format.is_none() && html::sniff(bytes));
    let clean = if page {
        html::decode(bytes)?
    } else {
        sanitize::decode(bytes)?
    };
    let format = format.unwrap_or_else(|| sniff(&clean.text));
    let mut article = match format {
        Format::Text => wire::parse(&clean.text),
        Format::Markdown => markdown::parse(&clean.text)?,
        Format::Json => json::parse(&clean.text)?,
        Format::Html => html::parse(&clean.text)?,
        Format::Feed => feed::parse_first(&clean.text)?,
    };
    article.format = format;
    let mut warnings = clean.warnings;
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    Ok(article)
}

/// Reads and parses one article file, choosing the format by extension (sniffing when unknown).
pub fn load_file(path: &Path) -> Result<Article> {
    let mut article = load_links(path)?;
    article.finish();
    Ok(article)
}

/// [`load_file`] for an article read only for its title and related headlines (an unopened
/// neighbour whose links resolve the open one's, or a backlinks pass): quotes are not looked for
/// and words not counted, so `quotes` is empty and `words` 0.
pub fn load_links(path: &Path) -> Result<Article> {
    if format_for(path) == Some(Format::Html)
        && let Ok(meta) = std::fs::metadata(path)
        && meta.len() > html::MAX_PAGE as u64
    {
        anyhow::bail!(
            "{}: page too large: {} MB (saved pages are read up to {} MB)",
            shown(path),
            meta.len() >> 20,
            html::MAX_PAGE >> 20
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", shown(path)))?;
    let mut article = parse_structure(&bytes, format_for(path)).with_context(|| shown(path))?;
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
    fn links_only_load_keeps_the_structure_and_skips_quotes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/2026/03");
        let mut with_quotes = 0;
        for entry in std::fs::read_dir(root).expect("samples") {
            let path = entry.expect("entry").path();
            let full = load_file(&path).expect("loads");
            let links = load_links(&path).expect("loads");
            assert!(links.quotes.is_empty() && links.words == 0, "{path:?}");
            with_quotes += usize::from(!full.quotes.is_empty());
            let mut done = links.clone();
            done.finish();
            assert_eq!(done, full, "{path:?}");
        }
        assert!(with_quotes > 5, "samples with quotes: {with_quotes}");
    }

    #[test]
    fn format_for_agrees_with_the_standard_library_extension() {
        let by_std = |path: &Path| match path.extension()?.to_str()?.to_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        };
        for p in [
            "a.txt",
            "dir/a.md",
            "/abs/dir.d/a.JSON",
            "x/A.Markdown",
            "b.text",
            ".txt",
            "dir/.md",
            "..json",
            "dir/.hidden",
            "noext",
            "dir.txt/noext",
            "a.",
            "a.txt/",
            "a.b.md",
            "a.rs",
            "atxt",
            "a.xtxt",
            "..",
            ".",
            "",
            "/",
            "é/ü.txt",
            "saved/Page.HTML",
            "a.htm",
            "b.xhtml",
            "c.shtml",
        ] {
            let path = Path::new(p);
            assert_eq!(format_for(path), by_std(path), "{p:?}");
        }
    }
}
