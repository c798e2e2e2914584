//! The header as the page shows it, for what its metadata leaves out: the `<h1>`, the byline
//! (`[itemprop=author]`, `rel=author`, `.byline`, `.author`), the first `<time datetime>`, and
//! the standfirst element (`.standfirst`, `.dek`, `.subtitle`, `[itemprop=description]`).

use super::dom::{self, N};
use super::meta;
use super::tree::NodeId;

/// What the visible header says.
#[derive(Debug, Default)]
pub struct Seen {
    /// The headline: the first `<h1>` of the story (else of the page).
    pub h1: Option<String>,
    /// Names in the byline.
    pub authors: Vec<String>,
    /// A `<time datetime>` (or `[itemprop=datePublished]`) value as written.
    pub date: Option<String>,
    /// The standfirst's text and its element.
    pub dek: Option<String>,
    /// The standfirst's element, left out of the body.
    pub dek_node: Option<NodeId>,
}

/// Class parts of a standfirst element.
const DEK: &[&str] = &[
    "standfirst",
    "dek",
    "deck",
    "subtitle",
    "strapline",
    "article-summary",
    "summary",
];

/// Longest byline read, in bytes: longer is a paragraph that happens to name an author.
const BYLINE_MAX: usize = 160;

/// Reads the visible header: from the `<article>` around the story when there is one, else
/// the whole page.
pub fn read(root: N<'_>, content: &[NodeId]) -> Seen {
    let tree = root.tree();
    let scope = content
        .first()
        .and_then(|id| tree.get(*id))
        .and_then(|c| {
            std::iter::once(c)
                .chain(c.ancestors().take(64))
                .find(|a| matches!(dom::name(a), "article" | "main"))
        })
        .unwrap_or(root);
    let mut seen = Seen::default();
    let mut skip = 0usize;
    let mut byline_names: Vec<String> = Vec::new();
    let mut rel_names: Vec<String> = Vec::new();
    let mut prop_names: Vec<String> = Vec::new();
    for (pass_no, pass) in [scope, root].into_iter().enumerate() {
        let own = pass_no == 0;
        for edge in pass.traverse() {
            let n = match edge {
                super::tree::Edge::Open(n) if skip == 0 => n,
                super::tree::Edge::Open(_) => {
                    skip += 1;
                    continue;
                }
                super::tree::Edge::Close(_) => {
                    skip = skip.saturating_sub(1);
                    continue;
                }
            };
            if !n.value().is_element() {
                continue;
            }
            let tag = dom::name(&n);
            if dom::never_text(tag) || matches!(tag, "nav" | "footer") {
                skip = 1;
                continue;
            }
            let markers = dom::markers(&n);
            let parts = || markers.split_ascii_whitespace();
            if tag == "h1" && seen.h1.is_none() {
                seen.h1 = Some(dom::text(&n, 1000)).filter(|t| !t.is_empty());
            }
            if own
                && seen.date.is_none()
                && (tag == "time"
                    || dom::attr(&n, "itemprop").is_some_and(|p| p == "datePublished"))
                && let Some(d) = dom::attr(&n, "datetime").or_else(|| dom::attr(&n, "content"))
            {
                let d = dom::collapse(d);
                if !d.is_empty() {
                    seen.date = Some(d);
                }
            }
            // A date written out in an element marked as one (`.date`, `.timestamp`).
            if own
                && seen.date.is_none()
                && parts().any(|w| {
                    ["date", "timestamp", "published"]
                        .iter()
                        .any(|p| dom::has_part(w, p))
                })
            {
                let t = dom::text(&n, 200);
                // A `<time datetime>` inside says it more exactly: it is read next.
                let time_inside = dom::find(n, |d| {
                    dom::name(d) == "time" && dom::attr(d, "datetime").is_some()
                })
                .is_some();
                if !time_inside && crate::article::date::date_line_iso(&t).is_some() {
                    seen.date = Some(t);
                }
            }
            if dom::attr(&n, "itemprop").is_some_and(|p| p == "author") && prop_names.is_empty() {
                let name = dom::find(n, |d| dom::attr(d, "itemprop") == Some("name"))
                    .map(|d| {
                        dom::attr(&d, "content")
                            .map(dom::collapse)
                            .unwrap_or_else(|| dom::text(&d, BYLINE_MAX))
                    })
                    .or_else(|| dom::attr(&n, "content").map(dom::collapse))
                    .unwrap_or_else(|| dom::text(&n, BYLINE_MAX));
                prop_names.extend(names(&name));
            }
            if tag == "a"
                && dom::attr(&n, "rel")
                    .is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "author"))
            {
                rel_names.extend(names(&dom::text(&n, BYLINE_MAX)));
            }
            if byline_names.is_empty()
                && parts().any(|w| {
                    dom::has_part(w, "byline") || w == "author" || dom::has_part(w, "author-name")
                })
            {
                byline_names = names(&dom::text_parts(&n, BYLINE_MAX * 2));
            }
            if own
                && seen.dek.is_none()
                && (parts().any(|w| DEK.iter().any(|d| dom::has_part(w, d)))
                    || dom::attr(&n, "itemprop").is_some_and(|p| p == "description"))
                && !matches!(tag, "meta" | "h1" | "body" | "article" | "main" | "section")
            {
                let t = dom::text(&n, 2000);
                if !t.is_empty() && t.len() < 600 {
                    seen.dek = Some(t);
                    seen.dek_node = Some(n.id());
                }
            }
        }
        if seen.h1.is_some() && seen.date.is_some() && !byline_names.is_empty() {
            break;
        }
    }
    // The authors' own markup first, then the byline's words.
    seen.authors = meta::dedupe(
        [prop_names, rel_names, byline_names]
            .into_iter()
            .find(|v| !v.is_empty())
            .unwrap_or_default(),
    );
    seen
}

/// Names from byline text: `By Ann Lee and Tom Ruiz | 3 June 2026` → the two names (the
/// parts after `|`, `·` or a line that is a date are not names).
fn names(text: &str) -> Vec<String> {
    if text.len() > BYLINE_MAX {
        return Vec::new();
    }
    let first = text
        .split(['|', '·', '•'])
        .map(str::trim)
        .find(|p| !p.is_empty())
        .unwrap_or("");
    if crate::article::date::is_date_line(first) {
        return Vec::new();
    }
    meta::split_names(first)
        .into_iter()
        .filter(|n| n.split_whitespace().count() <= 5 && !n.chars().any(|c| c.is_ascii_digit()))
        .filter(|n| !is_role(n))
        .collect()
}

/// Whether a byline part is a job title rather than a name (`Staff Reporter`).
fn is_role(s: &str) -> bool {
    const ROLES: &[&str] = &[
        "reporter",
        "correspondent",
        "writer",
        "editor",
        "staff",
        "contributor",
        "columnist",
        "journalist",
        "photographer",
        "desk",
    ];
    s.split_whitespace().any(|w| {
        ROLES.contains(
            &w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
        )
    })
}
