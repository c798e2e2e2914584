//! The reader's model: every Action applied to an App built from fixtures, checked on its state.

mod tui_common;

use byline::app::keymap::{self, BINDINGS, Key, Scope};
use byline::app::{Action, App, Effect, Mode};
use byline::load::library::Library;
use byline::text::typeset::Target;
use byline::ui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_common::*;

fn open_harbor(w: u16, h: u16) -> App {
    let mut app = app(w, h);
    assert_eq!(app.update(Action::Open), Effect::None);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(0));
    app
}

fn scroll(app: &App) -> usize {
    app.reader.as_ref().map_or(usize::MAX, |r| r.scroll)
}

fn title(app: &App) -> String {
    app.reader
        .as_ref()
        .map(|r| r.article.title.clone())
        .unwrap_or_default()
}

/// The target index of the `n`th related link on the page.
fn related_target(app: &App, n: usize) -> usize {
    let r = app.reader.as_ref().expect("an open article");
    r.page
        .targets
        .iter()
        .position(|t| matches!(t, Target::Related { number, .. } if *number == n))
        .expect("related target")
}

#[test]
fn list_moves_and_stops_at_both_ends() {
    let mut app = app(120, 40);
    assert_eq!(app.mode, Mode::List);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.selected, 2);
    app.update(Action::Up);
    assert_eq!(app.selected, 1);
    app.update(Action::Bottom);
    assert_eq!(app.selected, 3);
    app.update(Action::Down);
    assert_eq!(app.selected, 3, "Down at the last row stays");
    app.update(Action::Top);
    assert_eq!(app.selected, 0);
    app.update(Action::Up);
    assert_eq!(app.selected, 0, "Up at the first row stays");
    app.update(Action::PageDown);
    assert_eq!(app.selected, 3, "a page is longer than the list");
    app.update(Action::PageUp);
    assert_eq!(app.selected, 0);
    assert_eq!(app.position_label(), "1/4");
}

#[test]
fn list_offset_follows_the_selection_on_a_short_screen() {
    // 10 rows: 1 status, 2 borders → 7 list rows.
    let mut lib = Library::default();
    for i in 0..30 {
        let mut entry = library().entries.remove(3);
        entry.head.title = format!("Note {i}");
        lib.entries.push(entry);
    }
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 100,
        height: 10,
    });
    assert_eq!(app.list_height(), 7);
    for _ in 0..10 {
        app.update(Action::Down);
    }
    assert_eq!(app.selected, 10);
    assert_eq!(app.list_offset, 4, "selection on the last visible row");
    app.update(Action::Top);
    assert_eq!(app.list_offset, 0);
    app.update(Action::Bottom);
    assert_eq!(app.list_offset, 23);
}

#[test]
fn open_shows_the_article_marks_it_read_and_focuses_the_reader() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    assert!(!app.read[1]);
    app.update(Action::Open);
    assert_eq!(app.mode, Mode::Reader);
    assert_eq!(title(&app), PORT);
    assert!(app.read[1]);
    assert!(!app.read[0]);
    app.update(Action::ToList);
    assert_eq!(app.mode, Mode::List);
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
    assert_eq!(title(&app), PORT);
    assert_eq!(app.mode, Mode::List);
    assert!(!app.read[1]);
    app.update(Action::Bottom);
    assert_eq!(title(&app), NOTE);
    let mut narrow = self::app(60, 20);
    narrow.update(Action::Down);
    assert!(
        narrow.reader.is_none(),
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
    assert_eq!(app.mode, Mode::Reader);
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
    let r = app.reader.as_ref().expect("open");
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
    assert_eq!(app.reader.as_ref().map(|r| r.percent(h)), Some(100));
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
    assert_eq!(app.selected, 1);
    app.update(Action::NextArticle);
    app.update(Action::NextArticle);
    assert_eq!(title(&app), NOTE);
    app.update(Action::NextArticle);
    assert_eq!(title(&app), NOTE);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("last article")
    );
    app.update(Action::PrevArticle);
    assert_eq!(title(&app), COPPER);
    assert_eq!(app.selected, 2);
    assert!(app.read[2] && app.read[3]);
}

