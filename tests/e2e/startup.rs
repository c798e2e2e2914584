//! End to end: on a library of a few thousand articles, a related link followed the moment the
//! reader starts (before or while the title index is built) opens the article it names, and the
//! startup preview shows its related headlines as links once the index is ready.

use crate::tmux::Tmux;
use std::path::Path;

const ARTICLES: usize = 3000;

fn headline(i: usize) -> String {
    format!("Council {i} approves the new tram line")
}

/// `ARTICLES` short articles; the newest names two others in its related block, the first
/// reworded (found by closeness), the second exactly.
fn write_library(dir: &Path) {
    for i in 0..ARTICLES {
        // The newest first; the others on earlier days (many share one).
        let date = if i == 0 {
            "2026-01-15".to_string()
        } else {
            format!("2025-{:02}-{:02}", 12 - i % 12, 1 + i % 28)
        };
        let mut text = format!("{}\n{date}\nThe council met on Tuesday.\n", headline(i));
        if i == 0 {
            text.push_str(&format!(
                "Related Articles\nCouncil {} approves a new tram line\n{}\n",
                ARTICLES - 1,
                headline(1234)
            ));
        }
        let sub = dir.join(format!("{:02}", i / 500));
        std::fs::create_dir_all(&sub).expect("folder");
        std::fs::write(sub.join(format!("a{i:05}.txt")), text).expect("write");
    }
}

/// The reader on `dir` in a tmux session of its own, marks kept in `state`.
fn start(socket: String, dir: &Path, state: &Path) -> Tmux {
    let bin = env!("CARGO_BIN_EXE_byline");
    let script = format!(
        "BYLINE_STATE_DIR='{0}' BYLINE_CACHE_DIR='{0}/cache' '{bin}' '{1}'; sleep 60",
        state.display(),
        dir.display()
    );
    Tmux::session(socket, 120, 30, &["sh", "-c", &script])
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn a_related_link_followed_at_once_opens_the_article_it_names() {
    if !Tmux::available(&[]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let first = format!("Articles 1/{ARTICLES}");
    for (key, target) in [("1", ARTICLES - 1), ("2", 1234)] {
        let state = tempfile::tempdir().expect("tempdir");
        let socket = format!("byline-e2e-startup-{}-{key}", std::process::id());
        let tmux = start(socket, dir.path(), state.path());
        tmux.wait_for(&first);
        // Into the previewed article and straight to a related link, as fast as keys come.
        tmux.run(&["send-keys", "-t", "e2e", "Enter", key, "Enter"]);
        // The reader's first line is the followed article's headline.
        let wanted = headline(target);
        let s = tmux.wait(&wanted, |s| {
            s.contains("READ") && s.lines().nth(1).is_some_and(|l| l.contains(&wanted))
        });
        assert!(!s.contains("not in the library"), "{s}");
    }
}

#[test]
#[cfg_attr(
    byline_no_tmux,
    ignore = "tmux is not installed (under CI=true this test fails instead)"
)]
fn the_startup_preview_shows_its_related_headlines_as_links_once_ready() {
    if !Tmux::available(&[]) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let state = tempfile::tempdir().expect("tempdir");
    write_library(dir.path());
    let socket = format!("byline-e2e-startup-preview-{}", std::process::id());
    let tmux = start(socket, dir.path(), state.path());
    // The article is short: its related box is in the preview. The headlines may show
    // unresolved for a moment, until the title index is ready; then they are links, without a key.
    // A resolved headline shows the title of the article it leads to, not the source's wording
    // ("approves a new tram line").
    let box_shown = "[2] Council 1234 approves the new tram line";
    let first = format!("[1] {}", headline(ARTICLES - 1));
    let s = tmux.wait("the headlines resolved", |s| {
        s.contains(box_shown) && s.contains(&first) && !s.contains("(not in library)")
    });
    assert!(!s.contains("approves a new tram line"), "{s}");
}
