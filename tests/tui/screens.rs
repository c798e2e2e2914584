//! The reader's screens: drawn with ratatui's TestBackend and compared with insta snapshots.

use crate::common::*;
use byline::app::{Action, App};
use byline::article::Block;
use byline::load::head::Head;
use byline::load::library::{Entry, Library};
use byline::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| byline::render(app, f)).expect("draw");
    term.backend().buffer().clone()
}

/// Row `y` as text with the column each char starts at; the cell a wide character covers is
/// skipped, as a terminal shows it.
fn row(buf: &Buffer, y: u16) -> (String, Vec<u16>) {
    let mut line = String::new();
    let mut xs = Vec::new();
    let mut x = 0;
    while x < buf.area.width {
        let s = buf[(x, y)].symbol();
        for _ in s.chars() {
            xs.push(x);
        }
        line.push_str(s);
        x += u16::try_from(unicode_width::UnicodeWidthStr::width(s).max(1)).unwrap_or(1);
    }
    (line, xs)
}

/// The screen as text, one line per row, trailing blanks trimmed.
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push_str(row(buf, y).0.trim_end());
        out.push('\n');
    }
    out
}

/// The position of the first cell of `needle` on the screen.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let (line, xs) = row(buf, y);
        if let Some(byte) = line.find(needle) {
            let ch = line[..byte].chars().count();
            return Some((xs[ch], y));
        }
    }
    None
}

/// The wide screen as byline starts: list focused, newest article previewed.
fn start(w: u16, h: u16) -> App {
    let mut app = app(w, h);
    app.open(0, false);
    app
}

#[test]
fn list_and_reader_120x40() {
    let app = start(120, 40);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    // The selected row is highlighted and the reader shows the first article's headline.
    let (x, y) = find(&buf, HARBOR).expect("headline on screen");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    assert!(
        y == 1 && x > 40,
        "headline in the reader pane at ({x}, {y})"
    );
    assert!(
        buf[(3, 1)].modifier.contains(Modifier::REVERSED),
        "selected row"
    );
    assert!(!buf[(3, 2)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn reader_highlights_quotes_120x40() {
    let mut app = start(120, 40);
    app.update(Action::Open);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    let t = Theme::dark();
    let (x, y) = find(&buf, "“We cannot").expect("the quote on screen");
    assert_eq!(buf[(x, y)].fg, t.quoted.fg.expect("quoted colour"));
    assert_eq!(buf[(x + 4, y)].fg, t.quoted.fg.expect("quoted colour"));
    let (x, y) = find(&buf, "Paragraph 2 says").expect("running text");
    assert_eq!(
        buf[(x, y)].fg,
        t.body.fg.unwrap_or(ratatui::style::Color::Reset)
    );
}

#[test]
fn reader_related_box_with_focused_link_120x40() {
    let mut app = start(120, 40);
    app.update(Action::Open);
    app.update(Action::NextLink);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    let t = Theme::dark();
    let (x, y) = find(&buf, COPPER).expect("related link 1 on screen");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::REVERSED),
        "focused link"
    );
    let (x, y) = find(&buf, PORT).expect("related link 2 on screen");
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(x, y)].fg, t.link.fg.expect("link colour"));
    let (x, y) = find(&buf, "Fishermen").expect("unresolved headline");
    assert_eq!(buf[(x, y)].fg, t.unresolved.fg.expect("unresolved colour"));
}

#[test]
fn help_overlay_120x40() {
    let mut app = start(120, 40);
    app.update(Action::Help);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    // The first rows of the help (the table has grown past one 40-row screen).
    let (x, y) = find(&buf, "Ctrl-z").expect("help lists Ctrl-z");
    assert_eq!(
        buf[(x, y)].fg,
        Theme::dark().help_key.fg.expect("key colour")
    );
    for row in byline::app::keymap::help_rows().iter().take(20) {
        let desc = row.desc;
        assert!(find(&buf, desc).is_some(), "help shows {desc:?}");
    }
}

#[test]
fn narrow_list_60x20() {
    let app = start(60, 20);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    assert!(find(&buf, "Articles 1/4").is_some());
    assert!(
        find(&buf, "VALPARAÍSO").is_none(),
        "no reader beside the list"
    );
}

