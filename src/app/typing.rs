//! What the one prompt's text drives: each edit goes to the [`Prompt`] that has the keyboard,
//! and a changed text goes on to the filter, the find or the search; Enter and Esc close it.

use super::prompt::{Edit, Edited, PROMPT_MAX, Prompt, PromptKind};
use super::{App, Effect, Mode};

impl App {
    /// The open prompt, if one has the keyboard (for drawing).
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// Opens a prompt of `kind` holding `text`.
    pub(super) fn open_prompt(&mut self, kind: PromptKind, text: &str) {
        self.prompt = Some(Prompt::new(kind, text));
    }

    /// Applies `edit` to the open prompt and passes a changed text on to what it drives.
    pub(super) fn prompt_edit(&mut self, edit: Edit) -> Effect {
        let Some(p) = self.prompt.as_mut() else {
            return Effect::None;
        };
        let kind = p.kind();
        if !matches!(edit, Edit::Complete | Edit::CompleteBack) {
            self.completion = None;
        }
        match edit {
            Edit::Complete | Edit::CompleteBack => self.complete(edit == Edit::Complete),
            Edit::Accept => {
                let text = p.text().to_string();
                self.prompt_history.push(kind, &text);
                self.prompt = None;
                match kind {
                    PromptKind::Filter => self.filter_accept(),
                    PromptKind::Find => self.find_accept(),
                    PromptKind::Search => self.search_open(),
                    PromptKind::Pipe | PromptKind::Save => return self.command_accept(kind, text),
                    PromptKind::Command => return self.run_command(&text),
                }
            }
            Edit::Cancel => {
                self.prompt = None;
                match kind {
                    PromptKind::Filter => self.filter_cancel(),
                    PromptKind::Find => self.find_cancel(),
                    PromptKind::Search => self.search_close(),
                    PromptKind::Pipe | PromptKind::Save | PromptKind::Command => {
                        self.mode = self.command_from;
                    }
                }
            }
            _ => match p.edit(edit, &self.prompt_history) {
                Edited::Cursor => {}
                Edited::Full => {
                    let what = match kind {
                        PromptKind::Filter => "the filter",
                        PromptKind::Find => "the find",
                        PromptKind::Search => "the search",
                        PromptKind::Pipe | PromptKind::Command => "the command",
                        PromptKind::Save => "the path",
                    };
                    self.complain(format!("{what} stops at {PROMPT_MAX} characters"));
                }
                Edited::Text => {
                    let text = p.text().to_string();
                    match kind {
                        PromptKind::Filter => self.filter_text(text),
                        PromptKind::Find => self.find_text(text),
                        PromptKind::Search => self.search_text(text),
                        // Nothing runs until Enter.
                        PromptKind::Pipe | PromptKind::Save | PromptKind::Command => {}
                    }
                }
            },
        }
        Effect::None
    }

    /// Closes a prompt whose mode was left some other way (a click, a search result opened).
    pub(super) fn drop_stale_prompt(&mut self) {
        let open =
            match self.mode {
                Mode::Filter => Some(PromptKind::Filter),
                Mode::FindPrompt => Some(PromptKind::Find),
                Mode::Search => Some(PromptKind::Search),
                Mode::Command => self.prompt.as_ref().map(Prompt::kind).filter(|k| {
                    matches!(k, PromptKind::Pipe | PromptKind::Save | PromptKind::Command)
                }),
                Mode::Help => self.prompt.as_ref().map(Prompt::kind),
                _ => None,
            };
        if self.prompt.as_ref().map(Prompt::kind) != open {
            self.prompt = None;
        }
        if self.prompt.is_none() {
            self.completion = None;
        }
    }
}
