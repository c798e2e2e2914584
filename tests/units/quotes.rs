//! The quote finder on short fictional paragraphs: marks, apostrophes, nesting, multi-paragraph quotes,
//! speakers; plus a check against the reference article when it is present.

use byline::article::quotes::{QuoteKind, find_quotes, quote_kind};
use byline::article::{Block, Quote};

/// The quoted text of each quote of one paragraph, with its speaker.
fn quoted(text: &str) -> Vec<(String, Option<String>)> {
    quoted_in(&[Block::paragraph(text)])
}

fn quoted_in(blocks: &[Block]) -> Vec<(String, Option<String>)> {
    find_quotes(blocks)
        .into_iter()
        .map(|q| (slice(&blocks[q.block].text, &q), q.speaker))
        .collect()
}

fn slice(text: &str, q: &Quote) -> String {
    text.chars().skip(q.start).take(q.end - q.start).collect()
}

fn texts(text: &str) -> Vec<String> {
    quoted(text).into_iter().map(|(t, _)| t).collect()
}

fn speakers(text: &str) -> Vec<Option<String>> {
    quoted(text).into_iter().map(|(_, s)| s).collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

// --- marks --------------------------------------------------------------------------------------

#[test]
fn curly_double_quotes() {
    let t = "The mayor called it “a fair deal” and left.";
    assert_eq!(texts(t), ["“a fair deal”"]);
    let q = &find_quotes(&[Block::paragraph(t)])[0];
    // Offsets count chars, not bytes: the marks are three bytes each.
    assert_eq!((q.start, q.end), (20, 33));
}

#[test]
fn straight_double_quotes_face_their_words() {
    assert_eq!(
        texts("\"We sail at dawn,\" the captain said. He called it \"routine.\""),
        ["\"We sail at dawn,\"", "\"routine.\""]
    );
    assert_eq!(texts("(\"Not now\") she wrote"), ["\"Not now\""]);
    // Inside curly quotes, a straight mark after a digit is an inch mark.
    assert_eq!(
        texts("“The 12\" pipe burst,” Ruiz said."),
        ["“The 12\" pipe burst,”"]
    );
}

#[test]
fn old_wire_marks() {
    assert_eq!(
        texts("''The bridge is closed,'' Ana Ruiz said."),
        ["''The bridge is closed,''"]
    );
    assert_eq!(texts("He said ``no comment'' twice."), ["``no comment''"]);
}

#[test]
fn single_quotes_in_headlines_and_inside_doubles() {
    let blocks = [
        Block::heading("Harbor board vows to ‘fix the cranes’"),
        Block::paragraph("“They said ‘wait’ again,” Lena Ortiz said."),
    ];
    let got = quoted_in(&blocks);
    let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        ["‘fix the cranes’", "“They said ‘wait’ again,”", "‘wait’"]
    );
    // The nested quote is told apart by its mark and carries no speaker of its own.
    let quotes = find_quotes(&blocks);
    assert_eq!(
        quote_kind(&blocks[0].text, &quotes[0]),
        Some(QuoteKind::Single)
    );
    assert_eq!(
        quote_kind(&blocks[1].text, &quotes[1]),
        Some(QuoteKind::Double)
    );
    assert_eq!(
        quote_kind(&blocks[1].text, &quotes[2]),
        Some(QuoteKind::Single)
    );
    assert_eq!(got[1].1, some("Lena Ortiz"));
    assert_eq!(got[2].1, None);
}

#[test]
fn straight_single_quotes_quote_too() {
    assert_eq!(
        texts("Fans chanted 'one more song' all night."),
        ["'one more song'"]
    );
}

#[test]
fn apostrophes_never_open_or_close() {
    for t in [
        "Valdora’s port doesn’t open until the ’90s wing is fixed.",
        "O’Brien played rock ’n’ roll ’til dawn.",
        "O'Brien played rock 'n' roll 'til dawn in the '80s.",
        "The nurses’ union met the drivers’ union.",
        "It’s the Ortiz’ house, ’tis said.",
    ] {
        assert_eq!(texts(t), Vec::<String>::new(), "{t}");
    }
}

