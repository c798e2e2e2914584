//! Speaker attribution, second half: the blocks' [`Clues`] resolved in reading order into a
//! speaker for each quote.
//!
//! This is the only part of attribution that carries state from block to block (the last named
//! speaker, the full names seen so far), so it runs on one thread, after the blocks have been read.

use std::collections::HashMap;

use super::pair::Span;
use super::speaker::{Clues, Item, Subject};

/// A full name first seen with a surname, and the last speaker who had it.
struct Known {
    first: String,
    speaker: Option<String>,
}

/// What resolution carries from block to block.
#[derive(Default)]
pub(super) struct Resolver {
    last: Option<String>,
    surnames: HashMap<String, Known>,
}

impl Resolver {
    /// The speaker of each span of one block (`spans` sorted by start), in the same order, from
    /// that block's `clues`. Blocks must come in reading order. Nested quotes get `None`: the
    /// speaker of the quote around them is quoting someone else.
    pub fn speakers(&mut self, clues: Clues, spans: &[Span]) -> Vec<Option<String>> {
        let Clues {
            mut events,
            items,
            barriers,
            ends,
        } = clues;
        for item in items {
            match item {
                Item::Name(full) => {
                    let sur = surname(&full);
                    if !self.surnames.contains_key(sur) {
                        let sur = sur.to_string();
                        self.surnames.insert(
                            sur,
                            Known {
                                first: full,
                                speaker: None,
                            },
                        );
                    }
                }
                Item::Event(i) => {
                    let ev = &mut events[i];
                    ev.speaker = match &ev.subject {
                        Subject::Name(n) => {
                            let full = self.full_name(n);
                            set(&mut self.last, &full);
                            Some(full)
                        }
                        Subject::Pronoun => self.last.clone(),
                        Subject::Unknown => None,
                    };
                }
            }
        }
        spans
            .iter()
            .map(|s| {
                if s.nested {
                    return None;
                }
                let i = events.partition_point(|e| e.pos < s.end);
                let after = events
                    .get(i)
                    .filter(|e| e.after_quote == Some(s.end))
                    .and_then(|e| e.speaker.clone());
                after.or_else(|| {
                    let sentence = ends.partition_point(|&p| p <= s.start);
                    let i = events.partition_point(|e| e.pos < s.start);
                    let e = &events[i.checked_sub(1)?];
                    let crossed = barriers.partition_point(|&b| b < s.start)
                        != barriers.partition_point(|&b| b <= e.pos);
                    (e.sentence == sentence && !crossed).then(|| e.speaker.clone())?
                })
            })
            .collect()
    }

    /// The full name for a speaker: a lone surname becomes the last speaker with that surname, else
    /// the first full name the article gave it (`Durán` → `Pedro Durán`).
    fn full_name(&mut self, name: &str) -> String {
        let sur = surname(name);
        if name.contains(' ') {
            match self.surnames.get_mut(sur) {
                Some(known) => set(&mut known.speaker, name),
                None => {
                    self.surnames.insert(
                        sur.to_string(),
                        Known {
                            first: name.to_string(),
                            speaker: Some(name.to_string()),
                        },
                    );
                }
            }
            return name.to_string();
        }
        match self.surnames.get_mut(sur) {
            Some(known) => {
                let full = known.speaker.clone().unwrap_or_else(|| known.first.clone());
                set(&mut known.speaker, &full);
                full
            }
            None => name.to_string(),
        }
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
