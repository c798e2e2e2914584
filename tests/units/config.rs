//! The config file: defaults, strict errors with file and line, key specs, `--print-config`.

use crate::common::fake_env as env;
use byline::config::{Config, DEFAULT_TOML, key_label, key_name, locate, normalize, parse_key};
use crossterm::event::{KeyCode, KeyModifiers};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

const ACTIONS: &[&str] = &["scroll_down", "scroll_up", "quit", "next_link"];

fn parse(text: &str) -> anyhow::Result<Config> {
    Config::parse(text, Path::new("/etc/byline/test.toml"), ACTIONS)
}

/// The error of a config that must fail, as one line.
fn error(text: &str) -> String {
    match parse(text) {
        Ok(c) => panic!("expected an error for {text:?}, got {c:?}"),
        Err(e) => format!("{e:#}"),
    }
}

#[test]
fn shipped_default_file_equals_the_defaults() {
    let parsed = Config::parse(DEFAULT_TOML, Path::new("assets/config.toml"), &[]).unwrap();
    assert_eq!(parsed, Config::default());
}

#[test]
fn every_option_in_the_default_file_has_a_comment() {
    let lines: Vec<&str> = DEFAULT_TOML.lines().collect();
    let mut options = 0;
    for (i, line) in lines.iter().enumerate() {
        let is_option = !line.starts_with('#') && (line.contains(" = ") || line.starts_with('['));
        if is_option {
            options += 1;
            assert!(
                i > 0 && lines[i - 1].starts_with('#'),
                "option without a comment above it: {line}"
            );
        }
    }
    // Each Config field appears once, [keys] included.
    let printed = Config::default().to_toml();
    let fields = printed
        .lines()
        .filter(|l| l.contains(" = ") || l.starts_with('['))
        .count();
    assert_eq!(options, fields);
}

#[test]
fn options_left_out_keep_their_defaults() {
    let c = parse("measure = 60\n").unwrap();
    assert_eq!(c.measure, 60);
    assert_eq!(
        Config {
            measure: Config::default().measure,
            ..c
        },
        Config::default()
    );
}

#[test]
fn unknown_option_names_file_line_and_choices() {
    let e = error("measure = 60\n\ncolour = \"red\"\n");
    assert!(e.contains("/etc/byline/test.toml:3:"), "{e}");
    assert!(e.contains("colour"), "{e}");
    for option in [
        "library",
        "theme",
        "measure",
        "justify",
        "mouse",
        "date_format",
        "keys",
    ] {
        assert!(e.contains(option), "choices should list {option}: {e}");
    }
}

#[test]
fn measure_outside_the_range_is_refused() {
    for bad in ["19", "401", "-5", "70000"] {
        let e = error(&format!("justify = true\nmeasure = {bad}\n"));
        assert!(e.contains("test.toml:2:"), "{e}");
        assert!(e.contains("20") && e.contains("400"), "{e}");
    }
    assert_eq!(parse("measure = 20").unwrap().measure, 20);
    assert_eq!(parse("measure = 400").unwrap().measure, 400);
}

#[test]
fn wrong_types_and_syntax_errors_name_the_line() {
    let e = error("mouse = true\nmeasure = \"wide\"\n");
    assert!(e.contains("test.toml:2:"), "{e}");
    let e = error("mouse = true\njustify = \n");
    assert!(e.contains("test.toml:2:"), "{e}");
}

#[test]
fn unknown_action_lists_the_valid_ones() {
    let e = error("[keys]\nscroll_down = [\"j\"]\nfly = [\"f\"]\n");
    assert!(e.contains("test.toml:3:"), "{e}");
    assert!(e.contains("`fly`"), "{e}");
    for action in ACTIONS {
        assert!(e.contains(action), "{e}");
    }
}

#[test]
fn bad_key_spec_names_the_spec_and_line() {
    let e = error("[keys]\n\nquit = [\"q\", \"Ctrl-\"]\n");
    assert!(e.contains("test.toml:3:"), "{e}");
    assert!(e.contains("Ctrl-"), "{e}");
    assert!(e.contains("PgDn"), "the message lists key names: {e}");
}

