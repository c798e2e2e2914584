//! The interactive session: terminal setup and restore, the event loop, and the effects that
//! need the terminal (suspend, browser, clipboard).

mod effects;
mod term;
mod watching;

use crate::app::keymap::{Key, Keymap};
use crate::app::{Action, App, Effect, Mode};
use crate::load::library::Library;
use crate::ui::theme::Theme;
use anyhow::Result;
use crossterm::event::{
    self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use watching::Watching;

/// What the reader starts with.
pub struct Launch {
    /// The articles.
    pub library: Library,
    /// The library index to open at once, if any.
    pub open: Option<usize>,
    /// Styles.
    pub theme: Theme,
    /// The most columns a line of article text takes.
    pub measure: u16,
    /// Whether to capture the mouse (wheel and clicks).
    pub mouse: bool,
    /// The key bindings (`Keymap::from_config` applies the config's `[keys]`).
    pub keymap: Keymap,
    /// How the list writes dates (the config's `date_format`).
    pub date_format: String,
    /// Justify paragraphs (the config's `justify`, `--justify`).
    pub justify: bool,
    /// Read marks, bookmarks and positions (`Store::disabled()` for `--no-state`).
    pub state: crate::state::Store,
    /// What opening the state said (a corrupt file moved aside), for the status bar.
    pub state_warnings: Vec<String>,
    /// Folders the library was scanned from: watched, so the list follows their files.
    pub watch: Vec<std::path::PathBuf>,
    /// The whole library, still read by a worker, when `library` is the one file opened first.
    pub arriving: Option<crate::app::arrival::Scan>,
}

/// How often the loop wakes to look at the termination flag while no event comes.
const SIGNAL_POLL: Duration = Duration::from_millis(250);

/// The timeout that asks whether an event is already waiting, without waiting for one. Zero does
/// not do: crossterm's tty source then looks neither at the bytes it has already read nor at the
/// terminal, so keys typed together would wait for the next blocking poll. Under a millisecond,
/// the terminal is polled without blocking.
const WAITING: Duration = Duration::from_micros(1);

/// Runs the reader until the user quits; the terminal is restored however it ends.
pub fn run(launch: Launch) -> Result<()> {
    let terminate = Arc::new(AtomicBool::new(false));
    let mut ids = Vec::new();
    // SIGINT too: Ctrl-C arrives as a key in raw mode, so only `kill -INT` sends it.
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        ids.push(signal_hook::flag::register(sig, terminate.clone())?);
    }
    term::install_panic_hook(launch.mouse);
    // Adding watches to every folder of a big library takes a while: a worker does it while the
    // first frame is prepared, and changes are taken once it is done.
    let mut watch = Watching::start(launch.watch);
    let mut app = App::new(launch.library, launch.theme, launch.measure);
    app.keymap = launch.keymap;
    app.date_format = launch.date_format;
    app.justify = launch.justify;
    app.arriving = launch.arriving;
    // The hint names the key the user's table binds.
    app.status = app.skipped_status();
    if app.library_pending() && app.status.is_none() {
        app.say(crate::app::arrival::READING);
    }
    // The marks of the rows on screen are read once the size is known, the rest right after
    // the first frame.
    app.attach_store_lazily(launch.state);
    let mut guard = term::Session::enter(launch.mouse)?;
    refresh_size(&mut app, &guard)?;
    app.start(launch.open);
    app.sync_marks_on_screen();
    if !launch.state_warnings.is_empty() {
        let msg = launch.state_warnings.join("; ");
        app.complain(crate::text::sanitize::clean_line(&msg));
    }
    let result = event_loop(&mut app, &mut guard, &terminate, &mut watch);
    drop(guard);
    // Quit, a signal or an error: the marks are saved however the loop ended.
    if let Err(e) = app.flush_state() {
        eprintln!("byline: {e:#}");
    }
    // The signals do their usual work again once the reader is gone.
    for id in ids {
        signal_hook::low_level::unregister(id);
    }
    result
}

fn event_loop(
    app: &mut App,
    session: &mut term::Session,
    terminate: &AtomicBool,
    watch: &mut Watching,
) -> Result<()> {
    let mut first_frame = true;
    loop {
        session.terminal.draw(|f| crate::ui::render(app, f))?;
        if first_frame {
            // The title index is the largest piece of library-sized work: it starts on a worker
            // once the first frame is on screen.
            first_frame = false;
            // The backlinks pass follows on the same worker: it reads every file.
            app.index_titles_in_background();
            if app.marks_pending {
                app.sync_marks();
                app.refresh_view();
                continue;
            }
        }
        // Block for the next event, waking now and then to notice SIGTERM/SIGHUP, previews,
        // search results and changed files.
        match wait(app, terminate, watch)? {
            Wake::Quit => return Ok(()),
            Wake::Redraw => continue,
            Wake::Event => {}
        }
        // Handle every event already waiting before the next frame, so held keys and resize
        // storms never queue frames. Of a run of resizes only the last is applied: each one
        // lays the article out again, and the sizes in between are never drawn.
        let mut first = true;
        let mut resize = None;
        while first || event::poll(WAITING)? {
            first = false;
            let Some(action) = to_action(app, event::read()?) else {
                continue;
            };
            if let Action::Resize { .. } = action {
                resize = Some(action);
                continue;
            }
            if let Some(r) = resize.take() {
                app.update(r);
            }
            let effect = app.update(action);
            if !perform(app, session, effect)? {
                return Ok(());
            }
        }
        if let Some(r) = resize {
            app.update(r);
        }
        app.save_state(Instant::now());
        // Keys that keep coming never leave the loop idle: the index may be ready meanwhile.
        app.poll_titles();
        // A preview that takes no longer than this is drawn in the next frame instead of its
        // placeholder; a longer one is drawn when it comes, and keys go on meanwhile.
        app.wait_preview(PREVIEW_GRACE);
    }
}

