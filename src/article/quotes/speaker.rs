//! Speaker attribution, first half: the name (or pronoun, or body) next to each verb of saying in
//! a block, and the subject each sentence opens with.
//!
//! Each block is tokenised once; every verb of saying outside quotes becomes an event with its
//! subject, found within a bounded look-back, so the work stays linear on any paragraph. Finding
//! them needs nothing from other blocks but the article's vocabulary, which is the same for all,
//! so blocks can be read on several threads. [`super::resolve`] then takes the blocks' [`Clues`] in
//! reading order: a pronoun takes the person who last opened a sentence or spoke, a lone surname
//! the full name seen earlier, and a quote the event right after it in its clause (`“…,” Ruiz
//! said`), else the last event before it in its sentence (`Ruiz said: “…”`), else, when the quote
//! is a sentence on its own, the speaker who was talking before it.

use std::collections::HashSet;
use std::sync::OnceLock;

use foldhash::fast::RandomState;

use super::names::{Class, Pronoun, classify, is_not_name, name_bounds};
use super::pair::Span;
use super::tokens::{Token, sentence_ends, tokenize};
use crate::article::Block;

/// How many tokens before its verb a subject is looked for.
const LOOK_BACK: usize = 48;
/// The most words a name can have.
const NAME_WORDS: usize = 8;
/// The most words of a noun phrase naming a speaker (`Kessel Securities analyst Petra Grann`).
const PHRASE_WORDS: usize = 12;
/// How far into a sentence its subject is looked for, in tokens.
const OPENING: usize = 14;

/// Who a verb of saying (or a sentence) has for its subject.
#[derive(Debug, Clone)]
pub(super) enum Subject {
    /// A person's name as written, titles dropped.
    Name(String),
    /// An organisation by its name (`Kessel Bank`).
    Org(String),
    /// A body by a common noun (`the ministry`, `roads agency`): resolved to the organisation
    /// named earlier with that word, else kept as written. `true` when the noun is one for any
    /// company (`the company`, `the club`), which may stand for the last body that spoke.
    Generic(String, bool),
    Pronoun(Pronoun),
    /// `a statement said`: whoever spoke last in the paragraph.
    Statement,
    /// `the striker said`, `the 34-year-old said`: the person talking.
    Role,
    Unknown,
}

impl Subject {
    fn known(&self) -> bool {
        !matches!(self, Subject::Unknown)
    }
}

/// A verb of saying outside quotes.
pub(super) struct Event {
    /// Offset of the verb.
    pub pos: usize,
    /// The end of the quote its clause starts right after, if it does.
    pub after_quote: Option<usize>,
    /// Index of its sentence in the block.
    pub sentence: usize,
    pub subject: Subject,
    /// The subject resolved to a speaker.
    pub speaker: Option<super::resolve::Speaker>,
}

/// Names, sentence subjects and events in reading order, for resolution.
pub(super) enum Item {
    /// A full name of two or more words, as written (titles dropped).
    Name(String),
    /// An organisation's name (`Royal College of Nursing`).
    Org(String),
    /// The event at this index of [`Clues::events`].
    Event(usize),
    /// Who a sentence opens with: `sure` when it is plainly a name (two words, a title, a body);
    /// `guess` a lone capitalised word, a subject only if the article named someone so before;
    /// `alt` a name after descriptions (`Longtime member Bo Henriksen`).
    Opening {
        pos: usize,
        sure: Option<Subject>,
        guess: Option<String>,
        alt: Option<Subject>,
        /// `he` or `she`, when the rest of the sentence refers to its subject so (`Ruiz shook
        /// his head`).
        pron: Option<Pronoun>,
    },
    /// A name written with an honorific that tells `he` from `she` (`Mr Storm`, `Ms Brun`).
    Gender(String, Pronoun),
}

/// What one block says about who speaks: everything resolution needs, without the block's text.
pub(super) struct Clues {
    /// Verbs of saying, by offset.
    pub events: Vec<Event>,
    /// Full names, sentence openings and events in reading order.
    pub items: Vec<Item>,
    /// Offsets of clause breaks (`;`, a dash, `, but`) a verb before a quote must not cross.
    pub barriers: Vec<usize>,
    /// Offsets where sentences end.
    pub ends: Vec<usize>,
    /// For each span, whether it is a sentence on its own (`“We are not done.”`), which goes on
    /// from the speaker before it.
    pub alone: Vec<bool>,
}

