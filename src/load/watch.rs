//! Live library: watches the library folders and reports changed article files, debounced by
//! notify-debouncer-full.

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Quiet time after a file's last event before it is reported: editors and `cp` write a file
/// in several steps, and one re-read per burst is enough.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// A running watch; dropping it stops watching.
pub struct LibraryWatch {
    /// Batches of article paths that were created, changed or removed.
    pub changes: Receiver<Vec<PathBuf>>,
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

/// Starts watching `folders` recursively. Each batch names every article file (by extension)
/// touched in a burst, once; the receiver decides whether each still exists.
pub fn watch(folders: &[PathBuf]) -> notify::Result<LibraryWatch> {
    let (tx, rx) = mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
        let Ok(events) = res else { return };
        let batch: BTreeSet<PathBuf> = events
            .into_iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.event.paths)
            .filter(|p| super::format_for(p).is_some())
            .collect();
        if !batch.is_empty() {
            // The receiver is gone only when the app is: nothing is left to tell.
            let _ = tx.send(batch.into_iter().collect());
        }
    })?;
    for f in folders {
        debouncer.watch(f, RecursiveMode::Recursive)?;
    }
    Ok(LibraryWatch {
        changes: rx,
        _debouncer: debouncer,
    })
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
        std::fs::write(dir.path().join("ignored.png"), b"not an article").unwrap();
        let mut seen = Vec::new();
        while let Ok(batch) = w.changes.recv_timeout(Duration::from_secs(5)) {
            seen.extend(batch);
            if seen.contains(&p) {
                break;
            }
        }
        assert!(seen.contains(&p), "saw {seen:?}");
        assert!(!seen.iter().any(|s| s.ends_with("ignored.png")));
    }

    #[test]
    fn a_burst_of_writes_to_one_file_is_one_report() {
        let dir = tempfile::tempdir().unwrap();
        let w = watch(&[dir.path().to_path_buf()]).unwrap();
        let p = dir.path().join("busy.md");
        // Written in several steps, as an editor saves: create, write, append, rename over.
        std::fs::write(&p, "# Draft\n").unwrap();
        std::fs::write(dir.path().join("busy.md.tmp"), "# Busy\nText.\n").unwrap();
        std::fs::rename(dir.path().join("busy.md.tmp"), &p).unwrap();
        let first = w.changes.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(first.iter().filter(|s| **s == p).count(), 1, "{first:?}");
        // Nothing more comes for the same burst.
        let mut later = Vec::new();
        while let Ok(batch) = w.changes.recv_timeout(Duration::from_millis(600)) {
            later.extend(batch);
        }
        assert!(!later.contains(&p), "reported again: {later:?}");
    }
}
