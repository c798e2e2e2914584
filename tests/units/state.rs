//! Persisted user state: round trips, corrupt files, two instances, kills mid-write, full disks.

use crate::common::fake_env as env;
use byline::article::article_id;
use byline::state::{
    ArticleState, LOCK_FILE, LOG_FILE, Position, STATE_FILE, Store, default_dir_from, temp_path,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn open(dir: &Path) -> Store {
    let (store, warnings) = Store::open(dir.to_path_buf());
    assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
    store
}

fn on_disk(dir: &Path) -> serde_json::Value {
    let text = fs::read_to_string(dir.join(STATE_FILE)).expect("state.json readable");
    serde_json::from_str(&text).expect("state.json is whole JSON")
}

#[test]
fn marks_and_positions_survive_a_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested/state");
    let mut store = open(&dir);
    store.set_read("a1", true);
    assert!(store.toggle_bookmark("b2"));
    let pos = Position {
        block: 7,
        line_offset: 3,
    };
    store.set_position("c3", Some(pos));
    assert!(store.has_unsaved());
    store.flush().unwrap();
    assert!(!store.has_unsaved());

    let json = on_disk(&dir);
    assert_eq!(json["version"], 1);
    assert_eq!(json["articles"]["a1"]["read"], true);

    let again = open(&dir);
    assert!(again.get("a1").read);
    assert!(!again.get("a1").bookmarked);
    assert!(again.get("b2").bookmarked);
    assert_eq!(again.get("c3").position, Some(pos));
    assert!(again.get("c3").updated > 0);
    assert_eq!(again.get("never-seen"), ArticleState::default());
}

#[test]
fn toggles_flip_and_report_the_new_value() {
    let mut store = Store::disabled();
    assert!(store.toggle_read("x"));
    assert!(store.get("x").read);
    assert!(!store.toggle_read("x"));
    assert!(!store.get("x").read);
    assert!(store.toggle_bookmark("x"));
    assert!(!store.toggle_bookmark("x"));
}

#[test]
fn setting_the_same_value_is_not_a_change() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.set_read("a", false);
    store.set_position("a", None);
    assert!(!store.has_unsaved());
    store.set_read("a", true);
    assert!(store.has_unsaved());
}

#[test]
fn saving_waits_for_the_delay_after_a_change() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    let before_change = Instant::now();
    store.set_read("a", true);
    // An instant before the change can never be a second after it.
    store.save_if_due(before_change).unwrap();
    assert!(!tmp.path().join(STATE_FILE).exists());
    store
        .save_if_due(Instant::now() + Duration::from_secs(2))
        .unwrap();
    assert_eq!(on_disk(tmp.path())["articles"]["a"]["read"], true);
    assert!(!store.has_unsaved());
}

#[test]
fn corrupt_file_is_moved_aside_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let garbage = "{\"version\": 1, \"articles\": {\"a\": {\"read\": tr";
    fs::write(tmp.path().join(STATE_FILE), garbage).unwrap();
    let (mut store, warnings) = Store::open(tmp.path().to_path_buf());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("corrupt-"), "{warnings:?}");
    assert_eq!(store.iter().count(), 0);
    assert!(!tmp.path().join(STATE_FILE).exists());
    let aside: Vec<PathBuf> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("state.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), garbage);

    // The store works normally afterwards.
    store.set_read("b", true);
    store.flush().unwrap();
    assert!(open(tmp.path()).get("b").read);
}

#[test]
fn wrong_shape_counts_as_corrupt() {
    let tmp = tempfile::tempdir().unwrap();
    for text in [
        "[1, 2]",
        "{\"articles\": {}}",
        "{\"version\": 1, \"articles\": 3}",
    ] {
        fs::write(tmp.path().join(STATE_FILE), text).unwrap();
        let (store, warnings) = Store::open(tmp.path().to_path_buf());
        assert_eq!(warnings.len(), 1, "{text}: {warnings:?}");
        assert_eq!(store.iter().count(), 0);
        assert!(!store.is_read_only());
    }
}

