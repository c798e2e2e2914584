//! End to end: the reader starts from the catalogue of list rows as `--list` does. Its first
//! launch saves one; a launch with nothing changed validates it and leaves it as it is; a changed
//! file is read again and shown as it now is; a cache folder that cannot be written gives one
//! message and the library still reads.

use crate::tmux::Tmux;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A library of three short articles.
fn write_library(dir: &Path) {
    for (name, title, date) in [
        ("ferry.txt", "Ferry returns to Ostervik", "2026-03-02"),
        ("tram.txt", "Tram line reaches the harbour", "2026-03-01"),
        ("bees.txt", "Beekeepers count a mild winter", "2026-02-27"),
    ] {
        let text = format!("{title}\n{date}\nThe council met on Tuesday.\n");
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// The reader on `path` in a tmux session of its own, its catalogue in `cache`.
fn start(tag: &str, path: &Path, cache: &Path, state: &Path) -> Tmux {
    let bin = env!("CARGO_BIN_EXE_byline");
    let script = format!(
        "BYLINE_STATE_DIR='{}' BYLINE_CACHE_DIR='{}' '{bin}' '{}'; echo BYLINE_EXITED; sleep 60",
        state.display(),
        cache.display(),
        path.display()
    );
    let socket = format!("byline-e2e-catalogue-{}-{tag}", std::process::id());
    Tmux::session(socket, 160, 20, &["sh", "-c", &script])
}

/// The catalogue files in `cache` (waiting a while for the first to appear).
fn catalogues(cache: &Path, wait: bool) -> Vec<PathBuf> {
    let start = Instant::now();
    loop {
        let found: Vec<PathBuf> = std::fs::read_dir(cache)
            .map(|rd| rd.flatten().map(|e| e.path()).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "catalogue"))
            .collect();
        if !found.is_empty() || !wait || start.elapsed() > Duration::from_secs(20) {
            return found;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Quits the reader and waits until it has exited.
fn quit(tmux: &Tmux) {
    tmux.keys(&["q"]);
    tmux.wait_for("BYLINE_EXITED");
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn the_reader_saves_validates_and_follows_the_catalogue() {
    if !Tmux::available(&[]) {
        return;
    }
    let lib = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    write_library(lib.path());

    let tmux = start("first", lib.path(), &cache, home.path());
    tmux.wait_for("Articles 1/3");
    quit(&tmux);
    let saved = catalogues(&cache, true);
    assert_eq!(saved.len(), 1, "{saved:?}");

    // The files were written within the racy window of that launch's walk, so a launch two
    // seconds on reads them once more and saves the catalogue again; after that nothing has
    // changed: the launch validates the catalogue and has nothing to save.
    std::thread::sleep(Duration::from_millis(2100));
    let tmux = start("second", lib.path(), &cache, home.path());
    tmux.wait_for("Articles 1/3");
    quit(&tmux);
    drop(tmux);
    let ino = std::fs::metadata(&saved[0]).unwrap().ino();
    let tmux = start("third", lib.path(), &cache, home.path());
    tmux.wait_for("Articles 1/3");
    quit(&tmux);
    assert_eq!(std::fs::metadata(&saved[0]).unwrap().ino(), ino);

    // A file edited in place (its folder unchanged) is read again and shown as it is now.
    std::fs::write(
        lib.path().join("tram.txt"),
        "Tram line opens to the public\n2026-03-01\nThe first riders cheered.\n",
    )
    .unwrap();
    // Measured before the launch: read after it, a launch quicker than this thread (a loaded
    // machine) had already appended its change, and the log then never grew past it.
    let log = saved[0].with_extension("catalogue.log");
    let log_before = std::fs::metadata(&log).unwrap().len();
    let tmux = start("fourth", lib.path(), &cache, home.path());
    let s = tmux.wait_for("Tram line opens to");
    assert!(!s.contains("reaches the harbour"), "{s}");
    // The change goes to the catalogue's log after the row is shown (a walk of the library
    // first); quitting waits a second for that, which a loaded machine may need more than, so
    // the test waits for the log before it quits (a liveness bound, not a timing target).
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&log).unwrap().len() <= log_before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    quit(&tmux);
    // The change went to the catalogue's log; the catalogue itself was left as it was.
    let log_now = std::fs::metadata(&log).unwrap().len();
    let ino_now = std::fs::metadata(&saved[0]).unwrap().ino();
    assert!(
        log_now > log_before,
        "the log stayed at {log_now} bytes ({log_before} before); catalogue inode {ino_now} \
         ({ino} before; another means it was written anew); screen:\n{s}"
    );
    assert_eq!(ino_now, ino);
    let tmux = start("fifth", lib.path(), &cache, home.path());
    let s = tmux.wait_for("Tram line opens to");
    assert!(
        !s.contains("reaches the harbour"),
        "read back from the log: {s}"
    );
    quit(&tmux);
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_file_opened_alone_saves_its_librarys_catalogue() {
    if !Tmux::available(&[]) {
        return;
    }
    let lib = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    write_library(lib.path());
    std::fs::write(lib.path().join(".byline"), "").unwrap();
    let tmux = start("alone", &lib.path().join("tram.txt"), &cache, home.path());
    tmux.wait_for("Articles 2/3");
    assert_eq!(catalogues(&cache, true).len(), 1);
    // Out of the article, then out of the reader.
    tmux.keys(&["q"]);
    quit(&tmux);
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_cache_folder_that_cannot_be_written_says_so_once() {
    if !Tmux::available(&[]) {
        return;
    }
    let lib = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    write_library(lib.path());
    // A folder below a plain file cannot be made, even by root.
    let blocker = home.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let tmux = start("blocked", lib.path(), &blocker.join("cache"), home.path());
    let s = tmux.wait_for("could not be saved");
    assert!(s.contains("Articles 1/3"), "{s}");
    assert_eq!(s.matches("could not be saved").count(), 1, "{s}");
    quit(&tmux);
}
