//! The filter: `/` opens its prompt, typing narrows the list, Enter keeps the filter, Esc
//! clears it.

use super::prompt::PromptKind;
use super::{App, Mode};

impl App {
    pub(super) fn filter_open(&mut self) {
        if self.mode == Mode::List {
            self.mode = Mode::Filter;
            // A fresh query, as less and newsboat start one; the kept filter stays in force
            // until the first key and is one Alt-p (or ↑ in the history) away.
            self.open_prompt(PromptKind::Filter, "");
        }
    }

    /// The filter prompt's text changed: the list follows it.
    pub(super) fn filter_text(&mut self, text: String) {
        if self.mode != Mode::Filter {
            return;
        }
        self.list.view.query = text;
        let was_empty = self.list.view.is_empty();
        // No preview per keystroke (that would read a file each time) while the article shown
        // is still in the list; once it is not, the pane follows the list (issue 13, point 1).
        self.refresh_view();
        // What the pane shows, or will once the preview asked for arrives. A pane left empty by
        // a query that matched nothing follows the list again when rows come back.
        let shown = match self.preview.pending() {
            Some(p) => Some(p.index),
            None => self.reading.open.as_ref().map(|r| r.index),
        };
        let stale = match shown {
            Some(i) => self.list.view.row_of(i).is_none(),
            None => was_empty,
        };
        if stale {
            if self.list.view.is_empty() {
                self.cancel_preview();
                self.reading.open = None;
            } else {
                self.preview_selection();
            }
        }
    }

    pub(super) fn filter_accept(&mut self) {
        if self.mode != Mode::Filter {
            return;
        }
        self.mode = Mode::List;
        self.preview_selection();
        if self.list.view.is_empty() {
            self.complain("no article matches the filter");
        }
    }

    /// Esc in the list: the filter kept with Enter goes, and every article shows again.
    pub(super) fn filter_clear(&mut self) {
        if self.mode != Mode::List || self.list.view.query.is_empty() {
            return;
        }
        self.list.view.query.clear();
        self.refresh_view();
        self.preview_selection();
        self.say("filter cleared");
    }

    pub(super) fn filter_cancel(&mut self) {
        if self.mode != Mode::Filter {
            return;
        }
        self.mode = Mode::List;
        if !self.list.view.query.is_empty() {
            self.list.view.query.clear();
            self.refresh_view();
        }
        self.preview_selection();
    }
}
