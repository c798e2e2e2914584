//! Opening what the user means: a file brings its library, stdin is read by clear rules, a
//! missing library folder is an error, skipped files can be seen, untitled rows have a name.

mod common;
mod tmux_common;

use byline::app::arrival::Scan;
use byline::app::keymap::Key;
use byline::app::{Action, App, Effect, Mode};
use byline::load::head::Ids;
use byline::load::library::Library;
use byline::ui::theme::Theme;
use common::{FERRY, HARBOR, byline, library, write};
use std::path::Path;
use std::time::{Duration, Instant};
use tmux_common::Tmux;

const KESSEL: &str = "articles/2026/04/kessel-lantern-festival.json";
const CHOIR: &str = "How a village choir raised the money for its church roof";

/// An article that links to the harbour story.
const DOCKS: &str = "Dock workers join the harbor protest
Mar 15, 2026
By ODA LUND
PORT EMBER, Veland (CW) — Dock workers marched to the port office on Saturday.
Related Articles
Harbor pilots walk out as talks collapse in Port Ember
";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 errors")
}

fn json_lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout_of(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

/// The binary with stdin on `/dev/null` (no input: the default library), as under cron.
fn no_stdin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_byline"));
    c.env_remove("BYLINE_LIBRARY")
        .env_remove("BYLINE_CONFIG")
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", "/nonexistent-byline-config")
        .env(
            "BYLINE_STATE_DIR",
            std::env::temp_dir().join("byline-test-state"),
        )
        .stdin(std::process::Stdio::null());
    c
}

/// The `related[].path` values of the one article `--json` printed.
fn related_paths(out: &std::process::Output) -> Vec<Option<String>> {
    let v = json_lines(out);
    assert_eq!(v.len(), 1, "{}", stderr_of(out));
    v[0]["related"]
        .as_array()
        .expect("related")
        .iter()
        .map(|r| r["path"].as_str().map(str::to_string))
        .collect()
}

// ---- A file opened by path belongs to its library -------------------------------------------

#[test]
fn print_and_json_of_a_nested_sample_resolve_against_the_whole_library() {
    let out = byline()
        .current_dir(repo())
        .args(["--json", KESSEL])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let paths = related_paths(&out);
    assert_eq!(paths.len(), 3);
    for p in &paths {
        let p = p.as_deref().expect("every related link resolves");
        assert!(p.starts_with("articles/2026/03/"), "{p}");
    }

    let out = byline()
        .current_dir(repo())
        .args(["--print", "--color", "never", "--width", "100", KESSEL])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains(CHOIR), "{text}");
    assert!(!text.contains("not in library"), "{text}");

    // Its target names it among the articles linking there.
    let out = byline()
        .current_dir(repo())
        .args(["--json", "articles/2026/03/port-calloway-pilots-deal.txt"])
        .output()
        .unwrap();
    let v = json_lines(&out);
    assert_eq!(v[0]["backlinks"], serde_json::json!([KESSEL]));
}

/// A library with the harbour story in one dated folder and its related ferry story in another.
fn dated_library() -> tempfile::TempDir {
    library(&[
        ("news/2026/harbor.txt", HARBOR),
        ("news/2025/ferry.txt", FERRY),
    ])
}

#[test]
fn a_marker_file_makes_the_folder_holding_it_the_library() {
    let lib = dated_library();
    let harbor = lib.path().join("news/2026/harbor.txt");
    let out = byline().arg("--json").arg(&harbor).output().unwrap();
    assert_eq!(related_paths(&out)[0], None, "no marker: only its folder");

    write(lib.path(), "news/.byline", b"");
    let out = byline().arg("--json").arg(&harbor).output().unwrap();
    let ferry = lib.path().join("news/2025/ferry.txt");
    assert_eq!(
        related_paths(&out)[0].as_deref(),
        Some(ferry.to_str().unwrap())
    );
    let out = byline().arg("--json").arg(&ferry).output().unwrap();
    assert_eq!(
        json_lines(&out)[0]["backlinks"],
        serde_json::json!([harbor.to_str().unwrap()])
    );

    // A folder given as PATH is exactly that folder, marker or not.
    let out = byline()
        .arg("--json")
        .arg(lib.path().join("news/2026"))
        .output()
        .unwrap();
    assert_eq!(related_paths(&out)[0], None);
}

