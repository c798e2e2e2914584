//! The article-size limit: 64 MiB by default, set by the config's `max_article_mb`,
//! `$BYLINE_MAX_ARTICLE_MB` or `--max-article-mb`.

use crate::common::{byline, library};

/// A news-wire article a little over one MiB long.
fn big_article() -> String {
    let mut text = String::from("Harbour notes run long\n\n");
    while text.len() <= (1 << 20) + 4096 {
        text.push_str("The harbour board met again on Tuesday and read the tide tables aloud.\n\n");
    }
    text
}

/// The one line a refused article gives on stderr.
fn refused(stderr: &[u8]) -> String {
    let err = String::from_utf8_lossy(stderr).into_owned();
    assert!(err.contains("larger than 1 MiB"), "{err}");
    assert!(err.contains("max_article_mb"), "says how to read it: {err}");
    err
}

#[test]
fn the_limit_comes_from_the_flag_the_environment_or_the_config() {
    let dir = library(&[("big.txt", &big_article())]);
    let big = dir.path().join("big.txt");
    // The default limit reads it.
    let out = byline().args(["--print"]).arg(&big).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Harbour notes run long"));

    let out = byline()
        .args(["--print", "--max-article-mb", "1"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    refused(&out.stderr);
    assert!(out.stdout.is_empty());

    let out = byline()
        .env("BYLINE_MAX_ARTICLE_MB", "1")
        .args(["--print"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    refused(&out.stderr);

    let config = dir.path().join("config.toml");
    std::fs::write(&config, "max_article_mb = 1\n").unwrap();
    let out = byline()
        .args(["--print", "--config"])
        .arg(&config)
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    refused(&out.stderr);
    // The flag wins over the config.
    let out = byline()
        .args(["--print", "--max-article-mb", "2", "--config"])
        .arg(&config)
        .arg(&big)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // --print-config shows the limit in effect.
    let out = byline()
        .args(["--print-config", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("max_article_mb = 1\n"));
}

#[test]
fn standard_input_is_held_to_the_limit_too() {
    let out = byline()
        .args(["--print", "--max-article-mb", "1", "-"])
        .write_stdin(big_article())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = refused(&out.stderr);
    assert!(err.contains("standard input"), "{err}");
}

#[test]
fn a_limit_out_of_range_is_refused_with_its_place() {
    let dir = library(&[("a.txt", "Title\n\nText.\n")]);
    let out = byline()
        .args(["--print", "--max-article-mb", "0"])
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("max-article-mb"));
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "measure = 70\nmax_article_mb = 5000\n").unwrap();
    let out = byline()
        .args(["--print", "--config"])
        .arg(&config)
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("max_article_mb 5000 is out of range; choose 1 to 4096") && err.contains(":2"),
        "{err}"
    );
}
