//! The catalogue file: one header line naming the format, the build, the body's length and
//! checksum, then the body in bincode (varint integers); anything that does not check out reads
//! as no catalogue.

use bincode::Options;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The format's version: a catalogue of another version is ignored and rebuilt.
pub const FORMAT: u32 = 3;

/// What the header line starts with.
const MAGIC: &str = "byline-catalogue";

/// What a file's stat says about it: enough to tell that it changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
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
    /// When the walk that made it began, nanoseconds since the epoch.
    pub stamp: i64,
    /// Folders walked.
    pub folders: Vec<Folder>,
    /// Files given as roots, with their root's index.
    pub lone: Vec<(u32, File)>,
}

/// A 64-bit checksum of `bytes`: every step is a bijection of the state, so one changed word
/// always changes the sum. Stable across builds and platforms, unlike std's hashers.
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    for w in &mut words {
        let mut a = [0u8; 8];
        a.copy_from_slice(w);
        h = step(h, u64::from_le_bytes(a));
    }
    let mut a = [0u8; 8];
    a[..words.remainder().len()].copy_from_slice(words.remainder());
    step(h, u64::from_le_bytes(a))
}

/// The build that writes: a catalogue written by another build (another version, or the binary
/// rebuilt) is ignored, since its parsers may read a file differently.
pub fn build() -> String {
    let exe = std::env::current_exe()
        .and_then(fs::metadata)
        .map(|m| Stat::of(&m))
        .unwrap_or_default();
    format!("{}+{:x}.{:x}", env!("CARGO_PKG_VERSION"), exe.0, exe.1)
}

/// The file's bytes: header line then body.
pub fn encode(cat: &Catalogue, build: &str) -> Vec<u8> {
    // Serialising plain strings, numbers and options cannot fail.
    let body = bincode::DefaultOptions::new()
        .serialize(cat)
        .unwrap_or_default();
    let mut out = format!(
        "{MAGIC} {FORMAT} {build} {} {:016x}\n",
        body.len(),
        checksum(&body)
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

/// The catalogue in `bytes`, or `None` when it is of another format or build, truncated or
/// corrupt.
pub fn decode(bytes: &[u8], build: &str) -> Option<Catalogue> {
    let nl = memchr::memchr(b'\n', &bytes[..bytes.len().min(512)])?;
    let header = std::str::from_utf8(&bytes[..nl]).ok()?;
    let body = &bytes[nl + 1..];
    let mut parts = header.split(' ');
    let ok = parts.next() == Some(MAGIC)
        && parts.next() == Some(&FORMAT.to_string())
        && parts.next() == Some(build)
        && parts.next() == Some(&body.len().to_string())
        && parts.next() == Some(&format!("{:016x}", checksum(body)))
        && parts.next().is_none();
    if !ok {
        return None;
    }
    // The limit keeps a length read from the body from asking for more memory than the body.
    bincode::DefaultOptions::new()
        .with_limit(body.len() as u64)
        .deserialize(body)
        .ok()
}

/// Reads the catalogue at `path`; `None` when there is none or it does not check out.
pub fn load(path: &Path, build: &str) -> Option<Catalogue> {
    decode(&fs::read(path).ok()?, build)
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
        f.write_all(bytes)?;
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
    for e in entries.flatten() {
        let n = e.file_name();
        let n = n.to_string_lossy();
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
        let bytes = encode(&sample(), "b1");
        let back = decode(&bytes, "b1").unwrap();
        assert_eq!(
            back.folders[0].files[0].rows,
            sample().folders[0].files[0].rows
        );
        assert_eq!(back.folders[0].others, sample().folders[0].others);
        assert_eq!(back.stamp, 5);
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_reads_as_no_catalogue() {
        let bytes = encode(&sample(), "b1");
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
        let bytes = encode(&sample(), "b1");
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
