//! The log beside `state.json`: a save appends the entries it changed as one record, so its cost
//! follows the changes, not the number of entries; the log is folded into a new `state.json`
//! (compacted) when it has grown to a quarter of it, and at quit when both are small.
//!
//! Load reads `state.json`, then the log's records over it, each mark taken from its latest
//! change (a record wins a tie: it was written after what it lies on), so replaying a record
//! twice changes nothing and a crash between writing a new `state.json` and starting a new log
//! loses nothing. A record is one frame of the journal (see [`crate::journal`]): whole or
//! ignored, so a save killed mid-write costs that save, never the file.

use super::file::{self, Articles, Disk, Kept, LOCK_FILE, Loaded, Object, STATE_FILE, Saved, Wait};
use crate::journal;
use anyhow::{Context, Result};
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// The log's name beside `state.json` (when `state.json` is a link: beside what it links to,
/// named after it).
pub const LOG_FILE: &str = "state.json.log";

/// What the log's header starts with.
const MAGIC: &str = "byline-state-log";

/// The version of the log's records this build writes and reads.
const LOG_VERSION: u32 = 1;

/// A log this long (bytes of records) is folded into `state.json` once it is also a quarter
/// of `state.json`'s size, so a save costs at most a few times what it appends, on average.
const COMPACT_MIN: u64 = 64 << 10;

/// At quit (and suspend) the log is folded in when `state.json` and the log together are no
/// larger than this, so a small state stays one readable file.
const CHEAP: u64 = 1 << 20;

/// Where a process stands in the log: which log it read, and where its last read record ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The log's id.
    pub id: u64,
    /// The end of the last record read or written.
    pub end: u64,
}

/// How a save may tidy up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tidy {
    /// Fold the log into `state.json` if both are small (on quit and suspend).
    pub if_cheap: bool,
    /// Drop entries of articles gone for long when compacting (the caller has refreshed
    /// `seen` of every article its libraries hold).
    pub prune: bool,
}

/// The log of the state file at `state` (the link's target when `state.json` is a link).
pub fn log_of(state: &Path) -> PathBuf {
    let mut name = state.file_name().unwrap_or_default().to_os_string();
    name.push(".log");
    state.with_file_name(name)
}

/// Reads the records of the log open in `log` from its start (`Ok(None)`: the log is not one
/// this build can read and should be left alone; `Err`: it is not a log at all).
fn replay(
    log: &mut File,
    path: &Path,
    articles: &mut Articles,
    mut kept: Option<&mut Kept>,
    warnings: &mut Vec<String>,
) -> Result<Option<Cursor>, ()> {
    let Some(h) = journal::header(log, MAGIC) else {
        return Err(());
    };
    if h.version > LOG_VERSION {
        return Ok(None);
    }
    let frames = journal::read_from(log, h.len).map_err(|_| ())?;
    // `articles` changes only past this point, where nothing fails: a log that is not one, or
    // a newer one, leaves it as it was (so the caller needs no copy of 200,000 entries).
    for record in &frames.records {
        let entries = parse(record, path, kept.as_deref_mut(), warnings);
        *articles = file::lay_over(std::mem::take(articles), entries);
    }
    Ok(Some(Cursor {
        id: h.id,
        end: frames.end,
    }))
}

/// The entries of one record: a JSON object of entries by id, as in `state.json`. Fields this
/// build does not know go to `kept` (for the next `state.json`); a bad entry is reported and
/// skipped.
fn parse(
    record: &[u8],
    path: &Path,
    kept: Option<&mut Kept>,
    warnings: &mut Vec<String>,
) -> Articles {
    let mut out = Articles::new();
    let Ok(entries) = serde_json::from_slice::<Object>(record) else {
        warnings.push(format!(
            "{}: skipped a record that is not JSON",
            path.display()
        ));
        return out;
    };
    let mut kept = kept;
    for (id, value) in entries {
        match file::entry(&value) {
            Ok((state, unknown)) => {
                if let Some(k) = kept.as_deref_mut()
                    && !unknown.is_empty()
                {
                    k.fields.insert(id.clone(), unknown);
                }
                out.insert(id, state);
            }
            Err(e) => warnings.push(format!(
                "{}: skipped the marks of one article ({}): {e}",
                path.display(),
                crate::sanitize::clean_line(&id)
            )),
        }
    }
    out
}

/// One record's bytes: `entries` as a JSON object by id.
fn record(entries: &Articles) -> Result<Vec<u8>> {
    serde_json::to_vec(entries).context("encoding the state")
}

