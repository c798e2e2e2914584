//! Persisted user state: which articles are read or bookmarked and where the reader stopped.
//!
//! The state lives in one `state.json` per user (see [`default_dir`]). Saves are debounced,
//! atomic (temp file, fsync, rename, fsync the folder) and merged under a file lock with whatever
//! another running instance wrote, so two readers at once never lose each other's marks.

mod fast_read;
mod file;
mod log;
#[cfg(test)]
mod log_tests;
mod saver;
#[cfg(test)]
mod tests;
pub mod view;

pub use file::{LOCK_FILE, STATE_FILE, temp_path};
pub use log::{LOG_FILE, PRUNE_AFTER};

use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long after a change [`Store::save_if_due`] waits before writing.
pub const SAVE_DELAY: Duration = Duration::from_secs(1);

/// How long a save in the background waits for another program's lock before it gives up and
/// tries again one [`SAVE_DELAY`] later.
pub const LOCK_WAIT: Duration = Duration::from_secs(1);

/// The longest [`Store::flush`] waits for the lock when saves run on the worker (on quit and
/// suspend); past it the marks go to a side file that the next start merges.
pub const QUIT_WAIT: Duration = Duration::from_millis(900);

/// How old an entry's `seen` may grow before a library that holds the article stamps it
/// again: a month, so seeing a library writes each entry at most once a month.
pub const SEEN_REFRESH: u64 = 30 * 24 * 3600;

/// Where the reader stopped in an article, independent of the terminal width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Position {
    /// Index of the body block shown at the top of the reader.
    pub block: usize,
    /// How many wrapped lines of that block are scrolled past.
    pub line_offset: usize,
}

/// What the user has done with one article.
///
/// Each of the three marks carries its own change time, so two readers changing different marks
/// of one article never overwrite each other: a merge takes each mark from the side that changed
/// it last. Times come from the store's clock, which never runs backwards (see [`Store`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ArticleState {
    /// The article has been opened (or marked read).
    pub read: bool,
    /// The article is bookmarked.
    pub bookmarked: bool,
    /// Where the reader stopped, if it scrolled at all.
    pub position: Option<Position>,
    /// When this entry last changed, in unix seconds: the latest of the three mark times.
    pub updated: u64,
    /// When `read` last changed; 0 when it never did. Files written before marks had their own
    /// times have none of the three, and `updated` stands in for them (see [`Self::times`]).
    #[serde(skip_serializing_if = "is_zero")]
    pub read_at: u64,
    /// When `bookmarked` last changed (0: see `read_at`).
    #[serde(skip_serializing_if = "is_zero")]
    pub bookmarked_at: u64,
    /// When `position` last changed (0: see `read_at`).
    #[serde(skip_serializing_if = "is_zero")]
    pub position_at: u64,
    /// When a byline last saw the article in a library it opened, in unix seconds (0: not
    /// recorded; the change times stand in). Entries not seen for [`PRUNE_AFTER`] and not
    /// bookmarked are dropped when the state is compacted.
    #[serde(skip_serializing_if = "is_zero")]
    pub seen: u64,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

impl ArticleState {
    /// The change times of read, bookmark and position (0: never changed). An entry from a file
    /// written before marks had their own times has none of them: `updated` stands in for all.
    pub fn times(&self) -> [u64; 3] {
        let own = [self.read_at, self.bookmarked_at, self.position_at];
        if own == [0; 3] {
            [self.updated; 3]
        } else {
            own
        }
    }

    /// When the article was last known to exist: seen in a library, or changed.
    pub fn last_seen(&self) -> u64 {
        self.times()
            .into_iter()
            .chain([self.updated, self.seen])
            .max()
            .unwrap_or(0)
    }
}

