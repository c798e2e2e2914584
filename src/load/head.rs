//! List rows: the little an article's list row needs, read without parsing the whole file.

use super::wire;
use crate::article::{Article, Format, Header};
use crate::sanitize;
use anyhow::{Context, Result};
use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// What the list shows for one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Head {
    /// The file; `None` for an article read from stdin.
    pub path: Option<PathBuf>,
    /// Headline (sanitised), date line, authors, source and the article's own URL.
    pub header: Header,
    /// Tags, categories and keywords (front matter, feed categories, a page's `article:tag`),
    /// as the article has them; the list shows them and `/tag:` filters by them.
    pub tags: Vec<String>,
    /// Stable id for reading state: a hash of title, date and the start of the text, so a moved
    /// or renamed file keeps its read mark, bookmark and position. Empty when the row was read
    /// without it ([`Ids::Skip`]) or with it left for later ([`Ids::Later`]).
    pub id: String,
    /// The start of the file the id is computed from, kept while the id is left for later.
    pub id_start: Option<Box<str>>,
}

/// When a list row's state id is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    /// Never: `--list` has no use for it.
    Skip,
    /// As the row is read.
    Now,
    /// When first asked for ([`Head::state_id`], [`Head::settle_id`]): the reader needs only the
    /// rows on screen for its first frame, and hashing every row of a big library is a good part
    /// of the time it takes to read the rows.
    Later,
}

impl Head {
    /// The list row of an already parsed article.
    pub fn of(article: &Article) -> Self {
        Head {
            header: article.header.clone(),
            tags: article.tags.clone(),
            path: article.path.clone(),
            id: crate::article::article_id(
                &article.header.title,
                article.header.date.as_deref(),
                article.blocks.first().map(|b| b.text.as_str()),
            ),
            id_start: None,
        }
    }

    /// The state id: `id`, or computed now from the start of the file when it was left for later
    /// (empty when it was skipped).
    pub fn state_id(&self) -> Cow<'_, str> {
        match &self.id_start {
            Some(start) if self.id.is_empty() => {
                content_id(&self.header.title, self.header.date.as_deref(), start).into()
            }
            _ => self.id.as_str().into(),
        }
    }

    /// Computes the id left for later, once, and lets go of the text it was computed from.
    pub fn settle_id(&mut self) {
        if let Some(start) = self.id_start.take()
            && self.id.is_empty()
        {
            self.id = content_id(&self.header.title, self.header.date.as_deref(), &start);
        }
    }
}

/// How much of a file a list row reads: enough for headline, date, byline and first paragraph,
/// and the bytes that decide its encoding ([`sanitize::window`]) when its first lines hold more
/// than ASCII.
const PREFIX: usize = sanitize::WINDOW;
/// Lines of a news-wire file the header can use (headline, standfirst, date, byline, agency,
/// captions, blank lines).
const HEADER_LINES: usize = 12;

/// Bytes of a line the header reads before it is clearly a paragraph, not a header line.
const LONG_LINE: usize = 240;

/// Bytes of a line that may be the headline read before it is clearly too long for one:
/// decoding never leaves fewer than half a line's bytes (UTF-16; a byte-order mark aside), so
/// a line cut after this many is longer than [`wire::MAX_HEADLINE`] once decoded, and the
/// whole read does not take it as the headline either.
const HEADLINE_READ: usize = 2 * (wire::MAX_HEADLINE + 4);

/// How far [`header_bytes`] got.
#[derive(Debug, PartialEq, Eq)]
enum Scan {
    /// The header part is this many bytes.
    End(usize),
    /// A line that may be the headline runs past the bytes read: read up to this many first.
    Need(usize),
}

