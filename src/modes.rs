//! The non-interactive modes (`--list`, `--json`, `--print`) and the hand-off to the reader.

use crate::article::Article;
use crate::input::{self, Source};
use crate::load::catalog::{self, Cache};
use crate::load::{self, head::Ids, library::Library};
use crate::render;
use crate::settings::Settings;
use crate::text::typeset::Options;
use crate::ui::theme::Theme;
use anyhow::Result;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `--list`: one row per article, newest first, read from list rows only.
/// The rows come from the catalogue in `cache` when there is one.
pub fn list(source: Source, cache: Option<&Cache>) -> Result<ExitCode> {
    let mut pending = None;
    let lib = match source {
        Source::Paths(paths) => match cache {
            Some(cache) => {
                let scan = catalog::scan(&paths, Ids::Skip, cache);
                pending = scan.pending;
                scan.library
            }
            None => Library::scan_with(&paths, Ids::Skip),
        },
        Source::Stdin(a) => input::library_of(vec![*a]),
        Source::Builtin => input::library_of(input::builtin_articles()),
    };
    report(&lib.problems);
    let text = list_text(&lib);
    // The process ends right after: freeing every row one by one would only cost time.
    std::mem::forget(lib);
    let code = emit(&text);
    // Written once the list is out, so the list does not wait for it.
    if let Some(Err(e)) = pending.map(catalog::Pending::write) {
        eprintln!("byline: {}", crate::text::sanitize::clean_line(&e));
    }
    code
}

/// The `--list` rows of `lib`: `DATE_ISO<TAB>TITLE<TAB>PATH`, one per line.
pub fn list_text(lib: &Library) -> String {
    let mut out = String::with_capacity(lib.entries.len() * 128);
    for e in &lib.entries {
        let h = &e.head;
        out.push_str(h.date_iso.as_deref().unwrap_or(""));
        out.push('\t');
        out.push_str(&h.title);
        out.push('\t');
        out.push_str(&h.path.as_deref().map_or("-".into(), load::shown_cow));
        out.push('\n');
    }
    out
}

/// `--json`: every article as one JSON object per line.
pub fn json(source: Source) -> Result<ExitCode> {
    let mut out = String::new();
    for a in articles(source)? {
        out.push_str(&serde_json::to_string(&a)?);
        out.push('\n');
    }
    emit(&out)
}

/// `--print`: every article as formatted text, coloured from the theme when `color`.
pub fn print(source: Source, opts: &Options, theme: Option<&Theme>) -> Result<ExitCode> {
    let width = opts.width;
    let mut out = String::new();
    let (list, titles) = articles_and_titles(source)?;
    let title_of = |p: &Path| titles.get(p).cloned();
    for (i, a) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(&format!(
                "\n{}\n\n",
                "─".repeat(usize::from(width.min(Options::MEASURE)))
            ));
        }
        out.push_str(&render::print(a, opts, theme, &title_of));
    }
    emit(&out)
}

/// The interactive reader.
/// `byline story.txt` opens that article with its folder in the list, so its links resolve;
/// `byline DIR` selects the newest article; stdin and the samples are held in memory.
/// The rows come from the catalogue in `cache` when there is one; a new catalogue is written on a
/// thread of its own while the reader runs.
pub fn tui(
    source: Source,
    settings: &Settings,
    no_state: bool,
    cache: Option<&Cache>,
) -> Result<ExitCode> {
    let mut writer = None;
    let (library, open, watch) = match source {
        Source::Paths(paths) => {
            let (lib, open, pending) = reader_library(&paths, cache);
            writer = pending.map(catalog::Pending::write_in_background);
            (lib, open, crate::tui::folders_to_watch(&paths))
        }
        Source::Stdin(a) => (input::library_of(vec![*a]), Some(0), Vec::new()),
        Source::Builtin => (
            input::library_of(input::builtin_articles()),
            None,
            Vec::new(),
        ),
    };
    let config = &settings.config;
    // Without a folder to keep it in (no HOME), marks last until quit, as with --no-state.
    let (state, state_warnings) = match crate::state::default_dir() {
        Some(dir) if !no_state => crate::state::Store::open(dir),
        _ => (crate::state::Store::disabled(), Vec::new()),
    };
    crate::tui::run(crate::tui::Launch {
        library,
        open,
        theme: settings.theme.clone(),
        measure: config.measure,
        mouse: config.mouse,
        keymap: crate::app::keymap::Keymap::from_config(&config.keys)?,
        date_format: config.date_format.clone(),
        justify: config.justify,
        state,
        state_warnings,
        watch,
    })?;
    // The terminal is restored by now, so a failed write can say so on stderr.
    if let Some(Ok(Err(e))) = writer.map(std::thread::JoinHandle::join) {
        eprintln!("byline: {}", crate::text::sanitize::clean_line(&e));
    }
    Ok(ExitCode::SUCCESS)
}

