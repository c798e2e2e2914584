//! Bounded reads of regular files: what every file byline reads (articles, config, themes) goes
//! through, so that a FIFO never blocks the reader and a device never fills the memory.

use anyhow::{Result, bail};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The largest article byline reads by default, in bytes (64 MiB): far above any real article,
/// and a bound on the memory one file can make the reader take.
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// The largest article (or standard input) this run reads: [`MAX_ARTICLE_BYTES`] unless the
/// config's `max_article_mb`, `$BYLINE_MAX_ARTICLE_MB` or `--max-article-mb` said otherwise.
static ARTICLE_LIMIT: AtomicU64 = AtomicU64::new(MAX_ARTICLE_BYTES);

/// The largest article this run reads, in bytes.
pub fn article_limit() -> u64 {
    ARTICLE_LIMIT.load(Ordering::Relaxed)
}

/// Sets the largest article this run reads, in bytes; the binary calls it once, from the
/// settings, before anything is read.
pub fn set_article_limit(bytes: u64) {
    ARTICLE_LIMIT.store(bytes, Ordering::Relaxed);
}

/// What a refused article's message adds: how to read it anyway.
const RAISE_LIMIT: &str = "raise max_article_mb in the config or --max-article-mb to read it";

/// Reads a whole article file of at most [`article_limit`] bytes.
pub fn read_article(path: &Path) -> Result<Vec<u8>> {
    read_regular(path, article_limit()).map_err(|e| match e.downcast_ref::<TooLarge>() {
        Some(_) => anyhow::anyhow!("{e}; {RAISE_LIMIT}"),
        None => e,
    })
}

/// Reads all of standard input (or another stream named `what`) as an article, at most
/// [`article_limit`] bytes.
pub fn read_article_stream(reader: impl Read, what: &str) -> Result<Vec<u8>> {
    read_bounded(reader, article_limit(), what).map_err(|e| match e.downcast_ref::<TooLarge>() {
        Some(_) => anyhow::anyhow!("{e}; {RAISE_LIMIT}"),
        None => e,
    })
}

/// A read refused for its size: what it was and the limit.
#[derive(Debug)]
struct TooLarge {
    what: String,
    limit: u64,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is larger than {}, more than byline reads",
            self.what,
            mib(self.limit)
        )
    }
}

impl std::error::Error for TooLarge {}

/// `64 MiB`, or the bytes when the limit is not a whole number of MiB.
fn mib(bytes: u64) -> String {
    if bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The largest config or theme file byline reads, in bytes.
pub const MAX_SETTINGS_BYTES: u64 = 1 << 20;

/// What a path is when it is not a regular file, for messages; `None` for a regular file (or a
/// symlink to one).
pub fn not_regular(path: &Path) -> Option<&'static str> {
    // `metadata` follows symlinks and never blocks, where opening a FIFO waits for a writer.
    let meta = std::fs::metadata(path).ok()?;
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    Some(match special_kind(t) {
        Some("FIFO") => "a FIFO (named pipe)",
        Some("socket") => "a socket",
        Some("device") => "a device",
        _ => "not a regular file",
    })
}

/// What an entry of type `t` (a link's target, when the type came from `metadata`) is when it
/// is neither a regular file, nor a folder, nor a link: `FIFO`, `socket` or `device`. A library
/// walk reports such an entry as skipped and never opens it (opening a FIFO waits for a writer).
pub fn special_kind(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() || t.is_dir() || t.is_symlink() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("FIFO");
        }
        if t.is_socket() {
            return Some("socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("device");
        }
    }
    Some("special file")
}

/// The skip report of a FIFO, socket or device met in a library folder (`kind` from
/// [`special_kind`]): `PATH: not a regular file (FIFO)`.
pub fn special_skipped(path: &Path, kind: &str) -> String {
    format!(
        "{}: not a regular file ({kind})",
        crate::sanitize::shown(path)
    )
}

/// Opens `path` for reading when it is a regular file, else says what it is.
pub fn open_regular(path: &Path) -> Result<File> {
    if let Some(what) = not_regular(path) {
        bail!("{what}, not a file byline reads");
    }
    Ok(File::open(path)?)
}

/// Reads all of `reader`, refusing more than `limit` bytes.
pub fn read_bounded(reader: impl Read, limit: u64, what: &str) -> Result<Vec<u8>> {
    read_into(reader, limit, what, Vec::new())
}

/// [`read_bounded`] into `bytes` (made with the capacity the input is expected to need, so a
/// big file is not copied again at every doubling of the buffer).
fn read_into(reader: impl Read, limit: u64, what: &str, mut bytes: Vec<u8>) -> Result<Vec<u8>> {
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(TooLarge {
            what: what.to_string(),
            limit,
        }
        .into());
    }
    Ok(bytes)
}

/// Reads a whole regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = open_regular(path)?;
    // The size on disk refuses a big file before a byte is read; the bounded read still guards
    // a file that grows meanwhile.
    let len = file.metadata().map_or(0, |m| m.len());
    if len > limit {
        return Err(TooLarge {
            what: "the file".to_string(),
            limit,
        }
        .into());
    }
    // One byte more than the file holds, so the read sees its end without growing the buffer.
    let capacity = usize::try_from(len).map_or(0, |n| n.saturating_add(1));
    read_into(file, limit, "the file", Vec::with_capacity(capacity))
}

/// [`read_regular`] as UTF-8 text (config and theme files).
pub fn read_text(path: &Path, limit: u64) -> Result<String> {
    let bytes = read_regular(path, limit)?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("the file is not valid UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_files_are_refused_and_small_ones_read() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("a.txt");
        std::fs::write(&small, "Title\n\nText.\n").unwrap();
        assert_eq!(read_regular(&small, 100).unwrap(), b"Title\n\nText.\n");
        let err = read_regular(&small, 5).unwrap_err().to_string();
        assert!(err.contains("larger than"), "{err}");
        assert!(read_bounded(&b"abcdef"[..], 5, "input").is_err());
        assert_eq!(read_bounded(&b"abcde"[..], 5, "input").unwrap(), b"abcde");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_and_a_device_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
        // Opening a FIFO with no writer would block forever; this must return at once.
        let err = read_regular(&fifo, MAX_ARTICLE_BYTES)
            .unwrap_err()
            .to_string();
        assert!(err.contains("FIFO"), "{err}");
        let err = read_regular(Path::new("/dev/zero"), MAX_ARTICLE_BYTES)
            .unwrap_err()
            .to_string();
        assert!(err.contains("device"), "{err}");
        assert_eq!(not_regular(dir.path()), Some("a folder"));
    }
}
