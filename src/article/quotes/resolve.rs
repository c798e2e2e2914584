//! Speaker attribution, second half: the blocks' [`Clues`] resolved in reading order into a
//! speaker for each quote.
//!
//! This is the only part of attribution that carries state from block to block (who is talking,
//! who opened the last sentences, the full names and organisations seen so far), so it runs on
//! one thread, after the blocks have been read.

use std::collections::HashMap;

use super::names::Pronoun;
use super::pair::Span;
use super::speaker::{Clues, Item, Subject};
use crate::article::SpeakerKind;

/// A quote that is a sentence of its own goes on from the speaker before it, if that speaker was
/// named at most this many blocks back.
const CONTINUE_BLOCKS: usize = 3;
/// How many recent people a pronoun can stand for.
const PEOPLE: usize = 8;
/// How many organisations are remembered for `the bank` and the like.
const ORGS: usize = 32;
/// How many full names are remembered for one surname (a hostile article may give thousands).
const SURNAMED: usize = 16;

/// Who said something, and whether a person or a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Speaker {
    pub name: String,
    pub kind: SpeakerKind,
}

/// A quote's speaker, and whether its own sentence names them (rather than the quote going on
/// from the speaker before it).
#[derive(Debug, Clone)]
pub(super) struct Attributed {
    pub speaker: Speaker,
    pub explicit: bool,
}

/// The full names an article gave one surname, least recently used first, each with how often
/// it opened a sentence or spoke: a lone surname stands for the one used most (`Holmsen` is the
/// baker, not the brother quoted once), the latest of equals.
#[derive(Default)]
struct Known {
    names: Vec<(String, usize)>,
}

impl Known {
    /// The name a lone surname stands for.
    fn best(&self) -> Option<&String> {
        let mut best: Option<&(String, usize)> = None;
        for n in &self.names {
            if best.is_none_or(|b| n.1 >= b.1) {
                best = Some(n);
            }
        }
        best.map(|b| &b.0)
    }

    /// Counts one more use of `name`, making it the most recent.
    fn used(&mut self, name: &str) {
        match self.names.iter().position(|n| n.0 == name) {
            Some(i) => {
                self.names[i..].rotate_left(1);
                if let Some(last) = self.names.last_mut() {
                    last.1 += 1;
                }
            }
            None => {
                if self.names.len() == SURNAMED {
                    self.names.remove(0);
                }
                self.names.push((name.to_string(), 1));
            }
        }
    }
}

/// What resolution carries from block to block.
#[derive(Default)]
pub(super) struct Resolver {
    surnames: HashMap<String, Known>,
    /// Organisations named so far, most recent last.
    orgs: Vec<String>,
    /// People who opened a sentence or spoke, most recent last, each once.
    people: Vec<String>,
    /// The last organisation that opened a sentence or spoke, and whether it came after the
    /// last person.
    last_org: Option<String>,
    org_last: bool,
    /// Full names mentioned, most recent last, each once: a pronoun takes one of them when no
    /// one who opened a sentence fits.
    mentioned: Vec<String>,
    /// Whom the text calls `he` or `she` (by a pronoun or an honorific).
    gender: HashMap<String, Pronoun>,
    /// Whom `he` and `she` stood for last: one person is not both.
    he: Option<String>,
    she: Option<String>,
    /// Who is talking, and the block that said so.
    current: Option<Speaker>,
    current_block: usize,
    /// Blocks resolved so far.
    block: usize,
}

