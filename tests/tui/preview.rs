//! The list preview is made by a worker: a key that moves the selection neither reads nor lays
//! out the article; the newest request wins, stale replies are dropped, errors reach the status
//! bar, and the settled preview is the page the synchronous path makes.

use crate::common::*;
use byline::app::{Action, App, Mode};
use byline::article::Article;
use byline::load::library::Library;
use byline::text::typeset::{Names, Options, Page, typeset_with};
use byline::theme::Theme;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Holds the preview worker inside the typesetter until the test lets it go, and logs which
/// articles were laid out on which thread. One test at a time uses it ([`Gate::take`]).
struct Gate {
    /// Whether the worker may go on.
    open: Mutex<bool>,
    turned: Condvar,
    /// (headline, laid out on the preview worker) for every call.
    log: Mutex<Vec<(String, bool)>>,
    /// Calls that have returned.
    done: Mutex<usize>,
    serial: Mutex<()>,
}

static GATE: Gate = Gate {
    open: Mutex::new(true),
    turned: Condvar::new(),
    log: Mutex::new(Vec::new()),
    done: Mutex::new(0),
    serial: Mutex::new(()),
};

impl Gate {
    /// This test's turn with the gate, closed and its log empty.
    fn take(&self) -> MutexGuard<'_, ()> {
        let turn = self
            .serial
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *self.open.lock().unwrap() = false;
        self.log.lock().unwrap().clear();
        *self.done.lock().unwrap() = 0;
        turn
    }

    fn release(&self) {
        *self.open.lock().unwrap() = true;
        self.turned.notify_all();
    }

    fn log(&self) -> Vec<(String, bool)> {
        self.log.lock().unwrap().clone()
    }

    /// Waits until `n` articles have started to be laid out, at most ten seconds.
    fn wait_for_calls(&self, n: usize) {
        self.wait_until(|| self.log.lock().unwrap().len() >= n);
    }

    /// Waits until `n` articles have been laid out, at most ten seconds.
    fn wait_for_done(&self, n: usize) {
        self.wait_until(|| *self.done.lock().unwrap() >= n);
    }

    fn wait_until(&self, cond: impl Fn() -> bool) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !cond() {
            assert!(std::time::Instant::now() < deadline, "{:?}", self.log());
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

fn on_worker() -> bool {
    std::thread::current().name() == Some("byline-preview")
}

/// The real typesetter, logged, and held on the preview worker while the gate is closed.
fn gated(article: &Article, opts: &Options, names: &Names<'_>) -> Page {
    GATE.log
        .lock()
        .unwrap()
        .push((article.header.title.clone(), on_worker()));
    if on_worker() {
        let mut open = GATE.open.lock().unwrap();
        while !*open {
            open = GATE.turned.wait(open).unwrap();
        }
    }
    let page = typeset_with(article, opts, names);
    *GATE.done.lock().unwrap() += 1;
    page
}

/// The fixture app at 120×40 with the gated typesetter.
fn gated_app() -> App {
    let mut app = app(120, 40);
    app.typeset = gated;
    app
}

/// The text of `page`, one line per page line.
fn page_text(page: &Page) -> String {
    page.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect::<String>() + "\n")
        .collect()
}

/// A folder of three dated articles, scanned, newest first: alpha, beta, gamma.
fn folder() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "a.txt",
        "Alpha council approves the tram\nMar 14, 2026\nBy ANA RUIZ, Coastline Wire\n\
         The council voted on Tuesday.\nRelated Articles\nBeta ferry fares rise again\n\
         A story nobody wrote\n",
    );
    write(
        "b.txt",
        "Beta ferry fares rise again\nMar 13, 2026\nTickets cost more from May.\n",
    );
    write(
        "c.txt",
        "Gamma bridge opens anyway\nMar 12, 2026\nIt opens on Monday.\n",
    );
    let lib = Library::scan(&[dir.path().to_path_buf()]);
    (dir, lib)
}

