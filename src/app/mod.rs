//! The interactive reader's state: App, Action, update, the key table, the one prompt and the
//! inbox.
//!
//! ```text
//! terminal thread ─┐
//! preview worker ──┤  Msg    ┌──────────────┐  Effect
//! title index ─────┤         │              │
//! library reader ──┼──────▶  │ App::update  │ ───────▶ the loop (tui): suspend, browser, copy
//! file watcher ────┤ (inbox) └──────────────┘
//! search worker ───┤               ▲  &App
//! loop's tick ─────┘               │
//!                                  └──────── ui::render draws, decides nothing
//! ```
//!
//! Everything that is not the model's own arrives as a [`Msg`] in one channel ([`msg::Inbox`]):
//! the terminal's events (read on their own thread, `events::to_action` turns them into an
//! [`Action`] through the [`keymap`]), the preview worker's pages, the title index and the
//! backlinks being ready, the whole library read after the one file opened first, changed
//! files, the search worker's news, and the loop's tick (debounced saves). The loop draws,
//! waits for the next message, hands it and every message already waiting to
//! [`App::update`], and carries out the [`Effect`]s it returns; nothing else changes the model
//! while the loop runs (the session builds the model before it, and saves the marks after it).
//!
//! Typed text goes into one [`Prompt`] (filter, find or search) through
//! `Action::Prompt(`[`Edit`]`)`; in a mode that takes text the key table types printable keys.
//! The `typing` module passes a changed text on to what it drives.
//!
//! Three sub-models keep their state behind accessors (`ui` and the tests read them, only `app`
//! changes them): the list ([`list::List`]: rows, view, selection, marks), the reading pane
//! ([`reader::Reading`]: the open article ([`reader::Reader`], opened only through `App::show`
//! with an [`reader::At`]), its page cache, the history of followed links, the find and the link
//! number being typed) and the search ([`Search`]).
//!
//! `App`'s own state (mode, status, size, workers) is private too and read through accessors;
//! only the library and the settings the session sets at launch (theme, key table, typesetter,
//! date format, justification) are public fields.
//!
//! Whether related headlines still wait for the title index is the reader's to know
//! (`Reader::related_pending`); the typesetter is only told the words to show for them
//! ([`Names`](crate::text::typeset::Names)). Outside `update`, the loop only reads the model,
//! and a failure it meets (a browser that would not start) comes in as [`Msg::Failed`].
//!
//! The geometry of panes and overlays ([`layout`]) belongs to the model, which needs it to page,
//! scroll and place clicks; `ui` draws into it, and `app` never reads `ui`.

pub mod action;
pub mod arrival;
mod command;
mod events;
mod filter;
mod find;
mod follow;
mod habits;
mod history;
pub mod keymap;
pub mod layout;
pub mod links;
mod list;
mod list_width;
mod listing;
mod live;
pub mod marks;
mod mouse;
mod msg;
mod places;
mod preview;
pub mod prompt;
pub mod reader;
mod receive;
mod search;
mod skipped;
mod typing;
mod update;
mod view;

pub use action::{Action, Effect, Mode, Part, Shared};
pub use command::Completion;
pub use find::{Find, Match, Rule};
pub use habits::Ask;
pub use msg::{Input, Msg};
pub use prompt::{Edit, Prompt, PromptKind};
pub use search::{Search, SearchIndex};
pub use view::Sort;

/// Names of every action, as the config's `[keys]` table spells them (old names included).
pub fn action_names() -> Vec<&'static str> {
    action::NAMED
        .iter()
        .chain(action::OLD_NAMES)
        .map(|(n, _)| *n)
        .collect()
}

use crate::article::Article;
use crate::load::library::Library;
use crate::text::typeset::{Names, Options, Page};
use crate::theme::Theme;
use layout::Panes;
use ratatui::layout::Rect;
use reader::Reader;
use std::path::Path;
use std::sync::Arc;

/// A function that lays out an article, naming backlinks with the titles it is given; the real
/// one is `text::typeset::typeset_with`.
pub type Typesetter = fn(&Article, &Options, &Names<'_>) -> Page;

/// A message in the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The text, one line.
    pub text: String,
    /// True for errors (drawn with the error style).
    pub error: bool,
}

