//! What the reader can be asked to do: one `Action` per thing a key, the mouse or the terminal asks.

use super::prompt::Edit;

/// Which part of the reader has the keyboard; it picks the key bindings that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The article list has the focus.
    List,
    /// The reading pane has the focus.
    Reader,
    /// The help overlay is open over the list or the reader.
    Help,
    /// The filter prompt under the list has the keyboard: typed characters narrow the list.
    Filter,
    /// Typing a find-in-article query at the bottom of the reader.
    FindPrompt,
    /// Reading with the matches of a find kept: `n`/`N` step through them until `Esc`.
    Find,
    /// The full-text search overlay: typing a query, results ranked below it.
    Search,
    /// The skipped-files overlay: each file the library could not take, and why.
    Skipped,
    /// A one-key question in the status bar (mark all read? what to copy?).
    Ask,
    /// A command line at the bottom: a shell command to pipe the article to, or a path to
    /// save it at.
    Command,
    /// The message log overlay: every status message of this session, in full.
    Messages,
}

impl Mode {
    /// Whether the mode has a prompt that takes text: there every printable key without
    /// Control or Alt is typed, before any binding (so `?` or `q` can be searched for).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Filter | Mode::FindPrompt | Mode::Search | Mode::Command
        )
    }
}

/// Something the reader does; keys map to actions through the key table, the loop sends the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave byline.
    Quit,
    /// Stop byline and return to the shell until it is resumed (Ctrl-Z).
    Suspend,
    /// Open or close the help overlay.
    Help,
    /// Move down one row of the list, one line of the article or one line of the help.
    Down,
    /// Move up one row of the list, one line of the article or one line of the help.
    Up,
    /// Go to the first article or the top of the article.
    Top,
    /// Go to the last article or the end of the article.
    Bottom,
    /// Move down one screen.
    PageDown,
    /// Move up one screen.
    PageUp,
    /// Move down half a screen.
    HalfPageDown,
    /// Move up half a screen.
    HalfPageUp,
    /// Open the selected article in the reading pane.
    Open,
    /// Leave the reading pane for the list.
    ToList,
    /// Open the next article of the list.
    NextArticle,
    /// Open the previous article of the list.
    PrevArticle,
    /// Move the link focus to the next link, scrolling to keep it visible.
    NextLink,
    /// Move the link focus to the previous link, scrolling to keep it visible.
    PrevLink,
    /// Follow the focused link.
    FollowLink,
    /// Follow link number N at once (1 to 9; no key does this by default: digits type a
    /// number that Enter follows).
    FollowRelated(u8),
    /// A digit of a link number (0 to 9): Enter then follows that link, Tab focuses it.
    Digit(u8),
    /// Go back to the article (and place) before the last followed link.
    HistoryBack,
    /// Go forward again after going back.
    HistoryForward,
    /// Open the focused link's URL in the web browser, even when it names a library article.
    OpenUrl,
    /// Copy the focused link's URL (or that of the link number typed) to the clipboard (OSC 52).
    CopyUrl,
    /// Show the reading pane alone at full width, or split again.
    Zoom,
    /// Make the list pane narrower (the reader wider).
    ListNarrower,
    /// Make the list pane wider (the reader narrower).
    ListWider,
    /// The terminal now has this many columns and rows.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// The mouse wheel turned over the cell at `column`, `row`.
    Wheel {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
        /// True when the wheel turned down (towards the end).
        down: bool,
    },
    /// The left button was pressed on the cell at `column`, `row`.
    Click {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
    /// Open the filter prompt under the list (it starts from the filter in force).
    Filter,
    /// Clear the filter kept in force (Esc in the list), showing every article again.
    ClearFilter,
    /// Sort the list by the next key: date, then title, then source.
    CycleSort,
    /// Show only unread articles, or all again.
    UnreadOnly,
    /// Show only bookmarked articles, or all again.
    BookmarkedOnly,
    /// Mark the selected (or open) article read or unread.
    ToggleRead,
    /// Bookmark the selected (or open) article, or remove its bookmark.
    ToggleBookmark,
    /// Start finding text in the open article: a prompt opens at the bottom.
    FindStart,
    /// Clear the kept find and its highlights.
    FindCancel,
    /// Scroll to the next match of the find.
    FindNext,
    /// Scroll to the previous match of the find.
    FindPrev,
    /// Switch full justification of paragraphs on or off.
    Justify,
    /// Open the full-text search over the whole library.
    SearchStart,
    /// Edit the prompt that has the keyboard (filter, find or search): type, delete, move the
    /// cursor, step through its history, accept or cancel it.
    Prompt(Edit),
    /// Open the list of skipped files (with the reasons), or close it.
    ShowSkipped,
    /// Copy the selected skipped file's path to the clipboard (OSC 52).
    CopyPath,
    /// Open the next unread article below (reader), or select it (list).
    NextUnread,
    /// Open the previous unread article above (reader), or select it (list).
    PrevUnread,
    /// Mark the selected (or open) article read and go to the next unread one (newsboat's `N`
    /// with `toggleitemread-jumps-to-next`, mutt's `resolve`).
    MarkReadNext,
    /// Find the last find's text again, forward: its next match (after `Esc` too).
    FindAgain,
    /// Find the last find's text again, backward: its previous match.
    FindAgainBack,
    /// Ask to mark every article the list shows read; `y` confirms.
    MarkAllRead,
    /// Ask what of the article to copy: its title, URL, path or whole text.
    CopyMenu,
    /// Copy this of the article (the answer to [`Action::CopyMenu`]).
    Copy(Part),
    /// Yes to the question asked.
    Yes,
    /// No to the question asked (or any key that is not an answer).
    No,
    /// Type a shell command the article (as `--print` text) is piped to.
    PipeStart,
    /// Open the article's file in `$EDITOR`.
    EditFile,
    /// Show the article (as `--print` text) in `$PAGER`.
    Pager,
    /// Type a path to save the article at, as text (Markdown when the path ends in `.md`).
    SaveStart,
    /// Open the message log (every status message of this session, in full), or close it.
    Messages,
    /// Open the `:` command line: an action typed by its name, run on Enter.
    CommandLine,
    /// Name the place at the top of the reading pane: the next key is the mark's letter.
    SetMark,
    /// Go to a marked place: the next key is its letter (`'` again: before the last jump).
    GoToMark,
    /// The letter that answers [`Action::SetMark`] or [`Action::GoToMark`] (no key is bound
    /// to it: the key pressed after them is the letter).
    MarkLetter(char),
}

