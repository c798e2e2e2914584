//! A JSON article read for a pass over its library: its header and related headlines, never its
//! body. The file is streamed through serde (no whole text, no tree of the body): values under
//! the keys a header or related list is read from are kept whole, and elsewhere a long string
//! keeps only its start and a long array its first entries (an article list's entries all
//! stay). The full loader's own code then reads the slim value, so the header and related list
//! are those the whole file gives.

use super::pick;
use super::value::{Map, Value};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;
use std::io::Read;

/// The longest string kept whole outside the header's keys (bytes).
const LONG: usize = 1024;
/// How many entries of an array outside the header's keys and article lists are kept.
const FIRST: usize = 16;

/// Keys under which everything is kept: those the header, related list and tags are read from
/// in some shape, and a JSON Feed's `version`.
fn header_key(k: &str) -> bool {
    pick::TITLE_KEYS.iter().any(|t| t.0 == k)
        || pick::DATE_KEYS.contains(&k)
        || pick::URL_KEYS.contains(&k)
        || pick::SOURCE_KEYS.contains(&k)
        || pick::AUTHOR_KEYS.contains(&k)
        || pick::TAG_KEYS.contains(&k)
        || matches!(
            k,
            "date_iso" | "datetime" | "authors" | "source" | "related" | "version"
        )
}

/// Keys whose arrays may list articles: kept entry by entry.
fn list_key(k: &str) -> bool {
    super::LIST_KEYS.contains(&k) || super::MAYBE_LIST_KEYS.contains(&k)
}

/// The slim value of JSON text read from `reader` (an error when it is not JSON, as the full
/// parse's). With `whole_strings`, strings are not cut (a list row's first block needs the
/// text field it comes from as it stands). With a `text_budget` above 0, everything is kept
/// as it stands until that many bytes of strings have been kept outside the header's keys,
/// and only then cut as usual (the search index takes the start of a long body this way).
pub fn read(
    reader: impl Read,
    whole_strings: bool,
    text_budget: usize,
) -> serde_json::Result<Value> {
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(64 * 1024, reader));
    let budget = Cell::new(text_budget);
    let value = Seed {
        how: Slim::List,
        whole_strings,
        budget: &budget,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// How much of a value is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slim {
    /// All of it: it is under a header key.
    Whole,
    /// An article list: every entry, each slimmed.
    List,
    /// Anything else: strings cut, arrays cut, objects slimmed key by key.
    Cut,
}

/// A value's [`Slim`], whether strings are kept whole everywhere, and how many bytes of
/// strings may still be kept whole outside the header's keys (see [`read`]).
#[derive(Clone, Copy)]
struct Seed<'b> {
    how: Slim,
    whole_strings: bool,
    budget: &'b Cell<usize>,
}

impl<'b> Seed<'b> {
    fn with(self, how: Slim) -> Seed<'b> {
        Seed { how, ..self }
    }

    /// Whether the budget still has room: everything is kept as it stands.
    fn in_budget(&self) -> bool {
        self.budget.get() > 0
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        if self.how != Slim::Whole && self.in_budget() {
            // A string that overruns the budget keeps what fits (at least what `cut` keeps),
            // and ends it.
            let left = self.budget.get();
            self.budget.set(left.saturating_sub(s.len()));
            return Ok(Value::String(if s.len() <= left {
                s.to_string()
            } else {
                start(s, left.max(LONG))
            }));
        }
        Ok(Value::String(
            if self.how == Slim::Whole || self.whole_strings {
                s.to_string()
            } else {
                cut(s)
            },
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let each = self.with(match self.how {
            Slim::Whole => Slim::Whole,
            _ => Slim::Cut,
        });
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(each)? {
            // Past the first entries only the first that holds text, and the first that holds
            // more than blanks, are kept: the full loader asks of a text array only whether an
            // entry holds text, and a list row needs its first block.
            if self.how != Slim::Cut
                || self.in_budget()
                || out.len() < FIRST
                || (!out.iter().any(texty) && texty(&v))
                || (!out.iter().any(full) && full(&v))
            {
                out.push(v);
            }
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            let seed = self.with(if self.how == Slim::Whole || header_key(&k) {
                Slim::Whole
            } else if list_key(&k) || k == "_embedded" {
                Slim::List
            } else {
                Slim::Cut
            });
            let v = map.next_value_seed(seed)?;
            out.push((k, v));
        }
        Ok(Value::Object(Map::from_pairs(out)))
    }
}

/// A string's start, as much as [`LONG`] bytes; one that was not blank stays not blank.
fn cut(s: &str) -> String {
    start(s, LONG)
}

/// A string's start, as much as `most` bytes; one that was not blank stays not blank.
fn start(s: &str, most: usize) -> String {
    if s.len() <= most {
        return s.to_string();
    }
    let mut end = most;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = s[..end].to_string();
    if out.trim().is_empty() && !s.trim().is_empty() {
        out.push('…');
    }
    out
}

/// Whether an array entry gives a block that is not empty: text that is not blank, or a
/// picture.
fn full(v: &Value) -> bool {
    let blank = |v: &Value| v.as_str().is_none_or(|s| s.trim().is_empty());
    match v {
        Value::String(s) => !s.trim().is_empty(),
        Value::Object(o) => {
            o.get("kind").and_then(Value::as_str) == Some("image")
                || ["rendered", "text", "value", "name", "url", "href"]
                    .iter()
                    .any(|k| o.get(*k).is_some_and(|v| !blank(v)))
        }
        _ => false,
    }
}

/// Whether an array entry holds text as `pick`'s text fields read it.
fn texty(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Object(o) => ["rendered", "text", "value", "name", "url", "href"]
            .iter()
            .any(|k| o.get(*k).is_some_and(Value::is_string)),
        _ => false,
    }
}

