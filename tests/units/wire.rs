//! The news-wire parser on fictional fixtures (tests/fixtures/wire) and on the reference article
//! when it is present beside the worktree.

use byline::article::{Article, BlockKind};
use byline::load::wire::{MAX_HEADLINE, header, parse};
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wire")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn texts(a: &Article, kind: BlockKind) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

fn related(a: &Article) -> Vec<&str> {
    a.related.iter().map(|r| r.title.as_str()).collect()
}

const DEBRIS: [&str; 7] = [
    "read more",
    "read less",
    "advertisement",
    "share",
    "copy link",
    "show more",
    "...read more",
];

fn no_debris(a: &Article) {
    for b in &a.blocks {
        let t = b.text.trim_start_matches('.').to_lowercase();
        assert!(!DEBRIS.contains(&t.as_str()), "debris kept: {}", b.text);
    }
}

#[test]
fn full_wire_article() {
    let a = parse(&fixture("harbor-strike.txt"));
    assert_eq!(
        a.header.title,
        "Harbor pilots walk out as talks over night shifts collapse in ‘final round’"
    );
    assert_eq!(a.header.date.as_deref(), Some("Mar 14, 2026"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-03-14"));
    assert_eq!(a.header.authors, ["CAROLINA ESPINOZA"]);
    assert_eq!(a.header.source.as_deref(), Some("Associated Press"));
    assert_eq!(a.dateline.as_deref(), Some("VALPARAÍSO, Chile (AP)"));
    let paras = texts(&a, BlockKind::Paragraph);
    assert!(paras[0].starts_with("Harbor pilots in Chile’s busiest port"));
    assert!(
        paras[0].ends_with("past the breakwater."),
        "broken line joined: {}",
        paras[0]
    );
    assert!(paras.contains(&"No longer."));
    assert_eq!(paras.len(), 10);
    assert_eq!(
        texts(&a, BlockKind::Heading),
        ["Who keeps the lights on", "‘A matter of weeks’"]
    );
    assert_eq!(related(&a).len(), 4);
    assert!(related(&a)[3].starts_with("Dockworkers in two southern ports"));
    assert!(a.related.iter().all(|r| r.path.is_none()));
    assert_eq!(a.footer.len(), 2);
    assert!(a.footer[0].ends_with("Espinoza reported from Valparaíso."));
    assert!(a.footer[1].starts_with("Follow AP’s coverage"));
    let urls: Vec<_> = a.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://example.org/ports/strike-faq",
            "https://example.org/hub/ports"
        ]
    );
    assert_eq!(a.links[1].text, "AP’s coverage of ports and shipping");
    // A bare URL is its own label, placed where it stands in its paragraph.
    assert_eq!(a.links[0].text, "https://example.org/ports/strike-faq");
    let at = a.links[0].at.expect("placed in the body");
    let words: String = a.blocks[at.block]
        .text
        .chars()
        .skip(at.start)
        .take(at.end - at.start)
        .collect();
    assert_eq!(words, a.links[0].url);
    assert_eq!(a.links[1].at, None, "a footer line is no body block");
    assert!(a.warnings.iter().any(|w| w.contains("broken mid-sentence")));
    no_debris(&a);
}