/// The library the reader shows for `paths`, and the article to open: a single file named
/// alone brings its folder along and opens at once. The rows' state ids are left for the reader
/// to compute when it needs them.
/// With a `cache`, the rows come from its catalogue, and the new catalogue to write is returned.
fn reader_library(
    paths: &[PathBuf],
    cache: Option<&Cache>,
) -> (Library, Option<usize>, Option<catalog::Pending>) {
    let scan_later = |paths: &[PathBuf]| Library::scan_with(paths, Ids::Later);
    let scan_cached = |paths: &[PathBuf]| match cache {
        Some(cache) => {
            let scan = catalog::scan(paths, Ids::Later, cache);
            (scan.library, scan.pending)
        }
        None => (scan_later(paths), None),
    };
    let [single] = paths else {
        let (lib, pending) = scan_cached(paths);
        return (lib, None, pending);
    };
    if !single.is_file() {
        let (lib, pending) = scan_cached(paths);
        return (lib, None, pending);
    }
    let folder = single
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (mut lib, pending) = scan_cached(&[folder.to_path_buf()]);
    let wanted = single.canonicalize().ok();
    let same = |p: &Path| p.canonicalize().ok() == wanted;
    let mut open = lib
        .entries
        .iter()
        .position(|e| e.head.path.as_deref().is_some_and(same));
    if open.is_none() {
        // A file the folder scan skips (an unusual extension): read it on its own.
        let extra = scan_later(std::slice::from_ref(single));
        lib.problems.extend(extra.problems);
        lib.entries.extend(extra.entries);
        lib.sort();
        open = lib
            .entries
            .iter()
            .position(|e| e.head.path.as_deref().is_some_and(same));
    }
    (lib, open, pending)
}

/// Fully parsed articles in the order given (a folder's newest first), related links resolved
/// against them and the other articles beside each named file.
pub fn articles(source: Source) -> Result<Vec<Article>> {
    Ok(articles_and_titles(source)?.0)
}

/// [`articles`], with the title of every article read on the way (for naming backlinks).
fn articles_and_titles(source: Source) -> Result<(Vec<Article>, HashMap<PathBuf, String>)> {
    let paths = match source {
        Source::Paths(p) => p,
        Source::Stdin(a) => return Ok((vec![*a], HashMap::new())),
        Source::Builtin => {
            let all = input::builtin_articles();
            let titles = titles_of(&all);
            return Ok((all, titles));
        }
    };
    let mut wanted: Vec<Article> = Vec::new();
    let mut problems = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for p in &paths {
        if p.is_dir() {
            let lib = Library::scan(std::slice::from_ref(p));
            problems.extend(lib.problems.iter().cloned());
            for i in 0..lib.entries.len() {
                match lib.load(i) {
                    Ok(a) => wanted.push((*a).clone()),
                    Err(e) => problems.push(format!("{e:#}")),
                }
            }
        } else {
            // A file named on the command line must load: its failure is the user's error.
            wanted.push(load::load_file(p)?);
        }
        seen.push(p.clone());
    }
    let requested = wanted.len();
    wanted.extend(siblings(&paths));
    load::resolve::resolve_all(&mut wanted);
    let titles = titles_of(&wanted);
    wanted.truncate(requested);
    report(&problems);
    Ok((wanted, titles))
}

fn titles_of(articles: &[Article]) -> HashMap<PathBuf, String> {
    articles
        .iter()
        .filter_map(|a| Some((a.path.clone()?, a.title.clone())))
        .collect()
}

/// The articles beside each named file (not under named folders), so its related links resolve.
fn siblings(paths: &[PathBuf]) -> Vec<Article> {
    let named: Vec<PathBuf> = paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut dirs: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.is_file())
        .map(|p| {
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf()
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    let mut files = Vec::new();
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut here: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        here.sort();
        files.extend(here.into_iter().filter(|f| {
            let is_named = f.canonicalize().is_ok_and(|c| named.contains(&c));
            f.is_file() && load::format_for(f).is_some() && !is_named
        }));
    }
    // A big folder is read on every thread, in contiguous runs so the order stays the same.
    let per_thread = files.len().div_ceil(crate::work::threads()).max(1);
    let runs: Vec<_> = files
        .chunks(per_thread)
        .map(|run| {
            move || {
                run.iter()
                    .filter_map(|f| load::load_links(f).ok())
                    .collect::<Vec<_>>()
            }
        })
        .collect();
    crate::work::in_parallel(runs)
        .into_iter()
        .flatten()
        .collect()
}

/// Reports skipped files on stderr, one line each.
pub fn report(problems: &[String]) {
    for p in problems {
        eprintln!("byline: skipped {p}");
    }
}

/// Writes to stdout; a closed pipe (`byline --list | head -1`) is not an error.
fn emit(text: &str) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