#[test]
fn narrow_reader_60x20() {
    let mut app = start(60, 20);
    app.update(Action::Open);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    assert!(
        find(&buf, "Articles").is_none(),
        "no list beside the reader"
    );
    assert!(find(&buf, "VALPARAÍSO").is_some());
}

#[test]
fn help_overlay_60x20() {
    let mut app = start(60, 20);
    app.update(Action::Help);
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn tiny_10x3_says_the_terminal_is_too_small() {
    let app = start(10, 3);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    assert!(find(&buf, "terminal").is_some());
}

#[test]
fn every_small_size_draws_without_panicking() {
    for w in 0..=30u16 {
        for h in 0..=8u16 {
            let mut app = start(w, h);
            app.update(Action::Open);
            app.update(Action::NextLink);
            let _ = draw(&app);
            app.update(Action::Help);
            let buf = draw(&app);
            assert_eq!(buf.area.width, w);
        }
    }
    let app = start(1, 1);
    let buf = draw(&app);
    assert_eq!(
        buf[(0, 0)].symbol(),
        "…",
        "1×1 shows what fits of the notice"
    );
}

#[test]
fn the_status_bar_shows_position_mode_and_messages() {
    let mut app = start(120, 40);
    app.update(Action::Down);
    app.update(Action::Open);
    app.update(Action::FollowRelated(9));
    let buf = draw(&app);
    let (x, y) = find(&buf, "2/4  READ").expect("position and mode");
    assert_eq!(y, 39);
    assert_eq!(x, 1);
    let (x, y) = find(&buf, "no link 9").expect("the message");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD), "error style");
}

#[test]
fn a_moved_aside_file_is_named_in_the_status_bar_and_its_path_kept_in_the_log() {
    let dir = "/home/ana.lindqvist/.local/state/byline";
    let mut app = start(100, 24);
    app.update(byline::app::Msg::Failed(format!(
        "{dir}/state.json was unusable (expected value at line 1 column 1); moved it to \
         {dir}/state.json.corrupt-1764921 and started afresh"
    )));
    let bar = row(&draw(&app), 23).0;
    assert!(
        bar.contains("state.json was unusable (…); moved it to state.json.corrupt-1764921 and"),
        "the file names, not a cut path: {bar}"
    );
    assert!(!bar.contains(dir), "{bar}");
    // With room for the reason, the reason shows too.
    app.update(Action::Resize {
        width: 150,
        height: 24,
    });
    let bar = row(&draw(&app), 23).0;
    assert!(
        bar.contains("(expected value at line 1 column 1); moved it to state.json.corrupt-1764921"),
        "{bar}"
    );
    // A wider bar that holds the whole message shows the paths.
    app.update(Action::Resize {
        width: 260,
        height: 24,
    });
    let bar = row(&draw(&app), 23).0;
    assert!(
        bar.contains(&format!("to {dir}/state.json.corrupt-1764921 and")),
        "{bar}"
    );
    // The message log keeps the full paths at any width.
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::Messages);
    let log = text(&draw(&app));
    let flat: String = log.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("state.json.corrupt-1764921"), "{log}");
    assert!(flat.contains("/home/ana.lindqvist/"), "{log}");
}

/// Draws `app` on `term` (whose screen holds the frame before), as the reader redraws: only
/// the cells that changed are sent. The screen must then be the frame drawn afresh: no cell of
/// a wide glyph the new frame no longer has may stay behind.
fn redraw_leaves_no_stale_cells(term: &mut Terminal<TestBackend>, app: &App, what: &str) {
    term.draw(|f| byline::render(app, f)).expect("draw");
    let fresh = draw(app);
    let kept = term.backend().buffer();
    for y in 0..fresh.area.height {
        let (now, _) = row(kept, y);
        let (want, _) = row(&fresh, y);
        assert_eq!(now, want, "{what}: row {y} after the redraw");
    }
}

