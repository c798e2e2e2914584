//! The front page: the library's first rows in its order (newest first), kept beside the
//! catalogue, so the reader's first frame needs neither the catalogue nor the walk. The reader
//! shows them at once, reads the whole library on a worker as it does for a file opened alone,
//! and the list takes the whole library when it comes ("reading the library…" until then).
//!
//! The file holds a header line (format, build, body length and checksum) then the body in
//! bincode; one that does not check out, or of other roots, reads as none, and the launch walks
//! the library first, as without it. It is written again each time the reader has the whole
//! library, so it is as old as the last launch's list (a file changed since shows its old row
//! until the library comes, as it would until the watcher saw it).

use super::Cache;
use super::store::{self, Row};
use crate::load::library::Library;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The format's version.
const FORMAT: u32 = 1;

/// What the header line starts with.
const MAGIC: &str = "byline-front";

/// How many rows are kept: more than any terminal shows at once.
pub const ROWS: usize = 400;

/// What the file keeps.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Kept {
    /// The library's roots, resolved (as the catalogue names them).
    roots: Vec<PathBuf>,
    /// The first rows, with their paths as the library spells them (UTF-8 paths only).
    rows: Vec<(String, Row)>,
}

/// The front page's file for the library `roots` in `cache` (beside its catalogue), with the
/// roots resolved; `None` when the catalogue has none.
fn file_for(cache: &Cache, roots: &[PathBuf]) -> Option<(PathBuf, Vec<PathBuf>)> {
    let (catalogue, canon) = cache.file_for(roots)?;
    Some((catalogue.with_extension("front"), canon))
}

/// The front page of a library, ready to write.
#[derive(Debug)]
pub struct Page {
    path: PathBuf,
    kept: Kept,
}

impl Page {
    /// The first [`ROWS`] rows of `lib` (the whole library of `roots`, in its order), as the
    /// front page of `roots` in `cache`; `None` when the catalogue has no file for them.
    pub fn of(cache: &Cache, roots: &[PathBuf], lib: &Library) -> Option<Page> {
        let (path, canon) = file_for(cache, roots)?;
        let rows = lib
            .entries
            .iter()
            .filter(|e| e.article.is_none())
            .filter_map(|e| {
                let p = e.row.path()?.to_str()?.to_string();
                Some((p, super::row_of(&e.row)))
            })
            .take(ROWS)
            .collect();
        Some(Page {
            path,
            kept: Kept { roots: canon, rows },
        })
    }

    /// Writes it (a temp file renamed over the old one).
    pub fn write(&self) -> std::io::Result<()> {
        store::write_atomic(
            &self.path,
            &store::seal(MAGIC, FORMAT, &store::build(), &self.kept),
        )
    }
}

/// The front page of `roots` kept in `cache`, as a library of its rows; `None` when there is
/// none, or it does not check out, or it was written by another build or for other roots.
pub fn read(cache: &Cache, roots: &[PathBuf]) -> Option<Library> {
    let (path, canon) = file_for(cache, roots)?;
    let bytes = crate::files::read_regular(&path, 64 << 20).ok()?;
    let kept: Kept = store::unseal(&bytes, MAGIC, FORMAT, &store::build())?;
    if kept.roots != canon || kept.rows.is_empty() {
        return None;
    }
    let entries = kept
        .rows
        .into_iter()
        .map(|(p, row)| super::walk::entry(Path::new(&p), row))
        .collect();
    Some(Library {
        entries,
        ..Library::default()
    })
}
