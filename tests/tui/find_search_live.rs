//! Issue 4, reader side: find in article, justification, full-text search and the live library,
//! checked on App state through `update`.

use crate::common::*;
use byline::app::keymap::{self, BINDINGS, Key, Scope};
use byline::app::{Action, App, Edit, Mode, Rule};
use byline::load::library::Library;
use byline::search::{Doc, Results, Searcher};
use byline::theme::Theme;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The text of every page line of the open article.
fn page_lines(app: &App) -> Vec<String> {
    let r = app.reader().expect("an open article");
    r.page()
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect())
        .collect()
}

/// Occurrences of `needle` in the page's lines, counted here independently of the find.
fn count_on_page(app: &App, needle: &str, fold: bool) -> usize {
    page_lines(app)
        .iter()
        .map(|l| {
            if fold {
                l.to_lowercase().matches(&needle.to_lowercase()).count()
            } else {
                l.matches(needle).count()
            }
        })
        .sum()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Prompt(Edit::Insert(c)));
    }
}

fn current_line(app: &App) -> usize {
    let f = app.reading().find().expect("a find");
    f.matches[f.current.expect("a current match")].line
}

fn in_view(app: &App, line: usize) -> bool {
    let s = scroll(app);
    line >= s && line < s + app.reader_height()
}

#[test]
fn find_highlights_as_you_type_and_n_and_shift_n_step_through_matches() {
    let mut app = open_harbor(120, 40);
    app.update(Action::FindStart);
    assert_eq!(app.mode(), Mode::FindPrompt);
    type_text(&mut app, "dock");
    let n = count_on_page(&app, "dock", true);
    assert!(n > 3, "the fixture repeats the words");
    let f = app.reading().find().unwrap();
    assert_eq!(f.matches.len(), n);
    assert_eq!(f.label(), format!("1/{n}"));
    assert!(in_view(&app, current_line(&app)));
    // A letter more narrows the matches, as typing goes on.
    type_text(&mut app, "s");
    assert_eq!(
        app.reading().find().unwrap().matches.len(),
        count_on_page(&app, "docks", true)
    );
    app.update(Action::Prompt(Edit::DeleteBack));
    assert_eq!(app.reading().find().unwrap().matches.len(), n);

    app.update(Action::Prompt(Edit::Accept));
    assert_eq!(app.mode(), Mode::Find);
    app.update(Action::FindNext);
    assert_eq!(app.reading().find().unwrap().label(), format!("2/{n}"));
    app.update(Action::FindPrev);
    app.update(Action::FindPrev);
    assert_eq!(
        app.reading().find().unwrap().label(),
        format!("{n}/{n}"),
        "N before the first match wraps to the last"
    );
    assert!(in_view(&app, current_line(&app)));
    // Reader keys still scroll while the find is kept, and the matches stay.
    app.update(Action::Top);
    assert_eq!(scroll(&app), 0);
    assert_eq!(app.mode(), Mode::Find);

    app.update(Action::FindCancel);
    assert!(app.reading().find().is_none());
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn n_means_the_next_match_only_while_a_find_is_kept() {
    let key = |m, k| keymap::lookup(m, k);
    // Without a find, n is newsboat's next unread article.
    assert_eq!(key(Mode::Reader, Key::ch('n')), Some(Action::NextUnread));
    assert_eq!(key(Mode::Find, Key::ch('n')), Some(Action::FindNext));
    assert_eq!(key(Mode::Find, Key::ch('N')), Some(Action::FindPrev));
    assert_eq!(key(Mode::Find, Key::ch('j')), Some(Action::Down));
    assert_eq!(key(Mode::Reader, Key::ch('/')), Some(Action::FindStart));
    assert_eq!(key(Mode::Reader, Key::ch('J')), Some(Action::Justify));
    assert_eq!(key(Mode::List, Key::ch('F')), Some(Action::SearchStart));
    assert_eq!(key(Mode::Reader, Key::ch('F')), Some(Action::SearchStart));
}

#[test]
fn no_key_is_bound_twice_in_the_new_scopes() {
    for scope in [Scope::FindPrompt, Scope::Find, Scope::Search] {
        let keys: Vec<Key> = BINDINGS
            .iter()
            .filter(|b| b.scope == scope)
            .map(|b| b.key)
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{} twice", k.label());
        }
    }
}

