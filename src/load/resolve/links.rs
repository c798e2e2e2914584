//! Links between local articles by address: a related entry or body link whose URL (or
//! relative file path) names another article of the library resolves to that article's file.
//!
//! The rule: an `http(s)` address matches an article whose own address (a saved page's
//! canonical URL or `og:url`, `url` front matter, a feed item's link) is the same, compared by
//! [`crate::load::html::url::key`] (scheme, `www.`, fragment, tracking parameters, a trailing
//! `/` and `index.html` ignored). A relative path (`../05/ferry.html`, `file://` paths too)
//! matches the library file it names from the linking article's folder. An address on the
//! linking page's own site that names no article by address is tried as a path too, relative
//! to the page's own address (a saved page whose links were joined to its canonical URL
//! still finds its neighbours saved beside it).

use super::packed::{KeyIndex, PathList};
use crate::load::html::url;
use foldhash::HashMap;
use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

/// Library articles by address and by path.
#[derive(Debug, Default, Clone)]
pub struct LinkIndex {
    /// The library's files, in library order, then any file known only by an address.
    paths: PathList,
    /// Address key → entry of `paths`.
    by_key: HashMap<String, u32>,
    /// Lexical path → entry of `paths`, kept by hash ([`KeyIndex`]).
    by_path: KeyIndex,
}

/// Where a link was found: the linking article's file and own address.
#[derive(Debug, Clone, Copy, Default)]
pub struct From<'a> {
    /// The linking article's file.
    pub path: Option<&'a Path>,
    /// The linking article's own address.
    pub url: Option<&'a str>,
}

impl LinkIndex {
    /// Indexes the library's files by path.
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a Path>) -> LinkIndex {
        let mut list = PathList::default();
        for p in paths {
            list.push(p);
        }
        LinkIndex::of(list)
    }

    /// Indexes the library's files, given in library order, by path.
    pub fn of(mut paths: PathList) -> LinkIndex {
        paths.shrink();
        let mut idx = LinkIndex {
            paths,
            ..LinkIndex::default()
        };
        for i in 0..idx.paths.len() {
            let Some(p) = idx.paths.get(i) else { break };
            let key = lexical(p);
            let list = &idx.paths;
            idx.by_path
                .insert_first(bytes(&key), i as u32, |j| lexical_bytes(list, j));
        }
        idx
    }

    /// The file at entry `i` of the list the index was made from.
    pub fn path(&self, i: usize) -> Option<&Path> {
        self.paths.get(i)
    }

    /// The files the index was made from, in order.
    pub fn paths(&self) -> &PathList {
        &self.paths
    }

    /// The entry of the library file spelled (lexically) as `p`.
    fn entry_of(&self, p: &Path) -> Option<u32> {
        let list = &self.paths;
        self.by_path
            .get(bytes(&lexical(p)), |j| lexical_bytes(list, j))
    }

    /// Adds the library's `(own address, file)` pairs; the first article with an address
    /// keeps it.
    pub fn add_urls<'a>(&mut self, urls: impl IntoIterator<Item = (&'a str, &'a Path)>) {
        for (u, p) in urls {
            if let Some(k) = url::key(u)
                && !self.by_key.contains_key(&k)
            {
                let i = self.entry_of(p).unwrap_or_else(|| {
                    self.paths.push(p);
                    (self.paths.len() - 1) as u32
                });
                self.by_key.insert(k, i);
            }
        }
    }

    /// Whether the index knows no article at all.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty() && self.by_path.is_empty()
    }

    fn by_entry(&self, i: Option<u32>) -> Option<&Path> {
        self.paths.get(i? as usize)
    }

    /// The library file `link` names, found from an article at `from` (see the module's rule);
    /// never the linking article itself.
    pub fn resolve(&self, link: &str, from: From<'_>) -> Option<&Path> {
        self.by_entry(self.resolve_entry(link, from))
    }

    /// [`LinkIndex::resolve`] as the entry of the index's list ([`LinkIndex::path`]).
    pub fn resolve_entry(&self, link: &str, from: From<'_>) -> Option<u32> {
        let link = link.trim();
        let i = self.find(link, from)?;
        let found = self.by_entry(Some(i))?;
        match from.path {
            Some(p) if lexical(p) == lexical(found) => None,
            _ => Some(i),
        }
    }

    fn find(&self, link: &str, from: From<'_>) -> Option<u32> {
        if let Some(k) = url::key(link) {
            if let Some(&i) = self.by_key.get(&k) {
                return Some(i);
            }
            // The same site as the linking page: its path relative to the page's address.
            let rel = from.url.and_then(|own| relative(own, link))?;
            return self.by_file(&rel, from.path);
        }
        match url::scheme(link) {
            Some(s) if s.eq_ignore_ascii_case("file") => {
                let p = link[5..].trim_start_matches("//");
                let p = strip_tail(p);
                self.entry_of(Path::new(&percent_decode(p)))
            }
            Some(_) => None,
            None => self.by_file(link, from.path),
        }
    }

    /// The library file a relative path names from the linking article's folder.
    fn by_file(&self, rel: &str, from: Option<&Path>) -> Option<u32> {
        let rel = percent_decode(strip_tail(rel));
        if rel.is_empty() {
            return None;
        }
        let rel = Path::new(&rel);
        let full = match from.and_then(Path::parent) {
            Some(dir) if rel.is_relative() => dir.join(rel),
            _ => rel.to_path_buf(),
        };
        self.entry_of(&full)
    }
}

