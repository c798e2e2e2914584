//! The catalogue of list rows: a launch reads only new and changed files, and any catalogue that
//! does not check out (truncated, corrupt, another format) is rebuilt, never trusted.

use byline::load::catalog::{self, Cache, store};
use byline::load::head::Ids;
use byline::load::library::Library;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A wire article titled `title` (the body pads it, so titles of one length give one size).
fn article(title: &str, day: u32) -> String {
    format!("{title}\nMay {day}, 2026\nBy ADA QUILL\nKESSEL — The harbour board met on {title}.\n")
}

/// Writes `text` at `dir/rel` with an mtime an hour ago, so the racy rule does not apply.
fn put(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = crate::common::write(dir, rel, text.as_bytes());
    age(&p);
    p
}

/// Sets `path`'s mtime an hour back.
fn age(path: &Path) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

/// A row as compared: path, title, date, id.
type Seen = (PathBuf, String, Option<String>, String);

/// The rows, sorted, plus the problems.
fn rows(lib: &Library) -> (Vec<Seen>, Vec<String>) {
    let mut r: Vec<_> = lib
        .entries
        .iter()
        .map(|e| {
            (
                e.row.path_buf().unwrap(),
                e.row.title().to_string(),
                e.row.date_iso().map(str::to_string),
                e.row.state_id().into_owned(),
            )
        })
        .collect();
    r.sort();
    // Walk problems come in the order the folders list their entries, which no one promises.
    let mut problems = lib.problems.clone();
    problems.sort();
    (r, problems)
}

/// Scans `root` through the catalogue in `cache`, writes the new catalogue, checks the rows
/// against a scan without it, and returns how many files were read.
fn launch(root: &Path, cache: &Cache) -> usize {
    let scan = catalog::scan(&[root.to_path_buf()], Ids::Later, cache);
    let plain = Library::scan_with(&[root.to_path_buf()], Ids::Now);
    assert_eq!(rows(&scan.library), rows(&plain));
    if let Some(p) = scan.pending {
        p.write().unwrap();
    }
    scan.read
}

fn setup() -> (tempfile::TempDir, PathBuf, Cache) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("news");
    put(&root, "a.txt", &article("Tram depot reopens", 1));
    put(&root, "b.txt", &article("Quay lights repaired", 2));
    put(
        &root,
        "old/c.md",
        "---\ntitle: Orchard fair returns\ndate: 2026-04-03\n---\n\nApples.\n",
    );
    put(&root, "old/deep/d.txt", &article("Bell tower silent", 4));
    put(&root, "notes.pdf", "not an article");
    let cache = Cache::new(tmp.path().join("cache"));
    (tmp, root, cache)
}

#[test]
fn a_second_launch_reads_nothing_and_gives_the_same_rows() {
    let (_tmp, root, cache) = setup();
    assert_eq!(launch(&root, &cache), 4);
    assert_eq!(launch(&root, &cache), 0);
    assert_eq!(launch(&root, &cache), 0);
}

#[test]
fn added_changed_renamed_and_deleted_files_are_read_or_dropped() {
    let (_tmp, root, cache) = setup();
    launch(&root, &cache);
    put(&root, "old/new.txt", &article("Night ferry added", 5));
    assert_eq!(launch(&root, &cache), 1, "added");
    put(&root, "a.txt", &article("Tram depot reopens at last", 1));
    assert_eq!(launch(&root, &cache), 1, "changed");
    fs::rename(root.join("b.txt"), root.join("old/b2.txt")).unwrap();
    assert_eq!(launch(&root, &cache), 1, "renamed");
    fs::remove_file(root.join("old/c.md")).unwrap();
    assert_eq!(launch(&root, &cache), 0, "deleted");
    // Same size, same mtime, new content: the inode and ctime tell (a file replaced by rename).
    let p = root.join("a.txt");
    let before = fs::metadata(&p).unwrap().modified().unwrap();
    let tmp = root.join("x.tmp");
    fs::write(&tmp, article("Tram depot reopens at LAST", 1)).unwrap();
    fs::File::options()
        .write(true)
        .open(&tmp)
        .unwrap()
        .set_modified(before)
        .unwrap();
    fs::rename(&tmp, &p).unwrap();
    assert_eq!(launch(&root, &cache), 1, "replaced");
}

