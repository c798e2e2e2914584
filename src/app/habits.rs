//! Habits brought from newsboat, less and vim: the next unread article, marking all read after a
//! question, copying a chosen part of the article, and handing the article to a pipe, the
//! pager, the editor or a file.
//!
//! What needs the terminal or the disk is returned as an [`Effect`] for the loop; the model
//! only decides what is asked for.

use super::action::{Part, Shared};
use super::{App, Effect, Mode, PromptKind};
use std::sync::Arc;

/// A one-key question asked in the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Mark this many shown articles read?
    MarkAllRead(usize),
    /// Which part of the article to copy?
    Copy,
    /// Which letter names the place (`set`), or which mark to go to?
    Place {
        /// True for `Alt-m` (name the place here), false for `'` (go to a mark).
        set: bool,
    },
}

impl Ask {
    /// The question as the status bar writes it.
    pub fn question(self) -> String {
        match self {
            Ask::MarkAllRead(1) => "mark the 1 shown article read? y/n".into(),
            Ask::MarkAllRead(n) => format!("mark all {n} shown articles read? y/n"),
            Ask::Copy => "copy: t title · u URL · p path · a whole text · Esc nothing".into(),
            Ask::Place { set: true } => "mark this place: a letter names it · Esc nothing".into(),
            Ask::Place { set: false } => {
                "go to mark: its letter · ' where the last jump started · Esc nothing".into()
            }
        }
    }
}

/// Whether a number typed before `action` is its count.
pub(super) fn counts(action: super::Action) -> bool {
    use super::Action as A;
    matches!(
        action,
        A::Down
            | A::Up
            | A::PageDown
            | A::PageUp
            | A::HalfPageDown
            | A::HalfPageUp
            | A::Top
            | A::Bottom
            | A::NextUnread
            | A::PrevUnread
            | A::NextArticle
            | A::PrevArticle
    )
}

impl App {
    /// `action` with the count `n` typed before it: a motion `n` times as far (`5j`), `g`/`G`
    /// to line (or row) `n` (`10G`), the `n`th next or previous article.
    pub(super) fn apply_counted(&mut self, action: super::Action, n: usize) {
        use super::Action as A;
        let n = n.max(1);
        let times = isize::try_from(n.min(1_000_000)).unwrap_or(1);
        let step = self.page_step();
        match action {
            A::Down => self.move_by(times),
            A::Up => self.move_by(-times),
            A::PageDown => self.move_by(step.saturating_mul(times)),
            A::PageUp => self.move_by(-step.saturating_mul(times)),
            A::HalfPageDown => self.move_by((step / 2).max(1).saturating_mul(times)),
            A::HalfPageUp => self.move_by(-(step / 2).max(1).saturating_mul(times)),
            A::Top | A::Bottom => {
                // Line `n` of the article, row `n` of the list, counted from 1.
                self.move_by(isize::MIN);
                self.move_by(times - 1);
            }
            // An article step moves once and opens only where it lands (the articles on the
            // way stay as they were); a count past the end stops at the last one there is.
            A::NextArticle => self.step_article(times),
            A::PrevArticle => self.step_article(-times),
            A::NextUnread => self.step_unread(true, n),
            A::PrevUnread => self.step_unread(false, n),
            other => {
                let _ = self.apply(other);
            }
        }
    }

    /// Asks `question`; the next key answers it.
    pub(super) fn ask(&mut self, question: Ask) {
        let from = match self.mode {
            Mode::List | Mode::Reader => self.mode,
            Mode::Find => Mode::Reader,
            _ => return,
        };
        self.ask = Some((question, from));
        self.mode = Mode::Ask;
        self.say(question.question());
    }

    /// `A`: asks before marking every article the list shows read (newsboat's mark-feed-read).
    pub(super) fn ask_mark_all_read(&mut self) {
        let unread = self
            .list
            .view
            .rows()
            .iter()
            .filter(|&&i| !self.list.read.get(i).copied().unwrap_or(false))
            .count();
        if unread == 0 {
            self.say("every shown article is read already");
            return;
        }
        self.ask(Ask::MarkAllRead(self.list.view.len()));
    }

    /// The answer to the question asked: yes carries it out, no (or any other key) drops it.
    pub(super) fn answer(&mut self, yes: bool) -> Effect {
        let Some((question, from)) = self.ask.take() else {
            return Effect::None;
        };
        self.mode = from;
        match (question, yes) {
            (Ask::MarkAllRead(_), true) => {
                // Only the rows shown: a filter or `U` narrows what "all" means, as in newsboat.
                let rows: Vec<usize> = self.list.view.rows().to_vec();
                let mut marked = 0;
                for i in rows {
                    if !self.list.read.get(i).copied().unwrap_or(false) {
                        self.mark_read_only(i);
                        marked += 1;
                    }
                }
                self.say(format!("marked {marked} read"));
            }
            (Ask::MarkAllRead(_), false) => self.say("nothing marked"),
            (Ask::Copy, _) => self.say("nothing copied"),
            (Ask::Place { .. }, _) => self.say("no mark"),
        }
        Effect::None
    }

