//! The saved-page reader against the hand-written pages in tests/fixtures/html: header,
//! body blocks, links, related boxes, pictures, encodings, list rows and hostile input.

use byline::article::{Article, BlockKind, Format};
use byline::load::{self, head, html};
use byline::stand_in;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

fn load(name: &str) -> Article {
    load::load_file(&fixture(name)).unwrap()
}

fn texts(a: &Article) -> Vec<(BlockKind, &str)> {
    a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
}

fn all_text(a: &Article) -> String {
    a.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn related(a: &Article) -> Vec<(&str, &str)> {
    a.related
        .iter()
        .map(|r| (r.title.as_str(), r.url.as_deref().unwrap_or("")))
        .collect()
}

/// Every link's text is the block text at its place.
fn links_are_placed(a: &Article) {
    for l in &a.links {
        let at = l.at.expect("body links are placed");
        let words: String = a.blocks[at.block]
            .text
            .chars()
            .skip(at.start)
            .take(at.end - at.start)
            .collect();
        assert_eq!(words, l.text, "{l:?}");
    }
}

#[test]
fn news_site_with_json_ld_article_body_and_boilerplate() {
    let a = load("kessel-post.html");
    assert_eq!(a.format, Format::Html);
    assert_eq!(
        a.header.title,
        "Night ferry to Ostervik returns after two-year pause"
    );
    assert_eq!(a.header.authors, ["Hilde Brandvik", "Oskar Lunde"]);
    assert_eq!(a.header.source.as_deref(), Some("Kessel Post"));
    assert_eq!(a.header.date.as_deref(), Some("2026-06-02T06:30:00+01:00"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-06-02"));
    assert_eq!(a.datetime.as_deref(), Some("2026-06-02T06:30:00+01:00"));
    assert_eq!(
        a.header.url.as_deref(),
        Some("https://www.kesselpost.example/travel/2026/jun/02/night-ferry-returns")
    );
    assert_eq!(
        a.tags,
        [
            "Travel",
            "Ferries",
            "Ostervik",
            "shipping",
            "Kessel harbour"
        ]
    );
    assert_eq!(
        a.standfirst.as_deref(),
        Some(
            "The overnight crossing resumes in June with a smaller boat and a new timetable \
             built around the fish market."
        )
    );
    let body = texts(&a);
    // The lead picture beside the marked body, then the story; no furniture.
    assert_eq!(body[0].0, BlockKind::Image);
    assert_eq!(
        body[1],
        (
            BlockKind::Caption,
            "The Marta leaves Kessel harbour. Photograph: Ines Vold"
        )
    );
    assert!(
        body[2]
            .1
            .starts_with("The night ferry between Kessel and Ostervik")
    );
    assert!(body.contains(&(BlockKind::Heading, "A smaller boat, a slower crossing")));
    assert_eq!(
        body.last().unwrap().1,
        "Tickets go on sale on Friday. A cabin costs 64 crowns, and a seat in the lounge 22 crowns."
    );
    let text = all_text(&a);
    for furniture in [
        "cookies",
        "Skip to",
        "Share on",
        "Sign up",
        "Advertisement",
        "About time too",
        "Mayor of Kessel",
        "All rights reserved",
        "not text",
        "Ostervik harbour dredging",
    ] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
    assert_eq!(
        a.images[0].src, "images/ferry-at-dawn.jpg",
        "image paths stay as written"
    );
    assert_eq!(
        a.images[0].alt,
        "The ferry Marta leaving Kessel harbour at dawn"
    );
    assert_eq!(a.links.len(), 1);
    assert_eq!(a.links[0].text, "early fish market");
    assert_eq!(
        a.links[0].url,
        "https://www.kesselpost.example/business/2026/may/20/fish-market-hours"
    );
    links_are_placed(&a);
    // The in-body "Related:" box is a related entry, not story text; "Most viewed" is not.
    assert_eq!(
        related(&a),
        [(
            "Ostervik harbour dredging to finish before summer",
            "https://www.kesselpost.example/travel/2026/may/11/ostervik-harbour-dredging"
        )]
    );
    // The quote finder ran on the result.
    assert!(
        a.quotes
            .iter()
            .any(|q| q.speaker.as_deref() == Some("Rune Aasen"))
    );
}

#[test]
fn page_without_article_tag_title_from_title_element_more_on_this_story() {
    let a = load("port-calloway-herald.html");
    assert_eq!(
        a.header.title,
        "Port Calloway lighthouse keeper retires after 41 years"
    );
    assert_eq!(a.header.authors, ["Petra Sandvik"]);
    assert_eq!(a.datetime.as_deref(), Some("2026-06-04T09:12:44Z"));
    // The description is the first paragraph again: no standfirst.
    assert_eq!(a.standfirst, None);
    let body = texts(&a);
    assert!(body.contains(&(BlockKind::Heading, "The nine-day blackout")));
    assert_eq!(
        body[2].1,
        "Agnes Moller kept the light on Gull Point through storms, strikes and a power cut \
         that lasted nine days."
    );
    let text = all_text(&a);
    for furniture in [
        "Lighthouses",
        "Swimming baths",
        "cookies",
        "Copyright",
        "Weather",
    ] {
        assert!(!text.contains(furniture), "{furniture}");
    }
    assert_eq!(
        related(&a),
        [
            (
                "Gull Point light to be run from town",
                "https://herald.portcalloway.example/news/local-70011223"
            ),
            (
                "Storm leaves island without power",
                "https://herald.portcalloway.example/news/local-69900001"
            )
        ]
    );
}

#[test]
fn blog_in_windows_1252_with_related_posts_and_comments() {
    let a = load("veldmark-courier.html");
    assert!(a.warnings.iter().any(|w| w.contains("windows-1252")));
    assert_eq!(a.header.title, "Veldmark weir repairs finish early");
    assert_eq!(a.header.authors, ["Jonas Kirsch"]);
    assert_eq!(a.header.source.as_deref(), Some("The Veldmark Courier"));
    assert_eq!(
        a.standfirst.as_deref(),
        Some("Contractors beat the autumn deadline by six weeks.")
    );
    let body = texts(&a);
    assert_eq!(body.len(), 5, "{body:?}");
    assert!(
        body[1]
            .1
            .contains("“The old gates took four men and a winch,” said the board’s")
    );
    assert_eq!(body[3].0, BlockKind::Quote);
    let text = all_text(&a);
    assert!(text.contains("Untermühl"));
    for furniture in [
        "Share this",
        "dog walkers",
        "Recent Posts",
        "Previous:",
        "Posted in",
    ] {
        assert!(!text.contains(furniture), "{furniture}");
    }
    assert_eq!(
        related(&a),
        [
            (
                "Weir path closed for the summer",
                "https://veldmarkcourier.example/2026/04/02/weir-closed-for-repairs/"
            ),
            (
                "Flood wall plans for Untermühl go on show",
                "https://veldmarkcourier.example/2026/03/15/flood-wall-plans/"
            )
        ]
    );
}

#[test]
fn table_layout_page_is_found_by_its_paragraphs() {
    let a = load("ostervik-daily.htm");
    assert!(a.warnings.iter().any(|w| w.contains("windows-1252")));
    assert_eq!(
        a.header.title,
        "Town hall clock stops at 4.17 after lightning strike"
    );
    assert_eq!(a.header.authors, ["Nils Ek"]);
    assert_eq!(a.header.date.as_deref(), Some("Friday, 5 June 2026"));
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-06-05"));
    assert_eq!(
        (a.header.url.as_deref(), a.header.source.as_deref()),
        (None, None)
    );
    let body = texts(&a);
    assert!(body[0].1.starts_with("The clock on Ostervik town hall"));
    assert!(body.contains(&(BlockKind::Caption, "Storm damage reported to the council")));
    // A table is one paragraph per row, cells joined.
    assert!(body.contains(&(BlockKind::Paragraph, "Street | Damage")));
    assert!(body.contains(&(BlockKind::Paragraph, "Tower Lane | Fallen tree, power cut")));
    let text = all_text(&a);
    for furniture in ["Classifieds", "Print this story", "Copyright", "By Nils Ek"] {
        assert!(!text.contains(furniture), "{furniture}");
    }
}

#[test]
fn singlefile_page_with_data_uri_picture() {
    let path = fixture("kessel-tribune-singlefile.html");
    assert!(html::sniff(&std::fs::read(&path).unwrap()));
    let a = load("kessel-tribune-singlefile.html");
    assert_eq!(
        a.header.title,
        "Late frost costs Kessel orchards half their cherries"
    );
    assert_eq!(a.header.authors, ["Mara Olsen"]);
    assert_eq!(a.header.source.as_deref(), Some("Kessel Tribune"));
    assert_eq!(
        a.standfirst.as_deref(),
        Some("Growers on the south slope lost most of the crop in one night.")
    );
    assert_eq!(a.images.len(), 1);
    let img = &a.images[0];
    assert!(
        img.src.starts_with("data:image/png;base64,iVBOR"),
        "{}",
        img.src
    );
    assert_eq!(a.blocks[img.block].kind, BlockKind::Image);
    assert_eq!(a.blocks[img.block].text, img.alt);
    assert_eq!(a.blocks[img.block + 1].kind, BlockKind::Caption);
    let text = all_text(&a);
    assert!(!text.contains("var cfg") && !text.contains("Loading comments"));
    assert!(!text.contains("cup final"), "Trending is not the story");
    // Relative links are joined to the page's own address.
    assert_eq!(
        a.links[0].url,
        "https://kesseltribune.example/region/2026/06/05/01/orchard-fires.html"
    );
    assert_eq!(
        related(&a),
        [(
            "Cherry blossom arrives three weeks early",
            "https://kesseltribune.example/region/2026/05/20/cherry-blossom-early"
        )]
    );
}

#[test]
fn blog_post_with_code_lists_table_and_base_href() {
    let a = load("harbour-dev-notes.html");
    assert_eq!(a.header.authors, ["Lena Marsh"]);
    assert_eq!(a.tags, ["tides", "harbour software", "Port Calloway"]);
    assert_eq!(
        a.header.url.as_deref(),
        Some("https://harbourdev.example/posts/tide-tables/")
    );
    let body = texts(&a);
    assert!(body.contains(&(
        BlockKind::Code,
        "2026-01-01T00:00Z  2.31\n2026-01-01T00:06Z  2.35\n2026-01-01T00:12Z  2.38"
    )));
    assert!(body.contains(&(BlockKind::Heading, "Gaps in the record")));
    assert!(body.contains(&(BlockKind::ListItem, "S2, the solar half-day tide;")));
    assert!(body.contains(&(BlockKind::Paragraph, "M2 | 1.42 | 12.42")));
    assert!(body.contains(&(
        BlockKind::Quote,
        "A tide table is a forecast, not a promise: wind and pressure move the water too."
    )));
    assert!(!all_text(&a).contains("Contents"));
    let urls: Vec<&str> = a.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://harbourdev.example/code/tides/",
            "https://harbourdev.example/posts/gauge-upgrade/"
        ]
    );
    links_are_placed(&a);
    assert_eq!(a.related.len(), 2);
    assert_eq!(a.related[1].title, "What a storm surge does to the tables");
}

#[test]
fn wire_story_with_graph_json_ld_read_more_paragraph_and_trending() {
    let a = load("northgate-wire.html");
    assert_eq!(
        a.header.title,
        "Veldmark border crossing reopens to lorries"
    );
    assert_eq!(a.header.authors, ["Tomas Reiner"]);
    assert_eq!(a.tags, ["World", "Europe"]);
    assert_eq!(
        a.header.url.as_deref(),
        Some("https://northgatewire.example/world/veldmark-border-crossing-reopens")
    );
    assert_eq!(
        a.standfirst.as_deref(),
        Some(
            "Queues of up to 30 kilometres had built up on both sides during the four-day closure."
        )
    );
    let text = all_text(&a);
    assert!(text.starts_with("VELDMARK, Ostland (NW) — The main border crossing"));
    for furniture in [
        "Read more",
        "Ostervik win",
        "ferry fares",
        "Transport",
        "Terms",
    ] {
        assert!(!text.contains(furniture), "{furniture}");
    }
    assert_eq!(
        related(&a),
        [(
            "Veldmark customs officers walk out over night shifts",
            "https://northgatewire.example/world/veldmark-customs-strike-begins"
        )]
    );
}

#[test]
fn xhtml_page_with_microdata_byline_and_caption_class() {
    let a = load("lakeside-gazette.xhtml");
    assert_eq!(
        a.header.title,
        "Ostervik lake swimmers return as algae clears"
    );
    assert_eq!(a.header.authors, ["Sofie Lind"]);
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-06-07"));
    assert_eq!(a.datetime, None);
    assert_eq!(a.standfirst, None, "the description is the first paragraph");
    let body = texts(&a);
    assert!(body.contains(&(BlockKind::Image, "Children jumping from the jetty")));
    assert!(body.contains(&(
        BlockKind::Caption,
        "The jetty on the north shore on Sunday afternoon"
    )));
    assert!(body.contains(&(
        BlockKind::ListItem,
        "Every Monday, at three places on the shore"
    )));
    assert_eq!(a.images[0].src, "photos/lake-jetty.jpg");
    assert!(a.related.is_empty(), "Popular stories is site-wide");
    assert!(!all_text(&a).contains("Market square"));
}

#[test]
fn list_rows_read_the_head_and_agree_with_the_full_parse() {
    for name in [
        "kessel-post.html",
        "veldmark-courier.html",
        "kessel-tribune-singlefile.html",
        "northgate-wire.html",
    ] {
        let row = head::read(&fixture(name)).unwrap();
        let full = load(name);
        assert_eq!(row.header.title, full.header.title, "{name}");
        assert_eq!(row.header.date_iso, full.header.date_iso, "{name}");
        assert_eq!(row.header.authors, full.header.authors, "{name}");
        assert_eq!(row.header.source, full.header.source, "{name}");
        assert_eq!(row.header.url, full.header.url, "{name}");
        assert!(!row.id.is_empty());
    }
    // The list's tag column and `/tag:` need them from the head alone.
    assert_eq!(
        head::read(&fixture("kessel-post.html")).unwrap().tags,
        [
            "Travel",
            "Ferries",
            "Ostervik",
            "shipping",
            "Kessel harbour"
        ]
    );
}

#[test]
fn a_list_row_knows_only_what_the_head_says() {
    // The Lakeside page dates itself in the body only: its row has the title, no date.
    let row = head::read(&fixture("lakeside-gazette.xhtml")).unwrap();
    assert_eq!(
        row.header.title,
        "Ostervik lake swimmers return as algae clears"
    );
    assert_eq!((row.header.date_iso, row.header.authors.len()), (None, 0));
}

#[test]
fn list_row_stops_at_the_end_of_the_head() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    // A head naming the title, then a body of megabytes that is never needed for the row;
    // a `<title>` in the body must not be read.
    let mut page = String::from(
        "<!DOCTYPE html><html><head><meta property=\"og:title\" content=\"Kessel quay rebuilt\">\
         </head><body>",
    );
    page.push_str(&"<p>filler text for the body</p>".repeat(100_000));
    page.push_str("<title>Wrong</title>");
    std::fs::write(&path, &page).unwrap();
    let row = head::read(&path).unwrap();
    assert_eq!(row.header.title, "Kessel quay rebuilt");
    let no_head_end = format!(
        "<html><head><title>Only a title</title>{}",
        "x".repeat(200_000)
    );
    let row = html::row::head_of_bytes(no_head_end.as_bytes(), head::Ids::Skip).unwrap();
    assert_eq!(row.header.title, "Only a title");
}

