//! A library that arrives after the first frame: a file opened by path is shown at once while
//! its whole library is scanned on a worker; the list then fills in, the open article keeps its
//! place and its related links and backlinks resolve. Also the backlinks the open article gets
//! once the background pass has found them.

use super::msg::Msg;
use super::{App, Effect, Mode};
use crate::load::head::Ids;
use crate::load::library::Library;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

/// What the status bar says while the library is read (until a key or the library comes).
pub const READING: &str = "reading the library…";

/// The whole library to read after the first frame: its folders, and the file already shown.
#[derive(Debug, Clone)]
pub struct Wanted {
    /// The library's folders.
    pub folders: Vec<PathBuf>,
    /// The file opened first, shown while the folders are read; `None` when the list shows
    /// the front page kept from the last launch ([`crate::load::catalog::front`]).
    pub open: Option<PathBuf>,
    /// Where the catalogue of list rows is kept (`None`: read every file, keep nothing).
    pub cache: Option<crate::load::catalog::Cache>,
}

/// The library being scanned on a worker thread. The worker hands the library over through
/// its own channel, so that an action needing all of it can wait for it, and says so in the
/// inbox ([`Msg::LibraryRead`]), where the loop hands the news to `update`.
#[derive(Debug)]
pub struct Scan {
    rx: Receiver<Library>,
}

/// Sends [`Msg::LibraryRead`] when the worker ends, however it ends (a panic too, so the
/// model stops waiting for a library that will not come).
struct Notify(Sender<Msg>);

impl Drop for Notify {
    fn drop(&mut self) {
        // The reader may have quit meanwhile: nobody to tell.
        let _ = self.0.send(Msg::LibraryRead);
    }
}

impl Scan {
    /// Scans `wanted.folders` on a worker thread and says so through `inbox` once done. The
    /// row of `wanted.open` (the file already shown) carries that path as spelled, whichever
    /// way the scan spells it, so the reader finds it again.
    pub fn start(wanted: Wanted, inbox: Sender<Msg>) -> Scan {
        let (tx, rx) = mpsc::channel();
        let Wanted {
            folders,
            open,
            cache,
        } = wanted;
        let unstarted = inbox.clone();
        let job = move || {
            let problems = inbox.clone();
            // Declared first, dropped last: the library (or the sender's end, after a panic)
            // is in the channel before the notice.
            let notify = Notify(inbox);
            let tx = tx;
            let (mut lib, pending, recheck) = match &cache {
                Some(cache) => {
                    let scan = crate::load::catalog::scan_trusting(&folders, Ids::Later, cache);
                    (scan.library, scan.pending, scan.recheck)
                }
                None => (Library::scan_with(&folders, Ids::Later), None, None),
            };
            if let Some(open) = &open {
                respell(&mut lib, open);
            }
            // The next launch's first frame (a library of folders only: a file opened alone
            // has its own launch).
            let front = cache
                .as_ref()
                .filter(|_| open.is_none())
                .and_then(|c| crate::load::catalog::front::Page::of(c, &folders, &lib));
            let _ = tx.send(lib);
            drop(notify);
            // The catalogue is written once the library is on its way to the list.
            keep_after_launch(pending, front, recheck, &problems);
        };
        if std::thread::Builder::new()
            .name("byline-library".into())
            .spawn(job)
            .is_err()
        {
            // Without a thread the reader keeps the one article it has: the job, and the
            // sender with it, is gone, so the notice finds the scan ended.
            let _ = unstarted.send(Msg::LibraryRead);
        }
        Scan { rx }
    }

    /// A scan that has already read `lib` (for tests; nothing is sent into an inbox).
    pub fn ready(lib: Library) -> Scan {
        let (tx, rx) = mpsc::channel();
        let _ = tx.send(lib);
        Scan { rx }
    }