/// Everything the reader shows and remembers.
pub struct App {
    /// The articles.
    pub library: Library,
    /// Styles.
    pub theme: Theme,
    /// The most columns a line of article text takes.
    measure: u16,
    /// Which part has the keyboard.
    mode: Mode,
    /// The mode under the help overlay (where `?` returns to).
    help_from: Mode,
    /// First line of the help shown.
    help_scroll: usize,
    /// The list: its rows, selection, first row shown, read marks and bookmarks.
    list: list::List,
    /// The reading pane: the open article, its page cache, the history of followed links, the
    /// find and the link number being typed.
    reading: reader::Reading,
    /// The reading pane alone at full width (and the list alone when it has the focus).
    zoom: bool,
    /// The transient message of the status bar.
    status: Option<Status>,
    /// Terminal size: columns, rows.
    size: (u16, u16),
    /// Lays out articles; tests may swap it.
    pub typeset: Typesetter,
    /// Finds the library article a related headline names (built when first needed).
    titles: links::TitleIndex,
    /// The key bindings in force.
    pub keymap: keymap::Keymap,
    /// How the list writes dates (`article::date::calendar` directives).
    pub date_format: String,
    /// The list pane's width, columns and title wrapping (`<` and `>` change the width).
    pub list_look: crate::config::list::ListLook,
    /// Stretch inner lines of paragraphs to the full measure.
    pub justify: bool,
    /// Draw links as OSC 8 hyperlinks (the terminal makes them clickable); off in tests, so
    /// screens compare as text.
    pub hyperlinks: bool,
    /// Read marks, bookmarks and positions, saved across runs (`App::attach_store`).
    store: crate::state::Store,
    /// The store being opened on a thread of its own (a big `state.json` takes a while), until
    /// the first message that may need a mark ([`App::store_arrived`]).
    store_arriving: Option<std::thread::JoinHandle<(crate::state::Store, Vec<String>)>>,
    /// The article opened at start before the store came: its place and read mark wait for it.
    opened_early: bool,
    /// Whether saves run on the worker ([`App::save_in_background`]), for a store that arrives
    /// after it was asked.
    saves_in_background: bool,
    /// The full-text search's query and results (kept while the overlay is closed).
    search: Option<Search>,
    /// The search worker, started on the first search (or after the first frame, when the
    /// index is kept on disk).
    search_index: Option<SearchIndex>,
    /// Where the library's search index is kept between runs (`None`: built in memory at the
    /// first search, as with `--no-cache`).
    pub index_place: Option<crate::search::disk::Place>,
    /// Whether the status bar has said that the cache folder cannot be written (by the
    /// catalogue's save or the search index): the other one's complaint then goes to the
    /// message log only, so a full or read-only cache folder is one status message.
    cache_complained: bool,
    /// The list preview's worker and the preview the reading pane waits for.
    preview: preview::Preview,
    /// The prompt that has the keyboard (filter, find or search), while one is open.
    prompt: Option<Prompt>,
    /// The texts accepted in each kind of prompt, for Alt-p and Alt-n.
    prompt_history: prompt::History,
    /// Named places in articles (`Alt-m a`, `' a`) and where the last jump started.
    places: places::Places,
    /// Each library article's edit key, once read from its file (`marks`).
    edit_keys: std::collections::HashMap<usize, Option<String>>,
    /// The `:` line's Tab completion, while it cycles.
    completion: Option<command::Completion>,
    /// The one channel workers and the terminal send their news into.
    inbox: msg::Inbox,
    /// The whole library while a worker still reads it (a file opened by path shows first).
    arriving: Option<arrival::Scan>,
    /// The skipped-files overlay, while it is open.
    skipped: Option<skipped::SkippedView>,
    /// The reading pane's pictures, when the terminal shows them.
    pictures: Option<crate::pictures::service::Pictures>,
    /// The one-key question asked in the status bar, and the mode it was asked from.
    ask: Option<(Ask, Mode)>,
    /// The mode the command line (pipe, save) was opened from.
    command_from: Mode,
    /// Every status message of this session, oldest first (at most [`LOG_MAX`]).
    log: std::collections::VecDeque<Status>,
    /// The mode under the message log, and its first line shown.
    log_view: (Mode, usize),
}

