//! The body of news-wire text files in the shapes real archives have (tests/fixtures/wire-body):
//! paragraphs marked by indents, section breaks, agency and correction footers, live-blog entry
//! titles, and files in legacy encodings.

use byline::article::{Article, BlockKind, Format};
use byline::load::{parse_bytes, wire::parse};
use std::path::Path;

fn bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wire-body")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> String {
    String::from_utf8(bytes(name)).unwrap()
}

fn texts(a: &Article, kind: BlockKind) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

fn kinds(a: &Article) -> Vec<BlockKind> {
    a.blocks.iter().map(|b| b.kind).collect()
}

#[test]
fn old_wire_archive_paragraphs_split_at_indents_and_sign_off_names_reuters() {
    let a = parse(&fixture("indented-archive.txt"));
    assert_eq!(a.header.title, "VELDMARK GRAIN BOARD TO BUY MORE BARLEY");
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 5, "{paras:#?}");
    assert!(paras[0].ends_with("a dry spring cut the harvest in the northern districts."));
    assert!(
        paras[1].starts_with("The board's chairman, Oskar Lunde, told reporters the purchases")
    );
    assert_eq!(paras[2], "Traders said the move was expected.");
    assert!(paras[3].starts_with("\"We have seen this coming since April,\" said one dealer"));
    assert_eq!(
        paras[4],
        "Barley for May delivery rose two cents to 1.84 crowns a bushel in early trading."
    );
    assert_eq!(a.footer, ["Reuter"]);
    assert_eq!(a.header.source.as_deref(), Some("Reuters"));
    assert!(a.warnings.iter().any(|w| w.contains("indents")));
}

#[test]
fn tab_indented_mail_splits_with_and_without_blank_lines() {
    let a = parse_bytes(&bytes("email-indented.txt"), Some(Format::Text)).unwrap();
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(
        paras,
        [
            "The Ostervik ferry company will run two extra crossings a day from the first of June, the company said in its monthly letter to season-ticket holders.",
            "The new crossings leave Ostervik at 06:10 and Kessel at 21:40. Fares are unchanged.",
            "Passengers with bicycles are asked to board through the lower deck, where racks for forty bicycles have been fitted over the winter.",
            "The company thanked its crews for their patience during the refit.",
        ]
    );
    // Times inside paragraphs do not make the file a live blog.
    assert!(texts(&a, BlockKind::Heading).is_empty());
}

#[test]
fn section_breaks_are_separators_holding_the_mark() {
    let a = parse(&fixture("section-breaks.txt"));
    assert_eq!(
        texts(&a, BlockKind::Separator),
        ["* * *", "___", "***", "—", "---"]
    );
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 8);
    assert!(texts(&a, BlockKind::Heading).is_empty());
    use BlockKind::{Paragraph as P, Separator as S};
    assert_eq!(kinds(&a), [P, P, S, P, P, S, P, S, P, S, P, S, P]);
    assert!(a.footer.is_empty());
}

#[test]
fn reuters_staff_list_goes_to_the_footer_but_a_closing_paragraph_stays() {
    let a = parse(&fixture("reuters-footer.txt"));
    assert_eq!(
        a.footer,
        [
            "(Reporting by Ana Vestergaard in Port Calloway; Additional reporting by Tomas Quint in Kessel; Writing by Lena Marsh; Editing by Cy Moore)"
        ]
    );
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 5);
    assert_eq!(
        paras[4],
        "Reporting by local radio that the vote had failed was wrong, the union said."
    );
}

#[test]
fn credits_corrections_and_copyright_lines_are_footer() {
    let a = parse(&fixture("footer-notes.txt"));
    assert_eq!(
        a.footer,
        [
            "Additional reporting by Jonas Brekke",
            "This story has been corrected to show that the hall closed in 2024, not 2023.",
            "Correction: An earlier version misspelled the curator’s name.",
            "Copyright 2026 Ostervik Courier",
            "© Ostervik Courier Ltd",
            "All rights reserved.",
        ]
    );
    assert_eq!(
        texts(&a, BlockKind::Paragraph).last().copied(),
        Some("The museum is open every day except Monday.")
    );
    assert_eq!(a.header.source, None);
}

