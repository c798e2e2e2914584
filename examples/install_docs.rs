//! Writes byline's man page and shell completions, generated from its clap definitions, under a
//! prefix: `cargo run --example install_docs -- ~/.local` puts
//! `share/man/man1/byline.1`, `share/bash-completion/completions/byline`,
//! `share/zsh/site-functions/_byline` and `share/fish/vendor_completions.d/byline.fish` there.

use clap::CommandFactory;
use std::path::{Path, PathBuf};

/// Writes every file under `prefix` and returns their paths.
pub fn generate(prefix: &Path) -> std::io::Result<Vec<PathBuf>> {
    use clap_complete::Shell;
    let mut written = Vec::new();
    let mut put = |rel: &str, bytes: Vec<u8>| -> std::io::Result<()> {
        let path = prefix.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, bytes)?;
        written.push(path);
        Ok(())
    };
    let mut man = Vec::new();
    clap_mangen::Man::new(byline::Cli::command())
        .manual("byline manual")
        .render(&mut man)?;
    put("share/man/man1/byline.1", man)?;
    for (shell, rel) in [
        (Shell::Bash, "share/bash-completion/completions/byline"),
        (Shell::Zsh, "share/zsh/site-functions/_byline"),
        (Shell::Fish, "share/fish/vendor_completions.d/byline.fish"),
    ] {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut byline::Cli::command(), "byline", &mut out);
        put(rel, out)?;
    }
    Ok(written)
}

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let Some(prefix) = std::env::args_os().nth(1) else {
        eprintln!("usage: cargo run --example install_docs -- PREFIX   (e.g. ~/.local)");
        return std::process::ExitCode::from(2);
    };
    match generate(Path::new(&prefix)) {
        Ok(paths) => {
            for p in paths {
                println!("{}", p.display());
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("install_docs: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
