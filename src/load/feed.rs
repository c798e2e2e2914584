//! Feed files (RSS 0.9x/1.0/2.0, Atom, JSON Feed): one file, many articles.
//!
//! A feed is parsed once with feed-rs into a [`Feed`]; its list rows come straight from the
//! parsed items, and an item becomes an [`Article`] only when it is opened. The last feed parsed
//! is kept (see [`cached`]) so opening its items one after another never parses the file again.
//!
//! An item's path is `FILE#ID`: ID is the item's own guid (RSS) or id (Atom, JSON Feed),
//! percent-encoded so it is path-safe (only `A-Z a-z 0-9 - . _ ~` are kept as they are, and it is
//! cut to [`MAX_ID_CHARS`]); an item without one, or whose id repeats an earlier item's, is named
//! by its 1-based position in the file (`news.xml#3`).
//!
//! Hostile feeds: feed-rs expands only XML's five predefined entities and character references,
//! never entities a DTD declares, so an entity bomb stays a few bytes of literal text. At most
//! [`MAX_ITEMS`] items are read; the rest is skipped with a warning. A truncated XML feed keeps
//! the items that were complete, with a warning.

use super::head::{Head, Ids};
use crate::article::{Article, Block, BlockKind, Format, Image, Link};
use crate::sanitize::{clean_line, clean_text};
use anyhow::{Result, anyhow, bail};
use feed_rs::model::{self, Entry};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// The most items read from one feed; the rest are skipped with a warning, so a feed of a
/// million items costs what one of this many does.
pub const MAX_ITEMS: usize = 50_000;

/// The longest item id kept in a path, in characters of its percent-encoded form.
pub const MAX_ID_CHARS: usize = 120;

/// A parsed feed: its title, its items and what was repaired on the way.
#[derive(Debug)]
pub struct Feed {
    /// The feed's own title (the list rows' source), sanitised.
    pub title: Option<String>,
    /// The feed's authors, which its items without authors of their own inherit (Atom).
    authors: Vec<String>,
    /// The items in file order.
    items: Vec<Entry>,
    /// The path id of each item (`ID` in `FILE#ID`).
    keys: Vec<String>,
    /// Which items carry a guid/id of their own (the basis of their state id).
    own_id: Vec<bool>,
    /// Repairs and limits, shown on every item's article.
    pub warnings: Vec<String>,
}