#[test]
fn added_renamed_and_deleted_folders_are_walked_or_dropped() {
    let (_tmp, root, cache) = setup();
    launch(&root, &cache);
    put(&root, "fresh/one.txt", &article("Salt marsh survey", 6));
    put(
        &root,
        "fresh/two/three.txt",
        &article("Glass museum opens", 7),
    );
    assert_eq!(launch(&root, &cache), 2, "added folder");
    fs::rename(root.join("fresh"), root.join("moved")).unwrap();
    assert_eq!(launch(&root, &cache), 2, "renamed folder");
    fs::remove_dir_all(root.join("old")).unwrap();
    assert_eq!(launch(&root, &cache), 0, "deleted folder");
    // A hidden folder and a non-article file stay out, cached or not.
    put(&root, ".git/x.txt", &article("Hidden", 8));
    put(&root, "moved/readme.rtf", "x");
    assert_eq!(launch(&root, &cache), 0, "hidden and other files");
}

#[test]
fn a_file_changed_within_the_same_tick_is_read_again() {
    let (_tmp, root, cache) = setup();
    launch(&root, &cache);
    let path = root.join("b.txt");
    // Two writes in one clock tick leave the file's stat as it was: simulate that exactly by
    // recording the new content's stat in the catalogue beside the old rows.
    fs::write(&path, article("Quay lights REPAIRED", 2)).unwrap();
    let stat = store::Stat::of(&fs::metadata(&path).unwrap());
    let (file, _) = cache.file_for(std::slice::from_ref(&root)).unwrap();
    let rewrite = |stamp: i64| {
        let mut cat = store::load(&file, &store::build()).unwrap();
        let top = cat.folders.iter_mut().find(|f| f.rel.is_empty()).unwrap();
        let rec = top.files.iter_mut().find(|f| f.name == "b.txt").unwrap();
        rec.stat = stat;
        // The folder's own stamp is the one its files are judged by.
        top.stamp = stamp;
        cat.stamp = stamp;
        // A log id no log has: the catalogue is read alone.
        fs::write(&file, store::encode(&cat, &store::build(), 1)).unwrap();
    };
    let titles = |s: &catalog::Scan| -> Vec<String> {
        s.library
            .entries
            .iter()
            .map(|e| e.row.title().to_string())
            .collect()
    };
    // Recorded within two seconds of the mtime: racy, so read again.
    rewrite(stat.1 + 1_000_000);
    let scan = catalog::scan(std::slice::from_ref(&root), Ids::Now, &cache);
    assert_eq!(scan.read, 1);
    assert!(titles(&scan).contains(&"Quay lights REPAIRED".to_string()));
    // The control: recorded long after, the same stat is trusted and the old row kept.
    rewrite(stat.1 + 10 * store::RACY_NS);
    let scan = catalog::scan(std::slice::from_ref(&root), Ids::Now, &cache);
    assert_eq!(scan.read, 0);
    assert!(titles(&scan).contains(&"Quay lights repaired".to_string()));
}

#[test]
fn a_truncated_corrupt_or_other_version_catalogue_is_rebuilt() {
    let (_tmp, root, cache) = setup();
    launch(&root, &cache);
    let (file, _) = cache.file_for(std::slice::from_ref(&root)).unwrap();
    let whole = fs::read(&file).unwrap();
    let damaged: Vec<Vec<u8>> = vec![
        whole[..whole.len() / 2].to_vec(),
        Vec::new(),
        b"\x00\x01garbage".to_vec(),
        {
            let mut b = whole.clone();
            let k = b.len() - 40;
            b[k] ^= 0x20;
            b
        },
        {
            // The header line names the format; the body is binary.
            let nl = whole.iter().position(|&b| b == b'\n').unwrap();
            let header = std::str::from_utf8(&whole[..nl]).unwrap().replacen(
                &format!(" {} ", store::FORMAT),
                &format!(" {} ", store::FORMAT + 1),
                1,
            );
            [header.as_bytes(), &whole[nl..]].concat()
        },
    ];
    for (i, bytes) in damaged.iter().enumerate() {
        fs::write(&file, bytes).unwrap();
        assert_eq!(launch(&root, &cache), 4, "case {i}: rebuilt from the files");
        assert_eq!(
            launch(&root, &cache),
            0,
            "case {i}: the rebuilt one is used"
        );
    }
}

