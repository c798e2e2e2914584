//! The persistent index's worker: brings the index up to date with the library (answering
//! queries between documents, over what is committed), then answers queries and applies the
//! watcher's changes in batches, one commit each.

use super::super::worker::{Answers, Stop, Worker};
use super::super::{Doc, Hit, doc_of_file};
use super::{Disk, Place, Seen, Unusable, key, source_stat};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// The first commit of a long build comes this soon, so searches find something early; the
/// gap then doubles up to [`COMMIT_GAP`] (each commit costs a fraction of a second).
const FIRST_COMMIT: Duration = Duration::from_secs(2);
/// The longest gap between commits while a build runs.
const COMMIT_GAP: Duration = Duration::from_secs(30);
/// Changed files are applied once none came for this long (a save writes several events; a
/// copy of many files comes in many batches)...
const QUIET: Duration = Duration::from_millis(500);
/// ...or once the oldest waited this long.
const BATCH_WAIT: Duration = Duration::from_secs(5);
/// While the launch's check stats the library's files, queries are looked for every this many.
const CHECK_STRIDE: usize = 256;
/// How long to wait for the index of a searcher this process just dropped (it lets go at
/// its next document, or after its commit); another process holding it is not waited for
/// longer.
const LOCK_WAIT: Duration = Duration::from_secs(3);

impl Answers for Disk {
    fn answer(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        // A failed search (a segment unreadable since it was opened) finds nothing; the
        // next launch opens, or rebuilds, the index again.
        self.search(query, limit).unwrap_or_default()
    }
}

/// Why indexing stopped.
enum Fail {
    /// The searcher was dropped.
    Stop,
    /// The index could not be written (a full disk, a folder gone).
    Index(tantivy::TantivyError),
}

impl From<Stop> for Fail {
    fn from(_: Stop) -> Self {
        Fail::Stop
    }
}

impl From<tantivy::TantivyError> for Fail {
    fn from(e: tantivy::TantivyError) -> Self {
        Fail::Index(e)
    }
}

/// Runs the worker over the index at `place` for the library files `paths` (ids are indices in
/// it), falling back to the in-memory index when the persistent one cannot be used.
pub fn run(mut w: Worker, place: &Place, paths: Vec<Option<PathBuf>>) {
    let mut disk = match open_waiting(&mut w, place) {
        Ok(Some(d)) => d,
        Ok(None) => return,
        Err(Unusable {
            why, unwritable, ..
        }) => {
            w.note(why, unwritable);
            return fall_back(w, paths);
        }
    };
    w.shared.live.store(true, Ordering::Relaxed);
    match update(&mut w, &mut disk, &paths) {
        Ok(()) => {}
        Err(Fail::Stop) => return,
        Err(Fail::Index(e)) => {
            // The index is a cache: what could not be written is dropped, and built again
            // by the next launch that can.
            w.shared.live.store(false, Ordering::Relaxed);
            drop(disk);
            if let Some(folder) = place.folder() {
                let _ = std::fs::remove_dir_all(folder);
            }
            w.note(
                format!("the search index could not be written ({e}): searching in memory"),
                true,
            );
            w.shared.read.store(0, Ordering::Relaxed);
            return fall_back(w, paths);
        }
    }
    // From here on changes come as paths of their own: the library's list is let go (it is
    // a path an article, kept for the whole session otherwise).
    drop(paths);
    if let Err(Fail::Index(e)) = serve(&mut w, &mut disk) {
        // Searches go on over what was committed; changes now make the owner build an index
        // in memory instead.
        w.shared.live.store(false, Ordering::Relaxed);
        w.note(
            format!(
                "the search index could not be updated ({e}): the next search indexes in memory"
            ),
            true,
        );
        let _ = serve_only(&mut w, &disk);
    }
}

