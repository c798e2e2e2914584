//! The list preview, kept off the keystroke path: moving the selection asks a worker thread for
//! the article ([`worker`]) and the key is done. Until the page comes back the reading pane shows
//! what the list row knows (headline, byline, date) and "loading…". A reply to anything but the
//! newest request (the selection moved on, the width changed, the library was re-read) is
//! dropped; opening with the focus still loads at once, on the loop's thread.

mod worker;

use super::App;
use super::links;
use super::reader::{At, Reader};
use crate::article::Article;
use crate::load::row::ListRow;
use crate::text::typeset::{self, Options, Page};
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use worker::Reply;
use worker::{Job, Worker};

/// What the reading pane says in place of the reading time while the article loads.
pub const LOADING: &str = "loading…";

/// The preview worker and the request the app waits for.
#[derive(Default)]
pub struct Preview {
    /// Started with the first preview.
    worker: Option<Worker>,
    /// The id of the last request made.
    last_id: u64,
    /// The request whose reply the reading pane waits for.
    pending: Option<Pending>,
}

/// A preview asked for and not yet shown.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The request's id: replies with another are stale.
    pub id: u64,
    /// The library entry.
    pub index: usize,
    /// The layout asked for.
    pub opts: Options,
    /// What the pane shows meanwhile: the entry's header from its list row.
    pub page: Arc<Page>,
}

impl Preview {
    /// The preview waited for, if any.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    /// Stops waiting: a reply to the request that was pending will be dropped.
    fn cancel(&mut self) -> Option<Pending> {
        self.pending.take()
    }

    /// Frees `trash` on the worker when there is one (an article and its page can take
    /// milliseconds to free, and the loop's thread has keys to answer), else here.
    fn discard(&self, trash: impl Send + 'static) {
        if let Some(w) = &self.worker {
            w.discard(Box::new(trash));
        }
    }
}

/// An article with only what a list row knows, for the header shown while the article loads.
fn header_of(row: &ListRow) -> Article {
    Article {
        // The URL stays out, as it did when the fields were copied one by one.
        header: crate::article::Header {
            url: None,
            ..row.header()
        },
        ..Article::default()
    }
}

impl App {
    /// Asks the worker for library entry `index` as the reading pane would show it (without the
    /// focus, never marked read); the pane shows the entry's list row until the page arrives.
    /// Nothing here reads the file or grows with the article.
    pub(super) fn request_preview(&mut self, index: usize) {
        let source = match self.library.source(index) {
            Ok(s) => s,
            Err(e) => {
                self.cancel_preview();
                self.reading.open = None;
                self.complain(crate::sanitize::clean_line(&format!("{e:#}")));
                return;
            }
        };
        if self.preview.worker.is_none() {
            self.preview.worker = Worker::start(self.inbox.sender());
        }
        let Some(worker) = self.preview.worker.as_ref() else {
            // No thread to be had: the preview is made here, as before there was a worker.
            self.open_with(index, false, false, At::Saved);
            return;
        };
        let opts = self.preview_options();
        let library = &self.library;
        // The page names backlinks by their articles' titles. Each is looked up in the list as
        // the synchronous page does; they are few, known only once the backlinks pass is done.
        let titles_of_backlinks = source
            .backlinks()
            .iter()
            .filter_map(|p| {
                let i = links::index_of_path(library, p)?;
                Some((p.clone(), library.entries[i].row.title().to_string()))
            })
            .collect();
        self.preview.last_id += 1;
        let id = self.preview.last_id;
        worker.send(Job {
            id,
            source,
            titles_of_backlinks,
            opts,
            titles: self.titles.clone(),
            typeset: self.typeset,
        });
        let head = header_of(&library.entries[index].row);
        let page = Arc::new(typeset::typeset_header(&head, &opts, LOADING));
        // The article shown before is not the selection's: it does not stay under it.
        if let Some(old) = self.reading.open.take() {
            self.preview.discard(old);
        }
        self.preview.pending = Some(Pending {
            id,
            index,
            opts,
            page,
        });
    }

