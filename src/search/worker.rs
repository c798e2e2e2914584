//! The search worker: a thread that indexes the library and answers the newest query only.
//!
//! The interface sends every keystroke's query with [`Searcher::query`] and polls
//! [`Searcher::try_results`] on its tick. Queries that pile up while a search runs are coalesced
//! (only the newest is run) and results for anything but the newest query are dropped, so typing
//! never waits and stale lists never flash up.

use super::{Doc, Hit, Index};
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
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
struct Request {
    generation: u64,
    query: String,
}

/// A handle on the search worker thread. Dropping it stops the worker.
pub struct Searcher {
    requests: Sender<Request>,
    results: Receiver<Results>,
    news: News,
    generation: Cell<u64>,
    read: Arc<AtomicUsize>,
    total: usize,
}

impl Searcher {
    /// The most hits a query returns.
    pub const LIMIT: usize = 100;

    /// Starts a worker that parses and indexes `paths` (with [`crate::load::load_file`], skipping
    /// files that fail) and then answers queries. A hit's id is its file's index in `paths`.
    /// Queries are answered from the first keystroke, over what has been indexed so far.
    pub fn spawn(paths: Vec<PathBuf>) -> Searcher {
        let total = paths.len();
        let docs = paths.into_iter().enumerate().map(|(id, path)| {
            crate::load::load_file(&path)
                .ok()
                .map(|a| Doc::from_article(id, &a))
        });
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
        let (requests, request_rx) = mpsc::channel();
        let (result_tx, results) = mpsc::channel();
        let read = Arc::new(AtomicUsize::new(0));
        let news: News = Arc::default();
        let worker = Worker {
            requests: request_rx,
            results: result_tx,
            news: Arc::clone(&news),
            told: Instant::now(),
            read: Arc::clone(&read),
            total,
            current: None,
            answered: None,
        };
        // If the thread cannot start, queries simply never get results; the reader still works.
        let _ = std::thread::Builder::new()
            .name("byline-search".into())
            .spawn(move || worker.run(docs));
        Searcher {
            requests,
            results,
            news,
            generation: Cell::new(0),
            read,
            total,
        }
    }

    /// Sends `query` to the worker and returns its generation, which its [`Results`] will carry.
    /// Never blocks.
    pub fn query(&self, query: String) -> u64 {
        let generation = self.generation.get() + 1;
        self.generation.set(generation);
        // A send fails only when the worker is gone; there is nothing better to do than no results.
        let _ = self.requests.send(Request { generation, query });
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
        if let Ok(mut n) = self.news.lock() {
            *n = Some(Box::new(tell));
        }
    }

    /// Indexing progress: (documents read, documents in all), e.g. for `indexing 3,200/10,000`.
    pub fn progress(&self) -> (usize, usize) {
        (self.read.load(Ordering::Relaxed), self.total)
    }

    /// Whether every document has been read.
    pub fn is_ready(&self) -> bool {
        self.read.load(Ordering::Relaxed) >= self.total
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
struct Worker {
    requests: Receiver<Request>,
    results: Sender<Results>,
    /// Called when there is news for the searcher's owner.
    news: News,
    /// When news was last told.
    told: Instant,
    read: Arc<AtomicUsize>,
    total: usize,
    /// The newest query received.
    current: Option<Request>,
    /// When the current query was last answered, and how many documents had been read then;
    /// `None` if not yet.
    answered: Option<(Instant, usize)>,
}

/// Why the worker stops.
struct Stop;

impl Worker {
    fn run(mut self, docs: impl Iterator<Item = Option<Doc>>) {
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
            let stale = self
                .answered
                .is_some_and(|(at, read)| read != self.read() && at.elapsed() >= REFRESH);
            if fresh || stale {
                self.answer(index)?;
            }
            if let Some(doc) = doc {
                index.add(&doc);
            }
            self.read.fetch_add(1, Ordering::Relaxed);
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
            let r = self.requests.recv().map_err(|_| Stop)?;
            self.current = Some(r);
            self.drain()?;
            self.answer(index)?;
        }
    }

    /// How many documents have been read so far.
    fn read(&self) -> usize {
        self.read.load(Ordering::Relaxed)
    }

    /// Takes every queued request, keeping only the newest. Returns whether there was one.
    fn drain(&mut self) -> Result<bool, Stop> {
        let mut fresh = false;
        loop {
            match self.requests.try_recv() {
                Ok(r) => {
                    self.current = Some(r);
                    self.answered = None;
                    fresh = true;
                }
                Err(TryRecvError::Empty) => return Ok(fresh),
                Err(TryRecvError::Disconnected) => return Err(Stop),
            }
        }
    }

    /// Runs the current query and sends its results.
    fn answer(&mut self, index: &Index) -> Result<(), Stop> {
        let Some(req) = &self.current else {
            return Ok(());
        };
        let read = self.read();
        let (hits, matched) = index.search_counted(&req.query, Searcher::LIMIT);
        let results = Results {
            generation: req.generation,
            query: req.query.clone(),
            hits,
            matched,
            indexed: read,
            total: self.total,
        };
        self.results.send(results).map_err(|_| Stop)?;
        self.answered = Some((Instant::now(), read));
        self.tell();
        Ok(())
    }

    /// Calls the owner's news hook, if it set one.
    fn tell(&mut self) {
        self.told = Instant::now();
        if let Ok(n) = self.news.lock()
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
    fn by_hand() -> (Searcher, Receiver<Request>, Sender<Results>) {
        let (requests, request_rx) = mpsc::channel();
        let (result_tx, results) = mpsc::channel();
        let s = Searcher {
            requests,
            results,
            news: Arc::default(),
            generation: Cell::new(0),
            read: Arc::new(AtomicUsize::new(0)),
            total: 0,
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
            news: Arc::default(),
            told: Instant::now(),
            read: Arc::new(AtomicUsize::new(0)),
            total: 0,
            current: None,
            answered: None,
        };
        for (g, q) in [(1, "f"), (2, "fe"), (3, "fer")] {
            requests
                .send(Request {
                    generation: g,
                    query: q.into(),
                })
                .unwrap();
        }
        assert!(w.drain().is_ok_and(|fresh| fresh));
        assert_eq!(w.current.as_ref().map(|r| r.generation), Some(3));
        assert!(w.drain().is_ok_and(|fresh| !fresh));
        drop(requests);
        assert!(w.drain().is_err(), "a dropped searcher stops the worker");
    }
}
