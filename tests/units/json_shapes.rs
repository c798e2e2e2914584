//! The JSON loader against the shapes other tools write (tests/fixtures/json-shapes): NewsAPI,
//! news-please, JSON Feed, Wallabag, Pocket, WordPress, schema.org and unknown shapes.

use byline::article::{Article, BlockKind, Format, Image};
use byline::load::{self, json};
use byline::stand_in;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/json-shapes")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn first(name: &str) -> Article {
    json::parse(&text(name)).unwrap()
}

fn all(name: &str) -> Vec<Article> {
    json::parse_all(&text(name)).unwrap()
}

fn texts(a: &Article) -> Vec<(BlockKind, &str)> {
    a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
}

#[test]
fn newsapi_article() {
    let a = first("newsapi.json");
    // NewsAPI's ` - Source` after the headline is the source, not the headline.
    assert_eq!(
        a.header.title,
        "Kessel opens a night bus line to the airport"
    );
    assert_eq!(a.header.source.as_deref(), Some("Kessel Evening Post"));
    assert_eq!(a.header.authors, ["Marta Quist", "Jonas Feld"]);
    assert_eq!(
        a.standfirst.as_deref(),
        Some("The N9 runs every forty minutes from midnight and costs the same as a day ticket.")
    );
    assert_eq!(
        a.header.url.as_deref(),
        Some("https://kessel-post.example/transport/n9-night-bus")
    );
    assert_eq!(a.header.date.as_deref(), Some("2024-08-08T13:55:00Z"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2024-08-08"));
    assert_eq!(a.datetime.as_deref(), Some("2024-08-08T13:55:00Z"));
    assert_eq!(
        a.images,
        [Image {
            block: 0,
            alt: String::new(),
            src: "https://kessel-post.example/img/n9.jpg".into()
        }]
    );
    assert_eq!(a.blocks[0].kind, BlockKind::Image);
    // The text is kept up to NewsAPI's cut mark; the mark becomes a warning.
    let last = &a.blocks.last().unwrap().text;
    assert!(
        last.ends_with("since the airport extended its hours…"),
        "{last}"
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("1873 more characters"))
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w == "the file holds 3 articles; this is the first")
    );
    assert_eq!(a.links[0].url, a.header.url.clone().unwrap());
}

#[test]
fn every_article_of_a_list_in_order() {
    let list = all("newsapi.json");
    let titles: Vec<_> = list.iter().map(|a| a.header.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Kessel opens a night bus line to the airport",
            "Veldmark grain harvest starts a week early",
            "Ostervik lifeboat crew rescues two kayakers",
        ]
    );
    // An author given as a web address is no name.
    assert!(list[1].header.authors.is_empty());
    assert!(
        list[1].warnings[0].contains("web address"),
        "{:?}",
        list[1].warnings
    );
    assert_eq!(list[1].standfirst, None);
    assert!(list[1].images.is_empty());
    // No content: no body, but the description stays the standfirst.
    assert!(list[2].blocks.is_empty());
    assert_eq!(
        list[2].standfirst.as_deref(),
        Some("Both were brought ashore unhurt.")
    );
    // Only `parse` speaks of the other articles.
    assert!(!list[0].warnings.iter().any(|w| w.contains("holds 3")));
}