/// Whether `bytes`, read from a `.json` file, look like a JSON Feed: a `version` naming
/// `https://jsonfeed.org/version/` (the parse confirms it).
pub fn is_json_feed(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"jsonfeed.org/version/").is_some()
        && bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Whether text with no file name looks like an XML feed (`<rss`, `<feed`, `<rdf:RDF` near the
/// start).
pub fn sniff(text: &str) -> bool {
    let start = &text.as_bytes()[..text.len().min(1024)];
    text.trim_start().starts_with('<')
        && [&b"<rss"[..], b"<feed", b"<rdf:RDF", b"<RDF"]
            .iter()
            .any(|tag| memchr::memmem::find(start, tag).is_some())
}

/// Parses the bytes of a feed file (RSS, Atom or JSON Feed).
pub fn parse(bytes: &[u8]) -> Result<Feed> {
    if bytes[..bytes.len().min(8192)].contains(&0) {
        bail!("binary file (NUL bytes), not a feed");
    }
    let mut warnings = Vec::new();
    let json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let bounded;
    let mut input = bytes;
    if json {
        if let Some(cut) = bound_json(bytes, MAX_ITEMS) {
            bounded = cut;
            input = &bounded;
            warnings.push(too_many());
        }
    } else if may_exceed(bytes, MAX_ITEMS)
        && let Some(Cut::Limit(cut)) = cut_xml(bytes, MAX_ITEMS)
    {
        bounded = cut;
        input = &bounded;
        warnings.push(too_many());
    }
    let parsed = match read_feed(input) {
        Ok(feed) => feed,
        Err(e) if !json => {
            // A truncated file keeps the items that were whole.
            let Some(Cut::Truncated(cut, kept)) = cut_xml(input, MAX_ITEMS) else {
                return Err(e);
            };
            let feed = read_feed(cut.as_slice()).map_err(|_| e)?;
            warnings.push(format!(
                "the feed ends early (truncated XML): {kept} complete item{} read",
                if kept == 1 { "" } else { "s" }
            ));
            feed
        }
        Err(e) => return Err(e),
    };
    Ok(Feed::new(parsed, warnings))
}

fn too_many() -> String {
    format!("more than {MAX_ITEMS} items: only the first {MAX_ITEMS} are read")
}

/// feed-rs with its id generator switched off, so an item without a guid/id of its own keeps
/// an empty one (and gets its position as path id) instead of an invented hash or random UUID.
fn read_feed(bytes: impl std::io::Read) -> Result<model::Feed> {
    feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build()
        .parse(bytes)
        .map_err(|e| match e {
            feed_rs::parser::ParseFeedError::ParseError(
                feed_rs::parser::ParseErrorKind::NoFeedRoot,
            ) => anyhow!("not a feed (no RSS, Atom or JSON Feed root element)"),
            e => anyhow!("not a readable feed: {}", clean_line(&e.to_string())),
        })
}

impl Feed {
    fn new(parsed: model::Feed, warnings: Vec<String>) -> Feed {
        let mut items = parsed.entries;
        items.truncate(MAX_ITEMS);
        let mut seen = foldhash::HashSet::default();
        let mut keys = Vec::with_capacity(items.len());
        let mut own_id = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let id = item.id.trim();
            own_id.push(!id.is_empty());
            let mut key = path_safe(id);
            if key.is_empty() || !seen.insert(key.clone()) {
                key = (i + 1).to_string();
                seen.insert(key.clone());
            }
            keys.push(key);
        }
        Feed {
            title: parsed
                .title
                .map(|t| one_line(&t.content))
                .filter(|t| !t.is_empty()),
            authors: people(&parsed.authors),
            items,
            keys,
            own_id,
            warnings,
        }
    }

    /// How many items the feed holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the feed holds no item.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The path id of item `i` (`ID` in `FILE#ID`).
    pub fn key(&self, i: usize) -> &str {
        &self.keys[i]
    }

    /// The item whose path id is `key`.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k == key)
    }

    /// The list rows of every item, for the feed at `file`; no item's content is read, except
    /// the text of an item without a title, which stands in for it.
    pub fn heads(&self, file: &Path, ids: Ids) -> Vec<Head> {
        (0..self.items.len())
            .map(|i| {
                let item = &self.items[i];
                let title = match item_title(item) {
                    Some(t) => t,
                    None => self.article(file, i).header.title,
                };
                let (date, date_iso, _) = dates(item);
                let id = match ids {
                    Ids::Skip => String::new(),
                    Ids::Now | Ids::Later => self.state_id(i, &title, date.as_deref()),
                };
                Head {
                    header: crate::article::Header {
                        title,
                        date,
                        date_iso,
                        source: self.title.clone(),
                        authors: self.item_authors(item),
                        url: item.links.first().map(|l| l.href.clone()),
                    },
                    tags: item_tags(item),
                    path: Some(item_path(file, &self.keys[i])),
                    id,
                    id_start: None,
                }
            })
            .collect()
    }

    /// The state id of item `i`: its guid/id, else its link, else its title and date, so each
    /// item keeps its read mark, bookmark and position however the feed is re-saved.
    fn state_id(&self, i: usize, title: &str, date: Option<&str>) -> String {
        let item = &self.items[i];
        let basis = if self.own_id[i] {
            format!("feed item id {}", item.id.trim())
        } else if let Some(link) = item_link(item) {
            format!("feed item link {link}")
        } else {
            "feed item".to_string()
        };
        crate::article::article_id(title, date, Some(&basis))
    }

    fn item_authors(&self, item: &Entry) -> Vec<String> {
        let own = people(&item.authors);
        if own.is_empty() {
            self.authors.clone()
        } else {
            own
        }
    }

    /// Item `i` of the feed at `file` as an article (derived fields not yet computed).
    pub fn article(&self, file: &Path, i: usize) -> Article {
        let item = &self.items[i];
        let mut warnings = self.warnings.clone();
        let content = item
            .content
            .as_ref()
            .and_then(|c| Some((c.body.as_deref()?, c.content_type.as_str())))
            .filter(|(body, _)| !body.trim().is_empty());
        let summary = item
            .summary
            .as_ref()
            .map(|s| (s.content.as_str(), s.content_type.as_str()))
            .filter(|(body, _)| !body.trim().is_empty());
        // The content is the body; a summary beside it is the standfirst (never dropped).
        let (body, standfirst) = match (content, summary) {
            (Some(c), Some(s)) => (Some(c), Some(s)),
            (Some(c), None) => (Some(c), None),
            (None, s) => (s, None),
        };
        let (mut blocks, mut links) = match body {
            Some((text, mime)) => to_blocks(text, mime),
            None => (Vec::new(), Vec::new()),
        };
        let standfirst = standfirst
            .map(|(text, mime)| {
                let (b, _) = to_blocks(text, mime);
                b.iter()
                    .map(|b| b.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|s| !s.is_empty());
        let title = item_title(item).unwrap_or_else(|| {
            warnings.push("the item has no title: its first words stand in".to_string());
            first_words(&blocks, standfirst.as_deref())
        });
        let (date, date_iso, datetime) = dates(item);
        let url = item_link(item);
        for l in &item.links {
            let href = l.href.trim();
            if href.is_empty() || Some(href) == url.as_deref() || is_enclosure(l) {
                continue;
            }
            let text = l
                .title
                .as_deref()
                .or(l.rel.as_deref())
                .map_or_else(|| "link".to_string(), one_line);
            links.push(Link {
                text,
                url: clean_line(href),
                at: None,
            });
        }
        let mut images = Vec::new();
        for (src, mime, alt) in enclosures(item) {
            if mime.as_deref().is_some_and(|m| m.starts_with("image/")) {
                images.push(Image {
                    block: blocks.len(),
                    alt: alt.clone(),
                    src: src.clone(),
                });
                blocks.push(Block::new(BlockKind::Image, alt));
            } else {
                let what =
                    mime.map_or_else(|| "enclosure".to_string(), |m| format!("enclosure ({m})"));
                links.push(Link {
                    text: if alt.is_empty() { what } else { alt },
                    url: src,
                    at: None,
                });
            }
        }
        let tags = item_tags(item);
        Article {
            header: crate::article::Header {
                title,
                date,
                date_iso,
                authors: self.item_authors(item),
                source: self.title.clone(),
                url,
            },
            path: Some(item_path(file, &self.keys[i])),
            format: Format::Feed,
            standfirst,
            datetime,
            blocks,
            links,
            tags,
            images,
            warnings,
            ..Article::default()
        }
    }

    /// Every item as an article, in file order.
    pub fn articles(&self, file: &Path) -> Vec<Article> {
        (0..self.items.len())
            .map(|i| self.article(file, i))
            .collect()
    }
}

/// `FILE#KEY` as a path.
pub fn item_path(file: &Path, key: &str) -> PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push("#");
    s.push(key);
    PathBuf::from(s)
}

