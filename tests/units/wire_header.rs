//! The header of news-wire files in their common real-world shapes: one fixture per shape in
//! tests/fixtures/wire-header, each with the fields a careful reader would take from it.

use byline::article::{Article, BlockKind};
use byline::load::wire::{header, parse, split_dateline};
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wire-header")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What one fixture must give.
struct Want {
    file: &'static str,
    title: &'static str,
    standfirst: Option<&'static str>,
    date: Option<&'static str>,
    date_iso: Option<&'static str>,
    datetime: Option<&'static str>,
    authors: &'static [&'static str],
    source: Option<&'static str>,
    dateline: Option<&'static str>,
    captions: &'static [&'static str],
    /// The start of the first paragraph (after the dateline).
    first: &'static str,
}

const WANT: &[Want] = &[
    Want {
        file: "dek-one-per-line.txt",
        title: "Ferry operators in Kessel agree to restore the winter timetable",
        standfirst: Some(
            "Talks ended late on Friday with a promise of two extra crossings a day, but unions say the deal still leaves night crews short",
        ),
        date: Some("Sat 24 Feb 2024 11.42 GMT"),
        date_iso: Some("2024-02-24"),
        datetime: Some("2024-02-24T11:42Z"),
        authors: &["Ada Holm"],
        source: Some("Meridian News"),
        dateline: None,
        captions: &[],
        first: "Ferry operators in Kessel have agreed",
    },
    Want {
        file: "dek-blank-separated.txt",
        title: "Orchard growers in Veldmark count the cost of a late frost",
        standfirst: Some(
            "Frost on three nights in April killed most of the blossom in the valley's oldest orchards, and growers fear a second bad year.",
        ),
        date: Some("Published 8:00 AM EDT, Thu August 8, 2024"),
        date_iso: Some("2024-08-08"),
        datetime: Some("2024-08-08T08:00-04:00"),
        authors: &["Lena Marsh", "Tomas Vik", "Ida Sorlie"],
        source: Some("CNN"),
        dateline: Some("Kessel, Veldmark (CNN)"),
        captions: &[],
        first: "Growers in the upper valley",
    },
    Want {
        file: "dek-after-date.txt",
        title: "Harbour board votes to dredge the north channel",
        standfirst: Some(
            "The work will close the channel to larger ships for six weeks from March.",
        ),
        date: Some("Jan 8, 2026"),
        date_iso: Some("2026-01-08"),
        datetime: None,
        authors: &[],
        source: Some("Reuters"),
        dateline: Some("PORT EMBER, Jan 8 (Reuters)"),
        captions: &[],
        first: "The harbour board voted on Thursday",
    },
    Want {
        file: "staff-byline-and-date.txt",
        title: "Kessel library to open on Sundays after petition",
        standfirst: None,
        date: Some("Sat 24 Feb 2024 11.42 GMT"),
        date_iso: Some("2024-02-24"),
        datetime: Some("2024-02-24T11:42Z"),
        authors: &["Kessel staff reporter"],
        source: None,
        dateline: None,
        captions: &[],
        first: "The town library will open",
    },
    Want {
        file: "name-below-date.txt",
        title: "Night buses return to the coast road",
        standfirst: None,
        date: Some("Posted: Aug 08, 2024 8:00 AM ET"),
        date_iso: Some("2024-08-08"),
        datetime: Some("2024-08-08T08:00-04:00"),
        authors: &["Ada Holm"],
        source: None,
        dateline: None,
        captions: &[],
        first: "Night buses will run",
    },
    Want {
        file: "written-by-colon-dateline.txt",
        title: "Ostervik brewery wins export licence",
        standfirst: None,
        date: Some("8.1.2026"),
        date_iso: Some("2026-01-08"),
        datetime: None,
        authors: &["Tomas Vik"],
        source: None,
        dateline: Some("OSTERVIK"),
        captions: &[],
        first: "The town's only brewery",
    },
    Want {
        file: "from-the-ap-after-caption.txt",
        title: "Kessel council approves new sea wall",
        standfirst: None,
        date: Some("2026-01-08T13:55:00Z"),
        date_iso: Some("2026-01-08"),
        datetime: Some("2026-01-08T13:55:00Z"),
        authors: &[],
        source: Some("Associated Press"),
        dateline: Some("KESSEL, Veldmark (AP)"),
        captions: &["(AP Photo/Ada Holm)"],
        first: "The council approved a new sea wall",
    },
    Want {
        file: "from-reuters-byline.txt",
        title: "Grain barges queue as river levels fall",
        standfirst: None,
        date: Some("March 7, 2026"),
        date_iso: Some("2026-03-07"),
        datetime: None,
        authors: &["ADA HOLM"],
        source: Some("Reuters"),
        dateline: Some("EMBER/KESSEL, March 7 (Reuters)"),
        captions: &[],
        first: "Grain barges queued for a second day",
    },
    Want {
        file: "source-label-line.txt",
        title: "Ferry pilots walk out over the night rota",
        standfirst: None,
        date: Some("Dec. 3, 2026"),
        date_iso: Some("2026-12-03"),
        datetime: None,
        authors: &["Maren Solberg"],
        source: Some("Kessel Evening Post"),
        dateline: None,
        captions: &[],
        first: "The pilots left the quay at dawn",
    },
    Want {
        file: "for-the-ap-byline.txt",
        title: "Lighthouse keepers' cottages sold at auction",
        standfirst: None,
        date: Some("Updated 3:15 PM EST, January 8, 2026"),
        date_iso: Some("2026-01-08"),
        datetime: Some("2026-01-08T15:15-05:00"),
        authors: &["JANE DOE"],
        source: Some("Associated Press"),
        dateline: Some("PORT CALLOWAY"),
        captions: &[],
        first: "Three lighthouse keepers' cottages",
    },
    Want {
        file: "author-and-ap.txt",
        title: "Cranes return to the Kessel marshes",
        standfirst: None,
        date: Some("Nov 22, 2025"),
        date_iso: Some("2025-11-22"),
        datetime: None,
        authors: &["Ada Holm"],
        source: Some("Associated Press"),
        dateline: Some("KESSEL, Nov 22"),
        captions: &[],
        first: "Common cranes have nested",
    },
    Want {
        file: "outlet-only-byline.txt",
        title: "Tram drivers accept pay offer",
        standfirst: None,
        date: Some("Feb 26, 2026"),
        date_iso: Some("2026-02-26"),
        datetime: None,
        authors: &[],
        source: Some("Meridian News"),
        dateline: Some("KESSEL, Feb 26"),
        captions: &[],
        first: "Tram drivers in Kessel voted",
    },
    Want {
        file: "agency-only-dateline.txt",
        title: "Storm closes mountain passes in Veldmark",
        standfirst: None,
        date: Some("Thursday, January 8, 2026"),
        date_iso: Some("2026-01-08"),
        datetime: None,
        authors: &["Tomas Vik"],
        source: Some("CNN"),
        dateline: Some("(CNN)"),
        captions: &[],
        first: "Heavy snow closed every mountain pass",
    },
    Want {
        file: "old-wire-archive.txt",
        title: "VELDMARK MILLING SHARES RISE ON TAKEOVER TALK",
        standfirst: None,
        date: Some("26-FEB-1987 15:38:26.23"),
        date_iso: Some("1987-02-26"),
        datetime: Some("1987-02-26T15:38:26"),
        authors: &[],
        source: Some("Reuters"),
        dateline: Some("KESSEL, Feb 26"),
        captions: &[],
        first: "Shares in Veldmark Milling Co rose sharply",
    },
    Want {
        file: "numeric-date-gmt1.txt",
        title: "Ostervik opens its first cycle bridge",
        standfirst: None,
        date: Some("06/01/2026 - 13:55 GMT+1"),
        date_iso: Some("2026-01-06"),
        datetime: Some("2026-01-06T13:55+01:00"),
        authors: &[],
        source: None,
        dateline: None,
        captions: &[],
        first: "The first cycle bridge",
    },
    Want {
        file: "numeric-date-undecided.txt",
        title: "Kessel market moves indoors for winter",
        standfirst: None,
        date: Some("06/01/2026"),
        date_iso: None,
        datetime: None,
        authors: &[],
        source: None,
        dateline: None,
        captions: &[],
        first: "The weekly market has moved",
    },
    Want {
        file: "numeric-date-from-text.txt",
        title: "Port Calloway school reopens after repairs",
        standfirst: None,
        date: Some("03/04/2026"),
        date_iso: Some("2026-04-03"),
        datetime: None,
        authors: &[],
        source: None,
        dateline: None,
        captions: &[],
        first: "The primary school reopened",
    },
    Want {
        file: "captions-before-body.txt",
        title: "Police close the harbour road after a landslip",
        standfirst: None,
        date: Some("Jan 8, 2026"),
        date_iso: Some("2026-01-08"),
        datetime: None,
        authors: &["Ada Holm"],
        source: Some("Associated Press"),
        dateline: Some("PORT EMBER, Veldmark (AP)"),
        captions: &[
            "Image caption, Police lights on the harbour road on Wednesday night",
            "Police lights",
            "Photo: Tomas Vik/Meridian News",
        ],
        first: "Police closed the harbour road",
    },
    Want {
        file: "prose-first-paragraph.txt",
        title: "The last ferry of the season",
        standfirst: None,
        date: Some("Jan 8, 2026"),
        date_iso: Some("2026-01-08"),
        datetime: None,
        authors: &[],
        source: None,
        dateline: None,
        captions: &[],
        first: "Kessel, the old port town, woke to sirens",
    },
    Want {
        file: "relative-date.txt",
        title: "Kessel bakery wins regional bread prize",
        standfirst: None,
        date: Some("5 hours ago"),
        date_iso: None,
        datetime: None,
        authors: &[],
        source: None,
        dateline: None,
        captions: &[],
        first: "A family bakery in Kessel",
    },
    Want {
        file: "date-box-run-together.txt",
        title: "Harbour pilots in Ostervik vote to end a week of go-slow action",
        standfirst: None,
        date: Some("December 3, 20263:12 PM UTCUpdated 2 hours ago"),
        date_iso: Some("2026-12-03"),
        datetime: Some("2026-12-03T15:12Z"),
        authors: &["Mira Castell"],
        source: Some("Meridian News"),
        dateline: Some("OSTERVIK, Dec 3 (Meridian News)"),
        captions: &[],
        first: "Harbour pilots in Ostervik voted",
    },
    Want {
        file: "name-in-place-above-date.txt",
        title: "Ostervik council delays its vote on the new tram line until spring",
        standfirst: None,
        date: Some("Thu 3 Dec 2026 09.15 GMT"),
        date_iso: Some("2026-12-03"),
        datetime: Some("2026-12-03T09:15Z"),
        authors: &["Anna Sollis"],
        source: None,
        dateline: None,
        captions: &[],
        first: "The city council of Ostervik",
    },
    Want {
        file: "share-save-buttons.txt",
        title: "A lighthouse keeper's logbooks go on show in Port Ellis",
        standfirst: None,
        date: Some("Updated 11:40 AM EST, Wed December 2, 2026"),
        date_iso: Some("2026-12-02"),
        datetime: Some("2026-12-02T11:40-05:00"),
        authors: &["Tomas Vik"],
        source: Some("The Harbor Gazette"),
        dateline: Some("PORT ELLIS"),
        captions: &[],
        first: "Forty years of handwritten logbooks",
    },
    Want {
        file: "byline-dash-date.txt",
        title: "Snow closes the mountain road to Veldmark for a third day",
        standfirst: None,
        date: Some("December 1, 2026"),
        date_iso: Some("2026-12-01"),
        datetime: None,
        authors: &["Lena Marsh"],
        source: None,
        dateline: None,
        captions: &[],
        first: "The only road over the pass",
    },
];