#[test]
fn a_capital_makes_the_find_case_sensitive() {
    let mut app = open_harbor(120, 40);
    app.update(Action::FindStart);
    type_text(&mut app, "the");
    let folded = app.reading().find().unwrap().matches.len();
    assert_eq!(folded, count_on_page(&app, "the", true));
    app.update(Action::FindCancel);
    app.update(Action::FindStart);
    type_text(&mut app, "The");
    let exact = app.reading().find().unwrap().matches.len();
    assert_eq!(exact, count_on_page(&app, "The", false));
    assert!(exact < folded);
}

#[test]
fn esc_in_the_prompt_returns_to_where_the_find_began() {
    let mut app = open_harbor(120, 20);
    app.update(Action::PageDown);
    let start = scroll(&app);
    app.update(Action::FindStart);
    type_text(&mut app, "Harbor pilots");
    assert_ne!(
        scroll(&app),
        start,
        "the first match is above, so it wrapped up to it"
    );
    app.update(Action::FindCancel);
    assert_eq!(scroll(&app), start);
    assert!(app.reading().find().is_none());
    // Enter on a query with no match says so and closes the find.
    app.update(Action::FindStart);
    type_text(&mut app, "zzqx");
    app.update(Action::Prompt(Edit::Accept));
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.status().is_some_and(|s| s.error));
}

#[test]
fn matches_follow_the_page_when_the_width_changes() {
    let mut app = open_harbor(120, 40);
    app.update(Action::FindStart);
    type_text(&mut app, "cranes stood");
    app.update(Action::Prompt(Edit::Accept));
    app.update(Action::Resize {
        width: 50,
        height: 30,
    });
    // Matches are per line: a phrase broken over two lines is not found there.
    let want = count_on_page(&app, "cranes stood", true);
    assert_eq!(app.reading().find().unwrap().matches.len(), want);
    assert_eq!(app.mode(), Mode::Find);
}

#[test]
fn j_toggles_justification_and_keeps_the_paragraph_on_top() {
    let mut app = open_harbor(100, 30);
    assert!(!app.justify);
    for _ in 0..3 {
        app.update(Action::PageDown);
    }
    let block = app.reader().unwrap().top_block();
    let before = app.reader().unwrap().page().clone();
    app.update(Action::Justify);
    assert!(app.justify);
    let r = app.reader().unwrap();
    assert!(!Arc::ptr_eq(&before, r.page()), "laid out again");
    assert_ne!(*before, **r.page(), "justified lines differ");
    assert_eq!(r.top_block(), block);
    app.update(Action::Justify);
    assert!(!app.justify);
    let r = app.reader().unwrap();
    assert!(
        Arc::ptr_eq(&before, r.page()),
        "the ragged page comes from the cache"
    );
    assert_eq!(r.top_block(), block);
}

/// Waits until the app holds results for its query over the whole index.
fn wait_all(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let done = |app: &App| {
        app.search()
            .and_then(|s| s.results())
            .is_some_and(|r| r.indexed == r.total)
    };
    while !done(app) && Instant::now() < deadline {
        app.wait_search(Duration::from_millis(300));
    }
    assert!(done(app), "no results over the whole library");
}

fn docs(lib: &Library) -> Vec<Doc> {
    lib.entries
        .iter()
        .enumerate()
        .map(|(i, e)| Doc::from_article(i, e.article.as_ref().unwrap()))
        .collect()
}

#[test]
fn search_shows_ranked_results_and_opens_one_at_its_match() {
    let mut app = app(120, 40);
    app.set_searcher(Searcher::from_docs(docs(&library())));
    app.update(Action::SearchStart);
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "cranes");
    wait_all(&mut app);
    let s = app.search().unwrap();
    let hits = &s.results().unwrap().hits;
    // Harbor, port and copper hold the paragraph about the cranes; the note does not.
    assert_eq!(hits.len(), 3);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.search().unwrap().selected(), 2, "stops at the last");
    app.update(Action::Up);
    let hit = app.search().unwrap().results().unwrap().hits[1].clone();
    app.update(Action::Prompt(Edit::Accept));
    assert_eq!(app.reader().unwrap().index(), hit.id);
    assert_eq!(app.mode(), Mode::Find);
    let f = app.reading().find().unwrap();
    assert_eq!(f.rule, Rule::Words);
    assert!(!f.matches.is_empty());
    let line = current_line(&app);
    assert!(in_view(&app, line));
    let r = app.reader().unwrap();
    assert!(line >= r.page().line_of_block(hit.block).unwrap());
    assert!(page_lines(&app)[line].to_lowercase().contains("cranes"));
}

