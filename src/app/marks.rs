//! Read marks, bookmarks and reading positions: the App's side of the persisted [`Store`].
//!
//! The store is keyed by each list row's stable id; `App::read` and `App::bookmarked` mirror it
//! per library index so drawing and filtering never look an id up.

use super::list::Flags;
use super::{App, Mode};
use crate::state::{Position, Store};
use crate::text::typeset::Page;
use std::time::Instant;

/// Where the top line `scroll` of `page` is, as a block and a line offset into it; `None` at the
/// top of the article (or before its first block), so nothing is kept for an unscrolled article.
pub fn position_at(page: &Page, scroll: usize) -> Option<Position> {
    if scroll == 0 {
        return None;
    }
    let lines = &page.lines;
    let top = scroll.min(lines.len().checked_sub(1)?);
    // The block at the top line, or the last one above it (blank lines between paragraphs).
    let (at, block) = (0..=top)
        .rev()
        .find_map(|k| lines[k].block.map(|b| (k, b)))?;
    let mut first = at;
    while first > 0 && lines[first - 1].block == Some(block) {
        first -= 1;
    }
    Some(Position {
        block,
        line_offset: scroll - first,
    })
}

/// The top line that shows `pos` on `page` (0 when the block is not on it).
pub fn line_of(page: &Page, pos: Position) -> usize {
    page.line_of_block(pos.block)
        .map_or(0, |l| l.saturating_add(pos.line_offset))
}

impl App {
    /// Uses `store` for marks from now on: the read marks and bookmarks are read from it, and
    /// changes go to it.
    pub fn attach_store(&mut self, store: Store) {
        self.store = store;
        self.sync_marks();
        self.refresh_view();
    }

    /// [`App::attach_store`] for the first frame of a big library: no mark is read yet. Once size
    /// and selection are set, [`App::sync_marks_on_screen`] reads those of the rows on screen
    /// (computing only their state ids), and [`App::sync_marks`], right after the first frame,
    /// the rest.
    pub fn attach_store_lazily(&mut self, store: Store) {
        self.store = store;
        self.list.marks_pending = true;
    }

    /// [`App::attach_store_lazily`] for a store still being opened on a thread (`Store::open`
    /// reading a big `state.json`), so the first frame does not wait for it: the list is drawn
    /// without marks, and the store is waited for by the first message that may need it (the
    /// first frame's own, a key, a worker's news; a resize does not), before that message is
    /// handled, so no key ever meets a store without its marks. Opening an article at start
    /// ([`App::start`]) waits for it too, for its reading position.
    pub fn attach_store_arriving(
        &mut self,
        opening: std::thread::JoinHandle<(Store, Vec<String>)>,
    ) {
        self.store = Store::disabled();
        self.store_arriving = Some(opening);
        self.list.marks_pending = true;
    }

    /// Whether the store is still being opened ([`App::attach_store_arriving`]).
    pub fn store_pending(&self) -> bool {
        self.store_arriving.is_some()
    }

    /// Waits for the store being opened, if one is, and takes it: its saves go to the worker
    /// if asked before, and what opening it said goes to the status bar.
    pub(super) fn store_arrived(&mut self) {
        let Some(opening) = self.store_arriving.take() else {
            return;
        };
        let (store, warnings) = opening.join().unwrap_or_else(|_| {
            (
                Store::disabled(),
                vec![
                    "the marks could not be read (the reading thread failed); they are not \
                      saved this session"
                        .to_string(),
                ],
            )
        });
        self.store = store;
        if self.saves_in_background {
            self.save_in_background();
        }
        // The article opened at start goes where its reading stopped, unless it was moved
        // meanwhile, and is marked read.
        if std::mem::take(&mut self.opened_early)
            && let Some((i, scroll)) = self.reading_spot()
        {
            if scroll == 0 {
                self.restore_position();
            }
            self.mark_read(i);
        }
        if !warnings.is_empty() {
            self.complain(crate::sanitize::clean_line(&warnings.join("; ")));
        }
    }

    /// Reads the marks of the list rows on screen from the store (none while it is still being
    /// opened: the rows are drawn without marks until it comes).
    pub fn sync_marks_on_screen(&mut self) {
        if self.panes().list.is_none() || self.store_pending() {
            return;
        }
        let height = self.list_height();
        let rows = self.list.view.rows();
        let shown = rows.len().min(self.list.offset + height);
        for &i in rows.get(self.list.offset..shown).unwrap_or_default() {
            let Some(e) = self.library.entries.get_mut(i) else {
                continue;
            };
            e.row.settle_id();
            let s = self.store.get(e.row.id());
            self.list.read[i] = s.read;
            self.list.bookmarked.set(i, s.bookmarked);
        }
    }

