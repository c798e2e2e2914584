//! Live library: a batch of changed files re-read into the list, keeping the selection and the
//! open article's place.
//!
//! Only the named files are read again (their list rows, with `load::head::read`); the library
//! is sorted again and every index the app holds is mapped to the same file.

use super::{App, Mode};
use crate::load::head;
use crate::load::library::Entry;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Paths in a form both the scan and the watcher agree on: the folder resolved, the file name
/// kept (a removed file can no longer be resolved itself). Folders are resolved once each.
#[derive(Default)]
struct Keys {
    folders: HashMap<PathBuf, Option<PathBuf>>,
}

impl Keys {
    fn key(&mut self, p: &Path) -> PathBuf {
        let folder = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let resolved = self
            .folders
            .entry(folder.to_path_buf())
            .or_insert_with(|| folder.canonicalize().ok());
        match (resolved, p.file_name()) {
            (Some(f), Some(name)) => f.join(name),
            _ => std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()),
        }
    }
}

/// `KEY#`, the start of the keys of a feed's or JSON list's item rows, when `p` is one (or was
/// one: a removed `.xml` file); `None` for a one-article file.
fn container_prefix(keys: &mut Keys, p: &Path) -> Option<Vec<u8>> {
    let container = if p.is_file() {
        crate::load::container_kind(p).ok().flatten().is_some()
    } else {
        crate::load::format_for(p) == Some(crate::article::Format::Feed)
    };
    container.then(|| {
        let mut prefix = keys.key(p).into_os_string().into_encoded_bytes();
        prefix.push(b'#');
        prefix
    })
}

impl App {
    /// Applies a batch of created, changed or removed article files: new files get a row,
    /// changed ones are read again, removed ones leave; a file that cannot be read keeps its
    /// row and is named in the status bar; a FIFO, socket or device joins the skipped files.
    /// Returns true when the list changed.
    pub(super) fn apply_file_changes(&mut self, paths: &[PathBuf]) -> bool {
        let mut keys = Keys::default();
        let mut by_key: HashMap<PathBuf, usize> = HashMap::new();
        for (i, e) in self.library.entries.iter().enumerate() {
            if e.article.is_none()
                && let Some(p) = e.row.path()
            {
                by_key.insert(keys.key(p), i);
            }
        }
        // Remember what the app points at, by file.
        let path_of = |lib: &crate::load::library::Library, i: usize| {
            lib.entries.get(i).and_then(|e| e.row.path_buf())
        };
        let selected = path_of(&self.library, self.list.selected);
        let open = self
            .reading
            .open
            .as_ref()
            .and_then(|r| path_of(&self.library, r.index));
        let history: Vec<Option<PathBuf>> = self
            .reading
            .history
            .back
            .iter()
            .chain(&self.reading.history.forward)
            .map(|pl| path_of(&self.library, pl.index))
            .collect();
        let read: Vec<PathBuf> = (0..self.library.entries.len())
            .filter(|&i| self.list.read.get(i).copied().unwrap_or(false))
            .filter_map(|i| path_of(&self.library, i))
            .collect();

        // A renamed file is removed and created again under its new name: the content id of the
        // open and the selected rows finds them again among the rows this batch adds.
        let id_of = |lib: &crate::load::library::Library, i: usize| {
            lib.entries.get(i).map(|e| e.row.state_id().into_owned())
        };
        let selected_id = id_of(&self.library, self.list.selected);
        let open_id = self
            .reading
            .open
            .as_ref()
            .and_then(|r| id_of(&self.library, r.index));
        let mut added: Vec<PathBuf> = Vec::new();
        // Every row's file that came, changed or went, as the list spells it: for the search
        // index kept on disk.
        let mut touched: Vec<PathBuf> = Vec::new();

        let mut changed = false;
        let mut remove = Vec::new();
        let mut problems = Vec::new();
        let mut open_changed = false;
        let open_key = open.as_deref().map(|o| keys.key(o));
        let mut newly_skipped = false;
        for p in paths {
            if let Some(kind) = std::fs::metadata(p)
                .ok()
                .and_then(|m| crate::files::special_kind(m.file_type()))
            {
                // A FIFO, socket or device appeared: never read (opening a FIFO blocks), but
                // listed with the files skipped at start. A row it replaced goes below.
                let report = crate::files::special_skipped(p, kind);
                if !self.library.problems.contains(&report) {
                    self.library.problems.push(report);
                    newly_skipped = true;
                }
            }
            let k = keys.key(p);
            let at = by_key.get(&k).copied();
            if open_key.as_ref() == Some(&k) {
                open_changed = true;
            }
            if let Some(prefix) = container_prefix(&mut keys, p) {
                // A feed or JSON list: its item rows (`FILE#ID`) all go, and come back as read now.
                for (key, &i) in &by_key {
                    if key.as_os_str().as_encoded_bytes().starts_with(&prefix) {
                        remove.push(i);
                        changed = true;
                    }
                }
                if p.is_file() {
                    match head::rows(p, head::Ids::Now) {
                        Ok(rows) => {
                            changed = true;
                            touched.extend(rows.iter().filter_map(|h| h.path.clone()));
                            self.library
                                .entries
                                .extend(rows.into_iter().map(|head| Entry {
                                    row: head.into(),
                                    article: None,
                                }));
                        }
                        Err(e) => problems.push(crate::sanitize::clean_line(&format!("{e:#}"))),
                    }
                }
                continue;
            }
            if !p.is_file() {
                if let Some(i) = at {
                    remove.push(i);
                    changed = true;
                }
                continue;
            }
            match head::read(p) {
                Ok(mut h) => {
                    changed = true;
                    match at {
                        Some(i) => {
                            // Keep the path as the list already spells it.
                            h.path = self.library.entries[i].row.path_buf();
                            touched.extend(h.path.clone());
                            self.library.entries[i].row = h.into();
                        }
                        None => {
                            added.push(p.clone());
                            touched.push(p.clone());
                            self.library.entries.push(Entry {
                                row: h.into(),
                                article: None,
                            });
                        }
                    }
                }
                Err(e) => problems.push(crate::sanitize::clean_line(&format!("{e:#}"))),
            }
        }
        remove.sort_unstable();
        remove.dedup();
        touched.extend(
            remove
                .iter()
                .filter_map(|&i| self.library.entries.get(i)?.row.path_buf()),
        );
        for i in remove.into_iter().rev() {
            self.library.entries.remove(i);
        }
        if changed {
            self.library.sort();
            let lib = &self.library;
            let follow = |was: Option<PathBuf>, id: Option<String>| {
                if was
                    .as_deref()
                    .is_some_and(|p| super::links::index_of_path(lib, p).is_some())
                {
                    return was;
                }
                let Some(id) = id.filter(|id| !id.is_empty()) else {
                    return was;
                };
                added
                    .iter()
                    .find(|p| {
                        super::links::index_of_path(lib, p)
                            .is_some_and(|i| lib.entries[i].row.state_id() == id.as_str())
                    })
                    .cloned()
                    .or(was)
            };
            let selected = follow(selected, selected_id);
            let open = follow(open, open_id);
            self.remap(selected, open, &read, open_changed);
            self.remap_history(&history);
            // Rows, sort, filter and marks (kept by content id) follow the new library.
            self.library_changed();
            // The index kept on disk takes the changed files; one built in memory over the
            // files as they were is built again by the next `F`.
            if let Some(ix) = self.search_index.as_mut()
                && !ix.searcher.files_changed(touched)
            {
                ix.mark_stale();
            }
        }
        match problems.len() {
            // The count of skipped files, with the key that lists them.
            0 if newly_skipped => self.status = self.skipped_status(),
            0 => {}
            1 => self.complain(problems.remove(0)),
            n => self.complain(format!("{n} changed files unreadable: {}", problems[0])),
        }
        changed
    }