/// An id made path-safe: unreserved URL characters kept, every other byte percent-encoded, cut
/// to [`MAX_ID_CHARS`] (so `#`, `/` and control characters never appear in it).
fn path_safe(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for &b in id.as_bytes() {
        let piece_len = if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            1
        } else {
            3
        };
        if out.len() + piece_len > MAX_ID_CHARS {
            break;
        }
        if piece_len == 1 {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An item's categories (their labels, else their terms), one line each, without repeats.
fn item_tags(item: &Entry) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for c in &item.categories {
        let tag = one_line(c.label.as_deref().unwrap_or(&c.term));
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// One line of a feed field: whitespace collapsed, control characters made visible.
fn one_line(s: &str) -> String {
    clean_line(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The item's title, sanitised; `None` when it has none (or only white space).
fn item_title(item: &Entry) -> Option<String> {
    let t = item.title.as_ref()?;
    let text = if t.content_type.as_str().contains("html") {
        super::html::to_blocks(&clean_text(&t.content))
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        t.content.clone()
    };
    Some(one_line(&text)).filter(|t| !t.is_empty())
}

/// The first words of the text, standing in for a missing title (at most 80 characters).
fn first_words(blocks: &[Block], standfirst: Option<&str>) -> String {
    let text = standfirst
        .or_else(|| {
            blocks
                .iter()
                .map(|b| b.text.as_str())
                .find(|t| !t.is_empty())
        })
        .unwrap_or("Untitled item");
    let mut out = String::new();
    for w in text.split_whitespace() {
        if out.chars().count() + w.chars().count() > 80 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The item's own link: the first without `rel`, or with `rel="alternate"`.
fn item_link(item: &Entry) -> Option<String> {
    item.links
        .iter()
        .filter(|l| !is_enclosure(l))
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| clean_line(l.href.trim()))
        .filter(|h| !h.is_empty())
}

/// Whether a link is an attachment rather than a page: Atom's `rel="enclosure"`, or a JSON
/// Feed attachment (no `rel`, a media type that is not a web page).
fn is_enclosure(l: &model::Link) -> bool {
    match l.rel.as_deref() {
        Some(rel) => rel == "enclosure",
        None => l
            .media_type
            .as_deref()
            .is_some_and(|m| !m.starts_with("text/") && !m.contains("html")),
    }
}

/// Names of people, sanitised (an email stands in for a missing name).
fn people(list: &[model::Person]) -> Vec<String> {
    list.iter()
        .filter_map(|p| p.name.as_deref().or(p.email.as_deref()))
        .map(one_line)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Date line, calendar date and moment of an item: published, else updated. feed-rs reads the
/// date into UTC, so the date line is written as RFC 3339 in UTC (`2026-03-02T08:30:00Z`); a date
/// it cannot read leaves all three empty.
fn dates(item: &Entry) -> (Option<String>, Option<String>, Option<String>) {
    let Some(when) = item.published.or(item.updated) else {
        return (None, None, None);
    };
    let line = when.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let iso = when.format("%Y-%m-%d").to_string();
    (Some(line.clone()), Some(iso), Some(line))
}

/// Enclosures and media of an item: (URL, media type, description), sanitised.
fn enclosures(item: &Entry) -> Vec<(String, Option<String>, String)> {
    let mut out: Vec<(String, Option<String>, String)> = Vec::new();
    for m in &item.media {
        let alt = m
            .title
            .as_ref()
            .or(m.description.as_ref())
            .map(|t| one_line(&t.content))
            .unwrap_or_default();
        for c in &m.content {
            let Some(url) = &c.url else { continue };
            let src = clean_line(url.as_str());
            if out.iter().any(|(s, _, _)| *s == src) {
                continue;
            }
            let mime = c.content_type.as_ref().map(|t| clean_line(t.as_str()));
            out.push((src, mime, alt.clone()));
        }
    }
    for l in item.links.iter().filter(|l| is_enclosure(l)) {
        let src = clean_line(l.href.trim());
        if src.is_empty() || out.iter().any(|(s, _, _)| *s == src) {
            continue;
        }
        let alt = l.title.as_deref().map(one_line).unwrap_or_default();
        out.push((src, l.media_type.as_deref().map(clean_line), alt));
    }
    out
}

/// Blocks and links of an item's text: HTML through the shared HTML-to-blocks step, plain text
/// split into paragraphs at blank lines.
fn to_blocks(text: &str, mime: &str) -> (Vec<Block>, Vec<Link>) {
    let text = clean_text(text);
    if mime.ends_with("plain") {
        let blocks = text
            .split("\n\n")
            .map(one_line)
            .filter(|p| !p.is_empty())
            .map(Block::paragraph)
            .collect();
        return (blocks, Vec::new());
    }
    let body = super::html::to_blocks(&text);
    (body.blocks, body.links)
}

/// How an XML feed is cut before parsing.
enum Cut {
    /// Cut before item `limit + 1`, closed again: the bytes to parse.
    Limit(Vec<u8>),
    /// The file ends inside an element: cut after the last complete item and closed again,
    /// with how many items that keeps.
    Truncated(Vec<u8>, usize),
}

/// Whether an XML feed may hold more than `limit` items: a count of `<item`/`<entry` (and
/// `:item`/`:entry`, prefixed) anywhere in the bytes, which never undercounts and costs a
/// fraction of reading the structure.
fn may_exceed(bytes: &[u8], limit: usize) -> bool {
    let count = |needle: &[u8]| memchr::memmem::find_iter(bytes, needle).count();
    count(b"<item") + count(b"<entry") + count(b":item") + count(b":entry") > limit
}

/// Whether an element name (with or without a namespace prefix) is a feed item.
fn is_item(name: &str) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    local == "item" || local == "entry"
}

/// Reads the XML's structure (not its content) to find where to cut it: before item
/// `limit + 1` when there are more, or after the last complete item when the file ends inside
/// an element. `None` when the feed needs no cut. The end tags of what is open at the cut are
/// added, so the result is a well-formed feed of the items kept.
fn cut_xml(bytes: &[u8], limit: usize) -> Option<Cut> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let mut open: Vec<String> = Vec::new();
    let mut items = 0;
    let mut last_whole: Option<(usize, Vec<String>, usize)> = None;
    let close = |at: usize, open: &[String]| {
        let mut out = bytes[..at].to_vec();
        for name in open.iter().rev() {
            out.extend_from_slice(b"</");
            out.extend_from_slice(name.as_bytes());
            out.push(b'>');
        }
        out
    };
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                let name = e.name().into_inner().to_string();
                if is_item(&name) {
                    items += 1;
                    if items > limit {
                        return Some(Cut::Limit(close(before, &open)));
                    }
                }
                open.push(name);
            }
            Ok(quick_xml::events::Event::Empty(e)) if is_item(e.name().into_inner()) => {
                items += 1;
                if items > limit {
                    return Some(Cut::Limit(close(before, &open)));
                }
            }
            Ok(quick_xml::events::Event::End(e)) => {
                if open.pop().is_some() && is_item(e.name().into_inner()) {
                    let at = usize::try_from(reader.buffer_position()).unwrap_or(bytes.len());
                    last_whole = Some((at, open.clone(), items));
                }
            }
            Ok(quick_xml::events::Event::Eof) if open.is_empty() => return None,
            Ok(quick_xml::events::Event::Eof) | Err(_) => {
                let (at, open, kept) = last_whole?;
                return Some(Cut::Truncated(close(at, &open), kept));
            }
            Ok(_) => {}
        }
    }
}

/// A JSON Feed with more than `limit` items, with the rest of its `items` array left out
/// (the bytes, not a parse: a million items are never held as values). `None` when it has
/// no more than `limit`, or its `items` array cannot be found.
fn bound_json(bytes: &[u8], limit: usize) -> Option<Vec<u8>> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    // Keys of the root object: the next string at depth 1 is a key after `{` or `,`.
    let (mut expect_key, mut key_start, mut last_key) = (false, None, &b""[..]);
    // The depth inside the root's `items` array, the elements seen there, and where to cut.
    let (mut items_depth, mut count, mut cut) = (None, 0usize, None);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                if let Some(s) = key_start.take() {
                    last_key = &bytes[s..i];
                }
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                if depth == 1 && expect_key {
                    key_start = Some(i + 1);
                    expect_key = false;
                }
            }
            b'{' | b'[' => {
                if items_depth == Some(depth) && cut.is_none() {
                    count += 1;
                    if count > limit.max(1) {
                        // Only white space and one comma stand between two elements.
                        cut = Some(bytes[..i].iter().rposition(|&c| c == b',')?);
                    }
                }
                if depth == 1 && b == b'[' && last_key == b"items" && items_depth.is_none() {
                    items_depth = Some(2);
                }
                depth += 1;
                expect_key = depth == 1;
            }
            b'}' | b']' => {
                if b == b']' && items_depth == Some(depth) {
                    let c = cut?;
                    let mut out = bytes[..c].to_vec();
                    out.extend_from_slice(&bytes[i..]);
                    return Some(out);
                }
                depth = depth.saturating_sub(1);
            }
            b',' if depth == 1 => expect_key = true,
            _ => {}
        }
    }
    None
}