#[test]
fn html_is_sniffed_without_an_extension() {
    let bytes = std::fs::read(fixture("kessel-post.html")).unwrap();
    let a = load::parse_bytes(&bytes, None).unwrap();
    assert_eq!(a.format, Format::Html);
    assert_eq!(
        a.header.title,
        "Night ferry to Ostervik returns after two-year pause"
    );
    assert_eq!(load::sniff("  <!doctype HTML><p>x"), Format::Html);
    assert_eq!(load::format_for(Path::new("a/b.HTM")), Some(Format::Html));
}

#[test]
fn to_blocks_reads_fragments_for_other_formats() {
    let body = html::to_blocks(
        "<p>First <a href=\"https://a.example/x\">linked words</a> here.</p>\
         <ul><li>One</li><li>Two</li></ul><img src=\"pic.png\" alt=\"A pier\"><pre>a\n  b</pre>",
    );
    let kinds: Vec<_> = body
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, "First linked words here."),
            (BlockKind::ListItem, "One"),
            (BlockKind::ListItem, "Two"),
            (BlockKind::Image, "A pier"),
            (BlockKind::Code, "a\n  b"),
        ]
    );
    assert_eq!(body.links.len(), 1);
    let at = body.links[0].at.unwrap();
    assert_eq!((at.block, at.start, at.end), (0, 6, 18));
    assert_eq!(body.images[0].src, "pic.png");
    let at = html::to_blocks_at("<a href=\"/n/1\">one</a>", Some("https://f.example/feed"));
    assert_eq!(at.links[0].url, "https://f.example/n/1");
}

