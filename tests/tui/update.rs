//! The reader's model: list, scrolling, layout, help and the loop's effects, checked on App state.

use crate::common::*;
use byline::app::keymap;
use byline::app::{Action, App, Effect, Mode};
use byline::load::library::Library;
use byline::theme::Theme;

#[test]
fn list_moves_and_stops_at_both_ends() {
    let mut app = app(120, 40);
    assert_eq!(app.mode(), Mode::List);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.list().selected(), 2);
    app.update(Action::Up);
    assert_eq!(app.list().selected(), 1);
    app.update(Action::Bottom);
    assert_eq!(app.list().selected(), 3);
    app.update(Action::Down);
    assert_eq!(app.list().selected(), 3, "Down at the last row stays");
    app.update(Action::Top);
    assert_eq!(app.list().selected(), 0);
    app.update(Action::Up);
    assert_eq!(app.list().selected(), 0, "Up at the first row stays");
    app.update(Action::PageDown);
    assert_eq!(app.list().selected(), 3, "a page is longer than the list");
    app.update(Action::PageUp);
    assert_eq!(app.list().selected(), 0);
    assert_eq!(app.position_label(), "1/4");
}

#[test]
fn list_offset_follows_the_selection_on_a_short_screen() {
    // 10 rows: 1 status, 2 borders → 7 list rows.
    let mut lib = Library::default();
    for i in 0..30 {
        let mut entry = library().entries.remove(3);
        entry.row.edit(|h| h.header.title = format!("Note {i}"));
        lib.entries.push(entry);
    }
    let mut app = App::new(lib, Theme::dark(), 76);
    // One line a row (a 33-column list would wrap titles on two lines).
    app.list_look.wrap = byline::config::list::WrapTitles::Never;
    app.update(Action::Resize {
        width: 100,
        height: 10,
    });
    assert_eq!(app.list_height(), 7);
    for _ in 0..10 {
        app.update(Action::Down);
    }
    assert_eq!(app.list().selected(), 10);
    assert_eq!(app.list().offset(), 4, "selection on the last visible row");
    app.update(Action::Top);
    assert_eq!(app.list().offset(), 0);
    app.update(Action::Bottom);
    assert_eq!(app.list().offset(), 23);
}

#[test]
fn open_shows_the_article_marks_it_read_and_focuses_the_reader() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    assert!(!app.list().read()[1]);
    app.update(Action::Open);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(title(&app), PORT);
    assert!(app.list().read()[1]);
    assert!(!app.list().read()[0]);
    app.update(Action::ToList);
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(
        title(&app),
        PORT,
        "the reader keeps the article behind the list"
    );
}

#[test]
fn moving_in_the_list_previews_the_selection_when_both_panes_show() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.settle();
    assert_eq!(title(&app), PORT);
    assert_eq!(app.mode(), Mode::List);
    assert!(!app.list().read()[1]);
    app.update(Action::Bottom);
    app.settle();
    assert_eq!(title(&app), NOTE);
    let mut narrow = self::app(60, 20);
    narrow.update(Action::Down);
    assert!(
        narrow.reader().is_none(),
        "no preview when the reader is hidden"
    );
}

#[test]
fn reopening_the_article_in_the_reader_keeps_its_place() {
    let mut app = open_harbor(120, 40);
    app.update(Action::PageDown);
    let at = scroll(&app);
    app.update(Action::ToList);
    app.update(Action::Open);
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(scroll(&app), at);
    app.update(Action::ToList);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(title(&app), PORT);
    assert_eq!(scroll(&app), 0, "another article opens at its top");
}

