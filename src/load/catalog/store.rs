//! The catalogue file: one header line naming the format, the build, its log's id, the body's
//! length and checksum, then the body in bincode (varint integers); anything that does not check
//! out reads as no catalogue.
//!
//! Beside it, `<file>.log` (see [`crate::journal`]): each save after a change appends one
//! record of the folders that changed (each whole, with the stamp of the walk that recorded
//! it), the folders gone and the files given alone, so a change costs its folder, not the
//! library. The log is folded into a new catalogue when it reaches a quarter of it. A log whose
//! id is not the catalogue's is ignored, and a record cut short ends it, so a writer killed
//! mid-write costs that write: the folders it held are read again.

use crate::journal;
use bincode::Options;
use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The format's version: a catalogue of another version is ignored and rebuilt.
pub const FORMAT: u32 = 3;

/// What the header line starts with.
const MAGIC: &str = "byline-catalogue";

/// What a file's stat says about it: enough to tell that it changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Stat(
    /// Size in bytes.
    pub u64,
    /// Modification time, nanoseconds since the epoch.
    pub i64,
    /// Status change time (any write, chmod, rename), nanoseconds since the epoch.
    pub i64,
    /// Inode number (0 where there is none).
    pub u64,
    /// Device number (0 where there is none).
    pub u64,
);

impl Stat {
    /// The stat of `meta`.
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
        Stat(
            meta.size(),
            ns(meta.mtime(), meta.mtime_nsec()),
            ns(meta.ctime(), meta.ctime_nsec()),
            meta.ino(),
            meta.dev(),
        )
    }

    /// The stat of `meta`.
    #[cfg(not(unix))]
    pub fn of(meta: &fs::Metadata) -> Stat {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        Stat(meta.len(), mtime, mtime, 0, 0)
    }

    /// The folder identity used to notice a symlink loop.
    pub fn node(&self) -> (u64, u64) {
        (self.4, self.3)
    }

    /// Whether the stat was taken too close to `stamp` (when the walk that recorded it began)
    /// to be trusted: a file written again within the same clock tick keeps its mtime.
    /// Only the mtime counts: content writes set it, and the ctime is compared for equality.
    pub fn racy(&self, stamp: i64) -> bool {
        self.1 >= stamp.saturating_sub(RACY_NS)
    }
}

/// How close to the catalogue's stamp a file's times make it "racily clean" (git's term): such a
/// file is read again next time. File systems keep times in ticks of a few milliseconds (some in
/// seconds, FAT in two), so two writes in one tick leave the same mtime.
pub const RACY_NS: i64 = 2_000_000_000;

/// One list row as kept: the fields of [`crate::load::head::Head`] but its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row(
    /// Title.
    pub String,
    /// Date as written.
    pub Option<String>,
    /// Date, `YYYY-MM-DD`.
    pub Option<String>,
    /// Source.
    pub Option<String>,
    /// Authors.
    pub Vec<String>,
    /// State id.
    pub String,
    /// The article's own URL (saved pages), which offline links resolve by.
    pub Option<String>,
    /// Tags (front matter, feed categories, page keywords).
    pub Vec<String>,
);

/// A folder as the walk last saw it, with its article files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Folder {
    /// Index of its root in [`Catalogue::roots`].
    pub root: u32,
    /// Its path below the root (`""` for the root), `/` between names.
    pub rel: String,
    /// Its stat.
    pub stat: Stat,
    /// When the walk that recorded it (and its files) began, nanoseconds since the epoch: its
    /// stats and its files' are "racy" against it.
    pub stamp: i64,
    /// The entries a walk looks at besides `files` (folders, links, unreadable entries: every
    /// name but hidden ones and plain files of other extensions); `None` when the entries
    /// cannot be kept (a name that is not UTF-8), so the folder is listed every time.
    pub others: Option<Vec<String>>,
    /// Its article files, sorted by name.
    pub files: Vec<File>,
}

/// An article file and its rows.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct File {
    /// Its name in its folder (`""` for a file given as a root).
    pub name: String,
    /// Its stat.
    pub stat: Stat,
    /// Its rows; `None` when it could not be read (it is read again, to report why).
    pub rows: Option<Vec<Row>>,
}

/// Everything the catalogue keeps about one set of library roots.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Catalogue {
    /// The roots, canonical, in the order given.
    pub roots: Vec<PathBuf>,
    /// When the walk that recorded the files given alone began, nanoseconds since the epoch.
    pub stamp: i64,
    /// Folders walked.
    pub folders: Vec<Folder>,
    /// Files given as roots, with their root's index.
    pub lone: Vec<(u32, File)>,
}