/// How many status messages the log keeps.
pub const LOG_MAX: usize = 500;

impl App {
    /// A reader over `library` with nothing open, for an 80×24 terminal until told otherwise.
    pub fn new(library: Library, theme: Theme, measure: u16) -> App {
        let n = library.entries.len();
        let mut app = App {
            library,
            theme,
            measure: measure.max(1),
            mode: Mode::List,
            help_from: Mode::List,
            help_scroll: 0,
            list: list::List::new(n),
            reading: reader::Reading::default(),
            zoom: false,
            status: None,
            size: (80, 24),
            typeset: crate::text::typeset::typeset_with,
            titles: links::TitleIndex::default(),
            keymap: keymap::Keymap::default(),
            date_format: crate::config::Config::default().date_format,
            list_look: crate::config::list::ListLook::default(),
            justify: false,
            hyperlinks: false,
            store: crate::state::Store::disabled(),
            store_arriving: None,
            opened_early: false,
            saves_in_background: false,
            search: None,
            search_index: None,
            index_place: None,
            cache_complained: false,
            preview: preview::Preview::default(),
            prompt: None,
            prompt_history: prompt::History::default(),
            completion: None,
            edit_keys: std::collections::HashMap::new(),
            places: places::Places::default(),
            inbox: msg::Inbox::default(),
            arriving: None,
            skipped: None,
            pictures: None,
            ask: None,
            command_from: Mode::List,
            log: std::collections::VecDeque::new(),
            log_view: (Mode::List, 0),
        };
        app.status = app.skipped_status();
        app
    }

    /// The panes for the current size, zoom and focus.
    pub fn panes(&self) -> Panes {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        layout::panes(area, self.zoom, self.reader_focused(), self.list_look.width)
    }

    /// True when the reader has the focus (also under the help overlay).
    pub fn reader_focused(&self) -> bool {
        self.underlying_mode() == Mode::Reader
    }

    /// The mode that is not the help overlay: where keys go once help is closed.
    pub fn base_mode(&self) -> Mode {
        if self.mode == Mode::Help {
            self.help_from
        } else {
            self.mode
        }
    }

    /// Inside of the reading pane, when it is shown.
    pub fn reader_area(&self) -> Option<Rect> {
        self.panes().reader.map(layout::inner)
    }

    /// Inside of the list pane, when it is shown.
    pub fn list_area(&self) -> Option<Rect> {
        self.panes().list.map(layout::inner)
    }

    /// Lines of article the reading pane shows at once (the last known, when it is hidden).
    pub fn reader_height(&self) -> usize {
        match self.reader_area() {
            Some(r) => usize::from(r.height).max(1),
            None => usize::from(self.size.1.saturating_sub(3)).max(1),
        }
    }

    /// Width the reading pane lays articles out at (the whole screen when it is hidden).
    pub fn reader_width(&self) -> u16 {
        match self.reader_area() {
            Some(r) => r.width.max(1),
            None => self.size.0.saturating_sub(2).max(1),
        }
    }

    /// Rows of the list shown at once (articles, each [`App::list_row_lines`] lines tall).
    pub fn list_height(&self) -> usize {
        let lines = match self.list_area() {
            Some(r) => usize::from(r.height),
            None => usize::from(self.size.1.saturating_sub(3)),
        };
        (lines / usize::from(self.list_row_lines())).max(1)
    }

    /// Lines one article takes in the list: two when titles wrap in a pane this wide.
    pub fn list_row_lines(&self) -> u16 {
        let pane = match self.panes().list {
            Some(p) => p.width,
            // Hidden: as wide as it would be on its own.
            None => self.size.0,
        };
        self.list_look.wrap.lines(pane)
    }

    /// The page of library article `index` at `width`, from the cache or laid out now.
    pub fn page_for(&mut self, index: usize, article: &Article, width: u16) -> Arc<Page> {
        self.page_with(index, article, width, false)
    }

