//! The search index kept on disk: the same results as the in-memory index, brought up to date
//! with added, changed and removed files (at launch and from the watcher), and a cache that
//! never gives a wrong result: corrupt, of another build, killed mid-commit, held by another
//! process, or in a folder that cannot be written.

use byline::search::disk::{Disk, Place, key};
use byline::search::{Doc, Hit, Index, Results, Searcher};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime};

/// How long a test waits for the worker before giving up (a hang fails, it never passes). Long:
/// the big-article tests index 32 MiB files in a debug build, which took over 60 s beside other
/// builds on a 2-core machine (load 10).
const WAIT: Duration = Duration::from_secs(300);

/// A wire article: title, date, byline, then the body.
fn article(title: &str, body: &str) -> String {
    format!(
        "{title}\nMay 4, 2026\nBy ADA QUILL\nKESSEL — {body}\n\nA second paragraph on {title}.\n"
    )
}

/// Writes an article at `dir/name`, its mtime an hour back so the racy rule does not apply.
fn put(dir: &Path, name: &str, title: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, article(title, body)).unwrap();
    age(&p);
    p
}

fn age(path: &Path) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

/// A small library of four articles in `dir/lib`, and the cache folder `dir/cache`.
fn library(dir: &Path) -> (Place, Vec<PathBuf>) {
    let lib = dir.join("lib");
    fs::create_dir_all(&lib).unwrap();
    let paths = vec![
        put(
            &lib,
            "a.txt",
            "Ferry late",
            "The ferry to the outer islands ran late.",
        ),
        put(
            &lib,
            "b.txt",
            "Harbor fees",
            "Harbor fees rose; the harbormaster said the ferry pays.",
        ),
        put(
            &lib,
            "c.txt",
            "Frost",
            "Farmers in the valley reported an early frost.",
        ),
        put(
            &lib,
            "d.txt",
            "Café",
            "The café by the harbour served the ferry crew.",
        ),
    ];
    let place = Place {
        dir: dir.join("cache"),
        roots: vec![lib],
    };
    (place, paths)
}

