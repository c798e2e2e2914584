//! `App::update`: the one place the model changes, one arm per action.

use super::events::to_action;
use super::links;
use super::{Action, App, Ask, Effect, Input, Mode, Msg};

impl App {
    /// Applies an action or a message to the model and says what the loop must do outside it.
    /// The one place the model changes: the loop hands it every key, terminal event and
    /// worker's message.
    pub fn update(&mut self, input: impl Into<Input>) -> Effect {
        let input = input.into();
        // A store still being opened is waited for before anything that may read or change a
        // mark; the first frame's size and the start's warnings need none.
        if self.store_pending()
            && !matches!(
                input,
                Input::Action(Action::Resize { .. }) | Input::Msg(Msg::Failed(_))
            )
        {
            self.store_arrived();
        }
        match input {
            Input::Action(a) => self.act(a),
            Input::Msg(Msg::Terminal(ev)) => {
                // The key after `Alt-m` or `'` is a mark's letter, whatever it is bound to.
                if let (Some(Ask::Place { .. }), crossterm::event::Event::Key(k)) =
                    (self.ask.map(|(a, _)| a), &ev)
                    && k.kind != crossterm::event::KeyEventKind::Release
                    && let crossterm::event::KeyCode::Char(c) = k.code
                    && !k.modifiers.intersects(
                        crossterm::event::KeyModifiers::CONTROL
                            | crossterm::event::KeyModifiers::ALT,
                    )
                {
                    return self.act(Action::MarkLetter(c));
                }
                let key = matches!(ev, crossterm::event::Event::Key(_));
                match to_action(&self.keymap, self.mode, ev) {
                    Some(a) => self.act(a),
                    // A question is answered by the next key: one that is no answer is a no.
                    None if key && self.mode == Mode::Ask => self.act(Action::No),
                    None => Effect::Quiet,
                }
            }
            Input::Msg(m) => self.receive(m),
        }
    }

    /// Applies `action` to the model.
    fn act(&mut self, action: Action) -> Effect {
        if !matches!(action, Action::Resize { .. } | Action::Wheel { .. }) {
            self.status = None;
            self.list.looked_along = false;
        }
        // A number typed before a motion is its count (`5j`, `10G`), as in less and vim.
        let count = self
            .reading
            .link_number
            .filter(|_| super::habits::counts(action));
        // A link number lasts until the key that uses it (or Esc): any other key forgets it.
        if !matches!(
            action,
            Action::Digit(_)
                | Action::FollowLink
                | Action::NextLink
                | Action::CopyUrl
                | Action::OpenUrl
                | Action::ToList
                | Action::Resize { .. }
                | Action::Wheel { .. }
        ) {
            self.reading.link_number = None;
        }
        if matches!(
            action,
            Action::FollowRelated(_)
                | Action::FollowLink
                | Action::OpenUrl
                | Action::Click { .. }
                | Action::SearchStart
        ) {
            // Links and the search need the whole library, not the one article read first.
            self.await_library();
        }
        let spot = self.reading_spot();
        let effect = if let Some(n) = count {
            self.apply_counted(action, n);
            Effect::None
        } else if self.mode == Mode::Find {
            self.apply_in_find(action)
        } else {
            self.apply(action)
        };
        if self.list.view.library_len() != self.library.entries.len() {
            self.library_changed();
        }
        self.drop_stale_prompt();
        self.relayout();
        self.refresh_find();
        self.note_jump(action, spot);
        self.remember_position(spot);
        effect
    }

