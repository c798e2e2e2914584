//! The reader's path to its first frame on a folder, once, for counting instructions with
//! callgrind (which, unlike a clock, does not move with the machine's load): what `run::tui`
//! does before the first draw (`reader_library` in src/run.rs) and what the startup bench's
//! `first_frame` does after it, then the startup preview let finish and the process ended.
//!
//! `cargo run --release --example first_launch -- DIR --no-cache` reads DIR as `byline
//! --no-cache DIR` does; `-- DIR --cache CACHE_DIR` as a launch with that cache folder does (an
//! empty folder: a first launch, no catalogue yet). What the reader does after its first frame
//! (the front page kept, the catalogue written, the index built) is left out: this program
//! writes nothing into the cache folder. Prints the number of rows and the first row's title.
//!
//! `valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/first_launch DIR --no-cache`

use byline::app::{Action, App};
use byline::load::catalog::{self, Cache};
use byline::load::head::Ids;
use byline::load::library::Library;
use byline::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, cache) = match args.as_slice() {
        [dir, flag] if flag == "--no-cache" => (PathBuf::from(dir), None),
        [dir, flag, cache] if flag == "--cache" => {
            (PathBuf::from(dir), Some(Cache::new(PathBuf::from(cache))))
        }
        _ => {
            eprintln!("usage: first_launch DIR (--no-cache | --cache CACHE_DIR)");
            std::process::exit(2);
        }
    };
    let paths = vec![dir];
    // As `reader_library`: through the catalogue when there is a cache folder, the kept front
    // page first when there is one; the first rows kept for the next launch.
    let library = match &cache {
        Some(cache) => match catalog::front::read(cache, &paths) {
            Some(front) => front,
            None => catalog::scan_trusting(&paths, Ids::Later, cache).library,
        },
        None => Library::scan_with(&paths, Ids::Later),
    };
    // As the startup bench's `first_frame`.
    let mut app = App::new(library, Theme::dark(), 76);
    app.attach_store_lazily(byline::state::Store::disabled());
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app.start(None);
    app.sync_marks_on_screen();
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
    term.draw(|f| byline::render(&app, f)).expect("draw");
    app.settle();
    let first = app
        .library
        .entries
        .first()
        .map(|e| e.row.title().to_string())
        .unwrap_or_default();
    println!("{} rows; first: {first}", app.library.entries.len());
}
