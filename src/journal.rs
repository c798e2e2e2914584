//! Append-only logs of checksummed records, kept beside a snapshot: the one way byline saves a
//! big file without rewriting it (the reading state and the catalogue of list rows both use it).
//!
//! A log is a header line (`<magic> <version> <id>`), then frames: the payload's length (u32,
//! little-endian), its [`checksum`] (u64), the payload. A save appends one frame, so it is
//! whole or absent: a frame cut short by a kill (or failing its checksum) ends the log, and the
//! next writer, under its lock, cuts it off before appending. The `id` names one log: a
//! compaction writes a new snapshot and starts a new log with a new id, so a process that keeps
//! an offset into the old one knows to read again from the start.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The largest frame a log holds (a record above it ends the log as corrupt).
const MAX_FRAME: u32 = 1 << 30;

/// Bytes before each payload: length and checksum.
const FRAME_HEAD: usize = 12;

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

/// A log's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The format version of its records.
    pub version: u32,
    /// Which log this is (a new one after every compaction).
    pub id: u64,
    /// Where the first frame starts.
    pub len: u64,
}

/// What reading a log from some offset gave.
#[derive(Debug, Default)]
pub struct Frames {
    /// The payloads of the whole frames, in order.
    pub records: Vec<Vec<u8>>,
    /// Where the last whole frame ends: the next append goes here.
    pub end: u64,
    /// Whether bytes after `end` did not make a whole frame (a torn or corrupt tail).
    pub torn: bool,
}

/// A new id for a log: different for every log this or another process starts.
pub fn new_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mix = [
        nanos,
        u64::from(std::process::id()),
        COUNT.fetch_add(1, Ordering::Relaxed),
    ];
    let bytes: Vec<u8> = mix.iter().flat_map(|w| w.to_le_bytes()).collect();
    checksum(&bytes) | 1
}

/// Reads the header of the log open in `file`; `None` when it is not a log of `magic`.
pub fn header(file: &mut File, magic: &str) -> Option<Header> {
    file.seek(SeekFrom::Start(0)).ok()?;
    let mut buf = [0u8; 128];
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    let nl = memchr::memchr(b'\n', &buf[..got])?;
    let line = std::str::from_utf8(&buf[..nl]).ok()?;
    let mut parts = line.split(' ');
    if parts.next() != Some(magic) {
        return None;
    }
    let version = parts.next()?.parse().ok()?;
    let id = u64::from_str_radix(parts.next()?, 16).ok()?;
    parts.next().is_none().then_some(Header {
        version,
        id,
        len: nl as u64 + 1,
    })
}

/// Reads the whole frames of the log open in `file` from offset `from` (a frame boundary) to its
/// end.
pub fn read_from(file: &mut File, from: u64) -> io::Result<Frames> {
    file.seek(SeekFrom::Start(from))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    let mut frames = Frames {
        end: from,
        ..Frames::default()
    };
    let mut at = 0usize;
    while at < bytes.len() {
        let Some(head) = bytes.get(at..at + FRAME_HEAD) else {
            frames.torn = true;
            break;
        };
        let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        let mut sum = [0u8; 8];
        sum.copy_from_slice(&head[4..12]);
        let start = at + FRAME_HEAD;
        let payload = (len > 0 && len <= MAX_FRAME)
            .then(|| bytes.get(start..start + len as usize))
            .flatten()
            .filter(|p| checksum(p) == u64::from_le_bytes(sum));
        let Some(payload) = payload else {
            frames.torn = true;
            break;
        };
        frames.records.push(payload.to_vec());
        at = start + len as usize;
        frames.end = from + at as u64;
    }
    Ok(frames)
}

/// Where the whole frames of the log open in `file` end, from offset `from` (a frame boundary),
/// reading only the frames' heads: a frame whose length runs past the end of the file (a write
/// cut short) ends the log. Cheaper than [`read_from`] for a writer that only appends, at the
/// cost of not checking payloads (a reader still does, and stops at a bad one).
pub fn tail(file: &mut File, from: u64) -> io::Result<u64> {
    let len = file.metadata()?.len();
    let mut at = from;
    let mut head = [0u8; FRAME_HEAD];
    while at + FRAME_HEAD as u64 <= len {
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(&mut head)?;
        let n = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        let next = at + (FRAME_HEAD as u64) + u64::from(n);
        if n == 0 || n > MAX_FRAME || next > len {
            break;
        }
        at = next;
    }
    Ok(at)
}

