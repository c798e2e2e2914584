//! The list row of a saved page, read from its `<head>` only: the file is read up to
//! `</head>` or the first 64 KB, whichever comes first, and never parsed whole.

use crate::load::head::{Head, Ids, content_id};
use anyhow::{Context, Result};
use std::io::Read;
use std::path::Path;

/// The most of a page a list row reads.
pub const HEAD_LIMIT: usize = 64 << 10;
/// How much is read at a time while looking for `</head>`.
const CHUNK: usize = 8 << 10;

/// The list row of the saved page at `path`; its state id (when `ids` asks for one) hashes
/// title, date and the page's canonical address, which stay put when the file moves.
pub fn row(path: &Path, ids: Ids) -> Result<Head> {
    let shown = || crate::load::shown(path);
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", shown()))?;
    let mut file = file.take(HEAD_LIMIT as u64);
    let mut buf = Vec::with_capacity(CHUNK);
    loop {
        let from = buf.len().saturating_sub(8);
        let n = (&mut file)
            .take(CHUNK as u64)
            .read_to_end(&mut buf)
            .with_context(|| format!("reading {}", shown()))?;
        if n == 0 || find_head_end(&buf[from..]).is_some() {
            break;
        }
    }
    head_of_bytes(&buf, ids)
        .map(|mut h| {
            h.path = Some(path.to_path_buf());
            h
        })
        .with_context(shown)
}

/// [`row`] for bytes already read (the start of a page).
pub fn head_of_bytes(bytes: &[u8], ids: Ids) -> Result<Head> {
    let bytes = &bytes[..bytes.len().min(HEAD_LIMIT)];
    if super::mhtml::is_archive(bytes) {
        return archive_head(bytes, ids);
    }
    let end = find_head_end(bytes).unwrap_or(bytes.len());
    let clean = super::decode(&bytes[..end])?;
    let a = super::head(&clean.text);
    let start = a.header.url.clone().unwrap_or_default();
    let mut head = Head {
        header: a.header,
        tags: a.tags,
        path: None,
        id: String::new(),
        id_start: None,
    };
    match ids {
        Ids::Skip => {}
        Ids::Now => head.id = content_id(&head.header.title, head.header.date.as_deref(), &start),
        Ids::Later => head.id_start = Some(start.into_boxed_str()),
    }
    Ok(head)
}

/// The list row of a web archive from its first bytes: the page part they hold (decoded from
/// its transfer encoding), with the archive's subject for a page that has no title in its head
/// and its address for one that names none.
fn archive_head(bytes: &[u8], ids: Ids) -> Result<Head> {
    let Some((page, subject, location)) = super::mhtml::head_page(bytes) else {
        anyhow::bail!("not a readable web archive (MIME message)");
    };
    let end = find_head_end(page.as_bytes()).unwrap_or(page.len());
    let mut head = head_of_bytes(&page.as_bytes()[..end], ids)?;
    if head.header.title.is_empty()
        && let Some(s) = subject
    {
        head.header.title = crate::sanitize::clean_line(&s);
    }
    if head.header.url.is_none() {
        head.header.url = location.filter(|l| super::url::scheme(l).is_some());
    }
    if ids == Ids::Now {
        let start = head.header.url.clone().unwrap_or_default();
        head.id = content_id(&head.header.title, head.header.date.as_deref(), &start);
    }
    Ok(head)
}

/// Where `</head` starts in `bytes`, in any case.
fn find_head_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(6)
        .position(|w| w.eq_ignore_ascii_case(b"</head"))
}
