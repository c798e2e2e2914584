//! JSON articles: byline's own shape (../shared/reference/article-json.md) and the shapes other
//! tools write — NewsAPI, news-please, JSON Feed items, Wallabag and Pocket exports, WordPress
//! posts, schema.org articles. A file holds one article object (bare, or wrapped as
//! `{"article": {…}}`), an array of them, or an object listing them under `articles` or `items`
//! (also `entries`, `posts`, `results`, `data` or a Pocket `list` when the object has no
//! article fields of its own).
//!
//! Fields are looked up under the names each shape uses (`pick`); fields byline does not use
//! are ignored, and the derived fields (`quotes`, `words`, `backlinks`, `warnings`) and
//! `path`/`format` are recomputed, never read. HTML in a text field goes through the shared
//! HTML-to-blocks step. A field of byline's own shape with the wrong type is an error that names
//! it (`own`); an object of no known shape loads what title and text it has, with a warning.
//! Only invalid JSON, or a file with no article object at all, is refused.

mod own;
mod pick;
mod slim;
mod value;

use super::frontmatter::{self, collapse};
use crate::article::{Article, Block, BlockKind, Image, Link};
use crate::sanitize::clean_line;
use anyhow::{Result, anyhow, bail};
use own::describe;
use std::io::Read as _;
use std::path::Path;
use value::{Map, Value};

/// Keys that list a file's articles.
const LIST_KEYS: [&str; 2] = ["articles", "items"];
/// Keys that list articles when the object around them is not an article itself.
const MAYBE_LIST_KEYS: [&str; 5] = ["entries", "posts", "results", "data", "list"];
/// Keys that wrap a single article object.
const WRAPPER_KEYS: [&str; 6] = ["article", "post", "data", "item", "story", "result"];
/// Keys of byline's own shape, besides those [`pick`] looks up.
const OWN_KEYS: [&str; 16] = [
    "path",
    "format",
    "title",
    "date_iso",
    "datetime",
    "authors",
    "source",
    "dateline",
    "blocks",
    "body",
    "related",
    "backlinks",
    "footer",
    "links",
    "quotes",
    "words",
];
/// A string field at least this long that no known key names may be the text of an unknown
/// shape.
const LONG_FIELD: usize = 200;

/// Parses sanitised JSON text into its first article (path, format and derived fields are set
/// by the caller); a file holding several says so in a warning. See [`parse_all`].
pub fn parse(text: &str) -> Result<Article> {
    parse_value(&read(text)?)
}

/// [`parse`] for JSON already read.
fn parse_value(value: &Value) -> Result<Article> {
    let found = articles_of(value)?;
    let n = found.items.len();
    let mut a = article(found.items[0], &found.feed).map_err(|e| in_list(e, 0, n))?;
    if n > 1 {
        a.warnings
            .push(format!("the file holds {n} articles; this is the first"));
    }
    found.note_skipped(&mut a);
    Ok(a)
}

/// Parses sanitised JSON text into every article it holds, in the file's order.
pub fn parse_all(text: &str) -> Result<Vec<Article>> {
    parse_all_value(&read(text)?)
}

/// [`parse_all`] for JSON already read.
fn parse_all_value(value: &Value) -> Result<Vec<Article>> {
    let found = articles_of(value)?;
    let n = found.items.len();
    let mut out = Vec::with_capacity(n);
    for (i, obj) in found.items.iter().enumerate() {
        out.push(article(obj, &found.feed).map_err(|e| in_list(e, i, n))?);
    }
    if let Some(first) = out.first_mut() {
        found.note_skipped(first);
    }
    Ok(out)
}

fn read(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(invalid)
}

fn invalid(e: serde_json::Error) -> anyhow::Error {
    anyhow!("invalid JSON: {}", clean_line(&e.to_string()))
}