#[test]
fn following_related_links_by_number_and_going_back_and_forward() {
    let mut app = open_harbor(120, 40);
    app.update(Action::PageDown);
    let before = scroll(&app);
    assert!(before > 0);
    // 1 resolves by its path.
    app.update(Action::FollowRelated(1));
    assert_eq!(title(&app), COPPER);
    assert_eq!(
        app.selected, 2,
        "the followed article is selected in the list"
    );
    assert_eq!(scroll(&app), 0);
    assert_eq!(app.history.back.len(), 1);
    app.update(Action::Down);
    app.update(Action::HistoryBack);
    assert_eq!(title(&app), HARBOR);
    assert_eq!(
        scroll(&app),
        before,
        "going back restores the scroll position"
    );
    assert_eq!(app.selected, 0);
    app.update(Action::HistoryForward);
    assert_eq!(title(&app), COPPER);
    assert_eq!(
        scroll(&app),
        1,
        "going forward restores its scroll position too"
    );
    app.update(Action::HistoryForward);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("forward"))
    );
    // 2 has no path: it resolves by its exact title.
    app.update(Action::HistoryBack);
    app.update(Action::FollowRelated(2));
    assert_eq!(title(&app), PORT);
    assert!(
        app.history.forward.is_empty(),
        "following drops the forward steps"
    );
}

#[test]
fn related_headlines_resolve_through_the_library_resolver() {
    let mut lib = library();
    let mut a = harbor();
    // Case and punctuation differ from the library title: only a normalising resolver finds it.
    a.related[1].title = "PORT AUTHORITY calls retired pilots back to work!".into();
    lib.entries[0].article = Some(std::sync::Arc::new(a));
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Action::Open);
    let r = app.reader.as_ref().expect("open");
    assert_eq!(
        r.article.related[1].path.as_deref(),
        Some(std::path::Path::new("/lib/port.txt")),
        "the page shows it as a link"
    );
    app.update(Action::FollowRelated(2));
    assert_eq!(title(&app), PORT);
}

#[test]
fn unresolved_and_missing_related_links_say_so() {
    let mut app = open_harbor(120, 40);
    app.update(Action::FollowRelated(3));
    assert_eq!(title(&app), HARBOR);
    let s = app.status.clone().expect("a message");
    assert!(s.error && s.text.contains("not in the library"), "{s:?}");
    assert!(s.text.contains("Fishermen"));
    app.update(Action::FollowRelated(9));
    assert_eq!(title(&app), HARBOR);
    assert!(app.status.as_ref().is_some_and(|s| s.text == "no link 9"));
    assert!(app.history.back.is_empty());
}

#[test]
fn a_number_past_the_related_links_opens_the_url_with_that_number() {
    let mut app = open_harbor(120, 40);
    assert_eq!(
        app.update(Action::FollowRelated(4)),
        Effect::OpenUrl(URL.into())
    );
}

#[test]
fn history_back_with_no_history_returns_to_the_list() {
    let mut app = open_harbor(120, 40);
    app.update(Action::HistoryBack);
    assert_eq!(app.mode, Mode::List);
    assert_eq!(title(&app), HARBOR);
}

#[test]
fn tab_moves_the_focus_through_links_and_keeps_it_visible() {
    let mut app = open_harbor(120, 40);
    let h = app.reader_height();
    app.update(Action::NextLink);
    let r = app.reader.as_ref().expect("open");
    let first = related_target(&app, 1);
    assert_eq!(r.focus, Some(first));
    assert!(
        byline::app::links::visible(&r.page, first, r.scroll, h),
        "the focused link was scrolled into view"
    );
    assert!(r.scroll > 0, "the related box is below the first screen");
    app.update(Action::NextLink);
    assert_eq!(
        app.reader.as_ref().and_then(|r| r.focus),
        Some(related_target(&app, 2))
    );
    app.update(Action::PrevLink);
    assert_eq!(app.reader.as_ref().and_then(|r| r.focus), Some(first));
    app.update(Action::PrevLink);
    let last = app.reader.as_ref().map(|r| r.page.targets.len() - 1);
    assert_eq!(
        app.reader.as_ref().and_then(|r| r.focus),
        last,
        "wraps to the last link"
    );
    // Scrolling the focused link out of view drops the focus.
    app.update(Action::Top);
    assert_eq!(app.reader.as_ref().and_then(|r| r.focus), None);
}

#[test]
fn enter_follows_the_focused_related_link() {
    let mut app = open_harbor(120, 40);
    app.update(Action::NextLink);
    app.update(Action::NextLink);
    assert_eq!(app.update(Action::FollowLink), Effect::None);
    assert_eq!(title(&app), PORT);
    app.update(Action::HistoryBack);
    assert_eq!(title(&app), HARBOR);
}

