//! Loading articles: one module per input format, the library scan, list rows and related links.

pub mod backlinks;
pub mod catalog;
pub mod feed;
mod frontmatter;
pub mod head;
pub mod html;
pub mod json;
pub mod library;
pub mod markdown;
pub mod resolve;
pub mod roots;
pub mod row;
pub mod tree;
pub mod watch;
pub mod wire;

use crate::article::{Article, Format};
use crate::sanitize;
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
        ("xml", Format::Feed),
        ("rss", Format::Feed),
        ("atom", Format::Feed),
        ("rdf", Format::Feed),
        ("html", Format::Html),
        ("htm", Format::Html),
        ("xhtml", Format::Html),
        ("mhtml", Format::Html),
        ("mht", Format::Html),
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

/// Guesses the format of text with no file name (stdin): a web page, a feed, a JSON object or
/// array of objects, Markdown, else news-wire.
pub fn sniff(text: &str) -> Format {
    let t = text.trim_start();
    if html::sniff(t.as_bytes()) {
        Format::Html
    } else if feed::sniff(t) || (t.starts_with('{') && feed::is_json_feed(t.as_bytes())) {
        Format::Feed
    } else if t.starts_with('{')
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

/// The size of article past which the memory of its bytes is handed back to the system once
/// they are decoded (see [`crate::work::give_back`]).
const BIG_TEXT: usize = 4 << 20;

/// [`parse_bytes`] of bytes given up to it, which go once decoded: a long article (piped in)
/// is not held twice while it is parsed.
pub fn parse_owned_bytes(bytes: Vec<u8>, format: Option<Format>) -> Result<Article> {
    let decoded = decode(&bytes, format)?;
    let big = bytes.len() > BIG_TEXT;
    drop(bytes);
    if big {
        // The bytes (and the buffer they were read into) go back at once, not kept by the
        // allocator beside the tree of the page that comes next.
        crate::work::give_back();
    }
    let mut article = match decoded {
        Decoded::Article(article) => *article,
        Decoded::Text(clean) => parse_clean(clean, format, None)?,
    };
    article.finish();
    Ok(article)
}

/// [`parse_bytes`] without what is computed on the text (quotes, word count): the structure,
/// title, dates and related headlines, which is all that resolving links needs, for a fraction
/// of the time. `name` is the file's name, which some formats read (a Jekyll post's date).
pub(crate) fn parse_structure(
    bytes: &[u8],
    format: Option<Format>,
    name: Option<&str>,
) -> Result<Article> {
    match decode(bytes, format)? {
        Decoded::Article(article) => Ok(*article),
        Decoded::Text(clean) => parse_clean(clean, format, name),
    }
}

/// An article's bytes read as far as they can be without knowing more than their format.
enum Decoded {
    /// A feed or web archive, parsed from its bytes.
    Article(Box<Article>),
    /// Text to parse, decoded and sanitised.
    Text(sanitize::Clean),
}

/// The first step of [`parse_structure`]: a feed or web archive parsed, anything else decoded,
/// so the caller may let the bytes go before the text is parsed.
fn decode(bytes: &[u8], format: Option<Format>) -> Result<Decoded> {
    if is_feed(bytes, format) {
        // A feed is parsed from its bytes: its XML prolog names its encoding.
        return Ok(Decoded::Article(Box::new(feed::parse_first(bytes)?)));
    }
    // A web page says its own encoding; every other format is UTF-8 (or UTF-16 with a BOM).
    let page = format == Some(Format::Html) || (format.is_none() && html::sniff(bytes));
    if (page || format.is_none()) && html::mhtml::is_archive(bytes) {
        let mut article = html::mhtml::parse(bytes)?;
        article.format = Format::Html;
        return Ok(Decoded::Article(Box::new(article)));
    }
    Ok(Decoded::Text(if page {
        html::decode(bytes)?
    } else {
        sanitize::decode(bytes)?
    }))
}

/// The second step of [`parse_structure`]: decoded text parsed as `format` (sniffed when `None`).
fn parse_clean(
    clean: sanitize::Clean,
    format: Option<Format>,
    name: Option<&str>,
) -> Result<Article> {
    let format = format.unwrap_or_else(|| sniff(&clean.text));
    let sanitize::Clean {
        text,
        warnings: clean_warnings,
    } = clean;
    let mut article = match format {
        Format::Text => wire::parse(&text),
        Format::Markdown => markdown::parse_named(&text, name)?,
        Format::Json => json::parse(&text)?,
        Format::Html => html::parse_owned(text)?,
        Format::Feed => feed::parse_first(text.as_bytes())?,
    };
    article.format = format;
    let mut warnings = clean_warnings;
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
    if let Some((file, key)) = container_item(path) {
        return load_item(&file, &key);
    }
    if container_kind(path)? == Some(Container::Feed) {
        // A feed named without an item: its first item, from the feed kept for its neighbours.
        let feed = feed::cached(path)?;
        if feed.is_empty() {
            anyhow::bail!("{}: the feed has no items", shown(path));
        }
        return Ok(feed.article(path, 0));
    }
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
    let bytes =
        crate::files::read_article(path).with_context(|| format!("reading {}", shown(path)))?;
    let name = std::str::from_utf8(file_name(path)).ok();
    let format = format_for(path);
    // The bytes go once decoded: a long article is not held twice while it is parsed.
    let decoded = decode(&bytes, format).with_context(|| shown(path))?;
    let big = bytes.len() > BIG_TEXT;
    drop(bytes);
    if big {
        crate::work::give_back();
    }
    let mut article = match decoded {
        Decoded::Article(article) => *article,
        Decoded::Text(clean) => parse_clean(clean, format, name).with_context(|| shown(path))?,
    };
    relative_date(&mut article, path);
    article.path = Some(path.to_path_buf());
    Ok(article)
}

/// Counts a relative date line (`5 hours ago`) back from the modification time of `file`.
pub(crate) fn relative_date(article: &mut Article, file: &Path) {
    if article.header.date_iso.is_none()
        && article
            .header
            .date
            .as_deref()
            .is_some_and(crate::article::date::is_relative)
        && let Some(mtime) = modified_secs(std::fs::metadata(file).ok())
    {
        wire::resolve_relative_date(article, mtime);
    }
}

/// The article at `path` read for what a pass over its library needs of it: its title, date,
/// address and related headlines ([`load_links`]'s article, or one with those alone). A
/// news-wire or Markdown file none of whose lines could open a related block (or name one in
/// front matter) has none: it is read a line at a time and its header from its start, never
/// parsed or held whole, so a huge article in the library costs such a pass no memory. (A
/// news-wire line is also tried cut at each carriage return, which may end a line too.)
pub fn load_related(path: &Path) -> Result<Article> {
    let format = format_for(path);
    let lines: fn(&[u8]) -> bool = match format {
        Some(Format::Text) => |line| line.split(|&b| b == b'\r').any(wire::may_be_related_marker),
        Some(Format::Markdown) => markdown::may_be_related_line,
        _ => return related_whole(path),
    };
    if let Some(format) = format
        && container_item(path).is_none()
        && !may_have_related(path, lines).with_context(|| format!("reading {}", shown(path)))?
    {
        let head = head::read_with(path, head::Ids::Skip)?;
        return Ok(Article {
            path: Some(path.to_path_buf()),
            format,
            header: head.header,
            ..Article::default()
        });
    }
    load_links(path)
}

/// [`load_related`] for a format not read a line at a time: a JSON file (or item of one) is
/// streamed for what the pass needs ([`json::related`]), anything else loaded whole.
fn related_whole(path: &Path) -> Result<Article> {
    let (file, item) = match container_item(path) {
        Some((file, key)) => (file, Some(key.parse().unwrap_or(0))),
        None => (path.to_path_buf(), None),
    };
    if format_for(&file) == Some(Format::Json)
        && let Some(mut article) =
            json::related(&file, item).with_context(|| format!("reading {}", shown(&file)))?
    {
        relative_date(&mut article, &file);
        article.format = Format::Json;
        article.path = Some(path.to_path_buf());
        return Ok(article);
    }
    if item.is_none()
        && format_for(path) == Some(Format::Html)
        && let Some(mut article) =
            html::related(path).with_context(|| format!("reading {}", shown(path)))?
    {
        relative_date(&mut article, path);
        article.format = Format::Html;
        article.path = Some(path.to_path_buf());
        return Ok(article);
    }
    load_links(path)
}

/// Whether the file at `path` may hold related headlines: `true` when one of its lines passes
/// `maybe`, or when its bytes are not read line by line as they stand (UTF-16, or binary,
/// which the parser refuses).
fn may_have_related(path: &Path, maybe: fn(&[u8]) -> bool) -> Result<bool> {
    use std::io::{BufRead, Read};
    let limit = crate::files::article_limit();
    let file = crate::files::open_regular(path)?;
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, file.take(limit + 1));
    let start = reader.fill_buf()?;
    if start.starts_with(&[0xFF, 0xFE])
        || start.starts_with(&[0xFE, 0xFF])
        || start[..start.len().min(8192)].contains(&0)
    {
        return Ok(true);
    }
    let (mut line, mut total) = (Vec::new(), 0u64);
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(false);
        }
        total += n as u64;
        if total > limit {
            // Too large to parse: the parser's refusal is the answer.
            return Ok(true);
        }
        if maybe(&line) {
            return Ok(true);
        }
    }
}

