//! The catalogue under kill -9: a writer killed at any moment of a save (appending to the log,
//! writing a new catalogue, starting its new log) leaves a cache the next launch either uses
//! rightly or rebuilds: never a wrong row, never a refused start.

use byline::load::catalog::{self, Cache, store};
use byline::load::head::Ids;
use byline::load::library::Library;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How many files the writer's big folder holds: each save after a change appends that whole
/// folder to the log, so the log is folded into a new catalogue every few saves and the kills
/// land in both kinds of write.
const FILES: usize = 400;

/// The child's environment variable naming the library and cache folder.
const ENV: &str = "BYLINE_TEST_CATALOGUE_KILL_DIR";

/// A wire article; `day` varies its date so a stale row differs in more than its title.
fn article(title: &str, day: u64) -> String {
    format!(
        "{title}\nMay {}, 2026\nBy ADA QUILL and IVO LENK\nKESSEL — The harbour board met about {title}.\n",
        1 + day % 28
    )
}

/// Writes `text` at `dir/rel` whole (a hidden temp file renamed over, so a kill never leaves
/// half an article), with an mtime in the past so the catalogue trusts its stat from then on.
fn put(dir: &Path, rel: &str, text: &str, age_secs: u64) {
    let path = dir.join(rel);
    let parent = path.parent().unwrap();
    fs::create_dir_all(parent).unwrap();
    let tmp = parent.join(format!(".put-{}", std::process::id()));
    fs::write(&tmp, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&tmp)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(age_secs))
        .unwrap();
    fs::rename(&tmp, &path).unwrap();
}

/// Every field of every row, sorted, and the problems: what a launch shows.
fn shown(lib: &Library) -> (Vec<String>, Vec<String>) {
    let mut rows: Vec<String> = lib.entries.iter().map(|e| format!("{:?}", e.row)).collect();
    rows.sort();
    let mut problems = lib.problems.clone();
    problems.sort();
    (rows, problems)
}

/// The files in the cache folder that a writer with process id `pid` writes and then renames
/// (a new catalogue, a new log).
fn child_temps(cache: &Path, pid: u32) -> Vec<String> {
    let tag = format!(".{pid}-");
    fs::read_dir(cache)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") && n.contains(&tag))
        .collect()
}

#[test]
fn kill_during_a_save_never_gives_a_wrong_row_nor_a_refused_start() {
    if let Some(dir) = std::env::var_os(ENV) {
        run_writer(Path::new(&dir));
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("news");
    for i in 0..FILES {
        let rel = format!("big/{i:04}.txt");
        put(
            &root,
            &rel,
            &article(&format!("Harbour note {i:04}"), 0),
            7200,
        );
    }
    put(
        &root,
        "small/one.txt",
        &article("Lighthouse keeper retires", 3),
        7200,
    );
    let cache_dir = tmp.path().join("cache");
    let cache = Cache::new(cache_dir.clone());
    let (file, _) = cache.file_for(std::slice::from_ref(&root)).unwrap();
    let log = store::log_of(&file);
    let mut rng = seed();
    let (mut mid_write, mut rewrites) = (0, 0);
    let mut last_base = None;
    for round in 0..30 {
        let mut child = crate::common::test_child(
            "catalog_kill::kill_during_a_save_never_gives_a_wrong_row_nor_a_refused_start",
        )
        .args(["--test-threads=1"])
        .env(ENV, tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        let pid = child.id();
        if round == 0 {
            // Let the first writer get a catalogue down, so every kill lands among real saves.
            let start = Instant::now();
            while !log.exists() && start.elapsed() < Duration::from_secs(60) {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        let start = Instant::now();
        match round % 3 {
            0 => std::thread::sleep(Duration::from_millis(5 + next(&mut rng) % 200)),
            // Aim at the riskiest moments: a record being appended to the log, and a new
            // catalogue or log being written beside the old one.
            1 => {
                let len = || fs::metadata(&log).map_or(0, |m| m.len());
                let before = len();
                while start.elapsed() < Duration::from_secs(3) && len() <= before {}
            }
            _ => {
                while start.elapsed() < Duration::from_secs(3)
                    && child_temps(&cache_dir, pid).is_empty()
                {}
            }
        }
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();
        if !child_temps(&cache_dir, pid).is_empty() {
            mid_write += 1;
        }
        use std::os::unix::fs::MetadataExt;
        let base = fs::metadata(&file).ok().map(|m| m.ino());
        if base != last_base {
            rewrites += 1;
            last_base = base;
        }
        // What a launch now shows is what the files say.
        let paths = [root.clone()];
        let scan = catalog::scan(&paths, Ids::Now, &cache);
        let fresh = Library::scan_with(&paths, Ids::Now);
        assert_eq!(shown(&scan.library), shown(&fresh), "round {round}");
        assert_eq!(fresh.entries.len(), scan.library.entries.len());
        assert!(
            fresh.entries.len() > FILES,
            "round {round}: the library is all there"
        );
        // And it can save after the killed writer (its lock died with it).
        if let Some(p) = scan.pending {
            p.write().unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
    }
    assert!(
        rewrites >= 2,
        "the catalogue was rewritten {rewrites} times"
    );
    // Not asserted (it depends on timing), but shows the kills hit real writes.
    eprintln!("{mid_write} of 30 kills left a temp file, {rewrites} rounds saw a new catalogue");
    // The catalogue left by the kills and the launches after them is used, not rebuilt: a
    // launch now reads no file (every file's mtime is old, so none is racy).
    let paths = [root.clone()];
    let scan = catalog::scan(&paths, Ids::Now, &cache);
    if let Some(p) = scan.pending {
        p.write().unwrap();
    }
    let again = catalog::scan(&paths, Ids::Now, &cache);
    assert_eq!(again.read, 0, "the catalogue was used");
    assert_eq!(
        shown(&again.library),
        shown(&Library::scan_with(&paths, Ids::Now))
    );
}

/// The killed child: retitles a few files of the big folder, adds and removes folders now and
/// then, and saves the catalogue as a launch does, until it is killed.
fn run_writer(dir: &Path) -> ! {
    let root = dir.join("news");
    let cache = Cache::new(dir.join("cache"));
    let paths = [root.clone()];
    let mut rng = seed();
    let mut generation = next(&mut rng) % 1_000_000;
    let mut fresh: Vec<PathBuf> = Vec::new();
    loop {
        generation += 1;
        for _ in 0..3 {
            let i = next(&mut rng) as usize % FILES;
            let title = format!("Harbour note {i:04}, take {generation}");
            put(
                &root,
                &format!("big/{i:04}.txt"),
                &article(&title, generation),
                3600,
            );
        }
        match generation % 4 {
            0 => {
                let rel = format!("fresh-{generation}/one.txt");
                put(
                    &root,
                    &rel,
                    &article("Tide tables printed", generation),
                    3600,
                );
                fresh.push(root.join(format!("fresh-{generation}")));
            }
            2 if fresh.len() > 3 => {
                let gone = fresh.remove(0);
                fs::remove_dir_all(gone).unwrap();
            }
            _ => {}
        }
        let scan = catalog::scan(&paths, Ids::Now, &cache);
        if let Some(p) = scan.pending {
            let _ = p.write();
        }
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
