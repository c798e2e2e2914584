//! The story's own box of related articles ("Related", "More on this story", "Read more",
//! "See also"), as related entries with their headline and address.
//!
//! The rule: a box is an element whose heading (its first `<h2>`–`<h6>`, or the words before
//! its first link) starts with one of the related phrases, or whose class or id names it
//! related (`related`, `more-on`, `read-more`, `see-also`) while its heading is not a
//! site-wide list ("Most read", "Trending", "Popular", "Latest", "Recommended", …). It counts
//! only inside the story or just after it: inside the content element or the `<article>`
//! around it, or in an element that follows one of those (or their parent) in the page. A
//! site-wide list is never the story's related box, wherever it stands.

use super::dom::{self, N};
use super::tree::Edge;
use super::tree::NodeId;
use super::url;
use crate::article::Related;

/// Headings that open the story's own related box (lower case, compared by prefix).
const RELATED: &[&str] = &[
    "related",
    "more on this",
    "more on ",
    "more about",
    "read more",
    "see also",
    "also read",
    "read also",
    "further reading",
    "more coverage",
    "in depth",
];

/// Headings of site-wide lists, never the story's related box.
const SITE_WIDE: &[&str] = &[
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "most commented",
    "popular",
    "trending",
    "top stories",
    "latest",
    "editor",
    "recommended",
    "you may also like",
    "you might also like",
    "around the web",
    "sponsored",
    "promoted",
    "from our partners",
    "don't miss",
    "don’t miss",
];

/// Class and id parts naming a related box.
const RELATED_MARKERS: &[&str] = &[
    "related",
    "more-on",
    "read-more",
    "readmore",
    "see-also",
    "more-stories",
];

/// Link texts that are not headlines.
const NOT_HEADLINES: &[&str] = &["more", "read more", "see all", "view all", "more stories"];

