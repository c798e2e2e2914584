//! The terminal's events read on a thread of their own and sent into the app's inbox, so the
//! loop waits on one channel for keys and workers alike. The reader is paused while the
//! terminal belongs to someone else (the shell after Ctrl-Z, a terminal browser), so it never
//! takes their keys.

use crate::app::Msg;
use crossterm::event;
use std::io::IsTerminal;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How long the reader waits for an event before looking whether it should pause or stop:
/// the longest a pause waits.
const LOOK: Duration = Duration::from_millis(50);

/// What the reader thread should be doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Reading events.
    Read,
    /// Asked to stop reading for a while.
    Pause,
    /// Not reading until told to read again.
    Paused,
    /// Ending.
    Stop,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// The loop's end of the reader thread; dropping it ends the thread.
pub struct TermEvents {
    shared: Arc<Shared>,
}

impl TermEvents {
    /// Starts reading the terminal's events into `tx`. A read error (the terminal is gone) is
    /// sent as [`Msg::TerminalLost`].
    pub fn start(tx: Sender<Msg>) -> std::io::Result<TermEvents> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::Read),
            changed: Condvar::new(),
        });
        let theirs = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("byline-terminal".into())
            .spawn(move || read(&theirs, &tx))?;
        Ok(TermEvents { shared })
    }

    /// Stops reading until [`TermEvents::resume`]; returns once the reader has stopped.
    pub fn pause(&self) {
        let Ok(mut state) = self.shared.state.lock() else {
            return;
        };
        if *state == State::Read {
            *state = State::Pause;
        }
        while *state == State::Pause {
            state = match self.shared.changed.wait(state) {
                Ok(s) => s,
                Err(_) => return,
            };
        }
    }

    /// Reads events again after [`TermEvents::pause`].
    pub fn resume(&self) {
        self.set(State::Read);
    }

    fn set(&self, to: State) {
        if let Ok(mut state) = self.shared.state.lock() {
            *state = to;
            self.shared.changed.notify_all();
        }
    }
}

impl Drop for TermEvents {
    fn drop(&mut self) {
        self.set(State::Stop);
    }
}

/// The thread: reads events while asked to, parks while paused, ends on stop or when the
/// inbox is gone.
fn read(shared: &Shared, tx: &Sender<Msg>) {
    let tty = std::io::stdout().is_terminal();
    loop {
        {
            let Ok(mut state) = shared.state.lock() else {
                return;
            };
            loop {
                match *state {
                    State::Read => break,
                    State::Stop => return,
                    State::Pause => {
                        *state = State::Paused;
                        shared.changed.notify_all();
                    }
                    State::Paused => {}
                }
                state = match shared.changed.wait(state) {
                    Ok(s) => s,
                    Err(_) => return,
                };
            }
        }
        let msg = match event::poll(LOOK) {
            // A terminal hung up reads as endless end-of-file, which crossterm takes for "no
            // event yet": without the signal a shell sends its jobs (a parent that ignores
            // SIGHUP, a session leader killed outright) the reader would spin on it forever.
            // A hung-up terminal answers no ioctl, so it no longer passes for a terminal.
            Ok(false) if tty && !std::io::stdout().is_terminal() => {
                Msg::TerminalLost("the terminal is gone".into())
            }
            Ok(false) => continue,
            Ok(true) => match event::read() {
                Ok(ev) => Msg::Terminal(ev),
                Err(e) => Msg::TerminalLost(e.to_string()),
            },
            Err(e) => Msg::TerminalLost(e.to_string()),
        };
        let lost = matches!(msg, Msg::TerminalLost(_));
        if tx.send(msg).is_err() || lost {
            return;
        }
    }
}
