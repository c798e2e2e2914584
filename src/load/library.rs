//! The library: which files under the given paths are articles, and their list rows.

use super::backlinks::Files;
use super::head::{self, Head, Ids};
use super::resolve::Resolver;
use super::row::ListRow;
use crate::article::Article;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// One article of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its list row, packed.
    pub row: ListRow,
    /// The parsed article when it is held in memory (stdin); files are parsed on demand.
    pub article: Option<Arc<Article>>,
}

/// One library article, ready to load without the library ([`Library::source`]).
#[derive(Debug, Clone)]
pub enum Source {
    /// The article held in memory (stdin).
    Memory(Arc<Article>),
    /// An article file, parsed when loaded.
    File {
        /// The file.
        path: PathBuf,
        /// The files linking to it, once the backlinks pass has found them.
        backlinks: Option<Vec<PathBuf>>,
    },
}

impl Source {
    /// The article: the one held, or the file parsed (with its backlinks).
    pub fn load(self) -> anyhow::Result<Arc<Article>> {
        match self {
            Source::Memory(a) => Ok(a),
            Source::File { path, backlinks } => {
                let mut article = super::load_file(&path)?;
                if let Some(links) = backlinks {
                    article.backlinks = links;
                }
                Ok(Arc::new(article))
            }
        }
    }

    /// The files the loaded article will name as linking to it.
    pub fn backlinks(&self) -> &[PathBuf] {
        match self {
            Source::Memory(a) => &a.backlinks,
            Source::File { backlinks, .. } => backlinks.as_deref().unwrap_or_default(),
        }
    }
}

/// Which files link to each file through their related blocks.
pub use super::backlinks::Backlinks;

/// The articles byline shows, newest first, and what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Articles, newest first (undated last).
    pub entries: Vec<Entry>,
    /// One line per skipped file or path: what it was and why.
    pub problems: Vec<String>,
    /// Backlinks of every file, once a background pass has read every related block.
    pub backlinks: Arc<OnceLock<Backlinks>>,
    /// Where the backlinks pass keeps the related links it read, beside the catalogue, so the
    /// next pass reads only the files that changed ([`super::catalog::links`]); `None` without
    /// a catalogue (`--no-cache`), when every pass reads every file.
    pub links_file: Option<PathBuf>,
}

impl Library {
    /// Scans files and folders (folders recursively for .txt/.md/.json and feeds) and sorts
    /// newest first.
    /// Symlink loops, dangling links, unreadable and binary files, FIFOs, sockets and devices are
    /// skipped into `problems`.
    pub fn scan(paths: &[PathBuf]) -> Library {
        Self::scan_with(paths, Ids::Now)
    }

    /// [`Library::scan`], computing the rows' state ids when `ids` says.
    ///
    /// The walk hands each batch of files it finds to rayon's pool at once, so reading the
    /// first files overlaps walking the rest; the walking thread waits for the batches when it
    /// is done.
    pub fn scan_with(paths: &[PathBuf], ids: Ids) -> Library {
        Self::scan_walking(ids, |found| (walk(paths, found), Vec::new()))
    }

    /// [`Library::scan_with`] with the walk passed in: `walk` hands the files to read to its
    /// argument in batches and returns what could not be walked and the entries it already knows
    /// (the catalogue's rows of unchanged files, [`super::catalog`]).
    pub(crate) fn scan_walking(
        ids: Ids,
        walk: impl FnOnce(&mut dyn FnMut(Vec<PathBuf>)) -> (Vec<String>, Vec<Entry>),
    ) -> Library {
        crate::work::threads();
        // Each batch's rows and problems, in the order the batches finish.
        let parts = Mutex::new(Vec::new());
        let (mut walk_problems, known) = rayon::in_place_scope(|s| {
            let parts = &parts;
            walk(&mut |batch| {
                s.spawn(move |_| {
                    let part = read_batch(&batch, ids);
                    parts
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(part);
                });
            })
        });
        let mut parts = parts
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        parts.push((known, Vec::new()));
        // The largest part becomes the list, so only the others are copied.
        parts.sort_by_key(|(entries, _)| std::cmp::Reverse(entries.len()));
        let mut lib = Library::default();
        let mut read_problems = Vec::new();
        for (i, (entries, problems)) in parts.into_iter().enumerate() {
            if i == 0 {
                lib.entries = entries;
            } else {
                lib.entries.extend(entries);
            }
            read_problems.extend(problems);
        }
        // Batches finish in any order; the report is sorted so every run prints the same.
        read_problems.sort();
        walk_problems.extend(read_problems);
        lib.problems = walk_problems;
        lib.sort();
        // The list is kept for the whole session; growing it doubled its room, up to a third
        // of it spare (a row is about 240 bytes: 8 MB at 100,000).
        lib.entries.shrink_to_fit();
        lib
    }

