//! Speaker attribution, first half: the name (or pronoun) next to each verb of saying in a block.
//!
//! Each block is tokenised once; every verb of saying outside quotes becomes an event with its
//! subject, found within a bounded look-back, so the work stays linear on any paragraph. Finding
//! them needs nothing from other blocks but the article's vocabulary, which is the same for all,
//! so blocks can be read on several threads. [`super::resolve`] then takes the blocks' [`Clues`] in
//! reading order: a pronoun takes the last named speaker, a lone surname the full name seen
//! earlier, and a quote the event right after it in its clause (`“…,” Ruiz said`), else the last
//! event before it in its sentence (`Ruiz said: “…”`).

use std::collections::HashSet;
use std::sync::OnceLock;

use foldhash::fast::RandomState;

use super::names::{Class, classify, is_not_name, name_bounds};
use super::pair::Span;
use super::tokens::{Token, sentence_ends, tokenize};
use crate::article::Block;

/// How many tokens before its verb a subject is looked for.
const LOOK_BACK: usize = 48;
/// The most words a name can have.
const NAME_WORDS: usize = 8;

/// Who a verb of saying has for its subject.
#[derive(Debug)]
pub(super) enum Subject {
    Name(String),
    Pronoun,
    Unknown,
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
    /// The subject resolved to a name.
    pub speaker: Option<String>,
}

/// Names and events in reading order, for resolution.
pub(super) enum Item {
    /// A full name of two or more words, as written.
    Name(String),
    /// The event at this index of [`Clues::events`].
    Event(usize),
}