fn captions(a: &Article) -> Vec<&str> {
    a.blocks
        .iter()
        .take_while(|b| b.kind == BlockKind::Caption)
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn every_header_shape_gives_its_fields() {
    let mut failures = Vec::new();
    for w in WANT {
        let a = parse(&fixture(w.file));
        let first = a
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .map_or("", |b| b.text.as_str());
        let got = (
            a.header.title.as_str(),
            a.standfirst.as_deref(),
            a.header.date.as_deref(),
            a.header.date_iso.as_deref(),
            a.datetime.as_deref(),
            a.header
                .authors
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            a.header.source.as_deref(),
            a.dateline.as_deref(),
            captions(&a),
        );
        let want = (
            w.title,
            w.standfirst,
            w.date,
            w.date_iso,
            w.datetime,
            w.authors.to_vec(),
            w.source,
            w.dateline,
            w.captions.to_vec(),
        );
        if got != want || !first.starts_with(w.first) {
            failures.push(format!(
                "{}:\n  got  {got:?}\n  want {want:?}\n  first paragraph {first:?}",
                w.file
            ));
        }
        // Nothing of the header reaches the body as text, and no caption is read as story.
        for b in &a.blocks {
            assert_ne!(b.kind, BlockKind::Heading, "{}: {:?}", w.file, b.text);
            if b.kind == BlockKind::Paragraph {
                for line in [w.date, w.standfirst].into_iter().flatten() {
                    assert!(!b.text.contains(line), "{}: {line:?} in the body", w.file);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn list_rows_agree_with_the_parse() {
    for w in WANT {
        let text = fixture(w.file);
        let a = parse(&text);
        let h = header(&text, false);
        assert_eq!(h.header.title, a.header.title, "{}", w.file);
        assert_eq!(h.header.date, a.header.date, "{}", w.file);
        assert_eq!(h.header.authors, a.header.authors, "{}", w.file);
        // The old archive names its agency only in the sign-off at the very end, which a list
        // row does not read; the body settles one numeric date that the header alone cannot.
        if w.file != "old-wire-archive.txt" {
            assert_eq!(h.header.source, a.header.source, "{}", w.file);
        }
        if w.file != "numeric-date-from-text.txt" {
            assert_eq!(h.header.date_iso, a.header.date_iso, "{}", w.file);
        }
    }
}

#[test]
fn an_undecided_numeric_date_warns() {
    let a = parse(&fixture("numeric-date-undecided.txt"));
    assert!(
        a.warnings.iter().any(|w| w.contains("06/01/2026")),
        "{:?}",
        a.warnings
    );
    let a = parse(&fixture("numeric-date-gmt1.txt"));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_relative_date_is_counted_back_from_the_file_time() {
    let dir = std::env::temp_dir().join(format!("byline-relative-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bakery.txt");
    std::fs::write(&path, fixture("relative-date.txt")).unwrap();
    // 2026-01-08 03:00 UTC: five hours earlier is the day before.
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_767_841_200);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let a = byline::load::load_file(&path).unwrap();
    let row = byline::load::head::read(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(a.header.date.as_deref(), Some("5 hours ago"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-01-07"));
    assert!(
        a.warnings.iter().any(|w| w.contains("modification time")),
        "{:?}",
        a.warnings
    );
    assert_eq!(row.header.date_iso.as_deref(), Some("2026-01-07"));
}

#[test]
fn a_headline_line_that_is_only_a_date_stays_the_headline() {
    let a = parse("Jan 8, 2026\n");
    assert_eq!(a.header.title, "Jan 8, 2026");
    assert_eq!(a.header.date, None);
}

#[test]
fn the_dateline_finder_is_shared() {
    assert_eq!(
        split_dateline("PORT EMBER, April 25 (Reuters) - Barges queued."),
        Some((
            "PORT EMBER, April 25 (Reuters)".to_string(),
            "Barges queued.".to_string()
        ))
    );
    assert_eq!(
        byline::load::wire::dateline_source("PORT EMBER, April 25 (Reuters)").as_deref(),
        Some("Reuters")
    );
    assert_eq!(
        byline::load::wire::dateline_source("KESSEL (AP)").as_deref(),
        Some("Associated Press")
    );
    assert_eq!(byline::load::wire::dateline_source("KESSEL"), None);
    assert_eq!(split_dateline("Barges queued on the river - again."), None);
}

#[test]
fn huge_header_lines_stay_cheap_and_whole() {
    let big = "Kessel ".repeat(200_000);
    let from = format!("From {big}");
    let by = format!("By {big}");
    let text = format!("{big}\n{from}\n{by}\n(AP Photo/{big})\n{big}\n");
    let a = parse(&text);
    // Far longer than a headline (`MAX_HEADLINE`): the first line is the first paragraph.
    assert_eq!(a.header.title, "");
    assert!(a.header.authors.is_empty() && a.header.source.is_none());
    // Every line is kept somewhere: none is dropped as header.
    let kept: usize = a.blocks.iter().map(|b| b.text.len()).sum();
    assert!(kept >= 5 * big.trim_end().len(), "{kept}");
    // Under the bound, a long first line is the headline, whole.
    let long = "Kessel ".repeat(9_000);
    let a = parse(&format!("{long}\n{by}\n{big}\n"));
    assert_eq!(a.header.title, long.trim_end());
}