/// Reads the state in `dir` for [`super::Store::open`]: `state.json`, the log over it and the
/// side files; pushes a line to `warnings` for every problem met. Also gives where the log was
/// read to, so saves need read only what other writers add after it.
pub fn load(dir: &Path, now: u64, warnings: &mut Vec<String>) -> (Loaded, Option<Cursor>) {
    let path = file::target(&dir.join(STATE_FILE));
    let log_path = log_of(&path);
    // Opened before `state.json` is read: a compaction in between then leaves this process with
    // the old log (whose records the new `state.json` holds), which its next save notices.
    let mut log = journal::open(&log_path).ok().flatten();
    let mut disk = file::read(&path);
    // Before moving a bad file aside, look again under the lock: another instance may be
    // replacing it this very moment, and its new file must not be the one moved away.
    let _lock = match disk {
        Disk::Bad(_) => file::lock(dir).ok().inspect(|_| disk = file::read(&path)),
        _ => None,
    };
    let articles = match disk {
        Disk::Missing => Articles::new(),
        Disk::Good(a, _, mut skipped) => {
            warnings.append(&mut skipped);
            a
        }
        Disk::Newer(a) => {
            warnings.push(format!(
                "{} was written by a newer byline; marks will not be saved",
                path.display()
            ));
            return (Loaded::Newer(a), None);
        }
        Disk::Bad(why) => match file::move_aside(&path, now) {
            Ok(aside) => {
                warnings.push(format!(
                    "{} was unusable ({why}); moved it to {} and started afresh",
                    path.display(),
                    aside.display()
                ));
                Articles::new()
            }
            Err(e) => {
                warnings.push(format!(
                    "{} is unusable ({why}) and could not be moved aside ({e}); marks will not be saved",
                    path.display()
                ));
                return (Loaded::Newer(Articles::new()), None);
            }
        },
    };
    let mut articles = articles;
    let (articles, cursor) = match log.as_mut() {
        None => (articles, None),
        Some(f) => match replay(f, &log_path, &mut articles, None, warnings) {
            Ok(Some(cursor)) => (articles, Some(cursor)),
            Ok(None) => {
                warnings.push(format!(
                    "{} was written by a newer byline; marks will not be saved",
                    log_path.display()
                ));
                return (Loaded::Newer(articles), None);
            }
            Err(()) => {
                warnings.push(format!(
                    "{} is not a log byline reads; it is replaced at the next save",
                    log_path.display()
                ));
                (articles, None)
            }
        },
    };
    (
        Loaded::Articles(file::merge_pending(articles, dir, warnings).0),
        cursor,
    )
}