/// Folders whose disk a test pretends is full, with the bytes they still take.
static FULL: Mutex<Vec<(PathBuf, u64)>> = Mutex::new(Vec::new());

/// For tests of a full disk without one: from now on, writes through [`write_all`] into files
/// directly in `dir` store `room` more bytes, then fail with the error a full disk gives (the
/// write that crosses the limit lands in part, as on a real one); `None` gives the room back.
/// Every save of the reading state, the catalogue and their logs goes through [`write_all`].
#[doc(hidden)]
pub fn pretend_full(dir: &Path, room: Option<u64>) {
    let mut full = FULL.lock().unwrap_or_else(PoisonError::into_inner);
    full.retain(|(d, _)| d != dir);
    if let Some(room) = room {
        full.push((dir.to_path_buf(), room));
    }
}

/// How many of `len` bytes a write into `path` may store, where a test pretends its disk is
/// full ([`pretend_full`]); `None` elsewhere.
fn room_for(path: &Path, len: usize) -> Option<usize> {
    let mut full = FULL.lock().unwrap_or_else(PoisonError::into_inner);
    if full.is_empty() {
        return None;
    }
    let dir = path.parent()?;
    let (_, room) = full.iter_mut().find(|(d, _)| d == dir)?;
    let n = (*room).min(len as u64);
    *room -= n;
    Some(usize::try_from(n).unwrap_or(len))
}

/// The error a write into a full disk gives.
fn no_space() -> io::Error {
    #[cfg(unix)]
    let e = io::Error::from_raw_os_error(28); // ENOSPC
    #[cfg(not(unix))]
    let e = io::Error::from(io::ErrorKind::StorageFull);
    e
}

/// Writes `bytes` to `file`, which is the file at `path`: the one write call every save of
/// the state and the catalogue makes, so a test can make it meet a full disk.
pub fn write_all(file: &mut File, path: &Path, bytes: &[u8]) -> io::Result<()> {
    match room_for(path, bytes.len()) {
        None => file.write_all(bytes),
        Some(n) => {
            file.write_all(&bytes[..n])?;
            if n < bytes.len() {
                return Err(no_space());
            }
            Ok(())
        }
    }
}

/// One frame's bytes.
fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(FRAME_HEAD + payload.len());
    out.extend_from_slice(
        &u32::try_from(payload.len())
            .unwrap_or(u32::MAX)
            .to_le_bytes(),
    );
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Appends `payload` as one frame at `end` (the end of the last whole frame, as
/// [`read_from`] found it) to the log open in `file` (the file at `path`), cutting off any torn
/// tail first; returns the new end. Call it only under the log's lock. With `sync`, the frame
/// is on disk when it returns.
pub fn append(
    file: &mut File,
    path: &Path,
    end: u64,
    payload: &[u8],
    sync: bool,
) -> io::Result<u64> {
    if payload.is_empty() || payload.len() > MAX_FRAME as usize {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a log record must hold 1 byte to 1 GiB",
        ));
    }
    if file.metadata()?.len() != end {
        file.set_len(end)?;
    }
    file.seek(SeekFrom::Start(end))?;
    let bytes = frame(payload);
    if let Err(e) = write_all(file, path, &bytes) {
        // Leave no partial frame for the next writer to trip on (it would cut it off anyway).
        let _ = file.set_len(end);
        return Err(e);
    }
    if sync {
        file.sync_data()?;
    }
    Ok(end + bytes.len() as u64)
}

/// Starts an empty log at `path` with a new id, replacing any there whole (temp file, rename;
/// with `sync`, fsync of the file and of the folder). Returns the log, open for reading and
/// appending, and its header.
pub fn create(path: &Path, magic: &str, version: u32, sync: bool) -> io::Result<(File, Header)> {
    create_with_id(path, magic, version, new_id(), sync)
}

