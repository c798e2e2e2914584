//! Saved web pages (`.html`, `.htm`, `.xhtml`): the story's main content and its header.
//!
//! The page is parsed by html5ever into a compact tree of our own ([`tree`]), as a browser would, so truncated or
//! malformed markup still gives a tree. The header comes from the page's metadata first
//! ([`meta`]) and its visible text second ([`visible`]); the story is found by [`content`],
//! its related box by [`related`], and [`blocks`] turns the story's elements into body blocks.
//! [`to_blocks`] is the same last step for HTML found inside other formats.

mod blocks;
mod content;
mod depth;
mod dom;
mod encoding;
mod lean;
mod meta;
pub mod mhtml;
mod related;
pub mod row;
mod tree;
pub mod url;
mod visible;

use crate::article::{Article, Block, BlockKind, Image, Link};
use crate::load::resolve::normalise;
use crate::sanitize;
use anyhow::{Result, bail};
use foldhash::{HashSet, HashSetExt};
use html5ever::tendril::StrTendril;

/// The largest page read: a saved page of any real site is a few MB (SingleFile pages with
/// their pictures inlined reach tens); past this the page is refused with a message rather
/// than parsed into a tree many times its size.
pub const MAX_PAGE: usize = 64 << 20;

/// Body blocks and links read from a fragment of HTML (a JSON field, a feed item's content).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlBody {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Every `<a href>`, with its text and where it stands in `blocks`.
    pub links: Vec<Link>,
    /// The pictures, each with the `image` block standing for it.
    pub images: Vec<Image>,
}

/// Turns a fragment of HTML into body blocks: the shared HTML-to-blocks step of JSON fields,
/// feed items and saved pages. Relative links stay as written.
pub fn to_blocks(html: &str) -> HtmlBody {
    to_blocks_at(html, None)
}

/// [`to_blocks`] with relative links joined to `base` (a feed item's own address).
pub fn to_blocks_at(html: &str, base: Option<&str>) -> HtmlBody {
    let doc = tree::parse_fragment(&depth::bound(html));
    let root = doc.root();
    let walked = blocks::walk(&[root], &HashSet::new(), base);
    HtmlBody {
        blocks: walked.blocks,
        links: walked.links,
        images: walked.images,
    }
}

/// Whether the start of `bytes` is a web page (`<!DOCTYPE html`, `<html`, or either after a
/// BOM, comments or an XML declaration).
pub fn sniff(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(1024)];
    let start = start.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(start);
    let lower: Vec<u8> = start.iter().map(u8::to_ascii_lowercase).collect();
    let t = lower.trim_ascii_start();
    if t.starts_with(b"<!doctype html") || t.starts_with(b"<html") {
        return true;
    }
    // A SingleFile page opens with a comment; an XHTML page with an XML declaration.
    (t.starts_with(b"<!--") || t.starts_with(b"<?xml"))
        && (memchr::memmem::find(t, b"<!doctype html").is_some()
            || memchr::memmem::find(t, b"<html").is_some())
}

/// Page bytes as text: the encoding the page declares (or its BOM, or a guess), then the
/// same neutralising as every other article. Pages over [`MAX_PAGE`] are refused.
pub fn decode(bytes: &[u8]) -> Result<sanitize::Clean> {
    if bytes.len() > MAX_PAGE {
        bail!(
            "page too large: {} MB (saved pages are read up to {} MB)",
            bytes.len() >> 20,
            MAX_PAGE >> 20
        );
    }
    let (text, note) = encoding::decode(bytes);
    let mut clean = sanitize::decode(text.as_bytes())?;
    clean.warnings.extend(note);
    Ok(clean)
}

/// The most of a saved page a pass over its library parses, once its scripts, styles and
/// inlined pictures are left out: 4 MiB, as much as the search index takes of an article's
/// text. A page of more text than that is parsed from its start only (see [`related`]).
pub const PASS_WINDOW: usize = 4 << 20;

/// The saved page at `path` read for a pass over its library: its header and related box as
/// [`parse`] finds them, from the page without its scripts, styles and inlined pictures
/// ([`lean`]), other fields left empty. Of a page with more than [`PASS_WINDOW`] bytes left
/// after that, only its first [`PASS_WINDOW`] is read and parsed (cut where a tag starts), so a
/// huge page of text is never parsed into a tree whole: its header and related box are those
/// of that first part, the same as the whole page's when they stand in it (a related box
/// past it is not seen). A page that is not UTF-8 is decoded as it is read, in the encoding
/// the whole read takes. `Ok(None)` when the page is not read this way and must be loaded
/// whole: a web archive, one over the size limits.
pub fn related(path: &std::path::Path) -> Result<Option<Article>> {
    related_within(path, PASS_WINDOW)
}

