//! The backlinks pass kept between launches: beside the catalogue, each article file's related
//! headlines (and its own address, which relative links resolve from), so the next pass reads
//! only the files that changed, as the catalogue's walk does for list rows.
//!
//! The file holds a header line (format, build, body length and checksum) then the body in
//! bincode; one that does not check out reads as none, and every file is read again. A file
//! is trusted when its stat is the one recorded and its mtime is not within the racy window of
//! the pass that recorded it (see [`Stat::racy`]). Headlines are kept as written and resolved
//! again on every pass against the library's titles of the day, so a new or renamed target is
//! found without reading the linking file again: the result is the full pass's.

use super::store::{self, Stat};
use crate::load::backlinks::Files;
use crate::load::library::Backlinks;
use crate::load::resolve::{LinkFrom, Resolver};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The format's version.
const FORMAT: u32 = 2;

/// What the header line starts with.
const MAGIC: &str = "byline-links";

/// One library source's related links as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Source {
    /// The stat of its file (of the container, for an item of one).
    stat: Stat,
    /// Its own address (links relative to it resolve from it).
    url: Option<String>,
    /// Its related entries: headline and address.
    related: Vec<(String, Option<String>)>,
    /// What they resolved to, as entries of the resolver whose fingerprint is given
    /// ([`Resolver::resolve_related_entry`]): a later pass over a library whose titles, paths
    /// and addresses are all the same takes them as they are instead of resolving every
    /// headline again (at 100,000 titles of a small vocabulary, most of a pass's time).
    resolved: Option<(u64, Vec<u32>)>,
}

/// What the file keeps.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Kept {
    /// When the pass that recorded these began, nanoseconds since the epoch.
    stamp: i64,
    /// By the source's path as the library names it (UTF-8 paths only; others are read
    /// every time).
    sources: HashMap<String, Source>,
}

/// The links file kept beside the catalogue at `catalogue`.
pub fn file_of(catalogue: &Path) -> PathBuf {
    catalogue.with_extension("links")
}

/// The stat of the file `source` is read from (the container of a `FILE#ID` item).
fn stat_of(source: &Path) -> Option<Stat> {
    let file = crate::load::container_item(source).map_or_else(|| source.to_path_buf(), |(f, _)| f);
    std::fs::metadata(file).ok().map(|m| Stat::of(&m))
}

/// Whether `source` is a feed item, which has no related headlines and is not read for them.
fn feed_item(source: &Path) -> bool {
    crate::load::container_item(source).is_some_and(|(file, _)| {
        crate::load::format_for(&file) == Some(crate::article::Format::Feed)
    })
}

/// Reads `source`'s related links (none when it cannot be read: the full pass skips it too).
fn read_links(source: &Path, stat: Stat) -> Source {
    match crate::load::load_related(source) {
        Ok(a) => Source {
            stat,
            url: a.header.url,
            related: a.related.into_iter().map(|r| (r.title, r.url)).collect(),
            resolved: None,
        },
        Err(_) => Source {
            stat,
            url: None,
            related: Vec::new(),
            resolved: None,
        },
    }
}

/// What a kept pass gave: the backlinks, and how many files it read.
#[derive(Debug)]
pub struct Pass {
    /// For each file, the files whose related headlines resolve to it, in library order.
    pub backlinks: Backlinks,
    /// How many files were read (new, changed, racy); the rest came from the links file.
    pub read: usize,
    /// How many files' links were resolved again though their file was not read (the
    /// library's titles, paths or addresses changed since they were resolved).
    pub resolved: usize,
}

/// [`crate::load::library::backlinks_with`] through the links file `keep`: files whose stat is
/// unchanged give the links kept for them, the rest are read, and the file is written again
/// when anything changed (a cache: a failed write costs the next pass its reading).
pub fn backlinks_kept<F: Files + ?Sized>(resolver: &Resolver, files: &F, keep: &Path) -> Pass {
    backlinks_kept_with(resolver, files, keep, CHECKPOINT, None)
}

/// How often a long pass writes what it has read so far: a session that ends before the pass
/// does (it reads every file of a big library once) leaves its reading to the next.
const CHECKPOINT: Duration = Duration::from_secs(10);