/// Opens the index, waiting a little while another searcher holds it; `Ok(None)` when the
/// searcher was dropped meanwhile.
fn open_waiting(w: &mut Worker, place: &Place) -> Result<Option<Disk>, Unusable> {
    let start = Instant::now();
    loop {
        match Disk::open(place) {
            Err(u) if u.busy && start.elapsed() < LOCK_WAIT => {
                if w.drain().is_err() {
                    return Ok(None);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            other => return other.map(Some),
        }
    }
}

/// Indexes `paths` in memory instead: hits name their files, as the persistent index's do
/// (its owner keeps no list of ids).
fn fall_back(mut w: Worker, paths: Vec<Option<PathBuf>>) {
    w.names = Some(paths.clone());
    w.run(in_memory(paths));
}

/// The documents of `paths` read in memory, for [`Worker::run`].
fn in_memory(paths: Vec<Option<PathBuf>>) -> impl Iterator<Item = Option<Doc>> {
    paths
        .into_iter()
        .enumerate()
        .map(|(id, path)| doc_of_file(id, &path?))
}

/// Brings the index up to date with `paths`: files whose stat is what the index recorded are
/// kept, the rest are read again, and documents of files no longer in the library are removed.
fn update(w: &mut Worker, disk: &mut Disk, paths: &[Option<PathBuf>]) -> Result<(), Fail> {
    if w.drain()? {
        w.answer(disk)?;
    }
    let mut known = disk.files()?;
    let mut seen = HashSet::new();
    let mut todo = Vec::new();
    let mut dirty = false;
    for (n, p) in paths.iter().flatten().enumerate() {
        if n % CHECK_STRIDE == CHECK_STRIDE - 1 {
            // A query typed while the library is checked (a stat a file, 100,000 of them
            // take a second or more) is answered over what the last launch committed.
            w.progress_tick();
            if w.drain()? || w.unanswered() {
                w.answer(disk)?;
            }
        }
        let k = key(p);
        if !seen.insert(k.clone()) {
            continue;
        }
        let old = known.remove(&k);
        let fresh = old
            .zip(source_stat(p))
            .is_some_and(|(was, now)| was.matches(&now));
        if fresh {
            // Counted as indexed as soon as it is known to be up to date.
            w.shared.read.fetch_add(1, Ordering::Relaxed);
        } else {
            if old.is_some() {
                disk.remove(&k);
                dirty = true;
            }
            todo.push(p.as_path());
        }
    }
    for k in known.keys() {
        disk.remove(k);
        dirty = true;
    }
    let total = w.shared.total.load(Ordering::Relaxed);
    w.shared
        .read
        .store(total.saturating_sub(todo.len()), Ordering::Relaxed);
    w.tell();
    dirty |= add_all(w, disk, &todo, true)?;
    if dirty {
        disk.commit()?;
    }
    w.shared.read.store(total, Ordering::Relaxed);
    w.tell();
    if w.unanswered() || w.drain()? || w.current_answered_over_less() {
        w.answer(disk)?;
    }
    Ok(())
}

/// Reads and adds the files `todo` (their old documents already removed), answering queries
/// between files and, for a long run, committing now and then so searches find more. Returns
/// whether anything is left to commit.
fn add_all(w: &mut Worker, disk: &mut Disk, todo: &[&Path], count: bool) -> Result<bool, Fail> {
    let mut gap = FIRST_COMMIT;
    let mut since = Instant::now();
    let mut dirty = false;
    for p in todo {
        // Only a new query is answered: results change only when a commit lands.
        if w.drain()? {
            w.answer(disk)?;
        }
        dirty |= add(disk, p)?;
        if count {
            w.shared.read.fetch_add(1, Ordering::Relaxed);
            w.progress_tick();
        }
        if dirty && since.elapsed() >= gap {
            disk.commit()?;
            dirty = false;
            since = Instant::now();
            gap = (gap * 2).min(COMMIT_GAP);
            if w.unanswered() || w.current_answered_over_less() {
                w.answer(disk)?;
            }
        }
    }
    Ok(dirty)
}

/// Adds the document of `path` (of a long article, its start: [`doc_of_file`]), when it
/// reads; true when one was added. A file that does not read is left out (and read again next
/// launch).
fn add(disk: &mut Disk, path: &Path) -> tantivy::Result<bool> {
    // The stat is taken before the file is read: a write after it shows at the next launch.
    let read_at = now_ns();
    let Some(stat) = source_stat(path) else {
        return Ok(false);
    };
    let Some(doc) = doc_of_file(0, path) else {
        return Ok(false);
    };
    disk.add(path, &doc, Seen { stat, read_at })?;
    Ok(true)
}

/// Answers queries and applies changed files in batches until the searcher is dropped.
fn serve(w: &mut Worker, disk: &mut Disk) -> Result<(), Fail> {
    let mut waiting_since: Option<Instant> = None;
    loop {
        let timeout = waiting_since.map(|t| QUIET.min(BATCH_WAIT.saturating_sub(t.elapsed())));
        let asked = w.wait(timeout)?;
        w.drain()?;
        if w.unanswered() {
            w.answer(disk)?;
        }
        if w.changed.is_empty() {
            continue;
        }
        let since = *waiting_since.get_or_insert_with(Instant::now);
        if asked && since.elapsed() < BATCH_WAIT {
            continue;
        }
        waiting_since = None;
        let mut changed = std::mem::take(&mut w.changed);
        changed.sort_unstable();
        changed.dedup();
        for p in &changed {
            disk.remove(&key(p));
        }
        let present: Vec<&Path> = changed
            .iter()
            .map(PathBuf::as_path)
            .filter(|p| source_stat(p).is_some())
            .collect();
        add_all(w, disk, &present, false)?;
        disk.commit()?;
        w.tell();
        if w.current_is_some() {
            w.answer(disk)?;
        }
    }
}

/// Answers queries over what is committed, taking no more changes.
fn serve_only(w: &mut Worker, disk: &Disk) -> Result<(), Stop> {
    loop {
        w.wait(None)?;
        w.changed.clear();
        w.drain()?;
        w.answer(disk)?;
    }
}

/// Nanoseconds since the epoch, now.
fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}