    /// Whether the list shows the bookmark column: once an article of the library is bookmarked,
    /// or, before every mark is read, when the store holds any bookmark (so the column does not
    /// appear a moment after the first frame).
    pub fn bookmark_column(&self) -> bool {
        self.list.bookmarked.any() || (self.list.marks_pending && self.store.any_bookmarked())
    }

    /// The store marks, bookmarks and positions are kept in.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Reads every article's read mark and bookmark from the store again.
    pub fn sync_marks(&mut self) {
        // Indices and files may have changed: edit keys are read again when next needed.
        self.edit_keys.clear();
        self.library.settle_ids();
        self.list.marks_pending = false;
        let (read, bookmarked): (Vec<bool>, Vec<bool>) = self
            .library
            .entries
            .iter()
            .map(|e| {
                let s = self.store.get(e.row.id());
                (s.read, s.bookmarked)
            })
            .unzip();
        self.list.read = read;
        self.list.bookmarked = Flags::from(bookmarked);
        // Every article shown is known to exist: its entry must outlive any pruning.
        self.store
            .saw(self.library.entries.iter().map(|e| e.row.id()));
        self.adopt_edited();
    }

    /// Gives an article whose file was edited (a new title makes a new id) the marks it had
    /// before the edit, kept under its edit key ([`crate::article::edit_key`]): only articles
    /// with no marks of their own, only at a path that has an edit key in the store, and only
    /// when the file's first lines less the title are what they were. The rows looked at read
    /// their file's first lines; a library with no edit key in the store reads nothing.
    fn adopt_edited(&mut self) {
        if self.store.is_read_only() {
            return;
        }
        let prefix = crate::article::EDIT_KEY_PREFIX;
        let paths: std::collections::HashSet<String> = self
            .store
            .iter()
            .filter_map(|(k, _)| Some(k.strip_prefix(prefix)?.get(..16)?.to_string()))
            .collect();
        if paths.is_empty() {
            return;
        }
        for i in 0..self.library.entries.len() {
            let e = &self.library.entries[i];
            if e.row.id().is_empty() || self.store.get(e.row.id()).updated != 0 {
                continue;
            }
            let Some(path) = e.row.path() else {
                continue;
            };
            if !paths.contains(&crate::article::path_hash(
                path.as_os_str().as_encoded_bytes(),
            )) {
                continue;
            }
            let id = e.row.id().to_string();
            let Some(key) = self.edit_key_of(i) else {
                continue;
            };
            let before = self.store.get(&key);
            if before.updated == 0 {
                continue;
            }
            if before.read {
                self.store.set_read(&id, true);
            }
            if before.bookmarked {
                self.store.toggle_bookmark(&id);
            }
            if before.position.is_some() {
                self.store.set_position(&id, before.position);
            }
            self.list.read[i] = before.read;
            self.list.bookmarked.set(i, before.bookmarked);
        }
    }

    /// The edit key of library article `i`, read from its file once (until the library
    /// changes); `None` when it has none (see [`crate::load::head::edit_key`]).
    fn edit_key_of(&mut self, i: usize) -> Option<String> {
        if let Some(k) = self.edit_keys.get(&i) {
            return k.clone();
        }
        let key = self
            .library
            .entries
            .get(i)
            .and_then(|e| e.row.path())
            .and_then(crate::load::head::edit_key);
        self.edit_keys.insert(i, key.clone());
        key
    }

    /// Keeps article `i`'s marks (under `id`) under its edit key too, so an edit of its title
    /// finds them again ([`App::adopt_edited`]).
    fn mirror(&mut self, i: usize, id: &str) {
        if self.store.is_read_only() {
            return;
        }
        let Some(key) = self.edit_key_of(i) else {
            return;
        };
        let (now, kept) = (self.store.get(id), self.store.get(&key));
        if kept.read != now.read || kept.updated == 0 {
            self.store.set_read(&key, now.read);
        }
        if kept.bookmarked != now.bookmarked {
            self.store.toggle_bookmark(&key);
        }
        if kept.position != now.position {
            self.store.set_position(&key, now.position);
        }
    }

    fn id_of(&self, i: usize) -> Option<String> {
        self.library
            .entries
            .get(i)
            .map(|e| e.row.state_id().into_owned())
    }

    /// Marks library article `i` read (it was opened).
    pub(super) fn mark_read(&mut self, i: usize) {
        if let Some(id) = self.mark_read_only(i) {
            self.mirror(i, &id);
        }
    }

    /// Marks library article `i` read without keeping it under its edit key (`A` marks many
    /// at once, and reading each file's first lines would hold the key up); its id.
    pub(super) fn mark_read_only(&mut self, i: usize) -> Option<String> {
        let id = self.id_of(i)?;
        self.store.set_read(&id, true);
        if let Some(r) = self.list.read.get_mut(i) {
            *r = true;
        }
        Some(id)
    }