#[test]
fn newer_schema_is_read_but_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let text = r#"{"version": 2, "articles": {"x": {"read": true, "updated": 5}}, "extra": 1}"#;
    fs::write(tmp.path().join(STATE_FILE), text).unwrap();
    let (mut store, warnings) = Store::open(tmp.path().to_path_buf());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("newer"), "{warnings:?}");
    assert!(store.is_read_only());
    assert!(store.get("x").read);
    store.toggle_bookmark("y");
    store.flush().unwrap();
    assert_eq!(
        fs::read_to_string(tmp.path().join(STATE_FILE)).unwrap(),
        text
    );
}

#[test]
fn two_instances_keep_each_others_marks() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    a.toggle_read("from-a");
    b.toggle_bookmark("from-b");
    a.flush().unwrap();
    b.flush().unwrap();
    let c = open(tmp.path());
    assert!(c.get("from-a").read);
    assert!(c.get("from-b").bookmarked);
    // The later saver adopts what the other wrote.
    assert!(b.get("from-a").read);
}

#[test]
fn an_unchanged_entry_does_not_undo_anothers_change() {
    let tmp = tempfile::tempdir().unwrap();
    let mut first = open(tmp.path());
    first.set_read("shared", true);
    first.flush().unwrap();
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    a.set_read("shared", false);
    a.flush().unwrap();
    b.toggle_bookmark("other");
    b.flush().unwrap();
    let c = open(tmp.path());
    assert!(!c.get("shared").read, "b's stale copy must not win");
    assert!(c.get("other").bookmarked);
}

#[test]
fn disabled_store_touches_no_file() {
    // The child half: every state location points into the parent's empty folder.
    if std::env::var_os("BYLINE_TEST_DISABLED").is_some() {
        let mut store = Store::disabled();
        store.toggle_read("a");
        store.set_position("a", Some(Position::default()));
        store.flush().unwrap();
        store
            .save_if_due(Instant::now() + Duration::from_secs(5))
            .unwrap();
        assert!(store.is_read_only());
        assert!(store.get("a").read, "marks last in memory");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let status = crate::common::test_child("state::disabled_store_touches_no_file")
        .args(["--test-threads=1"])
        .env("BYLINE_TEST_DISABLED", "1")
        .env("HOME", tmp.path())
        .env("XDG_STATE_HOME", tmp.path())
        .env("BYLINE_STATE_DIR", tmp.path())
        .current_dir(tmp.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "disabled store wrote {left:?}");
}

#[cfg(unix)]
#[test]
fn failed_save_keeps_the_old_file_and_the_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let mut store = open(&dir);
    store.set_read("old", true);
    store.flush().unwrap();
    let before = fs::read(dir.join(STATE_FILE)).unwrap();
    store.toggle_bookmark("new");

    let restore = make_unwritable(&dir);
    let err = store
        .flush()
        .expect_err("saving into an unwritable folder must fail");
    assert!(format!("{err:#}").contains("state.json"), "{err:#}");
    assert_eq!(fs::read(dir.join(STATE_FILE)).unwrap(), before);
    assert!(store.has_unsaved());
    assert!(store.get("new").bookmarked);

    restore();
    store.flush().unwrap();
    let again = open(&dir);
    assert!(again.get("old").read);
    assert!(again.get("new").bookmarked);
}

/// Makes saving into `dir` fail and returns how to undo it. Permissions stop ordinary users;
/// root ignores them, so then a directory is put where this process's temp file goes.
#[cfg(unix)]
fn make_unwritable(dir: &Path) -> Box<dyn FnOnce()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join("probe");
    let chmod_works = fs::write(&probe, b"x").is_err();
    if chmod_works {
        let dir = dir.to_path_buf();
        return Box::new(move || {
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        });
    }
    fs::remove_file(&probe).unwrap();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    let blocker = temp_path(dir);
    fs::create_dir(&blocker).unwrap();
    fs::write(blocker.join("keep"), b"x").unwrap();
    Box::new(move || fs::remove_dir_all(&blocker).unwrap())
}

/// How many articles the writer child keeps, so each save takes a while.
const KILL_ARTICLES: usize = 3000;

