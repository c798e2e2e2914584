//! Markdown articles with optional TOML (`+++`) or `key: value` (`---`) front matter.
//!
//! Inline formatting is dropped to plain text; `##`… headings, paragraphs, block quotes (one block
//! per paragraph inside) and list items become blocks; code blocks and table rows become
//! paragraphs; images become their alt text; raw HTML is dropped. A `## Related` (or `See also`,
//! `Read more`) heading followed only by list items becomes the related block.

use super::frontmatter::{self, collapse, related_entry};
use crate::article::{Article, Block, BlockKind, Link, Related};
use anyhow::Result;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Longest block text used as the text of a bare URL inside it; longer blocks give the URL itself,
/// so a megabyte paragraph full of URLs is not copied once per URL.
const BARE_TEXT_MAX: usize = 200;

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
    let (fm, body) = frontmatter::split(text)?;
    let mut b = Builder::default();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(body, opts) {
        b.event(event);
    }
    b.flush();

    let mut warnings = fm.warnings;
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

    let date = fm.date.map(|d| d.trim().to_string());
    let mut article = Article {
        date_iso: date.as_deref().and_then(frontmatter::date_iso),
        date,
        title,
        authors: fm.authors.iter().map(|a| collapse(a)).collect(),
        source: fm.source.map(|s| collapse(&s)),
        blocks: blocks.into_iter().map(|m| m.block).collect(),
        related,
        links,
        url: own_url,
        warnings,
        ..Article::default()
    };
    frontmatter::scrub(&mut article);
    Ok(article)
}

/// A block while the Markdown is read, with what the title and related passes need.
#[derive(Debug)]
struct MdBlock {
    block: Block,
    /// Heading level, for headings.
    level: Option<u8>,
    /// The first link inside the block.
    link: Option<String>,
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
    /// Whether raw HTML was dropped.
    html: bool,
}

impl Builder {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(t) => {
                if self.open_link.is_none() {
                    self.plain.push_str(&t);
                }
                self.buf.push_str(&t);
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.plain.push(' ');
                self.buf.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.plain.push(' ');
                self.buf.push(' ');
            }
            Event::Html(h) => {
                // A comment (`<!-- more -->`) hides nothing a reader would miss.
                let h = h.trim();
                if !(h.is_empty() || h.starts_with("<!--") || h.ends_with("-->")) {
                    self.html = true;
                }
            }
            // An inline tag (`<br>`, `<span>`) carries no text of its own.
            Event::InlineHtml(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
            Event::Rule => self.flush(),
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
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Image { .. } => {}
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
            TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Image => {}
            _ => self.flush(),
        }
    }

    /// Ends the block being read, if it has any text.
    fn flush(&mut self) {
        let text = collapse(&self.buf);
        self.buf.clear();
        let link = self.first_link.take();
        let bare = bare_urls(&self.plain);
        self.plain.clear();
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
        let kind = if self.heading.is_some() {
            BlockKind::Heading
        } else {
            match self.containers.last() {
                Some(Container::Quote) => BlockKind::Quote,
                Some(Container::Item) => BlockKind::ListItem,
                None => BlockKind::Paragraph,
            }
        };
        self.blocks.push(MdBlock {
            block: Block { kind, text },
            level: self.heading,
            link,
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
