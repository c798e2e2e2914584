//! A JSON article read for a pass over its library: its header and related headlines, never its
//! body. The file is streamed through serde (no whole text, no tree of the body): values under
//! the keys a header or related list is read from are kept whole, and elsewhere a long string
//! keeps only its start and a long array its first entries (an article list's entries all
//! stay). The full loader's own code then reads the slim value, so the header and related list
//! are those the whole file gives.

use super::pick;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
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
/// text field it comes from as it stands).
pub fn read(reader: impl Read, whole_strings: bool) -> serde_json::Result<Value> {
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(64 * 1024, reader));
    let value = Seed {
        how: Slim::List,
        whole_strings,
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

/// A value's [`Slim`], and whether strings are kept whole everywhere.
#[derive(Clone, Copy)]
struct Seed {
    how: Slim,
    whole_strings: bool,
}

impl Seed {
    fn with(self, how: Slim) -> Seed {
        Seed { how, ..self }
    }
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed {
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
        let mut out = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            let seed = self.with(if self.how == Slim::Whole || header_key(&k) {
                Slim::Whole
            } else if list_key(&k) || k == "_embedded" {
                Slim::List
            } else {
                Slim::Cut
            });
            let v = map.next_value_seed(seed)?;
            out.insert(k, v);
        }
        Ok(Value::Object(out))
    }
}

/// A string's start, as much as [`LONG`] bytes; one that was not blank stays not blank.
fn cut(s: &str) -> String {
    if s.len() <= LONG {
        return s.to_string();
    }
    let mut end = LONG;
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