#[test]
fn stale_results_are_dropped_and_esc_closes_the_search() {
    let mut app = app(120, 40);
    app.set_searcher(Searcher::from_docs(docs(&library())));
    app.update(Action::SearchStart);
    type_text(&mut app, "pilots");
    let stale = Results {
        generation: 1,
        query: "pilot".into(),
        hits: Vec::new(),
        matched: 0,
        indexed: 4,
        total: 4,
    };
    assert!(!app.search_results(stale));
    assert!(app.search().unwrap().results().is_none());
    app.update(Action::Prompt(Edit::Cancel));
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn the_first_search_starts_a_worker_over_the_library() {
    let mut app = app(120, 40);
    assert!(app.search_index().is_none());
    app.update(Action::SearchStart);
    assert!(app.search_index().is_some());
    type_text(&mut app, "gates");
    wait_all(&mut app);
    let hits = &app.search().unwrap().results().unwrap().hits;
    // Harbor, port and copper hold the paragraph about the gates; the note does not.
    assert_eq!(hits.len(), 3);
}

/// Issue 14: a cache folder that cannot be written (here a plain file stands where it should
/// be; a full disk fails the same two writes) is one status message, though both the
/// catalogue's save and the search index fail on it; the second complaint is in the message
/// log. Without the catalogue's complaint the index's own is shown (the control).
#[test]
fn a_cache_folder_that_cannot_be_written_is_one_status_message() {
    use byline::app::Msg;
    use byline::load::catalog::{self, Cache};
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("news");
    std::fs::create_dir(&lib).unwrap();
    write(
        &lib,
        "a.txt",
        &wire("Ferry crossing reopens", "March 3, 2026", "Boats."),
    );
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "not a folder").unwrap();
    let cache_dir = blocker.join("cache");
    let roots = vec![lib.clone()];
    for catalogue_failed_first in [true, false] {
        let scan = catalog::scan(
            &roots,
            byline::load::head::Ids::Now,
            &Cache::new(cache_dir.clone()),
        );
        let catalogue_error = scan
            .pending
            .expect("a new catalogue to write")
            .write()
            .expect_err("the cache folder cannot be written");
        let mut app = App::new(scan.library, Theme::dark(), 76);
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        app.index_place = Some(byline::search::disk::Place {
            dir: cache_dir.clone(),
            roots: roots.clone(),
        });
        if catalogue_failed_first {
            app.update(Msg::CacheProblem(catalogue_error.clone()));
        }
        // No key after the search opens: a key clears the status bar, and the index's note
        // may come at any moment (it came between typed letters under load).
        app.update(Action::SearchStart);
        let index_said = |app: &App| {
            app.log()
                .iter()
                .any(|s| s.text.contains("search index cannot be kept"))
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while !index_said(&app) && Instant::now() < deadline {
            app.wait_search(Duration::from_millis(50));
            app.update(Msg::SearchNews);
        }
        assert!(index_said(&app), "{:?}", app.log());
        if catalogue_failed_first {
            // The first complaint was shown (keys since may have cleared it); the index's
            // never reaches the status bar.
            let status = app.status().map(|s| s.text.clone());
            assert!(
                status.as_ref().is_none_or(|s| *s == catalogue_error),
                "{status:?}"
            );
            let errors = app.log().iter().filter(|s| s.error).count();
            assert_eq!(errors, 2, "both kept in the log: {:?}", app.log());
        } else {
            let status = app.status().expect("a message").text.clone();
            assert!(status.contains("search index cannot be kept"), "{status}");
            // The catalogue's complaint coming after it is logged, not shown.
            app.update(Msg::CacheProblem(catalogue_error.clone()));
            assert_eq!(app.status().unwrap().text, status);
        }
    }
}

/// A news-wire file.
fn wire(title: &str, date: &str, body: &str) -> String {
    format!("{title}\n{date}\nLIMA (Reuters)--{body}\nA second paragraph follows here.\n")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn titles(app: &App) -> Vec<String> {
    app.library
        .entries
        .iter()
        .map(|e| e.row.title().to_string())
        .collect()
}

fn selected_path(app: &App) -> Option<PathBuf> {
    app.library.entries[app.list().selected()].row.path_buf()
}

#[test]
fn a_change_batch_adds_updates_and_removes_rows_keeping_selection_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long_body = "The ferry crossing reopened after a week of storms. ".repeat(60);
    let a = write(
        d,
        "a.txt",
        &wire("Ferry crossing reopens", "March 3, 2026", &long_body),
    );
    let b = write(
        d,
        "b.txt",
        &wire("Bridge repairs run late", "March 2, 2026", "Crews worked."),
    );
    let c = write(
        d,
        "c.txt",
        &wire("Canal fees rise", "March 1, 2026", "Fees rose."),
    );
    let mut app = App::new(Library::scan(&[d.to_path_buf()]), Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 20,
    });
    assert_eq!(app.library.entries.len(), 3);
    app.update(Action::Open);
    app.update(Action::PageDown);
    let place = scroll(&app);
    assert!(place > 0);
    app.update(Action::ToList);
    assert_eq!(selected_path(&app).as_deref(), Some(a.as_path()));

    // A newer file, a retitled one, a removed one.
    let n = write(
        d,
        "n.txt",
        &wire("Night trains return", "March 9, 2026", "Trains ran."),
    );
    write(
        d,
        "c.txt",
        &wire("Canal fees rise again", "March 1, 2026", "Fees rose."),
    );
    std::fs::remove_file(&b).unwrap();
    assert!(app.files_changed(&[n.clone(), c.clone(), b.clone()]));
    assert_eq!(
        titles(&app),
        vec![
            "Night trains return",
            "Ferry crossing reopens",
            "Canal fees rise again"
        ]
    );
    // The new row above moved the open article down: selection and reader follow its file.
    assert_eq!(app.list().selected(), 1);
    assert_eq!(selected_path(&app).as_deref(), Some(a.as_path()));
    let r = app.reader().unwrap();
    assert_eq!(app.library.entries[r.index()].row.path(), Some(a.as_path()));
    assert_eq!(scroll(&app), place);

    // Selection follows its file when rows move.
    app.update(Action::Bottom);
    assert_eq!(selected_path(&app).as_deref(), Some(c.as_path()));
    let z = write(
        d,
        "z.txt",
        &wire("Zinc output steady", "March 20, 2026", "Steady."),
    );
    app.files_changed(&[z]);
    assert_eq!(selected_path(&app).as_deref(), Some(c.as_path()));
    assert_eq!(app.library.entries.len(), 4);
    assert!(
        app.list().read()[app
            .library
            .entries
            .iter()
            .position(|e| e.row.path() == Some(a.as_path()))
            .unwrap()]
    );
}

