//! Living with a library: filter, sort, only-unread and only-bookmarked views, read marks,
//! bookmarks and reading positions, kept in the state store across two runs.

use crate::common::*;
use byline::app::keymap::Key;
use byline::app::{Action, App, Edit, Effect, Mode, Msg};
use byline::state::Store;
use byline::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The fixture library with harbor from another source and the note without one, so the three
/// sorts all differ.
fn varied(w: u16, h: u16) -> App {
    let mut lib = library();
    lib.entries[0]
        .row
        .edit(|h| h.header.source = Some("Reuters".into()));
    lib.entries[3].row.edit(|h| h.header.source = None);
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    app
}

fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Prompt(Edit::Insert(c)));
    }
}

fn filter(app: &mut App, text: &str) {
    app.update(Action::Filter);
    assert_eq!(app.mode(), Mode::Filter);
    type_in(app, text);
}

fn rows(app: &App) -> Vec<usize> {
    app.list().view().rows().to_vec()
}

fn id(app: &App, i: usize) -> String {
    app.library.entries[i].row.id().to_string()
}

#[test]
fn the_filter_narrows_as_you_type_and_ignores_case_until_a_capital() {
    let mut app = app(120, 40);
    filter(&mut app, "pil");
    assert_eq!(rows(&app), vec![0, 1], "both pilot headlines");
    type_in(&mut app, "ots walk");
    assert_eq!(rows(&app), vec![0], "every word must match");
    app.update(Action::Prompt(Edit::DeleteBack));
    app.update(Action::Prompt(Edit::DeleteBack));
    app.update(Action::Prompt(Edit::DeleteBack));
    app.update(Action::Prompt(Edit::DeleteBack));
    assert_eq!(app.list().view().query, "pilots ");
    assert_eq!(rows(&app), vec![0, 1]);
    app.update(Action::Prompt(Edit::Cancel));
    filter(&mut app, "HARBOR");
    assert!(
        rows(&app).is_empty(),
        "a capital makes the filter match case"
    );
    app.update(Action::Prompt(Edit::Cancel));
    filter(&mut app, "Harbor");
    assert_eq!(rows(&app), vec![0]);
}

#[test]
fn the_filter_searches_authors_source_and_date_too() {
    let mut app = varied(120, 40);
    filter(&mut app, "espinoza");
    assert_eq!(rows(&app).len(), 4, "the author of every fixture");
    app.update(Action::Prompt(Edit::Cancel));
    filter(&mut app, "reuters");
    assert_eq!(rows(&app), vec![0]);
    app.update(Action::Prompt(Edit::Cancel));
    filter(&mut app, "2026-03-13");
    assert_eq!(rows(&app), vec![1]);
    // The date as the reader writes it: full month and weekday names.
    app.update(Action::Prompt(Edit::Cancel));
    filter(&mut app, "friday");
    assert_eq!(rows(&app), vec![1]);
    app.update(Action::Prompt(Edit::Cancel));
    filter(&mut app, "march 13");
    assert_eq!(rows(&app), vec![1]);
}

#[test]
fn escape_in_the_list_clears_a_kept_filter() {
    let mut app = app(120, 40);
    filter(&mut app, "copper");
    app.update(Action::Prompt(Edit::Accept));
    app.settle();
    assert_eq!(rows(&app), vec![2]);
    assert_eq!(app.view_label(), "/copper");
    let esc = app
        .keymap
        .lookup(Mode::List, Key::plain(crossterm::event::KeyCode::Esc));
    assert_eq!(
        esc,
        Some(Action::ClearFilter),
        "Esc in the list clears the filter"
    );
    // The status bar says so while the filter is kept.
    let bar = |app: &App| {
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        term.draw(|f| byline::render(app, f)).expect("draw");
        let buf = term.backend().buffer().clone();
        (0..120)
            .map(|x| buf[(x, 39)].symbol().to_string())
            .collect::<String>()
    };
    assert!(bar(&app).contains("Esc clear filter"), "{}", bar(&app));
    app.update(Action::ClearFilter);
    assert!(!bar(&app).contains("clear filter"), "{}", bar(&app));
    assert_eq!(rows(&app), vec![0, 1, 2, 3]);
    assert_eq!(app.mode(), Mode::List);
    assert!(!app.view_label().contains("copper"), "{}", app.view_label());
    // With no filter kept, Esc does nothing.
    app.update(Action::ClearFilter);
    assert_eq!(rows(&app), vec![0, 1, 2, 3]);
}