#[test]
fn reader_scrolls_by_lines_pages_and_half_pages_within_bounds() {
    let mut app = open_harbor(120, 40);
    let h = app.reader_height();
    assert_eq!(h, 37);
    let r = app.reader().expect("open");
    let max = r.max_scroll(h);
    assert!(
        max > h,
        "the fixture must be longer than two screens, is {max}"
    );
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(scroll(&app), 2);
    app.update(Action::Up);
    assert_eq!(scroll(&app), 1);
    app.update(Action::PageDown);
    assert_eq!(scroll(&app), 1 + h - 1);
    app.update(Action::PageUp);
    assert_eq!(scroll(&app), 1);
    app.update(Action::HalfPageDown);
    assert_eq!(scroll(&app), 1 + (h - 1) / 2);
    app.update(Action::HalfPageUp);
    assert_eq!(scroll(&app), 1);
    app.update(Action::Bottom);
    assert_eq!(scroll(&app), max);
    app.update(Action::Down);
    assert_eq!(scroll(&app), max, "no scrolling past the end");
    assert_eq!(app.reader().map(|r| r.percent(h)), Some(100));
    app.update(Action::Top);
    assert_eq!(scroll(&app), 0);
    app.update(Action::Up);
    assert_eq!(scroll(&app), 0);
}

#[test]
fn next_and_previous_article_open_and_select_in_the_list() {
    let mut app = open_harbor(120, 40);
    app.update(Action::NextArticle);
    assert_eq!(title(&app), PORT);
    assert_eq!(app.list().selected(), 1);
    app.update(Action::NextArticle);
    app.update(Action::NextArticle);
    assert_eq!(title(&app), NOTE);
    app.update(Action::NextArticle);
    assert_eq!(title(&app), NOTE);
    assert_eq!(app.status().map(|s| s.text.as_str()), Some("last article"));
    app.update(Action::PrevArticle);
    assert_eq!(title(&app), COPPER);
    assert_eq!(app.list().selected(), 2);
    assert!(app.list().read()[2] && app.list().read()[3]);
}

#[test]
fn zoom_gives_the_reader_the_whole_width_and_lays_it_out_again() {
    let mut app = open_harbor(100, 40);
    let split = app.reader_width();
    assert_eq!(app.panes().list.map(|r| r.width), Some(33));
    app.update(Action::Zoom);
    assert!(app.zoom());
    assert_eq!(app.panes().list, None);
    assert_eq!(app.reader_width(), 98);
    let r = app.reader().expect("open");
    assert_eq!(r.width(), 98);
    assert!(split < 98);
    assert_eq!(
        r.page().margin,
        (98 - 76) / 2,
        "the page is laid out at the new width"
    );
    app.update(Action::Zoom);
    assert_eq!(
        app.reader().map(byline::app::reader::Reader::width),
        Some(split)
    );
}

#[test]
fn resize_keeps_the_paragraph_that_was_at_the_top() {
    let mut app = open_harbor(120, 40);
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let block = app
        .reader()
        .and_then(byline::app::reader::Reader::top_block);
    assert!(block.is_some_and(|b| b > 3), "{block:?}");
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    let r = app.reader().expect("open");
    assert_eq!(r.width(), 58);
    assert_eq!(r.top_block(), block);
    assert_eq!(
        r.page().lines[r.scroll()].block,
        block,
        "the paragraph starts at the top"
    );
}

#[test]
fn narrow_screens_show_one_pane_at_a_time() {
    let mut app = app(60, 20);
    assert!(app.panes().list.is_some() && app.panes().reader.is_none());
    app.update(Action::Open);
    assert!(app.panes().list.is_none() && app.panes().reader.is_some());
    app.update(Action::ToList);
    assert!(app.panes().list.is_some() && app.panes().reader.is_none());
}