/// What the full loader's sniffing of a `.json` file's bytes finds, streamed: whether it names
/// a JSON Feed version (and opens with `{`), opens with `[`, or is an object holding an
/// `articles` or `items` array (looked for only when the bytes name the key). `None` when the
/// file is not valid UTF-8 (a case the whole read decides).
pub fn sniff_file(path: &Path) -> Result<Option<(bool, bool, bool)>> {
    const NEEDLES: [&[u8]; 3] = [b"jsonfeed.org/version/", b"\"articles\"", b"\"items\""];
    let file = crate::files::open_regular(path)?;
    let mut needles = slim::Needles::new(file, &NEEDLES);
    // Read through once, checking that the bytes are UTF-8 (a cut character carried over).
    let mut buf = vec![0u8; 64 * 1024];
    let mut utf8 = crate::sanitize::stream::Utf8Check::default();
    loop {
        let n = needles.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if !utf8.piece(&buf[..n]) {
            return Ok(None);
        }
    }
    if !utf8.ended_whole() {
        return Ok(None);
    }
    let feed = needles.found[0] && needles.first == Some(b'{');
    let array = needles.first == Some(b'[');
    let list = needles.first == Some(b'{')
        && (needles.found[1] || needles.found[2])
        && slim::top_arrays(crate::files::open_regular(path)?)
            .is_some_and(|(articles, items)| articles || items);
    Ok(Some((feed, array, list)))
}

/// The JSON file at `path` read for a pass over its library: its header, related headlines
/// and tags as [`parse`] reads them (item `item`, from one, of a list file when given), other
/// fields left empty, the file streamed and its body never held ([`slim`]). `Ok(None)` when the
/// file is not read this way and must be loaded whole: a JSON Feed, bytes that are not plain
/// UTF-8, an item of a file that holds no list.
pub fn related(path: &Path, item: Option<usize>) -> Result<Option<Article>> {
    let Some(mut article) = slim_article(path, item, false, 0)? else {
        return Ok(None);
    };
    Ok(Some(Article {
        header: std::mem::take(&mut article.header),
        related: std::mem::take(&mut article.related),
        tags: std::mem::take(&mut article.tags),
        ..Article::default()
    }))
}

/// The one-article JSON file at `path` read for its list row: [`related`]'s article with its
/// body's first block as the whole parse gives it (text fields are kept whole, long arrays
/// only to their first entries that hold text), other blocks perhaps missing.
pub fn row(path: &Path) -> Result<Option<Article>> {
    slim_article(path, None, true, 0)
}

/// The JSON article at `path` (item `item` of a list) read for the search index: its header
/// whole and its body as the whole parse gives it until `text` bytes of its strings have been
/// read, later blocks left out or cut (a JSON string that overruns the budget keeps its
/// start). The file is streamed, so a long body is never held whole. `Ok(None)` as for
/// [`related`].
pub fn indexed(path: &Path, item: Option<usize>, text: usize) -> Result<Option<Article>> {
    slim_article(path, item, false, text.max(1))
}

/// The article (item `item` of a list) that [`parse`] reads from the slim value of the file
/// (see [`slim::read`] for `whole_strings` and `text_budget`).
fn slim_article(
    path: &Path,
    item: Option<usize>,
    whole_strings: bool,
    text_budget: usize,
) -> Result<Option<Article>> {
    const NEEDLES: [&[u8]; 3] = [b"jsonfeed.org/version/", b"\"articles\"", b"\"items\""];
    let file = crate::files::open_regular(path)?;
    let limit = crate::files::article_limit();
    if file.metadata().is_ok_and(|m| m.len() > limit) {
        return Ok(None);
    }
    let mut needles = slim::Needles::new(file.take(limit + 1), &NEEDLES);
    let mut text = crate::sanitize::stream::Neutral::new(&mut needles);
    // Not JSON (or not read as plain UTF-8): the whole load says what is wrong.
    let Ok(value) = slim::read(&mut text, whole_strings, text_budget) else {
        return Ok(None);
    };
    if needles.found[0] && needles.first == Some(b'{') {
        return Ok(None);
    }
    // What `container_kind` would call the file.
    let list = match &value {
        Value::Array(_) => true,
        Value::Object(o) => {
            (needles.found[1] || needles.found[2])
                && (o.get("articles").is_some_and(Value::is_array)
                    || o.get("items").is_some_and(Value::is_array))
        }
        _ => false,
    };
    Ok(match item {
        None => Some(parse_value(&value)?),
        Some(n) if list => parse_all_value(&value)?.into_iter().nth(n.wrapping_sub(1)),
        Some(_) => None,
    })
}

/// An error of article `i` of `n`, numbered from one when the file holds several.
fn in_list(e: anyhow::Error, i: usize, n: usize) -> anyhow::Error {
    if n > 1 {
        e.context(format!("article {}", i + 1))
    } else {
        e
    }
}