#[test]
fn the_config_may_name_the_marker_otherwise() {
    let lib = dated_library();
    write(lib.path(), "news/ARCHIVE", b"");
    write(lib.path(), "news/.byline", b"");
    let config = write(lib.path(), "config.toml", b"library_marker = \"ARCHIVE\"\n");
    let harbor = lib.path().join("news/2026/harbor.txt");
    let out = byline()
        .arg("--config")
        .arg(&config)
        .arg("--json")
        .arg(&harbor)
        .output()
        .unwrap();
    assert!(related_paths(&out)[0].is_some());

    std::fs::remove_file(lib.path().join("news/ARCHIVE")).unwrap();
    let out = byline()
        .arg("--config")
        .arg(&config)
        .arg("--json")
        .arg(&harbor)
        .output()
        .unwrap();
    assert_eq!(
        related_paths(&out)[0],
        None,
        ".byline is not the marker now"
    );

    let bad = write(lib.path(), "bad.toml", b"library_marker = \"a/b\"\n");
    let out = byline()
        .arg("--config")
        .arg(&bad)
        .arg("--list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("library_marker"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_file_inside_a_known_library_brings_the_whole_library() {
    let lib = dated_library();
    let harbor = lib.path().join("news/2026/harbor.txt");
    let news = lib.path().join("news");
    let out = byline()
        .env("BYLINE_LIBRARY", &news)
        .arg("--json")
        .arg(&harbor)
        .output()
        .unwrap();
    assert!(related_paths(&out)[0].is_some(), "$BYLINE_LIBRARY");

    let config = write(
        lib.path(),
        "config.toml",
        format!("library = [{:?}]\n", news.display().to_string()).as_bytes(),
    );
    let out = byline()
        .arg("--config")
        .arg(&config)
        .arg("--json")
        .arg(&harbor)
        .output()
        .unwrap();
    assert!(related_paths(&out)[0].is_some(), "the config's library");
}

// ---- Standard input ---------------------------------------------------------------------------

#[test]
fn empty_stdin_is_an_empty_list_in_every_mode() {
    for mode in ["--list", "--json", "--print"] {
        for input in ["", "\n \n"] {
            let out = byline()
                .current_dir(repo())
                .arg(mode)
                .write_stdin(input)
                .output()
                .unwrap();
            assert!(out.status.success(), "{mode}: {}", stderr_of(&out));
            assert_eq!(stdout_of(&out), "", "{mode} printed something");
            assert_eq!(stderr_of(&out), "", "{mode}");
        }
    }
}

#[test]
fn listed_paths_with_missing_ones_keep_the_rest_and_report_each() {
    let lib = library(&[("harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    let gone = lib.path().join("gone.txt");
    let listing = format!(
        "{}\n{}\n\n{}\n",
        lib.path().join("harbor.txt").display(),
        gone.display(),
        lib.path().join("ferry.txt").display(),
    );
    let out = byline()
        .arg("--list")
        .write_stdin(listing.clone())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stdout_of(&out).lines().count(), 2, "{}", stdout_of(&out));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(gone.to_str().unwrap()) && err.contains("no such file"),
        "{err}"
    );

    // Paths that are all gone are still a list: nothing to show, each reported.
    let out = byline()
        .arg("--list")
        .write_stdin(format!("{}\n/gone/too.md\n", gone.display()))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stdout_of(&out), "");
    assert_eq!(stderr_of(&out).lines().count(), 2, "{}", stderr_of(&out));

    // Never one article whose body is the list.
    let out = byline()
        .arg("--json")
        .write_stdin(listing)
        .output()
        .unwrap();
    let titles: Vec<String> = json_lines(&out)
        .iter()
        .map(|v| v["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.iter().all(|t| !t.contains('/')), "{titles:?}");
}

#[test]
fn a_file_listed_on_stdin_that_cannot_be_read_is_skipped_not_fatal() {
    let lib = library(&[("ferry.txt", FERRY)]);
    let bin = write(lib.path(), "blob.txt", b"PK\x03\x04\0\0binary");
    let listing = format!(
        "{}\n{}\n",
        lib.path().join("ferry.txt").display(),
        bin.display()
    );
    let out = byline()
        .args(["--print", "--color", "never"])
        .write_stdin(listing)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("Ferry crews"));
    assert!(stderr_of(&out).contains("blob.txt"), "{}", stderr_of(&out));
}

#[test]
fn prose_on_stdin_is_an_article_even_when_a_line_names_a_file() {
    // `Cargo.toml` exists in the repository, but a paragraph is no path.
    let text = format!(
        "Cargo.toml\n{}\n",
        "The harbor office said nothing more about the talks that afternoon. ".repeat(5)
    );
    let out = byline()
        .current_dir(repo())
        .arg("--json")
        .write_stdin(text)
        .output()
        .unwrap();
    let v = json_lines(&out);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["title"], "Cargo.toml");
    assert!(v[0]["path"].is_null());
}

#[test]
fn nul_separated_paths_are_sniffed_and_taken_with_the_null_flag() {
    let lib = library(&[("harbor news.txt", HARBOR), ("ferry.txt", FERRY)]);
    let listing = format!(
        "{}\0{}\0",
        lib.path().join("harbor news.txt").display(),
        lib.path().join("ferry.txt").display()
    );
    let out = byline()
        .arg("--list")
        .write_stdin(listing.clone())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).lines().count(), 2);

    // With -0 a single path without any NUL is still a path.
    let one = lib.path().join("ferry.txt").display().to_string();
    let out = byline()
        .args(["-0", "--list"])
        .write_stdin(one)
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).lines().count(), 1, "{}", stderr_of(&out));
    let out = byline()
        .args(["--null", "--list"])
        .write_stdin(listing)
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).lines().count(), 2);

    // NUL bytes that are not a list of paths are binary input: an error, not an article.
    let out = byline()
        .arg("--json")
        .write_stdin(&b"\x7fELF\0\0\x01binary"[..])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).starts_with("byline: "),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn an_empty_article_read_with_dash_is_an_error() {
    let out = byline()
        .args(["--json", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("empty article"), "{err}");
    // Not on a terminal, the prompt is not printed.
    assert!(!err.contains("Ctrl-D"), "{err}");
}

// ---- Errors -----------------------------------------------------------------------------------

#[test]
fn a_missing_library_folder_is_an_error_like_a_missing_path() {
    let out = no_stdin()
        .arg("--list")
        .env("BYLINE_LIBRARY", "/nope")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.starts_with("byline: no such folder: /nope"), "{err}");
    assert_eq!(err.lines().count(), 1);

    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "config.toml",
        b"library = [\"present\", \"absent\"]\n",
    );
    std::fs::create_dir(dir.path().join("present")).unwrap();
    let out = no_stdin()
        .arg("--config")
        .arg(&config)
        .arg("--list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.starts_with("byline: no such folder: ") && err.contains("absent"),
        "{err}"
    );
    assert!(!err.contains("dangling"), "{err}");
}

