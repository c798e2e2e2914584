//! The watched library as the watcher last saw it: every article file under the roots with its
//! size and times, so a batch of raw events (which may name folders, or nothing at all after the
//! event queue overflowed) becomes the exact list of article files created, changed or removed.
//!
//! It lives on the watcher's thread: walking a folder that was moved in, or the whole library
//! after an overflow, never holds up the keys.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::hash::{BuildHasher, Hash};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What tells one version of a file from another without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64, i64),
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino(), meta.ctime()),
        }
    }

    /// The stamp as the tree keeps it: a 64-bit hash (two versions of a file taken for one
    /// by a clash of hashes: about one change in 10^19).
    fn key(&self) -> u64 {
        foldhash::quality::FixedState::with_seed(0x7472_6565).hash_one(self)
    }
}

/// The recorded files, by folder: each folder's path once, then its files' names with their
/// stamps (at 100,000 files about half the memory of a map from whole paths to stamps).
#[derive(Debug, Default)]
struct Files {
    folders: BTreeMap<PathBuf, BTreeMap<Box<OsStr>, u64>>,
}

impl Files {
    /// `p` as folder and name.
    fn split(p: &Path) -> Option<(&Path, &OsStr)> {
        Some((p.parent()?, p.file_name()?))
    }

    /// Records file `p` with `stamp`.
    fn insert(&mut self, p: &Path, stamp: Stamp) {
        if let Some((dir, name)) = Self::split(p) {
            let names = match self.folders.get_mut(dir) {
                Some(names) => names,
                None => self.folders.entry(dir.to_path_buf()).or_default(),
            };
            names.insert(name.into(), stamp.key());
        }
    }

    /// Whether file `p` is recorded with `stamp`.
    fn has(&self, p: &Path, stamp: Stamp) -> bool {
        Self::split(p)
            .and_then(|(dir, name)| self.folders.get(dir)?.get(name))
            .is_some_and(|&k| k == stamp.key())
    }

    /// Forgets file `p`; whether it was recorded.
    fn remove(&mut self, p: &Path) -> bool {
        let Some((dir, name)) = Self::split(p) else {
            return false;
        };
        let Some(names) = self.folders.get_mut(dir) else {
            return false;
        };
        let had = names.remove(name).is_some();
        if names.is_empty() {
            self.folders.remove(dir);
        }
        had
    }

    /// The recorded files inside folder `dir`, at any depth.
    fn under(&self, dir: &Path) -> Vec<PathBuf> {
        self.folders
            .range::<Path, _>((std::ops::Bound::Included(dir), std::ops::Bound::Unbounded))
            .take_while(|(f, _)| f.starts_with(dir))
            .flat_map(|(f, names)| names.keys().map(move |n| f.join(&**n)))
            .collect()
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.folders.is_empty()
    }
}

/// The article files under the watched roots, as last seen.
#[derive(Debug, Default)]
pub struct Tree {
    roots: Vec<PathBuf>,
    files: Files,
}

impl Tree {
    /// Walks `roots` (hidden entries skipped, as the library scan does) and records every
    /// article file; also returns those modified at `since` or later (written while the watch was
    /// being set up).
    pub fn scan(roots: &[PathBuf], since: SystemTime) -> (Tree, Vec<PathBuf>) {
        let mut tree = Tree {
            roots: roots.to_vec(),
            files: Files::default(),
        };
        let mut recent = Vec::new();
        for root in roots {
            for (path, stamp) in walk(root).0 {
                if stamp.modified >= Some(since) {
                    recent.push(path.clone());
                }
                tree.files.insert(&path, stamp);
            }
        }
        (tree, recent)
    }

