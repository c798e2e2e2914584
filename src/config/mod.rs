//! The config file: locating it, reading it strictly, and printing the configuration in effect.
//!
//! Every option is optional and defaults to the value in `assets/config.toml`, which is also the
//! documented example. Any mistake (unknown option, unknown action, value out of range, bad key
//! spec, missing theme) fails the whole load with one line naming the file and the line: a
//! config is used whole or not at all.

pub mod diag;
mod keys;
pub mod list;

pub use keys::{KeySpecError, key_label, key_name, normalize, parse_key};

use crate::article::date::calendar;
use crate::theme::file as theme_file;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The documented default config, as shipped in `assets/config.toml`.
pub const DEFAULT_TOML: &str = include_str!("../../assets/config.toml");

/// The narrowest and widest text measure accepted.
pub const MEASURE_RANGE: std::ops::RangeInclusive<u16> = 20..=400;

/// The smallest and largest `max_article_mb` accepted.
pub const MAX_ARTICLE_MB_RANGE: std::ops::RangeInclusive<u32> = 1..=4096;

/// The configuration in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Folders or files to read when no paths are given (already `~`-expanded and made
    /// relative to the config file's folder).
    pub library: Vec<PathBuf>,
    /// The name of the marker file that makes the folder holding it a library: a file opened by
    /// path outside every known library brings along the nearest such folder above it.
    pub library_marker: String,
    /// `auto` (mono when the terminal refuses colour, else dark), a built-in theme name, or the
    /// path of a theme file that exists and parses; [`theme_file::load`] takes any of them.
    pub theme: String,
    /// The widest line of article text, in columns; within [`MEASURE_RANGE`].
    pub measure: u16,
    /// Justify inner lines of paragraphs.
    pub justify: bool,
    /// Start with one pane at a time (the list, or the reader at full width).
    pub zoom: bool,
    /// Enable mouse capture.
    pub mouse: bool,
    /// How the reading pane draws pictures: one of
    /// [`Mode::WORDS`](crate::pictures::service::Mode::WORDS).
    pub pictures: String,
    /// Date format for the list; only the directives in [`calendar::DIRECTIVES`].
    pub date_format: String,
    /// The list pane's width, columns and title wrapping.
    pub list: list::ListLook,
    /// The largest article (or standard input) read, in MiB; within [`MAX_ARTICLE_MB_RANGE`].
    pub max_article_mb: u32,
    /// Binding overrides: action name to key specs, each spec in canonical form
    /// ([`key_name`]). An action listed here loses its built-in keys; an empty list unbinds it.
    pub keys: BTreeMap<String, Vec<String>>,
}

impl Default for Config {
    /// The defaults; a test checks they equal `assets/config.toml`.
    fn default() -> Self {
        Config {
            library: Vec::new(),
            library_marker: crate::load::roots::MARKER.into(),
            theme: theme_file::AUTO.into(),
            measure: 76,
            justify: false,
            zoom: false,
            mouse: true,
            pictures: "auto".into(),
            date_format: "%b %d, %Y".into(),
            list: list::ListLook::default(),
            max_article_mb: 64,
            keys: BTreeMap::new(),
        }
    }
}

/// Where the config file is looked for, and whether the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPath {
    /// The file.
    pub path: PathBuf,
    /// Named by `--config` or `$BYLINE_CONFIG`: then a missing file is an error.
    pub explicit: bool,
}

/// Finds the config file: `explicit` (from `--config`), else `$BYLINE_CONFIG`, else
/// `$XDG_CONFIG_HOME/byline/config.toml`, else `~/.config/byline/config.toml`. `env` reads an
/// environment variable (empty counts as unset); `None` when no location can be made.
pub fn locate(
    explicit: Option<&Path>,
    env: impl Fn(&str) -> Option<OsString>,
) -> Option<ConfigPath> {
    let var = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(path) = explicit
        .map(Path::to_path_buf)
        .or_else(|| var("BYLINE_CONFIG"))
    {
        return Some(ConfigPath {
            path,
            explicit: true,
        });
    }
    let path = var("XDG_CONFIG_HOME")
        .map(|p| p.join("byline/config.toml"))
        .or_else(|| var("HOME").map(|p| p.join(".config/byline/config.toml")))?;
    Some(ConfigPath {
        path,
        explicit: false,
    })
}

