//! The key table: every action bound and described, no key bound twice, lookup and hints.

use crate::common::*;
use byline::app::keymap::{self, BINDINGS, Key, Scope};
use byline::app::{Action, Edit, Mode};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn every_action_has_a_key_and_a_help_line() {
    let rows = keymap::help_rows();
    for a in all_actions() {
        assert!(keyed(a));
        let b = BINDINGS.iter().find(|b| b.action == a);
        let b = b.unwrap_or_else(|| panic!("{a:?} has no key"));
        let first = BINDINGS
            .iter()
            .find(|x| x.scope == b.scope && x.action == a)
            .map(|x| x.desc);
        let desc = first.unwrap_or_default();
        let desc = if let Action::Digit(_) = a {
            BINDINGS
                .iter()
                .find(|x| x.action == Action::Digit(0))
                .map_or("", |x| x.desc)
        } else {
            desc
        };
        assert!(!desc.is_empty(), "{a:?} has no help text");
        assert!(
            rows.iter().any(|r| r.desc == desc),
            "{a:?} is missing from the help"
        );
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    for mode in [Mode::List, Mode::Reader, Mode::Help, Mode::Filter] {
        let keys: Vec<Key> = BINDINGS
            .iter()
            .filter(|b| b.scope.covers(mode))
            .map(|b| b.key)
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(
                !keys[i + 1..].contains(k),
                "{} twice in {mode:?}",
                k.label()
            );
        }
    }
}

#[test]
fn lookup_dispatches_by_mode_with_shift_folded_into_the_character() {
    let ev = |code, mods| Key::from_event(&KeyEvent::new(code, mods));
    let shift_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(keymap::lookup(Mode::Reader, shift_g), Some(Action::Bottom));
    let back_tab = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(
        keymap::lookup(Mode::Reader, back_tab),
        Some(Action::PrevLink)
    );
    let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(keymap::lookup(Mode::List, q), Some(Action::Quit));
    assert_eq!(keymap::lookup(Mode::Reader, q), Some(Action::ToList));
    assert_eq!(keymap::lookup(Mode::Help, q), Some(Action::Help));
    let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap::lookup(Mode::Help, ctrl_c), Some(Action::Quit));
    let ctrl_d = ev(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(
        keymap::lookup(Mode::Reader, ctrl_d),
        Some(Action::HalfPageDown)
    );
    // less's half-screen keys move the list too.
    assert_eq!(
        keymap::lookup(Mode::List, ctrl_d),
        Some(Action::HalfPageDown)
    );
    // A digit types a link number; it never follows a link by itself.
    let five = ev(KeyCode::Char('5'), KeyModifiers::NONE);
    assert_eq!(keymap::lookup(Mode::Reader, five), Some(Action::Digit(5)));
    let o = ev(KeyCode::Char('o'), KeyModifiers::NONE);
    assert_eq!(keymap::lookup(Mode::Reader, o), Some(Action::FollowLink));
}

#[test]
fn help_rows_group_keys_per_action_and_the_markdown_table_lists_them_all() {
    let rows = keymap::help_rows();
    let down = rows
        .iter()
        .find(|r| r.scope == Scope::Reader && r.desc == "line down")
        .expect("a line-down row");
    assert_eq!(down.keys, "j, ↓, Ctrl-e");
    assert_eq!(down.name, "down", "the help names the action for [keys]");
    assert!(
        rows.iter()
            .any(|r| r.scope == Scope::Reader && r.keys == "0–9" && r.name == "digit_N")
    );
    assert!(
        rows.iter()
            .any(|r| r.scope == Scope::Reader && r.keys == "Enter, o")
    );
    let md = keymap::markdown_table();
    assert_eq!(md.lines().count(), rows.len() + 2);
    assert!(
        md.contains("| reader | `Ctrl-d` | half a page down | `half_page_down` |"),
        "{md}"
    );
    assert!(
        md.contains("| list | `Enter`, `l`, `→` | open the article | `open` |"),
        "{md}"
    );
}