#[test]
fn a_backlink_shows_the_linking_title_and_follows_to_it() {
    let mut app = app(120, 40);
    app.update(Action::Bottom);
    app.update(Action::Up);
    app.update(Action::Open);
    assert_eq!(title(&app), COPPER);
    let r = app.reader.as_ref().expect("open");
    let back = r
        .page
        .targets
        .iter()
        .position(|t| matches!(t, Target::Backlink(_)))
        .expect("a backlink target");
    let named = r.page.lines.iter().any(|l| {
        l.spans
            .iter()
            .any(|s| s.target == Some(back) && s.text.contains(HARBOR))
    });
    assert!(
        named,
        "the backlink is named by the linking article's headline"
    );
    while app.reader.as_ref().and_then(|r| r.focus) != Some(back) {
        app.update(Action::NextLink);
    }
    app.update(Action::FollowLink);
    assert_eq!(title(&app), HARBOR);
    assert_eq!(app.selected, 0);
}

#[test]
fn enter_without_a_focused_link_says_how_to_focus_one() {
    let mut app = open_harbor(120, 40);
    app.update(Action::FollowLink);
    assert_eq!(title(&app), HARBOR);
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("Tab")));
}

#[test]
fn open_and_copy_url_act_on_the_focused_url_only() {
    let mut app = open_harbor(120, 40);
    assert_eq!(app.update(Action::OpenUrl), Effect::None);
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    assert_eq!(app.update(Action::CopyUrl), Effect::None);
    app.update(Action::PrevLink);
    let r = app.reader.as_ref().expect("open");
    assert_eq!(
        r.focus.and_then(|f| r.page.targets.get(f)),
        Some(&Target::Url(URL.into()))
    );
    assert_eq!(app.update(Action::OpenUrl), Effect::OpenUrl(URL.into()));
    assert_eq!(app.update(Action::CopyUrl), Effect::Copy(URL.into()));
    assert_eq!(app.update(Action::FollowLink), Effect::OpenUrl(URL.into()));
    // A related link is not a URL.
    app.update(Action::NextLink);
    assert_eq!(app.update(Action::OpenUrl), Effect::None);
}

#[test]
fn zoom_gives_the_reader_the_whole_width_and_lays_it_out_again() {
    let mut app = open_harbor(100, 40);
    let split = app.reader_width();
    assert_eq!(app.panes().list.map(|r| r.width), Some(33));
    app.update(Action::Zoom);
    assert!(app.zoom);
    assert_eq!(app.panes().list, None);
    assert_eq!(app.reader_width(), 98);
    let r = app.reader.as_ref().expect("open");
    assert_eq!(r.width, 98);
    assert!(split < 98);
    assert_eq!(
        r.page.margin,
        (98 - 76) / 2,
        "the page is laid out at the new width"
    );
    app.update(Action::Zoom);
    assert_eq!(app.reader.as_ref().map(|r| r.width), Some(split));
}

#[test]
fn resize_keeps_the_paragraph_that_was_at_the_top() {
    let mut app = open_harbor(120, 40);
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let block = app.reader.as_ref().and_then(|r| r.top_block());
    assert!(block.is_some_and(|b| b > 3), "{block:?}");
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    let r = app.reader.as_ref().expect("open");
    assert_eq!(r.width, 58);
    assert_eq!(r.top_block(), block);
    assert_eq!(
        r.page.lines[r.scroll].block, block,
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
    assert_eq!(app.mode, Mode::Help);
    assert!(app.reader_focused(), "the reader stays behind the help");
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.help_scroll, 2);
    assert_eq!(scroll(&app), 0, "keys scroll the help, not the article");
    app.update(Action::Up);
    assert_eq!(app.help_scroll, 1);
    app.update(Action::Help);
    assert_eq!(app.mode, Mode::Reader);
    app.update(Action::ToList);
    app.update(Action::Help);
    app.update(Action::Help);
    assert_eq!(app.mode, Mode::List);
}

