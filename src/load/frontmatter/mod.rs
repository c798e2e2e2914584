//! Markdown front matter: TOML between `+++` lines or simple `key: value` between `---` lines,
//! read into the few article fields it can set; plus the field helpers the Markdown and JSON
//! loaders share (related entries, dates, whitespace, and the scrub of decoded strings).

mod read;
mod scrub;
mod stamp;

pub use scrub::scrub;
pub use stamp::{datetime, from_epoch};

use crate::article::Related;
use crate::sanitize::clean_line;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The article fields front matter can set; everything it does not name stays empty.
///
/// Keys are read as the common generators and clippers write them (Jekyll, Hugo, Zola, Obsidian
/// Web Clipper): see the `*_KEYS` lists below. Keys byline has no use for are ignored silently;
/// a key one letter away from a key it reads gets a warning, as it is most likely a typo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date`, else `published`, `publishDate`, `pubDate` or `date_published`, as written (a
    /// TOML date is written back in its TOML form).
    pub date: Option<String>,
    /// `author` or `authors`, a string or a list (`[[wikilinks]]` unwrapped); also `author.name`
    /// and Zola's `extra.author`.
    pub authors: Vec<String>,
    /// `source` when it is not a URL, else `publisher`, `publication` or `site_name`.
    pub source: Option<String>,
    /// `url`, `canonical`, `canonicalURL`, or a `source` that is a URL: where the article was
    /// published.
    pub url: Option<String>,
    /// `description`, else `summary`, `subtitle`, `dek` or `excerpt`: the standfirst.
    pub standfirst: Option<String>,
    /// `tags`, `tag`, `categories`, `category`, `keywords` and every Zola `[taxonomies]` list,
    /// in that order, without repeats.
    pub tags: Vec<String>,
    /// `related`: headlines or relative paths, see [`related_entry`].
    pub related: Vec<String>,
    /// Lines or keys that were not understood.
    pub warnings: Vec<String>,
}

/// One front-matter value: a single scalar or a list of them.
enum Value {
    One(String),
    Many(Vec<String>),
}

/// Keys read for the date, best first: the publication date, never the date a page was edited
/// or clipped (`lastmod`, `updated`, `created` are ignored).
const DATE_KEYS: [&str; 5] = [
    "date",
    "published",
    "publishdate",
    "pubdate",
    "date_published",
];
/// Keys read for the standfirst, best first.
const STANDFIRST_KEYS: [&str; 5] = ["description", "summary", "subtitle", "dek", "excerpt"];
/// Keys read for the source when `source` is absent or a URL, best first.
const SOURCE_KEYS: [&str; 3] = ["publisher", "publication", "site_name"];
/// Keys read for the article's URL, best first (`source` as a URL comes last).
const URL_KEYS: [&str; 4] = ["url", "canonical", "canonicalurl", "canonical_url"];
/// Keys whose values are tags.
const TAG_KEYS: [&str; 5] = ["tags", "tag", "categories", "category", "keywords"];
/// Keys a typo is measured against.
const TYPO_TARGETS: [&str; 11] = [
    "title",
    "date",
    "author",
    "authors",
    "source",
    "description",
    "tags",
    "categories",
    "related",
    "published",
    "summary",
];
/// Keys that are one letter from a key byline reads but mean something else to some generator.
const NOT_TYPOS: [&str; 6] = ["data", "dates", "sources", "titles", "layout", "tagline"];

/// Splits `text` into its front matter and the Markdown after it.
///
/// Front matter is recognised only at the very start (blank lines aside) and only when its
/// closing fence exists; otherwise the whole text is Markdown (a lone `---` is a rule there).
/// Only a TOML syntax error is an error: it names the line.
pub fn split(text: &str) -> Result<(FrontMatter, &str)> {
    let start = text.len() - text.trim_start_matches(['\n', ' ']).len();
    let rest = &text[start..];
    let fence = match rest.split('\n').next().map(str::trim_end) {
        Some("+++") => "+++",
        Some("---") => "---",
        _ => return Ok(pandoc_title_block(text).unwrap_or((FrontMatter::default(), text))),
    };
    let inner_start = start + rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut pos = inner_start;
    for line in text[inner_start..].split_inclusive('\n') {
        let l = line.trim_end();
        if l == fence || (fence == "---" && l == "...") {
            let inner = &text[inner_start..pos];
            let body = &text[pos + line.len()..];
            let fm = if fence == "+++" {
                read::from_toml(inner)?
            } else {
                let (fm, understood) = read::from_yaml_like(inner);
                // Between two rules with not one `key: value` line, this is Markdown after all
                // (a rule, then a setext heading).
                let lines = inner.lines().filter(|l| !l.trim().is_empty()).count();
                if lines > 0 && understood == 0 {
                    return Ok((FrontMatter::default(), text));
                }
                fm
            };
            return Ok((fm.settled(), body));
        }
        pos += line.len();
    }
    Ok((FrontMatter::default(), text))
}

