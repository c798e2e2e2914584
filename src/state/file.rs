//! The `state.json` file: reading it, moving a corrupt one aside, merging and atomic writing.

use super::ArticleState;
use anyhow::{Context, Result};
use fs4::fs_std::FileExt;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The state file's name inside the state folder.
pub const STATE_FILE: &str = "state.json";
/// The lock file held around every read-merge-write.
pub const LOCK_FILE: &str = "state.lock";
/// The schema version this build writes and understands.
pub const VERSION: u64 = 1;

/// Entries by article id.
pub type Articles = BTreeMap<String, ArticleState>;

/// The largest `state.json` byline reads (a million entries take about 110 MB).
const MAX_STATE_BYTES: u64 = 512 << 20;

/// How a save waits for the lock.
pub struct Wait {
    /// The latest moment to take it.
    pub until: Instant,
    /// Whether, the lock not taken by then, the entries are written to a side file
    /// (`state.pending-<pid>-<time>.json`) that the next start merges.
    pub aside: bool,
}

pub(super) type Object = serde_json::Map<String, serde_json::Value>;

/// What a good file holds besides the entries this build reads: kept so that a rewrite never
/// destroys what a newer byline (or a hand edit) put there.
#[derive(Default)]
pub(super) struct Kept {
    /// Top-level fields other than `version` and `articles`.
    pub(super) top: Object,
    /// Per entry, its fields this build does not know.
    pub(super) fields: BTreeMap<String, Object>,
    /// Entries that do not read as an entry at all (a negative time, a wrong type), as written:
    /// skipped, reported, and written back untouched unless this build has its own entry.
    pub(super) bad: BTreeMap<String, serde_json::Value>,
}

/// The field names of an entry this build reads.
pub(super) const ENTRY_FIELDS: &[&str] = &[
    "read",
    "bookmarked",
    "position",
    "updated",
    "read_at",
    "bookmarked_at",
    "position_at",
    "seen",
];

/// What [`super::log::load`] found.
pub enum Loaded {
    /// Articles this build may overwrite (possibly none).
    Articles(Articles),
    /// Articles read from a file this build must not overwrite (a newer schema, or a bad file
    /// that could not be moved out of the way).
    Newer(Articles),
}

/// What [`super::log::save`] did.
pub enum Saved {
    /// The save is on disk.
    Merged {
        /// What the saver should now hold: with `whole`, every entry on disk; else the entries
        /// that changed on disk since its last save (its own, merged, and other writers').
        articles: Articles,
        /// Whether `articles` is every entry (the log was read from its start).
        whole: bool,
        /// The file was missing or unusable: entries only the saver's memory holds must be
        /// written again.
        fresh: bool,
    },
    /// Nothing: the file on disk now has a newer schema.
    Newer,
    /// The lock was held past the wait: the entries went to this side file.
    Aside(PathBuf),
}

/// What one read of the file gave.
pub(super) enum Disk {
    Missing,
    /// The entries, what else the file holds, and a line for each entry skipped.
    Good(Articles, Kept, Vec<String>),
    Newer(Articles),
    Bad(String),
}

/// The file the state is written to: `state.json`, or where it links to when it is a symlink
/// (so a state file kept elsewhere, say in a synced folder, keeps being written there).
pub(super) fn target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| {
            // A link to a file not yet there: follow it by hand.
            match fs::read_link(path) {
                Ok(to) if to.is_absolute() => to,
                Ok(to) => path.parent().map_or(to.clone(), |d| d.join(to)),
                Err(_) => path.to_path_buf(),
            }
        }),
        _ => path.to_path_buf(),
    }
}

