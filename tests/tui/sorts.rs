//! Issue 14: the title and source orders are made on a worker once the library is in, so the
//! first press of `s` does not sort on the key; orders made for a library that changed since
//! are never shown.

use byline::app::{Action, App, Msg, Sort};
use byline::load::library::Library;
use byline::theme::Theme;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A news-wire file from `agency`.
fn wire(title: &str, date: &str, agency: &str) -> String {
    format!("{title}\n{date}\nLIMA ({agency})--Crews worked.\nA second paragraph follows.\n")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Three articles whose date, title and source orders all differ; the path of the newest.
fn three(d: &Path) -> (App, PathBuf) {
    let a = write(
        d,
        "a.txt",
        &wire("Harbor pilots strike", "March 3, 2026", "AP"),
    );
    write(
        d,
        "b.txt",
        &wire("Bridge tolls rise", "March 2, 2026", "Reuters"),
    );
    write(d, "c.txt", &wire("Canal reopens", "March 1, 2026", "AFP"));
    let mut app = App::new(Library::scan(&[d.to_path_buf()]), Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    assert_eq!(
        shown(&app),
        ["Harbor pilots strike", "Bridge tolls rise", "Canal reopens"]
    );
    let sources: Vec<_> = app
        .library
        .entries
        .iter()
        .map(|e| e.row.source().map(str::to_string).unwrap_or_default())
        .collect();
    assert_eq!(
        sources,
        ["Associated Press", "Reuters", "Agence France-Presse"]
    );
    (app, a)
}

/// The headlines on the list's rows, top to bottom.
fn shown(app: &App) -> Vec<String> {
    let rows = app.list().view().rows();
    rows.iter()
        .map(|&i| app.library.entries[i].row.title().to_string())
        .collect()
}

/// The next message that is the sorts worker's, every other one handed to `update` meanwhile.
fn next_orders(app: &mut App) -> Msg {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        assert!(Instant::now() < deadline, "waited for the orders");
        match app.next_message(Some(Duration::from_millis(5))) {
            Some(m @ Msg::SortsReady(_)) => return m,
            Some(m) => {
                app.update(m);
            }
            None => {}
        }
    }
}

#[test]
fn orders_made_before_the_library_changed_are_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, a) = three(dir.path());
    // The worker starts after the first frame; its orders are held back here until the newest
    // article is retitled on disk (the library keeps its length and its date order).
    app.update(Msg::FirstFrame);
    let stale = next_orders(&mut app);
    write(
        dir.path(),
        "a.txt",
        &wire("Anchor fees fall", "March 3, 2026", "AP"),
    );
    assert!(app.files_changed(std::slice::from_ref(&a)));
    app.update(stale);
    assert!(
        !app.list().view().has_order(Sort::Title),
        "the stale order was taken"
    );
    app.update(Action::CycleSort);
    assert_eq!(
        shown(&app),
        ["Anchor fees fall", "Bridge tolls rise", "Canal reopens"]
    );
}

#[test]
fn a_press_after_the_orders_came_shows_them_and_they_follow_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, a) = three(dir.path());
    app.update(Msg::FirstFrame);
    let orders = next_orders(&mut app);
    app.update(orders);
    assert!(app.list().view().has_order(Sort::Title));
    assert!(app.list().view().has_order(Sort::Source));
    app.update(Action::CycleSort);
    assert_eq!(
        shown(&app),
        ["Bridge tolls rise", "Canal reopens", "Harbor pilots strike"]
    );
    app.update(Action::CycleSort);
    assert_eq!(
        shown(&app),
        ["Canal reopens", "Harbor pilots strike", "Bridge tolls rise"]
    );
    app.update(Action::CycleSort);

    // A change: the orders are made again for the new library, and a press after they came
    // shows the new order.
    write(
        dir.path(),
        "a.txt",
        &wire("Anchor fees fall", "March 3, 2026", "Xinhua"),
    );
    assert!(app.files_changed(std::slice::from_ref(&a)));
    assert!(!app.list().view().has_order(Sort::Title));
    let orders = next_orders(&mut app);
    app.update(orders);
    assert!(app.list().view().has_order(Sort::Title));
    assert!(app.list().view().has_order(Sort::Source));
    app.update(Action::CycleSort);
    assert_eq!(
        shown(&app),
        ["Anchor fees fall", "Bridge tolls rise", "Canal reopens"]
    );
    app.update(Action::CycleSort);
    assert_eq!(
        shown(&app),
        ["Canal reopens", "Bridge tolls rise", "Anchor fees fall"]
    );
}