/// What a feed says about all of its items.
#[derive(Default)]
struct Feed {
    /// A JSON Feed's title: the publication.
    source: Option<String>,
    /// A JSON Feed's authors, which its items without authors share.
    authors: Vec<String>,
}

/// The article objects of a file.
struct Found<'a> {
    items: Vec<&'a Map>,
    feed: Feed,
    /// Entries of the list that are not objects.
    skipped: usize,
}

impl Found<'_> {
    fn note_skipped(&self, a: &mut Article) {
        if self.skipped > 0 {
            a.warnings.push(format!(
                "{} entries of the list are not objects and were skipped",
                self.skipped
            ));
        }
    }
}

/// Finds the article objects of a file's value.
fn articles_of(v: &Value) -> Result<Found<'_>> {
    let o = match v {
        Value::Object(o) => o,
        Value::Array(items) => return list(items.iter(), Feed::default(), "an array"),
        v => bail!("not a JSON object (got {})", describe(v)),
    };
    let feed = || Feed {
        source: o
            .get("version")
            .and_then(Value::as_str)
            .filter(|v| v.contains("jsonfeed"))
            .and_then(|_| o.get("title").and_then(Value::as_str))
            .map(collapse)
            .filter(|t| !t.is_empty()),
        authors: own::strings(o, "authors").unwrap_or_default(),
    };
    // One article wrapped in an object (`{"article": {…}}`) is that article.
    if pick::title(o).is_none()
        && let Some(inner) = WRAPPER_KEYS.iter().find_map(|k| {
            o.get(*k)
                .filter(|v| v.as_object().is_some_and(|i| pick::title(i).is_some()))
        })
    {
        return articles_of(inner);
    }
    // An article may hold a list of its own (`items` of a fact box): an object with text of its
    // own is one article.
    let has_text = pick::text(o).is_some() || o.contains_key("blocks") || o.contains_key("body");
    for key in LIST_KEYS {
        if let Some(Value::Array(items)) = o.get(key).filter(|_| !has_text) {
            return list(items.iter(), feed(), key);
        }
    }
    // Wallabag's API wraps its entries once more.
    if let Some(Value::Array(items)) = o
        .get("_embedded")
        .and_then(|e| e.get("items"))
        .filter(|_| !o.contains_key("title"))
    {
        return list(items.iter(), feed(), "items");
    }
    let is_article = has_text || pick::title(o).is_some();
    if !is_article {
        for key in MAYBE_LIST_KEYS {
            match o.get(key) {
                Some(Value::Array(items)) if items.iter().any(Value::is_object) => {
                    return list(items.iter(), feed(), key);
                }
                // Pocket lists its items in a map from item id to item.
                Some(Value::Object(map))
                    if key == "list" && !map.is_empty() && map.values().all(Value::is_object) =>
                {
                    return list(map.values(), feed(), key);
                }
                _ => {}
            }
        }
    }
    Ok(Found {
        items: vec![o],
        feed: Feed::default(),
        skipped: 0,
    })
}

/// The objects of a list; an error when it holds none.
fn list<'a>(items: impl Iterator<Item = &'a Value>, feed: Feed, what: &str) -> Result<Found<'a>> {
    let mut objects = Vec::new();
    let mut skipped = 0;
    for item in items {
        match item.as_object() {
            Some(o) => objects.push(o),
            None => skipped += 1,
        }
    }
    if objects.is_empty() {
        if what == "an array" {
            bail!("not a JSON object (got an array without objects)");
        }
        bail!("no article in the file: \"{what}\" holds no object");
    }
    Ok(Found {
        items: objects,
        feed,
        skipped,
    })
}

