//! The non-interactive modes (`--list`, `--json`, `--print`) and the hand-off to the reader.

use crate::app::arrival::Wanted;
use crate::article::Article;
use crate::load::catalog::{self, Cache};
use crate::load::roots::Known;
use crate::load::{self, head::Ids, library::Library};
use crate::settings::Settings;
use crate::source::{self, Input, Source};
use crate::text::typeset::{Names, Options};
use crate::theme::Theme;
use anyhow::Result;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `--list`: one row per article, newest first, read from list rows only. The built-in samples
/// show `(built-in) …` for a path: they are not files on this machine. The rows come from the
/// catalogue in `cache` when there is one.
pub fn list(input: Input, null: bool, cache: Option<&Cache>) -> Result<ExitCode> {
    let mut pending = None;
    let mut lib = match input.source {
        Source::Paths(paths) => match cache {
            Some(cache) => {
                let scan = catalog::scan(&paths, Ids::Skip, cache);
                pending = scan.pending;
                scan.library
            }
            None => Library::scan_with(&paths, Ids::Skip),
        },
        Source::Stdin(a) => source::library_of(vec![*a]),
        Source::Builtin => {
            let mut lib = source::library_of(source::builtin_articles());
            for e in &mut lib.entries {
                let label = e.row.path().map(builtin_label);
                e.row.edit(|h| h.path = label);
            }
            lib
        }
    };
    report(&input.skipped);
    report(&lib.problems);
    lib.problems.clear();
    let code = if null {
        let bytes = list_null(&lib);
        std::mem::forget(lib);
        emit_bytes(&bytes)
    } else {
        let text = list_text(&lib);
        // The process ends right after: freeing every row one by one would only cost time.
        std::mem::forget(lib);
        emit(&text)
    };
    // Written once the list is out, so the list does not wait for it.
    if let Some(Err(e)) = pending.map(catalog::Pending::write) {
        eprintln!("byline: {}", crate::sanitize::clean_line(&e));
    }
    code
}

/// The `--list -0` rows of `lib`: `DATE_ISO<TAB>TITLE<TAB>PATH<NUL>`, the path as its raw bytes
/// (a name with a newline, a control character or invalid UTF-8 comes back byte for byte), the
/// title sanitised as always.
pub fn list_null(lib: &Library) -> Vec<u8> {
    let mut out = Vec::with_capacity(lib.entries.len() * 128);
    for e in &lib.entries {
        let h = &e.row;
        out.extend_from_slice(h.date_iso().unwrap_or("").as_bytes());
        out.push(b'\t');
        out.extend_from_slice(h.title().as_bytes());
        out.push(b'\t');
        match h.path() {
            Some(p) => out.extend_from_slice(p.as_os_str().as_encoded_bytes()),
            None => out.push(b'-'),
        }
        out.push(0);
    }
    out
}

/// The `--list` rows of `lib`: `DATE_ISO<TAB>TITLE<TAB>PATH`, one per line.
pub fn list_text(lib: &Library) -> String {
    let mut out = String::with_capacity(lib.entries.len() * 128);
    for e in &lib.entries {
        let h = &e.row;
        out.push_str(h.date_iso().unwrap_or(""));
        out.push('\t');
        out.push_str(h.title());
        out.push('\t');
        out.push_str(&h.path().map_or("-".into(), load::shown_cow));
        out.push('\n');
    }
    out
}

/// How `--list` names a built-in sample (`articles/2026/03/a.txt` → `(built-in) 2026/03/a.txt`).
fn builtin_label(path: &Path) -> PathBuf {
    let rel = path.strip_prefix("articles").unwrap_or(path);
    PathBuf::from(format!("(built-in) {}", rel.display()))
}

/// `--json`: every article as one JSON object per line.
pub fn json(input: Input) -> Result<ExitCode> {
    let mut out = String::new();
    for a in articles(input)? {
        out.push_str(&serde_json::to_string(&a)?);
        out.push('\n');
    }
    emit(&out)
}

