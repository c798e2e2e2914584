//! Markdown front matter (TOML between `+++` lines, simple `key: value` between `---` lines), and
//! the scrub that both the Markdown and the JSON loader run over decoded strings.

use crate::article::{Article, Related};
use crate::text::sanitize::{clean_line, stand_in};
use anyhow::{Result, bail};
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
                from_toml(inner)?
            } else {
                let fm = from_yaml_like(inner);
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

fn from_toml(inner: &str) -> Result<FrontMatter> {
    let table: toml::Table = match toml::from_str(inner) {
        Ok(t) => t,
        Err(e) => {
            // The front matter starts on the file's second line.
            let line = e.span().map_or(0, |s| {
                inner[..s.start.min(inner.len())].matches('\n').count()
            }) + 2;
            bail!(
                "front matter (TOML), line {line}: {}",
                clean_line(e.message().trim())
            );
        }
    };
    let mut fm = FrontMatter::default();
    for (key, value) in &table {
        match toml_value(value) {
            Some(v) => fm.set(key, v),
            None => fm.warnings.push(format!(
                "front matter key \"{}\": expected a string or a list of strings",
                clean_line(key)
            )),
        }
    }
    Ok(fm)
}

fn toml_value(v: &toml::Value) -> Option<Value> {
    fn scalar(v: &toml::Value) -> Option<String> {
        match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Datetime(d) => Some(d.to_string()),
            toml::Value::Integer(i) => Some(i.to_string()),
            toml::Value::Float(f) => Some(f.to_string()),
            toml::Value::Boolean(_) | toml::Value::Array(_) | toml::Value::Table(_) => None,
        }
    }
    match v {
        toml::Value::Array(items) => items
            .iter()
            .map(scalar)
            .collect::<Option<_>>()
            .map(Value::Many),
        v => scalar(v).map(Value::One),
    }
}

/// Reads the `key: value` subset of YAML that article front matter uses: scalars (bare, `"…"` or
/// `'…'`), flow lists `[a, b]`, and block lists (`key:` then `- item` lines). Escapes inside
/// double quotes other than `\"` and `\\` are kept as written, so none can make a control character.
fn from_yaml_like(inner: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    // The key whose `- item` lines are being read, and its items so far.
    let mut list: Option<(String, Vec<String>)> = None;
    for (n, line) in inner.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(item) = t.strip_prefix('-').filter(|_| list.is_some()) {
            if let Some((_, items)) = list.as_mut() {
                items.push(unquote(item.trim()));
            }
            continue;
        }
        if let Some((key, items)) = list.take() {
            fm.set(&key, Value::Many(items));
        }
        let Some((key, value)) = t.split_once(':').filter(|(k, _)| is_key(k)) else {
            fm.warnings.push(format!(
                "front matter line {} not understood",
                n + 2 // the front matter starts on the file's second line
            ));
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            list = Some((key.trim().to_string(), Vec::new()));
        } else if let Some(flow) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let items = flow
                .split(',')
                .map(|s| unquote(s.trim()))
                .filter(|s| !s.is_empty());
            fm.set(key.trim(), Value::Many(items.collect()));
        } else {
            fm.set(key.trim(), Value::One(unquote(value)));
        }
    }
    if let Some((key, items)) = list {
        fm.set(&key, Value::Many(items));
    }
    fm
}

fn is_key(k: &str) -> bool {
    let k = k.trim();
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn unquote(v: &str) -> String {
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        v[1..v.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\")
    } else if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        v[1..v.len() - 1].replace("''", "'")
    } else {
        v.to_string()
    }
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
        }
    } else {
        Related {
            title: collapse(item),
            path: None,
        }
    }
}

/// The stand-in title of a related path: its file stem with dashes and underscores as spaces.
pub fn stem_title(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    collapse(&stem)
}

/// `s` with every run of whitespace made one space and the ends trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Makes every string field of `article` safe with [`clean_line`] and adds one warning naming the
/// fields that changed. Loaders that decode escapes (JSON `\u001b`, Markdown `&#27;`) call it last,
/// because the file text was neutralised before those escapes turned into characters.
pub fn scrub(article: &mut Article) {
    let mut changed: Vec<&str> = Vec::new();
    let mut note = |name: &'static str, hit: bool| {
        if hit && !changed.contains(&name) {
            changed.push(name);
        }
    };
    note("title", fix(&mut article.title));
    for (name, field) in [
        ("date", &mut article.date),
        ("date_iso", &mut article.date_iso),
        ("source", &mut article.source),
        ("dateline", &mut article.dateline),
    ] {
        note(name, field.as_mut().is_some_and(fix));
    }
    for a in &mut article.authors {
        note("authors", fix(a));
    }
    for b in &mut article.blocks {
        note("blocks", fix(&mut b.text));
    }
    for r in &mut article.related {
        note("related", fix(&mut r.title));
        // A related path is shown before it is resolved, and a real file name holds no controls.
        if let Some(p) = r.path.as_mut() {
            let mut s = p.to_string_lossy().into_owned();
            if fix(&mut s) {
                *p = PathBuf::from(s);
                note("related", true);
            }
        }
    }
    for f in &mut article.footer {
        note("footer", fix(f));
    }
    for l in &mut article.links {
        note("links", fix(&mut l.text) | fix(&mut l.url));
    }
    if !changed.is_empty() {
        article.warnings.push(format!(
            "escaped control characters neutralised in {}",
            changed.join(", ")
        ));
    }
}

/// Cleans `s` in place; true when anything changed. Allocates only when something must change.
fn fix(s: &mut String) -> bool {
    let unsafe_char = |c: char| c == '\t' || stand_in(c).is_some();
    if !s.chars().any(unsafe_char) {
        return false;
    }
    *s = clean_line(s);
    true
}

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
    fn yaml_like_scalars_and_lists() {
        let text = "---\ntitle: \"Quoted: \\\"yes\\\"\"\nauthors:\n  - Ana Ruiz\n  - 'Bo O''Neil'\nrelated: [One, \"Two\"]\nnonsense line\n---\nBody\n";
        let (fm, body) = split(text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Quoted: \"yes\""));
        assert_eq!(fm.authors, ["Ana Ruiz", "Bo O'Neil"]);
        assert_eq!(fm.related, ["One", "Two"]);
        assert_eq!(body, "Body\n");
        assert_eq!(fm.warnings, ["front matter line 7 not understood"]);
    }

    #[test]
    fn toml_dates_and_errors() {
        let (fm, _) =
            split("+++\ntitle = \"T\"\ndate = 2026-03-14\nauthor = \"Solo\"\n+++\n").unwrap();
        assert_eq!(fm.date.as_deref(), Some("2026-03-14"));
        assert_eq!(fm.authors, ["Solo"]);
        let err = split("+++\ntitle = \"T\"\ntitle = = 3\n+++\n").unwrap_err();
        assert!(format!("{err}").contains("line 3"), "{err}");
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

    #[test]
    fn scrub_names_changed_fields() {
        let mut a = Article {
            title: "ok".into(),
            authors: vec!["x\u{1b}[2J".into()],
            ..Article::default()
        };
        scrub(&mut a);
        assert_eq!(a.authors, ["x\u{241B}[2J"]);
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].ends_with("authors"));
    }
}