#[test]
fn apostrophes_inside_a_quote_do_not_end_it() {
    assert_eq!(
        texts("“We don’t know O’Brien’s plan for the ’90s wing,” she said."),
        ["“We don’t know O’Brien’s plan for the ’90s wing,”"]
    );
    assert_eq!(
        texts("Headline writers called it ‘rock ’n’ roll diplomacy’ on Monday."),
        ["‘rock ’n’ roll diplomacy’"]
    );
}

#[test]
fn plural_possessive_does_not_close_when_a_closer_follows() {
    // `nurses’ union` is a possessive: the quote runs on to the real closer.
    assert_eq!(
        texts("The sign read ‘save the nurses’ union’ in red."),
        ["‘save the nurses’ union’"]
    );
    // With no closer after it, the s-final mark is the clear end of the quote.
    assert_eq!(
        texts("She praised ‘the nurses’ and left early."),
        ["‘the nurses’"]
    );
    // A new opener claims the later closer, so the first quote ends at the s-final mark.
    assert_eq!(
        texts("Posters said ‘thank the nurses’ and ‘stay home’ all week."),
        ["‘thank the nurses’", "‘stay home’"]
    );
    // Inside a double quote, a closer after the double ends does not count.
    assert_eq!(
        texts("“They cheered ‘for the nurses’ union,” she said, and ‘ok’."),
        [
            "“They cheered ‘for the nurses’ union,”",
            "‘for the nurses’",
            "‘ok’"
        ]
    );
}

// --- unbalanced and multi-paragraph ------------------------------------------------------------

#[test]
fn unbalanced_opener_is_dropped() {
    let blocks = [
        Block::paragraph("The note said “meet me at the pier and nothing more."),
        Block::paragraph("Police found no one there."),
    ];
    assert!(find_quotes(&blocks).is_empty());
    // Its nested quote, closed, still counts.
    assert_eq!(texts("“Call it ‘luck’ if you like"), ["‘luck’"]);
    // A stray closer is ignored.
    assert_eq!(texts("It ended.” Then “it began”"), ["“it began”"]);
}

#[test]
fn multi_paragraph_quote_spans_each_paragraph() {
    let blocks = [
        Block::paragraph("Ana Ruiz said: “We opened the gates at six."),
        Block::paragraph("“By noon the square was full."),
        Block::paragraph("“Nobody expected that,” she said. Then she left."),
    ];
    let quotes = find_quotes(&blocks);
    assert_eq!(quotes.len(), 3);
    let p0 = blocks[0].text.chars().count();
    let p1 = blocks[1].text.chars().count();
    assert_eq!(
        (quotes[0].block, quotes[0].start, quotes[0].end),
        (0, 15, p0)
    );
    assert_eq!(
        (quotes[1].block, quotes[1].start, quotes[1].end),
        (1, 0, p1)
    );
    assert_eq!(
        slice(&blocks[2].text, &quotes[2]),
        "“Nobody expected that,”"
    );
    for q in &quotes {
        assert_eq!(q.speaker.as_deref(), Some("Ana Ruiz"));
    }
}

#[test]
fn multi_paragraph_speaker_named_at_the_end() {
    let blocks = [
        Block::paragraph("“The water rose fast."),
        Block::paragraph("“We carried the children out first,” said Tomas Ekberg."),
    ];
    let got = quoted_in(&blocks);
    assert_eq!(got.len(), 2);
    assert!(
        got.iter()
            .all(|(_, s)| s.as_deref() == Some("Tomas Ekberg"))
    );
}