pub(super) fn read(path: &Path) -> Disk {
    match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Disk::Missing,
        _ => {}
    }
    // Never open a FIFO (it would wait for a writer) nor read a device without end.
    if let Some(what) = crate::files::not_regular(path) {
        return Disk::Bad(format!("it is {what}, not a file"));
    }
    let bytes = match crate::files::read_regular(path, MAX_STATE_BYTES) {
        Ok(b) => b,
        Err(e) => return Disk::Bad(format!("cannot read it: {e:#}")),
    };
    // The common case in one pass; anything unusual (a bad entry, a file that is not what it
    // should be) is read again the thorough way, which says exactly what is wrong.
    super::fast_read::parse_fast(&bytes).unwrap_or_else(|| parse_tree(&bytes, path))
}

/// `state.json` read as a tree of JSON values, entry by entry: slower, but it skips and
/// reports a bad entry (keeping it as written) and says what is wrong with a bad file.
pub(super) fn parse_tree(bytes: &[u8], path: &Path) -> Disk {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Disk::Bad(format!("it is not valid JSON: {e}")),
    };
    let serde_json::Value::Object(mut top) = value else {
        return Disk::Bad("it is not a JSON object".into());
    };
    match top.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v > VERSION => {
            // Show what a newer file holds if its articles still read as ours; never write it.
            let articles = top
                .get("articles")
                .and_then(|a| a.as_object())
                .map(|a| {
                    a.iter()
                        .filter_map(|(k, v)| Some((k.clone(), entry(v).ok()?.0)))
                        .collect()
                })
                .unwrap_or_default();
            return Disk::Newer(articles);
        }
        Some(_) => {}
        None => return Disk::Bad("it has no schema version".into()),
    }
    top.remove("version");
    let entries = match top.remove("articles") {
        Some(serde_json::Value::Object(entries)) => entries,
        Some(_) => return Disk::Bad("its `articles` is not an object".into()),
        None => return Disk::Bad("it has no `articles`".into()),
    };
    let mut kept = Kept {
        top,
        ..Kept::default()
    };
    let mut articles = Articles::new();
    let mut skipped = Vec::new();
    for (id, value) in entries {
        match entry(&value) {
            Ok((state, unknown)) => {
                if !unknown.is_empty() {
                    kept.fields.insert(id.clone(), unknown);
                }
                articles.insert(id, state);
            }
            Err(e) => {
                skipped.push(format!(
                    "{}: skipped the marks of one article ({}): {e}",
                    path.display(),
                    crate::sanitize::clean_line(&id)
                ));
                kept.bad.insert(id, value);
            }
        }
    }
    Disk::Good(articles, kept, skipped)
}

/// One entry: the state this build reads and the fields it does not know.
pub(super) fn entry(value: &serde_json::Value) -> Result<(ArticleState, Object), String> {
    let serde_json::Value::Object(fields) = value else {
        return Err("it is not an object".into());
    };
    let (known, unknown): (Object, Object) = fields
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .partition(|(k, _)| ENTRY_FIELDS.contains(&k.as_str()));
    let state =
        serde_json::from_value(serde_json::Value::Object(known)).map_err(|e| e.to_string())?;
    Ok((state, unknown))
}