    /// Computes every state id left for later ([`Ids::Later`]), on every thread.
    pub fn settle_ids(&mut self) {
        // Below a few thousand rows a thread costs more than it saves.
        crate::work::each_mut(&mut self.entries, 2048, |e| e.row.settle_id());
    }

    /// A library of one article held in memory (read from stdin).
    pub fn from_article(article: Article) -> Library {
        Library {
            entries: vec![Entry {
                row: Head::of(&article).into(),
                article: Some(Arc::new(article)),
            }],
            ..Library::default()
        }
    }

    /// Sorts newest first; undated articles last; then by title, then by path.
    pub fn sort(&mut self) {
        // Entries are large to move: sort small (date, index) keys, then place each entry once.
        let mut keys: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (date_number(e.row.date_iso()), i))
            .collect();
        let entries = &self.entries;
        // Paths differ, so the order is total and an unstable sort is as deterministic.
        keys.sort_unstable_by(|(da, a), (db, b)| {
            let (a, b) = (&entries[*a].row, &entries[*b].row);
            db.cmp(da)
                .then_with(|| a.title().cmp(b.title()))
                .then_with(|| a.path().cmp(&b.path()))
        });
        // Entry j of the sorted list is entry `from[j]` now; follow each cycle of that permutation
        // with swaps, in place (a second list of 100,000 entries would cost its memory).
        let mut from: Vec<usize> = keys.into_iter().map(|(_, i)| i).collect();
        for start in 0..from.len() {
            let mut j = start;
            while from[j] != j {
                let src = std::mem::replace(&mut from[j], j);
                if src == start {
                    break;
                }
                self.entries.swap(j, src);
                j = src;
            }
        }
    }

    /// Parses entry `i` (or returns the article held in memory).
    pub fn load(&self, i: usize) -> anyhow::Result<Arc<Article>> {
        self.source(i)?.load()
    }

    /// What loading entry `i` needs, taken out of the library so another thread can load it:
    /// the article held in memory, or the file and the backlinks known for it now.
    pub fn source(&self, i: usize) -> anyhow::Result<Source> {
        let e = self
            .entries
            .get(i)
            .ok_or_else(|| anyhow::anyhow!("no article {i}"))?;
        if let Some(a) = &e.article {
            return Ok(Source::Memory(a.clone()));
        }
        let path = e
            .row
            .path()
            .ok_or_else(|| anyhow::anyhow!("article {i} has no file"))?;
        Ok(Source::File {
            path: path.to_path_buf(),
            backlinks: self.backlinks.get().and_then(|b| b.get(path)),
        })
    }

    /// Reads every file's related block on a background thread and records, for each file,
    /// the files that link to it; [`Library::load`] adds them once ready. Listing never waits.
    /// (The reader uses [`Library::backlinks_job`] on the title index it builds anyway.)
    pub fn index_backlinks_in_background(&self) {
        let Some(job) = self.backlinks_job() else {
            return;
        };
        let titles = self.titles();
        let urls = self.urls();
        // Without the thread there are simply no backlinks: nothing the reader needs.
        let _ = std::thread::Builder::new()
            .name("byline-backlinks".into())
            .spawn(move || {
                job(
                    &Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())))
                        .with_urls(urls.iter().map(|(u, p)| (u.as_str(), p.as_path()))),
                );
            });
    }

    /// Title and file of every article read from a file: what related headlines resolve to.
    pub fn titles(&self) -> Vec<(String, PathBuf)> {
        self.entries
            .iter()
            .filter(|e| e.article.is_none())
            .filter_map(|e| Some((e.row.title().to_string(), e.row.path_buf()?)))
            .collect()
    }

    /// Own address and file of every article read from a file that has one (saved pages'
    /// canonical URLs, `url` front matter): what links by address resolve to.
    pub fn urls(&self) -> Vec<(String, PathBuf)> {
        self.entries
            .iter()
            .filter(|e| e.article.is_none())
            .filter_map(|e| Some((e.row.url()?.to_string(), e.row.path_buf()?)))
            .collect()
    }

    /// The backlinks pass, to run on a worker with a resolver over [`Library::titles`]: it reads
    /// every file's related block and fills [`Library::backlinks`]. `None` without files.
    ///
    /// The files it reads are the resolver's own ([`Resolver::files`]): both are every article
    /// with a file, in library order. Only a library holding articles in memory that also name
    /// a file (the built-in samples) gives the pass a list of its own, since those are in the
    /// resolver but not read.
    pub fn backlinks_job(&self) -> Option<impl FnOnce(&Resolver) + Send + 'static> {
        let read = |e: &&Entry| e.article.is_none() && e.row.path().is_some();
        let count = self.entries.iter().filter(read).count();
        if count == 0 {
            return None;
        }
        let own: Option<Vec<PathBuf>> = self
            .entries
            .iter()
            .any(|e| e.article.is_some() && e.row.path().is_some())
            .then(|| {
                self.entries
                    .iter()
                    .filter(read)
                    .filter_map(|e| e.row.path_buf())
                    .collect()
            });
        let cell = Arc::clone(&self.backlinks);
        let keep = self.links_file.clone();
        Some(move |resolver: &Resolver| {
            let links = match &own {
                Some(files) => backlinks_over(resolver, files, keep.as_deref()),
                None => {
                    let files = resolver.files();
                    // The resolver is made over this library's files (`titles`,
                    // `app::links::resolver`): the same files, in the same order.
                    debug_assert_eq!(files.len(), count);
                    backlinks_over(resolver, &files, keep.as_deref())
                }
            };
            let _ = cell.set(links);
        })
    }
}

