//! Faults the state file must survive: two readers on one article, clocks in the future, bad
//! entries, fields from a newer byline, and a state file that is a symlink.

use super::*;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

fn open(dir: &Path) -> Store {
    let (store, warnings) = Store::open(dir.to_path_buf());
    assert!(warnings.is_empty(), "{warnings:?}");
    store
}

fn on_disk(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(dir.join(STATE_FILE)).unwrap()).unwrap()
}

#[test]
fn two_readers_changing_different_marks_of_one_article_keep_both() {
    let tmp = tempfile::tempdir().unwrap();
    // A starts first and sees the article unmarked.
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    b.toggle_bookmark("story");
    b.flush().unwrap();
    // A marks it read later: its entry is newer, yet B's bookmark must survive.
    a.set_read("story", true);
    a.flush().unwrap();
    let c = open(tmp.path());
    assert!(c.get("story").read, "A's read mark");
    assert!(c.get("story").bookmarked, "B's bookmark");
    // And the same once B saves again with its stale copy of the read mark.
    b.set_position(
        "story",
        Some(Position {
            block: 3,
            line_offset: 1,
        }),
    );
    b.flush().unwrap();
    let d = open(tmp.path());
    let s = d.get("story");
    assert!(s.read && s.bookmarked && s.position.is_some(), "{s:?}");
}

#[test]
fn a_change_time_in_the_future_does_not_freeze_the_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let future = unix_now() + 10 * 365 * 24 * 3600;
    fs::write(
        tmp.path().join(STATE_FILE),
        format!(r#"{{"version":1,"articles":{{"x":{{"read":true,"bookmarked":true,"updated":{future}}}}}}}"#),
    )
    .unwrap();
    let mut store = open(tmp.path());
    assert!(!store.toggle_read("x"));
    assert!(!store.toggle_bookmark("x"));
    store.flush().unwrap();
    let again = open(tmp.path());
    assert!(!again.get("x").read, "the user's latest action wins");
    assert!(!again.get("x").bookmarked);
    // A second reader that has not seen the future entry still orders after what it reads.
    let mut other = open(tmp.path());
    other.set_read("x", true);
    other.flush().unwrap();
    assert!(open(tmp.path()).get("x").read);
}

#[test]
fn one_bad_entry_is_skipped_and_reported_and_the_rest_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let text = r#"{"version":1,"articles":{"good":{"read":true,"updated":5},"bad":{"read":true,"updated":-5},"worse":7}}"#;
    fs::write(tmp.path().join(STATE_FILE), text).unwrap();
    let (mut store, warnings) = Store::open(tmp.path().to_path_buf());
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("bad")), "{warnings:?}");
    assert!(store.get("good").read);
    assert!(!store.get("bad").read);
    // Nothing was moved aside, and a rewrite keeps the bad entries as they were.
    store.toggle_bookmark("good");
    store.flush().unwrap();
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("corrupt")), "{names:?}");
    let json = on_disk(tmp.path());
    assert_eq!(json["articles"]["bad"]["updated"], -5);
    assert_eq!(json["articles"]["worse"], 7);
    assert_eq!(json["articles"]["good"]["bookmarked"], true);
}

#[test]
fn unknown_fields_survive_a_rewrite() {
    let tmp = tempfile::tempdir().unwrap();
    let text = r#"{"version":1,"sync":{"peer":"laptop"},"articles":{"x":{"read":true,"updated":5,"rating":4}}}"#;
    fs::write(tmp.path().join(STATE_FILE), text).unwrap();
    let mut store = open(tmp.path());
    store.toggle_bookmark("x");
    store.toggle_read("y");
    store.flush().unwrap();
    let json = on_disk(tmp.path());
    assert_eq!(json["sync"]["peer"], "laptop");
    assert_eq!(json["articles"]["x"]["rating"], 4);
    assert_eq!(json["articles"]["x"]["bookmarked"], true);
    assert_eq!(json["articles"]["y"]["read"], true);
}

#[cfg(unix)]
#[test]
fn a_symlinked_state_file_is_written_through_the_link() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("synced");
    let dir = tmp.path().join("state");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::create_dir_all(&dir).unwrap();
    let real = elsewhere.join("byline-state.json");
    fs::write(&real, r#"{"version":1,"articles":{}}"#).unwrap();
    std::os::unix::fs::symlink(&real, dir.join(STATE_FILE)).unwrap();
    let mut store = open(&dir);
    store.toggle_read("a");
    store.flush().unwrap();
    let link = fs::symlink_metadata(dir.join(STATE_FILE)).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&real).unwrap()).unwrap();
    assert_eq!(json["articles"]["a"]["read"], true);
}

