//! The title index is built lazily: the startup preview does not wait for it, and related links
//! resolve to the same articles whether it was ready, still being built, or not started.

use crate::common::*;
use byline::app::{Action, App, Mode};
use byline::text::typeset::Target;
use byline::theme::Theme;
use std::path::Path;
use std::time::{Duration, Instant};

/// The app as `tui::run` has it once the startup preview has come: sized, the preview
/// started and settled.
fn started(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    app.start(None);
    app.settle();
    app
}

/// Polls like the event loop until the related headlines are resolved (or ten seconds pass).
fn wait_for_titles(app: &mut App) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if app.poll_titles() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

/// The path the page's related link number `n` points at.
fn related_path(app: &App, n: usize) -> Option<std::path::PathBuf> {
    let r = app.reader().expect("an open article");
    r.page().targets.iter().find_map(|t| match t {
        Target::Related { number, path, .. } if *number == n => Some(path.clone()),
        _ => None,
    })?
}

#[test]
fn the_startup_preview_does_not_build_the_title_index() {
    let app = started(120, 40);
    assert_eq!(title(&app), HARBOR);
    assert!(
        app.titles().ready().is_none(),
        "nothing built before the frame"
    );
    assert!(app.titles_pending());
    // The headline with a path shows as a link at once; the one found by title waits.
    assert_eq!(
        related_path(&app, 1).as_deref(),
        Some(Path::new("/lib/copper.txt"))
    );
    assert_eq!(related_path(&app, 2), None);
}

#[test]
fn a_related_link_followed_before_the_index_is_ready_builds_it_and_opens_the_right_article() {
    let mut app = started(120, 40);
    app.update(Action::Open);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.titles_pending(), "entering the preview keeps its page");
    app.update(Action::FollowRelated(2));
    assert_eq!(title(&app), PORT);
    assert!(app.titles().ready().is_some());
    app.update(Action::HistoryBack);
    assert_eq!(title(&app), HARBOR);
    assert_eq!(
        related_path(&app, 2).as_deref(),
        Some(Path::new("/lib/port.txt")),
        "opened again, the page shows the headline resolved"
    );
    assert!(!app.titles_pending());
}

/// Moves the link focus with Tab, as a user does, until link `target` has it.
fn focus_link(app: &mut App, target: usize) {
    for _ in 0..50 {
        if app.reader().unwrap().focus() == Some(target) {
            return;
        }
        app.update(Action::NextLink);
    }
    panic!("Tab never focused link {target}");
}

#[test]
fn a_focused_related_link_followed_before_the_index_is_ready_opens_the_right_article() {
    let mut app = started(120, 40);
    app.update(Action::Open);
    let target = related_target(&app, 2);
    focus_link(&mut app, target);
    app.update(Action::FollowLink);
    assert_eq!(title(&app), PORT);
}

#[test]
fn the_preview_resolves_its_headlines_once_the_background_index_is_ready() {
    let mut app = started(120, 40);
    app.index_titles_in_background();
    assert!(wait_for_titles(&mut app), "the worker builds the index");
    assert!(!app.titles_pending());
    assert!(!app.poll_titles(), "nothing left to resolve");
    assert_eq!(
        related_path(&app, 2).as_deref(),
        Some(Path::new("/lib/port.txt"))
    );
    assert_eq!(
        related_path(&app, 3),
        None,
        "a headline not in the library stays unresolved"
    );
    // The same page as opening the article with the index built first.
    let mut direct = app_with_index(120, 40);
    direct.open(0, false);
    let (lazy, eager) = (app.reader().unwrap(), direct.reader().unwrap());
    assert_eq!(lazy.page(), eager.page());
    assert_eq!(lazy.article(), eager.article());
    app.update(Action::Open);
    app.update(Action::FollowRelated(2));
    assert_eq!(title(&app), PORT);
}

#[test]
fn resolving_late_keeps_the_scroll_and_the_focus() {
    let mut app = started(120, 40);
    app.update(Action::Open);
    app.update(Action::PageDown);
    let target = related_target(&app, 1);
    focus_link(&mut app, target);
    let before = scroll(&app);
    assert!(before > 0);
    app.index_titles_in_background();
    assert!(wait_for_titles(&mut app));
    assert_eq!(scroll(&app), before);
    assert_eq!(app.reader().unwrap().focus(), Some(target));
}

