//! The validating walk: folders whose stat is unchanged are not listed again, files whose stat
//! is unchanged keep their rows, and only the rest is handed to the readers.

use super::store::{Catalogue, Folder, Stat};
use crate::load::head::Head;
use crate::load::library::Entry;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// An article file the walk met.
pub struct Visited {
    /// The file as the library names it.
    pub path: PathBuf,
    /// Its root's index.
    pub root: u32,
    /// Its path below the root; `None` when it cannot be kept (not UTF-8).
    pub rel: Option<String>,
    /// Its stat.
    pub stat: Stat,
}

/// The walk's state: the old catalogue (rows are taken out of it as files are found unchanged),
/// and what the new one needs.
pub struct Walk<'a> {
    old: Catalogue,
    folder_at: HashMap<(u32, String), usize>,
    file_at: HashMap<(u32, String), usize>,
    found: &'a mut dyn FnMut(Vec<PathBuf>),
    batch: Vec<PathBuf>,
    /// Rows of unchanged files.
    pub known: Vec<Entry>,
    /// What could not be walked.
    pub problems: Vec<String>,
    /// Every article file met, in walk order.
    pub visited: Vec<Visited>,
    /// Every folder met, as the new catalogue keeps it.
    pub folders: Vec<Folder>,
    /// Whether the new catalogue differs from the old.
    pub changed: bool,
    old_files_seen: usize,
    old_folders_seen: usize,
    ancestors: Vec<(u64, u64)>,
}

/// How many files the walk hands to a reader at a time.
const BATCH: usize = 64;

