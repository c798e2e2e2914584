//! The filter prompt: `/` opens it, typing narrows the list, Enter keeps the filter, Esc clears it.

use super::keymap::Key;
use super::view::QUERY_MAX;
use super::{Action, App, Mode};
use crossterm::event::{KeyCode, KeyModifiers};

impl App {
    /// The action a key types while a prompt has the keyboard: a printable character without
    /// Control or Alt goes into the filter, before any binding (so `?` or `q` can be searched for).
    pub fn text_input(&self, key: Key) -> Option<Action> {
        if self.mode != Mode::Filter {
            return None;
        }
        match key.code {
            KeyCode::Char(c)
                if !c.is_control()
                    && !key
                        .mods
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::FilterInput(c))
            }
            _ => None,
        }
    }

    pub(super) fn filter_open(&mut self) {
        if self.mode == Mode::List {
            self.mode = Mode::Filter;
        }
    }

    pub(super) fn filter_input(&mut self, c: char) {
        if self.mode != Mode::Filter || c.is_control() {
            return;
        }
        if self.view.query.chars().count() >= QUERY_MAX {
            self.complain(format!("the filter stops at {QUERY_MAX} characters"));
            return;
        }
        self.view.query.push(c);
        // No preview while typing: that would read a file per keystroke.
        self.refresh_view();
    }

    pub(super) fn filter_backspace(&mut self) {
        if self.mode == Mode::Filter && self.view.query.pop().is_some() {
            self.refresh_view();
        }
    }

    pub(super) fn filter_accept(&mut self) {
        if self.mode != Mode::Filter {
            return;
        }
        self.mode = Mode::List;
        self.preview_selection();
        if self.view.is_empty() {
            self.complain("no article matches the filter");
        }
    }

    pub(super) fn filter_cancel(&mut self) {
        if self.mode != Mode::Filter {
            return;
        }
        self.mode = Mode::List;
        if !self.view.query.is_empty() {
            self.view.query.clear();
            self.refresh_view();
        }
        self.preview_selection();
    }
}
