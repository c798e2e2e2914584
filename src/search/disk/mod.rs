//! The persistent full-text index: tantivy segments in the cache folder beside the catalogue,
//! one folder per library, brought up to date with the files at each launch and as the watcher
//! reports changes.
//!
//! # What is kept, and how it stays true to the files
//!
//! Each article is one document: its path (the key), its title, its body blocks (indexed by
//! byline's own tokeniser, [`words::Words`], and stored lz4-compressed so snippets need no file
//! access) and the stat of its file when it was read, with the time it was read. A launch
//! compares every library file's stat with the stored one and re-reads only files that are new,
//! changed or "racily clean" (modified within two seconds of being read, as the catalogue and
//! git's index judge it); documents of files gone are deleted. Searches see only committed
//! segments; they are memory-mapped, so resident memory does not grow with the library.
//!
//! # A cache, never a source of wrong results
//!
//! The folder's name carries [`FORMAT`], and each commit records the build that wrote it
//! ([`crate::load::catalog::store::build`]): an index of another format or build is removed
//! and rebuilt, since a newer parser may read the same files differently. An index tantivy
//! cannot open (corrupt, half-written) is removed and rebuilt. A kill in the middle of a commit
//! leaves the last commit, which the next launch brings up to date like any other. One
//! process writes: a lock file beside the folder (held for the process's life) decides which;
//! another byline on the same library searches in memory, as does one whose cache folder
//! cannot be written.

pub(super) mod serve;
mod words;

use super::query::Query;
use super::{Hit, snippet, tokenize};
use crate::load::catalog::store::Stat;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::{
    BytesOptions, Field, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

/// The index's format: the folder of another format is removed and rebuilt. Goes up whenever
/// the schema, the tokeniser or what a document holds changes.
pub const FORMAT: u32 = 1;

/// The writer's memory budget: tantivy's minimum is 15 MB; a bigger one builds a little
/// faster but is resident while the index is written.
const BUDGET: usize = 24_000_000;

/// The most dictionary terms a one-letter prefix (`h` while typing `harbor`) expands to: the
/// most frequent ones. Longer prefixes expand to all their terms (`ha` is already a short
/// list), up to [`MAX_EXPANSION`].
const ONE_LETTER_TERMS: usize = 64;

/// The most terms any prefix expands to (the most frequent ones).
const MAX_EXPANSION: usize = 2048;

/// Where a library's index is kept: the cache folder and the library's roots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The cache folder (the catalogue's, [`crate::load::catalog::Cache::dir`]).
    pub dir: PathBuf,
    /// The library's roots, as given (they are resolved to name the folder).
    pub roots: Vec<PathBuf>,
}

impl Place {
    /// The index's folder: `library-<hash>.index-<FORMAT>`, beside the catalogue of the same
    /// roots; `None` when a root cannot be resolved.
    pub fn folder(&self) -> Option<PathBuf> {
        let cache = crate::load::catalog::Cache::new(self.dir.clone());
        let (catalogue, _) = cache.file_for(&self.roots)?;
        Some(catalogue.with_extension(format!("index-{FORMAT}")))
    }
}

/// The fields of a document.
#[derive(Debug, Clone, Copy)]
struct Fields {
    path: Field,
    title: Field,
    body: Field,
    stat: [Field; 5],
    read_at: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let path = b.add_bytes_field("path", BytesOptions::default().set_indexed().set_stored());
    let title = b.add_text_field("title", STORED);
    let body = b.add_text_field(
        "body",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(words::NAME)
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
            .set_stored(),
    );
    let fast = || NumericOptions::default().set_fast();
    let stat = ["size", "mtime", "ctime", "ino", "dev"].map(|n| b.add_u64_field(n, fast()));
    let read_at = b.add_u64_field("read_at", fast());
    (
        b.build(),
        Fields {
            path,
            title,
            body,
            stat,
            read_at,
        },
    )
}

