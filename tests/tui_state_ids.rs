//! Reading state follows an article's content, not its file name.

use byline::app::{Action, App};
use byline::load::library::Library;
use byline::state::Store;
use byline::ui::theme::Theme;

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
        .position(|e| e.head.path.as_ref().unwrap().ends_with("renamed.txt"))
        .unwrap();
    assert!(app.bookmarked[i], "bookmark kept");
    assert!(app.read[i], "read mark kept");
    let j = 1 - i;
    assert!(
        !app.bookmarked[j] && !app.read[j],
        "the other article untouched"
    );
}