pub use crate::journal::checksum;

/// The build that writes: a catalogue written by another build (another version, or the binary
/// rebuilt) is ignored, since its parsers may read a file differently.
pub fn build() -> String {
    let exe = std::env::current_exe()
        .and_then(fs::metadata)
        .map(|m| Stat::of(&m))
        .unwrap_or_default();
    format!("{}+{:x}.{:x}", env!("CARGO_PKG_VERSION"), exe.0, exe.1)
}

/// The file's bytes: header line then body; `log` is the id of the log that goes with it.
pub fn encode(cat: &Catalogue, build: &str, log: u64) -> Vec<u8> {
    // Serialising plain strings, numbers and options cannot fail.
    let body = bincode::DefaultOptions::new()
        .serialize(cat)
        .unwrap_or_default();
    // The log's id is in the sum too, so a damaged id reads as a damaged catalogue.
    let mut out = format!(
        "{MAGIC} {FORMAT} {build} {log:016x} {} {:016x}\n",
        body.len(),
        checksum(&body) ^ log
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

/// The header line's fields: the log's id and the body's length and checksum, when the line is
/// of this format and `build`.
fn header(line: &str, build: &str) -> Option<(u64, usize, u64)> {
    let mut parts = line.split(' ');
    let ok = parts.next() == Some(MAGIC)
        && parts.next() == Some(&FORMAT.to_string())
        && parts.next() == Some(build);
    if !ok {
        return None;
    }
    let log = u64::from_str_radix(parts.next()?, 16).ok()?;
    let len = parts.next()?.parse().ok()?;
    let sum = u64::from_str_radix(parts.next()?, 16).ok()?;
    parts.next().is_none().then_some((log, len, sum))
}

/// The catalogue in `bytes` and its log's id, or `None` when it is of another format or
/// build, truncated or corrupt.
pub fn decode(bytes: &[u8], build: &str) -> Option<(Catalogue, u64)> {
    let nl = memchr::memchr(b'\n', &bytes[..bytes.len().min(512)])?;
    let line = std::str::from_utf8(&bytes[..nl]).ok()?;
    let body = &bytes[nl + 1..];
    let (log, len, sum) = header(line, build)?;
    if len != body.len() || sum != checksum(body) ^ log {
        return None;
    }
    // The limit keeps a length read from the body from asking for more memory than the body.
    let cat = bincode::DefaultOptions::new()
        .with_limit(body.len() as u64)
        .deserialize(body)
        .ok()?;
    Some((cat, log))
}

/// What one save after a change appends to the log.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Batch {
    /// The walk's stamp, for the files given alone.
    pub stamp: i64,
    /// The files given alone, all of them.
    pub lone: Vec<(u32, File)>,
    /// The folders that changed, whole: each replaces the record of its (root, path).
    pub folders: Vec<Folder>,
    /// The folders gone, by root and path.
    pub gone: Vec<(u32, String)>,
}

/// Lays `batch` over `cat`.
fn apply(cat: &mut Catalogue, batch: Batch) {
    let mut at: std::collections::HashMap<(u32, String), usize> = cat
        .folders
        .iter()
        .enumerate()
        .map(|(i, f)| ((f.root, f.rel.clone()), i))
        .collect();
    let mut gone = vec![false; cat.folders.len()];
    for key in batch.gone {
        if let Some(&i) = at.get(&key) {
            gone[i] = true;
        }
    }
    for f in batch.folders {
        match at.get(&(f.root, f.rel.clone())) {
            Some(&i) => {
                gone[i] = false;
                cat.folders[i] = f;
            }
            None => {
                at.insert((f.root, f.rel.clone()), cat.folders.len());
                cat.folders.push(f);
                gone.push(false);
            }
        }
    }
    let mut i = 0;
    cat.folders.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    cat.stamp = batch.stamp;
    cat.lone = batch.lone;
}

/// The log of the catalogue at `path`.
pub fn log_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".log");
    path.with_file_name(name)
}

/// The lock file writers of the catalogue at `path` take.
fn lock_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// What the log's header starts with.
const LOG_MAGIC: &str = "byline-catalogue-log";

