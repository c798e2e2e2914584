//! Where the story is on the page: the element (or run of sibling elements) holding its text.
//!
//! The page's own markers come first: `[itemprop=articleBody]`, then `<article>`, then `<main>`
//! (and `role=main`), each taken only when it holds most of the page's paragraph text. Without
//! one, a readability-style score decides: every paragraph scores by its length and commas,
//! passes the score to its parent and grandparent, and the element scoring highest once its
//! link density is taken off is the story; sibling elements that score nearly as well, or are
//! plainly paragraphs of prose, join it.

use super::dom::{self, N};
use super::tree::Edge;
use super::tree::NodeId;
use foldhash::{HashMap, HashMapExt};

/// Text measured under one element, furniture and hidden parts left out (a page is far
/// shorter than 4 G characters).
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Characters of text.
    pub text: u32,
    /// Characters of text inside links.
    pub link: u32,
    /// Characters of text inside paragraphs (`<p>`, `<pre>`, `<blockquote>`).
    pub para: u32,
}

impl Stats {
    fn add(&mut self, other: Stats) {
        self.text = self.text.saturating_add(other.text);
        self.link = self.link.saturating_add(other.link);
        self.para = self.para.saturating_add(other.para);
    }
}

/// Every measured element's [`Stats`], by node: a table as long as the page's nodes (16 bytes
/// each), not a map (a page of many short paragraphs has an element in every few bytes).
pub struct Measured(Vec<Option<Stats>>);

impl Measured {
    /// The stats of element `id`, when it was measured (furniture and hidden parts are not).
    pub fn get(&self, id: &NodeId) -> Option<&Stats> {
        self.0.get(id.index())?.as_ref()
    }

    /// Whether element `id` was measured.
    pub fn contains_key(&self, id: &NodeId) -> bool {
        self.get(id).is_some()
    }
}

impl Stats {
    /// The share of the text that is link text.
    pub fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f64 / self.text as f64
        }
    }
}

/// Every element's [`Stats`], measured in one pass over the page.
pub fn measure(root: N<'_>) -> Measured {
    let mut out = Measured(vec![None; root.tree().len()]);
    // (element, its stats so far, inside a link, inside a paragraph); text adds to the top.
    let mut stack: Vec<(NodeId, Stats)> = Vec::new();
    let mut skip = 0usize;
    let (mut in_link, mut in_para) = (0usize, 0usize);
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                if let Some(t) = n.value().as_text() {
                    let len = t.chars().filter(|c| !c.is_whitespace()).count();
                    let len = u32::try_from(len).unwrap_or(u32::MAX);
                    if let Some(top) = stack.last_mut() {
                        top.1.add(Stats {
                            text: len,
                            link: if in_link > 0 { len } else { 0 },
                            para: if in_para > 0 { len } else { 0 },
                        });
                    }
                } else if n.value().is_element() {
                    let tag = dom::name(&n);
                    if dom::never_text(tag)
                        || dom::hidden(&n)
                        || matches!(tag, "nav" | "footer")
                        || dom::furniture(&dom::markers(&n))
                    {
                        skip = 1;
                        continue;
                    }
                    in_link += usize::from(tag == "a");
                    in_para += usize::from(matches!(tag, "p" | "pre" | "blockquote"));
                    stack.push((n.id(), Stats::default()));
                }
            }
            Edge::Close(n) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if n.value().is_element()
                    && let Some((id, s)) = stack.pop()
                {
                    let tag = dom::name(&n);
                    in_link -= usize::from(tag == "a");
                    in_para -= usize::from(matches!(tag, "p" | "pre" | "blockquote"));
                    if let Some(top) = stack.last_mut() {
                        top.1.add(s);
                    }
                    if let Some(slot) = out.0.get_mut(id.index()) {
                        *slot = Some(s);
                    }
                }
            }
        }
    }
    out
}

/// Class and id words that make an element likelier to be the story.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
];
/// Class and id words that make it less likely.
const NEGATIVE: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "footer",
    "footnote",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "teaser",
    "card",
];

fn class_weight(markers: &str) -> f64 {
    let mut w = 0.0;
    if NEGATIVE.iter().any(|p| markers.contains(p)) {
        w -= 25.0;
    }
    if POSITIVE.iter().any(|p| markers.contains(p)) {
        w += 25.0;
    }
    w
}

