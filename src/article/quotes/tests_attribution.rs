//! Speaker attribution measured on annotated fictional articles (`fixtures/`, format in its
//! README): how many quotes with a named speaker get that speaker, and how many of the speakers
//! given are right.

use std::path::Path;

use super::find_quotes_in;
use crate::article::{Block, SpeakerKind};

/// The speaker a fixture expects for the quote ending at `pos` of block `block`.
struct Expected {
    block: usize,
    pos: usize,
    speaker: Option<(String, SpeakerKind)>,
}

/// One annotated article: its blocks with the marks removed, and what each quote expects.
struct Fixture {
    name: String,
    blocks: Vec<Block>,
    expected: Vec<Expected>,
}

fn parse(name: &str, text: &str) -> Fixture {
    let mut blocks = Vec::new();
    let mut expected = Vec::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('%')).collect();
    for para in lines.split(|l| l.trim().is_empty()) {
        if para.is_empty() {
            continue;
        }
        let joined = para.join(" ");
        let (heading, body) = match joined.strip_prefix("## ") {
            Some(rest) => (true, rest.to_string()),
            None => (false, joined),
        };
        let mut plain = String::new();
        let mut chars = 0;
        let mut rest = body.as_str();
        while let Some(open) = rest.find('{') {
            plain.push_str(&rest[..open]);
            chars += rest[..open].chars().count();
            let close = rest[open..].find('}').expect("closed mark") + open;
            let mark = &rest[open + 1..close];
            let speaker = match mark {
                "-" => None,
                m => Some(match m.strip_prefix("org:") {
                    Some(org) => (org.to_string(), SpeakerKind::Organisation),
                    None => (m.to_string(), SpeakerKind::Person),
                }),
            };
            expected.push(Expected {
                block: blocks.len(),
                pos: chars,
                speaker,
            });
            rest = &rest[close + 1..];
        }
        plain.push_str(rest);
        blocks.push(if heading {
            Block::heading(plain)
        } else {
            Block::paragraph(plain)
        });
    }
    Fixture {
        name: name.to_string(),
        blocks,
        expected,
    }
}

fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/article/quotes/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            parse(&name, &std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// Whether `got` names the expected speaker: a person by the same name; an organisation by its
/// name or by the common noun the text used for it (`the bank` for Kessel Bank), without `the`.
fn same(got: &(String, SpeakerKind), want: &(String, SpeakerKind)) -> bool {
    if got.1 != want.1 {
        return false;
    }
    if want.1 == SpeakerKind::Person {
        return got.0 == want.0;
    }
    let norm = |s: &str| {
        let s = s.to_lowercase();
        s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
    };
    let (g, w) = (norm(&got.0), norm(&want.0));
    g == w || w.ends_with(&format!(" {g}"))
}

/// Counts over all fixtures.
#[derive(Default, Debug)]
struct Score {
    /// Quotes whose text names a speaker.
    named: usize,
    /// Of those, the ones given that speaker.
    right: usize,
    /// Quotes given any speaker.
    given: usize,
    /// Quotes given a speaker that is not theirs (or none was named).
    wrong: usize,
    /// Quotes found with no annotation, and annotations with no quote found.
    unmatched: usize,
    misses: Vec<String>,
}

fn score(parts: usize) -> Score {
    let mut s = Score::default();
    for f in fixtures() {
        let quotes = find_quotes_in(&f.blocks, parts);
        for e in &f.expected {
            if !quotes.iter().any(|q| q.block == e.block && q.end == e.pos) {
                s.unmatched += 1;
                s.misses.push(format!(
                    "{}: no quote ends at {}:{}",
                    f.name, e.block, e.pos
                ));
            }
        }
        for q in &quotes {
            let Some(e) = f
                .expected
                .iter()
                .find(|e| e.block == q.block && e.pos == q.end)
            else {
                s.unmatched += 1;
                s.misses
                    .push(format!("{}: quote {q:?} has no mark", f.name));
                continue;
            };
            if q.speaker.is_none() != q.speaker_kind.is_none() {
                s.unmatched += 1;
                s.misses
                    .push(format!("{}: speaker and kind disagree: {q:?}", f.name));
            }
            let got = q.speaker.clone().zip(q.speaker_kind);
            let text: String = f.blocks[q.block]
                .text
                .chars()
                .skip(q.start)
                .take(q.end - q.start)
                .take(50)
                .collect();
            if e.speaker.is_some() {
                s.named += 1;
            }
            if got.is_some() {
                s.given += 1;
            }
            match (&got, &e.speaker) {
                (Some(g), Some(w)) if same(g, w) => s.right += 1,
                (None, None) => {}
                _ => {
                    if got.is_some() {
                        s.wrong += 1;
                    }
                    s.misses.push(format!(
                        "{}: {text:?}: got {got:?}, want {:?}",
                        f.name, e.speaker
                    ));
                }
            }
        }
    }
    s
}

#[test]
fn fixtures_are_annotated_quote_by_quote() {
    let f = fixtures();
    assert!(f.len() >= 10, "{} fixtures", f.len());
    let total: usize = f.iter().map(|f| f.expected.len()).sum();
    assert!(total >= 60, "{total} annotated quotes");
    let s = score(1);
    assert_eq!(s.unmatched, 0, "{:#?}", s.misses);
}

#[test]
fn attribution_accuracy_and_precision() {
    let s = score(1);
    let accuracy = s.right as f64 / s.named as f64;
    let precision = s.right as f64 / s.given.max(1) as f64;
    eprintln!(
        "named {} right {} given {} wrong {}: accuracy {:.1}%, precision {:.1}%",
        s.named,
        s.right,
        s.given,
        s.wrong,
        100.0 * accuracy,
        100.0 * precision
    );
    for m in &s.misses {
        eprintln!("  {m}");
    }
    assert!(accuracy >= 0.85, "accuracy {accuracy:.3}");
    assert!(precision >= 0.95, "precision {precision:.3}");
}

#[test]
fn parts_attribute_as_one_thread_does() {
    let blocks: Vec<Block> = fixtures().into_iter().flat_map(|f| f.blocks).collect();
    let one = find_quotes_in(&blocks, 1);
    for parts in [2, 3, 5] {
        assert_eq!(find_quotes_in(&blocks, parts), one, "{parts} parts");
    }
}

/// The speaker and kind of each quote of `paras`, one block each.
fn said(paras: &[&str]) -> Vec<Option<(String, SpeakerKind)>> {
    let blocks: Vec<Block> = paras.iter().map(|p| Block::paragraph(*p)).collect();
    find_quotes_in(&blocks, 1)
        .into_iter()
        .map(|q| q.speaker.zip(q.speaker_kind))
        .collect()
}

fn person(n: &str) -> Option<(String, SpeakerKind)> {
    Some((n.to_string(), SpeakerKind::Person))
}

fn body(n: &str) -> Option<(String, SpeakerKind)> {
    Some((n.to_string(), SpeakerKind::Organisation))
}

#[test]
fn a_pronoun_is_the_subject_that_introduced_the_person() {
    // Not the last name seen (Blair), nor the last speaker (Ruiz): the sentence's subject.
    assert_eq!(
        said(&[
            "“We start at nine,” said Ana Ruiz.",
            "Dr Liam Fox accused Mr Teo Blair of hiding the figures. “It is a disgrace,” he told reporters.",
        ]),
        [person("Ana Ruiz"), person("Liam Fox")]
    );
}

#[test]
fn descriptions_before_a_name_are_not_the_name() {
    assert_eq!(
        said(&[
            "“We wait,” said Kessel resident Jane Doe.",
            "“We act,” senior adviser Ivo Brandt said.",
            "Kessel Bank’s Doe was blunt. “No,” Doe said.",
            "“Never,” Republican Sen. Mara Quist said.",
        ]),
        [
            person("Jane Doe"),
            person("Ivo Brandt"),
            person("Jane Doe"),
            person("Mara Quist")
        ]
    );
}

#[test]
fn bodies_speak_as_organisations() {
    assert_eq!(
        said(&[
            "“Stay home,” police said.",
            "Kessel Bank said in a statement: “Rates will rise.”",
            "“We will see,” the bank said.",
            "“Calm down,” said the ministry.",
            "“The plan is sound,” a ministry spokesman said.",
        ]),
        [
            body("police"),
            body("Kessel Bank"),
            body("Kessel Bank"),
            body("ministry"),
            None
        ]
    );
}

#[test]
fn a_quote_on_its_own_goes_on_from_the_speaker_until_someone_else_is_named() {
    assert_eq!(
        said(&[
            "“We are ready,” said Jane Doe, chief economist at Kessel Bank. “We are not in a hurry.”",
            "“Nobody is.”",
            "Teo Marsh, a trader, disagreed.",
            "“They are late.”",
            "The bridge opened in 1931 and was painted in 1990.",
            "The vote is on Friday.",
            "Residents said they were tired of waiting.",
            "“Enough.”",
        ]),
        [
            person("Jane Doe"),
            person("Jane Doe"),
            person("Jane Doe"),
            person("Teo Marsh"),
            None
        ]
    );
}

#[test]
fn many_people_sharing_a_surname() {
    // Thousands of full names for one surname: a lone surname is the latest of the most used.
    let mut paras: Vec<String> = (0..20_000)
        .map(|i| format!("“Hello,” said Ana{i} Holm."))
        .collect();
    paras.push("“Hello again,” said Ana7 Holm.".into());
    paras.push("“Bye,” Holm said.".into());
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let got = said(&refs);
    assert_eq!(got.len(), 20_002);
    assert_eq!(got[20_001], person("Ana7 Holm"));
    assert_eq!(got[19_999], person("Ana19999 Holm"));
}

#[test]
fn a_statement_is_its_issuers() {
    assert_eq!(
        said(&[
            "“We knew nothing,” said Ana Ruiz.",
            "“Rates will rise,” according to a statement from Kessel Bank.",
            "“Stay calm,” said a statement by the ministry.",
        ]),
        [person("Ana Ruiz"), body("Kessel Bank"), body("ministry")]
    );
}

#[test]
fn a_verb_of_saying_used_as_a_noun_does_not_hide_the_speaker() {
    let got = said(&[
        "Paul Martens spoke first.",
        "Martens, asked about compensation, said claims would be “handled quickly and fairly.”",
        "Residents said claims were “ignored.”",
    ]);
    assert_eq!(got, [person("Paul Martens"), None]);
}
