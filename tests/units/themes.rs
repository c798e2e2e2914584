//! Theme files: the built-ins parse, mono has no colour, errors name what is wrong.

use crate::common::fake_env as env;
use byline::theme::Theme;
use byline::theme::file::{self as theme_file, BUILTIN, KEYS};
use ratatui::style::{Color, Style};

/// Every style of a theme with its key. Checked against `KEYS` so a new field cannot be missed.
fn styles(t: &Theme) -> Vec<(&'static str, Style)> {
    let all = vec![
        ("headline", t.headline),
        ("byline", t.byline),
        ("meta", t.meta),
        ("dateline", t.dateline),
        ("body", t.body),
        ("heading", t.heading),
        ("block_quote", t.block_quote),
        ("quoted", t.quoted),
        ("speaker", t.speaker),
        ("bullet", t.bullet),
        ("frame", t.frame),
        ("link", t.link),
        ("unresolved", t.unresolved),
        ("dim", t.dim),
        ("link_focus", t.link_focus),
        ("selected", t.selected),
        ("unread", t.unread),
        ("status", t.status),
        ("error", t.error),
        ("matched", t.matched),
        ("border", t.border),
        ("border_focus", t.border_focus),
        ("help_key", t.help_key),
        ("scrollbar", t.scrollbar),
    ];
    let names: Vec<&str> = all.iter().map(|(k, _)| *k).collect();
    assert_eq!(names, KEYS, "this list must follow Theme's fields");
    all
}

fn error(text: &str) -> String {
    match theme_file::parse(text) {
        Ok(_) => panic!("expected an error for {text:?}"),
        Err(e) => format!("{e:#}"),
    }
}

fn dark_source() -> &'static str {
    theme_file::builtin_source("dark").unwrap()
}

#[test]
fn every_builtin_parses_under_its_name() {
    for name in BUILTIN {
        let theme = theme_file::builtin(name).unwrap_or_else(|| panic!("{name} does not parse"));
        assert_eq!(theme.name, *name);
        assert_eq!(theme_file::load(name).unwrap(), theme);
    }
    assert!(theme_file::builtin("sepia").is_none());
    // `auto` is one of the built-ins, whichever the environment picks.
    let auto = theme_file::load(theme_file::AUTO).unwrap();
    assert!(
        ["dark", "mono"].contains(&auto.name.as_str()),
        "{}",
        auto.name
    );
}

#[test]
fn dark_file_and_theme_dark_agree() {
    assert_eq!(theme_file::builtin("dark").unwrap(), Theme::dark());
}

#[test]
fn builtins_differ_from_each_other() {
    let themes: Vec<Theme> = BUILTIN
        .iter()
        .map(|n| theme_file::builtin(n).unwrap())
        .collect();
    for (i, a) in themes.iter().enumerate() {
        for b in &themes[i + 1..] {
            assert_ne!(styles(a), styles(b), "{} and {}", a.name, b.name);
        }
    }
}

#[test]
fn mono_uses_no_colour_anywhere() {
    let mono = theme_file::builtin("mono").unwrap();
    for (key, style) in styles(&mono) {
        assert_eq!(style.fg, None, "{key} has a foreground");
        assert_eq!(style.bg, None, "{key} has a background");
        assert_eq!(style.underline_color, None, "{key} has an underline colour");
    }
    // Still distinguishes what matters without colour.
    assert_ne!(mono.selected, mono.body);
    assert_ne!(mono.link, mono.body);
    assert_ne!(mono.matched, mono.body);
}

#[test]
fn colours_by_name_hex_and_index() {
    let text = dark_source()
        .replacen("fg = \"white\"", "fg = \"#ff8000\"\nbg = 42", 1)
        .replacen(
            "[byline]\nfg = \"gray\"",
            "[byline]\nfg = \"Light Blue\"",
            1,
        )
        .replacen(
            "[meta]\nfg = \"dark-gray\"",
            "[meta]\nfg = \"dark_grey\"",
            1,
        );
    let t = theme_file::parse(&text).unwrap();
    assert_eq!(t.headline.fg, Some(Color::Rgb(255, 128, 0)));
    assert_eq!(t.headline.bg, Some(Color::Indexed(42)));
    assert_eq!(t.byline.fg, Some(Color::LightBlue));
    assert_eq!(t.meta.fg, Some(Color::DarkGray));
}

