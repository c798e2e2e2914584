//! The command line (clap definitions).

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// What `--help` and the man page say after the options: keys, files, environment, exit status.
const MORE: &str = "\
KEYS:
  In the reader ? (or F1) lists every key with what it does and its action name; the config's
  [keys] table rebinds them (byline --print-config lists the keys in force). j/k move, Enter
  opens, Space pages, / filters the list or finds in the article, F searches every article,
  n/p step through unread articles, q quits.

FILES:
  ~/.config/byline/config.toml    the configuration ($XDG_CONFIG_HOME, $BYLINE_CONFIG, --config)
  ~/.local/state/byline/          read marks, bookmarks and positions (state.json), the last
                                  zoom and justification (view.toml)
  ~/.cache/byline/                the catalogue of list rows and the search index (--no-cache
                                  skips both)

ENVIRONMENT:
  BYLINE_LIBRARY     folders to read when no PATH is given (before the config's library)
  BYLINE_CONFIG      the config file
  BYLINE_STATE_DIR   the folder of the reading state (else $XDG_STATE_HOME/byline)
  BYLINE_CACHE_DIR   the folder of the catalogue and search index (else $XDG_CACHE_HOME/byline)
  BYLINE_PICTURES    how pictures are drawn: auto, halfblocks, kitty, sixel, iterm2, off
  BYLINE_MAX_ARTICLE_MB  the largest article read, in MiB (as --max-article-mb)
  BYLINE_HYPERLINKS  0 draws links in the reader without OSC 8 hyperlinks (on by default)
  BROWSER            the program that opens links (a :-separated list; %s stands for the URL)
  EDITOR, PAGER      the programs e and v hand the article to
  NO_COLOR           no colour in the reader or --print
  TERM               TERM=dumb means no colour

EXIT STATUS:
  0 on success; 2 with one line on stderr for any error (a bad option, config or file);
  128 + the signal's number when a signal ended the reader (130 for SIGINT, 143 for SIGTERM).";

/// byline: a terminal reader for the news articles you keep on disk.
///
/// With no PATH it opens $BYLINE_LIBRARY, else the config's library, else ./articles, else the
/// built-in sample articles. A file named alone opens with the library it belongs to. When
/// stdout is not a terminal it prints the articles as formatted text.
#[derive(Debug, Parser)]
#[command(name = "byline", version, about, after_long_help = MORE)]
pub struct Cli {
    /// Article files and folders (walked for .txt, .md, .json); `-` reads one article from stdin.
    /// Without PATH, paths listed on stdin (one a line, or NUL-separated) are read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Stdin lists paths separated by NUL bytes (`find -print0`, `fd -0`), as with xargs -0;
    /// with --list, each row ends with a NUL and its path is written as raw bytes, so a script
    /// can feed any file name back.
    #[arg(short = '0', long)]
    pub null: bool,

    /// Print each article as one JSON object per line, then exit.
    #[arg(long, conflicts_with_all = ["list", "print"])]
    pub json: bool,

    /// Print one line per article, `DATE_ISO<TAB>TITLE<TAB>PATH`, newest first, then exit.
    #[arg(long, conflicts_with = "print")]
    pub list: bool,

    /// Print the articles as formatted text (the default when stdout is not a terminal).
    #[arg(long)]
    pub print: bool,

    /// Columns for --print (default: the terminal's width, else 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..=1000))]
    pub width: Option<u16>,

    /// Colour for --print: auto uses colour on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Justify paragraphs (both edges straight) in --print; the reader toggles it with J.
    #[arg(long)]
    pub justify: bool,

    /// Theme by name (dark, light, mono, auto) or a theme file's path, over the config's.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,

    /// Config file to read instead of the default location (also $BYLINE_CONFIG).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Print the configuration in effect (as TOML), then exit.
    #[arg(long)]
    pub print_config: bool,

    /// Neither read nor write reading state (read marks, bookmarks, positions).
    #[arg(long)]
    pub no_state: bool,

    /// The largest article (or standard input) to read, in MiB (1 to 4096), over the config's
    /// max_article_mb (default 64); a bigger file is refused.
    #[arg(
        long,
        value_name = "MIB",
        env = "BYLINE_MAX_ARTICLE_MB",
        value_parser = clap::value_parser!(u32).range(1..=4096)
    )]
    pub max_article_mb: Option<u32>,

    /// Neither read nor write the catalogue of list rows or the search index (the caches that
    /// make a big library start and search fast): every file is read, and `F` indexes in memory.
    #[arg(long)]
    pub no_cache: bool,
}

/// When to colour printed output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