/// The elements holding the story, in page order (usually one).
pub fn find(root: N<'_>, stats: &Measured) -> Vec<NodeId> {
    let total = stats.get(&root.id()).map_or(0, |s| s.para).max(
        // A fragment or document root has no stats of its own: sum its children.
        root.children()
            .filter_map(|c| stats.get(&c.id()))
            .map(|s| s.para)
            .sum(),
    );
    let para = |n: &N<'_>| stats.get(&n.id()).map_or(0, |s| s.para);
    // Marked elements holding at least half of the paragraph text, by order of preference.
    if total > 0 {
        let holds_most = |n: &N<'_>| para(n) * 2 >= total;
        let marked = |pred: &dyn Fn(&N<'_>) -> bool| {
            root.descendants()
                .filter(|n| n.value().is_element() && stats.contains_key(&n.id()) && pred(n))
                .filter(holds_most)
                // The innermost of nested candidates: the tightest box around the story.
                .min_by_key(para)
        };
        let body_prop = |n: &N<'_>| {
            dom::attr(n, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
        };
        let article = |n: &N<'_>| dom::name(n) == "article";
        let main =
            |n: &N<'_>| dom::name(n) == "main" || dom::attr(n, "role").is_some_and(|r| r == "main");
        for pred in [&body_prop as &dyn Fn(&N<'_>) -> bool, &article, &main] {
            if let Some(n) = marked(pred) {
                return with_lead_figures(n);
            }
        }
    }
    scored(root, stats)
}

/// `n` with the figures standing just before it (a lead picture placed beside the marked
/// body rather than in it).
fn with_lead_figures(n: N<'_>) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = n
        .prev_siblings()
        .take(4)
        .filter(|s| dom::name(s) == "figure")
        .map(|s| s.id())
        .collect();
    out.reverse();
    out.push(n.id());
    out
}

/// The readability-style choice: the best-scoring element and its qualifying siblings.
fn scored(root: N<'_>, stats: &Measured) -> Vec<NodeId> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for n in root.descendants() {
        let tag = dom::name(&n);
        // Paragraphs, and containers of bare text (a `<div>` or table cell written with `<br>`s).
        let scorable = matches!(tag, "p" | "pre")
            || (matches!(tag, "div" | "td") && !n.children().any(|c| block_child(&c)));
        let Some(s) = stats.get(&n.id()).filter(|_| scorable) else {
            continue;
        };
        if s.text < 25 {
            continue;
        }
        let text = dom::text(&n, 4096);
        let score = 1.0 + text.matches([',', '，']).count() as f64 + (s.text / 100).min(3) as f64;
        for (level, a) in n.ancestors().take(3).enumerate() {
            if !a.value().is_element() || !stats.contains_key(&a.id()) {
                break;
            }
            let share = match level {
                0 => score,
                1 => score / 2.0,
                _ => score / (level as f64 * 3.0),
            };
            *scores.entry(a.id()).or_insert_with(|| base_score(&a)) += share;
        }
    }
    let finals: Vec<(NodeId, f64)> = scores
        .iter()
        .map(|(id, s)| {
            let density = stats.get(id).map_or(0.0, Stats::link_density);
            (*id, s * (1.0 - density))
        })
        .collect();
    let Some(&(top, top_score)) = finals
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
    else {
        return vec![root.id()];
    };
    let Some(top_node) = root.tree().get(top) else {
        return vec![root.id()];
    };
    let Some(parent) = top_node.parent() else {
        return vec![top];
    };
    let finals: HashMap<NodeId, f64> = finals.into_iter().collect();
    let threshold = (top_score * 0.2).max(10.0);
    parent
        .children()
        .filter(|c| {
            if c.id() == top {
                return true;
            }
            let Some(s) = stats.get(&c.id()) else {
                return false;
            };
            finals.get(&c.id()).is_some_and(|f| *f >= threshold)
                || (dom::name(c) == "p" && s.text > 80 && s.link_density() < 0.25)
        })
        .map(|c| c.id())
        .collect()
}

/// A starting score by tag and class (readability's weights).
fn base_score(n: &N<'_>) -> f64 {
    let tag = match dom::name(n) {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    tag + class_weight(&dom::markers(n))
}

/// Whether a node is a block element (a `div` holding one is a container, not a paragraph).
fn block_child(n: &N<'_>) -> bool {
    matches!(
        dom::name(n),
        "p" | "div"
            | "section"
            | "article"
            | "table"
            | "ul"
            | "ol"
            | "pre"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
    )
}