impl Resolver {
    /// The speaker of each span of one block (`spans` sorted by start), in the same order, from
    /// that block's `clues`. Blocks must come in reading order. Nested quotes get `None`: the
    /// speaker of the quote around them is quoting someone else. `heading` blocks take no
    /// speaker from the text before them.
    pub fn speakers(
        &mut self,
        clues: Clues,
        spans: &[Span],
        heading: bool,
    ) -> Vec<Option<Attributed>> {
        let Clues {
            mut events,
            items,
            barriers,
            ends,
            alone,
        } = clues;
        self.block += 1;
        let before = (self.block - self.current_block <= CONTINUE_BLOCKS)
            .then(|| self.current.clone())
            .flatten();
        // Who is talking from each offset on.
        let mut changes: Vec<(usize, Option<Speaker>)> = Vec::new();
        for item in items {
            match item {
                Item::Name(full) => {
                    remember(&mut self.mentioned, &full);
                    let sur = surname(&full);
                    match self.surnames.get_mut(sur) {
                        Some(known) if known.names.iter().any(|n| n.0 == full) => {}
                        Some(known) => {
                            if known.names.len() == SURNAMED {
                                known.names.remove(0);
                            }
                            known.names.insert(0, (full, 0));
                        }
                        None => {
                            let known = Known {
                                names: vec![(full.clone(), 0)],
                            };
                            self.surnames.insert(surname(&full).to_string(), known);
                        }
                    }
                }
                Item::Org(name) => self.add_org(name),
                Item::Gender(name, p) => {
                    let full = self.lookup(&name);
                    self.gender.insert(full, p);
                }
                Item::Opening {
                    pos,
                    sure,
                    guess,
                    alt,
                    pron,
                } => {
                    let known = guess.filter(|g| self.surnames.contains_key(g.as_str()));
                    let subject = sure.or(known.map(Subject::Name)).or(alt);
                    if let Some(sp) = subject.and_then(|s| self.resolve(&s, None)) {
                        if let (Some(p), SpeakerKind::Person) = (pron, sp.kind) {
                            self.gender.entry(sp.name.clone()).or_insert(p);
                        }
                        self.note(&sp);
                        changes.push((pos, Some(sp)));
                    }
                }
                Item::Event(i) => {
                    let here = match changes.last() {
                        Some((_, s)) => s.clone(),
                        None => before.clone(),
                    };
                    let ev = &mut events[i];
                    ev.speaker = self.resolve(&ev.subject, here);
                    if let Some(sp) = &ev.speaker {
                        self.note(sp);
                    }
                    changes.push((ev.pos, ev.speaker.clone()));
                }
            }
        }
        if let Some((_, last)) = changes.last() {
            self.current.clone_from(last);
            self.current_block = self.block;
        }
        spans
            .iter()
            .zip(alone)
            .map(|(s, alone)| {
                if s.nested {
                    return None;
                }
                let explicit = |sp: &Option<Speaker>| {
                    sp.clone().map(|speaker| Attributed {
                        speaker,
                        explicit: true,
                    })
                };
                let i = events.partition_point(|e| e.pos < s.end);
                if let Some(e) = events.get(i).filter(|e| e.after_quote == Some(s.end))
                    && e.speaker.is_some()
                {
                    return explicit(&e.speaker);
                }
                let sentence = ends.partition_point(|&p| p <= s.start);
                // The last verb before it in its sentence and clause with a speaker (`Martens said
                // claims would be “…”`: `claims` is a noun here); at most three verbs back.
                let i = events.partition_point(|e| e.pos < s.start);
                let mut in_sentence = false;
                for e in events[..i].iter().rev().take(3) {
                    let crossed = barriers.partition_point(|&b| b < s.start)
                        != barriers.partition_point(|&b| b <= e.pos);
                    if e.sentence != sentence || crossed {
                        break;
                    }
                    in_sentence = true;
                    if e.speaker.is_some() {
                        return explicit(&e.speaker);
                    }
                }
                if in_sentence {
                    return None;
                }
                if !alone || heading {
                    return None;
                }
                let k = changes.partition_point(|(p, _)| *p < s.start);
                let talking = match k.checked_sub(1) {
                    Some(k) => changes[k].1.clone(),
                    None => before.clone(),
                };
                talking.map(|speaker| Attributed {
                    speaker,
                    explicit: false,
                })
            })
            .collect()
    }

