//! The one text prompt: the filter under the list, the find in the article and the library
//! search all type into a [`Prompt`], edited by [`Edit`]s through `Action::Prompt`.
//!
//! The prompt owns the text and the cursor; what the text means (narrowing the list, matching
//! on the page, asking the search worker) is for `App` to decide each time it changes.

/// The most characters a prompt holds: a longer query is never useful, and the filter and
/// the find run over every row or line once per keystroke.
pub const PROMPT_MAX: usize = 200;

/// How many accepted texts each kind of prompt remembers for Alt-p/Alt-n.
const HISTORY_MAX: usize = 50;

/// Which prompt it is: it decides what the text does and where it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptKind {
    /// The filter under the list: the text narrows the rows as it is typed.
    Filter,
    /// Find in the open article: the text is matched on the page as it is typed.
    Find,
    /// The full-text search overlay: the text goes to the search worker as it is typed.
    Search,
    /// A shell command the article is piped to (`|`), run on Enter.
    Pipe,
    /// A path to save the article at (`S`), written on Enter.
    Save,
    /// An action typed by its name (`:next_unread`), run on Enter; Tab completes the name.
    Command,
}

/// One change a key asks of the prompt that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// Insert this character at the cursor.
    Insert(char),
    /// Delete the character before the cursor (Backspace).
    DeleteBack,
    /// Delete the character under the cursor (Delete).
    DeleteForward,
    /// Delete the word before the cursor, and the spaces after it (Ctrl-w).
    DeleteWord,
    /// Delete from the start of the text to the cursor (Ctrl-u).
    DeleteToStart,
    /// Move the cursor one character left.
    Left,
    /// Move the cursor one character right.
    Right,
    /// Move the cursor to the start (Home, Ctrl-a).
    Home,
    /// Move the cursor to the end (End, Ctrl-e).
    End,
    /// Replace the text with the previous accepted text of this kind of prompt.
    HistoryPrev,
    /// Replace the text with the next accepted text, or what was typed before going back.
    HistoryNext,
    /// Keep what the text did and close the prompt (Enter).
    Accept,
    /// Undo what the text did and close the prompt (Esc).
    Cancel,
    /// Complete the word typed, or go on to the next candidate (Tab; the `:` line's action
    /// names).
    Complete,
    /// Go back to the previous candidate (Shift-Tab).
    CompleteBack,
}

/// What an edit did to the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// The text changed: whatever it drives must follow.
    Text,
    /// Only the cursor moved (or nothing changed).
    Cursor,
    /// The character was not inserted: the prompt holds [`PROMPT_MAX`] characters already.
    Full,
}

/// A line of text being typed, with its cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    kind: PromptKind,
    text: String,
    /// The cursor, in characters from the start (0 ..= the text's length).
    cursor: usize,
    /// How far back in the history the text is (`None`: what was typed).
    back: Option<usize>,
    /// What was typed before going back in the history.
    draft: String,
}