/// A file's modification time in seconds since 1970, when the system gives one.
pub fn modified_secs(meta: Option<std::fs::Metadata>) -> Option<i64> {
    let t = meta?.modified().ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}

/// Every article a file holds: each item of a feed or JSON list (paths `FILE#ID`), else the
/// one article, derived fields computed.
pub fn load_all(path: &Path) -> Result<Vec<Article>> {
    let mut all = match container_kind(path)? {
        Some(Container::Feed) => feed::cached(path)?.articles(path),
        Some(Container::JsonList) => json_items(path)?,
        None => vec![load_links(path)?],
    };
    for a in &mut all {
        a.finish();
    }
    Ok(all)
}

/// What kind of many-article file a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// An RSS, Atom or JSON Feed file: one article per item.
    Feed,
    /// A JSON array of articles, or an object holding an `articles`/`items` array.
    JsonList,
}

/// Whether the file at `path` holds many articles, and how; `None` for a one-article file.
/// Feed extensions are feeds; a `.json` file is sniffed (JSON Feed `version`, a leading `[`, an
/// `articles`/`items` array), and so is the start of a file with no known extension (an XML
/// feed named on the command line as `news` or `feed.php`).
pub fn container_kind(path: &Path) -> Result<Option<Container>> {
    let read_err = |e| anyhow::anyhow!("reading {}: {e}", shown(path));
    match format_for(path) {
        Some(Format::Feed) => Ok(Some(Container::Feed)),
        Some(Format::Json) => {
            // A file within the size limit is sniffed as it streams past, never held.
            let small = std::fs::metadata(path)
                .is_ok_and(|m| m.is_file() && m.len() <= crate::files::article_limit());
            if small && let Some((feed, array, list)) = json::sniff_file(path).map_err(read_err)? {
                return Ok(if feed {
                    Some(Container::Feed)
                } else if array || list {
                    Some(Container::JsonList)
                } else {
                    None
                });
            }
            Ok(json_container(
                &crate::files::read_article(path).map_err(read_err)?,
            ))
        }
        // One item (`FILE#ID`) is no container of its own.
        Some(_) | None if container_item(path).is_some() => Ok(None),
        Some(_) => Ok(None),
        None => {
            use std::io::Read;
            let mut start = Vec::with_capacity(4096);
            crate::files::open_regular(path)
                .and_then(|f| Ok(f.take(4096).read_to_end(&mut start)?))
                .map_err(read_err)?;
            Ok(is_feed(&start, None).then_some(Container::Feed))
        }
    }
}

