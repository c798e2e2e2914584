//! The page's own description of itself: `<meta>` tags, `<link rel>`, `<base>`, `<title>` and
//! JSON-LD. Read from the whole page for an opened article, and from the `<head>` alone for a
//! list row, so both find the same header.

use super::dom::{self, N};
use serde_json::Value;

/// What the page's metadata says, each field as written (whitespace collapsed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// `og:title` (or `twitter:title`).
    pub og_title: Option<String>,
    /// JSON-LD `headline`.
    pub headline: Option<String>,
    /// The `<title>` element.
    pub title_tag: Option<String>,
    /// `og:site_name`, else JSON-LD `publisher.name`.
    pub site: Option<String>,
    /// JSON-LD `author`, else `meta name=author`.
    pub authors: Vec<String>,
    /// JSON-LD `datePublished`, else `article:published_time` or a dated `<meta>`.
    pub date: Option<String>,
    /// `og:description`, else `meta name=description`.
    pub description: Option<String>,
    /// `link rel=canonical`.
    pub canonical: Option<String>,
    /// `og:url`, else JSON-LD `url` / `mainEntityOfPage`.
    pub og_url: Option<String>,
    /// `<base href>`.
    pub base: Option<String>,
    /// `article:section`, `article:tag`, JSON-LD `articleSection` and `keywords`.
    pub tags: Vec<String>,
}

/// The most JSON-LD text read from one `<script>` (a page's real JSON-LD is a few KB).
const LD_LIMIT: usize = 1 << 20;

impl Meta {
    /// Reads the metadata under `root` (a whole page, or a page's `<head>`).
    pub fn read(root: N<'_>) -> Meta {
        let mut m = Meta::default();
        let mut ld_authors = Vec::new();
        let mut meta_authors = Vec::new();
        let mut ld = Ld::default();
        let mut other_date = None;
        let mut published = None;
        let mut twitter_title = None;
        let mut og_description = None;
        let mut description = None;
        let mut ld_done = false;
        // Inside scripts, styles and drawings nothing is metadata: their subtrees are skipped.
        let mut skip = 0usize;
        for edge in root.traverse() {
            let node = match edge {
                super::tree::Edge::Open(node) if skip == 0 => node,
                super::tree::Edge::Open(_) => {
                    skip += 1;
                    continue;
                }
                super::tree::Edge::Close(_) => {
                    skip = skip.saturating_sub(1);
                    continue;
                }
            };
            let tag = dom::name(&node);
            match tag {
                "meta" => {
                    let key = dom::attr(&node, "property")
                        .or_else(|| dom::attr(&node, "name"))
                        .or_else(|| dom::attr(&node, "itemprop"))
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    let Some(content) = dom::attr(&node, "content").map(dom::collapse) else {
                        continue;
                    };
                    if content.is_empty() {
                        continue;
                    }
                    match key.as_str() {
                        "og:title" => set(&mut m.og_title, content),
                        "twitter:title" => set(&mut twitter_title, content),
                        "og:site_name" => set(&mut m.site, content),
                        "og:description" => set(&mut og_description, content),
                        "description" | "twitter:description" => set(&mut description, content),
                        "og:url" => set(&mut m.og_url, content),
                        "author" | "article:author" | "parsely-author" | "sailthru.author"
                            if !looks_like_url(&content) =>
                        {
                            meta_authors.extend(split_names(&content));
                        }
                        "article:published_time" | "datepublished" => set(&mut published, content),
                        "date" | "pubdate" | "publish-date" | "publishdate" | "dc.date"
                        | "dc.date.issued" | "dcterms.created" | "dcterms.date"
                        | "parsely-pub-date" | "sailthru.date" | "og:published_time" => {
                            set(&mut other_date, content);
                        }
                        "article:section" | "article:tag" => push_tags(&mut m.tags, &content),
                        _ => {}
                    }
                }
                "link" => {
                    let rel = dom::attr(&node, "rel").unwrap_or("").to_ascii_lowercase();
                    if rel.split_ascii_whitespace().any(|r| r == "canonical")
                        && let Some(href) = dom::attr(&node, "href")
                    {
                        set(&mut m.canonical, href.trim().to_string());
                    }
                }
                "base" => {
                    if let Some(href) = dom::attr(&node, "href") {
                        set(&mut m.base, href.trim().to_string());
                    }
                }
                "title" if m.title_tag.is_none() => {
                    let t = dom::collapse(&raw_text(&node));
                    if !t.is_empty() {
                        m.title_tag = Some(t);
                    }
                }
                "script" => {
                    let ty = dom::attr(&node, "type").unwrap_or("").to_ascii_lowercase();
                    if ty.trim() == "application/ld+json" && !ld_done {
                        let text = raw_text(&node);
                        if text.len() <= LD_LIMIT
                            && let Ok(v) = serde_json::from_str::<Value>(&text)
                            && let Some(found) = Ld::find(&v)
                        {
                            ld = found;
                            ld_done = true;
                        }
                    }
                    skip = 1;
                }
                "style" | "svg" | "template" | "noscript" => skip = 1,
                _ => {}
            }
        }
        ld_authors.extend(ld.authors);
        m.headline = ld.headline;
        if m.site.is_none() {
            m.site = ld.publisher;
        }
        m.authors = dedupe(if ld_authors.is_empty() {
            meta_authors
        } else {
            ld_authors
        });
        m.date = ld.date.or(published).or(other_date);
        m.og_title = m.og_title.or(twitter_title);
        m.description = og_description.or(description);
        if m.og_url.is_none() {
            m.og_url = ld.url;
        }
        let mut tags = std::mem::take(&mut m.tags);
        tags.extend(ld.tags);
        m.tags = dedupe(tags);
        m
    }
}

