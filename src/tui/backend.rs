//! The terminal backend: crossterm's, drawing the grapheme clusters terminals measure each their
//! own way (flags, emoji made wide by VS16, ZWJ families, keycaps) so that no stale glyph stays.
//!
//! ratatui sends only the cells that changed, and places a cluster by the width unicode-width
//! gives it. A terminal that draws the cluster wider (tmux draws a flag's two letters apart)
//! spills it over the cells after it, which ratatui thinks unchanged; one that draws it narrower
//! leaves a gap showing what was there before. So whenever such a cluster is drawn or drawn
//! over, the rest of its row is first blanked and then drawn again, every cell placed by its
//! own cursor move: whatever width the terminal took, the row ends as the frame says.
//!
//! The copy of the screen it draws from must be the frame, cell for cell: ratatui never sends
//! the columns a wide character covers (its buffer holds blanks there), so the copy blanks them
//! itself. Kept as they were, a letter or emoji once there was drawn again the next time its
//! row was (`Plain body` with an `r` left below it, a `☎️` under a wide glyph brought back).

use ratatui::backend::{ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::{Position, Rect, Size};
use std::io::{self, Write};

/// Crossterm's backend with a copy of the screen it drew, to draw rows again.
pub struct Backend<W: Write> {
    inner: CrosstermBackend<W>,
    /// The screen as drawn so far.
    shown: Buffer,
    /// The size to draw at instead of the terminal's (tests draw into a `Vec`).
    fixed: Option<Size>,
}

impl<W: Write> Backend<W> {
    /// The backend writing to `writer`.
    pub fn new(writer: W) -> Self {
        Backend {
            inner: CrosstermBackend::new(writer),
            shown: Buffer::empty(Rect::ZERO),
            fixed: None,
        }
    }

    /// Puts `cell` at `(x, y)` in the copy, blanking the columns it covers as ratatui's buffer
    /// does; returns whether a cluster the terminal may have drawn at another width was there.
    fn keep(&mut self, x: u16, y: u16, cell: &Cell) -> bool {
        let mut was = false;
        for dx in 0..cell.cell_width().max(1) {
            let Some(c) = self.shown.cell_mut((x.saturating_add(dx), y)) else {
                break;
            };
            was |= uncertain(c);
            if dx == 0 {
                *c = cell.clone();
            } else {
                c.reset();
            }
        }
        was
    }
}

#[cfg(test)]
impl<W: Write> Backend<W> {
    /// The backend writing to `writer` as if the terminal were `size`.
    pub(super) fn sized(writer: W, size: Size) -> Self {
        Backend {
            fixed: Some(size),
            ..Backend::new(writer)
        }
    }
}

/// The part of a cell's symbol the terminal shows: a hyperlink's text without the OSC 8
/// sequences around it.
fn visible(symbol: &str) -> &str {
    let Some(rest) = symbol.strip_prefix("\x1b]8;") else {
        return symbol;
    };
    let Some((_, text)) = rest.split_once("\x1b\\") else {
        return symbol;
    };
    text.strip_suffix(crate::text::hyperlink::CLOSE)
        .unwrap_or(text)
}

/// Whether a cell holds a cluster of several characters a terminal may draw at another width
/// than unicode-width gives (not an escape sequence a picture protocol put in a cell).
fn uncertain(cell: &Cell) -> bool {
    let s = visible(cell.symbol());
    s.chars().nth(1).is_some() && !s.chars().any(char::is_control)
}

impl<W: Write> ratatui::backend::Backend for Backend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        if self.shown.area != area {
            self.shown = Buffer::empty(area);
        }
        let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
        // The first column of each row from which the row is drawn again.
        let mut redraw: Vec<(u16, u16)> = Vec::new();
        for (x, y, cell) in content {
            // A cluster going away (or covered by a wide character) is as uncertain as one
            // coming: the terminal may have drawn it over cells the frame thinks blank.
            let was = self.keep(x, y, cell);
            if was || uncertain(cell) {
                match redraw.iter_mut().find(|(_, row)| *row == y) {
                    Some((from, _)) => *from = (*from).min(x),
                    None => redraw.push((x, y)),
                }
            }
            cells.push((x, y, cell.clone()));
        }
        if redraw.is_empty() {
            return self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)));
        }
        // Those rows' cells from there on are replaced by a blanked row drawn again.
        cells.retain(|(x, y, _)| !redraw.iter().any(|(from, row)| row == y && x >= from));
        let blank = Cell::default();
        let mut again: Vec<(u16, u16, Cell)> = Vec::new();
        for &(from, y) in &redraw {
            for x in from..area.width {
                again.push((x, y, blank.clone()));
            }
            let mut x = from;
            while x < area.width {
                let Some(cell) = self.shown.cell((x, y)) else {
                    break;
                };
                again.push((x, y, cell.clone()));
                x = x.saturating_add(cell.cell_width().max(1));
            }
        }
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
        // Each cell by its own cursor move: after a cluster the terminal's cursor may be
        // anywhere, and a blank written next to it must not be taken for the cell after it.
        for (x, y, c) in &again {
            self.inner.draw(std::iter::once((*x, *y, c)))?;
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.shown.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // What was cleared is not known cell by cell: the copy is dropped, so the next
        // cluster's row is drawn from the frame alone.
        self.shown = Buffer::empty(Rect::ZERO);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(size) => Ok(size),
            None => self.inner.size(),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        ratatui::backend::Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
#[path = "backend_tests.rs"]
mod tests;