#[test]
fn dash_agency_sign_off_is_footer_and_source() {
    let a = parse(&fixture("dash-signoff.txt"));
    assert_eq!(a.footer, ["— Reuters"]);
    assert_eq!(a.header.source.as_deref(), Some("Reuters"));
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
}

#[test]
fn sign_off_never_overrides_a_named_source() {
    let a = parse(
        "Ferry strike ends\nBy ANA RUIZ, Associated Press\nThe ferries sail again.\nReuter\n",
    );
    assert_eq!(a.header.source.as_deref(), Some("Associated Press"));
    assert_eq!(a.footer, ["Reuter"]);
    // At the end of the last paragraph, after its last sentence.
    let a = parse("Ferry strike ends\nThe ferries sail again.\nCrews returned on Monday. REUTER\n");
    assert_eq!(a.footer, ["REUTER"]);
    assert_eq!(
        texts(&a, BlockKind::Paragraph).last().copied(),
        Some("Crews returned on Monday.")
    );
    assert_eq!(a.header.source.as_deref(), Some("Reuters"));
}

#[test]
fn end_of_text_marks_after_the_sign_off_are_footer_too() {
    // The mark runs on from the sign-off (it is not indented): one footer line or two.
    for (end, shown) in [("&#3;", "&#3;"), ("\u{3}", "␃")] {
        let text = format!(
            "MILL SOLD\n    The Ostervik paper mill was sold to a cooperative formed\nby its workers on Friday.\n    The price was not disclosed by the owners or by the\ncooperative.\n Reuter\n{end}\n"
        );
        let a = parse_bytes(text.as_bytes(), Some(Format::Text)).unwrap();
        assert_eq!(a.footer.join(" "), format!("Reuter {shown}"));
        assert_eq!(a.header.source.as_deref(), Some("Reuters"));
        assert_eq!(
            texts(&a, BlockKind::Paragraph),
            [
                "The Ostervik paper mill was sold to a cooperative formed by its workers on Friday.",
                "The price was not disclosed by the owners or by the cooperative."
            ]
        );
    }
}

#[test]
fn end_of_text_mark_on_its_own_line_in_one_per_line_text() {
    let a = parse("Mill sold\nThe Ostervik mill was sold on Friday.\nREUTER\n-30-\n");
    assert_eq!(a.footer, ["REUTER", "-30-"]);
    assert_eq!(a.header.source.as_deref(), Some("Reuters"));
}

#[test]
fn live_blog_entry_titles_are_headings_but_sentences_are_not() {
    let a = parse(&fixture("live-blog-titles.txt"));
    assert_eq!(
        texts(&a, BlockKind::Heading),
        [
            "09:30",
            "Polls open across Veldmark under clear skies",
            "10:42 GMT",
            "Turnout already higher than at the last referendum, says the electoral board in its first update of the day",
            "2.15pm",
            "Counting starts at eight",
        ]
    );
    let paras = texts(&a, BlockKind::Paragraph);
    assert!(paras.contains(&"Did the leaders lean forward in their seats?"));
    assert!(paras.contains(&"“We will respect the result”"));
    assert_eq!(paras.len(), 8);
}

#[test]
fn the_same_short_lines_outside_a_live_blog_follow_the_subheading_rule() {
    // One time stamp is not a live blog: a 19-word line without a full stop is a paragraph.
    let text = "Referendum day\n09:30\nTurnout already higher than at the last referendum, says the electoral board in its first update of the day\nBy mid-morning a fifth had voted.\n";
    let a = parse(text);
    assert_eq!(texts(&a, BlockKind::Heading), ["09:30"]);
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
}

#[test]
fn latin1_file_is_decoded_not_replaced() {
    let a = parse_bytes(&bytes("latin1.txt"), None).unwrap();
    assert_eq!(
        a.header.title,
        "Café Brändström reopens on Ostervik's market square"
    );
    assert_eq!(a.header.authors, ["Élise Fournier"]);
    let body: String = a.blocks.iter().map(|b| b.text.as_str()).collect();
    for word in ["crème brûlée", "Søren Mäkelä", "façade", "18°"] {
        assert!(body.contains(word), "{word} missing");
    }
    assert!(!body.contains('\u{FFFD}'));
    assert!(
        a.warnings
            .iter()
            .any(|w| w == "not UTF-8: decoded as windows-1252")
    );
}