/// The options as written, with spans for error messages.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    library: Option<Vec<Spanned<String>>>,
    library_marker: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    measure: Option<Spanned<i64>>,
    justify: Option<bool>,
    zoom: Option<bool>,
    mouse: Option<bool>,
    pictures: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    list_width: Option<Spanned<toml::Value>>,
    list_columns: Option<Spanned<Vec<String>>>,
    wrap_titles: Option<Spanned<String>>,
    max_article_mb: Option<Spanned<i64>>,
    keys: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
}

impl Config {
    /// Loads the config from the file [`locate`] finds in the process environment.
    ///
    /// A missing file at a default location gives the defaults; a missing file the user named
    /// is an error. `valid_actions` are the action names `[keys]` may bind.
    pub fn load(path: Option<&Path>, valid_actions: &[&str]) -> Result<Config> {
        Config::load_or_warn(path, valid_actions).map(|(config, _)| config)
    }

    /// [`Config::load`], where a config at a default location that cannot be read at all (a
    /// folder of another user, a FIFO) gives the defaults and a warning instead of an error; one
    /// the user named, or one that reads but is wrong, is still an error.
    pub fn load_or_warn(
        path: Option<&Path>,
        valid_actions: &[&str],
    ) -> Result<(Config, Option<String>)> {
        let Some(found) = locate(path, |name| std::env::var_os(name)) else {
            return Ok((Config::default(), None));
        };
        let unusable = |why: String| {
            Some(format!(
                "config {} {why}; using the defaults",
                found.path.display()
            ))
        };
        if let Some(what) = crate::files::not_regular(&found.path) {
            if !found.explicit {
                return Ok((
                    Config::default(),
                    unusable(format!("is {what}, not a file")),
                ));
            }
            anyhow::bail!("config {} is {what}, not a file", found.path.display());
        }
        match crate::files::read_regular(&found.path, crate::files::MAX_SETTINGS_BYTES)
            .and_then(|b| String::from_utf8(b).context("the file is not valid UTF-8"))
        {
            Ok(text) => Ok((Config::parse(&text, &found.path, valid_actions)?, None)),
            Err(e)
                if !found.explicit
                    && e.downcast_ref::<std::io::Error>()
                        .is_some_and(|e| e.kind() == ErrorKind::NotFound) =>
            {
                Ok((Config::default(), None))
            }
            Err(e)
                if !found.explicit
                    && e.downcast_ref::<std::io::Error>().is_some_and(|e| {
                        matches!(
                            e.kind(),
                            ErrorKind::PermissionDenied | ErrorKind::NotADirectory
                        )
                    }) =>
            {
                Ok((
                    Config::default(),
                    unusable(format!("cannot be read ({e:#})")),
                ))
            }
            Err(e) => Err(e).with_context(|| format!("reading config {}", found.path.display())),
        }
    }

