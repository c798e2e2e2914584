//! Read marks, bookmarks, positions and justification in the reader, and their persistence.

mod tui_common;
use byline::app::{Action, App};
use byline::load::library::Library;
use byline::state::Store;
use byline::ui::theme::Theme;
use tui_common::{app, open_harbor, scroll};

/// A library of three files on disk, so entries have content ids as a scan gives them.
fn disk_library(dir: &std::path::Path) -> Library {
    for (name, title, date) in [
        ("a.txt", "Harbor pilots walk out", "Mar 14, 2026"),
        ("b.txt", "Ferry crews weigh a strike vote", "Mar 12, 2026"),
        ("c.txt", "Lighthouse keepers win pay rise", "Mar 10, 2026"),
    ] {
        let body: String = (0..40)
            .map(|i| {
                format!(
                    "Paragraph {i} of {title} goes on for a while so the page needs scrolling.\n"
                )
            })
            .collect();
        std::fs::write(
            dir.join(name),
            format!("{title}\n{date}\nBy ANA RUIZ\n{body}"),
        )
        .unwrap();
    }
    Library::scan(&[dir.to_path_buf()])
}

fn app_on(lib: &std::path::Path, state: &std::path::Path) -> App {
    let mut app = App::new(disk_library(lib), Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    let (store, warnings) = Store::open(state.to_path_buf());
    app.attach_store(store, warnings);
    app
}

#[test]
fn opening_marks_read_and_u_toggles_it() {
    let mut app = app(120, 40);
    assert!(!app.read[0]);
    app.update(Action::Open);
    assert!(app.read[0]);
    app.update(Action::ToggleRead);
    assert!(
        !app.read[0],
        "u in the reader marks the open article unread"
    );
    app.update(Action::ToList);
    app.update(Action::Down);
    app.update(Action::ToggleRead);
    assert!(app.read[1], "u in the list acts on the selection");
    assert!(!app.read[0]);
}

#[test]
fn m_toggles_a_bookmark_on_the_selection() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.update(Action::ToggleBookmark);
    assert_eq!(app.bookmarked, vec![false, true, false, false]);
    app.update(Action::ToggleBookmark);
    assert_eq!(app.bookmarked, vec![false; 4]);
}

#[test]
fn j_justifies_and_keeps_the_paragraph_in_view() {
    let mut app = open_harbor(60, 20);
    for _ in 0..12 {
        app.update(Action::Down);
    }
    let block = app.reader.as_ref().unwrap().top_block();
    app.update(Action::ToggleJustify);
    assert!(app.justify);
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.top_block(), block);
    let width = usize::from(r.page.text_width);
    let full = r
        .page
        .lines
        .iter()
        .filter(|l| l.block.is_some())
        .filter(|l| {
            unicode_width::UnicodeWidthStr::width(
                l.spans
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<String>()
                    .as_str(),
            ) == width
        })
        .count();
    assert!(full > 3, "inner lines fill the measure once justified");
    app.update(Action::ToggleJustify);
    assert!(!app.justify);
}

#[test]
fn marks_bookmarks_and_positions_survive_a_restart() {
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    {
        let mut app = app_on(lib.path(), state.path());
        app.update(Action::Open);
        for _ in 0..15 {
            app.update(Action::Down);
        }
        app.update(Action::ToList);
        app.update(Action::Down);
        app.update(Action::ToggleBookmark);
        app.flush_state().unwrap();
    }
    let mut app = app_on(lib.path(), state.path());
    assert_eq!(app.read, vec![true, false, false]);
    assert_eq!(app.bookmarked, vec![false, true, false]);
    app.update(Action::Top);
    app.update(Action::Open);
    assert_eq!(scroll(&app), 15, "reopened where reading stopped");
}

#[test]
fn a_renamed_file_keeps_its_state() {
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    {
        let mut app = app_on(lib.path(), state.path());
        app.update(Action::ToggleBookmark);
        app.flush_state().unwrap();
    }
    std::fs::rename(lib.path().join("a.txt"), lib.path().join("renamed.txt")).unwrap();
    let app = app_on(lib.path(), state.path());
    let i = app
        .library
        .entries
        .iter()
        .position(|e| e.head.path.as_ref().unwrap().ends_with("renamed.txt"))
        .unwrap();
    assert!(app.bookmarked[i]);
}