#[test]
fn a_file_that_becomes_unreadable_is_named_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a = write(
        d,
        "a.txt",
        &wire("Ferry crossing reopens", "March 3, 2026", "Boats."),
    );
    let mut app = App::new(Library::scan(&[d.to_path_buf()]), Theme::dark(), 76);
    std::fs::write(&a, b"\0\0binary\0").unwrap();
    app.files_changed(std::slice::from_ref(&a));
    let s = app.status().expect("a message");
    assert!(s.error);
    assert!(s.text.contains("a.txt"), "{}", s.text);
    assert_eq!(app.library.entries.len(), 1, "the row stays");
}

/// Issue 15 point 8: a FIFO that appears in the library (a new one, or one that replaced an
/// article file) joins the skipped files with its reason, the status count says so, and the
/// row of the file it replaced goes. It is never opened: that would block.
#[cfg(unix)]
#[test]
fn a_fifo_that_appears_in_the_library_joins_the_skipped_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a = write(
        d,
        "a.txt",
        &wire("Ferry crossing reopens", "March 3, 2026", "Boats."),
    );
    write(
        d,
        "b.txt",
        &wire("Harbour crane repaired", "March 4, 2026", "Cranes."),
    );
    let mut app = App::new(Library::scan(&[d.to_path_buf()]), Theme::dark(), 76);
    assert!(app.library.problems.is_empty());
    std::fs::remove_file(&a).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&a).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
    assert!(app.files_changed(std::slice::from_ref(&a)));
    assert_eq!(
        app.library.entries.len(),
        1,
        "the replaced article's row went"
    );
    let report = format!("{}: not a regular file (FIFO)", a.display());
    assert_eq!(app.library.problems, std::slice::from_ref(&report));
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("1 file skipped — press ! to see them")
    );
    // Told again (a rescan of the folder), it is listed once.
    app.files_changed(std::slice::from_ref(&a));
    assert_eq!(app.library.problems, [report]);
    app.update(Action::ShowSkipped);
    let rows = &app.skipped().unwrap().rows;
    assert_eq!(rows[0].path, a.display().to_string());
    assert_eq!(rows[0].reason, "not a regular file (FIFO)");
}