/// The results of `query` once the worker has read the whole library (used by the other
/// search tests too).
pub(crate) fn complete(s: &Searcher, query: &str) -> Results {
    let deadline = Instant::now() + WAIT;
    loop {
        s.query(query.to_string());
        if let Some(r) = s.wait_results(Duration::from_secs(5))
            && r.indexed == r.total
            && s.is_ready()
        {
            return r;
        }
        assert!(
            Instant::now() < deadline,
            "no complete results for {query:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A hit as compared between the indexes: title, match count, block, snippet, highlights.
type Seen = (String, usize, usize, String, Vec<(usize, usize)>);

fn seen(hits: &[Hit]) -> Vec<Seen> {
    let mut v: Vec<Seen> = hits
        .iter()
        .map(|h| {
            (
                h.title.clone(),
                h.matches,
                h.block,
                h.snippet.clone(),
                h.highlights.iter().map(|r| (r.start, r.end)).collect(),
            )
        })
        .collect();
    v.sort();
    v
}

fn titles(hits: &[Hit]) -> Vec<String> {
    let mut t: Vec<String> = hits.iter().map(|h| h.title.clone()).collect();
    t.sort();
    t
}

/// The in-memory index over the same files.
fn in_memory(paths: &[PathBuf]) -> Index {
    let mut ix = Index::new();
    for (i, p) in paths.iter().enumerate() {
        let a = byline::load::load_file(p).unwrap();
        ix.add(&Doc::from_article(i, &a));
    }
    ix
}

fn some(paths: &[PathBuf]) -> Vec<Option<PathBuf>> {
    paths.iter().cloned().map(Some).collect()
}

#[test]
fn results_agree_with_the_in_memory_index() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, paths) = library(tmp.path());
    let disk = Searcher::persistent(place.clone(), some(&paths));
    let memory = in_memory(&paths);
    for q in [
        "ferry",
        "harb",
        "ferry harb",
        "cafe",
        "the",
        "f",
        "frost ",
        "zzz",
        "ferry zzz",
    ] {
        let r = complete(&disk, q);
        let (want, count) = memory.search_counted(q, Searcher::LIMIT);
        assert_eq!(seen(&r.hits), seen(&want), "{q:?}");
        assert_eq!(r.matched, count, "{q:?}");
        for h in &r.hits {
            let p = h.path.as_ref().expect("a persistent hit names its file");
            assert!(paths.contains(p), "{p:?}");
        }
    }
    assert_eq!(disk.take_note(), None, "the index on disk was used");
    // Ranked by BM25: the article with the rarer word twice beats the one with it once.
    let r = complete(&disk, "harbo");
    assert_eq!(r.hits[0].title, "Harbor fees", "{:?}", r.hits);
}

#[test]
fn a_second_launch_reads_only_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, mut paths) = library(tmp.path());
    {
        let s = Searcher::persistent(place.clone(), some(&paths));
        complete(&s, "ferry");
    }
    let before = open(&place).files().unwrap();
    assert_eq!(before.len(), 4);
    // Change one, remove one, add one.
    let lib = &place.roots[0];
    put(
        lib,
        "a.txt",
        "Ferry cancelled",
        "The ferry was cancelled by the storm surge.",
    );
    fs::remove_file(&paths[2]).unwrap();
    paths.remove(2);
    paths.push(put(
        lib,
        "e.txt",
        "Frost again",
        "A second frost, and a ferry iced in.",
    ));
    let s = Searcher::persistent(place.clone(), some(&paths));
    let r = complete(&s, "ferry");
    assert_eq!(
        titles(&r.hits),
        ["Café", "Ferry cancelled", "Frost again", "Harbor fees"]
    );
    assert_eq!(
        complete(&s, "frost").hits.len(),
        1,
        "the removed file is gone"
    );
    assert_eq!(
        complete(&s, "storm surge").hits.len(),
        1,
        "the changed file is read"
    );
    assert!(
        complete(&s, "islands").hits.is_empty(),
        "its old text is gone"
    );
    drop(s);
    let after = open(&place).files().unwrap();
    assert_eq!(after.len(), 4);
    // The untouched files were not read again: the index holds them as it read them.
    for p in [&paths[1], &paths[2]] {
        assert_eq!(after[&key(p)], before[&key(p)], "{p:?} was read again");
    }
    assert_ne!(after[&key(&paths[0])], before[&key(&paths[0])]);
}

/// Opens the index, waiting for a searcher just dropped to let go of it.
fn open(place: &Place) -> Disk {
    let deadline = Instant::now() + WAIT;
    loop {
        match Disk::open(place) {
            Ok(d) => return d,
            Err(u) if u.busy && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(u) => panic!("{}", u.why),
        }
    }
}

#[test]
fn the_watcher_s_changes_are_applied() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, paths) = library(tmp.path());
    let s = Searcher::persistent(place.clone(), some(&paths));
    assert_eq!(complete(&s, "frost").hits.len(), 1);
    let lib = &place.roots[0];
    put(
        lib,
        "c.txt",
        "Thaw",
        "The valley thawed; no frost is left, only mud.",
    );
    let new = put(lib, "f.txt", "Mud season", "Mud on every valley road.");
    fs::remove_file(&paths[0]).unwrap();
    assert!(s.files_changed(vec![paths[2].clone(), new, paths[0].clone()]));
    let deadline = Instant::now() + WAIT;
    loop {
        let mud = complete(&s, "mud");
        let ferry = complete(&s, "ferry");
        if titles(&mud.hits) == ["Mud season", "Thaw"] {
            assert_eq!(titles(&ferry.hits), ["Café", "Harbor fees"]);
            break;
        }
        assert!(Instant::now() < deadline, "changes not applied: {mud:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_corrupt_index_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, paths) = library(tmp.path());
    drop(complete(
        &Searcher::persistent(place.clone(), some(&paths)),
        "ferry",
    ));
    let folder = place.folder().unwrap();
    // Every file of the index overwritten with garbage of the same size.
    let mut spoiled = 0;
    for e in fs::read_dir(&folder).unwrap() {
        let p = e.unwrap().path();
        let len = fs::metadata(&p).unwrap().len() as usize;
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".tantivy")
        {
            continue;
        }
        fs::write(&p, vec![0x5a; len.max(1)]).unwrap();
        spoiled += 1;
    }
    assert!(spoiled >= 2, "{spoiled}");
    let s = Searcher::persistent(place.clone(), some(&paths));
    let r = complete(&s, "ferry");
    assert_eq!(titles(&r.hits), ["Café", "Ferry late", "Harbor fees"]);
    assert_eq!(s.take_note(), None, "rebuilt, not given up");
}

