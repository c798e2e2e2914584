//! Where the articles come from: paths, stdin (paths or one article), `$BYLINE_LIBRARY`,
//! `./articles`, or the samples built into the binary.

use crate::article::Article;
use crate::load::library::{Entry, Library};
use crate::load::{self, head::Head};
use anyhow::{Result, bail};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// Where the articles were found.
#[derive(Debug)]
pub enum Source {
    /// Files and folders, in the order given.
    Paths(Vec<PathBuf>),
    /// One article read from stdin.
    Stdin(Box<Article>),
    /// The samples built into the binary.
    Builtin,
}

/// Decides the source from the command line's paths, stdin and the environment.
/// Fails, before any terminal mode is entered, on a path that does not exist.
pub fn source(paths: &[PathBuf], configured: &[PathBuf]) -> Result<Source> {
    if !paths.is_empty() {
        let dash = paths.iter().filter(|p| p.as_os_str() == "-").count();
        if dash > 0 {
            if paths.len() > 1 {
                bail!("`-` (stdin) cannot be mixed with other paths");
            }
            return Ok(Source::Stdin(Box::new(read_stdin_article()?)));
        }
        for p in paths {
            // `news.xml#ID` names one item of a feed or JSON list.
            if std::fs::metadata(p).is_err() && load::container_item(p).is_none() {
                bail!("{}: no such file or folder", load::shown(p));
            }
            if p.is_file() {
                check_readable(p)?;
            }
        }
        return Ok(Source::Paths(paths.to_vec()));
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut bytes = Vec::new();
        stdin.lock().read_to_end(&mut bytes)?;
        if let Some(listed) = listed_paths(&bytes) {
            return Ok(Source::Paths(listed));
        }
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Source::Stdin(Box::new(load::parse_bytes(&bytes, None)?)));
        }
    }
    Ok(default_library(configured))
}

/// A file named on the command line must be readable text: its failure is the user's error,
/// reported before anything else happens (a folder's bad files are only skipped).
fn check_readable(path: &Path) -> Result<()> {
    let mut head = Vec::with_capacity(8192);
    std::fs::File::open(path)
        .and_then(|f| f.take(8192).read_to_end(&mut head))
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", load::shown(path)))?;
    if head.contains(&0) && !head.starts_with(&[0xFF, 0xFE]) && !head.starts_with(&[0xFE, 0xFF]) {
        bail!(
            "{}: binary file (NUL bytes), not an article",
            load::shown(path)
        );
    }
    Ok(())
}

/// `$BYLINE_LIBRARY`, else the config's `library`, else `./articles`, else the built-in samples.
fn default_library(configured: &[PathBuf]) -> Source {
    if let Some(dir) = std::env::var_os("BYLINE_LIBRARY").filter(|d| !d.is_empty()) {
        return Source::Paths(vec![PathBuf::from(dir)]);
    }
    if !configured.is_empty() {
        return Source::Paths(configured.to_vec());
    }
    let local = PathBuf::from("articles");
    if local.is_dir() {
        return Source::Paths(vec![local]);
    }
    Source::Builtin
}

/// The paths stdin lists when every non-empty line names an existing file or folder.
pub fn listed_paths(bytes: &[u8]) -> Option<Vec<PathBuf>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let paths: Vec<PathBuf> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect();
    (!paths.is_empty() && paths.iter().all(|p| p.exists())).then_some(paths)
}

fn read_stdin_article() -> Result<Article> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    load::parse_bytes(&bytes, None)
}

/// The built-in samples, parsed, related links resolved.
pub fn builtin_articles() -> Vec<Article> {
    let mut articles: Vec<Article> = SAMPLES
        .iter()
        .filter_map(|(rel, bytes)| {
            let path = Path::new("articles").join(rel);
            let mut a = load::parse_bytes(bytes, load::format_for(&path)).ok()?;
            a.path = Some(path);
            Some(a)
        })
        .collect();
    load::resolve::resolve_all(&mut articles);
    articles
}

/// A library of articles held in memory, newest first.
pub fn library_of(articles: Vec<Article>) -> Library {
    let mut lib = Library {
        entries: articles
            .into_iter()
            .map(|a| Entry {
                head: Head::of(&a),
                article: Some(Arc::new(a)),
            })
            .collect(),
        ..Library::default()
    };
    lib.sort();
    lib
}
