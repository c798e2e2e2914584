//! Opening what the user means, as the binary does it: a file brings its library (known
//! folders, a marker file), stdin is read by clear rules (empty, paths with some missing, NUL
//! separated, `-`), a missing library folder is an error, invalid values list the choices, and
//! the built-in samples say they are built in.

use crate::common::{FERRY, HARBOR, byline, library, write};
use std::path::Path;

const KESSEL: &str = "articles/2026/04/kessel-lantern-festival.json";
const CHOIR: &str = "How a village choir raised the money for its church roof";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 errors")
}

fn json_lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout_of(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

/// The binary with stdin on `/dev/null` (no input: the default library), as under cron.
fn no_stdin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_byline"));
    c.env_remove("BYLINE_LIBRARY")
        .env_remove("BYLINE_CONFIG")
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", "/nonexistent-byline-config")
        .env(
            "BYLINE_STATE_DIR",
            std::env::temp_dir().join("byline-test-state"),
        )
        .stdin(std::process::Stdio::null());
    c
}

/// The `related[].path` values of the one article `--json` printed.
fn related_paths(out: &std::process::Output) -> Vec<Option<String>> {
    let v = json_lines(out);
    assert_eq!(v.len(), 1, "{}", stderr_of(out));
    v[0]["related"]
        .as_array()
        .expect("related")
        .iter()
        .map(|r| r["path"].as_str().map(str::to_string))
        .collect()
}

// ---- A file opened by path belongs to its library -------------------------------------------

#[test]
fn print_and_json_of_a_nested_sample_resolve_against_the_whole_library() {
    let out = byline()
        .current_dir(repo())
        .args(["--json", KESSEL])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let paths = related_paths(&out);
    assert_eq!(paths.len(), 3);
    for p in &paths {
        let p = p.as_deref().expect("every related link resolves");
        assert!(p.starts_with("articles/2026/03/"), "{p}");
    }

    let out = byline()
        .current_dir(repo())
        .args(["--print", "--color", "never", "--width", "100", KESSEL])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains(CHOIR), "{text}");
    assert!(!text.contains("not in library"), "{text}");

    // Its target names it among the articles linking there.
    let out = byline()
        .current_dir(repo())
        .args(["--json", "articles/2026/03/port-calloway-pilots-deal.txt"])
        .output()
        .unwrap();
    let v = json_lines(&out);
    let backlinks = v[0]["backlinks"].as_array().expect("backlinks");
    assert!(
        backlinks.contains(&serde_json::json!(KESSEL)),
        "{backlinks:?}"
    );
}

/// A library with the harbour story in one dated folder and its related ferry story in another.
fn dated_library() -> tempfile::TempDir {
    library(&[
        ("news/2026/harbor.txt", HARBOR),
        ("news/2025/ferry.txt", FERRY),
    ])
}

#[test]
fn a_marker_file_makes_the_folder_holding_it_the_library() {
    let lib = dated_library();
    let harbor = lib.path().join("news/2026/harbor.txt");
    let out = byline().arg("--json").arg(&harbor).output().unwrap();
    assert_eq!(related_paths(&out)[0], None, "no marker: only its folder");

    write(lib.path(), "news/.byline", b"");
    let out = byline().arg("--json").arg(&harbor).output().unwrap();
    let ferry = lib.path().join("news/2025/ferry.txt");
    assert_eq!(
        related_paths(&out)[0].as_deref(),
        Some(ferry.to_str().unwrap())
    );
    let out = byline().arg("--json").arg(&ferry).output().unwrap();
    assert_eq!(
        json_lines(&out)[0]["backlinks"],
        serde_json::json!([harbor.to_str().unwrap()])
    );

    // A folder given as PATH is exactly that folder, marker or not.
    let out = byline()
        .arg("--json")
        .arg(lib.path().join("news/2026"))
        .output()
        .unwrap();
    assert_eq!(related_paths(&out)[0], None);
}