/// The length of the header part of `bytes` (the file's first bytes; `eof` when they are all of
/// it): the first [`HEADER_LINES`] lines from the first that is not blank (the whole read skips
/// any number of blank lines before the headline), stopping inside the first long line (a
/// paragraph: the header is over, and its start is enough for a dateline) and before a line the
/// bytes end in. The lines that may hold the headline (up to the second that is not blank: the
/// whole read skips one date line before it) are taken whole up to [`HEADLINE_READ`] bytes, as
/// the whole read takes them.
fn header_bytes(bytes: &[u8], eof: bool) -> Scan {
    let mut end = 0;
    let mut texts = 0;
    let mut counted = 0;
    while counted < HEADER_LINES {
        if end >= bytes.len() {
            if texts == 0 && !eof && (bytes.len() as u64) < crate::files::article_limit() {
                // Only blank lines so far: the headline is further on.
                return Scan::Need((bytes.len() * 2).max(bytes.len() + PREFIX));
            }
            break;
        }
        let limit = if texts < 2 { HEADLINE_READ } else { LONG_LINE };
        // Only up to a long line's worth is scanned: a paragraph's length past that is not needed.
        let window = &bytes[end..bytes.len().min(end + limit + 1)];
        let line = match memchr::memchr(b'\n', window) {
            Some(k) => &window[..=k],
            None if window.len() > limit => {
                let mut cut = end + limit;
                // Back off to a character boundary so the cut adds no replacement character.
                while cut > end && bytes[cut] & 0xC0 == 0x80 {
                    cut -= 1;
                }
                return Scan::End(cut);
            }
            None if eof => return Scan::End(bytes.len()),
            None if texts < 2 => return Scan::Need(end + limit + 1 + PREFIX),
            // A line the bytes read end in is left out, so no half line is read.
            None => return Scan::End(end),
        };
        if !may_be_blank(line) {
            texts += 1;
        }
        if texts > 0 {
            counted += 1;
        }
        end += line.len();
    }
    Scan::End(end)
}

/// Whether `line` may be blank once decoded (only whitespace, as the whole read trims it):
/// whitespace and control characters, and in text that is not UTF-8 the bytes single-byte
/// encodings use for a no-break space. It may say so of a line that is not (a control byte
/// becomes a visible stand-in): the row then reads a line more, never one too few.
fn may_be_blank(line: &[u8]) -> bool {
    match std::str::from_utf8(line) {
        Ok(text) => text.chars().all(|c| c.is_whitespace() || c.is_control()),
        Err(_) => line.iter().all(|&b| {
            b.is_ascii_whitespace()
                || b.is_ascii_control()
                || matches!(b, 0xA0 | 0x9A | 0xCA | 0xFF)
        }),
    }
}

/// The front matter fence `start` opens with (`---` or `+++` on its first line that is not
/// blank, as [`crate::load::frontmatter::split`] finds it), if any, and where the line after
/// the fence starts.
fn fence(start: &[u8]) -> Option<(&'static [u8], usize)> {
    let start_at = start.strip_prefix(&[0xEF, 0xBB, 0xBF]).map_or(0, |_| 3);
    let blank = start[start_at..]
        .iter()
        .take_while(|b| matches!(b, b'\n' | b'\r' | b' ' | b'\t'))
        .count();
    let from = start_at + blank;
    let end = memchr::memchr(b'\n', &start[from..]).map_or(start.len(), |k| from + k + 1);
    match start[from..end].trim_ascii_end() {
        b"---" => Some((b"---", end)),
        b"+++" => Some((b"+++", end)),
        _ => None,
    }
}

/// Whether a whole line of `lines` (each ended by a line end; a last piece without one is not
/// a whole line yet) closes front matter opened by `fence`: the fence again, or `...` after
/// `---`, as [`crate::load::frontmatter::split`] reads it.
fn closes(lines: &[u8], fence: &[u8]) -> bool {
    let mut pieces = lines.split(|&b| b == b'\n');
    // The piece after the last line end is not a whole line.
    pieces.next_back();
    pieces.any(|l| {
        let l = l.trim_ascii_end();
        l == fence || (fence == b"---" && l == b"...")
    })
}

/// Where the Pandoc title block `bytes` opens with ends (the start of the first whole line
/// after it: not a `%` line, past three of them, or not a continuation line that begins with
/// a space), as `frontmatter::split` reads it; `None` when `bytes` ends before a line shows it.
fn pandoc_block_end(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    let mut fields = 0;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map(|k| at + k + 1)?;
        let line = &bytes[at..end];
        let continues = matches!(line.first(), Some(b' ' | b'\t')) && !line.trim_ascii().is_empty();
        if line.first() == Some(&b'%') {
            if fields == 3 {
                return Some(at);
            }
            fields += 1;
        } else if !continues {
            return Some(at);
        }
        at = end;
    }
    None
}