/// What the index records of a file: its stat and when it was read (nanoseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// The file's stat when it was read.
    pub stat: Stat,
    /// When it was read.
    pub read_at: i64,
}

impl Seen {
    /// Whether the file as it is now (`now`) is the one indexed: same stat, and not written
    /// so close to its reading that a second write could hide in the same clock tick.
    pub fn matches(&self, now: &Stat) -> bool {
        self.stat == *now && !now.racy(self.read_at)
    }
}

/// The stat of the file an article path stands for: the file itself, or the feed or JSON
/// list of a `FILE#ID` item. `None` when there is none.
pub fn source_stat(path: &Path) -> Option<Stat> {
    match fs::metadata(path) {
        Ok(m) if m.is_file() => Some(Stat::of(&m)),
        _ => {
            let (file, _) = crate::load::container_item(path)?;
            fs::metadata(file).ok().map(|m| Stat::of(&m))
        }
    }
}

/// The key of `path` in the index: its bytes.
pub fn key(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

/// The path of a key.
fn path_of(key: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(key))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(key).into_owned())
    }
}

/// What each commit records: the format and the build that wrote it.
fn payload() -> String {
    format!(
        "byline-index {FORMAT} {}",
        crate::load::catalog::store::build()
    )
}

/// An open index this process writes.
pub struct Disk {
    writer: IndexWriter,
    reader: IndexReader,
    fields: Fields,
    /// Held while the index is open: the one writer per library.
    _lock: fs::File,
}

impl std::fmt::Debug for Disk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Disk").finish_non_exhaustive()
    }
}

/// Why the index cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unusable {
    /// The one line for the status bar.
    pub why: String,
    /// Whether another process holds the index (waiting may help).
    pub busy: bool,
    /// Whether the cache folder could not be written (full, read-only, not a folder).
    pub unwritable: bool,
}

impl Unusable {
    fn new(why: String) -> Self {
        Unusable {
            why,
            busy: false,
            unwritable: false,
        }
    }
}

