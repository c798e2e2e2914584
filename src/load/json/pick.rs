//! The fields of the JSON shapes other tools write (NewsAPI, news-please, JSON Feed, Wallabag,
//! Pocket, WordPress, schema.org), looked up under the names each shape uses. Nothing here is an
//! error: a field of a shape byline does not expect is passed over.

use super::super::frontmatter::{collapse, looks_like_url};
use super::value::{Map, Value};
use crate::article::{Block, Link};

/// Keys the headline is found under, best first; the flag says whether a known shape uses it.
pub(super) const TITLE_KEYS: [(&str, bool); 5] = [
    ("title", true),
    ("headline", true),
    ("resolved_title", true),
    ("given_title", true),
    ("name", false),
];

/// Keys the body text is found under, best first, with the same flag.
pub(super) const TEXT_KEYS: [(&str, bool); 16] = [
    ("content_html", true),
    ("content", true),
    ("maintext", true),
    ("articleBody", true),
    ("article_body", true),
    ("content_text", true),
    ("body_html", false),
    ("text", false),
    ("full_text", false),
    ("fulltext", false),
    ("body_text", false),
    ("story", false),
    ("article", false),
    ("html", false),
    ("excerpt", true),
    ("summary_text", false),
];

/// Keys of the date the article was published, best first (never the date it was saved).
pub(super) const DATE_KEYS: [&str; 8] = [
    "date",
    "publishedAt",
    "published_at",
    "date_publish",
    "date_published",
    "datePublished",
    "published",
    "pubDate",
];

/// Keys of the standfirst, best first.
const STANDFIRST_KEYS: [&str; 5] = ["standfirst", "description", "summary", "dek", "subtitle"];

/// Keys of the article's own URL, best first.
pub(super) const URL_KEYS: [&str; 8] = [
    "url",
    "canonical_url",
    "canonical",
    "link",
    "external_url",
    "resolved_url",
    "given_url",
    "origin_url",
];

/// Keys of a lead picture's URL.
const IMAGE_KEYS: [&str; 8] = [
    "urlToImage",
    "image",
    "image_url",
    "preview_picture",
    "banner_image",
    "top_image",
    "lead_image_url",
    "thumbnail",
];

/// Keys of a publication's name or domain, best first (after a `source` object's name).
pub(super) const SOURCE_KEYS: [&str; 5] = [
    "source_domain",
    "domain_name",
    "site_name",
    "siteName",
    "publisher",
];

/// Keys whose values are tags.
pub(super) const TAG_KEYS: [&str; 4] = ["tags", "keywords", "categories", "category"];

/// Keys naming authors, best first, after byline's own `authors`.
pub(super) const AUTHOR_KEYS: [&str; 4] = ["author", "published_by", "byline", "creator"];

/// Tags whose name (compared ASCII case-blind) marks a field's string as HTML.
const HTML_TAGS: [&str; 22] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "img",
    "a",
    "em",
    "strong",
    "span",
    "section",
    "article",
    "table",
];

/// The string of a value: a string, or WordPress's `{"rendered": …}` and similar wrappers.
fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => ["rendered", "text", "value", "name", "url", "href"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str)),
        _ => None,
    }
}

/// The first of `keys` holding non-blank text, with its key.
pub(super) fn first_text<'a>(
    obj: &'a Map,
    keys: &[&'static str],
) -> Option<(&'static str, &'a str)> {
    keys.iter().find_map(|k| {
        let s = obj.get(*k).and_then(text_of)?;
        (!s.trim().is_empty()).then_some((*k, s))
    })
}

/// The headline under another name than `title`, with its key.
pub(super) fn title(obj: &Map) -> Option<(&'static str, String)> {
    TITLE_KEYS.iter().find_map(|(k, _)| {
        let s = obj.get(*k).and_then(text_of)?;
        let t = one_line(s);
        (!t.is_empty()).then_some((*k, t))
    })
}

