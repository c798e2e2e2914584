//! The one key table: it dispatches keys, generates the help overlay and the README key list.

use super::action::{Action, Mode};
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
        )
    }

    /// The scope's name in the help overlay and the README.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Everywhere => "everywhere",
            Scope::List => "list",
            Scope::Reader => "reader",
            Scope::Help => "help",
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

    /// A character key with Control.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key of a terminal key event, with Shift folded away where the character carries it.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: ev.code,
            mods,
        }
    }

    /// How the key is written in the help and the README (`j`, `Ctrl-d`, `PgDn`, `Shift-Tab`).
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{name}")
        } else {
            name
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// Where the binding applies.
    pub mode: Scope,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
    /// The help line.
    pub desc: &'static str,
}

const fn b(mode: Scope, key: Key, action: Action, desc: &'static str) -> Binding {
    Binding {
        mode,
        key,
        action,
        desc,
    }
}

use KeyCode as K;
use Scope::{Everywhere as E, Help as H, List as L, Reader as R};

/// The default key table. Rows with the same scope and action share one help line.
pub static BINDINGS: &[Binding] = &[
    b(E, Key::ch('?'), Action::Help, "show or hide this help"),
    b(E, Key::ctrl('c'), Action::Quit, "quit"),
    b(E, Key::ctrl('z'), Action::Suspend, "suspend to the shell"),
    b(L, Key::ch('j'), Action::Down, "next article"),
    b(L, Key::plain(K::Down), Action::Down, ""),
    b(L, Key::ch('k'), Action::Up, "previous article"),
    b(L, Key::plain(K::Up), Action::Up, ""),
    b(L, Key::ch('g'), Action::Top, "first article"),
    b(L, Key::plain(K::Home), Action::Top, ""),
    b(L, Key::ch('G'), Action::Bottom, "last article"),
    b(L, Key::plain(K::End), Action::Bottom, ""),
    b(
        L,
        Key::plain(K::PageDown),
        Action::PageDown,
        "one screen down",
    ),
    b(L, Key::plain(K::PageUp), Action::PageUp, "one screen up"),
    b(L, Key::plain(K::Enter), Action::Open, "open the article"),
    b(L, Key::ch('l'), Action::Open, ""),
    b(L, Key::plain(K::Right), Action::Open, ""),
    b(
        L,
        Key::ch('z'),
        Action::Zoom,
        "one pane at a time, or split",
    ),
    b(L, Key::ch('q'), Action::Quit, "quit"),
    b(R, Key::ch('j'), Action::Down, "line down"),
    b(R, Key::plain(K::Down), Action::Down, ""),
    b(R, Key::ch('k'), Action::Up, "line up"),
    b(R, Key::plain(K::Up), Action::Up, ""),
    b(R, Key::ch(' '), Action::PageDown, "page down"),
    b(R, Key::plain(K::PageDown), Action::PageDown, ""),
    b(R, Key::ch('b'), Action::PageUp, "page up"),
    b(R, Key::plain(K::PageUp), Action::PageUp, ""),
    b(R, Key::ctrl('d'), Action::HalfPageDown, "half a page down"),
    b(R, Key::ctrl('u'), Action::HalfPageUp, "half a page up"),
    b(R, Key::ch('g'), Action::Top, "top of the article"),
    b(R, Key::plain(K::Home), Action::Top, ""),
    b(R, Key::ch('G'), Action::Bottom, "end of the article"),
    b(R, Key::plain(K::End), Action::Bottom, ""),
    b(R, Key::ch('n'), Action::NextArticle, "next article"),
    b(R, Key::ch(']'), Action::NextArticle, ""),
    b(R, Key::ch('p'), Action::PrevArticle, "previous article"),
    b(R, Key::ch('['), Action::PrevArticle, ""),
    b(
        R,
        Key::plain(K::Tab),
        Action::NextLink,
        "focus the next link",
    ),
    b(
        R,
        Key::plain(K::BackTab),
        Action::PrevLink,
        "focus the previous link",
    ),
    b(
        R,
        Key::plain(K::Enter),
        Action::FollowLink,
        "follow the focused link",
    ),
    b(
        R,
        Key::ch('1'),
        Action::FollowRelated(1),
        "follow related link 1–9",
    ),
    b(R, Key::ch('2'), Action::FollowRelated(2), ""),
    b(R, Key::ch('3'), Action::FollowRelated(3), ""),
    b(R, Key::ch('4'), Action::FollowRelated(4), ""),
    b(R, Key::ch('5'), Action::FollowRelated(5), ""),
    b(R, Key::ch('6'), Action::FollowRelated(6), ""),
    b(R, Key::ch('7'), Action::FollowRelated(7), ""),
    b(R, Key::ch('8'), Action::FollowRelated(8), ""),
    b(R, Key::ch('9'), Action::FollowRelated(9), ""),
    b(
        R,
        Key::plain(K::Backspace),
        Action::HistoryBack,
        "back to where the link was followed",
    ),
    b(R, Key::ch('h'), Action::HistoryBack, ""),
    b(R, Key::plain(K::Left), Action::HistoryBack, ""),
    b(R, Key::ch('L'), Action::HistoryForward, "forward again"),
    b(
        R,
        Key::ch('o'),
        Action::OpenUrl,
        "open the focused URL in the browser",
    ),
    b(R, Key::ch('y'), Action::CopyUrl, "copy the focused URL"),
    b(
        R,
        Key::ch('z'),
        Action::Zoom,
        "reader at full width, or split",
    ),
    b(R, Key::plain(K::Esc), Action::ToList, "back to the list"),
    b(R, Key::ch('q'), Action::ToList, ""),
    b(H, Key::ch('j'), Action::Down, "scroll the help down"),
    b(H, Key::plain(K::Down), Action::Down, ""),
    b(H, Key::ch('k'), Action::Up, "scroll the help up"),
    b(H, Key::plain(K::Up), Action::Up, ""),
    b(H, Key::plain(K::Esc), Action::Help, "close the help"),
    b(H, Key::ch('q'), Action::Help, ""),
];