/// The backlinks of `files` through `resolver`, kept in `keep` when there is one
/// ([`super::catalog::links::backlinks_kept`]).
fn backlinks_over<F: Files + ?Sized>(
    resolver: &Resolver,
    files: &F,
    keep: Option<&std::path::Path>,
) -> Backlinks {
    match keep {
        Some(keep) => super::catalog::links::backlinks_kept(resolver, files, keep).backlinks,
        None => backlinks_with(resolver, files),
    }
}

/// `YYYY-MM-DD` as the number `YYYYMMDD`, which orders as the dates do; 0 (before every date)
/// when there is none.
fn date_number(iso: Option<&str>) -> u32 {
    let Some(iso) = iso else { return 0 };
    iso.bytes().filter(u8::is_ascii_digit).fold(0u32, |n, d| {
        n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
    })
}

/// A walk error as one line: the path and what is wrong with it.
fn walk_problem(err: &walkdir::Error) -> String {
    let path = err.path().map(super::shown).unwrap_or_default();
    let why = if err.loop_ancestor().is_some() {
        "symlink loop".to_string()
    } else if let Some(io) = err.io_error() {
        if io.kind() == std::io::ErrorKind::NotFound {
            "dangling symlink".to_string()
        } else {
            io.to_string()
        }
    } else {
        err.to_string()
    };
    format!("{path}: {why}")
}

/// How many files the walk hands to a reader at a time.
const BATCH: usize = 64;