/// [`backlinks_kept`], writing what it has read every `checkpoint` while it reads; with
/// `end_after`, it stops after that many files as if the session had ended there (for tests:
/// nothing more is written, the backlinks are those found so far).
#[doc(hidden)]
pub fn backlinks_kept_with<F: Files + ?Sized>(
    resolver: &Resolver,
    files: &F,
    keep: &Path,
    checkpoint: Duration,
    end_after: Option<usize>,
) -> Pass {
    let build = store::build();
    let stamp = now_ns();
    let whole_file = whole_of(keep);
    if end_after.is_none()
        && let Some(pass) = whole_pass(resolver, files, &whole_file, &build)
    {
        return pass;
    }
    let mut old = std::fs::read(keep)
        .ok()
        .and_then(|b| store::unseal::<Kept>(&b, MAGIC, FORMAT, &build))
        .unwrap_or_default();
    let old_len = old.sources.len();
    let mut new = Kept {
        stamp,
        sources: HashMap::with_capacity(files.len()),
    };
    let mut out = Backlinks::default();
    let mut read = 0;
    // Files read, and kept files whose links were resolved again (the library changed).
    let mut resolved = 0;
    let (mut written_at, mut done_then) = (Instant::now(), 0);
    // For the whole result kept beside the links: the files as they were, and each link
    // found as (target entry, linking file's place in `files`).
    let mut print = FilesPrint::default();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for (n, source) in files.iter().enumerate() {
        if end_after == Some(n) {
            return Pass {
                backlinks: out,
                read,
                resolved,
            };
        }
        if feed_item(source) {
            print.add(source, None);
            continue;
        }
        let stat = stat_of(source);
        print.add(source, stat);
        let Some(stat) = stat else {
            continue;
        };
        let key = source.to_str();
        // Taken out of the old set, not copied: the two sets together would hold every
        // file's links twice.
        let kept = key
            .and_then(|k| old.sources.remove(k))
            .filter(|s| s.stat == stat && !stat.racy(old.stamp));
        let was_read = kept.is_none();
        let mut links = match kept {
            Some(s) => s,
            None => {
                read += 1;
                read_links(source, stat)
            }
        };
        if add(resolver, source, &mut links, &mut out) && !was_read {
            resolved += 1;
        }
        if let Some((_, targets)) = &links.resolved {
            pairs.extend(targets.iter().map(|&t| (t, n as u32)));
        }
        if let Some(k) = key {
            new.sources.insert(k.to_string(), links);
        }
        if read + resolved > done_then && written_at.elapsed() >= checkpoint {
            let _ = store::write_atomic(
                keep,
                &store::seal(
                    MAGIC,
                    FORMAT,
                    &build,
                    &SoFar {
                        new: &new,
                        old: &old,
                    },
                ),
            );
            (written_at, done_then) = (Instant::now(), read + resolved);
        }
    }
    let changed = read + resolved > done_then || new.sources.len() != old_len;
    if changed {
        let _ = store::write_atomic(keep, &store::seal(MAGIC, FORMAT, &build, &new));
    }
    drop((old, new));
    pairs.sort_unstable();
    pairs.dedup();
    let whole = Whole {
        stamp,
        print: resolver.fingerprint(),
        files: print.0.finish(),
        pairs,
    };
    let _ = store::write_atomic(
        &whole_file,
        &store::seal(WHOLE_MAGIC, FORMAT, &build, &whole),
    );
    Pass {
        backlinks: out,
        read,
        resolved,
    }
}

/// What the whole result file's header line starts with.
const WHOLE_MAGIC: &str = "byline-backlinks";

/// A complete pass's result, kept beside the links file: a pass that finds every file with
/// the stat it had then (none of them racy for it) and a resolver with the same fingerprint
/// takes it as it is, without reading the links file (at 100,000 articles 38 MB, several times
/// that once decoded).
#[derive(Debug, Serialize, Deserialize)]
struct Whole {
    /// When the pass that found it began.
    stamp: i64,
    /// The fingerprint of its resolver ([`Resolver::fingerprint`]).
    print: u64,
    /// The files it was given, in order, with their stats ([`FilesPrint`]).
    files: u64,
    /// Each link: the target's resolver entry and the linking file's place in the files, in
    /// that order, once each.
    pairs: Vec<(u32, u32)>,
}

