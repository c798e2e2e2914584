//! Effects outside the terminal: opening a URL in the browser, copying with OSC 52.

use anyhow::{Context, Result, bail};
use std::process::{Command, Stdio};

/// Browsers that draw in the terminal: they get the terminal and byline waits for them.
const TERMINAL_BROWSERS: &[&str] = &[
    "lynx",
    "w3m",
    "links",
    "elinks",
    "browsh",
    "carbonyl",
    "www-browser",
];

/// Whether `program` is a browser that runs in the terminal.
pub fn runs_in_terminal(program: &str) -> bool {
    let name = std::path::Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(program);
    TERMINAL_BROWSERS.contains(&name)
}

/// Opens `url` with `$BROWSER`, else `xdg-open` (or `open` on macOS). A terminal browser gets
/// the terminal until it exits; any other runs with no terminal (its chatter would scribble
/// over the screen), and a graphical `$BROWSER` is left running on its own.
pub fn open_url(url: &str) -> Result<()> {
    // Only web and mail links leave byline: a file or shell-looking "URL" from an article
    // must not start anything.
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:"))
    {
        bail!("not a web link: {url}");
    }
    open_with(&std::env::var("BROWSER").unwrap_or_default(), url)
}

/// [`open_url`] with `browser` standing for `$BROWSER`.
fn open_with(browser: &str, url: &str) -> Result<()> {
    let (program, args) = browser_command(browser, url);
    let mut cmd = Command::new(&program);
    cmd.args(&args);
    if runs_in_terminal(&program) {
        // The browser's own complaint goes to its stderr, which the redraw after it would
        // wipe: keep it for the status bar instead.
        cmd.stderr(Stdio::piped());
        let mut child = match cmd.spawn() {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("{}", no_browser(&program))
            }
            Err(e) => return Err(e).with_context(|| format!("starting {program}")),
        };
        let (tx, rx) = std::sync::mpsc::channel();
        if let Some(err) = child.stderr.take() {
            std::thread::spawn(move || tx.send(last_line(err)));
        }
        let status = child.wait()?;
        // Something the browser started may hold the pipe open: never wait long for it.
        let said = rx
            .recv_timeout(std::time::Duration::from_millis(300))
            .unwrap_or_default();
        if !status.success() {
            if said.is_empty() {
                bail!("{program} failed ({status})");
            }
            bail!("{program} failed ({status}): {said}");
        }
        return Ok(());
    }
    // No pipe for stderr here: the browser the system opener starts would inherit it and hold
    // it open for hours, so reading it to its end would freeze the reader.
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!("{}", no_browser(&program)),
        Err(e) => return Err(e).with_context(|| format!("starting {program}")),
    };
    if browser.trim().is_empty() {
        // The system opener hands the URL over and exits at once.
        let status = child.wait()?;
        if !status.success() {
            bail!("{program} failed ({status})");
        }
    } else {
        // A graphical browser may run for hours: reap it in the background.
        std::thread::spawn(move || child.wait());
    }
    Ok(())
}

/// The last non-blank line a program wrote to `from`, made safe to show (at most 64 KB is read;
/// the rest is drained so the program never blocks on a full pipe).
fn last_line(mut from: impl std::io::Read) -> String {
    let mut kept = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        if kept.len() < 64 * 1024 {
            kept.extend_from_slice(&buf[..n]);
        }
    }
    let text = String::from_utf8_lossy(&kept);
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| crate::sanitize::clean_line(l.trim()))
        .unwrap_or_default()
}

/// What to say when the program meant to open a link is not installed: which one, and how to
/// name another.
fn no_browser(program: &str) -> String {
    format!(
        "no program `{program}` to open links: set $BROWSER, e.g. BROWSER=w3m or BROWSER=firefox"
    )
}

/// The program and arguments that open `url`: the first entry of `$BROWSER` (a `:`-separated
/// list; `%s` stands for the URL, else the URL is the last argument), else the system opener.
/// The command is split on spaces, never given to a shell.
pub fn browser_command(browser: &str, url: &str) -> (String, Vec<String>) {
    let first = browser.split(':').map(str::trim).find(|b| !b.is_empty());
    let Some(first) = first else {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        return (opener.to_string(), vec![url.to_string()]);
    };
    let mut words = first.split_whitespace().map(str::to_string);
    let program = words.next().unwrap_or_default();
    let mut args: Vec<String> = words.collect();
    if args.iter().any(|a| a.contains("%s")) {
        for a in &mut args {
            *a = a.replace("%s", url);
        }
    } else {
        args.push(url.to_string());
    }
    (program, args)
}

