//! byline's own JSON shape (the one `--json` prints): its fields are typed, and a field of the
//! wrong type is an error that names it.

use super::super::frontmatter::{self, collapse};
use super::value::{Map, Value};
use crate::article::{Block, BlockKind, Link, LinkAt, Related};
use crate::sanitize::clean_line;
use anyhow::{Result, anyhow, bail};
use std::path::PathBuf;

/// How much of a bad string value an error message quotes.
const SHOWN_MAX: usize = 40;

/// A short description of a value for an error: its type, or a string's start.
pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(_) => "a number".into(),
        Value::String(s) => {
            let shown: String = s.chars().take(SHOWN_MAX).collect();
            let more = if shown.len() < s.len() { "…" } else { "" };
            format!("\"{}{more}\"", clean_line(&shown))
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// An optional string field: absent or `null` is `None`; an empty string too.
pub(super) fn opt_string(obj: &Map, key: &str) -> Result<Option<String>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
        Some(v) => bail!(
            "field \"{key}\": expected a string or null, got {}",
            describe(v)
        ),
    }
}

/// A list-of-strings field; a single string is a list of one, absent or `null` is empty; an
/// object with a `name` stands for that name.
pub(super) fn strings(obj: &Map, key: &str) -> Result<Vec<String>> {
    let items = match obj.get(key) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(s)) => {
            return Ok(Some(collapse(s))
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect());
        }
        Some(Value::Array(items)) => items,
        Some(v) => bail!(
            "field \"{key}\": expected an array of strings, got {}",
            describe(v)
        ),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::String(s) => Ok(collapse(s)),
            // JSON Feed writes authors as `{"name": …, "url": …}`.
            Value::Object(o) if o.get("name").is_some_and(Value::is_string) => Ok(collapse(
                o.get("name").and_then(Value::as_str).unwrap_or_default(),
            )),
            v => bail!(
                "field \"{key}[{i}]\": expected a string, got {}",
                describe(v)
            ),
        })
        .filter(|r| r.as_ref().map_or(true, |s| !s.is_empty()))
        .collect()
}

pub(super) fn blocks(v: &Value) -> Result<Vec<Block>> {
    let Value::Array(items) = v else {
        bail!("field \"blocks\": expected an array, got {}", describe(v));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let block = match item {
            // A bare string is a paragraph, which hand-written files find natural.
            Value::String(s) => Block::paragraph(collapse(s)),
            Value::Object(o) => {
                let kind = match o.get("kind") {
                    None | Some(Value::Null) => BlockKind::Paragraph,
                    Some(k) => kind(k).ok_or_else(|| {
                        anyhow!(
                            "field \"blocks[{i}].kind\": expected one of paragraph, heading, \
                             quote, list_item, caption, code, separator, image, got {}",
                            describe(k)
                        )
                    })?,
                };
                let text = match o.get("text") {
                    // Code keeps its lines; every other block is one run of words.
                    Some(Value::String(s)) if kind == BlockKind::Code => s
                        .replace("\r\n", "\n")
                        .trim_end()
                        .trim_start_matches('\n')
                        .to_string(),
                    Some(Value::String(s)) => collapse(s),
                    None => bail!("missing field \"blocks[{i}].text\""),
                    Some(v) => bail!(
                        "field \"blocks[{i}].text\": expected a string, got {}",
                        describe(v)
                    ),
                };
                Block::new(kind, text)
            }
            v => bail!(
                "field \"blocks[{i}]\": expected an object or a string, got {}",
                describe(v)
            ),
        };
        // An empty block would show as a stray gap; it carries nothing. A picture without alt
        // text is still a picture.
        if !block.text.is_empty() || block.kind == BlockKind::Image {
            out.push(block);
        }
    }
    Ok(out)
}