#[test]
fn help_scrolls_no_further_than_its_last_row() {
    let mut app = app(60, 20);
    app.update(Action::Help);
    for _ in 0..200 {
        app.update(Action::Down);
    }
    // 17 rows fit in the box (20 rows less the status bar and the frame).
    let max = keymap::help_rows().len() - 17;
    assert_eq!(app.help_scroll, max);
    app.update(Action::Up);
    assert_eq!(app.help_scroll, max - 1);
    let mut big = self::app(120, 60);
    big.update(Action::Help);
    big.update(Action::Down);
    assert_eq!(big.help_scroll, 0, "nothing to scroll when all of it fits");
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
    assert_eq!(app.selected, 0);
    app.update(Action::Wheel {
        column: 80,
        row: 10,
        down: false,
    });
    assert_eq!(scroll(&app), 0);
    app.update(Action::Wheel {
        column: 5,
        row: 10,
        down: true,
    });
    assert_eq!(app.selected, 3);
    assert_eq!(title(&app), NOTE, "the reader previews the selection");
    assert!(!app.read[3], "a preview is not a read");
}

#[test]
fn a_click_on_a_list_row_opens_that_article() {
    let mut app = app(120, 40);
    // Row 0 is the border; rows 1.. are articles.
    app.update(Action::Click { column: 10, row: 3 });
    assert_eq!(app.selected, 2);
    assert_eq!(title(&app), COPPER);
    app.update(Action::Click {
        column: 10,
        row: 30,
    });
    assert_eq!(app.selected, 2, "a click below the last row does nothing");
}

#[test]
fn a_click_on_a_related_link_follows_it() {
    let mut app = open_harbor(120, 40);
    app.update(Action::NextLink);
    let (line, col) = {
        let r = app.reader.as_ref().expect("open");
        let t = related_target(&app, 1);
        let line = r
            .page
            .lines
            .iter()
            .position(|l| l.spans.iter().any(|s| s.target == Some(t)))
            .expect("a line with the link");
        let mut x = usize::from(r.page.margin);
        for s in &r.page.lines[line].spans {
            if s.target == Some(t) {
                break;
            }
            x += unicode_width::UnicodeWidthStr::width(s.text.as_str());
        }
        (line - r.scroll, x)
    };
    let area = app.reader_area().expect("reader shown");
    app.update(Action::Click {
        column: area.x + col as u16,
        row: area.y + line as u16,
    });
    assert_eq!(title(&app), COPPER);
    assert_eq!(app.history.back.len(), 1);
}

#[test]
fn skipped_files_are_reported_at_start() {
    let mut lib = library();
    lib.problems = vec!["a: bad".into(), "b: bad".into(), "c: bad".into()];
    let app = App::new(lib, Theme::dark(), 76);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("3 files skipped")
    );
}

#[test]
fn every_action_is_safe_on_an_empty_library() {
    let mut app = App::new(Library::default(), Theme::dark(), 76);
    for a in all_actions() {
        app.update(a);
    }
    app.mode = Mode::List;
    app.update(Action::Open);
    assert!(app.reader.is_none());
    assert!(app.status.as_ref().is_some_and(|s| s.text == "no articles"));
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
    assert!(app.reader.is_none());
    assert!(
        app.status
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
    titles: &dyn Fn(&std::path::Path) -> Option<String>,
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
    let after_open = LAYOUTS.with(|c| c.get());
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
        LAYOUTS.with(|c| c.get()),
        1,
        "scrolling never lays out again"
    );
    app.update(Action::FollowRelated(1));
    app.update(Action::HistoryBack);
    assert_eq!(
        LAYOUTS.with(|c| c.get()),
        2,
        "going back reuses the cached page"
    );
    app.update(Action::Resize {
        width: 100,
        height: 40,
    });
    assert_eq!(LAYOUTS.with(|c| c.get()), 3);
}

// ---- the key table ----

/// Every action a key can ask for.
fn all_actions() -> Vec<Action> {
    let mut v = vec![
        Action::Quit,
        Action::Suspend,
        Action::Help,
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Open,
        Action::ToList,
        Action::NextArticle,
        Action::PrevArticle,
        Action::NextLink,
        Action::PrevLink,
        Action::FollowLink,
        Action::HistoryBack,
        Action::HistoryForward,
        Action::OpenUrl,
        Action::CopyUrl,
        Action::Zoom,
    ];
    v.extend((1..=9).map(Action::FollowRelated));
    v
}