    /// The speaker `subject` stands for; `here` is who was talking last (in this block, or
    /// shortly before it).
    fn resolve(&mut self, subject: &Subject, here: Option<Speaker>) -> Option<Speaker> {
        let person = |name| Speaker {
            name,
            kind: SpeakerKind::Person,
        };
        let org = |name| Speaker {
            name,
            kind: SpeakerKind::Organisation,
        };
        match subject {
            Subject::Name(n) => Some(person(self.full_name(n))),
            Subject::Org(n) => {
                self.add_org(n.clone());
                Some(org(n.clone()))
            }
            Subject::Generic(phrase, any_company) => {
                let head = surname(phrase).to_lowercase();
                let named = self
                    .orgs
                    .iter()
                    .rev()
                    .find(|o| {
                        o.split(' ')
                            .any(|w| w.to_lowercase() == head && o.as_str() != phrase)
                    })
                    .cloned();
                // `the company said` after `Nordline said`: the body that last spoke.
                let named = named.or_else(|| {
                    self.last_org
                        .clone()
                        .filter(|o| *any_company && o.contains(char::is_uppercase))
                });
                let name = named.clone().unwrap_or_else(|| phrase.clone());
                if named.is_none() {
                    self.add_org(phrase.clone());
                }
                Some(org(name))
            }
            Subject::Pronoun(p @ (Pronoun::He | Pronoun::She)) => {
                let (this, other) = match p {
                    Pronoun::He => (&self.he, &self.she),
                    _ => (&self.she, &self.he),
                };
                // The last person who opened a sentence or spoke and whom the text never called
                // by the other pronoun (nor was the other pronoun's last); else the last person
                // mentioned who fits.
                let fits = |n: &&String| match self.gender.get(*n) {
                    Some(g) => g == p,
                    None => other.as_ref() != Some(*n) || this.as_ref() == Some(*n),
                };
                let name = self
                    .people
                    .iter()
                    .rev()
                    .find(fits)
                    .or_else(|| self.mentioned.iter().rev().find(fits))?
                    .clone();
                self.gender.insert(name.clone(), *p);
                if let Some(known) = self.surnames.get_mut(surname(&name)) {
                    known.used(&name);
                }
                match p {
                    Pronoun::He => set(&mut self.he, &name),
                    _ => set(&mut self.she, &name),
                }
                Some(person(name))
            }
            Subject::Pronoun(Pronoun::It) => self.last_org.clone().map(org),
            Subject::Pronoun(Pronoun::They) => {
                self.last_org.clone().filter(|_| self.org_last).map(org)
            }
            Subject::Statement => here,
            Subject::Role => here.filter(|s| s.kind == SpeakerKind::Person),
            Subject::Unknown => None,
        }
    }

    /// Remembers that `sp` opened a sentence or spoke.
    fn note(&mut self, sp: &Speaker) {
        match sp.kind {
            SpeakerKind::Person => {
                remember(&mut self.people, &sp.name);
                self.org_last = false;
            }
            SpeakerKind::Organisation => {
                self.last_org = Some(sp.name.clone());
                self.org_last = true;
            }
        }
    }

    /// The full name a name stands for, as [`Resolver::full_name`] would give it, without
    /// counting a use.
    fn lookup(&self, name: &str) -> String {
        if name.contains(' ') {
            return name.to_string();
        }
        match self.surnames.get(name).and_then(Known::best) {
            Some(full) => full.clone(),
            None => name.to_string(),
        }
    }

    /// Remembers an organisation's name.
    fn add_org(&mut self, name: String) {
        if self.orgs.last() != Some(&name) {
            if self.orgs.len() == ORGS {
                self.orgs.remove(0);
            }
            self.orgs.push(name);
        }
    }

    /// The full name for a speaker, counting a use of it: a lone surname becomes the full name
    /// the article used most for it (`Durán` → `Pedro Durán`).
    fn full_name(&mut self, name: &str) -> String {
        let full = self.lookup(name);
        if full.contains(' ') {
            match self.surnames.get_mut(surname(&full)) {
                Some(known) => known.used(&full),
                None => {
                    let mut known = Known::default();
                    known.used(&full);
                    self.surnames.insert(surname(&full).to_string(), known);
                }
            }
        }
        full
    }
}

/// Sets `slot` to `text`, reusing the string already there.
fn set(slot: &mut Option<String>, text: &str) {
    match slot {
        Some(s) => {
            s.clear();
            s.push_str(text);
        }
        None => *slot = Some(text.to_string()),
    }
}

/// The last word of a name.
fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Puts `name` last in `list` (most recent last, each once, at most [`PEOPLE`]).
fn remember(list: &mut Vec<String>, name: &str) {
    if list.last().is_some_and(|n| n == name) {
        return;
    }
    list.retain(|n| n != name);
    if list.len() == PEOPLE {
        list.remove(0);
    }
    list.push(name.to_string());
}