/// Whether `line` opens a Markdown ATX heading (`#` after at most three spaces).
fn atx_heading(line: &[u8]) -> bool {
    let spaces = line.iter().take(4).take_while(|&&b| b == b' ').count();
    spaces < 4 && line.get(spaces) == Some(&b'#')
}

/// When `start` (the first [`PREFIX`] bytes) opens a front matter block that does not close
/// within it, `start` and what follows in `file` up to the line after the closing fence (or
/// the end of the file, at most [`crate::files::article_limit`]); `None` otherwise.
fn whole_front_matter(start: &[u8], file: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let Some((fence, inside)) = fence(start) else {
        return Ok(None);
    };
    if closes(&start[inside..], fence) {
        return Ok(None);
    }
    let mut all = start.to_vec();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut eof = false;
    loop {
        let k = match file.read(&mut chunk) {
            Ok(0) => {
                eof = true;
                break;
            }
            Ok(k) => k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        // Look again from the start of the line the last read ended in.
        let from = memchr::memrchr(b'\n', &all[inside..]).map_or(inside, |k| inside + k + 1);
        all.extend_from_slice(&chunk[..k]);
        if closes(&all[from..], fence) || all.len() as u64 > crate::files::article_limit() {
            break;
        }
    }
    if !eof {
        // Cut at the last line end so no half line (or half UTF-8 character) is read.
        if let Some(k) = memchr::memrchr(b'\n', &all) {
            all.truncate(k + 1);
        }
    }
    Ok(Some(all))
}

/// The file's first bytes through the window that decides its encoding ([`sanitize::window`])
/// when `part` (its first lines) holds more than ASCII, else `part`. `have` is the file's first
/// bytes as read so far (`eof`: all of them); more are read from `file` only when the window
/// reaches past them.
fn encoding_start<'a>(
    part: &'a [u8],
    have: &'a [u8],
    eof: bool,
    file: &mut File,
) -> std::io::Result<Cow<'a, [u8]>> {
    let Some(p) = part.iter().position(|b| !b.is_ascii()) else {
        return Ok(Cow::Borrowed(part));
    };
    let need = sanitize::WINDOW.max(p + sanitize::PAST);
    if have.len() >= need || eof {
        return Ok(Cow::Borrowed(&have[..need.min(have.len())]));
    }
    let mut all = have.to_vec();
    read_more(file, &mut all, need)?;
    Ok(Cow::Owned(all))
}

/// Reads more of `file` into `have` (its first bytes), up to `upto` bytes in all: whether the
/// file ended first.
fn read_more(file: &mut File, have: &mut Vec<u8>, upto: usize) -> std::io::Result<bool> {
    let want = upto.saturating_sub(have.len());
    file.seek(SeekFrom::Start(have.len() as u64))?;
    let got = file.by_ref().take(want as u64).read_to_end(have)?;
    Ok(got < want)
}

/// The id of a file whose first lines (its header, or the prefix of a Markdown file) are `start`:
/// title and date plus the start of the text, the same whatever the file is called.
pub fn content_id(title: &str, date: Option<&str>, start: &str) -> String {
    crate::article::article_id(title, date, Some(start))
}

/// The edit key of the file at `path` ([`crate::article::edit_key`]): its marks are kept under
/// it too, so a new title finds them again. Reads the file's first lines as a list row does;
/// `None` for an item of a feed or JSON list, a file that cannot be read, or a title that does
/// not stand in those lines as written.
pub fn edit_key(path: &Path) -> Option<String> {
    if super::container_item(path).is_some() {
        return None;
    }
    let head = read_head(path, Ids::Later, Start::Whole).ok()?;
    let start = head.id_start.as_deref()?;
    crate::article::edit_key(
        path.as_os_str().as_encoded_bytes(),
        &head.header.title,
        start,
    )
}

/// Reads the list row of the article at `path` from the start of the file only (JSON files,
/// which have no fixed order of fields, are streamed for their header and first block).
pub fn read(path: &Path) -> Result<Head> {
    read_with(path, Ids::Now)
}