#[test]
fn one_key_for_two_actions_is_refused() {
    let e = error("[keys]\nquit = [\"q\"]\nscroll_down = [\"j\", \"q\"]\n");
    assert!(e.contains("test.toml:3:"), "{e}");
    assert!(e.contains("quit") && e.contains("scroll_down"), "{e}");
}

#[test]
fn keys_are_stored_in_canonical_form() {
    let c = parse("[keys]\nscroll_down = [\"shift-J\", \"pagedown\", \"ctrl-d\"]\nquit = []\n")
        .unwrap();
    assert_eq!(c.keys["scroll_down"], ["J", "PgDn", "Ctrl-d"]);
    assert!(c.keys["quit"].is_empty());
}

#[test]
fn bad_date_format_lists_the_directives() {
    let e = error("date_format = \"%d %Q\"\n");
    assert!(
        e.contains("test.toml:1:") && e.contains("%Q") && e.contains("%Y"),
        "{e}"
    );
}

#[test]
fn theme_must_be_built_in_or_an_existing_valid_file() {
    let e = error("theme = \"sepia\"\n");
    assert!(e.contains("test.toml:1:"), "{e}");
    for name in ["auto", "dark", "light", "mono"] {
        assert!(e.contains(name), "{e}");
    }
    assert_eq!(parse("theme = \"light\"").unwrap().theme, "light");

    let tmp = tempfile::tempdir().unwrap();
    let good = byline::theme::file::builtin_source("mono").unwrap();
    fs::write(tmp.path().join("mine.toml"), good).unwrap();
    fs::write(tmp.path().join("broken.toml"), "[headline]\nbold = true\n").unwrap();
    let origin = tmp.path().join("config.toml");
    let c = Config::parse("theme = \"mine.toml\"", &origin, ACTIONS).unwrap();
    assert_eq!(PathBuf::from(&c.theme), tmp.path().join("mine.toml"));
    let e = Config::parse("theme = \"broken.toml\"", &origin, ACTIONS).unwrap_err();
    assert!(format!("{e:#}").contains("config.toml:1:"), "{e:#}");
}

#[test]
fn relative_library_paths_follow_the_config_file() {
    let c = parse("library = [\"news\", \"/srv/wire\"]").unwrap();
    assert_eq!(
        c.library,
        [
            PathBuf::from("/etc/byline/news"),
            PathBuf::from("/srv/wire")
        ]
    );
}

#[test]
fn printed_config_reads_back_to_the_same_config() {
    let mut c = parse(
        "library = [\"/a b/\\\"quoted\\\"\", \"/srv\"]\ntheme = \"mono\"\nmeasure = 100\n\
         justify = true\nmouse = false\ndate_format = \"%A %e %B\"\n\
         list_width = 44\nlist_columns = [\"date\", \"title\"]\nwrap_titles = \"always\"\n\
         [keys]\nquit = [\"Ctrl-c\", \"q\"]\nnext_link = [\"Tab\", \"Space\"]\n",
    )
    .unwrap();
    assert_ne!(c, Config::default());
    let printed = c.to_toml();
    assert_eq!(parse(&printed).unwrap(), c, "{printed}");
    c = Config::default();
    assert_eq!(parse(&c.to_toml()).unwrap(), c);
}

#[test]
fn named_file_that_is_missing_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope.toml");
    let e = Config::load(Some(&missing), ACTIONS).unwrap_err();
    assert!(format!("{e:#}").contains("nope.toml"), "{e:#}");
    fs::write(&missing, "measure = 50\n").unwrap();
    assert_eq!(Config::load(Some(&missing), ACTIONS).unwrap().measure, 50);
}