/// Puts `text` on the terminal's clipboard with the OSC 52 escape (crossterm's command:
/// `ESC ] 52 ; c ; base64 ESC \`).
pub fn osc52_copy(text: &str) -> Result<()> {
    crossterm::execute!(std::io::stdout(), osc52(text))?;
    Ok(())
}

/// The OSC 52 command that copies `text` to the clipboard.
fn osc52(text: &str) -> crossterm::clipboard::CopyToClipboard<&[u8]> {
    crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{browser_command, osc52, runs_in_terminal};
    use crossterm::Command;

    /// The base64 byline wrote by hand before crossterm's clipboard command: the reference
    /// the command's payload is checked against.
    fn base64(bytes: &[u8]) -> String {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn the_clipboard_command_carries_the_bytes_the_hand_made_encoder_did() {
        let texts = [
            "",
            "f",
            "fo",
            "foo",
            "https://example.org/kessel/harbour?q=1&r=2",
            "Ostervik – “quoted” ✓ 港口",
        ];
        for text in texts {
            let mut written = String::new();
            osc52(text).write_ansi(&mut written).unwrap();
            // Before: ESC ] 52 ; c ; payload BEL. Now the string terminator ESC \ ends it.
            let payload = written
                .strip_prefix("\x1b]52;c;")
                .and_then(|rest| rest.strip_suffix("\x1b\\"))
                .unwrap_or_else(|| panic!("not an OSC 52 copy: {written:?}"));
            assert_eq!(payload, base64(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn terminal_browsers_are_known_by_name() {
        assert!(runs_in_terminal("lynx"));
        assert!(runs_in_terminal("/usr/bin/w3m"));
        assert!(!runs_in_terminal("firefox"));
        assert!(!runs_in_terminal("xdg-open"));
    }

    #[test]
    fn browser_command_takes_the_first_entry_and_places_the_url() {
        let u = "https://example.org/a";
        assert_eq!(browser_command("", u).1, [u]);
        assert_eq!(
            browser_command("firefox", u),
            ("firefox".into(), vec![u.into()])
        );
        assert_eq!(
            browser_command("lynx -accept_all_cookies:w3m", u),
            ("lynx".into(), vec!["-accept_all_cookies".into(), u.into()])
        );
        assert_eq!(
            browser_command("open -u %s --new", u),
            ("open".into(), vec!["-u".into(), u.into(), "--new".into()])
        );
    }

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}

#[cfg(test)]
mod no_browser_tests {
    use super::*;

    #[test]
    fn a_missing_browser_says_how_to_name_one() {
        let err = open_with("byline-no-such-browser-here", "https://example.org/")
            .expect_err("no such program")
            .to_string();
        assert!(err.contains("$BROWSER"), "{err}");
        assert!(err.contains("byline-no-such-browser-here"), "{err}");
    }

    #[test]
    fn a_terminal_browsers_own_error_is_kept_for_the_status_bar() {
        // Issue 13 point 17: w3m's "Can't load" was printed, then wiped by the redraw.
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let w3m = dir.path().join("w3m");
        std::fs::write(
            &w3m,
            "#!/bin/sh\necho 'starting up' >&2\nprintf 'w3m: Can\\047t load %s.\\033[2J\\n\\n' \"$1\" >&2\nexit 1\n",
        )
        .unwrap();
        std::fs::set_permissions(&w3m, std::fs::Permissions::from_mode(0o755)).unwrap();
        let err = open_with(w3m.to_str().unwrap(), "https://example.org/gone")
            .expect_err("the browser failed")
            .to_string();
        assert!(
            err.contains("Can't load https://example.org/gone."),
            "{err}"
        );
        assert!(!err.contains("starting up"), "only the last line: {err}");
        assert!(
            !err.contains('\x1b'),
            "no escape reaches the status bar: {err:?}"
        );
    }
}