fn app_over(lib: Library) -> App {
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

#[test]
fn a_selection_change_leaves_the_work_to_the_worker_and_shows_the_list_row_meanwhile() {
    let _turn = GATE.take();
    let mut app = gated_app();
    app.update(Action::Down);
    // The key is done while the worker is held: nothing was laid out on this thread.
    assert!(app.preview_pending());
    assert!(
        app.reader().is_none(),
        "no stale article under the new selection"
    );
    let placeholder = page_text(&app.preview().pending().unwrap().page);
    assert!(placeholder.contains(PORT), "{placeholder}");
    assert!(placeholder.contains("CAROLINA ESPINOZA"), "{placeholder}");
    assert!(
        placeholder.contains("Friday, March 13, 2026"),
        "{placeholder}"
    );
    assert!(placeholder.contains("loading…"), "{placeholder}");
    assert!(GATE.log().iter().all(|(_, worker)| *worker));
    GATE.release();
    app.settle();
    assert!(!app.preview_pending());
    assert_eq!(title(&app), PORT);
    assert_eq!(GATE.log(), [(PORT.to_string(), true)]);
    assert!(!app.list().read()[1], "a preview is not a read");
}

#[test]
fn the_placeholder_is_drawn_in_the_reading_pane() {
    let _turn = GATE.take();
    let mut app = gated_app();
    app.update(Action::Down);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    term.draw(|f| byline::render(&app, f)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(screen.contains("loading…"));
    assert!(!screen.contains("Enter opens the selected article"));
    GATE.release();
    app.settle();
    term.draw(|f| byline::render(&app, f)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(!screen.contains("loading…"));
    assert!(
        screen.contains("Paragraph 2 says"),
        "the article's body is drawn"
    );
}

#[test]
fn a_held_key_lays_out_only_the_article_being_worked_on_and_the_newest() {
    let _turn = GATE.take();
    let mut app = gated_app();
    app.update(Action::Down);
    // The worker has taken the first request and is held inside it.
    GATE.wait_for_calls(1);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.list().selected(), 3);
    GATE.release();
    app.settle();
    assert_eq!(title(&app), NOTE, "the latest request wins");
    // The reply for the port article came first and was dropped; copper was never laid out.
    assert_eq!(
        GATE.log(),
        [(PORT.to_string(), true), (NOTE.to_string(), true)]
    );
}

#[test]
fn a_reply_for_a_selection_that_moved_on_is_dropped() {
    let _turn = GATE.take();
    let mut app = gated_app();
    app.update(Action::Down);
    GATE.wait_for_calls(1);
    // Narrow: the reader is hidden, so moving on asks for nothing, and the port reply is stale.
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    app.update(Action::Down);
    assert_eq!(app.list().selected(), 2);
    assert!(!app.preview_pending());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Action::Down);
    assert!(app.preview_pending());
    GATE.release();
    // The port reply comes first and is thrown away; the note's is shown.
    app.settle();
    assert_eq!(title(&app), NOTE);
    assert_eq!(
        GATE.log(),
        [(PORT.to_string(), true), (NOTE.to_string(), true)]
    );
}

#[test]
fn opening_while_the_preview_is_pending_loads_at_once_and_the_late_reply_is_dropped() {
    let _turn = GATE.take();
    let mut app = gated_app();
    app.update(Action::Down);
    GATE.wait_for_calls(1);
    app.update(Action::Open);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(title(&app), PORT);
    assert!(app.list().read()[1], "opening marks read");
    assert!(!app.preview_pending());
    let page = app.reader().unwrap().page().clone();
    GATE.release();
    GATE.wait_for_done(2);
    assert!(!app.poll_preview());
    assert!(!app.wait_preview(Duration::from_millis(20)));
    assert!(std::sync::Arc::ptr_eq(app.reader().unwrap().page(), &page));
}

#[test]
fn opening_an_arrived_preview_lays_nothing_out_again() {
    let _turn = GATE.take();
    GATE.release();
    let mut app = gated_app();
    app.update(Action::Down);
    app.settle();
    app.update(Action::Open);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.list().read()[1]);
    // A click on the previewed row enters it as well.
    app.update(Action::ToList);
    app.update(Action::Down);
    app.settle();
    app.update(Action::Click { column: 10, row: 3 });
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(title(&app), COPPER);
    assert_eq!(
        GATE.log(),
        [(PORT.to_string(), true), (COPPER.to_string(), true)]
    );
}

#[test]
fn a_resize_while_pending_asks_again_at_the_new_width() {
    let _turn = GATE.take();
    let mut app = gated_app();
    app.update(Action::Down);
    GATE.wait_for_calls(1);
    app.update(Action::Resize {
        width: 150,
        height: 40,
    });
    let width = app.reader_width();
    assert_eq!(app.preview().pending().unwrap().opts.width, width);
    GATE.release();
    app.settle();
    let r = app.reader().unwrap();
    assert_eq!(r.width(), width);
    let mut direct = crate::common::app(150, 40);
    direct.open(1, false);
    assert_eq!(r.page(), direct.reader().unwrap().page());
}

#[test]
fn an_unreadable_file_is_reported_in_the_status_bar_after_the_key() {
    let (dir, lib) = folder();
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    let mut sync = app_over(lib.clone());
    assert!(!sync.open(1, false));
    let want = sync
        .status()
        .cloned()
        .expect("the synchronous path complains");
    let mut app = app_over(lib);
    app.update(Action::Down);
    // The key did not read the file: the error is not there yet.
    assert_eq!(app.status(), None);
    assert!(app.preview_pending());
    app.settle();
    assert_eq!(app.status(), Some(&want));
    assert!(want.error && want.text.contains("b.txt"), "{want:?}");
    assert!(
        app.reader().is_none(),
        "no article shown for the unreadable one"
    );
}

