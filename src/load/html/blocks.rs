//! The HTML-to-blocks step: a walk over the story's elements that turns them into body blocks
//! (paragraphs, headings, quotes, list items, captions, code, table rows, images), with every
//! link placed in the block text it belongs to. The walk is iterative (a page nested
//! thousands deep cannot exhaust the stack) and skips page furniture.

use super::dom::{self, N};
use super::tree::Edge;
use super::tree::NodeId;
use super::url;
use crate::article::{Block, BlockKind, Image, Link, LinkAt};
use crate::sanitize;
use foldhash::HashSet;

/// What the walk produced.
#[derive(Debug, Default)]
pub struct Walked {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Links placed in the blocks.
    pub links: Vec<Link>,
    /// Pictures, each with its `image` block.
    pub images: Vec<Image>,
}

/// Class and id parts of the story's own header furniture inside the content: byline, date and
/// the like, which the header already shows (read from them by the visible-header pass).
const HEADER_PARTS: &[&str] = &[
    "byline",
    "author",
    "authors",
    "dateline-meta",
    "article-meta",
    "meta",
    "timestamp",
    "date",
    "published",
    "pubdate",
    "kicker",
    "eyebrow",
];

/// Whether the walk leaves an element (and what it holds) out of the story.
fn left_out(n: &N<'_>, removed: &HashSet<NodeId>) -> bool {
    let tag = dom::name(n);
    if dom::never_text(tag) || matches!(tag, "nav" | "footer") || removed.contains(&n.id()) {
        return true;
    }
    if dom::hidden(n) {
        return true;
    }
    let markers = dom::markers(n);
    dom::furniture(&markers)
        || markers
            .split_ascii_whitespace()
            .any(|w| HEADER_PARTS.iter().any(|p| dom::has_part(w, p)))
}

/// The kind a block-level element gives the text inside it, if it sets one.
fn kind_of(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "blockquote" => BlockKind::Quote,
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "figcaption" | "caption" => BlockKind::Caption,
        "pre" => BlockKind::Code,
        _ => return None,
    })
}

/// Whether an element breaks the text into blocks (anything not inline).
fn breaks(tag: &str) -> bool {
    !dom::inline(tag) && !matches!(tag, "img" | "br" | "a" | "td" | "th")
}

/// One link being read: its address and where its words started in the current block.
struct Open {
    url: Option<String>,
    start: usize,
}

/// The walk's state.
struct Walker<'a> {
    base: Option<&'a str>,
    out: Walked,
    buf: String,
    chars: usize,
    space: bool,
    kinds: Vec<(NodeId, BlockKind)>,
    pre: usize,
    /// Cells read so far in the table row being read (`None` outside a row).
    row: Option<usize>,
    open: Vec<Open>,
    /// Finished links of the current block: address and char range.
    done: Vec<(String, usize, usize)>,
}

/// Walks the elements `roots` (in order) into blocks, leaving out `removed` subtrees (related
/// boxes). Relative link addresses are joined to `base`.
pub fn walk(roots: &[N<'_>], removed: &HashSet<NodeId>, base: Option<&str>) -> Walked {
    // The list of blocks is made room for at once, a block for each element at most: grown by
    // doubling, a page of a million short paragraphs left a list twice the size behind it.
    let elements: usize = roots
        .iter()
        .map(|r| r.descendants().filter(|n| n.value().is_element()).count())
        .sum();
    let mut w = Walker {
        base,
        out: Walked {
            blocks: Vec::with_capacity(elements),
            ..Walked::default()
        },
        buf: String::new(),
        chars: 0,
        space: false,
        kinds: Vec::new(),
        pre: 0,
        row: None,
        open: Vec::new(),
        done: Vec::new(),
    };
    for root in roots {
        let mut skip = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(n) => {
                    if skip > 0 {
                        skip += 1;
                    } else if n.value().is_element() && n.id() != root.id() && left_out(&n, removed)
                    {
                        skip = 1;
                    } else {
                        w.open(&n);
                    }
                }
                Edge::Close(n) => {
                    if skip > 0 {
                        skip -= 1;
                    } else {
                        w.close(&n);
                    }
                }
            }
        }
        w.flush();
    }
    w.out
}

