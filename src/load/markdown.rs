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
mod template;

use super::frontmatter::{self, collapse, related_entry};
use crate::article::{Article, Block, BlockKind, Image, Link, Related};
use anyhow::Result;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Longest block text used as the text of a bare URL inside it; longer blocks give the URL itself,
/// so a megabyte paragraph full of URLs is not copied once per URL.
const BARE_TEXT_MAX: usize = 200;

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

/// Parses sanitised Markdown text into an article (path, format and derived fields are set by the caller).
pub fn parse(text: &str) -> Result<Article> {
    parse_named(text, None)
}

/// [`parse`] for a file called `file_name` (its name only, without folders): a Jekyll post's
/// name gives its date (`2014-05-08-harbour-reopens.md`) when the front matter names none.
pub fn parse_named(text: &str, file_name: Option<&str>) -> Result<Article> {
    let (fm, body) = frontmatter::split(text)?;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut warnings = fm.warnings;
    let stripped = template::strip(body, opts);
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
    for event in Parser::new_ext(body, opts) {
        b.event(event);
    }
    b.flush();

    if b.html {
        warnings.push("raw HTML dropped".to_string());
    }
    let mut blocks = b.blocks;
    let title = take_title(fm.title.as_deref(), &mut blocks).unwrap_or_else(|| {
        warnings.push("no title: no front-matter title and no # heading".to_string());
        String::new()
    });
    let mut related: Vec<Related> = fm.related.iter().map(|r| related_entry(r)).collect();
    related.extend(take_related(&mut blocks));
    let dateline = take_dateline(&mut blocks);

    let mut links = Vec::new();
    // The article's own address, which links from other articles resolve by.
    let own_url = fm
        .url
        .as_deref()
        .map(|u| crate::text::sanitize::clean_line(u.trim()))
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

    let date = fm
        .date
        .map(|d| d.trim().to_string())
        .or_else(|| file_name.and_then(jekyll_date));
    let images = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            m.src.as_ref().map(|src| Image {
                block: i,
                alt: m.block.text.clone(),
                src: src.clone(),
            })
        })
        .collect();
    let (dateline, dateline_source) = dateline.unzip();
    let mut article = Article {
        date_iso: date.as_deref().and_then(frontmatter::date_iso),
        datetime: date.as_deref().and_then(frontmatter::datetime),
        date,
        title,
        standfirst: fm
            .standfirst
            .map(|s| collapse(&s))
            .filter(|s| !s.is_empty()),
        authors: fm.authors.iter().map(|a| collapse(a)).collect(),
        source: fm
            .source
            .map(|s| collapse(&s))
            .or(dateline_source.flatten()),
        dateline,
        blocks: blocks.into_iter().map(|m| m.block).collect(),
        related,
        links,
        tags: fm.tags.iter().map(|t| collapse(t)).collect(),
        url: own_url,
        images,
        warnings,
        ..Article::default()
    };
    frontmatter::scrub(&mut article);
    Ok(article)
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

/// Splits a dateline (`KESSEL, Veldmark (AP) —`) off the first paragraph, looked for past the
/// pictures and captions that may stand before it; returns it with the agency its bracket names.
fn take_dateline(blocks: &mut [MdBlock]) -> Option<(String, Option<String>)> {
    let first = blocks
        .iter_mut()
        .find(|b| !matches!(b.block.kind, BlockKind::Image | BlockKind::Caption))?;
    if first.block.kind != BlockKind::Paragraph {
        return None;
    }
    let (dateline, rest) = super::wire::split_dateline(&first.block.text)?;
    let source = super::wire::dateline_source(&dateline);
    if rest.is_empty() {
        return None;
    }
    first.block.text = rest.to_string();
    Some((dateline, source))
}

/// A block while the Markdown is read, with what the title and related passes need.
#[derive(Debug)]
struct MdBlock {
    block: Block,
    /// Heading level, for headings.
    level: Option<u8>,
    /// The first link inside the block.
    link: Option<String>,
    /// Where the picture is, for image blocks.
    src: Option<String>,
}

