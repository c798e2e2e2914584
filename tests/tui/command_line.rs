//! The `:` command line (vim, newsboat): every action of the key table by its name, Tab
//! completion that cycles, a clear message for a name that is not one, `:help`, `:42`, and
//! the history.

use crate::common::*;
use byline::app::action::NAMED;
use byline::app::keymap::{self, Key};
use byline::app::{Action, App, Edit, Effect, Mode};

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

/// `:` then `line` then Enter, from wherever the app is.
fn run(app: &mut App, line: &str) -> Effect {
    app.update(Action::CommandLine);
    assert_eq!(app.mode(), Mode::Command);
    for c in line.chars() {
        app.update(Action::Prompt(Edit::Insert(c)));
    }
    app.update(Action::Prompt(Edit::Accept))
}

fn line(app: &App) -> String {
    app.prompt()
        .map(|p| p.text().to_string())
        .unwrap_or_default()
}

#[test]
fn colon_opens_the_line_in_the_list_and_the_reader() {
    for mode in [Mode::List, Mode::Reader] {
        assert_eq!(
            keymap::lookup(mode, Key::ch(':')),
            Some(Action::CommandLine)
        );
    }
    assert_eq!(
        keymap::lookup(Mode::Command, Key::plain(crossterm::event::KeyCode::Tab)),
        Some(Action::Prompt(Edit::Complete))
    );
    // Typed, `:` is a character of the line, not a second line.
    assert_eq!(
        keymap::lookup(Mode::Command, Key::ch(':')),
        Some(Action::Prompt(Edit::Insert(':')))
    );
}

#[test]
fn an_action_named_on_the_line_runs_where_the_line_was_opened() {
    let mut app = app(120, 40);
    run(&mut app, "next_unread");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.selected_row(), Some(1), "the selection moved to port");
    run(&mut app, "toggle_read");
    assert_eq!(app.list().read(), [false, true, false, false]);
    assert_eq!(status(&app), "marked read");
    run(&mut app, "  :open ");
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(title(&app), PORT);
    run(&mut app, "toggle_bookmark");
    assert!(app.list().bookmarked()[1]);
    assert_eq!(run(&mut app, "quit"), Effect::Quit);
    assert_eq!(run(&mut app, "q"), Effect::Quit, "vim's :q");
    // Esc closes the line and runs nothing.
    app.update(Action::CommandLine);
    app.update(Action::Prompt(Edit::Insert('q')));
    assert_eq!(app.update(Action::Prompt(Edit::Cancel)), Effect::None);
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn every_action_name_runs_or_says_why_not() {
    for from_reader in [false, true] {
        for (name, action) in NAMED {
            let mut via = if from_reader {
                open_harbor(120, 40)
            } else {
                app(120, 40)
            };
            let effect = run(&mut via, name);
            let said = status(&via);
            assert!(!said.starts_with("unknown command"), "{name}: {said}");
            // What it did is what the action does when applied directly from the same place.
            let mut direct = if from_reader {
                open_harbor(120, 40)
            } else {
                app(120, 40)
            };
            if said.contains("does nothing in") {
                assert!(via.status().unwrap().error, "{name}");
                continue;
            }
            let expected = direct.update(*action);
            assert_eq!(
                std::mem::discriminant(&effect),
                std::mem::discriminant(&expected),
                "{name}"
            );
            assert_eq!(via.mode(), direct.mode(), "{name}");
            assert_eq!(via.selected_row(), direct.selected_row(), "{name}");
            assert_eq!(via.list().read(), direct.list().read(), "{name}");
        }
    }
}

#[test]
fn a_name_that_is_no_action_gets_a_clear_message() {
    let mut app = app(120, 40);
    run(&mut app, "scroll_down");
    assert_eq!(app.mode(), Mode::List);
    let s = app.status().unwrap();
    assert!(s.error);
    assert_eq!(
        s.text,
        "unknown command: scroll_down (Tab completes action names; :help lists them)"
    );
    // An action that has no use where the line was opened says where it belongs.
    run(&mut app, "next_article");
    assert_eq!(
        status(&app),
        "next_article does nothing in the list (it is for: reader)"
    );
    run(&mut app, "down now");
    assert_eq!(status(&app), "down takes nothing after it");
    // A control character in a pasted name is shown as its visible stand-in.
    run(&mut app, "x\u{1b}[2J");
    assert!(!status(&app).contains('\u{1b}'), "{}", status(&app));
}