    /// The roots, as given: what a reconcile after an overflow of the event queue walks.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Turns the paths named by a burst of events into the article files that were created,
    /// changed or removed, and records their new state. A folder (created, moved in, touched)
    /// is walked and compared with what was recorded under it; a path that is gone takes every
    /// file recorded under it as a folder with it; other files count when their extension is an
    /// article's. Hidden entries are skipped.
    pub fn expand(&mut self, paths: impl IntoIterator<Item = PathBuf>) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for p in paths {
            if self.hidden(&p) {
                continue;
            }
            match std::fs::metadata(&p) {
                Ok(meta) if meta.is_dir() => self.reconcile(&p, &mut out),
                Ok(meta) if crate::files::special_kind(meta.file_type()).is_some() => {
                    // A FIFO, socket or device: the app says it is skipped (and drops the row
                    // of an article file it replaced).
                    self.files.remove(&p);
                    out.push(p);
                }
                Ok(meta) if meta.is_file() => {
                    if super::format_for(&p).is_some() {
                        self.files.insert(&p, Stamp::of(&meta));
                        out.push(p);
                    }
                }
                _ => {
                    if self.files.remove(&p) || super::format_for(&p).is_some() {
                        out.push(p.clone());
                    }
                    // A folder that went: every file recorded under it went with it.
                    let under = self.under(&p);
                    for f in under {
                        self.files.remove(&f);
                        out.push(f);
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Walks folder `dir` and reports the differences from what was recorded under it.
    fn reconcile(&mut self, dir: &Path, out: &mut Vec<PathBuf>) {
        let mut gone: std::collections::BTreeSet<PathBuf> = self.under(dir).into_iter().collect();
        let (files, special) = walk(dir);
        // FIFOs, sockets and devices go on too, for the app to say they are skipped.
        out.extend(special);
        for (path, stamp) in files {
            gone.remove(&path);
            if !self.files.has(&path, stamp) {
                self.files.insert(&path, stamp);
                out.push(path);
            }
        }
        for f in gone {
            self.files.remove(&f);
            out.push(f);
        }
    }

    /// The recorded files inside folder `dir`.
    fn under(&self, dir: &Path) -> Vec<PathBuf> {
        self.files.under(dir)
    }

    /// Whether `p` is hidden inside its root (or is under no root, which no walk reaches).
    fn hidden(&self, p: &Path) -> bool {
        let Some(rest) = self.roots.iter().find_map(|r| p.strip_prefix(r).ok()) else {
            return false;
        };
        rest.components()
            .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."))
    }
}

/// Every article file under `dir`, hidden entries skipped, with its stamp; and every FIFO,
/// socket or device met (which the library reports as skipped).
fn walk(dir: &Path) -> (Vec<(PathBuf, Stamp)>, Vec<PathBuf>) {
    let (mut files, mut special) = (Vec::new(), Vec::new());
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !super::file_name(e.path()).starts_with(b"."))
        .flatten();
    for e in entries {
        if e.file_type().is_file() && super::format_for(e.path()).is_some() {
            if let Ok(meta) = e.metadata() {
                files.push((e.into_path(), Stamp::of(&meta)));
            }
        } else if crate::files::special_kind(e.file_type()).is_some() {
            special.push(e.into_path());
        }
    }
    (files, special)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(root: &Path, paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_folder_moved_in_brings_its_article_files() {
        let lib = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        fs::write(lib.path().join("a.txt"), "A\nText.\n").unwrap();
        let far = SystemTime::now() + std::time::Duration::from_secs(3600);
        let (mut tree, recent) = Tree::scan(&[lib.path().to_path_buf()], far);
        assert!(recent.is_empty());
        let moving = out.path().join("2026");
        fs::create_dir_all(moving.join("march")).unwrap();
        fs::write(moving.join("one.md"), "# One\n").unwrap();
        fs::write(moving.join("march/two.txt"), "Two\nText.\n").unwrap();
        fs::write(moving.join("picture.png"), b"png").unwrap();
        fs::write(moving.join(".draft.txt"), "Hidden\n").unwrap();
        fs::rename(&moving, lib.path().join("2026")).unwrap();
        let changed = tree.expand([lib.path().join("2026")]);
        assert_eq!(
            names(lib.path(), &changed),
            ["2026/march/two.txt", "2026/one.md"]
        );
        // The same folder named again (another event of the burst) reports nothing new.
        assert!(tree.expand([lib.path().join("2026")]).is_empty());
    }

    #[test]
    fn a_folder_moved_out_or_removed_takes_its_files_with_it() {
        let lib = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        fs::create_dir_all(lib.path().join("old/deep")).unwrap();
        fs::create_dir_all(lib.path().join("older")).unwrap();
        fs::write(lib.path().join("old/a.txt"), "A\nText.\n").unwrap();
        fs::write(lib.path().join("old/deep/b.md"), "# B\n").unwrap();
        fs::write(lib.path().join("older/c.txt"), "C\nText.\n").unwrap();
        let (mut tree, _) = Tree::scan(&[lib.path().to_path_buf()], SystemTime::now());
        fs::rename(lib.path().join("old"), out.path().join("old")).unwrap();
        let changed = tree.expand([lib.path().join("old")]);
        // `older` shares the name's start but is another folder: it stays.
        assert_eq!(names(lib.path(), &changed), ["old/a.txt", "old/deep/b.md"]);
        fs::remove_dir_all(lib.path().join("older")).unwrap();
        assert_eq!(
            names(lib.path(), &tree.expand([lib.path().join("older")])),
            ["older/c.txt"]
        );
    }

    #[test]
    fn a_rescan_reports_exactly_what_changed_while_events_were_lost() {
        let lib = tempfile::tempdir().unwrap();
        fs::create_dir_all(lib.path().join("d")).unwrap();
        for n in ["same", "edited", "deleted"] {
            fs::write(lib.path().join(format!("d/{n}.txt")), "A\nText.\n").unwrap();
        }
        let (mut tree, _) = Tree::scan(&[lib.path().to_path_buf()], SystemTime::now());
        fs::write(lib.path().join("d/edited.txt"), "A\nLonger text now.\n").unwrap();
        fs::remove_file(lib.path().join("d/deleted.txt")).unwrap();
        fs::create_dir_all(lib.path().join("new")).unwrap();
        fs::write(lib.path().join("new/born.txt"), "B\nText.\n").unwrap();
        let roots = tree.roots().to_vec();
        let changed = tree.expand(roots);
        assert_eq!(
            names(lib.path(), &changed),
            ["d/deleted.txt", "d/edited.txt", "new/born.txt"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_that_appears_is_reported_for_the_skipped_list() {
        let lib = tempfile::tempdir().unwrap();
        fs::write(lib.path().join("story.txt"), "S\nText.\n").unwrap();
        let (mut tree, _) = Tree::scan(&[lib.path().to_path_buf()], SystemTime::now());
        // An article file replaced by a FIFO, and a FIFO of no article name in a new folder.
        fs::remove_file(lib.path().join("story.txt")).unwrap();
        fs::create_dir(lib.path().join("new")).unwrap();
        for p in ["story.txt", "new/pipe"] {
            let made = std::process::Command::new("mkfifo")
                .arg(lib.path().join(p))
                .status();
            assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
        }
        let changed = tree.expand([lib.path().join("story.txt"), lib.path().join("new")]);
        assert_eq!(names(lib.path(), &changed), ["new/pipe", "story.txt"]);
        // Neither is recorded as an article file: a later rescan reports them, nothing else.
        assert!(tree.files.is_empty(), "{:?}", tree.files);
    }

    #[test]
    fn files_are_reported_by_extension_and_hidden_ones_never() {
        let lib = tempfile::tempdir().unwrap();
        let (mut tree, _) = Tree::scan(&[lib.path().to_path_buf()], SystemTime::now());
        fs::create_dir_all(lib.path().join(".git")).unwrap();
        fs::write(lib.path().join(".git/notes.txt"), "x").unwrap();
        fs::write(lib.path().join("story.txt"), "S\nText.\n").unwrap();
        fs::write(lib.path().join("4913"), "vim's probe").unwrap();
        let changed = tree.expand([
            lib.path().join(".git/notes.txt"),
            lib.path().join("story.txt"),
            lib.path().join("4913"),
            lib.path().join("gone.txt"),
        ]);
        assert_eq!(names(lib.path(), &changed), ["gone.txt", "story.txt"]);
    }
}