/// [`related`] with a window of `window` bytes.
fn related_within(path: &std::path::Path, window: usize) -> Result<Option<Article>> {
    let Some(text) = window_of(path, window)? else {
        return Ok(None);
    };
    let big = text.len() > BIG_WINDOW;
    let read = move || {
        let doc = tree_of(&depth::bound(&text));
        let found = Page::read(doc.root(), None);
        let (header, _) = found.header();
        Article {
            header,
            tags: found.tags(),
            related: found.boxes.entries,
            ..Article::default()
        }
    };
    // A tree of megabytes of page is built and dropped as a big job, so its memory goes back
    // to the system rather than staying with the allocator.
    Ok(Some(if big {
        crate::work::big_job(read)
    } else {
        read()
    }))
}

/// The window of page past which the related pass parses it as a [`crate::work::big_job`].
const BIG_WINDOW: usize = 1 << 20;

/// The saved page at `path` read for the search index: the page without its scripts, styles
/// and inlined pictures, as [`related`] reads it, cut before the first tag that starts past
/// `markup` bytes, then parsed. So a huge page is never parsed into a tree whole; its text
/// past the cut is left out. `Ok(None)` as for [`related`].
pub fn indexed(path: &std::path::Path, markup: usize) -> Result<Option<Article>> {
    let Some(text) = window_of(path, markup)? else {
        return Ok(None);
    };
    parse(&text).map(Some)
}

/// The saved page at `path` decoded as the whole read decodes it, without its scripts, styles
/// and inlined pictures ([`lean`]), and cut before the first tag that starts past `most` bytes
/// of that (the rest of the page unread: when the page is UTF-8 up to there, the rest is not
/// checked to be). A page that is not UTF-8 is decoded as it is read, in the encoding the whole
/// read takes (its byte-order mark or declaration, else the guess, which reads the page through
/// once). `None` for a web archive or a page over the size limits.
fn window_of(path: &std::path::Path, most: usize) -> Result<Option<String>> {
    use std::io::{Read, Seek};
    let file = crate::files::open_regular(path)?;
    let size = file.metadata().map_or(u64::MAX, |m| m.len());
    if size > MAX_PAGE as u64 || size > crate::files::article_limit() {
        return Ok(None);
    }
    let mut start = Vec::with_capacity(row::HEAD_LIMIT);
    let mut file = std::io::BufReader::new(file);
    (&mut file)
        .take(row::HEAD_LIMIT as u64)
        .read_to_end(&mut start)?;
    if mhtml::is_archive(&start) {
        return Ok(None);
    }
    if let Some(page) = lean::read_up_to(start.as_slice().chain(&mut file), most)? {
        return Ok(Some(decode(&cut(page, most))?.text));
    }
    let mut file = file.into_inner();
    file.rewind()?;
    let (encoding, bom) = encoding::of_invalid(&start, std::io::BufReader::new(&file))?;
    file.seek(std::io::SeekFrom::Start(bom as u64))?;
    let decoded = encoding::Decoding::new(std::io::BufReader::new(file), encoding);
    let Some(page) = lean::read_up_to(decoded, most)? else {
        bail!("the page's text did not decode");
    };
    Ok(Some(sanitize::decode(&cut(page, most))?.text))
}

/// `page` (without scripts and styles) cut before the first tag that starts past `most` bytes,
/// so no tag or character is cut in two; the parser closes what is left open.
fn cut(mut page: Vec<u8>, most: usize) -> Vec<u8> {
    if page.len() > most {
        let end = memchr::memrchr(b'<', &page[..=most]).unwrap_or(0);
        page.truncate(end);
        page.shrink_to_fit();
    }
    page
}

/// Parses a whole saved page.
pub fn parse(html: &str) -> Result<Article> {
    parse_at(html, None)
}

/// [`parse`] for a page whose address is known from outside it (a web archive's
/// `Snapshot-Content-Location`): the address stands in for a missing canonical URL, as `url`
/// and as the base that relative links are joined to.
pub fn parse_at(html: &str, location: Option<&str>) -> Result<Article> {
    if html.len() > MAX_PAGE {
        bail!("page too large: {} MB", html.len() >> 20);
    }
    Ok(read_tree(&tree_of(&depth::bound(html)), location))
}

/// [`parse`] of a page given as its own `String`, which goes once the parser has its copy: a
/// long page is not held twice while its tree is built.
pub fn parse_owned(html: String) -> Result<Article> {
    if html.len() > MAX_PAGE {
        bail!("page too large: {} MB", html.len() >> 20);
    }
    let input = StrTendril::from_slice(&depth::bound(&html));
    drop(html);
    Ok(read_tree(&tree::parse_document(input), None))
}

