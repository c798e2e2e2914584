//! Helpers shared by the integration tests: temporary libraries and the binary.
#![allow(dead_code)]

use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};

/// True when the tests run in CI (`CI=true` or `CI=1`): there a test whose input or tool is
/// missing fails instead of passing without checking anything.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Says that a test cannot run because `what` is missing: a failure under `CI=true`, a skip
/// with the reason printed elsewhere. The caller returns after it.
pub fn missing(what: &str) {
    assert!(!in_ci(), "{what}; CI=true requires it, so this test fails");
    // Straight to the stream, past the test harness's capture, so the skip is seen.
    let _ = writeln!(std::io::stderr(), "skipped: {what}");
}

/// The reference article, kept outside the repo in `../shared/reference` (beside the checkout)
/// or `/work/shared/reference`; `None` after [`missing`] when it is in neither place.
pub fn reference_article() -> Option<PathBuf> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference");
    let places = [beside, PathBuf::from("/work/shared/reference")];
    let found = places
        .iter()
        .map(|dir| dir.join("seed-article.txt"))
        .find(|p| p.is_file());
    if found.is_none() {
        missing("the reference article (../shared/reference/seed-article.txt) is not here");
    }
    found
}

/// This test binary run again for the one test `name` (`module::test`), which a test uses to
/// run half of itself in a fresh process. Fails at once when `name` is not exactly one test,
/// so a renamed test cannot make its child half pass by running nothing.
pub fn test_child(name: &str) -> std::process::Command {
    let exe = std::env::current_exe().expect("the test binary");
    let listed = std::process::Command::new(&exe)
        .args(["--list", "--exact", name])
        .output()
        .expect("listing the tests");
    let tests = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .filter(|l| l.ends_with(": test"))
        .count();
    assert_eq!(tests, 1, "{name} names {tests} tests, not one");
    let mut child = std::process::Command::new(exe);
    child.args(["--exact", name]);
    child
}

/// The `byline` binary with a clean environment: no state, no config, no colour hints.
pub fn byline() -> Command {
    let mut c = Command::cargo_bin("byline").expect("binary built");
    c.env_remove("BYLINE_LIBRARY").env_remove("NO_COLOR").env(
        "BYLINE_STATE_DIR",
        std::env::temp_dir().join("byline-test-state"),
    );
    // Catalogues of the tests' libraries stay out of the user's cache.
    c.env(
        "BYLINE_CACHE_DIR",
        std::env::temp_dir().join("byline-test-cache"),
    );
    c
}

/// Writes `files` (relative path, contents) under a new temp folder.
pub fn library(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, text) in files {
        write(dir.path(), rel, text.as_bytes());
    }
    dir
}

/// Writes bytes to `dir/rel`, creating folders.
pub fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

/// [`write`], then dates the file an hour back, so the catalogue's rule for files written within
/// the last seconds (read again on every launch) does not apply to it.
pub fn write_aged(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let p = write(dir, rel, bytes);
    std::fs::File::options()
        .write(true)
        .open(&p)
        .expect("open fixture")
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .expect("date fixture");
    p
}

/// A news-wire article about a harbour strike, linking to the ferry story and one unknown story.
pub const HARBOR: &str = "Harbor pilots walk out as talks collapse in Port Ember
Mar 14, 2026
By LENA MARSH and TOMAS VIK, Coastline Wire
PORT EMBER, Veland (CW) — Harbor pilots in Port Ember walked off the job on Friday after talks with the port authority broke down over night shifts.
“We have asked for the same thing for three years,” Marsh said. “Nobody listened.”
Related Articles
Ferry crews weigh their own strike vote
Lighthouse keepers win pay rise after long campaign
What the pilots want
The pilots say night shifts have doubled since the new terminal opened.
Coastline Wire reporter Ines Doyle contributed to this report.
";

/// A shorter, older article the harbour story links to.
pub const FERRY: &str = "Ferry crews weigh their own strike vote
Mar 10, 2026
By IDA FENN
PORT EMBER, Veland (CW) — Ferry crews will vote next week on whether to join the pilots.
The union said the ballot closes on Thursday.
";

/// An article with no date at all.
pub const UNDATED: &str = "Notes from the quiet season
The town is quiet in winter.
";

/// An environment that holds only `pairs`, for functions that take their variables as a lookup.
pub fn fake_env(
    pairs: &'static [(&'static str, &'static str)],
) -> impl Fn(&str) -> Option<std::ffi::OsString> {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| std::ffi::OsString::from(v))
    }
}