#[test]
fn an_index_of_another_build_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, paths) = library(tmp.path());
    drop(complete(
        &Searcher::persistent(place.clone(), some(&paths)),
        "ferry",
    ));
    let before = open(&place).files().unwrap();
    // The commit's record of the build that wrote it, changed as another build would have it.
    let meta = place.folder().unwrap().join("meta.json");
    let text = fs::read_to_string(&meta).unwrap();
    assert!(text.contains("byline-index "), "{text}");
    fs::write(&meta, text.replace("byline-index ", "byline-index 0")).unwrap();
    let after = open(&place).files().unwrap();
    assert!(after.is_empty(), "another build's index is not trusted");
    drop(complete(
        &Searcher::persistent(place.clone(), some(&paths)),
        "ferry",
    ));
    let rebuilt = open(&place).files().unwrap();
    assert_eq!(rebuilt.len(), before.len());
    assert!(
        rebuilt.iter().all(|(k, v)| before[k] != *v),
        "every file read again"
    );
}

#[test]
fn a_second_process_searches_in_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, paths) = library(tmp.path());
    let held = open(&place);
    let again = Disk::open(&place).unwrap_err();
    assert!(again.busy, "{}", again.why);
    let s = Searcher::persistent(place.clone(), some(&paths));
    let r = complete(&s, "ferry harb");
    let (want, count) = in_memory(&paths).search_counted("ferry harb", Searcher::LIMIT);
    assert_eq!((seen(&r.hits), r.matched), (seen(&want), count));
    let note = s.take_note().expect("says why once");
    assert!(note.contains("another byline"), "{note}");
    assert_eq!(s.take_note(), None, "only once");
    assert!(
        !s.files_changed(vec![paths[0].clone()]),
        "its owner rebuilds instead"
    );
    drop(held);
}

#[test]
fn a_cache_folder_that_cannot_be_written_searches_in_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut place, paths) = library(tmp.path());
    // A file where the cache folder should be: no user (root neither) can write below it.
    let blocker = tmp.path().join("blocker");
    fs::write(&blocker, "not a folder").unwrap();
    place.dir = blocker.join("cache");
    let s = Searcher::persistent(place, some(&paths));
    let r = complete(&s, "ferry");
    assert_eq!(titles(&r.hits), ["Café", "Ferry late", "Harbor fees"]);
    // Its owner keeps no list of ids for this worker: each hit names its file, as the
    // persistent index's hits do.
    for h in &r.hits {
        let p = h.path.as_ref().expect("a hit names its file");
        assert_eq!(Some(p), paths.get(h.id), "{}", h.title);
    }
    let note = s.take_note().expect("says why once");
    assert!(note.contains("searching in memory"), "{note}");
}

/// How many files the killed writer's library holds, so each commit takes a while.
const KILL_FILES: usize = 300;