/// Words written in lower case, borrowed from the blocks and hashed with a per-process seed
/// since they are untrusted.
type Vocabulary<'v> = HashSet<&'v str, RandomState>;

/// What attribution reads from the whole article: shared by the threads reading its blocks.
pub(super) struct Speakers<'v> {
    /// Words the article uses in lower case: a capitalised one at a sentence start is no name.
    /// Gathered the first time a name needs it (many articles never ask), a set per part of the
    /// article, so the threads reading the parts gather them side by side.
    vocab: Vec<(&'v [Block], OnceLock<Vocabulary<'v>>)>,
}

/// One block's tokens and what each can be.
struct Walk<'a> {
    chars: &'a [char],
    tokens: &'a [Token],
    class: Vec<Class>,
    /// Token indices after which sentences end.
    ends: &'a [usize],
}

impl<'v> Speakers<'v> {
    /// Attribution context for the article made of `blocks`, read in the parts `parts`.
    pub fn new(blocks: &'v [Block], parts: &[std::ops::Range<usize>]) -> Self {
        Speakers {
            vocab: parts
                .iter()
                .map(|r| (&blocks[r.clone()], OnceLock::new()))
                .collect(),
        }
    }

    /// Whether the article writes `word` (lower case) somewhere.
    fn in_vocab(&self, word: &str) -> bool {
        self.vocab
            .iter()
            .any(|(blocks, set)| set.get_or_init(|| super::vocabulary(blocks)).contains(word))
    }

    /// The clues of one block whose chars are `chars` and whose quotes are `spans` (sorted by start).
    pub fn clues(&self, chars: &[char], spans: &[Span]) -> Clues {
        let mut intervals: Vec<(usize, usize)> = Vec::new();
        for s in spans {
            match intervals.last_mut() {
                Some(last) if s.start < last.1 => last.1 = last.1.max(s.end),
                _ => intervals.push((s.start, s.end)),
            }
        }
        let tokens = tokenize(chars);
        let ends = sentence_ends(chars, &tokens, &intervals);
        let walk = Walk {
            chars,
            tokens: &tokens,
            class: tokens.iter().map(|t| classify(chars, t)).collect(),
            ends: &ends,
        };
        let (events, items, barriers) = self.events(&walk, &intervals, &ends);
        let alone = alone(&walk, spans, &ends);
        Clues {
            events,
            items,
            barriers,
            ends: ends.iter().map(|&t| tokens[t].end).collect(),
            alone,
        }
    }