impl Walker<'_> {
    fn open(&mut self, n: &N<'_>) {
        if let Some(t) = n.value().as_text() {
            self.text(t);
            return;
        }
        let tag = dom::name(n);
        match tag {
            "" => {}
            "br" if self.pre > 0 => self.push_raw("\n"),
            "br" if self.row.is_some() => self.space = true,
            "br" => self.flush(),
            "img" => self.image(n),
            "a" => {
                let url = dom::attr(n, "href")
                    .map(str::trim)
                    .filter(|h| !h.is_empty())
                    .filter(|h| {
                        !url::scheme(h).is_some_and(|s| s.eq_ignore_ascii_case("javascript"))
                    })
                    .map(|h| sanitize::clean_line(&url::join(self.base, h)));
                if self.space && !self.buf.is_empty() && url.is_some() {
                    self.push_raw(" ");
                    self.space = false;
                }
                self.open.push(Open {
                    url,
                    start: self.chars,
                });
            }
            "tr" => {
                self.flush();
                self.row = Some(0);
            }
            "td" | "th" => {
                if let Some(cells) = self.row {
                    if cells > 0 {
                        self.space = false;
                        self.push_raw(" | ");
                    }
                    self.row = Some(cells + 1);
                }
            }
            // Inside a table row, block elements are spaces: the row is one block.
            _ if self.row.is_some() && breaks(tag) => self.space = true,
            _ if breaks(tag) => {
                self.flush();
                let caption = || {
                    dom::markers(n)
                        .split_ascii_whitespace()
                        .any(|w| dom::has_part(w, "caption") || dom::has_part(w, "credit"))
                };
                if let Some(k) = kind_of(tag) {
                    self.kinds.push((n.id(), k));
                } else if caption() {
                    self.kinds.push((n.id(), BlockKind::Caption));
                }
                self.pre += usize::from(tag == "pre");
            }
            _ => {}
        }
    }

    fn close(&mut self, n: &N<'_>) {
        let tag = dom::name(n);
        match tag {
            "" => {}
            "a" => {
                if let Some(o) = self.open.pop()
                    && let Some(url) = o.url
                    && self.chars > o.start
                {
                    self.done.push((url, o.start, self.chars));
                }
            }
            "tr" => {
                self.flush();
                self.row = None;
            }
            "td" | "th" => {}
            _ if self.row.is_some() && tag != "table" && breaks(tag) => self.space = true,
            _ if breaks(tag) => {
                self.flush();
                if self.kinds.last().is_some_and(|(id, _)| *id == n.id()) {
                    self.kinds.pop();
                }
                if tag == "pre" {
                    self.pre = self.pre.saturating_sub(1);
                }
                if tag == "table" {
                    self.row = None;
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.push_raw(t);
            return;
        }
        for c in t.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.buf.is_empty() {
                    self.buf.push(' ');
                    self.chars += 1;
                }
                self.space = false;
                self.buf.push(c);
                self.chars += 1;
            }
        }
    }

    fn push_raw(&mut self, s: &str) {
        self.buf.push_str(s);
        self.chars += s.chars().count();
    }

    fn image(&mut self, n: &N<'_>) {
        let size_is = |k: &str, v: &str| dom::attr(n, k).is_some_and(|s| s.trim() == v);
        if ["0", "1"]
            .iter()
            .any(|v| size_is("width", v) || size_is("height", v))
        {
            return; // a tracking pixel
        }
        let lazy = ["data-src", "data-lazy-src", "data-original"]
            .iter()
            .find_map(|k| dom::attr(n, k));
        let src = dom::attr(n, "src").map(str::trim).filter(|s| !s.is_empty());
        // A tiny inline placeholder stands in for the real picture until a script swaps it.
        let src = match (src, lazy) {
            (Some(s), Some(l)) if s.starts_with("data:") && s.len() < 200 => Some(l.trim()),
            (Some(s), _) => Some(s),
            (None, Some(l)) => Some(l.trim()),
            (None, None) => dom::attr(n, "srcset")
                .or_else(|| dom::attr(n, "data-srcset"))
                .and_then(|s| s.split(',').next())
                .and_then(|s| s.split_whitespace().next()),
        };
        let Some(src) = src.filter(|s| !s.is_empty()) else {
            return;
        };
        // An image inside a table row or a link's words does not split them.
        if self.row.is_some() {
            return;
        }
        self.flush();
        let alt = sanitize::clean_line(&dom::collapse(dom::attr(n, "alt").unwrap_or("")));
        let block = self.out.blocks.len();
        self.out
            .blocks
            .push(Block::new(BlockKind::Image, alt.clone()));
        self.out.images.push(Image {
            block,
            alt,
            src: sanitize::clean_line(src),
        });
    }

    /// Ends the current block: its text becomes a block of the innermost kind, and the links
    /// read in it are placed; a link still open carries on into the next block.
    fn flush(&mut self) {
        let kind = self.kinds.last().map_or(BlockKind::Paragraph, |k| k.1);
        for o in &mut self.open {
            if let Some(url) = &o.url
                && self.chars > o.start
            {
                self.done.push((url.clone(), o.start, self.chars));
            }
            o.start = 0;
        }
        let raw = std::mem::take(&mut self.buf);
        let done = std::mem::take(&mut self.done);
        self.chars = 0;
        self.space = false;
        let (text, shift) = if kind == BlockKind::Code {
            let lead = raw.len() - raw.trim_start_matches(['\n', '\r']).len();
            let trimmed = raw.trim_matches(['\n', '\r']);
            (sanitize::clean_text(trimmed), lead)
        } else {
            (sanitize::clean_line(&raw), 0)
        };
        if text.trim().is_empty() {
            return;
        }
        let len = text.chars().count();
        let block = self.out.blocks.len();
        let mut placed: Vec<(usize, usize, String)> = done
            .into_iter()
            .map(|(url, start, end)| {
                (
                    start.saturating_sub(shift),
                    end.saturating_sub(shift).min(len),
                    url,
                )
            })
            .filter(|(start, end, _)| start < end)
            .collect();
        if kind != BlockKind::Code {
            bare_urls_outside(&text, &mut placed);
        }
        for (start, end, url) in placed {
            let words: String = text.chars().skip(start).take(end - start).collect();
            self.out.links.push(Link {
                text: words,
                url,
                at: Some(LinkAt { block, start, end }),
            });
        }
        self.out.blocks.push(Block::new(kind, text));
    }
}
/// Adds to `placed` (`char` ranges of `text` with their URL) every `http(s)://` URL written
/// out in `text` outside the links already there, labelled with itself, and keeps them in
/// reading order.
fn bare_urls_outside(text: &str, placed: &mut Vec<(usize, usize, String)>) {
    if !text.contains("http") {
        return;
    }
    let (mut byte, mut chars) = (0, 0);
    let mut found = false;
    for (at, url) in crate::text::bare_urls(text) {
        chars += text[byte..at].chars().count();
        byte = at;
        let (start, end) = (chars, chars + url.chars().count());
        if placed.iter().any(|(s, e, _)| *s < end && start < *e) {
            continue;
        }
        placed.push((start, end, url));
        found = true;
    }
    if found {
        placed.sort_by_key(|p| p.0);
    }
}