#[test]
fn an_unreadable_file_is_reported_every_launch() {
    let (_tmp, root, cache) = setup();
    put(&root, "bad.txt", "\u{0}\u{1}\u{2}binary\u{0}");
    launch(&root, &cache);
    let scan = catalog::scan(std::slice::from_ref(&root), Ids::Now, &cache);
    assert_eq!(
        scan.library.problems.len(),
        1,
        "{:?}",
        scan.library.problems
    );
    assert!(scan.pending.is_none(), "nothing changed, nothing to write");
}

/// Issue 15 point 8: a FIFO in a library folder is never opened (that would block) and is
/// reported as skipped on every launch, cold and from the catalogue, as the plain scan does.
#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_reported_every_launch_and_never_opened() {
    let (_tmp, root, cache) = setup();
    let fifo = root.join("old/pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
    // The folder dated back too, so the next launches replay its entries from the catalogue
    // instead of listing it again.
    fs::File::open(root.join("old"))
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    let want = vec![format!("{}: not a regular file (FIFO)", fifo.display())];
    for launch_no in 0..3 {
        // `launch` also checks rows and problems against the scan without a catalogue.
        assert_eq!(launch(&root, &cache), if launch_no == 0 { 4 } else { 0 });
        let scan = catalog::scan(std::slice::from_ref(&root), Ids::Now, &cache);
        assert_eq!(scan.library.problems, want, "launch {launch_no}");
        assert_eq!(scan.library.entries.len(), 4);
    }
}