    /// The scanned library when it is ready; `Err` once the worker is gone without one.
    fn try_take(&self) -> Result<Option<Library>, ()> {
        match self.rx.try_recv() {
            Ok(lib) => Ok(Some(lib)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(()),
        }
    }

    /// Waits for the scanned library (`None` if the worker is gone without one).
    fn wait(&self) -> Option<Library> {
        self.rx.recv().ok()
    }
}

/// What a launch keeps once its library is on screen, on the worker that calls it: the
/// catalogue saved, the front page kept for the next launch, then the files the launch took on
/// trust stat'ed (those that changed go into `inbox` as changed files, read again as the
/// watcher's are). A failed save is said in the status bar; a front page not written costs the
/// next launch its shortcut, nothing else.
pub fn keep_after_launch(
    pending: Option<crate::load::catalog::Pending>,
    front: Option<crate::load::catalog::front::Page>,
    recheck: Option<crate::load::catalog::Recheck>,
    inbox: &Sender<Msg>,
) {
    if let Some(Err(e)) = pending.map(crate::load::catalog::Pending::write) {
        let _ = inbox.send(Msg::CacheProblem(e));
    }
    if let Some(front) = front {
        let _ = front.write();
    }
    if let Some(recheck) = recheck {
        let tx = inbox.clone();
        let changed = move |files| {
            let _ = tx.send(Msg::FilesChanged(files));
        };
        if let Err(e) = recheck.run(changed) {
            let _ = inbox.send(Msg::CacheProblem(e));
        }
    }
}

/// Gives the row of `open` that exact path: the scan may spell it otherwise (`./a.txt`, a path
/// through a symbolic link). A row is compared on the disk only when its file name matches.
fn respell(lib: &mut Library, open: &Path) {
    if super::links::index_of_path(lib, open).is_some() {
        return;
    }
    let (Some(name), Ok(wanted)) = (open.file_name(), open.canonicalize()) else {
        return;
    };
    let found = lib.entries.iter_mut().find(|e| {
        e.row.path().is_some_and(|p| {
            p.file_name() == Some(name) && p.canonicalize().ok().as_ref() == Some(&wanted)
        })
    });
    if let Some(e) = found {
        e.row.edit(|h| h.path = Some(open.to_path_buf()));
    }
}

impl App {
    /// Whether the library is still being read (the loop should look again soon).
    pub fn library_pending(&self) -> bool {
        self.arriving.is_some()
    }

    /// Takes the whole library from `scan`, already read or being read (what
    /// [`App::read_library_in_background`] starts; a test hands over one already done).
    pub fn arrive_from(&mut self, scan: Scan) {
        self.arriving = Some(scan);
    }

    /// Starts reading the whole library on a worker; its news comes through the inbox.
    pub fn read_library_in_background(&mut self, wanted: Wanted) {
        self.arriving = Some(Scan::start(wanted, self.inbox.sender()));
    }

    /// The library worker is done, as it reports, through [`App::update`]: the scanned library
    /// takes the list's place; true when the screen changed.
    pub fn poll_library(&mut self) -> bool {
        self.update(Msg::LibraryRead) != Effect::Quiet
    }

    /// Takes the scanned library when it has come; true when the screen changed. Never waits.
    pub(super) fn take_library(&mut self) -> bool {
        let Some(scan) = &self.arriving else {
            return false;
        };
        match scan.try_take() {
            Ok(Some(lib)) => {
                self.arriving = None;
                self.library_arrived(lib);
                true
            }
            Ok(None) => false,
            Err(()) => {
                // The worker is gone without a library: the reader keeps its one article.
                self.arriving = None;
                if self.status.as_ref().is_some_and(|s| s.text == READING) {
                    self.status = None;
                    return true;
                }
                false
            }
        }
    }

    /// Waits for the library still being read, for an action that needs all of it (following
    /// a link, searching); at once when there is none.
    pub fn await_library(&mut self) {
        if let Some(scan) = self.arriving.take()
            && let Some(lib) = scan.wait()
        {
            self.library_arrived(lib);
        }
    }

