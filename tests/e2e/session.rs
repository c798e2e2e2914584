//! End to end: the real binary in tmux, driven by keys as a person would, checked on the screen.

use crate::tmux::Tmux;
use std::path::Path;
use std::process::Command;

pub(crate) const HARBOR: &str = "Harbor pilots walk out as talks over night shifts collapse";
const COPPER: &str = "Iron ore prices slide as mines report weaker output";
const FERRY: &str = "Island ferry timetable cut for the winter months";

fn para(topic: &str, i: usize) -> serde_json::Value {
    serde_json::json!({
        "kind": "paragraph",
        "text": format!(
            "Paragraph {i} about {topic} says the workers waited by the gates while the talks \
             went on through the afternoon, and that nobody at the harbor office would say when \
             they might end."
        ),
    })
}

/// Writes an article in the `--json` shape (the format whose fields are a fixed contract).
fn write(
    dir: &Path,
    name: &str,
    title: &str,
    date: &str,
    topic: &str,
    paras: usize,
    related: &[&str],
) {
    let related: Vec<_> = related
        .iter()
        .map(|t| serde_json::json!({"title": t, "path": null}))
        .collect();
    let article = serde_json::json!({
        "title": title,
        "date": date,
        "date_iso": date,
        "authors": ["CAROLINA ESPINOZA"],
        "source": "Associated Press",
        "blocks": (1..=paras).map(|i| para(topic, i)).collect::<Vec<_>>(),
        "related": related,
    });
    std::fs::write(dir.join(name), article.to_string()).expect("write");
}

/// Three articles; titles sort the same way by date and by name, so the order holds either way.
pub(crate) fn write_library(dir: &Path) {
    write(
        dir,
        "harbor.json",
        HARBOR,
        "2026-03-14",
        "the strike",
        30,
        &[COPPER, FERRY],
    );
    write(dir, "copper.json", COPPER, "2026-03-12", "iron ore", 3, &[]);
    write(dir, "ferry.json", FERRY, "2026-03-10", "the ferry", 1, &[]);
}

