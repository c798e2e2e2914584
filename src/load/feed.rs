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
use crate::text::sanitize::{clean_line, clean_text};
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
    } else if let Some(Cut::Limit(cut)) = cut_xml(bytes, MAX_ITEMS) {
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
            let feed = read_feed(&cut).map_err(|_| e)?;
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
fn read_feed(bytes: &[u8]) -> Result<model::Feed> {
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
                    None => self.article(file, i).title,
                };
                let (date, date_iso, _) = dates(item);
                let id = match ids {
                    Ids::Skip => String::new(),
                    Ids::Now | Ids::Later => self.state_id(i, &title, date.as_deref()),
                };
                Head {
                    path: Some(item_path(file, &self.keys[i])),
                    title,
                    date,
                    date_iso,
                    source: self.title.clone(),
                    authors: self.item_authors(item),
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
        crate::state::article_id(title, date, Some(&basis))
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
            if href.is_empty() || Some(href) == url.as_deref() {
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
        let mut tags: Vec<String> = Vec::new();
        for c in &item.categories {
            let tag = one_line(c.label.as_deref().unwrap_or(&c.term));
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Article {
            path: Some(item_path(file, &self.keys[i])),
            format: Format::Feed,
            title,
            standfirst,
            date,
            date_iso,
            datetime,
            authors: self.item_authors(item),
            source: self.title.clone(),
            blocks,
            links,
            tags,
            url,
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
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| clean_line(l.href.trim()))
        .filter(|h| !h.is_empty())
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

/// The last feed parsed, kept so the items of one feed open without parsing it again.
type Kept = Option<(PathBuf, Stamp, Arc<Feed>)>;
static LAST: Mutex<Kept> = Mutex::new(None);

/// What tells a file's versions apart: its length and modification time.
type Stamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Result<Stamp> {
    let meta =
        std::fs::metadata(path).map_err(|e| anyhow!("reading {}: {e}", super::shown(path)))?;
    Ok((meta.len(), meta.modified().ok()))
}

/// The feed at `path`: the one kept when the file has not changed since, else read, parsed
/// and kept in its place.
pub fn cached(path: &Path) -> Result<Arc<Feed>> {
    let now = stamp(path)?;
    if let Ok(last) = LAST.lock()
        && let Some((p, s, feed)) = last.as_ref()
        && p == path
        && *s == now
    {
        return Ok(Arc::clone(feed));
    }
    let bytes = std::fs::read(path).map_err(|e| anyhow!("reading {}: {e}", super::shown(path)))?;
    let feed = Arc::new(parse(&bytes).map_err(|e| anyhow!("{}: {e:#}", super::shown(path)))?);
    drop(bytes);
    if let Ok(mut last) = LAST.lock() {
        *last = Some((path.to_path_buf(), now, Arc::clone(&feed)));
    }
    Ok(feed)
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