/// The list rows of the file at `path`: one per item of a feed or JSON list (paths `FILE#ID`,
/// the file parsed once), else the one row [`read_with`] reads.
pub fn rows(path: &Path, ids: Ids) -> Result<Vec<Head>> {
    if let Some((file, _)) = super::container_item(path) {
        // One item named by its path: its row as the whole file's scan gives it.
        let mut all = rows(&file, ids)?;
        all.retain(|h| h.path.as_deref() == Some(path));
        if all.is_empty() {
            anyhow::bail!("{}: no such item", super::shown(path));
        }
        return Ok(all);
    }
    match super::container_kind(path)? {
        Some(super::Container::Feed) => super::feed::heads(path, ids),
        Some(super::Container::JsonList) => Ok(super::json_items(path)?
            .iter()
            .map(|a| {
                let mut head = Head::of(a);
                if ids == Ids::Skip {
                    head.id.clear();
                }
                head
            })
            .collect()),
        None => Ok(vec![read_with(path, ids)?]),
    }
}

/// [`read`], computing the state id when `ids` says.
pub fn read_with(path: &Path, ids: Ids) -> Result<Head> {
    read_head(path, ids, Start::ForId)
}

/// How much of the file's first lines a row left with [`Ids::Later`] keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// What its id needs ([`crate::article::id_prefix`]): a few hundred bytes, where a library
    /// of 10,000 rows would otherwise copy (and later free) 20 MB before its first frame.
    ForId,
    /// All of it, for the edit key.
    Whole,
}

