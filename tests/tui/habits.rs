//! Habits from newsboat, less and vim, checked on App state through `update`: next unread,
//! mark all read after a question, the copy menu, the pipe, the pager, the editor and saving.

use crate::common::*;
use byline::app::keymap::{self, Key};
use byline::app::{Action, App, Edit, Effect, Mode, Part};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn key(app: &mut App, c: char) -> Effect {
    app.update(byline::app::Msg::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    ))))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Prompt(Edit::Insert(c)));
    }
}

/// The headline of the article selected in the list.
fn selected_title(app: &App) -> String {
    app.library.entries[app.list().selected()]
        .row
        .title()
        .to_string()
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn n_and_p_step_through_unread_articles_in_the_list_and_the_reader() {
    let mut app = app(120, 40);
    // Harbor (row 0) is selected; mark port (row 1) read: n skips it.
    app.update(Action::Down);
    app.update(Action::ToggleRead);
    app.update(Action::Up);
    assert_eq!(
        keymap::lookup(Mode::List, Key::ch('n')),
        Some(Action::NextUnread)
    );
    app.update(Action::NextUnread);
    assert_eq!(
        selected_title(&app),
        COPPER,
        "port is read: n goes on to copper"
    );
    app.update(Action::PrevUnread);
    assert_eq!(selected_title(&app), HARBOR);
    // In the reader n opens the next unread article (and opening marks it read).
    app.update(Action::Open);
    app.update(Action::NextUnread);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(app.reader().unwrap().index(), app.list().selected());
    assert_eq!(title(&app), COPPER);
    app.update(Action::NextUnread);
    assert!(
        title(&app).starts_with("Editor"),
        "the note is the last unread"
    );
    app.update(Action::NextUnread);
    assert_eq!(status(&app), "no unread article below");
    app.update(Action::PrevUnread);
    assert_eq!(
        status(&app),
        "no unread article above",
        "all above are read now"
    );
}

#[test]
fn a_marks_every_shown_article_read_only_after_yes() {
    let mut app = app(120, 40);
    app.update(Action::MarkAllRead);
    assert_eq!(app.mode(), Mode::Ask);
    assert!(status(&app).contains("mark all 4 shown articles read? y/n"));
    // Any key that is no answer is a no.
    key(&mut app, 'x');
    assert_eq!(app.mode(), Mode::List);
    assert!(app.list().read().iter().all(|r| !r), "nothing marked");
    app.update(Action::MarkAllRead);
    key(&mut app, 'y');
    assert_eq!(app.mode(), Mode::List);
    assert!(app.list().read().iter().all(|&r| r));
    assert_eq!(status(&app), "marked 4 read");
    app.update(Action::MarkAllRead);
    assert_eq!(app.mode(), Mode::List, "nothing to ask");
}

#[test]
fn the_copy_menu_copies_the_title_the_path_or_the_text() {
    let mut app = open_harbor(120, 40);
    app.update(Action::CopyMenu);
    assert_eq!(app.mode(), Mode::Ask);
    assert_eq!(
        keymap::lookup(Mode::Ask, Key::ch('t')),
        Some(Action::Copy(Part::Title))
    );
    assert_eq!(key(&mut app, 't'), Effect::Copy(HARBOR.to_string()));
    assert_eq!(app.mode(), Mode::Reader);
    app.update(Action::CopyMenu);
    match key(&mut app, 'a') {
        Effect::CopyText(a) => assert_eq!(a.0.header.title, HARBOR),
        other => panic!("not the text: {other:?}"),
    }
    app.update(Action::CopyMenu);
    assert_eq!(
        key(&mut app, 'u'),
        Effect::None,
        "the fixture has no URL of its own"
    );
    assert!(app.status().unwrap().error);
    app.update(Action::CopyMenu);
    assert_eq!(app.update(Action::No), Effect::None);
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn the_pipe_and_the_save_take_a_command_line_and_return_effects() {
    let mut app = open_harbor(120, 40);
    app.update(Action::PipeStart);
    assert_eq!(app.mode(), Mode::Command);
    // Keys type into the command line, `q` and `|` too.
    type_text(&mut app, "wc -l | cat");
    match app.update(Action::Prompt(Edit::Accept)) {
        Effect::Pipe { command, article } => {
            assert_eq!(command, "wc -l | cat");
            assert_eq!(article.0.header.title, HARBOR);
        }
        other => panic!("not a pipe: {other:?}"),
    }
    assert_eq!(app.mode(), Mode::Reader);
    // Esc closes the command line without running anything.
    app.update(Action::PipeStart);
    type_text(&mut app, "rm -rf x");
    assert_eq!(app.update(Action::Prompt(Edit::Cancel)), Effect::None);
    assert_eq!(app.mode(), Mode::Reader);
    app.update(Action::SaveStart);
    type_text(&mut app, "/tmp/harbor.md");
    match app.update(Action::Prompt(Edit::Accept)) {
        Effect::Save { path, article } => {
            assert_eq!(path, std::path::PathBuf::from("/tmp/harbor.md"));
            assert_eq!(article.0.header.title, HARBOR);
        }
        other => panic!("not a save: {other:?}"),
    }
}

#[test]
fn the_pager_and_the_editor_are_effects_for_the_loop() {
    let mut app = open_harbor(120, 40);
    match app.update(Action::Pager) {
        Effect::Page(a) => assert_eq!(a.0.header.title, HARBOR),
        other => panic!("not the pager: {other:?}"),
    }
    assert_eq!(
        app.update(Action::EditFile),
        Effect::Edit(std::path::PathBuf::from("/lib/harbor.txt"))
    );
}

#[test]
fn less_and_vim_scroll_keys_work_in_the_reader() {
    let mut app = open_harbor(80, 24);
    let ctrl = |c| Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    };
    for (k, a) in [
        ('f', Action::PageDown),
        ('b', Action::PageUp),
        ('e', Action::Down),
        ('y', Action::Up),
    ] {
        assert_eq!(keymap::lookup(Mode::Reader, ctrl(k)), Some(a), "Ctrl-{k}");
    }
    let f1 = Key::plain(KeyCode::F(1));
    assert_eq!(keymap::lookup(Mode::Reader, f1), Some(Action::Help));
    assert_eq!(keymap::lookup(Mode::List, f1), Some(Action::Help));
    app.update(keymap::lookup(Mode::Reader, ctrl('f')).unwrap());
    assert!(scroll(&app) > 0);
}

#[test]
fn the_message_log_keeps_every_message_in_full() {
    // Issue 13 point 16: messages vanished on the next key, cut at the screen width.
    let mut app = open_harbor(80, 24);
    let long = format!("no program `{}` to open links", "x".repeat(150));
    app.complain(long.clone());
    app.update(Action::Down);
    assert!(
        app.status().is_none(),
        "the status bar clears on the next key"
    );
    app.update(Action::ToggleBookmark);
    assert_eq!(
        keymap::lookup(Mode::Reader, Key::ch('M')),
        Some(Action::Messages)
    );
    app.update(Action::Messages);
    assert_eq!(app.mode(), Mode::Messages);
    let log: Vec<&str> = app.log().iter().map(|s| s.text.as_str()).collect();
    assert!(log.contains(&long.as_str()), "kept whole: {log:?}");
    assert_eq!(log.last(), Some(&"bookmarked"));
    assert!(app.log().iter().any(|s| s.error && s.text == long));
    app.update(Action::Messages);
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn a_number_before_a_motion_is_its_count() {
    // less and vim: `5j` moves five lines, `10G` goes to line 10; in the list, rows.
    let mut app = open_harbor(80, 24);
    let digit = |c| keymap::lookup(Mode::Reader, Key::ch(c)).unwrap();
    app.update(digit('5'));
    app.update(Action::Down);
    assert_eq!(scroll(&app), 5);
    app.update(Action::Down);
    assert_eq!(scroll(&app), 6, "the count is used once");
    app.update(digit('1'));
    app.update(digit('2'));
    app.update(Action::Bottom);
    assert_eq!(scroll(&app), 11, "12G: line 12 at the top");
    app.update(digit('2'));
    app.update(Action::Up);
    assert_eq!(scroll(&app), 9);
    // In the list: 3j moves three rows, 2G goes to the second row.
    app.update(Action::ToList);
    app.update(Action::Top);
    let list_digit = |c| keymap::lookup(Mode::List, Key::ch(c)).unwrap();
    app.update(list_digit('3'));
    app.update(Action::Down);
    assert_eq!(app.selected_row(), Some(3));
    app.update(list_digit('2'));
    app.update(Action::Bottom);
    assert_eq!(app.selected_row(), Some(1));
}

#[test]
fn a_count_on_an_article_step_opens_only_where_it_lands() {
    // `3]` from harbor opens the note, three rows down; port and copper are passed, not opened.
    let mut app = open_harbor(120, 40);
    let digit = |c| keymap::lookup(Mode::Reader, Key::ch(c)).unwrap();
    app.update(digit('3'));
    app.update(Action::NextArticle);
    assert!(title(&app).starts_with("Editor"), "{}", title(&app));
    assert_eq!(app.list().read(), [true, false, false, true]);
    // A count past the start stops at the first article.
    app.update(digit('9'));
    app.update(Action::PrevArticle);
    assert_eq!(title(&app), HARBOR);
    assert_eq!(app.list().read(), [true, false, false, true]);
    // `2n`: the second unread article below (copper), port left unread.
    app.update(digit('2'));
    app.update(Action::NextUnread);
    assert_eq!(title(&app), COPPER);
    assert_eq!(app.list().read(), [true, false, true, true]);
}

#[test]
fn capital_n_marks_read_and_goes_on_to_the_next_unread() {
    let mut app = app(120, 40);
    assert_eq!(
        keymap::lookup(Mode::List, Key::ch('N')),
        Some(Action::MarkReadNext)
    );
    assert_eq!(
        keymap::lookup(Mode::Reader, Key::ch('N')),
        Some(Action::MarkReadNext)
    );
    // Copper is read already: N on harbor marks harbor and selects port, then the note.
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::ToggleRead);
    app.update(Action::Top);
    app.update(Action::MarkReadNext);
    assert_eq!(app.mode(), Mode::List, "the list stays the list");
    assert_eq!(selected_title(&app), PORT);
    assert_eq!(app.list().read(), [true, false, true, false]);
    app.update(Action::MarkReadNext);
    assert!(selected_title(&app).starts_with("Editor"));
    // In the reader it opens the next unread article; at the last one it says so.
    app.update(Action::Top);
    app.update(Action::Open);
    app.update(Action::ToggleRead);
    assert_eq!(app.list().read(), [false, true, true, false]);
    app.update(Action::MarkReadNext);
    assert!(title(&app).starts_with("Editor"));
    assert_eq!(app.list().read(), [true, true, true, true]);
    app.update(Action::MarkReadNext);
    assert_eq!(status(&app), "marked read; no unread article below");
}

#[test]
fn the_last_find_comes_back_after_esc() {
    // vim's `/` Enter and Alt-n/Alt-p find the last text again; n/N then step it.
    let mut app = open_harbor(80, 24);
    assert_eq!(
        keymap::lookup(Mode::Reader, Key::alt('n')),
        Some(Action::FindAgain)
    );
    app.update(Action::FindAgain);
    assert!(
        status(&app).starts_with("nothing found yet"),
        "{}",
        status(&app)
    );
    app.update(Action::FindStart);
    type_text(&mut app, "cranes");
    app.update(Action::Prompt(Edit::Accept));
    assert_eq!(app.mode(), Mode::Find);
    let first = app.reading().find().unwrap().current;
    app.update(Action::FindNext);
    app.update(Action::FindCancel);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.reading().find().is_none());
    assert_eq!(
        keymap::lookup(Mode::Reader, Key::ch('n')),
        Some(Action::NextUnread)
    );
    // `/` Enter on an empty prompt: the same text, its matches kept again.
    app.update(Action::Top);
    app.update(Action::FindStart);
    app.update(Action::Prompt(Edit::Accept));
    assert_eq!(app.mode(), Mode::Find);
    let f = app.reading().find().unwrap();
    assert_eq!((f.query.as_str(), f.current), ("cranes", first));
    let n = f.matches.len();
    assert!(n > 2);
    app.update(Action::FindCancel);
    // Alt-p from the top: the previous match wraps to the last one.
    app.update(Action::FindAgainBack);
    assert_eq!(app.reading().find().unwrap().current, Some(n - 1));
    app.update(Action::FindAgain);
    assert_eq!(
        app.reading().find().unwrap().current,
        Some(0),
        "with a find kept, it steps"
    );
    // A text no longer on the page says so and keeps nothing.
    app.update(Action::FindCancel);
    app.update(Action::FindStart);
    type_text(&mut app, "zeppelin");
    app.update(Action::Prompt(Edit::Accept));
    app.update(Action::FindAgain);
    assert!(app.reading().find().is_none());
    assert_eq!(status(&app), "not found: zeppelin");
}

