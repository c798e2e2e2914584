//! The one key table: it dispatches keys, generates the help overlay and the README key list.

use super::action::{Action, Mode};
use super::prompt::Edit;
mod defaults;

pub use defaults::BINDINGS;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// In every mode.
    Everywhere,
    /// In the article list.
    List,
    /// In the reading pane.
    Reader,
    /// While the help overlay is open.
    Help,
    /// In every prompt: the filter, the find input and the search.
    Prompt,
    /// While the filter prompt is open.
    Filter,
    /// While a find query is typed in the reader.
    FindPrompt,
    /// While a find's matches are kept in the reader (reader keys apply too).
    Find,
    /// In the full-text search overlay.
    Search,
    /// In the skipped-files overlay.
    Skipped,
    /// While a one-key question waits in the status bar.
    Ask,
    /// On the command line (a pipe's command, a save's path).
    Command,
    /// In the message log.
    Messages,
}

impl Scope {
    /// Whether a binding of this scope applies in `mode`.
    pub fn covers(self, mode: Mode) -> bool {
        matches!(
            (self, mode),
            (Scope::Everywhere, _)
                | (Scope::List, Mode::List)
                | (Scope::Reader, Mode::Reader)
                | (Scope::Help, Mode::Help)
                | (
                    Scope::Prompt,
                    Mode::Filter | Mode::FindPrompt | Mode::Search
                )
                | (Scope::Filter, Mode::Filter)
                | (Scope::FindPrompt, Mode::FindPrompt)
                | (Scope::Find, Mode::Find)
                | (Scope::Search, Mode::Search)
                | (Scope::Skipped, Mode::Skipped)
                | (Scope::Ask, Mode::Ask)
                | (Scope::Command, Mode::Command)
                | (Scope::Prompt, Mode::Command)
                | (Scope::Messages, Mode::Messages)
        )
    }

    /// Where the scope's keys come in the help and the README: the order a reader needs them,
    /// everywhere, list, reader (with a find kept), the help and skipped-files overlays, then
    /// the prompts. A match without a default arm, so a new scope cannot be left out of the
    /// ranking.
    pub fn help_rank(self) -> u8 {
        match self {
            Scope::Everywhere => 0,
            Scope::List => 1,
            Scope::Reader => 2,
            Scope::Find => 3,
            Scope::Help => 4,
            Scope::Skipped => 5,
            Scope::Messages => 6,
            Scope::Ask => 7,
            Scope::Prompt => 8,
            Scope::Filter => 9,
            Scope::FindPrompt => 10,
            Scope::Search => 11,
            Scope::Command => 12,
        }
    }

    /// The scope's name in the help overlay and the README.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Everywhere => "everywhere",
            Scope::List => "list",
            Scope::Reader => "reader",
            Scope::Help => "help",
            Scope::Prompt => "any prompt",
            Scope::Filter => "filter",
            Scope::FindPrompt => "find input",
            Scope::Find => "find",
            Scope::Search => "search",
            Scope::Skipped => "skipped",
            Scope::Ask => "question",
            Scope::Command => "command line",
            Scope::Messages => "messages",
        }
    }
}

/// A key with its modifiers (Shift is folded into the character for printable keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt (Shift only for keys that have no shifted character).
    pub mods: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character key without modifiers (`'G'` is Shift-g).
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// A character key with Alt.
    pub const fn alt(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::ALT,
        }
    }

    /// A character key with Control.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key of a terminal key event, with Shift folded away where the character carries it.
    pub fn from_event(ev: &KeyEvent) -> Key {
        // The same normal form the config's key specs are read into, so both compare equal.
        let (code, mods) = crate::config::normalize(ev.code, ev.modifiers);
        Key { code, mods }
    }

    /// How the key is written in the help and the README (`j`, `Ctrl-d`, `PgDn`, `Shift-Tab`,
    /// `↓`): the config's own spelling with the arrows drawn, which the config reads back.
    pub fn label(&self) -> String {
        crate::config::key_label(self.code, self.mods)
    }
}

/// One line of the help and of the README's key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// Where the keys apply.
    pub scope: Scope,
    /// The keys, as the help writes them (`j, ↓`, `1–9`).
    pub keys: String,
    /// What they do.
    pub desc: &'static str,
    /// The action's name in the config's `[keys]` table (`down`).
    pub name: String,
}

/// One row of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// Where the binding applies.
    pub scope: Scope,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
    /// The help line.
    pub desc: &'static str,
}

