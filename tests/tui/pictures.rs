//! Pictures in the reading pane: decoded on the pictures worker, reported through the inbox,
//! then drawn in the rows the page keeps for them; without pictures the alt line stands alone.

use crate::common::*;
use base64::Engine as _;
use byline::PictureMode as Mode;
use byline::app::{Action, App};
use byline::article::{Block, BlockKind, Image};
use byline::load::head::Head;
use byline::load::library::{Entry, Library};
use byline::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A solid 200×100 PNG as a `data:` URI.
fn picture() -> String {
    let img = image::RgbImage::from_pixel(200, 100, image::Rgb([30, 160, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(out.into_inner())
    )
}

/// An app at 100×30 over one article with a picture after its first paragraph, opened.
fn app_with_picture(pictures: bool) -> App {
    let mut a = article(
        "gauge",
        "Tide gauge hut gets a new roof",
        Some("2026-05-02"),
        vec![
            Block::paragraph("The hut at the harbour mouth was re-roofed on Tuesday."),
            Block::new(BlockKind::Image, "The gauge hut"),
            Block::paragraph("The gauge itself was not touched, the harbour office said."),
        ],
    );
    a.images = vec![Image {
        block: 1,
        alt: "The gauge hut".into(),
        src: picture(),
    }];
    let library = Library {
        entries: vec![Entry {
            row: Head::of(&a).into(),
            article: Some(Arc::new(a)),
        }],
        ..Library::default()
    };
    let mut app = App::new(library, Theme::dark(), 76);
    if pictures {
        app.show_pictures(Mode::Halfblocks, (10, 20));
    }
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app.update(Action::Open);
    app
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| byline::render(app, f)).unwrap();
    term.backend().buffer().clone()
}

/// Cells painted in the picture's colour (half blocks, or a blank on that background where the
/// two pixels of a cell are alike).
fn half_blocks(buf: &Buffer) -> usize {
    let green = |c: Color| matches!(c, Color::Rgb(r, g, b) if r < 60 && g > 130 && b < 120);
    buf.content()
        .iter()
        .filter(|c| green(c.fg) || green(c.bg))
        .count()
}

fn screen(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn a_picture_is_drawn_once_the_worker_has_it_and_its_alt_line_stays() {
    let mut app = app_with_picture(true);
    // The first frame asks for the picture; it is not decoded on the key path.
    let first = draw(&app);
    assert_eq!(half_blocks(&first), 0);
    assert!(screen(&first).contains("[image: The gauge hut]"));
    assert!(
        screen(&first).contains("[picture: loading…]"),
        "{}",
        screen(&first)
    );
    let start = Instant::now();
    loop {
        if let Some(m) = app.next_message(Some(Duration::from_millis(10))) {
            app.update(m);
        }
        let buf = draw(&app);
        if half_blocks(&buf) > 0 {
            let text = screen(&buf);
            assert!(text.contains("[image: The gauge hut]"), "{text}");
            // 200×100 pixels at 10×20 a cell: 20 columns by 5 rows, two pixels a half block.
            assert!(half_blocks(&buf) >= 20 * 4, "{text}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the picture never came:\n{}",
            screen(&buf)
        );
    }
}

#[test]
fn without_pictures_only_the_alt_line_is_shown() {
    let mut app = app_with_picture(false);
    while let Some(m) = app.next_message(Some(Duration::from_millis(50))) {
        app.update(m);
    }
    let buf = draw(&app);
    assert_eq!(half_blocks(&buf), 0);
    let text = screen(&buf);
    assert!(text.contains("[image: The gauge hut]"), "{text}");
    // No rows are kept for a picture that will not be drawn: the next paragraph follows.
    let alt = text.lines().position(|l| l.contains("[image:")).unwrap();
    let next = text
        .lines()
        .position(|l| l.contains("The gauge itself"))
        .unwrap();
    assert!(next - alt <= 2, "{text}");
}