    /// `n`/`p` (newsboat): the `count`th next or previous unread article in the list's order
    /// (the last one there is when fewer are left). In the reader it opens; in the list the
    /// selection moves to it. The scan runs over the list's read flags (one `bool` per row),
    /// only when asked.
    pub(super) fn step_unread(&mut self, forward: bool, count: usize) {
        if self.list.marks_pending {
            // Rows off screen have no marks yet: read them all before choosing.
            self.sync_marks();
        }
        let reading = self.mode == Mode::Reader;
        let cur = if reading {
            self.reading.open.as_ref().map(|r| r.index)
        } else {
            Some(self.list.selected)
        };
        let rows = self.list.view.rows();
        let here = cur.and_then(|i| self.list.view.row_of(i));
        let unread = |&&i: &&usize| !self.list.read.get(i).copied().unwrap_or(true);
        let ahead: Box<dyn Iterator<Item = &usize>> = match (here, forward) {
            (Some(r), true) => Box::new(rows[r + 1..].iter()),
            (Some(r), false) => Box::new(rows[..r].iter().rev()),
            (None, true) => Box::new(rows.iter()),
            (None, false) => Box::new(rows.iter().rev()),
        };
        let found = ahead.filter(unread).take(count.max(1)).last().copied();
        let Some(i) = found else {
            self.say(if forward {
                NONE_BELOW
            } else {
                "no unread article above"
            });
            return;
        };
        if reading {
            self.open(i, true);
        } else {
            self.list.selected = i;
            self.keep_selection_visible();
            self.preview_selection();
        }
    }

    /// `N`: marks the open (reader) or selected (list) article read and goes on to the next
    /// unread one below, as newsboat's `N` does with `toggleitemread-jumps-to-next`.
    pub(super) fn mark_read_next(&mut self) {
        let Some(i) = self.marked_target() else {
            self.complain("no article to mark");
            return;
        };
        self.mark_read(i);
        self.step_unread(true, 1);
        if self.status.as_ref().is_some_and(|s| s.text == NONE_BELOW) {
            self.say(format!("marked read; {NONE_BELOW}"));
        }
    }

    /// The article `|`, `v`, `S` and the copy menu act on: the open one in the reader, else
    /// the selected one (read from its file now).
    fn acted_on(&mut self) -> Option<(usize, Arc<crate::article::Article>)> {
        let from = match (self.mode, self.ask) {
            (Mode::Command, _) => self.command_from,
            (_, Some((_, m))) => m,
            (m, None) => m,
        };
        if matches!(from, Mode::Reader | Mode::Find)
            && let Some(r) = self.reading.open.as_ref()
        {
            return Some((r.index, r.article.clone()));
        }
        let i = self.selected_row().map(|_| self.list.selected)?;
        match self.library.load(i) {
            Ok(a) => Some((i, a)),
            Err(e) => {
                self.complain(crate::sanitize::clean_line(&format!("{e:#}")));
                None
            }
        }
    }

    /// One part of the article for the clipboard (the copy menu's answers, or a bound key).
    pub(super) fn copy_part(&mut self, part: Part) -> Effect {
        let from = self.ask.take().map(|(_, m)| m);
        if let Some(m) = from {
            self.mode = m;
        }
        let Some((i, article)) = self.acted_on() else {
            self.complain("no article to copy from");
            return Effect::None;
        };
        let path = self.library.entries.get(i).and_then(|e| e.row.path_buf());
        let text = match part {
            Part::Title => Some(article.header.title.clone()),
            Part::Url => article.header.url.clone(),
            Part::Path => path.map(|p| p.display().to_string()),
            Part::Text => return Effect::CopyText(Shared(article)),
        };
        match text {
            Some(t) if !t.is_empty() => {
                self.say(format!("copied {}", crate::sanitize::clean_line(&t)));
                Effect::Copy(t)
            }
            _ => {
                self.complain(match part {
                    Part::Url => "this article has no web address",
                    Part::Path => "this article has no file (it came from stdin)",
                    _ => "nothing to copy",
                });
                Effect::None
            }
        }
    }

    /// Opens the command line for a pipe (`|`), a save (`S`) or an action's name (`:`).
    pub(super) fn command_open(&mut self, kind: PromptKind) {
        let from = match self.mode {
            Mode::Find => Mode::Reader,
            m @ (Mode::List | Mode::Reader) => m,
            _ => return,
        };
        if from == Mode::List && kind != PromptKind::Command && self.selected_row().is_none() {
            self.complain("no article selected");
            return;
        }
        self.command_from = from;
        self.mode = Mode::Command;
        self.open_prompt(kind, "");
    }

    /// Enter on the command line: the pipe or the save, for the loop to carry out.
    pub(super) fn command_accept(&mut self, kind: PromptKind, text: String) -> Effect {
        let Some((_, article)) = self.acted_on() else {
            self.mode = self.command_from;
            return Effect::None;
        };
        self.mode = self.command_from;
        let text = text.trim().to_string();
        if text.is_empty() {
            return Effect::None;
        }
        match kind {
            PromptKind::Pipe => Effect::Pipe {
                command: text,
                article: Shared(article),
            },
            _ => Effect::Save {
                path: expand_home(&text),
                article: Shared(article),
            },
        }
    }

    /// `e`: the article's file in `$EDITOR`.
    pub(super) fn edit_file(&mut self) -> Effect {
        let i = match self.mode {
            Mode::Reader => self.reading.open.as_ref().map(|r| r.index),
            _ => self.selected_row().map(|_| self.list.selected),
        };
        let path = i
            .and_then(|i| self.library.entries.get(i))
            .and_then(|e| e.row.path_buf());
        match path {
            Some(p) => Effect::Edit(p),
            None => {
                self.complain("no file to edit (the article came from stdin)");
                Effect::None
            }
        }
    }

    /// `v`: the article in `$PAGER`.
    pub(super) fn pager(&mut self) -> Effect {
        match self.acted_on() {
            Some((_, a)) => Effect::Page(Shared(a)),
            None => Effect::None,
        }
    }
}

/// What `n` says at the last unread article.
const NONE_BELOW: &str = "no unread article below";

/// `~/x` as a path under `$HOME`; anything else as typed.
fn expand_home(text: &str) -> std::path::PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(text),
    }
}