impl MdBlock {
    fn plain(block: Block) -> Self {
        MdBlock {
            block,
            level: None,
            link: None,
            src: None,
        }
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
    blocks: Vec<MdBlock>,
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
    /// The text of the block being read outside links, where bare URLs are looked for.
    plain: String,
    /// Links of the block being read, each with its offset in `plain`, to merge the bare URLs
    /// in reading order.
    block_links: Vec<(usize, Link)>,
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
                if self.open_link.is_none() {
                    self.plain.push_str(&t);
                }
                self.buf.push_str(&t);
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.note_text(&t);
                self.plain.push(' ');
                self.buf.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.plain.push(' ');
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
                self.plain.push(' ');
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
                    self.block_links.push((self.plain.len(), link));
                }
            }
            TagEnd::Image => {
                if let Some((src, title)) = self.image.take() {
                    let alt = collapse(&self.buf);
                    self.buf.clear();
                    self.plain.clear();
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
        for (_, url) in bare_urls(text) {
            self.links.push(Link {
                text: url.clone(),
                url,
                at: None,
            });
        }
        if !text.trim().is_empty() {
            self.blocks
                .push(MdBlock::plain(Block::new(BlockKind::Code, text)));
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
                self.blocks
                    .push(MdBlock::plain(Block::new(BlockKind::Caption, caption)));
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
        self.blocks.push(MdBlock {
            src: Some(src),
            ..MdBlock::plain(Block::new(BlockKind::Image, alt))
        });
        let title = collapse(&title);
        if !title.is_empty() {
            self.blocks
                .push(MdBlock::plain(Block::new(BlockKind::Caption, title)));
        }
        self.after_image = true;
    }

    /// Ends the block being read, if it has any text.
    fn flush(&mut self) {
        let text = collapse(&self.buf);
        self.buf.clear();
        let link = self.first_link.take();
        let bare = bare_urls(&self.plain);
        self.plain.clear();
        let all_emph = self.text_in_emph && !self.text_outside_emph;
        (self.text_in_emph, self.text_outside_emph) = (false, false);
        let after_image = std::mem::take(&mut self.after_image);
        let mut marked = std::mem::take(&mut self.block_links);
        for (at, url) in bare {
            let text = if text.len() <= BARE_TEXT_MAX && !text.is_empty() {
                text.clone()
            } else {
                url.clone()
            };
            marked.push((
                at,
                Link {
                    text,
                    url,
                    at: None,
                },
            ));
        }
        // A stable sort: at equal offsets the link, pushed first, also comes first in the text.
        marked.sort_by_key(|m| m.0);
        self.links.extend(marked.into_iter().map(|m| m.1));
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
                            .is_some_and(|b| b.block.kind == BlockKind::Image)) =>
                {
                    BlockKind::Caption
                }
                None => BlockKind::Paragraph,
            }
        };
        self.blocks.push(MdBlock {
            block: Block { kind, text },
            level: self.heading,
            link,
            src: None,
        });
    }
}

/// The `http://` and `https://` URLs written out in `text`, without trailing punctuation, each
/// with its byte offset.
fn bare_urls(text: &str) -> Vec<(usize, String)> {
    let mut urls = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("http").map(|i| i + from) {
        let rest = &text[i..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            from = i + 4;
            continue;
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”'))
            .unwrap_or(rest.len());
        let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '’']);
        if url.len() > "https://".len() {
            urls.push((i, url.to_string()));
        }
        from = i + len.max(4);
    }
    urls
}

/// The headline: front matter's title, else the first `#` heading, else a heading that opens the
/// document. A heading taken as the title leaves the blocks; so does a `#` heading repeating the
/// front-matter title, as many Markdown files do.
fn take_title(fm_title: Option<&str>, blocks: &mut Vec<MdBlock>) -> Option<String> {
    let h1 = blocks.iter().position(|b| b.level == Some(1));
    if let Some(title) = fm_title.map(collapse).filter(|t| !t.is_empty()) {
        if let Some(i) = h1.filter(|&i| blocks[i].block.text.to_lowercase() == title.to_lowercase())
        {
            blocks.remove(i);
        }
        return Some(title);
    }
    let i = h1.or_else(|| blocks.first().and_then(|b| b.level).map(|_| 0))?;
    Some(blocks.remove(i).block.text)
}

/// Removes a related section (a related heading followed only by list items, up to the next
/// heading or the end) and returns its items; a link to a relative article path keeps the path.
fn take_related(blocks: &mut Vec<MdBlock>) -> Vec<Related> {
    let Some(h) = blocks.iter().position(|b| {
        b.level.is_some()
            && RELATED_HEADINGS
                .contains(&b.block.text.trim_end_matches(':').to_lowercase().as_str())
    }) else {
        return Vec::new();
    };
    let end = blocks[h + 1..]
        .iter()
        .position(|b| b.level.is_some())
        .map_or(blocks.len(), |i| h + 1 + i);
    let items = &blocks[h + 1..end];
    if items.is_empty() || items.iter().any(|b| b.block.kind != BlockKind::ListItem) {
        return Vec::new();
    }
    blocks
        .drain(h..end)
        .skip(1)
        .map(|b| {
            let path = b.link.map(|url| related_entry(&url)).and_then(|r| r.path);
            Related {
                title: b.block.text,
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
        let found =
            bare_urls("See https://example.org/a. And http://x.test/b), not httpfoo or http://");
        let urls: Vec<_> = found.iter().map(|u| u.1.as_str()).collect();
        assert_eq!(urls, ["https://example.org/a", "http://x.test/b"]);
        assert_eq!(found[0].0, 4);
    }

    #[test]
    fn title_falls_back_to_opening_heading() {
        let a = parse("## Only a subheading\n\nText.\n").unwrap();
        assert_eq!(a.title, "Only a subheading");
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
        assert_eq!(a.title, "");
        assert!(a.warnings.iter().any(|w| w.contains("no title")));
    }
}