#[test]
fn every_url_of_a_paragraph_is_a_link_on_its_own_words_written_out_ones_too() {
    let body = html::to_blocks(
        "<p>The <a href=\"https://a.example/board\">board</a> posted the minutes at \
         https://a.example/minutes and the vote at https://a.example/vote, with \
         <a href=\"https://a.example/vote\">https://a.example/vote</a> linked too.</p>\
         <pre>curl https://a.example/code</pre>",
    );
    let text = &body.blocks[0].text;
    let links: Vec<(String, &str, String)> = body
        .links
        .iter()
        .map(|l| {
            let at = l.at.unwrap();
            let words: String = text
                .chars()
                .skip(at.start)
                .take(at.end - at.start)
                .collect();
            (l.text.clone(), l.url.as_str(), words)
        })
        .collect();
    let own = |w: &str, u: &'static str| (w.to_string(), u, w.to_string());
    assert_eq!(
        links,
        [
            own("board", "https://a.example/board"),
            own("https://a.example/minutes", "https://a.example/minutes"),
            own("https://a.example/vote", "https://a.example/vote"),
            // The anchor's own text is a URL: one link there, not two.
            own("https://a.example/vote", "https://a.example/vote"),
        ]
    );
    assert_eq!(body.links.len(), 4, "a URL in code is no link");
}