/// The text directly inside an element (a `<script>`'s or `<title>`'s).
fn raw_text(n: &N<'_>) -> String {
    n.children()
        .filter_map(|c| c.value().as_text().map(str::to_string))
        .collect()
}

fn set(slot: &mut Option<String>, value: String) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// Whether a metadata value is an address rather than a name (`article:author` often is).
fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// Names from one author string: `A, B and C` → three names; `By ` dropped.
pub fn split_names(s: &str) -> Vec<String> {
    let s = dom::collapse(s);
    let s = strip_by(&s);
    s.split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// `By Jane Doe` → `Jane Doe` (any case of `by`).
pub fn strip_by(s: &str) -> &str {
    let t = s.trim();
    match t.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => t[3..].trim_start(),
        _ => t,
    }
}

fn push_tags(tags: &mut Vec<String>, value: &str) {
    tags.extend(
        value
            .split(',')
            .map(dom::collapse)
            .filter(|t| !t.is_empty()),
    );
}

/// `list` without repeats (case-insensitively), first spelling kept.
pub fn dedupe(list: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    list.into_iter()
        .filter(|s| seen.insert(s.to_lowercase()))
        .collect()
}

/// What an article's JSON-LD object says.
#[derive(Debug, Default)]
struct Ld {
    headline: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    tags: Vec<String>,
}

/// How deep into nested JSON-LD an article object is looked for.
const LD_DEPTH: usize = 6;

impl Ld {
    /// The first article object in a JSON-LD value (top level, an array, or an `@graph`).
    fn find(v: &Value) -> Option<Ld> {
        let mut stack = vec![(v, 0usize)];
        let mut fallback = None;
        while let Some((v, depth)) = stack.pop() {
            match v {
                Value::Array(items) if depth < LD_DEPTH => {
                    stack.extend(items.iter().rev().map(|i| (i, depth + 1)));
                }
                Value::Object(o) => {
                    if is_article_type(o.get("@type")) {
                        return Some(Ld::of(o));
                    }
                    if fallback.is_none() && o.contains_key("headline") {
                        fallback = Some(o);
                    }
                    if depth < LD_DEPTH
                        && let Some(g) = o.get("@graph")
                    {
                        stack.push((g, depth + 1));
                    }
                }
                _ => {}
            }
        }
        fallback.map(Ld::of)
    }