    /// Reads config `text` that came from `origin` (named in errors; relative paths in it are
    /// taken from `origin`'s folder). Options left out keep their defaults.
    pub fn parse(text: &str, origin: &Path, valid_actions: &[&str]) -> Result<Config> {
        let raw: Raw = toml::from_str(text).map_err(|e| diag::toml_error(origin, text, &e))?;
        let err =
            |span: std::ops::Range<usize>, msg: String| diag::at(origin, text, Some(span), msg);
        let base = origin.parent().unwrap_or(Path::new(""));
        let mut config = Config::default();

        if let Some(library) = raw.library {
            config.library = library.iter().map(|p| expand(p.get_ref(), base)).collect();
        }
        if let Some(marker) = raw.library_marker {
            let name = marker.get_ref();
            if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
                return Err(err(
                    marker.span(),
                    format!("library_marker `{name}` must be a plain file name, like \".byline\""),
                ));
            }
            config.library_marker = marker.into_inner();
        }
        if let Some(theme) = raw.theme {
            config.theme =
                resolve_theme(theme.get_ref(), base).map_err(|m| err(theme.span(), m))?;
        }
        if let Some(measure) = raw.measure {
            config.measure = u16::try_from(*measure.get_ref())
                .ok()
                .filter(|m| MEASURE_RANGE.contains(m))
                .ok_or_else(|| {
                    err(
                        measure.span(),
                        format!(
                            "measure {} is out of range; choose {} to {}",
                            measure.get_ref(),
                            MEASURE_RANGE.start(),
                            MEASURE_RANGE.end()
                        ),
                    )
                })?;
        }
        config.justify = raw.justify.unwrap_or(config.justify);
        config.zoom = raw.zoom.unwrap_or(config.zoom);
        config.mouse = raw.mouse.unwrap_or(config.mouse);
        if let Some(word) = raw.pictures {
            if crate::pictures::service::Mode::parse(word.get_ref()).is_none() {
                return Err(err(
                    word.span(),
                    format!(
                        "pictures `{}` is not a choice; choose one of {}",
                        word.get_ref(),
                        crate::pictures::service::Mode::WORDS
                    ),
                ));
            }
            config.pictures = word.into_inner();
        }
        if let Some(fmt) = raw.date_format {
            calendar::check(fmt.get_ref()).map_err(|m| err(fmt.span(), m))?;
            config.date_format = fmt.into_inner();
        }
        if let Some(width) = raw.list_width {
            let text = match width.get_ref() {
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::String(s) if s.trim().ends_with('%') => s.clone(),
                _ => String::new(),
            };
            config.list.width = list::ListWidth::parse(&text).ok_or_else(|| {
                err(
                    width.span(),
                    format!(
                        "list_width {} is not a width; write columns ({} to {}) or a share of \
                         the screen (\"{}%\" to \"{}%\")",
                        width.get_ref(),
                        list::COLUMNS_RANGE.start(),
                        list::COLUMNS_RANGE.end(),
                        list::PERCENT_RANGE.start(),
                        list::PERCENT_RANGE.end()
                    ),
                )
            })?;
        }
        if let Some(cols) = raw.list_columns {
            let words: Vec<&str> = cols.get_ref().iter().map(String::as_str).collect();
            config.list.columns = list::parse_columns(&words).map_err(|m| err(cols.span(), m))?;
        }
        if let Some(word) = raw.wrap_titles {
            config.list.wrap = list::WrapTitles::parse(word.get_ref()).ok_or_else(|| {
                err(
                    word.span(),
                    format!(
                        "wrap_titles `{}` is not a choice; choose one of {}",
                        word.get_ref(),
                        list::WrapTitles::WORDS
                    ),
                )
            })?;
        }
        if let Some(mb) = raw.max_article_mb {
            config.max_article_mb = u32::try_from(*mb.get_ref())
                .ok()
                .filter(|m| MAX_ARTICLE_MB_RANGE.contains(m))
                .ok_or_else(|| {
                    err(
                        mb.span(),
                        format!(
                            "max_article_mb {} is out of range; choose {} to {}",
                            mb.get_ref(),
                            MAX_ARTICLE_MB_RANGE.start(),
                            MAX_ARTICLE_MB_RANGE.end()
                        ),
                    )
                })?;
        }
        if let Some(keys) = raw.keys {
            config.keys = read_keys(keys, valid_actions, &err)?;
        }
        Ok(config)
    }

    /// The configuration as a TOML file that [`Config::parse`] reads back to the same value
    /// (for `--print-config`).
    pub fn to_toml(&self) -> String {
        let mut out = String::from("# byline: the configuration in effect\n");
        let list = |items: &mut dyn Iterator<Item = String>| {
            let quoted: Vec<String> = items.map(|s| quote(&s)).collect();
            format!("[{}]", quoted.join(", "))
        };
        let library = list(
            &mut self
                .library
                .iter()
                .map(|p| p.to_string_lossy().into_owned()),
        );
        // Writing to a String cannot fail.
        let _ = writeln!(out, "library = {library}");
        let _ = writeln!(out, "library_marker = {}", quote(&self.library_marker));
        let _ = writeln!(out, "theme = {}", quote(&self.theme));
        let _ = writeln!(out, "measure = {}", self.measure);
        let _ = writeln!(out, "justify = {}", self.justify);
        let _ = writeln!(out, "zoom = {}", self.zoom);
        let _ = writeln!(out, "mouse = {}", self.mouse);
        let _ = writeln!(out, "pictures = {}", quote(&self.pictures));
        let _ = writeln!(out, "date_format = {}", quote(&self.date_format));
        let _ = writeln!(out, "list_width = {}", self.list.width.to_toml());
        let columns = list(&mut self.list.columns.iter().map(|c| c.name().to_string()));
        let _ = writeln!(out, "list_columns = {columns}");
        let _ = writeln!(out, "wrap_titles = {}", quote(self.list.wrap.name()));
        let _ = writeln!(out, "max_article_mb = {}", self.max_article_mb);
        out.push_str("\n[keys]\n");
        for (action, specs) in &self.keys {
            let _ = writeln!(
                out,
                "{} = {}",
                key(action),
                list(&mut specs.iter().cloned())
            );
        }
        out
    }
}

