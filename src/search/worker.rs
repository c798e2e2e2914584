//! The search worker: a thread that indexes the library and answers the newest query only.
//!
//! The interface sends every keystroke's query with [`Searcher::query`] and polls
//! [`Searcher::try_results`] on its tick. Queries that pile up while a search runs are coalesced
//! (only the newest is run) and results for anything but the newest query are dropped, so typing
//! never waits and stale lists never flash up.

use super::{Doc, Hit, Index};
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often, while indexing, the current query is re-run so its results grow with the index.
const REFRESH: Duration = Duration::from_millis(250);

/// How often, while indexing, the worker says it has news (progress to show).
const PROGRESS: Duration = Duration::from_millis(100);

/// What the worker calls when it has news: results sent, or indexing moved on.
type News = Arc<Mutex<Option<Box<dyn Fn() + Send>>>>;

/// The results of one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The generation [`Searcher::query`] returned for the query.
    pub generation: u64,
    /// The query as sent.
    pub query: String,
    /// The best hits, best first, at most [`Searcher::LIMIT`].
    pub hits: Vec<Hit>,
    /// How many documents match in all (`hits` holds at most [`Searcher::LIMIT`] of them).
    pub matched: usize,
    /// How many documents had been read (indexed or skipped) when the query ran.
    pub indexed: usize,
    /// How many documents there are to read.
    pub total: usize,
}

/// One query for the worker.
pub(super) struct Request {
    pub(super) generation: u64,
    pub(super) query: String,
}

/// What the worker is asked.
pub(super) enum Ask {
    /// Answer this query (and drop older ones).
    Query(Request),
    /// These article files were added, changed or removed (the persistent index applies them;
    /// the in-memory one is built again by its owner instead).
    Changed(Vec<PathBuf>),
}

/// What answers queries: the in-memory index, or the persistent one.
pub(super) trait Answers {
    /// The best `limit` hits for `query` and how many documents match in all.
    fn answer(&self, query: &str, limit: usize) -> (Vec<Hit>, usize);
}

impl Answers for Index {
    fn answer(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        self.search_counted(query, limit)
    }
}

/// What the searcher and its worker share.
#[derive(Clone, Default)]
pub(super) struct Shared {
    /// Called when there is news for the searcher's owner.
    pub(super) news: News,
    /// Documents read so far.
    pub(super) read: Arc<AtomicUsize>,
    /// Documents to read in all.
    pub(super) total: Arc<AtomicUsize>,
    /// A line for the status bar (why the persistent index is not used), taken once.
    pub(super) note: Arc<Mutex<Option<String>>>,
    /// Whether the note says the cache folder could not be written (not another byline's lock).
    pub(super) unwritable: Arc<AtomicBool>,
    /// Whether the persistent index answers, and so takes file changes.
    pub(super) live: Arc<AtomicBool>,
}

/// A handle on the search worker thread. Dropping it stops the worker.
pub struct Searcher {
    requests: Sender<Ask>,
    results: Receiver<Results>,
    shared: Shared,
    generation: Cell<u64>,
}

impl Searcher {
    /// The most hits a query returns.
    pub const LIMIT: usize = 100;

    /// Starts a worker that parses and indexes `paths` (with [`super::doc_of_file`], skipping
    /// files that fail) and then answers queries. A hit's id is its file's index in `paths`.
    /// Queries are answered from the first keystroke, over what has been indexed so far.
    pub fn spawn(paths: Vec<PathBuf>) -> Searcher {
        let total = paths.len();
        let docs = paths
            .into_iter()
            .enumerate()
            .map(|(id, path)| super::doc_of_file(id, &path));
        Self::from_iter(total, docs)
    }

    /// Starts a worker over documents already in memory (ids as given).
    pub fn from_docs(docs: Vec<Doc>) -> Searcher {
        Self::from_iter(docs.len(), docs.into_iter().map(Some))
    }

    /// Starts a worker that indexes whatever `docs` yields, on the worker thread: `total` is how
    /// many items it will yield (for progress), and a `None` item counts as read but adds nothing.
    /// Use it to index articles as another thread parses them, e.g. from a channel's `into_iter`;
    /// queries are answered between items, so they wait while the iterator blocks.
    pub fn from_iter<I>(total: usize, docs: I) -> Searcher
    where
        I: IntoIterator<Item = Option<Doc>>,
        I::IntoIter: Send + 'static,
    {
        let docs = docs.into_iter();
        Self::start(total, move |worker| worker.run(docs))
    }

