//! Full-text search from the reader: the overlay's query and results, the worker it asks, and
//! opening a result with its match in view.
//!
//! The worker ([`Searcher`]) is started on the first `F`, over the library as it is then; the
//! worker says it has news with a `Msg::SearchNews` in the inbox; nothing waits for it.

use super::find::{self, Find, Rule};
use super::{App, Mode};
use crate::search::{Doc, Results, Searcher};
use std::path::PathBuf;
use std::time::Duration;

/// The search overlay's state; it outlives the overlay, so `F` again shows the last search.
#[derive(Debug, Clone)]
pub struct Search {
    /// The query as typed.
    query: String,
    /// The newest results for `query`, once they came.
    results: Option<Results>,
    /// Selected result row.
    selected: usize,
    /// Where `Esc` returns to.
    from: Mode,
}

impl Search {
    /// A search with no query yet, opened from `from`.
    fn new(from: Mode) -> Search {
        Search {
            query: String::new(),
            results: None,
            selected: 0,
            from,
        }
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The newest results for the query, once they came.
    pub fn results(&self) -> Option<&Results> {
        self.results.as_ref()
    }

    /// The selected result's row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected result, if there is one.
    pub fn selected_hit(&self) -> Option<&crate::search::Hit> {
        self.results.as_ref()?.hits.get(self.selected)
    }

    /// Where `Esc` returns to.
    pub fn from(&self) -> Mode {
        self.from
    }

    /// Makes `Esc` return to `mode`.
    pub(super) fn return_to(&mut self, mode: Mode) {
        self.from = mode;
    }

    /// True when the query is blank (nothing is asked of the worker).
    fn blank(&self) -> bool {
        self.query.trim().is_empty()
    }

    /// A new query: the first row selected, and no results while it is blank.
    fn set_query(&mut self, text: String) {
        self.query = text;
        self.selected = 0;
        if self.blank() {
            self.results = None;
        }
    }

    /// Moves the selected row by `delta`, within the results.
    fn move_selection(&mut self, delta: isize) {
        let n = self.results.as_ref().map_or(0, |r| r.hits.len());
        self.selected = super::update::offset(self.selected, delta, n);
    }

    /// Takes `results` when they answer the current query; true when taken.
    fn take(&mut self, results: Results) -> bool {
        if results.query != self.query || self.blank() {
            return false;
        }
        let n = results.hits.len();
        self.results = Some(results);
        self.selected = self.selected.min(n.saturating_sub(1));
        true
    }
}

/// The search worker and which library article each of its document ids stands for.
#[derive(Debug)]
pub struct SearchIndex {
    /// The worker.
    pub searcher: Searcher,
    /// Per document id: the article's file (found again by path after the list changed), or
    /// its library index when it is held in memory without one.
    docs: Vec<(Option<PathBuf>, usize)>,
    /// Progress when last drawn, so the loop redraws only when it moved.
    shown_progress: (usize, usize),
    /// The library changed since the index was built: the next search builds it again.
    stale: bool,
}

impl SearchIndex {
    /// Notes that the library changed: the next search builds the index again.
    pub(super) fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// Whether the library changed since the index was built (the next search builds it
    /// again).
    pub fn is_stale(&self) -> bool {
        self.stale
    }
}

impl App {
    /// The search's query and results, once a search was opened (kept while it is closed).
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// The search worker, once one was started.
    pub fn search_index(&self) -> Option<&SearchIndex> {
        self.search_index.as_ref()
    }

    /// Gives the search a worker over documents whose ids are library indices (tests and
    /// callers that index on their own); `F` otherwise starts one over the library.
    pub fn set_searcher(&mut self, searcher: Searcher) {
        let docs = self.doc_refs();
        self.install_searcher(searcher, docs);
    }

