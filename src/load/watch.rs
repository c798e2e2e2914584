//! Live library: watches the library folders and reports changed article files, debounced.

use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// Quiet time after the last file event before a batch is reported: editors and `cp` write a
/// file in several steps, and one re-read per burst is enough.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// A running watch; dropping it stops watching.
pub struct LibraryWatch {
    /// Batches of article paths that were created, changed or removed.
    pub changes: Receiver<Vec<PathBuf>>,
    _watcher: notify::RecommendedWatcher,
}

/// Starts watching `folders` recursively. Each batch names every path touched in a burst
/// (files and folders, or the roots again after the event queue overflowed); [`super::tree`]
/// turns a batch into the article files created, changed or removed.
pub fn watch(folders: &[PathBuf]) -> notify::Result<LibraryWatch> {
    let (raw_tx, raw_rx) = mpsc::channel::<PathBuf>();
    let roots = folders.to_vec();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if event.need_rescan() {
            // The kernel's event queue overflowed: events were lost, so the whole library is
            // compared with what was recorded (see `load::tree`).
            for r in &roots {
                let _ = raw_tx.send(r.clone());
            }
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        // Every path goes on, not only article files: a folder created, moved in or out, or
        // removed is named by its own path; `load::tree` turns them into article files.
        for p in event.paths {
            let _ = raw_tx.send(p);
        }
    })?;
    for f in folders {
        watcher.watch(f, RecursiveMode::Recursive)?;
    }
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("byline-watch".into())
        .spawn(move || debounce(&raw_rx, &tx))
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(LibraryWatch {
        changes: rx,
        _watcher: watcher,
    })
}

/// Collects paths until the stream has been quiet for [`DEBOUNCE`], then sends them as one batch.
fn debounce(raw: &Receiver<PathBuf>, out: &mpsc::Sender<Vec<PathBuf>>) {
    let mut batch = BTreeSet::new();
    loop {
        let next = if batch.is_empty() {
            raw.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            raw.recv_timeout(DEBOUNCE)
        };
        match next {
            Ok(p) => {
                batch.insert(p);
            }
            Err(RecvTimeoutError::Timeout) => {
                if out
                    .send(std::mem::take(&mut batch).into_iter().collect())
                    .is_err()
                {
                    return;
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_into_a_watched_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let w = watch(&[dir.path().to_path_buf()]).unwrap();
        let p = dir.path().join("new.txt");
        std::fs::write(&p, "A new story\nIt arrived.\n").unwrap();
        let mut seen = Vec::new();
        while let Ok(batch) = w.changes.recv_timeout(Duration::from_secs(5)) {
            seen.extend(batch);
            if seen.contains(&p) {
                break;
            }
        }
        assert!(seen.contains(&p), "saw {seen:?}");
    }
}
