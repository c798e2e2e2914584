//! Where the articles come from: paths, stdin (paths or one article), `$BYLINE_LIBRARY`,
//! `./articles`, or the samples built into the binary.

use crate::article::Article;
use crate::config::Config;
use crate::load::library::{Entry, Library};
use crate::load::roots::Known;
use crate::load::{self, head::Head};
use anyhow::{Context, Result, bail};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// Where the articles were found.
#[derive(Debug)]
pub enum Source {
    /// Files and folders, in the order given (none: stdin was empty).
    Paths(Vec<PathBuf>),
    /// One article read from stdin.
    Stdin(Box<Article>),
    /// The samples built into the binary.
    Builtin,
}

/// What a run reads, what was skipped deciding it, and the libraries files belong to.
#[derive(Debug)]
pub struct Input {
    /// The articles' source.
    pub source: Source,
    /// Paths listed on stdin that do not exist, one line each (`PATH: no such file or folder`).
    pub skipped: Vec<String>,
    /// The paths were listed on stdin: a file among them that cannot be read is skipped, as in
    /// a folder, instead of stopping byline.
    pub listed: bool,
    /// The known libraries and the marker's name, which say what library a file belongs to.
    pub known: Known,
}

/// How stdin separates the paths it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// Decide from the bytes: NUL when there is one, else newline.
    Sniff,
    /// NUL (`find -print0`, `fd -0`), as `-0/--null` asks.
    Nul,
}

/// The line printed before `byline -` waits for an article typed at the terminal.
pub const TYPE_PROMPT: &str = "reading an article from standard input; end with Ctrl-D";

/// Decides the source from the command line's paths, stdin, the environment and the config.
/// Fails, before any terminal mode is entered, on a path or library folder that does not exist
/// and on an article read with `-` that is empty.
pub fn read(paths: &[PathBuf], config: &Config, separator: Separator) -> Result<Input> {
    let env = std::env::var_os("BYLINE_LIBRARY").map(PathBuf::from);
    let known = Known::new(env.clone(), &config.library, &config.library_marker);
    let input = |source, skipped, listed| Input {
        source,
        skipped,
        listed,
        known: known.clone(),
    };
    if !paths.is_empty() {
        let dash = paths.iter().filter(|p| p.as_os_str() == "-").count();
        if dash > 0 {
            if paths.len() > 1 {
                bail!("`-` (stdin) cannot be mixed with other paths");
            }
            return Ok(input(
                Source::Stdin(Box::new(read_stdin_article()?)),
                Vec::new(),
                false,
            ));
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
        return Ok(input(Source::Paths(paths.to_vec()), Vec::new(), false));
    }
    if stdin_is_input() {
        let bytes = crate::files::read_article_stream(std::io::stdin().lock(), "standard input")?;
        match from_stdin(bytes, separator)? {
            Stdin::Empty => return Ok(input(Source::Paths(Vec::new()), Vec::new(), true)),
            Stdin::Paths { found, missing } => {
                return Ok(input(Source::Paths(found), missing, true));
            }
            Stdin::Article(a) => return Ok(input(Source::Stdin(a), Vec::new(), false)),
        }
    }
    if separator == Separator::Nul {
        bail!("--null reads paths from standard input, but nothing is piped in");
    }
    Ok(input(
        default_library(env, &config.library)?,
        Vec::new(),
        false,
    ))
}

/// What stdin held.
#[derive(Debug)]
pub enum Stdin {
    /// Nothing, or only white space: no articles at all.
    Empty,
    /// A list of paths: those that exist, and a line for each that does not.
    Paths {
        /// The paths that exist, in the order listed.
        found: Vec<PathBuf>,
        /// `PATH: no such file or folder` for each listed path that does not exist.
        missing: Vec<String>,
    },
    /// One article.
    Article(Box<Article>),
}

/// Reads what was piped in. It is a list of paths when every entry looks like a path (see
/// [`looks_like_path`]) and at least one names an existing file or folder, or every entry is
/// plainly a path ([`plainly_path`]) even if none exists; entries are NUL
/// separated when `separator` says or a NUL byte is there (outside a UTF-16 text), else one a
/// line. NUL bytes that do not separate such a list are an error; anything else is one article.
pub fn from_stdin(bytes: impl Into<Vec<u8>>, separator: Separator) -> Result<Stdin> {
    let bytes: Vec<u8> = bytes.into();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Stdin::Empty);
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let nul = separator == Separator::Nul || (!utf16 && bytes.contains(&0));
    let entries = || -> Box<dyn Iterator<Item = &[u8]>> {
        if nul {
            Box::new(bytes.split(|&b| b == 0).filter(|e| !e.is_empty()))
        } else {
            Box::new(
                bytes
                    .split(|&b| b == b'\n')
                    .map(<[u8]>::trim_ascii_end)
                    .filter(|l| !l.is_empty()),
            )
        }
    };
    // Asked line by line, so an article (whose first line of prose is no path) is not first
    // cut into a list of all its lines.
    let listed = entries().next().is_some() && entries().all(|e| looks_like_path(e, nul));
    if listed {
        let entries: Vec<&[u8]> = entries().collect();
        let paths: Vec<PathBuf> = entries.iter().map(|e| path_of(e)).collect();
        // A list of files that are all gone (`find` run before a clean-up) is still a list.
        let plainly = entries.iter().all(|e| plainly_path(e));
        if plainly || paths.iter().any(|p| p.exists()) {
            let (found, missing): (Vec<PathBuf>, Vec<PathBuf>) =
                paths.into_iter().partition(|p| p.exists());
            let missing = missing
                .iter()
                .map(|p| format!("{}: no such file or folder", load::shown(p)))
                .collect();
            return Ok(Stdin::Paths { found, missing });
        }
    }
    if nul {
        bail!(
            "standard input holds NUL bytes but is not a list of existing paths \
             (a binary file, or paths that all do not exist)"
        );
    }
    Ok(Stdin::Article(Box::new(
        load::parse_owned_bytes(bytes, None).context("standard input")?,
    )))
}