    /// Walks the tokens once, collecting multi-word names, sentence openings, verbs of saying with
    /// their subjects, and the clause breaks (`;`, a dash, `, but`) a verb before a quote must not
    /// be separated by.
    fn events(
        &self,
        w: &Walk,
        intervals: &[(usize, usize)],
        ends: &[usize],
    ) -> (Vec<Event>, Vec<Item>, Vec<usize>) {
        let mut events: Vec<Event> = Vec::new();
        let mut barriers = Vec::new();
        let mut items = Vec::new();
        let (mut q, mut e) = (0, 0);
        let (mut clause, mut sent_start, mut after_quote) = (0, 0, None);
        // The subject the sentence opened with, and the first event of the sentence.
        let mut opening: Option<Subject> = None;
        let mut sentence_event: Option<usize> = None;
        let mut run: Vec<usize> = Vec::new();
        let quoted = |tok: &Token| {
            let i = intervals.partition_point(|iv| iv.1 <= tok.start);
            intervals.get(i).is_some_and(|iv| iv.0 <= tok.start)
        };
        for (t, tok) in w.tokens.iter().enumerate() {
            if t == sent_start {
                let end = ends.get(e).map_or(w.tokens.len(), |&x| x + 1);
                opening = self.opening(w, t, end, &quoted, &mut items);
                sentence_event = None;
            }
            while q < intervals.len() && intervals[q].1 <= tok.start {
                q += 1;
            }
            if q < intervals.len() && intervals[q].0 <= tok.start {
                w.flush(&mut run, &mut items);
                if tok.end == intervals[q].1 {
                    clause = t + 1;
                    after_quote = Some(tok.end);
                }
            } else {
                let c = &w.class[t];
                let joins_org = c.of()
                    && run.last().is_some_and(|&l| w.class[l].org_head())
                    && w.class.get(t + 1).is_some_and(|n| n.name());
                if c.name() || (!run.is_empty() && (c.particle() || joins_org)) {
                    if run.len() == NAME_WORDS {
                        w.flush(&mut run, &mut items);
                    }
                    if c.name() || !run.is_empty() {
                        run.push(t);
                    }
                } else {
                    w.flush(&mut run, &mut items);
                }
                let ch = w.chars[tok.start];
                let contrast = ch == ',' && w.class.get(t + 1).is_some_and(|n| n.contrast());
                let dash = !tok.word && matches!(ch, ';' | '—' | '–');
                if dash || contrast {
                    barriers.push(tok.start);
                }
                // `“…” — and Ruiz said`: a new clause after the quote is not its attribution.
                if dash || c.conjunction() || c.contrast() {
                    after_quote = None;
                }
                // A capitalised verb opens a sentence (`Asked whether…, Ruiz said`), and a passive
                // one (`had been asked`) has no speaker for its subject: no attribution.
                let passive = t > 0 && {
                    let before: String = w.chars_of(t - 1).iter().collect();
                    matches!(
                        before.as_str(),
                        "be" | "been" | "being" | "was" | "were" | "is" | "are"
                    )
                };
                if c.verb() && !passive && !tok.first(w.chars).is_uppercase() {
                    let lo = clause.max(t.saturating_sub(LOOK_BACK));
                    let inverted_ok = after_quote.is_some() && lo == clause || t == sent_start;
                    let earlier = sentence_event.map(|i: usize| events[i].subject.clone());
                    let (subject, tight) = if c.participle() {
                        // `…, saying: “…”`: the subject of the sentence (or of its first verb).
                        let s = earlier.or_else(|| opening.clone());
                        (s.unwrap_or(Subject::Unknown), false)
                    } else {
                        let (s, tight) = self.subject(w, t, lo, sent_start, inverted_ok);
                        // `Ruiz said … and called it “…”`: a second verb shares the first's subject.
                        let shared = !s.known()
                            && t > 0
                            && w.class[t - 1].conjunction()
                            && earlier.as_ref().is_some_and(Subject::known);
                        match (shared, earlier) {
                            (true, Some(first)) => (first, false),
                            _ => (s, tight),
                        }
                    };
                    if sentence_event.is_none() {
                        sentence_event = Some(events.len());
                    }
                    items.push(Item::Event(events.len()));
                    events.push(Event {
                        pos: tok.start,
                        // `“…” was the word the crowd Ruiz said…` is no attribution: the subject
                        // must open the clause.
                        after_quote: after_quote.filter(|_| tight),
                        sentence: e,
                        subject,
                        speaker: None,
                    });
                }
            }
            if ends.get(e) == Some(&t) {
                e += 1;
                clause = t + 1;
                sent_start = t + 1;
                after_quote = None;
                w.flush(&mut run, &mut items);
            }
        }
        w.flush(&mut run, &mut items);
        (events, items, barriers)
    }