#[test]
fn news_please_article() {
    let a = first("news-please.json");
    assert_eq!(
        a.header.title,
        "Port Calloway boatyard wins its first new-build order in twenty years"
    );
    assert_eq!(a.header.authors, ["Sanna Holm"]);
    assert_eq!(a.header.date.as_deref(), Some("2026-03-09 07:45:00"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-03-09"));
    // No zone is stated, so none is invented.
    assert_eq!(a.datetime.as_deref(), Some("2026-03-09T07:45:00"));
    assert_eq!(a.header.source.as_deref(), Some("calloway-news.example"));
    assert!(
        a.standfirst
            .as_deref()
            .unwrap()
            .starts_with("Port Calloway's oldest")
    );
    // One paragraph a line, after the lead picture.
    assert_eq!(
        texts(&a)[1..],
        [
            (
                BlockKind::Paragraph,
                "The Lind boatyard in Port Calloway has won an order for two small passenger ferries."
            ),
            (BlockKind::Paragraph, "It last launched a new hull in 2006."),
            (
                BlockKind::Paragraph,
                "\"We kept the slipway oiled for this day,\" said yard manager Erik Lind."
            ),
        ]
    );
    assert_eq!(
        a.images[0].src,
        "https://calloway-news.example/img/boatyard.jpg"
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn json_feed_items() {
    let items = all("jsonfeed.json");
    assert_eq!(items.len(), 2);
    let a = &items[0];
    assert_eq!(a.header.title, "Veldmark market hall gets a new roof");
    // The feed's title is the publication of its items.
    assert_eq!(a.header.source.as_deref(), Some("Veldmark Courier"));
    assert_eq!(a.header.authors, ["Petra Lund"]);
    assert_eq!(a.tags, ["markets", "building"]);
    assert_eq!(
        a.standfirst.as_deref(),
        Some("Work starts in May and the traders move to the car park until August.")
    );
    assert_eq!(a.datetime.as_deref(), Some("2026-04-03T10:00:00+02:00"));
    // HTML content becomes text: every word kept, no tag shown.
    let body: String = a
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(body.contains("close for roof repairs from May."), "{body}");
    assert!(body.contains("north car park until August."), "{body}");
    assert!(!body.contains('<') && !body.contains('>'), "{body}");
    // An item without authors shares the feed's.
    let b = &items[1];
    assert_eq!(b.header.authors, ["Courier Desk"]);
    assert_eq!(
        texts(b),
        [
            (
                BlockKind::Paragraph,
                "The Veldmark town choir gave the first concert in the restored chapel on Sunday."
            ),
            (BlockKind::Paragraph, "About two hundred people came."),
        ]
    );
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
}

#[test]
fn wallabag_export() {
    let a = first("wallabag.json");
    assert_eq!(
        a.header.title,
        "Ostervik ferry timetable changes for the winter"
    );
    assert_eq!(a.header.authors, ["Liv Sandberg"]);
    // The publication date, not the date the page was saved.
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-10-19"));
    assert_eq!(a.datetime.as_deref(), Some("2026-10-19T07:00:00+02:00"));
    assert_eq!(a.tags, ["ferries", "winter"]);
    assert_eq!(a.header.source.as_deref(), Some("ostervik-daily.example"));
    let body: String = a.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(body.contains("four times a day instead of six."));
    assert!(body.contains("fewer visitors travel in the dark months."));
    assert!(!body.contains("<p>"));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn pocket_export() {
    let a = first("pocket.json");
    assert_eq!(a.header.title, "Kessel library extends its evening hours");
    assert_eq!(
        a.header.url.as_deref(),
        Some("https://kessel-post.example/culture/library-hours")
    );
    assert_eq!(a.header.authors, ["Rosa Velde"]);
    assert_eq!(a.tags, ["libraries"]);
    assert_eq!(
        texts(&a),
        [(
            BlockKind::Paragraph,
            "The central library in Kessel will stay open until nine on weekdays from next month."
        )]
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn wordpress_post() {
    let a = first("wordpress.json");
    assert_eq!(
        a.header.title,
        "Tide gauge at Port Calloway reads the highest water since 1998"
    );
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-05-12"));
    assert_eq!(
        a.header.url.as_deref(),
        Some("https://port-calloway-news.example/2026/05/12/tide-gauge/")
    );
    let body: String = a.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(
        body.contains("read 3.9 metres on Tuesday evening.")
            && body.contains("No streets flooded.")
    );
    // An author id is no name.
    assert!(a.header.authors.is_empty());
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn schema_org_article() {
    let a = first("schema-org.json");
    assert_eq!(
        a.header.title,
        "Veldmark council agrees a budget for cycle lanes"
    );
    assert_eq!(a.header.authors, ["Karin Ode"]);
    assert_eq!(a.header.source.as_deref(), Some("Veldmark Courier"));
    assert_eq!(a.tags, ["cycling", "council"]);
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-06-02"));
    assert_eq!(
        a.images[0].src,
        "https://veldmark-courier.example/img/lanes.jpg"
    );
    assert_eq!(a.blocks.len(), 3);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn unknown_shapes_load_what_they_can_and_warn() {
    let a = first("unknown.json");
    assert_eq!(a.header.title, "Kessel swimming pool reopens after repairs");
    assert_eq!(a.blocks.len(), 2);
    assert_eq!(
        a.warnings,
        [r#"unknown JSON shape: title from "name"; text from "story""#]
    );
    // A field "when" holding words is not a date.
    assert_eq!(a.header.date, None);
    let b = first("unknown-text.json");
    assert!(b.blocks[0].text.starts_with("Dredgers finished"));
    assert_eq!(
        b.warnings,
        [r#"unknown JSON shape: title from "title"; text from "bodyCopy""#]
    );
}

#[test]
fn only_invalid_json_or_no_article_is_an_error() {
    let err = |t: &str| format!("{:#}", json::parse(t).unwrap_err());
    assert!(err(r#"{"title": "T",,}"#).starts_with("invalid JSON"));
    assert!(err("[]").starts_with("not a JSON object"));
    assert!(err(r#"{"articles": []}"#).starts_with("no article in the file"));
    // An error of one article of several names it.
    let e = format!(
        "{:#}",
        json::parse_all(r#"[{"title":"A"},{"title":"B","blocks":{}}]"#).unwrap_err()
    );
    assert_eq!(
        e,
        r#"article 2: field "blocks": expected an array, got an object"#
    );
    // Entries that are not objects are skipped, and said to be.
    let a = json::parse_all(r#"[1, {"title":"Only"}, "x"]"#).unwrap();
    assert_eq!(a.len(), 1);
    assert!(
        a[0].warnings[0].contains("2 entries"),
        "{:?}",
        a[0].warnings
    );
}

#[test]
fn html_in_byline_body_is_read_as_html() {
    let a = json::parse(r#"{"title":"T","body":"<p>Ferries ran.</p><p>Buses too.</p>"}"#).unwrap();
    let body: String = a.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(body.contains("Ferries ran.") && body.contains("Buses too."));
    assert!(!body.contains('<'));
    // Text that merely holds a `<` is not HTML.
    let b = json::parse(r#"{"title":"T","body":"Costs rose <5% a year."}"#).unwrap();
    assert_eq!(b.blocks[0].text, "Costs rose <5% a year.");
}

#[test]
fn new_fields_round_trip_through_json() {
    let a = first("newsapi.json");
    let back = json::parse(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back.header.title, a.header.title);
    assert_eq!(back.standfirst, a.standfirst);
    assert_eq!(back.datetime, a.datetime);
    assert_eq!(back.tags, a.tags);
    assert_eq!(back.header.url, a.header.url);
    assert_eq!(back.images, a.images);
    assert_eq!(back.blocks, a.blocks);
}

#[test]
fn escapes_in_new_fields_never_reach_the_article() {
    let a = json::parse(
        r#"{"title":"T","description":"dek\u001b[2J","tags":["a\u0007"],"url":"https://x.example/\u009b"}"#,
    )
    .unwrap();
    let out = serde_json::to_value(&a).unwrap().to_string();
    assert!(!out.contains("\\u00"), "{out}");
    assert!(!out.chars().any(|c| stand_in(c).is_some()), "{out}");
    let w = a.warnings.join("\n");
    assert!(
        w.contains("standfirst") && w.contains("tags") && w.contains("url"),
        "{w}"
    );
}

#[test]
fn files_and_stdin_load_as_json() {
    let a = load::load_file(&fixture("wallabag.json")).unwrap();
    assert_eq!(a.format, Format::Json);
    assert!(a.words > 10);
    let head = load::head::read(&fixture("newsapi.json")).unwrap();
    assert_eq!(
        head.header.title,
        "Kessel opens a night bus line to the airport"
    );
    let piped = load::parse_bytes(br#" [ {"title": "Piped"} ]"#, None).unwrap();
    assert_eq!(piped.format, Format::Json);
    assert_eq!(piped.header.title, "Piped");
}

#[test]
fn big_lists_and_big_fields_load() {
    let item = r#"{"title":"T","content":"<p>a</p>","tags":[{"label":"x"}]},"#;
    let list = format!("[{}{{\"title\":\"Last\"}}]", item.repeat(20_000));
    let a = json::parse(&list).unwrap();
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("holds 20001 articles"))
    );
    let every = json::parse_all(&list).unwrap();
    assert_eq!(every.len(), 20_001);
    assert_eq!(every[20_000].header.title, "Last");
    let html = format!(
        r#"{{"title":"T","content":"{}"}}"#,
        "<p>word</p><br>".repeat(200_000)
    );
    let h = json::parse(&html).unwrap();
    assert!(h.blocks.iter().all(|b| !b.text.contains('<')));
    let lt = format!(r#"{{"title":"T","content":"{}"}}"#, "<".repeat(1_000_000));
    assert!(!json::parse(&lt).unwrap().blocks.is_empty());
}

#[test]
fn unix_time_stamps_give_date_and_moment() {
    let a = json::parse(r#"{"title":"T","date":1715000000}"#).unwrap();
    assert_eq!(a.header.date.as_deref(), Some("1715000000"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2024-05-06"));
    assert_eq!(a.datetime.as_deref(), Some("2024-05-06T12:53:20Z"));
    let b = json::parse(r#"{"title":"T","published":"1715000000123"}"#).unwrap();
    assert_eq!(b.header.date_iso.as_deref(), Some("2024-05-06"));
    // A number too small to be a time stamp is kept as written and read as no date.
    let c = json::parse(r#"{"title":"T","date":2024}"#).unwrap();
    assert_eq!(
        (c.header.date.as_deref(), c.header.date_iso),
        (Some("2024"), None)
    );
}

#[test]
fn an_article_with_a_list_of_its_own_is_one_article() {
    let a = json::parse_all(
        r#"{"title":"Ferry fares","content":"Fares rise.","items":[{"name":"Adult"},{"name":"Child"}]}"#,
    )
    .unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].header.title, "Ferry fares");
}

#[test]
fn code_from_json_keeps_lines_and_drops_carriage_returns() {
    let a = json::parse(r#"{"title":"T","blocks":[{"kind":"code","text":"a = 1\r\nb = 2\r\n"}]}"#)
        .unwrap();
    assert_eq!(a.blocks[0].text, "a = 1\nb = 2");
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_wrapped_article_is_unwrapped() {
    let a = json::parse(
        r#"{"status":"ok","article":{"title":"Kessel ferry back","text":"It sails again."}}"#,
    )
    .unwrap();
    assert_eq!(a.header.title, "Kessel ferry back");
    assert_eq!(a.blocks[0].text, "It sails again.");
    // An object under such a key without a title of its own is not an article.
    let b = json::parse(r#"{"title":"T","content":"Body.","data":{"views":3}}"#).unwrap();
    assert_eq!(b.header.title, "T");
}
