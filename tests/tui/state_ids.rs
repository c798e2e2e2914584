//! Reading state follows an article's content, not its file name.

use byline::app::{Action, App};
use byline::load::head::Ids;
use byline::load::library::Library;
use byline::state::Store;
use byline::theme::Theme;

fn app_on(lib: &std::path::Path, state: &std::path::Path) -> App {
    let mut app = App::new(Library::scan(&[lib.to_path_buf()]), Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    app.attach_store(Store::open(state.to_path_buf()).0);
    app
}

#[test]
fn a_renamed_or_moved_file_keeps_its_bookmark_and_read_mark() {
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    std::fs::write(lib.path().join("a.txt"), "Harbor pilots walk out\nMar 14, 2026\nBy ANA RUIZ\nThe pilots left the launches at the quay.\n").unwrap();
    std::fs::write(
        lib.path().join("b.txt"),
        "Ferry crews weigh a strike vote\nMar 12, 2026\nThe ballot closes on Thursday.\n",
    )
    .unwrap();
    {
        let mut app = app_on(lib.path(), state.path());
        app.update(Action::ToggleBookmark);
        app.update(Action::Open);
        app.flush_state().unwrap();
    }
    std::fs::create_dir(lib.path().join("moved")).unwrap();
    std::fs::rename(
        lib.path().join("a.txt"),
        lib.path().join("moved/renamed.txt"),
    )
    .unwrap();
    let app = app_on(lib.path(), state.path());
    let i = app
        .library
        .entries
        .iter()
        .position(|e| e.row.path().unwrap().ends_with("renamed.txt"))
        .unwrap();
    assert!(app.list().bookmarked()[i], "bookmark kept");
    assert!(app.list().read()[i], "read mark kept");
    let j = 1 - i;
    assert!(
        !app.list().bookmarked()[j] && !app.list().read()[j],
        "the other article untouched"
    );
}

/// A folder of `n` articles, newest first in file order (`a00.txt` is the newest).
fn many(n: usize) -> tempfile::TempDir {
    let lib = tempfile::tempdir().unwrap();
    for i in 0..n {
        let day = 28 - i % 28;
        let month = 12 - i / 28;
        std::fs::write(
            lib.path().join(format!("a{i:02}.txt")),
            format!(
                "Council story number {i}\n2026-{month:02}-{day:02}\nBy ANA RUIZ\nThe council met for the {i}th time.\n"
            ),
        )
        .unwrap();
    }
    lib
}

fn row_of(app: &App, name: &str) -> usize {
    app.library
        .entries
        .iter()
        .position(|e| e.row.path().unwrap().ends_with(name))
        .unwrap()
}

/// The reader's startup: ids left for later, the store attached before any mark is read.
fn lazy_app_on(lib: &std::path::Path, state: &std::path::Path, open: Option<&str>) -> App {
    let library = Library::scan_with(&[lib.to_path_buf()], Ids::Later);
    let mut app = App::new(library, Theme::dark(), 76);
    app.attach_store_lazily(Store::open(state.to_path_buf()).0);
    app.update(Action::Resize {
        width: 120,
        height: 24,
    });
    let open = open.map(|name| row_of(&app, name));
    app.start(open);
    app.sync_marks_on_screen();
    app
}

#[test]
fn marks_off_screen_are_read_after_the_first_frame_under_the_same_ids() {
    let lib = many(60);
    let state = tempfile::tempdir().unwrap();
    let now_ids: Vec<String>;
    {
        let mut app = app_on(lib.path(), state.path());
        now_ids = app
            .library
            .entries
            .iter()
            .map(|e| e.row.id().to_string())
            .collect();
        for name in ["a00.txt", "a50.txt"] {
            let i = row_of(&app, name);
            // Selected as a user does: to the top, then down to its row.
            app.update(Action::Top);
            let row = app.list().view().row_of(i).unwrap();
            for _ in 0..row {
                app.update(Action::Down);
            }
            assert_eq!(app.list().selected(), i);
            app.update(Action::ToggleRead);
        }
        app.update(Action::ToggleBookmark);
        app.flush_state().unwrap();
    }
    let mut app = lazy_app_on(lib.path(), state.path(), None);
    let (top, far) = (row_of(&app, "a00.txt"), row_of(&app, "a50.txt"));
    assert_eq!(top, 0, "the newest article is the first row");
    assert!(
        app.list().read()[top],
        "a row on screen has its mark for the first frame"
    );
    assert!(
        !app.list().read()[far] && !app.list().bookmarked()[far],
        "a row far below is not read yet"
    );
    assert!(app.library.entries[far].row.id().is_empty());
    assert!(
        app.bookmark_column(),
        "the store has a bookmark: the column is there at once"
    );
    app.sync_marks();
    assert!(
        app.list().read()[far] && app.list().bookmarked()[far],
        "read right after the first frame"
    );
    let ids: Vec<String> = app
        .library
        .entries
        .iter()
        .map(|e| e.row.id().to_string())
        .collect();
    assert_eq!(
        ids, now_ids,
        "ids computed later are the ids computed at once"
    );
}

#[test]
fn an_article_opened_before_the_marks_are_read_keeps_its_read_mark() {
    let lib = many(40);
    let state = tempfile::tempdir().unwrap();
    {
        let mut app = lazy_app_on(lib.path(), state.path(), Some("a35.txt"));
        let i = row_of(&app, "a35.txt");
        assert_eq!(
            app.reader().map(byline::app::reader::Reader::index),
            Some(i)
        );
        app.sync_marks();
        assert!(
            app.list().read()[i],
            "opening marks it read, and the full read keeps that"
        );
        app.flush_state().unwrap();
    }
    let app = app_on(lib.path(), state.path());
    let i = row_of(&app, "a35.txt");
    assert!(
        app.list().read()[i],
        "saved under the id a later run computes at once"
    );
    assert_eq!(app.list().read().iter().filter(|r| **r).count(), 1);
}

#[test]
fn no_bookmark_column_before_the_marks_are_read_when_the_store_has_none() {
    let lib = many(30);
    let state = tempfile::tempdir().unwrap();
    let app = lazy_app_on(lib.path(), state.path(), None);
    assert!(app.list().marks_pending());
    assert!(!app.bookmark_column());
}

/// Defect 19: a new headline makes a new id; the marks follow the file's text, not the title.
fn pilots() -> String {
    let mut text = String::from(
        "Harbor pilots walk out\nMar 14, 2026\nBy ANA RUIZ\n\nThe pilots left the launches at the quay.\n",
    );
    for i in 0..40 {
        text.push_str(&format!(
            "\nParagraph {i}: the talks are to resume on Monday, the union said.\n"
        ));
    }
    text
}
const FERRY: &str = "Ferry crews weigh a strike vote\nMar 12, 2026\nBy ANA RUIZ\n\nThe ballot closes on Thursday.\n";

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Opens `name`, scrolls it twelve lines, bookmarks it, and saves.
fn read_and_mark(lib: &std::path::Path, state: &std::path::Path, name: &str) -> usize {
    let mut app = app_on(lib, state);
    let i = row_of(&app, name);
    app.open(i, true);
    for _ in 0..12 {
        app.update(Action::Down);
    }
    let scroll = app.reader().unwrap().scroll();
    assert_eq!(scroll, 12);
    app.update(Action::ToggleBookmark);
    app.flush_state().unwrap();
    scroll
}

#[test]
fn editing_the_title_keeps_the_read_mark_bookmark_and_position() {
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    write(lib.path(), "a.txt", &pilots());
    write(lib.path(), "b.txt", FERRY);
    let scroll = read_and_mark(lib.path(), state.path(), "a.txt");
    let retitled = pilots().replace("Harbor pilots walk out", "Pilots strike at the harbor");
    write(lib.path(), "a.txt", &retitled);
    let mut app = app_on(lib.path(), state.path());
    let i = row_of(&app, "a.txt");
    assert_eq!(
        app.library.entries[i].row.title(),
        "Pilots strike at the harbor"
    );
    assert!(app.list().read()[i], "read mark kept");
    assert!(app.list().bookmarked()[i], "bookmark kept");
    let j = row_of(&app, "b.txt");
    assert!(!app.list().read()[j] && !app.list().bookmarked()[j]);
    app.open(i, true);
    assert_eq!(app.reader().unwrap().scroll(), scroll, "position kept");
    // The new id now has marks of its own: a second edit finds them as well.
    app.update(Action::Down);
    app.flush_state().unwrap();
    write(
        lib.path(),
        "a.txt",
        &retitled.replace("Pilots strike", "Pilots stop work"),
    );
    let mut app = app_on(lib.path(), state.path());
    let i = row_of(&app, "a.txt");
    assert!(app.list().read()[i] && app.list().bookmarked()[i]);
    app.open(i, true);
    assert_eq!(app.reader().unwrap().scroll(), scroll + 1);
}

#[test]
fn no_other_article_gets_the_marks_of_an_edited_one() {
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    write(lib.path(), "a.txt", &pilots());
    read_and_mark(lib.path(), state.path(), "a.txt");
    // A copy given another headline is another file: it starts unread, and the original keeps
    // its marks.
    let retitled = pilots().replace("Harbor pilots walk out", "Pilots strike at the harbor");
    write(lib.path(), "copy.txt", &retitled);
    let app = app_on(lib.path(), state.path());
    let (a, c) = (row_of(&app, "a.txt"), row_of(&app, "copy.txt"));
    assert!(app.list().read()[a] && app.list().bookmarked()[a]);
    assert!(
        !app.list().read()[c] && !app.list().bookmarked()[c],
        "the copy is unread"
    );
    // Another article written over the same file does not inherit them either.
    write(lib.path(), "a.txt", FERRY);
    let app = app_on(lib.path(), state.path());
    let a = row_of(&app, "a.txt");
    assert!(!app.list().read()[a] && !app.list().bookmarked()[a]);
    // Nor does the same article with its text changed as well as its title.
    write(
        lib.path(),
        "a.txt",
        &retitled.replace("left the launches", "tied up the launches"),
    );
    let app = app_on(lib.path(), state.path());
    let a = row_of(&app, "a.txt");
    assert!(!app.list().read()[a] && !app.list().bookmarked()[a]);
}

#[test]
fn marking_one_of_two_articles_with_the_same_text_leaves_the_other_alone() {
    // Two files that differ only in their headline are two articles.
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    write(lib.path(), "a.txt", &pilots());
    write(
        lib.path(),
        "b.txt",
        &pilots().replace("Harbor pilots walk out", "Pilots strike at the harbor"),
    );
    read_and_mark(lib.path(), state.path(), "a.txt");
    let app = app_on(lib.path(), state.path());
    let (a, b) = (row_of(&app, "a.txt"), row_of(&app, "b.txt"));
    assert!(app.list().read()[a] && app.list().bookmarked()[a]);
    assert!(!app.list().read()[b] && !app.list().bookmarked()[b]);
}

#[test]
fn a_title_edited_while_the_reader_runs_keeps_its_marks() {
    // As after `e` (the editor): the watcher reports the file, its row is read again.
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let a = lib.path().join("a.txt");
    write(lib.path(), "a.txt", &pilots());
    write(lib.path(), "b.txt", FERRY);
    let mut app = app_on(lib.path(), state.path());
    let i = row_of(&app, "a.txt");
    app.open(i, true);
    app.update(Action::ToggleBookmark);
    app.update(Action::ToList);
    write(
        lib.path(),
        "a.txt",
        &pilots().replace("Harbor pilots walk out", "Pilots strike at the harbor"),
    );
    assert!(app.files_changed(std::slice::from_ref(&a)));
    let i = row_of(&app, "a.txt");
    assert_eq!(
        app.library.entries[i].row.title(),
        "Pilots strike at the harbor"
    );
    assert!(app.list().read()[i], "read mark kept");
    assert!(app.list().bookmarked()[i], "bookmark kept");
    let j = row_of(&app, "b.txt");
    assert!(!app.list().read()[j] && !app.list().bookmarked()[j]);
}