/// The user state of all articles, with debounced, locked, atomic saves.
#[derive(Debug)]
pub struct Store {
    /// The folder holding `state.json`; `None` for a disabled store.
    dir: Option<PathBuf>,
    articles: BTreeMap<String, ArticleState>,
    /// Ids changed in memory since the last successful save.
    dirty: BTreeSet<String>,
    /// When the oldest unsaved change (or the last failed save) happened.
    due_from: Option<Instant>,
    /// The file on disk has a newer schema: never overwrite it.
    read_only: bool,
    /// Warnings met while saving (a corrupt file moved aside), for the UI to show.
    warnings: Vec<String>,
    /// The latest change time seen, here or on disk. A new change is stamped
    /// `max(now, clock + 1)`, so the user's latest action always wins a merge, even when an
    /// entry was stamped in the future (clock stepped back, a file synced from another machine).
    clock: u64,
    /// The worker saves run on, once [`Store::save_in_background`] started it.
    saver: Option<saver::Saver>,
    /// Ids whose entries the worker is saving now.
    in_flight: BTreeSet<String>,
    /// How far this process has read the log beside `state.json` (shared with the worker).
    cursor: Arc<Mutex<Option<log::Cursor>>>,
    /// Whether the articles of the libraries open have been seen ([`Store::saw`]), so a
    /// compaction may drop entries of articles gone for long.
    prune: bool,
}

impl std::fmt::Debug for saver::Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Saver {{ busy: {} }}", self.busy)
    }
}

/// The latest change time among `articles`.
fn latest(articles: &BTreeMap<String, ArticleState>) -> u64 {
    articles
        .values()
        .flat_map(|s| s.times().into_iter().chain([s.updated]))
        .max()
        .unwrap_or(0)
}

impl Store {
    /// Opens the state kept in `dir` (which need not exist yet).
    ///
    /// Never fails: a corrupt or unreadable `state.json` is moved aside to
    /// `state.json.corrupt-<unix time>` and the store starts empty; a file written by a newer
    /// byline is read but never overwritten. Each such event comes back as a warning line.
    pub fn open(dir: PathBuf) -> (Store, Vec<String>) {
        let mut warnings = Vec::new();
        let (loaded, cursor) = log::load(&dir, unix_now(), &mut warnings);
        let (articles, read_only) = match loaded {
            file::Loaded::Articles(a) => (a, false),
            file::Loaded::Newer(a) => (a, true),
        };
        let store = Store {
            dir: Some(dir),
            clock: latest(&articles),
            articles,
            dirty: BTreeSet::new(),
            due_from: None,
            read_only,
            warnings: Vec::new(),
            saver: None,
            in_flight: BTreeSet::new(),
            cursor: Arc::new(Mutex::new(cursor)),
            prune: false,
        };
        (store, warnings)
    }

    /// A store that never reads or writes anything (`--no-state`); marks last until quit.
    pub fn disabled() -> Store {
        Store {
            dir: None,
            articles: BTreeMap::new(),
            dirty: BTreeSet::new(),
            due_from: None,
            read_only: false,
            warnings: Vec::new(),
            clock: 0,
            saver: None,
            in_flight: BTreeSet::new(),
            cursor: Arc::new(Mutex::new(None)),
            prune: false,
        }
    }

    /// Whether saves go nowhere: the store is disabled or the file on disk is from a newer byline.
    pub fn is_read_only(&self) -> bool {
        self.dir.is_none() || self.read_only
    }

    /// The state of article `id`; the default (unread, no bookmark, no position) when unknown.
    pub fn get(&self, id: &str) -> ArticleState {
        self.articles.get(id).copied().unwrap_or_default()
    }

    /// Whether any article is bookmarked.
    pub fn any_bookmarked(&self) -> bool {
        self.articles.values().any(|s| s.bookmarked)
    }

    /// All known articles and their state, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ArticleState)> {
        self.articles.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Whether there are changes not yet on disk.
    pub fn has_unsaved(&self) -> bool {
        !self.dirty.is_empty() || !self.in_flight.is_empty()
    }

    /// Runs saves on a worker thread from now on, so the caller never waits on a lock or a disk
    /// (except in [`Store::flush`], at most [`QUIT_WAIT`]). `wake` is called when a save is done:
    /// the caller then takes its outcome with [`Store::take_saved`].
    pub fn save_in_background(&mut self, wake: Box<dyn Fn() + Send>) {
        if let Some(dir) = &self.dir
            && !self.read_only
        {
            self.saver = Some(saver::Saver::start(
                dir.clone(),
                Arc::clone(&self.cursor),
                wake,
            ));
        }
    }

    /// Marks article `id` read or unread.
    pub fn set_read(&mut self, id: &str, read: bool) {
        self.change(id, |s| s.read = read);
    }