/// The feeds parsed last, most recent last, kept so the items of a feed open (in the reader, the
/// search index, the backlinks pass) without parsing it again, even when the items of a few
/// feeds are read in turn.
static KEPT: Mutex<Vec<Kept>> = Mutex::new(Vec::new());

/// A feed kept: its file, that file's stamp when read, and the parse.
type Kept = (PathBuf, Stamp, Arc<Feed>);

/// The most feeds kept.
const KEPT_FEEDS: usize = 8;
/// The most bytes of feed files kept (their parses take about as much); the last one read is
/// kept whatever its size.
const KEPT_BYTES: u64 = 256 << 20;

/// What tells a file's versions apart: its length and modification time.
type Stamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Result<Stamp> {
    let meta =
        std::fs::metadata(path).map_err(|e| anyhow!("reading {}: {e}", super::shown(path)))?;
    Ok((meta.len(), meta.modified().ok()))
}

/// The feed at `path`: the one kept when the file has not changed since, else read, parsed
/// and kept.
pub fn cached(path: &Path) -> Result<Arc<Feed>> {
    let now = stamp(path)?;
    if let Ok(mut kept) = KEPT.lock()
        && let Some(k) = kept.iter().position(|(p, s, _)| p == path && *s == now)
    {
        let entry = kept.remove(k);
        let feed = Arc::clone(&entry.2);
        kept.push(entry);
        return Ok(feed);
    }
    let feed = Arc::new(parse_file(path).map_err(|e| anyhow!("{}: {e:#}", super::shown(path)))?);
    if let Ok(mut kept) = KEPT.lock() {
        kept.retain(|(p, _, _)| p != path);
        kept.push((path.to_path_buf(), now, Arc::clone(&feed)));
        while kept.len() > 1
            && (kept.len() > KEPT_FEEDS || kept.iter().map(|k| k.1.0).sum::<u64>() > KEPT_BYTES)
        {
            kept.remove(0);
        }
    }
    Ok(feed)
}