/// Pandoc's title block, when `text` opens with one: up to three lines that begin with `%`,
/// the title, the authors (parted by `;`) and the date, at the very start of the file. A field
/// goes on over lines that begin with a space (a title's words joined, each such line another
/// author); a field left empty (`%` alone) is left out. The first line must hold a title, so a
/// paragraph that happens to begin with `%` (`%d`, `%20`) is not taken: the `%` must be
/// followed by a space. The block and the blank lines after it are not Markdown text.
fn pandoc_title_block(text: &str) -> Option<(FrontMatter, &str)> {
    let first = text.split('\n').next()?;
    first.strip_prefix("% ").filter(|t| !t.trim().is_empty())?;
    let mut fields: Vec<Vec<&str>> = Vec::new();
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if let Some(field) = bare.strip_prefix('%') {
            if fields.len() == 3 {
                break;
            }
            fields.push(vec![field.trim()]);
        } else if bare.starts_with([' ', '\t']) && !bare.trim().is_empty() {
            fields.last_mut()?.push(bare.trim());
        } else {
            break;
        }
        end += line.len();
    }
    let mut fm = FrontMatter::default();
    let mut parts = fields.into_iter();
    let title = parts.next()?.join(" ");
    fm.title = Some(clean_line(&title));
    if let Some(authors) = parts.next() {
        fm.authors = authors
            .iter()
            .flat_map(|l| l.split(';'))
            .map(|a| clean_line(a.trim()))
            .filter(|a| !a.is_empty())
            .collect();
    }
    if let Some(date) = parts.next() {
        let date = date.join(" ");
        fm.date = Some(clean_line(date.trim())).filter(|d| !d.is_empty());
    }
    // Blank lines after the block go with it; the body's first line keeps its indent.
    for line in text[end..].split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        end += line.len();
    }
    Some((fm, &text[end..]))
}

/// A value with the rank of the key it came from (lower is better).
type Ranked = Option<(usize, String)>;

/// The fields being gathered: every candidate key's value, so the best one wins whatever the
/// order of the keys in the file.
#[derive(Default)]
struct Gather {
    fm: FrontMatter,
    /// The best date, standfirst, source and URL seen so far.
    date: Ranked,
    standfirst: Ranked,
    source: Ranked,
    url: Ranked,
    /// Tags of each tag key, with the key's rank.
    tags: Vec<(usize, Vec<String>)>,
    /// Authors from a fallback place (`extra.author`, `taxonomies.authors`), used when no
    /// `author`/`authors` key is given.
    spare_authors: Vec<String>,
}

impl FrontMatter {
    /// The front matter with repeated tags (compared case-blind) left out after their first.
    fn settled(mut self) -> Self {
        let mut seen = std::collections::HashSet::new();
        self.tags.retain(|t| seen.insert(t.to_lowercase()));
        self
    }
}

impl Gather {
    /// Records `value` under `key`, a dotted path for nested tables (`taxonomies.tags`,
    /// `extra.author`, `author.name`).
    fn set(&mut self, key: &str, value: Value) {
        let one = |v: Value| {
            match v {
                Value::One(s) => Some(s),
                Value::Many(items) => items.into_iter().find(|s| !s.trim().is_empty()),
            }
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
        };
        let many = |v: Value| -> Vec<String> {
            match v {
                Value::One(s) => vec![s],
                Value::Many(items) => items,
            }
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
        };
        let key = key.to_ascii_lowercase();
        let (parent, leaf) = match key.split_once('.') {
            Some((p, l)) => (Some(p), l),
            None => (None, key.as_str()),
        };
        let rank = |list: &[&str]| list.iter().position(|k| *k == leaf);
        let better = |slot: &Ranked, r: usize| slot.as_ref().is_none_or(|s| r < s.0);
        match (parent, leaf) {
            (None, "title") => self.fm.title = one(value),
            (None, "author" | "authors") => self.fm.authors = names(many(value)),
            (Some("author" | "authors"), "name") => self.fm.authors.extend(names(many(value))),
            (Some("extra"), "author" | "authors") | (Some("taxonomies"), "author" | "authors") => {
                self.spare_authors.extend(names(many(value)));
            }
            (None, "source") => {
                if let Some(s) = one(value) {
                    if looks_like_url(&s) {
                        if better(&self.url, URL_KEYS.len()) {
                            self.url = Some((URL_KEYS.len(), s));
                        }
                    } else {
                        self.source = Some((0, s));
                    }
                }
            }
            (None, "related") => self.fm.related = many(value),
            (None | Some("extra"), k) if TAG_KEYS.contains(&k) => {
                let r = rank(&TAG_KEYS).unwrap_or(0) + if parent.is_some() { 200 } else { 0 };
                self.tags(r, value);
            }
            (Some("taxonomies"), _) => {
                let r = 100 + rank(&TAG_KEYS).unwrap_or(TAG_KEYS.len());
                self.tags(r, value);
            }
            (None | Some("extra"), _) => {
                let slots: [(&[&str], &mut Ranked, usize); 4] = [
                    (&DATE_KEYS, &mut self.date, 0),
                    (&STANDFIRST_KEYS, &mut self.standfirst, 0),
                    (&SOURCE_KEYS, &mut self.source, 1),
                    (&URL_KEYS, &mut self.url, 0),
                ];
                for (list, slot, offset) in slots {
                    if let Some(r) = rank(list) {
                        // A key inside `[extra]` ranks after every top-level key.
                        let r = r + offset + if parent.is_some() { 100 } else { 0 };
                        if slot.as_ref().is_none_or(|s| r < s.0)
                            && let Some(v) = one(value)
                        {
                            *slot = Some((r, v));
                        }
                        return;
                    }
                }
                if parent.is_none()
                    && let Some(known) = typo_of(leaf)
                {
                    self.fm.warnings.push(format!(
                        "front matter key \"{}\" ignored: did you mean \"{known}\"?",
                        clean_line(leaf)
                    ));
                }
            }
            // Other nested keys (`extra.*`, `params.*`, `cascade.*`) belong to other tools.
            _ => {}
        }
    }