    /// Starts a worker that keeps the library's index in the cache folder at `place`
    /// ([`super::disk`]): brought up to date with the files of `paths` (a hit's id is its
    /// index in `paths`; a `None` is not searched), then answering queries and taking file
    /// changes ([`Searcher::files_changed`]). When that index cannot be used (another byline
    /// writes it, the folder cannot be written) it indexes in memory as [`Searcher::spawn`]
    /// does, and says why once ([`Searcher::take_note`]).
    pub fn persistent(place: super::disk::Place, paths: Vec<Option<PathBuf>>) -> Searcher {
        Self::start(paths.len(), move |worker| {
            super::disk::serve::run(worker, &place, paths);
        })
    }

    /// Starts the worker thread with `run`.
    fn start(total: usize, run: impl FnOnce(Worker) + Send + 'static) -> Searcher {
        let (requests, request_rx) = mpsc::channel();
        let (result_tx, results) = mpsc::channel();
        let shared = Shared::default();
        shared.total.store(total, Ordering::Relaxed);
        let worker = Worker {
            requests: request_rx,
            results: result_tx,
            shared: shared.clone(),
            told: Instant::now(),
            current: None,
            answered: None,
            changed: Vec::new(),
            names: None,
        };
        // If the thread cannot start, queries simply never get results; the reader still works.
        let _ = std::thread::Builder::new()
            .name("byline-search".into())
            .spawn(move || run(worker));
        Searcher {
            requests,
            results,
            shared,
            generation: Cell::new(0),
        }
    }

    /// Tells the worker that these article files (as the library spells them) were added,
    /// changed or removed. True when it takes them (the persistent index, applied in batches);
    /// false when the owner must build the index again instead.
    pub fn files_changed(&self, paths: Vec<PathBuf>) -> bool {
        self.shared.live.load(Ordering::Relaxed) && self.requests.send(Ask::Changed(paths)).is_ok()
    }

    /// Why the persistent index is not used, once (for the status bar).
    pub fn take_note(&self) -> Option<String> {
        self.shared.note.lock().ok()?.take()
    }

    /// Sends `query` to the worker and returns its generation, which its [`Results`] will carry.
    /// Never blocks.
    pub fn query(&self, query: String) -> u64 {
        let generation = self.generation.get() + 1;
        self.generation.set(generation);
        // A send fails only when the worker is gone; there is nothing better to do than no results.
        let _ = self
            .requests
            .send(Ask::Query(Request { generation, query }));
        generation
    }

    /// The newest results for the latest query, if any arrived since the last call. Results for
    /// earlier queries are dropped. Never blocks.
    pub fn try_results(&self) -> Option<Results> {
        let mut newest = None;
        while let Ok(r) = self.results.try_recv() {
            if r.generation == self.generation.get() {
                newest = Some(r);
            }
        }
        newest
    }

    /// Waits up to `timeout` for results for the latest query (for tests and batch use).
    pub fn wait_results(&self, timeout: Duration) -> Option<Results> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let r = self.results.recv_timeout(left).ok()?;
            if r.generation == self.generation.get() {
                // Later copies (re-runs as indexing grew) are newer still.
                return Some(self.try_results().unwrap_or(r));
            }
        }
    }

    /// Has the worker call `tell` whenever it has news: results sent (take them with
    /// [`Searcher::try_results`]), or indexing moved on (see [`Searcher::progress`]). The
    /// reader uses it to put a message in its inbox instead of polling.
    pub fn on_news(&self, tell: impl Fn() + Send + 'static) {
        if let Ok(mut n) = self.shared.news.lock() {
            *n = Some(Box::new(tell));
        }
    }

    /// Whether the note ([`Searcher::take_note`]) says the index could not be written in the
    /// cache folder (full, read-only, not a folder), the trouble the catalogue's save may have
    /// said already; false for a note of another kind (another byline holds the index).
    pub fn cache_unwritable(&self) -> bool {
        self.shared.unwritable.load(Ordering::Relaxed)
    }

    /// Indexing progress: (documents read, documents in all), e.g. for `indexing 3,200/10,000`.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.shared.read.load(Ordering::Relaxed),
            self.shared.total.load(Ordering::Relaxed),
        )
    }

    /// Whether every document has been read.
    pub fn is_ready(&self) -> bool {
        let (read, total) = self.progress();
        read >= total
    }
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (read, total) = self.progress();
        f.debug_struct("Searcher")
            .field("generation", &self.generation.get())
            .field("read", &read)
            .field("total", &total)
            .finish()
    }
}