/// True when no control or bidi character survives anywhere in the article.
fn has_controls(a: &Article) -> bool {
    let json = serde_json::to_value(a).unwrap();
    fn walk(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => s.chars().any(|c| stand_in(c).is_some()),
            serde_json::Value::Array(a) => a.iter().any(walk),
            serde_json::Value::Object(o) => o.values().any(walk),
            _ => false,
        }
    }
    walk(&json)
}

#[test]
fn hostile_text_attributes_and_urls_are_neutralised() {
    let page = "<!DOCTYPE html><html><head><title>Bad\u{1b}[2Jtitle</title>\
        <meta property=\"og:site_name\" content=\"Site\u{7}\">\
        <meta name=\"author\" content=\"Eve\u{1b}]0;x\u{7}\"></head><body><article>\
        <p>Text with \u{1b}[31mred\u{1b}[0m and a \u{202e}bidi override, long enough to be a story \
        paragraph for the content finder.</p>\
        <p><a href=\"https://x.example/\u{1b}[1m\">link\u{1b}[0m</a> \
        <img src=\"a\u{1b}.png\" alt=\"alt\u{1b}[5m\"></p></article></body></html>";
    let a = load::parse_bytes(page.as_bytes(), Some(Format::Html)).unwrap();
    assert!(!has_controls(&a), "{a:?}");
    assert!(a.header.title.starts_with("Bad"));
    assert!(!a.links.is_empty() && !a.images.is_empty());
}