#[test]
fn redraws_over_wide_emoji_leave_no_stale_glyphs() {
    // Flags, an emoji made wide by VS16, a digit keycap and ZWJ families, in the list's titles
    // and the article's text, at every column offset as the page scrolls a line at a time.
    let glyphs = [
        "Plain body🇪🇸text only.",
        "A heart ❤️ and a keycap 1️⃣ then more words.",
        "The family 👨‍👩‍👧‍👦 came, and 👩🏽‍🚒 with them.",
        "Flags 🇸🇪🇳🇴🇫🇮 in a row, then ✈️ and ☎️.",
    ];
    let blocks = (0..30)
        .map(|i| Block::paragraph(format!("{} {i} {}", glyphs[i % 4], glyphs[(i + 1) % 4])))
        .collect();
    let wide = article(
        "wide",
        "Emoji 🇪🇸 in the headline ❤️ too",
        Some("2026-03-15"),
        blocks,
    );
    let plain = article(
        "plain",
        "A plain headline for the other row",
        Some("2026-03-14"),
        vec![Block::paragraph(
            "Plain body text only, with no wide glyph at all.",
        )],
    );
    let lib = Library {
        entries: [wide, plain]
            .into_iter()
            .map(|a| Entry {
                row: Head::of(&a).into(),
                article: Some(std::sync::Arc::new(a)),
            })
            .collect(),
        ..Library::default()
    };
    for (w, h) in [(100u16, 30u16), (47, 16)] {
        let mut app = App::new(lib.clone(), Theme::dark(), 76);
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        app.open(0, false);
        redraw_leaves_no_stale_cells(&mut term, &app, "opened");
        for step in 0..12 {
            app.update(Action::Down);
            redraw_leaves_no_stale_cells(&mut term, &app, &format!("{w}x{h}, line {step} down"));
        }
        app.update(Action::Zoom);
        redraw_leaves_no_stale_cells(&mut term, &app, "zoomed");
        app.update(Action::Zoom);
        app.update(Action::ToList);
        app.update(Action::Down);
        app.update(Action::Open);
        redraw_leaves_no_stale_cells(&mut term, &app, "the plain article over the wide one");
    }
}

#[test]
fn wide_characters_in_titles_are_measured_and_cut_in_the_list() {
    let mut lib = library();
    let wide = "港湾の水先案内人がストライキ、夜勤をめぐる交渉が決裂して港の機能が止まる";
    lib.entries[1].row.edit(|h| h.header.title = wide.into());
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    let buf = draw(&app);
    let (x, y) = find(&buf, "港湾の").expect("the wide title");
    let row = row(&buf, y).0;
    assert_eq!(buf[(59, y)].symbol(), "│", "the border is in place: {row}");
    assert!(row.contains('…'), "the title was cut: {row}");
    assert!(row.contains("Mar 13, 2026"), "the date still shows: {row}");
    assert_eq!(x, 3);
}

#[test]
fn zoomed_reader_120x40() {
    let mut app = start(120, 40);
    app.update(Action::Open);
    app.update(Action::Zoom);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    assert!(find(&buf, "Articles").is_none(), "the list is hidden");
    let (x, _) = find(&buf, HARBOR).expect("headline");
    assert_eq!(
        x,
        1 + (118 - 76) / 2,
        "the measure is centred in the full width"
    );
}

#[test]
fn long_list_scrolls_with_the_selection_60x20() {
    let mut lib = byline::load::library::Library::default();
    let template = library().entries.remove(3);
    for i in 0..40 {
        let mut e = template.clone();
        e.row
            .edit(|h| h.header.title = format!("Weekend note number {i}"));
        lib.entries.push(e);
    }
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    app.update(Action::PageDown);
    app.update(Action::PageDown);
    let buf = draw(&app);
    insta::assert_snapshot!(text(&buf));
    assert!(find(&buf, "Weekend note number 32 ").is_some());
    assert!(find(&buf, "Weekend note number 33").is_none());
    assert!(find(&buf, "█").is_some(), "a scrollbar thumb");
}

