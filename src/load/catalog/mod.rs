//! The catalogue: the library's list rows kept between launches in the cache folder, so a
//! launch reads only the files that changed since the last one.
//!
//! One file per set of library roots (named by a hash of their canonical paths). A launch walks
//! the folders again (the walk is what finds new files) but does not list a folder whose stat is
//! unchanged, stats every article file (the reader's launch stats those of unchanged folders
//! after its first frame instead: [`scan_trusting`], [`Recheck`]), and reads only files whose
//! size, mtime, ctime or inode changed, or that are new; rows of files gone are dropped. A file whose mtime falls within two
//! seconds of the walk that recorded it is read again ("racily clean", as git's index), since a
//! second write within one clock tick keeps the same mtime. The catalogue is a cache: one that
//! is missing, truncated, corrupt, of another format or written by another build is ignored and
//! rebuilt. A save after a change appends the folders that changed to the catalogue's log (see
//! [`store`]), under a lock; the catalogue is written whole (a temp file renamed over) only when
//! there is none to append to or the log has grown, so readers and other byline processes see
//! an old file or a new one, never half of one.

pub mod front;
pub mod links;
pub mod store;
mod walk;

use crate::article::Header;
use crate::load::head::{Head, Ids};
use crate::load::library::Library;
use crate::load::row::ListRow;
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use store::{Catalogue, Row};

/// Where catalogues are kept.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// Catalogues kept in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Cache { dir }
    }

    /// The default folder ([`default_dir`]), or `None` when none can be named.
    pub fn from_env() -> Option<Self> {
        default_dir_from(|name| std::env::var_os(name)).map(Cache::new)
    }

    /// The folder catalogues are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The catalogue file for the library `roots`, or `None` when a root cannot be resolved
    /// (or is not UTF-8), in which case the library is read without one.
    pub fn file_for(&self, roots: &[PathBuf]) -> Option<(PathBuf, Vec<PathBuf>)> {
        let canon: Vec<PathBuf> = roots
            .iter()
            .map(|p| p.canonicalize().ok().filter(|c| c.to_str().is_some()))
            .collect::<Option<_>>()?;
        let mut key = Vec::new();
        for c in &canon {
            key.extend_from_slice(c.as_os_str().as_encoded_bytes());
            key.push(0);
        }
        let name = format!("library-{:016x}.catalogue", store::checksum(&key));
        Some((self.dir.join(name), canon))
    }
}