    /// Flips the read mark of article `id` and returns the new value.
    pub fn toggle_read(&mut self, id: &str) -> bool {
        self.change(id, |s| s.read = !s.read).read
    }

    /// Flips the bookmark of article `id` and returns the new value.
    pub fn toggle_bookmark(&mut self, id: &str) -> bool {
        self.change(id, |s| s.bookmarked = !s.bookmarked).bookmarked
    }

    /// Remembers where the reader stopped in article `id`; `None` forgets it.
    pub fn set_position(&mut self, id: &str, position: Option<Position>) {
        self.change(id, |s| s.position = position);
    }

    /// Applies `f` to the entry of `id`, recording the change only when something differs (so
    /// scrolling back and forth over the same spot writes nothing).
    fn change(&mut self, id: &str, f: impl FnOnce(&mut ArticleState)) -> ArticleState {
        let mut state = self.get(id);
        let before = state;
        f(&mut state);
        if state != before {
            let now = unix_now().max(self.clock + 1);
            self.clock = now;
            // Times an older file left unrecorded are pinned now, so they stay what they were.
            [state.read_at, state.bookmarked_at, state.position_at] = before.times();
            if state.read != before.read {
                state.read_at = now;
            }
            if state.bookmarked != before.bookmarked {
                state.bookmarked_at = now;
            }
            if state.position != before.position {
                state.position_at = now;
            }
            state.updated = now;
            state.seen = state.seen.max(unix_now());
            self.articles.insert(id.to_owned(), state);
            self.dirty.insert(id.to_owned());
            self.due_from.get_or_insert_with(Instant::now);
        }
        state
    }