/// The article a parsed page holds; `location` as for [`parse_at`].
fn read_tree(doc: &tree::Tree, location: Option<&str>) -> Article {
    let root = doc.root();
    let page = Page::read(root, location);
    let mut removed: HashSet<_> = page.boxes.nodes.iter().copied().collect();
    removed.extend(page.seen.dek_node);
    let tree = root.tree();
    let root_nodes: Vec<_> = page.roots.iter().filter_map(|id| tree.get(*id)).collect();
    let walked = blocks::walk(&root_nodes, &removed, page.base.as_deref());
    let (header, datetime) = page.header();
    let tags = page.tags();
    let (meta, seen) = (page.meta, page.seen);
    let mut article = Article {
        header,
        datetime,
        tags,
        blocks: walked.blocks,
        links: walked.links,
        images: walked.images,
        related: page.boxes.entries,
        ..Article::default()
    };
    article.standfirst = seen.dek.as_deref().map(sanitize::clean_line);
    drop_header_repeats(&mut article);
    if article.standfirst.is_none() {
        // The description is a standfirst only when it is not the first paragraph again.
        let first_para = article
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .map_or("", |b| b.text.as_str());
        article.standfirst = meta
            .description
            .as_deref()
            .filter(|d| !same_start(d, first_para))
            .map(sanitize::clean_line);
    }
    drop_furniture_lines(&mut article);
    if article.header.title.is_empty() && article.blocks.is_empty() {
        article
            .warnings
            .push("no story text found on the page".into());
    }
    article
}

/// The page `html` parsed into a tree ([`tree`]).
fn tree_of(html: &str) -> tree::Tree {
    tree::parse_document(StrTendril::from_slice(html))
}

/// What a parsed page says of itself apart from its body: its metadata, the story's elements,
/// what its visible text shows of the header, its address and its related boxes.
struct Page {
    meta: meta::Meta,
    /// The story's content elements.
    roots: Vec<tree::NodeId>,
    seen: visible::Seen,
    canonical: Option<String>,
    /// What relative links are joined to.
    base: Option<String>,
    boxes: related::Boxes,
}

impl Page {
    /// Reads the page parsed under `root`; `location` as for [`parse_at`].
    fn read(root: dom::N<'_>, location: Option<&str>) -> Page {
        let meta = meta::Meta::read(root);
        let stats = content::measure(root);
        let roots = content::find(root, &stats);
        drop(stats);
        let seen = visible::read(root, &roots);
        let canonical = canonical_url(&meta).or_else(|| {
            location
                .filter(|l| url::scheme(l).is_some())
                .map(str::to_string)
        });
        let base = match meta.base.as_deref() {
            Some(b) => Some(url::join(canonical.as_deref(), b)),
            None => canonical.clone(),
        };
        let boxes = related::find(root, &roots, base.as_deref());
        Page {
            meta,
            roots,
            seen,
            canonical,
            base,
            boxes,
        }
    }

    /// The article's header and its date as a time, from the metadata first and the visible
    /// text second.
    fn header(&self) -> (crate::article::Header, Option<String>) {
        let (meta, seen) = (&self.meta, &self.seen);
        let title = header_title(meta, seen.h1.as_deref());
        let mut authors = meta.authors.clone();
        if authors.is_empty() {
            authors = seen.authors.clone();
        }
        let date = meta.date.clone().or_else(|| seen.date.clone());
        let (date_iso, datetime) = date.as_deref().map_or((None, None), meta::date_fields);
        let header = crate::article::Header {
            title: sanitize::clean_line(&title),
            authors: authors.iter().map(|a| sanitize::clean_line(a)).collect(),
            source: meta.site.as_deref().map(sanitize::clean_line),
            date: date.map(|d| sanitize::clean_line(&d)),
            date_iso,
            url: self.canonical.as_deref().map(sanitize::clean_line),
        };
        (header, datetime)
    }

    /// The page's tags, from its metadata.
    fn tags(&self) -> Vec<String> {
        self.meta
            .tags
            .iter()
            .map(|t| sanitize::clean_line(t))
            .collect()
    }
}

/// The page's own address: `link rel=canonical` (a relative one joined to `og:url` or
/// `<base>`), else `og:url`; only an absolute address counts.
fn canonical_url(meta: &meta::Meta) -> Option<String> {
    let absolute = |u: &String| url::scheme(u).is_some();
    let og = meta.og_url.clone().filter(absolute);
    let base = og.clone().or_else(|| meta.base.clone().filter(absolute));
    meta.canonical
        .as_deref()
        .map(|c| url::join(base.as_deref(), c))
        .filter(absolute)
        .or(og)
}

