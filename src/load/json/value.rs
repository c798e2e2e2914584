//! A JSON value as the loader reads it: serde_json's `Value` with an object a sorted list of
//! pairs instead of a `BTreeMap`.
//!
//! serde_json's map is a `BTreeMap`, whose smallest node is hundreds of bytes: a file of a
//! million two-key block objects (`{"kind":"paragraph","text":"a"}`) took 24 times its size.
//! Here an object is one vector of its pairs, sorted by key with the last of a repeated key
//! kept, so it reads and iterates exactly as the `BTreeMap` did.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON object: its pairs sorted by key, each key once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map(Vec::new())
    }

    /// The object of `pairs` as JSON reads them: sorted by key, the last of a repeated key
    /// kept.
    pub fn from_pairs(mut pairs: Vec<(String, Value)>) -> Map {
        // A stable sort keeps repeated keys in file order; the last of each run is kept.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, Value)> = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => out.push((k, v)),
            }
        }
        out.shrink_to_fit();
        Map(out)
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value under `key`.
    pub fn get<K: AsRef<str> + ?Sized>(&self, key: &K) -> Option<&Value> {
        self.find(key.as_ref()).ok().map(|i| &self.0[i].1)
    }

    /// Whether `key` is in the object.
    pub fn contains_key<K: AsRef<str> + ?Sized>(&self, key: &K) -> bool {
        self.find(key.as_ref()).is_ok()
    }

    /// Sets `key` to `value`, returning what it held.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The pairs, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in the order of their keys.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a String, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    /// The value under `key`, when this is an object.
    pub fn get<K: AsRef<str> + ?Sized>(&self, key: &K) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// The same value as serde_json's own (to read a typed struct from it).
    pub fn to_serde(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.clone()),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(a) => serde_json::Value::Array(a.iter().map(Value::to_serde).collect()),
            Value::Object(m) => serde_json::Value::Object(
                m.iter().map(|(k, v)| (k.clone(), v.to_serde())).collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
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

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Deserialize::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut pairs = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            pairs.push((k, v));
        }
        Ok(Value::Object(Map::from_pairs(pairs)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_serde_jsons_own_value_reads() {
        let texts = [
            r#"{"b":1,"a":[true,null,"x",2.5,-3],"c":{"z":{},"y":[]},"a":"again"}"#,
            r#"[{"kind":"paragraph","text":"a"},{"text":"b","kind":"heading"}]"#,
            r#""plain""#,
            "18446744073709551615",
        ];
        for t in texts {
            let ours: Value = serde_json::from_str(t).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(t).unwrap();
            assert_eq!(ours.to_serde(), theirs, "{t}");
            // The same keys in the same order, the last of a repeated key kept.
            if let (Some(o), Some(m)) = (ours.as_object(), theirs.as_object()) {
                assert!(o.keys().eq(m.keys()));
            }
        }
        let v: Value = serde_json::from_str(r#"{"b":1,"a":2,"b":3}"#).unwrap();
        assert_eq!(v.get("b").and_then(Value::as_u64), Some(3));
        assert_eq!(v.as_object().unwrap().len(), 2);
    }

    #[test]
    fn an_object_is_small() {
        // What the loader's memory rests on: a two-key object is its pairs and no more.
        assert!(std::mem::size_of::<Value>() <= 32);
        let v: Value = serde_json::from_str(r#"{"kind":"paragraph","text":"a"}"#).unwrap();
        assert_eq!(v.as_object().unwrap().0.capacity(), 2);
    }

    #[test]
    fn insert_keeps_the_keys_sorted() {
        let mut m = Map::new();
        assert!(m.insert("b".into(), Value::Null).is_none());
        assert!(m.insert("a".into(), Value::Bool(true)).is_none());
        assert_eq!(m.insert("b".into(), Value::Bool(false)), Some(Value::Null));
        assert!(m.keys().map(String::as_str).eq(["a", "b"]));
        assert!(m.contains_key("a") && !m.contains_key("c"));
    }
}
