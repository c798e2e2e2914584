//! What the search index reads of an article file: all of an ordinary article, and of a long
//! one only its start, read without parsing or holding the rest, so that a huge unopened file
//! in the library costs the index little memory.
//!
//! An article's document holds at most [`MAX_TEXT`] bytes of body text ([`Doc::from_article`]
//! cuts it there), and a file bigger than that is read only as far as that text needs:
//!
//! - news-wire and Markdown: the file's first [`MAX_TEXT`] bytes, ending at the last blank
//!   line in them, parsed as the whole file would be (the header is at the top);
//! - JSON: streamed, its header fields whole and its strings kept until [`MAX_TEXT`] bytes of
//!   them have been read ([`crate::load::json::indexed`]);
//! - a saved page: streamed without its scripts, styles and inlined pictures, as the related
//!   pass reads it (a page that is not UTF-8 decoded as it is read), and parsed up to the
//!   first [`MAX_TEXT`] bytes of what is left ([`crate::load::html::indexed`]).
//!
//! A big file these do not take (a JSON Feed, a web archive, a JSON file that is not UTF-8)
//! is indexed by its header alone, read as its list row is. Feeds and items of a list
//! are read as the reader reads them. Find-in-article (`/`) still searches all of an opened
//! article.

use super::Doc;
use crate::article::{Article, Format};
use crate::load;
use anyhow::Result;
use std::io::Read;
use std::path::Path;

/// The most body text of one article the index takes, in bytes: 4 MiB, some 600,000 words.
/// Searches do not find words past it, and hits count matches only before it.
pub const MAX_TEXT: usize = 4 << 20;

/// The document of the article file `path` for the index (id `id`), or `None` when the file
/// does not read (it is read again next launch).
/// A file bigger than [`MAX_TEXT`] is read as a [`crate::work::big_job`], so what its reading
/// took goes back to the system.
pub fn doc_of_file(id: usize, path: &Path) -> Option<Doc> {
    let meta = std::fs::metadata(path);
    let big = meta.as_ref().is_ok_and(|m| m.len() > MAX_TEXT as u64);
    let read = || {
        article_of(path, meta)
            .ok()
            .map(|a| Doc::from_article(id, &a))
    };
    if big {
        crate::work::big_job(read)
    } else {
        read()
    }
}

/// The article of `path` (whose metadata is `meta`) as far as the index needs it (see the
/// module's doc): quotes are not looked for and words not counted.
fn article_of(path: &Path, meta: std::io::Result<std::fs::Metadata>) -> Result<Article> {
    let size = match meta {
        Ok(m) if m.is_file() && load::container_item(path).is_none() => m.len(),
        // An item of a feed or list, or something that is not a file: as the reader reads it.
        _ => return load::load_links(path),
    };
    let format = load::format_for(path);
    if size <= MAX_TEXT as u64 || size > crate::files::article_limit() || format.is_none() {
        // Whole, or refused with the reader's own message.
        return load::load_links(path);
    }
    let found = match format {
        Some(f @ (Format::Text | Format::Markdown)) => Some(start_of(path, f)?),
        Some(Format::Json) => load::json::indexed(path, None, MAX_TEXT)?,
        Some(Format::Html) => load::html::indexed(path, MAX_TEXT)?,
        Some(Format::Feed) | None => return load::load_links(path),
    };
    match found {
        Some(article) => Ok(article),
        None => header_only(path),
    }
}

/// The article of a news-wire or Markdown file parsed from its first [`MAX_TEXT`] bytes,
/// ending at the last blank line in them (so no paragraph is cut in two).
fn start_of(path: &Path, format: Format) -> Result<Article> {
    let file = crate::files::open_regular(path)?;
    let mut bytes = Vec::with_capacity(MAX_TEXT);
    file.take(MAX_TEXT as u64).read_to_end(&mut bytes)?;
    bytes.truncate(paragraph_end(&bytes));
    let name = path.file_name().and_then(|n| n.to_str());
    load::parse_structure(&bytes, Some(format), name)
}

/// Where the text `bytes` (the start of a longer file) may be cut without cutting a
/// paragraph: after its last blank line, else after its last line, else at its end. UTF-16
/// text (a byte-order mark) is cut after its last line, never inside a character.
fn paragraph_end(bytes: &[u8]) -> usize {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let unit = |i: usize| {
            let pair = [bytes[i], bytes[i + 1]];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        };
        let whole = bytes.len() & !1;
        return (2..whole)
            .step_by(2)
            .rev()
            .find(|&i| unit(i) == u16::from(b'\n'))
            .map_or(whole, |i| i + 2);
    }
    let blank = memchr::memmem::rfind(bytes, b"\n\n").map(|i| i + 2);
    let crlf = memchr::memmem::rfind(bytes, b"\n\r\n").map(|i| i + 3);
    blank
        .max(crlf)
        .or_else(|| memchr::memrchr(b'\n', bytes).map(|i| i + 1))
        .unwrap_or(bytes.len())
}

/// The article of `path` with its header alone, read as its list row is: for a big file whose
/// body cannot be read a piece at a time.
fn header_only(path: &Path) -> Result<Article> {
    let head = load::head::read(path)?;
    Ok(Article {
        path: Some(path.to_path_buf()),
        header: head.header,
        ..Article::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_is_cut_after_its_last_blank_line() {
        assert_eq!(paragraph_end(b"One.\n\nTwo.\n\nThr"), 12);
        assert_eq!(paragraph_end(b"One.\r\n\r\nTw"), 8);
        assert_eq!(paragraph_end(b"One line\nand half a"), 9);
        assert_eq!(paragraph_end(b"no line at all"), 14);
    }

    #[test]
    fn utf16_is_cut_after_a_line_never_inside_a_character() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Ab\nc".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        le.push(0x64); // half of the next unit
        assert_eq!(paragraph_end(&le), 2 + 6);
        let be: Vec<u8> = [0xFE, 0xFF, 0, b'x', 0].to_vec();
        assert_eq!(paragraph_end(&be), 4);
    }
}