/// The list rows of a batch of files and the problems met reading them. A feed or JSON list
/// gives one row per item, from one parse of the file.
fn read_batch(batch: &[PathBuf], ids: Ids) -> (Vec<Entry>, Vec<String>) {
    let (mut entries, mut problems) = (Vec::new(), Vec::new());
    for f in batch {
        match head::rows(f, ids) {
            Ok(heads) => entries.extend(heads.into_iter().map(|head| Entry {
                row: ListRow::new(head),
                article: None,
            })),
            Err(e) => problems.push(format!("{e:#}")),
        }
    }
    (entries, problems)
}

/// Walks files and folders (folders recursively, for article extensions, hidden entries
/// skipped), handing the files found to `found` in batches; returns what could not be walked.
fn walk(paths: &[PathBuf], mut found: impl FnMut(Vec<PathBuf>)) -> Vec<String> {
    let mut problems = Vec::new();
    let mut batch = Vec::with_capacity(BATCH);
    for p in paths {
        if p.is_file() || super::container_item(p).is_some() {
            // A file named explicitly is read whatever its extension; `FILE#ID`, one item.
            batch.push(p.clone());
            continue;
        }
        // Hidden files and folders (.git, an editor's swap files) are not articles.
        let walk = walkdir::WalkDir::new(p)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !super::file_name(e.path()).starts_with(b"."));
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() && super::format_for(e.path()).is_some() => {
                    batch.push(e.into_path());
                    if batch.len() == BATCH {
                        found(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                    }
                }
                Ok(e) => {
                    // A FIFO, socket or device: never opened, but said (opening a FIFO blocks).
                    if let Some(kind) = crate::files::special_kind(e.file_type()) {
                        problems.push(crate::files::special_skipped(e.path(), kind));
                    }
                }
                Err(err) => problems.push(walk_problem(&err)),
            }
        }
    }
    if !batch.is_empty() {
        found(batch);
    }
    problems
}

/// For each file, the files whose related headlines resolve to it, in library order.
pub fn backlinks_of(files: &[(String, PathBuf)]) -> Backlinks {
    let resolver = Resolver::new(files.iter().map(|(t, p)| (t.as_str(), p.as_path())));
    let sources: Vec<PathBuf> = files.iter().map(|(_, p)| p.clone()).collect();
    backlinks_with(&resolver, &sources)
}