#[test]
fn the_config_may_name_the_marker_otherwise() {
    let lib = dated_library();
    write(lib.path(), "news/ARCHIVE", b"");
    write(lib.path(), "news/.byline", b"");
    let config = write(lib.path(), "config.toml", b"library_marker = \"ARCHIVE\"\n");
    let harbor = lib.path().join("news/2026/harbor.txt");
    let out = byline()
        .arg("--config")
        .arg(&config)
        .arg("--json")
        .arg(&harbor)
        .output()
        .unwrap();
    assert!(related_paths(&out)[0].is_some());

    std::fs::remove_file(lib.path().join("news/ARCHIVE")).unwrap();
    let out = byline()
        .arg("--config")
        .arg(&config)
        .arg("--json")
        .arg(&harbor)
        .output()
        .unwrap();
    assert_eq!(
        related_paths(&out)[0],
        None,
        ".byline is not the marker now"
    );

    let bad = write(lib.path(), "bad.toml", b"library_marker = \"a/b\"\n");
    let out = byline()
        .arg("--config")
        .arg(&bad)
        .arg("--list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("library_marker"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_file_inside_a_known_library_brings_the_whole_library() {
    let lib = dated_library();
    let harbor = lib.path().join("news/2026/harbor.txt");
    let news = lib.path().join("news");
    let out = byline()
        .env("BYLINE_LIBRARY", &news)
        .arg("--json")
        .arg(&harbor)
        .output()
        .unwrap();
    assert!(related_paths(&out)[0].is_some(), "$BYLINE_LIBRARY");

    let config = write(
        lib.path(),
        "config.toml",
        format!("library = [{:?}]\n", news.display().to_string()).as_bytes(),
    );
    let out = byline()
        .arg("--config")
        .arg(&config)
        .arg("--json")
        .arg(&harbor)
        .output()
        .unwrap();
    assert!(related_paths(&out)[0].is_some(), "the config's library");
}

// ---- Standard input ---------------------------------------------------------------------------

#[test]
fn empty_stdin_is_an_empty_list_in_every_mode() {
    for mode in ["--list", "--json", "--print"] {
        for input in ["", "\n \n"] {
            let out = byline()
                .current_dir(repo())
                .arg(mode)
                .write_stdin(input)
                .output()
                .unwrap();
            assert!(out.status.success(), "{mode}: {}", stderr_of(&out));
            assert_eq!(stdout_of(&out), "", "{mode} printed something");
            assert_eq!(stderr_of(&out), "", "{mode}");
        }
    }
}

#[test]
fn listed_paths_with_missing_ones_keep_the_rest_and_report_each() {
    let lib = library(&[("harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    let gone = lib.path().join("gone.txt");
    let listing = format!(
        "{}\n{}\n\n{}\n",
        lib.path().join("harbor.txt").display(),
        gone.display(),
        lib.path().join("ferry.txt").display(),
    );
    let out = byline()
        .arg("--list")
        .write_stdin(listing.clone())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stdout_of(&out).lines().count(), 2, "{}", stdout_of(&out));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(gone.to_str().unwrap()) && err.contains("no such file"),
        "{err}"
    );

    // Paths that are all gone are still a list: nothing to show, each reported.
    let out = byline()
        .arg("--list")
        .write_stdin(format!("{}\n/gone/too.md\n", gone.display()))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stdout_of(&out), "");
    assert_eq!(stderr_of(&out).lines().count(), 2, "{}", stderr_of(&out));

    // Never one article whose body is the list.
    let out = byline()
        .arg("--json")
        .write_stdin(listing)
        .output()
        .unwrap();
    let titles: Vec<String> = json_lines(&out)
        .iter()
        .map(|v| v["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.iter().all(|t| !t.contains('/')), "{titles:?}");
}

#[test]
fn a_file_listed_on_stdin_that_cannot_be_read_is_skipped_not_fatal() {
    let lib = library(&[("ferry.txt", FERRY)]);
    let bin = write(lib.path(), "blob.txt", b"PK\x03\x04\0\0binary");
    let listing = format!(
        "{}\n{}\n",
        lib.path().join("ferry.txt").display(),
        bin.display()
    );
    let out = byline()
        .args(["--print", "--color", "never"])
        .write_stdin(listing)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("Ferry crews"));
    assert!(stderr_of(&out).contains("blob.txt"), "{}", stderr_of(&out));
}

#[test]
fn prose_on_stdin_is_an_article_even_when_a_line_names_a_file() {
    // `Cargo.toml` exists in the repository, but a paragraph is no path.
    let text = format!(
        "Cargo.toml\n{}\n",
        "The harbor office said nothing more about the talks that afternoon. ".repeat(5)
    );
    let out = byline()
        .current_dir(repo())
        .arg("--json")
        .write_stdin(text)
        .output()
        .unwrap();
    let v = json_lines(&out);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["title"], "Cargo.toml");
    assert!(v[0]["path"].is_null());
}

#[test]
fn nul_separated_paths_are_sniffed_and_taken_with_the_null_flag() {
    let lib = library(&[("harbor news.txt", HARBOR), ("ferry.txt", FERRY)]);
    let listing = format!(
        "{}\0{}\0",
        lib.path().join("harbor news.txt").display(),
        lib.path().join("ferry.txt").display()
    );
    let out = byline()
        .arg("--list")
        .write_stdin(listing.clone())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).lines().count(), 2);

    // With -0 a single path without any NUL is still a path.
    let one = lib.path().join("ferry.txt").display().to_string();
    let out = byline()
        .args(["-0", "--list"])
        .write_stdin(one)
        .output()
        .unwrap();
    // With -0 the rows end with NUL bytes too.
    let rows = |out: &std::process::Output| {
        out.stdout
            .split(|&b| b == 0)
            .filter(|r| !r.is_empty())
            .count()
    };
    assert_eq!(rows(&out), 1, "{}", stderr_of(&out));
    let out = byline()
        .args(["--null", "--list"])
        .write_stdin(listing)
        .output()
        .unwrap();
    assert_eq!(rows(&out), 2);

    // NUL bytes that are not a list of paths are binary input: an error, not an article.
    let out = byline()
        .arg("--json")
        .write_stdin(&b"\x7fELF\0\0\x01binary"[..])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).starts_with("byline: "),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn an_empty_article_read_with_dash_is_an_error() {
    let out = byline()
        .args(["--json", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("empty article"), "{err}");
    // Not on a terminal, the prompt is not printed.
    assert!(!err.contains("Ctrl-D"), "{err}");
}

// ---- Errors -----------------------------------------------------------------------------------

#[test]
fn a_missing_library_folder_is_an_error_like_a_missing_path() {
    let out = no_stdin()
        .arg("--list")
        .env("BYLINE_LIBRARY", "/nope")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.starts_with("byline: no such folder: /nope"), "{err}");
    assert_eq!(err.lines().count(), 1);

    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "config.toml",
        b"library = [\"present\", \"absent\"]\n",
    );
    std::fs::create_dir(dir.path().join("present")).unwrap();
    let out = no_stdin()
        .arg("--config")
        .arg(&config)
        .arg("--list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.starts_with("byline: no such folder: ") && err.contains("absent"),
        "{err}"
    );
    assert!(!err.contains("dangling"), "{err}");
}