    /// Adds the tags of one key ranked `rank` (the tags of better-ranked keys come first): a
    /// list's items as they are; a single string is a comma-separated list, or without commas a
    /// space-separated one (as Jekyll reads `categories: news local`). Obsidian's `[[wikilink]]`
    /// brackets are taken off.
    fn tags(&mut self, rank: usize, value: Value) {
        let items: Vec<String> = match value {
            Value::Many(items) => items,
            Value::One(s) if s.contains(',') => s.split(',').map(str::to_string).collect(),
            Value::One(s) => s.split_whitespace().map(str::to_string).collect(),
        };
        self.tags.push((rank, names(items)));
    }

    /// The front matter gathered.
    fn finish(mut self) -> FrontMatter {
        let take = |s: Ranked| s.map(|s| s.1);
        self.fm.date = take(self.date);
        self.fm.standfirst = take(self.standfirst);
        self.fm.source = take(self.source);
        self.fm.url = take(self.url);
        if self.fm.authors.is_empty() {
            self.fm.authors = self.spare_authors;
        }
        // A stable sort: keys of one rank keep the file's order.
        self.tags.sort_by_key(|t| t.0);
        self.fm.tags = self.tags.into_iter().flat_map(|t| t.1).collect();
        self.fm
    }
}

/// Author names as written, with Obsidian's `[[wikilink]]` brackets taken off (`[[Page|Shown]]`
/// gives the page name), and a lone pair of square brackets too.
fn names(items: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for a in &items {
        let t = a.trim();
        if t.contains("[[") && t.contains("]]") {
            // Every wikilink of the item: a clipper may join several into one string.
            let mut rest = t;
            while let Some(open) = rest.find("[[") {
                let Some(close) = rest[open..].find("]]").map(|c| open + c) else {
                    break;
                };
                let inner = &rest[open + 2..close];
                out.push(inner.split('|').next().unwrap_or(inner).trim().to_string());
                rest = &rest[close + 2..];
            }
            continue;
        }
        // `author: [[Ana Ruiz]]` unquoted is a YAML list in a list: its item keeps one pair.
        let t = t
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(t);
        out.push(t.trim().to_string());
    }
    out.retain(|a| !a.is_empty());
    out
}

/// Whether a value is a web address rather than a name.
pub(crate) fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

/// The known key that `key` is most likely a typo of: one letter added, dropped, changed or two
/// swapped, in a key of four letters or more that is not itself a key some tool uses.
fn typo_of(key: &str) -> Option<&'static str> {
    if key.len() < 4 || key.len() > 14 || NOT_TYPOS.contains(&key) {
        return None;
    }
    TYPO_TARGETS
        .iter()
        .find(|k| one_edit(key.as_bytes(), k.as_bytes()))
        .copied()
}

/// Whether `a` and `b` differ by exactly one insertion, deletion, substitution or swap of
/// neighbours.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return false;
    }
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[pre..], &b[pre..]);
    match ra.len() as isize - rb.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