#[test]
fn help_opens_over_the_current_mode_scrolls_and_returns() {
    let mut app = open_harbor(120, 24);
    app.update(Action::Help);
    assert_eq!(app.mode(), Mode::Help);
    assert!(app.reader_focused(), "the reader stays behind the help");
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.help_scroll(), 2);
    assert_eq!(scroll(&app), 0, "keys scroll the help, not the article");
    app.update(Action::Up);
    assert_eq!(app.help_scroll(), 1);
    app.update(Action::Help);
    assert_eq!(app.mode(), Mode::Reader);
    app.update(Action::ToList);
    app.update(Action::Help);
    app.update(Action::Help);
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn help_scrolls_no_further_than_its_last_row() {
    let mut app = app(60, 20);
    app.update(Action::Help);
    for _ in 0..200 {
        app.update(Action::Down);
    }
    // 17 rows fit in the box (20 rows less the status bar and the frame); the key rows are
    // followed by a blank line and the notes.
    let max = keymap::help_rows().len() + 1 + keymap::HELP_NOTES.len() - 17;
    assert_eq!(app.help_scroll(), max);
    app.update(Action::Up);
    assert_eq!(app.help_scroll(), max - 1);
    let tall = u16::try_from(keymap::help_rows().len() + 20).unwrap();
    let mut big = self::app(120, tall);
    big.update(Action::Help);
    big.update(Action::Down);
    assert_eq!(
        big.help_scroll(),
        0,
        "nothing to scroll when all of it fits"
    );
}

#[test]
fn quit_and_suspend_are_effects_for_the_loop() {
    let mut app = app(80, 24);
    assert_eq!(app.update(Action::Quit), Effect::Quit);
    assert_eq!(app.update(Action::Suspend), Effect::Suspend);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = open_harbor(120, 40);
    // List pane is columns 0..40, reader 40..120.
    app.update(Action::Wheel {
        column: 80,
        row: 10,
        down: true,
    });
    assert_eq!(scroll(&app), 3);
    assert_eq!(app.list().selected(), 0);
    app.update(Action::Wheel {
        column: 80,
        row: 10,
        down: false,
    });
    assert_eq!(scroll(&app), 0);
    // Issue 13 point 8: while reading, the wheel over the list never replaces the article.
    app.update(Action::Wheel {
        column: 5,
        row: 10,
        down: true,
    });
    app.settle();
    assert_eq!(app.list().selected(), 0);
    assert_eq!(title(&app), HARBOR, "the article being read stays");
    assert_eq!(app.mode(), Mode::Reader);
    // In the list the wheel moves the selection, and the reading pane previews it.
    app.update(Action::ToList);
    app.update(Action::Wheel {
        column: 5,
        row: 10,
        down: true,
    });
    app.settle();
    assert_eq!(app.list().selected(), 3);
    assert_eq!(title(&app), NOTE, "the reader previews the selection");
    assert!(!app.list().read()[3], "a preview is not a read");
}

#[test]
fn a_click_on_a_list_row_opens_that_article() {
    let mut app = app(120, 40);
    // Row 0 is the border; rows 1.. are articles.
    app.update(Action::Click { column: 10, row: 3 });
    assert_eq!(app.list().selected(), 2);
    assert_eq!(title(&app), COPPER);
    app.update(Action::Click {
        column: 10,
        row: 30,
    });
    assert_eq!(
        app.list().selected(),
        2,
        "a click below the last row does nothing"
    );
}

#[test]
fn skipped_files_are_reported_at_start() {
    let mut lib = library();
    lib.problems = vec!["a: bad".into(), "b: bad".into(), "c: bad".into()];
    let app = App::new(lib, Theme::dark(), 76);
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("3 files skipped — press ! to see them")
    );
}

#[test]
fn every_action_is_safe_on_an_empty_library() {
    let mut app = App::new(Library::default(), Theme::dark(), 76);
    for a in all_actions() {
        app.update(a);
    }
    // From the list, Enter says there is nothing to open.
    let mut app = App::new(Library::default(), Theme::dark(), 76);
    app.update(Action::Open);
    assert!(app.reader().is_none());
    assert!(app.status().is_some_and(|s| s.text == "no articles"));
}