/// Text for a one-line field: HTML made plain, whitespace collapsed.
pub(super) fn one_line(s: &str) -> String {
    if looks_like_html(s) {
        let body = crate::load::html::to_blocks(s);
        collapse(
            &body
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        collapse(s)
    }
}

/// The body text's field: its key and value.
pub(super) fn text(obj: &Map) -> Option<(&'static str, bool, &Value)> {
    TEXT_KEYS.iter().find_map(|(k, known)| {
        let v = obj.get(*k)?;
        let usable = match v {
            Value::Array(items) => items.iter().any(|i| text_of(i).is_some()),
            v => text_of(v).is_some_and(|s| !s.trim().is_empty()),
        };
        usable.then_some((*k, *known, v))
    })
}

/// Blocks and links of a text field's value: HTML through the shared HTML-to-blocks step,
/// plain text split into paragraphs, an array one piece after another.
pub(super) fn blocks(v: &Value) -> (Vec<Block>, Vec<Link>) {
    let mut blocks = Vec::new();
    let mut links = Vec::new();
    let pieces: Vec<&str> = match v {
        Value::Array(items) => items.iter().filter_map(text_of).collect(),
        v => text_of(v).into_iter().collect(),
    };
    for piece in pieces {
        if looks_like_html(piece) {
            let body = crate::load::html::to_blocks(piece);
            let shift = blocks.len();
            links.extend(body.links.into_iter().map(|mut l| {
                if let Some(at) = l.at.as_mut() {
                    at.block += shift;
                }
                l
            }));
            blocks.extend(body.blocks);
        } else {
            blocks.extend(paragraphs(piece).into_iter().map(Block::paragraph));
        }
    }
    (blocks, links)
}

/// The paragraphs of plain text: between blank lines when it has any, else one a line (as
/// news-please and most exports separate paragraphs by single newlines).
fn paragraphs(s: &str) -> Vec<String> {
    let blank_lines = s.lines().any(|l| l.trim().is_empty())
        && s.lines().filter(|l| !l.trim().is_empty()).count() > 1;
    if blank_lines {
        super::own::paragraphs(s)
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        s.lines().map(collapse).filter(|p| !p.is_empty()).collect()
    }
}

/// Whether a string is HTML: it holds a tag such as `<p`, `<div` or `<br`.
pub(super) fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        let rest = &b[i + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        HTML_TAGS.iter().any(|t| {
            rest.len() > t.len()
                && rest[..t.len()].eq_ignore_ascii_case(t.as_bytes())
                && matches!(rest[t.len()], b'>' | b' ' | b'/' | b'\n' | b'\t')
        })
    })
}

/// Takes NewsAPI's cut mark (`… [+1234 chars]`) off the end of the last block and returns how
/// many characters it says are missing.
pub(super) fn cut_mark(blocks: &mut [Block]) -> Option<u64> {
    let last = blocks.last_mut()?;
    let t = last.text.trim_end();
    let inner = t.strip_suffix("chars]")?.trim_end();
    let open = inner.rfind("[+")?;
    let n: u64 = inner[open + 2..].trim().parse().ok()?;
    last.text = last.text[..open].trim_end().into();
    Some(n)
}

/// The standfirst: byline's own `standfirst`, else a description or summary, made one line.
pub(super) fn standfirst(obj: &Map) -> Option<String> {
    first_text(obj, &STANDFIRST_KEYS)
        .map(|(_, s)| one_line(s))
        .filter(|s| !s.is_empty())
}

/// The publication: a `source` object's name (NewsAPI), else a site name or domain.
pub(super) fn source(obj: &Map) -> Option<String> {
    let from_object = match obj.get("source") {
        Some(Value::Object(o)) => ["name", "title", "id"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str)),
        _ => None,
    };
    from_object
        .or_else(|| first_text(obj, &SOURCE_KEYS).map(|(_, s)| s))
        .map(collapse)
        .filter(|s| !s.is_empty())
}

/// The article's own URL.
pub(super) fn url(obj: &Map) -> Option<String> {
    URL_KEYS.iter().find_map(|k| {
        let s = obj.get(*k).and_then(text_of)?.trim();
        (!s.is_empty() && !s.contains(char::is_whitespace)).then(|| s.to_string())
    })
}

/// The URL of the lead picture.
pub(super) fn lead_image(obj: &Map) -> Option<String> {
    IMAGE_KEYS.iter().find_map(|k| {
        let s = obj.get(*k).and_then(text_of)?.trim();
        (!s.is_empty() && !s.contains(char::is_whitespace)).then(|| s.to_string())
    })
}

/// The date as written: the first date key holding a string or a whole number (a Unix time
/// stamp, written as its digits).
pub(super) fn date(obj: &Map) -> Option<(&'static str, String)> {
    DATE_KEYS.iter().find_map(|k| {
        let s = match obj.get(*k)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) if n.is_u64() => n.to_string(),
            _ => return None,
        };
        (!s.is_empty()).then_some((*k, s))
    })
}

