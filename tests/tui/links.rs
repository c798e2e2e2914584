//! The reader's links: related numbers, focus, URLs, backlinks, history and clicks.

use crate::common::*;
use byline::app::{Action, App, Effect, Mode};
use byline::text::typeset::Target;
use byline::theme::Theme;

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
        app.list().selected(),
        2,
        "the followed article is selected in the list"
    );
    assert_eq!(scroll(&app), 0);
    assert_eq!(app.reading().history().back.len(), 1);
    app.update(Action::Down);
    app.update(Action::HistoryBack);
    assert_eq!(title(&app), HARBOR);
    assert_eq!(
        scroll(&app),
        before,
        "going back restores the scroll position"
    );
    assert_eq!(app.list().selected(), 0);
    app.update(Action::HistoryForward);
    assert_eq!(title(&app), COPPER);
    assert_eq!(
        scroll(&app),
        1,
        "going forward restores its scroll position too"
    );
    app.update(Action::HistoryForward);
    assert!(
        app.status()
            .as_ref()
            .is_some_and(|s| s.text.contains("forward"))
    );
    // 2 has no path: it resolves by its exact title.
    app.update(Action::HistoryBack);
    app.update(Action::FollowRelated(2));
    assert_eq!(title(&app), PORT);
    assert!(
        app.reading().history().forward.is_empty(),
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
    let r = app.reader().expect("open");
    assert_eq!(
        r.article().related[1].path.as_deref(),
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
    let s = app.status().cloned().expect("a message");
    assert!(s.error && s.text.contains("not in the library"), "{s:?}");
    assert!(s.text.contains("Fishermen"));
    app.update(Action::FollowRelated(9));
    assert_eq!(title(&app), HARBOR);
    assert!(app.status().is_some_and(|s| s.text == "no link 9"));
    assert!(app.reading().history().back.is_empty());
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
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(title(&app), HARBOR);
}

#[test]
fn tab_moves_the_focus_through_links_and_keeps_it_visible() {
    let mut app = open_harbor(120, 40);
    let h = app.reader_height();
    app.update(Action::NextLink);
    let r = app.reader().expect("open");
    let first = related_target(&app, 1);
    assert_eq!(r.focus(), Some(first));
    assert!(
        byline::app::links::visible(r.page(), first, r.scroll(), h),
        "the focused link was scrolled into view"
    );
    assert!(r.scroll() > 0, "the related box is below the first screen");
    app.update(Action::NextLink);
    assert_eq!(
        app.reader().and_then(byline::app::reader::Reader::focus),
        Some(related_target(&app, 2))
    );
    app.update(Action::PrevLink);
    assert_eq!(
        app.reader().and_then(byline::app::reader::Reader::focus),
        Some(first)
    );
    app.update(Action::PrevLink);
    let last = app.reader().map(|r| r.page().targets.len() - 1);
    assert_eq!(
        app.reader().and_then(byline::app::reader::Reader::focus),
        last,
        "wraps to the last link"
    );
    // Scrolling the focused link out of view drops the focus.
    app.update(Action::Top);
    assert_eq!(
        app.reader().and_then(byline::app::reader::Reader::focus),
        None
    );
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
    let r = app.reader().expect("open");
    let back = r
        .page()
        .targets
        .iter()
        .position(|t| matches!(t, Target::Backlink(_)))
        .expect("a backlink target");
    let named = r.page().lines.iter().any(|l| {
        l.spans
            .iter()
            .any(|s| s.target == Some(back) && s.text.contains(HARBOR))
    });
    assert!(
        named,
        "the backlink is named by the linking article's headline"
    );
    while app.reader().and_then(byline::app::reader::Reader::focus) != Some(back) {
        app.update(Action::NextLink);
    }
    app.update(Action::FollowLink);
    assert_eq!(title(&app), HARBOR);
    assert_eq!(app.list().selected(), 0);
}

#[test]
fn enter_without_a_focused_link_says_how_to_focus_one() {
    let mut app = open_harbor(120, 40);
    app.update(Action::FollowLink);
    assert_eq!(title(&app), HARBOR);
    assert!(app.status().is_some_and(|s| s.text.contains("Tab")));
}

#[test]
fn open_and_copy_url_act_on_the_focused_url_only() {
    let mut app = open_harbor(120, 40);
    assert_eq!(app.update(Action::OpenUrl), Effect::None);
    assert!(app.status().is_some_and(|s| s.error));
    assert_eq!(app.update(Action::CopyUrl), Effect::None);
    app.update(Action::PrevLink);
    let r = app.reader().expect("open");
    assert_eq!(
        r.focus().and_then(|f| r.page().targets.get(f)),
        Some(&Target::Url {
            number: r.article().related.len() + r.article().links.len(),
            url: URL.into()
        })
    );
    assert_eq!(app.update(Action::OpenUrl), Effect::OpenUrl(URL.into()));
    assert_eq!(app.update(Action::CopyUrl), Effect::Copy(URL.into()));
    assert_eq!(app.update(Action::FollowLink), Effect::OpenUrl(URL.into()));
    // A related link is not a URL.
    app.update(Action::NextLink);
    assert_eq!(app.update(Action::OpenUrl), Effect::None);
}

#[test]
fn a_click_on_a_related_link_follows_it() {
    let mut app = open_harbor(120, 40);
    app.update(Action::NextLink);
    let (line, col) = {
        let r = app.reader().expect("open");
        let t = related_target(&app, 1);
        let line = r
            .page()
            .lines
            .iter()
            .position(|l| l.spans.iter().any(|s| s.target == Some(t)))
            .expect("a line with the link");
        let mut x = usize::from(r.page().margin);
        for s in &r.page().lines[line].spans {
            if s.target == Some(t) {
                break;
            }
            x += unicode_width::UnicodeWidthStr::width(s.text.as_str());
        }
        (line - r.scroll(), x)
    };
    let area = app.reader_area().expect("reader shown");
    app.update(Action::Click {
        column: area.x + col as u16,
        row: area.y + line as u16,
    });
    assert_eq!(title(&app), COPPER);
    assert_eq!(app.reading().history().back.len(), 1);
}