#[test]
fn multi_paragraph_quote_never_closed_ends_with_its_last_paragraph() {
    let blocks = [
        Block::paragraph("“The water rose fast."),
        Block::paragraph("“We carried the children out first."),
        Block::paragraph("The river fell by morning."),
    ];
    let quotes = find_quotes(&blocks);
    let spans: Vec<(usize, usize, usize)> =
        quotes.iter().map(|q| (q.block, q.start, q.end)).collect();
    let ends: Vec<usize> = blocks.iter().map(|b| b.text.chars().count()).collect();
    assert_eq!(spans, [(0, 0, ends[0]), (1, 0, ends[1])]);
}

#[test]
fn no_run_on_into_a_heading_or_a_plain_paragraph() {
    let blocks = [
        Block::paragraph("“We opened the gates at six."),
        Block::heading("“Full square”"),
    ];
    assert_eq!(quoted_in(&blocks).len(), 1);
    let blocks = [
        Block::paragraph("“We opened the gates at six."),
        Block::paragraph("By noon “the square” was full."),
    ];
    let got = quoted_in(&blocks);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "“the square”");
}

// --- speakers -----------------------------------------------------------------------------------

#[test]
fn name_before_the_verb() {
    assert_eq!(
        speakers("“The tide is late,” Ekberg said."),
        [some("Ekberg")]
    );
    assert_eq!(
        speakers("“The tide is late,” Maria Elena Soto said on Friday."),
        [some("Maria Elena Soto")]
    );
    assert_eq!(
        speakers("“The tide is late,” Foreign Minister Ana Ruiz told reporters."),
        [some("Ana Ruiz")]
    );
}

#[test]
fn inverted_verb() {
    assert_eq!(
        speakers("“The tide is late,” said Romero."),
        [some("Romero")]
    );
    assert_eq!(
        speakers("“The tide is late,” said Harbor Chief Ines Varga, who runs the port."),
        [some("Ines Varga")]
    );
    assert_eq!(
        speakers("“Ten ships wait,” according to Lena Ortiz."),
        [some("Lena Ortiz")]
    );
    // Lower-case words describing the speaker are skipped; a function word means an object follows.
    assert_eq!(
        speakers("“The ‘reform’ is a sham,” wrote columnist Teo Marsh."),
        [some("Teo Marsh"), None]
    );
    assert_eq!(speakers("“It is a sham,” said the plan’s author."), [None]);
    assert_eq!(
        speakers("“It holds,” said the dock’s night foreman, Ivo Brandt, by the gate."),
        [some("Ivo Brandt")]
    );
    // A description the article also writes in lower case is not part of the name.
    let blocks = [
        Block::paragraph("The glazier fixed the lamp."),
        Block::paragraph("“It will shine,” Glazier Ottla Renn said."),
    ];
    assert_eq!(quoted_in(&blocks)[0].1, some("Ottla Renn"));
}

#[test]
fn name_then_colon_before_the_quote() {
    assert_eq!(speakers("Durán said: “We wait.”"), [some("Durán")]);
    assert_eq!(
        speakers("Lena Ortiz, the port’s director, said a “modest number” of ships left."),
        [some("Lena Ortiz")]
    );
}

#[test]
fn verbs_of_saying() {
    for verb in [
        "says",
        "told reporters",
        "added",
        "asked",
        "wrote",
        "explained",
        "noted",
        "stressed",
    ] {
        let t = format!("“Enough,” Vidal {verb}.");
        assert_eq!(speakers(&t), [some("Vidal")], "{verb}");
    }
}

#[test]
fn pronouns_take_the_last_named_speaker() {
    let blocks = [
        Block::paragraph("“The cranes are broken,” Lena Ortiz said."),
        Block::paragraph("Tomas Ekberg said repairs would take weeks."),
        Block::paragraph("“We have no parts,” he said."),
        Block::paragraph("“Nor money,” she said, adding that talks go on."),
    ];
    let got = quoted_in(&blocks);
    let s: Vec<Option<&str>> = got.iter().map(|(_, s)| s.as_deref()).collect();
    // No gender guessing from names: `he` takes the last named person, and `she`, which cannot
    // be the person `he` just stood for, the one before.
    assert_eq!(
        s,
        [Some("Lena Ortiz"), Some("Tomas Ekberg"), Some("Lena Ortiz")]
    );
    // With no one named before, a pronoun stays unresolved.
    assert_eq!(speakers("“We have no parts,” he said."), [None]);
}

