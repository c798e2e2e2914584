//! Theme files: the built-in themes in `assets/themes` and user theme files, read into a `Theme`.
//!
//! A theme file has one table per `Theme` field (`[headline]`, `[body]`, …), each with any of
//! `fg`, `bg` (a colour name, `#rrggbb`, or a palette index 0–255) and `bold`, `italic`,
//! `underline`, `reversed`, `dim` (true/false), plus an optional top-level `name`. Every field
//! must be present, so a theme never silently inherits from another.

use super::Theme;
use crate::config::diag;
use anyhow::{Context, Result};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::ffi::OsString;
use std::path::Path;

/// The names of the built-in themes.
pub const BUILTIN: &[&str] = &["dark", "light", "mono"];

/// The theme name that picks `mono` when [`wants_mono`] and `dark` otherwise (the default).
pub const AUTO: &str = "auto";

const DARK: &str = include_str!("../../assets/themes/dark.toml");
const LIGHT: &str = include_str!("../../assets/themes/light.toml");
const MONO: &str = include_str!("../../assets/themes/mono.toml");

/// The colour names a theme may use (spaces, `-` and `_` are ignored, case does not matter).
pub const COLOR_NAMES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
    "reset",
];

/// The source text of a built-in theme.
pub fn builtin_source(name: &str) -> Option<&'static str> {
    match name {
        "dark" => Some(DARK),
        "light" => Some(LIGHT),
        "mono" => Some(MONO),
        _ => None,
    }
}

/// A built-in theme by name; `None` for any other name. (Tests check every built-in parses.)
pub fn builtin(name: &str) -> Option<Theme> {
    parse_from(builtin_source(name)?, None, name).ok()
}

/// A built-in theme when `name_or_path` names one ([`AUTO`] included), else the theme file at
/// that path.
pub fn load(name_or_path: &str) -> Result<Theme> {
    if name_or_path == AUTO {
        return load(if wants_mono() { "mono" } else { "dark" });
    }
    if let Some(text) = builtin_source(name_or_path) {
        return parse_from(text, None, name_or_path)
            .with_context(|| format!("built-in theme {name_or_path}"));
    }
    let path = Path::new(name_or_path);
    let text =
        crate::files::read_text(path, crate::files::MAX_SETTINGS_BYTES).with_context(|| {
            format!(
                "theme `{name_or_path}` is not a built-in theme ({AUTO}, {}) and cannot be read",
                BUILTIN.join(", ")
            )
        })?;
    let stem = path.file_stem().map_or_else(
        || name_or_path.to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    parse_from(&text, Some(path), &stem)
}

/// Reads a theme file's text. Errors name the line and the offending key or value.
pub fn parse(text: &str) -> Result<Theme> {
    parse_from(text, None, "custom")
}

fn parse_from(text: &str, origin: Option<&Path>, fallback_name: &str) -> Result<Theme> {
    let raw: RawTheme = toml::from_str(text).map_err(|e| match origin {
        Some(origin) => diag::toml_error(origin, text, &e),
        None => {
            let line = e.span().map_or(1, |s| diag::line_of(text, s.start));
            anyhow::anyhow!("line {line}: {}", e.message().trim().replace('\n', " "))
        }
    })?;
    Ok(raw.into_theme(fallback_name))
}

/// Whether the terminal asked for no colour: `NO_COLOR` set and non-empty, or `TERM=dumb`.
pub fn wants_mono() -> bool {
    wants_mono_from(|name| std::env::var_os(name))
}

/// [`wants_mono`] with the environment passed in, for tests.
pub fn wants_mono_from(env: impl Fn(&str) -> Option<OsString>) -> bool {
    env("NO_COLOR").is_some_and(|v| !v.is_empty()) || env("TERM").is_some_and(|t| t == "dumb")
}

/// One style as written in a theme file.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    dim: bool,
}

impl RawStyle {
    fn style(&self) -> Style {
        let mut style = Style::new();
        if let Some(ColorSpec(c)) = self.fg {
            style = style.fg(c);
        }
        if let Some(ColorSpec(c)) = self.bg {
            style = style.bg(c);
        }
        let mut mods = Modifier::empty();
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.dim, Modifier::DIM),
        ] {
            if on {
                mods |= m;
            }
        }
        if mods.is_empty() {
            style
        } else {
            style.add_modifier(mods)
        }
    }
}

