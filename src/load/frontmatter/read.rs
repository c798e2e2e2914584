//! Reading the two front-matter syntaxes into [`FrontMatter`].

use super::{FrontMatter, Gather, Value};
use crate::sanitize::clean_line;
use anyhow::{Result, bail};

/// Reads TOML front matter; a syntax error names its line, counted from the opening `+++`.
/// Tables one level deep (`[taxonomies]`, `[extra]`) are read as dotted keys; booleans, numbers
/// and deeper tables byline has no use for are passed over silently.
pub(super) fn from_toml(inner: &str) -> Result<FrontMatter> {
    let table: toml::Table = match toml::from_str(inner) {
        Ok(t) => t,
        Err(e) => {
            let before = e.span().map_or(0, |s| s.start.min(inner.len()));
            // + 2: lines count from one, and the front matter starts after the `+++` line.
            let line = inner.as_bytes()[..before]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 2;
            bail!(
                "front matter (TOML), line {line}: {}",
                clean_line(e.message().trim())
            );
        }
    };
    let mut g = Gather::default();
    for (key, value) in &table {
        match value {
            toml::Value::Table(inner) => {
                for (k, v) in inner {
                    if let Some(v) = toml_value(v) {
                        g.set(&format!("{key}.{k}"), v);
                    }
                }
            }
            v => match toml_value(v) {
                Some(v) => g.set(key, v),
                None if super::TYPO_TARGETS.contains(&key.to_ascii_lowercase().as_str()) => {
                    g.fm.warnings.push(format!(
                        "front matter key \"{}\": expected a string or a list of strings",
                        clean_line(key)
                    ));
                }
                None => {}
            },
        }
    }
    Ok(g.finish())
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
        // `[[authors]]` tables with a `name` stand for their names.
        toml::Value::Array(items) => items
            .iter()
            .map(|i| match i {
                toml::Value::Table(t) => t.get("name").and_then(scalar),
                i => scalar(i),
            })
            .collect::<Option<_>>()
            .map(Value::Many),
        v => scalar(v).map(Value::One),
    }
}

/// Reads the `key: value` subset of YAML that article front matter uses: scalars (bare, `"…"` or
/// `'…'`), block scalars (`key: >` or `|` then indented lines, joined with spaces), flow lists
/// `[a, b]`, block lists (`key:` then `- item` lines), and maps (`key:` then indented
/// `key: value` lines, read as dotted keys such as `author.name`). Escapes inside double quotes
/// other than `\"` and `\\` are kept as written, so none can make a control character.
///
/// Returns the front matter and how many `key: value` lines it understood.
pub(super) fn from_yaml_like(inner: &str) -> (FrontMatter, usize) {
    let mut g = Gather::default();
    let mut understood = 0;
    // Open map keys, outermost first, each with its indent.
    let mut parents: Vec<(usize, String)> = Vec::new();
    // The key whose `- item` lines are being read, and its items so far.
    let mut list: Option<(String, Vec<String>)> = None;
    // The key whose indented block-scalar lines are being read, and its text so far.
    let mut block: Option<(String, String)> = None;
    for (n, line) in inner.lines().enumerate() {
        let t = line.trim();
        if let Some((_, text)) = block.as_mut()
            && (t.is_empty() || line.starts_with([' ', '\t']))
        {
            if !t.is_empty() {
                text.push(' ');
                text.push_str(t);
            }
            continue;
        }
        if let Some((key, text)) = block.take() {
            g.set(&key, Value::One(text.trim().to_string()));
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(item) = t.strip_prefix('-').filter(|_| list.is_some()) {
            if let Some((_, items)) = list.as_mut() {
                items.push(list_item(item.trim()));
            }
            continue;
        }
        if let Some((key, items)) = list.take()
            && !items.is_empty()
        {
            g.set(&key, Value::Many(items));
        }
        let Some((key, value)) = t.split_once(':').filter(|(k, _)| is_key(k)) else {
            g.fm.warnings.push(format!(
                "front matter line {} not understood",
                n + 2 // the front matter starts on the file's second line
            ));
            continue;
        };
        understood += 1;
        let indent = line.len() - line.trim_start().len();
        while parents.last().is_some_and(|(i, _)| *i >= indent) {
            parents.pop();
        }
        let key = match parents.last() {
            Some((_, p)) => format!("{p}.{}", key.trim()),
            None => key.trim().to_string(),
        };
        let value = value.trim();
        if matches!(value, "|" | ">" | "|-" | ">-" | "|+" | ">+") {
            block = Some((key, String::new()));
        } else if value.is_empty() {
            // A list or a map follows; which one, the next line tells.
            parents.push((indent, key.clone()));
            list = Some((key, Vec::new()));
        } else if let Some(flow) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let items = split_flow(flow)
                .into_iter()
                .map(|s| unquote(s.trim()))
                .filter(|s| !s.is_empty());
            g.set(&key, Value::Many(items.collect()));
        } else {
            g.set(&key, Value::One(unquote(value)));
        }
    }
    if let Some((key, items)) = list
        && !items.is_empty()
    {
        g.set(&key, Value::Many(items));
    }
    if let Some((key, text)) = block {
        g.set(&key, Value::One(text.trim().to_string()));
    }
    (g.finish(), understood)
}

/// One `- item` of a block list: a scalar, or the `name:` (or `title:`, `label:`) of a list of
/// maps such as `- name: Ana Ruiz`.
fn list_item(item: &str) -> String {
    if let Some((k, v)) = item.split_once(": ")
        && matches!(k.trim(), "name" | "title" | "label")
    {
        return unquote(v.trim());
    }
    unquote(item)
}

/// The items of a flow list's inside, split at commas outside quotes.
fn split_flow(flow: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut quote) = (0, None);
    for (i, c) in flow.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            (',', None) => {
                items.push(&flow[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&flow[start..]);
    items
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

#[cfg(test)]
mod tests {
    use super::super::split;

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
    fn yaml_like_block_scalars() {
        let text = "---\ntitle: >-\n  A headline folded\n\n  over lines\nauthor: Vel Ordo\n---\n";
        let (fm, _) = split(text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("A headline folded over lines"));
        assert_eq!(fm.authors, ["Vel Ordo"]);
        assert!(fm.warnings.is_empty(), "{:?}", fm.warnings);
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
}
