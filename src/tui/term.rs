//! The terminal: raw mode, alternate screen and mouse on entry; all of it undone on every exit
//! (drop, panic, suspend, leaving for the browser).

use super::backend::Backend;
use anyhow::Result;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use std::io::{Stdout, stdout};

/// The terminal while the reader owns it; dropping it restores the terminal.
pub struct Session {
    /// The ratatui terminal.
    pub terminal: Terminal<Backend<Stdout>>,
    mouse: bool,
}

impl Session {
    /// Takes the terminal: raw mode, alternate screen, hidden cursor, mouse when asked.
    pub fn enter(mouse: bool) -> Result<Session> {
        init(mouse)?;
        let terminal = Terminal::new(Backend::new(stdout()))?;
        Ok(Session { terminal, mouse })
    }

    /// Runs `f` with the terminal given back (for the browser), then takes it again and redraws
    /// everything.
    pub fn outside<T>(&mut self, f: impl FnOnce() -> T) -> Result<T> {
        restore(self.mouse);
        let out = f();
        init(self.mouse)?;
        self.terminal.clear()?;
        Ok(out)
    }

    /// Gives the terminal back, stops the process (SIGTSTP) until the shell resumes it, then
    /// takes the terminal again.
    pub fn suspend(&mut self) -> Result<()> {
        // The default action, not `raise`: the reader's own handler for SIGTSTP (a stop from
        // outside) would only set a flag.
        self.outside(|| {
            signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
        })??;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

fn init(mouse: bool) -> Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, crossterm::cursor::Hide)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Undoes everything `init` did; errors are ignored because this runs on the way out.
fn restore(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message prints, so it is readable.
pub fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
    }));
}
