//! The validating walk: folders whose stat is unchanged are not listed again, files whose stat
//! is unchanged keep their rows, and only the rest is handed to the readers.

use super::store::{Batch, Catalogue, File, Folder, Row, Stat};
use crate::load::head::Head;
use crate::load::library::Entry;
use std::collections::HashMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// Where an article file the walk met belongs in the new catalogue.
pub enum Place {
    /// In the new folder of this index, under this name.
    In(usize, String),
    /// Given as root of this index.
    Root(u32),
    /// Nowhere: its path is not UTF-8.
    Unkept,
}

/// An article file the walk met.
pub struct Visited {
    /// The file as the library names it, when it is read now (its rows come from the readers).
    pub path: Option<PathBuf>,
    /// How many rows it has among [`Walk::known`], when it is not read now.
    pub kept: usize,
    /// Where it goes in the new catalogue.
    pub place: Place,
    /// Its stat.
    pub stat: Stat,
}

/// The walk's state: the old catalogue (rows are taken out of it as files are found unchanged),
/// and what the new one needs.
pub struct Walk<'a> {
    old: Catalogue,
    folder_at: HashMap<(u32, String), usize>,
    found: &'a mut dyn FnMut(Vec<PathBuf>),
    batch: Vec<PathBuf>,
    /// Rows of unchanged files.
    pub known: Vec<Entry>,
    /// What could not be walked.
    pub problems: Vec<String>,
    /// Every article file met, in walk order.
    pub visited: Vec<Visited>,
    /// Every folder met, as the new catalogue keeps it (without its files yet).
    pub folders: Vec<Folder>,
    /// Whether the new catalogue differs from the old.
    pub changed: bool,
    /// Per folder in `folders`: whether its record differs from the old one (a new folder, one
    /// listed again, or one with a file read now), so the log gets it.
    pub dirty: Vec<bool>,
    /// Per old folder: whether the walk met it (the rest are gone).
    met: Vec<bool>,
    old_files: usize,
    old_files_seen: usize,
    old_folders_seen: usize,
    ancestors: Vec<(u64, u64)>,
    /// Whether files of a folder whose stat is unchanged keep their rows without a stat of
    /// their own ([`Walk::trusting`]).
    trust: bool,
    /// The files that kept their rows without a stat, with the stat their rows were read at:
    /// to be checked after the first frame ([`super::Recheck`]).
    pub unchecked: Vec<(PathBuf, Stat)>,
}

/// How many files the walk hands to a reader at a time.
const BATCH: usize = 64;

/// Where the old record of a file is: in a folder at an index, or a root file.
#[derive(Clone, Copy)]
enum OldAt {
    In(usize, usize),
    Root(usize),
}

impl<'a> Walk<'a> {
    /// A walk validating against `old` (empty for none), handing files to read to `found`.
    pub fn new(old: Catalogue, found: &'a mut dyn FnMut(Vec<PathBuf>)) -> Self {
        let met = vec![false; old.folders.len()];
        let folder_at = old
            .folders
            .iter()
            .enumerate()
            .map(|(i, f)| ((f.root, f.rel.clone()), i))
            .collect();
        let old_files = old.lone.len() + old.folders.iter().map(|f| f.files.len()).sum::<usize>();
        Walk {
            old,
            folder_at,
            found,
            batch: Vec::with_capacity(BATCH),
            known: Vec::new(),
            problems: Vec::new(),
            visited: Vec::new(),
            folders: Vec::new(),
            changed: false,
            dirty: Vec::new(),
            met,
            old_files,
            old_files_seen: 0,
            old_folders_seen: 0,
            ancestors: Vec::new(),
            trust: false,
            unchecked: Vec::new(),
        }
    }

    /// This walk, but taking the rows of the files of a folder whose stat is unchanged (and not
    /// racy) as they were kept, without a stat of each file: an edit that rewrote a file in
    /// place does not change its folder's stat, so the files are listed in
    /// [`Walk::unchecked`] to be stat'ed later, off the path to the first frame.
    pub fn trusting(mut self) -> Self {
        self.trust = true;
        self
    }

    /// Walks root `root`, given as `path`: a file is read whatever its extension, a folder
    /// recursively for article files, hidden entries skipped, links followed.
    pub fn root(&mut self, root: u32, path: &Path) {
        match fs::metadata(path) {
            Ok(m) if m.is_file() => {
                let old = self.old.lone.iter().position(|(r, _)| *r == root);
                self.file(
                    path.to_path_buf(),
                    Place::Root(root),
                    old.map(OldAt::Root),
                    &m,
                );
            }
            Ok(m) if m.is_dir() => self.folder(root, path, Some(String::new()), &m),
            Ok(m) => self.special(path, &m),
            Err(e) => self.problem(path, &e),
        }
    }

    /// The old folders the walk did not meet, by root and path.
    pub fn gone(&self) -> Vec<(u32, String)> {
        self.old
            .folders
            .iter()
            .zip(&self.met)
            .filter(|(_, met)| !**met)
            .map(|(f, _)| (f.root, f.rel.clone()))
            .collect()
    }