#[test]
fn escape_clears_the_filter_and_enter_keeps_it_in_the_status_bar() {
    let mut app = app(120, 40);
    filter(&mut app, "copper");
    assert_eq!(rows(&app), vec![2]);
    assert_eq!(
        app.list().selected(),
        2,
        "the selection moves to a row that shows"
    );
    assert!(app.reader().is_none(), "no preview while typing");
    app.update(Action::Prompt(Edit::Accept));
    app.settle();
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(rows(&app), vec![2]);
    assert_eq!(title(&app), COPPER, "Enter previews the selection");
    assert_eq!(app.view_label(), "/copper");
    assert_eq!(app.position_label(), "1/1");
    app.update(Action::Filter);
    assert_eq!(
        app.list().view().query,
        "copper",
        "the prompt starts from the filter"
    );
    app.update(Action::Prompt(Edit::Cancel));
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(rows(&app), vec![0, 1, 2, 3]);
    assert_eq!(
        app.list().selected(),
        2,
        "the selection stays on its article"
    );
    assert_eq!(app.view_label(), "");
}

#[test]
fn in_the_prompt_every_printable_key_types_but_control_keys_do_not() {
    let mut app = app(120, 40);
    let typed = |c| Some(Action::Prompt(Edit::Insert(c)));
    let keys = app.keymap.clone();
    assert_eq!(keys.lookup(Mode::List, Key::ch('q')), Some(Action::Quit));
    app.update(Action::Filter);
    assert_eq!(keys.lookup(app.mode(), Key::ch('q')), typed('q'));
    assert_eq!(keys.lookup(app.mode(), Key::ch('?')), typed('?'));
    assert_eq!(keys.lookup(app.mode(), Key::ctrl('c')), Some(Action::Quit));
    let esc = Key::plain(crossterm::event::KeyCode::Esc);
    assert_eq!(
        app.keymap.lookup(Mode::Filter, esc),
        Some(Action::Prompt(Edit::Cancel))
    );
    assert_eq!(
        app.keymap.lookup(Mode::List, Key::ch('/')),
        Some(Action::Filter)
    );
}

#[test]
fn arrows_move_through_the_matches_while_filtering() {
    let mut app = app(120, 40);
    filter(&mut app, "pilots");
    assert_eq!(app.list().selected(), 0);
    app.update(Action::Down);
    assert_eq!(app.list().selected(), 1);
    app.update(Action::Down);
    assert_eq!(app.list().selected(), 1, "the last match is the end");
    assert_eq!(app.mode(), Mode::Filter);
}

#[test]
fn sort_cycles_date_title_source_and_keeps_the_selection() {
    let mut app = varied(120, 40);
    app.update(Action::Down);
    assert_eq!(app.list().selected(), 1);
    app.update(Action::CycleSort);
    assert_eq!(rows(&app), vec![2, 3, 0, 1], "copper, editor, harbor, port");
    assert_eq!(app.list().selected(), 1);
    assert_eq!(app.selected_row(), Some(3));
    assert_eq!(app.view_label(), "by title");
    app.update(Action::CycleSort);
    assert_eq!(rows(&app), vec![1, 2, 0, 3], "AP, then Reuters, then none");
    assert_eq!(app.selected_row(), Some(0));
    app.update(Action::CycleSort);
    assert_eq!(rows(&app), vec![0, 1, 2, 3]);
    assert_eq!(app.view_label(), "");
}