/// Reads one article object.
fn article(obj: &Map, feed: &Feed) -> Result<Article> {
    let mut warnings = Vec::new();
    let title_found = match obj.get("title") {
        None | Some(Value::Null | Value::String(_)) => pick::title(obj),
        Some(v @ Value::Object(_)) => match pick::title(obj) {
            Some(t) => Some(t),
            None => bail!(
                "field \"title\": expected a non-empty string, got {}",
                describe(v)
            ),
        },
        Some(v) => bail!(
            "field \"title\": expected a non-empty string, got {}",
            describe(v)
        ),
    };
    let title_key = title_found.as_ref().map(|t| t.0);
    let mut title = title_found.map(|t| t.1).unwrap_or_default();

    // The own `date` must be a string (or a Unix time stamp); other shapes' date keys are read
    // when they are.
    let date = match obj.get("date") {
        Some(Value::Number(_)) => None,
        _ => own::opt_string(obj, "date")?.map(|d| d.trim().to_string()),
    }
    .or_else(|| pick::date(obj).map(|d| d.1));
    let epoch = date.as_deref().and_then(frontmatter::from_epoch);
    let given_iso = own::opt_string(obj, "date_iso")?;
    let date_iso = date
        .as_deref()
        .and_then(frontmatter::date_iso)
        .or_else(|| epoch.as_deref().and_then(frontmatter::date_iso))
        // A valid `date_iso` written beside a date line the reader cannot read still counts.
        .or_else(|| given_iso.as_deref().and_then(crate::article::date::iso));
    let given_datetime = own::opt_string(obj, "datetime")?;
    let datetime = date
        .as_deref()
        .and_then(frontmatter::datetime)
        .or(epoch)
        .or_else(|| given_datetime.as_deref().and_then(frontmatter::datetime));

    let mut authors = match obj.get("authors") {
        // Pocket maps author ids to authors.
        Some(Value::Object(map)) => map
            .values()
            .filter_map(|a| a.get("name").and_then(Value::as_str))
            .map(collapse)
            .filter(|a| !a.is_empty())
            .collect(),
        _ => own::strings(obj, "authors")?,
    };
    if authors.is_empty() {
        let mut urls = Vec::new();
        authors = pick::authors(obj, &mut urls);
        for u in urls {
            warnings.push(format!(
                "an author given as a web address was left out: {}",
                clean_line(&u)
            ));
        }
    }
    if authors.is_empty() {
        authors = feed.authors.clone();
    }

    let mut url = pick::url(obj);
    let source = match obj.get("source") {
        Some(Value::Object(_)) => pick::source(obj),
        _ => match own::opt_string(obj, "source")?.map(|s| collapse(&s)) {
            // Some exports put the page's address under `source`.
            Some(s) if frontmatter::looks_like_url(&s) => {
                url.get_or_insert(s);
                pick::source(obj)
            }
            Some(s) => Some(s),
            None => pick::source(obj),
        },
    }
    .or_else(|| feed.source.clone());
    // NewsAPI ends every headline with ` - ` and the source's name.
    if let Some(s) = &source
        && let Some(t) = title.strip_suffix(s.as_str())
        && let Some(t) = t.strip_suffix(" - ").or_else(|| t.strip_suffix(" | "))
        && !t.trim().is_empty()
    {
        title = t.trim_end().to_string();
    }
    if title.is_empty() {
        warnings.push("no title: no \"title\", \"headline\" or \"name\" field".to_string());
    }

    let present = |k: &str| obj.get(k).filter(|v| !v.is_null());
    let mut text_key = None;
    let (mut blocks, mut body_links) = match (present("blocks"), present("body")) {
        (Some(b), body) => {
            if body.is_some() {
                warnings.push("\"body\" ignored: \"blocks\" given".to_string());
            }
            (own::blocks(b)?, Vec::new())
        }
        (None, Some(body @ Value::String(s))) if pick::looks_like_html(s) => pick::blocks(body),
        (None, Some(body)) => (own::body_blocks(body)?, Vec::new()),
        (None, None) => match pick::text(obj) {
            Some((key, known, v)) => {
                text_key = Some((key, known));
                pick::blocks(v)
            }
            None => (Vec::new(), Vec::new()),
        },
    };
    // An unknown shape's text is most likely its longest string field that no known key names.
    if blocks.is_empty()
        && text_key.is_none()
        && let Some((key, v)) = obj
            .iter()
            .filter(|(k, v)| v.as_str().is_some_and(|s| s.len() >= LONG_FIELD) && !known_key(k))
            .max_by_key(|(_, v)| v.as_str().map_or(0, str::len))
    {
        text_key = Some((key.as_str(), false));
        (blocks, body_links) = pick::blocks(v);
    }
    if let Some(n) = pick::cut_mark(&mut blocks) {
        warnings.push(format!(
            "the text is cut short: the source left out {n} more characters"
        ));
    }
    let standfirst = pick::standfirst(obj).filter(|s| blocks.first().is_none_or(|b| b.text != *s));

    let mut images = own_images(obj, &blocks, &mut warnings);
    if images.is_empty()
        && !blocks.iter().any(|b| b.kind == BlockKind::Image)
        && let Some(src) = pick::lead_image(obj)
    {
        blocks.insert(0, Block::new(BlockKind::Image, ""));
        for l in &mut body_links {
            if let Some(at) = l.at.as_mut() {
                at.block += 1;
            }
        }
        images.push(Image {
            block: 0,
            alt: String::new(),
            src,
        });
    }

    let links = if present("links").is_some() {
        own::links(obj)?
    } else {
        let mut links = Vec::with_capacity(body_links.len() + 1);
        if let Some(u) = &url
            && !body_links.iter().any(|l| l.url == *u)
        {
            links.push(Link {
                text: if title.is_empty() {
                    u.clone()
                } else {
                    title.clone()
                },
                url: u.clone(),
                at: None,
            });
        }
        links.extend(body_links);
        links
    };

    note_shape(title_key, text_key, blocks.is_empty(), &mut warnings);
    let mut article = Article {
        header: crate::article::Header {
            title,
            date,
            date_iso,
            authors,
            source,
            url,
        },
        standfirst,
        datetime,
        dateline: own::opt_string(obj, "dateline")?.map(|s| collapse(&s)),
        blocks,
        related: own::related(obj)?,
        footer: own::strings(obj, "footer")?,
        links,
        tags: pick::tags(obj),
        images,
        warnings,
        ..Article::default()
    };
    frontmatter::scrub(&mut article);
    Ok(article)
}