    /// Ends the walk: hands over the last batch, and notes rows of files and folders gone.
    pub fn finish(&mut self) {
        if !self.batch.is_empty() {
            (self.found)(std::mem::take(&mut self.batch));
        }
        if self.old_files_seen != self.old_files || self.old_folders_seen != self.old.folders.len()
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

    /// Reports a FIFO, socket or device (never opened: opening a FIFO blocks); other entries
    /// that are not articles pass in silence. Every walk says it again, as the plain walk does:
    /// a folder replayed from the catalogue still has its entries looked at.
    fn special(&mut self, path: &Path, meta: &fs::Metadata) {
        if let Some(kind) = crate::files::special_kind(meta.file_type()) {
            self.problems
                .push(crate::files::special_skipped(path, kind));
        }
    }

    fn folder(&mut self, root: u32, path: &Path, rel: Option<String>, meta: &fs::Metadata) {
        let stat = Stat::of(meta);
        if self.ancestors.contains(&stat.node()) {
            self.problems
                .push(format!("{}: symlink loop", crate::load::shown(path)));
            return;
        }
        let old_i = rel
            .as_ref()
            .and_then(|r| self.folder_at.get(&(root, r.clone())).copied());
        let old = old_i.map(|i| &self.old.folders[i]);
        if let Some(i) = old_i {
            self.old_folders_seen += 1;
            self.met[i] = true;
        }
        // A folder's stat changes whenever an entry is added, removed or renamed in it, so an
        // unchanged (and not racy) one has the entries it had: they need no listing.
        let replay = old
            .filter(|o| o.stat == stat && !stat.racy(o.stamp))
            .and_then(|o| {
                let others = o.others.as_ref()?;
                let files = o.files.iter().map(|f| &f.name);
                Some(others.iter().chain(files).map(OsString::from).collect())
            });
        let replayed = replay.is_some();
        let names: Vec<OsString> = match replay {
            Some(names) => names,
            None => match list(path) {
                Ok(names) => names,
                Err(e) => {
                    self.changed = true;
                    return self.problem(path, &e);
                }
            },
        };
        if !replayed && !old.is_some_and(|o| o.stat == stat && same_names(o, &names)) {
            self.changed = true;
        }
        // The record goes in now, so its index is known to the files below; its other
        // entries are filled in after them. It keeps the old record's stamp unless it is
        // dirty (the stamp is set then, in `catalogue`).
        let stamp = old.map_or(0, |o| o.stamp);
        let dirty = !replayed || old.is_none();
        let here = rel.as_ref().map(|rel| {
            self.folders.push(Folder {
                root,
                rel: rel.clone(),
                stat,
                stamp,
                others: None,
                files: Vec::new(),
            });
            self.dirty.push(dirty);
            self.folders.len() - 1
        });
        let mut others = Some(Vec::new());
        self.ancestors.push(stat.node());
        for name in names {
            let child = path.join(&name);
            if replayed
                && self.trust
                && let Some((d, f, n)) = self.trusted(old_i, &name)
            {
                let stat = self.old.folders[d].files[f].stat;
                self.unchecked.push((child.clone(), stat));
                let place = here.map_or(Place::Unkept, |i| Place::In(i, n));
                self.file_at(child, place, Some(OldAt::In(d, f)), stat);
                continue;
            }
            let meta = fs::metadata(&child);
            let name = name.into_string().ok();
            match &meta {
                Ok(m) if m.is_file() && crate::load::format_for(&child).is_some() => {
                    let old = old_i.zip(name.as_deref()).and_then(|(d, n)| {
                        let files = &self.old.folders[d].files;
                        let f = files.binary_search_by(|f| f.name.as_str().cmp(n)).ok()?;
                        Some(OldAt::In(d, f))
                    });
                    if name.is_none() {
                        others = None;
                    }
                    let place = match (here, name) {
                        (Some(i), Some(n)) => Place::In(i, n),
                        _ => Place::Unkept,
                    };
                    self.file(child, place, old, m);
                    continue;
                }
                _ => {}
            }
            match (&mut others, &name) {
                (Some(o), Some(n)) => o.push(n.clone()),
                _ => others = None,
            }
            match meta {
                Ok(m) if m.is_dir() => {
                    let child_rel = match (&rel, &name) {
                        (Some(r), Some(n)) if r.is_empty() => Some(n.clone()),
                        (Some(r), Some(n)) => Some(format!("{r}/{n}")),
                        _ => None,
                    };
                    self.folder(root, &child, child_rel, &m);
                }
                Ok(m) => self.special(&child, &m),
                Err(e) => self.problem(&child, &e),
            }
        }
        self.ancestors.pop();
        if let Some(i) = here {
            self.folders[i].others = others;
        }
    }

    /// Where the old record of the article file `name` of the old folder `old_i` is, when its
    /// rows can be taken without a stat: it was read (it has rows) and its stat was not racy.
    fn trusted(&self, old_i: Option<usize>, name: &OsString) -> Option<(usize, usize, String)> {
        let d = old_i?;
        let n = name.to_str()?;
        let folder = &self.old.folders[d];
        let f = folder
            .files
            .binary_search_by(|f| f.name.as_str().cmp(n))
            .ok()?;
        let rec = &folder.files[f];
        (rec.rows.is_some() && !rec.stat.racy(folder.stamp)).then(|| (d, f, n.to_string()))
    }

    fn file(&mut self, path: PathBuf, place: Place, old: Option<OldAt>, meta: &fs::Metadata) {
        self.file_at(path, place, old, Stat::of(meta));
    }

    /// [`Walk::file`] with the file's stat given.
    fn file_at(&mut self, path: PathBuf, place: Place, old: Option<OldAt>, stat: Stat) {
        if old.is_some() {
            self.old_files_seen += 1;
        }
        let stamp = match old {
            Some(OldAt::In(d, _)) => self.old.folders[d].stamp,
            _ => self.old.stamp,
        };
        let rec = old.map(|at| match at {
            OldAt::In(d, f) => &mut self.old.folders[d].files[f],
            OldAt::Root(i) => &mut self.old.lone[i].1,
        });
        let rows = rec.and_then(|f| {
            let valid = f.stat == stat && !stat.racy(stamp);
            match &mut f.rows {
                Some(rows) if valid => Some(Some(std::mem::take(rows))),
                // Unreadable last time and unchanged: read again to report why, nothing new.
                None if valid => Some(None),
                _ => None,
            }
        });
        let mut kept = 0;
        let mut read_now = None;
        match rows {
            Some(Some(rows)) => {
                kept = rows.len();
                self.known.extend(rows.into_iter().map(|r| entry(&path, r)));
            }
            Some(None) => {
                self.batch.push(path.clone());
                read_now = Some(path);
            }
            None => {
                self.changed = true;
                if let Place::In(i, _) = &place {
                    self.dirty[*i] = true;
                }
                self.batch.push(path.clone());
                read_now = Some(path);
            }
        }
        if self.batch.len() == BATCH {
            (self.found)(std::mem::replace(
                &mut self.batch,
                Vec::with_capacity(BATCH),
            ));
        }
        self.visited.push(Visited {
            path: read_now,
            kept,
            place,
            stat,
        });
    }
}

/// The library entry of a kept row of the file at `path`.
pub(super) fn entry(path: &Path, r: Row) -> Entry {
    Entry {
        row: Head {
            header: crate::article::Header {
                title: r.0,
                date: r.1,
                date_iso: r.2,
                source: r.3,
                authors: r.4,
                url: r.6,
            },
            tags: r.7,
            path: Some(path.to_path_buf()),
            id: r.5,
            id_start: None,
        }
        .into(),
        article: None,
    }
}

/// The names in folder `path` a walk looks at: not hidden, and not a plain file of an extension
/// byline does not read (such a file can only become an article by a rename, which changes the
/// folder's stat). Links are kept whatever they point to, since their target can change.
fn list(path: &Path) -> std::io::Result<Vec<OsString>> {
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

/// Whether `names` are the entries `old` recorded (in any order).
fn same_names(old: &Folder, names: &[OsString]) -> bool {
    let Some(others) = &old.others else {
        return false;
    };
    let mut was: Vec<&str> = others
        .iter()
        .chain(old.files.iter().map(|f| &f.name))
        .map(String::as_str)
        .collect();
    let mut now: Vec<&str> = names.iter().filter_map(|n| n.to_str()).collect();
    if now.len() != names.len() {
        return false;
    }
    was.sort_unstable();
    now.sort_unstable();
    was == now
}

/// The new catalogue: the walk's folders with the files met, and their rows from `rows` (by
/// index in `visited`); and what changed, for the log: the `dirty` folders (stamped `stamp`),
/// the folders `gone` and the files given alone.
pub fn catalogue(
    roots: Vec<PathBuf>,
    stamp: i64,
    mut folders: Vec<Folder>,
    dirty: &[bool],
    gone: Vec<(u32, String)>,
    visited: Vec<Visited>,
    rows: Vec<Option<Vec<Row>>>,
) -> (Catalogue, Batch) {
    let mut lone = Vec::new();
    for (v, rows) in visited.into_iter().zip(rows) {
        match v.place {
            Place::In(i, name) => folders[i].files.push(File {
                name,
                stat: v.stat,
                rows,
            }),
            Place::Root(r) => lone.push((
                r,
                File {
                    name: String::new(),
                    stat: v.stat,
                    rows,
                },
            )),
            Place::Unkept => {}
        }
    }
    for (f, dirty) in folders.iter_mut().zip(dirty) {
        f.files.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        // A name met twice (a root given twice) keeps one record.
        f.files.dedup_by(|a, b| a.name == b.name);
        if *dirty {
            f.stamp = stamp;
        }
    }
    let batch = Batch {
        stamp,
        lone: lone.clone(),
        folders: folders
            .iter()
            .zip(dirty)
            .filter(|(_, d)| **d)
            .map(|(f, _)| f.clone())
            .collect(),
        gone,
    };
    let cat = Catalogue {
        roots,
        stamp,
        folders,
        lone,
    };
    (cat, batch)
}