/// The action `key` is bound to in `mode`, if any.
pub fn lookup(mode: Mode, key: Key) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.key == key && b.mode.covers(mode))
        .map(|b| b.action)
}

/// The key bound to `action` in `mode`, as the help writes it (for hints): a binding of the
/// mode itself before one that applies everywhere; the related links as a range (`1–9`).
pub fn key_for(mode: Mode, action: Action) -> Option<String> {
    let same = |b: &&Binding| match (b.action, action) {
        (Action::FollowRelated(_), Action::FollowRelated(_)) => true,
        (a, want) => a == want,
    };
    let mut found: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.mode.covers(mode) && b.mode != Scope::Everywhere)
        .filter(same)
        .collect();
    if found.is_empty() {
        found = BINDINGS
            .iter()
            .filter(|b| b.mode.covers(mode))
            .filter(same)
            .collect();
    }
    match (found.first(), found.last(), action) {
        (Some(a), Some(z), Action::FollowRelated(_)) if found.len() > 1 => {
            Some(format!("{}–{}", a.key.label(), z.key.label()))
        }
        (Some(a), _, _) => Some(a.key.label()),
        _ => None,
    }
}

/// The help lines: scope, every key of the action in that scope (`j, ↓`), and what it does.
pub fn help_rows() -> Vec<(Scope, String, &'static str)> {
    let mut rows: Vec<(Scope, Action, Vec<String>, &'static str)> = Vec::new();
    for bd in BINDINGS {
        // Follow-related 1–9 are nine actions but one help line.
        let action = match bd.action {
            Action::FollowRelated(_) => Action::FollowRelated(1),
            a => a,
        };
        match rows.iter_mut().find(|r| r.0 == bd.mode && r.1 == action) {
            Some(r) => r.2.push(bd.key.label()),
            None => rows.push((bd.mode, action, vec![bd.key.label()], bd.desc)),
        }
    }
    rows.into_iter()
        .map(|(scope, action, keys, desc)| {
            let keys = match action {
                Action::FollowRelated(_) => format!("{}–{}", keys[0], keys[keys.len() - 1]),
                _ => keys.join(", "),
            };
            (scope, keys, desc)
        })
        .collect()
}

/// The key table as a Markdown table, for the README.
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what |\n|---|---|---|\n");
    for (scope, keys, desc) in help_rows() {
        let keys = keys
            .split(", ")
            .map(|k| format!("`{}`", k.replace('|', "\\|")))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!("| {} | {} | {} |\n", scope.name(), keys, desc));
    }
    out
}
