//! The JSON loader against the fixtures in tests/fixtures/json.

use byline::article::{Article, Block, BlockKind, Format, Link, Related};
use byline::load::{self, json, markdown};
use byline::stand_in;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn parse(name: &str) -> anyhow::Result<Article> {
    json::parse(&std::fs::read_to_string(fixture(name)).unwrap())
}

fn err(text: &str) -> String {
    format!("{:#}", json::parse(text).unwrap_err())
}

#[test]
fn full_object() {
    let a = parse("json/full.json").unwrap();
    assert_eq!(a.path, None, "a path inside the file is not trusted");
    assert_eq!(a.header.title, "Glassworks in Tannby reopens as a museum");
    assert_eq!(a.header.date.as_deref(), Some("2026-02-11"));
    // date_iso comes from the date line, not from the input's own claim.
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-02-11"));
    assert_eq!(a.header.authors, ["Halvard Steen", "Ruth Amsel"]);
    assert_eq!(a.header.source.as_deref(), Some("Tannby Gazette"));
    assert_eq!(a.dateline.as_deref(), Some("TANNBY (TG)"));
    let kinds: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Quote,
            BlockKind::ListItem,
            BlockKind::Paragraph,
            BlockKind::Paragraph
        ]
    );
    assert_eq!(
        a.blocks[0].text,
        "The old glassworks by the river opened its doors on Tuesday, this time as a museum of the town's trade."
    );
    assert_eq!(a.blocks[5].text, "A bare string is a paragraph too.");
    assert_eq!(
        a.related,
        [
            Related {
                title: "River barges return to the Tann".into(),
                path: None,
                url: None,
            },
            Related {
                title: "Town council debates museum funding".into(),
                path: None,
                url: None,
            },
        ]
    );
    assert_eq!(a.footer, ["Ruth Amsel contributed to this report."]);
    assert_eq!(
        a.links[1],
        Link {
            text: "https://example.org/tannby".into(),
            url: "https://example.org/tannby".into(),
            at: None,
        }
    );
    // Derived fields are never read from the input.
    assert!(a.backlinks.is_empty() && a.quotes.is_empty() && a.warnings.is_empty());
}

#[test]
fn derived_fields_are_recomputed_on_load() {
    let a = load::load_file(&fixture("json/full.json")).unwrap();
    assert_eq!(a.format, Format::Json);
    assert_eq!(a.path, Some(fixture("json/full.json")));
    assert_ne!(a.words, 99999);
    assert!(a.words > 0);
}