/// The headline: `og:title`, JSON-LD `headline`, the first `<h1>`, else `<title>`; the site's
/// name is taken off.
fn header_title(meta: &meta::Meta, h1: Option<&str>) -> String {
    let site = meta.site.as_deref();
    if let Some(t) = &meta.og_title {
        return meta::strip_site(t, site, false);
    }
    if let Some(t) = &meta.headline {
        return meta::strip_site(t, site, false);
    }
    if let Some(t) = h1.filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    meta.title_tag
        .as_deref()
        .map(|t| meta::strip_site(t, site, true))
        .unwrap_or_default()
}

/// Whether one text is the start of the other (a description cut from the first paragraph,
/// `…` and all), compared in normal form.
fn same_start(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a.trim_end_matches(['…', '.'])), normalise(b));
    !a.is_empty() && !b.is_empty() && (a.starts_with(&b) || b.starts_with(&a))
}

/// How many blocks at the top of the body are looked at for a repeat of the header.
const HEADER_BLOCKS: usize = 6;

/// Drops the blocks at the top of the body that only repeat the header: the headline, the
/// standfirst, a date line, a `By …` line naming the authors. Nothing past the first long
/// paragraph is touched.
fn drop_header_repeats(a: &mut Article) {
    let title = normalise(&a.header.title);
    let dek = a.standfirst.as_deref().map(normalise);
    let authors: Vec<String> = a.header.authors.iter().map(|s| normalise(s)).collect();
    let mut drop = Vec::new();
    for (i, b) in a.blocks.iter().enumerate().take(HEADER_BLOCKS) {
        if b.kind == BlockKind::Paragraph && b.text.chars().count() > 120 {
            break;
        }
        let n = normalise(&b.text);
        let repeat = matches!(b.kind, BlockKind::Heading | BlockKind::Paragraph)
            && (n == title
                || dek.as_deref() == Some(n.as_str())
                || crate::article::date::is_date_line(&b.text)
                || (b.text.len() < 120
                    && meta::strip_by(&b.text).len() < b.text.len()
                    && authors.iter().any(|x| n.contains(x.as_str()))));
        if repeat && !n.is_empty() {
            drop.push(i);
        }
    }
    remove_blocks(a, &drop);
}

/// Removes blocks `drop` (ascending indices), with their links; later blocks' links and
/// images follow them up.
fn remove_blocks(a: &mut Article, drop: &[usize]) {
    if drop.is_empty() {
        return;
    }
    // Later blocks move up: their images and links follow.
    let new_index = |old: usize| old - drop.partition_point(|d| *d < old);
    let dropped = |i: usize| drop.binary_search(&i).is_ok();
    a.links.retain(|l| l.at.is_none_or(|at| !dropped(at.block)));
    for l in &mut a.links {
        if let Some(at) = l.at.as_mut() {
            at.block = new_index(at.block);
        }
    }
    for img in &mut a.images {
        img.block = new_index(img.block);
    }
    let mut i = 0;
    a.blocks.retain(|_| {
        i += 1;
        !dropped(i - 1)
    });
}

/// How short a block must be to be taken for a page's tool line ("Print this story").
const TOOL_LINE: usize = 60;

/// Words that open the tool lines left in a story's markup without a class to tell them by.
const TOOL_WORDS: &[&str] = &[
    "print this",
    "email this",
    "e-mail this",
    "e-mail to a friend",
    "email to a friend",
    "share this",
    "share on",
    "advertisement",
    "skip to",
    "sign up for",
    "subscribe to",
];

/// Drops short paragraphs that are only a page's tools ("Print this story | E-mail to a
/// friend", "Advertisement").
fn drop_furniture_lines(a: &mut Article) {
    let tool = |b: &Block| {
        b.kind == BlockKind::Paragraph
            && b.text.len() < TOOL_LINE * 4
            && b.text.chars().count() < TOOL_LINE
            && {
                let lower = b.text.to_lowercase();
                TOOL_WORDS.iter().any(|w| lower.starts_with(w))
            }
    };
    let drop: Vec<usize> = (0..a.blocks.len())
        .filter(|&i| tool(&a.blocks[i]))
        .collect();
    remove_blocks(a, &drop);
}