/// The bindings in force: the default table with the config's overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    /// The defaults with `overrides` applied: each listed action loses its built-in keys and
    /// gets the given ones, in every scope it had keys in (an empty list unbinds it). A key
    /// given to an action is taken from whatever else had it in those scopes.
    pub fn with_overrides(overrides: &[(Action, Vec<Key>)]) -> Keymap {
        let mut bindings = BINDINGS.to_vec();
        for (action, keys) in overrides {
            let scopes: Vec<(Scope, &'static str)> = BINDINGS
                .iter()
                .filter(|b| b.action == *action && !b.desc.is_empty())
                .map(|b| (b.scope, b.desc))
                .collect();
            bindings.retain(|b| b.action != *action);
            for &(scope, desc) in &scopes {
                for &key in keys {
                    bindings.retain(|b| !(b.key == key && overlaps(b.scope, scope)));
                    bindings.push(Binding {
                        scope,
                        key,
                        action: *action,
                        desc,
                    });
                }
            }
        }
        Keymap { bindings }
    }

    /// The defaults with the config's `[keys]` table applied (action names to key specs).
    pub fn from_config(
        keys: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> anyhow::Result<Keymap> {
        let mut overrides = Vec::new();
        for (name, specs) in keys {
            let action = Action::from_name(name)
                .ok_or_else(|| anyhow::anyhow!("unknown action `{name}` in [keys]"))?;
            let keys = specs
                .iter()
                .map(|s| {
                    let (code, mods) = crate::config::parse_key(s)?;
                    Ok(Key { code, mods })
                })
                .collect::<Result<Vec<Key>, crate::config::KeySpecError>>()?;
            overrides.push((action, keys));
        }
        clashes(&overrides)?;
        let map = Keymap::with_overrides(&overrides);
        map.check_ways_out()?;
        Ok(map)
    }

    /// Refuses a table that would lock the user in: the list must keep a key that quits, and
    /// the list and the reader a key that opens the help.
    fn check_ways_out(&self) -> anyhow::Result<()> {
        let has = |mode: Mode, action: Action| {
            self.bindings
                .iter()
                .any(|b| b.action == action && b.scope.covers(mode))
        };
        let name = |a: Action| a.name().unwrap_or("?");
        if !has(Mode::List, Action::Quit) {
            anyhow::bail!(
                "[keys] leaves no key that quits: give `{}` a key",
                name(Action::Quit)
            );
        }
        for mode in [Mode::List, Mode::Reader] {
            if !has(mode, Action::Help) {
                anyhow::bail!(
                    "[keys] leaves no key that opens the help: give `{}` a key",
                    name(Action::Help)
                );
            }
        }
        Ok(())
    }

    /// Every named action with the keys it has in force (in any scope), in the config's key
    /// spelling, as commented `[keys]` lines for `--print-config`: what is bound, and the names
    /// to rebind it by.
    pub fn keys_in_force(&self) -> String {
        let mut out =
            String::from("# The keys in force, by action (a line above replaces one of these):\n");
        for (name, action) in super::action::NAMED {
            let mut keys: Vec<String> = Vec::new();
            for b in self.bindings.iter().filter(|b| b.action == *action) {
                let spec = crate::config::key_name(b.key.code, b.key.mods);
                if !keys.contains(&spec) {
                    keys.push(spec);
                }
            }
            let quoted: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
            out.push_str(&format!("# {name} = [{}]\n", quoted.join(", ")));
        }
        out
    }

    /// Every binding in force.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action `key` is bound to in `mode`, if any. In a mode that takes text, a printable
    /// key without Control or Alt types itself before any binding.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Action> {
        if mode.takes_text()
            && let KeyCode::Char(c) = key.code
            && !c.is_control()
            && !key
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Some(Action::Prompt(Edit::Insert(c)));
        }
        let found = self
            .bindings
            .iter()
            .find(|b| b.key == key && b.scope.covers(mode))
            .map(|b| b.action);
        // Reading with a find kept is still reading: keys the find does not take scroll and
        // move as in the reader.
        match (found, mode) {
            (None, Mode::Find) => self.lookup(Mode::Reader, key),
            _ => found,
        }
    }

    /// The key bound to `action` in `mode`, as the help writes it (for hints): a binding of the
    /// mode itself before one that applies everywhere; the digits as a range (`0–9`).
    pub fn key_for(&self, mode: Mode, action: Action) -> Option<String> {
        let same = |b: &&Binding| family(b.action) == family(action);
        let mut found: Vec<&Binding> = self
            .bindings
            .iter()
            .filter(|b| b.scope.covers(mode) && b.scope != Scope::Everywhere)
            .filter(same)
            .collect();
        if found.is_empty() {
            found = self
                .bindings
                .iter()
                .filter(|b| b.scope.covers(mode))
                .filter(same)
                .collect();
        }
        match (found.first(), found.last(), family(action)) {
            (Some(a), Some(z), Action::FollowRelated(_) | Action::Digit(_)) if found.len() > 1 => {
                Some(format!("{}–{}", a.key.label(), z.key.label()))
            }
            (Some(a), _, _) => Some(a.key.label()),
            _ => None,
        }
    }

    /// How many lines the help shows: its key rows, a blank line and the notes after them.
    pub fn help_line_count(&self) -> usize {
        self.help_rows().len() + 1 + HELP_NOTES.len()
    }

    /// The help lines: scope, every key of the action in that scope (`j, ↓`), what it does, and
    /// the action's name in the config's `[keys]` table.
    pub fn help_rows(&self) -> Vec<HelpRow> {
        let mut rows: Vec<(Scope, Action, Vec<String>, &'static str)> = Vec::new();
        for bd in &self.bindings {
            // The digits are ten actions but one help line.
            let action = family(bd.action);
            match rows.iter_mut().find(|r| r.0 == bd.scope && r.1 == action) {
                Some(r) => {
                    r.2.push(bd.key.label());
                    if r.3.is_empty() {
                        r.3 = bd.desc;
                    }
                }
                None => rows.push((bd.scope, action, vec![bd.key.label()], bd.desc)),
            }
        }
        for r in &mut rows {
            // A rebinding can take the key that carried the line (`quit = ["j"]` takes `j`
            // from `down`): the line comes from the default table then.
            if r.3.is_empty() {
                r.3 = BINDINGS
                    .iter()
                    .find(|b| b.scope == r.0 && b.action == r.1 && !b.desc.is_empty())
                    .map_or("", |b| b.desc);
            }
        }
        // Grouped by scope whatever the table's order, so later additions join their group.
        rows.sort_by_key(|r| r.0.help_rank());
        rows.into_iter()
            .map(|(scope, action, keys, desc)| {
                let (keys, name) = match action {
                    Action::FollowRelated(_) | Action::Digit(_) => {
                        let keys = if keys.len() > 1 {
                            format!("{}–{}", keys[0], keys[keys.len() - 1])
                        } else {
                            keys.join(", ")
                        };
                        let name = match action {
                            Action::Digit(_) => "digit_N",
                            _ => "follow_related_N",
                        };
                        (keys, name.to_string())
                    }
                    a => (keys.join(", "), a.name().unwrap_or_default().to_string()),
                };
                HelpRow {
                    scope,
                    keys,
                    desc,
                    name,
                }
            })
            .collect()
    }
}

