//! End to end, opening what the user means: a nested sample opened by path follows its related
//! link and comes back, `byline -` on a terminal says what it waits for, and an empty pipe is an
//! empty reader.

use crate::tmux::Tmux;
use std::path::Path;

const KESSEL: &str = "articles/2026/04/kessel-lantern-festival.json";
const CHOIR: &str = "How a village choir raised the money for its church roof";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// How many article files (`.txt`, `.md`, `.json`) lie under `dir`, at any depth.
fn article_files(dir: &Path) -> usize {
    // As many rows as `--list` prints for the folder: every format byline reads, feeds and
    // JSON lists one row an item.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--list")
        .arg(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("byline --list");
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_nested_sample_opened_by_path_follows_its_related_link_and_comes_back() {
    if !Tmux::available(&[]) {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_byline");
    let script = format!(
        "cd '{}' && BYLINE_STATE_DIR='{}' '{bin}' {KESSEL}; echo BYLINE_EXITED; sleep 60",
        repo().display(),
        state.path().display()
    );
    let socket = format!("byline-opening-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);
    let s = tmux.wait_for("READ");
    assert!(s.contains("Lantern festival"), "{s}");
    // The list fills in with the rest of the library (every article file in its dated folders).
    tmux.wait_for(&format!("/{}", article_files(&repo().join("articles"))));
    tmux.keys(&["G"]);
    let s = tmux.wait("the related links resolved", |s| {
        s.contains("[1] How a village choir") && !s.contains("looking up")
    });
    assert!(!s.contains("not in library"), "{s}");

    // A number and Enter follow a link (a digit alone never does).
    tmux.keys(&["1", "Enter"]);
    let s = tmux.wait_for("By Petra Kovar");
    assert!(s.contains(CHOIR), "{s}");
    tmux.keys(&["BSpace"]);
    let s = tmux.wait("back on the festival", |s| {
        s.contains("Tomorrow the boats go out") && !s.contains("By Petra Kovar")
    });
    assert!(s.contains("READ"), "{s}");
    // Esc and q sent together would read as Alt-q.
    tmux.keys(&["Escape"]);
    tmux.wait_for("LIST");
    tmux.keys(&["q"]);
    tmux.wait_for("BYLINE_EXITED");
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn dash_on_a_terminal_says_what_it_waits_for_and_an_empty_article_is_an_error() {
    if !Tmux::available(&[]) {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_byline");
    let script = format!("'{bin}' -; echo \"EXIT=$?\"; sleep 60");
    let socket = format!("byline-dash-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);
    tmux.wait_for("reading an article from standard input; end with Ctrl-D");
    tmux.keys(&["C-d"]);
    let s = tmux.wait_for("EXIT=");
    assert!(s.contains("EXIT=2"), "{s}");
    assert!(s.contains("byline: standard input: empty article"), "{s}");
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn an_empty_pipe_opens_a_reader_that_says_no_articles() {
    if !Tmux::available(&[]) {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_byline");
    // Run where ./articles exists: the empty pipe must not fall back to it.
    let script = format!(
        "cd '{}' && printf '' | BYLINE_STATE_DIR='{}' '{bin}'; echo BYLINE_EXITED; sleep 60",
        repo().display(),
        state.path().display()
    );
    let socket = format!("byline-empty-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);
    let s = tmux.wait_for("no articles");
    assert!(s.contains("0/0"), "{s}");
    assert!(!s.contains("Lantern festival"), "{s}");
    tmux.keys(&["q"]);
    tmux.wait_for("BYLINE_EXITED");
}