impl Disk {
    /// Opens (or creates) the index at `place`, taking the writer's lock. An index that does
    /// not open, or was written by another format or build, is removed and created anew.
    pub fn open(place: &Place) -> Result<Disk, Unusable> {
        let folder = place.folder().ok_or_else(|| {
            Unusable::new("the library's folders cannot be resolved: searching in memory".into())
        })?;
        let cannot = |e: &dyn std::fmt::Display| Unusable {
            unwritable: true,
            ..Unusable::new(format!(
                "the search index cannot be kept in {} ({e}): searching in memory",
                crate::load::shown(&place.dir)
            ))
        };
        fs::create_dir_all(&place.dir).map_err(|e| cannot(&e))?;
        let lock = lock(&folder)
            .map_err(|e| cannot(&e))?
            .ok_or_else(|| Unusable {
                why: "another byline keeps this library's search index: searching in memory".into(),
                busy: true,
                unwritable: false,
            })?;
        remove_other_formats(&folder);
        let want = payload();
        let opened = open_in(&folder).and_then(|(index, fields)| {
            let metas = index.load_metas()?;
            let current = metas.payload.as_deref() == Some(want.as_str())
                || (metas.payload.is_none() && metas.segments.is_empty());
            Ok(current.then_some((index, fields)))
        });
        let (index, fields) = match opened {
            Ok(Some(found)) => found,
            // Another build, or an index that does not open: it is a cache, built again.
            Ok(None) | Err(_) => {
                if folder.exists() {
                    fs::remove_dir_all(&folder).map_err(|e| cannot(&e))?;
                }
                open_in(&folder).map_err(|e| cannot(&e))?
            }
        };
        let writer = index
            .writer_with_num_threads(1, BUDGET)
            .map_err(|e| cannot(&e))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| cannot(&e))?;
        Ok(Disk {
            writer,
            reader,
            fields,
            _lock: lock,
        })
    }

    /// Every file the committed index holds, with what it recorded of it.
    pub fn files(&self) -> tantivy::Result<HashMap<Vec<u8>, Seen>> {
        let searcher = self.reader.searcher();
        let mut out = HashMap::new();
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(self.fields.path)?;
            let fast = seg.fast_fields();
            let names = ["size", "mtime", "ctime", "ino", "dev", "read_at"];
            let cols = names
                .iter()
                .map(|n| fast.u64(n))
                .collect::<tantivy::Result<Vec<_>>>()?;
            let mut terms = inv.terms().stream()?;
            while terms.advance() {
                let mut postings =
                    inv.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
                let mut doc = postings.doc();
                while doc != tantivy::TERMINATED {
                    if !seg.is_deleted(doc) {
                        let v = |i: usize| cols[i].first(doc).unwrap_or(0);
                        let seen = Seen {
                            stat: Stat(v(0), v(1) as i64, v(2) as i64, v(3), v(4)),
                            read_at: v(5) as i64,
                        };
                        out.insert(terms.key().to_vec(), seen);
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(out)
    }

    /// Removes the documents of the file `key` (on the next commit).
    pub fn remove(&mut self, key: &[u8]) {
        self.writer
            .delete_term(Term::from_field_bytes(self.fields.path, key));
    }

    /// Adds the document of `path` (on the next commit): its title and body blocks, and
    /// what was seen of its file.
    pub fn add(&mut self, path: &Path, doc: &super::Doc, seen: Seen) -> tantivy::Result<()> {
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_bytes(f.path, &key(path));
        d.add_text(f.title, &doc.title);
        for block in &doc.blocks {
            d.add_text(f.body, block);
        }
        let Stat(size, mtime, ctime, ino, dev) = seen.stat;
        for (field, v) in f
            .stat
            .iter()
            .zip([size, mtime as u64, ctime as u64, ino, dev])
        {
            d.add_u64(*field, v);
        }
        d.add_u64(f.read_at, seen.read_at as u64);
        self.writer.add_document(d)?;
        Ok(())
    }

    /// Commits what was added and removed, and has searches see it. What reading and indexing
    /// the committed documents freed then goes back to the system ([`crate::work::give_back`]),
    /// rather than staying resident while the reader sits idle after its index is built.
    pub fn commit(&mut self) -> tantivy::Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload());
        prepared.commit()?;
        let reloaded = self.reader.reload();
        crate::work::give_back();
        reloaded
    }

    /// How many documents the committed index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the committed index holds no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The best `limit` documents for `query` and how many match in all, as the in-memory
    /// [`super::Index::search_counted`] gives them: every word must occur, the last one as a
    /// prefix while typed; BM25 ranking; snippets, highlights and match counts made from the
    /// stored blocks by the same code find-in-article uses.
    pub fn search(&self, text: &str, limit: usize) -> tantivy::Result<(Vec<Hit>, usize)> {
        let query = Query::parse(text);
        if query.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let searcher = self.reader.searcher();
        let body = self.fields.body;
        let term_query = |t: &str| -> Box<dyn tantivy::query::Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(body, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        let mut must: Vec<(Occur, Box<dyn tantivy::query::Query>)> = query
            .exact
            .iter()
            .map(|t| (Occur::Must, term_query(t)))
            .collect();
        if let Some(p) = &query.prefix {
            let terms = self.expand(&searcher, p)?;
            if terms.is_empty() {
                return Ok((Vec::new(), 0));
            }
            let any: Vec<_> = terms
                .iter()
                .map(|t| (Occur::Should, term_query(t)))
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let q = BooleanQuery::new(must);
        let (top, count) = searcher.search(&q, &(TopDocs::with_limit(limit.max(1)), Count))?;
        let mut hits = Vec::with_capacity(top.len().min(limit));
        for (score, at) in top.into_iter().take(limit) {
            hits.push(self.hit(&searcher, at, score, &query)?);
        }
        Ok((hits, count))
    }

    /// The dictionary terms starting with `prefix`, over every segment: all of them, or the
    /// most frequent when there are too many (see [`ONE_LETTER_TERMS`]).
    fn expand(&self, searcher: &tantivy::Searcher, prefix: &str) -> tantivy::Result<Vec<String>> {
        let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(self.fields.body)?;
            let mut terms = inv.terms().range().ge(prefix.as_bytes()).into_stream()?;
            while terms.advance() {
                if !terms.key().starts_with(prefix.as_bytes()) {
                    break;
                }
                *found.entry(terms.key().to_vec()).or_default() +=
                    u64::from(terms.value().doc_freq);
            }
        }
        let cap = if prefix.chars().count() == 1 {
            ONE_LETTER_TERMS
        } else {
            MAX_EXPANSION
        };
        let mut terms: Vec<(Vec<u8>, u64)> = found.into_iter().collect();
        if terms.len() > cap {
            terms.select_nth_unstable_by(cap - 1, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(cap);
        }
        // Terms are made from `str`s by the tokeniser.
        Ok(terms
            .into_iter()
            .filter_map(|(t, _)| String::from_utf8(t).ok())
            .collect())
    }

    /// The hit for the document at `at`: its path and title, and the snippet and match count
    /// from its stored blocks.
    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        at: DocAddress,
        score: f32,
        query: &Query,
    ) -> tantivy::Result<Hit> {
        let doc: TantivyDocument = searcher.doc(at)?;
        let f = &self.fields;
        let path = doc
            .get_first(f.path)
            .and_then(|v| v.as_bytes())
            .map(path_of);
        let title = doc
            .get_first(f.title)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let mut snip = None;
        let mut matches = 0;
        let mut buf = String::new();
        for (i, block) in doc.get_all(f.body).filter_map(|v| v.as_str()).enumerate() {
            if snip.is_none() {
                snip = snippet::in_block(block, query).map(|s| (i, s));
            }
            tokenize::for_each_token(block, &mut buf, |_, term| {
                if query.matches(term) {
                    matches += 1;
                }
            });
        }
        let (block, snippet, highlights) = snip.map_or((0, String::new(), Vec::new()), |(i, s)| {
            (i, s.text, s.highlights)
        });
        Ok(Hit {
            id: usize::MAX,
            path,
            title,
            score,
            matches,
            block,
            snippet,
            highlights,
        })
    }
}

/// Opens the index in `folder`, creating it (and the folder) when there is none.
fn open_in(folder: &Path) -> tantivy::Result<(Index, Fields)> {
    fs::create_dir_all(folder)?;
    let (schema, fields) = schema();
    let dir = MmapDirectory::open(folder)?;
    let index = Index::open_or_create(dir, schema)?;
    index
        .tokenizers()
        .register(words::NAME, words::Words::default());
    Ok((index, fields))
}

/// Takes the lock file beside `folder` without waiting: `Ok(None)` when another process holds
/// it. The lock is the file's, so it ends with the process, however it ends.
fn lock(folder: &Path) -> std::io::Result<Option<fs::File>> {
    use fs4::fs_std::FileExt;
    let file = fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.with_extension("index.lock"))?;
    match file.try_lock_exclusive() {
        Ok(true) => Ok(Some(file)),
        Ok(false) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Ok(None),
        Err(e) => Err(e),
    }
}

/// Removes the folders of the same library's index in other formats.
fn remove_other_formats(folder: &Path) {
    let (Some(parent), Some(stem)) = (folder.parent(), folder.file_stem()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mine = folder.file_name();
    let prefix = format!("{}.index-", stem.to_string_lossy());
    for e in entries.flatten() {
        let name = e.file_name();
        if name.to_string_lossy().starts_with(&prefix) && Some(name.as_os_str()) != mine {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}
