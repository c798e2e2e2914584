//! Parsing, printing and listing benchmarks (targets and figures live in the README).

use byline::load;
use byline::load::library::Library;
use byline::text::typeset::Options;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// A news-wire article of about `bytes` bytes with quotes, a subheading and a related block.
fn article(bytes: usize) -> String {
    let mut s = String::from(
        "Council approves the new tram line after a long night\nMar 14, 2026\nBy ANA RUIZ, Coastline Wire\n",
    );
    s.push_str(
        "PORT EMBER, Veland (CW) — The council voted late on Tuesday to build the tram line.\n",
    );
    let mut i = 0;
    while s.len() < bytes {
        i += 1;
        s.push_str(&format!(
            "“We waited {i} years for this,” said Mira Holt, who chairs the residents’ group. The line will run from the harbor to the university, and the first trams are due in the spring of next year.\n"
        ));
        if i % 12 == 0 {
            s.push_str("What happens next\n");
        }
    }
    s.push_str(
        "Related Articles\nFerry crews weigh their own strike vote\nThe budget in five charts\n",
    );
    s
}

fn parse_and_print(c: &mut Criterion) {
    for (name, size) in [("8KB", 8 << 10), ("1MB", 1 << 20)] {
        let text = article(size);
        c.bench_function(&format!("parse {name}"), |b| {
            b.iter(|| {
                load::parse_bytes(
                    black_box(text.as_bytes()),
                    Some(byline::article::Format::Text),
                )
            });
        });
        let a = load::parse_bytes(text.as_bytes(), Some(byline::article::Format::Text))
            .expect("parses");
        c.bench_function(&format!("parse + print {name}"), |b| {
            b.iter(|| {
                let a = load::parse_bytes(
                    black_box(text.as_bytes()),
                    Some(byline::article::Format::Text),
                )
                .expect("parses");
                byline::print(
                    &a,
                    &Options::new(80),
                    None,
                    &byline::text::typeset::Names::none(),
                )
            });
        });
        c.bench_function(&format!("print {name}"), |b| {
            b.iter(|| {
                byline::print(
                    black_box(&a),
                    &Options::new(80),
                    None,
                    &byline::text::typeset::Names::none(),
                )
            });
        });
    }
}

/// A saved news page of about `bytes` bytes in the shape SingleFile leaves: metadata and
/// JSON-LD, an inline script and style, a `data:` picture, menus, a share bar, a related box,
/// comments and a footer around a long story with links.
fn saved_page(bytes: usize) -> String {
    let mut s = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Council approves the tram line | Coastline Wire</title>\
         <meta property=\"og:title\" content=\"Council approves the tram line\">\
         <meta property=\"og:site_name\" content=\"Coastline Wire\">\
         <link rel=\"canonical\" href=\"https://coastline.example/news/tram-line\">\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Council approves the tram line\",\
         \"datePublished\":\"2026-03-14T09:00:00Z\",\"author\":{\"name\":\"Ana Ruiz\"}}</script>",
    );
    s.push_str(&format!(
        "<script>var state = \"{}\";</script>",
        "x".repeat(bytes / 8)
    ));
    s.push_str(&format!(
        "<style>{}</style></head><body>",
        ".c{color:#333}".repeat(bytes / 64)
    ));
    s.push_str("<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><main><article>");
    s.push_str("<h1>Council approves the tram line</h1><div class=\"share-bar\"><a href=\"/s\">Share</a></div>");
    s.push_str(&format!(
        "<figure><img alt=\"The depot\" src=\"data:image/png;base64,{}\"><figcaption>The depot</figcaption></figure>",
        "iVBORw0KGgo".repeat(bytes / 88)
    ));
    s.push_str("<div itemprop=\"articleBody\">");
    let mut i = 0;
    while s.len() < bytes * 15 / 16 {
        i += 1;
        s.push_str(&format!(
            "<p>“We waited {i} years for this,” said <a href=\"/people/mira-holt\">Mira Holt</a>, who chairs the residents’ group. The line will run from the harbor to the <em>university</em>, and the first trams are due in the spring of next year.</p>"
        ));
        if i % 12 == 0 {
            s.push_str("<h2>What happens next</h2>");
        }
    }
    s.push_str("</div><aside class=\"related\"><h2>Related</h2><a href=\"/news/ferry\">Ferry crews weigh their own strike vote</a></aside></article>");
    s.push_str("<section class=\"comments\"><p>A comment.</p></section></main><footer>Footer</footer></body></html>");
    s
}

fn html_parse_and_print(c: &mut Criterion) {
    let page = saved_page(1 << 20);
    let format = Some(byline::article::Format::Html);
    c.bench_function("parse html 1MB", |b| {
        b.iter(|| load::parse_bytes(black_box(page.as_bytes()), format).expect("parses"));
    });
    c.bench_function("parse + print html 1MB", |b| {
        b.iter(|| {
            let a = load::parse_bytes(black_box(page.as_bytes()), format).expect("parses");
            byline::print(
                &a,
                &Options::new(80),
                None,
                &byline::text::typeset::Names::none(),
            )
        });
    });
}

fn listing(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..1000 {
        let mut text = article(8 << 10);
        text = text.replacen("Council approves", &format!("Council {i} approves"), 1);
        std::fs::write(dir.path().join(format!("a{i:04}.txt")), text).expect("write");
    }
    let paths = vec![dir.path().to_path_buf()];
    c.bench_function("list 1000 articles", |b| {
        b.iter(|| Library::scan(black_box(&paths)).entries.len());
    });
}

/// An RSS 2.0 feed of `n` items of about 800 bytes each (a tenth of the README's 80 MB feed,
/// so the bench stays light; the full-size figure is measured with the binary).
fn feed(n: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Bench Gazette</title>\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<item><title>Ferry crews in Kessel vote on strike number {i}</title><guid>b-{i}</guid>\
             <link>https://example.org/{i}</link><pubDate>Mon, {:02} Mar 2026 10:00:00 +0000</pubDate>\
             <description>The ballot closes on Thursday.</description><content:encoded><![CDATA[",
            1 + i % 28
        ));
        for _ in 0..5 {
            s.push_str("<p>The crews say the night crossings need a second engineer, and the board says the money is not there this year.</p>");
        }
        s.push_str("]]></content:encoded></item>\n");
    }
    s.push_str("</channel></rss>\n");
    s
}

fn feed_listing(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("news.xml");
    std::fs::write(&path, feed(10_000)).expect("write");
    let paths = vec![path];
    // Every run parses the file: the feed kept by the last run is let go first.
    c.bench_function("list a 10,000-item feed (8 MB)", |b| {
        b.iter(|| {
            load::feed::forget_kept();
            Library::scan_with(black_box(&paths), load::head::Ids::Skip)
                .entries
                .len()
        });
    });
}

criterion_group!(
    benches,
    parse_and_print,
    html_parse_and_print,
    listing,
    feed_listing
);
criterion_main!(benches);
