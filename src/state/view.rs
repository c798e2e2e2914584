//! How the reader was last laid out (zoom, justification, the list's width), remembered between runs in a small
//! `view.toml` beside the state file.
//!
//! Only what the user toggled is written, so a value from the config or the command line that
//! was never changed in the reader stays theirs to change.

use crate::config::list::ListWidth;
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
    /// The list pane's width (`<`, `>`).
    pub list_width: Option<ListWidth>,
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
            if key.trim() == "list_width" {
                view.list_width = ListWidth::parse(value).or(view.list_width);
                continue;
            }
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
        let mut out =
            String::from("# byline: the reader's last zoom, justification and list width\n");
        if let Some(z) = self.zoom {
            out.push_str(&format!("zoom = {z}\n"));
        }
        if let Some(j) = self.justify {
            out.push_str(&format!("justify = {j}\n"));
        }
        if let Some(w) = self.list_width {
            out.push_str(&format!("list_width = {}\n", w.to_toml()));
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
            list_width: self.list_width,
        }
    }

    /// `self` remembering the list width `now` when it differs from `start`, the width the run
    /// began with.
    pub fn with_list_width(self, start: ListWidth, now: ListWidth) -> View {
        View {
            list_width: if start == now {
                self.list_width
            } else {
                Some(now)
            },
            ..self
        }
    }

    /// Writes the file into `dir` (created if need be) through a temporary file and a rename,
    /// so a crash never leaves half a file. The write goes through [`crate::journal::write_all`],
    /// as every save of the state folder does, so a full disk fails it the same way (and a
    /// test can pretend one); the temp file of a failed write is removed, the old file kept.
    pub fn save(self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(VIEW_FILE);
        let temp: PathBuf = dir.join(format!(".{VIEW_FILE}.{}", std::process::id()));
        let written = (|| -> std::io::Result<()> {
            let mut f = std::fs::File::create(&temp)?;
            crate::journal::write_all(&mut f, &temp, self.to_text().as_bytes())?;
            drop(f);
            std::fs::rename(&temp, &path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(e).with_context(|| format!("writing {}", path.display()));
        }
        Ok(())
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
            list_width: None,
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
            list_width: Some(ListWidth::Percent(40)),
        };
        v.save(dir.path()).unwrap();
        assert_eq!(View::load(dir.path()), v);
        assert_eq!(
            View::parse("zoom = maybe\njustify=true\n[x]\n"),
            View {
                zoom: None,
                justify: Some(true),
                list_width: None,
            }
        );
        assert_eq!(
            View::parse("list_width = 44\n").list_width,
            Some(ListWidth::Columns(44))
        );
        assert_eq!(View::parse("list_width = \"99%\"\n").list_width, None);
        assert_eq!(View::load(&dir.path().join("none")), View::default());
    }

    #[test]
    fn only_a_changed_list_width_is_remembered() {
        let v = View::default();
        let (a, b) = (ListWidth::Percent(33), ListWidth::Percent(38));
        assert_eq!(v.with_list_width(a, a), v);
        assert_eq!(v.with_list_width(a, b).list_width, Some(b));
        let kept = View {
            list_width: Some(b),
            ..View::default()
        };
        assert_eq!(kept.with_list_width(b, b).list_width, Some(b));
    }
}