    /// The subject the sentence starting at token `t0` (ending before `end`) opens with, pushed
    /// as an [`Item::Opening`]; returns the plainest reading for verbs that take it.
    fn opening(
        &self,
        w: &Walk,
        t0: usize,
        end: usize,
        quoted: &dyn Fn(&Token) -> bool,
        items: &mut Vec<Item>,
    ) -> Option<Subject> {
        let sentence_end = end.min(w.tokens.len());
        let end = end.min(t0 + OPENING).min(w.tokens.len());
        let mut i = t0;
        while i < end && !w.tokens[i].word && !quoted(&w.tokens[i]) {
            i += 1;
        }
        if i >= end || quoted(&w.tokens[i]) {
            return None;
        }
        let c = &w.class[i];
        if c.function() || c.verb() || c.adverb() || c.conjunction() {
            // `Late on Monday, Ruiz…`, `Asked about it, Ruiz…`: the subject follows the comma.
            match (i..end).find(|&k| w.tokens[k].is(w.chars, ',')) {
                Some(comma) => i = comma + 1,
                None => {
                    while i < end && (w.class[i].function() || w.class[i].conjunction()) {
                        i += 1;
                    }
                }
            }
        }
        let mut k = i;
        while k < end && k - i < NAME_WORDS && (w.class[k].name() || k > i && w.class[k].particle())
        {
            k += 1;
        }
        let (mut sure, mut guess) = (None, None);
        if k > i && (k == end || !w.class[k].possessive()) {
            // A lone word is checked against the names seen before, not the vocabulary.
            match self.phrase(w, i, k, false) {
                Subject::Name(n) if !n.contains(' ') && k - i == 1 => guess = Some(n),
                s @ (Subject::Name(_) | Subject::Org(_)) => sure = Some(s),
                _ => {}
            }
        }
        let mut alt = None;
        if sure.is_none() || k - i == 1 {
            // Descriptions before the name: lower-case words that are no verb in the past tense.
            let mut m = k;
            while m < end
                && m - k < 4
                && w.tokens[m].word
                && !w.class[m].name()
                && !w.class[m].function()
                && !w.class[m].verb()
                && (w.class[m].title() || !w.chars_of(m).ends_with(&['e', 'd']))
            {
                m += 1;
            }
            let mut n = m;
            while n < end
                && n - m < NAME_WORDS
                && (w.class[n].name() || n > m && w.class[n].particle())
            {
                n += 1;
            }
            if m > k && n > m && (n == end || !w.class[n].possessive()) {
                alt = Some(self.phrase(w, k, n, false)).filter(Subject::known);
            }
            // `Group commander Ruth Amsel`: a lone capitalised word was a description.
            if alt.is_some() {
                (sure, guess) = (None, None);
            }
        }
        if sure.is_none() && guess.is_none() && alt.is_none() {
            return None;
        }
        let plain = sure
            .clone()
            .or_else(|| alt.clone())
            .or_else(|| guess.clone().map(Subject::Name));
        // The first `he`/`his` or `she`/`her` after the subject, outside quotes.
        let pron = (k..sentence_end.min(k + 40))
            .filter(|&m| w.tokens[m].word && !quoted(&w.tokens[m]))
            .find_map(|m| gendered(w.chars_of(m)));
        items.push(Item::Opening {
            pos: w.tokens[i].start,
            sure,
            guess,
            alt,
            pron,
        });
        plain
    }

    /// The subject of the verb at token `t`, looking back no further than token `lo`, and whether
    /// it (or the verb, when the subject follows it) opens the clause. The subject may follow the
    /// verb only when `inverted_ok`: right after a quote (`“…,” said Romero`) or at a sentence start.
    fn subject(
        &self,
        w: &Walk,
        t: usize,
        lo: usize,
        sent_start: usize,
        inverted_ok: bool,
    ) -> (Subject, bool) {
        let (chars, tokens, class) = (w.chars, w.tokens, &w.class);
        if class[t].according() {
            let to = class.get(t + 1).is_some_and(|c| c.to());
            let subject = if to {
                self.forward(w, t + 2, true)
            } else {
                Subject::Unknown
            };
            return (subject, true);
        }
        // Skip the punctuation and a conjunction that open the clause (`, and`, `But`).
        let mut lo = lo;
        while lo < t && !tokens[lo].word {
            lo += 1;
        }
        if lo < t && class[lo].conjunction() {
            lo += 1;
        }
        let mut j = t;
        while j > lo && class[j - 1].adverb() {
            j -= 1;
        }
        if j <= lo {
            // Nothing before the verb in its clause: `“…,” said Romero.` Elsewhere (`…, and said
            // Lisbon would pay`) the word after the verb is its object, not its subject.
            if !inverted_ok {
                return (Subject::Unknown, false);
            }
            return (self.forward(w, t + 1, true), true);
        }
        let p = j - 1;
        if let Some(pron) = class[p].pron() {
            return (Subject::Pronoun(pron), p == lo);
        }
        if tokens[p].is(chars, ',') {
            return self.appositive(w, lo, p, sent_start);
        }
        let s = w.phrase_start(p + 1, lo);
        if s == p + 1 {
            return (Subject::Unknown, false);
        }
        // `Maren Olsen of Kessel University said`: the phrase after `of` is not the subject.
        if s >= lo + 2 && matches!(w.word(s - 1).as_str(), "of" | "at" | "from") {
            let s2 = w.phrase_start(s - 1, lo);
            if s2 < s - 1 {
                return match self.phrase(w, s2, s - 1, s2 == sent_start) {
                    n @ Subject::Name(_) => (n, s2 == lo),
                    _ => (Subject::Unknown, false),
                };
            }
        }
        if s > lo && w.class[s - 1].function() && !w.class[s - 1].determiner() {
            // The object of a preposition (`workers at Kessel Bank said`).
            return (Subject::Unknown, false);
        }
        (self.phrase(w, s, p + 1, s == sent_start), s == lo)
    }