#[test]
fn tab_completes_cycling_through_the_candidates_and_back_to_the_stem() {
    let mut app = app(120, 40);
    app.update(Action::CommandLine);
    for c in "next_".chars() {
        app.update(Action::Prompt(Edit::Insert(c)));
    }
    let tab = |app: &mut App| app.update(Action::Prompt(Edit::Complete));
    tab(&mut app);
    assert_eq!(line(&app), "next_article");
    let c = app.completion().unwrap();
    assert_eq!(c.candidates, ["next_article", "next_link", "next_unread"]);
    assert_eq!(c.current, Some(0));
    tab(&mut app);
    assert_eq!(line(&app), "next_link");
    tab(&mut app);
    assert_eq!(line(&app), "next_unread");
    tab(&mut app);
    assert_eq!(line(&app), "next_", "past the last: the stem again");
    assert_eq!(app.completion().unwrap().current, None);
    app.update(Action::Prompt(Edit::CompleteBack));
    assert_eq!(line(&app), "next_unread", "Shift-Tab goes the other way");
    app.update(Action::Prompt(Edit::Accept));
    assert!(app.completion().is_none());
    assert_eq!(app.selected_row(), Some(1), "next_unread ran");
    // A single candidate completes at once; typing after a completion starts anew.
    app.update(Action::CommandLine);
    for c in "toggle_b".chars() {
        app.update(Action::Prompt(Edit::Insert(c)));
    }
    tab(&mut app);
    assert_eq!(line(&app), "toggle_bookmark");
    assert!(app.completion().is_none());
    app.update(Action::Prompt(Edit::DeleteToStart));
    app.update(Action::Prompt(Edit::Insert('z')));
    tab(&mut app);
    assert_eq!(line(&app), "zoom");
    app.update(Action::Prompt(Edit::DeleteToStart));
    app.update(Action::Prompt(Edit::Insert('w')));
    tab(&mut app);
    assert_eq!(line(&app), "w");
    assert_eq!(status(&app), "no action name begins with w");
    assert_eq!(app.mode(), Mode::Command, "the line stays open");
}

#[test]
fn help_on_the_line_opens_the_help_or_describes_one_action() {
    let mut app = open_harbor(120, 40);
    run(&mut app, "help");
    assert_eq!(app.mode(), Mode::Help);
    assert_eq!(app.help_from(), Mode::Reader);
    app.update(Action::Help);
    run(&mut app, "h");
    assert_eq!(app.mode(), Mode::Help, "vim's :h");
    app.update(Action::Help);
    run(&mut app, "help mark_read_next");
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(
        status(&app),
        "mark_read_next — list: mark read, then the next unread (N); \
         reader: mark read, then the next unread (N)"
    );
    run(&mut app, "help copy_text");
    assert_eq!(
        status(&app),
        "copy_text — question: copy the whole text (a)"
    );
    run(&mut app, "help follow_related_2");
    assert_eq!(
        status(&app),
        "follow_related_2: no key; run it as :follow_related_2"
    );
    run(&mut app, "help nothing");
    assert_eq!(status(&app), "no action is called nothing");
}

#[test]
fn a_number_goes_to_that_line_or_row() {
    let mut app = app(120, 40);
    run(&mut app, "3");
    assert_eq!(app.selected_row(), Some(2), ":3 is the third row");
    let mut app = open_harbor(80, 24);
    run(&mut app, "12");
    assert_eq!(scroll(&app), 11, ":12 puts line 12 at the top");
}

#[test]
fn the_line_remembers_what_was_run() {
    let mut app = app(120, 40);
    run(&mut app, "next_unread");
    run(&mut app, "cycle_sort");
    app.update(Action::CommandLine);
    assert_eq!(
        keymap::lookup(Mode::Command, Key::plain(crossterm::event::KeyCode::Up)),
        Some(Action::Prompt(Edit::HistoryPrev))
    );
    app.update(Action::Prompt(Edit::HistoryPrev));
    assert_eq!(line(&app), "cycle_sort");
    app.update(Action::Prompt(Edit::HistoryPrev));
    assert_eq!(line(&app), "next_unread");
    app.update(Action::Prompt(Edit::HistoryNext));
    assert_eq!(line(&app), "cycle_sort");
}