/// What of an article to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The headline.
    Title,
    /// The article's own web address.
    Url,
    /// The file's path.
    Path,
    /// The whole text, as `--print` writes it.
    Text,
}

/// What the loop must do outside the model after an update (things that need the terminal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Restore the terminal and exit.
    Quit,
    /// Restore the terminal, stop the process, and re-enter on return.
    Suspend,
    /// Leave the alternate screen, open this URL in the browser, and come back.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52, and a clipboard program when one is present).
    Copy(String),
    /// Copy this of the article (its text is rendered outside the model).
    CopyText(Shared),
    /// Pipe the article, as `--print` text, to this shell command, showing its output.
    Pipe {
        /// The command line, run by `sh -c`.
        command: String,
        /// The article.
        article: Shared,
    },
    /// Show the article, as `--print` text, in `$PAGER`.
    Page(Shared),
    /// Open this file in `$EDITOR`.
    Edit(std::path::PathBuf),
    /// Save the article at this path (Markdown for `.md`, else `--print` text).
    Save {
        /// Where.
        path: std::path::PathBuf,
        /// The article.
        article: Shared,
    },
    /// Nothing changed that the screen shows: no frame is needed (for messages).
    Quiet,
}

/// An article handed to an effect; equal when it is the same article in memory.
#[derive(Debug, Clone)]
pub struct Shared(pub std::sync::Arc<crate::article::Article>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Shared {}

/// Every action a key can be bound to, under the name the config's `[keys]` table uses.
pub const NAMED: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("suspend", Action::Suspend),
    ("help", Action::Help),
    ("down", Action::Down),
    ("up", Action::Up),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("half_page_down", Action::HalfPageDown),
    ("half_page_up", Action::HalfPageUp),
    ("open", Action::Open),
    ("to_list", Action::ToList),
    ("next_article", Action::NextArticle),
    ("prev_article", Action::PrevArticle),
    ("next_link", Action::NextLink),
    ("prev_link", Action::PrevLink),
    ("follow_link", Action::FollowLink),
    ("follow_related_1", Action::FollowRelated(1)),
    ("follow_related_2", Action::FollowRelated(2)),
    ("follow_related_3", Action::FollowRelated(3)),
    ("follow_related_4", Action::FollowRelated(4)),
    ("follow_related_5", Action::FollowRelated(5)),
    ("follow_related_6", Action::FollowRelated(6)),
    ("follow_related_7", Action::FollowRelated(7)),
    ("follow_related_8", Action::FollowRelated(8)),
    ("follow_related_9", Action::FollowRelated(9)),
    ("digit_0", Action::Digit(0)),
    ("digit_1", Action::Digit(1)),
    ("digit_2", Action::Digit(2)),
    ("digit_3", Action::Digit(3)),
    ("digit_4", Action::Digit(4)),
    ("digit_5", Action::Digit(5)),
    ("digit_6", Action::Digit(6)),
    ("digit_7", Action::Digit(7)),
    ("digit_8", Action::Digit(8)),
    ("digit_9", Action::Digit(9)),
    ("history_back", Action::HistoryBack),
    ("history_forward", Action::HistoryForward),
    ("open_url", Action::OpenUrl),
    ("copy_url", Action::CopyUrl),
    ("zoom", Action::Zoom),
    ("list_narrower", Action::ListNarrower),
    ("list_wider", Action::ListWider),
    ("filter", Action::Filter),
    ("clear_filter", Action::ClearFilter),
    ("cycle_sort", Action::CycleSort),
    ("unread_only", Action::UnreadOnly),
    ("bookmarked_only", Action::BookmarkedOnly),
    ("toggle_read", Action::ToggleRead),
    ("toggle_bookmark", Action::ToggleBookmark),
    ("find", Action::FindStart),
    ("find_cancel", Action::FindCancel),
    ("find_next", Action::FindNext),
    ("find_prev", Action::FindPrev),
    ("justify", Action::Justify),
    ("search", Action::SearchStart),
    ("prompt_accept", Action::Prompt(Edit::Accept)),
    ("prompt_cancel", Action::Prompt(Edit::Cancel)),
    ("prompt_delete_back", Action::Prompt(Edit::DeleteBack)),
    ("prompt_delete_forward", Action::Prompt(Edit::DeleteForward)),
    ("prompt_delete_word", Action::Prompt(Edit::DeleteWord)),
    (
        "prompt_delete_to_start",
        Action::Prompt(Edit::DeleteToStart),
    ),
    ("prompt_left", Action::Prompt(Edit::Left)),
    ("prompt_right", Action::Prompt(Edit::Right)),
    ("prompt_home", Action::Prompt(Edit::Home)),
    ("prompt_end", Action::Prompt(Edit::End)),
    ("prompt_history_prev", Action::Prompt(Edit::HistoryPrev)),
    ("prompt_history_next", Action::Prompt(Edit::HistoryNext)),
    ("prompt_complete", Action::Prompt(Edit::Complete)),
    ("prompt_complete_back", Action::Prompt(Edit::CompleteBack)),
    ("skipped", Action::ShowSkipped),
    ("copy_path", Action::CopyPath),
    ("next_unread", Action::NextUnread),
    ("prev_unread", Action::PrevUnread),
    ("mark_all_read", Action::MarkAllRead),
    ("mark_read_next", Action::MarkReadNext),
    ("find_again", Action::FindAgain),
    ("find_again_back", Action::FindAgainBack),
    ("copy_menu", Action::CopyMenu),
    ("copy_title", Action::Copy(Part::Title)),
    ("copy_article_url", Action::Copy(Part::Url)),
    ("copy_article_path", Action::Copy(Part::Path)),
    ("copy_text", Action::Copy(Part::Text)),
    ("yes", Action::Yes),
    ("no", Action::No),
    ("pipe", Action::PipeStart),
    ("edit", Action::EditFile),
    ("pager", Action::Pager),
    ("save", Action::SaveStart),
    ("messages", Action::Messages),
    ("command_line", Action::CommandLine),
    ("set_mark", Action::SetMark),
    ("go_to_mark", Action::GoToMark),
];

/// Names the config's `[keys]` table accepted before the three prompts became one; each now
/// names the prompt edit that does what it did, in every prompt.
pub const OLD_NAMES: &[(&str, Action)] = &[
    ("filter_backspace", Action::Prompt(Edit::DeleteBack)),
    ("erase", Action::Prompt(Edit::DeleteBack)),
    ("filter_accept", Action::Prompt(Edit::Accept)),
    ("find_accept", Action::Prompt(Edit::Accept)),
    ("search_open", Action::Prompt(Edit::Accept)),
    ("filter_cancel", Action::Prompt(Edit::Cancel)),
    ("search_close", Action::Prompt(Edit::Cancel)),
];

impl Action {
    /// The action's name in the config's `[keys]` table; `None` for actions no key sends.
    pub fn name(self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a)| *a == self).map(|(n, _)| *n)
    }

    /// The action the config's `[keys]` table calls `name` (old names included).
    pub fn from_name(name: &str) -> Option<Action> {
        NAMED
            .iter()
            .chain(OLD_NAMES)
            .find(|(n, _)| *n == name)
            .map(|(_, a)| *a)
    }
}