/// The catalogue at `path` with its log's records laid over it, and the log's id; `None` when
/// there is none or it does not check out. A log that is not the catalogue's, and anything
/// after a record that does not check out, are ignored.
pub fn read_view(path: &Path, build: &str) -> Option<(Catalogue, u64)> {
    // Opened first: a compaction in between leaves this reader the old log, whose id then no
    // longer matches, rather than a new catalogue with the old log's records missing.
    let log = journal::open(&log_of(path)).ok().flatten();
    let (mut cat, id) = decode(&fs::read(path).ok()?, build)?;
    if let Some(mut log) = log
        && let Some(h) = journal::header(&mut log, LOG_MAGIC)
        && h.id == id
        && h.version == FORMAT
        && let Ok(frames) = journal::read_from(&mut log, h.len)
    {
        for record in frames.records {
            let batch = bincode::DefaultOptions::new()
                .with_limit(record.len() as u64)
                .deserialize::<Batch>(&record);
            let Ok(batch) = batch else { break };
            apply(&mut cat, batch);
        }
    }
    Some((cat, id))
}

/// Reads the catalogue at `path` (with its log); `None` when there is none or it does not
/// check out.
pub fn load(path: &Path, build: &str) -> Option<Catalogue> {
    read_view(path, build).map(|(c, _)| c)
}

/// How long a writer waits for another to finish before it leaves the catalogue to it.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// A log this long (bytes of records) is folded into a new catalogue once it is also a quarter
/// of the catalogue's size.
const COMPACT_MIN: u64 = 256 << 10;

/// The log id and size of the catalogue at `path`, read from its header line only; `None` when
/// it is missing or not of this format and build.
fn base_header(path: &Path, build: &str) -> Option<(u64, u64)> {
    let mut f = fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let mut buf = [0u8; 512];
    let n = f.read(&mut buf).ok()?;
    let nl = memchr::memchr(b'\n', &buf[..n])?;
    let (log, _, _) = header(std::str::from_utf8(&buf[..nl]).ok()?, build)?;
    Some((log, len))
}

/// Saves the catalogue at `path`: `batch` (what changed since the catalogue this process read)
/// is appended to the log when the catalogue on disk is one of this build and its log is
/// small; otherwise `cat` is written whole, with a new, empty log. Writers take a lock; one
/// that waits longer than [`LOCK_WAIT`] leaves the save to the one writing (it is a cache).
pub fn save(
    path: &Path,
    cat: &Catalogue,
    batch: Option<&Batch>,
    build: &str,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let lock = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_of(path))?;
    let until = Instant::now() + LOCK_WAIT;
    while !FileExt::try_lock_exclusive(&lock)? {
        if Instant::now() >= until {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    remove_stale_temps(path);
    let log_path = log_of(path);
    if let Some(batch) = batch
        && let Some((id, base_len)) = base_header(path, build)
        && let Some(mut log) = journal::open(&log_path)?
        && let Some(h) = journal::header(&mut log, LOG_MAGIC)
        && h.id == id
        && h.version == FORMAT
    {
        let end = journal::tail(&mut log, h.len)?;
        if end - h.len < COMPACT_MIN.max(base_len / 4) {
            let bytes = bincode::DefaultOptions::new()
                .serialize(batch)
                .unwrap_or_default();
            journal::append(&mut log, &log_path, end, &bytes, false)?;
            return Ok(());
        }
    }
    let id = journal::new_id();
    write_atomic(path, &encode(cat, build, id))?;
    // A kill before this line leaves the old log, whose id is not the new catalogue's.
    journal::create_with_id(&log_path, LOG_MAGIC, FORMAT, id, false)?;
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all: a temp file beside it, renamed over it, so a
/// reader sees the old file or the new one and a killed writer leaves only its temp file
/// (removed by a later writer). No fsync: after a power cut a half-written file fails its
/// checksum and is rebuilt, which is all a cache needs.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    remove_stale_temps(path);
    // The pid keeps other processes' temp files apart, the count other threads'.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = temp_path(path, &format!("{}-{n}", std::process::id()));
    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        journal::write_all(&mut f, &tmp, bytes)?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// The temp file a writer (`tag`: its process id and write count) writes `path` through.
pub fn temp_path(path: &Path, tag: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{tag}.tmp"));
    path.with_file_name(name)
}

/// How old another process's temp file must be before it counts as left by a killed writer.
const STALE_SECS: u64 = 600;

/// Removes temp files of `path` left by killed writers (old enough that no live writer holds them).
fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{}.", name.to_string_lossy());
    let log_prefix = format!(".{}.log.", name.to_string_lossy());
    for e in entries.flatten() {
        let n = e.file_name();
        let n = n.to_string_lossy();
        // The log's temp files (see `journal::create`) go by the same rule.
        let n = match n.strip_prefix(&log_prefix) {
            Some(rest) => format!("{prefix}{rest}"),
            None => n.into_owned(),
        };
        let old = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > STALE_SECS);
        if n.starts_with(&prefix) && n.ends_with(".tmp") && old {
            // Best effort: a temp file that cannot be removed harms nothing.
            let _ = fs::remove_file(e.path());
        }
    }
}