#[test]
fn writers_racing_on_one_catalogue_leave_a_whole_one() {
    let (_tmp, root, cache) = setup();
    let writers: Vec<_> = (0..4)
        .map(|_| {
            let (root, cache) = (root.clone(), cache.clone());
            std::thread::spawn(move || {
                for _ in 0..5 {
                    let scan = catalog::scan(std::slice::from_ref(&root), Ids::Now, &cache);
                    assert_eq!(scan.library.entries.len(), 4);
                    // Rebuilt from scratch each time, so each write is a real one.
                    if let Some(p) = scan.pending {
                        p.write().unwrap();
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let (file, _) = cache.file_for(std::slice::from_ref(&root)).unwrap();
    assert!(store::load(&file, &store::build()).is_some());
    let left: Vec<String> = fs::read_dir(cache.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // The catalogue, its log and the writers' lock file.
    assert_eq!(left.len(), 3, "no temp file left behind: {left:?}");
}

#[test]
fn the_cache_folder_follows_the_environment() {
    let env = crate::common::fake_env(&[
        ("HOME", "/home/ann"),
        ("XDG_CACHE_HOME", "/xdg"),
        ("BYLINE_CACHE_DIR", "/mine"),
    ]);
    assert_eq!(catalog::default_dir_from(env), Some(PathBuf::from("/mine")));
    let env = crate::common::fake_env(&[("HOME", "/home/ann"), ("XDG_CACHE_HOME", "/xdg")]);
    assert_eq!(
        catalog::default_dir_from(env),
        Some(PathBuf::from("/xdg/byline"))
    );
    let env = crate::common::fake_env(&[("HOME", "/home/ann"), ("XDG_CACHE_HOME", "")]);
    assert_eq!(
        catalog::default_dir_from(env),
        Some(PathBuf::from("/home/ann/.cache/byline"))
    );
    assert_eq!(
        catalog::default_dir_from(crate::common::fake_env(&[])),
        None
    );
}

#[test]
fn an_edit_that_puts_the_mtime_back_is_still_seen() {
    let (_tmp, root, cache) = setup();
    launch(&root, &cache);
    // Same size, the old mtime restored (as `touch -d` or `cp -p` would): the ctime tells.
    let p = root.join("b.txt");
    let before = fs::metadata(&p).unwrap().modified().unwrap();
    fs::write(&p, article("Quay lights REPAIRED", 2)).unwrap();
    let f = fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(before).unwrap();
    assert_eq!(fs::metadata(&p).unwrap().modified().unwrap(), before);
    assert_eq!(launch(&root, &cache), 1);
}

#[test]
fn a_file_dated_in_the_future_is_read_every_launch() {
    // Clock skew (a file from a machine whose clock runs ahead): its mtime is never safely in
    // the past, so it is never trusted, and its rows are always right.
    let (_tmp, root, cache) = setup();
    let p = root.join("a.txt");
    fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(86_400))
        .unwrap();
    assert_eq!(launch(&root, &cache), 4);
    assert_eq!(launch(&root, &cache), 1);
    assert_eq!(launch(&root, &cache), 1);
}

#[cfg(unix)]
#[test]
fn links_loops_and_dangling_links_are_walked_as_without_the_catalogue() {
    use std::os::unix::fs::symlink;
    let (tmp, root, cache) = setup();
    let outside = tmp.path().join("outside");
    put(&outside, "far.txt", &article("Lighthouse keepers vote", 9));
    symlink(&outside, root.join("linked")).unwrap();
    symlink(&root, root.join("old/loop")).unwrap();
    symlink(root.join("nowhere.txt"), root.join("dangling.txt")).unwrap();
    assert_eq!(launch(&root, &cache), 5);
    assert_eq!(launch(&root, &cache), 0);
    // Behind a link the folder's own stat changes, not the linking one's.
    put(
        &outside,
        "near.txt",
        &article("Glassblowers open the works", 10),
    );
    assert_eq!(launch(&root, &cache), 1);
    // The dangling link comes to point at an article.
    put(
        &root,
        "nowhere.txt",
        &article("Mapmakers redraw the coast", 11),
    );
    assert_eq!(
        launch(&root, &cache),
        2,
        "the new file, once itself and once through the link"
    );
}

#[test]
fn several_roots_and_a_file_named_alone_are_kept_too() {
    let (tmp, root, cache) = setup();
    let other = tmp.path().join("other");
    let lone = put(&other, "story.text", &article("Cannery shutters", 12));
    put(&other, "odd.rtf", "not read unless named");
    let odd = other.join("odd.rtf");
    let roots = [root.join("old"), lone.clone(), odd, root.join("a.txt")];
    let go = || {
        let scan = catalog::scan(&roots, Ids::Now, &cache);
        assert_eq!(
            rows(&scan.library),
            rows(&Library::scan_with(&roots, Ids::Now))
        );
        if let Some(p) = scan.pending {
            p.write().unwrap();
        }
        scan.read
    };
    assert_eq!(go(), 5);
    assert_eq!(go(), 0);
    put(&other, "story.text", &article("Cannery shutters again", 12));
    assert_eq!(go(), 1);
}

/// The catalogue's identity and size: a whole rewrite changes the inode.
fn base(cache: &Cache, root: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let (file, _) = cache.file_for(&[root.to_path_buf()]).unwrap();
    let m = fs::metadata(file).unwrap();
    (m.ino(), m.len())
}

/// The size of the catalogue's log.
fn log_len(cache: &Cache, root: &Path) -> u64 {
    let (file, _) = cache.file_for(&[root.to_path_buf()]).unwrap();
    fs::metadata(store::log_of(&file)).map_or(0, |m| m.len())
}

/// A library of `n` files in `big/` (so its folder record is large) and one in `small/`.
fn big_library(n: usize) -> (tempfile::TempDir, PathBuf, Cache) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("news");
    for i in 0..n {
        put(
            &root,
            &format!("big/{i:04}.txt"),
            &article(&format!("Harbour note {i:04}"), 3),
        );
    }
    put(
        &root,
        "small/one.txt",
        &article("Lighthouse keeper retires", 9),
    );
    // Folders an hour old too, so the first launch's records are not racy.
    for dir in [root.join("big"), root.join("small"), root.clone()] {
        fs::File::open(&dir)
            .unwrap()
            .set_modified(SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }
    let cache = Cache::new(tmp.path().join("cache"));
    (tmp, root, cache)
}

#[test]
fn a_change_appends_only_its_folder_and_leaves_the_catalogue_alone() {
    let (_tmp, root, cache) = big_library(300);
    assert_eq!(launch(&root, &cache), 301);
    let whole = base(&cache, &root);
    let log0 = log_len(&cache, &root);
    put(
        &root,
        "small/one.txt",
        &article("Lighthouse keeper retires early", 9),
    );
    assert_eq!(launch(&root, &cache), 1, "changed");
    assert_eq!(
        base(&cache, &root),
        whole,
        "the catalogue was not rewritten"
    );
    let grew = log_len(&cache, &root) - log0;
    assert!(
        grew > 0 && grew * 20 < whole.1,
        "the log grew by {grew} bytes against a catalogue of {}",
        whole.1
    );
    // Added, renamed and deleted folders go by the log too, and the next launch reads nothing.
    put(&root, "fresh/two.txt", &article("Tide tables printed", 4));
    assert_eq!(launch(&root, &cache), 1, "added folder");
    fs::rename(root.join("fresh"), root.join("moved")).unwrap();
    assert_eq!(launch(&root, &cache), 1, "renamed folder");
    fs::remove_dir_all(root.join("small")).unwrap();
    assert_eq!(launch(&root, &cache), 0, "deleted folder");
    assert_eq!(base(&cache, &root), whole, "still only appended");
    assert_eq!(launch(&root, &cache), 0, "all of it read back from the log");
}

#[test]
fn a_log_cut_anywhere_or_not_the_catalogues_gives_the_files_rows() {
    let (_tmp, root, cache) = setup();
    launch(&root, &cache);
    let (file, _) = cache.file_for(std::slice::from_ref(&root)).unwrap();
    let log = store::log_of(&file);
    let start = fs::metadata(&log).unwrap().len();
    put(&root, "a.txt", &article("Tram depot reopens at last", 1));
    launch(&root, &cache);
    put(
        &root,
        "old/c.md",
        "---\ntitle: Orchard fair moves\ndate: 2026-04-04\n---\n\nPears.\n",
    );
    launch(&root, &cache);
    let whole = fs::read(&log).unwrap();
    assert!(whole.len() as u64 > start, "two records appended");
    let plain = rows(&Library::scan_with(std::slice::from_ref(&root), Ids::Now));
    for cut in start as usize..whole.len() {
        fs::write(&log, &whole[..cut]).unwrap();
        let scan = catalog::scan(std::slice::from_ref(&root), Ids::Now, &cache);
        assert_eq!(rows(&scan.library), plain, "log cut at {cut}");
        // The folders whose records were cut off are read again, never taken as they were.
        assert!(scan.read >= usize::from(cut < whole.len()), "cut at {cut}");
    }
    // A log left from another catalogue (its id differs) is not read.
    let other = [
        b"byline-catalogue-log 3 0000000000000001\n".as_slice(),
        &whole[start as usize..],
    ]
    .concat();
    fs::write(&log, other).unwrap();
    let scan = catalog::scan(std::slice::from_ref(&root), Ids::Now, &cache);
    assert_eq!(rows(&scan.library), plain);
    assert_eq!(scan.read, 2, "both changed files are read, the log ignored");
}

#[test]
fn a_grown_log_is_folded_into_a_new_catalogue() {
    let (_tmp, root, cache) = big_library(600);
    launch(&root, &cache);
    let first = base(&cache, &root);
    let mut rewritten = None;
    for round in 0..12 {
        put(
            &root,
            "big/0000.txt",
            &article(&format!("Harbour note, take {round}"), 3),
        );
        assert_eq!(launch(&root, &cache), 1);
        if base(&cache, &root).0 != first.0 {
            rewritten = Some(round);
            break;
        }
    }
    let round = rewritten.expect("the catalogue was rewritten once the log had grown");
    assert!(round >= 2, "not on the first appends (round {round})");
    assert!(
        log_len(&cache, &root) < 100,
        "a new, empty log: {}",
        log_len(&cache, &root)
    );
    assert_eq!(launch(&root, &cache), 0);
}

/// Sets the folder `dir`'s mtime an hour back, so a catalogue recording it can replay it.
fn age_dir(dir: &Path) {
    fs::File::open(dir)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

/// [`setup`]'s library with its folders dated an hour back and recorded in the catalogue.
fn recorded() -> (tempfile::TempDir, PathBuf, Cache) {
    let (tmp, root, cache) = setup();
    for dir in ["", "old", "old/deep"] {
        age_dir(&root.join(dir));
    }
    launch(&root, &cache);
    (tmp, root, cache)
}

#[test]
fn a_launch_on_trust_gives_a_full_walks_rows_and_stats_no_article_file() {
    let (_tmp, root, cache) = recorded();
    let scan = catalog::scan_trusting(std::slice::from_ref(&root), Ids::Later, &cache);
    let plain = Library::scan_with(std::slice::from_ref(&root), Ids::Now);
    assert_eq!(rows(&scan.library), rows(&plain));
    assert_eq!(scan.read, 0);
    // Every article file was taken on trust, and none changed since.
    let recheck = scan.recheck.expect("files taken on trust");
    assert_eq!(recheck.len(), 4);
    assert!(recheck.changed().is_empty());
}

#[test]
fn a_file_rewritten_in_place_is_found_by_the_check_after_a_launch_on_trust() {
    let (_tmp, root, cache) = recorded();
    let b = root.join("b.txt");
    // Rewritten in place: the folder's entries, so its stat, stay as they were.
    fs::write(&b, article("Quay lights fail again", 2)).unwrap();
    let scan = catalog::scan_trusting(std::slice::from_ref(&root), Ids::Later, &cache);
    let title_of = |lib: &Library, p: &Path| {
        let e = lib.entries.iter().find(|e| e.row.path() == Some(p));
        e.map(|e| e.row.title().to_string())
    };
    // The first frame shows the row the catalogue kept ...
    assert_eq!(
        title_of(&scan.library, &b).as_deref(),
        Some("Quay lights repaired")
    );
    // ... and the check after it names the file, for the reader to read again.
    let recheck = scan.recheck.expect("files taken on trust");
    assert_eq!(recheck.changed(), std::slice::from_ref(&b));
    let mut named = Vec::new();
    recheck.run(|files| named = files).unwrap();
    assert_eq!(named, std::slice::from_ref(&b));
    // The catalogue was written again: the next launch has the new row.
    let scan = catalog::scan_trusting(std::slice::from_ref(&root), Ids::Later, &cache);
    let plain = Library::scan_with(std::slice::from_ref(&root), Ids::Now);
    assert_eq!(rows(&scan.library), rows(&plain));
    assert_eq!(
        title_of(&scan.library, &b).as_deref(),
        Some("Quay lights fail again")
    );
}

#[test]
fn a_file_removed_behind_an_unchanged_folder_stat_is_named_by_the_check() {
    let (_tmp, root, cache) = recorded();
    let scan = catalog::scan_trusting(std::slice::from_ref(&root), Ids::Later, &cache);
    let recheck = scan.recheck.expect("files taken on trust");
    // Gone after the walk (the reader's watcher also sees it): the check names it too.
    let c = root.join("old/c.md");
    fs::remove_file(&c).unwrap();
    assert_eq!(recheck.changed(), [c]);
}

#[test]
fn a_first_launch_on_trust_reads_as_without_a_catalogue_and_makes_it_after() {
    let (_tmp, root, cache) = setup();
    let roots = std::slice::from_ref(&root);
    let scan = catalog::scan_trusting(roots, Ids::Later, &cache);
    let plain = Library::scan_with(roots, Ids::Now);
    assert_eq!(rows(&scan.library), rows(&plain));
    // Nothing is written before the first frame: the catalogue is made by the check after it.
    assert!(scan.pending.is_none());
    let recheck = scan.recheck.expect("the catalogue to make");
    assert!(recheck.makes_catalogue());
    let mut named = None;
    recheck.run(|files| named = Some(files)).unwrap();
    assert_eq!(named, None, "no file changed");
    // The next launch takes every row from it.
    let again = catalog::scan(roots, Ids::Later, &cache);
    assert_eq!(again.read, 0);
    assert_eq!(rows(&again.library), rows(&plain));
}