#[test]
fn bad_colours_are_named() {
    for (bad, shown) in [
        ("\"purple\"", "purple"),
        ("\"#12345\"", "#12345"),
        ("\"#12345g\"", "#12345g"),
        ("300", "300"),
        ("-1", "-1"),
    ] {
        let text = dark_source().replacen("fg = \"white\"", &format!("fg = {bad}"), 1);
        let e = error(&text);
        assert!(e.contains(shown), "{bad}: {e}");
        let line = text.lines().position(|l| l.starts_with("fg = ")).unwrap() + 1;
        assert!(e.starts_with(&format!("line {line}:")), "{bad}: {e}");
    }
}

#[test]
fn unknown_keys_are_named() {
    let e = error(&dark_source().replacen("bold = true", "blink = true", 1));
    assert!(e.contains("blink") && e.contains("underline"), "{e}");
    let e = error(&format!("{}\n[sidebar]\nbold = true\n", dark_source()));
    assert!(e.contains("sidebar") && e.contains("headline"), "{e}");
}

#[test]
fn a_missing_style_is_named() {
    let text = dark_source();
    let start = text.find("[scrollbar]").unwrap();
    let e = error(&text[..start]);
    assert!(e.contains("scrollbar"), "{e}");
}

#[test]
fn theme_files_load_by_path() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("paper.toml");
    let light = theme_file::builtin_source("light").unwrap();
    std::fs::write(&path, light.replace("name = \"light\"", "")).unwrap();
    let t = theme_file::load(path.to_str().unwrap()).unwrap();
    assert_eq!(t.name, "paper", "an unnamed file is named after itself");
    assert_eq!(styles(&t), styles(&theme_file::builtin("light").unwrap()));

    std::fs::write(&path, "[headline]\nfg = \"nope\"\n").unwrap();
    let e = format!(
        "{:#}",
        theme_file::load(path.to_str().unwrap()).unwrap_err()
    );
    assert!(e.contains("paper.toml:2:") && e.contains("nope"), "{e}");

    let e = format!("{:#}", theme_file::load("no-such-theme").unwrap_err());
    assert!(e.contains("dark, light, mono"), "{e}");
}

#[test]
fn mono_is_wanted_when_colour_is_refused() {
    assert!(theme_file::wants_mono_from(env(&[
        ("NO_COLOR", "1"),
        ("TERM", "xterm-256color")
    ])));
    assert!(theme_file::wants_mono_from(env(&[("TERM", "dumb")])));
    assert!(!theme_file::wants_mono_from(env(&[
        ("NO_COLOR", ""),
        ("TERM", "xterm-256color")
    ])));
    assert!(!theme_file::wants_mono_from(env(&[(
        "TERM",
        "tmux-256color"
    )])));
}

#[test]
fn auto_follows_the_environment() {
    // The child half reports which theme `auto` picked in its environment.
    if std::env::var_os("BYLINE_TEST_AUTO_CHILD").is_some() {
        let theme = theme_file::load(theme_file::AUTO).unwrap();
        println!("AUTO={}", theme.name);
        return;
    }
    let picked = |no_color: &str, term: &str| {
        let out = crate::common::test_child("themes::auto_follows_the_environment")
            .args(["--nocapture", "--test-threads=1"])
            .env("BYLINE_TEST_AUTO_CHILD", "1")
            .env("NO_COLOR", no_color)
            .env("TERM", term)
            .output()
            .unwrap();
        assert!(out.status.success());
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        // The harness may print its own words on the same line, so look for the marker.
        stdout
            .split_whitespace()
            .find_map(|w| w.strip_prefix("AUTO=").map(str::to_owned))
            .unwrap_or_else(|| panic!("no answer in {stdout}"))
    };
    assert_eq!(picked("1", "xterm-256color"), "mono");
    assert_eq!(picked("", "dumb"), "mono");
    assert_eq!(picked("", "xterm-256color"), "dark");
}
