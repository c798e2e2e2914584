//! The save worker: reading, merging and writing `state.json` off the event loop.
//!
//! The store hands it the entries changed since the last save; it waits a bounded time for the
//! lock, merges them with the file and writes it, and sends the result back, waking the loop
//! through the closure it was started with (the reader's inbox). The loop never waits on a
//! lock or a disk, except on quit, and then at most [`super::QUIT_WAIT`].

use super::file::{self, Articles};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One save for the worker.
pub(super) struct Job {
    /// The entries changed since the last save, as they are now.
    pub articles: Articles,
    /// How long the worker may wait for the lock.
    pub deadline: Instant,
    /// Whether, the lock not taken in time, the entries go to a side file (on quit).
    pub aside: bool,
    /// Whether the save may compact the log.
    pub tidy: super::log::Tidy,
}

/// What the worker did with a [`Job`].
pub(super) struct Reply {
    /// The save's outcome.
    pub result: anyhow::Result<file::Saved>,
    /// Warnings met on the way (a corrupt file moved aside).
    pub warnings: Vec<String>,
}

enum Work {
    Save(Job),
    /// A map the store no longer needs, dropped here rather than on the loop.
    Drop(Articles),
}

/// The handle the store keeps on its worker.
pub(super) struct Saver {
    work: Sender<Work>,
    replies: Receiver<Reply>,
    /// A job was sent and its reply not yet taken.
    pub busy: bool,
}

impl Saver {
    /// Starts the worker for the state in `dir`; `wake` is called after each reply is sent.
    pub fn start(
        dir: PathBuf,
        cursor: Arc<Mutex<Option<super::log::Cursor>>>,
        wake: Box<dyn Fn() + Send>,
    ) -> Saver {
        let (work_tx, work_rx) = mpsc::channel::<Work>();
        let (reply_tx, reply_rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("byline-save".into())
            .spawn(move || {
                for work in work_rx {
                    let job = match work {
                        Work::Save(job) => job,
                        Work::Drop(map) => {
                            drop(map);
                            continue;
                        }
                    };
                    let mut warnings = Vec::new();
                    let dirty: BTreeSet<String> = job.articles.keys().cloned().collect();
                    // Only this thread and a save on the loop that could not take it use it.
                    let mut cursor = cursor
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    let result = super::log::save(
                        &dir,
                        &job.articles,
                        &dirty,
                        &mut warnings,
                        file::Wait {
                            until: job.deadline,
                            aside: job.aside,
                        },
                        &mut cursor,
                        job.tidy,
                    );
                    drop(cursor);
                    if reply_tx.send(Reply { result, warnings }).is_err() {
                        return;
                    }
                    wake();
                }
            });
        if spawned.is_err() {
            // No thread: the channel is closed, and every save reports that it failed.
        }
        Saver {
            work: work_tx,
            replies: reply_rx,
            busy: false,
        }
    }

    /// Sends `job`; false when the worker is gone.
    pub fn send(&mut self, job: Job) -> bool {
        let sent = self.work.send(Work::Save(job)).is_ok();
        self.busy = sent;
        sent
    }

    /// Hands `map` to the worker to drop.
    pub fn discard(&self, map: Articles) {
        // A worker that is gone cannot take it: then it is dropped here.
        let _ = self.work.send(Work::Drop(map));
    }

    /// The reply to the job sent, if it came.
    pub fn try_reply(&mut self) -> Option<Reply> {
        let reply = self.replies.try_recv().ok();
        if reply.is_some() {
            self.busy = false;
        }
        reply
    }

    /// The reply to the job sent, waiting for it until `until`; `None` when it did not come in
    /// time (or the worker is gone).
    pub fn wait_reply(&mut self, until: Instant) -> Option<Reply> {
        let timeout = until.saturating_duration_since(Instant::now());
        match self.replies.recv_timeout(timeout) {
            Ok(reply) => {
                self.busy = false;
                Some(reply)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                self.busy = false;
                None
            }
        }
    }
}