    fn of(o: &serde_json::Map<String, Value>) -> Ld {
        let mut ld = Ld {
            headline: string(o.get("headline")).or_else(|| string(o.get("name"))),
            date: string(o.get("datePublished")).or_else(|| string(o.get("dateCreated"))),
            publisher: o.get("publisher").and_then(|p| match p {
                Value::Object(p) => string(p.get("name")),
                Value::Array(ps) => ps.iter().find_map(|p| string(p.get("name"))),
                other => string(Some(other)),
            }),
            url: string(o.get("url")).or_else(|| match o.get("mainEntityOfPage") {
                Some(Value::Object(m)) => string(m.get("@id")).or_else(|| string(m.get("url"))),
                other => string(other).filter(|u| looks_like_url(u)),
            }),
            ..Ld::default()
        };
        let people: Vec<&Value> = match o.get("author").or_else(|| o.get("creator")) {
            Some(Value::Array(a)) => a.iter().collect(),
            Some(v) => vec![v],
            None => Vec::new(),
        };
        for p in people {
            match p {
                Value::String(s) if !looks_like_url(s) => ld.authors.extend(split_names(s)),
                Value::Object(p) => {
                    if let Some(n) = string(p.get("name")) {
                        ld.authors.push(strip_by(&n).to_string());
                    }
                }
                _ => {}
            }
        }
        for key in ["articleSection", "keywords"] {
            match o.get(key) {
                Some(Value::String(s)) => push_tags(&mut ld.tags, s),
                Some(Value::Array(a)) => {
                    for s in a.iter().filter_map(Value::as_str) {
                        push_tags(&mut ld.tags, s);
                    }
                }
                _ => {}
            }
        }
        ld
    }
}

