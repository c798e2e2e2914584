//! Lists of strings and paths packed into one buffer each.
//!
//! The resolver keeps a title and a path for every article of the library: as a `Vec<String>`
//! and a `Vec<PathBuf>` that is two heap blocks an article, each with its own header, length,
//! capacity and allocator rounding (about 60 bytes of overhead a string). Packed, an entry costs
//! its bytes and one offset: at 100,000 articles that is several megabytes a list.

use foldhash::HashMap;
use std::borrow::Cow;
use std::hash::BuildHasher;
use std::path::Path;

/// Strings in order, packed.
#[derive(Debug, Default, Clone)]
pub struct StrList {
    buf: String,
    /// Where each string ends in `buf`.
    ends: Vec<usize>,
}

impl StrList {
    /// Appends `s`.
    pub fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.ends.push(self.buf.len());
    }

    /// The string at `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j]);
        self.buf.get(start..end)
    }

    /// How many strings it holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Lets go of spare capacity once the list is complete.
    pub fn shrink(&mut self) {
        self.buf.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Paths in order, packed (their bytes as the system spells them, so nothing is lost to
/// invalid UTF-8).
#[derive(Debug, Default, Clone)]
pub struct PathList {
    #[cfg(unix)]
    buf: Vec<u8>,
    #[cfg(unix)]
    ends: Vec<usize>,
    #[cfg(not(unix))]
    paths: Vec<std::path::PathBuf>,
}

#[cfg(unix)]
impl PathList {
    /// Appends `p`.
    pub fn push(&mut self, p: &Path) {
        use std::os::unix::ffi::OsStrExt;
        self.buf.extend_from_slice(p.as_os_str().as_bytes());
        self.ends.push(self.buf.len());
    }

    /// The path at `i`.
    pub fn get(&self, i: usize) -> Option<&Path> {
        use std::os::unix::ffi::OsStrExt;
        let end = *self.ends.get(i)?;
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j]);
        Some(Path::new(std::ffi::OsStr::from_bytes(
            &self.buf[start..end],
        )))
    }

    /// How many paths it holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Lets go of spare capacity once the list is complete.
    pub fn shrink(&mut self) {
        self.buf.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

#[cfg(not(unix))]
impl PathList {
    /// Appends `p`.
    pub fn push(&mut self, p: &Path) {
        self.paths.push(p.to_path_buf());
    }

    /// The path at `i`.
    pub fn get(&self, i: usize) -> Option<&Path> {
        self.paths.get(i).map(|p| p.as_path())
    }

    /// How many paths it holds.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Lets go of spare capacity once the list is complete.
    pub fn shrink(&mut self) {
        self.paths.shrink_to_fit();
    }
}

impl PathList {
    /// The paths in order.
    pub fn iter(&self) -> impl Iterator<Item = &Path> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The index of the first entry spelled exactly as `p`.
    pub fn position(&self, p: &Path) -> Option<usize> {
        self.iter().position(|q| q.as_os_str() == p.as_os_str())
    }
}

/// Lists of small numbers (one list an entry), packed: each entry's list is a slice of one
/// vector.
#[derive(Debug, Default, Clone)]
pub struct Lists {
    items: Vec<u32>,
    ends: Vec<usize>,
}

impl Lists {
    /// Appends a list.
    pub fn push(&mut self, list: &[u32]) {
        self.items.extend_from_slice(list);
        self.ends.push(self.items.len());
    }

    /// The list at `i` (empty past the end).
    pub fn get(&self, i: usize) -> &[u32] {
        let Some(&end) = self.ends.get(i) else {
            return &[];
        };
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j]);
        &self.items[start..end]
    }

    /// The lists in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.ends.len()).map(|i| self.get(i))
    }

    /// Packs lists built one vector each.
    pub fn from_vecs(vecs: Vec<Vec<u32>>) -> Lists {
        let mut out = Lists {
            items: Vec::with_capacity(vecs.iter().map(Vec::len).sum()),
            ends: Vec::with_capacity(vecs.len()),
        };
        for v in vecs {
            out.push(&v);
        }
        out
    }
}