impl<'a> Walk<'a> {
    /// A walk validating against `old` (empty for none), handing files to read to `found`.
    pub fn new(old: Catalogue, found: &'a mut dyn FnMut(Vec<PathBuf>)) -> Self {
        let folder_at = old
            .folders
            .iter()
            .enumerate()
            .map(|(i, f)| ((f.root, f.rel.clone()), i))
            .collect();
        let file_at = old
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| ((f.root, f.rel.clone()), i))
            .collect();
        Walk {
            old,
            folder_at,
            file_at,
            found,
            batch: Vec::with_capacity(BATCH),
            known: Vec::new(),
            problems: Vec::new(),
            visited: Vec::new(),
            folders: Vec::new(),
            changed: false,
            old_files_seen: 0,
            old_folders_seen: 0,
            ancestors: Vec::new(),
        }
    }

    /// Walks root `root`, given as `path`: a file is read whatever its extension, a folder
    /// recursively for article files, hidden entries skipped, links followed.
    pub fn root(&mut self, root: u32, path: &Path) {
        match fs::metadata(path) {
            Ok(m) if m.is_file() => self.file(root, path.to_path_buf(), Some(String::new()), &m),
            Ok(m) if m.is_dir() => self.folder(root, path, Some(String::new()), &m),
            Ok(_) => {}
            Err(e) => self.problem(path, &e),
        }
    }

    /// Ends the walk: hands over the last batch, and notes rows of files and folders gone.
    pub fn finish(&mut self) {
        if !self.batch.is_empty() {
            (self.found)(std::mem::take(&mut self.batch));
        }
        if self.old_files_seen != self.old.files.len()
            || self.old_folders_seen != self.old.folders.len()
        {
            self.changed = true;
        }
    }

    fn problem(&mut self, path: &Path, e: &std::io::Error) {
        let why = if e.kind() == std::io::ErrorKind::NotFound {
            "dangling symlink".to_string()
        } else {
            e.to_string()
        };
        self.problems
            .push(format!("{}: {why}", crate::load::shown(path)));
    }

    fn folder(&mut self, root: u32, path: &Path, rel: Option<String>, meta: &fs::Metadata) {
        let stat = Stat::of(meta);
        if self.ancestors.contains(&stat.node()) {
            self.problems
                .push(format!("{}: symlink loop", crate::load::shown(path)));
            return;
        }
        let old = rel
            .as_ref()
            .and_then(|r| self.folder_at.get(&(root, r.clone())))
            .map(|&i| &self.old.folders[i]);
        if old.is_some() {
            self.old_folders_seen += 1;
        }
        // A folder's stat changes whenever an entry is added, removed or renamed in it, so an
        // unchanged (and not racy) one has the entries it had: they need no listing.
        let same = old
            .filter(|o| o.stat == stat && !stat.racy(self.old.stamp))
            .and_then(|o| o.children.clone());
        let replayed = same.is_some();
        let names: Vec<std::ffi::OsString> = match same {
            Some(names) => names.into_iter().map(Into::into).collect(),
            None => match list(path) {
                Ok(names) => names,
                Err(e) => {
                    self.changed = true;
                    return self.problem(path, &e);
                }
            },
        };
        let kept: Option<Vec<String>> = names
            .iter()
            .map(|n| n.to_str().map(str::to_string))
            .collect();
        // A racy folder listed again with the same entries changes nothing worth a write.
        if !replayed && !old.is_some_and(|o| o.stat == stat && o.children == kept) {
            self.changed = true;
        }
        if let Some(rel) = &rel {
            self.folders.push(Folder {
                root,
                rel: rel.clone(),
                stat,
                children: kept,
            });
        }
        self.ancestors.push(stat.node());
        for name in names {
            let child = path.join(&name);
            let child_rel = match (&rel, name.to_str()) {
                (Some(r), Some(n)) if r.is_empty() => Some(n.to_string()),
                (Some(r), Some(n)) => Some(format!("{r}/{n}")),
                _ => None,
            };
            match fs::metadata(&child) {
                Ok(m) if m.is_dir() => self.folder(root, &child, child_rel, &m),
                Ok(m) if m.is_file() && crate::load::format_for(&child).is_some() => {
                    self.file(root, child, child_rel, &m);
                }
                Ok(_) => {}
                Err(e) => self.problem(&child, &e),
            }
        }
        self.ancestors.pop();
    }

    fn file(&mut self, root: u32, path: PathBuf, rel: Option<String>, meta: &fs::Metadata) {
        let stat = Stat::of(meta);
        let old = rel
            .as_ref()
            .and_then(|r| self.file_at.get(&(root, r.clone())).copied());
        if old.is_some() {
            self.old_files_seen += 1;
        }
        let stamp = self.old.stamp;
        let rows = old.map(|i| &mut self.old.files[i]).and_then(|f| {
            let valid = f.stat == stat && !stat.racy(stamp);
            match &mut f.rows {
                Some(rows) if valid => Some(Some(std::mem::take(rows))),
                // Unreadable last time and unchanged: read again to report why, nothing new.
                None if valid => Some(None),
                _ => None,
            }
        });
        match rows {
            Some(Some(rows)) => self.known.extend(rows.into_iter().map(|r| Entry {
                head: Head {
                    path: Some(path.clone()),
                    title: r.0,
                    date: r.1,
                    date_iso: r.2,
                    source: r.3,
                    authors: r.4,
                    id: r.5,
                    id_start: None,
                },
                article: None,
            })),
            Some(None) => self.batch.push(path.clone()),
            None => {
                self.changed = true;
                self.batch.push(path.clone());
            }
        }
        if self.batch.len() == BATCH {
            (self.found)(std::mem::replace(
                &mut self.batch,
                Vec::with_capacity(BATCH),
            ));
        }
        self.visited.push(Visited {
            path,
            root,
            rel,
            stat,
        });
    }
}

/// The names in folder `path` a walk looks at: not hidden, and not a plain file of an extension
/// byline does not read (such a file can only become an article by a rename, which changes the
/// folder's stat). Links are kept whatever they point to, since their target can change.
fn list(path: &Path) -> std::io::Result<Vec<std::ffi::OsString>> {
    let mut names = Vec::new();
    for e in fs::read_dir(path)? {
        let e = e?;
        let name = e.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let plain_other = e.file_type().is_ok_and(|t| t.is_file())
            && crate::load::format_for(Path::new(&name)).is_none();
        if !plain_other {
            names.push(name);
        }
    }
    Ok(names)
}