    /// The subject before `said` when a comma stands before it: `Ana Ruiz, the port’s director,
    /// said` or `Her daughter, Lucy Crane, said`.
    fn appositive(&self, w: &Walk, lo: usize, p: usize, sent_start: usize) -> (Subject, bool) {
        let commas: Vec<usize> = (lo..p).filter(|&k| w.tokens[k].is(w.chars, ',')).collect();
        let first = commas.first().copied().unwrap_or(p);
        if first > lo && w.phrase_start(first, lo) == lo {
            let s = self.phrase(w, lo, first, lo == sent_start);
            if s.known() {
                return (s, true);
            }
        }
        // `Her daughter, Live, a software engineer, said`: the first segment that is a name.
        let ends = commas.iter().skip(1).copied().chain(std::iter::once(p));
        for (&c, e) in commas.iter().zip(ends).take(3) {
            if c + 1 < e && w.phrase_start(e, c + 1) == c + 1 {
                let s = self.phrase(w, c + 1, e, false);
                if matches!(s, Subject::Name(_) | Subject::Org(_)) {
                    return (s, true);
                }
            }
        }
        (Subject::Unknown, false)
    }

    /// The subject after an inverted verb: `said Romero`, `according to Ana Ruiz`, `said he`,
    /// `said spokeswoman Ana Ruiz`, `said Kessel resident Ana Ruiz`, `said the ministry`.
    fn forward(&self, w: &Walk, from: usize, again: bool) -> Subject {
        if let Some(p) = w.class.get(from).and_then(|c| c.pron()) {
            return Subject::Pronoun(p);
        }
        let mut k = from;
        while k < w.tokens.len() && k - from < PHRASE_WORDS && w.in_phrase(k) {
            k += 1;
        }
        let s = if k > from {
            self.phrase(w, from, k, false)
        } else {
            Subject::Unknown
        };
        // `according to a statement from the ministry`: whoever issued it.
        if matches!(s, Subject::Statement)
            && again
            && k < w.tokens.len()
            && matches!(w.word(k).as_str(), "from" | "by")
        {
            let issuer = self.forward(w, k + 1, false);
            if issuer.known() {
                return issuer;
            }
        }
        if s.known() {
            return s;
        }
        // `said the guild’s chair, Anders Kvale`: the name follows the description and a comma.
        let comma = w.tokens.get(k).is_some_and(|t| t.is(w.chars, ','));
        if again && k > from && comma && w.class.get(k + 1).is_some_and(|c| c.name()) {
            return match self.forward(w, k + 1, false) {
                n @ Subject::Name(_) => n,
                _ => Subject::Unknown,
            };
        }
        Subject::Unknown
    }

