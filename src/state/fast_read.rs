//! `state.json` read in one pass, for the common case of a file whose every entry reads: what
//! [`super::file`] tries first, before its slower read that reports what is wrong.

use super::ArticleState;
use super::file::{Articles, Disk, ENTRY_FIELDS, Kept, Object, VERSION};
use std::collections::BTreeMap;

/// `state.json` read in one pass straight into the entries, for a file whose every entry reads:
/// no tree of JSON values is built (at 200,000 entries that tree, every entry's map and strings
/// allocated, copied and dropped, cost most of the start). `None` when anything is off (not
/// JSON, not the expected shape, an entry that does not read), for [`parse_tree`] to report.
pub(super) fn parse_fast(bytes: &[u8]) -> Option<Disk> {
    let Top {
        version,
        articles,
        top,
        fields,
    } = serde_json::from_slice(bytes).ok()?;
    let version = version?.as_u64()?;
    let articles = articles?;
    if version > VERSION {
        return Some(Disk::Newer(articles));
    }
    let kept = Kept {
        top,
        fields,
        ..Kept::default()
    };
    Some(Disk::Good(articles, kept, Vec::new()))
}

/// What [`parse_fast`] reads: `version`, the entries of `articles` with their fields this build
/// does not know, and the other top-level fields.
struct Top {
    version: Option<serde_json::Value>,
    articles: Option<Articles>,
    top: Object,
    fields: BTreeMap<String, Object>,
}

impl<'de> serde::Deserialize<'de> for Top {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a state object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Top, A::Error> {
                let mut out = Top {
                    version: None,
                    articles: None,
                    top: Object::new(),
                    fields: BTreeMap::new(),
                };
                while let Some(k) = m.next_key::<std::borrow::Cow<'de, str>>()? {
                    match k.as_ref() {
                        "version" => out.version = Some(m.next_value()?),
                        "articles" => {
                            let Entries(entries, fields) = m.next_value()?;
                            // The file is written in id order, so the map is built from a
                            // sorted run (an id written twice keeps its last entry, as a JSON
                            // object read into a map does).
                            out.articles = Some(Articles::from_iter(entries));
                            out.fields = fields;
                        }
                        _ => {
                            let v = m.next_value()?;
                            out.top.insert(k.into_owned(), v);
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// The entries of `articles` in file order, and the fields of each this build does not know.
struct Entries(Vec<(String, ArticleState)>, BTreeMap<String, Object>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of entries")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Entries, A::Error> {
                let mut out = Vec::with_capacity(m.size_hint().unwrap_or(0));
                let mut fields = BTreeMap::new();
                while let Some(k) = m.next_key::<String>()? {
                    let EntryIn(state, unknown) = m.next_value()?;
                    if !unknown.is_empty() {
                        fields.insert(k.clone(), unknown);
                    }
                    out.push((k, state));
                }
                Ok(Entries(out, fields))
            }
        }
        d.deserialize_map(V)
    }
}

/// One entry read field by field ([`ENTRY_FIELDS`] into the state, the rest kept as values);
/// a field of the wrong type fails the whole read, which [`parse_tree`] then does entry by entry.
struct EntryIn(ArticleState, Object);

impl<'de> serde::Deserialize<'de> for EntryIn {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = EntryIn;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an entry object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<EntryIn, A::Error> {
                let mut s = ArticleState::default();
                let mut unknown = Object::new();
                let mut seen = [false; ENTRY_FIELDS.len()];
                while let Some(FieldKey(at, other)) = m.next_key()? {
                    if let Some(i) = at {
                        // A field written twice: the thorough read says what serde says of it.
                        if std::mem::replace(&mut seen[i], true) {
                            return Err(serde::de::Error::duplicate_field(ENTRY_FIELDS[i]));
                        }
                    }
                    match at {
                        Some(0) => s.read = m.next_value()?,
                        Some(1) => s.bookmarked = m.next_value()?,
                        Some(2) => s.position = m.next_value()?,
                        Some(3) => s.updated = m.next_value()?,
                        Some(4) => s.read_at = m.next_value()?,
                        Some(5) => s.bookmarked_at = m.next_value()?,
                        Some(6) => s.position_at = m.next_value()?,
                        Some(7) => s.seen = m.next_value()?,
                        _ => {
                            let v = m.next_value()?;
                            unknown.insert(other, v);
                        }
                    }
                }
                Ok(EntryIn(s, unknown))
            }
        }
        d.deserialize_map(V)
    }
}

/// An entry's field name: its index in [`ENTRY_FIELDS`], or the name of a field this build does
/// not know (only then is a string made).
struct FieldKey(Option<usize>, String);

impl<'de> serde::Deserialize<'de> for FieldKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = FieldKey;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FieldKey, E> {
                Ok(match ENTRY_FIELDS.iter().position(|f| *f == v) {
                    Some(i) => FieldKey(Some(i), String::new()),
                    None => FieldKey(None, v.to_string()),
                })
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::file::parse_tree;
    use std::path::Path;

    /// The one-pass read and the tree read agree on a good file, unknown fields and all; a file
    /// the one pass cannot take (a bad entry, a duplicated field, the wrong shape) is left to
    /// the tree read, which reports it.
    #[test]
    fn the_one_pass_read_agrees_with_the_tree_read() {
        let good = br#"{"articles":{
            "a":{"read":true,"read_at":5,"updated":5,"seen":9,"bookmarked":false,"position":null},
            "b":{"bookmarked":true,"bookmarked_at":7,"updated":7,"position":{"block":3,"line_offset":1},"position_at":6,"mood":"glad"},
            "c\u00e9":{"updated":2},
            "d":{}
          },"version":1,"theme":{"x":[1,2]}}"#;
        let shown = |d: Disk| match d {
            Disk::Good(a, kept, skipped) => {
                format!(
                    "good {a:?} {:?} {:?} {:?} {skipped:?}",
                    kept.top, kept.fields, kept.bad
                )
            }
            Disk::Newer(a) => format!("newer {a:?}"),
            Disk::Missing => "missing".into(),
            Disk::Bad(why) => format!("bad {why}"),
        };
        let path = Path::new("state.json");
        let fast = shown(parse_fast(good).expect("the one pass takes it"));
        assert_eq!(fast, shown(parse_tree(good, path)));
        assert!(
            fast.contains("mood") && fast.contains("theme") && fast.contains("cé"),
            "{fast}"
        );
        let newer = br#"{"version":2,"articles":{"a":{"read":true,"updated":5}}}"#;
        assert_eq!(
            shown(parse_fast(newer).unwrap()),
            shown(parse_tree(newer, path))
        );
        for odd in [
            &br#"{"version":1,"articles":{"a":{"updated":-5},"b":{"read":true}}}"#[..],
            br#"{"version":1,"articles":{"a":{"read":true,"read":false}}}"#,
            br#"{"version":1,"articles":{"a":3}}"#,
            br#"{"version":1,"articles":[]}"#,
            br#"{"articles":{}}"#,
            br#"[1]"#,
            br#"{"version":1,"articles":{"#,
        ] {
            assert!(
                parse_fast(odd).is_none(),
                "{}",
                String::from_utf8_lossy(odd)
            );
        }
        let bad = shown(parse_tree(
            br#"{"version":1,"articles":{"a":{"updated":-5},"b":{"read":true}}}"#,
            path,
        ));
        assert!(bad.contains("skipped the marks of one article"), "{bad}");
    }
}
