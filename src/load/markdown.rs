//! Markdown articles with optional TOML (`+++`) or `key: value` (`---`) front matter.
//!
//! Inline formatting is dropped to plain text (inline code too); `##`… headings, paragraphs,
//! block quotes (one block per paragraph inside) and list items become blocks; fenced and
//! indented code becomes `code` blocks that keep their lines; table rows become paragraphs.
//! Images (`![alt](src "title")`, `<img>`, `<figure>`) become `image` blocks listed in the
//! article's images, their title, `<figcaption>` or a wholly italic line right after them a
//! `caption` block; other raw HTML is dropped. Static-site template tags are taken out first
//! (`template`). A `## Related` (or `See also`, `Read more`) heading followed only by list
//! items becomes the related block, and a dateline opening the first paragraph is read as in
//! news-wire text.

mod figure;
mod header;
mod pieces;
mod template;

use super::frontmatter::{self, collapse, related_entry};
use crate::article::{Article, Block, BlockKind, Image, Link, LinkAt, Related};
use anyhow::Result;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// File extensions of pictures, for Obsidian's `![[…]]` embeds (which also embed notes).
const IMAGE_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp"];

/// Headings that open a related block when only list items follow them (compared lower-cased).
const RELATED_HEADINGS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related coverage",
    "see also",
    "read more",
    "more on this story",
];