#[test]
fn hints_name_the_mode_own_keys_first() {
    assert_eq!(
        keymap::key_for(Mode::List, Action::Quit).as_deref(),
        Some("q")
    );
    assert_eq!(
        keymap::key_for(Mode::Help, Action::Quit).as_deref(),
        Some("Ctrl-c")
    );
    assert_eq!(
        keymap::key_for(Mode::Reader, Action::Digit(3)).as_deref(),
        Some("0–9")
    );
    assert_eq!(
        keymap::key_for(Mode::Reader, Action::ToList).as_deref(),
        Some("Esc")
    );
    assert_eq!(keymap::key_for(Mode::List, Action::NextLink), None);
}

#[test]
fn every_bindable_action_has_a_config_name_that_reads_back() {
    let names = byline::app::action_names();
    for a in all_actions() {
        let name = a.name().unwrap_or_else(|| panic!("{a:?} has no name"));
        assert!(names.contains(&name));
        assert_eq!(Action::from_name(name), Some(a));
    }
    // The names of before the one prompt still read, as the prompt edit that does their work.
    let old = byline::app::action::OLD_NAMES;
    // And the nine numbered follows no key is bound to by default (a config may bind them).
    let follows: Vec<_> = (1..=9).map(Action::FollowRelated).collect();
    for a in &follows {
        let name = a.name().unwrap_or_else(|| panic!("{a:?} has no name"));
        assert_eq!(Action::from_name(name), Some(*a));
    }
    assert_eq!(names.len(), all_actions().len() + old.len() + follows.len());
    for (name, action) in old {
        assert!(names.contains(name));
        assert_eq!(Action::from_name(name), Some(*action));
    }
    assert_eq!(
        Action::from_name("filter_accept"),
        Some(Action::Prompt(Edit::Accept))
    );
    assert_eq!(
        Action::from_name("erase"),
        Some(Action::Prompt(Edit::DeleteBack))
    );
    assert_eq!(
        Action::Resize {
            width: 1,
            height: 1
        }
        .name(),
        None
    );
}

#[test]
fn overrides_replace_an_actions_keys_in_every_scope_it_had() {
    use byline::app::keymap::Keymap;
    let x = Key::ch('x');
    let map = Keymap::with_overrides(&[(Action::Down, vec![x])]);
    assert_eq!(map.lookup(Mode::List, x), Some(Action::Down));
    assert_eq!(map.lookup(Mode::Reader, x), Some(Action::Down));
    assert_eq!(map.lookup(Mode::List, Key::ch('j')), None);
    let rows = map.help_rows();
    let down = rows
        .iter()
        .find(|r| r.desc == "line down")
        .expect("line down");
    assert_eq!(down.keys, "x");
    // The defaults are untouched.
    assert_eq!(keymap::lookup(Mode::List, Key::ch('j')), Some(Action::Down));
}

#[test]
fn an_override_takes_its_key_from_another_action_and_an_empty_list_unbinds() {
    use byline::app::keymap::Keymap;
    let j = Key::ch('j');
    let map = Keymap::with_overrides(&[(Action::NextArticle, vec![j]), (Action::Zoom, vec![])]);
    assert_eq!(map.lookup(Mode::Reader, j), Some(Action::NextArticle));
    assert_eq!(
        map.lookup(Mode::List, j),
        Some(Action::Down),
        "the list keeps j"
    );
    assert_eq!(map.lookup(Mode::Reader, Key::ch('z')), None);
    assert_eq!(map.lookup(Mode::List, Key::ch('z')), None);
    assert!(!map.bindings().iter().any(|b| b.action == Action::Zoom));
}