    /// [`App::page_for`]; `waiting` true lays the page out without the cache, its related
    /// headlines without an article shown as being looked up: the article is about to change
    /// (they wait for the title index).
    fn page_with(
        &mut self,
        index: usize,
        article: &Article,
        width: u16,
        waiting: bool,
    ) -> Arc<Page> {
        let (library, typeset) = (&self.library, self.typeset);
        let title_of = |p: &Path| {
            links::index_of_path(library, p).map(|i| library.entries[i].row.title().to_string())
        };
        let names = Names::titles(&title_of);
        let opts = Options {
            width,
            measure: self.measure,
            justify: self.justify,
            pictures: self.pictures.is_some(),
        };
        if waiting {
            return Arc::new(typeset(article, &opts, &names.looking_up()));
        }
        self.reading
            .cache
            .get(index, opts, |opts| typeset(article, opts, &names))
    }

    /// Sets an informational status message.
    pub fn say(&mut self, text: impl Into<String>) {
        let s = Status {
            text: text.into(),
            error: false,
        };
        self.log_message(&s);
        self.status = Some(s);
    }

    /// Keeps `s` in the message log (a message said twice in a row once).
    fn log_message(&mut self, s: &Status) {
        if self.log.back() == Some(s) {
            return;
        }
        if self.log.len() == LOG_MAX {
            self.log.pop_front();
        }
        self.log.push_back(s.clone());
    }

    /// Every status message of this session, oldest first.
    pub fn log(&self) -> &std::collections::VecDeque<Status> {
        &self.log
    }

    /// The first line of the message log shown.
    pub fn log_scroll(&self) -> usize {
        self.log_view.1
    }

    /// Says that the cache folder cannot be written (the catalogue's save, or the search
    /// index's), once: a second such complaint, the same trouble seen by the other cache, goes
    /// to the message log and leaves the status bar as it is.
    pub(crate) fn cache_problem(&mut self, text: String) {
        let text = crate::sanitize::clean_line(&text);
        if self.cache_complained {
            self.log_message(&Status { text, error: true });
            return;
        }
        self.cache_complained = true;
        self.complain(text);
    }

    /// Sets an error status message.
    pub fn complain(&mut self, text: impl Into<String>) {
        let s = Status {
            text: text.into(),
            error: true,
        };
        self.log_message(&s);
        self.status = Some(s);
    }

    /// The most columns a line of article text takes.
    pub fn measure(&self) -> u16 {
        self.measure
    }

    /// Which part has the keyboard.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The mode under the help overlay (where `?` returns to).
    pub fn help_from(&self) -> Mode {
        self.help_from
    }

    /// First line of the help shown.
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    /// The reading pane alone at full width (and the list alone when it has the focus).
    pub fn zoom(&self) -> bool {
        self.zoom
    }

    /// Starts with one pane at a time, or both (the config's `zoom`, the last run's `z`).
    pub fn set_zoom(&mut self, zoom: bool) {
        self.zoom = zoom;
    }

    /// The transient message of the status bar.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Terminal size: columns, rows.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Finds the library article a related headline names (built when first needed).
    pub fn titles(&self) -> &links::TitleIndex {
        &self.titles
    }

    /// The list preview's worker and the preview the reading pane waits for.
    pub fn preview(&self) -> &preview::Preview {
        &self.preview
    }

    /// The article in the reading pane, if one is open (`reading().open()`, the most asked).
    pub fn reader(&self) -> Option<&Reader> {
        self.reading.open.as_ref()
    }

    /// The reading pane: the open article, the page cache, the history, the find, the link
    /// number being typed.
    pub fn reading(&self) -> &reader::Reading {
        &self.reading
    }

    /// The list: rows, selection, marks.
    pub fn list(&self) -> &list::List {
        &self.list
    }

    /// `12/48`: the selected article's number and how many there are.
    pub fn position_label(&self) -> String {
        let n = self.list.view.len();
        match self.selected_row() {
            _ if n == 0 => "0/0".into(),
            Some(row) => format!("{}/{}", row + 1, n),
            None => format!("–/{n}"),
        }
    }
}
