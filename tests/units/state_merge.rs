//! The state merge as a property: two writers on one state folder, any interleaving of their
//! changes to the three marks of a few articles and of their saves (appended to the log beside
//! state.json, or folded into it), and every latest change is kept.
//!
//! "Latest" is what a merge can know: a change made after its writer had seen another change to
//! the same mark (its own earlier change, or one it adopted by opening or saving) must win over
//! it. Two changes neither writer saw from the other are concurrent; either may win, but the
//! result must be one of them, never an older value.

use byline::state::{Position, Store};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The articles and marks the writers change.
const IDS: [&str; 2] = ["north", "south"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Read,
    Bookmark,
    Position,
}

#[derive(Debug, Clone)]
enum Step {
    /// Writer `w` sets `mark` of article `id` to value `v` (a position's block, or a flag).
    Change {
        w: usize,
        id: usize,
        mark: Mark,
        v: u8,
    },
    /// Writer `w` saves (and adopts what the other saved, when it had anything to save): as at
    /// quit (`tidy`: a small log is folded into state.json) or as a debounced save (appended to
    /// the log).
    Save { w: usize, tidy: bool },
}

fn step() -> impl Strategy<Value = Step> {
    let mark = prop_oneof![Just(Mark::Read), Just(Mark::Bookmark), Just(Mark::Position)];
    prop_oneof![
        3 => (0..2usize, 0..IDS.len(), mark, 0..4u8).prop_map(|(w, id, mark, v)| Step::Change {
            w,
            id,
            mark,
            v
        }),
        1 => (0..2usize, any::<bool>()).prop_map(|(w, tidy)| Step::Save { w, tidy }),
    ]
}

/// What a mark reads as, as a number the model can compare: a flag is 0 or 1, a position its
/// block plus one (0: none).
fn value(store: &Store, id: &str, mark: Mark) -> u8 {
    let s = store.get(id);
    match mark {
        Mark::Read => u8::from(s.read),
        Mark::Bookmark => u8::from(s.bookmarked),
        Mark::Position => s
            .position
            .map_or(0, |p| u8::try_from(p.block).unwrap_or(255) + 1),
    }
}

fn apply(store: &mut Store, id: &str, mark: Mark, v: u8) -> u8 {
    match mark {
        Mark::Read => store.set_read(id, v % 2 == 1),
        Mark::Bookmark => {
            if store.get(id).bookmarked != (v % 2 == 1) {
                store.toggle_bookmark(id);
            }
        }
        Mark::Position => store.set_position(
            id,
            (v > 0).then(|| Position {
                block: usize::from(v - 1),
                line_offset: 0,
            }),
        ),
    }
    value(store, id, mark)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_interleaving_of_two_writers_keeps_every_latest_change(
        steps in proptest::collection::vec(step(), 1..24),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let mut writers = [Store::open(dir.clone()).0, Store::open(dir.clone()).0];
        // Each change: (article, mark, value, the changes its writer had seen when making it).
        let mut changes: Vec<(usize, Mark, u8, BTreeSet<usize>)> = Vec::new();
        // The changes each writer has seen, and those on disk.
        let mut seen: [BTreeSet<usize>; 2] = [BTreeSet::new(), BTreeSet::new()];
        let mut on_disk: BTreeSet<usize> = BTreeSet::new();
        for step in &steps {
            match *step {
                Step::Change { w, id, mark, v } => {
                    let before = value(&writers[w], IDS[id], mark);
                    let after = apply(&mut writers[w], IDS[id], mark, v);
                    if after != before {
                        let n = changes.len();
                        changes.push((id, mark, after, seen[w].clone()));
                        seen[w].insert(n);
                    }
                }
                Step::Save { w, tidy } => {
                    // A writer with nothing to save reads nothing either.
                    if !writers[w].has_unsaved() {
                        continue;
                    }
                    if tidy {
                        writers[w].flush().unwrap();
                    } else {
                        writers[w].save_now().unwrap();
                    }
                    on_disk.extend(seen[w].iter().copied());
                    seen[w].clone_from(&on_disk);
                }
            }
        }
        for w in 0..2 {
            writers[w].flush().unwrap();
            on_disk.extend(seen[w].iter().copied());
        }
        let last = Store::open(dir).0;
        for (id, name) in IDS.iter().enumerate() {
            for mark in [Mark::Read, Mark::Bookmark, Mark::Position] {
                let of_mark: Vec<usize> = (0..changes.len())
                    .filter(|&c| changes[c].0 == id && changes[c].1 == mark)
                    .collect();
                let got = value(&last, name, mark);
                if of_mark.is_empty() {
                    prop_assert_eq!(got, 0, "{} {:?} was never changed", name, mark);
                    continue;
                }
                // The changes no other change to this mark came after.
                let latest: Vec<usize> = of_mark
                    .iter()
                    .copied()
                    .filter(|&c| !of_mark.iter().any(|&d| changes[d].3.contains(&c)))
                    .collect();
                let allowed: BTreeSet<u8> = latest.iter().map(|&c| changes[c].2).collect();
                prop_assert!(
                    allowed.contains(&got),
                    "{} {:?} reads {} but the latest changes set {:?}",
                    name, mark, got, allowed
                );
            }
        }
    }
}
