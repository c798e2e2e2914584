//! The backlinks pass kept beside the catalogue: a pass reads only the files that changed since
//! the last, and always gives what a full pass over every file gives.

use byline::load::catalog::links::{self, Pass};
use byline::load::head::Ids;
use byline::load::library::{Library, backlinks_with};
use byline::load::resolve::Resolver;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A wire article titled `title` whose related block names `related`.
fn article(title: &str, related: &[&str]) -> String {
    let mut s = format!("{title}\nMay 2, 2026\nBy ADA QUILL\nKESSEL — The board met about it.\n");
    if !related.is_empty() {
        s.push_str("Related Articles\n");
        for r in related {
            s.push_str(r);
            s.push('\n');
        }
    }
    s
}

/// Writes an article an hour old, so the racy rule does not apply to it.
fn put(root: &Path, rel: &str, title: &str, related: &[&str]) {
    crate::common::write_aged(root, rel, article(title, related).as_bytes());
}

/// A kept pass over the library at `root`, checked against a full pass: the backlinks must be
/// equal, lists in the same order. Returns how many files it read.
fn pass(root: &Path, keep: &Path) -> usize {
    let lib = Library::scan_with(&[root.to_path_buf()], Ids::Skip);
    let titles = lib.titles();
    let urls = lib.urls();
    let resolver = Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())))
        .with_urls(urls.iter().map(|(u, p)| (u.as_str(), p.as_path())));
    let files: Vec<PathBuf> = titles.into_iter().map(|(_, p)| p).collect();
    let Pass {
        backlinks, read, ..
    } = links::backlinks_kept(&resolver, &files, keep);
    assert_eq!(backlinks, backlinks_with(&resolver, &files));
    read
}

/// Who links to `rel`, as a kept pass says.
fn linking(root: &Path, keep: &Path, rel: &str) -> Vec<String> {
    let lib = Library::scan_with(&[root.to_path_buf()], Ids::Skip);
    let titles = lib.titles();
    let resolver = Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())));
    let files: Vec<PathBuf> = titles.into_iter().map(|(_, p)| p).collect();
    let pass = links::backlinks_kept(&resolver, &files, keep);
    let mut names: Vec<String> = pass
        .backlinks
        .get(&root.join(rel))
        .into_iter()
        .flatten()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("news");
    put(
        &root,
        "a.txt",
        "Tram line approved",
        &["Ferry fares rise again"],
    );
    put(&root, "b.txt", "Ferry fares rise again", &[]);
    put(&root, "c.txt", "Pier repairs begin", &[]);
    for i in 0..20 {
        put(
            &root,
            &format!("more/n{i:02}.txt"),
            &format!("Harbour note {i:02}"),
            &[],
        );
    }
    let keep = tmp.path().join("cache/library.links");
    (tmp, root, keep)
}

#[test]
fn added_changed_and_removed_linking_files_give_the_full_pass() {
    let (_tmp, root, keep) = setup();
    assert_eq!(pass(&root, &keep), 23, "the first pass reads every file");
    assert_eq!(linking(&root, &keep, "b.txt"), ["a.txt"]);
    assert_eq!(pass(&root, &keep), 0, "nothing changed, nothing read");
    // Added: a file linking to c.
    put(
        &root,
        "d.txt",
        "Council opens the new pier",
        &["Pier repairs begin"],
    );
    assert_eq!(pass(&root, &keep), 1, "added");
    assert_eq!(linking(&root, &keep, "c.txt"), ["d.txt"]);
    // Changed: a now links to c instead of b.
    put(
        &root,
        "a.txt",
        "Tram line approved",
        &["Pier repairs begin"],
    );
    assert_eq!(pass(&root, &keep), 1, "changed");
    assert_eq!(linking(&root, &keep, "c.txt"), ["a.txt", "d.txt"]);
    assert!(linking(&root, &keep, "b.txt").is_empty());
    // Removed: d goes, and with it its link.
    fs::remove_file(root.join("d.txt")).unwrap();
    assert_eq!(pass(&root, &keep), 0, "removed");
    assert_eq!(linking(&root, &keep, "c.txt"), ["a.txt"]);
    // A target retitled (the linking file unchanged): the kept headline is resolved again
    // against the new titles, without reading the linking file.
    put(&root, "c.txt", "Bridge closes for winter", &[]);
    assert_eq!(pass(&root, &keep), 1, "only the retitled target is read");
    assert!(linking(&root, &keep, "c.txt").is_empty(), "no longer named");
    put(&root, "more/n05.txt", "Pier repairs begin", &[]);
    assert_eq!(pass(&root, &keep), 1);
    assert_eq!(linking(&root, &keep, "more/n05.txt"), ["a.txt"]);
}