/// [`create`] with the id given (one written in the snapshot the log belongs to).
pub fn create_with_id(
    path: &Path,
    magic: &str,
    version: u32,
    id: u64,
    sync: bool,
) -> io::Result<(File, Header)> {
    let line = format!("{magic} {version} {id:016x}\n");
    // Hidden, and named after the log, so the owner's clean-up of temp files left by killed
    // writers finds it.
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(path.file_name().unwrap_or_default());
    tmp_name.push(format!(".{}-{id:x}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let made = (|| {
        let mut f = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        write_all(&mut f, &tmp, line.as_bytes())?;
        if sync {
            f.sync_all()?;
        }
        fs::rename(&tmp, path)?;
        if sync && let Some(dir) = path.parent() {
            sync_dir(dir)?;
        }
        Ok(f)
    })();
    match made {
        Ok(f) => Ok((
            f,
            Header {
                version,
                id,
                len: line.len() as u64,
            },
        )),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Opens the log at `path` for reading and appending; `Ok(None)` when there is none.
pub fn open(path: &Path) -> io::Result<Option<File>> {
    match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Makes a rename in `dir` durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Makes a rename in `dir` durable.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_read_back_and_a_cut_or_flipped_tail_ends_the_log_there() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("x.log");
        let (mut f, h) = create(&path, "test-log", 3, false).unwrap();
        let mut end = h.len;
        let mut ends = vec![end];
        for p in [&b"one"[..], b"second record", b"3"] {
            end = append(&mut f, &path, end, p, false).unwrap();
            ends.push(end);
        }
        let mut f = open(&path).unwrap().unwrap();
        assert_eq!(header(&mut f, "test-log"), Some(h));
        assert_eq!(header(&mut f, "other-log"), None);
        let all = read_from(&mut f, h.len).unwrap();
        assert_eq!(all.records, [&b"one"[..], b"second record", b"3"]);
        assert_eq!((all.end, all.torn), (end, false));
        // Reading on from the end of the first frame gives the rest.
        assert_eq!(read_from(&mut f, ends[1]).unwrap().records.len(), 2);
        let whole = fs::read(&path).unwrap();
        // Every cut inside the last frame keeps the first two, and says it is torn.
        for cut in ends[2] + 1..ends[3] {
            fs::write(&path, &whole[..cut as usize]).unwrap();
            let got = read_from(&mut open(&path).unwrap().unwrap(), h.len).unwrap();
            assert_eq!(got.records.len(), 2, "cut at {cut}");
            assert_eq!((got.end, got.torn), (ends[2], true));
        }
        // Every flipped byte of the second frame ends the log after the first.
        for i in ends[1]..ends[2] {
            let mut b = whole.clone();
            b[i as usize] ^= 0x20;
            fs::write(&path, &b).unwrap();
            let got = read_from(&mut open(&path).unwrap().unwrap(), h.len).unwrap();
            assert_eq!(got.records, [&b"one"[..]], "byte {i} flipped");
            assert!(got.torn);
        }
        // Zeros where a frame should be (a power cut) are no frame either.
        let mut b = whole[..ends[1] as usize].to_vec();
        b.extend_from_slice(&[0; 40]);
        fs::write(&path, &b).unwrap();
        let mut f = open(&path).unwrap().unwrap();
        let got = read_from(&mut f, h.len).unwrap();
        assert_eq!((got.records.len(), got.end, got.torn), (1, ends[1], true));
        // The next append cuts the torn tail off first.
        let end = append(&mut f, &path, got.end, b"after", false).unwrap();
        let got = read_from(&mut f, h.len).unwrap();
        assert_eq!(got.records, [&b"one"[..], b"after"]);
        assert_eq!((got.end, got.torn), (end, false));
    }

    #[test]
    fn every_new_log_has_its_own_id() {
        let ids: std::collections::BTreeSet<u64> = (0..1000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 1000);
    }
}
