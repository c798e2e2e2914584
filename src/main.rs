//! The `byline` binary: parse arguments, choose print/json/list/TUI, map errors to exit codes.
#![forbid(unsafe_code)]

use byline::run;
use byline::{Cli, ColorChoice};

use byline::text::typeset::Options;
use clap::Parser;
use std::io::IsTerminal;
use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version go to stdout as clap formats them.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&clap_error(&e)),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => fail(&format!("{e:#}")),
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = byline::load_settings(&cli, &byline::app::action_names())?;
    settings.apply();
    for w in &settings.warnings {
        // Never `eprintln!`: with the terminal gone it panics.
        let line = byline::clean_line(w);
        let _ = writeln!(std::io::stderr(), "byline: warning: {line}");
    }
    if cli.print_config {
        let keymap = byline::app::keymap::Keymap::from_config(&settings.config.keys)?;
        print!("{}{}", settings.config.to_toml(), keymap.keys_in_force());
        return Ok(ExitCode::SUCCESS);
    }
    let separator = if cli.null {
        byline::Separator::Nul
    } else {
        byline::Separator::Sniff
    };
    let source = byline::read_source(&cli.paths, &settings.config, separator)?;
    let tty = std::io::stdout().is_terminal();
    // The catalogue of list rows: off with --no-cache, or when no cache folder can be named.
    let cache = (!cli.no_cache)
        .then(byline::load::catalog::Cache::from_env)
        .flatten();
    if cli.list {
        return run::list(source, cli.null, cache.as_ref());
    }
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let width = cli.width.unwrap_or_else(|| {
        if tty {
            crossterm::terminal::size().map_or(80, |(w, _)| w)
        } else {
            80
        }
    });
    if cli.json {
        return run::json(source);
    }
    if cli.print || !tty {
        let opts = Options {
            width,
            measure: settings.config.measure,
            justify: settings.config.justify,
            // `--print` shows `[image: alt]` lines; pictures are the reading pane's.
            pictures: false,
        };
        return run::print(source, &opts, color.then_some(&settings.theme));
    }
    run::tui(source, &settings, cli.no_state, cache.as_ref())
}

/// One line `byline: …` on stderr and exit status 2.
fn fail(msg: &str) -> ExitCode {
    // Never `eprintln!`: with the terminal gone (a closed tab, a dropped SSH link) it panics.
    let _ = writeln!(
        std::io::stderr(),
        "byline: {}",
        byline::clean_line(msg.trim())
    );
    ExitCode::from(2)
}

/// Clap's error as one line: its first line, and the valid choices when a value was not one
/// (`--color sometimes`).
fn clap_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let mut line = first_line(&e.to_string());
    if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) {
        line.push_str(&format!("; valid values: {}", valid.join(", ")));
    }
    line
}

/// Clap's first line without its `error: ` prefix.
fn first_line(msg: &str) -> String {
    let line = msg.lines().find(|l| !l.trim().is_empty()).unwrap_or(msg);
    line.trim_start_matches("error: ").to_string()
}