#[test]
fn missing_file_at_the_default_place_gives_the_defaults() {
    // The child half runs with the environment pointing at an empty folder.
    if std::env::var_os("BYLINE_TEST_CONFIG_CHILD").is_some() {
        assert_eq!(Config::load(None, ACTIONS).unwrap(), Config::default());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let status =
        crate::common::test_child("config::missing_file_at_the_default_place_gives_the_defaults")
            .args(["--test-threads=1"])
            .env("BYLINE_TEST_CONFIG_CHILD", "1")
            .env_remove("BYLINE_CONFIG")
            .env("XDG_CONFIG_HOME", tmp.path())
            .env("HOME", tmp.path())
            .stdout(Stdio::null())
            .status()
            .unwrap();
    assert!(status.success());
}

#[test]
fn config_location_follows_the_documented_order() {
    let all = &[
        ("BYLINE_CONFIG", "/b.toml"),
        ("XDG_CONFIG_HOME", "/x"),
        ("HOME", "/h"),
    ];
    let flag = locate(Some(Path::new("/flag.toml")), env(all)).unwrap();
    assert_eq!(
        (flag.path, flag.explicit),
        (PathBuf::from("/flag.toml"), true)
    );
    let var = locate(None, env(all)).unwrap();
    assert_eq!((var.path, var.explicit), (PathBuf::from("/b.toml"), true));
    let xdg = locate(None, env(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")])).unwrap();
    assert_eq!(
        (xdg.path, xdg.explicit),
        (PathBuf::from("/x/byline/config.toml"), false)
    );
    let home = locate(None, env(&[("BYLINE_CONFIG", ""), ("HOME", "/h")])).unwrap();
    assert_eq!(home.path, PathBuf::from("/h/.config/byline/config.toml"));
    assert_eq!(locate(None, env(&[])), None);
}

#[test]
fn key_specs_read_as_documented() {
    let none = KeyModifiers::NONE;
    let cases = [
        ("j", (KeyCode::Char('j'), none)),
        ("G", (KeyCode::Char('G'), none)),
        ("Enter", (KeyCode::Enter, none)),
        ("Esc", (KeyCode::Esc, none)),
        ("Tab", (KeyCode::Tab, none)),
        ("BackTab", (KeyCode::BackTab, none)),
        ("Shift-Tab", (KeyCode::BackTab, none)),
        ("Space", (KeyCode::Char(' '), none)),
        ("Backspace", (KeyCode::Backspace, none)),
        ("Up", (KeyCode::Up, none)),
        ("PgDn", (KeyCode::PageDown, none)),
        ("Home", (KeyCode::Home, none)),
        ("F1", (KeyCode::F(1), none)),
        ("Ctrl-d", (KeyCode::Char('d'), KeyModifiers::CONTROL)),
        ("Alt-x", (KeyCode::Char('x'), KeyModifiers::ALT)),
        ("Shift-g", (KeyCode::Char('G'), none)),
        ("Shift-Up", (KeyCode::Up, KeyModifiers::SHIFT)),
        (
            "ctrl-alt-Delete",
            (KeyCode::Delete, KeyModifiers::CONTROL | KeyModifiers::ALT),
        ),
        ("-", (KeyCode::Char('-'), none)),
        ("Ctrl--", (KeyCode::Char('-'), KeyModifiers::CONTROL)),
    ];
    for (spec, want) in cases {
        assert_eq!(parse_key(spec).unwrap(), want, "{spec}");
    }
}

#[test]
fn bad_key_specs_are_refused() {
    for bad in [
        "",
        "Ctrl-",
        "Alt-Ctrl-",
        "Foo",
        "F13",
        "F0",
        "Shift-1",
        "Ctrl-Ctrl-x",
        "jk",
        "\t",
    ] {
        let e = parse_key(bad).unwrap_err();
        assert!(e.to_string().contains("bad key"), "{bad:?}: {e}");
    }
}

#[test]
fn key_name_is_the_inverse_of_parse_key() {
    let specs = [
        "j",
        "G",
        "?",
        "Enter",
        "Esc",
        "Tab",
        "BackTab",
        "Space",
        "Backspace",
        "Up",
        "Down",
        "Left",
        "Right",
        "PgUp",
        "PgDn",
        "Home",
        "End",
        "Insert",
        "Delete",
        "F1",
        "F12",
        "Ctrl-d",
        "Alt-x",
        "Ctrl-Alt-Delete",
        "Shift-Up",
        "Ctrl--",
        "é",
    ];
    for spec in specs {
        let (code, mods) = parse_key(spec).unwrap();
        assert_eq!(key_name(code, mods), spec);
    }
    // Non-canonical spellings come back canonical and mean the same key.
    for (spec, canonical) in [
        ("shift-tab", "BackTab"),
        ("pagedown", "PgDn"),
        ("Shift-q", "Q"),
    ] {
        let (code, mods) = parse_key(spec).unwrap();
        assert_eq!(key_name(code, mods), canonical);
    }
}

/// Every key the help and the README show, written as they write it, reads back in the config as
/// that same key: one spelling for reading and showing keys (arrows drawn as arrows).
#[test]
fn every_help_label_reads_back_as_its_key() {
    let keymap = byline::app::keymap::Keymap::default();
    let mut seen = 0;
    for b in keymap.bindings() {
        let label = b.key.label();
        let parsed = parse_key(&label).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(parsed, (b.key.code, b.key.mods), "{label}");
        seen += 1;
    }
    assert!(seen > 50, "the default table has its bindings ({seen})");
    assert_eq!(key_label(KeyCode::Down, KeyModifiers::CONTROL), "Ctrl-↓");
    assert_eq!(key_label(KeyCode::BackTab, KeyModifiers::NONE), "Shift-Tab");
    assert_eq!(
        parse_key("→").unwrap(),
        (KeyCode::Right, KeyModifiers::NONE)
    );
}

#[test]
fn terminal_events_normalise_to_the_parsed_form() {
    let shift = KeyModifiers::SHIFT;
    assert_eq!(
        normalize(KeyCode::Char('G'), shift),
        parse_key("G").unwrap()
    );
    assert_eq!(
        normalize(KeyCode::Char('g'), shift),
        parse_key("G").unwrap()
    );
    assert_eq!(
        normalize(KeyCode::BackTab, shift),
        parse_key("Shift-Tab").unwrap()
    );
    assert_eq!(
        normalize(KeyCode::Tab, shift),
        parse_key("BackTab").unwrap()
    );
    let ctrl_super = KeyModifiers::CONTROL | KeyModifiers::SUPER;
    assert_eq!(
        normalize(KeyCode::Char('d'), ctrl_super),
        parse_key("Ctrl-d").unwrap()
    );
}

#[test]
fn the_list_options_are_read_and_bad_values_name_the_line() {
    use byline::config::list::{Column, ListWidth, WrapTitles};
    let c = parse("list_width = \"40%\"\nlist_columns = [\"date\", \"title\", \"tags\"]\nwrap_titles = \"never\"\n").unwrap();
    assert_eq!(c.list.width, ListWidth::Percent(40));
    assert_eq!(c.list.columns, [Column::Date, Column::Title, Column::Tags]);
    assert_eq!(c.list.wrap, WrapTitles::Never);
    assert_eq!(
        parse("list_width = 36\n").unwrap().list.width,
        ListWidth::Columns(36)
    );
    for (bad, says) in [
        ("list_width = \"95%\"", "10%"),
        ("list_width = 5", "20 to 400"),
        ("list_width = \"wide\"", "columns"),
        ("list_columns = [\"source\"]", "title"),
        ("list_columns = [\"title\", \"author\"]", "author"),
        ("wrap_titles = \"sometimes\"", "narrow"),
    ] {
        let e = error(&format!("mouse = true\n{bad}\n"));
        assert!(e.contains("test.toml:2:"), "{e}");
        assert!(e.contains(says), "{bad}: {e}");
    }
}