#[test]
fn surname_resolves_to_the_full_name_seen_earlier() {
    let blocks = [
        Block::paragraph("Pedro Almar, 61, waited at the gate with his cousin Rui Almar."),
        Block::paragraph("“It is cold,” Almar said."),
    ];
    assert_eq!(quoted_in(&blocks)[0].1, some("Pedro Almar"));
}

#[test]
fn no_attribution_in_the_sentence_is_none() {
    assert_eq!(speakers("The sign read “closed” all week."), [None]);
    // A quote that is a sentence of its own goes on from the speaker before it.
    assert_eq!(
        speakers("“We left,” Vidal said. “Nobody stayed.”"),
        [some("Vidal"), some("Vidal")]
    );
    assert_eq!(speakers("“Nobody stayed.” Vidal left."), [None]);
    // Bodies speak too (their kind is tested with the annotated fixtures in the library).
    assert_eq!(
        speakers("“Calm down,” the ministry said."),
        [some("ministry")]
    );
    assert_eq!(speakers("“Calm down,” Police said."), [some("Police")]);
}

#[test]
fn sentence_going_on_after_the_quote() {
    assert_eq!(
        speakers(
            "Ana Ruiz said the plan was “a start” on Monday. “It will not last,” she said, and left."
        ),
        [some("Ana Ruiz"), some("Ana Ruiz")]
    );
    assert_eq!(speakers("“Why now?” Ruiz asked."), [some("Ruiz")]);
    // A verb before the quote counts only within its clause.
    assert_eq!(
        speakers("Ruiz said the port would reopen, but dockers called it “a joke.”"),
        [None]
    );
    assert_eq!(
        speakers("Ruiz said the port would reopen and called it “a fresh start.”"),
        [some("Ruiz")]
    );
    // A full stop before the closer ends the sentence: the next one is not its attribution.
    assert_eq!(
        speakers("“We are done.” Ruiz said the port would close."),
        [None]
    );
}

#[test]
fn titles_ages_and_appositives() {
    assert_eq!(speakers("“Go,” Ruiz, 54, said."), [some("Ruiz")]);
    assert_eq!(
        speakers("Prime Minister Lara Voss told lawmakers on Tuesday that the deal was “dead.”"),
        [some("Lara Voss")]
    );
    assert_eq!(
        speakers("“It’s a trap,” Adm. Kell Tarn said."),
        [some("Kell Tarn")]
    );
    assert_eq!(
        speakers("“We can’t,” Dr. Ines Varga, a surgeon at the clinic, told The Harbor Times."),
        [some("Ines Varga")]
    );
    assert_eq!(
        speakers("“Go home,” Police Chief Omar Pike said."),
        [some("Omar Pike")]
    );
}

#[test]
fn groups_and_offices_are_not_speakers() {
    assert_eq!(speakers("Officials said the storm was “historic.”"), [None]);
    assert_eq!(speakers("Fans shouted ‘yes’ at once."), [None]);
    assert_eq!(
        speakers("In a statement, the mayor’s office said it was “reviewing the matter.”"),
        [some("mayor’s office")]
    );
    assert_eq!(speakers("“Calm down,” a ministry spokesman said."), [None]);
}

#[test]
fn attribution_belongs_to_its_own_clause() {
    assert_eq!(
        speakers("He said “no” — and Ruiz said “yes.”"),
        [None, some("Ruiz")]
    );
    // A verb later in the clause whose subject does not open it is not the attribution.
    assert_eq!(
        speakers("“Stop the ships” was the banner that Ruiz said she saw."),
        [None]
    );
    assert_eq!(
        speakers("“Yes,” Ruiz said. “No,” she added."),
        [some("Ruiz"), some("Ruiz")]
    );
    assert_eq!(
        speakers("“It is,” said Varga, adding: “Truly.”"),
        [some("Varga"), some("Varga")]
    );
}