    /// Who the noun phrase of tokens `from..to` names: the name it ends with (`senior adviser Ana
    /// Ruiz`), an organisation (`Kessel Bank`, `power company Nordgrid`, `the ministry`), a
    /// statement, or no one (`a spokeswoman`, `the plan`).
    fn phrase(&self, w: &Walk, from: usize, to: usize, at_sentence_start: bool) -> Subject {
        let c = &w.class;
        let mut from = from;
        let mut indefinite = false;
        while from < to && c[from].determiner() {
            indefinite |= matches!(w.word(from).to_lowercase().as_str(), "a" | "an");
            from += 1;
        }
        if from >= to {
            return Subject::Unknown;
        }
        let last = to - 1;
        if c[last].statement() {
            return Subject::Statement;
        }
        // The name the phrase ends with; `of` inside an organisation's name.
        let mut r = to;
        while r > from
            && (c[r - 1].name()
                || r < to && c[r - 1].particle()
                || r < to
                    && r - 1 > from
                    && c[r - 1].of()
                    && c[r - 2].org_head()
                    && c[r - 2].name())
        {
            r -= 1;
        }
        if r == to {
            let role = c[last].title() || w.word(last).ends_with("-year-old");
            // Only after `the`: `his spokesman` is someone else.
            if role && to - from == 1 && from > 0 && w.word(from - 1).eq_ignore_ascii_case("the") {
                return Subject::Role;
            }
            return if c[last].org_noun() && !indefinite && w.phrase_words(from, to) {
                Subject::Generic(w.text(from, to), c[last].org_descriptor())
            } else {
                Subject::Unknown
            };
        }
        let org = c[last].org_head() || (r..to).any(|k| c[k].of());
        if org || r > from && c[r - 1].org_descriptor() {
            return Subject::Org(w.text(r, to));
        }
        self.name(w, r, to, at_sentence_start && r == from)
    }

    /// The name made of tokens `from..to`, or `Unknown` when it is only titles or a common noun.
    fn name(&self, w: &Walk, from: usize, to: usize, at_sentence_start: bool) -> Subject {
        let mut from = from;
        // `Archivist Runa Tveit`: a leading word the article also writes in lower case is a
        // description, not a name, when two words are left.
        while to - from > 2 && self.in_vocab(&w.word(from).to_lowercase()) {
            from += 1;
        }
        let Some((a, b)) = w.name_in(from, to) else {
            return Subject::Unknown;
        };
        let a = w.after_descriptor(a, b);
        let name = w.text(a, b);
        // Tokens hold no spaces, so a one-token name is a single word.
        if b - a == 1 {
            let common = at_sentence_start && self.in_vocab(&name.to_lowercase());
            if common || is_not_name(&name) {
                return Subject::Unknown;
            }
        }
        Subject::Name(name)
    }
}

/// For each span, whether it is a sentence of its own: only marks and punctuation stand between
/// it and its sentence's ends (looked at a few tokens each way, so hostile runs of marks cost
/// nothing).
fn alone(w: &Walk, spans: &[Span], ends: &[usize]) -> Vec<bool> {
    const NEAR: usize = 8;
    let at = |pos: usize| w.tokens.partition_point(|t| t.start < pos);
    spans
        .iter()
        .map(|s| {
            let (a, b) = (at(s.start), at(s.end));
            let e = ends.partition_point(|&x| x < a);
            let first = if e == 0 { 0 } else { ends[e - 1] + 1 };
            let last = ends.get(e).map_or(w.tokens.len(), |&x| x + 1);
            let bare =
                |r: std::ops::Range<usize>| r.len() <= NEAR && w.tokens[r].iter().all(|t| !t.word);
            !s.nested && first <= a && bare(first..a) && bare(b.min(last)..last)
        })
        .collect()
}