/// Entry numbers by key, keeping an 8-byte hash of each key instead of the key: the key is
/// checked against the entry it leads to (`key_of`), so a lookup never returns another key's
/// entry. Two keys with the same hash (rare) keep the second one whole in a side map.
#[derive(Debug, Default, Clone)]
pub struct KeyIndex {
    slots: HashMap<u64, u32>,
    clash: HashMap<Box<[u8]>, u32>,
}

impl KeyIndex {
    fn hash(key: &[u8]) -> u64 {
        foldhash::quality::FixedState::with_seed(0x6279_6c69_6e65).hash_one(key)
    }

    /// Records entry `i` under `key` unless an entry already has that key (the first stays).
    pub fn insert_first<'a>(&mut self, key: &[u8], i: u32, key_of: impl Fn(u32) -> Cow<'a, [u8]>) {
        match self.slots.entry(Self::hash(key)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                if *key_of(*o.get()) != *key {
                    self.clash.entry(key.into()).or_insert(i);
                }
            }
        }
    }

    /// The entry recorded under `key`.
    pub fn get<'a>(&self, key: &[u8], key_of: impl Fn(u32) -> Cow<'a, [u8]>) -> Option<u32> {
        match self.slots.get(&Self::hash(key)) {
            Some(&i) if *key_of(i) == *key => Some(i),
            Some(_) => self.clash.get(key).copied(),
            None => None,
        }
    }

    /// Whether no key is recorded.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_as_pushed() {
        let mut l = StrList::default();
        for s in ["", "Ferry fares", "é — ü", "", "last"] {
            l.push(s);
        }
        l.shrink();
        let got: Vec<_> = (0..l.len()).map(|i| l.get(i).unwrap()).collect();
        assert_eq!(got, ["", "Ferry fares", "é — ü", "", "last"]);
        assert_eq!(l.get(5), None);
    }

    #[test]
    fn paths_come_back_as_pushed_and_are_found() {
        let mut l = PathList::default();
        let paths = ["a/b.txt", "", "a/c d.md", "a/b.txt"];
        for p in paths {
            l.push(Path::new(p));
        }
        let got: Vec<_> = l.iter().collect();
        assert_eq!(got, paths.map(Path::new));
        assert_eq!(l.position(Path::new("a/b.txt")), Some(0));
        assert_eq!(l.position(Path::new("a/c d.md")), Some(2));
        assert_eq!(l.position(Path::new("a/c")), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_of_invalid_utf8_keeps_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let raw = std::ffi::OsStr::from_bytes(b"lib/caf\xe9.txt");
        let mut l = PathList::default();
        l.push(Path::new("x"));
        l.push(Path::new(raw));
        assert_eq!(l.get(1).unwrap().as_os_str().as_bytes(), b"lib/caf\xe9.txt");
    }

    #[test]
    fn lists_come_back_as_pushed() {
        let l = Lists::from_vecs(vec![vec![3, 1], vec![], vec![7]]);
        let got: Vec<_> = l.iter().collect();
        assert_eq!(got, [&[3, 1][..], &[], &[7]]);
        assert!(l.get(3).is_empty());
    }

    #[test]
    fn a_key_index_checks_keys_and_keeps_the_first() {
        let keys = ["ferry", "port", "ferry", "tide"];
        let key_of = |i: u32| Cow::Borrowed(keys[i as usize].as_bytes());
        let mut k = KeyIndex::default();
        for (i, key) in keys.iter().enumerate() {
            k.insert_first(key.as_bytes(), i as u32, key_of);
        }
        assert_eq!(k.get(b"ferry", key_of), Some(0));
        assert_eq!(k.get(b"tide", key_of), Some(3));
        assert_eq!(k.get(b"storm", key_of), None);
        // A key whose hash slot is taken by another key is kept aside and still found; a
        // lookup whose hash hits another key's entry is not given that entry.
        let mut k = KeyIndex::default();
        k.slots.insert(KeyIndex::hash(b"port"), 0);
        k.insert_first(b"port", 1, key_of);
        assert_eq!(k.get(b"port", key_of), Some(1));
        k.slots.insert(KeyIndex::hash(b"tide"), 0);
        assert_eq!(k.get(b"tide", key_of), None);
    }
}
