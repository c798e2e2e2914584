//! Markdown front matter: TOML between `+++` lines or simple `key: value` between `---` lines,
//! read into the few article fields it can set; plus the field helpers the Markdown and JSON
//! loaders share (related entries, dates, whitespace, and the scrub of decoded strings).

mod read;
mod scrub;

pub use scrub::scrub;

use crate::article::Related;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The article fields front matter can set; everything it does not name stays empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date`, as written (a TOML date is written back in its TOML form).
    pub date: Option<String>,
    /// `author` or `authors`, a string or a list.
    pub authors: Vec<String>,
    /// `source`.
    pub source: Option<String>,
    /// `url`: where the article was published.
    pub url: Option<String>,
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
        _ => return Ok((FrontMatter::default(), text)),
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
                let fm = read::from_yaml_like(inner);
                // Between two rules with not one `key: value` line, this is Markdown after all
                // (a rule, then a setext heading).
                let lines = inner.lines().filter(|l| !l.trim().is_empty()).count();
                if lines > 0 && fm.warnings.len() == lines {
                    return Ok((FrontMatter::default(), text));
                }
                fm
            };
            return Ok((fm, body));
        }
        pos += line.len();
    }
    Ok((FrontMatter::default(), text))
}

impl FrontMatter {
    fn set(&mut self, key: &str, value: Value) {
        let one = |v: Value| match v {
            Value::One(s) => Some(s),
            Value::Many(items) => items.into_iter().next(),
        };
        let many = |v: Value| match v {
            Value::One(s) => vec![s],
            Value::Many(items) => items,
        };
        let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        match key.to_ascii_lowercase().as_str() {
            "title" => self.title = nonempty(one(value)),
            "date" => self.date = nonempty(one(value)),
            "author" | "authors" => {
                self.authors = many(value)
                    .into_iter()
                    .filter(|a| !a.trim().is_empty())
                    .collect()
            }
            "source" => self.source = nonempty(one(value)),
            "url" => self.url = nonempty(one(value)),
            "related" => {
                self.related = many(value)
                    .into_iter()
                    .filter(|r| !r.trim().is_empty())
                    .collect()
            }
            // Other keys (tags, draft, layout…) belong to other tools.
            _ => {}
        }
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

/// Makes every string field of `article` safe with [`clean_line`] and adds one warning naming the
/// fields that changed. Loaders that decode escapes (JSON `\u001b`, Markdown `&#27;`) call it last,
/// because the file text was neutralised before those escapes turned into characters.
#[cfg(test)]
mod tests {
    use super::*;

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