/// Declares the file layout from the list of `Theme` fields: a field added to `Theme` and not
/// here fails to compile, so files and struct cannot drift apart.
macro_rules! theme_fields {
    ($($field:ident),* $(,)?) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawTheme {
            name: Option<String>,
            $($field: RawStyle,)*
            // Styles added after theme files were first written: optional, so older files load.
            standfirst: Option<RawStyle>,
            caption: Option<RawStyle>,
            code: Option<RawStyle>,
        }

        impl RawTheme {
            fn into_theme(self, fallback_name: &str) -> Theme {
                let byline = self.byline.style();
                let dim = self.dim.style();
                let body = self.body.style();
                Theme {
                    name: self.name.unwrap_or_else(|| fallback_name.to_owned()),
                    standfirst: self.standfirst.map_or(byline, |s| s.style()),
                    caption: self.caption.map_or(dim, |s| s.style()),
                    code: self.code.map_or(body, |s| s.style()),
                    $($field: self.$field.style(),)*
                }
            }
        }

        /// The style keys every theme file must define, in `Theme`'s order.
        pub const KEYS: &[&str] = &[$(stringify!($field)),*];
    };
}

theme_fields!(
    headline,
    byline,
    meta,
    dateline,
    body,
    heading,
    block_quote,
    quoted,
    speaker,
    bullet,
    frame,
    link,
    unresolved,
    dim,
    link_focus,
    selected,
    unread,
    status,
    error,
    matched,
    border,
    border_focus,
    help_key,
    scrollbar,
);

/// A colour as written: a name, `#rrggbb`, or a palette index.
#[derive(Clone, Copy)]
struct ColorSpec(Color);

fn color_help() -> String {
    format!("use a name ({}), #rrggbb or 0-255", COLOR_NAMES.join(", "))
}

/// Reads a colour name or `#rrggbb`.
pub fn parse_color(s: &str) -> Result<Color, String> {
    if let Some(hex) = s.strip_prefix('#') {
        let ok = hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit());
        return u32::from_str_radix(hex, 16)
            .ok()
            .filter(|_| ok)
            .map(|v| Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
            .ok_or_else(|| format!("bad colour `{s}`: write #rrggbb with six hex digits"));
    }
    let name: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    if name == "default" {
        return Ok(Color::Reset);
    }
    // ratatui's own reading of colour names (and palette indices), on the name as normalised
    // here, so `Light-Red` and `dark grey` read as before.
    name.parse::<Color>()
        .map_err(|_| format!("unknown colour `{s}`: {}", color_help()))
}

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ColorSpec;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a colour: {}", color_help())
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<ColorSpec, E> {
                parse_color(s).map(ColorSpec).map_err(E::custom)
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ColorSpec, E> {
                u8::try_from(v)
                    .map(|i| ColorSpec(Color::Indexed(i)))
                    .map_err(|_| E::custom(format!("colour index {v} is not in 0-255")))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ColorSpec, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod color_tests {
    use super::*;

    #[test]
    fn every_colour_name_reads_as_it_did_before() {
        let expected = [
            ("black", Color::Black),
            ("red", Color::Red),
            ("green", Color::Green),
            ("yellow", Color::Yellow),
            ("blue", Color::Blue),
            ("magenta", Color::Magenta),
            ("cyan", Color::Cyan),
            ("gray", Color::Gray),
            ("darkgray", Color::DarkGray),
            ("lightred", Color::LightRed),
            ("lightgreen", Color::LightGreen),
            ("lightyellow", Color::LightYellow),
            ("lightblue", Color::LightBlue),
            ("lightmagenta", Color::LightMagenta),
            ("lightcyan", Color::LightCyan),
            ("white", Color::White),
            ("reset", Color::Reset),
        ];
        assert_eq!(expected.len(), COLOR_NAMES.len());
        for (name, color) in expected {
            assert!(COLOR_NAMES.contains(&name), "{name}");
            assert_eq!(parse_color(name), Ok(color), "{name}");
        }
    }

    #[test]
    fn spellings_indices_and_hex_read_as_before() {
        assert_eq!(parse_color("Light-Red"), Ok(Color::LightRed));
        assert_eq!(parse_color("dark grey"), Ok(Color::DarkGray));
        assert_eq!(parse_color("DARK_GRAY"), Ok(Color::DarkGray));
        assert_eq!(parse_color("grey"), Ok(Color::Gray));
        assert_eq!(parse_color("default"), Ok(Color::Reset));
        assert_eq!(parse_color("0"), Ok(Color::Indexed(0)));
        assert_eq!(parse_color("255"), Ok(Color::Indexed(255)));
        assert_eq!(parse_color("#12ab34"), Ok(Color::Rgb(0x12, 0xab, 0x34)));
    }

    #[test]
    fn bad_colours_say_what_to_write() {
        for bad in ["purple", "256", "", "lightpurple"] {
            let e = parse_color(bad).unwrap_err();
            assert!(e.starts_with("unknown colour"), "{bad}: {e}");
            assert!(e.contains("#rrggbb"), "{e}");
        }
        for bad in ["#12ab3", "#12ab345", "#gg0000"] {
            let e = parse_color(bad).unwrap_err();
            assert!(e.contains("six hex digits"), "{bad}: {e}");
        }
    }
}
