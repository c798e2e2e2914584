//! The command line as a user runs it: every mode, stdin both ways, and every error.

use crate::common::{FERRY, HARBOR, UNDATED, byline, library, write};
use predicates::prelude::*;

/// The binary with stdin on `/dev/null`, as under cron: no input, so the default library.
/// (assert_cmd always pipes stdin, and an empty pipe is an empty list of articles.)
fn no_stdin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_byline"));
    c.env_remove("BYLINE_LIBRARY")
        .env_remove("NO_COLOR")
        .env(
            "BYLINE_STATE_DIR",
            std::env::temp_dir().join("byline-test-state"),
        )
        .stdin(std::process::Stdio::null());
    c
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

#[test]
fn list_is_newest_first_with_empty_date_when_unknown() {
    let lib = library(&[
        ("a/harbor.txt", HARBOR),
        ("ferry.txt", FERRY),
        ("undated.txt", UNDATED),
    ]);
    let out = byline().arg("--list").arg(lib.path()).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0], "2026-03-14");
    assert_eq!(
        rows[0][1],
        "Harbor pilots walk out as talks collapse in Port Ember"
    );
    assert!(rows[0][2].ends_with("harbor.txt"));
    assert_eq!(rows[1][0], "2026-03-10");
    assert_eq!(rows[2][0], "");
    assert_eq!(rows[2][1], "Notes from the quiet season");
}