/// A related entry as written in front matter: a relative path to an article file (it ends in an
/// article extension, or starts with `./` or `../`) keeps that path, with the file stem, dashes and
/// underscores as spaces, standing in for the title until [`super::resolve::resolve_all`] puts the
/// target's headline there; anything else is a headline.
pub fn related_entry(item: &str) -> Related {
    let item = item.trim();
    let looks_like_path = !item.contains("://")
        && (item.starts_with("./")
            || item.starts_with("../")
            || (super::format_for(Path::new(item)).is_some()
                && !item.contains(char::is_whitespace)));
    if looks_like_path {
        let path = PathBuf::from(item);
        Related {
            title: stem_title(&path),
            path: Some(path),
            url: None,
        }
    } else {
        Related {
            title: collapse(item),
            path: None,
            url: None,
        }
    }
}

/// The calendar date a date field names: [`crate::article::date::iso`], and failing that the date
/// of a date-time that starts `YYYY-MM-DD` (`2026-04-02T23:40:00+02:00`, `2026-04-02 23:40`), the
/// form static-site front matter and JSON exports use; the date is the one written, in its zone.
pub fn date_iso(date: &str) -> Option<String> {
    let date = date.trim();
    crate::article::date::iso(date).or_else(|| {
        let (day, rest) = (date.get(..10)?, date.get(10..)?);
        if rest.starts_with(['T', 't', ' ']) {
            crate::article::date::iso(day)
        } else {
            None
        }
    })
}

/// The stand-in title of a related path: its file stem with dashes and underscores as spaces.
pub fn stem_title(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    collapse(&stem)
}

pub use crate::text::collapse;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pandoc_title_block_gives_title_authors_and_date() {
        let text = "% Night ferry keeps\n  its winter timetable\n% Ada Brun; Tor Vik\n  Lise Holm\n% December 2, 2026\n\n    code stays code\n";
        let (fm, body) = split(text).unwrap();
        assert_eq!(
            fm.title.as_deref(),
            Some("Night ferry keeps its winter timetable")
        );
        assert_eq!(fm.authors, ["Ada Brun", "Tor Vik", "Lise Holm"]);
        assert_eq!(fm.date.as_deref(), Some("December 2, 2026"));
        assert_eq!(body, "    code stays code\n");
        // Fields left empty, or left off from the end.
        let (fm, body) = split("% The quay at dawn\n%\n% 2026-11-30\nText.\n").unwrap();
        assert_eq!(fm.title.as_deref(), Some("The quay at dawn"));
        assert!(fm.authors.is_empty());
        assert_eq!(fm.date.as_deref(), Some("2026-11-30"));
        assert_eq!(body, "Text.\n");
        let (fm, body) = split("% Only a title\n\n# Heading\n").unwrap();
        assert_eq!((fm.title.as_deref(), fm.date), (Some("Only a title"), None));
        assert_eq!(body, "# Heading\n");
    }

    #[test]
    fn text_that_only_begins_with_a_percent_sign_is_markdown() {
        for text in [
            "%d of the vote went to the harbour party.\n",
            "%\nA line.\n",
            "% \nA line.\n",
            "Headline\n% not at the start\n",
            "\n% not at the very start\n",
        ] {
            let (fm, body) = split(text).unwrap();
            assert_eq!(fm, FrontMatter::default(), "{text:?}");
            assert_eq!(body, text);
        }
    }

    #[test]
    fn no_front_matter_leaves_text_whole() {
        let (fm, body) = split("# Title\n\nText.\n").unwrap();
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(body, "# Title\n\nText.\n");
    }

    #[test]
    fn unclosed_fence_is_not_front_matter() {
        let text = "---\ntitle: x\n\nno closing fence\n";
        let (fm, body) = split(text).unwrap();
        assert_eq!(fm.title, None);
        assert_eq!(body, text);
    }

    #[test]
    fn rules_around_plain_text_are_not_front_matter() {
        let text = "---\nJust a line of prose\n---\nMore.\n";
        let (fm, body) = split(text).unwrap();
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(body, text);
    }

    #[test]
    fn date_times_give_their_date() {
        assert_eq!(date_iso(" 2026-04-02 ").as_deref(), Some("2026-04-02"));
        assert_eq!(
            date_iso("2026-04-02T23:40:00+02:00").as_deref(),
            Some("2026-04-02")
        );
        assert_eq!(date_iso("2026-04-02 23:40").as_deref(), Some("2026-04-02"));
        assert_eq!(date_iso("2026-04-02x"), None);
        assert_eq!(date_iso("2026-04-0é"), None);
    }

    #[test]
    fn related_paths_and_titles() {
        let r = related_entry("../2025/port-strike_ends.md");
        assert_eq!(r.title, "port strike ends");
        assert_eq!(r.path, Some(PathBuf::from("../2025/port-strike_ends.md")));
        let t = related_entry("Council votes on budget.md plans");
        assert_eq!(t.path, None);
        assert_eq!(related_entry("https://example.org/a.md").path, None);
    }
}
