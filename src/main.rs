//! The `byline` binary: parse arguments, choose print/json/list/TUI, map errors to exit codes.
#![forbid(unsafe_code)]

fn main() {
    // Stand-in until the real CLI lands: `byline [DIR]` scans DIR (default `.`) and opens the reader.
    let path = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let launch = byline::tui::Launch {
        library: byline::load::library::Library::scan(&[path.into()]),
        open: None,
        theme: byline::ui::theme::Theme::dark(),
        measure: byline::text::typeset::Options::MEASURE,
        mouse: true,
    };
    if let Err(e) = byline::tui::run(launch) {
        eprintln!("byline: {e:#}");
        std::process::exit(2);
    }
}