fn read_head(path: &Path, ids: Ids, keep: Start) -> Result<Head> {
    let format = super::format_for(path);
    if format == Some(Format::Html) {
        return super::html::row::row(path, ids);
    }
    if format == Some(Format::Json) {
        // Streamed for its header and first block when it can be, else parsed whole.
        let slim =
            super::json::row(path).with_context(|| format!("reading {}", super::shown(path)))?;
        return Ok(match slim {
            Some(mut article) => {
                super::relative_date(&mut article, path);
                article.path = Some(path.to_path_buf());
                Head::of(&article)
            }
            None => Head::of(&super::load_file(path)?),
        });
    }
    let mut file = crate::files::open_regular(path)
        .with_context(|| format!("reading {}", super::shown(path)))?;
    let mut buf = [0u8; PREFIX];
    let mut n = 0;
    while n < PREFIX {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e).with_context(|| format!("reading {}", super::shown(path))),
        }
    }
    // A Markdown file's front matter is read whole however long it is (a long `tags` or
    // `related` list may come before the title and date): more is read until its closing fence.
    let longer = if n == PREFIX && format != Some(Format::Text) {
        whole_front_matter(&buf, &mut file)
            .with_context(|| format!("reading {}", super::shown(path)))?
    } else {
        None
    };
    let first = buf;
    let whole_fm = longer.is_some();
    // The file's first bytes as read so far, and whether they are all of it.
    let (mut have, mut eof): (Cow<'_, [u8]>, bool) = match longer {
        Some(all) => (Cow::Owned(all), false),
        None => (Cow::Borrowed(&first[..n]), n < PREFIX),
    };
    let part = if format == Some(Format::Markdown) {
        let mut part = have.len();
        if n == PREFIX && !whole_fm {
            // Cut at the last line end so no half line (or half UTF-8 character) is read.
            if let Some(k) = memchr::memrchr(b'\n', &have) {
                part = k + 1;
            }
            // A Pandoc title block the prefix cuts is read to its end, as the whole read takes
            // it (at most the article-size limit).
            while have.starts_with(b"% ") && pandoc_block_end(&have).is_none() {
                if eof || have.len() as u64 > crate::files::article_limit() {
                    break;
                }
                let upto = have.len() * 2;
                eof = read_more(&mut file, have.to_mut(), upto)
                    .with_context(|| format!("reading {}", super::shown(path)))?;
            }
            if let Some(end) = pandoc_block_end(&have) {
                part = part.max(end);
            } else if eof && have.starts_with(b"% ") {
                part = have.len();
            }
            // A heading the prefix cuts may be the title: it is read to its end (at most the
            // article-size limit), as the whole read takes it.
            if atx_heading(&have[part..]) {
                loop {
                    if let Some(e) = memchr::memchr(b'\n', &have[part..]) {
                        part += e + 1;
                        break;
                    }
                    if eof || have.len() as u64 > crate::files::article_limit() {
                        part = have.len();
                        break;
                    }
                    let upto = have.len() * 2;
                    eof = read_more(&mut file, have.to_mut(), upto)
                        .with_context(|| format!("reading {}", super::shown(path)))?;
                }
            }
        }
        part
    } else {
        // The news-wire header is the headline and a few lines after it; decoding only those
        // keeps a list of 100,000 articles fast. A long headline is read to its end first.
        loop {
            match header_bytes(&have, eof) {
                Scan::End(part) => break part,
                Scan::Need(upto) => {
                    eof = read_more(&mut file, have.to_mut(), upto)
                        .with_context(|| format!("reading {}", super::shown(path)))?;
                }
            }
        }
    };
    let buf = &have[..part];
    if format.is_none() && super::html::sniff(buf) {
        return super::html::row::row(path, ids);
    }
    // Its encoding is decided on the same bytes of the file's start as the whole read decides
    // it on, read now if the first lines hold more than ASCII.
    let start = encoding_start(buf, &have, eof, &mut file)
        .with_context(|| format!("reading {}", super::shown(path)))?;
    // Whether the lines decoded stop before the file's end (their last line may be cut short).
    let cut = !(eof && part == have.len());
    let clean = sanitize::decode_part(buf, &start).with_context(|| super::shown(path))?;
    let mut head = match format.unwrap_or_else(|| super::sniff(&clean.text)) {
        Format::Markdown => {
            let name = path.file_name().and_then(|n| n.to_str());
            Head::of(&super::markdown::parse_named(&clean.text, name)?)
        }
        _ => {
            let mut h = super::wire::header(&clean.text, cut);
            if h.relative && h.header.date_iso.is_none() {
                // `5 hours ago`: counted back from the file's modification time, as on load.
                let date = h.header.date.as_deref().unwrap_or("");
                h.header.date_iso = super::modified_secs(file.metadata().ok())
                    .and_then(|t| crate::article::date::resolve_relative(date, t));
            }
            Head {
                header: h.header,
                // News-wire text names no tags.
                tags: Vec::new(),
                path: None,
                id: String::new(),
                id_start: None,
            }
        }
    };
    // A file's id hashes its first lines as read here (for Markdown too, whatever id the parse
    // gave the article), so it never depends on how much of the file the parser used.
    match ids {
        Ids::Skip => {}
        Ids::Now => {
            head.id = content_id(&head.header.title, head.header.date.as_deref(), &clean.text);
        }
        Ids::Later => {
            head.id.clear();
            head.id_start = Some(Box::from(match keep {
                Start::ForId => crate::article::id_prefix(&clean.text),
                Start::Whole => clean.text.as_ref(),
            }));
        }
    }
    head.path = Some(path.to_path_buf());
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_the_first_read_cuts_is_the_rows_title_whole() {
        let dir = tempfile::tempdir().unwrap();
        // Front matter that closes just before the first read ends, then a long heading.
        let tags: String = (0..)
            .map(|i| format!("  - harbour-tag-{i}\n"))
            .scan(0, |n, t| {
                *n += t.len();
                (*n < PREFIX - 120).then_some(t)
            })
            .collect();
        let heading = format!("Lantern night {}", "on the long quay ".repeat(40));
        let text = format!("---\ntags:\n{tags}---\n# {heading}\n\nThe quay filled at dusk.\n");
        assert!(text.find("# ").unwrap() < PREFIX && text.len() > PREFIX);
        let p = dir.path().join("lanterns.md");
        std::fs::write(&p, &text).unwrap();
        let row = read(&p).unwrap();
        assert_eq!(row.header.title, heading.trim_end());
        let whole = super::super::load_file(&p).unwrap();
        assert_eq!(row.header.title, whole.header.title);
    }

    #[test]
    fn a_long_front_matter_is_read_whole_for_the_list_row() {
        let dir = tempfile::tempdir().unwrap();
        for (open, close, tags) in [
            (
                "---",
                "---",
                (0..400)
                    .map(|i| format!("  - tag-number-{i}\n"))
                    .collect::<String>(),
            ),
            (
                "+++",
                "+++",
                format!(
                    "tags = [{}]\n",
                    (0..1000)
                        .map(|i| format!("\"t{i}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        ] {
            let tags_line = if open == "---" { "tags:\n" } else { "" };
            let text = format!(
                "{open}\n{tags_line}{tags}title: \"Lantern night on the quay\"\ndate: 2026-04-02\n{close}\n\nThe quay filled at dusk.\n"
            )
            .replace("title: \"Lantern", if open == "+++" { "title = \"Lantern" } else { "title: \"Lantern" })
            .replace("date: 2026", if open == "+++" { "date = 2026" } else { "date: 2026" });
            assert!(text.len() > PREFIX);
            let path = dir.path().join("long.md");
            std::fs::write(&path, &text).unwrap();
            let head = read(&path).unwrap();
            assert_eq!(head.header.title, "Lantern night on the quay", "{open}");
            assert_eq!(
                head.header.date_iso.as_deref(),
                Some("2026-04-02"),
                "{open}"
            );
        }
    }

    #[test]
    fn a_long_front_matter_after_blank_lines_is_read_whole_as_the_article_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let tags: String = (0..300).map(|i| format!("  - quay-note-{i}\n")).collect();
        for (before, close) in [
            ("\n\n", "---"),
            ("\r\n \n", "---"),
            ("", "..."),
            ("\n", "..."),
        ] {
            let text = format!(
                "{before}---\ntags:\n{tags}title: \"Lantern night on the quay\"\n{close}\n\nThe quay filled at dusk.\n"
            );
            assert!(text.len() > PREFIX);
            let path = dir.path().join("long.md");
            std::fs::write(&path, &text).unwrap();
            let whole = crate::load::load_links(&path).unwrap();
            assert_eq!(
                whole.header.title, "Lantern night on the quay",
                "{before:?}"
            );
            let head = read(&path).unwrap();
            assert_eq!(head.header.title, whole.header.title, "{before:?} {close}");
        }
    }

    #[test]
    fn a_long_pandoc_title_block_is_read_whole_for_the_list_row() {
        let dir = tempfile::tempdir().unwrap();
        let words: String = (0..600).map(|i| format!("  harbour{i}\n")).collect();
        let text =
            format!("% Lantern night\n{words}% Ada Brun\n% 2026-04-02\n\nThe quay filled.\n");
        assert!(text.len() > PREFIX);
        let path = dir.path().join("long.md");
        std::fs::write(&path, &text).unwrap();
        let whole = crate::load::load_links(&path).unwrap();
        assert!(
            whole.header.title.ends_with("harbour599"),
            "{}",
            whole.header.title
        );
        let head = read(&path).unwrap();
        assert_eq!(head.header.title, whole.header.title);
        assert_eq!(head.header.date_iso.as_deref(), Some("2026-04-02"));
        assert_eq!(pandoc_block_end(b"% T\n  more\n% A\nText\n"), Some(15));
        assert_eq!(pandoc_block_end(b"% T\n% A\n% D\n% E\n"), Some(12));
        assert_eq!(pandoc_block_end(b"% T\n  cut"), None);
    }

    #[test]
    fn a_fence_is_found_past_blank_lines_and_closed_by_a_whole_line() {
        assert_eq!(fence(b"---\ntitle: x\n"), Some((&b"---"[..], 4)));
        assert_eq!(fence(b"\n \n+++ \ntitle = 1\n"), Some((&b"+++"[..], 8)));
        assert_eq!(fence(b"\xEF\xBB\xBF---\n"), Some((&b"---"[..], 7)));
        assert_eq!(fence(b"Headline\n---\n"), None);
        assert_eq!(fence(b"----\n"), None);
        assert!(closes(b"a: 1\n---\n", b"---"));
        assert!(closes(b"a: 1\n...\n", b"---"));
        assert!(!closes(b"a: 1\n...\n", b"+++"));
        // A line the read has not ended yet may go on (`----`, `--- x`).
        assert!(!closes(b"a: 1\n---", b"---"));
    }

    #[test]
    fn the_header_part_stops_inside_the_first_long_line_after_the_headline() {
        use Scan::End;
        let long = "x".repeat(LONG_LINE * 3);
        let text = format!("Title\n2026-01-08\nBy ANN LEE\n{long}\nmore\n");
        let End(end) = header_bytes(text.as_bytes(), true) else {
            panic!("all read")
        };
        assert_eq!(&text[..end], &text[..text.find('x').unwrap() + LONG_LINE]);
        // Short lines: exactly HEADER_LINES of them, whole.
        let short: String = (0..HEADER_LINES + 3).map(|i| format!("{i}\n")).collect();
        let want: String = (0..HEADER_LINES).map(|i| format!("{i}\n")).collect();
        assert_eq!(header_bytes(short.as_bytes(), true), End(want.len()));
        // No newline at all: the whole file; a line the bytes read end in is left out.
        assert_eq!(header_bytes(b"only a title", true), End(12));
        assert_eq!(header_bytes(b"Title\nDate\nA half", false), End(11));
        // A cut never splits a character.
        let wide = format!("Title\nDate\n{}", "é".repeat(LONG_LINE));
        let End(end) = header_bytes(wide.as_bytes(), true) else {
            panic!("all read")
        };
        assert!(wide.is_char_boundary(end) && (LONG_LINE + 10..=LONG_LINE + 11).contains(&end));
    }

    #[test]
    fn a_line_that_may_be_the_headline_is_read_whole_up_to_its_bound() {
        use Scan::{End, Need};
        // The first two lines with text may be the headline (after a date line): whole.
        let long = "word ".repeat(2000);
        for text in [
            format!("{long}\nBy ANN LEE\n"),
            format!("\n  \n2026-01-08\n{long}\nBy ANN LEE\n"),
        ] {
            assert_eq!(header_bytes(text.as_bytes(), true), End(text.len()));
            // Cut short before its end: more is wanted, then it is whole.
            let at = text.find("word").unwrap();
            assert_eq!(
                header_bytes(&text.as_bytes()[..at + 3000], false),
                Need(at + HEADLINE_READ + 1 + PREFIX)
            );
        }
        // Past the bound it is no headline: the part stops inside it.
        let huge = "y".repeat(HEADLINE_READ + 5);
        assert_eq!(header_bytes(huge.as_bytes(), false), End(HEADLINE_READ));
    }

    #[test]
    fn a_long_headline_is_the_list_rows_title_whole_and_past_the_bound_neither_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.txt");
        for (headline, body) in [
            ("Harbour board ".repeat(300), "The board met at noon.\n"),
            // Short lines before it, and one ending the file without a newline.
            (format!("2026-01-08\n\n{}", "Quay ".repeat(900)), ""),
            (
                "z".repeat(wire::MAX_HEADLINE + 1),
                "The board met at noon.\n",
            ),
        ] {
            let text = format!("{headline}\n{body}");
            std::fs::write(&path, &text).unwrap();
            let whole = super::super::load_links(&path).unwrap();
            let row = read(&path).unwrap();
            assert_eq!(row.header.title, whole.header.title, "{}", text.len());
        }
        let whole = super::super::load_links(&path).unwrap();
        assert_eq!(whole.header.title, "");
        assert!(whole.blocks[0].text.starts_with("zzz"));
    }

    #[test]
    fn the_rows_headline_decodes_as_in_the_whole_read() {
        // A stray byte in the headline, and UTF-8 quotes past the lines the row decodes: the
        // encoding is decided on the same bytes by both.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stray.txt");
        let mut text = b"Bakery sells its l\x97ast loaf\nBy ANN LEE\n2026-01-08\n".to_vec();
        for _ in 0..HEADER_LINES {
            text.extend_from_slice(b"The first tray came out at five.\n\n");
        }
        for _ in 0..12 {
            text.extend_from_slice("The \u{2018}last\u{2019} tray came out at six.\n\n".as_bytes());
        }
        std::fs::write(&path, &text).unwrap();
        let whole = super::super::load_links(&path).unwrap();
        assert_eq!(whole.header.title, "Bakery sells its l\u{FFFD}ast loaf");
        assert_eq!(read(&path).unwrap().header.title, whole.header.title);
    }

    #[test]
    fn blank_lines_before_the_headline_do_not_count_as_header_lines() {
        // The fuzzer's input: more blank lines than the header has lines, then the headline.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blank.txt");
        for text in [
            format!("{}y", "\n".repeat(HEADER_LINES)),
            format!(
                "{}\u{a0}\nHarbour reopens\nBy ANN LEE\n",
                " \n".repeat(3000)
            ),
        ] {
            std::fs::write(&path, &text).unwrap();
            let whole = super::super::load_links(&path).unwrap();
            assert!(!whole.header.title.is_empty());
            assert_eq!(read(&path).unwrap().header.title, whole.header.title);
        }
        assert!(may_be_blank(b" \t\r\n") && may_be_blank("\u{a0}\u{3000}\n".as_bytes()));
        assert!(may_be_blank(b"\xa0\n") && !may_be_blank(b"y\n") && !may_be_blank("ж".as_bytes()));
    }
}
