//! How the reader was last laid out (zoom, justification), remembered between runs in a small
//! `view.toml` beside the state file.
//!
//! Only what the user toggled is written, so a value from the config or the command line that
//! was never changed in the reader stays theirs to change.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The file's name in the state folder.
pub const VIEW_FILE: &str = "view.toml";

/// The remembered toggles; `None` where the user never toggled one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct View {
    /// The one-pane layout (`z`).
    pub zoom: Option<bool>,
    /// Justified paragraphs (`J`).
    pub justify: Option<bool>,
}

impl View {
    /// Reads `view.toml` in `dir`; a missing or unreadable file remembers nothing (it holds no
    /// marks, so there is nothing to rescue from a damaged one).
    pub fn load(dir: &Path) -> View {
        let Ok(text) = std::fs::read_to_string(dir.join(VIEW_FILE)) else {
            return View::default();
        };
        View::parse(&text)
    }

    /// The toggles written in `text`; lines it does not know are ignored.
    pub fn parse(text: &str) -> View {
        let mut view = View::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = match value.trim() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            };
            match key.trim() {
                "zoom" => view.zoom = value.or(view.zoom),
                "justify" => view.justify = value.or(view.justify),
                _ => {}
            }
        }
        view
    }

    /// The file's text.
    pub fn to_text(self) -> String {
        let mut out = String::from("# byline: the reader's last zoom and justification\n");
        if let Some(z) = self.zoom {
            out.push_str(&format!("zoom = {z}\n"));
        }
        if let Some(j) = self.justify {
            out.push_str(&format!("justify = {j}\n"));
        }
        out
    }

    /// `self` with `now` laid over it wherever `now` differs from `start` (what the run began
    /// with): the toggles of this run are remembered, the rest as before.
    pub fn after_run(self, start: (bool, bool), now: (bool, bool)) -> View {
        View {
            zoom: if start.0 == now.0 {
                self.zoom
            } else {
                Some(now.0)
            },
            justify: if start.1 == now.1 {
                self.justify
            } else {
                Some(now.1)
            },
        }
    }

    /// Writes the file into `dir` (created if need be) through a temporary file and a rename,
    /// so a crash never leaves half a file.
    pub fn save(self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(VIEW_FILE);
        let temp: PathBuf = dir.join(format!(".{VIEW_FILE}.{}", std::process::id()));
        std::fs::write(&temp, self.to_text())
            .with_context(|| format!("writing {}", temp.display()))?;
        std::fs::rename(&temp, &path).with_context(|| format!("writing {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_toggles_of_a_run_are_remembered() {
        let before = View {
            zoom: None,
            justify: Some(true),
        };
        // Zoom toggled on, justification left alone.
        let after = before.after_run((false, true), (true, true));
        assert_eq!(after.zoom, Some(true));
        assert_eq!(after.justify, Some(true));
        // Nothing toggled: nothing new.
        assert_eq!(
            View::default().after_run((true, false), (true, false)),
            View::default()
        );
    }

    #[test]
    fn the_file_reads_back_and_bad_lines_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let v = View {
            zoom: Some(true),
            justify: Some(false),
        };
        v.save(dir.path()).unwrap();
        assert_eq!(View::load(dir.path()), v);
        assert_eq!(
            View::parse("zoom = maybe\njustify=true\n[x]\n"),
            View {
                zoom: None,
                justify: Some(true)
            }
        );
        assert_eq!(View::load(&dir.path().join("none")), View::default());
    }
}
