//! What a run of byline uses: the config file merged with the command line, the theme chosen.

use crate::cli::Cli;
use crate::config::Config;
use crate::theme::Theme;
use crate::theme::file as theme_file;
use anyhow::Result;

/// The effective settings of one run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file's values, command-line overrides applied.
    pub config: Config,
    /// The theme the config or `--theme` names.
    pub theme: Theme,
    /// `--justify` was given: it wins over the justification remembered from the last run.
    pub justify_flag: bool,
    /// What reading the settings warned of (a config at a default location that cannot be read,
    /// so the defaults are used), one line each.
    pub warnings: Vec<String>,
}

impl Settings {
    /// Puts in force what holds for every read of this run: the article-size limit.
    pub fn apply(&self) {
        crate::files::set_article_limit(u64::from(self.config.max_article_mb) << 20);
    }
}

/// Reads the config (failing whole on any error) and applies the command line over it.
pub fn load(cli: &Cli, valid_actions: &[&str]) -> Result<Settings> {
    let (mut config, warning) = Config::load_or_warn(cli.config.as_deref(), valid_actions)?;
    if let Some(t) = &cli.theme {
        config.theme = t.clone();
    }
    if cli.justify {
        config.justify = true;
    }
    if let Some(mb) = cli.max_article_mb {
        config.max_article_mb = mb;
    }
    let theme = theme_file::load(&config.theme)?;
    Ok(Settings {
        config,
        theme,
        justify_flag: cli.justify,
        warnings: warning.into_iter().collect(),
    })
}
