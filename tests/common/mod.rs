//! Helpers shared by the integration tests: temporary libraries and the binary.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The `byline` binary with a clean environment: no state, no config, no colour hints.
pub fn byline() -> Command {
    let mut c = Command::cargo_bin("byline").expect("binary built");
    c.env_remove("BYLINE_LIBRARY").env_remove("NO_COLOR").env(
        "BYLINE_STATE_DIR",
        std::env::temp_dir().join("byline-test-state"),
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