#[test]
fn date_iso_from_date_else_from_a_valid_given_one() {
    let iso = |text: &str| json::parse(text).unwrap().header.date_iso;
    assert_eq!(
        iso(r#"{"title":"T","date":"2026-02-11T08:00:00Z"}"#).as_deref(),
        Some("2026-02-11")
    );
    assert_eq!(
        iso(r#"{"title":"T","date":"sometime in spring","date_iso":"2026-03-01"}"#).as_deref(),
        Some("2026-03-01")
    );
    assert_eq!(
        iso(r#"{"title":"T","date":"sometime","date_iso":"March"}"#),
        None
    );
}

#[test]
fn empty_strings_are_no_entries() {
    let a = json::parse(r#"{"title":"T","authors":"  ","footer":["", "Credit."],"source":""}"#)
        .unwrap();
    assert!(a.header.authors.is_empty());
    assert_eq!(a.footer, ["Credit."]);
    assert_eq!(a.header.source, None);
}

#[test]
fn body_string_splits_on_blank_lines() {
    let a = parse("json/body.json").unwrap();
    assert_eq!(a.header.authors, ["Oda Brekke"]);
    assert_eq!(a.header.date, None);
    assert_eq!(
        a.blocks,
        [
            Block::paragraph("The Mill Street bakery took first place on Sunday for its rye loaf."),
            Block::paragraph("The owners said they would keep prices as they are."),
        ]
    );
}

#[test]
fn body_array_and_blocks_win_over_body() {
    let a = json::parse(r#"{"title":"T","body":["One.","  ","Two\nlines."]}"#).unwrap();
    assert_eq!(
        a.blocks,
        [Block::paragraph("One."), Block::paragraph("Two lines.")]
    );
    let n = json::parse(r#"{"title":"T","body":"Only.","blocks":null}"#).unwrap();
    assert_eq!(n.blocks, [Block::paragraph("Only.")]);
    let b = json::parse(r#"{"title":"T","body":"ignored","blocks":["kept"]}"#).unwrap();
    assert_eq!(b.blocks, [Block::paragraph("kept")]);
    assert!(b.warnings[0].contains("body"));
}

#[test]
fn bad_kind_names_the_field() {
    let e = format!("{:#}", parse("json/bad-kind.json").unwrap_err());
    assert_eq!(
        e,
        r#"field "blocks[2].kind": expected one of paragraph, heading, quote, list_item, caption, code, separator, image, got "table""#
    );
}

#[test]
fn file_errors_carry_the_file_name() {
    let e = format!(
        "{:#}",
        load::load_file(&fixture("json/bad-kind.json")).unwrap_err()
    );
    assert!(
        e.contains("bad-kind.json") && e.contains("blocks[2].kind"),
        "{e}"
    );
}

#[test]
fn shape_errors() {
    assert!(err("[1, 2]").starts_with("not a JSON object"));
    assert!(err("\"just a string\"").starts_with("not a JSON object"));
    // An object without a title loads, and says so (only invalid JSON is refused).
    let empty = json::parse("{}").unwrap();
    assert_eq!(empty.header.title, "");
    assert!(empty.warnings.iter().any(|w| w.starts_with("no title")));
    assert!(
        empty
            .warnings
            .iter()
            .any(|w| w.starts_with("unknown JSON shape"))
    );
    assert_eq!(
        err(r#"{"title": 7}"#),
        r#"field "title": expected a non-empty string, got a number"#
    );
    let blank = json::parse(r#"{"title": "   ", "body": "Text."}"#).unwrap();
    assert_eq!(blank.header.title, "");
    assert!(
        blank.warnings[0].starts_with("no title"),
        "{:?}",
        blank.warnings
    );
    assert_eq!(
        err(r#"{"title": "T", "blocks": {}}"#),
        r#"field "blocks": expected an array, got an object"#
    );
    assert_eq!(
        err(r#"{"title": "T", "blocks": [{"kind": "quote"}]}"#),
        r#"missing field "blocks[0].text""#
    );
    assert_eq!(
        err(r#"{"title": "T", "authors": ["A", 3]}"#),
        r#"field "authors[1]": expected a string, got a number"#
    );
    assert_eq!(
        err(r#"{"title": "T", "links": [{"text": "x"}]}"#),
        r#"missing field "links[0].url""#
    );
    assert_eq!(
        err(r#"{"title": "T", "related": [{"title": null}]}"#),
        r#"missing field "related[0].title""#
    );
    assert_eq!(
        err(r#"{"title": "T", "date": false}"#),
        r#"field "date": expected a string or null, got false"#
    );
    assert!(err(r#"{"title": "T",,}"#).starts_with("invalid JSON:"));
}

#[test]
fn long_bad_values_are_shortened_and_cleaned() {
    let long = format!("\\u001b{}", "x".repeat(500));
    let e = err(&format!(
        r#"{{"title": "T", "blocks": [{{"kind": "{long}", "text": "a"}}]}}"#
    ));
    assert!(e.len() < 200, "{e}");
    assert!(e.contains('\u{241B}') && !e.contains('\u{1b}'), "{e}");
}

#[test]
fn json_escapes_never_reach_the_article() {
    let a = parse("json/escapes.json").unwrap();
    let strings = serde_json::to_value(&a).unwrap().to_string();
    // Re-serialised, a surviving C0 control would show as a \u00XX escape.
    assert!(!strings.contains("\\u00"), "{strings}");
    assert!(!strings.chars().any(|c| stand_in(c).is_some()), "{strings}");
    assert_eq!(a.header.title, "Ferry \u{241B}]0;owned\u{2407} delayed");
    assert_eq!(a.header.source.as_deref(), Some("Coast \u{2425}Wire"));
    assert_eq!(a.footer, ["Credit\u{2400} line"]);
    assert_eq!(a.related[1].path, Some(PathBuf::from("../a\u{241B}[2J.md")));
    let w = a.warnings.join("\n");
    for field in [
        "title", "authors", "source", "blocks", "related", "footer", "links",
    ] {
        assert!(w.contains(field), "{field} missing from {w}");
    }
}

#[test]
fn related_path_only_gets_a_stem_title() {
    let a = json::parse(r#"{"title":"T","related":[{"path":"../2025/pier-lights.md"}]}"#).unwrap();
    assert_eq!(
        a.related,
        [Related {
            title: "pier lights".into(),
            path: Some(PathBuf::from("../2025/pier-lights.md")),
            url: None,
        }]
    );
}

#[test]
fn markdown_round_trips_through_json() {
    let text = std::fs::read_to_string(fixture("md/ferry.md")).unwrap();
    let md = markdown::parse(&text).unwrap();
    let back = json::parse(&serde_json::to_string(&md).unwrap()).unwrap();
    assert_eq!(back.header.title, md.header.title);
    assert_eq!(back.header.date_iso, md.header.date_iso);
    assert_eq!(back.header.authors, md.header.authors);
    assert_eq!(back.blocks, md.blocks);
    assert_eq!(back.related, md.related);
    assert_eq!(back.links, md.links);
}

#[test]
fn pathological_inputs_are_errors_not_crashes() {
    assert!(err(&"[".repeat(100_000)).starts_with("invalid JSON"));
    let deep = format!(
        r#"{{"title":"T","extra":{}1{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(err(&deep).starts_with("invalid JSON"));
    let huge = format!(
        r#"{{"title":"{}","body":"{}"}}"#,
        "w ".repeat(1_000_000),
        "x\\n\\n".repeat(500_000)
    );
    let a = json::parse(&huge).unwrap();
    assert_eq!(a.header.title.len(), 1_999_999);
    assert_eq!(a.blocks.len(), 500_000);
}