/// The worker thread's state.
pub(super) struct Worker {
    requests: Receiver<Ask>,
    results: Sender<Results>,
    pub(super) shared: Shared,
    /// When news was last told.
    told: Instant,
    /// The newest query received.
    current: Option<Request>,
    /// When the current query was last answered, and how many documents had been read then;
    /// `None` if not yet.
    answered: Option<(Instant, usize)>,
    /// Files reported changed and not yet applied.
    pub(super) changed: Vec<PathBuf>,
    /// The file of each document id, when hits must name their file though the index only
    /// knows ids (the persistent index's owner keeps no list of ids; its fallback to memory
    /// fills hits from this).
    pub(super) names: Option<Vec<Option<PathBuf>>>,
}

/// Why the worker stops.
pub(super) struct Stop;

impl Worker {
    /// Indexes `docs` in memory, then answers queries until the searcher is dropped.
    pub(super) fn run(mut self, docs: impl Iterator<Item = Option<Doc>>) {
        let mut index = Index::new();
        // Either step stops early, with `Stop`, when the searcher has been dropped.
        if self.index_all(docs, &mut index).is_ok() {
            index.shrink_to_fit();
            let _ = self.serve(&index);
        }
    }

    /// Reads every document into `index`, answering queries between documents.
    fn index_all(
        &mut self,
        docs: impl Iterator<Item = Option<Doc>>,
        index: &mut Index,
    ) -> Result<(), Stop> {
        for doc in docs {
            let fresh = self.drain()?;
            if fresh || self.stale() {
                self.answer(index)?;
            }
            if let Some(doc) = doc {
                index.add(&doc);
            }
            self.shared.read.fetch_add(1, Ordering::Relaxed);
            if self.told.elapsed() >= PROGRESS {
                self.tell();
            }
        }
        // Every document read: the progress line gives way to the count.
        self.tell();
        // Give the query being shown its results over the whole library.
        if self.answered.is_some_and(|(_, read)| read != self.read()) || self.drain()? {
            self.answer(index)?;
        }
        Ok(())
    }

    /// Answers queries until the searcher is dropped.
    fn serve(&mut self, index: &Index) -> Result<(), Stop> {
        loop {
            self.wait(None)?;
            self.changed.clear();
            self.drain()?;
            self.answer(index)?;
        }
    }

    /// Waits up to `timeout` (for ever with `None`) for something to be asked, and takes it:
    /// a query becomes the current one, changed files are added to [`Worker::changed`].
    /// Returns false when the time ran out.
    pub(super) fn wait(&mut self, timeout: Option<Duration>) -> Result<bool, Stop> {
        let ask = match timeout {
            None => self.requests.recv().map_err(|_| Stop)?,
            Some(t) => match self.requests.recv_timeout(t) {
                Ok(ask) => ask,
                Err(mpsc::RecvTimeoutError::Timeout) => return Ok(false),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(Stop),
            },
        };
        self.take(ask);
        Ok(true)
    }

    /// Takes one request; true when it was a query.
    fn take(&mut self, ask: Ask) -> bool {
        match ask {
            Ask::Query(r) => {
                self.current = Some(r);
                self.answered = None;
                true
            }
            Ask::Changed(paths) => {
                self.changed.extend(paths);
                false
            }
        }
    }

    /// How many documents have been read so far.
    pub(super) fn read(&self) -> usize {
        self.shared.read.load(Ordering::Relaxed)
    }

    /// Whether the current query was answered over fewer documents than have been read, long
    /// enough ago that it is worth answering again.
    pub(super) fn stale(&self) -> bool {
        self.answered
            .is_some_and(|(at, read)| read != self.read() && at.elapsed() >= REFRESH)
    }

    /// Takes every queued request, keeping only the newest query. Returns whether there was a
    /// query.
    pub(super) fn drain(&mut self) -> Result<bool, Stop> {
        let mut fresh = false;
        loop {
            match self.requests.try_recv() {
                Ok(ask) => fresh |= self.take(ask),
                Err(TryRecvError::Empty) => return Ok(fresh),
                Err(TryRecvError::Disconnected) => return Err(Stop),
            }
        }
    }

    /// Runs the current query and sends its results.
    pub(super) fn answer(&mut self, index: &dyn Answers) -> Result<(), Stop> {
        let Some(req) = &self.current else {
            return Ok(());
        };
        let read = self.read();
        let (mut hits, matched) = index.answer(&req.query, Searcher::LIMIT);
        if let Some(names) = &self.names {
            for h in hits.iter_mut().filter(|h| h.path.is_none()) {
                h.path = names.get(h.id).cloned().flatten();
            }
        }
        let results = Results {
            generation: req.generation,
            query: req.query.clone(),
            hits,
            matched,
            indexed: read,
            total: self.shared.total.load(Ordering::Relaxed),
        };
        self.results.send(results).map_err(|_| Stop)?;
        self.answered = Some((Instant::now(), read));
        self.tell();
        Ok(())
    }