impl Walk<'_> {
    /// The first token of the name `a..b` once a description written capitalised only because
    /// it opens the sentence is dropped (`Witness Oskar Dahl`, `Conservator Tariq Mansour`): the
    /// first of three or more words at a sentence start, shaped like a noun for a role.
    fn after_descriptor(&self, a: usize, b: usize) -> usize {
        let starts = |t: usize| t == 0 || self.ends.binary_search(&(t - 1)).is_ok();
        let opens = starts(a) || a > 0 && !self.tokens[a - 1].word && starts(a - 1);
        if !opens || b - a < 3 || self.class[a + 1].particle() {
            return a;
        }
        let w = self.word(a).to_lowercase();
        let role = ["er", "or", "ist", "ness", "ant", "ent", "man", "woman"]
            .iter()
            .any(|s| w.len() >= s.len() + 3 && w.ends_with(s));
        if role { a + 1 } else { a }
    }

    /// The chars of token `t`.
    fn chars_of(&self, t: usize) -> &[char] {
        let tok = &self.tokens[t];
        &self.chars[tok.start..tok.end]
    }

    /// The text of token `t`.
    fn word(&self, t: usize) -> String {
        let tok = &self.tokens[t];
        self.chars[tok.start..tok.end].iter().collect()
    }

    /// The text of tokens `from..to`, one space between them.
    fn text(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        for (k, tok) in self.tokens[from..to].iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.extend(&self.chars[tok.start..tok.end]);
        }
        out
    }

    /// Whether token `k` can be part of a noun phrase naming a speaker: a word that is no verb,
    /// pronoun, adverb or function word (but `the`, `a`, `its`, and `of` inside a name).
    fn in_phrase(&self, k: usize) -> bool {
        let c = &self.class[k];
        let of_org = c.of()
            && k > 0
            && self.class[k - 1].org_head()
            && self.class[k - 1].name()
            && self.class.get(k + 1).is_some_and(|n| n.name());
        self.tokens[k].word
            && (!c.function() || c.determiner() || of_org)
            && (!c.verb() || c.name())
            && c.pron().is_none()
            && !c.adverb()
            && !c.conjunction()
    }

    /// The first token of the noun phrase that ends before `to`, going back no further than `lo`.
    fn phrase_start(&self, to: usize, lo: usize) -> usize {
        let mut s = to;
        while s > lo && to - s < PHRASE_WORDS && self.in_phrase(s - 1) {
            s -= 1;
        }
        s
    }

    /// Whether tokens `from..to` are all words (a body named by common nouns, `roads agency`).
    fn phrase_words(&self, from: usize, to: usize) -> bool {
        (from..to).all(|k| self.in_phrase(k))
    }

    /// The tokens of the name among tokens `from..to`, without titles and stray particles.
    fn name_in(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let (a, b) = name_bounds(to - from, |i| {
            let tok = &self.tokens[from + i];
            &self.chars[tok.start..tok.end]
        })?;
        Some((from + a, from + b))
    }

    /// Ends a run of name words: two or more make a full name (or an organisation's) worth
    /// remembering.
    fn flush(&self, run: &mut Vec<usize>, items: &mut Vec<Item>) {
        if let (Some(&from), Some(&to)) = (run.first(), run.last())
            && run.len() >= 2
        {
            if self.class[to].org_head() || run.iter().any(|&k| self.class[k].of()) {
                items.push(Item::Org(self.text(from, to + 1)));
            } else if let Some((a, b)) = self.name_in(from, to + 1) {
                if b - a >= 2 {
                    let a = self.after_descriptor(a, b);
                    items.push(Item::Name(self.text(a, b)));
                }
                if let Some(p) = (from..a).rev().find_map(|k| honorific(&self.word(k))) {
                    items.push(Item::Gender(self.text(a, b), p));
                }
            }
        }
        run.clear();
    }
}

/// `he` or `she`, for the pronouns and possessives that refer to a person (in any case).
fn gendered(word: &[char]) -> Option<Pronoun> {
    // Lower-cased on the stack: this runs for many words of a sentence.
    let mut buf = [0u8; 7];
    if !(2..=buf.len()).contains(&word.len()) {
        return None;
    }
    for (b, c) in buf.iter_mut().zip(word) {
        if !c.is_ascii() {
            return None;
        }
        *b = c.to_ascii_lowercase() as u8;
    }
    match &buf[..word.len()] {
        b"he" | b"his" | b"him" | b"himself" => Some(Pronoun::He),
        b"she" | b"her" | b"hers" | b"herself" => Some(Pronoun::She),
        _ => None,
    }
}

/// `he` or `she`, for an honorific before a name.
fn honorific(word: &str) -> Option<Pronoun> {
    match word.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" | "King" | "Prince" => Some(Pronoun::He),
        "Mrs" | "Ms" | "Miss" | "Dame" | "Lady" | "Queen" | "Princess" => Some(Pronoun::She),
        _ => None,
    }
}