    pub(super) fn apply(&mut self, action: Action) -> Effect {
        let mode = self.mode;
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Help => {
                if mode == Mode::Help {
                    self.mode = self.help_from;
                } else {
                    self.help_from = mode;
                    self.help_scroll = 0;
                    self.mode = Mode::Help;
                }
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page_step()),
            Action::PageUp => self.move_by(-self.page_step()),
            Action::HalfPageDown => self.move_by((self.page_step() / 2).max(1)),
            Action::HalfPageUp => self.move_by(-(self.page_step() / 2).max(1)),
            Action::Top => self.move_by(isize::MIN),
            Action::Bottom => self.move_by(isize::MAX),
            Action::Open => self.open_selected(),
            Action::ToList if self.reading.link_number.is_some() => {
                // Esc first forgets the number being typed.
                self.reading.link_number = None;
                self.say("link number cancelled");
            }
            Action::ToList => {
                if self.mode == Mode::Reader {
                    self.mode = Mode::List;
                }
            }
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::NextLink => match self.reading.link_number.take() {
                Some(n) => self.focus_number(n),
                None => self.move_focus(true),
            },
            Action::PrevLink => self.move_focus(false),
            Action::FollowLink => return self.follow_focused(),
            Action::FollowRelated(n) => return self.follow_number(usize::from(n)),
            Action::Digit(d) => self.type_link_number(d),
            Action::HistoryBack => self.history_back(),
            Action::HistoryForward => self.history_forward(),
            Action::OpenUrl => return self.open_in_browser(),
            Action::CopyUrl => return self.copy_link(),
            Action::Zoom => self.zoom = !self.zoom,
            Action::ListNarrower => self.widen_list(false),
            Action::ListWider => self.widen_list(true),
            Action::Resize { width, height } => self.size = (width, height),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::Click { column, row } => return self.click(column, row),
            Action::Filter => self.filter_open(),
            Action::ClearFilter => self.filter_clear(),
            Action::Prompt(edit) => return self.prompt_edit(edit),
            Action::CycleSort => self.cycle_sort(),
            Action::UnreadOnly => self.toggle_unread_only(),
            Action::BookmarkedOnly => self.toggle_bookmarked_only(),
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::FindStart => self.find_start(),
            Action::FindCancel => self.find_cancel(),
            Action::FindNext => self.find_step(true),
            Action::FindPrev => self.find_step(false),
            Action::Justify => self.toggle_justify(),
            Action::SearchStart => self.search_start(),
            Action::ShowSkipped => self.toggle_skipped(),
            Action::CopyPath => return self.copy_skipped_path(),
            Action::NextUnread => self.step_unread(true, 1),
            Action::PrevUnread => self.step_unread(false, 1),
            Action::MarkAllRead => self.ask_mark_all_read(),
            Action::MarkReadNext => self.mark_read_next(),
            Action::FindAgain => self.find_again(true),
            Action::FindAgainBack => self.find_again(false),
            Action::CopyMenu => self.ask(Ask::Copy),
            Action::Copy(part) => return self.copy_part(part),
            Action::Yes => return self.answer(true),
            Action::No => return self.answer(false),
            Action::PipeStart => self.command_open(super::PromptKind::Pipe),
            Action::SaveStart => self.command_open(super::PromptKind::Save),
            Action::CommandLine => self.command_open(super::PromptKind::Command),
            Action::SetMark => self.ask_place(true),
            Action::GoToMark => self.ask_place(false),
            Action::MarkLetter(c) => self.place_letter(c),
            Action::EditFile => return self.edit_file(),
            Action::Pager => return self.pager(),
            Action::Messages => {
                if mode == Mode::Messages {
                    self.mode = self.log_view.0;
                } else if matches!(mode, Mode::List | Mode::Reader) {
                    // Opened at its end: the latest messages are the ones wanted.
                    let rows = usize::from(self.size.1.saturating_sub(3)).max(1);
                    self.log_view = (mode, self.log.len().saturating_sub(rows));
                    self.mode = Mode::Messages;
                }
            }
        }
        Effect::None
    }

    pub(super) fn page_step(&self) -> isize {
        let h = match self.mode {
            Mode::List | Mode::Filter => self.list_height(),
            Mode::Skipped => self.skipped_height(),
            // The help box leaves the status bar and its own frame.
            Mode::Help => usize::from(self.size.1.saturating_sub(3)),
            _ => self.reader_height(),
        };
        isize::try_from(h.saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// Moves the selection, the article or the help by `delta` (saturating at both ends).
    pub(super) fn move_by(&mut self, delta: isize) {
        match self.mode {
            Mode::List | Mode::Filter => {
                self.move_rows(delta);
                self.preview_selection();
            }
            Mode::Reader | Mode::FindPrompt | Mode::Find => self.scroll_by(delta),
            Mode::Search => self.move_result(delta),
            Mode::Skipped => self.move_skipped(delta),
            Mode::Ask | Mode::Command => {}
            Mode::Messages => {
                let rows = usize::from(self.size.1.saturating_sub(3)).max(1);
                let max = self.log.len().saturating_sub(rows);
                self.log_view.1 = offset(self.log_view.1, delta, max + 1);
            }
            Mode::Help => {
                let rows = self.keymap.help_line_count();
                let max = super::layout::help_max_scroll(rows, self.size.1);
                self.help_scroll = offset(self.help_scroll, delta, max + 1);
            }
        }
    }

    pub(super) fn select(&mut self, i: usize) {
        self.list.selected = i.min(self.library.entries.len().saturating_sub(1));
        self.keep_selection_visible();
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let h = self.list_height();
        if let Some(row) = self.selected_row() {
            if row < self.list.offset {
                self.list.offset = row;
            } else if row >= self.list.offset + h {
                self.list.offset = row + 1 - h;
            }
        }
        let max = self.list.view.len().saturating_sub(h);
        self.list.offset = self.list.offset.min(max);
    }

    pub(super) fn scroll_by(&mut self, delta: isize) {
        let h = self.reader_height();
        let Some(r) = self.reading.open.as_mut() else {
            return;
        };
        let max = r.max_scroll(h);
        r.scroll = offset(r.scroll, delta, max + 1);
        // A focused link that scrolls away loses the focus, so Enter never follows a hidden link.
        if let Some(t) = r.focus
            && !links::visible(&r.page, t, r.scroll, h)
        {
            r.focus = None;
        }
    }

    /// Keeps the model consistent with the size: re-lays the page out when the reader's width
    /// changed (keeping the paragraph at the top), asks again for a pending preview laid out
    /// for another width, and keeps the selection and scroll in range.
    pub(super) fn relayout(&mut self) {
        let width = self.reader_width();
        let h = self.reader_height();
        if let Some(r) = self.reading.open.as_ref()
            && r.width != width
        {
            let (index, article, waiting) = (r.index, r.article.clone(), r.related_pending);
            let page = self.page_with(index, &article, width, waiting);
            if let Some(r) = self.reading.open.as_mut() {
                r.relay(page, width);
            }
        }
        if let Some(r) = self.reading.open.as_mut() {
            r.scroll = r.scroll.min(r.max_scroll(h));
        }
        self.refresh_preview();
        if self.list.looked_along {
            let max = self.list.view.len().saturating_sub(self.list_height());
            self.list.offset = self.list.offset.min(max);
        } else {
            self.keep_selection_visible();
        }
    }
}

/// `i` moved by `delta`, kept within `0..n` (0 when `n` is 0).
pub(super) fn offset(i: usize, delta: isize, n: usize) -> usize {
    let max = n.saturating_sub(1);
    let moved = if delta < 0 {
        i.saturating_sub(delta.unsigned_abs())
    } else {
        i.saturating_add(delta.unsigned_abs())
    };
    moved.min(max)
}