#[test]
fn invalid_values_list_the_valid_choices() {
    let out = byline().args(["--color", "sometimes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("sometimes") && err.contains("auto, always, never"),
        "{err}"
    );
}

#[test]
fn built_in_samples_are_listed_as_built_in() {
    let bare = tempfile::tempdir().unwrap();
    let out = no_stdin()
        .arg("--list")
        .current_dir(bare.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.lines().count() >= 12, "{text}");
    for line in text.lines() {
        let path = line.rsplit('\t').next().unwrap();
        assert!(path.starts_with("(built-in) "), "{line}");
        assert!(!path.contains("articles/"), "{line}");
    }
}

/// Issue 15 point 8: `--list` over a folder holding a FIFO lists the articles and says the FIFO
/// was skipped, the same without a catalogue, with a new one and from a saved one. Opening the
/// FIFO would block: the timeout turns that into a failure.
#[cfg(unix)]
#[test]
fn a_fifo_in_a_library_folder_is_skipped_with_a_message() {
    let lib = library(&[("harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    let fifo = lib.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
    let cache = tempfile::tempdir().unwrap();
    let want = format!(
        "byline: skipped {}: not a regular file (FIFO)\n",
        fifo.display()
    );
    for extra in [&["--no-cache"][..], &[], &[]] {
        let out = byline()
            .env("BYLINE_CACHE_DIR", cache.path())
            .arg("--list")
            .args(extra)
            .arg(lib.path())
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.success(), "{extra:?}: {}", stderr_of(&out));
        assert_eq!(stdout_of(&out).lines().count(), 2, "{extra:?}");
        assert_eq!(stderr_of(&out), want, "{extra:?}");
    }
}