/// Whether one entry of stdin can be a path: at most 4096 bytes, no part between slashes over
/// 255 bytes (the limits of common file systems: a paragraph of prose breaks them), and no
/// control characters (a newline is allowed inside a NUL-separated entry).
pub fn looks_like_path(entry: &[u8], nul_separated: bool) -> bool {
    entry.len() <= 4096
        && entry.split(|&b| b == b'/').all(|part| part.len() <= 255)
        && entry
            .iter()
            .all(|&b| !(b < 0x20 || b == 0x7F) || (nul_separated && b == b'\n'))
}

/// Whether an entry can only be a path, not a line of prose: no white space, and a `/` or an
/// article file's extension (`../news/a.txt`, `notes.md`).
pub fn plainly_path(entry: &[u8]) -> bool {
    !entry.iter().any(u8::is_ascii_whitespace)
        && (entry.contains(&b'/') || load::format_for(&path_of(entry)).is_some())
}

#[cfg(unix)]
fn path_of(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Whether stdin brings input: a pipe or a file. A terminal is the user's keyboard, and a
/// character device such as `/dev/null` (cron, `ssh -n`, a test harness) brings none, so
/// byline opens its default library then; an empty pipe is an empty list.
fn stdin_is_input() -> bool {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
            // No stdin at all (closed): nothing comes from it.
            return false;
        };
        match std::fs::File::from(fd).metadata() {
            Ok(m) => !m.file_type().is_char_device(),
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// A file named on the command line must be readable text: its failure is the user's error,
/// reported before anything else happens (a folder's bad files are only skipped).
fn check_readable(path: &Path) -> Result<()> {
    let mut head = Vec::with_capacity(8192);
    crate::files::open_regular(path)
        .and_then(|f| Ok(f.take(8192).read_to_end(&mut head)?))
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
/// A library folder that does not exist is an error, as a missing PATH is.
fn default_library(env: Option<PathBuf>, configured: &[PathBuf]) -> Result<Source> {
    if let Some(dir) = env.filter(|d| !d.as_os_str().is_empty()) {
        if std::fs::metadata(&dir).is_err() {
            bail!("no such folder: {} ($BYLINE_LIBRARY)", load::shown(&dir));
        }
        return Ok(Source::Paths(vec![dir]));
    }
    if !configured.is_empty() {
        if let Some(missing) = configured.iter().find(|p| std::fs::metadata(p).is_err()) {
            bail!(
                "no such folder: {} (the config's `library`)",
                load::shown(missing)
            );
        }
        return Ok(Source::Paths(configured.to_vec()));
    }
    let local = PathBuf::from("articles");
    if local.is_dir() {
        return Ok(Source::Paths(vec![local]));
    }
    Ok(Source::Builtin)
}

/// Reads the one article `byline -` asks for. On a terminal a line says what byline waits for;
/// nothing at all (only white space) is an error, not an untitled page.
fn read_stdin_article() -> Result<Article> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("{TYPE_PROMPT}");
    }
    let bytes = crate::files::read_article_stream(stdin.lock(), "standard input")?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("standard input: empty article (nothing was read)");
    }
    load::parse_owned_bytes(bytes, None).context("standard input")
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
                row: Head::of(&a).into(),
                article: Some(Arc::new(a)),
            })
            .collect(),
        ..Library::default()
    };
    lib.sort();
    lib
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(bytes: &[u8], sep: Separator) -> (Vec<PathBuf>, Vec<String>) {
        match from_stdin(bytes, sep).unwrap() {
            Stdin::Paths { found, missing } => (found, missing),
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn stdin_is_empty_a_list_or_an_article_by_the_documented_rules() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a story.txt");
        std::fs::write(&a, "Title\nText.\n").unwrap();
        let a_s = a.display().to_string();

        assert!(matches!(
            from_stdin(b"", Separator::Sniff).unwrap(),
            Stdin::Empty
        ));
        assert!(matches!(
            from_stdin(b" \n\r\n", Separator::Nul).unwrap(),
            Stdin::Empty
        ));

        // One existing path among missing ones: a list, the missing reported.
        let listing = format!("{a_s}\r\nno such story here\n\n");
        let (found, missing) = paths(listing.as_bytes(), Separator::Sniff);
        assert_eq!(found, vec![a.clone()]);
        assert_eq!(missing, vec!["no such story here: no such file or folder"]);

        // NULs separate, and a newline may be part of a name then.
        let listing = format!("{a_s}\0odd\nname.txt\0");
        let (found, missing) = paths(listing.as_bytes(), Separator::Sniff);
        assert_eq!(found, vec![a.clone()]);
        assert_eq!(missing.len(), 1);

        // With -0, one path without any NUL.
        let (found, _) = paths(a_s.as_bytes(), Separator::Nul);
        assert_eq!(found, vec![a]);

        // Plain paths that are all gone are still a list.
        let (found, missing) = paths(b"/gone/a.txt\nnotes.md\n", Separator::Sniff);
        assert!(found.is_empty());
        assert_eq!(missing.len(), 2);

        // Prose is an article: spaces and no path in sight, or a paragraph too long for a name.
        let prose = b"Ferry fares rise again\nTickets cost more from Monday.\n";
        assert!(matches!(
            from_stdin(prose, Separator::Sniff).unwrap(),
            Stdin::Article(_)
        ));
        let long = format!("{a_s}\n{}\n", "word ".repeat(60));
        assert!(matches!(
            from_stdin(long.as_bytes(), Separator::Sniff).unwrap(),
            Stdin::Article(_)
        ));
        // NUL bytes that are no list: binary, an error.
        assert!(from_stdin(b"\x7fELF\0\0 \x01", Separator::Sniff).is_err());
    }

    #[test]
    fn what_looks_like_a_path() {
        assert!(looks_like_path(b"news/2026/a story.txt", false));
        assert!(!looks_like_path(b"tab\there", false));
        assert!(!looks_like_path(b"line\nbreak", false));
        assert!(looks_like_path(b"line\nbreak", true));
        assert!(!looks_like_path("x".repeat(256).as_bytes(), false));
        assert!(looks_like_path(
            format!("{}/b", "x".repeat(255)).as_bytes(),
            false
        ));
        assert!(!looks_like_path("a/".repeat(2100).as_bytes(), false));
        assert!(plainly_path(b"../news/a.txt") && plainly_path(b"notes.md"));
        assert!(!plainly_path(b"Kessel news") && !plainly_path(b"README"));
    }
}