#[test]
fn a_file_written_into_a_watched_folder_appears_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.txt",
        &wire("Ferry crossing reopens", "March 3, 2026", "Boats."),
    );
    let mut app = App::new(Library::scan(&[d.to_path_buf()]), Theme::dark(), 76);
    let watch = byline::load::watch::watch(&[d.to_path_buf()]).unwrap();
    write(
        d,
        "new.txt",
        &wire("Harbor lights restored", "March 4, 2026", "Lit."),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.library.entries.len() < 2 && Instant::now() < deadline {
        if let Ok(batch) = watch.changes.recv_timeout(Duration::from_millis(200)) {
            app.files_changed(&batch);
        }
    }
    assert_eq!(titles(&app)[0], "Harbor lights restored");
}

#[test]
fn renaming_the_open_file_keeps_it_open_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long_body = "The ferry crossing reopened after a week of storms. ".repeat(60);
    let a = write(
        d,
        "a.txt",
        &wire("Ferry crossing reopens", "March 3, 2026", &long_body),
    );
    write(
        d,
        "b.txt",
        &wire("Bridge repairs run late", "March 2, 2026", "Crews worked."),
    );
    let mut app = App::new(Library::scan(&[d.to_path_buf()]), Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 20,
    });
    app.update(Action::Open);
    app.update(Action::PageDown);
    let place = scroll(&app);
    assert!(place > 0);
    let moved = d.join("2026-03-03-ferry.txt");
    std::fs::rename(&a, &moved).unwrap();
    // The watcher reports the old name gone and the new one created.
    app.files_changed(&[a.clone(), moved.clone()]);
    assert_eq!(app.mode(), Mode::Reader, "the reader stays open");
    let r = app.reader().expect("the article is still open");
    assert_eq!(
        app.library.entries[r.index()].row.path(),
        Some(moved.as_path())
    );
    assert_eq!(scroll(&app), place);
    assert_eq!(selected_path(&app).as_deref(), Some(moved.as_path()));
    assert_eq!(app.library.entries.len(), 2);
}

#[test]
fn folders_moved_in_and_out_of_a_watched_library_come_and_go() {
    use byline::load::tree::Tree;
    let dir = tempfile::tempdir().unwrap();
    let away = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.txt",
        &wire("Ferry crossing reopens", "March 3, 2026", "Boats."),
    );
    let mut app = App::new(Library::scan(&[d.to_path_buf()]), Theme::dark(), 76);
    let watch = byline::load::watch::watch(&[d.to_path_buf()]).unwrap();
    let (mut tree, _) = Tree::scan(&[d.to_path_buf()], std::time::SystemTime::now());
    let mut pump = |app: &mut App, until: &dyn Fn(&App) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !until(app) && Instant::now() < deadline {
            if let Ok(batch) = watch.changes.recv_timeout(Duration::from_millis(100)) {
                app.files_changed(&tree.expand(batch));
            }
        }
    };
    // A folder of articles moved in from elsewhere.
    let outside = away.path().join("march");
    std::fs::create_dir_all(outside.join("week2")).unwrap();
    write(
        &outside,
        "b.txt",
        &wire("Bridge repairs run late", "March 2, 2026", "Crews."),
    );
    write(
        &outside.join("week2"),
        "c.md",
        "---\ntitle: Canal fees rise\ndate: 2026-03-01\n---\nFees rose.\n",
    );
    std::fs::rename(&outside, d.join("march")).unwrap();
    pump(&mut app, &|app| app.library.entries.len() == 3);
    assert_eq!(
        titles(&app),
        vec![
            "Ferry crossing reopens",
            "Bridge repairs run late",
            "Canal fees rise"
        ]
    );
    // Files written into a folder just created.
    std::fs::create_dir_all(d.join("new/deeper")).unwrap();
    for n in 0..20 {
        write(
            &d.join("new/deeper"),
            &format!("n{n}.txt"),
            &wire(&format!("Night train {n}"), "March 9, 2026", "Trains."),
        );
    }
    pump(&mut app, &|app| app.library.entries.len() == 23);
    assert_eq!(app.library.entries.len(), 23);
    // Moved out again, and removed: their rows go.
    std::fs::rename(d.join("march"), away.path().join("back")).unwrap();
    std::fs::remove_dir_all(d.join("new")).unwrap();
    pump(&mut app, &|app| app.library.entries.len() == 1);
    assert_eq!(titles(&app), vec!["Ferry crossing reopens"]);
}

