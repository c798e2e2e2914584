//! Links in the text: marked with their number (`word[3]`), focused with Tab, followed with a
//! number and Enter (never by a digit alone), copied, shown in the status bar, and drawn as
//! OSC 8 hyperlinks with their URL made safe.

use crate::common::*;
use byline::app::{Action, App, Effect, Mode};
use byline::article::{Article, Block, Link, LinkAt, Related};
use byline::load::head::Head;
use byline::load::library::{Entry, Library};
use byline::text::typeset::Target;
use byline::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::PathBuf;
use std::sync::Arc;

const FERRY: &str = "Night ferry returns to the Orsk crossing after a winter ashore";
const BOARD: &str = "https://example.org/board";
const MINUTES: &str = "https://example.org/minutes";
const VOTE: &str = "https://example.org/vote";
/// A related headline as the source words it; the library's own title is `COPPER`.
const COPPER_AS_WORDED: &str = "Copper slides again";
const GONE: &str = "Fishermen block the coastal road again as the talks stall for a fourth week";

/// The char range of `words` in `text`, for placing a link on them.
fn on(block: usize, text: &str, words: &str) -> Option<LinkAt> {
    let byte = text.find(words).expect("words in the text");
    let start = text[..byte].chars().count();
    Some(LinkAt {
        block,
        start,
        end: start + words.chars().count(),
    })
}

/// The ferry article: body links (two URLs in one paragraph, one inside a quote naming another
/// library article by relative path), a link in a subheading, and two related headlines.
fn ferry() -> Article {
    let p0 = format!(
        "The harbor board approved the timetable on Monday and posted its minutes at {MINUTES} \
         and the vote itself at {VOTE}, so that crews could read both."
    );
    let p1 = "“Read the pilots’ letter before you judge us,” said Ana Ruiz, who sails the route.";
    let h = "What the board decided";
    let mut blocks = vec![
        Block::paragraph(p0.clone()),
        Block::paragraph(p1),
        Block::heading(h),
    ];
    blocks.extend((0..12).map(|i| {
        Block::paragraph(format!(
            "Paragraph {i} tells how the crews painted the hull, tested the engines and waited \
             for the ice to clear from the northern approach to the crossing."
        ))
    }));
    let mut a = article("ferry", FERRY, Some("2026-03-15"), blocks);
    a.related = vec![
        Related {
            title: COPPER_AS_WORDED.into(),
            path: Some(PathBuf::from("/lib/copper.txt")),
            url: None,
        },
        Related {
            title: GONE.into(),
            path: None,
            url: None,
        },
    ];
    a.links = vec![
        Link {
            text: "harbor board".into(),
            url: BOARD.into(),
            at: on(0, &p0, "harbor board"),
        },
        Link {
            text: MINUTES.into(),
            url: MINUTES.into(),
            at: on(0, &p0, MINUTES),
        },
        Link {
            text: VOTE.into(),
            url: VOTE.into(),
            at: on(0, &p0, VOTE),
        },
        Link {
            text: "pilots’ letter".into(),
            url: "port.txt".into(),
            at: on(1, p1, "pilots’ letter"),
        },
        Link {
            text: "board decided".into(),
            url: "https://example.org/decision\u{1b}]8;;https://evil.test\u{7}".into(),
            at: on(2, h, "board decided"),
        },
    ];
    a
}

/// The fixture library with the ferry article first.
fn ferry_library() -> Library {
    let mut lib = library();
    let a = ferry();
    lib.entries.insert(
        0,
        Entry {
            row: Head::of(&a).into(),
            article: Some(Arc::new(a)),
        },
    );
    lib
}

/// An app at `w`×`h` with the ferry article open in the reader.
fn open_ferry(w: u16, h: u16) -> App {
    let mut app = App::new(ferry_library(), Theme::dark(), 76);
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    assert_eq!(app.update(Action::Open), Effect::None);
    assert_eq!(title(&app), FERRY);
    app
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| byline::render(app, f)).expect("draw");
    term.backend().buffer().clone()
}