    /// Installs `searcher`, whose hits without a file name the article by id in `docs`.
    fn install_searcher(&mut self, searcher: Searcher, docs: Vec<(Option<PathBuf>, usize)>) {
        // The worker's news comes in through the inbox, like every worker's.
        let tx = self.inbox.sender();
        searcher.on_news(move || {
            let _ = tx.send(super::Msg::SearchNews);
        });
        self.search_index = Some(SearchIndex {
            searcher,
            docs,
            shown_progress: (0, 0),
            stale: false,
        });
    }

    fn doc_refs(&self) -> Vec<(Option<PathBuf>, usize)> {
        self.library
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.row.path_buf(), i))
            .collect()
    }

    /// Starts the worker over the library: with a place for the index on disk, that index
    /// brought up to date; otherwise articles held in memory as they are, files parsed on the
    /// worker's thread.
    fn spawn_searcher(&mut self) {
        if let Some(place) = self.index_place.clone() {
            let paths = self
                .library
                .entries
                .iter()
                .map(|e| e.row.path_buf())
                .collect();
            // Its hits name their files: no list of ids is kept (a path an article).
            self.install_searcher(Searcher::persistent(place, paths), Vec::new());
            return;
        }
        let items: Vec<(
            usize,
            Option<PathBuf>,
            Option<std::sync::Arc<crate::article::Article>>,
        )> = self
            .library
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (i, e.row.path_buf(), e.article.clone()))
            .collect();
        let total = items.len();
        let docs = items.into_iter().map(|(i, path, article)| match article {
            Some(a) => Some(Doc::from_article(i, &a)),
            None => path.and_then(|p| crate::search::doc_of_file(i, &p)),
        });
        self.set_searcher(Searcher::from_iter(total, docs));
    }

    /// Starts bringing the index kept on disk up to date, in the background, once the library
    /// is read (after the first frame): searches then find the whole library at once.
    pub(super) fn start_index(&mut self) {
        if self.index_place.is_some() && self.search_index.is_none() && self.arriving.is_none() {
            self.spawn_searcher();
        }
    }

    pub(super) fn search_start(&mut self) {
        if self.search_index.as_ref().is_none_or(|ix| ix.stale) {
            self.spawn_searcher();
            // Results from the old index may name rows that moved: ask the new one again.
            if let Some(s) = self.search.as_mut()
                && !s.blank()
                && let Some(ix) = self.search_index.as_ref()
            {
                s.results = None;
                ix.searcher.query(s.query.clone());
            }
        }
        self.say_search_note();
        let from = self.mode;
        match self.search.as_mut() {
            Some(s) => s.return_to(from),
            None => self.search = Some(Search::new(from)),
        }
        self.mode = Mode::Search;
        let query = self
            .search
            .as_ref()
            .map(|s| s.query.clone())
            .unwrap_or_default();
        self.open_prompt(super::PromptKind::Search, &query);
    }

    pub(super) fn search_close(&mut self) {
        self.mode = self.search.as_ref().map_or(Mode::List, |s| s.from);
    }

    /// The search prompt's text changed: the query goes to the worker at once and its results
    /// come later.
    pub(super) fn search_text(&mut self, text: String) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        s.set_query(text);
        if let Some(ix) = self.search_index.as_ref() {
            ix.searcher.query(s.query.clone());
        }
    }

    /// Moves the selected result by `delta` rows.
    pub(super) fn move_result(&mut self, delta: isize) {
        if let Some(s) = self.search.as_mut() {
            s.move_selection(delta);
        }
    }

    /// Takes results for the current query (others are dropped); true when they were taken.
    pub fn search_results(&mut self, results: Results) -> bool {
        self.search.as_mut().is_some_and(|s| s.take(results))
    }

    /// Takes whatever the worker has sent, without waiting; true when the screen should be
    /// drawn again (new results, or indexing moved on while the overlay shows it).
    pub(super) fn take_search_news(&mut self) -> bool {
        let Some(ix) = self.search_index.as_mut() else {
            return false;
        };
        let results = ix.searcher.try_results();
        let progress = ix.searcher.progress();
        let moved = self.mode == Mode::Search && progress != ix.shown_progress;
        ix.shown_progress = progress;
        // Why the index kept on disk is not used matters once the user searches: said then.
        let searching = self.search.is_some();
        let took = results.is_some_and(|r| self.search_results(r));
        let noted = searching && self.say_search_note();
        took || moved || noted
    }

    /// Says why the index kept on disk is not used, once, if the worker has said; true when
    /// it had. A cache folder that cannot be written is said once with the catalogue's
    /// complaint ([`App::cache_problem`]).
    fn say_search_note(&mut self) -> bool {
        let Some(ix) = self.search_index.as_ref() else {
            return false;
        };
        let Some(note) = ix.searcher.take_note() else {
            return false;
        };
        if ix.searcher.cache_unwritable() {
            self.cache_problem(note);
        } else {
            self.say(note);
        }
        true
    }

    /// Waits up to `timeout` for the worker's answer to the current query and takes it (for
    /// tests and scripts; the loop takes results on `Msg::SearchNews`).
    pub fn wait_search(&mut self, timeout: Duration) -> bool {
        let Some(r) = self
            .search_index
            .as_ref()
            .and_then(|ix| ix.searcher.wait_results(timeout))
        else {
            return false;
        };
        self.search_results(r)
    }

    /// Indexing progress `(read, total)` while the worker is still reading the library.
    pub fn search_progress(&self) -> Option<(usize, usize)> {
        let ix = self.search_index.as_ref()?;
        (!ix.searcher.is_ready()).then(|| ix.searcher.progress())
    }

    /// Enter: opens the selected result in the reader, its first match in view and the query
    /// highlighted as a find (`n`/`N` step through it).
    pub(super) fn search_open(&mut self) {
        let Some(s) = self.search.as_ref() else {
            return;
        };
        let Some(hit) = s.selected_hit() else {
            self.complain("no result to open");
            return;
        };
        let (block, query, from) = (hit.block, s.query.clone(), s.from);
        let doc = match &hit.path {
            Some(p) => Some((Some(p.clone()), usize::MAX)),
            None => self
                .search_index
                .as_ref()
                .and_then(|ix| ix.docs.get(hit.id).cloned()),
        };
        let index = match doc {
            Some((Some(p), _)) => super::links::index_of_path(&self.library, &p),
            Some((None, i)) => Some(i).filter(|&i| i < self.library.entries.len()),
            None => None,
        };
        let Some(index) = index else {
            self.complain("that article is no longer in the library");
            return;
        };
        self.mode = if from == Mode::List {
            Mode::List
        } else {
            Mode::Reader
        };
        if !self.open(index, true) {
            return;
        }
        self.mode = Mode::Reader;
        let Some(r) = self.reading.open.as_ref() else {
            return;
        };
        let at = r.page.line_of_block(block).unwrap_or(0);
        let mut f = Find::new(at, Rule::Words);
        f.query = query;
        self.reading.find = Some(f);
        self.refresh_find();
        if let Some(f) = self.reading.find.as_mut() {
            f.current = find::first_at_or_after(&f.matches, at);
        }
        if self
            .reading
            .find
            .as_ref()
            .is_some_and(|f| f.current.is_some())
        {
            self.mode = Mode::Find;
            self.show_current_match();
        } else {
            // The words matched only where the page shows no text of them: show the block.
            self.reading.find = None;
            let h = self.reader_height();
            if let Some(r) = self.reading.open.as_mut() {
                r.scroll = at.min(r.max_scroll(h));
            }
        }
    }

    /// `J`: justification on or off, the article laid out again with the same paragraph on top.
    pub(super) fn toggle_justify(&mut self) {
        self.justify = !self.justify;
        self.say(if self.justify {
            "justified"
        } else {
            "ragged right"
        });
        let Some(r) = self.reading.open.as_ref() else {
            return;
        };
        let (index, article, width) = (r.index, r.article.clone(), r.width);
        let page = self.page_for(index, &article, width);
        if let Some(r) = self.reading.open.as_mut() {
            r.relay(page, width);
        }
    }
}