/// The reading position shown at the bottom right of the reader, like `35`.
fn percent(screen: &str) -> Option<u32> {
    screen.lines().rev().find_map(|l| {
        let end = l.find("% ┘")?;
        let digits: String = l[..end]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.parse().ok()
    })
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_reading_session_in_tmux() {
    if !Tmux::available(&[]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    let script = format!(
        // Marks and the catalogue go to a temp folder, never the user's state or cache.
        "echo BEFORE_BYLINE; BYLINE_STATE_DIR='{0}' BYLINE_CACHE_DIR='{0}/cache' '{bin}' '{1}'; echo BYLINE_EXITED; sleep 60",
        state.path().display(),
        dir.path().display()
    );
    let socket = format!("byline-e2e-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);

    // The list, newest first, with the newest previewed.
    let s = tmux.wait_for("Articles 1/3");
    assert!(s.find(HARBOR).is_some(), "{s}");
    // Move down and up the list.
    tmux.keys(&["j"]);
    tmux.wait_for("Articles 2/3");
    tmux.keys(&["k"]);
    tmux.wait_for("Articles 1/3");
    // Open and scroll.
    tmux.keys(&["Enter"]);
    tmux.wait_for("READ");
    tmux.wait("the top", |s| percent(s) == Some(0));
    tmux.keys(&["Space"]);
    let s = tmux.wait("a page down", |s| percent(s).is_some_and(|p| p > 0));
    let scrolled = percent(&s);
    // Follow related link 1 (its number, then Enter), then come back to the same place.
    tmux.keys(&["1", "Enter"]);
    tmux.wait("the copper article", |s| {
        s.contains("about iron ore") && s.contains("2/3")
    });
    tmux.keys(&["BSpace"]);
    let s = tmux.wait("back to the harbor article", |s| s.contains("1/3  READ"));
    assert_eq!(
        percent(&s),
        scrolled,
        "back restores the scroll position\n{s}"
    );
    // Follow a link by focus: Tab to the first link, Enter.
    tmux.keys(&["Tab"]);
    tmux.keys(&["Tab"]);
    tmux.keys(&["Enter"]);
    tmux.wait("the ferry article", |s| {
        s.contains("about the ferry") && s.contains("3/3")
    });
    tmux.keys(&["h"]);
    tmux.wait_for("1/3  READ");
    // A narrow terminal shows one pane: the reader alone, then the list alone.
    tmux.run(&["resize-window", "-t", "e2e", "-x", "60", "-y", "20"]);
    tmux.wait("the narrow reader", |s| {
        !s.contains("Articles") && s.lines().next().is_some_and(|l| l.chars().count() <= 60)
    });
    tmux.keys(&["Escape"]);
    tmux.wait("the narrow list", |s| {
        s.contains("Articles 1/3") && s.contains("LIST")
    });
    tmux.run(&["resize-window", "-t", "e2e", "-x", "100", "-y", "30"]);
    tmux.wait("the split screen", |s| {
        s.contains("Articles 1/3") && s.contains("Paragraph")
    });
    // Help, generated from the key table.
    tmux.keys(&["?"]);
    tmux.wait_for("show or hide this help");
    tmux.keys(&["?"]);
    tmux.wait("the help closed", |s| !s.contains("show or hide this help"));
    // Quit: the shell's screen comes back.
    tmux.keys(&["q"]);
    let s = tmux.wait_for("BYLINE_EXITED");
    assert!(
        s.contains("BEFORE_BYLINE"),
        "the screen before byline is back\n{s}"
    );
    assert!(
        !s.contains("Articles"),
        "nothing of the reader is left\n{s}"
    );
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn suspend_resume_and_sigterm_give_the_terminal_back() {
    if !Tmux::available(&["bash"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    let socket = format!("byline-e2e-sig-{}", std::process::id());
    let tmux = reader_in_a_shell(socket, bin, dir.path(), state.path());
    // Ctrl-Z: the shell's job control takes over and the screen is the shell's again.
    tmux.keys(&["C-z"]);
    let s = tmux.wait_for("Stopped");
    assert!(!s.contains("Articles"), "the reader left the screen\n{s}");
    // fg: the reader comes back, drawn in full, and still takes keys.
    tmux.keys(&["fg", "Enter"]);
    tmux.wait_for("Articles 1/3");
    tmux.keys(&["j"]);
    tmux.wait_for("Articles 2/3");
    // SIGTERM: the reader restores the terminal and exits.
    let shell = tmux.run(&["list-panes", "-t", "e2e", "-F", "#{pane_pid}"]);
    let out = Command::new("pgrep")
        .args(["-P", shell.trim(), "byline"])
        .output()
        .expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "byline runs under the shell");
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    let s = tmux.wait("the shell's prompt", |s| {
        s.lines().rev().find(|l| !l.trim().is_empty()) == Some("READY$")
    });
    assert!(
        !s.contains("Articles"),
        "nothing of the reader is left\n{s}"
    );
    tmux.keys(&["echo BYLINE_STATUS=$?", "Enter"]);
    // The echoed line, not the command typed (which holds the same text).
    let s = tmux.wait("the exit status", |s| {
        s.lines().any(|l| l.starts_with("BYLINE_STATUS="))
    });
    assert!(
        s.contains("BYLINE_STATUS=143"),
        "byline exited as SIGTERM's 128 + 15\n{s}"
    );
}

/// A tmux session running an interactive bash with the prompt `READY$ `, in which byline reads
/// `library` with its marks in `state`; returns once the list shows.
pub(crate) fn reader_in_a_shell(socket: String, bin: &str, library: &Path, state: &Path) -> Tmux {
    let tmux = Tmux::session(socket, 100, 30, &["bash", "--norc", "--noprofile", "-i"]);
    tmux.keys(&["PS1='READY$ '", "Enter"]);
    tmux.wait_for("READY$");
    let cmd = format!(
        "BYLINE_STATE_DIR='{0}' BYLINE_CACHE_DIR='{0}/cache' '{bin}' '{1}'",
        state.display(),
        library.display()
    );
    tmux.keys(&[&cmd, "Enter"]);
    tmux.wait_for("Articles 1/3");
    tmux
}

/// The pid of the byline running under the session's shell.
fn reader_pid(tmux: &Tmux) -> String {
    let shell = tmux.run(&["list-panes", "-t", "e2e", "-F", "#{pane_pid}"]);
    let out = Command::new("pgrep")
        .args(["-P", shell.trim(), "byline"])
        .output()
        .expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "byline runs under the shell");
    pid
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn every_ending_signal_saves_the_marks_restores_the_terminal_and_exits_128_plus_its_number() {
    if !Tmux::available(&["bash"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    for (name, number) in [("QUIT", 3), ("USR1", 10), ("ALRM", 14), ("HUP", 1)] {
        let state = tempfile::tempdir().expect("tempdir");
        let socket = format!("byline-e2e-{name}-{}", std::process::id());
        let tmux = reader_in_a_shell(socket, bin, dir.path(), state.path());
        // A change made the moment before the signal: not yet saved by the debounce.
        tmux.keys(&["m"]);
        // Made (the status says so; a key still in the pty when it closes was never made).
        tmux.wait_for("bookmarked");
        let pid = reader_pid(&tmux);
        Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .expect("kill");
        let s = tmux.wait(&format!("the prompt after SIG{name}"), |s| {
            s.lines().rev().find(|l| !l.trim().is_empty()) == Some("READY$")
        });
        assert!(!s.contains("Articles"), "SIG{name}: the reader left\n{s}");
        tmux.keys(&["echo BYLINE_STATUS=$?", "Enter"]);
        // The echoed line, not the command typed (which holds the same text).
        let s = tmux.wait("the exit status", |s| {
            s.lines().any(|l| l.starts_with("BYLINE_STATUS="))
        });
        let want = format!("BYLINE_STATUS={}", 128 + number);
        assert!(s.contains(&want), "SIG{name}: {want}\n{s}");
        let saved = std::fs::read_to_string(state.path().join("state.json")).unwrap_or_default();
        assert!(
            saved.contains("\"bookmarked\":true"),
            "SIG{name}: the bookmark was saved: {saved}"
        );
    }
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_stop_from_outside_gives_the_terminal_back_and_fg_redraws() {
    if !Tmux::available(&["bash"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    let socket = format!("byline-e2e-tstp-{}", std::process::id());
    let tmux = reader_in_a_shell(socket, bin, dir.path(), state.path());
    let pid = reader_pid(&tmux);
    Command::new("kill")
        .args(["-TSTP", &pid])
        .status()
        .expect("kill");
    let s = tmux.wait_for("Stopped");
    assert!(!s.contains("Articles"), "the reader left the screen\n{s}");
    tmux.keys(&["fg", "Enter"]);
    tmux.wait_for("Articles 1/3");
    tmux.keys(&["j"]);
    tmux.wait_for("Articles 2/3");
    tmux.keys(&["q"]);
    tmux.wait("the prompt after q", |s| {
        s.lines().rev().find(|l| !l.trim().is_empty()) == Some("READY$")
    });
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn closing_the_terminal_right_after_a_change_keeps_the_change() {
    if !Tmux::available(&["bash"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    let socket = format!("byline-e2e-hangup-{}", std::process::id());
    let tmux = reader_in_a_shell(socket, bin, dir.path(), state.path());
    tmux.keys(&["m"]);
    // Made (the status says so; a key still in the pty when it closes was never made).
    tmux.wait_for("bookmarked");
    let pid = reader_pid(&tmux);
    // The tab closes: the pty goes away and the reader gets SIGHUP.
    tmux.run(&["kill-server"]);
    let start = std::time::Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "byline is still running after the hangup"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let saved = std::fs::read_to_string(state.path().join("state.json")).unwrap_or_default();
    assert!(
        saved.contains("\"bookmarked\":true"),
        "the bookmark made just before the hangup was saved: {saved:?}"
    );
}

/// A terminal that closes when no SIGHUP reaches the reader (its parent ignores it, as a
/// wrapper may): the reader sees the hung-up terminal itself, saves and ends, never spinning.
#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_terminal_closed_without_a_hangup_signal_ends_the_reader_with_the_marks_saved() {
    if !Tmux::available(&[]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    let ended = state.path().join("ended");
    // The session leader ignores SIGHUP, so the kernel's hangup signal stops there.
    let script = format!(
        "trap '' HUP; BYLINE_STATE_DIR='{0}' BYLINE_CACHE_DIR='{0}/cache' '{bin}' '{1}'; echo $? > '{2}'",
        state.path().display(),
        dir.path().display(),
        ended.display()
    );
    let socket = format!("byline-e2e-nohup-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);
    tmux.wait_for("Articles 1/3");
    tmux.keys(&["m"]);
    // Made (the status says so; a key still in the pty when it closes was never made).
    tmux.wait_for("bookmarked");
    tmux.run(&["kill-server"]);
    let start = std::time::Instant::now();
    while !ended.exists() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "byline still runs 10 s after its terminal closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let saved = std::fs::read_to_string(state.path().join("state.json")).unwrap_or_default();
    assert!(
        saved.contains("\"bookmarked\":true"),
        "the bookmark made just before the terminal closed was saved: {saved:?}"
    );
    // The file may be there a moment before its line.
    std::thread::sleep(std::time::Duration::from_millis(100));
    let status = std::fs::read_to_string(&ended).unwrap_or_default();
    assert_eq!(
        status.trim(),
        "129",
        "the hangup's status (128 + SIGHUP), as if the signal had come; not an error's (2) nor \
         a panic on the dead terminal (101)"
    );
}

/// Issue 15 point 6: another program holds `state.lock` the whole time. Keys still work, a
/// failed save says so and is retried, and `q` quits at once with the marks in a side file
/// that the next start reads.
#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_held_state_lock_never_freezes_the_reader_and_quitting_keeps_the_marks_aside() {
    if !Tmux::available(&["bash", "flock"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    // Another program takes the lock and keeps it.
    let mut holder = std::process::Command::new("flock")
        .arg(state.path().join("state.lock"))
        .args(["sleep", "120"])
        .spawn()
        .expect("flock runs");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let bin = env!("CARGO_BIN_EXE_byline");
    let socket = format!("byline-e2e-heldlock-{}", std::process::id());
    let tmux = reader_in_a_shell(socket, bin, dir.path(), state.path());
    tmux.keys(&["m"]);
    // The debounced save waits a second for the lock, gives up and says it will try again.
    tmux.wait_for("will try again");
    // The keys still work meanwhile.
    tmux.keys(&["j"]);
    tmux.wait_for("Articles 2/3");
    tmux.keys(&["q"]);
    tmux.wait_for("READY$");
    // The message may wrap at the terminal's edge.
    let screen = tmux.screen().replace('\n', "");
    assert!(
        screen.contains("state.pending-"),
        "quitting says where the marks went: {screen}"
    );
    let _ = holder.kill();
    let _ = holder.wait();
    let aside: Vec<_> = std::fs::read_dir(state.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("state.pending-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "one side file");
    let (next, _) = byline::state::Store::open(state.path().to_path_buf());
    assert!(
        next.iter().any(|(_, s)| s.bookmarked),
        "the next start reads the bookmark from the side file"
    );
}