/// The container kind of the bytes of a `.json` file.
fn json_container(bytes: &[u8]) -> Option<Container> {
    if feed::is_json_feed(bytes) {
        return Some(Container::Feed);
    }
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if bytes[start] == b'[' {
        return Some(Container::JsonList);
    }
    // Only a file that names the key is parsed to see whether the key holds an array.
    let names = |k: &[u8]| memchr::memmem::find(bytes, k).is_some();
    if bytes[start] == b'{' && (names(b"\"articles\"") || names(b"\"items\"")) {
        let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        let holds = |k: &str| value.get(k).is_some_and(serde_json::Value::is_array);
        if holds("articles") || holds("items") {
            return Some(Container::JsonList);
        }
    }
    None
}

/// Every article of a JSON list file, paths `FILE#N` (1-based), derived fields not computed.
pub(crate) fn json_items(path: &Path) -> Result<Vec<Article>> {
    let bytes =
        crate::files::read_article(path).with_context(|| format!("reading {}", shown(path)))?;
    let clean = sanitize::decode(&bytes).with_context(|| shown(path))?;
    let mut all = json::parse_all(&clean.text).with_context(|| shown(path))?;
    for (i, a) in all.iter_mut().enumerate() {
        a.path = Some(feed::item_path(path, &(i + 1).to_string()));
        a.format = Format::Json;
        a.warnings.splice(0..0, clean.warnings.iter().cloned());
    }
    Ok(all)
}

