//! Terminal events as the model reads them: each key, mouse and resize event becomes the
//! [`Action`] the key table and the pointer say, or nothing.

use super::keymap::{Key, Keymap};
use super::{Action, Mode};
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

/// The action a terminal event asks for, if any.
pub fn to_action(keymap: &Keymap, mode: Mode, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            // The key table decides, typing into a prompt included.
            keymap.lookup(mode, Key::from_event(&k))
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;
    use crate::load::library::Library;
    use crate::theme::Theme;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};

    fn app() -> App {
        App::new(Library::default(), Theme::dark(), 76)
    }

    fn mouse(kind: MouseEventKind) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column: 7,
            row: 3,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn key_presses_map_through_the_table_and_releases_are_ignored() {
        let app = app();
        let press = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            to_action(&app.keymap, app.mode, Event::Key(press)),
            Some(Action::Quit)
        );
        let mut release = press;
        release.kind = KeyEventKind::Release;
        assert_eq!(to_action(&app.keymap, app.mode, Event::Key(release)), None);
        let unbound = KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE);
        assert_eq!(to_action(&app.keymap, app.mode, Event::Key(unbound)), None);
    }

    #[test]
    fn resize_and_mouse_events_become_actions() {
        let app = app();
        assert_eq!(
            to_action(&app.keymap, app.mode, Event::Resize(90, 30)),
            Some(Action::Resize {
                width: 90,
                height: 30
            })
        );
        assert_eq!(
            to_action(&app.keymap, app.mode, mouse(MouseEventKind::ScrollDown)),
            Some(Action::Wheel {
                column: 7,
                row: 3,
                down: true
            })
        );
        assert_eq!(
            to_action(&app.keymap, app.mode, mouse(MouseEventKind::ScrollUp)),
            Some(Action::Wheel {
                column: 7,
                row: 3,
                down: false
            })
        );
        assert_eq!(
            to_action(
                &app.keymap,
                app.mode,
                mouse(MouseEventKind::Down(MouseButton::Left))
            ),
            Some(Action::Click { column: 7, row: 3 })
        );
        assert_eq!(
            to_action(&app.keymap, app.mode, mouse(MouseEventKind::Moved)),
            None
        );
        assert_eq!(to_action(&app.keymap, app.mode, Event::FocusGained), None);
    }
}