#[test]
fn a_damaged_or_missing_links_file_means_reading_every_file() {
    let (_tmp, root, keep) = setup();
    pass(&root, &keep);
    let whole = fs::read(&keep).unwrap();
    let nl = whole.iter().position(|&b| b == b'\n').unwrap();
    let damaged = [whole[..whole.len() / 2].to_vec(), b"garbage".to_vec(), {
        let mut b = whole.clone();
        b[nl + 3] ^= 0x10;
        b
    }];
    for (i, bytes) in damaged.iter().enumerate() {
        fs::write(&keep, bytes).unwrap();
        assert_eq!(pass(&root, &keep), 23, "case {i}");
        assert_eq!(
            pass(&root, &keep),
            0,
            "case {i}: the rewritten file is used"
        );
    }
    fs::remove_file(&keep).unwrap();
    assert_eq!(pass(&root, &keep), 23);
}

#[test]
fn a_file_changed_within_the_racy_window_is_read_again() {
    let (_tmp, root, keep) = setup();
    // Written just now: within two seconds of the pass, so never trusted by the next one.
    crate::common::write(
        &root,
        "e.txt",
        article("Glassworks reopen", &["Pier repairs begin"]).as_bytes(),
    );
    assert_eq!(pass(&root, &keep), 24);
    assert_eq!(pass(&root, &keep), 1, "the racy file is read again");
    assert_eq!(linking(&root, &keep, "c.txt"), ["e.txt"]);
}

#[test]
fn the_catalogue_scan_names_the_links_file_and_the_library_uses_it() {
    let (tmp, root, _) = setup();
    let cache = byline::load::catalog::Cache::new(tmp.path().join("cache2"));
    let scan = byline::load::catalog::scan(std::slice::from_ref(&root), Ids::Now, &cache);
    let file = scan
        .library
        .links_file
        .clone()
        .expect("a links file beside the catalogue");
    assert_eq!(file.parent(), Some(cache.dir()));
    let lib = scan.library;
    let titles = lib.titles();
    let resolver = Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())));
    (lib.backlinks_job().unwrap())(&resolver);
    assert_eq!(
        lib.backlinks.get().unwrap().get(&root.join("b.txt")),
        Some(vec![root.join("a.txt")])
    );
    assert!(file.is_file(), "the pass kept what it read");
}

#[test]
fn a_pass_cut_short_keeps_what_it_read_and_the_old_links_it_did_not_reach() {
    let (_tmp, root, keep) = setup();
    assert_eq!(pass(&root, &keep), 23);
    // Every file written again (new stats), then a pass that ends after 10 files, as when
    // the reader quits during a long first pass: it wrote what it had read as it went.
    for rel in ["a.txt", "b.txt", "c.txt"] {
        let body = fs::read_to_string(root.join(rel)).unwrap();
        crate::common::write_aged(&root, rel, format!("{body}More.\n").as_bytes());
    }
    for i in 0..20 {
        put(
            &root,
            &format!("more/n{i:02}.txt"),
            &format!("Harbour note {i:02} again"),
            &[],
        );
    }
    let lib = Library::scan_with(&[root.to_path_buf()], Ids::Skip);
    let titles = lib.titles();
    let resolver = Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())));
    let files: Vec<PathBuf> = titles.into_iter().map(|(_, p)| p).collect();
    let cut = links::backlinks_kept_with(&resolver, &files, &keep, Duration::ZERO, Some(10));
    assert_eq!(cut.read, 10);
    // The next pass reads only the 13 it had not reached, and gives the full pass's result.
    assert_eq!(pass(&root, &keep), 13);
    assert_eq!(pass(&root, &keep), 0);
    // The old links of files a cut pass did not reach stay good: one file changed, a pass
    // cut right after reading it, and the next pass reads nothing.
    put(&root, "more/n19.txt", "Harbour note 19 once more", &[]);
    let lib = Library::scan_with(&[root.to_path_buf()], Ids::Skip);
    let titles = lib.titles();
    let resolver = Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())));
    let mut files: Vec<PathBuf> = titles.into_iter().map(|(_, p)| p).collect();
    // The changed file first, so the cut pass reads it and then writes.
    let at = files
        .iter()
        .position(|p| p.ends_with("more/n19.txt"))
        .unwrap();
    files.swap(0, at);
    let cut = links::backlinks_kept_with(&resolver, &files, &keep, Duration::ZERO, Some(1));
    assert_eq!(cut.read, 1);
    assert_eq!(
        pass(&root, &keep),
        0,
        "the 22 it did not reach came from the old pass"
    );
}

#[test]
fn kept_links_are_resolved_again_only_when_the_library_changed() {
    let (_tmp, root, keep) = setup();
    let run = |root: &Path| {
        let lib = Library::scan_with(&[root.to_path_buf()], Ids::Skip);
        let titles = lib.titles();
        let resolver = Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())));
        let files: Vec<PathBuf> = titles.into_iter().map(|(_, p)| p).collect();
        let pass = links::backlinks_kept(&resolver, &files, &keep);
        assert_eq!(pass.backlinks, backlinks_with(&resolver, &files));
        (pass.read, pass.resolved)
    };
    assert_eq!(run(&root), (23, 0), "read and resolved once");
    assert_eq!(
        run(&root),
        (0, 0),
        "the same library: nothing read, nothing resolved"
    );
    // A title changes: every kept file's links are resolved again against the new titles.
    put(&root, "c.txt", "Pier repairs begin at last", &[]);
    assert_eq!(run(&root), (1, 22));
    assert_eq!(run(&root), (0, 0));
}
