//! Links on the page: where each one is, which are on screen, and where related headlines lead.

use crate::article::{Article, Related};
use crate::load::library::Library;
use crate::load::resolve::{LinkFrom, Resolver};
use crate::text::typeset::Page;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// The first line each link target appears on, in page order (a target listed once); found
/// when the page was laid out.
pub fn first_lines(page: &Page) -> &[(usize, usize)] {
    &page.link_lines
}

/// Whether target `t` has a span on lines `top..top + height`.
pub fn visible(page: &Page, t: usize, top: usize, height: usize) -> bool {
    page.lines
        .iter()
        .skip(top)
        .take(height)
        .any(|l| l.spans.iter().any(|s| s.target == Some(t)))
}

/// The library index of the article at `path`.
pub fn index_of_path(library: &Library, path: &Path) -> Option<usize> {
    let paths = || library.entries.iter().map(|e| e.row.path());
    // Paths mostly come from the library itself, spelled as it spells them: comparing bytes
    // (lengths first) is many times faster than comparing components on a big library. Only a
    // path spelled otherwise (`a//b`, a trailing slash) needs the slower comparison.
    let bytes = path.as_os_str().as_encoded_bytes();
    paths()
        .position(|p| p.is_some_and(|p| p.as_os_str().as_encoded_bytes() == bytes))
        .or_else(|| paths().position(|p| p == Some(path)))
}

/// A resolver over the library's titles (articles without a file cannot be linked to).
pub fn resolver(library: &Library) -> Resolver {
    let files = || {
        library
            .entries
            .iter()
            .filter_map(|e| Some((e, e.row.path()?)))
    };
    Resolver::new(files().map(|(e, p)| (e.row.title(), p)))
        .with_urls(files().filter_map(|(e, p)| Some((e.row.url()?, p))))
}

/// The related-title index over the library: built the first time a headline must be resolved,
/// or ahead of time on a worker thread ([`TitleIndex::build_in_background`]) so that the first
/// frame never waits for it. It belongs to one library: a changed library needs a new one.
#[derive(Debug, Clone, Default)]
pub struct TitleIndex {
    cell: Arc<OnceLock<Resolver>>,
    /// Set once it is built or being built.
    started: Arc<AtomicBool>,
}

impl TitleIndex {
    /// The resolver when it is built, without waiting.
    pub fn ready(&self) -> Option<&Resolver> {
        self.cell.get()
    }

    /// The resolver over `library`: built now when it is not, or waited for while the worker
    /// builds it.
    pub fn get(&self, library: &Library) -> &Resolver {
        self.started.store(true, Ordering::Relaxed);
        self.cell.get_or_init(|| resolver(library))
    }

    /// Whether it is built or being built.
    pub fn started(&self) -> bool {
        self.started.load(Ordering::Relaxed)
    }

    /// Starts building the resolver over `library` on a worker thread, unless it is built,
    /// says so in the inbox through `tx` once it is, and then runs `then` with it there (the
    /// backlinks pass, which needs the same index) and says so once that is done.
    pub fn build_in_background(
        &self,
        library: &Library,
        tx: std::sync::mpsc::Sender<super::msg::Msg>,
        then: Option<impl FnOnce(&Resolver) + Send + 'static>,
    ) {
        if self.cell.get().is_some() && then.is_none() {
            return;
        }
        self.started.store(true, Ordering::Relaxed);
        let titles: Vec<(String, PathBuf)> = library
            .entries
            .iter()
            .filter_map(|e| Some((e.row.title().to_string(), e.row.path_buf()?)))
            .collect();
        let urls: Vec<(String, PathBuf)> = library
            .entries
            .iter()
            .filter_map(|e| Some((e.row.url().map(str::to_string)?, e.row.path_buf()?)))
            .collect();
        let cell = Arc::clone(&self.cell);
        // Without the thread the first headline resolved builds the index instead, and there
        // are no backlinks: nothing the reader needs.
        let _ = std::thread::Builder::new()
            .name("byline-titles".into())
            .spawn(move || {
                // The copies of titles and addresses go once the resolver is made (it packs its
                // own), before the backlinks pass starts.
                let resolver = cell.get_or_init(move || {
                    Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())))
                        .with_urls(urls.iter().map(|(u, p)| (u.as_str(), p.as_path())))
                });
                let _ = tx.send(super::msg::Msg::TitlesReady);
                if let Some(then) = then {
                    then(resolver);
                    let _ = tx.send(super::msg::Msg::BacklinksReady);
                }
            });
    }
}

/// The library index of the article `title` names.
pub fn index_of_title(library: &Library, resolver: &Resolver, title: &str) -> Option<usize> {
    index_of_path(library, resolver.resolve(title)?)
}

/// Where a related headline leads: its resolved path, else the title the resolver finds.
pub fn resolve_related(
    library: &Library,
    resolver: &Resolver,
    title: &str,
    path: Option<&Path>,
) -> Option<usize> {
    path.and_then(|p| index_of_path(library, p))
        .or_else(|| index_of_title(library, resolver, title))
}

/// `article` with each related headline that names a library article pointed at its file, so
/// the page shows it as a link. Articles whose headlines are all resolved come back as they are.
pub fn with_related_resolved(
    library: &Library,
    resolver: &Resolver,
    article: Arc<Article>,
) -> Arc<Article> {
    with_related_found(article, |r, from| {
        let to = index_of_path(library, resolver.resolve_related(r, from)?)?;
        library.entries[to].row.path_buf()
    })
}

/// `article` with each unresolved related headline pointed at the file `find` names for it
/// (by address or title; `find` is told where the article is). With the library's own
/// resolver, the paths are the library's (they are what it was built from), so a worker
/// without the library resolves as [`with_related_resolved`] does.
pub fn with_related_found(
    mut article: Arc<Article>,
    find: impl Fn(&Related, LinkFrom<'_>) -> Option<PathBuf>,
) -> Arc<Article> {
    let from = LinkFrom {
        path: article.path.as_deref(),
        url: article.header.url.as_deref(),
    };
    let found: Vec<(usize, PathBuf)> = article
        .related
        .iter()
        .enumerate()
        .filter(|(_, r)| r.path.is_none())
        .filter_map(|(i, r)| Some((i, find(r, from)?)))
        .collect();
    if !found.is_empty() {
        let a = Arc::make_mut(&mut article);
        for (i, path) in found {
            a.related[i].path = Some(path);
        }
    }
    article
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::head::Head;
    use crate::load::library::Entry;

    fn library(paths: &[&str]) -> Library {
        Library {
            entries: paths
                .iter()
                .map(|p| Entry {
                    row: Head {
                        path: Some(PathBuf::from(p)),
                        ..Head::default()
                    }
                    .into(),
                    article: None,
                })
                .collect(),
            ..Library::default()
        }
    }

    #[test]
    fn paths_are_found_as_spelled_and_as_spelled_otherwise() {
        let lib = library(&["/lib/a.txt", "/lib/sub/b.txt", "/lib/c.txt"]);
        assert_eq!(index_of_path(&lib, Path::new("/lib/sub/b.txt")), Some(1));
        assert_eq!(index_of_path(&lib, Path::new("/lib//sub/b.txt")), Some(1));
        assert_eq!(index_of_path(&lib, Path::new("/lib/c.txt/")), Some(2));
        assert_eq!(index_of_path(&lib, Path::new("/lib/d.txt")), None);
    }
}