    /// The article `u` and `m` apply to: the open one in the reader, the selected one in the list.
    pub(super) fn marked_target(&self) -> Option<usize> {
        match self.mode {
            Mode::Reader => self.reading.open.as_ref().map(|r| r.index),
            _ => self.selected_row().map(|_| self.list.selected),
        }
    }

    pub(super) fn toggle_read(&mut self) {
        let Some((i, id)) = self.marked_target().and_then(|i| Some((i, self.id_of(i)?))) else {
            self.complain("no article to mark");
            return;
        };
        let now = self.store.toggle_read(&id);
        self.mirror(i, &id);
        if let Some(r) = self.list.read.get_mut(i) {
            *r = now;
        }
        self.say(if now { "marked read" } else { "marked unread" });
    }

    pub(super) fn toggle_bookmark(&mut self) {
        let Some((i, id)) = self.marked_target().and_then(|i| Some((i, self.id_of(i)?))) else {
            self.complain("no article to bookmark");
            return;
        };
        let now = self.store.toggle_bookmark(&id);
        self.mirror(i, &id);
        self.list.bookmarked.set(i, now);
        self.say(if now {
            "bookmarked"
        } else {
            "bookmark removed"
        });
    }

    /// Scrolls the article just opened to where its reading stopped last time.
    pub(super) fn restore_position(&mut self) {
        let h = self.reader_height();
        let Some(r) = self.reading.open.as_ref() else {
            return;
        };
        let Some(pos) = self
            .id_of(r.index)
            .and_then(|id| self.store.get(&id).position)
        else {
            return;
        };
        if let Some(r) = self.reading.open.as_mut() {
            r.scroll = line_of(&r.page, pos).min(r.max_scroll(h));
        }
    }

    /// The open article and its top line, to notice when the reading moved.
    pub(super) fn reading_spot(&self) -> Option<(usize, usize)> {
        self.reading.open.as_ref().map(|r| (r.index, r.scroll))
    }

    /// Keeps the open article's position in the store when it moved since `before`.
    pub(super) fn remember_position(&mut self, before: Option<(usize, usize)>) {
        if self.reading_spot() == before {
            return;
        }
        let Some(r) = self.reading.open.as_ref() else {
            return;
        };
        let (pos, i) = (position_at(&r.page, r.scroll), r.index);
        if let Some(id) = self.id_of(i) {
            self.store.set_position(&id, pos);
            self.mirror(i, &id);
        }
    }

    /// Saves the marks when the last change is old enough (call after events and when idle);
    /// true when the status bar got a message (a failed save, a corrupt file moved aside).
    pub(super) fn save_if_due(&mut self, now: Instant) -> bool {
        match self.store.save_if_due(now) {
            // Sent to the worker: its outcome comes as `Msg::Saved`, and only then is it known.
            Ok(()) if self.store.saves_in_background() => false,
            result => self.report_save(result),
        }
    }

    /// Starts the store's save worker: saves from now on run off the loop, and their outcome
    /// comes back as [`super::Msg::Saved`].
    pub fn save_in_background(&mut self) {
        self.saves_in_background = true;
        let tx = self.inbox.sender();
        self.store.save_in_background(Box::new(move || {
            let _ = tx.send(super::Msg::Saved);
        }));
    }

    /// Shows the outcome of a save the worker finished; true when the status bar changed.
    pub(super) fn take_saved(&mut self) -> bool {
        match self.store.take_saved() {
            Some(result) => self.report_save(result),
            None => false,
        }
    }

    /// Saves the marks now (on quit and suspend); the error is also shown in the status bar.
    pub fn flush_state(&mut self) -> anyhow::Result<()> {
        let result = self.store.flush();
        // A warning (the marks went to a side file) is said on the way out too.
        let msg = match &result {
            Err(e) => Some(format!("{e:#}")),
            Ok(()) if !self.store.warnings().is_empty() => Some(self.store.warnings().join("; ")),
            Ok(()) => None,
        };
        self.report_save(result);
        match msg {
            Some(m) => Err(anyhow::anyhow!(m)),
            None => Ok(()),
        }
    }

    /// Shows what a save did: its error, or the warnings it met; a complaint about an earlier
    /// failed save gives way once a save succeeds.
    fn report_save(&mut self, result: anyhow::Result<()>) -> bool {
        let warnings = self.store.take_warnings();
        if let Err(e) = result {
            let msg = format!("{NOT_SAVED} {e:#}");
            self.complain(crate::sanitize::clean_line(&msg));
            return true;
        }
        if warnings.is_empty() {
            // A complaint about an earlier failed save is no longer true.
            if self
                .status
                .as_ref()
                .is_some_and(|s| s.error && s.text.starts_with(NOT_SAVED))
            {
                self.say("marks saved");
                return true;
            }
            return false;
        }
        self.complain(crate::sanitize::clean_line(&warnings.join("; ")));
        true
    }
}

/// How the status line starts when marks could not be saved.
const NOT_SAVED: &str = "marks not saved:";