/// Whether bytes of this format are a feed (a `.json` file is one when it names a JSON Feed
/// version; text with no format is sniffed).
fn is_feed(bytes: &[u8], format: Option<Format>) -> bool {
    match format {
        Some(Format::Feed) => true,
        Some(Format::Json) => feed::is_json_feed(bytes),
        Some(_) => false,
        None => {
            let start = &bytes[..bytes.len().min(4096)];
            sniff(&String::from_utf8_lossy(start)) == Format::Feed
        }
    }
}

/// `FILE#ID` split into the container file and the item id, when `path` is not itself a file
/// and names one (split at the last `#`, so a `#` in a folder name is kept).
pub fn container_item(path: &Path) -> Option<(std::path::PathBuf, String)> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let hash = memchr::memrchr(b'#', bytes)?;
    if path.is_file() {
        return None;
    }
    let file = Path::new(std::str::from_utf8(&bytes[..hash]).ok()?);
    let key = std::str::from_utf8(&bytes[hash + 1..]).ok()?;
    file.is_file()
        .then(|| (file.to_path_buf(), key.to_string()))
}

/// Item `key` of the container `file` (derived fields not computed).
fn load_item(file: &Path, key: &str) -> Result<Article> {
    match container_kind(file)? {
        Some(Container::Feed) => feed::item(file, key),
        Some(Container::JsonList) => {
            let n: usize = key.parse().unwrap_or(0);
            json_items(file)?
                .into_iter()
                .nth(n.wrapping_sub(1))
                .ok_or_else(|| {
                    anyhow::anyhow!("{}: no item {}", shown(file), sanitize::clean_line(key))
                })
        }
        None => anyhow::bail!("{}: holds one article, not items", shown(file)),
    }
}