#[test]
fn history_follows_its_files_and_the_search_index_is_rebuilt_after_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The ferry story names the bridge story in its related block.
    let ferry = wire("Ferry crossing reopens", "March 3, 2026", "Boats.");
    let a = write(
        d,
        "a.txt",
        &format!("{ferry}Related Articles\nBridge repairs run late\n"),
    );
    write(
        d,
        "b.txt",
        &wire("Bridge repairs run late", "March 2, 2026", "Crews."),
    );
    let mut app = App::new(Library::scan(&[d.to_path_buf()]), Theme::dark(), 76);
    app.update(Action::Open);
    // Following it leaves the ferry story's place in the history.
    app.update(Action::FollowRelated(1));
    assert_eq!(app.reading().history().back.len(), 1);
    app.update(Action::SearchStart);
    app.update(Action::Prompt(Edit::Cancel));
    let n = write(
        d,
        "n.txt",
        &wire("Night trains return", "March 9, 2026", "Trains."),
    );
    app.files_changed(&[n]);
    let back = app.reading().history().back[0].index;
    assert_eq!(app.library.entries[back].row.path(), Some(a.as_path()));
    assert!(app.search_index().unwrap().is_stale());
    app.update(Action::SearchStart);
    assert!(!app.search_index().unwrap().is_stale());
    type_text(&mut app, "trains");
    wait_all(&mut app);
    let hits = &app.search().unwrap().results().unwrap().hits;
    assert_eq!(hits.len(), 1, "the new file is in the new index");
}

/// The screen drawn for `app`.
fn draw(app: &App) -> ratatui::buffer::Buffer {
    let (w, h) = app.size();
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| byline::render(app, f)).unwrap();
    term.backend().buffer().clone()
}

fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn matches_are_drawn_in_the_matched_style_and_the_count_is_in_the_status_bar() {
    let mut app = open_harbor(120, 40);
    app.update(Action::FindStart);
    type_text(&mut app, "dock");
    let buf = draw(&app);
    let bg = app.theme.matched.bg;
    assert!(bg.is_some(), "the theme marks matches with a background");
    let marked: usize = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .filter(|&x| buf[(x, y)].bg == bg.unwrap())
                .count()
        })
        .sum();
    let f = app.reading().find().unwrap();
    let s = scroll(&app);
    let visible: usize = f
        .matches
        .iter()
        .filter(|m| m.line >= s && m.line < s + app.reader_height())
        .map(|m| m.end - m.start)
        .sum();
    assert!(visible > 0);
    assert_eq!(marked, visible);
    let status = row_text(&buf, 39);
    assert!(status.contains("/dock"), "{status}");
    assert!(status.contains(&f.label()), "{status}");
}

#[test]
fn the_search_overlay_shows_counts_titles_and_snippets() {
    let mut app = app(120, 40);
    app.set_searcher(Searcher::from_docs(docs(&library())));
    app.update(Action::SearchStart);
    type_text(&mut app, "cranes");
    wait_all(&mut app);
    let buf = draw(&app);
    let screen: Vec<String> = (0..40).map(|y| row_text(&buf, y)).collect();
    assert!(screen.iter().any(|r| r.contains("3 articles match")));
    assert!(screen.iter().any(|r| r.contains("> cranes")));
    let hits = &app.search().unwrap().results().unwrap().hits;
    let first = &hits[0].title[..20];
    assert!(screen.iter().any(|r| r.contains(first)));
    assert!(
        screen
            .iter()
            .any(|r| r.contains("matches") || r.contains("1 match"))
    );
}

#[test]
fn a_search_hit_counts_the_matches_the_find_steps_through_once_opened() {
    // Issue 13 point 13: the search said "8 matches" where the opened article said `2/10`,
    // because the find also counted the headline, the byline and the related headlines.
    // "pilots" is in the harbor article's headline and related headlines as well as its body.
    for pick in 0..2 {
        let mut app = app(120, 40);
        app.set_searcher(Searcher::from_docs(docs(&library())));
        app.update(Action::SearchStart);
        type_text(&mut app, "pilots");
        wait_all(&mut app);
        for _ in 0..pick {
            app.update(Action::Down);
        }
        let s = app.search().unwrap();
        let hit = s.results().unwrap().hits[s.selected()].clone();
        app.update(Action::Prompt(Edit::Accept));
        let f = app.reading().find().unwrap();
        assert_eq!(f.matches.len(), hit.matches, "{}", hit.title);
        assert!(f.label().ends_with(&format!("/{}", hit.matches)));
    }
}