/// The file's JSON: `version`, the merged entries with the fields this build does not know put
/// back, the bad entries nobody replaced, and the other top-level fields.
pub(super) fn encode(articles: &Articles, kept: Kept) -> Result<Vec<u8>> {
    let mut entries = Object::new();
    for (id, value) in kept.bad {
        if !articles.contains_key(&id) {
            entries.insert(id, value);
        }
    }
    for (id, state) in articles {
        let mut value = serde_json::to_value(state).context("encoding the state")?;
        if let (serde_json::Value::Object(fields), Some(unknown)) =
            (&mut value, kept.fields.get(id))
        {
            for (k, v) in unknown {
                fields.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        entries.insert(id.clone(), value);
    }
    let mut top = kept.top;
    top.insert("version".into(), VERSION.into());
    top.insert("articles".into(), serde_json::Value::Object(entries));
    let mut bytes = serde_json::to_vec(&top).context("encoding the state")?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Renames a bad state file to `state.json.corrupt-<now>` (with a counter if that is taken).
pub(super) fn move_aside(path: &Path, now: u64) -> std::io::Result<PathBuf> {
    let mut aside = path.with_file_name(format!("{STATE_FILE}.corrupt-{now}"));
    let mut n = 1;
    while aside.exists() {
        aside = path.with_file_name(format!("{STATE_FILE}.corrupt-{now}-{n}"));
        n += 1;
    }
    fs::rename(path, &aside)?;
    Ok(aside)
}

/// Merges `mine` into `disk`, mark by mark: read, bookmark and position each come from the side
/// that changed it last, and on a tie from an entry changed here since the last save (`dirty`).
/// Articles only one side knows are kept.
pub fn merge(mut disk: Articles, mine: &Articles, dirty: &BTreeSet<String>) -> Articles {
    for (id, m) in mine {
        let merged = match disk.get(id) {
            None => *m,
            Some(d) => merge_entry(d, m, dirty.contains(id)),
        };
        disk.insert(id.clone(), merged);
    }
    disk
}

/// One article's marks from `disk` and `mine`, each taken from the side that changed it last.
pub(super) fn merge_entry(
    disk: &ArticleState,
    mine: &ArticleState,
    mine_wins_ties: bool,
) -> ArticleState {
    let (dt, mt) = (disk.times(), mine.times());
    let take = |k: usize| mt[k] > dt[k] || (mt[k] == dt[k] && mine_wins_ties);
    let mut out = *disk;
    if take(0) {
        out.read = mine.read;
    }
    if take(1) {
        out.bookmarked = mine.bookmarked;
    }
    if take(2) {
        out.position = mine.position;
    }
    [out.read_at, out.bookmarked_at, out.position_at] =
        [dt[0].max(mt[0]), dt[1].max(mt[1]), dt[2].max(mt[2])];
    out.updated = disk.updated.max(mine.updated);
    out.seen = disk.seen.max(mine.seen);
    out
}

/// Lays the entries of `newer` (a log record, a side file) over `disk`, mark by mark; `newer`
/// wins a tie, as it was written after what it lies on.
pub fn lay_over(mut disk: Articles, newer: Articles) -> Articles {
    for (id, n) in newer {
        let merged = match disk.get(&id) {
            None => n,
            Some(d) => merge_entry(d, &n, true),
        };
        disk.insert(id, merged);
    }
    disk
}

/// The temp file this process writes before renaming it over `state.json`.
pub fn temp_path(dir: &Path) -> PathBuf {
    dir.join(format!(".{STATE_FILE}.{}.tmp", std::process::id()))
}

/// Takes the exclusive lock on `state.lock` in `dir`, waiting until `until` at the latest;
/// `Ok(None)` when another holds it that long. The lock lasts until the file is closed.
pub(super) fn lock_within(dir: &Path, until: Instant) -> Result<Option<File>> {
    let lock_path = dir.join(LOCK_FILE);
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .with_context(|| format!("opening {}", lock_path.display()))?;
    loop {
        match FileExt::try_lock_exclusive(&lock) {
            Ok(true) => return Ok(Some(lock)),
            Ok(false) => {}
            Err(e) => {
                return Err(e).with_context(|| format!("locking {}", lock_path.display()));
            }
        }
        if Instant::now() >= until {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Takes the exclusive lock on `state.lock` in `dir`; it lasts until the returned file is closed.
pub(super) fn lock(dir: &Path) -> Result<File> {
    let lock_path = dir.join(LOCK_FILE);
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .with_context(|| format!("opening {}", lock_path.display()))?;
    FileExt::lock_exclusive(&lock).with_context(|| format!("locking {}", lock_path.display()))?;
    Ok(lock)
}

/// The prefix of side files: marks a quitting byline could not save under the lock.
const PENDING_PREFIX: &str = "state.pending-";

/// Writes `mine` to a new side file in `dir` (no lock needed: the name is this process's own),
/// whole or not at all.
pub(super) fn write_pending(dir: &Path, mine: &Articles, now: u64) -> Result<PathBuf> {
    let pid = std::process::id();
    let mut path = dir.join(format!("{PENDING_PREFIX}{pid}-{now}.json"));
    let mut n = 1;
    while path.exists() {
        path = dir.join(format!("{PENDING_PREFIX}{pid}-{now}-{n}.json"));
        n += 1;
    }
    let bytes = encode(mine, Kept::default())?;
    let tmp = dir.join(format!(".{PENDING_PREFIX}{pid}.tmp"));
    let written = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        crate::journal::write_all(&mut f, &tmp, &bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, &path)?;
        sync_dir(dir)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("writing {}", path.display()));
    }
    Ok(path)
}

/// Merges the side files in `dir` into `articles` (a side file's change wins a tie: it was
/// made after what it saw); returns the merged entries and the side files read whole.
pub(super) fn merge_pending(
    mut articles: Articles,
    dir: &Path,
    warnings: &mut Vec<String>,
) -> (Articles, Vec<PathBuf>) {
    let mut read = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return (articles, read);
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(PENDING_PREFIX) && name.ends_with(".json")
        })
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        match self::read(&path) {
            Disk::Good(pending, _, mut skipped) => {
                warnings.append(&mut skipped);
                let ids = pending.keys().cloned().collect();
                articles = merge(articles, &pending, &ids);
                read.push(path);
            }
            Disk::Missing => {}
            Disk::Newer(_) | Disk::Bad(_) => warnings.push(format!(
                "{}: could not read these saved marks; left in place",
                path.display()
            )),
        }
    }
    (articles, read)
}

/// Removes temp files left by killed instances. Only safe under the lock: a live instance only
/// has a temp file while it holds the lock.
pub(super) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let ours = temp_path(dir);
    let prefix = format!(".{STATE_FILE}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.starts_with(&prefix) && name.ends_with(".tmp") && entry.path() != ours {
            // Best effort: a temp file that cannot be removed harms nothing.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old or the new file
/// whole: temp file in the same folder, write, fsync, rename over, fsync the folder.
pub(super) fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_path(dir);
    let written = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        crate::journal::write_all(&mut f, &tmp, bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        // Best effort: leave no half-written temp behind (it may not exist, or be in the way).
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("writing {}", path.display()));
    }
    sync_dir(dir).with_context(|| format!("syncing {}", dir.display()))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    // The rename is only durable once the folder's entry is on disk.
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(read: bool, updated: u64) -> ArticleState {
        ArticleState {
            read,
            updated,
            ..ArticleState::default()
        }
    }

    fn map(items: &[(&str, ArticleState)]) -> Articles {
        items.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn newer_entry_wins_either_way() {
        let disk = map(&[("a", entry(true, 20)), ("b", entry(false, 10))]);
        let mine = map(&[("a", entry(false, 10)), ("b", entry(true, 20))]);
        let dirty = ["a".to_string(), "b".to_string()].into();
        let merged = merge(disk, &mine, &dirty);
        assert!(merged["a"].read, "disk's newer entry must win");
        assert!(merged["b"].read, "my newer entry must win");
    }

    #[test]
    fn tie_goes_to_a_change_made_here_only() {
        let disk = map(&[("a", entry(true, 10)), ("b", entry(true, 10))]);
        let mine = map(&[("a", entry(false, 10)), ("b", entry(false, 10))]);
        let dirty = ["a".to_string()].into();
        let merged = merge(disk, &mine, &dirty);
        assert!(!merged["a"].read, "dirty entry wins the tie");
        assert!(merged["b"].read, "clean entry yields to disk");
    }

    #[test]
    fn entries_known_to_one_side_are_kept() {
        let disk = map(&[("d", entry(true, 5))]);
        let mine = map(&[("m", entry(true, 5))]);
        let merged = merge(disk, &mine, &BTreeSet::new());
        assert_eq!(merged.keys().collect::<Vec<_>>(), ["d", "m"]);
    }
}