#[test]
fn windows_1252_punctuation_is_decoded() {
    let a = parse_bytes(&bytes("windows-1252.txt"), None).unwrap();
    assert_eq!(a.header.title, "Kessel bakers’ guild names new master");
    assert_eq!(
        texts(&a, BlockKind::Paragraph),
        [
            "The guild’s members chose Renée Østby – a baker for thirty years – as master on Friday.",
            "“It is an honour,” she said. “Now back to the ovens…”",
        ]
    );
    assert_eq!(a.quotes.len(), 2);
}

#[test]
fn utf8_with_a_stray_byte_decodes_lossily_with_a_warning() {
    let a = parse_bytes(&bytes("stray-bytes.txt"), None).unwrap();
    assert_eq!(
        a.header.title,
        "Veldmark’s “quiet” election — a note from Kessel"
    );
    assert_eq!(
        texts(&a, BlockKind::Paragraph)[1],
        "A caf\u{FFFD} owner said the day was calm."
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w == "invalid UTF-8 replaced with U+FFFD")
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let text = "Kessel ferry\nThe ferry to Ostervik sails at noon.\n";
    let mut le = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
    }
    let a = parse_bytes(&le, None).unwrap();
    assert_eq!(a.header.title, "Kessel ferry");
    assert_eq!(
        texts(&a, BlockKind::Paragraph),
        ["The ferry to Ostervik sails at noon."]
    );
}

/// A small deterministic generator (no dependency): a linear congruential sequence.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// Bodies mixing every shape this parser tells apart (indents, wrapping, blank lines, section
/// breaks, time stamps, titles, footers, sign-offs): none panics, and every word of the body
/// is still somewhere in the article.
#[test]
fn mixed_shapes_never_lose_a_word() {
    const WORDS: [&str; 12] = [
        "harbour", "Kessel", "pilots", "voted", "on", "Monday", "the", "ferry", "Ostervik", "said",
        "council", "bridge",
    ];
    const LINES: [&str; 12] = [
        "* * *",
        "___",
        "—",
        "10:42 GMT",
        "2.15pm",
        "Reuter",
        "— Reuters",
        "(Reporting by Ana Ruiz; Editing by Bo Lind)",
        "Copyright 2026 Veldmark Wire",
        "This story has been corrected to show the date.",
        "Did the council vote?",
        "“We will wait”",
    ];
    let mut rng = Lcg(7);
    for _ in 0..400 {
        let mut text = String::from("Headline of the day\n\nThe story starts here today.\n");
        for _ in 0..rng.next(25) + 1 {
            match rng.next(6) {
                0 => text.push('\n'),
                1 => {
                    text.push_str(LINES[rng.next(LINES.len())]);
                    text.push('\n');
                }
                k => {
                    if k == 2 {
                        text.push_str(["    ", "\t", " ", "  "][rng.next(4)]);
                    }
                    let n = rng.next(14) + 1;
                    let words: Vec<&str> = (0..n).map(|_| WORDS[rng.next(WORDS.len())]).collect();
                    text.push_str(&words.join(" "));
                    text.push_str(["", ".", ",", "?", ":"][rng.next(5)]);
                    text.push('\n');
                }
            }
        }
        let a = parse(&text);
        let mut all = vec![a.header.title.clone()];
        all.extend(a.standfirst.clone());
        all.extend(a.dateline.clone());
        all.extend(a.header.date.clone());
        all.extend(a.header.source.clone());
        all.extend(a.header.authors.iter().cloned());
        all.extend(a.blocks.iter().map(|b| b.text.to_string()));
        all.extend(a.footer.iter().cloned());
        all.extend(a.related.iter().map(|r| r.title.clone()));
        let all = all.join(" ");
        for word in text.split_whitespace() {
            assert!(all.contains(word), "{word:?} lost from {text:?}: {a:#?}");
        }
        assert!(a.blocks.iter().all(|b| !b.text.trim().is_empty()));
    }
}