/// Tags from every tag key, in order, without repeats: strings (a `keywords` string is
/// comma-separated), objects with a `label`, `name`, `tag`, `title` or `term` (Wallabag), or a
/// map from tag to details (Pocket).
pub(super) fn tags(obj: &Map) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        let t = collapse(s);
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
            out.push(t);
        }
    };
    for key in TAG_KEYS {
        match obj.get(key) {
            Some(Value::String(s)) => s.split(',').for_each(&mut push),
            Some(Value::Array(items)) => {
                for item in items {
                    match item {
                        Value::String(s) => push(s),
                        Value::Object(o) => {
                            if let Some(s) = ["label", "name", "tag", "title", "term"]
                                .iter()
                                .find_map(|k| o.get(*k).and_then(Value::as_str))
                            {
                                push(s);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Some(Value::Object(map)) => map.keys().for_each(|k| push(k)),
            _ => {}
        }
    }
    out
}

/// Authors under another key than byline's `authors`: a string (names joined by commas or
/// `and` are split when every part looks like a name), an object with a `name`, or a list of
/// either. A URL is no name: it is left out, and named in `skipped`.
pub(super) fn authors(obj: &Map, skipped: &mut Vec<String>) -> Vec<String> {
    for key in AUTHOR_KEYS {
        let items: Vec<&str> = match obj.get(key) {
            Some(Value::Array(items)) => items.iter().filter_map(text_of).collect(),
            Some(v) => text_of(v).into_iter().collect(),
            None => continue,
        };
        let mut names = Vec::new();
        for item in items {
            let item = item.trim();
            let item = item
                .strip_prefix("By ")
                .or_else(|| item.strip_prefix("by "))
                .unwrap_or(item);
            if looks_like_url(item) {
                skipped.push(item.to_string());
                continue;
            }
            names.extend(split_names(item));
        }
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// `Ana Ruiz, Bo Ek and Cy Lund` as three names when every part looks like a name (two to
/// four words, each capitalised, no digits); otherwise the string as one.
fn split_names(s: &str) -> Vec<String> {
    let s = collapse(s);
    let parts: Vec<&str> = s
        .split(',')
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let name_like = |p: &&str| {
        let words: Vec<&str> = p.split_whitespace().collect();
        (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !p.chars().any(|c| c.is_ascii_digit())
    };
    if parts.len() > 1 && parts.iter().all(name_like) {
        parts.into_iter().map(str::to_string).collect()
    } else if s.is_empty() {
        Vec::new()
    } else {
        vec![s]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("<p>Ferries resumed.</p>"));
        assert!(looks_like_html("Line one<br>line two"));
        assert!(looks_like_html("<DIV class=\"x\">a</DIV>"));
        assert!(!looks_like_html("Prices rose by <5% in Kessel"));
        assert!(!looks_like_html("a <pre-existing> condition"));
        assert!(!looks_like_html("no tags at all"));
    }

    #[test]
    fn names_split_only_when_every_part_is_a_name() {
        assert_eq!(
            split_names("Ana Ruiz, Bo Ek and Cy Lund"),
            ["Ana Ruiz", "Bo Ek", "Cy Lund"]
        );
        assert_eq!(split_names("Ana Ruiz"), ["Ana Ruiz"]);
        assert_eq!(split_names("staff, wires"), ["staff, wires"]);
        assert_eq!(split_names("  "), Vec::<String>::new());
    }

    #[test]
    fn the_cut_mark_comes_off_and_counts() {
        let mut b = vec![Block::paragraph(
            "Ferries ran late on Monday … [+2817 chars]",
        )];
        assert_eq!(cut_mark(&mut b), Some(2817));
        assert_eq!(b[0].text, "Ferries ran late on Monday …");
        let mut c = vec![Block::paragraph("A [+ten chars]")];
        assert_eq!(cut_mark(&mut c), None);
        assert_eq!(c[0].text, "A [+ten chars]");
    }

    #[test]
    fn plain_text_paragraphs() {
        assert_eq!(paragraphs("One.\nTwo.\n"), ["One.", "Two."]);
        assert_eq!(
            paragraphs("One\nstill one.\n\nTwo."),
            ["One still one.", "Two."]
        );
    }
}