#[test]
fn kill_during_a_commit_leaves_an_index_that_gives_the_files() {
    if let Some(dir) = std::env::var_os("BYLINE_TEST_INDEX_KILL_DIR") {
        run_writer(Path::new(&dir));
    }
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    fs::create_dir_all(&lib).unwrap();
    for i in 0..KILL_FILES {
        put(
            &lib,
            &format!("{i:04}.txt"),
            &format!("Story {i}"),
            &format!("word{i} ferry generation0"),
        );
    }
    let place = Place {
        dir: tmp.path().join("cache"),
        roots: vec![lib.clone()],
    };
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64 ^ u64::from(std::process::id());
    for round in 0..8 {
        let mut child = crate::common::test_child(
            "search_disk::kill_during_a_commit_leaves_an_index_that_gives_the_files",
        )
        .args(["--test-threads=1"])
        .env("BYLINE_TEST_INDEX_KILL_DIR", tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        let wait = if round == 0 {
            3000
        } else {
            200 + next(&mut rng) % 1500
        };
        std::thread::sleep(Duration::from_millis(wait));
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();
        // The writer rewrites files as it goes (each with the generation it wrote): whatever
        // the kill interrupted, a launch now must give exactly what the files say.
        let paths: Vec<PathBuf> = (0..KILL_FILES)
            .map(|i| lib.join(format!("{i:04}.txt")))
            .collect();
        let s = Searcher::persistent(place.clone(), some(&paths));
        assert_eq!(s.take_note(), None);
        let r = complete(&s, "ferry");
        assert_eq!(r.matched, KILL_FILES, "round {round}");
        let memory = in_memory(&paths);
        for q in ["generation1", "generation2", "generation0", "word7"] {
            let r = complete(&s, q);
            // All of them: with more than a page of equal scores, the two indexes may break
            // the ties differently, so each hit shown must be one of the in-memory index's.
            let (want, count) = memory.search_counted(q, KILL_FILES);
            assert_eq!(r.matched, count, "round {round}, {q}");
            let want = seen(&want);
            for hit in seen(&r.hits) {
                assert!(want.contains(&hit), "round {round}, {q}: {hit:?}");
            }
        }
    }
}

/// The killed child: rewrites the library's files a few at a time, each into the index with
/// a commit, for ever.
fn run_writer(dir: &Path) -> ! {
    let lib = dir.join("lib");
    let place = Place {
        dir: dir.join("cache"),
        roots: vec![lib.clone()],
    };
    let paths: Vec<PathBuf> = (0..KILL_FILES)
        .map(|i| lib.join(format!("{i:04}.txt")))
        .collect();
    let s = Searcher::persistent(place, some(&paths));
    complete(&s, "ferry");
    let mut rng = 0x2545_f491_4f6c_dd1d_u64 ^ u64::from(std::process::id());
    loop {
        let mut batch = Vec::new();
        for _ in 0..20 {
            let i = (next(&mut rng) % KILL_FILES as u64) as usize;
            let generation = 1 + next(&mut rng) % 2;
            // Written whole and renamed over, so a kill never leaves half an article (which
            // would be the test's fault, not the index's).
            let tmp = put(
                &lib,
                &format!(".{i:04}.tmp"),
                &format!("Story {i}"),
                &format!("word{i} ferry generation{generation}"),
            );
            fs::rename(tmp, &paths[i]).unwrap();
            batch.push(paths[i].clone());
        }
        assert!(s.files_changed(batch));
        // Longer than the worker's quiet time, so each batch is committed.
        std::thread::sleep(Duration::from_millis(600 + next(&mut rng) % 200));
    }
}

/// xorshift64: enough randomness for kill timings.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn a_query_is_answered_while_a_launch_checks_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let (place, paths) = library(tmp.path());
    {
        let s = Searcher::persistent(place.clone(), some(&paths));
        complete(&s, "ferry");
    }
    // A library long enough that checking it against the index takes a while: the same file
    // named again and again (each name is looked at, only the first is stat'ed).
    let mut long = some(&paths);
    long.extend(std::iter::repeat_n(Some(paths[1].clone()), 200_000));
    let s = Searcher::persistent(place.clone(), long);
    s.query("ferry".to_string());
    let first = s
        .wait_results(WAIT)
        .expect("an answer while the index is checked");
    // Answered before the check was through, over what the last launch committed.
    assert!(
        first.indexed < first.total,
        "answered only after the check: {} of {}",
        first.indexed,
        first.total
    );
    assert_eq!(titles(&first.hits), ["Café", "Ferry late", "Harbor fees"]);
    let r = complete(&s, "ferry");
    assert_eq!(r.indexed, r.total);
    assert_eq!(titles(&r.hits), titles(&first.hits));
}
