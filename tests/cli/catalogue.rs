//! The catalogue from the command line: `--no-cache` keeps nothing, and a cache folder that
//! cannot be written leaves the list as it was, with one message.

use crate::common::{FERRY, HARBOR, byline, library};

#[test]
fn no_cache_writes_nothing_and_the_catalogue_gives_the_same_list() {
    let lib = library(&[("a/harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    let cache = tempfile::tempdir().unwrap();
    let list = |extra: &[&str]| {
        let out = byline()
            .env("BYLINE_CACHE_DIR", cache.path())
            .arg("--list")
            .args(extra)
            .arg(lib.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = list(&["--no-cache"]);
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 0);
    assert_eq!(plain.lines().count(), 2);
    // The control: without the flag a catalogue is written, and lists agree cold and warm.
    assert_eq!(list(&[]), plain);
    let catalogues = std::fs::read_dir(cache.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "catalogue")
        })
        .count();
    assert_eq!(catalogues, 1);
    assert_eq!(list(&[]), plain);
}

#[test]
fn a_cache_folder_that_cannot_be_written_gives_one_message() {
    let lib = library(&[("a/harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    // A folder below a plain file cannot be made, even by root (who ignores permissions).
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let out = byline()
        .env("BYLINE_CACHE_DIR", blocker.path().join("cache"))
        .arg("--list")
        .arg(lib.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("catalogue could not be saved"), "{err}");
}
