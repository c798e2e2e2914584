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
            })
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
                byline::print::print(&a, &Options::new(80), None, &|_| None)
            })
        });
        c.bench_function(&format!("print {name}"), |b| {
            b.iter(|| byline::print::print(black_box(&a), &Options::new(80), None, &|_| None))
        });
    }
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
        b.iter(|| Library::scan(black_box(&paths)).entries.len())
    });
}

criterion_group!(benches, parse_and_print, listing);
criterion_main!(benches);
