//! End to end: emoji that tmux measures its own way (`☎️` and `❤️` one column, a flag two
//! letters apart, a skin-toned firefighter four columns) leave nothing behind. After scrolling an
//! article of them a line at a time and opening a plain one, the screen is what a full redraw
//! of the same state draws.

use crate::tmux::Tmux;
use std::path::Path;
use std::time::{Duration, Instant};

const GLYPHS: [&str; 4] = [
    "Plain body🇪🇸text only.",
    "A heart ❤️ and a keycap 1️⃣ then more words.",
    "The family 👨‍👩‍👧‍👦 came, and 👩🏽‍🚒 with them.",
    "Flags 🇸🇪🇳🇴🇫🇮 in a row, then ✈️ and ☎️.",
];

fn write_library(dir: &Path) {
    let wide: Vec<String> = (0..30)
        .map(|i| format!("{} {i} {}", GLYPHS[i % 4], GLYPHS[(i + 1) % 4]))
        .collect();
    let wide = format!(
        "---\ntitle: Emoji 🇪🇸 in the headline ❤️ too\ndate: 2026-03-15\n---\n\n{}\n",
        wide.join("\n\n")
    );
    std::fs::write(dir.join("wide.md"), wide).expect("write");
    let plain = vec!["Plain body text only, with no wide glyph at all. ".repeat(3); 30];
    let plain = format!(
        "---\ntitle: A plain headline for the other row\ndate: 2026-03-14\n---\n\n{}\n",
        plain.join("\n\n")
    );
    std::fs::write(dir.join("plain.md"), plain).expect("write");
}

/// The screen once it has stopped changing (the same for a quarter of a second) and shows
/// `ready`.
fn settled(tmux: &Tmux, ready: &str) -> String {
    let start = Instant::now();
    let mut last = String::new();
    let mut since = Instant::now();
    loop {
        let s = tmux.screen();
        if s != last {
            last = s;
            since = Instant::now();
        } else if last.contains(ready) && since.elapsed() > Duration::from_millis(250) {
            return last;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited for a settled screen with {ready:?}:\n{last}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn emoji_redrawn_line_by_line_leave_no_stale_glyph() {
    if !Tmux::available(&[]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let bin = env!("CARGO_BIN_EXE_byline");
    for (w, h) in [(100u16, 30u16), (200, 50)] {
        let state = tempfile::tempdir().expect("tempdir");
        let script = format!(
            "BYLINE_STATE_DIR='{0}' BYLINE_CACHE_DIR='{0}/cache' '{bin}' '{1}'; sleep 60",
            state.path().display(),
            dir.path().display()
        );
        let socket = format!("byline-e2e-emoji-{w}-{}", std::process::id());
        let tmux = Tmux::session(socket, w, h, &["sh", "-c", &script]);
        settled(&tmux, "Articles 1/2");
        tmux.keys(&["Enter"]);
        let mut screen = settled(&tmux, "1/2  READ");
        for _ in 0..12 {
            tmux.keys(&["j"]);
            let before = screen.clone();
            tmux.wait("a line down", |s| s != before);
            screen = settled(&tmux, "1/2  READ");
        }
        tmux.keys(&["Escape"]);
        settled(&tmux, "LIST");
        tmux.keys(&["j"]);
        settled(&tmux, "Articles 2/2");
        tmux.keys(&["Enter"]);
        let drawn = settled(&tmux, "2/2  READ");
        // A resize makes the reader clear the screen and draw it all afresh.
        tmux.run(&["resize-window", "-t", "e2e", "-x", &(w - 7).to_string()]);
        tmux.wait("the narrower screen", |s| {
            s.lines()
                .next()
                .is_some_and(|l| l.chars().count() < usize::from(w))
        });
        tmux.run(&["resize-window", "-t", "e2e", "-x", &w.to_string()]);
        tmux.wait("the screen back at its width", |s| {
            s.lines()
                .next()
                .is_some_and(|l| l.chars().count() == usize::from(w))
        });
        let fresh = settled(&tmux, "2/2  READ");
        assert!(fresh.contains("Plain body text only"), "{fresh}");
        for (y, (got, want)) in drawn.lines().zip(fresh.lines()).enumerate() {
            assert_eq!(got, want, "{w}x{h}: row {y}, redrawn and fresh\n{drawn}");
        }
    }
}
