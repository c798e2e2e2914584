//! The one prompt through `App::update`: every line edit in the filter, the find and the
//! search, the keys that send them, the history, the length cap, and the prompt drawn with its
//! cursor and the end of a long text.

use crate::common::*;
use byline::app::keymap::Key;
use byline::app::{Action, App, Edit, Mode, PromptKind};
use byline::search::{Doc, Searcher};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn edit(app: &mut App, e: Edit) {
    app.update(Action::Prompt(e));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        edit(app, Edit::Insert(c));
    }
}

/// The open prompt's text and cursor.
fn prompt(app: &App) -> (String, usize) {
    let p = app.prompt().expect("a prompt is open");
    (p.text().to_string(), p.cursor())
}

/// The app with each kind of prompt open in turn, with what the prompt's text drives.
fn with_each_prompt(check: impl Fn(&mut App, &dyn Fn(&App) -> String)) {
    let mut filter = app(120, 40);
    filter.update(Action::Filter);
    check(&mut filter, &|a: &App| a.list().view().query.clone());

    let mut find = open_harbor(120, 40);
    find.update(Action::FindStart);
    check(&mut find, &|a: &App| {
        a.reading()
            .find()
            .map(|f| f.query.clone())
            .unwrap_or_default()
    });

    let mut search = app(120, 40);
    let docs: Vec<Doc> = search
        .library
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| Doc::from_article(i, e.article.as_ref().unwrap()))
        .collect();
    search.set_searcher(Searcher::from_docs(docs));
    search.update(Action::SearchStart);
    check(&mut search, &|a: &App| {
        a.search()
            .map(|s| s.query().to_string())
            .unwrap_or_default()
    });
}

#[test]
fn each_prompt_opens_as_its_kind() {
    let mut a = app(120, 40);
    a.update(Action::Filter);
    assert_eq!(
        a.prompt().map(byline::app::Prompt::kind),
        Some(PromptKind::Filter)
    );
    let mut a = open_harbor(120, 40);
    a.update(Action::FindStart);
    assert_eq!(
        a.prompt().map(byline::app::Prompt::kind),
        Some(PromptKind::Find)
    );
    a.update(Action::Prompt(Edit::Cancel));
    assert!(a.prompt().is_none());
    a.update(Action::SearchStart);
    assert_eq!(
        a.prompt().map(byline::app::Prompt::kind),
        Some(PromptKind::Search)
    );
}

#[test]
fn typing_inserts_at_the_cursor_and_the_text_drives_its_owner() {
    with_each_prompt(|app, driven| {
        type_text(app, "pilts");
        edit(app, Edit::Left);
        edit(app, Edit::Left);
        type_text(app, "o");
        assert_eq!(prompt(app), ("pilots".into(), 4));
        assert_eq!(driven(app), "pilots", "{:?}", app.mode());
    });
}

#[test]
fn delete_back_forward_word_and_to_start() {
    with_each_prompt(|app, driven| {
        type_text(app, "night shifts collapse");
        edit(app, Edit::DeleteBack);
        assert_eq!(driven(app), "night shifts collaps");
        edit(app, Edit::DeleteWord);
        assert_eq!(prompt(app), ("night shifts ".into(), 13));
        assert_eq!(driven(app), "night shifts ");
        edit(app, Edit::Home);
        edit(app, Edit::DeleteForward);
        assert_eq!(prompt(app), ("ight shifts ".into(), 0));
        edit(app, Edit::End);
        edit(app, Edit::Left);
        edit(app, Edit::Left);
        edit(app, Edit::Left);
        edit(app, Edit::DeleteToStart);
        assert_eq!(prompt(app), ("ts ".into(), 0));
        assert_eq!(driven(app), "ts ", "{:?}", app.mode());
    });
}

#[test]
fn cursor_moves_change_no_text() {
    with_each_prompt(|app, driven| {
        type_text(app, "dock");
        for (e, at) in [
            (Edit::Home, 0),
            (Edit::Right, 1),
            (Edit::End, 4),
            (Edit::Right, 4),
            (Edit::Left, 3),
        ] {
            edit(app, e);
            assert_eq!(prompt(app), ("dock".into(), at), "after {e:?}");
        }
        assert_eq!(driven(app), "dock");
    });
}

