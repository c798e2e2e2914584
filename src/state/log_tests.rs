//! The log beside `state.json`: a save appends only its changes, a torn record costs that save
//! only, compaction keeps every latest change, and pruning never drops a present article.

use super::*;
use std::fs;
use std::path::Path;

fn open(dir: &Path) -> Store {
    let (store, warnings) = Store::open(dir.to_path_buf());
    assert!(warnings.is_empty(), "{warnings:?}");
    store
}

fn log_len(dir: &Path) -> u64 {
    fs::metadata(dir.join(LOG_FILE)).map_or(0, |m| m.len())
}

/// A `state.json` of `n` read entries `e0`…, changed and seen at `at`.
fn write_state(dir: &Path, n: usize, at: u64) {
    let entries: Vec<String> = (0..n)
        .map(|i| format!(r#""e{i}":{{"read":true,"updated":{at},"read_at":{at},"seen":{at}}}"#))
        .collect();
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join(STATE_FILE),
        format!(r#"{{"version":1,"articles":{{{}}}}}"#, entries.join(",")),
    )
    .unwrap();
}

/// The snapshot's identity: a rewrite of `state.json` changes it.
fn snapshot_id(dir: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(dir.join(STATE_FILE)).unwrap();
    (m.ino(), m.len())
}

#[test]
fn a_save_appends_its_changes_and_leaves_state_json_alone() {
    let tmp = tempfile::tempdir().unwrap();
    write_state(tmp.path(), 20_000, unix_now() - 60);
    let before = snapshot_id(tmp.path());
    let mut store = open(tmp.path());
    for round in 0..3 {
        let log_before = log_len(tmp.path());
        store.toggle_bookmark(&format!("e{round}"));
        store.save_now().unwrap();
        let grew = log_len(tmp.path()) - log_before;
        // One entry and the frame around it (the first save also starts the log).
        assert!(grew > 0 && grew < 400, "the log grew by {grew} bytes");
        assert_eq!(snapshot_id(tmp.path()), before, "state.json was rewritten");
    }
    let again = open(tmp.path());
    assert_eq!(again.iter().count(), 20_000);
    assert!((0..3).all(|i| again.get(&format!("e{i}")).bookmarked));
}

#[test]
fn a_torn_last_record_costs_that_save_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut store = open(dir);
    store.set_read("first", true);
    store.save_now().unwrap();
    let first_end = log_len(dir);
    store.toggle_bookmark("second");
    store.set_read("first", false);
    store.save_now().unwrap();
    let whole = fs::read(dir.join(LOG_FILE)).unwrap();
    assert!(whole.len() as u64 > first_end);
    // The control: the whole log reads both saves.
    let s = open(dir);
    assert!(s.get("second").bookmarked && !s.get("first").read);
    for cut in first_end..whole.len() as u64 {
        fs::write(dir.join(LOG_FILE), &whole[..cut as usize]).unwrap();
        let s = open(dir);
        assert!(s.get("first").read, "cut at {cut}: the first save is kept");
        assert!(
            !s.get("second").bookmarked,
            "cut at {cut}: the torn one is not"
        );
    }
    // The next save cuts the torn tail off and appends after the first record.
    fs::write(dir.join(LOG_FILE), &whole[..whole.len() - 3]).unwrap();
    let mut s = open(dir);
    s.toggle_bookmark("third");
    s.save_now().unwrap();
    let after = open(dir);
    assert!(after.get("first").read && after.get("third").bookmarked);
    assert!(!after.get("second").bookmarked);
}

#[test]
fn compaction_keeps_every_latest_change_of_two_writers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut a = open(dir);
    let mut b = open(dir);
    // B's first save starts the log and puts B's place in it.
    b.toggle_bookmark("shared");
    b.save_now().unwrap();
    let first_log = fs::read(dir.join(LOG_FILE)).unwrap();
    // A writes enough to pass the compaction threshold, in several saves.
    for round in 0..8 {
        for i in 0..300 {
            a.set_position(
                &format!("a{i}"),
                Some(Position {
                    block: round,
                    line_offset: i,
                }),
            );
        }
        a.set_read("shared", round % 2 == 0);
        a.save_now().unwrap();
    }
    assert!(
        dir.join(STATE_FILE).exists(),
        "the log was folded into state.json"
    );
    let log = fs::read(dir.join(LOG_FILE)).unwrap();
    assert_ne!(
        log[..log.iter().position(|&c| c == b'\n').unwrap()],
        first_log[..first_log.iter().position(|&c| c == b'\n').unwrap()],
        "a new log was started"
    );
    // B's place is in a log that is gone: its next save reads everything again.
    b.set_position(
        "shared",
        Some(Position {
            block: 9,
            line_offset: 0,
        }),
    );
    b.save_now().unwrap();
    assert_eq!(
        b.get("a299").position.map(|p| p.block),
        Some(7),
        "B adopted A's"
    );
    let c = open(dir);
    let shared = c.get("shared");
    assert!(shared.bookmarked, "B's bookmark");
    assert!(!shared.read, "A's last read mark");
    assert_eq!(shared.position.map(|p| p.block), Some(9), "B's position");
    for i in 0..300 {
        assert_eq!(
            c.get(&format!("a{i}")).position,
            Some(Position {
                block: 7,
                line_offset: i
            })
        );
    }
}