#[test]
fn a_page_laid_out_while_waiting_is_not_kept() {
    for resize in [false, true] {
        let mut app = started(120, 40);
        if resize {
            // A resize while the headlines wait lays the page out again, unresolved.
            app.update(Action::Resize {
                width: 110,
                height: 40,
            });
        }
        assert!(app.titles_pending());
        // The next article has no related headlines: nothing is built for it.
        app.update(Action::Down);
        app.settle();
        assert_eq!(title(&app), PORT);
        assert!(app.titles().ready().is_none());
        // Coming back in the list waits again: a preview never builds the index.
        app.update(Action::Up);
        app.settle();
        assert_eq!(title(&app), HARBOR);
        assert!(app.titles_pending());
        assert!(app.titles().ready().is_none());
        // Opening it again with the focus builds the index (a user action) and must not reuse
        // the waiting page.
        app.update(Action::Open);
        app.update(Action::NextArticle);
        app.update(Action::PrevArticle);
        assert_eq!(title(&app), HARBOR);
        assert!(!app.titles_pending());
        assert_eq!(
            related_path(&app, 2).as_deref(),
            Some(Path::new("/lib/port.txt")),
            "resize: {resize}"
        );
    }
}

#[test]
fn following_while_the_worker_builds_waits_for_it() {
    for _ in 0..20 {
        let mut app = started(120, 40);
        app.update(Action::Open);
        app.index_titles_in_background();
        app.update(Action::FollowRelated(2));
        assert_eq!(title(&app), PORT);
    }
}

#[test]
fn an_article_opened_with_the_focus_resolves_at_once() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    assert!(!app.titles_pending());
    assert_eq!(
        related_path(&app, 2).as_deref(),
        Some(Path::new("/lib/port.txt"))
    );
}

#[test]
fn a_scanned_folder_resolves_the_same_with_and_without_the_worker() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "a.txt",
        "Tram line approved\nMar 14, 2026\nThe council voted.\nRelated Articles\n\
         Ferry fares rise again\nA bridge nobody asked for\n",
    );
    write(
        "b.txt",
        "Ferry fares rise again\nMar 13, 2026\nTickets cost more.\n",
    );
    write(
        "c.txt",
        "A bridge that nobody asked for\nMar 12, 2026\nIt opens anyway.\n",
    );
    let lib = byline::load::library::Library::scan(&[dir.path().to_path_buf()]);
    let open = |background: bool| {
        let mut app = App::new(lib.clone(), Theme::dark(), 76);
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        app.start(None);
        app.settle();
        if background {
            app.index_titles_in_background();
            assert!(wait_for_titles(&mut app));
        }
        assert_eq!(title(&app), "Tram line approved");
        let paths = (related_path(&app, 1), related_path(&app, 2));
        app.update(Action::Open);
        app.update(Action::FollowRelated(2));
        (paths, title(&app))
    };
    let eager = open(true);
    assert_eq!(eager.0.0, Some(dir.path().join("b.txt")));
    assert_eq!(eager.0.1, Some(dir.path().join("c.txt")));
    assert_eq!(eager.1, "A bridge that nobody asked for");
    let lazy = open(false);
    assert_eq!(lazy.1, eager.1);
}

/// An app over the fixture library whose title index is built before anything opens.
fn app_with_index(width: u16, height: u16) -> App {
    let app = app(width, height);
    app.titles().get(&app.library);
    app
}

/// The text of the open page, one line per page line.
fn page_text(app: &App) -> String {
    let r = app.reader().expect("an open article");
    r.page()
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn while_the_index_is_built_headlines_say_they_are_being_looked_up_not_missing() {
    let mut app = started(120, 40);
    let waiting = page_text(&app);
    assert!(waiting.contains("(looking up…)"), "{waiting}");
    assert!(!waiting.contains("(not in library)"), "{waiting}");
    app.index_titles_in_background();
    assert!(wait_for_titles(&mut app), "the worker builds the index");
    let done = page_text(&app);
    assert!(!done.contains("(looking up…)"), "{done}");
    assert!(
        done.contains("(not in library)"),
        "the headline with no article says so once the index is ready: {done}"
    );
}