#[test]
fn straight_and_wire_quotes_run_on_too() {
    let blocks = [
        Block::paragraph("\"We waited. Nobody came."),
        Block::paragraph("\"Then the lights went out,\" Vidal said."),
        Block::paragraph("''It was cold."),
        Block::paragraph("''So cold,'' said Ines Varga."),
    ];
    let got = quoted_in(&blocks);
    let s: Vec<(usize, Option<&str>)> = find_quotes(&blocks)
        .iter()
        .zip(&got)
        .map(|(q, (_, sp))| (q.block, sp.as_deref()))
        .collect();
    assert_eq!(
        s,
        [
            (0, Some("Vidal")),
            (1, Some("Vidal")),
            (2, Some("Ines Varga")),
            (3, Some("Ines Varga"))
        ]
    );
    assert_eq!(got[0].0, blocks[0].text);
    assert_eq!(got[3].0, "''So cold,''");
}

// --- size ---------------------------------------------------------------------------------------

#[test]
fn large_paragraph_is_handled_correctly() {
    let unit = "“The pier’s ‘old’ cranes don’t work,” Ruiz said, and the nurses’ union agreed. ";
    let n = 60_000; // about 5 MB
    let text = unit.repeat(n);
    let quotes = find_quotes(&[Block::paragraph(text.as_str())]);
    let per = unit.chars().count();
    assert_eq!(quotes.len(), 2 * n);
    assert_eq!((quotes[2].start, quotes[2].end), (per, per + 37));
    assert_eq!(quotes[2 * n - 2].speaker.as_deref(), Some("Ruiz"));
    // Pathological marks: a long run of openers and then of closers, and a 2 MB word.
    let mut hostile = "‘".repeat(1_000_000);
    hostile.push_str(&"”".repeat(1_000_000));
    hostile.push_str(&"a".repeat(2_000_000));
    hostile.push_str("s’ said");
    let q = find_quotes(&[Block::paragraph(hostile)]);
    // Only the last opener pairs, with the closing mark after the long word.
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].start, 999_999);
    // Long runs of verbs, adverbs, names and straight marks, each followed by a quote.
    let mut words = String::new();
    for run in ["said ", "also ", "Ana ", "de ", "\" ", "'' "] {
        words.push_str(&run.repeat(100_000));
        words.push_str("“Yes,” Ruiz said. ");
    }
    let block = Block::paragraph(words);
    let chars: Vec<char> = block.text.chars().collect();
    let q = find_quotes(std::slice::from_ref(&block));
    let curly: Vec<&Quote> = q.iter().filter(|q| chars[q.start] == '“').collect();
    assert_eq!(curly.len(), 6);
    assert!(curly.iter().all(|q| q.speaker.as_deref() == Some("Ruiz")));
    // The lone straight marks pair up with each other, two by two.
    assert_eq!(q.len(), 6 + 50_000 + 50_000);
}

// --- reference ----------------------------------------------------------------------------------

#[test]
fn reference_article_has_thirteen_double_quotes() {
    let Some(path) = crate::common::reference_article() else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let blocks: Vec<Block> = text.lines().skip(3).map(Block::paragraph).collect();
    let quotes = find_quotes(&blocks);
    let doubles = quotes
        .iter()
        .filter(|q| quote_kind(&blocks[q.block].text, q) == Some(QuoteKind::Double))
        .count();
    assert_eq!(doubles, 13);
    for q in &quotes {
        let chars: Vec<char> = blocks[q.block].text.chars().collect();
        // A mark at `i` with a letter or digit on both sides is an apostrophe inside a word.
        let in_word = |i: usize| {
            i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
        };
        assert!(!in_word(q.start), "{q:?} starts inside a word");
        assert!(!in_word(q.end - 1), "{q:?} ends inside a word");
    }
}