/// Lets go of every feed kept, so the next read of each parses it again (for benchmarks that
/// time a first read).
pub fn forget_kept() {
    if let Ok(mut kept) = KEPT.lock() {
        kept.clear();
    }
}

/// Parses the feed file at `path`. A whole XML feed of no more than [`MAX_ITEMS`] items (the
/// usual case) is parsed as it is read, never held in memory as bytes beside its parse; any
/// other is read whole first and goes through [`parse`].
fn parse_file(path: &Path) -> Result<Feed> {
    use std::io::Read;
    let open = || std::fs::File::open(path).map_err(|e| anyhow!("reading: {e}"));
    let whole =
        || -> Result<Feed> { parse(&std::fs::read(path).map_err(|e| anyhow!("reading: {e}"))?) };
    let mut start = Vec::with_capacity(8192);
    open()?
        .take(8192)
        .read_to_end(&mut start)
        .map_err(|e| anyhow!("reading: {e}"))?;
    let xml = start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    if !xml || start.contains(&0) || count_items(open()?)? > MAX_ITEMS {
        return whole();
    }
    match read_feed(std::io::BufReader::with_capacity(1 << 16, open()?)) {
        Ok(feed) => Ok(Feed::new(feed, Vec::new())),
        // Truncated, or no feed: the bytes say which, and keep what can be kept.
        Err(_) => whole(),
    }
}

/// [`may_exceed`]'s count, over a file read in pieces (a needle across two pieces may be
/// counted twice, never missed).
fn count_items(mut file: std::fs::File) -> Result<usize> {
    use std::io::Read;
    const CARRY: usize = 5;
    let mut buf = vec![0u8; 1 << 20];
    let (mut kept, mut count) = (0, 0);
    loop {
        let n = match file.read(&mut buf[kept..]) {
            Ok(0) => return Ok(count),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => bail!("reading: {e}"),
        };
        let window = &buf[..kept + n];
        count += [&b"<item"[..], b"<entry", b":item", b":entry"]
            .iter()
            .map(|needle| memchr::memmem::find_iter(window, needle).count())
            .sum::<usize>();
        let tail = window.len().min(CARRY);
        let from = window.len() - tail;
        buf.copy_within(from..from + tail, 0);
        kept = tail;
    }
}

/// The list rows of every item of the feed at `path`.
pub fn heads(path: &Path, ids: Ids) -> Result<Vec<Head>> {
    let feed = cached(path)?;
    Ok(feed.heads(path, ids))
}

/// The item `key` of the feed at `path`, as an article (derived fields not yet computed).
pub fn item(path: &Path, key: &str) -> Result<Article> {
    let feed = cached(path)?;
    let i = feed
        .find(key)
        .ok_or_else(|| anyhow!("{}: no item {}", super::shown(path), clean_line(key)))?;
    Ok(feed.article(path, i))
}