#[test]
fn next_article_follows_the_order_on_screen() {
    let mut app = varied(120, 40);
    app.update(Action::CycleSort);
    app.update(Action::Top);
    app.update(Action::Open);
    assert_eq!(title(&app), COPPER);
    app.update(Action::NextArticle);
    assert_eq!(
        title(&app),
        NOTE,
        "editor's note comes after copper by title"
    );
}

#[test]
fn unread_only_hides_what_was_read_and_bookmarked_only_the_rest() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.update(Action::Open);
    app.update(Action::ToList);
    assert!(app.list().read()[1]);
    app.update(Action::UnreadOnly);
    assert_eq!(rows(&app), vec![0, 2, 3]);
    assert_eq!(app.view_label(), "unread only");
    assert_eq!(
        app.list().selected(),
        0,
        "the read selection went: the top row takes it"
    );
    app.update(Action::UnreadOnly);
    assert_eq!(rows(&app), vec![0, 1, 2, 3]);
    app.update(Action::Bottom);
    app.settle();
    app.update(Action::ToggleBookmark);
    app.update(Action::BookmarkedOnly);
    assert_eq!(rows(&app), vec![3]);
    assert_eq!(app.list().selected(), 3, "the bookmarked selection stays");
    app.update(Action::UnreadOnly);
    assert_eq!(app.view_label(), "unread only · bookmarked only");
    app.update(Action::ToggleRead);
    app.update(Action::UnreadOnly);
    app.update(Action::UnreadOnly);
    assert!(rows(&app).is_empty());
    assert!(app.status().is_some_and(|s| s.error));
    assert_eq!(app.update(Action::Open), Effect::None);
    assert_eq!(title(&app), NOTE, "nothing opened: the preview stays");
}

#[test]
fn u_toggles_the_read_mark_in_the_list_and_in_the_reader() {
    let mut app = app(120, 40);
    app.update(Action::ToggleRead);
    assert!(app.list().read()[0]);
    assert!(app.store().get(&id(&app, 0)).read);
    app.update(Action::ToggleRead);
    assert!(!app.list().read()[0]);
    app.update(Action::Open);
    assert!(app.list().read()[0], "opening marks read");
    app.update(Action::ToggleRead);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(
        !app.list().read()[0],
        "u in the reader marks the open article"
    );
    assert!(!app.store().get(&id(&app, 0)).read);
}

#[test]
fn m_toggles_a_bookmark_of_the_selected_or_open_article() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.update(Action::ToggleBookmark);
    assert_eq!(app.list().bookmarked(), vec![false, true, false, false]);
    app.update(Action::Open);
    app.update(Action::ToggleBookmark);
    assert_eq!(app.list().bookmarked(), vec![false; 4]);
    assert!(!app.store().get(&id(&app, 1)).bookmarked);
    app.update(Action::PrevArticle);
    app.update(Action::ToggleBookmark);
    assert_eq!(app.list().bookmarked(), vec![true, false, false, false]);
}

#[test]
fn opening_marks_read_but_the_preview_does_not() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.settle();
    assert_eq!(title(&app), PORT);
    assert!(!app.list().read()[1]);
    assert!(!app.store().get(&id(&app, 1)).read);
    app.update(Action::Open);
    assert!(app.list().read()[1]);
    assert!(app.store().get(&id(&app, 1)).read);
}