/// Whether the raw line `bytes` (before decoding) could matter to the related headlines: it
/// names `related` anywhere (a front matter key, a heading), or it is short (at most 20 ASCII
/// letters and digits) and holds a word a related heading starts with (`see`, `read`, `more`)
/// or an entity (`&`) that could spell one. A text none of whose lines passes has no related
/// headlines, and need not be parsed to know it.
pub fn may_be_related_line(bytes: &[u8]) -> bool {
    let has = |word: &[u8]| {
        bytes
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if has(b"related") {
        return true;
    }
    let letters = bytes.iter().filter(|b| b.is_ascii_alphanumeric()).count();
    letters <= 20 && (bytes.contains(&b'&') || has(b"see") || has(b"read") || has(b"more"))
}

/// Parses sanitised Markdown text into an article (path, format and derived fields are set by the caller).
pub fn parse(text: &str) -> Result<Article> {
    parse_named(text, None)
}

/// [`parse`] for a file called `file_name` (its name only, without folders): a Jekyll post's
/// name gives its date (`2014-05-08-harbour-reopens.md`) when the front matter names none.
pub fn parse_named(text: &str, file_name: Option<&str>) -> Result<Article> {
    parse_in_pieces(text, file_name, pieces::PIECE)
}

/// [`parse_named`], reading the body in pieces of about `piece` bytes (`pieces`).
fn parse_in_pieces(text: &str, file_name: Option<&str>, piece: usize) -> Result<Article> {
    let (fm, body) = frontmatter::split(text)?;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut warnings = fm.warnings;
    let stripped = template::strip(body, opts, piece);
    let body = match &stripped {
        Some(s) => {
            let n = s.removed;
            warnings.push(format!(
                "{n} static-site template tag{} removed",
                if n == 1 { "" } else { "s" }
            ));
            s.text.as_str()
        }
        None => body,
    };
    let mut b = Builder::default();
    // The list is made its likely size at once: grown by doubling, it would leave the lists it
    // outgrew behind (an allocator keeps freed pages a while), up to twice its size again.
    b.blocks.reserve_exact(likely_blocks(body));
    read_events(body, opts, piece, &mut b);
    b.flush();

    if b.html {
        warnings.push("raw HTML dropped".to_string());
    }
    let mut blocks = Blocks {
        list: std::mem::take(&mut b.blocks),
        marks: std::mem::take(&mut b.marks),
        removed: Vec::new(),
    };
    let title = take_title(fm.title.as_deref(), &mut blocks).unwrap_or_else(|| {
        warnings.push("no title: no front-matter title and no # heading".to_string());
        String::new()
    });
    // Byline and date lines under the headline, when the front matter names neither.
    let under = if fm.date.is_none() && fm.authors.is_empty() {
        header::take(&title, &mut blocks)
    } else {
        None
    };
    let mut related: Vec<Related> = fm.related.iter().map(|r| related_entry(r)).collect();
    related.extend(take_related(&mut blocks));
    let dateline = take_dateline(&mut blocks.list);
    let cut = dateline.as_ref().map_or((0, 0), |d| (d.block, d.cut));
    place_links(&mut b, &blocks, cut);

    let mut links = Vec::new();
    // The article's own address, which links from other articles resolve by.
    let own_url = fm
        .url
        .as_deref()
        .map(|u| crate::sanitize::clean_line(u.trim()))
        .filter(|u| !u.is_empty());
    if let Some(url) = fm.url {
        let text = if title.is_empty() {
            url.clone()
        } else {
            title.clone()
        };
        links.push(Link {
            text,
            url: url.trim().to_string(),
            at: None,
        });
    }
    links.extend(b.links);

    let under = under.unwrap_or_default();
    // A date line under the headline is read as the news-wire reader reads it, and beats the
    // date a Jekyll file name gives.
    let (date, date_iso, datetime) = match fm.date {
        Some(d) => {
            let d = d.trim().to_string();
            (
                Some(d.clone()),
                frontmatter::date_iso(&d),
                frontmatter::datetime(&d),
            )
        }
        None if under.header.date.is_some() => {
            (under.header.date, under.header.date_iso, under.datetime)
        }
        None => {
            let d = file_name.and_then(jekyll_date);
            let iso = d.as_deref().and_then(frontmatter::date_iso);
            let time = d.as_deref().and_then(frontmatter::datetime);
            (d, iso, time)
        }
    };
    let images = blocks
        .marks
        .iter()
        .filter_map(|(i, m)| match m {
            Mark::Src(src) => Some(Image {
                block: *i,
                alt: blocks.list[*i].text.to_string(),
                src: src.to_string(),
            }),
            _ => None,
        })
        .collect();
    let (dateline, dateline_source) = dateline.map(|d| (d.text, d.source)).unzip();
    let authors = if fm.authors.is_empty() {
        under.header.authors
    } else {
        fm.authors.iter().map(|a| collapse(a)).collect()
    };
    let mut article = Article {
        header: crate::article::Header {
            date_iso,
            date,
            title,
            authors,
            source: fm
                .source
                .map(|s| collapse(&s))
                .or(under.header.source)
                .or(dateline_source.flatten()),
            url: own_url,
        },
        datetime,
        standfirst: fm
            .standfirst
            .map(|s| collapse(&s))
            .or(under.standfirst)
            .filter(|s| !s.is_empty()),
        dateline,
        blocks: blocks.list,
        related,
        links,
        tags: fm.tags.iter().map(|t| collapse(t)).collect(),
        images,
        warnings,
        ..Article::default()
    };
    frontmatter::scrub(&mut article);
    Ok(article)
}

/// Feeds the events of Markdown `body` to `b`, a piece at a time when it is long: the same
/// events as the whole document gives, without pulldown-cmark's tree of all of it.
fn read_events(body: &str, opts: Options, piece: usize, b: &mut Builder) {
    let ranges = pieces::split(body, opts, piece);
    let defs = match pieces::Defs::gather(body, &ranges, opts) {
        Some(defs) if ranges.len() > 1 => defs,
        _ => {
            for event in Parser::new_ext(body, opts) {
                b.event(event);
            }
            return;
        }
    };
    for range in ranges {
        let callback = |link| defs.resolve(link);
        for event in Parser::new_with_broken_link_callback(&body[range], opts, Some(callback)) {
            b.event(event);
        }
    }
}

/// How many blocks Markdown `body` likely holds: its lines that open a paragraph (not blank,
/// first or after a blank line). A list or quote whose lines follow one another holds more, a
/// paragraph broken by a blank line inside a fenced code fewer: a size to start the list at, no
/// more.
fn likely_blocks(body: &str) -> usize {
    let mut after_blank = true;
    let mut n = 0;
    for line in body.as_bytes().split(|&b| b == b'\n') {
        let blank = line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        n += usize::from(after_blank && !blank);
        after_blank = blank;
    }
    n
}

/// The date a Jekyll post's file name starts with (`2014-05-08-title.md` → `2014-05-08`), when
/// it is a real day.
fn jekyll_date(name: &str) -> Option<String> {
    let (date, rest) = (name.get(..10)?, name.get(10..)?);
    if !rest.starts_with('-') {
        return None;
    }
    crate::article::date::iso(date).filter(|d| d == date)
}

/// Gives each link read inside a block that is still in `blocks` its place there; a dateline
/// taken off the front of a block (`cut`: that block's index and the `char`s taken) moves its
/// links back. The blocks left are in the order they were read, so a block is found by the
/// index it was read at without a table of them all.
fn place_links(b: &mut Builder, blocks: &Blocks, cut: (usize, usize)) {
    for &(link, origin, start, end) in &b.placed {
        let Some(block) = blocks.now_at(origin) else {
            continue;
        };
        let cut = if block == cut.0 { cut.1 } else { 0 };
        if start >= cut {
            b.links[link].at = Some(LinkAt {
                block,
                start: start - cut,
                end: end - cut,
            });
        }
    }
}

/// A dateline taken off the front of a paragraph.
struct Dateline {
    /// The dateline without its dash.
    text: String,
    /// The agency its bracket names.
    source: Option<String>,
    /// The index of the paragraph it opened…
    block: usize,
    /// …and how many `char`s were taken off its front.
    cut: usize,
}

/// Splits a dateline (`KESSEL, Veldmark (AP) —`) off the first paragraph, looked for past the
/// pictures and captions that may stand before it.
fn take_dateline(blocks: &mut [Block]) -> Option<Dateline> {
    let block = blocks
        .iter()
        .position(|b| !matches!(b.kind, BlockKind::Image | BlockKind::Caption))?;
    let first = &mut blocks[block];
    if first.kind != BlockKind::Paragraph {
        return None;
    }
    let (dateline, rest) = super::wire::split_dateline(&first.text)?;
    let source = super::wire::dateline_source(&dateline);
    if rest.is_empty() {
        return None;
    }
    let cut = first.text.chars().count() - rest.chars().count();
    first.text = rest.into();
    Some(Dateline {
        text: dateline,
        source,
        block,
        cut,
    })
}

/// What the title, related and picture passes need of the few blocks that have it, beside the
/// block's index: kept apart from the blocks, so a block costs no more than the article's own.
#[derive(Debug)]
enum Mark {
    /// A heading's level.
    Level(u8),
    /// The first link inside a block.
    Link(Box<str>),
    /// Where an image block's picture is.
    Src(Box<str>),
}

/// The blocks read, their marks (by index, in order), and the runs of them taken out since.
struct Blocks {
    list: Vec<Block>,
    marks: Vec<(usize, Mark)>,
    /// The runs taken out, each in the indices of its time, in order.
    removed: Vec<std::ops::Range<usize>>,
}

impl Blocks {
    /// The heading level of block `i`.
    fn level(&self, i: usize) -> Option<u8> {
        let at = self.marks.partition_point(|m| m.0 < i);
        self.marks[at..]
            .iter()
            .take_while(|m| m.0 == i)
            .find_map(|m| match m.1 {
                Mark::Level(l) => Some(l),
                _ => None,
            })
    }

    /// The headings, as (index, level), in order.
    fn headings(&self) -> impl Iterator<Item = (usize, u8)> + '_ {
        self.marks.iter().filter_map(|m| match m.1 {
            Mark::Level(l) => Some((m.0, l)),
            _ => None,
        })
    }

    /// Takes blocks `range` out, with their marks, and returns them and their first links.
    fn take(&mut self, range: std::ops::Range<usize>) -> Vec<(Block, Option<Box<str>>)> {
        let mut links: Vec<Option<Box<str>>> = vec![None; range.len()];
        let len = range.len();
        self.marks.retain_mut(|(i, m)| {
            if range.contains(i) {
                if let Mark::Link(l) = m {
                    links[*i - range.start] = Some(std::mem::take(l));
                }
                return false;
            }
            if *i >= range.end {
                *i -= len;
            }
            true
        });
        self.removed.push(range.clone());
        self.list.drain(range).zip(links).collect()
    }

    /// Where the block read at index `origin` stands now, if it is still there.
    fn now_at(&self, origin: usize) -> Option<usize> {
        let mut i = origin;
        for r in &self.removed {
            if r.contains(&i) {
                return None;
            }
            if i >= r.end {
                i -= r.len();
            }
        }
        Some(i)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    Item,
}

/// Turns the parser's events into blocks and links.
#[derive(Debug, Default)]
struct Builder {
    blocks: Vec<Block>,
    /// Marks of the blocks that have them, by index, in order.
    marks: Vec<(usize, Mark)>,
    links: Vec<Link>,
    /// Text of the block being read.
    buf: String,
    /// Open block quotes and list items, innermost last: the innermost names a block's kind.
    containers: Vec<Container>,
    /// The level of the heading being read.
    heading: Option<u8>,
    /// Where the open link's text starts in `buf`, and its URL.
    open_link: Option<(usize, String)>,
    /// The first link of the block being read.
    first_link: Option<String>,
    /// Byte ranges of `buf` inside links and inline code, where no bare URL is looked for.
    skip: Vec<(usize, usize)>,
    /// Links of the block being read, each with its byte range in `buf`.
    block_links: Vec<(usize, usize, Link)>,
    /// Links placed in a block: the index into `links`, the index the block was pushed at into
    /// `blocks`, and the `char` range of its words in the block's text.
    placed: Vec<(usize, usize, usize, usize)>,
    /// The text of the code block being read, as written.
    code: Option<String>,
    /// The HTML block being read.
    html_block: Option<String>,
    /// The source and title of the image being read (its alt text goes to `buf`).
    image: Option<(String, String)>,
    /// How many emphases are open.
    emph: usize,
    /// Whether the block being read has text inside emphasis, and outside it.
    text_in_emph: bool,
    text_outside_emph: bool,
    /// Whether a picture was placed since the block being read began (a caption line may follow
    /// it in the same paragraph).
    after_image: bool,
    /// Whether raw HTML was dropped.
    html: bool,
}

impl Builder {
    fn event(&mut self, event: Event) {
        if let Some(code) = self.code.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.end_code(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(t) => {
                self.note_text(&t);
                self.buf.push_str(&t);
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.note_text(&t);
                let start = self.buf.len();
                self.buf.push_str(&t);
                self.skip.push((start, self.buf.len()));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.buf.push(' ');
            }
            Event::Html(h) => match self.html_block.as_mut() {
                Some(block) => block.push_str(&h),
                None => self.html_text(&h),
            },
            Event::InlineHtml(h) => {
                // An inline `<img>` is a picture; other inline tags (`<br>`, `<span>`) carry no
                // text of their own.
                if h.len() > 4
                    && h[..4].eq_ignore_ascii_case("<img")
                    && self.open_link.is_none()
                    && self.heading.is_none()
                    && let Some(fig) = figure::read(&h)
                    && let Some((alt, src)) = fig.image
                {
                    self.flush();
                    self.push_image(alt, src, String::new());
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
            Event::Rule => self.flush(),
        }
    }

    /// Notes whether a piece of text stands inside emphasis, for captions.
    fn note_text(&mut self, t: &str) {
        if t.trim().is_empty() {
            return;
        }
        if self.emph > 0 {
            self.text_in_emph = true;
        } else {
            self.text_outside_emph = true;
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(level as u8);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.containers.push(Container::Quote);
            }
            Tag::Item => {
                self.flush();
                self.containers.push(Container::Item);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html_block = Some(String::new());
            }
            Tag::TableCell => {
                if !self.buf.trim().is_empty() {
                    self.buf.push_str(" · ");
                }
            }
            Tag::Link { dest_url, .. } => {
                // A link ends any bare URL before it; its own URL is collected on its own.
                self.open_link = Some((self.buf.len(), dest_url.trim().to_string()));
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                // An image inside a link or a heading (a badge, a logo) stays its alt text.
                if self.open_link.is_none() && self.heading.is_none() && self.image.is_none() {
                    self.flush();
                    self.image = Some((dest_url.trim().to_string(), title.to_string()));
                }
            }
            Tag::Emphasis => self.emph += 1,
            Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {}
            // Every other tag opens a block.
            _ => self.flush(),
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) | TagEnd::Item => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::HtmlBlock => {
                let html = self.html_block.take().unwrap_or_default();
                self.end_html(&html);
            }
            TagEnd::Link => {
                if let Some((start, url)) = self.open_link.take() {
                    let text = collapse(self.buf.get(start..).unwrap_or_default());
                    self.first_link.get_or_insert_with(|| url.clone());
                    let link = Link {
                        text: if text.is_empty() { url.clone() } else { text },
                        url,
                        at: None,
                    };
                    let end = self.buf.len();
                    self.block_links.push((start, end, link));
                    self.skip.push((start, end));
                }
            }
            TagEnd::Image => {
                if let Some((src, title)) = self.image.take() {
                    let alt = collapse(&self.buf);
                    self.buf.clear();
                    self.skip.clear();
                    (self.text_in_emph, self.text_outside_emph) = (false, false);
                    self.push_image(alt, src, title);
                }
            }
            TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
            TagEnd::TableCell
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
            _ => self.flush(),
        }
    }

    /// Ends a code block: its text keeps its lines; bare URLs in it are links to themselves.
    fn end_code(&mut self) {
        let code = self.code.take().unwrap_or_default();
        let text = code.trim_end().trim_start_matches('\n');
        for (_, url) in crate::text::bare_urls(text) {
            self.links.push(Link {
                text: url.clone(),
                url,
                at: None,
            });
        }
        if !text.trim().is_empty() {
            self.blocks.push(Block::new(BlockKind::Code, text));
        }
    }

    /// Ends an HTML block: a picture in it becomes an image and a caption; other HTML is dropped,
    /// with a warning when it held text.
    fn end_html(&mut self, html: &str) {
        if let Some(fig) = figure::read(html) {
            if let Some((alt, src)) = fig.image {
                self.push_image(alt, src, String::new());
            }
            if let Some(caption) = fig.caption {
                self.blocks.push(Block::new(BlockKind::Caption, caption));
            }
            return;
        }
        self.html_text(html);
    }

    /// Notes dropped HTML: a comment (`<!-- more -->`) or bare tags hide nothing a reader would
    /// miss; anything with text does.
    fn html_text(&mut self, h: &str) {
        let h = h.trim();
        let comment = h.starts_with("<!--") && h.ends_with("-->");
        if !comment && !figure::strip_tags(h).trim().is_empty() {
            self.html = true;
        }
    }

    /// Adds an image block, and a caption block for a non-empty title.
    fn push_image(&mut self, alt: String, src: String, title: String) {
        self.marks.push((self.blocks.len(), Mark::Src(src.into())));
        self.blocks.push(Block::new(BlockKind::Image, alt));
        let title = collapse(&title);
        if !title.is_empty() {
            self.blocks.push(Block::new(BlockKind::Caption, title));
        }
        self.after_image = true;
    }

    /// Ends the block being read, if it has any text.
    fn flush(&mut self) {
        let link = self.first_link.take();
        let mut marked = std::mem::take(&mut self.block_links);
        for (at, url) in crate::text::bare_urls(&self.buf) {
            // Not inside a link or code, and cut where one begins (`http://a.org[text](u)`).
            if self.skip.iter().any(|&(s, e)| s <= at && at < e) {
                continue;
            }
            let cut = self
                .skip
                .iter()
                .filter(|&&(s, _)| s > at && s < at + url.len())
                .map(|&(s, _)| s - at)
                .min()
                .unwrap_or(url.len());
            let url = url[..cut].to_string();
            if url.len() <= "https://".len() {
                continue;
            }
            // A bare URL is its own label: the sentence around it belongs to the text.
            let end = at + url.len();
            let link = Link {
                text: url.clone(),
                url,
                at: None,
            };
            marked.push((at, end, link));
        }
        self.skip.clear();
        // A stable sort: at equal offsets the link, pushed first, also comes first in the text.
        marked.sort_by_key(|m| m.0);
        let ranges: Vec<(usize, usize)> = marked.iter().map(|m| (m.0, m.1)).collect();
        let (text, places) = crate::text::collapse_placed(&self.buf, &ranges);
        self.buf.clear();
        let all_emph = self.text_in_emph && !self.text_outside_emph;
        (self.text_in_emph, self.text_outside_emph) = (false, false);
        let after_image = std::mem::take(&mut self.after_image);
        let first = self.links.len();
        self.links.extend(marked.into_iter().map(|m| m.2));
        // Placed in the block about to be pushed (only a text block: see the end).
        let block = self.blocks.len();
        let placed: Vec<_> = places
            .into_iter()
            .enumerate()
            .filter_map(|(k, p)| p.map(|(s, e)| (first + k, block, s, e)))
            .collect();
        if text.is_empty() {
            return;
        }
        // An Obsidian embed of a picture alone in its paragraph (`![[harbour.jpg]]`) is one.
        if self.heading.is_none()
            && let Some(inner) = text.strip_prefix("![[").and_then(|t| t.strip_suffix("]]"))
            && !inner.contains(['[', ']'])
            && let src = inner.split('|').next().unwrap_or(inner).trim()
            && src.rsplit_once('.').is_some_and(|(_, ext)| {
                IMAGE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext))
            })
        {
            let src = src.to_string();
            self.push_image(String::new(), src, String::new());
            return;
        }
        let kind = if self.heading.is_some() {
            BlockKind::Heading
        } else {
            match self.containers.last() {
                Some(Container::Quote) => BlockKind::Quote,
                Some(Container::Item) => BlockKind::ListItem,
                // A wholly italic line right under a picture is its caption.
                None if all_emph
                    && (after_image
                        || self
                            .blocks
                            .last()
                            .is_some_and(|b| b.kind == BlockKind::Image)) =>
                {
                    BlockKind::Caption
                }
                None => BlockKind::Paragraph,
            }
        };
        let at = self.blocks.len();
        if let Some(level) = self.heading {
            self.marks.push((at, Mark::Level(level)));
        }
        if let Some(link) = link {
            self.marks.push((at, Mark::Link(link.into())));
        }
        self.blocks.push(Block::new(kind, text));
        self.placed.extend(placed);
    }
}

