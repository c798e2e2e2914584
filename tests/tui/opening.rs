//! Opening what the user means, in the model: a file opened alone shows at once and its
//! library fills in from the worker (links and backlinks resolve), the skipped-files overlay
//! lists each file and why, and an untitled row shows its file name.

use crate::files::{FERRY, HARBOR, library, write};
use byline::app::arrival::Scan;
use byline::app::keymap::Key;
use byline::app::{Action, App, Effect, Mode};
use byline::load::head::Ids;
use byline::load::library::Library;
use byline::theme::Theme;
use std::path::Path;
use std::time::{Duration, Instant};

/// An article that links to the harbour story.
const DOCKS: &str = "Dock workers join the harbor protest
Mar 15, 2026
By ODA LUND
PORT EMBER, Veland (CW) — Dock workers marched to the port office on Saturday.
Related Articles
Harbor pilots walk out as talks collapse in Port Ember
";

/// A library with the harbour story in one dated folder and its related ferry story in another.
fn dated_library() -> tempfile::TempDir {
    library(&[
        ("news/2026/harbor.txt", HARBOR),
        ("news/2025/ferry.txt", FERRY),
    ])
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
    app.arrive_from(Scan::ready(whole));
    app.start(Some(0));
    app
}

fn open_title(app: &App) -> String {
    app.reader()
        .expect("an article open")
        .article()
        .header
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
    assert_eq!(app.mode(), Mode::Reader);
    // The related headlines wait for the library instead of saying "not in library".
    assert!(app.titles_pending());
    app.index_titles_in_background();
    assert!(
        !app.titles().started(),
        "no title index over the one article"
    );
    app.say(byline::app::arrival::READING);

    assert!(app.poll_library());
    assert_eq!(
        app.status(),
        None,
        "the reading notice goes once the library is in"
    );
    assert!(!app.library_pending());
    assert_eq!(app.library.entries.len(), 3);
    let open = app.reader().unwrap().index();
    assert_eq!(app.library.entries[open].row.path(), Some(harbor.as_path()));
    assert_eq!(app.list().selected(), open);
    // The title and backlinks worker reports through the inbox, as the loop hands it over.
    until("the related links and the backlinks", || {
        if let Some(m) = app.next_message(Some(Duration::from_millis(5))) {
            app.update(m);
        }
        !app.titles_pending() && !app.reader().unwrap().article().backlinks.is_empty()
    });
    assert_eq!(
        app.reader().unwrap().article().backlinks,
        vec![lib.path().join("news/2026/docks.txt")]
    );

    app.update(Action::FollowRelated(1));
    assert_eq!(open_title(&app), "Ferry crews weigh their own strike vote");
    app.update(Action::HistoryBack);
    assert!(open_title(&app).starts_with("Harbor pilots walk out"));
}

#[test]
fn the_library_worker_reports_through_the_inbox() {
    let lib = dated_library();
    let news = lib.path().join("news");
    let harbor = news.join("2026/harbor.txt");
    let first = Library::scan_with(std::slice::from_ref(&harbor), Ids::Now);
    let mut app = App::new(first, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.read_library_in_background(byline::app::arrival::Wanted {
        folders: vec![news],
        open: Some(harbor.clone()),
        cache: None,
    });
    app.start(Some(0));
    assert!(app.library_pending());
    // Only what the inbox brings, handed to `update` as the loop does, fills the list in.
    until("the library's message", || {
        if let Some(m) = app.next_message(Some(Duration::from_millis(5))) {
            app.update(m);
        }
        !app.library_pending()
    });
    assert_eq!(app.library.entries.len(), 2);
    let open = app.reader().unwrap().index();
    assert_eq!(app.library.entries[open].row.path(), Some(harbor.as_path()));
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
    assert_eq!(app.status(), None, "no 'not in the library' complaint");
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
    let status = App::new(app.library.clone(), Theme::dark(), 76)
        .status()
        .cloned();
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
    assert_eq!(app.mode(), Mode::Skipped);
    let rows = app.skipped().unwrap().rows.clone();
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
    assert_eq!(app.skipped().unwrap().selected, 1, "stops at the last");

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
    assert_eq!(app.mode(), Mode::List);
    assert!(app.skipped().is_none());

    // Over the reader it returns to the reader.
    app.update(Action::Open);
    assert_eq!(app.mode(), Mode::Reader);
    app.update(Action::ShowSkipped);
    assert_eq!(app.mode(), Mode::Skipped);
    app.update(Action::ShowSkipped);
    assert_eq!(app.mode(), Mode::Reader);
}

/// Issue 15 point 8: a FIFO in a library folder is counted and listed with the skipped files,
/// with its reason, and never opened (opening it would block the scan for good).
#[cfg(unix)]
#[test]
fn a_fifo_in_the_library_is_counted_and_listed_as_skipped() {
    let lib = library(&[("good.txt", FERRY)]);
    let fifo = lib.path().join("sub/pipe.txt");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
    let scanned = Library::scan(&[lib.path().to_path_buf()]);
    assert_eq!(scanned.entries.len(), 1);
    let mut app = App::new(scanned, Theme::dark(), 76);
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("1 file skipped — press ! to see them")
    );
    app.update(Action::ShowSkipped);
    let rows = &app.skipped().unwrap().rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].path, fifo.display().to_string());
    assert_eq!(rows[0].reason, "not a regular file (FIFO)");
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
    let v = app.skipped().unwrap();
    assert_eq!(v.selected, 39);
    assert!(v.offset > 0);
    let screen = draw(&app, 80, 12);
    assert!(
        screen.contains("file39.txt") && !screen.contains("file00.txt"),
        "{screen}"
    );
    app.update(Action::Top);
    assert_eq!(app.skipped().unwrap().offset, 0);
    // The wheel scrolls the overlay, not the list beneath; a click closes it.
    app.update(Action::Wheel {
        column: 5,
        row: 5,
        down: true,
    });
    assert_eq!(app.skipped().unwrap().selected, 3);
    app.update(Action::Click { column: 5, row: 3 });
    assert_eq!(app.mode(), Mode::List);
    assert!(app.skipped().is_none());
}