/// The list row of a saved page from its start alone: the `<head>` (up to `</head>` or the
/// first 64 KB) parsed for its metadata.
pub fn head(prefix: &str) -> Article {
    let end = find_ci(prefix, "</head").unwrap_or(prefix.len());
    let doc = tree_of(&prefix[..end]);
    let meta = meta::Meta::read(doc.root());
    let title = header_title(&meta, None);
    let date = meta.date.clone();
    let (date_iso, datetime) = date.as_deref().map_or((None, None), meta::date_fields);
    let canonical = canonical_url(&meta);
    Article {
        header: crate::article::Header {
            title: sanitize::clean_line(&title),
            authors: meta
                .authors
                .iter()
                .map(|a| sanitize::clean_line(a))
                .collect(),
            source: meta.site.as_deref().map(sanitize::clean_line),
            date: date.map(|d| sanitize::clean_line(&d)),
            date_iso,
            url: canonical.map(|u| sanitize::clean_line(&u)),
        },
        datetime,
        tags: meta.tags.iter().map(|t| sanitize::clean_line(t)).collect(),
        format: crate::article::Format::Html,
        ..Article::default()
    }
}

/// Byte offset of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_of_every_kind_parses_with_its_text() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<b>", "</b>"),
            ("<p><span>", ""),
            ("<table><tr><td>", ""),
            ("<a href=x>", ""),
            ("<ul><li>", ""),
            ("<blockquote>", "</blockquote>"),
        ] {
            let n = 20_000;
            let page = format!("<html><body>{}deep text{}", open.repeat(n), close.repeat(n));
            let a = parse(&page).unwrap();
            let text: String = a.blocks.iter().map(|b| b.text.as_str()).collect();
            assert!(text.contains("deep text"), "{open}: {text:?}");
        }
    }

    #[test]
    fn a_pass_parses_a_page_up_to_its_window() {
        // A story whose text outruns the window: the header and a related box in the window
        // are the whole parse's; a box past the window is not seen.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("harbour.html");
        let early = r#"<aside class="related"><h2>Related</h2><a href="https://example.org/a">Ferry pilots walk out</a></aside>"#;
        let late = r#"<aside class="related"><h2>More on this story</h2><a href="https://example.org/b">Quay reopens</a></aside>"#;
        let paras = "<p>The harbour board met again on Tuesday.</p>\n".repeat(200);
        let page = format!(
            "<!DOCTYPE html><html><head><title>Harbour board</title></head><body><article>\
             <h1>Harbour board</h1>{early}{paras}{late}</article></body></html>"
        );
        std::fs::write(&path, &page).unwrap();
        let whole = parse(&page).unwrap();
        assert_eq!(whole.related.len(), 2, "{:?}", whole.related);
        // A window the page fits in reads what the whole parse does.
        for window in [page.len(), PASS_WINDOW] {
            let all = related_within(&path, window).unwrap().unwrap();
            assert_eq!(all.header, whole.header);
            assert_eq!(all.related, whole.related);
            assert_eq!(all.tags, whole.tags);
        }
        let half = related_within(&path, page.len() / 2).unwrap().unwrap();
        assert_eq!(half.header, whole.header);
        assert_eq!(half.related, whole.related[..1]);
    }

    #[test]
    fn a_pass_reads_a_page_that_is_not_utf8_as_the_whole_read_does() {
        let dir = tempfile::tempdir().unwrap();
        let story = "<article><h1>Caf\u{e9} on the quay</h1><p>The caf\u{e9} opened.</p>\
                     <aside class=\"related\"><h2>Related</h2>\
                     <a href=\"https://example.org/a\">\u{201c}Ferry\u{201d} pilots walk out</a></aside></article>";
        let latin = |s: &str| -> Vec<u8> {
            let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(s);
            assert!(!bad);
            bytes.into_owned()
        };
        let mut utf16 = vec![0xFF, 0xFE];
        for u in format!("<html><body>{story}").encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let pages = [
            // Undeclared: guessed from all of the page.
            latin(&format!(
                "<html><head><title>Caf\u{e9}</title></head><body>{story}"
            )),
            latin(&format!(
                "<html><head><meta charset=\"windows-1252\"></head><body>{story}"
            )),
            utf16,
        ];
        for (i, page) in pages.iter().enumerate() {
            let path = dir.path().join(format!("{i}.html"));
            std::fs::write(&path, page).unwrap();
            let whole = parse(&decode(page).unwrap().text).unwrap();
            assert_eq!(whole.header.title, "Café on the quay");
            assert_eq!(whole.related.len(), 1, "{:?}", whole.related);
            let pass = related(&path).unwrap().expect("read by the pass");
            assert_eq!(pass.header, whole.header);
            assert_eq!(pass.related, whole.related);
            assert_eq!(
                indexed(&path, PASS_WINDOW).unwrap().unwrap().blocks,
                whole.blocks
            );
        }
    }
}