#[test]
fn an_article_opens_again_where_its_reading_stopped() {
    let mut app = open_harbor(120, 40);
    app.update(Action::PageDown);
    app.update(Action::Down);
    let at = scroll(&app);
    assert!(at > 0);
    let pos = app.store().get(&id(&app, 0)).position;
    assert!(pos.is_some(), "the position is kept as it changes");
    app.update(Action::NextArticle);
    assert_eq!(title(&app), PORT);
    assert_eq!(scroll(&app), 0, "another article opens at its top");
    app.update(Action::PrevArticle);
    assert_eq!(title(&app), HARBOR);
    assert_eq!(scroll(&app), at);
    app.update(Action::Top);
    assert_eq!(
        app.store().get(&id(&app, 0)).position,
        None,
        "the top is no position"
    );
}

/// Issue 15 point 7: the store opened on a thread (a big `state.json`) does not hold up the
/// first frame's rows, and a key pressed before it came is not lost: it waits for the store and
/// changes the marks on top of what the file held.
#[test]
fn a_store_still_being_opened_is_waited_for_by_the_first_key_and_the_key_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_path_buf();
    // The file marks the third row read and bookmarks the first.
    let mut before = app(120, 40);
    before.attach_store(Store::open(path.clone()).0);
    before.update(Action::ToggleBookmark);
    before.update(Action::Down);
    before.update(Action::Down);
    before.update(Action::ToggleRead);
    before.flush_state().expect("saved");
    drop(before);

    let (go, wait) = std::sync::mpsc::channel::<()>();
    let opening = std::thread::spawn(move || {
        // Held until the test says: the store comes after the first frame's rows.
        let _ = wait.recv();
        Store::open(path)
    });
    let mut app = app(120, 40);
    app.attach_store_arriving(opening);
    app.sync_marks_on_screen();
    assert!(app.store_pending());
    assert_eq!(
        app.list().read(),
        vec![false; 4],
        "no marks before the store"
    );
    go.send(()).unwrap();
    // The first key marks the first row read: it waits for the store, and the change goes on
    // top of the file's marks (the row keeps its bookmark).
    app.update(Action::ToggleRead);
    assert!(!app.store_pending());
    app.update(Msg::FirstFrame);
    assert_eq!(app.list().read(), vec![true, false, true, false]);
    assert_eq!(app.list().bookmarked(), vec![true, false, false, false]);
    app.flush_state().expect("saved");
    let again = Store::open(dir.path().to_path_buf()).0;
    let ids: Vec<String> = app
        .library
        .entries
        .iter()
        .map(|e| e.row.state_id().into_owned())
        .collect();
    assert!(again.get(&ids[0]).bookmarked, "kept from the file");
    assert!(again.get(&ids[0]).read, "the key's change saved");
    assert!(again.get(&ids[2]).read, "kept from the file");
}

/// Issue 15 point 7: `byline FILE` with a state file still being read shows the article at
/// once from its top; where its reading stopped, and its read mark, come with the store.
#[test]
fn an_article_opened_at_start_does_not_wait_for_the_store_and_then_goes_to_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_path_buf();
    // The last session read the harbour story two screens down.
    let mut before = open_harbor(120, 40);
    before.attach_store(Store::open(path.clone()).0);
    before.update(Action::PageDown);
    before.update(Action::PageDown);
    let at = scroll(&before);
    assert!(at > 0);
    before.flush_state().expect("saved");
    drop(before);

    let (go, wait) = std::sync::mpsc::channel::<()>();
    let opening = std::thread::spawn(move || {
        // Held until the test says (a start that waited for it would go on after 5 s and
        // fail below rather than hang).
        let _ = wait.recv_timeout(std::time::Duration::from_secs(5));
        Store::open(path)
    });
    let mut app = app(120, 40);
    app.attach_store_arriving(opening);
    app.start(Some(0));
    // The first frame has the article, from its top, and the store is still on its way.
    assert!(app.store_pending());
    assert_eq!(title(&app), HARBOR);
    assert_eq!(app.mode(), byline::app::Mode::Reader);
    assert_eq!(scroll(&app), 0);
    go.send(()).unwrap();
    app.update(Msg::FirstFrame);
    assert!(!app.store_pending());
    assert_eq!(scroll(&app), at, "where the reading stopped");
    assert!(app.list().read()[0], "marked read");
    assert!(app.store().get(&id(&app, 0)).read);
}