#[test]
fn no_skipped_files_means_no_overlay() {
    let mut app = App::new(Library::default(), Theme::dark(), 76);
    assert_eq!(app.status(), None);
    app.update(Action::ShowSkipped);
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
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
    term.draw(|f| byline::render(&app, f)).unwrap();
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
        .find(|e| !e.row.title().is_empty())
        .unwrap();
    assert_eq!(byline::untitled_name(&ferry.row), None);
}

fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(w, h);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    term.draw(|f| byline::render(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h).map(|y| row_text(&buf, y) + "\n").collect()
}

/// Waits until the library worker's news has been handed to `update`, as the loop does.
fn until_arrived(app: &mut App) {
    until("the library's message", || {
        if let Some(m) = app.next_message(Some(Duration::from_millis(5))) {
            app.update(m);
        }
        !app.library_pending()
    });
}

#[test]
fn a_second_launch_shows_the_kept_front_page_then_the_whole_library() {
    use byline::load::catalog::{Cache, front};
    let lib = dated_library();
    let news = lib.path().join("news");
    let cache = Cache::new(lib.path().join("cache"));
    let roots = vec![news.clone()];
    assert!(front::read(&cache, &roots).is_none(), "nothing kept yet");
    // The first launch keeps its first rows.
    let whole = Library::scan(&roots);
    front::Page::of(&cache, &roots, &whole)
        .expect("a catalogue file for the roots")
        .write()
        .unwrap();
    // A story added between the launches is newer than both: it is not on the kept page.
    write(&news, "2026/docks.txt", DOCKS.as_bytes());
    let page = front::read(&cache, &roots).expect("the kept front page");
    let paths = |l: &Library| -> Vec<_> { l.entries.iter().map(|e| e.row.path_buf()).collect() };
    assert_eq!(paths(&page), paths(&whole));
    let ids =
        |l: &Library| -> Vec<_> { l.entries.iter().map(|e| e.row.id().to_string()).collect() };
    assert_eq!(ids(&page), ids(&whole), "rows keep their state ids");
    // The second launch shows the page, selects its second row, and the library comes.
    let mut app = App::new(page, Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.read_library_in_background(byline::app::arrival::Wanted {
        folders: roots.clone(),
        open: None,
        cache: Some(cache.clone()),
    });
    app.greet();
    app.start(None);
    assert!(app.library_pending());
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some(byline::app::arrival::READING)
    );
    app.update(Action::Down);
    let selected = app.library.entries[app.list().selected()].row.path_buf();
    until_arrived(&mut app);
    assert_eq!(app.library.entries.len(), 3, "the new story is listed");
    assert_eq!(
        app.library.entries[app.list().selected()].row.path_buf(),
        selected
    );
    assert_eq!(app.status(), None);
    // The worker keeps the new first rows for the launch after (once the library is sent).
    until("the front page written again", || {
        front::read(&cache, &roots).is_some_and(|l| l.entries.len() == 3)
    });
    let next = front::read(&cache, &roots).unwrap();
    assert_eq!(
        next.entries[0].row.path(),
        Some(news.join("2026/docks.txt").as_path())
    );
}

#[test]
fn a_front_page_of_other_roots_or_damaged_is_not_shown() {
    use byline::load::catalog::{Cache, front};
    let lib = dated_library();
    let news = lib.path().join("news");
    let cache = Cache::new(lib.path().join("cache"));
    let roots = vec![news.clone()];
    front::Page::of(&cache, &roots, &Library::scan(&roots))
        .unwrap()
        .write()
        .unwrap();
    assert!(front::read(&cache, &roots).is_some());
    // Another set of roots has its own page (none).
    let other = vec![news.join("2026")];
    assert!(front::read(&cache, &other).is_none());
    // Any damaged byte fails the checksum: the launch walks the library as without it.
    let file = std::fs::read_dir(cache.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "front"))
        .expect("the front page file");
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    std::fs::write(&file, &bytes).unwrap();
    assert!(front::read(&cache, &roots).is_none());
}