#[test]
fn invalid_values_list_the_valid_choices() {
    let out = byline().args(["--color", "sometimes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("sometimes") && err.contains("auto, always, never"),
        "{err}"
    );
}

#[test]
fn built_in_samples_are_listed_as_built_in() {
    let bare = tempfile::tempdir().unwrap();
    let out = no_stdin()
        .arg("--list")
        .current_dir(bare.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.lines().count() >= 12, "{text}");
    for line in text.lines() {
        let path = line.rsplit('\t').next().unwrap();
        assert!(path.starts_with("(built-in) "), "{line}");
        assert!(!path.contains("articles/"), "{line}");
    }
}

// ---- The reader: update-level ---------------------------------------------------------------

/// A reader as `byline FILE` starts it: the file alone, opened, its library on the way.
fn reader_on(file: &Path, whole: Library) -> App {
    let first = Library::scan_with(&[file.to_path_buf()], Ids::Now);
    assert_eq!(first.entries.len(), 1);
    let mut app = App::new(first, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.arriving = Some(Scan::ready(whole));
    app.start(Some(0));
    app
}

fn open_title(app: &App) -> String {
    app.reader
        .as_ref()
        .expect("an article open")
        .article
        .title
        .clone()
}

fn until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ok() {
        assert!(Instant::now() < deadline, "waited for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn the_library_fills_in_after_the_first_frame_and_links_resolve() {
    let lib = library(&[
        ("news/2026/harbor.txt", HARBOR),
        ("news/2025/ferry.txt", FERRY),
        ("news/2026/docks.txt", DOCKS),
    ]);
    let news = lib.path().join("news");
    let harbor = news.join("2026/harbor.txt");
    let mut app = reader_on(&harbor, Library::scan(&[news]));
    assert_eq!(app.library.entries.len(), 1);
    assert_eq!(app.mode, Mode::Reader);
    // The related headlines wait for the library instead of saying "not in library".
    assert!(app.titles_pending());
    app.index_titles_in_background();
    assert!(!app.titles.started(), "no title index over the one article");
    app.say(byline::app::arrival::READING);

    assert!(app.poll_library());
    assert_eq!(
        app.status, None,
        "the reading notice goes once the library is in"
    );
    assert!(!app.library_pending());
    assert_eq!(app.library.entries.len(), 3);
    let open = app.reader.as_ref().unwrap().index;
    assert_eq!(
        app.library.entries[open].head.path.as_deref(),
        Some(harbor.as_path())
    );
    assert_eq!(app.selected, open);
    until("the related links", || {
        app.poll_titles();
        !app.titles_pending()
    });
    until("the backlinks", || {
        app.poll_library();
        !app.reader.as_ref().unwrap().article.backlinks.is_empty()
    });
    assert_eq!(
        app.reader.as_ref().unwrap().article.backlinks,
        vec![lib.path().join("news/2026/docks.txt")]
    );

    app.update(Action::FollowRelated(1));
    assert_eq!(open_title(&app), "Ferry crews weigh their own strike vote");
    app.update(Action::HistoryBack);
    assert!(open_title(&app).starts_with("Harbor pilots walk out"));
}

#[test]
fn following_a_link_before_the_library_came_waits_for_it() {
    let lib = dated_library();
    let news = lib.path().join("news");
    let mut app = reader_on(&news.join("2026/harbor.txt"), Library::scan(&[news]));
    assert!(app.library_pending());
    app.update(Action::FollowRelated(1));
    assert!(!app.library_pending());
    assert_eq!(open_title(&app), "Ferry crews weigh their own strike vote");
    assert_eq!(app.status, None, "no 'not in the library' complaint");
}

/// A library folder with two files it must skip.
fn library_with_bad_files() -> (tempfile::TempDir, Library) {
    let lib = library(&[("good.txt", FERRY)]);
    write(lib.path(), "bad.txt", b"\0\0\0\x01binary");
    write(
        lib.path(),
        "broken.json",
        b"{\"title\": \"x\",\n \"body\": [1,}",
    );
    let scanned = Library::scan(&[lib.path().to_path_buf()]);
    assert_eq!(scanned.problems.len(), 2, "{:?}", scanned.problems);
    (lib, scanned)
}

#[test]
fn skipped_files_are_counted_and_listed_with_reasons_and_paths_copied() {
    let (dir, scanned) = library_with_bad_files();
    let mut app = App::new(scanned, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    let status = App::new(app.library.clone(), Theme::dark(), 76).status;
    assert_eq!(
        status.map(|s| s.text),
        Some("2 files skipped — press ! to see them".to_string())
    );
    assert_eq!(
        app.keymap.lookup(Mode::List, Key::ch('!')),
        Some(Action::ShowSkipped)
    );
    assert_eq!(
        app.keymap.lookup(Mode::Reader, Key::ch('!')),
        Some(Action::ShowSkipped)
    );

    app.update(Action::ShowSkipped);
    assert_eq!(app.mode, Mode::Skipped);
    let rows = app.skipped.as_ref().unwrap().rows.clone();
    let bad = dir.path().join("bad.txt").display().to_string();
    let broken = dir.path().join("broken.json").display().to_string();
    assert_eq!(rows[0].path, bad);
    assert!(rows[0].reason.contains("binary"), "{:?}", rows[0]);
    assert_eq!(rows[1].path, broken);
    assert!(rows[1].reason.contains("line 2 column"), "{:?}", rows[1]);

    assert_eq!(app.update(Action::CopyPath), Effect::Copy(bad));
    assert_eq!(
        app.keymap.lookup(Mode::Skipped, Key::ch('j')),
        Some(Action::Down)
    );
    app.update(Action::Down);
    assert_eq!(app.update(Action::CopyPath), Effect::Copy(broken.clone()));
    app.update(Action::Down);
    assert_eq!(
        app.skipped.as_ref().unwrap().selected,
        1,
        "stops at the last"
    );

    // Drawn: each path and its reason.
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("skipped files 2/2"), "{screen}");
    assert!(
        screen.contains("broken.json") && screen.contains("binary file"),
        "{screen}"
    );

    assert_eq!(
        app.keymap
            .lookup(Mode::Skipped, Key::plain(crossterm::event::KeyCode::Esc)),
        Some(Action::ShowSkipped)
    );
    app.update(Action::ShowSkipped);
    assert_eq!(app.mode, Mode::List);
    assert!(app.skipped.is_none());

    // Over the reader it returns to the reader.
    app.update(Action::Open);
    assert_eq!(app.mode, Mode::Reader);
    app.update(Action::ShowSkipped);
    assert_eq!(app.mode, Mode::Skipped);
    app.update(Action::ShowSkipped);
    assert_eq!(app.mode, Mode::Reader);
}

#[test]
fn a_long_skipped_list_scrolls_with_its_selection() {
    let lib = Library {
        problems: (0..40)
            .map(|i| format!("/gone/file{i:02}.txt: dangling symlink"))
            .collect(),
        ..Library::default()
    };
    let mut app = App::new(lib, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 80,
        height: 12,
    });
    app.update(Action::ShowSkipped);
    let screen = draw(&app, 80, 12);
    assert!(
        screen.contains("file00.txt") && !screen.contains("file39.txt"),
        "{screen}"
    );
    app.update(Action::Bottom);
    let v = app.skipped.as_ref().unwrap();
    assert_eq!(v.selected, 39);
    assert!(v.offset > 0);
    let screen = draw(&app, 80, 12);
    assert!(
        screen.contains("file39.txt") && !screen.contains("file00.txt"),
        "{screen}"
    );
    app.update(Action::Top);
    assert_eq!(app.skipped.as_ref().unwrap().offset, 0);
    // The wheel scrolls the overlay, not the list beneath; a click closes it.
    app.update(Action::Wheel {
        column: 5,
        row: 5,
        down: true,
    });
    assert_eq!(app.skipped.as_ref().unwrap().selected, 3);
    app.update(Action::Click { column: 5, row: 3 });
    assert_eq!(app.mode, Mode::List);
    assert!(app.skipped.is_none());
}

#[test]
fn no_skipped_files_means_no_overlay() {
    let mut app = App::new(Library::default(), Theme::dark(), 76);
    assert_eq!(app.status, None);
    app.update(Action::ShowSkipped);
    assert_eq!(app.mode, Mode::List);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("no files were skipped")
    );
    // The empty library says so.
    assert!(draw(&app, 80, 12).contains("no articles"));
}

#[test]
fn a_file_without_a_title_shows_its_file_name_dimmed() {
    let lib = library(&[("blank-notes.txt", "\n\n   \n"), ("ferry.txt", FERRY)]);
    let scanned = Library::scan(&[lib.path().to_path_buf()]);
    let mut app = App::new(scanned, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 100,
        height: 20,
    });
    let backend = ratatui::backend::TestBackend::new(100, 20);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    term.draw(|f| byline::ui::render(&app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let (y, x) = (0..20u16)
        .find_map(|y| row_text(&buf, y).find("blank-notes").map(|x| (y, x)))
        .expect("the file name shows");
    assert!(!row_text(&buf, y).contains(".txt"), "without the extension");
    let col = row_text(&buf, y)[..x].chars().count() as u16;
    assert_eq!(buf[(col, y)].fg, app.theme.dim.fg.unwrap(), "dimmed");
    let ferry = app
        .library
        .entries
        .iter()
        .find(|e| !e.head.title.is_empty())
        .unwrap();
    assert_eq!(byline::ui::list::untitled_name(&ferry.head), None);
}

fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(w, h);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    term.draw(|f| byline::ui::render(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h).map(|y| row_text(&buf, y) + "\n").collect()
}

// ---- End to end -------------------------------------------------------------------------------

/// tmux is needed; without it the test says so, and fails under CI.
fn tmux_or_skip() -> bool {
    if Tmux::installed() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "tmux is not installed, and CI is set"
    );
    eprintln!("skipped: tmux is not installed");
    false
}

#[test]
fn a_nested_sample_opened_by_path_follows_its_related_link_and_comes_back() {
    if !tmux_or_skip() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_byline");
    let script = format!(
        "cd '{}' && BYLINE_STATE_DIR='{}' '{bin}' {KESSEL}; echo BYLINE_EXITED; sleep 60",
        repo().display(),
        state.path().display()
    );
    let socket = format!("byline-opening-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);
    let s = tmux.wait_for("READ");
    assert!(s.contains("Lantern festival"), "{s}");
    // The list fills in with the rest of the library (17 articles in dated folders).
    tmux.wait_for("/17");
    tmux.keys(&["G"]);
    let s = tmux.wait("the related links resolved", |s| {
        s.contains("[1] How a village choir") && !s.contains("looking up")
    });
    assert!(!s.contains("not in library"), "{s}");

    tmux.keys(&["1"]);
    let s = tmux.wait_for("By Petra Kovar");
    assert!(s.contains(CHOIR), "{s}");
    tmux.keys(&["BSpace"]);
    let s = tmux.wait("back on the festival", |s| {
        s.contains("Tomorrow the boats go out") && !s.contains("By Petra Kovar")
    });
    assert!(s.contains("READ"), "{s}");
    // Esc and q sent together would read as Alt-q.
    tmux.keys(&["Escape"]);
    tmux.wait_for("LIST");
    tmux.keys(&["q"]);
    tmux.wait_for("BYLINE_EXITED");
}

#[test]
fn dash_on_a_terminal_says_what_it_waits_for_and_an_empty_article_is_an_error() {
    if !tmux_or_skip() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_byline");
    let script = format!("'{bin}' -; echo \"EXIT=$?\"; sleep 60");
    let socket = format!("byline-dash-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);
    tmux.wait_for("reading an article from standard input; end with Ctrl-D");
    tmux.keys(&["C-d"]);
    let s = tmux.wait_for("EXIT=");
    assert!(s.contains("EXIT=2"), "{s}");
    assert!(s.contains("byline: standard input: empty article"), "{s}");
}

#[test]
fn an_empty_pipe_opens_a_reader_that_says_no_articles() {
    if !tmux_or_skip() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_byline");
    // Run where ./articles exists: the empty pipe must not fall back to it.
    let script = format!(
        "cd '{}' && printf '' | BYLINE_STATE_DIR='{}' '{bin}'; echo BYLINE_EXITED; sleep 60",
        repo().display(),
        state.path().display()
    );
    let socket = format!("byline-empty-{}", std::process::id());
    let tmux = Tmux::session(socket, 100, 30, &["sh", "-c", &script]);
    let s = tmux.wait_for("no articles");
    assert!(s.contains("0/0"), "{s}");
    assert!(!s.contains("Lantern festival"), "{s}");
    tmux.keys(&["q"]);
    tmux.wait_for("BYLINE_EXITED");
}