#[test]
fn marks_bookmarks_and_positions_survive_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let open = || Store::open(dir.path().to_path_buf()).0;
    let mut first = open_harbor(120, 40);
    first.attach_store(open());
    first.update(Action::PageDown);
    first.update(Action::PageDown);
    let at = scroll(&first);
    let block = first
        .reader()
        .and_then(|r| byline::app::marks::position_at(r.page(), r.scroll()))
        .map(|p| p.block);
    first.update(Action::ToggleBookmark);
    first.update(Action::ToList);
    first.update(Action::Down);
    first.update(Action::Down);
    first.update(Action::ToggleRead);
    first.update(Action::ToggleBookmark);
    first.flush_state().expect("saved");
    assert!(!first.store().has_unsaved());
    drop(first);

    let mut second = app(120, 40);
    assert_eq!(
        second.list().read(),
        vec![false; 4],
        "before the store is attached"
    );
    second.attach_store(open());
    assert_eq!(second.list().read(), vec![false, false, true, false]);
    assert_eq!(second.list().bookmarked(), vec![true, false, true, false]);
    second.update(Action::Open);
    assert_eq!(title(&second), HARBOR);
    assert_eq!(scroll(&second), at, "same width: the same line");
    assert!(second.list().read()[0]);

    // Another width finds the same paragraph at the top.
    let mut third = app(90, 30);
    third.attach_store(open());
    third.update(Action::Open);
    let r = third.reader().expect("open");
    let top = byline::app::marks::position_at(r.page(), r.scroll()).map(|p| p.block);
    assert_eq!(top, block);
    assert!(r.scroll() > 0);
}

#[test]
fn a_failed_save_is_shown_and_the_marks_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A folder where the save's temp file goes (this works for root, unlike permissions).
    let blocker = byline::state::temp_path(dir.path());
    std::fs::create_dir(&blocker).expect("mkdir");
    std::fs::write(blocker.join("keep"), "x").expect("write");
    let mut app = app(120, 40);
    app.attach_store(Store::open(dir.path().to_path_buf()).0);
    app.update(Action::ToggleBookmark);
    assert!(app.flush_state().is_err());
    let s = app.status().cloned().expect("a message");
    assert!(s.error);
    assert!(s.text.contains("not saved"), "{}", s.text);
    assert!(app.list().bookmarked()[0]);
    assert!(app.store().get(&id(&app, 0)).bookmarked);
    assert!(app.store().has_unsaved());
    // Once a later save succeeds, the complaint does not stay on screen.
    std::fs::remove_dir_all(&blocker).expect("rmdir");
    assert!(app.flush_state().is_ok());
    assert!(
        app.status()
            .is_none_or(|s| !s.error && !s.text.contains("not saved")),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_full_disk_is_said_in_one_line_and_the_next_save_clears_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app(120, 40);
    app.attach_store(Store::open(dir.path().to_path_buf()).0);
    app.update(Action::ToggleRead);
    assert!(app.flush_state().is_ok());
    byline::pretend_full(dir.path(), Some(0));
    app.update(Action::ToggleBookmark);
    let failed = app.flush_state();
    let status = app.status().cloned().expect("a message");
    // The reader goes on in memory while the disk is full.
    app.update(Action::Down);
    app.update(Action::ToggleBookmark);
    let second = app.flush_state();
    let after_second = app.status().cloned();
    byline::pretend_full(dir.path(), None);
    assert!(failed.is_err() && second.is_err());
    assert!(status.error);
    assert!(
        status.text.starts_with("marks not saved:")
            && status.text.contains("No space left on device")
            && !status.text.contains('\n'),
        "{}",
        status.text
    );
    // A save failing again says the same, not a second kind of message.
    assert_eq!(after_second.as_ref(), Some(&status));
    assert!(app.list().bookmarked()[0] && app.list().bookmarked()[1]);
    assert!(app.store().has_unsaved());
    // Room again: the next save writes every mark and the complaint gives way.
    assert!(app.flush_state().is_ok());
    let s = app.status().cloned().expect("a message");
    assert!(!s.error && s.text == "marks saved", "{s:?}");
    let again = Store::open(dir.path().to_path_buf()).0;
    assert!(again.get(&id(&app, 0)).read);
    assert!(again.get(&id(&app, 0)).bookmarked);
    assert!(again.get(&id(&app, 1)).bookmarked);
}