#[test]
fn marks_name_places_and_quote_quote_goes_back_before_the_last_jump() {
    // less and vim: `m a` there is `Alt-m a` here (`m` stays the bookmark), `' a` comes back.
    let mut app = open_harbor(80, 24);
    assert_eq!(
        keymap::lookup(Mode::Reader, Key::alt('m')),
        Some(Action::SetMark)
    );
    assert_eq!(
        keymap::lookup(Mode::Reader, Key::ch('\'')),
        Some(Action::GoToMark)
    );
    assert_eq!(
        keymap::lookup(Mode::Reader, Key::ch('m')),
        Some(Action::ToggleBookmark)
    );
    for _ in 0..12 {
        app.update(Action::Down);
    }
    app.update(Action::SetMark);
    assert_eq!(app.mode(), Mode::Ask);
    // `j` is a motion elsewhere; here it is the mark's name.
    key(&mut app, 'j');
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(status(&app), "mark j set: ' j comes back here");
    assert!(!app.list().bookmarked()[0], "no bookmark was made");
    app.update(Action::PageDown);
    let far = scroll(&app);
    assert!(far > 12);
    app.update(Action::GoToMark);
    key(&mut app, 'j');
    assert_eq!(scroll(&app), 12, "' j: back at the mark");
    // '' goes back to where that jump started, and again to the mark (vim swaps them).
    app.update(Action::GoToMark);
    key(&mut app, '\'');
    assert_eq!(scroll(&app), far);
    app.update(Action::GoToMark);
    key(&mut app, '\'');
    assert_eq!(scroll(&app), 12);
    // G is a jump too.
    app.update(Action::Bottom);
    assert!(scroll(&app) > far);
    app.update(Action::GoToMark);
    key(&mut app, '\'');
    assert_eq!(scroll(&app), 12, "'' after G");
    // A mark not set, a key that is not a letter, and Esc.
    app.update(Action::GoToMark);
    key(&mut app, 'q');
    assert_eq!(status(&app), "no mark q in this article");
    assert_eq!(
        app.mode(),
        Mode::Reader,
        "q named a mark; it did not leave the reader"
    );
    app.update(Action::SetMark);
    key(&mut app, '5');
    assert_eq!(status(&app), "a mark is named by a letter, a to z");
    app.update(Action::GoToMark);
    app.update(Action::No);
    assert_eq!(status(&app), "no mark");
    assert_eq!(scroll(&app), 12);
    // Marks belong to their article: another article has no mark j.
    app.update(Action::NextArticle);
    app.update(Action::GoToMark);
    key(&mut app, 'j');
    assert_eq!(status(&app), "no mark j in this article");
    app.update(Action::PrevArticle);
    app.update(Action::Top);
    app.update(Action::GoToMark);
    key(&mut app, 'j');
    assert_eq!(scroll(&app), 12, "harbor's mark j is still there");
    // In the list there is no place to mark.
    app.update(Action::ToList);
    app.update(Action::SetMark);
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(status(&app), "marks are places in an open article");
}