/// A reader that notes which of a few byte strings the raw bytes passing through it hold (as
/// the full loader's sniffing searches the whole file's bytes).
pub struct Needles<'n, R> {
    inner: R,
    needles: &'n [&'n [u8]],
    /// Which needles were seen.
    pub found: Vec<bool>,
    /// The first byte that is not ASCII white space.
    pub first: Option<u8>,
    /// The last bytes of the previous read, so a needle cut by a read's end is still seen.
    tail: Vec<u8>,
}

impl<'n, R: Read> Needles<'n, R> {
    /// Watches `inner` for `needles`.
    pub fn new(inner: R, needles: &'n [&'n [u8]]) -> Self {
        Needles {
            inner,
            needles,
            found: vec![false; needles.len()],
            first: None,
            tail: Vec::new(),
        }
    }
}

impl<R: Read> Read for Needles<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = &buf[..n];
        if self.first.is_none() {
            self.first = got.iter().copied().find(|b| !b.is_ascii_whitespace());
        }
        self.tail.extend_from_slice(got);
        for (needle, found) in self.needles.iter().zip(&mut self.found) {
            *found = *found || memchr::memmem::find(&self.tail, needle).is_some();
        }
        let longest = self.needles.iter().map(|n| n.len()).max().unwrap_or(1);
        let keep = self.tail.len().min(longest - 1);
        self.tail.drain(..self.tail.len() - keep);
        Ok(n)
    }
}

/// Whether the top-level object of the JSON in `reader` holds an array under `articles` and
/// under `items` (the last of a key written twice counts), its other values skipped unread;
/// `None` when the JSON is not valid, or not an object.
pub fn top_arrays(reader: impl Read) -> Option<(bool, bool)> {
    struct Top;
    struct IsArray;
    impl<'de> DeserializeSeed<'de> for IsArray {
        type Value = bool;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
            let any = serde::de::IgnoredAny;
            d.deserialize_any(IsArrayVisitor(any))
        }
    }
    struct IsArrayVisitor(serde::de::IgnoredAny);
    impl<'de> Visitor<'de> for IsArrayVisitor {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
            self.0.visit_seq(seq).map(|_| true)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<bool, A::Error> {
            self.0.visit_map(map).map(|_| false)
        }
        fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_str<E>(self, _: &str) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    impl<'de> Visitor<'de> for Top {
        type Value = (bool, bool);
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(bool, bool), A::Error> {
            let (mut articles, mut items) = (false, false);
            while let Some(k) = map.next_key::<String>()? {
                match k.as_str() {
                    "articles" => articles = map.next_value_seed(IsArray)?,
                    "items" => items = map.next_value_seed(IsArray)?,
                    _ => {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
            Ok((articles, items))
        }
    }
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(64 * 1024, reader));
    let found = serde::Deserializer::deserialize_map(&mut de, Top).ok()?;
    de.end().ok()?;
    Some(found)
}
