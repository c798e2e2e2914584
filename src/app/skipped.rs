//! The skipped-files overlay's state: each file the library could not take, with the reason,
//! one selected (its path is what `y` copies).

use super::{App, Effect, Mode};
use std::path::Path;

/// One skipped file: its path as shown and why it was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file's path (empty when the report names none).
    pub path: String,
    /// Why it was skipped (the whole report when it names no path).
    pub reason: String,
}

/// The overlay while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedView {
    /// The mode to return to.
    pub from: Mode,
    /// The rows, in the order reported.
    pub rows: Vec<Skipped>,
    /// The selected row.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
}

/// Splits a skip report (`reading PATH: why`, `PATH: why`) into path and reason. The path ends
/// at the first `: ` that follows an existing file (paths may hold `: ` themselves), else at
/// the first `: `.
pub fn split(report: &str) -> Skipped {
    let body = report.strip_prefix("reading ").unwrap_or(report);
    let cuts: Vec<usize> = body.match_indices(": ").map(|(i, _)| i).collect();
    let exists = |i: &&usize| std::fs::symlink_metadata(Path::new(&body[..**i])).is_ok();
    match cuts.iter().find(exists).or(cuts.first()) {
        Some(&i) => Skipped {
            path: body[..i].to_string(),
            reason: body[i + 2..].to_string(),
        },
        None => Skipped {
            path: String::new(),
            reason: report.to_string(),
        },
    }
}

impl App {
    /// The skipped-files overlay while it is open.
    pub fn skipped(&self) -> Option<&SkippedView> {
        self.skipped.as_ref()
    }

    /// The first status line: how many files were skipped, else that the library is still
    /// being read (a file opened first).
    pub fn greet(&mut self) {
        self.status = self.skipped_status();
        if self.library_pending() && self.status.is_none() {
            self.say(super::arrival::READING);
        }
    }

    /// The status that says how many files were skipped and which key lists them; `None` when
    /// none were.
    pub fn skipped_status(&self) -> Option<super::Status> {
        let n = self.library.problems.len();
        if n == 0 {
            return None;
        }
        let files = if n == 1 { "file" } else { "files" };
        let text = match self.keymap.key_for(Mode::List, super::Action::ShowSkipped) {
            Some(key) => format!("{n} {files} skipped — press {key} to see them"),
            None => format!("{n} {files} skipped"),
        };
        Some(super::Status { text, error: true })
    }

    /// `!`: opens the overlay over the list or the reader, or closes it.
    pub(super) fn toggle_skipped(&mut self) {
        if let Some(view) = self.skipped.take() {
            self.mode = view.from;
            return;
        }
        if self.library.problems.is_empty() {
            self.say("no files were skipped");
            return;
        }
        self.skipped = Some(SkippedView {
            from: self.mode,
            rows: self.library.problems.iter().map(|p| split(p)).collect(),
            selected: 0,
            offset: 0,
        });
        self.mode = Mode::Skipped;
    }

    /// Moves the overlay's selection by `delta` rows, keeping it on screen.
    pub(super) fn move_skipped(&mut self, delta: isize) {
        let h = self.skipped_height();
        let Some(v) = self.skipped.as_mut() else {
            return;
        };
        v.selected = super::update::offset(v.selected, delta, v.rows.len());
        if v.selected < v.offset {
            v.offset = v.selected;
        } else if v.selected >= v.offset + h {
            v.offset = v.selected + 1 - h;
        }
    }

    /// `y` in the overlay: the selected file's path to the clipboard.
    pub(super) fn copy_skipped_path(&mut self) -> Effect {
        let path = self
            .skipped
            .as_ref()
            .and_then(|v| v.rows.get(v.selected))
            .map(|s| s.path.clone())
            .filter(|p| !p.is_empty());
        match path {
            Some(p) => {
                self.say(format!("copied {p}"));
                Effect::Copy(p)
            }
            None => {
                self.complain("no path to copy");
                Effect::None
            }
        }
    }

    /// Rows the overlay shows at once.
    pub fn skipped_height(&self) -> usize {
        super::layout::skipped_rows_shown(self.size.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_split_into_path_and_reason() {
        assert_eq!(
            split("reading lib/a.txt: Permission denied (os error 13)"),
            Skipped {
                path: "lib/a.txt".into(),
                reason: "Permission denied (os error 13)".into()
            }
        );
        assert_eq!(
            split("lib/b.json: invalid JSON: expected value at line 2 column 13"),
            Skipped {
                path: "lib/b.json".into(),
                reason: "invalid JSON: expected value at line 2 column 13".into()
            }
        );
        assert_eq!(
            split("something odd"),
            Skipped {
                path: String::new(),
                reason: "something odd".into()
            }
        );
    }

    #[test]
    fn a_path_holding_a_colon_is_kept_whole_when_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("notes: march.txt");
        std::fs::write(&odd, "x").unwrap();
        let report = format!("{}: binary file (NUL bytes), not an article", odd.display());
        let s = split(&report);
        assert_eq!(s.path, odd.display().to_string());
        assert_eq!(s.reason, "binary file (NUL bytes), not an article");
    }
}