#[test]
fn truncated_pages_give_what_is_there() {
    let full = std::fs::read_to_string(fixture("kessel-post.html")).unwrap();
    let cut = &full[..full.find("A smaller boat").unwrap()];
    let a = load::parse_bytes(cut.as_bytes(), Some(Format::Html)).unwrap();
    assert_eq!(
        a.header.title,
        "Night ferry to Ostervik returns after two-year pause"
    );
    assert!(all_text(&a).contains("The night ferry between Kessel and Ostervik"));
    // Cut inside a tag and inside the JSON-LD: still an article, never a panic.
    for end in [100, 1500, 2100, full.len() / 2] {
        let mut end = end.min(full.len());
        while !full.is_char_boundary(end) {
            end -= 1;
        }
        assert!(load::parse_bytes(&full.as_bytes()[..end], Some(Format::Html)).is_ok());
    }
}

#[test]
fn a_page_over_the_limit_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.html");
    // A sparse file: 100 MB on paper, nothing written, so the test costs no disk or memory.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(100 << 20).unwrap();
    let err = load::load_file(&path).unwrap_err();
    assert!(
        format!("{err:#}").contains("page too large: 100 MB"),
        "{err:#}"
    );
    let err = html::decode(&vec![b' '; html::MAX_PAGE + 1]).unwrap_err();
    assert!(err.to_string().contains("page too large"));
}

