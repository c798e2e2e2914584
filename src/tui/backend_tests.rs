//! The backend against a model of a terminal that measures character by character as tmux 3.3a
//! does (`☎️` and `1️⃣` one column, a flag two one-column letters, a skin tone a wide character of
//! its own), where ratatui measures clusters: however the frames follow each other, the screen
//! must end as drawing the last frame afresh leaves it.

use super::Backend;
use ratatui::Terminal;
use ratatui::layout::Size;
use ratatui::style::{Color, Style};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use unicode_width::UnicodeWidthChar;

/// The bytes the backend writes, kept where the test can take them.
#[derive(Clone, Default)]
struct Tape(Rc<RefCell<Vec<u8>>>);

impl Tape {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

impl Write for Tape {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One column of the model's screen: the text drawn there, or `None` where a wide character
/// drawn just before covers it.
type Column = Option<String>;

/// A terminal screen that reads what crossterm writes: cursor moves, text, and the rest of the
/// escape sequences skipped.
struct Screen {
    rows: Vec<Vec<Column>>,
    x: usize,
    y: usize,
}

impl Screen {
    fn new(width: u16, height: u16) -> Screen {
        Screen {
            rows: vec![vec![Some(" ".to_string()); usize::from(width)]; usize::from(height)],
            x: 0,
            y: 0,
        }
    }

    fn width(&self) -> usize {
        self.rows[0].len()
    }

    fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("UTF-8 output");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\x1b' {
                self.put(c);
                continue;
            }
            match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    for p in chars.by_ref() {
                        if ('@'..='~').contains(&p) {
                            if p == 'H' {
                                self.move_to(&params);
                            } else if p == 'J' && params == "2" {
                                let (w, h) = (self.width(), self.rows.len());
                                *self = Screen::new(w as u16, h as u16);
                            }
                            break;
                        }
                        params.push(p);
                    }
                }
                // OSC (hyperlinks): up to ST or BEL.
                Some(']') => {
                    while let Some(p) = chars.next() {
                        if p == '\x07' || (p == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn move_to(&mut self, params: &str) {
        let mut n = params.split(';').map(|p| p.parse::<usize>().unwrap_or(1));
        self.y = n.next().unwrap_or(1).saturating_sub(1);
        self.x = n.next().unwrap_or(1).saturating_sub(1);
    }

    /// The column holding the character that covers column `x` of the cursor's row.
    fn owner(&self, mut x: usize) -> usize {
        while x > 0 && self.rows[self.y][x].is_none() {
            x -= 1;
        }
        x
    }

    fn put(&mut self, c: char) {
        let Some(w) = c.width() else { return };
        let joins = self.x > 0
            && self.rows[self.y][self.owner(self.x - 1)]
                .as_deref()
                .is_some_and(|s| s.ends_with('\u{200d}'));
        if w == 0 || joins {
            if self.x > 0 {
                let at = self.owner(self.x - 1);
                if let Some(s) = self.rows[self.y][at].as_mut() {
                    s.push(c);
                }
            }
            return;
        }
        if self.x + w > self.width() {
            self.x = 0;
            self.y = (self.y + 1).min(self.rows.len() - 1);
        }
        // A character drawn over part of a wide one takes the whole of it away.
        for x in self.x..self.x + w {
            self.clear_wide_at(x);
        }
        self.rows[self.y][self.x] = Some(c.to_string());
        for x in self.x + 1..self.x + w {
            self.rows[self.y][x] = None;
        }
        self.x += w;
    }

    fn clear_wide_at(&mut self, x: usize) {
        let start = self.owner(x);
        let row = &mut self.rows[self.y];
        let mut end = start + 1;
        while end < row.len() && row[end].is_none() {
            end += 1;
        }
        if end - start > 1 {
            for cell in &mut row[start..end] {
                *cell = Some(" ".to_string());
            }
        }
    }

    fn text(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|r| r.iter().flatten().map(String::as_str).collect())
            .collect()
    }
}

/// The glyphs terminals measure their own way, among plain words.
const GLYPHS: [&str; 5] = [
    "Plain body🇪🇸text only and more.",
    "A heart ❤️ and a keycap 1️⃣ then more words.",
    "The family 👨‍👩‍👧‍👦 came, and 👩🏽‍🚒 with them.",
    "Flags 🇸🇪🇳🇴🇫🇮 in a row, then ✈️ and ☎️.",
    "港湾の水先 😀 wide but agreed on.",
];

/// A frame: from line `first` of a page of glyph lines, each row starting at column `shift`.
fn draw_page(term: &mut Terminal<Backend<Tape>>, first: usize, shift: u16, plain: bool) {
    term.draw(|f| {
        let area = f.area();
        let buf = f.buffer_mut();
        for y in 0..area.height {
            let i = first + usize::from(y);
            let line = if plain {
                "Plain body text only, with no wide glyph at all.".to_string()
            } else {
                format!("{} {i} {}", GLYPHS[i % 5], GLYPHS[(i + 2) % 5])
            };
            let style = Style::default().fg(if i.is_multiple_of(3) {
                Color::Cyan
            } else {
                Color::Reset
            });
            let x = shift + u16::try_from(i % 3).unwrap_or(0);
            buf.set_stringn(x, y, &line, usize::from(area.width - x), style);
        }
    })
    .expect("draw");
}

fn fresh(size: Size, first: usize, shift: u16, plain: bool) -> Vec<String> {
    let tape = Tape::default();
    let mut term = Terminal::new(Backend::sized(tape.clone(), size)).expect("terminal");
    draw_page(&mut term, first, shift, plain);
    let mut screen = Screen::new(size.width, size.height);
    screen.feed(&tape.take());
    screen.text()
}

#[test]
fn the_model_terminal_measures_as_tmux_does() {
    let mut s = Screen::new(20, 2);
    s.feed("\x1b[1;1Ha☎\u{fe0f}b\x1b[2;1H👩🏽\u{200d}🚒x".as_bytes());
    assert_eq!(s.text()[0], format!("a☎\u{fe0f}b{}", " ".repeat(17)));
    assert_eq!(s.x, 5, "the firefighter took four columns and x one");
    assert_eq!(s.text()[1], format!("👩🏽\u{200d}🚒x{}", " ".repeat(15)));
}

#[test]
fn scrolling_over_emoji_and_then_a_plain_page_leaves_what_a_fresh_draw_leaves() {
    for (w, h) in [(100u16, 30u16), (200, 50), (47, 16)] {
        let size = Size::new(w, h);
        let tape = Tape::default();
        let mut term = Terminal::new(Backend::sized(tape.clone(), size)).expect("terminal");
        let mut screen = Screen::new(w, h);
        let mut frames: Vec<(usize, u16, bool)> = Vec::new();
        // A line at a time down, then columns shifted (a narrower or wider list beside), then
        // a plain page over it all.
        frames.extend((0..14).map(|i| (i, 2, false)));
        frames.extend((0..4).map(|s| (13, s, false)));
        frames.push((0, 2, true));
        for (n, &(first, shift, plain)) in frames.iter().enumerate() {
            draw_page(&mut term, first, shift, plain);
            screen.feed(&tape.take());
            let want = fresh(size, first, shift, plain);
            for (y, (got, want)) in screen.text().iter().zip(&want).enumerate() {
                assert_eq!(got, want, "{w}x{h}, frame {n}, row {y}");
            }
        }
    }
}