#[test]
fn the_same_keys_edit_every_prompt() {
    let keys = app(120, 40).keymap.clone();
    let ctrl = Key::ctrl;
    let plain = Key::plain;
    for mode in [Mode::Filter, Mode::FindPrompt, Mode::Search] {
        let sends = |k: Key| keys.lookup(mode, k);
        for (key, e) in [
            (ctrl('a'), Edit::Home),
            (ctrl('e'), Edit::End),
            (ctrl('u'), Edit::DeleteToStart),
            (ctrl('w'), Edit::DeleteWord),
            (plain(KeyCode::Left), Edit::Left),
            (plain(KeyCode::Right), Edit::Right),
            (plain(KeyCode::Home), Edit::Home),
            (plain(KeyCode::End), Edit::End),
            (plain(KeyCode::Backspace), Edit::DeleteBack),
            (plain(KeyCode::Delete), Edit::DeleteForward),
            (plain(KeyCode::Enter), Edit::Accept),
            (plain(KeyCode::Esc), Edit::Cancel),
            (Key::alt('p'), Edit::HistoryPrev),
            (Key::alt('n'), Edit::HistoryNext),
        ] {
            assert_eq!(sends(key), Some(Action::Prompt(e)), "{mode:?} {key:?}");
        }
        // Printable keys type, bound or not; with Control they are bindings again.
        for c in ['q', '?', 'n', 'G', '/', ' ', 'é'] {
            assert_eq!(
                sends(Key::ch(c)),
                Some(Action::Prompt(Edit::Insert(c))),
                "{mode:?}"
            );
        }
        assert_eq!(sends(ctrl('c')), Some(Action::Quit));
    }
    // Outside a prompt the same keys keep their own bindings.
    assert_eq!(
        keys.lookup(Mode::Reader, ctrl('u')),
        Some(Action::HalfPageUp)
    );
    assert_eq!(keys.lookup(Mode::List, Key::ch('q')), Some(Action::Quit));
}

#[test]
fn accept_and_cancel_close_the_prompt() {
    let mut a = app(120, 40);
    a.update(Action::Filter);
    type_text(&mut a, "pilots");
    edit(&mut a, Edit::Accept);
    assert_eq!(a.mode(), Mode::List);
    assert!(a.prompt().is_none());
    assert_eq!(a.list().view().query, "pilots", "Enter keeps the filter");
    a.update(Action::Filter);
    // A fresh query, as less and newsboat start one (issue 13 point 2).
    assert_eq!(prompt(&a), (String::new(), 0), "reopened empty");
    edit(&mut a, Edit::Cancel);
    assert!(a.prompt().is_none());
    assert_eq!(a.list().view().query, "", "Esc clears the filter");
}

#[test]
fn history_recalls_accepted_texts_per_kind_of_prompt() {
    let mut a = open_harbor(120, 40);
    for q in ["dock", "cranes"] {
        a.update(Action::FindStart);
        type_text(&mut a, q);
        edit(&mut a, Edit::Accept);
        a.update(Action::FindCancel);
    }
    a.update(Action::FindStart);
    type_text(&mut a, "sh");
    edit(&mut a, Edit::HistoryPrev);
    assert_eq!(prompt(&a), ("cranes".into(), 6));
    assert_eq!(
        a.reading().find().unwrap().query,
        "cranes",
        "the find follows"
    );
    edit(&mut a, Edit::HistoryPrev);
    assert_eq!(prompt(&a).0, "dock");
    edit(&mut a, Edit::HistoryNext);
    edit(&mut a, Edit::HistoryNext);
    assert_eq!(prompt(&a).0, "sh", "back to what was typed");
    edit(&mut a, Edit::Cancel);
    // The filter keeps its own history.
    a.update(Action::ToList);
    a.update(Action::Filter);
    edit(&mut a, Edit::DeleteToStart);
    edit(&mut a, Edit::HistoryPrev);
    assert_eq!(prompt(&a).0, "", "no filter was accepted yet");
}

#[test]
fn every_prompt_stops_at_the_same_length_and_says_so() {
    with_each_prompt(|app, driven| {
        let long = "x".repeat(byline::app::prompt::PROMPT_MAX);
        type_text(app, &long);
        assert!(app.status().is_none());
        type_text(app, "y");
        assert_eq!(driven(app), long, "{:?}", app.mode());
        let status = app.status().expect("a message");
        assert!(status.error && status.text.contains("stops at 200"));
    });
}

/// The screen's text, one string per row.
fn rows(app: &App) -> Vec<String> {
    let backend = TestBackend::new(app.size().0, app.size().1);
    let mut term = Terminal::new(backend).unwrap();
    term.draw(|f| byline::render(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn a_long_text_shows_its_end_and_the_cursor_stays_in_view_in_every_prompt() {
    with_each_prompt(|app, _| {
        let head = "harbor ".repeat(20);
        type_text(app, &format!("{head}TAILEND"));
        let screen = rows(app).join("\n");
        assert!(screen.contains("TAILEND"), "{:?}\n{screen}", app.mode());
        assert!(!screen.contains(&head), "the start gives way to the end");
        // Back at the start, the start is shown again.
        edit(app, Edit::Home);
        edit(app, Edit::Insert('Q'));
        let screen = rows(app).join("\n");
        assert!(
            screen.contains("Qharbor harbor"),
            "{:?}\n{screen}",
            app.mode()
        );
    });
}
