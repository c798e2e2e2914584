//! Loading articles: one module per input format, the library scan, list rows and related links.

pub mod catalog;
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

/// Guesses the format of text with no file name (stdin): JSON object or array of objects,
/// Markdown, else news-wire.
pub fn sniff(text: &str) -> Format {
    let t = text.trim_start();
    if t.starts_with('{')
        || t.strip_prefix('[')
            .is_some_and(|r| r.trim_start().starts_with('{'))
    {
        Format::Json
    } else if t.starts_with("+++") || t.starts_with("---") || t.starts_with("# ") {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Parses already-read bytes as `format` (sniffed when `None`); the article's path is left unset.
pub fn parse_bytes(bytes: &[u8], format: Option<Format>) -> Result<Article> {
    let mut article = parse_structure(bytes, format, None)?;
    article.finish();
    Ok(article)
}

/// [`parse_bytes`] without what is computed on the text (quotes, word count): the structure,
/// title, dates and related headlines, which is all that resolving links needs, for a fraction
/// of the time. `name` is the file's name, which some formats read (a Jekyll post's date).
fn parse_structure(bytes: &[u8], format: Option<Format>, name: Option<&str>) -> Result<Article> {
    let clean = sanitize::decode(bytes)?;
    let format = format.unwrap_or_else(|| sniff(&clean.text));
    let mut article = match format {
        Format::Text => wire::parse(&clean.text),
        Format::Markdown => markdown::parse_named(&clean.text, name)?,
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
    let bytes = crate::files::read_regular(path, crate::files::MAX_ARTICLE_BYTES)
        .with_context(|| format!("reading {}", shown(path)))?;
    let name = std::str::from_utf8(file_name(path)).ok();
    let mut article =
        parse_structure(&bytes, format_for(path), name).with_context(|| shown(path))?;
    // A relative date line (`5 hours ago`) is counted back from the file's modification time.
    if article.date_iso.is_none()
        && article
            .date
            .as_deref()
            .is_some_and(crate::article::date::is_relative)
        && let Some(mtime) = modified_secs(std::fs::metadata(path).ok())
    {
        wire::resolve_relative_date(&mut article, mtime);
    }
    article.path = Some(path.to_path_buf());
    Ok(article)
}

/// A file's modification time in seconds since 1970, when the system gives one.
pub fn modified_secs(meta: Option<std::fs::Metadata>) -> Option<i64> {
    let t = meta?.modified().ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
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
        ] {
            let path = Path::new(p);
            assert_eq!(format_for(path), by_std(path), "{p:?}");
        }
    }
}
