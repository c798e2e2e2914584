//! The body set on several threads, or a stretch at a time, is the page set on one at once,
//! line for line.

use super::{Line, Names, Options, Page, typeset_in_parts, typeset_on};
use crate::article::{Article, Block, BlockKind, Quote};

/// A long generated article with every kind of block, quotes with speakers, quotes running on
/// over several paragraphs, a dateline, long words and wide characters, of at least `bytes`
/// bytes of body text.
fn article(bytes: usize) -> Article {
    let mut blocks = vec![Block::paragraph(
        "The council voted late on Tuesday to build the tram line, ending a decade of argument.",
    )];
    let mut size = 0;
    let mut i = 0usize;
    // A fixed pseudo-random walk over the kinds, so runs of list items and headings fall at
    // every distance from the places a body is split.
    let mut seed = 0x2545_f491_u64;
    while size < bytes {
        i += 1;
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let add: Vec<Block> = match (seed >> 33) % 9 {
            0 => vec![Block::heading(format!("What happens next, part {i}"))],
            1 => vec![Block {
                kind: BlockKind::Quote,
                text: format!(
                    "The pause was “a temporary measure” for {i} years, said Lidia Brandt, and the \
                     council called it “over” at last."
                )
                .into(),
            }],
            2 => (0..1 + (seed >> 40) % 4)
                .map(|k| Block {
                    kind: BlockKind::ListItem,
                    text: format!("Item {k} of list {i}: tickets go on sale at the Orsk office.")
                        .into(),
                })
                .collect(),
            3 => vec![
                Block::paragraph(format!(
                    "“The line will run from the harbor to the university in {i} stages, and every \
                     stage opens with a party."
                )),
                Block::paragraph(
                    "“The first trams are due in the spring of next year,” Holt said at the end.",
                ),
            ],
            4 => vec![Block::paragraph(format!(
                "Überall déjà-vu: 東京 大阪 名古屋 札幌 {i} and a long one {} to break.",
                "x".repeat(30 + i % 150)
            ))],
            5 if i.is_multiple_of(7) => vec![Block::paragraph("")],
            _ => vec![Block::paragraph(format!(
                "“We waited {i} years for this,” said Mira Holt, who chairs the residents’ group. \
                 The line will run from the harbor to the university, and the first trams are due \
                 in the spring of next year, “if the rails arrive,” Holt added."
            ))],
        };
        size += add.iter().map(|b| b.text.len()).sum::<usize>();
        blocks.extend(add);
    }
    let mut a = Article {
        header: crate::article::Header {
            title: "Council approves the new tram line after a long night".into(),
            authors: vec!["Ana Ruiz".into()],
            source: Some("Coastline Wire".into()),
            ..Default::default()
        },
        dateline: Some("PORT EMBER, Veland (CW)".into()),
        blocks,
        ..Article::default()
    };
    a.finish();
    a
}

/// The first line where two pages differ, for a readable failure.
fn first_difference(a: &Page, b: &Page) -> Option<usize> {
    (0..a.lines.len().max(b.lines.len())).find(|&k| a.lines.get(k) != b.lines.get(k))
}

/// Sets `a` sequentially and on each of several thread counts, for several widths, measures and
/// justify settings; every page must be the sequential one.
fn same_on_every_thread_count(a: &Article) {
    for (width, measure) in [(13, 76), (40, 76), (80, 76), (200, 200)] {
        for justify in [false, true] {
            let opts = Options {
                width,
                measure,
                justify,
                pictures: false,
            };
            let one = typeset_on(a, &opts, &Names::none(), 1);
            for threads in [2, 3, 16] {
                let many = typeset_on(a, &opts, &Names::none(), threads);
                if let Some(k) = first_difference(&one, &many) {
                    panic!(
                        "width {width}, justify {justify}, {threads} threads: line {k} is {:?}, \
                         set on one thread {:?}",
                        many.lines.get(k),
                        one.lines.get(k)
                    );
                }
                assert_eq!(one, many);
            }
        }
    }
}

/// The features the article is meant to have, so the comparison covers them.
fn check_coverage(a: &Article) {
    let kinds = |k| a.blocks.iter().filter(|b| b.kind == k).count();
    for k in [
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::Quote,
        BlockKind::ListItem,
    ] {
        assert!(kinds(k) > 10, "{k:?}");
    }
    assert!(a.quotes.iter().filter(|q| q.speaker.is_some()).count() > 100);
    // A quote that runs on from one paragraph into the next.
    assert!(a.quotes.windows(2).any(|w| w[1].block == w[0].block + 1
        && w[0].end == a.blocks[w[0].block].text.chars().count()
        && w[1].start == 0));
}

#[test]
fn a_long_first_fit_body_sets_the_same_on_several_threads() {
    let a = article(300 << 10);
    check_coverage(&a);
    same_on_every_thread_count(&a);
}

#[test]
fn a_shorter_optimal_fit_body_sets_the_same_on_several_threads() {
    let a = article(40 << 10);
    check_coverage(&a);
    same_on_every_thread_count(&a);
}

#[test]
fn quotes_out_of_order_are_dropped_the_same_on_several_threads() {
    let mut a = article(40 << 10);
    // Swapped quotes: the walk skips one that comes after a later block's.
    let n = a.quotes.len();
    for k in [n / 5, n / 2, 3 * n / 4] {
        a.quotes.swap(k, k + 3);
    }
    a.quotes.push(Quote {
        block: 1,
        start: 0,
        end: 3,
        speaker: None,
        speaker_kind: None,
    });
    same_on_every_thread_count(&a);
}

/// The lines [`typeset_in_parts`] hands out, joined, and how many parts there were.
fn in_parts(a: &Article, opts: &Options) -> (Vec<Line>, usize) {
    let (mut lines, mut parts) = (Vec::new(), 0);
    let whole: Result<(), ()> = typeset_in_parts(a, opts, &Names::none(), |part| {
        lines.extend(part.lines.iter().cloned());
        parts += 1;
        Ok(())
    });
    assert_eq!(whole, Ok(()));
    (lines, parts)
}

#[test]
fn a_page_set_a_stretch_at_a_time_is_the_page_set_at_once() {
    // Long enough in bytes for several stretches of text, and a body of many tiny blocks for
    // several stretches of blocks, where headings and list items fall on the stretches' edges.
    let mut tiny = article(2 << 10);
    let kinds = [
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::ListItem,
        BlockKind::ListItem,
        BlockKind::Quote,
    ];
    for k in 0..30_000 {
        tiny.blocks.push(Block {
            kind: kinds[k % 7 % kinds.len()],
            text: format!("a{k}").into(),
        });
    }
    tiny.finish();
    for a in [article(1200 << 10), tiny] {
        for width in [13, 80] {
            let opts = Options::new(width);
            let page = typeset_on(&a, &opts, &Names::none(), 1);
            let (lines, parts) = in_parts(&a, &opts);
            assert!(parts > 2, "{parts} parts");
            if let Some(k) =
                (0..lines.len().max(page.lines.len())).find(|&k| lines.get(k) != page.lines.get(k))
            {
                panic!(
                    "width {width}: line {k} is {:?} in parts, {:?} at once",
                    lines.get(k),
                    page.lines.get(k)
                );
            }
        }
    }
}

#[test]
fn an_error_handing_on_a_stretch_stops_the_layout() {
    let a = article(1200 << 10);
    let mut calls = 0;
    let got = typeset_in_parts(&a, &Options::new(80), &Names::none(), |_| {
        calls += 1;
        if calls == 2 { Err("closed") } else { Ok(()) }
    });
    assert_eq!((got, calls), (Err("closed"), 2));
}
