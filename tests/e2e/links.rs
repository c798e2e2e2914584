//! End to end, links in the text as a w3m or newsboat user reaches for them: marked with their
//! number, a digit alone following nothing, a number and Enter following the link (a library
//! article inside byline, any other in `$BROWSER`), Tab showing the focused URL.

use crate::tmux::Tmux;
use std::path::Path;
use std::time::{Duration, Instant};

const FERRY: &str = "# Night ferry returns to the Orsk crossing\n\n\
The [harbor board](https://example.org/board) approved the timetable, and the crews \
answered in [the pilots' letter](pilots.md). The minutes are at https://example.org/minutes \
for anyone who asks.\n";

const PILOTS: &str = "# Orsk pilots write to the harbor board\n\nThe pilots asked for a second \
crew on the night crossing.\n";

/// The library and a `$BROWSER` that writes the URL it is given to `opened.txt`.
fn write_library(dir: &Path) {
    std::fs::write(dir.join("ferry.md"), FERRY).unwrap();
    std::fs::write(dir.join("pilots.md"), PILOTS).unwrap();
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            dir.join("opened.txt").display()
        ),
    )
    .unwrap();
    let mut perms = std::fs::metadata(&script).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).unwrap();
}

/// What the browser was asked to open so far.
fn opened(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("opened.txt")).unwrap_or_default()
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn links_are_numbered_in_the_text_and_a_number_with_enter_follows_one() {
    if !Tmux::available(&[]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    let script = format!(
        "cd '{0}' && BYLINE_STATE_DIR='{1}' BROWSER='{0}/browser.sh' '{bin}' ferry.md; \
         echo BYLINE_EXITED; sleep 60",
        dir.path().display(),
        state.path().display()
    );
    let socket = format!("byline-e2e-links-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);
    let s = tmux.wait("the article with its links marked", |s| {
        s.contains("READ") && s.contains("harbor board[1]")
    });
    assert!(s.contains("pilots' letter[2]"), "{s}");
    assert!(s.contains("https://example.org/minutes[3]"), "{s}");

    // A digit alone follows nothing: it is a number being typed, shown with where it leads.
    tmux.keys(&["3"]);
    let s = tmux.wait_for("[3] https://example.org/minutes");
    assert!(s.contains("Night ferry"), "{s}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(opened(dir.path()), "", "a digit alone opened a link");

    // Enter follows it: a web address goes to the browser.
    tmux.keys(&["Enter"]);
    let start = Instant::now();
    while !opened(dir.path()).contains("https://example.org/minutes") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the browser was not asked; the screen is:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // A link to another article of the library opens it here; Backspace comes back.
    tmux.keys(&["2", "Enter"]);
    tmux.wait_for("The pilots asked for a second");
    tmux.keys(&["BSpace"]);
    tmux.wait_for("harbor board[1]");

    // Tab focuses the first link and the status bar shows its URL and what applies now.
    tmux.keys(&["Tab"]);
    let s = tmux.wait_for("https://example.org/board  Enter follow");
    assert!(s.contains("y copy"), "{s}");
    assert_eq!(
        opened(dir.path()).lines().count(),
        1,
        "only the one link was opened"
    );
    tmux.keys(&["q", "q"]);
    tmux.wait_for("BYLINE_EXITED");
}
