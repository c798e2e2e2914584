//! The default key bindings: the one table the keys, the help and the README come from.

use super::{Binding, Key, Scope};
use crate::app::action::Action;
use crossterm::event::KeyCode;

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