/// The screen as text, trailing blanks trimmed (a wide character's second cell skipped).
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(s).max(1)).unwrap_or(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The status bar's text.
fn status_row(app: &App) -> String {
    let buf = draw(app);
    text(&buf).lines().last().unwrap_or_default().to_string()
}

/// The page's text, lines joined with newlines.
fn page_text(app: &App) -> String {
    let r = app.reader().expect("open");
    r.page()
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page target numbered `n`.
fn numbered(app: &App, n: usize) -> usize {
    let r = app.reader().expect("open");
    r.page()
        .targets
        .iter()
        .position(|t| match t {
            Target::Related { number, .. } | Target::Url { number, .. } => *number == n,
            Target::Backlink(_) => false,
        })
        .expect("numbered target")
}

fn typed(app: &mut App, digits: &str) -> Vec<Effect> {
    digits
        .bytes()
        .map(|d| app.update(Action::Digit(d - b'0')))
        .collect()
}

#[test]
fn links_are_marked_in_the_text_with_their_number_after_the_related_ones() {
    let app = open_ferry(120, 40);
    let text = page_text(&app);
    // Two related headlines are [1] and [2]; the text's links go on from [3] in order.
    for marked in [
        "harbor board[3]",
        "https://example.org/minutes[4]",
        "https://example.org/vote[5],",
        "pilots’ letter[6]",
        "board decided[7]",
    ] {
        assert!(text.contains(marked), "{marked} in:\n{text}");
    }
    // Every URL of the paragraph is in the Links list, labelled with its own words only.
    assert!(
        text.contains("[3] harbor board — https://example.org/board"),
        "{text}"
    );
    assert!(
        text.contains("[4] https://example.org/minutes\n")
            || text.contains("[4] https://example.org/minutes "),
        "{text}"
    );
    assert!(
        !text.contains("posted its minutes at https://example.org/minutes —"),
        "{text}"
    );
    // The marked words and their number are one link span each, pointing at their target.
    let r = app.reader().expect("open");
    let span = |words: &str| {
        r.page()
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .find(|s| s.text.contains(words))
            .cloned()
            .expect("span")
    };
    assert_eq!(span("harbor board").target, Some(numbered(&app, 3)));
    assert_eq!(span("harbor board").text, "harbor board[3]");
    // Inside a quote the link is still a link.
    assert_eq!(span("pilots’ letter").target, Some(numbered(&app, 6)));
    // The rest of the quote keeps its highlight.
    assert!(
        r.page()
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .any(|s| s.text.contains("before you judge us") && s.target.is_none()),
    );
}

#[test]
fn a_digit_never_follows_a_link_a_number_and_enter_do() {
    let mut app = open_ferry(120, 40);
    // Digits alone do nothing but remember the number.
    assert_eq!(typed(&mut app, "4"), [Effect::None]);
    assert_eq!(title(&app), FERRY);
    assert_eq!(app.reading().link_number(), Some(4));
    assert!(status_row(&app).contains(MINUTES), "{}", status_row(&app));
    assert_eq!(
        app.update(Action::FollowLink),
        Effect::OpenUrl(MINUTES.into())
    );
    assert_eq!(app.reading().link_number(), None);
    // Two digits make one number.
    typed(&mut app, "12");
    assert_eq!(app.reading().link_number(), Some(12));
    assert!(
        status_row(&app).contains("no link 12"),
        "{}",
        status_row(&app)
    );
    assert_eq!(app.update(Action::FollowLink), Effect::None);
    assert!(
        app.status()
            .is_some_and(|s| s.error && s.text.contains("no link 12"))
    );
    // Esc forgets the number and stays in the reader; any other key forgets it too.
    typed(&mut app, "3");
    app.update(Action::ToList);
    assert_eq!(
        (app.mode(), app.reading().link_number()),
        (Mode::Reader, None)
    );
    typed(&mut app, "3");
    app.update(Action::Down);
    assert_eq!(app.reading().link_number(), None);
    app.update(Action::ToList);
    assert_eq!(
        app.mode(),
        Mode::List,
        "Esc without a number leaves as before"
    );
}

#[test]
fn a_link_naming_a_library_article_opens_it_here_with_the_history() {
    let mut app = open_ferry(120, 40);
    typed(&mut app, "6");
    assert_eq!(app.update(Action::FollowLink), Effect::None);
    assert_eq!(title(&app), PORT);
    app.update(Action::HistoryBack);
    assert_eq!(title(&app), FERRY);
    // A related headline by number, too.
    typed(&mut app, "1");
    assert_eq!(app.update(Action::FollowLink), Effect::None);
    assert_eq!(title(&app), COPPER);
}

#[test]
fn tab_focuses_links_in_page_order_and_the_status_shows_where_they_lead() {
    let mut app = open_ferry(120, 40);
    let before = status_row(&app);
    assert!(before.contains("Tab link"), "{before}");
    assert!(before.contains("0–9+Enter link n"), "{before}");
    assert!(!before.contains("related"), "{before}");
    app.update(Action::NextLink);
    let r = app.reader().expect("open");
    assert_eq!(r.focus(), Some(numbered(&app, 3)));
    let s = status_row(&app);
    assert!(s.contains(BOARD), "{s}");
    assert!(s.contains("Enter follow") && s.contains("y copy"), "{s}");
    assert!(!s.contains("Tab link"), "{s}");
    for n in [4, 5, 6, 7] {
        app.update(Action::NextLink);
        let r = app.reader().expect("open");
        assert_eq!(r.focus(), Some(numbered(&app, n)), "link {n}");
    }
    // The hostile URL is shown with its controls made visible, never raw.
    let s = status_row(&app);
    assert!(s.contains("https://example.org/decision"), "{s}");
    assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'), "{s:?}");
    // `o` follows like Enter; `y` copies.
    app.update(Action::PrevLink);
    app.update(Action::PrevLink);
    assert_eq!(app.update(Action::CopyUrl), Effect::Copy(VOTE.into()));
    // A number then Tab focuses that link (scrolling to it) without following it.
    typed(&mut app, "3");
    assert_eq!(app.update(Action::NextLink), Effect::None);
    let r = app.reader().expect("open");
    assert_eq!(r.focus(), Some(numbered(&app, 3)));
    typed(&mut app, "2");
    app.update(Action::NextLink);
    let r = app.reader().expect("open");
    assert_eq!(r.focus(), Some(numbered(&app, 2)));
    assert!(r.scroll() > 0, "scrolled to the related box");
    assert!(status_row(&app).contains("not in library"));
}

#[test]
fn o_follows_and_y_copies_the_numbered_link() {
    let mut app = open_ferry(120, 40);
    let o = app
        .keymap
        .lookup(Mode::Reader, byline::app::keymap::Key::ch('o'));
    assert_eq!(o, Some(Action::FollowLink));
    typed(&mut app, "5");
    assert_eq!(app.update(Action::CopyUrl), Effect::Copy(VOTE.into()));
    typed(&mut app, "5");
    assert_eq!(app.update(Action::OpenUrl), Effect::OpenUrl(VOTE.into()));
    // A library article has no web address to copy or to open outside.
    typed(&mut app, "1");
    assert_eq!(app.update(Action::CopyUrl), Effect::None);
    assert!(app.status().is_some_and(|s| s.error));
}

#[test]
fn related_headlines_show_the_library_title_and_the_note_never_wraps_alone() {
    for width in [40u16, 52, 60, 80, 100, 120, 200] {
        let app = open_ferry(width, 30);
        let text = page_text(&app);
        assert!(
            !text.contains(COPPER_AS_WORDED),
            "the source's wording is not shown at {width}:\n{text}"
        );
        let squeezed: String = text
            .split(|c: char| c.is_whitespace() || c == '│')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(squeezed.contains(COPPER) || width < 60, "{width}:\n{text}");
        for line in text.lines() {
            let inside = line.trim_matches(|c: char| c == '│' || c.is_whitespace());
            assert!(
                !inside.starts_with("(not in library)") && !inside.starts_with("library)"),
                "a note alone on its line at {width}:\n{text}"
            );
        }
        assert!(squeezed.contains("(not in library)"), "{width}:\n{text}");
    }
}

#[test]
fn an_article_without_links_offers_no_link_hints() {
    let mut lib = library();
    let mut a = article(
        "plain",
        "A plain notice",
        Some("2026-03-16"),
        vec![Block::paragraph("Short.")],
    );
    a.related.clear();
    lib.entries.insert(
        0,
        Entry {
            row: Head::of(&a).into(),
            article: Some(Arc::new(a)),
        },
    );
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    app.update(Action::Open);
    let s = status_row(&app);
    assert!(s.contains("READ"), "{s}");
    assert!(!s.contains("link") && !s.contains("related"), "{s}");
    assert!(s.contains("? help"), "{s}");
}

#[test]
fn the_status_bar_never_says_the_view_twice() {
    let mut app = app(120, 30);
    app.update(Action::CycleSort);
    let s = status_row(&app);
    assert!(s.contains("sorted by title"), "{s}");
    assert_eq!(s.matches("by title").count(), 1, "{s}");
    app.update(Action::UnreadOnly);
    let s = status_row(&app);
    assert_eq!(s.matches("unread only").count(), 1, "{s}");
    assert!(
        s.contains("by title"),
        "the rest of the view is still shown: {s}"
    );
    // Once the message is gone the view label says it all.
    app.update(Action::Down);
    let s = status_row(&app);
    assert!(s.contains("by title · unread only"), "{s}");
}

#[test]
fn links_are_osc8_hyperlinks_in_the_reading_pane_with_safe_urls() {
    let mut app = open_ferry(120, 40);
    app.hyperlinks = true;
    let buf = draw(&app);
    let cells: Vec<String> = buf.content.iter().map(|c| c.symbol().to_string()).collect();
    let linked = |url: &str| {
        cells
            .iter()
            .filter(|s| {
                s.starts_with("\u{1b}]8;id=byline-") && s.contains(&format!(";{url}\u{1b}\\"))
            })
            .count()
    };
    // Every cell of "harbor board[3]" (15 columns) is part of the board link, one id.
    assert!(
        linked(BOARD) >= "harbor board[3]".len(),
        "{}",
        linked(BOARD)
    );
    assert!(linked(MINUTES) >= MINUTES.len(), "{}", linked(MINUTES));
    // The hostile URL is percent-encoded: no escape or bell stands inside the sequence.
    let hostile: Vec<&String> = cells.iter().filter(|s| s.contains("decision")).collect();
    assert!(!hostile.is_empty());
    for s in hostile {
        let inner = &s[2..s.find("\u{1b}\\").unwrap()];
        assert!(
            !inner.contains('\u{1b}') && !inner.contains('\u{7}'),
            "{s:?}"
        );
        assert!(s.contains("decision%1B]8;;https://evil.test%07"), "{s:?}");
    }
    // A relative link (a library article) is no hyperlink.
    assert_eq!(cells.iter().filter(|s| s.contains("port.txt")).count(), 0);
    // Off (as in every other test) the cells are plain text.
    app.hyperlinks = false;
    let buf = draw(&app);
    assert!(buf.content.iter().all(|c| !c.symbol().contains('\u{1b}')));
}

#[test]
fn body_links_80x24() {
    let mut app = open_ferry(80, 24);
    app.update(Action::NextLink);
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn body_links_200x50() {
    let mut app = open_ferry(200, 50);
    typed(&mut app, "5");
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn focused_link_in_the_related_box_200x50() {
    let mut app = open_ferry(200, 50);
    typed(&mut app, "2");
    app.update(Action::NextLink);
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn a_click_on_a_link_in_the_text_follows_it() {
    let mut app = open_ferry(120, 40);
    let screen = text(&draw(&app));
    let (row, col) = screen
        .lines()
        .enumerate()
        .find_map(|(y, l)| {
            let byte = l.find("harbor board[3]")?;
            Some((y, l[..byte].chars().count()))
        })
        .expect("the link on screen");
    let at = |c: usize| Action::Click {
        column: u16::try_from(c).unwrap(),
        row: u16::try_from(row).unwrap(),
    };
    // On its number, too: the number is part of the link.
    assert_eq!(app.update(at(col + 13)), Effect::OpenUrl(BOARD.into()));
    assert_eq!(app.update(at(col)), Effect::OpenUrl(BOARD.into()));
    // A word beside it is no link.
    assert_eq!(app.update(at(col + 17)), Effect::None);
    assert_eq!(title(&app), FERRY);
}

#[test]
fn tab_steps_through_the_links_the_page_found_once() {
    let app = open_ferry(80, 24);
    let r = app.reader().expect("open");
    let page = r.page();
    // Each target once, at the first line a span of it stands on, in page order.
    assert_eq!(page.link_lines.len(), page.targets.len());
    for &(line, t) in &page.link_lines {
        assert!(page.lines[line].spans.iter().any(|s| s.target == Some(t)));
        assert!(
            page.lines[..line]
                .iter()
                .all(|l| l.spans.iter().all(|s| s.target != Some(t)))
        );
    }
    assert!(page.link_lines.windows(2).all(|w| w[0].0 <= w[1].0));
}

#[test]
fn a_related_headline_of_a_saved_page_not_saved_here_is_its_web_address() {
    const ROAD: &str = "https://example.org/road";
    let mut lib = library();
    let mut a = article(
        "saved",
        "Coast road reopens",
        Some("2026-03-17"),
        vec![Block::paragraph("The road is open again.")],
    );
    a.related = vec![Related {
        title: GONE.into(),
        path: None,
        url: Some(ROAD.into()),
    }];
    lib.entries.insert(
        0,
        Entry {
            row: Head::of(&a).into(),
            article: Some(Arc::new(a)),
        },
    );
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    app.update(Action::Open);
    app.update(Action::NextLink);
    assert!(status_row(&app).contains(ROAD), "{}", status_row(&app));
    assert_eq!(app.update(Action::CopyUrl), Effect::Copy(ROAD.into()));
    assert_eq!(app.update(Action::FollowLink), Effect::OpenUrl(ROAD.into()));
    app.hyperlinks = true;
    let buf = draw(&app);
    assert!(
        buf.content
            .iter()
            .any(|c| c.symbol().contains(&format!(";{ROAD}\u{1b}\\")))
    );
}

#[test]
fn a_bare_www_address_opens_as_a_web_address_and_copies_as_written() {
    let mut lib = library();
    let p = "Timetables are posted at www.example.org/ferry for all crossings.";
    let mut a = article(
        "www",
        "Timetables posted",
        Some("2026-03-18"),
        vec![Block::paragraph(p)],
    );
    a.links = vec![Link {
        text: "www.example.org/ferry".into(),
        url: "www.example.org/ferry".into(),
        at: on(0, p, "www.example.org/ferry"),
    }];
    lib.entries.insert(
        0,
        Entry {
            row: Head::of(&a).into(),
            article: Some(Arc::new(a)),
        },
    );
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    app.update(Action::Open);
    assert!(page_text(&app).contains("www.example.org/ferry[1]"));
    typed(&mut app, "1");
    assert_eq!(
        app.update(Action::CopyUrl),
        Effect::Copy("www.example.org/ferry".into())
    );
    typed(&mut app, "1");
    assert_eq!(
        app.update(Action::FollowLink),
        Effect::OpenUrl("https://www.example.org/ferry".into())
    );
}
