//! Bounded reads of regular files: what every file byline reads (articles, config, themes) goes
//! through, so that a FIFO never blocks the reader and a device never fills the memory.

use anyhow::{Result, bail};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest article byline reads, in bytes (64 MiB): far above any real article, and a
/// bound on the memory one file can make the reader take.
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

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
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
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
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        bail!(
            "{what} is larger than {} MiB, more than byline reads",
            limit >> 20
        );
    }
    Ok(bytes)
}

/// Reads a whole regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = open_regular(path)?;
    // The size on disk refuses a big file before a byte is read; the bounded read still guards
    // a file that grows meanwhile.
    if file.metadata().is_ok_and(|m| m.len() > limit) {
        bail!(
            "the file is larger than {} MiB, more than byline reads",
            limit >> 20
        );
    }
    read_bounded(file, limit, "the file")
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