/// A small kept file's bytes (the backlinks pass's, the front page): a header line (`magic`,
/// `format`, `build`, the body's length and checksum) then `value` in bincode.
pub fn seal(magic: &str, format: u32, build: &str, value: &impl Serialize) -> Vec<u8> {
    // Serialising plain strings, numbers and options cannot fail.
    let body = bincode::DefaultOptions::new()
        .serialize(value)
        .unwrap_or_default();
    let mut out = format!(
        "{magic} {format} {build} {} {:016x}\n",
        body.len(),
        checksum(&body)
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

/// What [`seal`] kept in `bytes`, or `None` when they are of another magic, format or build,
/// cut short or damaged.
pub fn unseal<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    magic: &str,
    format: u32,
    build: &str,
) -> Option<T> {
    let nl = memchr::memchr(b'\n', &bytes[..bytes.len().min(512)])?;
    let line = std::str::from_utf8(&bytes[..nl]).ok()?;
    let body = &bytes[nl + 1..];
    let mut parts = line.split(' ');
    let ok = parts.next() == Some(magic)
        && parts.next() == Some(&format.to_string())
        && parts.next() == Some(build);
    let len: usize = parts.next()?.parse().ok()?;
    let sum = u64::from_str_radix(parts.next()?, 16).ok()?;
    if !ok || parts.next().is_some() || len != body.len() || sum != checksum(body) {
        return None;
    }
    bincode::DefaultOptions::new()
        .with_limit(body.len() as u64)
        .deserialize(body)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalogue {
        Catalogue {
            roots: vec![PathBuf::from("/news")],
            stamp: 5,
            folders: vec![Folder {
                root: 0,
                rel: String::new(),
                stat: Stat(1, 2, 3, 4, 5),
                stamp: 5,
                others: Some(vec!["sub".into()]),
                files: vec![File {
                    name: "a.txt".into(),
                    stat: Stat(10, 20, 30, 40, 50),
                    rows: Some(vec![Row(
                        "Ferry returns to Ostervik".into(),
                        Some("May 2, 2026".into()),
                        Some("2026-05-02".into()),
                        None,
                        vec!["Ada Quill".into()],
                        "00ff".into(),
                        Some("https://example.org/ferry".into()),
                        vec!["Transport".into(), "Øresund".into()],
                    )]),
                }],
            }],
            lone: Vec::new(),
        }
    }

    #[test]
    fn a_catalogue_reads_back_as_written() {
        let bytes = encode(&sample(), "b1", 7);
        let (back, log) = decode(&bytes, "b1").unwrap();
        assert_eq!(log, 7);
        assert_eq!(
            back.folders[0].files[0].rows,
            sample().folders[0].files[0].rows
        );
        assert_eq!(back.folders[0].others, sample().folders[0].others);
        assert_eq!(back.stamp, 5);
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_reads_as_no_catalogue() {
        let bytes = encode(&sample(), "b1", 7);
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n], "b1").is_none(), "truncated at {n}");
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x01;
            assert!(decode(&b, "b1").is_none(), "byte {i} flipped");
        }
    }

    #[test]
    fn another_build_or_format_reads_as_no_catalogue() {
        let bytes = encode(&sample(), "b1", 7);
        assert!(decode(&bytes, "b2").is_none());
        let nl = bytes.iter().position(|&b| b == b'\n').unwrap();
        let header = std::str::from_utf8(&bytes[..nl]).unwrap();
        let other = header.replacen(&format!(" {FORMAT} "), &format!(" {} ", FORMAT + 1), 1);
        assert_ne!(other, header);
        assert!(decode(&[other.as_bytes(), &bytes[nl..]].concat(), "b1").is_none());
        // The control: the same bytes with the header left alone decode.
        assert!(decode(&[header.as_bytes(), &bytes[nl..]].concat(), "b1").is_some());
    }

    #[test]
    fn racy_means_within_two_seconds_of_the_stamp_or_after() {
        let stamp = 100 * RACY_NS;
        assert!(Stat(0, stamp - RACY_NS, 0, 0, 0).racy(stamp));
        assert!(Stat(0, stamp + 1, 0, 0, 0).racy(stamp));
        assert!(!Stat(0, stamp - RACY_NS - 1, 0, 0, 0).racy(stamp));
    }
}
