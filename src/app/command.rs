//! The `:` command line, as in vim and newsboat: any action of the key table typed by its name
//! (`:next_unread`, `:toggle_read`, `:quit`), a number to go to that line or row (`:42`), and
//! `:help` (`:help NAME` says what an action does and its keys). Tab completes the name,
//! cycling through the candidates, which are shown above the line while it cycles.

use super::action::{Action, NAMED};
use super::keymap::Scope;
use super::prompt::PromptKind;
use super::{App, Mode};

/// Short names vim and newsboat users type, and what they stand for.
const ALIASES: &[(&str, &str)] = &[("q", "quit"), ("h", "help")];

/// Tab completion on the `:` line: the word it completes and the names that begin with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// What was typed before the first Tab.
    pub stem: String,
    /// The action names that begin with it, in the key table's order of names.
    pub candidates: Vec<&'static str>,
    /// The candidate in the line now; `None` when the line holds the stem again.
    pub current: Option<usize>,
}

/// Every name the `:` line completes: the actions' names, digits and numbered follows
/// included (they can be bound, so they can be typed).
fn names() -> impl Iterator<Item = &'static str> {
    NAMED.iter().map(|(n, _)| *n)
}

impl App {
    /// The Tab completion of the `:` line, while it cycles (for drawing).
    pub fn completion(&self) -> Option<&Completion> {
        self.completion.as_ref()
    }

    /// Tab (`forward`) or Shift-Tab on the `:` line: the first (or next, or previous)
    /// candidate; past the last one the line holds the stem again, as in vim.
    pub(super) fn complete(&mut self, forward: bool) {
        let Some(p) = self.prompt.as_mut() else {
            return;
        };
        if p.kind() != PromptKind::Command {
            return;
        }
        let text = p.text().trim_start().trim_start_matches(':').to_string();
        // A line that is no longer the candidate put in it starts a new completion.
        let fresh = match &self.completion {
            Some(c) => c.current.map_or(c.stem.as_str(), |i| c.candidates[i]) != text,
            None => true,
        };
        if fresh {
            let candidates: Vec<&'static str> = names().filter(|n| n.starts_with(&text)).collect();
            if candidates.is_empty() {
                self.completion = None;
                self.complain(crate::sanitize::clean_line(&format!(
                    "no action name begins with {text}"
                )));
                return;
            }
            if candidates.len() == 1 {
                p.set_text(candidates[0]);
                self.completion = None;
                return;
            }
            self.completion = Some(Completion {
                stem: text,
                candidates,
                current: None,
            });
        }
        let Some(c) = self.completion.as_mut() else {
            return;
        };
        let n = c.candidates.len();
        // The stem is a stop of its own between the last candidate and the first.
        c.current = match (c.current, forward) {
            (None, true) => Some(0),
            (None, false) => Some(n - 1),
            (Some(i), true) if i + 1 < n => Some(i + 1),
            (Some(i), false) if i > 0 => Some(i - 1),
            (Some(_), _) => None,
        };
        let line = c.current.map_or(c.stem.as_str(), |i| c.candidates[i]);
        p.set_text(line);
    }

    /// Enter on the `:` line: runs the action named, from the mode the line was opened from.
    pub(super) fn run_command(&mut self, text: &str) -> super::Effect {
        self.mode = self.command_from;
        let line = text.trim().trim_start_matches(':').trim();
        let mut words = line.split_whitespace();
        let Some(word) = words.next() else {
            return super::Effect::None;
        };
        let rest: Vec<&str> = words.collect();
        if let Ok(n) = word.parse::<usize>() {
            // `:42`: line 42 of the article, row 42 of the list, as vim's `:42` and `42G`.
            self.apply_counted(Action::Top, n);
            return super::Effect::None;
        }
        let name = ALIASES
            .iter()
            .find(|(a, _)| *a == word)
            .map_or(word, |(_, n)| *n);
        let Some(action) = NAMED.iter().find(|(n, _)| *n == name).map(|(_, a)| *a) else {
            self.complain(crate::sanitize::clean_line(&format!(
                "unknown command: {word} (Tab completes action names; :help lists them)"
            )));
            return super::Effect::None;
        };
        if action == Action::Help && !rest.is_empty() {
            self.describe(rest[0]);
            return super::Effect::None;
        }
        if !rest.is_empty() {
            self.complain(crate::sanitize::clean_line(&format!(
                "{name} takes nothing after it"
            )));
            return super::Effect::None;
        }
        if let Some(why) = self.not_here(action, name) {
            self.complain(why);
            return super::Effect::None;
        }
        self.apply(action)
    }

    /// Why `action` does nothing from the mode the `:` line was opened from, if it does not:
    /// it applies where one of its keys would (`open` in the list, `next_link` in the reader),
    /// and the copy menu's answers everywhere.
    fn not_here(&self, action: Action, name: &str) -> Option<String> {
        let from = self.mode;
        let scopes: Vec<Scope> = super::keymap::BINDINGS
            .iter()
            .filter(|b| b.action == action)
            .map(|b| b.scope)
            .collect();
        let applies = scopes
            .iter()
            .any(|s| s.covers(from))
            || matches!(action, Action::Copy(_))
            // No key follows a numbered link at once by default, but the reader can.
            || matches!(action, Action::FollowRelated(_)) && from == Mode::Reader;
        if applies {
            return None;
        }
        let mut wheres: Vec<&str> = Vec::new();
        for s in scopes {
            if !wheres.contains(&s.name()) {
                wheres.push(s.name());
            }
        }
        let here = if from == Mode::Reader {
            "the reader"
        } else {
            "the list"
        };
        Some(match wheres.is_empty() {
            true => format!("{name} does nothing in {here}"),
            false => format!(
                "{name} does nothing in {here} (it is for: {})",
                wheres.join(", ")
            ),
        })
    }

    /// `:help NAME`: what the action does and its keys, in the status bar.
    fn describe(&mut self, word: &str) {
        let name = ALIASES
            .iter()
            .find(|(a, _)| *a == word)
            .map_or(word, |(_, n)| *n);
        let rows: Vec<String> = self
            .keymap
            .help_rows()
            .into_iter()
            .filter(|r| r.name == name)
            .map(|r| format!("{}: {} ({})", r.scope.name(), r.desc, r.keys))
            .collect();
        if rows.is_empty() {
            if NAMED.iter().any(|(n, _)| *n == name) {
                self.say(format!("{name}: no key; run it as :{name}"));
            } else {
                self.complain(crate::sanitize::clean_line(&format!(
                    "no action is called {word}"
                )));
            }
            return;
        }
        self.say(format!("{name} — {}", rows.join("; ")));
    }
}
