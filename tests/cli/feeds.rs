//! Feed files and JSON lists: one file, one list row and one article per item.

use crate::common::byline;
use byline::app::{Action, App};
use byline::article::Format;
use byline::load::{self, library::Library};
use byline::state::Store;
use byline::theme::Theme;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

fn stdout(args: &[&str]) -> String {
    let out = byline().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn list_prints_one_row_per_item_newest_first() {
    let feed = fixture("harbor-rss2.xml");
    let text = stdout(&["--list", feed.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert_eq!(rows[0][0], "2026-03-11");
    assert_eq!(rows[0][1], "Night ferry returns after a winter in dry dock");
    assert_eq!(
        rows[0][2],
        format!("{}#ledger-2026-0311-ferry", feed.display())
    );
    assert_eq!(
        rows[1][2],
        format!(
            "{}#https%3A%2F%2Fledger.example%2F2026%2F03%2Ftown-clock",
            feed.display()
        )
    );
    // The undated item (its date cannot be read) comes last, named by its position.
    assert_eq!(rows[2][0], "");
    assert_eq!(rows[2][2], format!("{}#3", feed.display()));
}

#[test]
fn json_prints_one_object_per_item_for_every_kind_of_feed() {
    for (name, count, source) in [
        ("harbor-rss2.xml", 3, "The Port Calloway Ledger"),
        ("veldmark-atom.atom", 2, "Veldmark Valley Courier"),
        ("ostervik-jsonfeed.json", 2, "Ostervik Evening Post"),
    ] {
        let text = stdout(&["--json", fixture(name).to_str().unwrap()]);
        let objects: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(objects.len(), count, "{name}");
        for o in &objects {
            assert_eq!(o["format"], "feed", "{name}");
            assert_eq!(o["source"], source, "{name}");
            assert!(o["path"].as_str().unwrap().contains('#'), "{name}");
            assert!(!o["blocks"].as_array().unwrap().is_empty(), "{name}");
        }
    }
}

#[test]
fn an_item_path_names_one_item_on_the_command_line_and_in_load_file() {
    let item = format!("{}#post-4472", fixture("ostervik-jsonfeed.json").display());
    let text = stdout(&["--json", &item]);
    assert_eq!(text.lines().count(), 1);
    let o: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(o["title"], "Chess open draws a record field");
    assert_eq!(o["url"], "https://post.example/4472");
    let list = stdout(&["--list", &item]);
    assert_eq!(list.lines().count(), 1, "{list}");
    assert!(list.ends_with(&format!("{item}\n")));

    let a = load::load_file(Path::new(&item)).unwrap();
    assert_eq!(a.format, Format::Feed);
    assert_eq!(a.path.as_deref(), Some(Path::new(&item)));
    assert!(a.words > 0, "derived fields computed");
    let missing = format!("{}#nope", fixture("ostervik-jsonfeed.json").display());
    let err = load::load_file(Path::new(&missing)).unwrap_err();
    assert!(format!("{err:#}").contains("no item nope"), "{err:#}");
    byline()
        .args(["--json", &missing])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no item nope"));
}

#[test]
fn a_folder_scan_expands_feeds_and_json_lists_and_skips_xml_that_is_no_feed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("harbor-rss2.xml"), dir.path().join("news.rss")).unwrap();
    std::fs::copy(
        fixture("veldmark-atom.atom"),
        dir.path().join("courier.xml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("settings.xml"),
        "<?xml version=\"1.0\"?><settings><colour>blue</colour></settings>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("list.json"),
        r#"[{"title": "Bridge inspectors find rust", "date": "2026-02-01", "body": "The span will close."},
            {"title": "Bakers win a fight over rents", "body": "The market hall stays."}]"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("wrapped.json"),
        r#"{"articles": [{"title": "Tram drivers rethink the timetable", "body": "Earlier trams."}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("one.txt"),
        "Puppeteers restore the spring fair\nMar 1, 2026\nThe stalls return.\n",
    )
    .unwrap();
    let out = byline()
        .args(["--list", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(text.lines().count(), 3 + 2 + 2 + 1 + 1, "{text}");
    assert!(text.contains("news.rss#ledger-2026-0311-ferry"));
    assert!(text.contains("courier.xml#tag%3Acourier.example%2C2026%3Aglass-wing"));
    assert!(text.contains("Bridge inspectors find rust\t") && text.contains("list.json#1"));
    assert!(text.contains("list.json#2") && text.contains("wrapped.json#1"));
    assert!(text.contains("one.txt"));
    assert!(
        stderr.contains("settings.xml") && stderr.contains("not a feed"),
        "{stderr}"
    );

    // Every row loads as the library gives it, items of JSON lists too.
    let lib = Library::scan(&[dir.path().to_path_buf()]);
    assert_eq!(lib.entries.len(), 9);
    for i in 0..lib.entries.len() {
        let a = lib.load(i).unwrap();
        assert_eq!(
            Some(a.header.title.as_str()),
            Some(lib.entries[i].row.title())
        );
        assert_eq!(a.path, lib.entries[i].row.path_buf());
    }
}

fn app_on(lib: &Path, state: &Path) -> App {
    let mut app = App::new(Library::scan(&[lib.to_path_buf()]), Theme::dark(), 76);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    app.attach_store(Store::open(state.to_path_buf()).0);
    app
}

fn row(app: &App, title: &str) -> usize {
    app.library
        .entries
        .iter()
        .position(|e| e.row.title() == title)
        .unwrap()
}

#[test]
fn read_marks_and_bookmarks_belong_to_items_and_survive_a_refreshed_feed() {
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let feed = lib.path().join("news.xml");
    let original = std::fs::read_to_string(fixture("harbor-rss2.xml")).unwrap();
    std::fs::write(&feed, &original).unwrap();
    let clock = "Town clock stops at a quarter past nine";
    {
        let mut app = app_on(lib.path(), state.path());
        assert_eq!(app.library.entries.len(), 3);
        // The newest item is selected: bookmark and read it.
        assert_eq!(
            app.library.entries[0].row.title(),
            "Night ferry returns after a winter in dry dock"
        );
        app.update(Action::ToggleBookmark);
        app.update(Action::Open);
        app.flush_state().unwrap();
        let c = row(&app, clock);
        assert!(
            !app.list().read()[c] && !app.list().bookmarked()[c],
            "only the item opened is marked"
        );
    }
    // The feed is fetched again: a new item on top, the old ones re-indented.
    let refreshed = original.replacen(
        "<item>",
        "<item><title>Bell tower falls silent</title><guid>ledger-new</guid>\
         <pubDate>Thu, 12 Mar 2026 09:00:00 +0000</pubDate><description>No chimes.</description></item>\n<item>",
        1,
    );
    std::fs::write(&feed, refreshed.replace("\n      <", "\n  <")).unwrap();
    let app = app_on(lib.path(), state.path());
    assert_eq!(app.library.entries.len(), 4);
    let ferry = row(&app, "Night ferry returns after a winter in dry dock");
    assert!(
        app.list().read()[ferry] && app.list().bookmarked()[ferry],
        "marks kept"
    );
    for other in [
        "Bell tower falls silent",
        clock,
        "Harbor board meets in the old cannery",
    ] {
        let i = row(&app, other);
        assert!(
            !app.list().read()[i] && !app.list().bookmarked()[i],
            "{other} untouched"
        );
    }
}

#[test]
fn a_truncated_feed_file_lists_its_whole_items_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("harbor-rss2.xml")).unwrap();
    let cut = text.find("Harbor board meets").unwrap();
    let feed = dir.path().join("cut.xml");
    std::fs::write(&feed, &text[..cut]).unwrap();
    let list = stdout(&["--list", feed.to_str().unwrap()]);
    assert_eq!(list.lines().count(), 2, "{list}");
    let json = stdout(&["--json", feed.to_str().unwrap()]);
    for line in json.lines() {
        let o: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(o["warnings"].to_string().contains("truncated"), "{o}");
    }
}

#[test]
fn a_changed_feed_file_replaces_its_item_rows_in_the_live_list() {
    let lib = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let feed = lib.path().join("news.xml");
    let original = std::fs::read_to_string(fixture("harbor-rss2.xml")).unwrap();
    std::fs::write(&feed, &original).unwrap();
    std::fs::write(
        lib.path().join("one.txt"),
        "Puppeteers restore the spring fair\nMar 1, 2026\nThe stalls return.\n",
    )
    .unwrap();
    let mut app = app_on(lib.path(), state.path());
    assert_eq!(app.library.entries.len(), 4);
    // One item dropped from the feed, one added.
    let dropped = original.replace(
        "<title>Harbor board meets in the old cannery</title>",
        "<title>Harbor board meets in the old cannery</title><guid>board</guid>",
    );
    let updated = dropped.replacen(
        "<item>",
        "<item><title>Bell tower falls silent</title><guid>ledger-new</guid></item>\n<item>",
        1,
    );
    std::fs::write(&feed, updated).unwrap();
    assert!(app.files_changed(std::slice::from_ref(&feed)));
    let mut titles: Vec<String> = app
        .library
        .entries
        .iter()
        .map(|e| e.row.title().to_string())
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Bell tower falls silent",
            "Harbor board meets in the old cannery",
            "Night ferry returns after a winter in dry dock",
            "Puppeteers restore the spring fair",
            "Town clock stops at a quarter past nine",
        ]
    );
    assert!(
        app.library
            .entries
            .iter()
            .any(|e| e.row.path().unwrap().ends_with("news.xml#board"))
    );
    // The feed removed: its rows go, the text article stays.
    std::fs::remove_file(&feed).unwrap();
    assert!(app.files_changed(std::slice::from_ref(&feed)));
    assert_eq!(app.library.entries.len(), 1);
}

#[test]
fn a_feed_on_stdin_shows_its_first_item_and_says_how_many_there_are() {
    let text = std::fs::read(fixture("veldmark-atom.atom")).unwrap();
    let out = byline().arg("--json").write_stdin(text).output().unwrap();
    assert!(out.status.success());
    let o: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(o["title"], "Orchard growers count frost damage");
    assert_eq!(o["format"], "feed");
    assert!(o["warnings"].to_string().contains("2 items"), "{o}");
}

#[test]
fn a_feed_named_without_a_feed_extension_is_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("latest");
    std::fs::copy(fixture("veldmark-atom.atom"), &feed).unwrap();
    let list = stdout(&["--list", feed.to_str().unwrap()]);
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.contains("latest#tag%3Acourier.example%2C2026%3Afrost-count"));
    let json = stdout(&["--json", feed.to_str().unwrap()]);
    assert_eq!(json.lines().count(), 2, "{json}");
}