/// Saves `mine` (the entries changed here, `dirty` among them winning ties) in `dir` under the
/// lock: appends them to the log as one record, after reading what other writers appended since
/// `cursor`; or, when the log has grown (or `tidy` allows it), writes a new `state.json` holding
/// everything and starts a new log. `cursor` is moved to the end of what was read and written.
pub fn save(
    dir: &Path,
    mine: &Articles,
    dirty: &std::collections::BTreeSet<String>,
    warnings: &mut Vec<String>,
    wait: Wait,
    cursor: &mut Option<Cursor>,
    tidy: Tidy,
) -> Result<Saved> {
    let now = super::unix_now();
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    // Held to the end of this function: closing the file releases the lock.
    let Some(_lock) = file::lock_within(dir, wait.until)? else {
        if wait.aside {
            return file::write_pending(dir, mine, now).map(Saved::Aside);
        }
        anyhow::bail!(
            "{} is held by another program; will try again",
            dir.join(LOCK_FILE).display()
        );
    };
    file::remove_stale_temps(dir);
    let path = file::target(&dir.join(STATE_FILE));
    let log_path = log_of(&path);
    let mut log =
        journal::open(&log_path).with_context(|| format!("opening {}", log_path.display()))?;
    let head = log.as_mut().and_then(|f| journal::header(f, MAGIC));
    if head.is_some_and(|h| h.version > LOG_VERSION) {
        return Ok(Saved::Newer);
    }
    let log_len = match &log {
        Some(f) => f.metadata().map_or(0, |m| m.len()),
        None => 0,
    };
    let snapshot_len = fs::metadata(&path)
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|m| m.len());
    let records = head.map_or(0, |h| log_len.saturating_sub(h.len));
    let compact = (tidy.if_cheap && snapshot_len.unwrap_or(0) + records <= CHEAP)
        || (records >= COMPACT_MIN && records >= snapshot_len.unwrap_or(0) / 4);
    let (pending, pending_paths) = file::merge_pending(Articles::new(), dir, warnings);

    // The usual save: read on from where this process stopped, append one record.
    if let (Some(f), Some(h), Some(c), Some(_)) = (log.as_mut(), head, *cursor, snapshot_len)
        && !compact
        && h.id == c.id
        && (h.len..=log_len).contains(&c.end)
    {
        let frames = journal::read_from(f, c.end)
            .with_context(|| format!("reading {}", log_path.display()))?;
        let mut theirs = Articles::new();
        for r in &frames.records {
            theirs = file::lay_over(theirs, parse(r, &log_path, None, warnings));
        }
        let theirs = file::lay_over(theirs, pending.clone());
        let merged = file::merge(theirs, mine, dirty);
        let out: Articles = merged
            .iter()
            .filter(|(id, _)| mine.contains_key(*id) || pending.contains_key(*id))
            .map(|(id, s)| (id.clone(), *s))
            .collect();
        let end = journal::append(f, &log_path, frames.end, &record(&out)?, true)
            .with_context(|| format!("writing {}", log_path.display()))?;
        *cursor = Some(Cursor { id: h.id, end });
        for p in pending_paths {
            let _ = fs::remove_file(p);
        }
        return Ok(Saved::Merged {
            articles: merged,
            whole: false,
            fresh: false,
        });
    }

    // Everything read again: this process's place in the log is lost (another compacted it, or
    // there was none), the log is to be compacted, or `state.json` is missing.
    let mut fresh = false;
    let (disk, mut kept) = match file::read(&path) {
        Disk::Missing => {
            fresh = true;
            (Articles::new(), Kept::default())
        }
        Disk::Good(a, kept, _) => (a, kept),
        Disk::Newer(_) => return Ok(Saved::Newer),
        Disk::Bad(why) => {
            let aside = file::move_aside(&path, now)
                .with_context(|| format!("moving unusable {} aside", path.display()))?;
            warnings.push(format!(
                "{} was unusable ({why}); moved it to {}",
                path.display(),
                aside.display()
            ));
            fresh = true;
            (Articles::new(), Kept::default())
        }
    };
    let mut usable = None;
    let mut disk = disk;
    let disk = match log.as_mut() {
        None => disk,
        Some(f) => match replay(f, &log_path, &mut disk, Some(&mut kept), warnings) {
            Ok(Some(c)) => {
                usable = Some(c);
                disk
            }
            Ok(None) => return Ok(Saved::Newer),
            Err(()) => {
                // Not a log (a stray file by that name): kept aside, never read as one.
                let aside = file::move_aside(&log_path, now)
                    .with_context(|| format!("moving unusable {} aside", log_path.display()))?;
                warnings.push(format!(
                    "{} was not a log byline reads; moved it to {}",
                    log_path.display(),
                    aside.display()
                ));
                disk
            }
        },
    };
    let merged = file::merge(file::lay_over(disk, pending.clone()), mine, dirty);
    let folder = path
        .parent()
        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
    let merged = if compact {
        let merged = if tidy.prune {
            prune(merged, now)
        } else {
            merged
        };
        kept.fields.retain(|id, _| merged.contains_key(id));
        let bytes = file::encode(&merged, kept)?;
        file::write_atomic(&folder, &path, &bytes)?;
        // The old log's records are all in the new `state.json` now; a crash before this line
        // leaves them to be read again over it, which changes nothing.
        let (_, h) = journal::create(&log_path, MAGIC, LOG_VERSION, true)
            .with_context(|| format!("starting {}", log_path.display()))?;
        *cursor = Some(Cursor {
            id: h.id,
            end: h.len,
        });
        merged
    } else {
        let (mut f, c) = match (log, usable) {
            (Some(f), Some(c)) => (f, c),
            _ => {
                let (f, h) = journal::create(&log_path, MAGIC, LOG_VERSION, true)
                    .with_context(|| format!("starting {}", log_path.display()))?;
                (
                    f,
                    Cursor {
                        id: h.id,
                        end: h.len,
                    },
                )
            }
        };
        let out: Articles = merged
            .iter()
            .filter(|(id, _)| mine.contains_key(*id) || pending.contains_key(*id))
            .map(|(id, s)| (id.clone(), *s))
            .collect();
        let end = journal::append(&mut f, &log_path, c.end, &record(&out)?, true)
            .with_context(|| format!("writing {}", log_path.display()))?;
        *cursor = Some(Cursor { id: c.id, end });
        merged
    };
    for p in pending_paths {
        let _ = fs::remove_file(p);
    }
    Ok(Saved::Merged {
        articles: merged,
        whole: true,
        fresh,
    })
}

/// How long an article may go unseen before its entry is dropped at a compaction: a year.
pub const PRUNE_AFTER: u64 = 365 * 24 * 3600;

/// `articles` without the entries of articles not seen (nor changed) for [`PRUNE_AFTER`],
/// bookmarks and edit keys excepted (an edit key is never "seen": which file it stands for is
/// known only by reading the file).
fn prune(mut articles: Articles, now: u64) -> Articles {
    articles.retain(|id, s| {
        s.bookmarked
            || id.starts_with(crate::article::EDIT_KEY_PREFIX)
            || s.last_seen().saturating_add(PRUNE_AFTER) >= now
    });
    articles
}
