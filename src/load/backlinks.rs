//! The backlinks the background pass finds: for each library file, the files whose related
//! headlines resolve to it, in library order.
//!
//! They are kept for the whole session, so each path named is stored once, packed with the
//! others, and the lists hold numbers: at 100,000 articles a map from whole paths to lists of
//! whole paths took 14 MB.

use super::resolve::packed::{KeyIndex, PathList};
use foldhash::HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files a backlinks pass reads, in library order: a list of their own, or the paths the
/// resolver the pass runs with already holds ([`super::resolve::Resolver::files`]), so a pass
/// over a big library does not copy every path (11 MB at 100,000 articles) beside them.
pub trait Files {
    /// How many files there are.
    fn len(&self) -> usize;

    /// The file at `i`.
    fn get(&self, i: usize) -> Option<&Path>;

    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The files in order.
    fn iter(&self) -> impl Iterator<Item = &Path> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl Files for [PathBuf] {
    fn len(&self) -> usize {
        <[PathBuf]>::len(self)
    }

    fn get(&self, i: usize) -> Option<&Path> {
        <[PathBuf]>::get(self, i).map(PathBuf::as_path)
    }
}

impl Files for Vec<PathBuf> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }

    fn get(&self, i: usize) -> Option<&Path> {
        self.as_slice().get(i).map(PathBuf::as_path)
    }
}

/// For each file, the files linking to it (paths compared as spelled).
#[derive(Debug, Default, Clone)]
pub struct Backlinks {
    /// Every path named, once.
    paths: PathList,
    /// A path's bytes → its entry in `paths`.
    ids: KeyIndex,
    /// A target's entry → its linking files' entries, in the order they were added.
    lists: HashMap<u32, Vec<u32>>,
}

fn bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

impl Backlinks {
    /// The entry of `p`, when it is named.
    fn find(&self, p: &Path) -> Option<u32> {
        let paths = &self.paths;
        self.ids.get(bytes(p), |j| {
            Cow::Borrowed(paths.get(j as usize).map_or(&[][..], bytes))
        })
    }

    /// The entry of `p`, added when it is not named yet.
    fn id(&mut self, p: &Path) -> u32 {
        if let Some(i) = self.find(p) {
            return i;
        }
        let i = self.paths.len() as u32;
        self.paths.push(p);
        let paths = &self.paths;
        self.ids.insert_first(bytes(p), i, |j| {
            Cow::Borrowed(paths.get(j as usize).map_or(&[][..], bytes))
        });
        i
    }

    /// Records that `source` links to `target` (once).
    pub fn add(&mut self, target: &Path, source: &Path) {
        let t = self.id(target);
        let s = self.id(source);
        let list = self.lists.entry(t).or_default();
        if !list.contains(&s) {
            list.push(s);
        }
    }

    /// The files linking to `target`, in the order found; `None` when none does.
    pub fn get(&self, target: &Path) -> Option<Vec<PathBuf>> {
        let list = self.lists.get(&self.find(target)?)?;
        Some(
            list.iter()
                .filter_map(|&s| self.paths.get(s as usize).map(Path::to_path_buf))
                .collect(),
        )
    }

    /// How many files are linked to.
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    /// Whether no file is linked to.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Every target with its linking files, by path.
    pub fn to_map(&self) -> BTreeMap<PathBuf, Vec<PathBuf>> {
        self.lists
            .iter()
            .filter_map(|(&t, list)| {
                let target = self.paths.get(t as usize)?.to_path_buf();
                let from = list
                    .iter()
                    .filter_map(|&s| self.paths.get(s as usize).map(Path::to_path_buf))
                    .collect();
                Some((target, from))
            })
            .collect()
    }
}

/// Two are equal when they give the same files for every target, whatever order the paths
/// were first named in.
impl PartialEq for Backlinks {
    fn eq(&self, other: &Self) -> bool {
        self.to_map() == other.to_map()
    }
}

impl FromIterator<(PathBuf, Vec<PathBuf>)> for Backlinks {
    fn from_iter<I: IntoIterator<Item = (PathBuf, Vec<PathBuf>)>>(iter: I) -> Self {
        let mut out = Backlinks::default();
        for (target, from) in iter {
            for s in from {
                out.add(&target, &s);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_order_and_each_file_once() {
        let mut b = Backlinks::default();
        b.add(Path::new("lib/b.txt"), Path::new("lib/a.txt"));
        b.add(Path::new("lib/b.txt"), Path::new("lib/c.txt"));
        b.add(Path::new("lib/b.txt"), Path::new("lib/a.txt"));
        b.add(Path::new("lib/a.txt"), Path::new("lib/b.txt"));
        assert_eq!(
            b.get(Path::new("lib/b.txt")),
            Some(vec![PathBuf::from("lib/a.txt"), PathBuf::from("lib/c.txt")])
        );
        assert_eq!(
            b.get(Path::new("lib/a.txt")),
            Some(vec![PathBuf::from("lib/b.txt")])
        );
        assert_eq!(
            b.get(Path::new("lib/c.txt")),
            None,
            "named, but linked to by none"
        );
        assert_eq!(b.get(Path::new("lib/d.txt")), None);
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn equal_whatever_order_paths_were_named_in() {
        let one: Backlinks = [
            (
                PathBuf::from("x"),
                vec![PathBuf::from("y"), PathBuf::from("z")],
            ),
            (PathBuf::from("y"), vec![PathBuf::from("x")]),
        ]
        .into_iter()
        .collect();
        let mut two = Backlinks::default();
        two.add(Path::new("y"), Path::new("x"));
        two.add(Path::new("x"), Path::new("y"));
        two.add(Path::new("x"), Path::new("z"));
        assert_eq!(one, two);
        two.add(Path::new("z"), Path::new("x"));
        assert_ne!(one, two);
    }
}