    /// The layout a preview is asked for with now.
    fn preview_options(&self) -> Options {
        Options {
            width: self.reader_width(),
            measure: self.measure,
            justify: self.justify,
            pictures: self.pictures.is_some(),
        }
    }

    /// Forgets the pending preview, if any, so its reply is dropped; its library index.
    pub(super) fn cancel_preview(&mut self) -> Option<usize> {
        self.preview.cancel().map(|p| p.index)
    }

    /// Asks again when the reading pane's width or the layout settings changed while a preview
    /// was pending (the reply would be laid out for the old ones).
    pub(super) fn refresh_preview(&mut self) {
        if let Some(p) = self.preview.pending()
            && p.opts != self.preview_options()
        {
            let index = p.index;
            self.request_preview(index);
        }
    }

    /// Whether the reading pane waits for a preview (the loop should look for it soon).
    pub fn preview_pending(&self) -> bool {
        self.preview.pending.is_some()
    }

    /// Shows the pending preview if the worker has sent it, without waiting; true when the
    /// screen changed (the article, or an error in the status bar).
    pub fn poll_preview(&mut self) -> bool {
        self.hear_preview(Some(Instant::now()))
    }

    /// [`App::poll_preview`], waiting up to `timeout` for the reply.
    pub fn wait_preview(&mut self, timeout: Duration) -> bool {
        self.hear_preview(Some(Instant::now() + timeout))
    }

    /// Waits for the pending preview, however long the worker takes, and shows it (for tests
    /// and benchmarks: what the screen is once the worker is done).
    pub fn settle(&mut self) {
        self.hear_preview(None);
    }

    /// Takes messages from the inbox, each through [`App::update`], until the pending preview
    /// came (or `deadline`); true when the screen changed.
    fn hear_preview(&mut self, deadline: Option<Instant>) -> bool {
        let mut changed = false;
        while self.preview.pending.is_some() {
            let timeout = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let Some(msg) = self.inbox.next(timeout) else {
                break;
            };
            changed |= self.update(msg) != super::Effect::Quiet;
        }
        changed
    }

    /// The preview worker's reply: shown when it answers the pending request, else freed.
    pub(super) fn preview_came(&mut self, reply: Reply) -> bool {
        if self
            .preview
            .pending
            .as_ref()
            .is_some_and(|p| p.id == reply.id)
        {
            self.show_preview(reply)
        } else {
            self.preview.discard(reply);
            false
        }
    }

    /// The preview worker died (a panic): the preview it owed is made here, the next one by
    /// a new worker.
    pub(super) fn preview_gone(&mut self) -> bool {
        self.preview.worker = None;
        let Some(index) = self.cancel_preview() else {
            return false;
        };
        self.open_with(index, false, false, At::Saved);
        self.refresh_find();
        true
    }

    /// Puts the reply to the pending request in the reading pane (or its error in the status
    /// bar); true when the screen changed.
    fn show_preview(&mut self, reply: Reply) -> bool {
        let Some(p) = self.preview.cancel() else {
            return false;
        };
        let laid = match reply.result {
            Ok(laid) => laid,
            Err(msg) => {
                self.complain(msg);
                return true;
            }
        };
        if p.opts != self.preview_options() {
            // Laid out for settings that changed since: asked again.
            self.preview.discard(laid);
            self.request_preview(p.index);
            return false;
        }
        let page = if laid.related_pending {
            // A page naming headlines unresolved only until the index is ready is not one to keep.
            laid.page
        } else {
            let (page, evicted) = self.reading.cache.put(p.index, p.opts, laid.page);
            self.preview.discard(evicted);
            page
        };
        let reader = Reader {
            index: p.index,
            article: laid.article,
            page,
            width: p.opts.width,
            scroll: 0,
            focus: None,
            related_pending: laid.related_pending,
        };
        self.show(reader, At::Saved);
        self.refresh_find();
        true
    }
}