impl Prompt {
    /// A prompt of `kind` holding `text`, the cursor at its end.
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        let text: String = text
            .chars()
            .filter(|c| !c.is_control())
            .take(PROMPT_MAX)
            .collect();
        Prompt {
            kind,
            cursor: text.chars().count(),
            text,
            back: None,
            draft: String::new(),
        }
    }

    /// Which prompt it is.
    pub fn kind(&self) -> PromptKind {
        self.kind
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in characters from the start of the text.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Applies a line-editing `edit` (`Accept` and `Cancel` are for the owner and change
    /// nothing here), looking back in `history` for the history edits.
    pub fn edit(&mut self, edit: Edit, history: &History) -> Edited {
        let before = self.text.clone();
        let len = self.text.chars().count();
        match edit {
            Edit::Insert(c) if c.is_control() => {}
            Edit::Insert(_) if len >= PROMPT_MAX => return Edited::Full,
            Edit::Insert(c) => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Edit::DeleteBack if self.cursor > 0 => {
                self.remove(self.cursor - 1, self.cursor);
                self.cursor -= 1;
            }
            Edit::DeleteForward if self.cursor < len => self.remove(self.cursor, self.cursor + 1),
            Edit::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.remove(start, self.cursor);
                self.cursor = start;
            }
            Edit::DeleteToStart => {
                self.remove(0, self.cursor);
                self.cursor = 0;
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::HistoryPrev => self.go_back(history, true),
            Edit::HistoryNext => self.go_back(history, false),
            Edit::DeleteBack
            | Edit::DeleteForward
            | Edit::Accept
            | Edit::Cancel
            | Edit::Complete
            | Edit::CompleteBack => {}
        }
        if self.text == before {
            Edited::Cursor
        } else {
            Edited::Text
        }
    }

    /// Replaces the text with `text` (a completion), the cursor at its end; it is what was
    /// typed from now on, for the history.
    pub fn set_text(&mut self, text: &str) {
        *self = Prompt::new(self.kind, text);
    }

    /// One step back (`older`) or forward through `history`, the cursor at the end.
    fn go_back(&mut self, history: &History, older: bool) {
        let past = history.of(self.kind);
        let next = match (self.back, older) {
            (None, true) if !past.is_empty() => Some(0),
            (Some(i), true) if i + 1 < past.len() => Some(i + 1),
            (Some(i), false) if i > 0 => Some(i - 1),
            (Some(_), false) => None,
            (b, _) => return self.back = b,
        };
        if self.back.is_none() {
            self.draft = self.text.clone();
        }
        self.back = next;
        self.text = match next {
            Some(i) => past[past.len() - 1 - i].clone(),
            None => std::mem::take(&mut self.draft),
        };
        self.cursor = self.text.chars().count();
    }

    /// The byte offset of character `i`.
    fn byte(&self, i: usize) -> usize {
        self.text
            .char_indices()
            .nth(i)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Removes characters `from..to`.
    fn remove(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte(from), self.byte(to));
        self.text.replace_range(a..b, "");
    }
}

/// The texts accepted in each kind of prompt, oldest first, for this session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    filter: Vec<String>,
    find: Vec<String>,
    search: Vec<String>,
    pipe: Vec<String>,
    save: Vec<String>,
    command: Vec<String>,
}

impl History {
    /// The texts accepted in prompts of `kind`, oldest first.
    pub fn of(&self, kind: PromptKind) -> &[String] {
        match kind {
            PromptKind::Filter => &self.filter,
            PromptKind::Find => &self.find,
            PromptKind::Search => &self.search,
            PromptKind::Pipe => &self.pipe,
            PromptKind::Save => &self.save,
            PromptKind::Command => &self.command,
        }
    }