/// The headline: front matter's title, else the first `#` heading, else a heading that opens the
/// document. A heading taken as the title leaves the blocks; so does a `#` heading repeating the
/// front-matter title, as many Markdown files do.
fn take_title(fm_title: Option<&str>, blocks: &mut Blocks) -> Option<String> {
    let h1 = blocks.headings().find(|h| h.1 == 1).map(|h| h.0);
    if let Some(title) = fm_title.map(collapse).filter(|t| !t.is_empty()) {
        if let Some(i) = h1.filter(|&i| blocks.list[i].text.to_lowercase() == title.to_lowercase())
        {
            blocks.take(i..i + 1);
        }
        return Some(title);
    }
    let i = h1.or_else(|| blocks.level(0).map(|_| 0))?;
    blocks.take(i..i + 1).pop().map(|(b, _)| b.text.into())
}

/// Removes a related section (a related heading followed only by list items, up to the next
/// heading or the end) and returns its items; a link to a relative article path keeps the path.
fn take_related(blocks: &mut Blocks) -> Vec<Related> {
    let Some(h) = blocks.headings().map(|h| h.0).find(|&i| {
        RELATED_HEADINGS.contains(
            &blocks.list[i]
                .text
                .trim_end_matches(':')
                .to_lowercase()
                .as_str(),
        )
    }) else {
        return Vec::new();
    };
    let end = blocks
        .headings()
        .map(|h| h.0)
        .find(|&i| i > h)
        .unwrap_or(blocks.list.len());
    let items = &blocks.list[h + 1..end];
    if items.is_empty() || items.iter().any(|b| b.kind != BlockKind::ListItem) {
        return Vec::new();
    }
    blocks
        .take(h..end)
        .into_iter()
        .skip(1)
        .map(|(b, link)| {
            let path = link.map(|url| related_entry(&url)).and_then(|r| r.path);
            Related {
                title: b.text.into(),
                path,
                url: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_trim_punctuation() {
        let found = crate::text::bare_urls(
            "See https://example.org/a. And http://x.test/b), not httpfoo or http://",
        );
        let urls: Vec<_> = found.iter().map(|u| u.1.as_str()).collect();
        assert_eq!(urls, ["https://example.org/a", "http://x.test/b"]);
        assert_eq!(found[0].0, 4);
    }

    /// The words each link is placed on, as (block, words, url).
    fn placed(a: &Article) -> Vec<(usize, String, &str)> {
        a.links
            .iter()
            .filter_map(|l| {
                let at = l.at?;
                let text = &a.blocks[at.block].text;
                let words = text
                    .chars()
                    .skip(at.start)
                    .take(at.end - at.start)
                    .collect();
                Some((at.block, words, l.url.as_str()))
            })
            .collect()
    }

    #[test]
    fn every_link_of_a_paragraph_is_kept_with_its_own_words_and_place() {
        let md = "# Ferry talks\n\nKESSEL (AP) — The [harbor   board](https://example.org/board) met \
                  the [pilots](../pilots.md) and posted https://example.org/minutes, then \
                  https://example.org/vote.\n\nSee `https://example.org/code` and \
                  http://a.test/x[more](https://example.org/more).\n";
        let a = parse(md).unwrap();
        assert_eq!(a.dateline.as_deref(), Some("KESSEL (AP)"));
        let labels: Vec<(&str, &str)> = a
            .links
            .iter()
            .map(|l| (l.text.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("harbor board", "https://example.org/board"),
                ("pilots", "../pilots.md"),
                ("https://example.org/minutes", "https://example.org/minutes"),
                ("https://example.org/vote", "https://example.org/vote"),
                ("http://a.test/x", "http://a.test/x"),
                ("more", "https://example.org/more"),
            ]
        );
        let p = placed(&a);
        assert_eq!(p.len(), 6, "{p:?}");
        for (block, words, url) in &p {
            let l = a.links.iter().find(|l| l.url == *url).unwrap();
            assert_eq!(words, &l.text, "block {block}");
        }
        assert_eq!(p[0].0, 0, "the title heading left the blocks");
        assert_eq!(p[5].0, 1);
    }

    #[test]
    fn likely_blocks_counts_the_lines_that_open_a_paragraph() {
        assert_eq!(likely_blocks(""), 0);
        assert_eq!(likely_blocks("a\n\nb\nc\n\n \t\n- x\n- y\n"), 3);
        assert_eq!(likely_blocks("# T\r\n\r\nText.\r\n"), 2);
    }

    #[test]
    fn title_falls_back_to_opening_heading() {
        let a = parse("## Only a subheading\n\nText.\n").unwrap();
        assert_eq!(a.header.title, "Only a subheading");
        assert_eq!(a.blocks, [Block::paragraph("Text.")]);
    }

    #[test]
    fn html_is_dropped_with_a_warning_but_comments_quietly() {
        let a = parse("# T\n\n<!-- more -->\n\nText.\n").unwrap();
        assert_eq!(a.blocks, [Block::paragraph("Text.")]);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        let b = parse("# T\n\n<div class=\"ad\">\nBuy now\n</div>\n\nText.\n").unwrap();
        assert_eq!(b.blocks, [Block::paragraph("Text.")]);
        assert_eq!(b.warnings, ["raw HTML dropped"]);
    }

    #[test]
    fn no_title_warns() {
        let a = parse("Just text.\n").unwrap();
        assert_eq!(a.header.title, "");
        assert!(a.warnings.iter().any(|w| w.contains("no title")));
    }

    /// Every Markdown file under `dir` (one level of folders down too).
    fn markdown_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(markdown_files(&path));
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
        files
    }

    /// Documents whose blocks cross blank lines in every way a cut could get wrong.
    const TRICKY: &[&str] = &[
        "# Refs\n\nSee [the quay][q] and [Tide] and ![crane][c].\n\nMore [q].\n\n\
         [q]: https://example.org/quay \"The quay\"\n\nText.\n\n[TIDE]:\n  /tide.md\n\n\
         [c]: img/crane.jpg 'A crane'\n",
        "Para.\n\n```\ncode\n\nnot a heading\n# nor this\n\n```\n\nAfter.\n\n~~~~ rust\n\nx\n\n~~~\n\ny\n\n~~~~\n\nEnd.\n",
        "Para.\n\n<!-- a comment\n\nwith blank lines\n\n-->\n\nAfter.\n\n<script>\n\nvar x;\n\n</script>\n\nB.\n\n<?php\n\n?>\n\n<!DOCTYPE\n\nx>\n\n<![CDATA[\n\n]]>\n\nC.\n\n<div>\n\nD.\n\n</div>\n\nE.\n",
        "- one\n\n- two\n\n  still two\n\nout\n\n1. a\n\n2. b\n\n> quote\n\n> again\n\nlazy\n\n    indented\n\n    code\n\nafter\n",
        "- ```\n  code in item\n\nout of item\n\n```\nreal fence\n\nz\n\n```\n\nlast\n",
        "- <!--\n  ```\n  -->\n\nPara\n\n```\nfence\n\ninside\n\n```\n\ndone\n",
        "> ```\n> q\n\nout\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nafter table\n\n***\n\n---\n\n===\n\nend\n",
        "Twice [x].\n\n[x]: /first\n\nAgain [x].\n\n[x]: /second\n",
        "Same [x].\n\n[x]: /one\n\nAgain [x].\n\n[X]: /one\n",
        "# T\n\n{% highlight ruby %}\nputs 1\n\n{% endhighlight %}\n\n`{{ x }}`\n\n```\n{{ y }}\n\n```\n\n{{< figure src=\"a.jpg\" >}}\n\nText {{ z }}.\n",
        "<!-- never closed\n\npara\n\npara\n\n```\n\nx\n",
        "```\nnever closed\n\npara\n\npara\n",
    ];

    /// The key test of reading in pieces: every Markdown fixture and sample article, and
    /// documents made to trip a cut, read in pieces as small as can be give the same article as
    /// read whole.
    #[test]
    fn pieces_read_the_same_as_the_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut docs: Vec<(String, String)> = TRICKY
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("tricky {i}"), d.to_string()))
            .collect();
        for dir in [
            "tests/fixtures/md",
            "tests/fixtures/markdown-shapes",
            "articles",
        ] {
            for path in markdown_files(&root.join(dir)) {
                let text = std::fs::read_to_string(&path).unwrap();
                docs.push((path.display().to_string(), text));
            }
        }
        assert!(docs.len() > TRICKY.len() + 10, "{} documents", docs.len());
        let mut cut = 0;
        for (name, text) in &docs {
            let whole = parse_in_pieces(text, None, usize::MAX).unwrap();
            for piece in [1, 10, 100, 1000] {
                let (_, body) = frontmatter::split(text).unwrap();
                cut += pieces::split(body, Options::ENABLE_TABLES, piece).len() - 1;
                let pieced = parse_in_pieces(text, None, piece).unwrap();
                assert_eq!(pieced, whole, "{name} in pieces of {piece} bytes");
            }
        }
        assert!(cut > 150, "only {cut} cuts");
    }

    #[test]
    fn cuts_stay_out_of_fences_and_comments() {
        let opts = Options::ENABLE_TABLES;
        let text = TRICKY[1];
        let cuts: Vec<_> = pieces::split(text, opts, 1)
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(
            cuts,
            [
                "Para.\n\n",
                "```\ncode\n\nnot a heading\n# nor this\n\n```\n\n",
                "After.\n\n",
                "~~~~ rust\n\nx\n\n~~~\n\ny\n\n~~~~\n\n",
                "End.\n"
            ]
        );
        // A comment that never closes keeps the rest in one piece.
        let text = TRICKY[10];
        assert_eq!(pieces::split(text, opts, 1), vec![0..text.len()]);
        // A cut the guess about fences would allow, inside a real one, is refused.
        let text = "- ```\n\nz\n\n```\nfence\n\nin fence\n\n```\n\nafter\n";
        let pieces: Vec<_> = pieces::split(text, opts, 1)
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert!(
            pieces.iter().all(|p| !p.starts_with("in fence")),
            "{pieces:?}"
        );
    }

    #[test]
    fn a_long_document_is_read_in_pieces_with_its_references() {
        let mut md = String::from("# Long\n\n");
        let mut notes = 0;
        while md.len() < 3 * pieces::PIECE {
            // Long enough a line that its reference stays under pulldown-cmark's expansion
            // limit in each piece, so the document is truly read in pieces (`Defs::gather`).
            md.push_str("A [harbour][h] note, with enough words after it to fill out a line.\n\n");
            notes += 1;
        }
        md.push_str("[h]: https://example.org/harbour\n");
        let (_, body) = frontmatter::split(&md).unwrap();
        let opts = Options::ENABLE_TABLES;
        let ranges = pieces::split(body, opts, pieces::PIECE);
        assert!(ranges.len() >= 3);
        assert!(pieces::Defs::gather(body, &ranges, opts).is_some());
        let a = parse(&md).unwrap();
        assert_eq!(a, parse_in_pieces(&md, None, usize::MAX).unwrap());
        // Every note's link, from every piece, resolved by the one definition at the end.
        assert_eq!(a.links.len(), notes);
        assert!(
            a.links
                .iter()
                .all(|l| l.url == "https://example.org/harbour")
        );
    }
}