/// What one block says about who speaks: everything resolution needs, without the block's text.
pub(super) struct Clues {
    /// Verbs of saying, by offset.
    pub events: Vec<Event>,
    /// Full names and events in reading order.
    pub items: Vec<Item>,
    /// Offsets of clause breaks (`;`, a dash, `, but`) a verb before a quote must not cross.
    pub barriers: Vec<usize>,
    /// Offsets where sentences end.
    pub ends: Vec<usize>,
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
        };
        let (events, items, barriers) = self.events(&walk, &intervals, &ends);
        Clues {
            events,
            items,
            barriers,
            ends: ends.iter().map(|&t| tokens[t].end).collect(),
        }
    }

    /// Walks the tokens once, collecting multi-word names, verbs of saying with their subjects, and
    /// the clause breaks (`;`, a dash, `, but`) a verb before a quote must not be separated by.
    fn events(
        &self,
        w: &Walk,
        intervals: &[(usize, usize)],
        ends: &[usize],
    ) -> (Vec<Event>, Vec<Item>, Vec<usize>) {
        let mut events = Vec::new();
        let mut barriers = Vec::new();
        let mut items = Vec::new();
        let (mut q, mut e) = (0, 0);
        let (mut clause, mut sent_start, mut after_quote) = (0, 0, None);
        let mut run: Vec<usize> = Vec::new();
        for (t, tok) in w.tokens.iter().enumerate() {
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
                let named = w.class[t].name;
                if named || (!run.is_empty() && w.class[t].particle) {
                    if run.len() == NAME_WORDS {
                        w.flush(&mut run, &mut items);
                    }
                    if named || !run.is_empty() {
                        run.push(t);
                    }
                } else {
                    w.flush(&mut run, &mut items);
                }
                let c = w.chars[tok.start];
                let contrast = c == ',' && w.class.get(t + 1).is_some_and(|n| n.contrast);
                let dash = !tok.word && matches!(c, ';' | '—' | '–');
                if dash || contrast {
                    barriers.push(tok.start);
                }
                // `“…” — and Ruiz said`: a new clause after the quote is not its attribution.
                if dash || w.class[t].conjunction || w.class[t].contrast {
                    after_quote = None;
                }
                if w.class[t].verb {
                    let lo = clause.max(t.saturating_sub(LOOK_BACK));
                    let inverted_ok = after_quote.is_some() && lo == clause || t == sent_start;
                    let (subject, tight) = self.subject(w, t, lo, sent_start, inverted_ok);
                    items.push(Item::Event(events.len()));
                    events.push(Event {
                        pos: tok.start,
                        // `“…” was the word the crowd Ruiz said…` is no attribution: the subject
                        // must open the clause.
                        after_quote: after_quote.filter(|_| tight && lo == clause),
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
        if class[t].according {
            let to = class.get(t + 1).is_some_and(|c| c.to);
            let subject = if to {
                self.forward(w, t + 2)
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
        if lo < t && class[lo].conjunction {
            lo += 1;
        }
        let mut j = t;
        while j > lo && class[j - 1].adverb {
            j -= 1;
        }
        if j <= lo {
            // Nothing before the verb in its clause: `“…,” said Romero.` Elsewhere (`…, and said
            // Lisbon would pay`) the word after the verb is its object, not its subject.
            if !inverted_ok {
                return (Subject::Unknown, false);
            }
            return (self.forward(w, t + 1), true);
        }
        let p = j - 1;
        if class[p].pronoun {
            return (Subject::Pronoun, p == lo);
        }
        if class[p].name {
            let mut k = p;
            while k > lo && p - k + 1 < NAME_WORDS && (class[k - 1].name || class[k - 1].particle) {
                k -= 1;
            }
            return (self.name(w, k, p + 1, k == sent_start), k == lo);
        }
        if tokens[p].is(chars, ',') {
            // An appositive: `Ana Ruiz, the port’s director, said`.
            let mut k = lo;
            while k < p && k - lo < NAME_WORDS && (class[k].name || class[k].particle) {
                k += 1;
            }
            if k > lo && k < p && tokens[k].is(chars, ',') {
                return (self.name(w, lo, k, lo == sent_start), true);
            }
        }
        (Subject::Unknown, false)
    }

    /// The subject after an inverted verb: `said Romero`, `according to Ana Ruiz`, `said he`,
    /// `said spokeswoman Ana Ruiz`, `wrote columnist Teo Marsh`.
    fn forward(&self, w: &Walk, from: usize) -> Subject {
        if w.class.get(from).is_some_and(|c| c.pronoun) {
            return Subject::Pronoun;
        }
        if w.class.get(from).is_some_and(|c| c.determiner) {
            // `said the guild’s chair, Anders Kvale`: the name follows the description and a comma.
            let mut k = from;
            while k - from < NAME_WORDS
                && w.tokens.get(k).is_some_and(|t| t.word)
                && !w.class[k].verb
            {
                k += 1;
            }
            let comma = w.tokens.get(k).is_some_and(|t| t.is(w.chars, ','));
            if !comma || !w.class.get(k + 1).is_some_and(|c| c.name) {
                return Subject::Unknown;
            }
            return self.forward(w, k + 1);
        }
        // Up to three lower-case words describing the speaker; a function word (`said the plan`,
        // `said it`) means the verb has an object, not a subject, after it.
        let start = from;
        let mut from = from;
        while let (Some(c), Some(tok)) = (w.class.get(from), w.tokens.get(from)) {
            let lower = tok.word && tok.first(w.chars).is_lowercase();
            if from - start == 3 || !lower || c.function || c.pronoun || c.verb {
                break;
            }
            from += 1;
        }
        let mut k = from;
        while k < w.tokens.len()
            && k - from < NAME_WORDS
            && (w.class[k].name || (k > from && w.class[k].particle))
        {
            k += 1;
        }
        if k == from {
            return Subject::Unknown;
        }
        self.name(w, from, k, false)
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

impl Walk<'_> {
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

    /// The tokens of the name among tokens `from..to`, without titles and stray particles.
    fn name_in(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let (a, b) = name_bounds(to - from, |i| {
            let tok = &self.tokens[from + i];
            &self.chars[tok.start..tok.end]
        })?;
        Some((from + a, from + b))
    }

    /// Ends a run of name words: two or more make a full name worth remembering.
    fn flush(&self, run: &mut Vec<usize>, items: &mut Vec<Item>) {
        if let (Some(&from), Some(&to)) = (run.first(), run.last())
            && run.len() >= 2
            && let Some((a, b)) = self.name_in(from, to + 1)
            && b - a >= 2
        {
            items.push(Item::Name(self.text(a, b)));
        }
        run.clear();
    }
}