/// Lower case, with the punctuation at the ends dropped: what the phrase lists are matched to.
fn plain(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether `heading` starts with one of the phrases of `list` as whole words.
fn starts_with_any(heading: &str, list: &[&str]) -> bool {
    let h = plain(heading);
    list.iter().any(|p| {
        h.strip_prefix(p)
            .is_some_and(|rest| p.ends_with(' ') || !rest.starts_with(char::is_alphanumeric))
    })
}

/// The related boxes of the page and their entries, in page order.
pub struct Boxes {
    /// Each box's element (its subtree is not story text).
    pub nodes: Vec<NodeId>,
    /// The entries, in page order, once each (by address).
    pub entries: Vec<Related>,
}

/// How much of a box's first words is read for its heading.
const HEADING_BYTES: usize = 80;

/// The largest char boundary of `s` at or below `at`.
fn floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The box heading: the first thing in it, when that is words or a heading-like element (a
/// heading, `<header>`, bold text, or an element whose class says title or heading); empty
/// otherwise. Cheap: only the first child is read, and only a few words of it.
fn heading(n: &N<'_>) -> (String, bool) {
    let Some(first) = n.children().find(|c| {
        c.value().is_element() || c.value().as_text().is_some_and(|t| !t.trim().is_empty())
    }) else {
        return (String::new(), false);
    };
    // The phrases are a few words long: the first words are all that is compared.
    if let Some(t) = first.value().as_text() {
        let t = t.trim_start();
        return (dom::collapse(&t[..floor(t, HEADING_BYTES)]), false);
    }
    let tag = dom::name(&first);
    let markers = dom::markers(&first);
    let heading_like = matches!(
        tag,
        "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "strong" | "b" | "span" | "em" | "p" | "dt"
    ) || markers.contains("title")
        || markers.contains("head");
    if heading_like {
        (dom::text(&first, HEADING_BYTES), true)
    } else {
        (String::new(), false)
    }
}

/// Whether the element is a related box (by heading or class), and not a site-wide list.
fn is_box(n: &N<'_>) -> bool {
    let tag = dom::name(n);
    if !matches!(
        tag,
        "section" | "aside" | "div" | "nav" | "ul" | "ol" | "p" | "li" | "footer" | "dl"
    ) {
        return false;
    }
    let (h, element) = heading(n);
    // A story paragraph opens with words and no colon: not a "Read more:" line, and the
    // commonest element here, so it is settled before any lower-casing.
    if matches!(tag, "p" | "li") && !element && !h.contains(':') {
        return false;
    }
    if starts_with_any(&h, SITE_WIDE) {
        return false;
    }
    let words = |w: &str| {
        RELATED_MARKERS.iter().any(|m| dom::has_part(w, m))
            && !["most-read", "mostread", "popular", "trending", "recommend"]
                .iter()
                .any(|x| w.contains(x))
    };
    let marked = dom::markers(n).split_ascii_whitespace().any(words);
    let by_heading = starts_with_any(&h, RELATED)
        && if matches!(tag, "p" | "li") {
            // "Read more: …" in a paragraph: the words stand apart (bold) or end in a colon.
            element
                || h.split(':')
                    .next()
                    .is_some_and(|k| k.len() < h.len() && k.len() < 40)
        } else {
            true
        };
    // A paragraph or list item counts by its heading words only.
    let found = (marked && !matches!(tag, "p" | "li")) || by_heading;
    found
        && dom::find(*n, |d| {
            dom::name(d) == "a" && dom::attr(d, "href").is_some()
        })
        .is_some()
}

/// Finds the story's related boxes, given the content elements (see the module's rule).
pub fn find(root: N<'_>, content: &[NodeId], base: Option<&str>) -> Boxes {
    let tree = root.tree();
    let roots: Vec<N<'_>> = content.iter().filter_map(|id| tree.get(*id)).collect();
    // Where a box may stand: inside these, or after them (or after their parents).
    let mut anchors: Vec<N<'_>> = roots.clone();
    if let Some(first) = roots.first()
        && let Some(article) = first
            .ancestors()
            .take(64)
            .find(|a| dom::name(a) == "article")
    {
        anchors.push(article);
    }
    let mut places: Vec<NodeId> = Vec::new();
    for a in &anchors {
        places.push(a.id());
        let mut levels = vec![*a];
        levels.extend(a.parent().filter(|p| p.value().is_element()));
        for level in levels {
            places.extend(
                level
                    .next_siblings()
                    .filter(|s| {
                        s.value().is_element()
                            && !matches!(dom::name(s), "footer" | "nav" | "header")
                    })
                    .map(|s| s.id()),
            );
        }
    }
    // A place inside another place is searched with it.
    places.sort_unstable();
    places.dedup();
    let mut boxes = Boxes {
        nodes: Vec::new(),
        entries: Vec::new(),
    };
    for place in places {
        let Some(place) = tree.get(place) else {
            continue;
        };
        if boxes
            .nodes
            .iter()
            .any(|b| tree.get(*b).is_some_and(|b| dom::within(&place, &b)))
        {
            continue;
        }
        let mut skip = 0usize;
        for edge in place.traverse() {
            let n = match edge {
                Edge::Open(n) if skip == 0 => n,
                Edge::Open(_) => {
                    skip += 1;
                    continue;
                }
                Edge::Close(_) => {
                    skip = skip.saturating_sub(1);
                    continue;
                }
            };
            if !n.value().is_element() {
                continue;
            }
            if dom::never_text(dom::name(&n)) || boxes.nodes.contains(&n.id()) {
                skip = 1;
                continue;
            }
            if is_box(&n) {
                boxes.nodes.push(n.id());
                entries(&n, base, &mut boxes.entries);
                skip = 1;
            }
        }
    }
    boxes
}

/// The headlines linked in a box, added to `out` once each by address.
fn entries(n: &N<'_>, base: Option<&str>, out: &mut Vec<Related>) {
    let box_heading = plain(&heading(n).0);
    for a in n.descendants().filter(|d| dom::name(d) == "a") {
        let Some(href) = dom::attr(&a, "href") else {
            continue;
        };
        let href = href.trim();
        if href.is_empty()
            || href.starts_with('#')
            || url::scheme(href).is_some_and(|s| s.eq_ignore_ascii_case("javascript"))
        {
            continue;
        }
        let title = match dom::find(a, |d| {
            matches!(dom::name(d), "h2" | "h3" | "h4" | "h5" | "h6")
        }) {
            Some(h) => dom::text(&h, 400),
            None => dom::text(&a, 400),
        };
        let title = crate::sanitize::clean_line(&title);
        let p = plain(&title);
        if p.is_empty() || p == box_heading || NOT_HEADLINES.contains(&p.as_str()) {
            continue;
        }
        let url = crate::sanitize::clean_line(&url::join(base, href));
        if out.iter().any(|r| r.url.as_deref() == Some(url.as_str())) {
            continue;
        }
        out.push(Related {
            title,
            path: None,
            url: Some(url),
        });
    }
}