/// The folder for catalogues: `$BYLINE_CACHE_DIR`, else `$XDG_CACHE_HOME/byline`, else
/// `~/.cache/byline`; `None` when none of them is set. Empty variables count as unset.
pub fn default_dir_from(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("BYLINE_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|p| p.join("byline")))
        .or_else(|| var("HOME").map(|p| p.join(".cache/byline")))
}

/// A new catalogue to write, once the library is shown.
#[derive(Debug)]
pub struct Pending {
    path: PathBuf,
    catalogue: Catalogue,
    /// What changed since the catalogue read at launch; `None` when none was read (then the
    /// catalogue is written whole).
    batch: Option<store::Batch>,
}

impl Pending {
    /// Writes the catalogue (appends what changed to its log, or writes it whole); the error is
    /// one line for the user.
    pub fn write(self) -> Result<(), String> {
        store::save(
            &self.path,
            &self.catalogue,
            self.batch.as_ref(),
            &store::build(),
        )
        .map_err(|e| {
            format!(
                "the catalogue could not be saved in {} ({e}); the library is read in full each launch",
                crate::load::shown(self.path.parent().unwrap_or(Path::new(".")))
            )
        })
    }

    /// The file it will be written to.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// What [`scan`] gives: the library and what it took.
#[derive(Debug)]
pub struct Scan {
    /// The library, as [`Library::scan_with`] would give it.
    pub library: Library,
    /// The new catalogue to write, when it differs from the one on disk.
    pub pending: Option<Pending>,
    /// How many files were read (new, changed, racy or unreadable); the rest came from the
    /// catalogue.
    pub read: usize,
    /// What [`scan_trusting`] took on trust, to check after the first frame; `None` when every
    /// file was stat'ed.
    pub recheck: Option<Recheck>,
}

/// Nanoseconds since the epoch, now.
fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// [`Library::scan_with`] through the catalogue in `cache`: rows of unchanged files come from
/// it, and the rest is read. Rows read now get their state ids at once (`ids` is treated as
/// [`Ids::Now`]), so the catalogue can keep them; when no catalogue file can be named (a root
/// that cannot be resolved) the scan is [`Library::scan_with`] with `ids`.
pub fn scan(paths: &[PathBuf], ids: Ids, cache: &Cache) -> Scan {
    scan_with(paths, ids, cache, false)
}

/// [`scan`] for the reader's first frame: the article files of a folder whose stat is unchanged
/// keep their rows without a stat each (the folder's stat changes when a file is added, removed
/// or renamed in it, not when one is rewritten in place), so a launch on an unchanged library
/// costs a stat per folder, not per file. Those files come back in [`Scan::recheck`], for
/// [`Recheck::run`] to stat once the list is on screen.
pub fn scan_trusting(paths: &[PathBuf], ids: Ids, cache: &Cache) -> Scan {
    scan_with(paths, ids, cache, true)
}

fn scan_with(paths: &[PathBuf], ids: Ids, cache: &Cache, trust: bool) -> Scan {
    let Some((path, roots)) = cache.file_for(paths) else {
        let library = Library::scan_with(paths, ids);
        let read = library.entries.len() + library.problems.len();
        return Scan {
            library,
            pending: None,
            read,
            recheck: None,
        };
    };
    let stamp = now_ns();
    let old = store::load(&path, &store::build()).filter(|c| c.roots == roots);
    let had_old = old.is_some();
    if trust && !had_old {
        // Nothing to take on trust: the first frame is read as without a catalogue (no state
        // id hashed, no row copied for it), and the catalogue is made after it.
        let mut library = Library::scan_with(paths, ids);
        library.links_file = Some(links::file_of(&path));
        let read = library.entries.len() + library.problems.len();
        return Scan {
            library,
            pending: None,
            read,
            recheck: Some(Recheck {
                files: Vec::new(),
                roots: paths.to_vec(),
                cache: cache.clone(),
                whole: true,
            }),
        };
    }
    let old = old.unwrap_or_default();
    let mut walked = None;
    let mut unchecked = Vec::new();
    let mut read = 0;
    let lib = Library::scan_walking(Ids::Now, |found| {
        let mut counted = |batch: Vec<PathBuf>| {
            read += batch.len();
            found(batch);
        };
        let mut w = walk::Walk::new(old, &mut counted);
        if trust {
            w = w.trusting();
        }
        for (i, p) in paths.iter().enumerate() {
            w.root(u32::try_from(i).unwrap_or(u32::MAX), p);
        }
        w.finish();
        let known = std::mem::take(&mut w.known);
        let problems = std::mem::take(&mut w.problems);
        // The rows kept from the old catalogue, for the new one: copied only when it is to be
        // written, before they go into the library (and are sorted away from their files).
        let mut rows = Vec::new();
        if w.changed {
            let mut next = known.iter();
            rows = w
                .visited
                .iter()
                .map(|v| {
                    (v.path.is_none())
                        .then(|| next.by_ref().take(v.kept).map(|e| row_of(&e.row)).collect())
                })
                .collect();
        }
        let gone = w.gone();
        unchecked = std::mem::take(&mut w.unchecked);
        walked = Some((w.visited, w.folders, w.dirty, gone, w.changed, rows));
        (problems, known)
    });
    let mut lib = lib;
    lib.links_file = Some(links::file_of(&path));
    let recheck = (!unchecked.is_empty()).then(|| Recheck {
        files: unchecked,
        roots: paths.to_vec(),
        cache: cache.clone(),
        whole: false,
    });
    let Some((visited, folders, dirty, gone, true, mut rows)) = walked else {
        return Scan {
            library: lib,
            pending: None,
            read,
            recheck,
        };
    };
    // Rows read now are found by their file (by its bytes: hashing a `Path` parses it).
    let index: HashMap<&OsStr, usize> = visited
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((v.path.as_deref()?.as_os_str(), i)))
        .collect();
    for e in &lib.entries {
        if let Some(i) = e.row.path().and_then(|p| index.get(p.as_os_str())) {
            rows[*i].get_or_insert_with(Vec::new).push(row_of(&e.row));
        }
    }
    let (catalogue, batch) = walk::catalogue(roots, stamp, folders, &dirty, gone, visited, rows);
    Scan {
        library: lib,
        pending: Some(Pending {
            path,
            catalogue,
            batch: had_old.then_some(batch),
        }),
        read,
        recheck,
    }
}

/// The files a launch took from the catalogue without a stat ([`scan_trusting`]), with the stat
/// their rows were read at; or, for a launch that found no catalogue, the catalogue to make.
#[derive(Debug)]
pub struct Recheck {
    files: Vec<(PathBuf, store::Stat)>,
    roots: Vec<PathBuf>,
    cache: Cache,
    /// No catalogue was found: one is made from a full walk (every file read again).
    whole: bool,
}

impl Recheck {
    /// How many files are to be checked.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none (a launch without a catalogue has none, and a catalogue to make).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether no catalogue was found, so [`Recheck::run`] makes one.
    pub fn makes_catalogue(&self) -> bool {
        self.whole
    }

    /// The files whose stat is not the one their rows were read at (rewritten in place since,
    /// or gone, or no longer readable), in the order they were walked.
    pub fn changed(&self) -> Vec<PathBuf> {
        self.files
            .iter()
            .filter(|(p, was)| std::fs::metadata(p).ok().map(|m| store::Stat::of(&m)) != Some(*was))
            .map(|(p, _)| p.clone())
            .collect()
    }

    /// Stats the files; when some changed, hands them to `changed` (the reader reads their rows
    /// again, as it does the watcher's) and then writes the catalogue again from a full walk, so
    /// the next launch does not take their old rows on trust. The error is one line for the user.
    /// A launch without a catalogue makes one here, from a full walk, and names no file.
    pub fn run(self, changed: impl FnOnce(Vec<PathBuf>)) -> Result<(), String> {
        let files = self.changed();
        if files.is_empty() && !self.whole {
            return Ok(());
        }
        if !files.is_empty() {
            changed(files);
        }
        match scan(&self.roots, Ids::Skip, &self.cache).pending {
            Some(pending) => pending.write(),
            None => Ok(()),
        }
    }
}

/// The row the catalogue keeps for `head`.
pub(super) fn row_of(row: &ListRow) -> Row {
    // Every field is named, so a field added to `Head` fails to compile here until the
    // catalogue keeps it too (and `store::FORMAT` goes up). A row kept whole gives its own
    // fields; a packed row gives them through its accessors, which [`ListRow::head`] also
    // uses, so both agree.
    let Head {
        path: _,
        header:
            Header {
                title: _,
                date: _,
                date_iso: _,
                source: _,
                authors: _,
                url: _,
            },
        tags: _,
        id: _,
        id_start: _,
    } = Head::default();
    let owned = |s: Option<&str>| s.map(str::to_string);
    Row(
        row.title().to_string(),
        owned(row.date()),
        owned(row.date_iso()),
        owned(row.source()),
        row.authors().map(str::to_string).collect(),
        row.state_id().into_owned(),
        owned(row.url()),
        row.tags().map(str::to_string).collect(),
    )
}