/// Fails to compile when an Action is added, so `all_actions` is kept complete.
#[allow(dead_code)]
fn keyed(a: Action) -> bool {
    match a {
        Action::Quit
        | Action::Suspend
        | Action::Help
        | Action::Down
        | Action::Up
        | Action::Top
        | Action::Bottom
        | Action::PageDown
        | Action::PageUp
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::Open
        | Action::ToList
        | Action::NextArticle
        | Action::PrevArticle
        | Action::NextLink
        | Action::PrevLink
        | Action::FollowLink
        | Action::FollowRelated(_)
        | Action::HistoryBack
        | Action::HistoryForward
        | Action::OpenUrl
        | Action::CopyUrl
        | Action::Zoom => true,
        // Sent by the loop for terminal and mouse events, not bound to keys.
        Action::Resize { .. } | Action::Wheel { .. } | Action::Click { .. } => false,
    }
}

#[test]
fn every_action_has_a_key_and_a_help_line() {
    let rows = keymap::help_rows();
    for a in all_actions() {
        assert!(keyed(a));
        let b = BINDINGS.iter().find(|b| b.action == a);
        let b = b.unwrap_or_else(|| panic!("{a:?} has no key"));
        let first = BINDINGS
            .iter()
            .find(|x| x.mode == b.mode && x.action == a)
            .map(|x| x.desc);
        let desc = first.unwrap_or_default();
        let desc = if let Action::FollowRelated(_) = a {
            BINDINGS
                .iter()
                .find(|x| x.action == Action::FollowRelated(1))
                .map_or("", |x| x.desc)
        } else {
            desc
        };
        assert!(!desc.is_empty(), "{a:?} has no help text");
        assert!(
            rows.iter().any(|r| r.2 == desc),
            "{a:?} is missing from the help"
        );
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    for mode in [Mode::List, Mode::Reader, Mode::Help] {
        let keys: Vec<Key> = BINDINGS
            .iter()
            .filter(|b| b.mode.covers(mode))
            .map(|b| b.key)
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(
                !keys[i + 1..].contains(k),
                "{} twice in {mode:?}",
                k.label()
            );
        }
    }
}

#[test]
fn lookup_dispatches_by_mode_with_shift_folded_into_the_character() {
    let ev = |code, mods| Key::from_event(&KeyEvent::new(code, mods));
    let shift_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(keymap::lookup(Mode::Reader, shift_g), Some(Action::Bottom));
    let back_tab = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(
        keymap::lookup(Mode::Reader, back_tab),
        Some(Action::PrevLink)
    );
    let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(keymap::lookup(Mode::List, q), Some(Action::Quit));
    assert_eq!(keymap::lookup(Mode::Reader, q), Some(Action::ToList));
    assert_eq!(keymap::lookup(Mode::Help, q), Some(Action::Help));
    let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap::lookup(Mode::Help, ctrl_c), Some(Action::Quit));
    let ctrl_d = ev(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(
        keymap::lookup(Mode::Reader, ctrl_d),
        Some(Action::HalfPageDown)
    );
    assert_eq!(keymap::lookup(Mode::List, ctrl_d), None);
    let five = ev(KeyCode::Char('5'), KeyModifiers::NONE);
    assert_eq!(
        keymap::lookup(Mode::Reader, five),
        Some(Action::FollowRelated(5))
    );
}

#[test]
fn help_rows_group_keys_per_action_and_the_markdown_table_lists_them_all() {
    let rows = keymap::help_rows();
    let down = rows
        .iter()
        .find(|r| r.0 == Scope::Reader && r.2 == "line down")
        .expect("a line-down row");
    assert_eq!(down.1, "j, ↓");
    assert!(rows.iter().any(|r| r.0 == Scope::Reader && r.1 == "1–9"));
    let md = keymap::markdown_table();
    assert_eq!(md.lines().count(), rows.len() + 2);
    assert!(
        md.contains("| reader | `Ctrl-d` | half a page down |"),
        "{md}"
    );
    assert!(
        md.contains("| list | `Enter`, `l`, `→` | open the article |"),
        "{md}"
    );
}

#[test]
fn hints_name_the_mode_own_keys_first() {
    assert_eq!(
        keymap::key_for(Mode::List, Action::Quit).as_deref(),
        Some("q")
    );
    assert_eq!(
        keymap::key_for(Mode::Help, Action::Quit).as_deref(),
        Some("Ctrl-c")
    );
    assert_eq!(
        keymap::key_for(Mode::Reader, Action::FollowRelated(1)).as_deref(),
        Some("1–9")
    );
    assert_eq!(
        keymap::key_for(Mode::Reader, Action::ToList).as_deref(),
        Some("Esc")
    );
    assert_eq!(keymap::key_for(Mode::List, Action::NextLink), None);
}