fn kind(v: &Value) -> Option<BlockKind> {
    match v.as_str()? {
        "paragraph" => Some(BlockKind::Paragraph),
        "heading" => Some(BlockKind::Heading),
        "quote" => Some(BlockKind::Quote),
        "list_item" => Some(BlockKind::ListItem),
        "caption" => Some(BlockKind::Caption),
        "code" => Some(BlockKind::Code),
        "separator" => Some(BlockKind::Separator),
        "image" => Some(BlockKind::Image),
        _ => None,
    }
}

pub(super) fn body_blocks(v: &Value) -> Result<Vec<Block>> {
    let paragraphs: Vec<String> = match v {
        Value::String(s) => paragraphs(s),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) => Ok(collapse(s)),
                v => bail!(
                    "field \"body[{i}]\": expected a string, got {}",
                    describe(v)
                ),
            })
            .collect::<Result<_>>()?,
        v => bail!(
            "field \"body\": expected a string or an array of strings, got {}",
            describe(v)
        ),
    };
    Ok(paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(Block::paragraph)
        .collect())
}

/// The paragraphs of `s`: runs of lines between blank (or whitespace-only) lines.
pub(super) fn paragraphs(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for line in s.lines() {
        if line.trim().is_empty() {
            out.push(String::new());
        } else if let Some(p) = out.last_mut() {
            p.push(' ');
            p.push_str(line);
        }
    }
    out.iter().map(|p| collapse(p)).collect()
}

pub(super) fn related(obj: &Map) -> Result<Vec<Related>> {
    let items = match obj.get("related") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(v) => bail!("field \"related\": expected an array, got {}", describe(v)),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let r = match item {
            Value::String(s) => frontmatter::related_entry(s),
            Value::Object(o) => {
                let field = |k: &str| format!("related[{i}].{k}");
                let path = match o.get("path") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(p)) if !p.trim().is_empty() => Some(PathBuf::from(p.trim())),
                    Some(v) => bail!(
                        "field \"{}\": expected a path string or null, got {}",
                        field("path"),
                        describe(v)
                    ),
                };
                match (o.get("title"), path) {
                    (Some(Value::String(t)), path) if !t.trim().is_empty() => Related {
                        title: collapse(t),
                        path,
                        url: None,
                    },
                    // A path alone names its target; its stem stands in for the title.
                    (None | Some(Value::Null), Some(p)) => Related {
                        title: frontmatter::stem_title(&p),
                        path: Some(p),
                        url: None,
                    },
                    (None | Some(Value::Null), None) => {
                        bail!("missing field \"{}\"", field("title"))
                    }
                    (Some(v), _) => bail!(
                        "field \"{}\": expected a non-empty string, got {}",
                        field("title"),
                        describe(v)
                    ),
                }
            }
            v => bail!(
                "field \"related[{i}]\": expected an object or a string, got {}",
                describe(v)
            ),
        };
        out.push(r);
    }
    Ok(out)
}

pub(super) fn links(obj: &Map) -> Result<Vec<Link>> {
    let items = match obj.get("links") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(v) => bail!("field \"links\": expected an array, got {}", describe(v)),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let (text, url, at) = match item {
            Value::String(u) => (None, u, None),
            Value::Object(o) => match (o.get("text"), o.get("url")) {
                // Where the link stands, as `--json` writes it; a place that does not read as
                // one is left out (the reader checks it against the blocks again).
                (t, Some(Value::String(u))) => (
                    t.and_then(Value::as_str),
                    u,
                    o.get("at")
                        .and_then(|v| serde_json::from_value::<LinkAt>(v.to_serde()).ok()),
                ),
                (_, None) => bail!("missing field \"links[{i}].url\""),
                (_, Some(v)) => bail!(
                    "field \"links[{i}].url\": expected a string, got {}",
                    describe(v)
                ),
            },
            v => bail!(
                "field \"links[{i}]\": expected an object or a string, got {}",
                describe(v)
            ),
        };
        let url = url.trim().to_string();
        let text = text.map(collapse).filter(|t| !t.is_empty());
        out.push(Link {
            text: text.unwrap_or_else(|| url.clone()),
            url,
            at,
        });
    }
    Ok(out)
}