/// Why the loop woke.
enum Wake {
    /// A terminal event is waiting.
    Event,
    /// The model changed on its own (a preview, search results, changed files).
    Redraw,
    /// A termination signal came.
    Quit,
}

/// How long the loop waits for a key while the search worker owes results or shows progress.
const SEARCH_POLL: Duration = Duration::from_millis(100);

/// How long the loop waits for a key while the open article's related headlines wait for the
/// title index (built in the background, a few tens of milliseconds on a big library).
const TITLES_POLL: Duration = Duration::from_millis(10);

/// How long the loop, having handled a key, waits for the preview it asked for before drawing:
/// a short article's page (a millisecond or two) comes in time for the frame, so moving through
/// the list does not flash the placeholder; a long article's never holds the frame up for more.
const PREVIEW_GRACE: Duration = Duration::from_millis(5);

/// How long the loop waits for the preview worker at a time while a preview is pending, before
/// it looks for keys again.
const PREVIEW_POLL: Duration = Duration::from_millis(4);

/// Waits for a terminal event; meanwhile takes previews, search results and changed files
/// without ever blocking on them for long.
fn wait(app: &mut App, terminate: &AtomicBool, watch: &mut Watching) -> Result<Wake> {
    loop {
        if terminate.load(Ordering::Relaxed) {
            return Ok(Wake::Quit);
        }
        let mut changed = false;
        if app.preview_pending() {
            // The preview is drawn the moment it comes; keys are looked at in between.
            if event::poll(WAITING)? {
                return Ok(Wake::Event);
            }
            changed |= app.wait_preview(PREVIEW_POLL);
        } else {
            let timeout = if app.titles_pending() || app.library_pending() {
                TITLES_POLL
            } else if app.search_busy() {
                SEARCH_POLL
            } else {
                SIGNAL_POLL
            };
            if event::poll(timeout)? {
                return Ok(Wake::Event);
            }
        }
        // Idle: a debounced save comes due; a failure must be drawn at once.
        changed |= app.save_state(Instant::now());
        changed |= app.poll_search();
        changed |= app.poll_library();
        changed |= app.poll_titles();
        let (running, late) = watch.poll();
        if !late.is_empty() {
            changed |= app.files_changed(&late);
            changed |= app.status.is_some();
        }
        if let Some(w) = running {
            while let Ok(batch) = w.changes.try_recv() {
                changed |= app.files_changed(&batch);
                changed |= app.status.is_some();
            }
        }
        if changed {
            return Ok(Wake::Redraw);
        }
    }
}

/// Carries out what an update asked of the terminal; false when byline should quit.
fn perform(app: &mut App, session: &mut term::Session, effect: Effect) -> Result<bool> {
    match effect {
        Effect::None => {}
        Effect::Quit => return Ok(false),
        Effect::Suspend => {
            // The shell may start another byline, or never resume this one.
            let _ = app.flush_state();
            session.suspend()?;
            refresh_size(app, session)?;
        }
        Effect::OpenUrl(url) => {
            let msg = session.outside(|| effects::open_url(&url))?;
            if let Err(e) = msg {
                app.complain(crate::text::sanitize::clean_line(&format!("{e:#}")));
            }
            refresh_size(app, session)?;
        }
        Effect::Copy(text) => effects::osc52_copy(&text)?,
    }
    Ok(true)
}

/// Tells the model the terminal's size, which may have changed while byline was away from it.
fn refresh_size(app: &mut App, session: &term::Session) -> Result<()> {
    let size = session.terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    Ok(())
}

/// The action a terminal event asks for, if any.
fn to_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let key = Key::from_event(&k);
            // A prompt takes printable characters as text, before any binding.
            if let (Mode::FindPrompt | Mode::Search, KeyCode::Char(c)) = (app.mode, key.code)
                && !key
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            {
                return Some(Action::Type(c));
            }
            app.text_input(key)
                .or_else(|| app.keymap.lookup(app.mode, key))
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
    use crossterm::event::{KeyEvent, MouseEvent};

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
        assert_eq!(to_action(&app, Event::Key(press)), Some(Action::Quit));
        let mut release = press;
        release.kind = KeyEventKind::Release;
        assert_eq!(to_action(&app, Event::Key(release)), None);
        let unbound = KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE);
        assert_eq!(to_action(&app, Event::Key(unbound)), None);
    }

    #[test]
    fn resize_and_mouse_events_become_actions() {
        let app = app();
        assert_eq!(
            to_action(&app, Event::Resize(90, 30)),
            Some(Action::Resize {
                width: 90,
                height: 30
            })
        );
        assert_eq!(
            to_action(&app, mouse(MouseEventKind::ScrollDown)),
            Some(Action::Wheel {
                column: 7,
                row: 3,
                down: true
            })
        );
        assert_eq!(
            to_action(&app, mouse(MouseEventKind::ScrollUp)),
            Some(Action::Wheel {
                column: 7,
                row: 3,
                down: false
            })
        );
        assert_eq!(
            to_action(&app, mouse(MouseEventKind::Down(MouseButton::Left))),
            Some(Action::Click { column: 7, row: 3 })
        );
        assert_eq!(to_action(&app, mouse(MouseEventKind::Moved)), None);
        assert_eq!(to_action(&app, Event::FocusGained), None);
    }
}