#[test]
fn related_block_followed_by_a_paragraph_is_all_headlines() {
    let a = parse(&fixture("related-then-paragraph.txt"));
    assert_eq!(related(&a).len(), 3);
    assert!(related(&a)[2].starts_with("The new ferry timetable"));
    assert!(texts(&a, BlockKind::Heading).is_empty());
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 3);
    assert_eq!(a.header.authors, ["Ann Lee", "Bo Park", "Cy Diaz"]);
    assert_eq!(a.header.source.as_deref(), Some("The Harbor Gazette"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-01-08"));
    assert_eq!(a.dateline, None);
}

#[test]
fn related_block_at_the_end_and_before_credits() {
    let text = "Title here\nA first paragraph ends here.\nRelated coverage\nOne long headline about the harbor and the storm season\nShort one\nJo Ruiz contributed.\n";
    let a = parse(text);
    assert_eq!(
        related(&a),
        [
            "One long headline about the harbor and the storm season",
            "Short one"
        ]
    );
    assert_eq!(a.footer, ["Jo Ruiz contributed."]);
    let a = parse(
        "Title here\nA first paragraph ends here.\nRELATED\nOne long headline about the harbor\nShort one\n",
    );
    assert_eq!(related(&a).len(), 2);
    assert_eq!(a.blocks.len(), 1);
}

#[test]
fn hard_wrapped_file_is_reflowed() {
    let a = parse(&fixture("hard-wrapped.txt"));
    assert_eq!(a.header.date.as_deref(), Some("8 January 2026"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-01-08"));
    assert_eq!(a.header.authors, ["Ann Lee", "Bo Park"]);
    assert_eq!(a.header.source.as_deref(), Some("Reuters"));
    assert_eq!(a.dateline.as_deref(), Some("LISBON (Reuters)"));
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 3);
    assert!(paras[0].starts_with("Three towns in the river valley recorded their wettest week"));
    assert!(paras[0].ends_with("near the river banks."));
    assert!(paras[1].contains("a well-known gauge"));
    assert_eq!(texts(&a, BlockKind::Heading), ["Farmers fear losses"]);
    assert!(a.warnings.iter().any(|w| w.contains("reflowed")));
}

#[test]
fn live_blog_time_stamps_are_subheadings() {
    let a = parse(&fixture("live-blog.txt"));
    assert_eq!(
        a.header.date.as_deref(),
        Some("Updated 3:15 PM EST, January 8, 2026")
    );
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-01-08"));
    assert_eq!(a.header.authors, ["JANE ROE", "TOMÁS REYES", "LIN WU"]);
    assert_eq!(a.header.source.as_deref(), Some("Associated Press"));
    // In a live blog a one-line question ends like a sentence: a paragraph, not an entry title.
    assert_eq!(
        texts(&a, BlockKind::Heading),
        ["2:45 p.m.", "10:05 a.m. EST"]
    );
    let paras = texts(&a, BlockKind::Paragraph);
    assert!(paras.contains(&"No longer."));
    assert!(paras.contains(&"Is the ferry running?"));
    assert_eq!(paras.len(), 6);
}

#[test]
fn page_last_updated_and_no_byline() {
    let a = parse(&fixture("page-updated.txt"));
    assert_eq!(
        a.header.date.as_deref(),
        Some("Page last updated at 07:31 GMT, Wednesday, 14 May 2008 08:31 UK")
    );
    assert_eq!(a.header.date_iso.as_deref(), Some("2008-05-14"));
    assert!(a.header.authors.is_empty());
    assert_eq!(a.header.source, None);
    assert_eq!(a.dateline, None);
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 3);
}

#[test]
fn dateline_without_spaces_and_source_from_bracket() {
    let a = parse(&fixture("afp-dateline.txt"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2025-09-03"));
    assert_eq!(a.dateline.as_deref(), Some("PARIS (AFP)"));
    assert_eq!(a.header.source.as_deref(), Some("Agence France-Presse"));
    assert!(a.blocks[0].text.starts_with("A touring orchestra"));
    assert_eq!(a.blocks.len(), 2);
    no_debris(&a);
}

#[test]
fn no_structure_still_loads() {
    let a = parse(&fixture("plain.txt"));
    assert_eq!(a.header.title, "Notes from a quiet week in the hills");
    assert_eq!(a.header.date, None);
    assert_eq!(a.dateline, None);
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(
        paras,
        [
            "the road was closed for most of the week and nobody seemed to mind much",
            "some days it rained, some days it did not"
        ]
    );
    let empty = parse("");
    assert_eq!(empty.header.title, "");
    assert!(empty.blocks.is_empty());
    let one = parse("Just a headline");
    assert_eq!(one.header.title, "Just a headline");
    assert!(one.blocks.is_empty());
}

#[test]
fn every_date_line_form() {
    for (line, iso) in [
        ("Jan 08, 2026", "2026-01-08"),
        ("January 8, 2026", "2026-01-08"),
        ("Thursday, June 10, 2021", "2021-06-10"),
        ("2026-01-08", "2026-01-08"),
        ("Updated 3:15 PM EST, January 8, 2026", "2026-01-08"),
        (
            "Page last updated at 07:31 GMT, Wednesday, 14 May 2008 08:31 UK",
            "2008-05-14",
        ),
        ("8 January 2026", "2026-01-08"),
        ("Jan. 8, 2026", "2026-01-08"),
        ("Sept. 3, 2025", "2025-09-03"),
    ] {
        let a = parse(&format!(
            "A headline\n  {line}  \nThe first paragraph ends here."
        ));
        assert_eq!(a.header.date.as_deref(), Some(line), "{line}");
        assert_eq!(a.header.date_iso.as_deref(), Some(iso), "{line}");
        assert_eq!(a.blocks.len(), 1, "{line}");
        assert_eq!(
            header(&format!("A headline\n{line}\n"), false)
                .header
                .date_iso
                .as_deref(),
            Some(iso)
        );
    }
    let a = parse("A headline\nFebruary 30, 2026\nBody.");
    assert_eq!(
        a.header.date_iso, None,
        "a day that does not exist is not a date"
    );
}

#[test]
fn byline_forms() {
    for (byline, authors, source) in [
        (
            "By ANN LEE, Associated Press",
            vec!["ANN LEE"],
            Some("Associated Press"),
        ),
        (
            "By Ann Lee, Bo Park and Cy Diaz",
            vec!["Ann Lee", "Bo Park", "Cy Diaz"],
            None,
        ),
        ("By Ann Lee and Bo Park", vec!["Ann Lee", "Bo Park"], None),
        (
            "By Ann Lee\nThe Associated Press",
            vec!["Ann Lee"],
            Some("Associated Press"),
        ),
        ("By Ann Lee\nReuters", vec!["Ann Lee"], Some("Reuters")),
        (
            "By Ann Lee, The Associated Press",
            vec!["Ann Lee"],
            Some("Associated Press"),
        ),
    ] {
        let a = parse(&format!(
            "A headline\nJan 8, 2026\n{byline}\nThe first paragraph ends here."
        ));
        assert_eq!(a.header.authors, authors, "{byline}");
        assert_eq!(a.header.source.as_deref(), source, "{byline}");
        assert_eq!(a.blocks.len(), 1, "{byline}");
    }
}

#[test]
fn source_from_the_dateline_bracket() {
    for (dateline, source) in [
        ("OSLO (AP) — Ferries stopped.", "Associated Press"),
        ("OSLO (Reuters) - Ferries stopped.", "Reuters"),
        (
            "OSLO, Norway (AFP) – Ferries stopped.",
            "Agence France-Presse",
        ),
    ] {
        let a = parse(&format!("A headline\n{dateline}"));
        assert_eq!(a.header.source.as_deref(), Some(source), "{dateline}");
        assert_eq!(a.blocks[0].text, "Ferries stopped.");
        assert_eq!(
            header(&format!("A headline\n{dateline}\n"), false)
                .header
                .source
                .as_deref(),
            Some(source)
        );
    }
}

#[test]
fn sentence_starting_with_an_acronym_is_no_dateline() {
    let a = parse(
        "A headline\nNASA said on Tuesday — after a long delay — that the probe would launch.",
    );
    assert_eq!(a.dateline, None);
    assert!(a.blocks[0].text.starts_with("NASA said"));
    let a = parse("A headline\nUN officials said the talks - if they happen - would be short.");
    assert_eq!(a.dateline, None);
}

#[test]
fn every_debris_line_is_dropped() {
    let text = "A headline\nFirst.\n...read more\nread less\nRead more\nAdvertisement\nShare\nCopy Link\nShow more\nSecond.";
    let a = parse(text);
    assert_eq!(texts(&a, BlockKind::Paragraph), ["First.", "Second."]);
}

#[test]
fn credit_in_the_middle_stays_a_paragraph() {
    let a = parse(
        "A headline\nJo Ruiz contributed.\nThe story goes on here.\nAna Ruiz contributed to this report.\nRuiz reported from Lima.",
    );
    assert_eq!(
        texts(&a, BlockKind::Paragraph),
        ["Jo Ruiz contributed.", "The story goes on here."]
    );
    assert_eq!(
        a.footer,
        [
            "Ana Ruiz contributed to this report.",
            "Ruiz reported from Lima."
        ]
    );
}

#[test]
fn header_matches_parse_on_every_fixture() {
    for name in [
        "harbor-strike.txt",
        "related-then-paragraph.txt",
        "hard-wrapped.txt",
        "live-blog.txt",
        "page-updated.txt",
        "plain.txt",
        "afp-dateline.txt",
    ] {
        let text = fixture(name);
        let a = parse(&text);
        let h = header(&text, false);
        assert_eq!(h.header.title, a.header.title, "{name}");
        assert_eq!(h.header.date, a.header.date, "{name}");
        assert_eq!(h.header.date_iso, a.header.date_iso, "{name}");
        assert_eq!(h.header.authors, a.header.authors, "{name}");
        assert_eq!(h.header.source, a.header.source, "{name}");
    }
}

#[test]
fn header_reads_only_the_top() {
    let mut text = String::from("A headline\nJan 8, 2026\n");
    for _ in 0..10 {
        text.push_str("A paragraph that ends.\n");
    }
    text.push_str("By LATE NAME, Associated Press\n");
    let h = header(&text, false);
    assert!(h.header.authors.is_empty());
    assert_eq!(h.header.source, None);
}

#[test]
fn header_ignores_a_line_cut_short() {
    // The caller passes the first few KB: the final, unterminated line may be cut anywhere.
    let title = "Long headline ".repeat(100);
    let text = format!("{title}\nJan 8, 2026\nBy ANN LEE, Associ");
    let h = header(&text, true);
    assert_eq!(h.header.title, title.trim());
    assert_eq!(h.header.date_iso.as_deref(), Some("2026-01-08"));
    assert!(
        h.header.authors.is_empty(),
        "a cut byline is not read: {:?}",
        h.header.authors
    );
    // A whole file of one line is its title; cut short, that line is no title yet.
    let h = header(&"word ".repeat(1000), false);
    assert_eq!(h.header.title.split(' ').count(), 1000);
    assert_eq!(header(&"word ".repeat(1000), true).header.title, "");
    // A line cut past the longest headline is no headline, as in the whole parse.
    let over = "word ".repeat(MAX_HEADLINE / 5 + 1);
    assert_eq!(
        header(&format!("{over}\nBy ANN LEE"), false).header.title,
        ""
    );
    assert_eq!(header(&over, true).header.title, "");
    assert_eq!(parse(&over).header.title, "");
    // A whole text: its last line counts.
    let h = header("A headline\nBy ANN LEE", false);
    assert_eq!(h.header.authors, ["ANN LEE"]);
}

#[test]
fn five_megabyte_line_and_two_megabyte_word() {
    let para = "The harbor was quiet again. ".repeat(180_000);
    let text = format!("A headline\n{para}\nRelated\n{}\n", "x".repeat(2_000_000));
    let a = parse(&text);
    assert_eq!(a.blocks.len(), 1);
    assert_eq!(a.blocks[0].text, para.trim_end());
    assert_eq!(a.related.len(), 1);
    assert_eq!(a.related[0].title.len(), 2_000_000);

    // Far too long for a headline: kept whole as the first paragraph.
    let word = "y".repeat(2_000_000);
    let a = parse(&word);
    assert_eq!(a.header.title, "");
    assert_eq!(a.blocks[0].text.len(), 2_000_000);
    let h = header(&word, false);
    assert_eq!(h.header.title, "");

    let line = format!("OSLO (AP) — Z{}", " z".repeat(2_500_000));
    let a = parse(&format!(
        "A headline\n{line}\nhttps://example.org/{}",
        "u".repeat(2_000_000)
    ));
    assert_eq!(a.dateline.as_deref(), Some("OSLO (AP)"));
    assert_eq!(a.links.len(), 1);
}

#[test]
fn reference_article_when_present() {
    let Some(path) = crate::common::reference_article() else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let a = parse(&text);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    assert_eq!(a.header.title, first.trim());
    assert_eq!(a.header.date.as_deref(), Some("Jan 08, 2026"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-01-08"));
    assert_eq!(a.header.authors, ["MATIAS DELACROIX"]);
    assert_eq!(a.header.source.as_deref(), Some("Associated Press"));
    assert_eq!(a.dateline.as_deref(), Some("GUATIRE, Venezuela (AP)"));
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 23);
    assert_eq!(texts(&a, BlockKind::Heading).len(), 3);
    assert_eq!(a.related.len(), 5);
    assert_eq!(a.footer.len(), 2);
    no_debris(&a);
    let h = header(&text[..text.floor_char_boundary(4096)], true);
    assert_eq!(
        (
            h.header.title,
            h.header.date,
            h.header.authors,
            h.header.source
        ),
        (
            a.header.title,
            a.header.date,
            a.header.authors,
            a.header.source
        )
    );
}