#[test]
fn merge_takes_each_mark_from_its_latest_change() {
    let d = ArticleState {
        read: true,
        read_at: 10,
        bookmarked: false,
        bookmarked_at: 30,
        updated: 30,
        ..ArticleState::default()
    };
    let m = ArticleState {
        read: false,
        read_at: 20,
        bookmarked: true,
        bookmarked_at: 5,
        updated: 20,
        ..ArticleState::default()
    };
    let disk: BTreeMap<_, _> = [("a".to_string(), d)].into();
    let mine: BTreeMap<_, _> = [("a".to_string(), m)].into();
    let merged = file::merge(disk, &mine, &BTreeSet::new());
    assert!(!merged["a"].read, "mine changed read later");
    assert!(!merged["a"].bookmarked, "disk changed the bookmark later");
    assert_eq!(merged["a"].updated, 30);
}

/// Holds `state.lock` in `dir` as another program would, until the returned file is dropped.
fn hold_lock(dir: &Path) -> fs::File {
    use fs4::fs_std::FileExt;
    fs::create_dir_all(dir).unwrap();
    let f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))
        .unwrap();
    FileExt::lock_exclusive(&f).unwrap();
    f
}

fn pending_files(dir: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("state.pending-"))
        })
        .collect()
}

/// Runs `f` on a thread and gives its result, failing if it does not return within `limit`:
/// a liveness check (the call must not hang on a held lock), not a timing target.
fn returns_within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).expect("the call hung")
}

#[test]
fn a_held_lock_sends_the_marks_to_a_side_file_merged_on_the_next_start() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let lock = hold_lock(&dir);
    let mut store = open(&dir);
    store.toggle_read("a");
    store.toggle_bookmark("b");
    let mut store = returns_within(Duration::from_secs(20), move || {
        store.flush_within(Duration::from_millis(200)).unwrap();
        store
    });
    let warnings = store.take_warnings().join("\n");
    assert!(warnings.contains("state.pending-"), "{warnings}");
    assert!(!store.has_unsaved());
    assert!(
        !dir.join(STATE_FILE).exists(),
        "nothing written under a lock not taken"
    );
    assert_eq!(pending_files(&dir).len(), 1);
    // The next start reads the side file even while the lock is still held.
    let next = open(&dir);
    assert!(next.get("a").read && next.get("b").bookmarked);
    drop(lock);
    // The next save under the lock folds the side file into state.json and removes it.
    let mut next = next;
    next.toggle_read("c");
    next.flush().unwrap();
    assert!(pending_files(&dir).is_empty());
    let json = on_disk(&dir);
    assert_eq!(json["articles"]["a"]["read"], true);
    assert_eq!(json["articles"]["b"]["bookmarked"], true);
    assert_eq!(json["articles"]["c"]["read"], true);
}

#[test]
fn saves_in_the_background_never_wait_on_a_held_lock_and_retry_once_it_is_free() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let lock = hold_lock(&dir);
    let mut store = open(&dir);
    let (tx, rx) = std::sync::mpsc::channel();
    store.save_in_background(Box::new(move || {
        let _ = tx.send(());
    }));
    store.toggle_read("a");
    let later = Instant::now() + SAVE_DELAY * 2;
    // Sending the save returns at once, lock or not.
    let mut store = returns_within(Duration::from_secs(20), move || {
        store.save_if_due(later).unwrap();
        store
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the worker reports");
    let err = store.take_saved().expect("an outcome").unwrap_err();
    assert!(format!("{err:#}").contains("state.lock"), "{err:#}");
    assert!(store.has_unsaved(), "the change waits for the next try");
    // A change made meanwhile and the failed one both go with the retry.
    store.toggle_bookmark("b");
    drop(lock);
    store.save_if_due(Instant::now() + SAVE_DELAY * 2).unwrap();
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the worker reports");
    store.take_saved().expect("an outcome").unwrap();
    assert!(!store.has_unsaved());
    // Saved in the log beside state.json: a new start reads both.
    let again = open(&dir);
    assert!(again.get("a").read);
    assert!(again.get("b").bookmarked);
}

#[test]
fn changes_made_while_a_save_runs_are_kept_over_its_result() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let mut store = open(&dir);
    let (tx, rx) = std::sync::mpsc::channel();
    store.save_in_background(Box::new(move || {
        let _ = tx.send(());
    }));
    store.set_read("a", true);
    store.save_if_due(Instant::now() + SAVE_DELAY * 2).unwrap();
    // Before the outcome is taken, the user changes the same article again.
    store.set_read("a", false);
    rx.recv_timeout(Duration::from_secs(20)).unwrap();
    store.take_saved().unwrap().unwrap();
    assert!(!store.get("a").read, "the later change stands");
    assert!(store.has_unsaved());
    store.flush().unwrap();
    assert_eq!(on_disk(&dir)["articles"]["a"]["read"], false);
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_state_file_is_moved_aside_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let fifo = dir.join(STATE_FILE);
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (mut store, warnings) = returns_within(Duration::from_secs(20), move || Store::open(dir));
    assert!(warnings.join("\n").contains("FIFO"), "{warnings:?}");
    store.toggle_read("a");
    store.flush().unwrap();
    assert_eq!(on_disk(tmp.path())["articles"]["a"]["read"], true);
}
