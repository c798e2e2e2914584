//! The library watch, on a worker of its own: adding a watch to every folder of a big library
//! takes tens of milliseconds, which neither the first frame nor the keys after it wait for.
//! Files written while the watches were being added are found by their times. Every change
//! goes into the app's inbox as a message.

use crate::app::Msg;
use crate::load::tree::Tree;
use crate::load::watch;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::{Duration, SystemTime};

/// How far file modification times may lag `SystemTime::now` (the kernel stamps files from a
/// clock updated once a tick, at most 10 ms apart).
const CLOCK_SLACK: Duration = Duration::from_millis(50);

/// Starts watching `folders` on a worker thread, which then sends every batch of changed
/// article files into the app's inbox as [`Msg::FilesChanged`]: first the files written while
/// the watches were being added, then what the watch reports. A library that cannot be watched
/// still reads; the list just does not follow the folders. Returns false when nothing is
/// watched (no folders, or no thread to be had).
pub fn start(folders: Vec<PathBuf>, tx: Sender<Msg>) -> bool {
    if folders.is_empty() {
        return false;
    }
    // File times come from a coarse clock that lags the fine one by up to a tick.
    let since = SystemTime::now() - CLOCK_SLACK;
    std::thread::Builder::new()
        .name("byline-watch".into())
        .spawn(move || {
            let Ok(w) = watch::watch(&folders) else {
                return;
            };
            // The library as it is now; what was written while the watches were being added is
            // found by its time.
            let (mut tree, late) = Tree::scan(&folders, since);
            if !late.is_empty() && tx.send(Msg::FilesChanged(late)).is_err() {
                return;
            }
            // Ends with the app (its inbox gone) or the watch. Folders are walked here, off the
            // event loop.
            while let Ok(batch) = w.changes.recv() {
                let files = tree.expand(batch);
                if !files.is_empty() && tx.send(Msg::FilesChanged(files)).is_err() {
                    return;
                }
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn files_written_while_the_watch_starts_are_reported_and_later_ones_watched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("old.txt"), "Old\nText.\n").unwrap();
        let before = SystemTime::now() - Duration::from_secs(60);
        let old = std::fs::File::options()
            .write(true)
            .open(dir.path().join("old.txt"))
            .unwrap();
        old.set_modified(before).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        assert!(start(vec![dir.path().to_path_buf()], tx));
        // Written before the worker got to it (or during): found by its time, or by the watch.
        std::fs::write(dir.path().join("early.txt"), "Early\nText.\n").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "Hidden\nText.\n").unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen: Vec<PathBuf> = Vec::new();
        let mut later_written = false;
        while Instant::now() < deadline {
            if let Ok(Msg::FilesChanged(batch)) = rx.recv_timeout(Duration::from_millis(20)) {
                seen.extend(batch);
            }
            let has = |n: &str| seen.iter().any(|p| p.file_name() == Some(n.as_ref()));
            // Once the early file is reported the watch is in place: a later one comes by it.
            if has("early.txt") && !later_written {
                std::fs::write(dir.path().join("later.txt"), "Later\nText.\n").unwrap();
                later_written = true;
            }
            if has("early.txt") && has("later.txt") {
                assert!(!has("old.txt"), "{seen:?}");
                return;
            }
        }
        panic!("not all files reported: {seen:?}");
    }
}