/// The action that stands for `a` and its siblings in the help and hints (the digits, the
/// numbered follows).
fn family(a: Action) -> Action {
    match a {
        Action::FollowRelated(_) => Action::FollowRelated(1),
        Action::Digit(_) => Action::Digit(0),
        a => a,
    }
}

/// Whether two scopes share a mode.
/// Refuses a `[keys]` table that gives one key to two actions where both apply, naming both.
fn clashes(overrides: &[(Action, Vec<Key>)]) -> anyhow::Result<()> {
    let scopes_of = |action: Action| -> Vec<Scope> {
        BINDINGS
            .iter()
            .filter(|b| b.action == action)
            .map(|b| b.scope)
            .collect()
    };
    for (i, (a, keys_a)) in overrides.iter().enumerate() {
        for (b, keys_b) in &overrides[i + 1..] {
            let Some(key) = keys_a.iter().find(|k| keys_b.contains(k)) else {
                continue;
            };
            let (sa, sb) = (scopes_of(*a), scopes_of(*b));
            if sa.iter().any(|x| sb.iter().any(|y| overlaps(*x, *y))) {
                anyhow::bail!(
                    "[keys] binds `{}` to both `{}` and `{}`; give one of them another key",
                    key.label(),
                    a.name().unwrap_or("?"),
                    b.name().unwrap_or("?")
                );
            }
        }
    }
    Ok(())
}

fn overlaps(a: Scope, b: Scope) -> bool {
    [
        Mode::List,
        Mode::Reader,
        Mode::Help,
        Mode::Filter,
        Mode::FindPrompt,
        Mode::Find,
        Mode::Search,
        Mode::Skipped,
        Mode::Ask,
        Mode::Command,
        Mode::Messages,
    ]
    .iter()
    .any(|&m| a.covers(m) && b.covers(m))
}

/// The action `key` is bound to in `mode` by the default table, if any.
pub fn lookup(mode: Mode, key: Key) -> Option<Action> {
    Keymap::default().lookup(mode, key)
}

/// The key the default table binds to `action` in `mode`, as the help writes it.
pub fn key_for(mode: Mode, action: Action) -> Option<String> {
    Keymap::default().key_for(mode, action)
}

/// What the key table cannot say: lines after it, under their own headings.
pub const HELP_NOTES: &[(&str, &str)] = &[
    (
        "mouse",
        "the wheel scrolls the pane under the pointer; a click selects or follows a link \
         (mouse = false in the config turns it off)",
    ),
    (
        "config",
        "~/.config/byline/config.toml (or $BYLINE_CONFIG, --config); byline --print-config \
         shows it in full; [keys] takes the action names in the last column",
    ),
    (
        "environment",
        "BROWSER opens links; EDITOR and PAGER for e and v; NO_COLOR; BYLINE_LIBRARY, \
         BYLINE_STATE_DIR, BYLINE_CACHE_DIR, BYLINE_PICTURES, BYLINE_HYPERLINKS (man byline has \
         them all)",
    ),
];

/// The help lines of the default table.
pub fn help_rows() -> Vec<HelpRow> {
    Keymap::default().help_rows()
}

/// The key table as a Markdown table, for the README.
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what | action |\n|---|---|---|---|\n");
    for row in help_rows() {
        let keys = row
            .keys
            .split(", ")
            .map(|k| format!("`{}`", k.replace('|', "\\|")))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "| {} | {} | {} | `{}` |\n",
            row.scope.name(),
            keys,
            row.desc,
            row.name
        ));
    }
    out
}