#[test]
fn a_small_state_is_folded_into_state_json_at_quit() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.set_read("x", true);
    store.save_now().unwrap();
    assert!(
        !tmp.path().join(STATE_FILE).exists(),
        "a debounced save appends"
    );
    store.toggle_bookmark("x");
    store.flush().unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(tmp.path().join(STATE_FILE)).unwrap()).unwrap();
    assert_eq!(json["articles"]["x"]["read"], true);
    assert_eq!(json["articles"]["x"]["bookmarked"], true);
    let header_only = fs::read(tmp.path().join(LOG_FILE)).unwrap();
    assert_eq!(
        header_only.iter().filter(|&&b| b == b'\n').count(),
        1,
        "the new log holds no record"
    );
    assert!(header_only.ends_with(b"\n"));
}

/// Fills the log of `store` past the compaction threshold, so its next save compacts.
fn grow_log(store: &mut Store) {
    for round in 0..4 {
        for i in 0..400 {
            store.set_position(
                &format!("filler{i}"),
                Some(Position {
                    block: round,
                    line_offset: i,
                }),
            );
        }
        store.save_now().unwrap();
    }
}

#[test]
fn pruning_drops_only_entries_gone_for_long_and_never_a_present_or_bookmarked_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let long_ago = unix_now() - PRUNE_AFTER - 24 * 3600;
    write_state(dir, 4, long_ago);
    let text = fs::read_to_string(dir.join(STATE_FILE)).unwrap();
    let text = text.replace(
        r#""e1":{"read":true,"#,
        r#""e1":{"read":true,"bookmarked":true,"#,
    );
    // An edit key of the same age.
    let key = format!(r#""e:key":{{"read":true,"updated":{long_ago}}},"e0":"#);
    let text = text.replace(r#""e0":"#, &key);
    fs::write(dir.join(STATE_FILE), text).unwrap();
    // e0: gone for long (pruned); e1: gone for long but bookmarked; e2: in the library open
    // now; e3: gone for long, but only pruned once the libraries have been seen.
    let mut store = open(dir);
    assert!(store.get("e1").bookmarked);
    grow_log(&mut store);
    grow_log(&mut store);
    let before_saw = open(dir);
    assert!(
        before_saw.iter().any(|(id, _)| id == "e0"),
        "nothing is pruned before the libraries are seen"
    );
    store.saw(["e2", "filler0"]);
    assert!(store.get("e2").seen >= unix_now() - 5, "seen stamped");
    grow_log(&mut store);
    grow_log(&mut store);
    let after = open(dir);
    let ids: Vec<&str> = after.iter().map(|(id, _)| id).collect();
    assert!(!ids.contains(&"e0") && !ids.contains(&"e3"), "{ids:?}");
    assert!(after.get("e1").bookmarked, "a bookmark is never pruned");
    assert!(after.get("e:key").read, "an edit key is never pruned");
    assert!(after.get("e2").read, "a present article keeps its entry");
    assert!(
        after.get("filler399").position.is_some(),
        "recent entries stay"
    );
}