    /// Notes that the articles `ids` are in a library open now: an entry last seen more than
    /// [`SEEN_REFRESH`] ago is stamped seen now (and saved), and from now on a compaction may
    /// drop entries of articles not seen for [`PRUNE_AFTER`] (never bookmarks). Call it with
    /// every article of the libraries shown.
    pub fn saw<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        let now = unix_now();
        for id in ids {
            if let Some(s) = self.articles.get_mut(id)
                && s.last_seen().saturating_add(SEEN_REFRESH) < now
            {
                s.seen = now;
                self.dirty.insert(id.to_owned());
                self.due_from.get_or_insert_with(Instant::now);
            }
        }
        self.prune = true;
    }

    /// Saves when there are changes and the oldest is at least [`SAVE_DELAY`] older than `now`.
    ///
    /// Call it from the event loop on every tick. A failed save keeps the changes in memory and is
    /// retried one delay later.
    pub fn save_if_due(&mut self, now: Instant) -> Result<()> {
        let due = self.due_from.is_some_and(|from| {
            now.checked_duration_since(from)
                .is_some_and(|d| d >= SAVE_DELAY)
        });
        if !due {
            return Ok(());
        }
        match &self.saver {
            // One save at a time: the next is sent once this one's outcome is taken.
            Some(s) if s.busy => Ok(()),
            Some(_) => {
                if !self.send(Instant::now() + LOCK_WAIT, false) {
                    // The worker is gone: save here.
                    self.saver = None;
                    return self.flush();
                }
                Ok(())
            }
            None => self.flush(),
        }
    }

    /// Sends the changes to the worker; false when it is gone.
    fn send(&mut self, until: Instant, aside: bool) -> bool {
        if self.read_only || self.dirty.is_empty() {
            self.due_from = None;
            return true;
        }
        let Some(saver) = &mut self.saver else {
            return false;
        };
        let ids = std::mem::take(&mut self.dirty);
        let articles = ids
            .iter()
            .filter_map(|id| Some((id.clone(), *self.articles.get(id)?)))
            .collect();
        if saver.send(saver::Job {
            articles,
            deadline: until,
            aside,
            tidy: log::Tidy {
                if_cheap: aside,
                prune: self.prune,
            },
        }) {
            self.in_flight.extend(ids);
            self.due_from = None;
            true
        } else {
            self.dirty = ids;
            false
        }
    }

    /// The outcome of the save the worker was doing, once it is done (after the `wake` given to
    /// [`Store::save_in_background`]); `None` while it is not.
    pub fn take_saved(&mut self) -> Option<Result<()>> {
        let reply = self.saver.as_mut()?.try_reply()?;
        Some(self.apply(reply))
    }

    /// Takes a save's outcome into the store: the merged file adopted (with the changes made
    /// since it was sent laid over it), or the entries kept for another try.
    fn apply(&mut self, reply: saver::Reply) -> Result<()> {
        self.warnings.extend(reply.warnings);
        let sent = std::mem::take(&mut self.in_flight);
        match reply.result {
            Ok(file::Saved::Merged {
                articles,
                whole,
                fresh,
            }) => {
                self.adopt(articles, whole, fresh);
                Ok(())
            }
            Ok(file::Saved::Aside(path)) => {
                self.warnings.push(format!(
                    "{} was locked by another program; marks kept in {} until the next start",
                    self.dir.as_ref().map_or_else(String::new, |d| d
                        .join(file::LOCK_FILE)
                        .display()
                        .to_string()),
                    path.display()
                ));
                Ok(())
            }
            Ok(file::Saved::Newer) => {
                self.read_only = true;
                self.due_from = None;
                anyhow::bail!(
                    "{} was written by a newer byline; marks will not be saved",
                    self.dir.as_ref().map_or_else(String::new, |d| d
                        .join(file::STATE_FILE)
                        .display()
                        .to_string())
                )
            }
            Err(e) => {
                self.dirty.extend(sent);
                self.due_from = Some(Instant::now());
                Err(e)
            }
        }
    }

    /// Saves now if anything changed (call on quit).
    ///
    /// Under an exclusive lock on `state.lock` it re-reads `state.json`, merges it with the
    /// changes made here (per article, the newer `updated` wins; a change made here since the
    /// last save wins a tie), writes the result atomically and adopts it, so entries another
    /// instance saved show up here too. On error the old file is untouched and the changes stay
    /// in memory for a later try.
    pub fn flush(&mut self) -> Result<()> {
        if self.saver.is_some() {
            return self.flush_within(QUIT_WAIT);
        }
        self.save_here(
            file::Wait {
                until: Instant::now() + Duration::from_secs(365 * 24 * 3600),
                aside: false,
            },
            true,
        )
    }

    /// Saves now on this thread, as a debounced save does: the changes are appended to the log
    /// beside `state.json` (which is compacted only when the log has grown), never tidied into
    /// `state.json` as [`Store::flush`] does with a small state.
    pub fn save_now(&mut self) -> Result<()> {
        self.save_here(
            file::Wait {
                until: Instant::now() + Duration::from_secs(365 * 24 * 3600),
                aside: false,
            },
            false,
        )
    }

    /// Saves now, waiting at most `limit` for another program's lock: past it the changes go to
    /// a side file (`state.pending-<pid>-<time>.json`) that the next start (and the next save
    /// under the lock) merges, and a warning says so.
    pub fn flush_within(&mut self, limit: Duration) -> Result<()> {
        let until = Instant::now() + limit;
        // The outcome of a save already under way comes first (it may have the lock).
        let mut first = Ok(());
        if self.saver.as_ref().is_some_and(|s| s.busy) {
            match self.saver.as_mut().and_then(|s| s.wait_reply(until)) {
                Some(reply) => first = self.apply(reply),
                None => {
                    // It still waits: its entries go with the last save too.
                    let sent = std::mem::take(&mut self.in_flight);
                    self.dirty.extend(sent);
                }
            }
        }
        if self.dirty.is_empty() {
            return first.map(|()| self.due_from = None);
        }
        let idle = self.saver.as_ref().is_some_and(|s| !s.busy);
        if idle && self.send(until, true) {
            // Writing a side file or the state takes a moment more than the lock wait.
            let grace = until + Duration::from_millis(500);
            return match self.saver.as_mut().and_then(|s| s.wait_reply(grace)) {
                Some(reply) => self.apply(reply),
                None => {
                    let sent = std::mem::take(&mut self.in_flight);
                    self.dirty.extend(sent);
                    anyhow::bail!("the disk did not take the marks in time")
                }
            };
        }
        self.save_here(file::Wait { until, aside: true }, true)
    }

    /// Saves on this thread, waiting for the lock as `wait` says; `tidy`: fold a small log into
    /// `state.json` (on quit).
    fn save_here(&mut self, wait: file::Wait, tidy: bool) -> Result<()> {
        let Some(dir) = &self.dir else {
            self.dirty.clear();
            self.due_from = None;
            return Ok(());
        };
        if self.read_only || self.dirty.is_empty() {
            self.due_from = None;
            return Ok(());
        }
        let mine: file::Articles = self
            .dirty
            .iter()
            .filter_map(|id| Some((id.clone(), *self.articles.get(id)?)))
            .collect();
        // The worker may be holding the cursor while it waits for the lock: then this save
        // reads the log from its start.
        let mut own = None;
        let mut shared = self.cursor.try_lock().ok();
        let cursor = shared.as_deref_mut().unwrap_or(&mut own);
        let tidy = log::Tidy {
            if_cheap: tidy,
            prune: self.prune,
        };
        let saved = log::save(
            dir,
            &mine,
            &self.dirty,
            &mut self.warnings,
            wait,
            cursor,
            tidy,
        );
        drop(shared);
        match saved {
            Ok(file::Saved::Merged {
                articles,
                whole,
                fresh,
            }) => {
                self.dirty.clear();
                self.due_from = None;
                self.adopt(articles, whole, fresh);
                Ok(())
            }
            Ok(file::Saved::Aside(path)) => {
                self.warnings.push(format!(
                    "{} was locked by another program; marks kept in {} until the next start",
                    dir.join(file::LOCK_FILE).display(),
                    path.display()
                ));
                self.dirty.clear();
                self.due_from = None;
                Ok(())
            }
            Ok(file::Saved::Newer) => {
                self.read_only = true;
                self.due_from = None;
                anyhow::bail!(
                    "{} was written by a newer byline; marks will not be saved",
                    dir.join(file::STATE_FILE).display()
                )
            }
            Err(e) => {
                self.due_from = Some(Instant::now());
                Err(e)
            }
        }
    }

    /// Takes what a save found on disk: every entry (`whole`) or those changed since the last
    /// save, laid under the changes made here since it was sent. When the file was gone
    /// (`fresh`), entries only this memory holds are saved again.
    fn adopt(&mut self, disk: file::Articles, whole: bool, fresh: bool) {
        if fresh {
            let missing: Vec<String> = self
                .articles
                .keys()
                .filter(|id| !disk.contains_key(*id))
                .cloned()
                .collect();
            if !missing.is_empty() {
                self.dirty.extend(missing);
                self.due_from.get_or_insert_with(Instant::now);
            }
        }
        self.clock = self.clock.max(latest(&disk));
        if whole {
            let newer: file::Articles = self
                .dirty
                .iter()
                .filter_map(|id| Some((id.clone(), *self.articles.get(id)?)))
                .collect();
            let merged = file::merge(disk, &newer, &self.dirty);
            let old = std::mem::replace(&mut self.articles, merged);
            if let Some(s) = &self.saver {
                s.discard(old);
            }
            return;
        }
        for (id, d) in disk {
            let entry = match self.articles.get(&id) {
                Some(m) if self.dirty.contains(&id) => file::merge_entry(&d, m, true),
                _ => d,
            };
            self.articles.insert(id, entry);
        }
    }

    /// Whether saves run on the worker ([`Store::save_in_background`]).
    pub fn saves_in_background(&self) -> bool {
        self.saver.is_some()
    }

    /// The warnings met while saving and not yet taken.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Takes the warnings met while saving (for example a corrupt file moved aside).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

/// The folder for `state.json`: `$BYLINE_STATE_DIR`, else `$XDG_STATE_HOME/byline`, else
/// `~/.local/state/byline`; `None` when none of them is set.
pub fn default_dir() -> Option<PathBuf> {
    default_dir_from(|name| std::env::var_os(name))
}

/// [`default_dir`] with the environment passed in, so it can be tested without touching the
/// process environment. Empty variables count as unset.
pub fn default_dir_from(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("BYLINE_STATE_DIR")
        .or_else(|| var("XDG_STATE_HOME").map(|p| p.join("byline")))
        .or_else(|| var("HOME").map(|p| p.join(".local/state/byline")))
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