#[test]
fn json_has_one_object_per_line_with_resolved_related_and_backlinks() {
    let lib = library(&[("harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    let out = byline().arg("--json").arg(lib.path()).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    let objs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), 2);
    let harbor = &objs[0];
    assert_eq!(harbor["format"], "text");
    assert_eq!(harbor["date_iso"], "2026-03-14");
    assert_eq!(
        harbor["authors"],
        serde_json::json!(["LENA MARSH", "TOMAS VIK"])
    );
    assert_eq!(harbor["dateline"], "PORT EMBER, Veland (CW)");
    let related = harbor["related"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert!(related[0]["path"].as_str().unwrap().ends_with("ferry.txt"));
    assert!(related[1]["path"].is_null());
    assert_eq!(
        harbor["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["kind"] == "heading")
            .count(),
        1
    );
    assert_eq!(harbor["footer"].as_array().unwrap().len(), 1);
    let ferry = &objs[1];
    assert!(
        ferry["backlinks"][0]
            .as_str()
            .unwrap()
            .ends_with("harbor.txt")
    );
}

#[test]
fn json_of_a_file_resolves_against_its_folder() {
    let lib = library(&[("harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    let out = byline()
        .arg("--json")
        .arg(lib.path().join("harbor.txt"))
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert_eq!(text.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert!(
        v["related"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("ferry.txt")
    );
}

#[test]
fn print_sets_header_body_and_reference_list_within_width() {
    let lib = library(&[("harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    let out = byline()
        .args(["--print", "--width", "50", "--color", "never"])
        .arg(lib.path().join("harbor.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    for l in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(l) <= 50,
            "too wide: {l:?}"
        );
    }
    assert!(text.contains("By LENA MARSH and TOMAS VIK · Coastline Wire"));
    assert!(text.contains("Saturday, March 14, 2026"));
    assert!(text.contains("min read"));
    assert!(text.contains("PORT EMBER, Veland (CW) — Harbor pilots"));
    assert!(text.contains("[1] Ferry crews weigh their own strike vote"));
    assert!(text.contains("[2] Lighthouse keepers win pay rise"));
    assert!(text.contains("not in library"));
    assert!(!text.contains('\x1b'));
}

#[test]
fn print_is_the_default_when_stdout_is_not_a_terminal() {
    let lib = library(&[("ferry.txt", FERRY)]);
    let out = byline().arg(lib.path().join("ferry.txt")).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.starts_with("Ferry crews weigh their own strike vote\n"));
    assert!(text.contains("By IDA FENN"));
}

#[test]
fn color_always_styles_quotes_and_never_or_no_color_does_not() {
    let lib = library(&[("harbor.txt", HARBOR)]);
    let p = lib.path().join("harbor.txt");
    let colored = stdout_of(
        &byline()
            .args(["--print", "--color", "always"])
            .arg(&p)
            .output()
            .unwrap(),
    );
    assert!(colored.contains('\x1b'));
    let quoted = colored.find("“We have asked").unwrap();
    assert!(
        colored[..quoted].ends_with('m'),
        "a style opens right before the quote"
    );
    let auto = stdout_of(
        &byline()
            .args(["--print"])
            .env("NO_COLOR", "1")
            .arg(&p)
            .output()
            .unwrap(),
    );
    assert!(!auto.contains('\x1b'));
}

#[test]
fn stdin_as_one_article_and_as_a_list_of_paths() {
    let out = byline().arg("--json").write_stdin(FERRY).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout_of(&out).trim()).unwrap();
    assert_eq!(v["title"], "Ferry crews weigh their own strike vote");
    assert!(v["path"].is_null());

    let lib = library(&[("harbor.txt", HARBOR), ("ferry.txt", FERRY)]);
    let listing = format!(
        "{}\n{}\n",
        lib.path().join("harbor.txt").display(),
        lib.path().join("ferry.txt").display()
    );
    let out = byline()
        .arg("--list")
        .write_stdin(listing)
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).lines().count(), 2);

    let out = byline()
        .args(["--json", "-"])
        .write_stdin(HARBOR)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout_of(&out).trim()).unwrap();
    assert_eq!(v["date"], "Mar 14, 2026");
}

#[test]
fn library_comes_from_env_then_articles_then_builtin() {
    let lib = library(&[("ferry.txt", FERRY)]);
    let empty = tempfile::tempdir().unwrap();
    let out = no_stdin()
        .arg("--list")
        .env("BYLINE_LIBRARY", lib.path())
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).lines().count(), 1);

    write(empty.path(), "articles/one.txt", HARBOR.as_bytes());
    let out = no_stdin()
        .arg("--list")
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("Harbor pilots walk out"));

    let bare = tempfile::tempdir().unwrap();
    let out = no_stdin()
        .arg("--list")
        .current_dir(bare.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stdout_of(&out).lines().count() >= 12,
        "built-in samples listed"
    );
}

#[test]
fn errors_are_one_line_with_status_two() {
    let out = byline().arg("/no/such/article.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(err.starts_with("byline: ") && err.contains("no such file"));

    let out = byline().arg("--frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("byline: "));

    byline()
        .args(["--width", "abc"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("byline: "));

    let lib = library(&[]);
    let bin = write(lib.path(), "blob.txt", b"PK\x03\x04\0\0binary");
    let out = byline().arg("--json").arg(&bin).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("binary"));
}

#[test]
fn a_folder_with_bad_files_loads_the_good_ones() {
    let lib = library(&[("good.txt", FERRY)]);
    write(lib.path(), "bad.txt", b"\0\0\0\x01binary");
    write(lib.path(), "broken.json", b"{\"title\": 3}");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            lib.path().join("missing.txt"),
            lib.path().join("dangling.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink(lib.path(), lib.path().join("loop")).unwrap();
    }
    let out = byline().arg("--list").arg(lib.path()).output().unwrap();
    assert!(out.status.success());
    assert_eq!(stdout_of(&out).lines().count(), 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.txt") && err.contains("binary"), "{err}");
    assert!(err.contains("broken.json"), "{err}");
    #[cfg(unix)]
    {
        assert!(err.contains("dangling"), "{err}");
        assert!(err.contains("loop"), "{err}");
    }
}

#[test]
fn help_and_version_succeed() {
    byline()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--json"));
    byline()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("byline"));
}

#[test]
fn justify_fills_every_inner_line_of_a_paragraph() {
    let story = "Night market returns to the old quay
Mar 02, 2026
By ODA LUND
The night market came back to the old quay on Friday for the first time since the storm, with more than sixty stalls selling smoked fish, hot bread, wool and lamps made from driftwood.
Organisers said the crowd was the largest they had seen in a decade, and that several stallholders had sold out well before the harbor bell rang at midnight.
";
    let lib = library(&[("market.txt", story)]);
    let out = byline()
        .args(["--print", "--justify", "--width", "50"])
        .arg(lib.path().join("market.txt"))
        .output()
        .unwrap();
    let text = stdout_of(&out);
    let body: Vec<&str> = text.lines().skip_while(|l| !l.is_empty()).collect();
    let mut checked = 0;
    for group in body.split(|l| l.is_empty()) {
        for l in group.iter().take(group.len().saturating_sub(1)) {
            assert_eq!(unicode_width::UnicodeWidthStr::width(*l), 50, "{l:?}");
            checked += 1;
        }
        if let Some(last) = group.last() {
            assert!(!last.contains("  "), "last line stays ragged: {last:?}");
        }
    }
    assert!(checked >= 4, "paragraphs wrapped to several lines");
}

#[test]
fn print_config_and_config_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = byline()
        .arg("--print-config")
        .env("XDG_CONFIG_HOME", dir.path())
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    let v: toml::Value = toml::from_str(&text).unwrap();
    assert_eq!(v["measure"].as_integer(), Some(76));
    // Issue 13 point 4: the [keys] table was printed empty; the keys in force follow it (as
    // comments, so the file still reads back to the same configuration).
    assert!(text.contains("# down = [\"j\", \"Down\", "), "{text}");
    assert!(text.contains("# quit = [\"Ctrl-c\", \"q\"]"), "{text}");
    assert!(text.contains("# toggle_read = [\"u\"]"), "{text}");

    let bad = write(
        dir.path(),
        "bad.toml",
        b"measure = 76\njustify = \"sometimes\"\n",
    );
    let out = byline()
        .arg("--config")
        .arg(&bad)
        .arg("--print-config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.toml") && err.contains(":2"), "{err}");

    let unknown = write(dir.path(), "unknown.toml", b"colour = \"red\"\n");
    let out = byline()
        .arg("--config")
        .arg(&unknown)
        .arg("--list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr).unwrap().contains("measure"),
        "valid choices listed"
    );
}

#[test]
fn theme_option_and_mono_print_without_colour_codes() {
    let lib = library(&[("harbor.txt", HARBOR)]);
    let p = lib.path().join("harbor.txt");
    let mono = stdout_of(
        &byline()
            .args(["--print", "--color", "always", "--theme", "mono"])
            .arg(&p)
            .output()
            .unwrap(),
    );
    assert!(mono.contains("\x1b[1"), "mono still uses bold");
    for seq in mono.split("\x1b[").skip(1) {
        let params = &seq[..seq.find('m').unwrap()];
        for p in params.split(';').filter_map(|p| p.parse::<u32>().ok()) {
            assert!(
                !(30..=49).contains(&p) && !(90..=107).contains(&p),
                "colour {p} in mono"
            );
        }
    }
    byline()
        .args(["--theme", "neon", "--print"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("neon"));
}

#[test]
fn a_named_binary_file_is_an_error_in_every_mode() {
    let lib = library(&[]);
    let bin = write(lib.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    for mode in ["--list", "--json", "--print"] {
        let out = byline().arg(mode).arg(&bin).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{mode}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("byline: ") && err.contains("binary"),
            "{mode}: {err}"
        );
        assert_eq!(err.lines().count(), 1);
    }
}

/// Issue 15 point 16: a config folder byline cannot read (`~/.config` of another user, here a
/// file where the folder should be) or a FIFO at the default place gives a warning and the
/// defaults, not a failure; the same named with `--config` is still an error.
#[test]
fn an_unreadable_default_config_warns_and_uses_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".config"), "not a folder").unwrap();
    let out = byline()
        .arg("--print-config")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("BYLINE_CONFIG")
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning") && err.contains("config.toml") && err.contains("defaults"),
        "{err}"
    );
    let v: toml::Value = toml::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(v["measure"].as_integer(), Some(76));

    #[cfg(unix)]
    {
        let xdg = tempfile::tempdir().unwrap();
        std::fs::create_dir(xdg.path().join("byline")).unwrap();
        let fifo = xdg.path().join("byline/config.toml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let out = byline()
            .arg("--print-config")
            .env("XDG_CONFIG_HOME", xdg.path())
            .env_remove("BYLINE_CONFIG")
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("FIFO"));
        let named = byline()
            .arg("--print-config")
            .arg("--config")
            .arg(&fifo)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(!named.status.success(), "a FIFO named is an error");
    }
}