/// `link` without its query and fragment.
fn strip_tail(link: &str) -> &str {
    link.split(['?', '#']).next().unwrap_or(link)
}

/// `%20` and the like decoded (invalid sequences kept as written).
pub(crate) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path of `target` relative to the folder of `own`, when both are on one site
/// (`https://s/a/b/x.html`, `https://s/a/c/y.html` → `../c/y.html`).
fn relative(own: &str, target: &str) -> Option<String> {
    let split = |u: &str| -> Option<(String, Vec<String>)> {
        let k = url::key(u)?;
        let (host, path) = k.split_once('/').unwrap_or((&k, ""));
        let path = path.split('?').next().unwrap_or(path);
        Some((
            host.to_string(),
            path.split('/').map(str::to_string).collect(),
        ))
    };
    let (own_host, own_path) = split(own)?;
    let (host, path) = split(target)?;
    if own_host != host {
        return None;
    }
    // The page's folder: its address without the last part, unless it ended in `/`.
    let own_dir: &[String] = if own
        .split(['?', '#'])
        .next()
        .is_some_and(|u| u.ends_with('/'))
    {
        &own_path
    } else {
        &own_path[..own_path.len().saturating_sub(1)]
    };
    let common = own_dir
        .iter()
        .zip(&path)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; own_dir.len() - common];
    parts.extend(path[common..].iter().map(String::as_str));
    Some(parts.join("/"))
}

/// A path's bytes, as the key the index hashes.
fn bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

/// The key of entry `j` of `list`: its lexical form's bytes.
fn lexical_bytes(list: &PathList, j: u32) -> Cow<'static, [u8]> {
    let p = list.get(j as usize).map(lexical).unwrap_or_default();
    Cow::Owned(p.into_os_string().into_encoded_bytes())
}

/// `p` with `.` components dropped and `..` folded into the component before it.
pub(super) fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> LinkIndex {
        let files = [
            "lib/2026/06/ferry.html",
            "lib/2026/06/harbour.html",
            "lib/2026/03/quill street.txt",
            "lib/notes/tides.md",
        ];
        let mut idx = LinkIndex::new(files.iter().map(Path::new));
        idx.add_urls([
            (
                "https://www.kesselpost.example/travel/ferry",
                Path::new("lib/2026/06/ferry.html"),
            ),
            (
                "https://notes.example/tides/",
                Path::new("lib/notes/tides.md"),
            ),
        ]);
        idx
    }

    #[test]
    fn addresses_match_however_they_are_spelled() {
        let idx = index();
        let from = From::default();
        for link in [
            "https://www.kesselpost.example/travel/ferry",
            "http://kesselpost.example/travel/ferry/?utm_source=x#top",
        ] {
            assert_eq!(
                idx.resolve(link, from),
                Some(Path::new("lib/2026/06/ferry.html"))
            );
        }
        assert_eq!(
            idx.resolve("https://notes.example/tides", from),
            Some(Path::new("lib/notes/tides.md"))
        );
        assert_eq!(
            idx.resolve("https://other.example/travel/ferry", from),
            None
        );
        assert_eq!(idx.resolve("mailto:desk@kesselpost.example", from), None);
    }

    #[test]
    fn relative_paths_match_from_the_linking_folder() {
        let idx = index();
        let from = From {
            path: Some(Path::new("lib/2026/06/harbour.html")),
            url: None,
        };
        assert_eq!(
            idx.resolve("ferry.html#part-2", from),
            Some(Path::new("lib/2026/06/ferry.html"))
        );
        assert_eq!(
            idx.resolve("../03/quill%20street.txt", from),
            Some(Path::new("lib/2026/03/quill street.txt"))
        );
        assert_eq!(idx.resolve("../03/missing.txt", from), None);
        // Never the linking article itself.
        assert_eq!(idx.resolve("harbour.html", from), None);
    }

    #[test]
    fn same_site_addresses_fall_back_to_paths_beside_the_page() {
        let idx = index();
        let from = From {
            path: Some(Path::new("lib/2026/06/harbour.html")),
            url: Some("https://kesseltribune.example/region/2026/06/harbour.html"),
        };
        assert_eq!(
            idx.resolve(
                "https://kesseltribune.example/region/2026/03/quill%20street.txt",
                from
            ),
            Some(Path::new("lib/2026/03/quill street.txt"))
        );
        assert_eq!(
            idx.resolve(
                "https://elsewhere.example/region/2026/03/quill%20street.txt",
                from
            ),
            None
        );
    }

    #[test]
    fn relative_addresses() {
        assert_eq!(
            relative(
                "https://s.example/a/b/x.html",
                "https://s.example/a/c/y.html"
            )
            .as_deref(),
            Some("../c/y.html")
        );
        assert_eq!(
            relative("https://s.example/a/", "https://www.s.example/a/y.html").as_deref(),
            Some("y.html")
        );
        assert_eq!(
            relative("https://s.example/a/x", "https://t.example/a/y"),
            None
        );
    }
}