/// The whole result file kept beside the links file `keep`.
fn whole_of(keep: &Path) -> PathBuf {
    keep.with_extension("backlinks")
}

/// A hash of a pass's files in order, each with its stat (or none, for a feed item or a file
/// that could not be stat'ed).
#[derive(Default)]
struct FilesPrint(std::hash::DefaultHasher);

impl FilesPrint {
    fn add(&mut self, path: &Path, stat: Option<Stat>) {
        use std::hash::{Hash, Hasher};
        let bytes = path.as_os_str().as_encoded_bytes();
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
        stat.hash(&mut self.0);
    }
}

/// The pass taken whole from `file`, when it was made over these files as they are now by a
/// resolver like `resolver`.
fn whole_pass<F: Files + ?Sized>(
    resolver: &Resolver,
    files: &F,
    file: &Path,
    build: &str,
) -> Option<Pass> {
    use std::hash::Hasher;
    let bytes = std::fs::read(file).ok()?;
    let whole: Whole = store::unseal(&bytes, WHOLE_MAGIC, FORMAT, build)?;
    drop(bytes);
    if whole.print != resolver.fingerprint() {
        return None;
    }
    let mut print = FilesPrint::default();
    for source in files.iter() {
        let stat = if feed_item(source) {
            None
        } else {
            stat_of(source)
        };
        if stat.is_some_and(|s| s.racy(whole.stamp)) {
            return None;
        }
        print.add(source, stat);
    }
    if print.0.finish() != whole.files {
        return None;
    }
    let mut backlinks = Backlinks::default();
    for &(t, n) in &whole.pairs {
        let (Some(target), Some(source)) = (resolver.entry_path(t), files.get(n as usize)) else {
            return None;
        };
        backlinks.add(target, source);
    }
    Some(Pass {
        backlinks,
        read: 0,
        resolved: 0,
    })
}

/// What a pass has read so far, with the old pass's links of the files it has not reached,
/// written as a [`Kept`] under the new pass's stamp. Only old links that were not racy for the
/// old pass go in: a file's mtime earlier than the old stamp's window is earlier than the new
/// one's too, so none is trusted that the old pass would not have trusted.
struct SoFar<'a> {
    new: &'a Kept,
    old: &'a Kept,
}

impl Serialize for SoFar<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Kept", 2)?;
        st.serialize_field("stamp", &self.new.stamp)?;
        st.serialize_field("sources", &Sources(self))?;
        st.end()
    }
}

/// The map of [`SoFar`]: the new links, then the old ones still good.
struct Sources<'a>(&'a SoFar<'a>);

impl Serialize for Sources<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let stamp = self.0.old.stamp;
        let old: Vec<_> = self
            .0
            .old
            .sources
            .iter()
            .filter(|(_, v)| !v.stat.racy(stamp))
            .collect();
        s.collect_map(self.0.new.sources.iter().chain(old))
    }
}

/// Adds the backlinks from `source` (with `links`) to `out`, as the full pass does, resolving
/// its links unless they were resolved by a resolver like this one. True when it resolved them.
fn add(resolver: &Resolver, source: &Path, links: &mut Source, out: &mut Backlinks) -> bool {
    let print = resolver.fingerprint();
    let fresh = !matches!(&links.resolved, Some((p, _)) if *p == print);
    if fresh {
        let from = LinkFrom {
            path: Some(source),
            url: links.url.as_deref(),
        };
        let targets = links
            .related
            .iter()
            .filter_map(|(title, url)| {
                let r = crate::article::Related {
                    title: title.clone(),
                    path: None,
                    url: url.clone(),
                };
                resolver.resolve_related_entry(&r, from)
            })
            .filter(|&i| resolver.entry_path(i) != Some(source))
            .collect();
        links.resolved = Some((print, targets));
    }
    if let Some((_, targets)) = &links.resolved {
        for &i in targets {
            if let Some(target) = resolver.entry_path(i) {
                out.add(target, source);
            }
        }
    }
    fresh
}

/// Nanoseconds since the epoch, now.
fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}