/// `--print`: every article as formatted text, coloured from the theme when `color`. Each is
/// written as it is typeset, a stretch at a time, so a long article's page is never held whole.
pub fn print(input: Input, opts: &Options, theme: Option<&Theme>) -> Result<ExitCode> {
    let width = opts.width;
    let (list, titles) = articles_and_titles(input)?;
    let title_of = |p: &Path| titles.get(p).cloned();
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut written = || -> io::Result<()> {
        for (i, a) in list.iter().enumerate() {
            if i > 0 {
                let rule = "─".repeat(usize::from(width.min(Options::MEASURE)));
                write!(out, "\n{rule}\n\n")?;
            }
            crate::print::write(a, opts, theme, &Names::titles(&title_of), &mut out)?;
        }
        out.flush()
    };
    match written() {
        // A reader that stopped reading (`| head`) is no error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The interactive reader.
/// `byline story.txt` opens that article at once with its library ([`Known::library_of`]) read
/// on a worker, so its links resolve once the list has filled in; `byline DIR` selects the
/// newest article; stdin and the samples are held in memory. A library of files is read
/// through the catalogue in `cache` when there is one, as `--list` reads it.
pub fn tui(
    input: Input,
    settings: &Settings,
    no_state: bool,
    cache: Option<&Cache>,
) -> Result<ExitCode> {
    let config = &settings.config;
    // Without a folder to keep it in (no HOME), marks last until quit, as with --no-state.
    let state_dir = crate::state::default_dir().filter(|_| !no_state);
    // A big state file takes a while to read (200,000 entries, about a tenth of a second or
    // more): it is opened on a thread while the library is read and shown, and the reader waits for it
    // only at the first message that may need a mark.
    let state_arriving = state_dir.clone().and_then(|dir| {
        std::thread::Builder::new()
            .name("byline-state".into())
            .spawn(move || crate::state::Store::open(dir))
            .ok()
    });
    let (state, mut state_warnings) = match (&state_dir, &state_arriving) {
        (Some(dir), None) => crate::state::Store::open(dir.clone()),
        _ => (crate::state::Store::disabled(), Vec::new()),
    };
    let mut catalogue = None;
    let mut recheck = None;
    let mut front = None;
    let mut index = None;
    let (mut library, open, watch, arriving) = match input.source {
        Source::Paths(paths) => {
            let start = reader_library(&paths, &input.known, cache);
            catalogue = start.catalogue;
            recheck = start.recheck;
            front = start.front;
            // The search index is kept beside the catalogue, keyed by the library's roots.
            index = cache.map(|c| crate::search::disk::Place {
                dir: c.dir().to_path_buf(),
                roots: start.roots.clone(),
            });
            (start.library, start.open, start.watch, start.arriving)
        }
        Source::Stdin(a) => (source::library_of(vec![*a]), Some(0), Vec::new(), None),
        Source::Builtin => (
            source::library_of(source::builtin_articles()),
            None,
            Vec::new(),
            None,
        ),
    };
    // Paths listed on stdin that do not exist are skipped files too, listed first.
    let mut problems = input.skipped;
    problems.append(&mut library.problems);
    library.problems = problems;
    state_warnings.splice(0..0, settings.warnings.iter().cloned());
    let view = state_dir.map(|dir| {
        let v = crate::state::view::View::load(&dir);
        (dir, v)
    });
    let remembered = view.as_ref().map(|v| v.1).unwrap_or_default();
    let justify = if settings.justify_flag {
        true
    } else {
        remembered.justify.unwrap_or(config.justify)
    };
    crate::tui::run(crate::tui::Launch {
        library,
        open,
        theme: settings.theme.clone(),
        measure: config.measure,
        mouse: config.mouse,
        keymap: crate::app::keymap::Keymap::from_config(&config.keys)?,
        date_format: config.date_format.clone(),
        justify,
        zoom: remembered.zoom.unwrap_or(config.zoom),
        list_look: crate::config::list::ListLook {
            width: remembered.list_width.unwrap_or(config.list.width),
            ..config.list.clone()
        },
        view,
        pictures: picture_mode(&config.pictures)?,
        state,
        state_arriving,
        state_warnings,
        watch,
        arriving,
        catalogue,
        recheck,
        front,
        index,
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The picture mode `BYLINE_PICTURES` names, else the config's `word` (already checked).
fn picture_mode(word: &str) -> Result<crate::pictures::service::Mode> {
    use crate::pictures::service::Mode;
    match std::env::var("BYLINE_PICTURES") {
        Ok(env) if !env.trim().is_empty() => Mode::parse(&env).ok_or_else(|| {
            anyhow::anyhow!(
                "BYLINE_PICTURES `{}` is not a choice; choose one of {}",
                crate::sanitize::clean_line(&env),
                Mode::WORDS
            )
        }),
        _ => Ok(Mode::parse(word).unwrap_or(Mode::Auto)),
    }
}

/// What the reader starts with for a list of paths.
struct Start {
    /// The library of the first frame.
    library: Library,
    /// The row to open at once.
    open: Option<usize>,
    /// The folders to watch.
    watch: Vec<PathBuf>,
    /// The whole library, still to be read on a worker.
    arriving: Option<Wanted>,
    /// The catalogue to write once the first frame is drawn.
    catalogue: Option<catalog::Pending>,
    /// The files whose rows were taken from the catalogue without a stat, to check after it.
    recheck: Option<catalog::Recheck>,
    /// Where to keep the library's first rows for the next launch's first frame (taken after
    /// this launch's first frame): the cache and the library's roots.
    front: Option<(Cache, Vec<PathBuf>)>,
    /// The library's roots (what its catalogue and search index are keyed by).
    roots: Vec<PathBuf>,
}

/// What the reader starts with for `paths`: the library, the article to open, the folders to
/// watch, and the library still being read. A single file named alone is read on its own and
/// opened at once; its whole library ([`Known::library_of`]) is scanned on a worker and takes
/// the list's place when it is read. Other paths are scanned now, exactly as given, through
/// the catalogue in `cache` when there is one (rows of unchanged files come from it, as for
/// `--list`). The state ids of rows read from the files are left for the reader to compute
/// when it needs them, unless a catalogue is to keep them.
fn reader_library(paths: &[PathBuf], known: &Known, cache: Option<&Cache>) -> Start {
    let scan = |paths: &[PathBuf]| match cache {
        Some(cache) => {
            let scan = catalog::scan_trusting(paths, Ids::Later, cache);
            (scan.library, scan.pending, scan.recheck)
        }
        None => (Library::scan_with(paths, Ids::Later), None, None),
    };
    let folders = || paths.iter().filter(|p| p.is_dir()).cloned().collect();
    let whole = |paths: &[PathBuf]| {
        // The last launch's first rows, when kept: shown at once, the library read on a worker.
        if let Some(cache) = cache
            && let Some(library) = catalog::front::read(cache, paths)
        {
            return Start {
                library,
                open: None,
                watch: folders(),
                arriving: Some(Wanted {
                    folders: paths.to_vec(),
                    open: None,
                    cache: Some(cache.clone()),
                }),
                catalogue: None,
                recheck: None,
                front: None,
                roots: paths.to_vec(),
            };
        }
        let (library, catalogue, recheck) = scan(paths);
        let front = cache.map(|c| (c.clone(), paths.to_vec()));
        Start {
            front,
            library,
            open: None,
            watch: folders(),
            arriving: None,
            catalogue,
            recheck,
            roots: paths.to_vec(),
        }
    };
    let [single] = paths else {
        return whole(paths);
    };
    // A folder, or a feed or JSON list: its items are the list.
    if !single.is_file() || load::container_kind(single).is_ok_and(|k| k.is_some()) {
        return whole(paths);
    }
    let library = Library::scan_with(std::slice::from_ref(single), Ids::Later);
    let open = (!library.entries.is_empty()).then_some(0);
    let root = known.library_of(single);
    let watch = root
        .folders
        .iter()
        .filter(|p| p.is_dir())
        .cloned()
        .collect();
    let roots = root.folders.clone();
    let wanted = Wanted {
        folders: root.folders,
        open: Some(single.clone()),
        cache: cache.cloned(),
    };
    Start {
        library,
        open,
        watch,
        arriving: Some(wanted),
        catalogue: None,
        recheck: None,
        front: None,
        roots,
    }
}

/// Fully parsed articles in the order given (a folder's newest first), related links resolved
/// against them and the other articles of each named file's library (see [`Known::library_of`]).
pub fn articles(input: Input) -> Result<Vec<Article>> {
    Ok(articles_and_titles(input)?.0)
}

/// [`articles`], with the title of every article read on the way (for naming backlinks).
fn articles_and_titles(input: Input) -> Result<(Vec<Article>, HashMap<PathBuf, String>)> {
    report(&input.skipped);
    let paths = match input.source {
        Source::Paths(p) => p,
        Source::Stdin(a) => return Ok((vec![*a], HashMap::new())),
        Source::Builtin => {
            let all = source::builtin_articles();
            let titles = titles_of(&all);
            return Ok((all, titles));
        }
    };
    let mut wanted: Vec<Article> = Vec::new();
    let mut problems = Vec::new();
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
        } else if input.listed {
            // A file listed on stdin is skipped as a folder's would be.
            match load::load_file(p) {
                Ok(a) => wanted.push(a),
                Err(e) => problems.push(format!("{e:#}")),
            }
        } else {
            // A file named on the command line must load: its failure is the user's error.
            // A feed or JSON list gives all its items.
            wanted.extend(load::load_all(p)?);
        }
    }
    let requested = wanted.len();
    let around = libraries_around(&paths, &input.known);
    wanted.extend(others_in(&around, &wanted));
    load::resolve::resolve_all(&mut wanted);
    let titles = titles_of(&wanted);
    wanted.truncate(requested);
    report(&problems);
    Ok((wanted, titles))
}

fn titles_of(articles: &[Article]) -> HashMap<PathBuf, String> {
    articles
        .iter()
        .filter_map(|a| Some((a.path.clone()?, a.header.title.clone())))
        .collect()
}

/// The folders of the libraries of the named files (not of named folders, which stand for
/// exactly themselves), so their related links and backlinks resolve as in the reader; each
/// with whether it is walked whole (a library) or only its own files are read (a file's
/// folder when no library holds it, which may be a home folder).
fn libraries_around(paths: &[PathBuf], known: &Known) -> Vec<(PathBuf, bool)> {
    let mut folders: Vec<(PathBuf, bool)> = Vec::new();
    for p in paths.iter().filter(|p| p.is_file()) {
        let root = known.library_of(p);
        let deep = root.found != crate::load::roots::Found::Folder;
        for f in root.folders {
            match folders.iter_mut().find(|(g, _)| *g == f) {
                Some((_, d)) => *d |= deep,
                None => folders.push((f, deep)),
            }
        }
    }
    folders
}

/// The articles under `folders` other than those already in `have` (read for their titles
/// and related headlines only).
fn others_in(folders: &[(PathBuf, bool)], have: &[Article]) -> Vec<Article> {
    if folders.is_empty() {
        return Vec::new();
    }
    // A file may be spelled two ways (`./a.txt`, `a.txt`): only files whose names match one
    // already held are resolved on the disk to compare.
    let held: Vec<(&std::ffi::OsStr, Option<PathBuf>)> = have
        .iter()
        .filter_map(|a| a.path.as_deref())
        .filter_map(|p| Some((p.file_name()?, p.canonicalize().ok())))
        .collect();
    let is_held = |f: &Path| {
        let name = f.file_name();
        let same_name: Vec<_> = held.iter().filter(|(n, _)| Some(*n) == name).collect();
        !same_name.is_empty() && {
            let c = f.canonicalize().ok();
            same_name.iter().any(|(_, h)| h.is_some() && *h == c)
        }
    };
    let mut files = Vec::new();
    for (folder, deep) in folders {
        if *deep {
            files.extend(crate::load::roots::article_files(std::slice::from_ref(
                folder,
            )));
        } else if let Ok(rd) = std::fs::read_dir(folder) {
            files.extend(
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|f| f.is_file() && load::format_for(f).is_some()),
            );
        }
    }
    files.sort();
    files.dedup();
    files.retain(|f| !is_held(f));
    // A big library is read on every thread; the results keep the files' order.
    crate::work::map_runs(&files, 1, |f| load::load_related(f).ok())
}

/// Reports skipped files on stderr, one line each.
pub fn report(problems: &[String]) {
    for p in problems {
        eprintln!("byline: skipped {p}");
    }
}

/// Writes to stdout; a closed pipe (`byline --list | head -1`) is not an error.
fn emit(text: &str) -> Result<ExitCode> {
    emit_bytes(text.as_bytes())
}

/// Writes `bytes` to stdout; a reader that stopped reading (`| head`) is no error.
fn emit_bytes(bytes: &[u8]) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