    /// Points selection, reader, read marks and history at the same files after the list was
    /// re-sorted; the open article is read again when its file changed (keeping its paragraph).
    fn remap(
        &mut self,
        selected: Option<PathBuf>,
        open: Option<PathBuf>,
        read: &[PathBuf],
        open_changed: bool,
    ) {
        let index_of =
            |lib: &crate::load::library::Library, p: &Path| super::links::index_of_path(lib, p);
        self.list.read = vec![false; self.library.entries.len()];
        for p in read {
            if let Some(i) = index_of(&self.library, p) {
                self.list.read[i] = true;
            }
        }
        // Pages are cached by index, which has just changed meaning; so is a pending preview.
        self.reading.forget_pages();
        let previewing = self.cancel_preview().is_some();
        // A reader that had a title index gets one for the new library, built in the background:
        // previews wait for it and never build it themselves.
        let had_index = self.titles.started();
        self.titles = super::links::TitleIndex::default();
        if had_index {
            let none = None::<fn(&crate::load::resolve::Resolver)>;
            self.titles
                .build_in_background(&self.library, self.inbox.sender(), none);
        }
        let n = self.library.entries.len();
        self.list.selected = selected
            .and_then(|p| index_of(&self.library, &p))
            .unwrap_or(self.list.selected)
            .min(n.saturating_sub(1));
        match open.and_then(|p| index_of(&self.library, &p)) {
            Some(i) => {
                if open_changed {
                    self.reopen_in_place(i);
                } else if let Some(r) = self.reading.open.as_mut() {
                    r.index = i;
                }
            }
            None if open_changed => {
                self.reading.open = None;
                self.reading.find = None;
                if matches!(self.mode, Mode::Reader | Mode::Find | Mode::FindPrompt) {
                    self.mode = Mode::List;
                }
            }
            None => {}
        }
        self.keep_selection_visible();
        if previewing {
            self.preview_selection();
        }
    }

    /// Points the history's places at the same files (`paths` as they were, back then forward);
    /// places whose file left are dropped.
    fn remap_history(&mut self, paths: &[Option<PathBuf>]) {
        let lib = &self.library;
        let n_back = self.reading.history.back.len();
        let fix = |places: &mut Vec<super::history::Place>, paths: &[Option<PathBuf>]| {
            let mut k = 0;
            places.retain_mut(|pl| {
                let found = paths[k]
                    .as_deref()
                    .and_then(|p| super::links::index_of_path(lib, p));
                k += 1;
                match found {
                    Some(i) => {
                        pl.index = i;
                        true
                    }
                    None => false,
                }
            });
        };
        fix(&mut self.reading.history.back, &paths[..n_back]);
        fix(&mut self.reading.history.forward, &paths[n_back..]);
    }

    /// Reads article `i` again and shows it at the paragraph that was on top.
    fn reopen_in_place(&mut self, i: usize) {
        let Some(r) = self.reading.open.as_ref() else {
            return;
        };
        // At the top, where the reading stopped (the top, as it was saved); else the paragraph.
        let at = if r.scroll == 0 {
            super::reader::At::Saved
        } else {
            super::reader::At::Block(r.top_block())
        };
        let (old_page, scroll, focus) = (Arc::clone(&r.page), r.scroll, r.focus);
        let (mode, find) = (self.mode, self.reading.find.take());
        if self.open_at(i, false, at) {
            self.reading.find = find;
            // Unchanged text (a file renamed, or touched) keeps the exact line and link.
            if let Some(r) = self.reading.open.as_mut()
                && r.page.lines == old_page.lines
            {
                r.scroll = scroll;
                r.focus = focus;
            }
        }
        self.mode = mode;
    }
}
