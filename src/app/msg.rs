//! The one door into the model: everything that is not a key (the terminal's events, the
//! workers' news, time passing) arrives as a [`Msg`] in one channel, the [`Inbox`], and the
//! loop hands each to [`App::update`](super::App::update) as it hands it keys.

use super::Action;
use super::preview::Reply;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// Something that happened outside the model.
pub enum Msg {
    /// The terminal sent an event (a key, the mouse, a new size), read on its own thread.
    Terminal(crossterm::event::Event),
    /// The terminal can no longer be read (the error): the reader ends.
    TerminalLost(String),
    /// The preview worker made (or failed to make) a requested preview.
    Preview(Reply),
    /// The preview worker's thread ended (a panic): a preview it owed is made on the loop.
    PreviewGone,
    /// The title index is built: related headlines that waited for it resolve.
    TitlesReady,
    /// The title and source orders a worker made: the list takes them unless its library
    /// changed since.
    SortsReady(super::view::SortOrders),
    /// The backlinks pass is done: the open article may be linked from others.
    BacklinksReady,
    /// The worker reading the whole library (a file was opened first) is done: the library is
    /// ready to take, or the worker ended without one.
    LibraryRead,
    /// The search worker sent results or read more of the library.
    SearchNews,
    /// Article files were created, changed or removed.
    FilesChanged(Vec<PathBuf>),
    /// The picture worker has a picture ready (or failed one): the pane draws it.
    PictureReady,
    /// A cache (the catalogue of list rows) could not be saved: the one line for the status
    /// bar. The reader goes on as it would without one.
    CacheProblem(String),
    /// The first frame is on screen: library-sized work starts (the title index, every mark).
    FirstFrame,
    /// Time passed with nothing else to do: a debounced save may be due.
    Tick(Instant),
    /// The save worker finished a save: its outcome is taken from the store.
    Saved,
    /// Something done for the model outside it failed (the loop opening a browser, the session
    /// reading the saved state): the status bar shows the message, made safe, as an error.
    Failed(String),
    /// The terminal is about to be given to the shell (a suspend), which may start another
    /// byline or never resume this one: the marks are saved now.
    Leaving,
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Msg::Terminal(e) => write!(f, "Terminal({e:?})"),
            Msg::TerminalLost(e) => write!(f, "TerminalLost({e})"),
            Msg::Preview(r) => write!(f, "Preview(#{})", r.id),
            Msg::PreviewGone => write!(f, "PreviewGone"),
            Msg::TitlesReady => write!(f, "TitlesReady"),
            Msg::SortsReady(_) => write!(f, "SortsReady"),
            Msg::BacklinksReady => write!(f, "BacklinksReady"),
            Msg::LibraryRead => write!(f, "LibraryRead"),
            Msg::SearchNews => write!(f, "SearchNews"),
            Msg::FilesChanged(p) => write!(f, "FilesChanged({} files)", p.len()),
            Msg::PictureReady => write!(f, "PictureReady"),
            Msg::CacheProblem(e) => write!(f, "CacheProblem({e})"),
            Msg::FirstFrame => write!(f, "FirstFrame"),
            Msg::Tick(_) => write!(f, "Tick"),
            Msg::Saved => write!(f, "Saved"),
            Msg::Failed(e) => write!(f, "Failed({e})"),
            Msg::Leaving => write!(f, "Leaving"),
        }
    }
}

/// What [`App::update`](super::App::update) is given: an action (from a key, the mouse, a test)
/// or a message.
#[derive(Debug)]
pub enum Input {
    /// Something the user asked for.
    Action(Action),
    /// Something that happened outside the model.
    Msg(Msg),
}

impl From<Action> for Input {
    fn from(a: Action) -> Input {
        Input::Action(a)
    }
}

impl From<Msg> for Input {
    fn from(m: Msg) -> Input {
        Input::Msg(m)
    }
}

/// The channel every worker and the terminal's reader send into, and the loop waits on.
pub struct Inbox {
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
}

impl Default for Inbox {
    fn default() -> Inbox {
        let (tx, rx) = mpsc::channel();
        Inbox { tx, rx }
    }
}

impl Inbox {
    /// A sender for a worker.
    pub fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }

    /// The next message, waiting up to `timeout` for one (`None`: as long as it takes).
    pub fn next(&self, timeout: Option<Duration>) -> Option<Msg> {
        match timeout {
            Some(t) if t.is_zero() => self.rx.try_recv().ok(),
            Some(t) => self.rx.recv_timeout(t).ok(),
            // The inbox holds a sender itself, so this waits until a message comes.
            None => self.rx.recv().ok(),
        }
    }
}
