//! Inputs the fuzzer once failed on (tests/fixtures/fuzz), read again on every run: no control
//! character in the page, no line wider than the width, and the passes over a library finding
//! what the whole read finds.

use byline::text::typeset::{Options, typeset};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

#[test]
fn every_kept_fuzzer_input_reads_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the fuzz fixtures") {
        let path = entry.expect("an entry").path();
        let bytes = std::fs::read(&path).expect("a fixture");
        let format = byline::load::format_for(&path);
        let Ok(article) = byline::load::parse_bytes(&bytes, format) else {
            continue;
        };
        seen += 1;
        for width in [10u16, 11, 12, 20, 40, 80, 120] {
            for justify in [false, true] {
                let mut opts = Options::new(width);
                opts.justify = justify;
                for line in &typeset(&article, &opts).lines {
                    let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
                    assert!(
                        !text.chars().any(char::is_control),
                        "{}: control character at {width}: {text:?}",
                        path.display()
                    );
                    assert!(
                        text.width() <= usize::from(width),
                        "{}: {} columns at {width}: {text:?}",
                        path.display(),
                        text.width()
                    );
                }
            }
        }
    }
    assert!(seen > 0, "no fixture read");
}

/// The passes over a library that read a file without parsing it whole (its related headlines,
/// its list row) find what the whole read finds in every kept input: the same title, address
/// and related headlines (the fuzzer's `--passes` check).
#[test]
fn every_kept_fuzzer_input_reads_alike_in_the_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the fuzz fixtures") {
        let path = entry.expect("an entry").path();
        // A copy, so the fixtures' directory holds no state the reads may leave.
        let copy = tmp.path().join(path.file_name().expect("a name"));
        std::fs::copy(&path, &copy).expect("a copy");
        let Ok(whole) = byline::load::load_links(&copy) else {
            continue;
        };
        seen += 1;
        let light = byline::load::load_related(&copy).expect("the related pass reads it too");
        assert_eq!(
            (&light.header.title, &light.header.url, &light.related),
            (&whole.header.title, &whole.header.url, &whole.related),
            "{}: the related pass",
            path.display()
        );
        if byline::load::format_for(&copy) != Some(byline::article::Format::Html) {
            let row = byline::load::head::read(&copy).expect("a list row");
            assert_eq!(
                row.header.title,
                whole.header.title,
                "{}: the list row",
                path.display()
            );
        }
    }
    assert!(seen > 0, "no fixture read");
}