pub use crate::sanitize::{shown, shown_cow};

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample articles and test fixtures whose format passes `wanted`.
    fn samples(wanted: impl Fn(Option<Format>) -> bool) -> Vec<std::path::PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        ["articles", "tests/fixtures"]
            .iter()
            .flat_map(|d| walkdir::WalkDir::new(root.join(d)))
            .filter_map(Result::ok)
            .map(walkdir::DirEntry::into_path)
            .filter(|p| wanted(format_for(p)))
            .collect()
    }

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
            "xml" | "rss" | "atom" | "rdf" => Some(Format::Feed),
            "html" | "htm" | "xhtml" | "mhtml" | "mht" => Some(Format::Html),
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

    #[test]
    fn reading_for_related_headlines_finds_what_the_whole_parse_finds() {
        let files = samples(|f| matches!(f, Some(Format::Text | Format::Markdown)));
        assert!(files.len() > 40, "{} samples", files.len());
        let (mut skipped, mut with_related) = (0, 0);
        for f in &files {
            let (Ok(whole), Ok(light)) = (load_links(f), load_related(f)) else {
                assert!(load_links(f).is_err() && load_related(f).is_err(), "{f:?}");
                continue;
            };
            assert_eq!(light.related, whole.related, "{f:?}");
            assert_eq!(light.header.url, whole.header.url, "{f:?}");
            assert_eq!(light.header.title, whole.header.title, "{f:?}");
            skipped += usize::from(light.blocks.is_empty() && !whole.blocks.is_empty());
            with_related += usize::from(!whole.related.is_empty());
        }
        assert!(skipped > 10, "{skipped} files were not parsed");
        assert!(
            with_related > 10,
            "{with_related} files have related headlines"
        );
    }

    #[test]
    fn json_read_for_related_headlines_gives_the_whole_parse_s_header_and_list() {
        let mut files = samples(|f| f == Some(Format::Json));
        // Each item of a list file too, and one past its end.
        for f in files.clone() {
            if let Ok(Some(Container::JsonList)) = container_kind(&f) {
                let n = json_items(&f).map_or(0, |all| all.len());
                files.extend((1..=n + 1).map(|i| feed::item_path(&f, &i.to_string())));
            }
        }
        // And shapes that test the cuts: long strings and arrays where the header is read.
        let dir = tempfile::tempdir().expect("temp dir");
        let long = "Kessel ".repeat(400);
        let blank = " ".repeat(3000);
        let made = [
            format!(r#"{{"title": "{long}", "blocks": ["{long}"], "related": ["{long}"]}}"#),
            format!(r#"{{"headline": {{"rendered": "<b>{long}</b>"}}, "content": "{blank}x"}}"#),
            format!(r#"{{"name": "N", "content": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,"{long}"]}}"#),
            format!(r#"{{"data": [{{"title": "A", "text": "{long}"}}], "note": "{blank}"}}"#),
            format!(r#"{{"title": "Ferries - Gazette", "source": {{"name": "Gazette"}}, "body": "{long}", "date": "5 hours ago"}}"#),
            format!(r#"{{"articles": [{{"title": "A\tB\r\n"}}, {{"title": "B", "blocks": [{{"kind": "{long}", "text": "x"}}]}}]}}"#),
            "{\"title\": \"Tab\tin a string\", \"body\": \"a\r\nb\"}\r\n".to_string(),
            "{\"title\": \"Caf\u{e9}\"}".to_string(),
            r#"{"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": [{"id": "1", "title": "I"}]}"#.to_string(),
            r#"{"title": "T",,}"#.to_string(),
            r#"{"title": "Empty first", "blocks": ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", " ", "", "Seventeenth", "x"]}"#.to_string(),
            format!(r#"{{"title": "Plain", "maintext": "{}\n\nSecond paragraph."}}"#, "line\n".repeat(400)),
            format!(r#"{{"title": "Image first", "blocks": [{{"kind": "image", "text": ""}}, "a"], "images": [{{"block": 0, "src": "{long}"}}]}}"#),
        ];
        for (i, text) in made.iter().enumerate() {
            let f = dir.path().join(format!("made-{i}.json"));
            std::fs::write(&f, text).expect("written");
            files.push(feed::item_path(&f, "1"));
            files.push(feed::item_path(&f, "2"));
            files.push(f);
        }
        std::fs::write(dir.path().join("latin.json"), b"{\"title\": \"Caf\xe9\"}")
            .expect("written");
        files.push(dir.path().join("latin.json"));
        // And files that test the streamed sniffing of lists.
        let sniffed: [&[u8]; 7] = [
            br#"{"items": 5, "note": "\"items\""}"#,
            br#"{"items": [], "items": 1}"#,
            br#"{"items": 1, "items": [{"title": "A"}]}"#,
            b"{\"articles\": [{\"title\": \"a\tb\"}]}",
            b"{\"articles\": [{\"title\": \"caf\xe9\"}]}",
            br#"{"articles": [{"title": "A"}]} x"#,
            br#"  [{"title": "A"}"#,
        ];
        for (i, text) in sniffed.iter().enumerate() {
            let f = dir.path().join(format!("sniff-{i}.json"));
            std::fs::write(&f, text).expect("written");
            files.push(f);
        }
        assert!(files.len() > 20, "{} JSON files", files.len());
        let (mut streamed, mut with_related, mut rows) = (0, 0, 0);
        for f in &files {
            if f.is_file() {
                // The streamed sniffing finds what the whole file's bytes give.
                let bytes = std::fs::read(f).expect("read");
                assert_eq!(
                    container_kind(f).ok().flatten(),
                    json_container(&bytes),
                    "{f:?}"
                );
            }
            let (whole, light) = (load_links(f), load_related(f));
            let (Ok(whole), Ok(light)) = (whole, light) else {
                assert!(load_links(f).is_err() && load_related(f).is_err(), "{f:?}");
                continue;
            };
            assert_eq!(light.header, whole.header, "{f:?}");
            assert_eq!(light.related, whole.related, "{f:?}");
            assert_eq!(light.tags, whole.tags, "{f:?}");
            assert_eq!(light.path, whole.path, "{f:?}");
            if container_item(f).is_none() && container_kind(f).ok() == Some(None) {
                // The list row, streamed with its first block, is the whole parse's.
                let row = head::read(f).expect("a row");
                assert_eq!(row, head::Head::of(&load_file(f).expect("loads")), "{f:?}");
                rows += 1;
            }
            streamed += usize::from(light.blocks.is_empty() && !whole.blocks.is_empty());
            with_related += usize::from(!whole.related.is_empty());
        }
        assert!(streamed > 15, "{streamed} files were streamed");
        assert!(rows > 15, "{rows} rows");
        assert!(
            with_related > 3,
            "{with_related} files have related headlines"
        );
    }

    #[test]
    fn pages_read_for_related_headlines_give_the_whole_parse_s_header_and_list() {
        let mut files = samples(|f| f == Some(Format::Html));
        // And pages that test the scan: scripts, styles and pictures past its first 4 KB, in
        // every place that holds markup or text that looks like it.
        let dir = tempfile::tempdir().expect("temp dir");
        let pad = format!("<!-- {} -->", "p".repeat(5000));
        let pic = format!("data:image/png;base64,{}", "QUJD".repeat(500));
        let related = r#"<aside class="related"><h2>Related</h2><a href="https://example.org/a">Ferries resume</a></aside>"#;
        let made = [
            format!(
                r#"<!DOCTYPE html><html><head><title>T</title>{pad}<style>a{{b:url({pic})}}</style><script>var a = "</scrip"; if (a < b) {{}}</script><script type="application/ld+json">{{"headline": "From JSON-LD"}}</script></head><body><article><h1>Head</h1><img src="{pic}" alt="x"><p>Text</p>{related}</article></body></html>"#
            ),
            format!(
                r#"<html><head>{pad}</head><body><article><p>Text</p><script>if (a<!--b) {{ }} </script><h2>Related</h2><a href="https://example.org/b">Hidden or not</a></script>{related}</article></body></html>"#
            ),
            format!(
                r#"<html><body>{pad}<textarea><script><h2>Related</h2></textarea><svg><style><h2>x</h2></style><![CDATA[<p>]]></svg><title>Svg</title><article><p>Text</p><a title='<script>' href="{pic}">Related</a>{related}</article></body></html>"#
            ),
            format!(
                r#"<html><body>{pad}<article><h1>Comments</h1><!-- <script> --><!--><p>a</p><!--->{related}<img src="{pic}" alt='a"b'><img src={pic}><p>End</p></article></body></html>"#
            ),
            format!(
                "<html><body>{pad}<article><h1>Plain</h1><plaintext><script>{related}</article></body></html>"
            ),
            format!(
                "<html><head><meta charset=\"windows-1252\"></head><body>{pad}<article><h1>Café</h1>{related}</article></body></html>"
            ),
        ];
        for (i, text) in made.iter().enumerate() {
            let f = dir.path().join(format!("made-{i}.html"));
            std::fs::write(&f, text).expect("written");
            files.push(f);
        }
        let latin = dir.path().join("latin.html");
        std::fs::write(
            &latin,
            b"<html><title>Caf\xe9</title><body><p>x</p></body></html>",
        )
        .expect("written");
        files.push(latin);
        let (mut streamed, mut with_related) = (0, 0);
        for f in &files {
            let (whole, light) = (load_links(f), load_related(f));
            let (Ok(whole), Ok(light)) = (whole, light) else {
                assert!(load_links(f).is_err() && load_related(f).is_err(), "{f:?}");
                continue;
            };
            assert_eq!(light.header, whole.header, "{f:?}");
            assert_eq!(light.related, whole.related, "{f:?}");
            assert_eq!(light.tags, whole.tags, "{f:?}");
            streamed += usize::from(light.blocks.is_empty() && !whole.blocks.is_empty());
            with_related += usize::from(!whole.related.is_empty());
        }
        assert!(files.len() > 15, "{} pages", files.len());
        assert!(streamed > 12, "{streamed} pages were read lean");
        assert!(
            with_related > 8,
            "{with_related} pages have related headlines"
        );
    }

    #[test]
    fn markdown_lines_that_may_name_related_headlines() {
        for line in [
            "## Related",
            "### See also:",
            "Read more",
            "More on this story",
            "related: [../a.md, ../b.md, and a long list of other stories]",
            "## Rel&#97;ted",
        ] {
            assert!(markdown::may_be_related_line(line.as_bytes()), "{line:?}");
        }
        for line in [
            "a",
            "",
            "# Tiny paragraphs",
            "We will see what more the council can read into it.",
        ] {
            assert!(!markdown::may_be_related_line(line.as_bytes()), "{line:?}");
        }
    }
}
