//! The library watch, started off the event loop: adding a watch to every folder of a big
//! library takes tens of milliseconds, which neither the first frame nor the keys after it
//! wait for. Files written while the watches were being added are found by their times.

use crate::load::watch::{self, LibraryWatch};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, SystemTime};

/// How far file modification times may lag `SystemTime::now` (the kernel stamps files from a
/// clock updated once a tick, at most 10 ms apart).
const CLOCK_SLACK: Duration = Duration::from_millis(50);

/// A watch that is off, being started on a worker thread, or running.
pub enum Watching {
    /// Nothing is watched (no folders, or the watch could not start).
    Off,
    /// A worker is adding the watches; it sends the watch, and the article files written
    /// meanwhile, once they are in place.
    Starting(Receiver<(LibraryWatch, Vec<PathBuf>)>),
    /// The folders are watched.
    Running(LibraryWatch),
}

impl Watching {
    /// Starts watching `folders` on a worker thread (`Off` when there are none). A library that
    /// cannot be watched still reads; the list just does not follow the folders.
    pub fn start(folders: Vec<PathBuf>) -> Watching {
        if folders.is_empty() {
            return Watching::Off;
        }
        // File times come from a coarse clock that lags the fine one by up to a tick.
        let since = SystemTime::now() - CLOCK_SLACK;
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("byline-watch-start".into())
            .spawn(move || {
                if let Ok(w) = watch::watch(&folders) {
                    let _ = tx.send((w, written_since(&folders, since)));
                }
            });
        match spawned {
            Ok(_) => Watching::Starting(rx),
            Err(_) => Watching::Off,
        }
    }

    /// The running watch once the worker has started it, and (that once) the article files
    /// written while it was starting; never waits.
    pub fn poll(&mut self) -> (Option<&LibraryWatch>, Vec<PathBuf>) {
        let mut late = Vec::new();
        if let Watching::Starting(rx) = self {
            *self = match rx.try_recv() {
                Ok((w, written)) => {
                    late = written;
                    Watching::Running(w)
                }
                Err(mpsc::TryRecvError::Empty) => return (None, late),
                Err(mpsc::TryRecvError::Disconnected) => Watching::Off,
            };
        }
        match self {
            Watching::Running(w) => (Some(w), late),
            _ => (None, late),
        }
    }
}

/// Article files under `folders` (hidden ones skipped, as the scan does) modified at `since`
/// or later.
fn written_since(folders: &[PathBuf], since: SystemTime) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for f in folders {
        let walk = walkdir::WalkDir::new(f)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .flatten();
        for e in walk {
            let new = e.metadata().ok().and_then(|m| m.modified().ok()) >= Some(since);
            if new && e.file_type().is_file() && crate::load::format_for(e.path()).is_some() {
                out.push(e.into_path());
            }
        }
    }
    out
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
        let mut w = Watching::start(vec![dir.path().to_path_buf()]);
        // Written before the worker got to it (or during): found by its time, or by the watch.
        std::fs::write(dir.path().join("early.txt"), "Early\nText.\n").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "Hidden\nText.\n").unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen: Vec<PathBuf> = Vec::new();
        let mut later_written = false;
        while Instant::now() < deadline {
            let (running, late) = w.poll();
            seen.extend(late);
            if let Some(running) = running {
                if !later_written {
                    std::fs::write(dir.path().join("later.txt"), "Later\nText.\n").unwrap();
                    later_written = true;
                }
                while let Ok(batch) = running.changes.try_recv() {
                    seen.extend(batch);
                }
            }
            let has = |n: &str| seen.iter().any(|p| p.file_name() == Some(n.as_ref()));
            if has("early.txt") && has("later.txt") {
                assert!(!has("old.txt"), "{seen:?}");
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("not all files reported: {seen:?}");
    }
}
