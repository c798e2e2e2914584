//! Saved web pages (`.html`, `.htm`, `.xhtml`): the story's main content and its header.
//!
//! Placeholder until the saved-page reader lands: the text between tags, as paragraphs.

use crate::article::{Article, Block, BlockKind, Link};
use anyhow::Result;

/// Body blocks and links read from a fragment of HTML (a JSON field, a feed item's content).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlBody {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Every `<a href>`, with its text and where it stands in `blocks`.
    pub links: Vec<Link>,
}

/// Turns a fragment of HTML into body blocks: the shared HTML-to-blocks step of JSON fields,
/// feed items and saved pages.
pub fn to_blocks(html: &str) -> HtmlBody {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let blocks = if text.is_empty() {
        Vec::new()
    } else {
        vec![Block::new(BlockKind::Paragraph, text)]
    };
    HtmlBody {
        blocks,
        links: Vec::new(),
    }
}

/// Parses a whole saved page.
pub fn parse(html: &str) -> Result<Article> {
    let body = to_blocks(html);
    Ok(Article {
        blocks: body.blocks,
        links: body.links,
        ..Article::default()
    })
}
