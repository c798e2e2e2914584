//! The Markdown loader against the shapes static-site generators and clippers write
//! (tests/fixtures/markdown-shapes): front matter, template tags, code, pictures, datelines.

use byline::article::{Article, Block, BlockKind, Image};
use byline::load::{self, markdown};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/markdown-shapes")
        .join(name)
}

/// Loads a fixture the way the reader does (path known, so a Jekyll name can give the date).
fn load(name: &str) -> Article {
    load::load_file(&fixture(name)).unwrap()
}

fn kinds(a: &Article) -> Vec<(BlockKind, &str)> {
    a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
}

#[test]
fn jekyll_post_takes_its_date_from_the_file_name() {
    let a = load("2014-05-08-kessel-tram-line.md");
    assert_eq!(a.header.date.as_deref(), Some("2014-05-08"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2014-05-08"));
    assert_eq!(a.header.authors, ["Oskar Lindqvist"]);
    // Space-separated Jekyll categories are two tags; list tags come first.
    assert_eq!(a.tags, ["trams", "floods", "transport", "local"]);
    // The list row reads the same date.
    let head = load::head::read(&fixture("2014-05-08-kessel-tram-line.md")).unwrap();
    assert_eq!(head.header.date_iso.as_deref(), Some("2014-05-08"));
}

#[test]
fn file_name_date_only_when_front_matter_has_none_and_the_day_exists() {
    let text = "---\ntitle: T\n---\n\nBody.\n";
    let named = |name| markdown::parse_named(text, Some(name)).unwrap().header.date;
    assert_eq!(named("2014-05-08-t.md").as_deref(), Some("2014-05-08"));
    assert_eq!(named("2014-13-08-t.md"), None);
    assert_eq!(named("2014-05-08.md"), None);
    assert_eq!(named("notes-2014-05-08.md"), None);
    assert_eq!(markdown::parse(text).unwrap().header.date, None);
    let dated = "---\ntitle: T\ndate: 2020-01-02\n---\n\nBody.\n";
    let a = markdown::parse_named(dated, Some("2014-05-08-t.md")).unwrap();
    assert_eq!(a.header.date.as_deref(), Some("2020-01-02"));
}

#[test]
fn liquid_tags_are_removed_with_one_warning() {
    let a = load("2014-05-08-kessel-tram-line.md");
    assert_eq!(a.warnings, ["6 static-site template tags removed"]);
    let body: Vec<_> = kinds(&a);
    assert_eq!(body.len(), 4, "{body:?}");
    assert!(body[0].1.starts_with("The number 4 tram ran"));
    // The tag in the link target is gone, the path after it stays.
    assert_eq!(a.links.len(), 1);
    assert_eq!(a.links[0].url, "/timetables/tram-4.html");
    assert_eq!(a.links[0].text, "council's page");
    // `{% highlight %}` on lines of their own is a code block.
    assert_eq!(
        body[2],
        (
            BlockKind::Code,
            "level = read_gauge(\"mill-square\")\nif level > 40:\n    close_underpass()"
        )
    );
    // A `{% raw %}` passage shows what the site shows: its text, without the raw tags.
    assert_eq!(
        body[3].1,
        "The site template shows the stop name with {{ stop.name }}, the council said."
    );
}

#[test]
fn template_tags_never_show_raw() {
    for name in [
        "hugo-harbour-crane.md",
        "zola-ferry-fares.md",
        "obsidian-clipping.md",
        "figures.md",
    ] {
        let a = load(name);
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            !json.contains("{{") && !json.contains("{%") && !json.contains("%}"),
            "{name}: {json}"
        );
    }
    let a = markdown::parse("# T\n\nA {{ page.x }} b {% if y %}c{% endif %}.\n").unwrap();
    assert_eq!(a.blocks, [Block::paragraph("A b c.")]);
    assert_eq!(a.warnings, ["3 static-site template tags removed"]);
}

#[test]
fn hugo_front_matter_and_shortcodes() {
    let a = load("hugo-harbour-crane.md");
    assert_eq!(
        a.header.title,
        "Port Calloway buys its first electric harbour crane"
    );
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-03-02"));
    assert_eq!(a.datetime.as_deref(), Some("2026-03-02T09:15:00+01:00"));
    assert_eq!(a.header.authors, ["Hedda Varga"]);
    assert_eq!(
        a.standfirst.as_deref(),
        Some("The crane replaces two diesel machines and arrives in June.")
    );
    // `port` repeats `Port` from the categories: one tag.
    assert_eq!(a.tags, ["cranes", "port", "Energy"]);
    // draft, slug, aliases, weight, lastmod and [params] are read without a word.
    assert_eq!(a.warnings, ["4 static-site template tags removed"]);
    assert_eq!(
        kinds(&a)[1..],
        [
            (BlockKind::Image, "A crane over the quay"),
            (BlockKind::Caption, "The new crane, drawn by the maker"),
            (
                BlockKind::Paragraph,
                "The board will publish the contract next week."
            ),
            (
                BlockKind::Paragraph,
                "Read the earlier report on the diesel machines."
            ),
        ]
    );
    assert_eq!(a.images[0].src, "/images/crane.jpg");
    assert_eq!(a.links[0].url, "diesel-cranes.md");
}

#[test]
fn zola_taxonomies_and_extra() {
    let a = load("zola-ferry-fares.md");
    assert_eq!(a.tags, ["ferries", "fares", "Ostervik"]);
    assert_eq!(a.header.authors, ["Ines Maalouf"]);
    assert_eq!(
        a.standfirst.as_deref(),
        Some("Islanders will pay more from March; students keep their discount.")
    );
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-01-19"));
    assert_eq!(a.datetime, None, "a bare date has no time of day");
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn obsidian_web_clipper_note() {
    let a = load("obsidian-clipping.md");
    assert_eq!(a.header.authors, ["Maja Korhonen", "Teodor Blom"]);
    assert_eq!(
        a.header.url.as_deref(),
        Some("https://news.example.org/veldmark/library-sundays")
    );
    // A source that is a URL is the article's address, not its publication.
    assert_eq!(a.header.source, None);
    // `published` is the date; `created` (when the page was clipped) is not.
    assert_eq!(a.header.date.as_deref(), Some("2026-02-14T08:30:00Z"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-02-14"));
    assert_eq!(a.datetime.as_deref(), Some("2026-02-14T08:30:00Z"));
    assert_eq!(
        a.standfirst.as_deref(),
        Some("A trial of Sunday hours starts next month at the central branch.")
    );
    assert_eq!(a.tags, ["clippings", "libraries"]);
    assert_eq!(a.links[0].url, a.header.url.clone().unwrap());
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn source_as_a_name_stays_the_source() {
    let a = markdown::parse("---\ntitle: T\nsource: Veldmark Gazette\n---\n\nBody.\n").unwrap();
    assert_eq!(a.header.source.as_deref(), Some("Veldmark Gazette"));
    assert_eq!(a.header.url, None);
    let b = markdown::parse(
        "---\ntitle: T\ncanonical: https://example.org/b\nsource: https://example.org/a\n---\n",
    )
    .unwrap();
    assert_eq!(b.header.url.as_deref(), Some("https://example.org/b"));
}

#[test]
fn code_blocks_keep_their_lines() {
    let a = load("code-blocks.md");
    assert_eq!(
        kinds(&a),
        [
            (
                BlockKind::Paragraph,
                "The station on the old water tower now posts its readings. Use curl to fetch them:"
            ),
            (
                BlockKind::Code,
                "curl https://example.org/kessel/weather.csv\nhead -n 3 weather.csv"
            ),
            (
                BlockKind::Paragraph,
                "Each line holds a time and a reading:"
            ),
            (
                BlockKind::Code,
                "2026-04-01T06:00  4.5\n2026-04-01T07:00  5.1"
            ),
            (BlockKind::Code, "  indented inside a fence"),
            (BlockKind::Paragraph, "That is all there is to it."),
        ]
    );
    // A URL in code is still a link, with itself as its text.
    assert_eq!(a.links[0].url, "https://example.org/kessel/weather.csv");
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn code_survives_the_json_round_trip() {
    let a = load("code-blocks.md");
    let back = load::json::parse(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back.blocks, a.blocks);
}

#[test]
fn figures_images_and_captions() {
    let a = load("figures.md");
    assert_eq!(
        kinds(&a),
        [
            (BlockKind::Image, "Stalls with tulips"),
            (
                BlockKind::Caption,
                "Stalls on the square at dawn. Photo: Lena Dahl"
            ),
            (
                BlockKind::Paragraph,
                "The flower market came back to the square on Saturday after a year at the bus depot."
            ),
            (BlockKind::Image, "Buckets of daffodils"),
            (BlockKind::Caption, "Daffodils sold out by ten"),
            (BlockKind::Image, "A child with a sunflower"),
            (
                BlockKind::Caption,
                "A young buyer carries a sunflower home."
            ),
            (BlockKind::Image, "Empty stalls at noon"),
            (BlockKind::Caption, "Photo: Lena Dahl"),
            // Italic words inside a sentence do not make a caption.
            (
                BlockKind::Paragraph,
                "Traders said sales were better than expected."
            ),
        ]
    );
    let image = |block, alt: &str, src: &str| Image {
        block,
        alt: alt.into(),
        src: src.into(),
    };
    assert_eq!(
        a.images,
        [
            image(0, "Stalls with tulips", "img/market.jpg"),
            image(3, "Buckets of daffodils", "img/daffodils.jpg"),
            image(5, "A child with a sunflower", "img/sunflower.jpg"),
            image(7, "Empty stalls at noon", "img/noon.jpg"),
        ]
    );
    for i in &a.images {
        assert_eq!(a.blocks[i.block].kind, BlockKind::Image);
    }
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn an_italic_paragraph_without_a_picture_is_a_paragraph() {
    let a = markdown::parse("# T\n\nText.\n\n*An aside in italics.*\n").unwrap();
    assert_eq!(a.blocks[1].kind, BlockKind::Paragraph);
    // A linked image (a badge) stays its alt text.
    let b = markdown::parse("# T\n\n[![build passing](badge.svg)](https://example.org)\n").unwrap();
    assert_eq!(b.blocks, [Block::paragraph("build passing")]);
    assert!(b.images.is_empty());
}

#[test]
fn dateline_after_a_picture_and_its_caption() {
    let a = load("dateline.md");
    assert_eq!(a.dateline.as_deref(), Some("PORT CALLOWAY, Veldmark (AP)"));
    assert_eq!(a.header.source.as_deref(), Some("Associated Press"));
    assert!(a.blocks[2].text.starts_with("Dock workers returned"));
    assert_eq!(a.blocks[1].kind, BlockKind::Caption);
    // A sentence is no dateline.
    let b = markdown::parse("# T\n\nNATO — which met on Friday — agreed.\n").unwrap();
    assert_eq!(b.dateline, None);
    assert_eq!(b.blocks[0].text, "NATO — which met on Friday — agreed.");
}

#[test]
fn unknown_keys_are_quiet_but_typos_are_named() {
    let a = load("typo.md");
    assert_eq!(
        a.warnings,
        [r#"front matter key "auhtor" ignored: did you mean "author"?"#]
    );
    assert!(
        a.header.authors.is_empty(),
        "a typo is not guessed into a field"
    );
    for key in ["layout", "data", "image", "draft", "slug", "weight", "toc"] {
        let text = format!("---\ntitle: T\n{key}: x\n---\n");
        let b = markdown::parse(&text).unwrap();
        assert!(b.warnings.is_empty(), "{key}: {:?}", b.warnings);
    }
    for (typo, known) in [("titel", "title"), ("dtae", "date"), ("tgas", "tags")] {
        let text = format!("---\n{typo}: x\n---\n\n# T\n");
        let b = markdown::parse(&text).unwrap();
        assert!(b.warnings[0].contains(&format!("did you mean \"{known}\"")));
    }
}

#[test]
fn yaml_maps_and_lists_of_maps() {
    let text = "---\ntitle: T\nauthor:\n  name: Rut Lind\n  url: https://example.org/rut\n\
                taxonomies:\n  tags:\n    - piers\n    - \"[[tides]]\"\n---\n";
    let a = markdown::parse(text).unwrap();
    assert_eq!(a.header.authors, ["Rut Lind"]);
    assert_eq!(a.tags, ["piers", "tides"]);
    assert_eq!(
        a.header.url, None,
        "an author's page is not the article's address"
    );
    let b = markdown::parse("---\ntitle: T\nauthors:\n  - name: Ana Ruiz\n  - name: Bo Ek\n---\n")
        .unwrap();
    assert_eq!(b.header.authors, ["Ana Ruiz", "Bo Ek"]);
    assert!(a.warnings.is_empty() && b.warnings.is_empty());
}

#[test]
fn pathological_pictures_code_and_tags_parse() {
    let big = 1_000_000;
    let cases = [
        "![a](b \"t\")".repeat(big / 12),
        format!("x {}", "<img src=a alt=b>".repeat(big / 17)),
        "<figure><img src=\"a\"><figcaption>c</figcaption></figure>\n\n".repeat(big / 60),
        "```\n".repeat(big / 4),
        "    code\n".repeat(big / 9),
        "{{< figure src=\"a\" >}}\n".repeat(big / 24),
        "{% raw %}".repeat(big / 9),
        format!("---\n{}---\n", "  - [[x]]\nk:\n".repeat(big / 14)),
    ];
    for text in &cases {
        let a = markdown::parse(text).unwrap();
        // Every picture the article lists stands for an image block.
        for i in &a.images {
            assert_eq!(a.blocks[i.block].kind, BlockKind::Image);
        }
    }
}

#[test]
fn unquoted_wikilinks_and_toml_author_tables() {
    let a = markdown::parse("---\ntitle: T\nauthor: [[Maja Korhonen]]\n---\n").unwrap();
    assert_eq!(a.header.authors, ["Maja Korhonen"]);
    let b = markdown::parse(
        "+++\ntitle = \"T\"\n[[authors]]\nname = \"Ana Ruiz\"\n[[authors]]\nname = \"Bo Ek\"\n+++\n",
    )
    .unwrap();
    assert_eq!(b.header.authors, ["Ana Ruiz", "Bo Ek"]);
    assert!(
        a.warnings.is_empty() && b.warnings.is_empty(),
        "{:?}",
        b.warnings
    );
}

#[test]
fn several_wikilinks_in_one_author_string() {
    let a = markdown::parse(
        "---\ntitle: T\nauthor:\n  - \"[[Maja Korhonen]], [[Teodor Blom|T. Blom]]\"\n---\n",
    )
    .unwrap();
    assert_eq!(a.header.authors, ["Maja Korhonen", "Teodor Blom"]);
}

#[test]
fn obsidian_embeds_are_pictures() {
    let a =
        markdown::parse("# T\n\n![[harbour at dusk.jpg|400]]\n\nText with ![[x.png]] inside.\n")
            .unwrap();
    assert_eq!(
        a.images,
        [Image {
            block: 0,
            alt: String::new(),
            src: "harbour at dusk.jpg".into()
        }]
    );
    assert_eq!(a.blocks[1].text, "Text with ![[x.png]] inside.");
    // An embedded note is no picture.
    let b = markdown::parse("# T\n\n![[Harbour notes]]\n").unwrap();
    assert!(b.images.is_empty());
    assert_eq!(b.blocks[0].kind, BlockKind::Paragraph);
}

#[test]
fn byline_and_date_lines_under_the_headline_are_header_fields() {
    let a = load("copied-news-page.md");
    assert_eq!(a.header.authors, ["Mira Castell", "Per Lind"]);
    assert_eq!(
        a.header.date.as_deref(),
        Some("Published December 2, 2026 at 4:05 PM EST")
    );
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-12-02"));
    assert_eq!(a.datetime.as_deref(), Some("2026-12-02T16:05-05:00"));
    assert!(
        a.standfirst
            .as_deref()
            .is_some_and(|s| s.starts_with("The harbour board says"))
    );
    // The lines left the body, which starts with the story.
    assert!(a.blocks[0].text.starts_with("Ferry fares between Ostervik"));
    assert!(!a.blocks.iter().any(|b| b.text.contains("Mira Castell")));
    // The list row reads the same.
    let head = load::head::read(&fixture("copied-news-page.md")).unwrap();
    assert_eq!(head.header.date_iso.as_deref(), Some("2026-12-02"));
    assert_eq!(head.header.authors, ["Mira Castell", "Per Lind"]);

    let a = load("setext-byline-date.md");
    assert_eq!(a.header.authors, ["Tomas Vik"]);
    assert_eq!(a.header.source.as_deref(), Some("The Harbor Gazette"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-11-28"));
    assert!(a.blocks[0].text.starts_with("The town library"));
}

#[test]
fn prose_under_the_headline_stays_in_the_body() {
    let a = load("no-header-lines.md");
    assert!(a.header.authors.is_empty());
    assert_eq!(a.header.date, None);
    assert_eq!(a.standfirst, None);
    assert_eq!(a.blocks.len(), 2);
    assert!(a.blocks[0].text.starts_with("By March the beds"));
    // Front matter that names the date leaves the lines under the headline as text.
    let text = "---\ntitle: T\ndate: 2020-01-02\n---\n\nBy Jane Doe\n\nMarch 3, 2026\n\nBody.\n";
    let a = markdown::parse(text).unwrap();
    assert_eq!(a.header.date.as_deref(), Some("2020-01-02"));
    assert!(a.header.authors.is_empty());
    assert_eq!(a.blocks.len(), 3);
}

#[test]
fn a_pandoc_title_block_is_the_header() {
    let a = load("pandoc-title-block.md");
    assert_eq!(
        a.header.title,
        "Ostervik votes to keep the night ferry running"
    );
    assert_eq!(a.header.authors, ["Maren Solberg", "Henrik Aas"]);
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-11-28"));
    let body = kinds(&a);
    assert!(body[0].1.starts_with("The town council voted"), "{body:?}");
    assert!(!body.iter().any(|(_, t)| t.starts_with('%')), "{body:?}");
    // The code block keeps its place and its text.
    assert!(
        body.iter().any(|(_, t)| t.contains("Departures: 21:10")),
        "{body:?}"
    );
    // The list row reads the same header.
    let head = load::head::read(&fixture("pandoc-title-block.md")).unwrap();
    assert_eq!(head.header.title, a.header.title);
    assert_eq!(head.header.date_iso, a.header.date_iso);
    assert_eq!(head.header.authors, a.header.authors);
}