#[test]
fn a_page_of_many_megabytes_with_inline_data_parses() {
    // A SingleFile-like page: a 3 MB data-URI picture, a 1 MB script, 2,000 paragraphs.
    let picture = format!("data:image/png;base64,{}", "iVBORw0KGgo".repeat(300_000));
    let script = format!(
        "<script>var s = \"{}\";</script>",
        "<p>x</p>".repeat(125_000)
    );
    let paras: String = (0..2000)
        .map(|i| {
            format!("<p>Paragraph {i} of the long story from Port Calloway, told at length.</p>")
        })
        .collect();
    let page = format!(
        "<!DOCTYPE html><html><head><title>Long</title>{script}</head><body><article>\
         <img src=\"{picture}\" alt=\"big\">{paras}</article></body></html>"
    );
    let a = load::parse_bytes(page.as_bytes(), Some(Format::Html)).unwrap();
    assert_eq!(a.blocks.len(), 2001);
    assert_eq!(a.images[0].src.len(), picture.len());
    assert!(!all_text(&a).contains("var s"));
}

#[test]
fn saved_pages_link_to_each_other_and_to_a_text_article_offline() {
    use byline::load::resolve::{LinkFrom, Resolver, resolve_all};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/2026");
    let crane = root.join("06/kessel-harbour-crane.html");
    let driver = root.join("06/kessel-crane-driver.html");
    let pilots = root.join("03/port-calloway-pilots-deal.txt");
    let mut articles: Vec<Article> = [&crane, &driver, &pilots]
        .iter()
        .map(|p| load::load_file(p).unwrap())
        .collect();
    resolve_all(&mut articles);
    let paths = |a: &Article| -> Vec<Option<PathBuf>> {
        a.related.iter().map(|r| r.path.clone()).collect()
    };
    // By canonical URL (spelled with `www.`, a trailing slash and a tracking parameter), and
    // by headline for the text article, which has no address.
    assert_eq!(
        paths(&articles[0]),
        [Some(driver.clone()), Some(pilots.clone())]
    );
    assert_eq!(paths(&articles[1]), [Some(crane.clone())]);
    assert_eq!(articles[0].backlinks, std::slice::from_ref(&driver));
    assert_eq!(articles[1].backlinks, std::slice::from_ref(&crane));
    // Body links: by the other page's address, and by a relative path to the text file that
    // the page's canonical address was joined to.
    let resolver = Resolver::new(
        articles
            .iter()
            .map(|a| (a.header.title.as_str(), a.path.as_deref().unwrap())),
    )
    .with_urls(
        articles
            .iter()
            .filter_map(|a| Some((a.header.url.as_deref()?, a.path.as_deref()?))),
    );
    fn from(a: &Article) -> LinkFrom<'_> {
        LinkFrom {
            path: a.path.as_deref(),
            url: a.header.url.as_deref(),
        }
    }
    let targets: Vec<Option<&Path>> = articles[0]
        .links
        .iter()
        .map(|l| resolver.resolve_link(&l.url, from(&articles[0])))
        .collect();
    assert_eq!(targets, [Some(driver.as_path()), Some(pilots.as_path())]);
    let back = &articles[1].links[0];
    assert_eq!(
        resolver.resolve_link(&back.url, from(&articles[1])),
        Some(crane.as_path())
    );
}

