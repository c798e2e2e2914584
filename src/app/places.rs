//! Places in the article, as less and vim mark them: `Alt-m` then a letter names the place at
//! the top of the reading pane, `'` then the letter goes back to it, and `''` to where the
//! last jump (`'a`, `g`, `G`, `10G`, `:42`, a find's match) started. `m` alone stays the
//! bookmark. Marks belong to the article (by its state id) and last for the session; they are
//! kept as a paragraph and a line in it, so they hold at any width.

use super::habits::Ask;
use super::marks::{line_of, position_at};
use super::{Action, App, Mode};
use crate::state::Position;

/// The reader's named places and the place before the last jump.
#[derive(Debug, Default)]
pub struct Places {
    /// Each article's marks, by its state id and the letter.
    named: std::collections::HashMap<(String, char), Option<Position>>,
    /// The article (by state id) and place the last jump left, for `''`.
    before_jump: Option<(String, Option<Position>)>,
}

/// Whether `action` is a jump whose starting place `''` goes back to.
pub(super) fn jumps(action: Action) -> bool {
    matches!(
        action,
        Action::Top
            | Action::Bottom
            | Action::FindNext
            | Action::FindPrev
            | Action::FindAgain
            | Action::FindAgainBack
            // `:42` (a find's Enter notes its own start: the typing moved the text already).
            | Action::Prompt(super::Edit::Accept)
    )
}

impl App {
    /// `Alt-m` (`set`) or `'`: asks for the mark's letter in the status bar.
    pub(super) fn ask_place(&mut self, set: bool) {
        if !matches!(self.mode, Mode::Reader | Mode::Find) || self.reading.open.is_none() {
            self.complain("marks are places in an open article");
            return;
        }
        self.ask(Ask::Place { set });
    }

    /// The place at the top of the reading pane: the open article's state id and position.
    fn place_here(&self) -> Option<(String, Option<Position>)> {
        let r = self.reading.open.as_ref()?;
        let id = self
            .library
            .entries
            .get(r.index)?
            .row
            .state_id()
            .into_owned();
        Some((id, position_at(&r.page, r.scroll)))
    }

    /// Scrolls the open article to `pos` (the top for `None`).
    fn go_to_place(&mut self, pos: Option<Position>) {
        let h = self.reader_height();
        if let Some(r) = self.reading.open.as_mut() {
            let line = pos.map_or(0, |p| line_of(&r.page, p));
            r.scroll = line.min(r.max_scroll(h));
        }
    }

    /// The letter answering `Alt-m` or `'`: names the place here, or goes to the place named
    /// (`'` again: back to before the last jump).
    pub(super) fn place_letter(&mut self, c: char) {
        let Some((Ask::Place { set }, from)) = self.ask.take() else {
            return;
        };
        self.mode = from;
        let Some((id, here)) = self.place_here() else {
            return;
        };
        if c == '\'' && !set {
            match self.places.before_jump.take() {
                Some((was, pos)) if was == id => {
                    self.places.before_jump = Some((id, here));
                    self.go_to_place(pos);
                }
                other => {
                    self.places.before_jump = other;
                    self.complain("no jump in this article to go back from");
                }
            }
            return;
        }
        if !c.is_ascii_alphabetic() {
            self.complain("a mark is named by a letter, a to z");
            return;
        }
        if set {
            self.places.named.insert((id, c), here);
            self.say(format!("mark {c} set: ' {c} comes back here"));
            return;
        }
        match self.places.named.get(&(id.clone(), c)).copied() {
            Some(pos) => {
                self.places.before_jump = Some((id, here));
                self.go_to_place(pos);
            }
            None => self.complain(format!("no mark {c} in this article")),
        }
    }

    /// Remembers where a jump started when `action` moved the open article's text from the
    /// place `before` (its library index and top line before the action).
    pub(super) fn note_jump(&mut self, action: Action, before: Option<(usize, usize)>) {
        if !jumps(action) {
            return;
        }
        let (Some((index, scroll)), Some(r)) = (before, self.reading.open.as_ref()) else {
            return;
        };
        if r.index != index || r.scroll == scroll {
            return;
        }
        self.jumped_from(index, scroll);
    }

    /// Remembers line `scroll` of library article `index` (open now) as where a jump started.
    pub(super) fn jumped_from(&mut self, index: usize, scroll: usize) {
        let Some(r) = self.reading.open.as_ref() else {
            return;
        };
        let Some(id) = self
            .library
            .entries
            .get(index)
            .map(|e| e.row.state_id().into_owned())
        else {
            return;
        };
        self.places.before_jump = Some((id, position_at(&r.page, scroll)));
    }
}
