//! End to end: the habits of newsboat, less, vim and w3m users, in the real binary in tmux.

use crate::session::{reader_in_a_shell, write_library};
use crate::tmux::Tmux;

/// A temp library of three articles, its state folder, and the reader running on them.
fn start(name: &str) -> (tempfile::TempDir, tempfile::TempDir, Tmux) {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    let socket = format!("byline-habits-{name}-{}", std::process::id());
    let tmux = reader_in_a_shell(socket, bin, dir.path(), state.path());
    (dir, state, tmux)
}

#[test]
fn zoom_and_justification_are_remembered_for_the_next_run() {
    if !Tmux::available(&[]) {
        return;
    }
    let (dir, state, tmux) = start("zoom");
    // Split at 100 columns: the list and the preview side by side.
    tmux.wait_for("Paragraph 1");
    tmux.keys(&["z"]);
    tmux.wait("the list alone", |s| !s.contains("Paragraph 1"));
    tmux.keys(&["q"]);
    tmux.wait("the shell again", |s| {
        !s.contains("Articles") && s.matches("READY$").count() >= 2
    });
    let again = format!(
        "BYLINE_STATE_DIR='{0}' BYLINE_CACHE_DIR='{0}/cache' '{1}' '{2}'",
        state.path().display(),
        env!("CARGO_BIN_EXE_byline"),
        dir.path().display()
    );
    tmux.keys(&["clear", "Enter"]);
    tmux.keys(&[&again, "Enter"]);
    let s = tmux.wait_for("Articles 1/3");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let s2 = tmux.screen();
    assert!(
        !s.contains("Paragraph 1") && !s2.contains("Paragraph 1"),
        "the second run starts zoomed\n{s2}"
    );
    let view = std::fs::read_to_string(state.path().join("view.toml")).unwrap();
    assert!(view.contains("zoom = true"), "{view}");
    assert!(!view.contains("justify"), "J was not pressed: {view}");
}
