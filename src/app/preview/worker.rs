//! The preview worker: one thread that loads and lays out the article the list has selected,
//! always the newest request only, and sends the page back tagged with the request.

use crate::app::Typesetter;
use crate::app::links::{self, TitleIndex};
use crate::app::msg::Msg;
use crate::article::Article;
use crate::load::library::Source;
use crate::text::typeset::{Names, Options, Page};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};

/// One preview to make: everything it needs, so the worker never touches the app.
pub struct Job {
    /// Tells the reply to this request from the replies to older ones.
    pub id: u64,
    /// Where the article comes from.
    pub source: Source,
    /// The title of each backlink the library knows (the page names backlinks by title).
    pub titles_of_backlinks: Vec<(PathBuf, String)>,
    /// Layout settings.
    pub opts: Options,
    /// The library's title index: related headlines resolve when it is ready, else they wait.
    pub titles: TitleIndex,
    /// Lays the article out.
    pub typeset: Typesetter,
}

/// A preview made, or why it could not be.
pub struct Reply {
    /// The request's id.
    pub id: u64,
    /// The article and its page, or the error as the status bar shows it.
    pub result: Result<Laid, String>,
}

/// A loaded and laid out article.
pub struct Laid {
    /// The parsed article (related headlines resolved when the index was ready).
    pub article: Arc<Article>,
    /// Its page.
    pub page: Arc<Page>,
    /// Related headlines wait for the title index (the page is not one to keep).
    pub related_pending: bool,
}

impl Job {
    /// Loads and lays out the article: the work kept off the keystroke path.
    fn run(self) -> Reply {
        let Job {
            id,
            source,
            titles_of_backlinks,
            opts,
            titles,
            typeset,
        } = self;
        let article = match source.load() {
            Ok(a) => a,
            Err(e) => {
                let msg = crate::sanitize::clean_line(&format!("{e:#}"));
                return Reply {
                    id,
                    result: Err(msg),
                };
            }
        };
        // The index is never built here: a preview that finds it missing waits for it.
        let unresolved = article.related.iter().any(|r| r.path.is_none());
        let resolver = titles.ready().filter(|_| unresolved);
        let related_pending = unresolved && resolver.is_none();
        let article = match resolver {
            Some(r) => links::with_related_found(article, |rel, from| {
                r.resolve_related(rel, from).map(Path::to_path_buf)
            }),
            None => article,
        };
        // Backlinks by the titles the list gave; related headlines by the library's titles
        // the index knows, as the page laid out on the main thread names them.
        let title_of = |p: &Path| {
            titles_of_backlinks
                .iter()
                .find(|(q, _)| q == p)
                .map(|(_, t)| t.clone())
                .or_else(|| Some(titles.ready()?.title_of(p)?.to_string()))
        };
        let names = Names::titles(&title_of);
        let names = if related_pending {
            names.looking_up()
        } else {
            names
        };
        let page = Arc::new(typeset(&article, &opts, &names));
        Reply {
            id,
            result: Ok(Laid {
                article,
                page,
                related_pending,
            }),
        }
    }
}

/// Something big the app is done with, freed on the worker.
pub type Trash = Box<dyn Send>;

/// The newest request not yet taken, shared with the thread.
#[derive(Default)]
struct Slot {
    job: Option<Job>,
    /// What the app handed over to be freed here: a long article and its page take
    /// milliseconds to free, which no key should wait for.
    trash: Vec<Trash>,
    /// The app is gone: the thread ends.
    closed: bool,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
}

/// The app's end of the worker thread; dropping it ends the thread once its job is done.
pub struct Worker {
    shared: Arc<Shared>,
}

impl Worker {
    /// Starts the thread, which sends its replies into the app's inbox through `tx`; `None`
    /// when the system cannot.
    pub fn start(tx: Sender<Msg>) -> Option<Worker> {
        let shared = Arc::new(Shared::default());
        let theirs = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("byline-preview".into())
            .spawn(move || {
                let gone = Gone(tx.clone());
                serve(&theirs, &tx);
                // A thread that ends on its own (the app is gone) has nothing to report.
                std::mem::forget(gone);
            })
            .ok()?;
        Some(Worker { shared })
    }

    /// Hands `job` to the thread in place of any request it has not started: only the newest
    /// preview matters, so a held key never queues work.
    pub fn send(&self, job: Job) {
        if let Ok(mut slot) = self.shared.slot.lock() {
            slot.job = Some(job);
            self.shared.wake.notify_one();
        }
    }

    /// Has the thread free `trash` once it is done with the preview in hand.
    pub fn discard(&self, trash: Trash) {
        if let Ok(mut slot) = self.shared.slot.lock() {
            slot.trash.push(trash);
            self.shared.wake.notify_one();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Ok(mut slot) = self.shared.slot.lock() {
            slot.closed = true;
            slot.job = None;
            self.shared.wake.notify_one();
        }
    }
}

/// Says in the inbox that the thread is gone when it unwinds (a panic in a parser or the
/// typesetter), so the preview it owed is not waited for.
struct Gone(Sender<Msg>);

impl Drop for Gone {
    fn drop(&mut self) {
        let _ = self.0.send(Msg::PreviewGone);
    }
}

/// The thread: takes the newest request, works, replies, frees what it was given; ends when
/// the app is gone.
fn serve(shared: &Shared, tx: &Sender<Msg>) {
    loop {
        let (job, trash) = {
            let Ok(mut slot) = shared.slot.lock() else {
                return;
            };
            while !slot.closed && slot.job.is_none() && slot.trash.is_empty() {
                slot = match shared.wake.wait(slot) {
                    Ok(s) => s,
                    Err(_) => return,
                };
            }
            if slot.closed {
                return;
            }
            (slot.job.take(), std::mem::take(&mut slot.trash))
        };
        if let Some(job) = job {
            let reply = job.run();
            // A newer request already waiting makes this reply stale: it is freed here rather
            // than by the app, which would only drop it.
            let superseded = shared.slot.lock().map_or(true, |s| s.job.is_some());
            if !superseded && tx.send(Msg::Preview(reply)).is_err() {
                return;
            }
        }
        drop(trash);
    }
}