#[test]
fn an_empty_library_says_so_in_both_panes() {
    let mut app = App::new(byline::load::library::Library::default(), Theme::dark(), 76);
    app.update(Action::Resize {
        width: 100,
        height: 12,
    });
    let buf = draw(&app);
    assert!(find(&buf, "no articles").is_some(), "{}", text(&buf));
    assert!(find(&buf, "no article to show").is_some());
    assert!(find(&buf, "0/0").is_some());
}

#[test]
fn the_list_writes_dates_in_the_configured_format() {
    let mut app = start(120, 40);
    app.date_format = "%d.%m.%Y".into();
    let buf = draw(&app);
    let (x, y) = find(&buf, "14.03.2026").expect("the harbor date");
    // The list's inner columns are 1 to 38, the last one padding before the scrollbar.
    assert_eq!((x + 10, y), (38, 1), "right-aligned against the padding");
    assert!(find(&buf, "Mar 14, 2026").is_none());
}

/// Issue 13's screens at the two sizes it names: the help (paged, with action names and
/// notes), the question in the status bar, and the command line.
#[test]
fn habits_screens_80x24_and_200x50() {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let mut app = start(w, h);
        app.update(Action::Help);
        app.update(Action::PageDown);
        insta::assert_snapshot!(format!("help_paged_{w}x{h}"), text(&draw(&app)));
        let mut app = start(w, h);
        app.update(Action::MarkAllRead);
        let buf = draw(&app);
        assert!(find(&buf, "mark all 4 shown articles read? y/n").is_some());
        insta::assert_snapshot!(format!("mark_all_read_question_{w}x{h}"), text(&buf));
        let mut app = open_harbor(w, h);
        app.update(Action::PipeStart);
        for c in "grep -c harbor".chars() {
            app.update(Action::Prompt(byline::app::Edit::Insert(c)));
        }
        let buf = draw(&app);
        assert!(find(&buf, " | grep -c harbor").is_some());
        insta::assert_snapshot!(format!("pipe_command_line_{w}x{h}"), text(&buf));
    }
}

#[test]
fn message_log_80x24_and_200x50() {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let mut app = open_harbor(w, h);
        app.complain(format!(
            "no program `w3m` to open links: set $BROWSER, e.g. BROWSER=w3m or BROWSER=firefox; {}",
            "the rest of a long message that a status bar would cut ".repeat(3)
        ));
        app.update(Action::ToggleBookmark);
        app.update(Action::Messages);
        let buf = draw(&app);
        assert!(find(&buf, "messages (2)").is_some());
        assert!(find(&buf, "would cut").is_some(), "wrapped, not cut");
        insta::assert_snapshot!(format!("message_log_{w}x{h}"), text(&buf));
    }
}

/// The `:` line at the two sizes: the name typed, and the candidates Tab cycles through on the
/// row above it, the current one highlighted.
#[test]
fn command_line_completion_80x24_and_200x50() {
    use byline::app::Edit;
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let mut app = open_harbor(w, h);
        app.update(Action::CommandLine);
        for c in "next".chars() {
            app.update(Action::Prompt(Edit::Insert(c)));
        }
        app.update(Action::Prompt(Edit::Complete));
        app.update(Action::Prompt(Edit::Complete));
        let buf = draw(&app);
        let (_, y) = find(&buf, " :next_link").expect("the line holds the second candidate");
        assert_eq!(y, h - 1);
        let (x, above) = find(&buf, "next_link ").expect("the candidates");
        assert_eq!(above, h - 2, "on the row above the line");
        let (other, _) = find(&buf, "next_article").expect("the first candidate");
        assert_ne!(
            buf[(x, above)].style(),
            buf[(other, above)].style(),
            "the current candidate stands out"
        );
        insta::assert_snapshot!(format!("command_line_completion_{w}x{h}"), text(&buf));
    }
}

/// The question `'` asks in the status bar, at the two sizes.
#[test]
fn go_to_mark_question_80x24_and_200x50() {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let mut app = open_harbor(w, h);
        app.update(Action::GoToMark);
        let buf = draw(&app);
        let (_, y) = find(&buf, "go to mark: its letter").expect("the question");
        assert_eq!(y, h - 1);
        insta::assert_snapshot!(format!("go_to_mark_question_{w}x{h}"), text(&buf));
    }
}