#[test]
fn kill_during_write_leaves_a_whole_file() {
    if let Some(dir) = std::env::var_os("BYLINE_TEST_KILL_DIR") {
        run_writer(Path::new(&dir));
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = seed();
    let mut checked = 0;
    let mut killed_mid_write = 0;
    let mut torn = 0;
    for round in 0..30 {
        let mut child = crate::common::test_child("state::kill_during_write_leaves_a_whole_file")
            .args(["--test-threads=1"])
            .env("BYLINE_TEST_KILL_DIR", tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if round == 0 {
            // Let the first writer get a file down, so every kill lands among real saves.
            let start = Instant::now();
            while !tmp.path().join(STATE_FILE).exists() && start.elapsed() < Duration::from_secs(60)
            {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        match round % 3 {
            0 => std::thread::sleep(Duration::from_millis(5 + next(&mut rng) % 150)),
            // Aim at the riskiest moments: while a temp file is being written or renamed, or
            // while a record is being appended to the log.
            1 => wait_for(&child_temp(tmp.path(), child.id()), Duration::from_secs(2)),
            _ => wait_for_growth(&tmp.path().join(LOG_FILE), Duration::from_secs(2)),
        }
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();
        if child_temp(tmp.path(), child.id()).exists() {
            killed_mid_write += 1;
        }
        if tmp.path().join(STATE_FILE).exists() {
            check_written_version(&on_disk(tmp.path()));
        }
        // What a new start reads: state.json with the log's whole records over it.
        let (store, warnings) = Store::open(tmp.path().to_path_buf());
        assert!(warnings.is_empty(), "{warnings:?}");
        if store.iter().next().is_some() {
            check_loaded_version(&store);
            checked += 1;
        }
        if torn_log(tmp.path()) {
            torn += 1;
        }
    }
    assert!(checked >= 1, "the writer never wrote a file");
    // Not asserted (it depends on timing), but shows the kills hit real writes.
    eprintln!("{killed_mid_write} of 30 kills left a temp file behind, {torn} a torn log record");
    // The next instance opens cleanly and cleans up after the killed writers.
    let (mut store, warnings) = Store::open(tmp.path().to_path_buf());
    assert!(warnings.is_empty(), "{warnings:?}");
    store.toggle_read("after");
    store.flush().unwrap();
    let temps: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != STATE_FILE && n != LOCK_FILE && n != LOG_FILE)
        .collect();
    assert!(temps.is_empty(), "left behind: {temps:?}");
}

/// The temp file the writer child with process id `pid` writes (see `state::temp_path`).
fn child_temp(dir: &Path, pid: u32) -> PathBuf {
    dir.join(format!(".{STATE_FILE}.{pid}.tmp"))
}

/// Waits until the file at `path` grows (a record being appended), at most `limit`.
fn wait_for_growth(path: &Path, limit: Duration) {
    let len = || fs::metadata(path).map_or(0, |m| m.len());
    let (start, before) = (Instant::now(), len());
    while start.elapsed() < limit && len() <= before {}
}

fn wait_for(path: &Path, limit: Duration) {
    let start = Instant::now();
    while start.elapsed() < limit && !path.exists() {}
}

/// Every version the writer saves has all articles at the same generation, article `i` at
/// line offset `i`; anything else is a torn or mixed file.
fn check_written_version(json: &serde_json::Value) {
    assert_eq!(json["version"], 1);
    let articles = json["articles"].as_object().expect("articles object");
    assert_eq!(articles.len(), KILL_ARTICLES);
    let generation = &articles["id-0"]["position"]["block"];
    for i in 0..KILL_ARTICLES {
        let entry = &articles[&format!("id-{i}")];
        assert_eq!(&entry["position"]["block"], generation);
        assert_eq!(entry["position"]["line_offset"], i);
    }
}

/// The same for what a store loaded (state.json and the log).
fn check_loaded_version(store: &Store) {
    assert_eq!(store.iter().count(), KILL_ARTICLES);
    let generation = store.get("id-0").position.unwrap().block;
    for i in 0..KILL_ARTICLES {
        let pos = store.get(&format!("id-{i}")).position.unwrap();
        assert_eq!((pos.block, pos.line_offset), (generation, i), "id-{i}");
    }
}

/// Whether the log ends in a frame cut short: its last frame's length runs past the end.
fn torn_log(dir: &Path) -> bool {
    let Ok(bytes) = fs::read(dir.join(LOG_FILE)) else {
        return false;
    };
    let Some(mut at) = bytes.iter().position(|&b| b == b'\n').map(|n| n + 1) else {
        return false;
    };
    while at + 12 <= bytes.len() {
        let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        at += 12 + len;
    }
    at != bytes.len()
}

fn run_writer(dir: &Path) -> ! {
    let (mut store, _) = Store::open(dir.to_path_buf());
    let mut generation = next(&mut seed()) % 1_000_000;
    loop {
        generation += 1;
        for i in 0..KILL_ARTICLES {
            let pos = Position {
                block: generation as usize,
                line_offset: i,
            };
            store.set_position(&format!("id-{i}"), Some(pos));
        }
        // As the reader's debounced saves: appended to the log, compacted when it has grown.
        store.save_now().unwrap();
    }
}

fn seed() -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    ((u64::from(nanos) << 16) ^ u64::from(std::process::id())) | 1
}

/// xorshift64: enough randomness for kill timings.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn default_dir_follows_the_documented_order() {
    let all = &[
        ("BYLINE_STATE_DIR", "/s"),
        ("XDG_STATE_HOME", "/x"),
        ("HOME", "/h"),
    ];
    assert_eq!(default_dir_from(env(all)), Some(PathBuf::from("/s")));
    let xdg = &[("XDG_STATE_HOME", "/x"), ("HOME", "/h")];
    assert_eq!(default_dir_from(env(xdg)), Some(PathBuf::from("/x/byline")));
    let empty_xdg = &[("XDG_STATE_HOME", ""), ("HOME", "/h")];
    assert_eq!(
        default_dir_from(env(empty_xdg)),
        Some(PathBuf::from("/h/.local/state/byline"))
    );
    assert_eq!(default_dir_from(env(&[])), None);
}

#[test]
fn article_id_is_stable_under_rewrapping_and_sensitive_to_content() {
    let body = "The harbour board voted on Monday to reopen the\n  north pier after repairs.";
    let id = article_id("Pier reopens", Some("2026-01-08"), Some(body));
    assert_eq!(id.len(), 16);
    assert!(
        id.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    let rewrapped = "  The harbour board voted on Monday to reopen the north pier after repairs. ";
    assert_eq!(
        id,
        article_id(" Pier  reopens\n", Some("2026-01-08"), Some(rewrapped))
    );
    assert_ne!(
        id,
        article_id("Pier reopens", Some("2026-01-09"), Some(body))
    );
    assert_ne!(
        id,
        article_id("Pier reopened", Some("2026-01-08"), Some(body))
    );
    assert_ne!(id, article_id("Pier reopens", None, Some(body)));
    assert_ne!(id, article_id("Pier reopens", Some("2026-01-08"), None));
    // Fields do not bleed into each other.
    assert_ne!(
        article_id("ab", Some("c"), None),
        article_id("a", Some("bc"), None)
    );
}

#[test]
fn article_id_reads_only_the_first_200_characters_of_the_block() {
    let head = "x".repeat(200);
    let a = format!("{head} first tail");
    let b = format!("{head} another, much longer tail {}", "y".repeat(5_000_000));
    assert_eq!(
        article_id("T", None, Some(&a)),
        article_id("T", None, Some(&b))
    );
    let c = format!("{}z", "x".repeat(199));
    assert_ne!(
        article_id("T", None, Some(&head)),
        article_id("T", None, Some(&c))
    );
}

#[test]
fn concurrent_savers_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let dir = tmp.path().to_path_buf();
            std::thread::spawn(move || {
                let (mut store, _) = Store::open(dir);
                for i in 0..40 {
                    store.toggle_bookmark(&format!("w{w}-{i}"));
                    store.flush().unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = open(tmp.path());
    for w in 0..3 {
        for i in 0..40 {
            assert!(store.get(&format!("w{w}-{i}")).bookmarked, "lost w{w}-{i}");
        }
    }
}