/// [`backlinks_of`] with the resolver over the files' titles already built.
pub fn backlinks_with<F: Files + ?Sized>(resolver: &Resolver, files: &F) -> Backlinks {
    let mut out = Backlinks::default();
    for source in files.iter() {
        // A feed item has no related headlines: it is not read for them.
        if super::container_item(source)
            .is_some_and(|(file, _)| super::format_for(&file) == Some(crate::article::Format::Feed))
        {
            continue;
        }
        let Ok(article) = super::load_related(source) else {
            continue;
        };
        let from = super::resolve::LinkFrom {
            path: Some(source),
            url: article.header.url.as_deref(),
        };
        for r in &article.related {
            if let Some(target) = resolver.resolve_related(r, from)
                && target != source
            {
                out.add(target, source);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_newest_first_undated_last_then_title_then_path() {
        let entry = |date: Option<&str>, title: &str, path: &str| Entry {
            row: Head {
                header: crate::article::Header {
                    title: title.into(),
                    date_iso: date.map(str::to_string),
                    ..Default::default()
                },
                path: Some(PathBuf::from(path)),
                ..Head::default()
            }
            .into(),
            article: None,
        };
        let mut lib = Library {
            entries: vec![
                entry(None, "B", "u2"),
                entry(Some("2025-12-31"), "Z", "z"),
                entry(Some("2026-01-02"), "B", "b2"),
                entry(None, "A", "u1"),
                entry(Some("2026-01-02"), "B", "b1"),
                entry(Some("2026-01-02"), "A", "a"),
                entry(Some("2026-01-10"), "Y", "y"),
            ],
            ..Library::default()
        };
        lib.sort();
        let order: Vec<String> = lib
            .entries
            .iter()
            .map(|e| e.row.path().unwrap().display().to_string())
            .collect();
        assert_eq!(order, ["y", "a", "b1", "b2", "z", "u1", "u2"]);
    }

    #[test]
    fn the_scan_on_the_pool_gives_the_rows_read_in_turn() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300u32 {
            let sub = dir.path().join(format!("d{}", i % 7));
            std::fs::create_dir_all(&sub).unwrap();
            let text = format!(
                "Story number {i} about the harbor\n\nJan {:02}, 2026\n\nBy Ann Lee\n\nText {i}.\n",
                1 + i % 28
            );
            std::fs::write(sub.join(format!("s{i:03}.txt")), text).unwrap();
        }
        std::fs::write(dir.path().join("d1/bad.txt"), b"\0\0binary\0").unwrap();
        let paths = [dir.path().to_path_buf()];
        let scanned = Library::scan(&paths);
        // The same files read on this thread, one batch after another.
        let mut files = Vec::new();
        let walk_problems = walk(&paths, |batch| files.extend(batch));
        let (entries, mut problems) = read_batch(&files, Ids::Now);
        let mut in_turn = Library {
            entries,
            ..Library::default()
        };
        in_turn.sort();
        problems.sort();
        let rows = |l: &Library| -> Vec<String> {
            l.entries.iter().map(|e| format!("{:?}", e.row)).collect()
        };
        assert_eq!(scanned.entries.len(), 300);
        assert_eq!(rows(&scanned), rows(&in_turn));
        assert_eq!(scanned.problems.len(), 1, "{:?}", scanned.problems);
        assert_eq!(scanned.problems, [walk_problems, problems].concat());
    }

    #[test]
    fn sorting_in_place_agrees_with_a_plain_sort() {
        // A scrambled list with many cycles and repeated dates.
        let mut lib = Library::default();
        for i in 0..200u32 {
            let k = (i * 73 + 11) % 200;
            lib.entries.push(Entry {
                row: Head {
                    header: crate::article::Header {
                        title: format!("t{}", k % 7),
                        date_iso: (k % 5 != 0).then(|| format!("2026-01-{:02}", 1 + k % 9)),
                        ..Default::default()
                    },
                    path: Some(PathBuf::from(format!("p{k:03}"))),
                    ..Head::default()
                }
                .into(),
                article: None,
            });
        }
        let mut want: Vec<Head> = lib.entries.iter().map(|e| e.row.head()).collect();
        want.sort_by(|a, b| {
            b.header
                .date_iso
                .cmp(&a.header.date_iso)
                .then_with(|| a.header.title.cmp(&b.header.title))
                .then_with(|| a.path.cmp(&b.path))
        });
        lib.sort();
        let got: Vec<Head> = lib.entries.into_iter().map(|e| e.row.head()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn backlinks_point_from_the_linking_file_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        let c = dir.path().join("c.txt");
        std::fs::write(
            &a,
            "Tram line approved\nThe council voted.\nRelated Articles\nFerry fares rise again\n",
        )
        .unwrap();
        std::fs::write(&b, "Ferry fares rise again\nTickets cost more.\n").unwrap();
        std::fs::write(&c, "Unrelated story\nNothing links here.\n").unwrap();
        let lib = Library::scan(&[dir.path().to_path_buf()]);
        let files: Vec<(String, PathBuf)> = lib
            .entries
            .iter()
            .map(|e| (e.row.title().to_string(), e.row.path_buf().unwrap()))
            .collect();
        let links = backlinks_of(&files);
        assert_eq!(links.get(&b), Some(vec![a.clone()]));
        assert!(links.get(&c).is_none());
        assert!(links.get(&a).is_none());

        lib.index_backlinks_in_background();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while lib.backlinks.get().is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let i = lib
            .entries
            .iter()
            .position(|e| e.row.path() == Some(b.as_path()))
            .unwrap();
        assert_eq!(lib.load(i).unwrap().backlinks, vec![a]);
    }
}
