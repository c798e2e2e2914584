//! Related-link resolution: each related headline to a library article, and the backlinks.
//!
//! A headline matches a title when both normalise to the same string (case, whitespace,
//! punctuation and quote styles ignored); otherwise the closest title by weighted word overlap
//! wins when it is close enough. An inverted index from word to titles keeps this fast on large
//! libraries: a headline only looks at titles sharing one of its rarer words.

pub mod links;
mod matcher;
mod normalise;
pub(crate) mod packed;

pub use links::From as LinkFrom;
pub use matcher::{Resolver, TitleFiles};
pub use normalise::normalise;

use crate::article::Article;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Fills every article's `related[].path` and `backlinks` from the others in `articles`.
///
/// A related path already set (Markdown front matter, JSON, an earlier run) is kept when, taken
/// relative to the article's folder or else as it stands, it names a library file; a title that
/// is only the stand-in made from the file name then becomes that article's headline.
/// Otherwise a related entry with an address (a saved page's related box) resolves by it
/// ([`links`]: another article's own address, or a relative file path), and else by its
/// headline through [`Resolver`]. An article never links to itself.
/// `backlinks` lists, in library order and once each, the articles whose related block resolves
/// to this one. Paths are compared lexically (`a/./b/../c` = `a/c`), without touching the disk.
pub fn resolve_all(articles: &mut [Article]) {
    let entries: Vec<(usize, &str, &Path)> = articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.path.as_deref().map(|p| (i, a.header.title.as_str(), p)))
        .collect();
    let resolver = Resolver::new(entries.iter().map(|&(_, t, p)| (t, p))).with_urls(
        articles
            .iter()
            .filter_map(|a| Some((a.header.url.as_deref()?, a.path.as_deref()?))),
    );
    let by_path: HashMap<PathBuf, usize> = entries
        .iter()
        .map(|&(i, _, p)| (lexical(p), i))
        .rev() // the first of duplicate paths wins
        .collect();
    let article_of = |k: usize| entries[k].0;

    // Targets first (reading all articles), then the writes.
    let targets: Vec<Vec<Option<usize>>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let dir = a.path.as_deref().and_then(Path::parent);
            a.related
                .iter()
                .map(|r| {
                    // Relative to the article's folder as written in it; else as given,
                    // which is how an earlier run stored a resolved path.
                    let by_file = r.path.as_deref().and_then(|p| {
                        let from_dir = dir.filter(|_| p.is_relative()).map(|d| d.join(p));
                        from_dir
                            .and_then(|full| by_path.get(&lexical(&full)))
                            .or_else(|| by_path.get(&lexical(p)))
                            .copied()
                    });
                    let from = LinkFrom {
                        path: a.path.as_deref(),
                        url: a.header.url.as_deref(),
                    };
                    let by_link = || {
                        let found = resolver.resolve_link(r.url.as_deref()?, from)?;
                        by_path.get(&lexical(found)).copied()
                    };
                    let j = by_file
                        .or_else(by_link)
                        .or_else(|| resolver.best(&r.title).map(article_of))?;
                    (j != i).then_some(j)
                })
                .collect()
        })
        .collect();

    for a in articles.iter_mut() {
        a.backlinks.clear();
    }
    for (i, ts) in targets.iter().enumerate() {
        for (k, t) in ts.iter().enumerate() {
            let Some(j) = *t else {
                articles[i].related[k].path = None;
                continue;
            };
            let (title, target_path) = (articles[j].header.title.clone(), articles[j].path.clone());
            let r = &mut articles[i].related[k];
            // A title that is only the stand-in made from a path's file stem gives way to the
            // target's headline; a headline someone wrote stays as written.
            let stand_in = r.path.as_deref().map(super::frontmatter::stem_title);
            if stand_in.as_deref() == Some(r.title.as_str()) && !title.is_empty() {
                r.title = title;
            }
            r.path = target_path;
            if let Some(from) = articles[i].path.clone()
                && articles[j].backlinks.last() != Some(&from)
            {
                articles[j].backlinks.push(from);
            }
        }
    }
}

use links::lexical;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_folds_dots() {
        assert_eq!(lexical(Path::new("a/./b/../c.md")), PathBuf::from("a/c.md"));
        assert_eq!(lexical(Path::new("../x.md")), PathBuf::from("../x.md"));
    }
}