#[test]
fn the_config_keys_table_builds_a_keymap() {
    use byline::app::keymap::Keymap;
    let mut keys = std::collections::BTreeMap::new();
    keys.insert(
        "next_article".to_string(),
        vec!["Ctrl-n".to_string(), "Shift-Tab".to_string()],
    );
    keys.insert("next_unread".to_string(), vec!["Alt-n".to_string()]);
    let map = Keymap::from_config(&keys).expect("a valid table");
    let ctrl_n = Key::from_event(&KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    assert_eq!(map.lookup(Mode::Reader, ctrl_n), Some(Action::NextArticle));
    let back_tab = Key::from_event(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(
        map.lookup(Mode::Reader, back_tab),
        Some(Action::NextArticle)
    );
    assert_eq!(map.lookup(Mode::Reader, Key::ch('n')), None);
    keys.insert("fly".to_string(), vec![]);
    let err = Keymap::from_config(&keys).expect_err("an unknown action");
    assert!(err.to_string().contains("fly"));
}

#[test]
fn a_keys_table_that_locks_the_user_in_or_binds_a_key_twice_is_refused() {
    use byline::app::keymap::Keymap;
    let table = |rows: &[(&str, &[&str])]| -> std::collections::BTreeMap<String, Vec<String>> {
        rows.iter()
            .map(|(a, ks)| {
                (
                    a.to_string(),
                    ks.iter().map(std::string::ToString::to_string).collect(),
                )
            })
            .collect()
    };
    let err = Keymap::from_config(&table(&[("quit", &[])])).expect_err("no way to quit");
    assert!(err.to_string().contains("quit"), "{err}");
    let err = Keymap::from_config(&table(&[("help", &[])])).expect_err("no way to the help");
    assert!(err.to_string().contains("help"), "{err}");
    let err = Keymap::from_config(&table(&[("quit", &["j"]), ("down", &["j", "Down"])]))
        .expect_err("j twice");
    let msg = err.to_string();
    assert!(
        msg.contains("quit") && msg.contains("down") && msg.contains('j'),
        "{msg}"
    );
    // Moving quit to another key is fine: `q` and Ctrl-C are replaced, not lost.
    let map = Keymap::from_config(&table(&[("quit", &["Ctrl-q"])])).expect("a way out");
    let ctrl_q = Key::from_event(&KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    assert_eq!(map.lookup(Mode::List, ctrl_q), Some(Action::Quit));
}

#[test]
fn help_lists_every_scope_in_the_order_a_reader_needs_them() {
    // Each scope once, in one run: everywhere, list, reader, then the overlays, prompts last.
    let mut order: Vec<Scope> = Vec::new();
    for scope in keymap::help_rows().into_iter().map(|r| r.scope) {
        if order.last() != Some(&scope) {
            assert!(!order.contains(&scope), "{scope:?} comes in two places");
            order.push(scope);
        }
    }
    assert_eq!(
        order,
        [
            Scope::Everywhere,
            Scope::List,
            Scope::Reader,
            Scope::Find,
            Scope::Help,
            Scope::Skipped,
            Scope::Messages,
            Scope::Ask,
            Scope::Prompt,
            Scope::Filter,
            Scope::FindPrompt,
            Scope::Search,
            Scope::Command,
        ]
    );
}

#[test]
fn a_key_taken_from_an_action_leaves_its_help_line_described() {
    // Issue 13 point 5: `quit = ["j"]` took `j` from `down`, whose help line then had no text.
    use byline::app::keymap::Keymap;
    let map = Keymap::with_overrides(&[(Action::Quit, vec![Key::ch('j')])]);
    let rows = map.help_rows();
    for r in &rows {
        assert!(!r.desc.is_empty(), "{r:?} has no description");
    }
    let down = rows
        .iter()
        .find(|r| r.scope == Scope::List && r.name == "down")
        .expect("down keeps ↓ in the list");
    assert_eq!(down.keys, "↓");
    assert_eq!(down.desc, "next article");
}

#[test]
fn key_labels_are_written_as_the_config_writes_them() {
    let key = |code, mods| Key::from_event(&KeyEvent::new(code, mods)).label();
    assert_eq!(key(KeyCode::F(1), KeyModifiers::NONE), "F1");
    assert_eq!(key(KeyCode::F(12), KeyModifiers::CONTROL), "Ctrl-F12");
    assert_eq!(key(KeyCode::Char(' '), KeyModifiers::NONE), "Space");
    assert_eq!(key(KeyCode::BackTab, KeyModifiers::SHIFT), "Shift-Tab");
}