#[test]
fn a_file_that_fails_to_load_is_an_error_message_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "A good headline\n\nA paragraph.\n").expect("write");
    let mut lib = Library::scan(&[dir.path().to_path_buf()]);
    assert_eq!(lib.entries.len(), 1);
    std::fs::remove_file(&good).expect("remove");
    lib.entries[0].article = None;
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Open);
    assert!(app.reader().is_none());
    assert!(
        app.status()
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("good.txt"))
    );
}

thread_local! {
    static LAYOUTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn counting(
    a: &byline::article::Article,
    o: &byline::text::typeset::Options,
    titles: &byline::text::typeset::Names<'_>,
) -> byline::text::typeset::Page {
    LAYOUTS.with(|c| c.set(c.get() + 1));
    byline::text::typeset::typeset_with(a, o, titles)
}

#[test]
fn pages_are_laid_out_once_per_article_and_width() {
    let mut app = App::new(library(), Theme::dark(), 76);
    app.typeset = counting;
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Action::Open);
    let after_open = LAYOUTS.with(std::cell::Cell::get);
    assert_eq!(after_open, 1);
    for a in [
        Action::Down,
        Action::PageDown,
        Action::Bottom,
        Action::Top,
        Action::NextLink,
    ] {
        app.update(a);
    }
    assert_eq!(
        LAYOUTS.with(std::cell::Cell::get),
        1,
        "scrolling never lays out again"
    );
    app.update(Action::FollowRelated(1));
    app.update(Action::HistoryBack);
    assert_eq!(
        LAYOUTS.with(std::cell::Cell::get),
        2,
        "going back reuses the cached page"
    );
    app.update(Action::Resize {
        width: 100,
        height: 40,
    });
    assert_eq!(LAYOUTS.with(std::cell::Cell::get), 3);
}

#[test]
fn justify_lays_the_page_out_with_justified_options() {
    thread_local! {
        static SEEN: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
    }
    fn spy(
        a: &byline::article::Article,
        o: &byline::text::typeset::Options,
        t: &byline::text::typeset::Names<'_>,
    ) -> byline::text::typeset::Page {
        SEEN.with(|c| c.set(Some(o.justify)));
        byline::text::typeset::typeset_with(a, o, t)
    }
    let mut app = App::new(library(), Theme::dark(), 60);
    app.typeset = spy;
    app.justify = true;
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Action::Open);
    assert_eq!(SEEN.with(std::cell::Cell::get), Some(true));
    assert_eq!(
        app.reader().map(|r| r.page().text_width),
        Some(60),
        "the measure is used"
    );
}

#[test]
fn the_help_pages_like_less() {
    // Issue 13 point 11: Space, PgDn, b, g and G page the help as they page an article.
    let mut app = app(60, 20);
    app.update(Action::Help);
    let page = usize::from(20u16 - 3) - 1;
    for key in [' ', 'b', 'G', 'g'] {
        let want = match key {
            ' ' => page,
            'b' => 0,
            'G' => keymap::help_rows().len() + 1 + keymap::HELP_NOTES.len() - 17,
            _ => 0,
        };
        let action = keymap::lookup(Mode::Help, keymap::Key::ch(key)).expect("bound in the help");
        app.update(action);
        assert_eq!(app.help_scroll(), want, "after {key:?}");
    }
}

#[test]
fn the_wheel_over_a_long_list_while_reading_scrolls_the_rows_only() {
    // Issue 13 point 8, on a list longer than its pane.
    let mut lib = library();
    for i in 0..60 {
        let mut e = lib.entries[3].clone();
        e.row.edit(|h| h.header.title = format!("Note {i}"));
        lib.entries.push(e);
    }
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 20,
    });
    app.update(Action::Open);
    let reading = title(&app);
    for _ in 0..5 {
        app.update(Action::Wheel {
            column: 5,
            row: 5,
            down: true,
        });
    }
    assert_eq!(app.list().offset(), 15, "the rows moved");
    assert_eq!(app.list().selected(), 0);
    assert_eq!(title(&app), reading);
    // The next key brings the selection back into view.
    app.update(Action::Down);
    assert_eq!(app.list().offset(), 0);
}
