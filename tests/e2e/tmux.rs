//! The tmux server the end-to-end tests drive the real binary in.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of our own (its own socket), killed when the test ends however it ends.
pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    /// Whether tmux (and each of `also`) can be run here; when not, says so through
    /// `common::missing` (a failure under `CI=true`, a printed skip elsewhere).
    pub fn available(also: &[&str]) -> bool {
        let runs = |prog: &str, arg: &str| Command::new(prog).arg(arg).output().is_ok();
        let absent: Vec<&str> = std::iter::once("tmux")
            .filter(|_| !runs("tmux", "-V"))
            .chain(also.iter().copied().filter(|p| !runs(p, "--version")))
            .collect();
        if absent.is_empty() {
            return true;
        }
        crate::common::missing(&format!("not installed: {}", absent.join(", ")));
        false
    }

    /// A server on its own socket `socket` with one session `e2e`, `width`×`height`, running
    /// `command`.
    pub fn session(socket: String, width: u16, height: u16, command: &[&str]) -> Tmux {
        let tmux = Tmux { socket };
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec!["new-session", "-d", "-s", "e2e", "-x", &w, "-y", &h];
        args.extend_from_slice(command);
        tmux.run(&args);
        tmux
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("running tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits until the screen satisfies `ok`; panics with the screen after a generous while.
    pub fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {what}; the screen is:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait(text, |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
