//! Key specs in the config file (`j`, `Ctrl-d`, `Shift-Tab`, `PgDn`) and their canonical names.

use crossterm::event::{KeyCode, KeyModifiers};
use std::fmt;

/// Why a key spec could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpecError {
    /// The spec as written.
    pub spec: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for KeySpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad key `{}`: {}; a key is one character (j, G, ?) or one of {}, F1 to F12, \
             optionally after Ctrl-, Alt- or Shift-",
            self.spec,
            self.reason,
            NAMES.join(", ")
        )
    }
}

impl std::error::Error for KeySpecError {}

/// The named keys a spec may use besides single characters and the function keys `F1` to
/// `F12`, in the spelling [`key_name`] gives.
pub const NAMES: &[&str] = &[
    "Enter",
    "Esc",
    "Tab",
    "BackTab",
    "Space",
    "Backspace",
    "Up",
    "Down",
    "Left",
    "Right",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Insert",
    "Delete",
];

/// The arrows as the help and the README draw them; a spec may use them too.
const ARROWS: [(char, &str, KeyCode); 4] = [
    ('↑', "Up", KeyCode::Up),
    ('↓', "Down", KeyCode::Down),
    ('←', "Left", KeyCode::Left),
    ('→', "Right", KeyCode::Right),
];

fn named(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "insert" | "ins" => KeyCode::Insert,
        "delete" | "del" => KeyCode::Delete,
        _ => {
            let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
            return (1..=12).contains(&n).then_some(KeyCode::F(n));
        }
    };
    Some(code)
}

/// Strips an ASCII prefix ignoring case.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Reads a key spec from the config file into the (code, modifiers) pair crossterm reports,
/// already [`normalize`]d.
///
/// A spec is one character (`j`, `G`, `?`, `-`) or a key name (see [`NAMES`]; case does not
/// matter), optionally after any of `Ctrl-`, `Alt-`, `Shift-`. `Shift-` with a letter gives the
/// capital letter; `Shift-Tab` is `BackTab`.
pub fn parse_key(spec: &str) -> Result<(KeyCode, KeyModifiers), KeySpecError> {
    let fail = |reason: &str| KeySpecError {
        spec: spec.to_owned(),
        reason: reason.to_owned(),
    };
    let mut mods = KeyModifiers::NONE;
    let mut rest = spec;
    loop {
        let (flag, after) = if let Some(r) = strip_prefix_ci(rest, "ctrl-") {
            (KeyModifiers::CONTROL, r)
        } else if let Some(r) = strip_prefix_ci(rest, "alt-") {
            (KeyModifiers::ALT, r)
        } else if let Some(r) = strip_prefix_ci(rest, "shift-") {
            (KeyModifiers::SHIFT, r)
        } else {
            break;
        };
        if after.is_empty() {
            return Err(fail(&format!("nothing follows `{rest}`")));
        }
        if mods.contains(flag) {
            return Err(fail("a modifier is given twice"));
        }
        mods |= flag;
        rest = after;
    }
    if rest.is_empty() {
        return Err(fail("it is empty"));
    }
    if let Some(arrow) = ARROWS.iter().find(|a| rest.chars().eq([a.0])) {
        return Ok(normalize(arrow.2, mods));
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => {
            if c.is_control() {
                return Err(fail("control characters cannot be bound; use a name"));
            }
            if mods.contains(KeyModifiers::SHIFT) && !c.is_alphabetic() {
                return Err(fail(
                    "Shift- goes only with letters; write the shifted character",
                ));
            }
            KeyCode::Char(c)
        }
        _ => named(rest).ok_or_else(|| fail(&format!("`{rest}` is not a key name")))?,
    };
    Ok(normalize(code, mods))
}

/// Puts a key event in the one form the binding table uses, so `G`, `Shift-g` and what the
/// terminal reports for shift+g all compare equal.
///
/// Only Ctrl, Alt and Shift are kept; a character carries Shift as its case (a letter with Shift
/// becomes the capital, the Shift flag is dropped); Shift+Tab becomes `BackTab` without Shift.
pub fn normalize(code: KeyCode, mods: KeyModifiers) -> (KeyCode, KeyModifiers) {
    let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let code = match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            // Only a single-char uppercase mapping keeps the key one character.
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(u), None) => KeyCode::Char(u),
                _ => KeyCode::Char(c),
            }
        }
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::BackTab => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        other => other,
    };
    (code, mods)
}

/// How the help and the README write a key: [`key_name`] with the arrows drawn (`↓`,
/// `Ctrl-←`) and `BackTab` written `Shift-Tab`. [`parse_key`] reads every label back to its key.
pub fn key_label(code: KeyCode, mods: KeyModifiers) -> String {
    let (code, mods) = normalize(code, mods);
    let base = key_name(code, KeyModifiers::NONE);
    let full = key_name(code, mods);
    let prefix = &full[..full.len() - base.len()];
    let shown = match code {
        KeyCode::BackTab => "Shift-Tab".to_string(),
        _ => ARROWS
            .iter()
            .find(|a| a.1 == base)
            .map_or(base.clone(), |a| a.0.to_string()),
    };
    format!("{prefix}{shown}")
}

/// The canonical spec of a key, as `--print-config` writes it and [`parse_key`] reads it back:
/// `Ctrl-`, `Alt-`, `Shift-` (in that order) before the character or key name.
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let (code, mods) = normalize(code, mods);
    let mut out = String::new();
    for (flag, prefix) in [
        (KeyModifiers::CONTROL, "Ctrl-"),
        (KeyModifiers::ALT, "Alt-"),
        (KeyModifiers::SHIFT, "Shift-"),
    ] {
        if mods.contains(flag) {
            out.push_str(prefix);
        }
    }
    match code {
        KeyCode::Char(' ') => out.push_str("Space"),
        KeyCode::Char(c) => out.push(c),
        KeyCode::F(n) => out.push_str(&format!("F{n}")),
        KeyCode::Enter => out.push_str("Enter"),
        KeyCode::Esc => out.push_str("Esc"),
        KeyCode::Tab => out.push_str("Tab"),
        KeyCode::BackTab => out.push_str("BackTab"),
        KeyCode::Backspace => out.push_str("Backspace"),
        KeyCode::Up => out.push_str("Up"),
        KeyCode::Down => out.push_str("Down"),
        KeyCode::Left => out.push_str("Left"),
        KeyCode::Right => out.push_str("Right"),
        KeyCode::PageUp => out.push_str("PgUp"),
        KeyCode::PageDown => out.push_str("PgDn"),
        KeyCode::Home => out.push_str("Home"),
        KeyCode::End => out.push_str("End"),
        KeyCode::Insert => out.push_str("Insert"),
        KeyCode::Delete => out.push_str("Delete"),
        // Keys a spec cannot name (media keys, lone modifiers) still get a readable label.
        other => out.push_str(&format!("{other:?}")),
    }
    out
}
