//! What the user owns in the reader: read marks, bookmarks and the place reading stopped,
//! kept in the state store by each article's stable id.

use super::App;
use crate::state::{Position, Store};
use crate::text::typeset::Page;

impl App {
    /// Takes `store` as the reader's state and shows its marks in the list.
    /// `warnings` (met opening it) go to the status bar.
    pub fn attach_store(&mut self, mut store: Store, mut warnings: Vec<String>) {
        self.read = self
            .library
            .entries
            .iter()
            .map(|e| store.get(&e.head.id).read)
            .collect();
        self.bookmarked = self
            .library
            .entries
            .iter()
            .map(|e| store.get(&e.head.id).bookmarked)
            .collect();
        warnings.extend(store.take_warnings());
        self.store = store;
        if !warnings.is_empty() {
            self.complain(warnings.join("; "));
        }
    }

    /// The id state is kept under for library entry `index`.
    fn id_of(&self, index: usize) -> Option<String> {
        self.library.entries.get(index).map(|e| e.head.id.clone())
    }

    /// Marks entry `index` read (when the user opens it).
    pub(super) fn mark_read(&mut self, index: usize) {
        if let Some(r) = self.read.get_mut(index) {
            *r = true;
        }
        if let Some(id) = self.id_of(index) {
            self.store.set_read(&id, true);
        }
    }

    /// The entry the marks keys act on: the open article in the reader, else the selection.
    fn marked_entry(&self) -> usize {
        match (self.base_mode(), &self.reader) {
            (super::Mode::Reader, Some(r)) => r.index,
            _ => self.selected,
        }
    }

    /// `u`: read ↔ unread.
    pub(super) fn toggle_read(&mut self) {
        let i = self.marked_entry();
        let Some(id) = self.id_of(i) else { return };
        let now = self.store.toggle_read(&id);
        if let Some(r) = self.read.get_mut(i) {
            *r = now;
        }
        self.say(if now { "marked read" } else { "marked unread" });
    }

    /// `m`: bookmark on or off.
    pub(super) fn toggle_bookmark(&mut self) {
        let i = self.marked_entry();
        let Some(id) = self.id_of(i) else { return };
        let now = self.store.toggle_bookmark(&id);
        if let Some(b) = self.bookmarked.get_mut(i) {
            *b = now;
        }
        self.say(if now {
            "bookmarked"
        } else {
            "bookmark removed"
        });
    }

    /// Records where the open article is scrolled to, so opening it again returns there.
    pub(super) fn remember_position(&mut self) {
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        let position = position_of(&r.page, r.scroll);
        if let Some(id) = self.id_of(r.index) {
            self.store.set_position(&id, position);
        }
    }

    /// The scroll at which entry `index` was left, on `page`.
    pub(super) fn saved_scroll(&self, index: usize, page: &Page) -> usize {
        let Some(id) = self.id_of(index) else {
            return 0;
        };
        match self.store.get(&id).position {
            Some(p) => page.line_of_block(p.block).map_or(0, |l| l + p.line_offset),
            None => 0,
        }
    }

    /// Writes the state if a change is due (debounced); a failure is shown, state kept.
    pub fn save_state(&mut self, now: std::time::Instant) {
        if let Err(e) = self.store.save_if_due(now) {
            self.complain(format!("state not saved: {e:#}"));
        }
    }

    /// Writes the state now (on quit and suspend).
    pub fn flush_state(&mut self) -> anyhow::Result<()> {
        self.remember_position();
        self.store.flush()
    }
}

/// The place `scroll` shows on `page`, by body block and lines into it (stable across widths);
/// `None` at the top of the article.
pub fn position_of(page: &Page, scroll: usize) -> Option<Position> {
    if scroll == 0 {
        return None;
    }
    let lines = &page.lines;
    let block = lines
        .get(scroll)
        .and_then(|l| l.block)
        .or_else(|| lines.iter().take(scroll).rev().find_map(|l| l.block))?;
    let first = page.line_of_block(block)?;
    Some(Position {
        block,
        line_offset: scroll.saturating_sub(first),
    })
}