/// The first item of a feed read from bytes (stdin), with a warning naming how many there are.
pub fn parse_first(bytes: &[u8]) -> Result<Article> {
    let feed = parse(bytes)?;
    if feed.is_empty() {
        bail!("the feed has no items");
    }
    let mut a = feed.article(Path::new("stdin"), 0);
    a.path = None;
    if feed.len() > 1 {
        a.warnings.push(format!(
            "a feed of {} items: only the first is shown",
            feed.len()
        ));
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/feeds")
            .join(name)
    }

    fn rss(items: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Kessel Notes</title>\n{items}</channel></rss>\n"
        )
    }

    #[test]
    fn rss_items_become_articles_with_content_summary_link_tags_and_enclosures() {
        let feed = parse(&std::fs::read(fixture("harbor-rss2.xml")).unwrap()).unwrap();
        assert_eq!(feed.len(), 3);
        assert_eq!(feed.title.as_deref(), Some("The Port Calloway Ledger"));
        let a = feed.article(Path::new("news.xml"), 0);
        assert_eq!(
            a.path,
            Some(PathBuf::from("news.xml#ledger-2026-0311-ferry"))
        );
        assert_eq!(a.format, Format::Feed);
        assert_eq!(
            a.header.title,
            "Night ferry returns after a winter in dry dock"
        );
        assert_eq!(a.header.date_iso.as_deref(), Some("2026-03-11"));
        assert_eq!(a.datetime.as_deref(), Some("2026-03-11T07:45:00Z"));
        assert_eq!(a.header.authors, ["Hanne Solberg"]);
        assert_eq!(a.header.source.as_deref(), Some("The Port Calloway Ledger"));
        assert_eq!(a.tags, ["Transport", "Harbor"]);
        // The list row, read without the item's content, has them too.
        assert_eq!(
            feed.heads(Path::new("news.xml"), Ids::Skip)[0].tags,
            ["Transport", "Harbor"]
        );
        assert_eq!(
            a.header.url.as_deref(),
            Some("https://ledger.example/2026/03/night-ferry-returns")
        );
        // content:encoded is the body, the description beside it the standfirst.
        assert_eq!(
            a.standfirst.as_deref(),
            Some("The Saltmere crossing reopens on Friday with a repainted hull.")
        );
        let body: String = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(body.contains("The night ferry to Saltmere will sail again"));
        assert!(body.contains("“We missed the sound of the horn,”"));
        assert!(!body.contains("<p>"));
        // The image enclosure is an image block; the audio one of the next item a link.
        assert_eq!(a.images.len(), 1);
        assert_eq!(a.images[0].src, "https://ledger.example/img/ferry.jpg");
        assert_eq!(a.blocks[a.images[0].block].kind, BlockKind::Image);
        let b = feed.article(Path::new("news.xml"), 1);
        assert!(b.images.is_empty());
        assert!(
            b.links
                .iter()
                .any(|l| l.url == "https://ledger.example/audio/clock-chime.mp3"
                    && l.text.contains("audio/mpeg"))
        );
        // Only a description: it is the body, HTML read.
        assert_eq!(b.standfirst, None);
        assert_eq!(
            b.blocks[0].text,
            "Clockmakers from Kessel have been asked to look at the frozen hands."
        );
    }

    #[test]
    fn atom_and_json_feed_items_are_read() {
        let atom = parse(&std::fs::read(fixture("veldmark-atom.atom")).unwrap()).unwrap();
        assert_eq!(atom.title.as_deref(), Some("Veldmark Valley Courier"));
        let a = atom.article(Path::new("c.atom"), 0);
        assert_eq!(a.header.title, "Orchard growers count frost damage");
        // Published (06:30 at +01:00), not updated, and in UTC.
        assert_eq!(a.header.date.as_deref(), Some("2026-03-12T05:30:00Z"));
        assert_eq!(a.header.authors, ["Priya Natarajan"]);
        assert_eq!(a.tags, ["Farming"]);
        assert_eq!(
            a.standfirst.as_deref(),
            Some("Three cold nights left the hillside orchards bare.")
        );
        // The second entry has no author: the feed's author is its author (Atom's rule);
        // its plain-text content keeps its two paragraphs.
        let b = atom.article(Path::new("c.atom"), 1);
        assert_eq!(b.header.authors, ["Courier Desk"]);
        assert_eq!(b.blocks.len(), 2);
        assert_eq!(
            b.header.url.as_deref(),
            Some("https://courier.example/glass-wing")
        );

        let bytes = std::fs::read(fixture("ostervik-jsonfeed.json")).unwrap();
        assert!(is_json_feed(&bytes));
        let json = parse(&bytes).unwrap();
        assert_eq!(json.title.as_deref(), Some("Ostervik Evening Post"));
        let a = json.article(Path::new("p.json"), 0);
        assert_eq!(a.path, Some(PathBuf::from("p.json#post-4471")));
        assert_eq!(a.tags, ["Coast", "Heritage"]);
        assert_eq!(a.header.authors, ["Odile Duclos"]);
        assert_eq!(
            a.standfirst.as_deref(),
            Some("An era ends on the northern point.")
        );
        assert_eq!(a.images.len(), 1);
        let b = json.article(Path::new("p.json"), 1);
        assert_eq!(
            b.blocks[0].text,
            "Two hundred players signed up for the regional open."
        );
    }

    #[test]
    fn item_paths_are_path_safe_and_fall_back_to_the_position() {
        assert_eq!(path_safe("ledger-2026_a.b~c"), "ledger-2026_a.b~c");
        assert_eq!(
            path_safe("https://x.example/a#b"),
            "https%3A%2F%2Fx.example%2Fa%23b"
        );
        assert_eq!(path_safe("é\u{1b}"), "%C3%A9%1B");
        assert!(path_safe(&"x".repeat(500)).len() == MAX_ID_CHARS);
        // Missing and repeated ids: the 1-based position.
        let text = rss("<item><title>A</title><guid>same</guid></item>\
             <item><title>B</title><guid>same</guid></item>\
             <item><title>C</title></item>");
        let feed = parse(text.as_bytes()).unwrap();
        assert_eq!(
            (0..3).map(|i| feed.key(i)).collect::<Vec<_>>(),
            ["same", "2", "3"]
        );
        assert_eq!(feed.find("2"), Some(1));
        assert_eq!(feed.find("nope"), None);
    }

    #[test]
    fn state_ids_are_distinct_and_survive_reordering_and_reformatting() {
        let items = [
            "<item><title>Same title</title><guid>g-1</guid><pubDate>Mon, 02 Mar 2026 10:00:00 +0000</pubDate><description>One</description></item>",
            "<item><title>Same title</title><guid>g-2</guid><pubDate>Mon, 02 Mar 2026 10:00:00 +0000</pubDate><description>One</description></item>",
            "<item><title>Linked</title><link>https://k.example/1</link></item>",
            "<item><title>Linked</title><link>https://k.example/2</link></item>",
            "<item><title>Bare</title></item>",
        ];
        let ids = |text: String| -> Vec<(String, String)> {
            let feed = parse(text.as_bytes()).unwrap();
            let mut v: Vec<_> = feed
                .heads(Path::new("f.xml"), Ids::Now)
                .into_iter()
                .map(|h| (h.header.title.clone() + &h.id[..0], h.id))
                .collect();
            v.sort();
            v
        };
        let first = ids(rss(&items.concat()));
        let mut distinct: Vec<&String> = first.iter().map(|(_, id)| id).collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), items.len(), "{first:?}");
        // Reversed and re-indented: the same ids.
        let reversed: Vec<String> = items.iter().rev().map(|i| format!("\n    {i}\n")).collect();
        assert_eq!(ids(rss(&reversed.concat())), first);
        // Skipped when the rows do not need them.
        let feed = parse(rss(&items.concat()).as_bytes()).unwrap();
        assert!(
            feed.heads(Path::new("f.xml"), Ids::Skip)
                .iter()
                .all(|h| h.id.is_empty())
        );
    }

    #[test]
    fn an_entity_bomb_is_never_expanded() {
        let mut dtd = String::from("<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        for k in 1..=9 {
            let prev = if k == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", k - 1)
            };
            dtd.push_str(&format!(
                "<!ENTITY lol{k} \"{}\">\n",
                format!("&{prev};").repeat(10)
            ));
        }
        dtd.push_str("]>\n");
        let text = format!(
            "<?xml version=\"1.0\"?>\n{dtd}<rss version=\"2.0\"><channel><title>Bomb &lol9;</title>\
             <item><title>Laughs &lol9;</title><description>&lol9;&lol9;</description></item>\
             </channel></rss>"
        );
        // A billion "lol"s would be 3 GB: whatever the parser does, it must stay small.
        match parse(text.as_bytes()) {
            Ok(feed) => {
                let a = feed.article(Path::new("b.xml"), 0);
                let size =
                    a.header.title.len() + a.blocks.iter().map(|b| b.text.len()).sum::<usize>();
                assert!(size < 200, "{size} bytes");
                assert!(a.header.title.starts_with("Laughs"));
            }
            Err(e) => assert!(format!("{e:#}").contains("feed"), "{e:#}"),
        }
    }

    #[test]
    fn a_truncated_feed_keeps_its_whole_items() {
        let text = std::fs::read_to_string(fixture("harbor-rss2.xml")).unwrap();
        let cut = text.find("Harbor board meets").unwrap();
        let feed = parse(&text.as_bytes()[..cut]).unwrap();
        assert_eq!(feed.len(), 2);
        assert!(
            feed.warnings.iter().any(|w| w.contains("truncated")),
            "{:?}",
            feed.warnings
        );
        assert_eq!(
            feed.article(Path::new("t.xml"), 1).header.title,
            "Town clock stops at a quarter past nine"
        );
        // Cut inside the first item: nothing whole, a clear error.
        let early = text.find("Night ferry").unwrap();
        let err = parse(&text.as_bytes()[..early]).unwrap_err();
        assert!(format!("{err:#}").contains("feed"), "{err:#}");
        // Not XML at all, and XML that is no feed.
        assert!(parse(b"just words").is_err());
        let err = parse(b"<?xml version=\"1.0\"?><config><a/></config>").unwrap_err();
        assert!(format!("{err:#}").contains("not a feed"), "{err:#}");
    }

    #[test]
    fn a_feed_of_a_million_items_is_cut_at_the_limit() {
        let mut items = String::with_capacity(1_000_000 * 40);
        for i in 0..1_000_000 {
            items.push_str(&format!("<item><title>N{i}</title></item>\n"));
        }
        let feed = parse(rss(&items).as_bytes()).unwrap();
        assert_eq!(feed.len(), MAX_ITEMS);
        assert!(feed.warnings.iter().any(|w| w.contains("only the first")));
        assert_eq!(
            feed.article(Path::new("m.xml"), MAX_ITEMS - 1).header.title,
            format!("N{}", MAX_ITEMS - 1)
        );

        let mut json =
            String::from("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
        for i in 0..1_000_000 {
            if i > 0 {
                json.push(',');
            }
            json.push_str(&format!(
                "{{\"id\": \"n{i}\", \"content_text\": \"t [{{\\\"x\"}}"
            ));
        }
        json.push_str("], \"title\": \"After the items\"}");
        let feed = parse(json.as_bytes()).unwrap();
        assert_eq!(feed.len(), MAX_ITEMS);
        assert_eq!(feed.title.as_deref(), Some("After the items"));
        assert!(feed.warnings.iter().any(|w| w.contains("only the first")));
    }

    #[test]
    fn the_cuts_close_what_is_open() {
        let text = rss(
            "<item><title>A</title></item><item><title>B</title></item><item><title>C</title></item>",
        );
        let Some(Cut::Limit(cut)) = cut_xml(text.as_bytes(), 2) else {
            panic!("no cut");
        };
        let cut = String::from_utf8(cut).unwrap();
        assert!(
            cut.ends_with("<title>B</title></item></channel></rss>"),
            "{cut}"
        );
        assert!(cut_xml(text.as_bytes(), 3).is_none());
        let json = br#"{"items": [{"a": "]}"}, {"b": 2}, {"c": [3]}], "title": "T"}"#;
        let cut = bound_json(json, 2).unwrap();
        assert_eq!(
            String::from_utf8(cut).unwrap(),
            r#"{"items": [{"a": "]}"}, {"b": 2}], "title": "T"}"#
        );
        assert!(bound_json(json, 3).is_none());
    }

    #[test]
    fn deeply_nested_elements_neither_crash_nor_hide_the_item() {
        // Within the XML reader's depth limit: the unknown elements are passed over.
        let deep = format!("{}{}", "<x>".repeat(60_000), "</x>".repeat(60_000));
        let text = rss(&format!("<item><title>Deep</title>{deep}</item>"));
        let feed = parse(text.as_bytes()).unwrap();
        assert_eq!(feed.len(), 1);
        assert_eq!(feed.article(Path::new("d.xml"), 0).header.title, "Deep");
        // Beyond it: a clear error, no crash.
        let deeper = format!("{}{}", "<x>".repeat(70_000), "</x>".repeat(70_000));
        let text = rss(&format!("<item><title>Deeper</title>{deeper}</item>"));
        let err = parse(text.as_bytes()).unwrap_err();
        assert!(format!("{err:#}").contains("deeper"), "{err:#}");
    }

    #[test]
    fn invalid_dates_leave_the_item_undated() {
        let feed = parse(&std::fs::read(fixture("harbor-rss2.xml")).unwrap()).unwrap();
        let a = feed.article(Path::new("n.xml"), 2);
        assert_eq!(a.header.title, "Harbor board meets in the old cannery");
        assert_eq!(
            (a.header.date, a.header.date_iso, a.datetime),
            (None, None, None)
        );
    }

    #[test]
    fn control_characters_in_items_are_neutralised() {
        let text = rss(
            "<item><title>Alarm &#27;[31m red</title><description>Bell &#7; here</description></item>",
        );
        let a = parse(text.as_bytes())
            .unwrap()
            .article(Path::new("c.xml"), 0);
        assert!(
            !a.header.title.contains('\u{1b}') && a.header.title.contains('\u{241B}'),
            "{}",
            a.header.title
        );
        assert!(a.blocks.iter().all(|b| !b.text.contains('\u{7}')));
    }

    #[test]
    fn an_untitled_item_takes_its_first_words_with_a_warning() {
        let text =
            rss("<item><description>Ferry crews in Ostervik vote to strike</description></item>");
        let feed = parse(text.as_bytes()).unwrap();
        let a = feed.article(Path::new("u.xml"), 0);
        assert_eq!(a.header.title, "Ferry crews in Ostervik vote to strike");
        assert!(a.warnings.iter().any(|w| w.contains("no title")));
        assert_eq!(
            feed.heads(Path::new("u.xml"), Ids::Skip)[0].header.title,
            a.header.title
        );
    }
}