    /// Whether there is a query to answer.
    pub(super) fn current_is_some(&self) -> bool {
        self.current.is_some()
    }

    /// Whether the current query was answered over fewer documents than have been read.
    pub(super) fn current_answered_over_less(&self) -> bool {
        self.answered.is_some_and(|(_, read)| read != self.read())
    }

    /// Whether a query came that has not been answered yet.
    pub(super) fn unanswered(&self) -> bool {
        self.current.is_some() && self.answered.is_none()
    }

    /// Tells the owner of progress, at most every [`PROGRESS`].
    pub(super) fn progress_tick(&mut self) {
        if self.told.elapsed() >= PROGRESS {
            self.tell();
        }
    }

    /// Says `why` once in the status bar (through the news hook); `unwritable` when it is that
    /// the cache folder could not be written ([`Searcher::cache_unwritable`]).
    pub(super) fn note(&mut self, why: String, unwritable: bool) {
        self.shared.unwritable.store(unwritable, Ordering::Relaxed);
        if let Ok(mut n) = self.shared.note.lock() {
            *n = Some(why);
        }
        self.tell();
    }

    /// Calls the owner's news hook, if it set one.
    pub(super) fn tell(&mut self) {
        self.told = Instant::now();
        if let Ok(n) = self.shared.news.lock()
            && let Some(tell) = n.as_ref()
        {
            tell();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(generation: u64, query: &str) -> Results {
        Results {
            generation,
            query: query.into(),
            hits: Vec::new(),
            matched: 0,
            indexed: 0,
            total: 0,
        }
    }

    /// A searcher whose worker end the test plays by hand.
    fn by_hand() -> (Searcher, Receiver<Ask>, Sender<Results>) {
        let (requests, request_rx) = mpsc::channel();
        let (result_tx, results) = mpsc::channel();
        let s = Searcher {
            requests,
            results,
            shared: Shared::default(),
            generation: Cell::new(0),
        };
        (s, request_rx, result_tx)
    }

    #[test]
    fn the_news_hook_is_called_when_results_are_sent() {
        let docs = vec![Doc {
            id: 0,
            title: "Ferry".into(),
            blocks: vec!["The ferry to Ostervik left at dawn.".into()],
        }];
        let s = Searcher::from_docs(docs);
        let (tx, rx) = mpsc::channel();
        s.on_news(move || {
            let _ = tx.send(());
        });
        s.query("ferry".into());
        let deadline = Instant::now() + Duration::from_secs(20);
        // Each time it is told, the news is there to take; the last results are over the
        // whole library (the first may be over what was indexed when the query came).
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            rx.recv_timeout(left).expect("the worker tells its news");
            if let Some(r) = s.try_results().filter(|r| r.indexed == r.total) {
                assert_eq!(r.query, "ferry");
                assert_eq!(r.hits.len(), 1);
                break;
            }
        }
    }

    #[test]
    fn results_for_an_older_query_are_dropped() {
        let (s, _rx, tx) = by_hand();
        let first = s.query("ferr".into());
        let second = s.query("ferry".into());
        tx.send(results(first, "ferr")).unwrap();
        assert_eq!(s.try_results(), None);
        tx.send(results(first, "ferr")).unwrap();
        tx.send(results(second, "ferry")).unwrap();
        assert_eq!(s.try_results().map(|r| r.query), Some("ferry".into()));
        assert_eq!(s.try_results(), None, "each result is handed out once");
    }

    #[test]
    fn queued_queries_are_coalesced_to_the_newest() {
        let (requests, request_rx) = mpsc::channel();
        let (results, _result_rx) = mpsc::channel();
        let mut w = Worker {
            requests: request_rx,
            results,
            shared: Shared::default(),
            told: Instant::now(),
            current: None,
            answered: None,
            changed: Vec::new(),
            names: None,
        };
        for (g, q) in [(1, "f"), (2, "fe"), (3, "fer")] {
            requests
                .send(Ask::Query(Request {
                    generation: g,
                    query: q.into(),
                }))
                .unwrap();
        }
        assert!(w.drain().is_ok_and(|fresh| fresh));
        assert_eq!(w.current.as_ref().map(|r| r.generation), Some(3));
        assert!(w.drain().is_ok_and(|fresh| !fresh));
        drop(requests);
        assert!(w.drain().is_err(), "a dropped searcher stops the worker");
    }
}