    /// Puts the whole library in the place of the one article read first: the open article,
    /// the selection and the history stay on the same files, its related headlines are looked
    /// up again, and the skipped files (those known before first) are counted in the status.
    pub fn library_arrived(&mut self, mut lib: Library) {
        let path_of = |lib: &Library, i: usize| lib.entries.get(i).and_then(|e| e.row.path_buf());
        let selected = path_of(&self.library, self.list.selected);
        let open = self
            .reading
            .open
            .as_ref()
            .and_then(|r| path_of(&self.library, r.index));
        let places: Vec<Option<PathBuf>> = self
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
        // The article shown must stay: a file the scan does not take (an unusual extension, a
        // hidden folder) keeps the row it was read into.
        let old = std::mem::take(&mut self.library);
        for e in old.entries {
            let kept = e.row.path().is_some_and(|p| {
                Some(p) == open.as_deref() && super::links::index_of_path(&lib, p).is_none()
            });
            if kept {
                lib.entries.push(e);
            }
        }
        lib.sort();
        let mut problems = old.problems;
        for p in lib.problems.drain(..) {
            if !problems.contains(&p) {
                problems.push(p);
            }
        }
        lib.problems = problems;
        self.library = lib;
        let index_of = |lib: &Library, p: Option<&Path>| super::links::index_of_path(lib, p?);

        self.reading.forget_pages();
        let previewing = self.cancel_preview().is_some();
        self.titles = super::links::TitleIndex::default();
        let n = self.library.entries.len();
        self.list.read = vec![false; n];
        for p in &read {
            if let Some(i) = index_of(&self.library, Some(p)) {
                self.list.read[i] = true;
            }
        }
        self.list.selected = index_of(&self.library, selected.as_deref())
            .unwrap_or(0)
            .min(n.saturating_sub(1));
        match index_of(&self.library, open.as_deref()) {
            Some(i) => {
                if let Some(r) = self.reading.open.as_mut() {
                    r.index = i;
                    // Headlines resolved against the one article are resolved again.
                    r.related_pending = r.article.related.iter().any(|x| x.path.is_none());
                }
            }
            None => {
                self.reading.open = None;
                self.reading.find = None;
                if matches!(self.mode, Mode::Reader | Mode::Find | Mode::FindPrompt) {
                    self.mode = Mode::List;
                }
            }
        }
        let lib = &self.library;
        let mut k = 0;
        let mut keep = |pl: &mut super::history::Place| {
            let found = index_of(lib, places[k].as_deref());
            k += 1;
            found.map(|i| pl.index = i).is_some()
        };
        self.reading.history.back.retain_mut(&mut keep);
        self.reading.history.forward.retain_mut(&mut keep);
        // Rows, sort, filter and marks (kept by content id) follow the new library.
        self.library_changed();
        self.index_titles_in_background();
        self.start_index();
        if previewing {
            self.preview_selection();
        }
        if self.status.as_ref().is_some_and(|s| s.text == READING) {
            self.status = None;
        }
        if !self.library.problems.is_empty() {
            self.status = self.skipped_status();
        }
    }

    /// Gives the open article the backlinks the background pass found for it, laying its page
    /// out again; true when they changed.
    pub(super) fn show_backlinks(&mut self) -> bool {
        let Some(all) = self.library.backlinks.get() else {
            return false;
        };
        let Some(r) = self.reading.open.as_ref() else {
            return false;
        };
        let Some(path) = r.article.path.as_deref() else {
            return false;
        };
        let found = all.get(path).unwrap_or_default();
        if found == r.article.backlinks {
            return false;
        }
        let (index, width, pending) = (r.index, r.width, r.related_pending);
        let mut article = r.article.clone();
        std::sync::Arc::make_mut(&mut article).backlinks = found;
        // The page cached for this article lacks them.
        self.reading.forget_pages();
        let page = self.page_with(index, &article, width, pending);
        let h = self.reader_height();
        if let Some(r) = self.reading.open.as_mut() {
            r.article = article;
            r.page = page;
            r.focus = r.focus.filter(|&t| t < r.page.targets.len());
            r.scroll = r.scroll.min(r.max_scroll(h));
        }
        true
    }
}