#[test]
fn the_settled_preview_is_the_page_the_synchronous_path_makes() {
    let (_dir, lib) = folder();
    let a = lib.entries[0].row.path_buf().unwrap();
    let b = lib.entries[1].row.path_buf().unwrap();
    // Backlinks as the background pass finds them: beta is linked from alpha.
    lib.backlinks
        .set([(b.clone(), vec![a.clone()])].into_iter().collect())
        .unwrap();
    for indexed in [false, true] {
        for i in 0..lib.entries.len() {
            let mut app = app_over(lib.clone());
            let mut sync = app_over(lib.clone());
            if indexed {
                app.titles().get(&app.library);
                sync.titles().get(&sync.library);
            }
            app.start(None);
            app.settle();
            for _ in 0..i {
                app.update(Action::Down);
            }
            app.settle();
            assert_eq!(app.reader().unwrap().index(), i);
            if !indexed && i == 0 {
                // Its related headlines wait for the index, which the preview never builds.
                assert!(app.titles_pending());
                assert!(app.titles().ready().is_none());
                let text = page_text(app.reader().unwrap().page());
                assert!(text.contains("(looking up…)"), "{text}");
                // Once it is built, the page is the one opening builds the index for.
                app.titles().get(&app.library);
                assert!(app.poll_titles());
            }
            sync.open(i, false);
            let (got, want) = (app.reader().unwrap(), sync.reader().unwrap());
            assert_eq!(
                got.article(),
                want.article(),
                "entry {i}, indexed {indexed}"
            );
            assert_eq!(got.page(), want.page(), "entry {i}, indexed {indexed}");
            assert!(!got.related_pending() && !want.related_pending());
        }
    }
    // The backlink is named by its article's title, as the synchronous page names it.
    let mut app = app_over(lib);
    app.update(Action::Down);
    app.settle();
    let text = page_text(app.reader().unwrap().page());
    assert!(text.contains("Alpha council approves the tram"), "{text}");
}

#[test]
fn the_fixture_previews_match_the_synchronous_path_too() {
    // Articles held in memory (stdin) go through the worker as well. (With the title index
    // built: without it the harbor preview waits for it, as above.)
    for i in 0..4 {
        let mut app = app(120, 40);
        app.titles().get(&app.library);
        app.start(None);
        app.settle();
        for _ in 0..i {
            app.update(Action::Down);
        }
        app.settle();
        let mut sync = self::app(120, 40);
        sync.open(i, false);
        let (got, want) = (app.reader().unwrap(), sync.reader().unwrap());
        assert_eq!(got.page(), want.page(), "entry {i}");
        assert_eq!(got.article(), want.article(), "entry {i}");
    }
}

#[test]
fn the_startup_preview_is_asked_for_not_made() {
    let _turn = GATE.take();
    let mut app = gated_app();
    app.start(None);
    assert!(app.reader().is_none());
    assert!(app.preview_pending());
    GATE.release();
    app.settle();
    assert_eq!(title(&app), HARBOR);
    assert_eq!(app.mode(), Mode::List);
    assert!(!app.list().read()[0]);
}

#[test]
fn a_library_change_while_pending_asks_again_for_the_same_file() {
    let (dir, lib) = folder();
    let mut app = app_over(lib);
    app.update(Action::Down);
    assert!(app.preview_pending());
    // A newer article arrives: every index moves down one.
    let new: PathBuf = dir.path().join("n.txt");
    std::fs::write(
        &new,
        "Newest story of all\nMar 20, 2026\nIt just happened.\n",
    )
    .unwrap();
    assert!(app.files_changed(std::slice::from_ref(&new)));
    app.settle();
    assert_eq!(app.list().selected(), 2);
    assert_eq!(title(&app), "Beta ferry fares rise again");
    assert_eq!(app.reader().unwrap().index(), 2);
}

#[test]
fn after_a_library_change_the_title_index_is_built_again_in_the_background() {
    let (dir, lib) = folder();
    let mut app = app_over(lib);
    // As after the first frame: the reader has its index.
    app.titles().get(&app.library);
    let new = dir.path().join("n.txt");
    std::fs::write(
        &new,
        "Newest story of all\nMar 20, 2026\nIt just happened.\n",
    )
    .unwrap();
    assert!(app.files_changed(std::slice::from_ref(&new)));
    // Alpha (with related headlines) is now entry 1, still selected; its preview never builds
    // the index, but the rebuilt one resolves its headlines.
    app.update(Action::Down);
    app.update(Action::Up);
    app.settle();
    assert_eq!(title(&app), "Alpha council approves the tram");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while app.titles_pending() {
        assert!(
            std::time::Instant::now() < deadline,
            "the index is never built"
        );
        app.poll_titles();
        std::thread::sleep(Duration::from_millis(2));
    }
    let text = page_text(app.reader().unwrap().page());
    assert!(text.contains("Beta ferry fares rise again"), "{text}");
    assert!(text.contains("(not in library)"), "{text}");
    assert!(!text.contains("(looking up…)"), "{text}");
}