#[test]
fn the_library_resolves_related_boxes_by_address_in_its_backlinks_pass() {
    use byline::load::library::{Library, backlinks_with};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/2026/06");
    let lib = Library::scan(std::slice::from_ref(&dir));
    assert_eq!(lib.entries.len(), 2, "{:?}", lib.problems);
    let urls = lib.urls();
    assert_eq!(urls.len(), 2);
    let titles = lib.titles();
    let resolver =
        byline::load::resolve::Resolver::new(titles.iter().map(|(t, p)| (t.as_str(), p.as_path())))
            .with_urls(urls.iter().map(|(u, p)| (u.as_str(), p.as_path())));
    let files: Vec<PathBuf> = titles.iter().map(|(_, p)| p.clone()).collect();
    let back = backlinks_with(&resolver, &files);
    let crane = dir.join("kessel-harbour-crane.html");
    let driver = dir.join("kessel-crane-driver.html");
    assert_eq!(back.get(&crane), Some(vec![driver.clone()]));
    assert_eq!(back.get(&driver), Some(vec![crane]));
}

#[test]
fn web_archive_is_read_as_its_page_with_its_pictures() {
    let a = load("harbour-gazette-archive.mhtml");
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.header.title, "Pilots' boat to be rebuilt at Kessel yard");
    assert_eq!(a.header.authors, ["Runa Eikeland"]);
    assert_eq!(a.header.date_iso.as_deref(), Some("2026-06-18"));
    assert_eq!(a.header.source.as_deref(), Some("The Harbour Gazette"));
    assert_eq!(
        a.header.url.as_deref(),
        Some("https://harbourgazette.example/2026/06/pilot-boat-rebuilt")
    );
    // Quoted-printable decoded: soft line breaks joined, `=E2=80=94` is a dash.
    let text = all_text(&a);
    assert!(text.contains("KESSEL — The harbour's only pilot boat will be rebuilt"));
    assert!(!text.contains("=\n") && !text.contains("=3D"), "{text}");
    // Furniture left out, as for any saved page.
    assert!(!text.contains("cookies") && !text.contains("All rights reserved"));
    assert!(texts(&a).contains(&(BlockKind::Caption, "The Sternvik on the slipway at Kessel.")));
    // The picture the archive holds is shown from it, not from its address.
    assert_eq!(a.images.len(), 1);
    assert!(
        a.images[0]
            .src
            .starts_with("data:image/png;base64,iVBORw0KGgo")
    );
    assert_eq!(
        related(&a),
        [(
            "Crane driver retires after thirty years",
            "https://harbourgazette.example/2026/05/crane-driver"
        )]
    );
    links_are_placed(&a);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_web_archive_row_reads_only_its_start_even_when_the_page_is_long() {
    let path = fixture("harbour-gazette-archive.mhtml");
    let row = head::read(&path).unwrap();
    assert_eq!(
        row.header.title,
        "Pilots' boat to be rebuilt at Kessel yard"
    );
    assert_eq!(row.header.date_iso.as_deref(), Some("2026-06-18"));
    // A page far longer than what a row reads: the row still finds the head in the
    // archive's first part, though the message is cut in the middle of it.
    let original = std::fs::read_to_string(&path).unwrap();
    let filler = "<p>Filler paragraph about the harbour and its boats.</p>=\r\n".repeat(4000);
    let long = original.replacen("<main>", &format!("<main>{filler}"), 1);
    assert!(long.len() > 3 * html::row::HEAD_LIMIT);
    let row = html::row::head_of_bytes(long.as_bytes(), head::Ids::Skip).unwrap();
    assert_eq!(
        row.header.title,
        "Pilots' boat to be rebuilt at Kessel yard"
    );
    assert_eq!(row.header.source.as_deref(), Some("The Harbour Gazette"));
}
