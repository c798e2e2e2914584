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
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
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

/// The reader in a shell as [`reader_in_a_shell`] starts it, with `exports` run first.
fn start_with(name: &str, exports: &str) -> (tempfile::TempDir, tempfile::TempDir, Tmux) {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let socket = format!("byline-habits-{name}-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["bash", "--norc", "--noprofile", "-i"]);
    tmux.keys(&["PS1='READY$ '", "Enter"]);
    tmux.wait_for("READY$");
    if !exports.is_empty() {
        tmux.keys(&[exports, "Enter"]);
    }
    let cmd = format!(
        "clear; BYLINE_STATE_DIR='{0}' BYLINE_CACHE_DIR='{0}/cache' '{1}' '{2}'",
        state.path().display(),
        env!("CARGO_BIN_EXE_byline"),
        dir.path().display()
    );
    tmux.keys(&[&cmd, "Enter"]);
    tmux.wait_for("Articles 1/3");
    (dir, state, tmux)
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn filter_then_esc_clears_it_and_n_goes_to_the_next_unread() {
    if !Tmux::available(&[]) {
        return;
    }
    let (_dir, _state, tmux) = start("filter");
    tmux.keys(&["/"]);
    tmux.keys(&["-l", "ferry"]);
    tmux.keys(&["Enter"]);
    tmux.wait("the kept filter", |s| {
        s.contains("1/1") && s.contains("Esc clear filter")
    });
    tmux.keys(&["Escape"]);
    tmux.wait("every article again", |s| {
        s.contains("Articles 3/3") && s.contains("• Harbor") && s.contains("• Iron")
    });
    // Open the first (now read), then on to the next unread, back to the list, and again.
    tmux.keys(&["g", "Enter"]);
    tmux.wait_for("READ");
    tmux.keys(&["n"]);
    tmux.wait("the next unread opened", |s| s.contains("2/3  READ"));
    tmux.keys(&["Escape", "g", "n"]);
    tmux.wait("harbor and copper read: the ferry is next", |s| {
        s.contains("Articles 3/3")
    });
    tmux.keys(&["n"]);
    tmux.wait_for("no unread article below");
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_pipe_shows_the_commands_output_and_gives_the_reader_back() {
    if !Tmux::available(&[]) {
        return;
    }
    let (_dir, _state, tmux) = start("pipe");
    tmux.keys(&["|"]);
    tmux.wait("the command line", |s| s.contains("\n |"));
    tmux.keys(&["-l", "grep -c 'about the strike'"]);
    tmux.keys(&["Enter"]);
    // The harbor article's 30 paragraphs each name their topic once; the shell shows the count.
    let s = tmux.wait_for("press Enter to return");
    assert!(s.lines().any(|l| l.trim() == "30"), "{s}");
    tmux.keys(&["Enter"]);
    // Waits for the status bar too: a capture can catch the frame half drawn.
    let s = tmux.wait("the reader again", |s| {
        s.contains("Articles 1/3") && s.contains("piped to grep")
    });
    assert!(
        !s.contains("press Enter"),
        "the reader's screen is whole again\n{s}"
    );
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn copying_falls_back_to_a_clipboard_program_and_says_so() {
    if !Tmux::available(&[]) {
        return;
    }
    let bin = tempfile::tempdir().expect("tempdir");
    let out = bin.path().join("clipboard.txt");
    let xclip = bin.path().join("xclip");
    std::fs::write(&xclip, format!("#!/bin/sh\ncat > '{}'\n", out.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&xclip, std::fs::Permissions::from_mode(0o755)).unwrap();
    let exports = format!(
        "export PATH='{}':$PATH DISPLAY=:77; unset WAYLAND_DISPLAY",
        bin.path().display()
    );
    let (_dir, _state, tmux) = start_with("copy", &exports);
    tmux.keys(&["Y"]);
    tmux.wait_for("copy: t title");
    tmux.keys(&["t"]);
    let s = tmux.wait_for("(with xclip)");
    assert!(s.contains("copied Harbor pilots"), "{s}");
    let copied = std::fs::read_to_string(&out).unwrap();
    assert_eq!(copied, crate::session::HARBOR);
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_count_before_a_motion_moves_that_far() {
    if !Tmux::available(&[]) {
        return;
    }
    let (_dir, _state, tmux) = start("count");
    tmux.keys(&["2"]);
    tmux.wait_for("count 2");
    tmux.keys(&["j"]);
    tmux.wait("two rows down", |s| s.contains("Articles 3/3"));
    tmux.keys(&["2", "G"]);
    tmux.wait("row 2", |s| s.contains("Articles 2/3"));
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn the_colon_line_completes_and_runs_actions_by_name() {
    if !Tmux::available(&[]) {
        return;
    }
    let (_dir, _state, tmux) = start("colon");
    tmux.wait_for("Articles 1/3");
    tmux.keys(&[":", "next_", "Tab"]);
    let s = tmux.wait_for(" :next_article");
    assert!(
        s.contains("next_article  next_link  next_unread"),
        "the candidates above the line\n{s}"
    );
    tmux.keys(&["Tab", "Tab"]);
    tmux.wait_for(" :next_unread");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Articles 2/3");
    tmux.keys(&[":", "frobnicate", "Enter"]);
    tmux.wait_for("unknown command: frobnicate");
    tmux.keys(&[":", "q", "Enter"]);
    tmux.wait("the shell again", |s| {
        !s.contains("Articles") && s.matches("READY$").count() >= 2
    });
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn alt_m_names_a_place_and_quote_comes_back_to_it() {
    if !Tmux::available(&[]) {
        return;
    }
    let (_dir, _state, tmux) = start("marks");
    tmux.wait_for("Articles 1/3");
    tmux.keys(&["Enter"]);
    tmux.wait_for("READ");
    for _ in 0..15 {
        tmux.keys(&["j"]);
    }
    // Alt-m as the terminal sends it (Escape then m), then the letter.
    tmux.keys(&["M-m"]);
    tmux.wait_for("mark this place");
    tmux.keys(&["a"]);
    let marked = tmux.wait_for("mark a set");
    // The panes without the status line: one line of them can be blank at two places (the
    // gap between paragraphs), which made this test fail now and then.
    let top = |s: &str| {
        let lines: Vec<&str> = s.lines().collect();
        lines[..lines.len().saturating_sub(1)].join("\n")
    };
    tmux.keys(&["G"]);
    tmux.wait("the end", |s| top(s) != top(&marked));
    tmux.keys(&["'", "a"]);
    let back = tmux.wait("back at the mark", |s| top(s) == top(&marked));
    assert!(!back.contains("mark a set"), "{back}");
    tmux.keys(&["'", "'"]);
    tmux.wait("'' to the end again", |s| top(s) != top(&marked));
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn the_list_width_set_with_greater_than_is_remembered_for_the_next_run() {
    if !Tmux::available(&[]) {
        return;
    }
    let (dir, state, tmux) = start("width");
    // Where the list's border meets the reader's on the top line: the list's width.
    let border = |s: &str| {
        s.lines()
            .find(|l| l.contains("Articles"))
            .and_then(|l| l.chars().position(|c| c == '┐'))
    };
    let s = tmux.wait_for("Paragraph 1");
    assert_eq!(border(&s), Some(32), "a third of 100 columns\n{s}");
    tmux.keys(&[">"]);
    let s = tmux.wait_for("list width 38%");
    assert_eq!(border(&s), Some(37), "five columns wider\n{s}");
    tmux.keys(&["q"]);
    tmux.wait("the shell again", |s| {
        !s.contains("Articles") && s.matches("READY$").count() >= 2
    });
    let view = std::fs::read_to_string(state.path().join("view.toml")).unwrap();
    assert!(view.contains("list_width = \"38%\""), "{view}");
    let again = format!(
        "BYLINE_STATE_DIR='{0}' BYLINE_CACHE_DIR='{0}/cache' '{1}' '{2}'",
        state.path().display(),
        env!("CARGO_BIN_EXE_byline"),
        dir.path().display()
    );
    tmux.keys(&["clear", "Enter"]);
    tmux.keys(&[&again, "Enter"]);
    let s = tmux.wait_for("Paragraph 1");
    assert_eq!(border(&s), Some(37), "the second run starts as wide\n{s}");
}