/// Byline's own `images` list, kept where an entry's `block` is an `image` block; others are
/// left out with a warning.
fn own_images(obj: &Map, blocks: &[Block], warnings: &mut Vec<String>) -> Vec<Image> {
    let Some(Value::Array(items)) = obj.get("images") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut bad = 0;
    for item in items {
        let image = item.as_object().and_then(|o| {
            let block = usize::try_from(o.get("block")?.as_u64()?).ok()?;
            let src = o.get("src")?.as_str()?.trim().to_string();
            let alt = o.get("alt").and_then(Value::as_str).map(collapse);
            (blocks.get(block)?.kind == BlockKind::Image && !src.is_empty()).then(|| Image {
                block,
                alt: alt.unwrap_or_default(),
                src,
            })
        });
        match image {
            Some(i) => out.push(i),
            None => bad += 1,
        }
    }
    if bad > 0 {
        warnings.push(format!(
            "{bad} entries of \"images\" name no image block and were left out"
        ));
    }
    out
}

/// Warns when the object is of no known shape: its title or text came from a key only a guess
/// reads, or it has neither title nor text.
fn note_shape(
    title_key: Option<&str>,
    text_key: Option<(&str, bool)>,
    no_blocks: bool,
    warnings: &mut Vec<String>,
) {
    let title_guessed = title_key.is_some_and(|k| {
        pick::TITLE_KEYS
            .iter()
            .any(|(key, known)| *key == k && !known)
    });
    let text_guessed = text_key.is_some_and(|(_, known)| !known);
    let nothing = title_key.is_none() && no_blocks;
    if !(title_guessed || text_guessed || nothing) {
        return;
    }
    let mut parts = Vec::new();
    match title_key {
        Some(k) => parts.push(format!("title from \"{}\"", clean_line(k))),
        None => parts.push("no title".to_string()),
    }
    match text_key {
        Some((k, _)) => parts.push(format!("text from \"{}\"", clean_line(k))),
        None if no_blocks => parts.push("no text".to_string()),
        None => {}
    }
    warnings.push(format!("unknown JSON shape: {}", parts.join("; ")));
}

/// Whether a key is one byline reads in some shape.
fn known_key(k: &str) -> bool {
    OWN_KEYS.contains(&k)
        || pick::TITLE_KEYS.iter().any(|t| t.0 == k)
        || pick::TEXT_KEYS.iter().any(|t| t.0 == k)
        || pick::DATE_KEYS.contains(&k)
        || matches!(
            k,
            "description" | "summary" | "standfirst" | "url" | "link" | "author" | "tags"
        )
}