    /// Remembers `text` as accepted in a prompt of `kind` (not an empty text, not twice in a row).
    pub fn push(&mut self, kind: PromptKind, text: &str) {
        let list = match kind {
            PromptKind::Filter => &mut self.filter,
            PromptKind::Find => &mut self.find,
            PromptKind::Search => &mut self.search,
            PromptKind::Pipe => &mut self.pipe,
            PromptKind::Save => &mut self.save,
            PromptKind::Command => &mut self.command,
        };
        if text.trim().is_empty() || list.last().is_some_and(|t| t == text) {
            return;
        }
        if list.len() == HISTORY_MAX {
            list.remove(0);
        }
        list.push(text.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A find prompt holding `text` with the cursor at `cursor`.
    fn at(text: &str, cursor: usize) -> Prompt {
        let mut p = Prompt::new(PromptKind::Find, text);
        p.cursor = cursor;
        p
    }

    fn edit(p: &mut Prompt, e: Edit) -> Edited {
        p.edit(e, &History::default())
    }

    #[test]
    fn a_new_prompt_has_its_cursor_at_the_end_and_no_control_characters() {
        let p = Prompt::new(PromptKind::Filter, "ha\u{1b}[2Jrbor");
        assert_eq!(p.text(), "ha[2Jrbor");
        assert_eq!(p.cursor(), 9);
        assert_eq!(p.kind(), PromptKind::Filter);
    }

    #[test]
    fn insert_goes_in_at_the_cursor() {
        let mut p = at("harbr", 4);
        assert_eq!(edit(&mut p, Edit::Insert('o')), Edited::Text);
        assert_eq!((p.text(), p.cursor()), ("harbor", 5));
        let mut p = at("é", 1);
        edit(&mut p, Edit::Insert('ß'));
        assert_eq!((p.text(), p.cursor()), ("éß", 2));
    }

    #[test]
    fn control_characters_are_never_inserted() {
        let mut p = at("a", 1);
        assert_eq!(edit(&mut p, Edit::Insert('\u{1b}')), Edited::Cursor);
        assert_eq!(edit(&mut p, Edit::Insert('\n')), Edited::Cursor);
        assert_eq!(p.text(), "a");
    }

    #[test]
    fn the_text_stops_at_the_cap() {
        let mut p = Prompt::new(PromptKind::Search, &"x".repeat(PROMPT_MAX + 30));
        assert_eq!(p.text().chars().count(), PROMPT_MAX);
        assert_eq!(edit(&mut p, Edit::Insert('y')), Edited::Full);
        assert_eq!(p.text().chars().count(), PROMPT_MAX);
        edit(&mut p, Edit::DeleteBack);
        assert_eq!(edit(&mut p, Edit::Insert('y')), Edited::Text);
        assert!(p.text().ends_with('y'));
    }

    #[test]
    fn delete_back_and_forward_take_one_character_each_side_of_the_cursor() {
        let mut p = at("pilots", 3);
        edit(&mut p, Edit::DeleteBack);
        assert_eq!((p.text(), p.cursor()), ("piots", 2));
        edit(&mut p, Edit::DeleteForward);
        assert_eq!((p.text(), p.cursor()), ("pits", 2));
        let mut p = at("ab", 0);
        assert_eq!(edit(&mut p, Edit::DeleteBack), Edited::Cursor);
        let mut p = at("ab", 2);
        assert_eq!(edit(&mut p, Edit::DeleteForward), Edited::Cursor);
        assert_eq!(p.text(), "ab");
    }

    #[test]
    fn delete_word_takes_the_word_before_the_cursor_and_its_trailing_spaces() {
        let mut p = at("harbor pilots  ", 15);
        edit(&mut p, Edit::DeleteWord);
        assert_eq!((p.text(), p.cursor()), ("harbor ", 7));
        edit(&mut p, Edit::DeleteWord);
        assert_eq!((p.text(), p.cursor()), ("", 0));
        let mut p = at("one two three", 7);
        edit(&mut p, Edit::DeleteWord);
        assert_eq!((p.text(), p.cursor()), ("one  three", 4));
    }

    #[test]
    fn delete_to_start_keeps_what_follows_the_cursor() {
        let mut p = at("port ember", 5);
        edit(&mut p, Edit::DeleteToStart);
        assert_eq!((p.text(), p.cursor()), ("ember", 0));
    }

    #[test]
    fn cursor_moves_stay_inside_the_text() {
        let mut p = at("abc", 1);
        assert_eq!(edit(&mut p, Edit::Left), Edited::Cursor);
        assert_eq!(p.cursor(), 0);
        edit(&mut p, Edit::Left);
        assert_eq!(p.cursor(), 0);
        edit(&mut p, Edit::End);
        assert_eq!(p.cursor(), 3);
        edit(&mut p, Edit::Right);
        assert_eq!(p.cursor(), 3);
        edit(&mut p, Edit::Home);
        assert_eq!(p.cursor(), 0);
        edit(&mut p, Edit::Right);
        assert_eq!(p.cursor(), 1);
        assert_eq!(p.text(), "abc");
    }

    #[test]
    fn history_steps_back_through_accepted_texts_and_forward_to_the_draft() {
        let mut h = History::default();
        h.push(PromptKind::Find, "ferry");
        h.push(PromptKind::Find, "pilots");
        h.push(PromptKind::Find, "pilots");
        h.push(PromptKind::Find, "  ");
        h.push(PromptKind::Filter, "copper");
        assert_eq!(h.of(PromptKind::Find), ["ferry", "pilots"]);
        let mut p = Prompt::new(PromptKind::Find, "dra");
        assert_eq!(p.edit(Edit::HistoryPrev, &h), Edited::Text);
        assert_eq!((p.text(), p.cursor()), ("pilots", 6));
        p.edit(Edit::HistoryPrev, &h);
        assert_eq!(p.text(), "ferry");
        assert_eq!(
            p.edit(Edit::HistoryPrev, &h),
            Edited::Cursor,
            "no older one"
        );
        p.edit(Edit::HistoryNext, &h);
        assert_eq!(p.text(), "pilots");
        p.edit(Edit::HistoryNext, &h);
        assert_eq!((p.text(), p.cursor()), ("dra", 3), "back to what was typed");
        assert_eq!(p.edit(Edit::HistoryNext, &h), Edited::Cursor);
    }

    #[test]
    fn history_keeps_the_newest_texts() {
        let mut h = History::default();
        for i in 0..HISTORY_MAX + 5 {
            h.push(PromptKind::Search, &format!("q{i}"));
        }
        let kept = h.of(PromptKind::Search);
        assert_eq!(kept.len(), HISTORY_MAX);
        assert_eq!(kept[0], "q5");
    }
}