/// Checks `[keys]`: known actions, readable specs, no key bound to two actions.
fn read_keys(
    keys: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    valid_actions: &[&str],
    err: &dyn Fn(std::ops::Range<usize>, String) -> anyhow::Error,
) -> Result<BTreeMap<String, Vec<String>>> {
    let mut out = BTreeMap::new();
    let mut taken = BTreeMap::new();
    for (action, specs) in keys {
        if !valid_actions.contains(&action.get_ref().as_str()) {
            return Err(err(
                action.span(),
                format!(
                    "unknown action `{}` in [keys]; valid actions: {}",
                    action.get_ref(),
                    valid_actions.join(", ")
                ),
            ));
        }
        let mut canonical = Vec::with_capacity(specs.len());
        for spec in specs {
            let (code, mods) =
                parse_key(spec.get_ref()).map_err(|e| err(spec.span(), e.to_string()))?;
            // The canonical name identifies the key: equal keys have equal names.
            let name = key_name(code, mods);
            let other = taken.insert(name.clone(), action.get_ref().clone());
            if let Some(other) = other.filter(|o| o != action.get_ref()) {
                return Err(err(
                    spec.span(),
                    format!(
                        "key `{name}` is bound to both `{other}` and `{}`",
                        action.get_ref()
                    ),
                ));
            }
            canonical.push(name);
        }
        out.insert(action.into_inner(), canonical);
    }
    Ok(out)
}

/// A built-in theme name as is, else a theme file that exists and parses (its path resolved).
fn resolve_theme(value: &str, base: &Path) -> Result<String, String> {
    if value == theme_file::AUTO || theme_file::BUILTIN.contains(&value) {
        return Ok(value.to_owned());
    }
    let path = expand(value, base);
    if !path.is_file() {
        return Err(format!(
            "unknown theme `{value}`: not {}, a built-in theme ({}) nor an existing file",
            theme_file::AUTO,
            theme_file::BUILTIN.join(", ")
        ));
    }
    let shown = path.to_string_lossy().into_owned();
    theme_file::load(&shown).map_err(|e| format!("theme `{value}`: {e:#}"))?;
    Ok(shown)
}

/// `~` or `~/x` becomes the home folder; other relative paths are taken from `base`.
fn expand(value: &str, base: &Path) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (value.strip_prefix('~'), home) {
        (Some(""), Some(home)) => PathBuf::from(home),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            PathBuf::from(home).join(rest.trim_start_matches('/'))
        }
        _ => base.join(value),
    }
}

/// A TOML basic string with escapes.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(s: &str) -> String {
    let bare = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { s.to_owned() } else { quote(s) }
}