#[test]
fn filtered_list_with_a_bookmark_120x40() {
    let mut app = app(120, 40);
    app.update(Action::ToggleBookmark);
    filter(&mut app, "pilots");
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    term.draw(|f| byline::render(&app, f)).expect("draw");
    let buf = term.backend().buffer().clone();
    let mut text = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(s).max(1)).unwrap_or(1);
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    assert!(text.contains("★"), "{text}");
    assert!(text.contains(" /pilots"), "{text}");
    assert!(!text.contains("Copper prices"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_library_that_grew_gets_its_rows_and_marks_again() {
    let mut app = app(120, 40);
    app.update(Action::ToggleBookmark);
    let extra = library().entries.remove(2);
    app.library.entries.push(extra);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(app.list().view().len(), 5);
    assert_eq!(app.list().read().len(), 5);
    assert_eq!(
        app.list().bookmarked(),
        vec![true, false, false, false, false]
    );
    app.update(Action::Bottom);
    assert_eq!(app.list().selected(), 4);
}

#[test]
fn the_status_bar_names_the_filter_sort_and_switches_in_force() {
    let mut app = app(120, 40);
    filter(&mut app, "pilots");
    app.update(Action::Prompt(Edit::Accept));
    app.update(Action::CycleSort);
    app.update(Action::UnreadOnly);
    // The message says what the last key changed; once it is gone the label says it all.
    app.update(Action::Top);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    term.draw(|f| byline::render(&app, f)).expect("draw");
    let buf = term.backend().buffer();
    let last: String = (0..120).map(|x| buf[(x, 39)].symbol()).collect();
    assert!(
        last.contains("LIST  /pilots · by title · unread only"),
        "{last}"
    );
}

#[test]
fn while_filtering_the_reading_pane_shows_only_an_article_in_the_list() {
    // Issue 13 point 1: typing a filter left the harbor article in the reading pane after it
    // dropped out of the list, and with no match ↓ showed an article not in the list.
    let mut app = app(120, 40);
    app.open(0, false);
    app.settle();
    filter(&mut app, "copper");
    app.settle();
    let shown = app.reader().map(byline::app::reader::Reader::index);
    assert!(
        shown.is_none_or(|i| rows(&app).contains(&i)),
        "the pane shows {shown:?}, the list {:?}",
        rows(&app)
    );
    type_in(&mut app, "zzz");
    app.settle();
    assert!(rows(&app).is_empty());
    assert!(app.reader().is_none(), "nothing shown when nothing matches");
    app.update(Action::Down);
    app.settle();
    assert!(app.reader().is_none(), "↓ with no match shows nothing");
}

#[test]
fn slash_starts_a_fresh_filter_with_the_kept_one_in_its_history() {
    // Issue 13 point 2: `/` reopened the old query instead of a fresh one.
    let mut app = app(120, 40);
    filter(&mut app, "copper");
    app.update(Action::Prompt(Edit::Accept));
    app.update(Action::Filter);
    assert_eq!(app.prompt().unwrap().text(), "");
    assert_eq!(rows(&app), vec![2], "the kept filter stays until a key");
    app.update(Action::Prompt(Edit::HistoryPrev));
    assert_eq!(app.prompt().unwrap().text(), "copper");
}