/// Whether a JSON-LD `@type` (a string or a list) names an article.
fn is_article_type(t: Option<&Value>) -> bool {
    let one = |s: &str| {
        s.ends_with("Article") || matches!(s, "BlogPosting" | "LiveBlogPosting" | "Report")
    };
    match t {
        Some(Value::String(s)) => one(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(one),
        _ => false,
    }
}

/// A JSON string value, whitespace collapsed; `None` when missing, not a string, or empty.
fn string(v: Option<&Value>) -> Option<String> {
    let s = dom::collapse(v?.as_str()?);
    (!s.is_empty()).then_some(s)
}

/// Separators between a headline and the site's name in a `<title>`.
const SEPARATORS: &[&str] = &[" | ", " - ", " — ", " – ", " :: ", " · ", " • "];

/// `title` without the site's name before or after a separator (`Ferry strike ends | Kessel
/// Post` → `Ferry strike ends`). With `guess`, a short last part is taken for the site's name
/// even when the site is not named elsewhere.
pub fn strip_site(title: &str, site: Option<&str>, guess: bool) -> String {
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        for sep in SEPARATORS {
            let lower = title.to_lowercase();
            let tail = format!("{sep}{}", site.to_lowercase());
            let head = format!("{}{sep}", site.to_lowercase());
            if lower.ends_with(&tail) && lower.len() > tail.len() {
                return title[..title.len() - tail.len()].trim().to_string();
            }
            if lower.starts_with(&head) && lower.len() > head.len() {
                return title[head.len()..].trim().to_string();
            }
        }
    }
    if guess
        && let Some((sep_at, sep)) = SEPARATORS
            .iter()
            .filter_map(|sep| title.rfind(sep).map(|k| (k, *sep)))
            .max_by_key(|(k, _)| *k)
    {
        let (head, tail) = (&title[..sep_at], &title[sep_at + sep.len()..]);
        let words = |s: &str| s.split_whitespace().count();
        if words(tail) <= 4 && words(head) > words(tail) {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// A date as written, its calendar date and, when it names a time of day, the moment
/// (`YYYY-MM-DDTHH:MM[:SS]` plus the zone when stated).
pub fn date_fields(written: &str) -> (Option<String>, Option<String>) {
    let t = written.trim();
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let iso_start = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    if !iso_start {
        return (crate::article::date::iso(t), None);
    }
    let Some(date) = crate::article::date::iso(&t[..10]) else {
        return (None, None);
    };
    let rest = &t[10..];
    let rb = rest.as_bytes();
    let rd = |r: std::ops::Range<usize>| {
        rb.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if !(matches!(rb.first(), Some(b'T' | b't' | b' '))
        && rd(1..3)
        && rb.get(3) == Some(&b':')
        && rd(4..6))
    {
        return (Some(date), None);
    }
    let (h, mi) = (&rest[1..3], &rest[4..6]);
    if h > "23" || mi > "59" {
        return (Some(date), None);
    }
    let mut at = 6;
    let mut time = format!("{h}:{mi}");
    if rb.get(6) == Some(&b':') && rd(7..9) && &rest[7..9] <= "60" {
        time.push_str(&rest[6..9]);
        at = 9;
        // Fractions of a second are dropped.
        if rb.get(at) == Some(&b'.') {
            at += 1;
            while rb.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
        }
    }
    let zone = match rb.get(at) {
        Some(b'Z' | b'z') => "Z".to_string(),
        Some(&sign @ (b'+' | b'-')) if rd(at + 1..at + 3) => {
            let hh = &rest[at + 1..at + 3];
            let mm = if rb.get(at + 3) == Some(&b':') && rd(at + 4..at + 6) {
                &rest[at + 4..at + 6]
            } else if rd(at + 3..at + 5) {
                &rest[at + 3..at + 5]
            } else {
                "00"
            };
            format!("{}{hh}:{mm}", sign as char)
        }
        _ => String::new(),
    };
    (Some(date.clone()), Some(format!("{date}T{time}{zone}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_iso_and_moments() {
        let f = |s| date_fields(s);
        assert_eq!(
            f("2026-06-03T14:05:09.120+0200"),
            (
                Some("2026-06-03".into()),
                Some("2026-06-03T14:05:09+02:00".into())
            )
        );
        assert_eq!(
            f("2026-06-03T14:05Z"),
            (Some("2026-06-03".into()), Some("2026-06-03T14:05Z".into()))
        );
        assert_eq!(
            f("2026-06-03 07:30"),
            (Some("2026-06-03".into()), Some("2026-06-03T07:30".into()))
        );
        assert_eq!(f("2026-06-03"), (Some("2026-06-03".into()), None));
        assert_eq!(f("3 June 2026"), (Some("2026-06-03".into()), None));
        assert_eq!(f("2026-02-30T10:00Z"), (None, None));
        assert_eq!(f("2026-06-03T25:00Z"), (Some("2026-06-03".into()), None));
        assert_eq!(f("yesterday"), (None, None));
    }

    #[test]
    fn site_names_come_off_titles() {
        let site = Some("Kessel Post");
        assert_eq!(
            strip_site("Ferry strike ends | Kessel Post", site, false),
            "Ferry strike ends"
        );
        assert_eq!(
            strip_site("KESSEL POST — Ferry strike ends", site, false),
            "Ferry strike ends"
        );
        assert_eq!(
            strip_site("Ferry strike ends - Port news", site, false),
            "Ferry strike ends - Port news"
        );
        assert_eq!(
            strip_site("Ferry strike ends in Kessel - The Daily", None, true),
            "Ferry strike ends in Kessel"
        );
        assert_eq!(
            strip_site("Rail - what happens next", None, true),
            "Rail - what happens next"
        );
        assert_eq!(strip_site("Kessel Post", site, false), "Kessel Post");
    }

    #[test]
    fn names_split_on_commas_and_and() {
        assert_eq!(
            split_names("By Ann Lee, Tom Ruiz and Mia Koh"),
            ["Ann Lee", "Tom Ruiz", "Mia Koh"]
        );
        assert_eq!(split_names("Ann Lee & Tom Ruiz"), ["Ann Lee", "Tom Ruiz"]);
    }

    #[test]
    fn json_ld_graph_and_author_shapes() {
        let v: Value = serde_json::from_str(
            r#"{"@context":"https://schema.org","@graph":[
                {"@type":"WebSite","name":"Site"},
                {"@type":["NewsArticle"],"headline":"Dam opens","datePublished":"2026-06-01",
                 "author":[{"@type":"Person","name":"Ann Lee"},"Tom Ruiz"],
                 "publisher":{"@type":"Organization","name":"Veldmark Courier"},
                 "keywords":["dams","water"],"articleSection":"Region",
                 "mainEntityOfPage":{"@id":"https://courier.example/dam"}}]}"#,
        )
        .unwrap();
        let ld = Ld::find(&v).unwrap();
        assert_eq!(ld.headline.as_deref(), Some("Dam opens"));
        assert_eq!(ld.authors, ["Ann Lee", "Tom Ruiz"]);
        assert_eq!(ld.publisher.as_deref(), Some("Veldmark Courier"));
        assert_eq!(ld.tags, ["Region", "dams", "water"]);
        assert_eq!(ld.url.as_deref(), Some("https://courier.example/dam"));
    }
}
