//! Small questions asked of the parsed page's tree: names, attributes, text, and whether an
//! element is page furniture rather than story. Every walk here is iterative, so a page nested
//! thousands of tags deep cannot exhaust the stack.

/// A node of the parsed page.
pub type N<'a> = super::tree::NodeRef<'a>;

/// The element's tag name (lower case), or `""` for a node that is not an element.
pub fn name<'a>(n: &N<'a>) -> &'a str {
    n.value().as_element().map_or("", |e| e.name())
}

/// The value of attribute `key` (lower case) of an element.
pub fn attr<'a>(n: &N<'a>, key: &str) -> Option<&'a str> {
    n.value()
        .as_element()?
        .attrs()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// The element's `class` and `id` (and `role`, `itemprop`, `data-component`), lower case, one
/// space-separated string: what the furniture patterns are matched against.
pub fn markers(n: &N<'_>) -> String {
    let Some(e) = n.value().as_element() else {
        return String::new();
    };
    let mut out = String::new();
    for (k, v) in e.attrs() {
        if matches!(k, "class" | "id" | "role" | "itemprop" | "data-component") {
            out.push_str(&v.to_ascii_lowercase());
            out.push(' ');
        }
    }
    out
}

/// Whether the tag names an element that never holds story text.
pub fn never_text(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "form"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "dialog"
    )
}

/// Whether the tag names an inline element: one that does not break the text around it.
pub fn inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
            | "label"
            | "output"
            | "nobr"
            | "big"
            | "tt"
            | "strike"
            | "acronym"
    )
}

/// Whether the element is hidden from readers (`hidden`, `aria-hidden`, `display:none`).
pub fn hidden(n: &N<'_>) -> bool {
    let Some(e) = n.value().as_element() else {
        return false;
    };
    e.attrs().any(|(k, v)| match k {
        "hidden" => true,
        "aria-hidden" => v.eq_ignore_ascii_case("true"),
        "style" => {
            let s: String = v
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        }
        _ => false,
    })
}

/// Words in class names and ids that mark page furniture: menus, banners, sharing, ads,
/// comments, sign-up boxes and the like.
const FURNITURE: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "masthead",
    "site-header",
    "site-footer",
    "footer",
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "paywall",
    "promo",
    "advert",
    "ad-slot",
    "ad-container",
    "ad-wrapper",
    "adslot",
    "sponsor",
    "outbrain",
    "taboola",
    "comment",
    "disqus",
    "sidebar",
    "widget",
    "popup",
    "modal",
    "skip-link",
    "sr-only",
    "visually-hidden",
    "print-only",
    "toolbar",
    "most-read",
    "mostread",
    "most-popular",
    "trending",
    "tags",
    "tag",
    "topics",
    "author-bio",
    "related",
];

/// Class or id words that mark the story's own body (never furniture, whatever else they say).
const STORY: &[&str] = &[
    "article-body",
    "articlebody",
    "story-body",
    "storybody",
    "article__body",
    "article-content",
    "story-content",
    "post-content",
    "entry-content",
    "post-body",
];

/// Whether `markers` (see [`markers`]) name page furniture. A marker counts as a whole word
/// or as a `-`/`_`-separated part of one (`share-tools`, `c-newsletter_box`), so `shared` or
/// `navigator` in a class name does not.
pub fn furniture(markers: &str) -> bool {
    if markers.is_empty() || STORY.iter().any(|s| markers.contains(s)) {
        return false;
    }
    markers.split_ascii_whitespace().any(|word| {
        // `ad` and `ads` alone, as a word or part, are ad slots.
        word.split(['-', '_'])
            .any(|part| matches!(part, "ad" | "ads" | "advertisement"))
            || FURNITURE.iter().any(|f| has_part(word, f))
    })
}

/// Whether `word` is `part`, or holds it bounded by `-`, `_` or its ends.
pub fn has_part(word: &str, part: &str) -> bool {
    let mut from = 0;
    while let Some(k) = word[from..].find(part) {
        let start = from + k;
        let end = start + part.len();
        let before = start == 0 || matches!(word.as_bytes()[start - 1], b'-' | b'_');
        let after = end == word.len() || matches!(word.as_bytes()[end], b'-' | b'_');
        if before && after {
            return true;
        }
        from = start + 1;
    }
    false
}

/// The text of a subtree, whitespace collapsed, skipping what never holds text; at most
/// `limit` bytes are gathered.
pub fn text(n: &N<'_>, limit: usize) -> String {
    text_with(n, limit, " ")
}

/// [`text`] with ` | ` between the parts in separate block elements (`<div>Name</div><div>Role
/// </div>` → `Name | Role`), so a byline's name can be told from what follows it.
pub fn text_parts(n: &N<'_>, limit: usize) -> String {
    text_with(n, limit, " | ")
}

fn text_with(n: &N<'_>, limit: usize, sep: &str) -> String {
    let mut raw = String::new();
    let mut skip = 0usize;
    for edge in n.traverse() {
        match edge {
            super::tree::Edge::Open(node) => {
                if skip > 0 || never_text(name(&node)) {
                    skip += 1;
                } else if let Some(t) = node.value().as_text() {
                    raw.push_str(t);
                    if raw.len() > limit {
                        break;
                    }
                } else if node.value().is_element() && !inline(name(&node)) {
                    raw.push_str(sep);
                }
            }
            super::tree::Edge::Close(node) => {
                if skip > 0 {
                    skip -= 1;
                } else if node.value().is_element() && !inline(name(&node)) {
                    raw.push_str(sep);
                }
            }
        }
    }
    collapse(&raw)
}

/// `s` with runs of whitespace made one space, trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first element in the subtree (itself included) that `pred` accepts, in document order.
pub fn find<'a>(n: N<'a>, mut pred: impl FnMut(&N<'a>) -> bool) -> Option<N<'a>> {
    n.descendants().find(|d| d.value().is_element() && pred(d))
}

/// Whether `inner` is `outer` or inside it.
pub fn within(inner: &N<'_>, outer: &N<'_>) -> bool {
    inner.id() == outer.id() || inner.ancestors().any(|a| a.id() == outer.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_matches_whole_parts_of_class_words() {
        assert!(furniture("share-tools "));
        assert!(furniture("c-newsletter_box "));
        assert!(furniture("ad "));
        assert!(furniture("top-ad-slot "));
        assert!(furniture("cookie-banner "));
        assert!(!furniture("shared-story "));
        assert!(!furniture("navigator "));
        assert!(!furniture("headline "));
        assert!(!furniture("article-body share "));
        assert!(!furniture(""));
    }

    #[test]
    fn text_skips_scripts_and_collapses() {
        let html = super::super::tree::parse_fragment(
            "<div>One <script>var x = 1;</script><b>two</b>\n\n three<style>p{}</style></div>",
        );
        assert_eq!(text(&html.root(), 1000), "One two three");
    }
}
