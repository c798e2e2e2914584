//! The Markdown loader against the fixtures in tests/fixtures/md.

use byline::article::{Article, Block, BlockKind, Link, Related};
use byline::load::{self, markdown};
use byline::stand_in;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/md")
        .join(name)
}

fn parse(name: &str) -> Article {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    markdown::parse(&text).unwrap()
}

fn block(kind: BlockKind, text: &str) -> Block {
    Block {
        kind,
        text: text.into(),
    }
}

/// True when no control or bidi character survives anywhere in the article.
fn has_controls(a: &Article) -> bool {
    fn walk(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => s.chars().any(|c| stand_in(c).is_some()),
            serde_json::Value::Array(items) => items.iter().any(walk),
            serde_json::Value::Object(o) => o.values().any(walk),
            _ => false,
        }
    }
    walk(&serde_json::to_value(a).unwrap())
}

#[test]
fn front_matter_fields() {
    let a = parse("ferry.md");
    assert_eq!(
        a.header.title,
        "Night ferry to Orsk Island returns after a two-year pause"
    );
    assert_eq!(a.header.date.as_deref(), Some("2026-04-02"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-04-02"));
    assert_eq!(a.header.authors, ["Maren Tollefsen", "Idris O'Connell"]);
    assert_eq!(a.header.source.as_deref(), Some("Northern Coast Courier"));
    assert_eq!(
        a.related,
        [
            Related {
                title: "Harbor board approves new pier lighting plan".into(),
                path: None,
                url: None,
            },
            Related {
                title: "lighthouse keepers".into(),
                path: Some(PathBuf::from("./lighthouse-keepers.md")),
                url: None,
            },
        ]
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn body_blocks_in_order() {
    let a = parse("ferry.md");
    // The `#` heading repeats the front-matter title, so it is not a block.
    assert_eq!(
        a.blocks,
        [
            block(
                BlockKind::Paragraph,
                "The Vesla left the mainland pier at 11:40 p.m. on Wednesday, its first night \
                 crossing since the service was halted, and islanders lined the quay to watch it dock."
            ),
            block(
                BlockKind::Paragraph,
                "“We have waited a long time for this,” said harbor master Lidia Brandt. \
                 “Now the doctors can come at night again.”"
            ),
            block(BlockKind::Heading, "What changes for islanders"),
            block(
                BlockKind::Quote,
                "Night crossings were the only way to reach the hospital after dark."
            ),
            block(
                BlockKind::Quote,
                "The council called the pause \"a temporary measure\" for two full years."
            ),
            block(BlockKind::Paragraph, "Passengers should note:"),
            block(
                BlockKind::ListItem,
                "Tickets go on sale at the Orsk Line office."
            ),
            block(BlockKind::ListItem, "Bikes travel free until June."),
            block(
                BlockKind::ListItem,
                "Boarding closes ten minutes before departure."
            ),
            // Code stays code; the picture is an image block (see `images`).
            block(BlockKind::Code, "Timetable: 23:40 mainland, 00:55 Orsk"),
            block(BlockKind::Image, "A ferry at night beside a lit pier"),
            block(
                BlockKind::Paragraph,
                "More details are posted at https://example.org/orsk-line/timetable."
            ),
        ]
    );
}

#[test]
fn links_from_front_matter_body_and_bare_urls() {
    let a = parse("ferry.md");
    // Each link is labelled with its own words and placed on them; a bare URL is its own label.
    let placed: Vec<Option<String>> = a
        .links
        .iter()
        .map(|l| {
            let at = l.at?;
            let text = &a.blocks[at.block].text;
            Some(
                text.chars()
                    .skip(at.start)
                    .take(at.end - at.start)
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            None,
            Some("Orsk Line office".to_string()),
            Some("https://example.org/orsk-line/timetable".to_string()),
        ]
    );
    let links: Vec<Link> = a
        .links
        .iter()
        .map(|l| Link {
            at: None,
            ..l.clone()
        })
        .collect();
    assert_eq!(
        links,
        [
            Link {
                text: a.header.title.clone(),
                url: "https://example.org/news/orsk-ferry".into(),
                at: None,
            },
            Link {
                text: "Orsk Line office".into(),
                url: "https://example.org/orsk-line/tickets".into(),
                at: None,
            },
            Link {
                text: "https://example.org/orsk-line/timetable".into(),
                url: "https://example.org/orsk-line/timetable".into(),
                at: None,
            },
        ]
    );
}

#[test]
fn toml_front_matter_and_first_paragraph() {
    let a = parse("lighthouse-keepers.md");
    assert_eq!(
        a.header.title,
        "Last lighthouse keepers of the Varn coast hand over the keys"
    );
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-03-28"));
    assert_eq!(a.header.authors, ["Sunniva Aalberg"]);
    assert_eq!(a.blocks.len(), 2);
    assert!(a.blocks[1].text.starts_with("\"It is a quiet job"));
}

#[test]
fn setext_title_and_related_section() {
    let a = parse("plain.md");
    assert_eq!(
        a.header.title,
        "Harbor board approves new pier lighting plan"
    );
    assert_eq!(
        a.related,
        [
            Related {
                title: "Night ferry to Orsk Island returns".into(),
                path: Some(PathBuf::from("ferry.md")),
                url: None,
            },
            Related {
                title: "Fishing quotas cut for the third year".into(),
                path: None,
                url: None,
            },
        ]
    );
    // The related section leaves the body; its link stays among the links.
    assert_eq!(a.blocks.len(), 1);
    assert_eq!(a.links.len(), 1);
}

#[test]
fn entity_escapes_never_reach_the_article() {
    let raw = Article {
        header: byline::article::Header {
            title: "x\u{1b}".into(),
            ..Default::default()
        },
        ..Article::default()
    };
    assert!(has_controls(&raw), "the check itself must see a raw escape");
    let a = parse("escapes.md");
    assert!(!has_controls(&a), "{a:?}");
    // Front matter is not Markdown: its entities stay as written.
    assert_eq!(a.header.title, "Storm warning &#27;[2J for the coast");
    assert_eq!(a.header.authors, ["Ada\\u001b Kray"]);
    assert!(a.blocks[0].text.contains("\u{241B}[31mreached\u{2426}1m"));
    assert!(a.blocks[0].text.contains('😀'));
    assert_eq!(a.links[0].url, "https://example.org/\u{241B}x");
    let w = a.warnings.join("\n");
    assert!(w.contains("blocks") && w.contains("links"), "{w}");
}

#[test]
fn toml_string_escapes_never_reach_the_article() {
    let a = parse("escapes-toml.md");
    assert!(!has_controls(&a), "{a:?}");
    assert_eq!(a.header.title, "Tide gauge \u{241B}[5mfails\u{2426} again");
    assert_eq!(a.header.authors, ["Pell\u{2407} Ostrander"]);
    assert!(a.warnings.iter().any(|w| w.contains("title")));
}

#[test]
fn raw_escape_bytes_are_neutralised_by_the_pipeline() {
    let a = load::parse_bytes(b"# Head\x1b[1m\n\nBody \x9b text\x07.\n", None).unwrap();
    assert!(!has_controls(&a));
    assert_eq!(a.format, byline::article::Format::Markdown);
    assert_eq!(a.header.title, "Head\u{241B}[1m");
}

#[test]
fn inline_formatting_becomes_plain_text() {
    let a = markdown::parse(
        "# T\n\nSome *emph*, __strong__, `code`, ~~struck~~ and [a *link*](http://x.test) \\*star\\*.\n",
    )
    .unwrap();
    assert_eq!(
        a.blocks,
        [Block::paragraph(
            "Some emph, strong, code, struck and a link *star*."
        )]
    );
    assert_eq!(a.links[0].text, "a link");
}

#[test]
fn nested_containers_and_later_h1() {
    let a = markdown::parse(
        "# Title\n\n- item one\n  > quoted in item\n- item two\n\n# Another top heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    )
    .unwrap();
    assert_eq!(a.header.title, "Title");
    let kinds: Vec<_> = a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::ListItem, "item one"),
            (BlockKind::Quote, "quoted in item"),
            (BlockKind::ListItem, "item two"),
            (BlockKind::Heading, "Another top heading"),
            (BlockKind::Paragraph, "a · b"),
            (BlockKind::Paragraph, "1 · 2"),
        ]
    );
}

#[test]
fn toml_syntax_error_names_the_line() {
    let err = markdown::parse("+++\ntitle = \"ok\"\ndate = \n+++\n").unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("front matter") && msg.contains("line 3"),
        "{msg}"
    );
}

#[test]
fn huge_line_with_many_urls() {
    // A 5 MB paragraph: linear work only, and each bare URL's text is the URL itself.
    let line = "see https://example.org/a, ".repeat(200_000);
    let a = markdown::parse(&format!("# Big\n\n{line}\n")).unwrap();
    assert_eq!(a.links.len(), 200_000);
    assert_eq!(a.links[0].text, "https://example.org/a");
    assert_eq!(a.blocks.len(), 1);
}

#[test]
fn bare_url_with_markdown_characters() {
    // The parser hands over text in pieces around `_`, `[` and `&`; a URL spans them.
    let a = markdown::parse(
        "# T\n\nSee https://example.org/a_b_c?q=1&amp;r=[2] and <https://example.org/auto>.\n",
    )
    .unwrap();
    let urls: Vec<_> = a.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://example.org/a_b_c?q=1&r=[2",
            "https://example.org/auto"
        ]
    );
}

#[test]
fn pathological_inputs_parse() {
    let big = 1_000_000;
    let cases = [
        "[".repeat(big),
        "*a".repeat(big / 2),
        "> ".repeat(big / 2),
        "- ".repeat(big / 2),
        "http".repeat(big / 4),
        format!("---\n{}", "key: value\n".repeat(big / 11)),
        format!("+++\n{}", "x".repeat(big)),
        "<div>".repeat(big / 5),
        "&#27;".repeat(big / 5),
    ];
    for text in &cases {
        let a = markdown::parse(text).unwrap();
        // Whatever the shape, nothing unsafe comes out.
        assert!(!has_controls(&a));
    }
}
