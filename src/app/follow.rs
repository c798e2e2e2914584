//! Opening articles and following links: the list, related numbers, focused links, history.

use super::history::Place;
use super::links;
use super::reader::{At, Reader};
use super::{App, Effect, Mode};
use crate::text::typeset::Target;

/// The largest link number a reader can type (more digits are not taken).
const LINK_NUMBER_MAX: usize = 999_999;

impl App {
    /// Opens library entry `index` in the reader; `focus` gives the reader the keyboard.
    pub fn open(&mut self, index: usize, focus: bool) -> bool {
        self.open_at(index, focus, At::Saved)
    }

    /// [`App::open`] at `at`.
    pub(super) fn open_at(&mut self, index: usize, focus: bool, at: At) -> bool {
        self.open_with(index, focus, true, at)
    }

    /// [`App::open`]; `wait` false leaves related headlines unresolved when the title index is
    /// not built yet ([`App::poll_titles`] resolves them once it is), instead of building it.
    pub(super) fn open_with(&mut self, index: usize, focus: bool, wait: bool, at: At) -> bool {
        // Whatever was being previewed, this is what the reader shows now.
        self.cancel_preview();
        let article = match self.library.load(index) {
            Ok(a) => a,
            Err(e) => {
                let msg = crate::sanitize::clean_line(&format!("{e:#}"));
                self.complain(msg);
                return false;
            }
        };
        let unresolved = article.related.iter().any(|r| r.path.is_none());
        let resolver = match (unresolved, wait) {
            (false, _) => None,
            (true, true) => Some(self.titles.get(&self.library)),
            (true, false) => self.titles.ready(),
        };
        let related_pending = unresolved && resolver.is_none();
        let article = match resolver {
            Some(r) => links::with_related_resolved(&self.library, r, article),
            None => article,
        };
        let width = self.reader_width();
        // A page naming headlines unresolved only until the index is ready is not one to keep.
        let page = self.page_with(index, &article, width, related_pending);
        let reader = Reader {
            index,
            article,
            page,
            width,
            scroll: 0,
            focus: None,
            related_pending,
        };
        self.show(reader, at);
        self.select(index);
        if focus {
            self.mark_read(index);
            if self.mode == Mode::List {
                self.mode = Mode::Reader;
            }
        }
        true
    }

    /// Opens what the reader starts with: library entry `open` with the focus, else asks for a
    /// preview of the first article, so the wide screen does not start with an empty reading
    /// pane (it shows the article's list row until the worker has the page). Neither waits for
    /// the title index: the first frame needs only the list rows, and related headlines resolve
    /// when [`App::poll_titles`] finds the index ready (following one builds or waits for it at
    /// once).
    pub fn start(&mut self, open: Option<usize>) {
        match open {
            // A big state file still being read: the article shows from its top for the first
            // frame; where the reading stopped, and its read mark, follow with the store (at
            // the first message after that frame: `App::store_arrived`).
            Some(i) if self.store_pending() => {
                self.opened_early = self.open_with(i, false, false, At::Line(0));
                if self.opened_early {
                    self.mode = Mode::Reader;
                }
            }
            Some(i) => {
                self.open_with(i, true, false, At::Saved);
            }
            None if !self.library.entries.is_empty() => {
                self.request_preview(0);
            }
            None => {}
        }
    }

    /// Starts building the title index on a worker thread (after the first frame), so related
    /// headlines resolve without a pause later; the same worker then reads every file's related
    /// block for the backlinks, with that index.
    pub fn index_titles_in_background(&self) {
        if self.library_pending() {
            // Built once the whole library has come (`App::library_arrived`).
            return;
        }
        self.titles.build_in_background(
            &self.library,
            self.inbox.sender(),
            self.library.backlinks_job(),
        );
    }

    /// Whether the open article waits for the title index (the loop should look again soon).
    pub fn titles_pending(&self) -> bool {
        self.reading
            .open
            .as_ref()
            .is_some_and(|r| r.related_pending)
    }

    /// Resolves the open article's related headlines when they waited for the title index and
    /// it is ready now, keeping the scroll and the link focus; true when the page changed.
    pub(super) fn resolve_waiting_related(&mut self) -> bool {
        if !self.titles_pending() || self.titles.ready().is_none() {
            return false;
        }
        let h = self.reader_height();
        let Some(r) = self.reading.open.as_ref() else {
            return false;
        };
        let (index, width, article) = (r.index, r.width, r.article.clone());
        let article = match self.titles.ready() {
            Some(resolver) => links::with_related_resolved(&self.library, resolver, article),
            None => return false,
        };
        let page = self.page_for(index, &article, width);
        if let Some(r) = self.reading.open.as_mut() {
            // Only the related box changes: the scroll stays, line for line.
            r.article = article;
            r.page = page;
            r.related_pending = false;
            r.focus = r.focus.filter(|&t| t < r.page.targets.len());
            r.scroll = r.scroll.min(r.max_scroll(h));
        }
        true
    }

    /// Shows the selected article in the reading pane when both panes are on screen, without
    /// taking the focus or marking it read. The worker loads it ([`App::request_preview`]): a
    /// key that moves the selection never reads the file.
    pub(super) fn preview_selection(&mut self) {
        let panes = self.panes();
        let split = panes.list.is_some() && panes.reader.is_some();
        let shown = match self.preview.pending() {
            Some(p) => Some(p.index),
            None => self.reading.open.as_ref().map(|r| r.index),
        };
        if shown == Some(self.list.selected)
            || self.library.entries.is_empty()
            || self.selected_row().is_none()
        {
            // Nothing new to show, or the selection is not in the list (no row matches).
            return;
        }
        if split {
            self.request_preview(self.list.selected);
        } else {
            // The reader is hidden: nothing to show, but a late reply must not land under
            // another selection.
            self.cancel_preview();
        }
    }

    pub(super) fn open_selected(&mut self) {
        if self.library.entries.is_empty() {
            self.complain("no articles");
            return;
        }
        if self.selected_row().is_none() {
            self.complain("no article matches the filter");
            return;
        }
        // The article already in the reader keeps its place: back to the list and in again
        // returns to where the reading stopped.
        if self
            .reading
            .open
            .as_ref()
            .is_some_and(|r| r.index == self.list.selected)
        {
            self.mark_read(self.list.selected);
            self.mode = Mode::Reader;
            return;
        }
        self.open(self.list.selected, true);
    }

    pub(super) fn step_article(&mut self, delta: isize) {
        let Some(cur) = self.reading.open.as_ref().map(|r| r.index) else {
            return;
        };
        let next = self.step_from(cur, delta);
        if next == cur {
            self.say(if delta > 0 {
                "last article"
            } else {
                "first article"
            });
            return;
        }
        self.open(next, true);
    }

    pub(super) fn place(&self) -> Option<Place> {
        self.reading.open.as_ref().map(|r| Place {
            index: r.index,
            scroll: r.scroll,
            width: r.width,
            block: r.top_block(),
        })
    }

    pub(super) fn goto(&mut self, p: Place) {
        // The same line at the same width; the same paragraph at another.
        let at = if self.reader_width() == p.width {
            At::Line(p.scroll)
        } else {
            At::Block(p.block)
        };
        self.open_at(p.index, true, at);
    }

    /// Puts `reader` in the reading pane at `at`: the one way every opening (the list, a link,
    /// the history, a search result, a preview, a changed file) shows an article.
    pub(super) fn show(&mut self, reader: Reader, at: At) {
        let h = self.reader_height();
        let r = self.reading.open.insert(reader);
        r.go(at, h);
        if at == At::Saved {
            self.restore_position();
        }
    }

    /// Opens library entry `index` as a followed link, remembering where the reader was.
    pub(super) fn follow_to(&mut self, index: usize) {
        let from = self.place();
        if self.open(index, true)
            && let Some(from) = from
        {
            self.reading.history.follow(from);
        }
    }

    pub(super) fn history_back(&mut self) {
        let Some(here) = self.place() else {
            self.mode = Mode::List;
            return;
        };
        match self.reading.history.back(here) {
            Some(p) => self.goto(p),
            // Nothing to go back to: back means the list, as on a narrow screen.
            None => self.mode = Mode::List,
        }
    }

    pub(super) fn history_forward(&mut self) {
        let Some(here) = self.place() else { return };
        match self.reading.history.forward(here) {
            Some(p) => self.goto(p),
            None => self.say("nothing to go forward to"),
        }
    }

    /// Follows link number `n` as the page numbers them: related headlines first, then the
    /// article's links. A link naming another article of the library (by address or relative
    /// path) opens it here, with the history; any other opens in the browser.
    pub(super) fn follow_number(&mut self, n: usize) -> Effect {
        let Some(r) = self.reading.open.as_ref() else {
            return Effect::None;
        };
        let related = &r.article.related;
        let Some(i) = n.checked_sub(1) else {
            self.complain("no link 0");
            return Effect::None;
        };
        if let Some(rel) = related.get(i) {
            match links::resolve_related(
                &self.library,
                self.titles.get(&self.library),
                &rel.title,
                rel.path.as_deref(),
            ) {
                Some(to) => self.follow_to(to),
                None => match rel.url.clone() {
                    // A headline of a saved page that is not saved here: its page on the web.
                    Some(url) => return Effect::OpenUrl(url),
                    None => {
                        let msg = format!("not in the library: {}", rel.title);
                        self.complain(msg);
                    }
                },
            }
            return Effect::None;
        }
        match r.article.links.get(i - related.len()) {
            Some(l) => {
                let from = crate::load::resolve::LinkFrom {
                    path: r.article.path.as_deref(),
                    url: r.article.header.url.as_deref(),
                };
                let url = l.url.clone();
                let local = self
                    .titles
                    .get(&self.library)
                    .resolve_link(&url, from)
                    .and_then(|p| links::index_of_path(&self.library, p));
                match local {
                    Some(to) => {
                        self.follow_to(to);
                        Effect::None
                    }
                    None => Effect::OpenUrl(crate::text::hyperlink::web_address(&url).into()),
                }
            }
            None => {
                self.complain(format!("no link {n}"));
                Effect::None
            }
        }
    }

    /// Whether the open page has links to focus or follow.
    pub fn has_links(&self) -> bool {
        self.reading
            .open
            .as_ref()
            .is_some_and(|r| !r.page.targets.is_empty())
    }

    /// Where link target `t` of the open page leads, for the status bar: its web address, or
    /// the library article's title; never a control character.
    pub fn link_label(&self, t: usize) -> Option<String> {
        let r = self.reading.open.as_ref()?;
        let label = match r.page.targets.get(t)? {
            Target::Url { url, .. } => url.clone(),
            // The title the page shows: no look-up in the library on the key path.
            Target::Related {
                title, path, url, ..
            } => match path {
                Some(_) => format!("→ {title}"),
                None => match url {
                    Some(url) => url.clone(),
                    None => format!("{title} (not in library)"),
                },
            },
            Target::Backlink(p) => match links::index_of_path(&self.library, p) {
                Some(i) => format!("← {}", self.library.entries[i].row.title()),
                None => format!("← {}", crate::load::shown(p)),
            },
        };
        Some(crate::sanitize::clean_line(&label))
    }

    /// The label of the focused link ([`App::link_label`]).
    pub fn focused_link_label(&self) -> Option<String> {
        self.link_label(self.reading.open.as_ref()?.focus?)
    }

    /// The label of the link the number being typed names, or why there is none.
    pub fn numbered_link_label(&self) -> Option<String> {
        let n = self.reading.link_number?;
        Some(match self.numbered_target(n) {
            Some(t) => self.link_label(t).unwrap_or_default(),
            None => format!("no link {n}"),
        })
    }

    pub(super) fn focused_target(&self) -> Option<&Target> {
        let r = self.reading.open.as_ref()?;
        r.page.targets.get(r.focus?)
    }

    /// The URL of target `t` of the open page, when it has one (a related headline of a saved
    /// page may; a backlink never does).
    pub(super) fn target_url(&self, t: &Target) -> Option<String> {
        match t {
            Target::Url { url, .. } => Some(url.clone()),
            Target::Related { url, .. } => url.clone(),
            Target::Backlink(_) => None,
        }
    }

    /// The target numbered `n` on the open page.
    pub(super) fn numbered_target(&self, n: usize) -> Option<usize> {
        let r = self.reading.open.as_ref()?;
        r.page.targets.iter().position(|t| match t {
            Target::Related { number, .. } | Target::Url { number, .. } => *number == n,
            Target::Backlink(_) => false,
        })
    }

    /// Follows the link a typed number names, else the focused one.
    pub(super) fn follow_focused(&mut self) -> Effect {
        if let Some(n) = self.reading.link_number.take() {
            return self.follow_number(n);
        }
        let Some(target) = self.focused_target().cloned() else {
            self.complain("no link focused: Tab focuses a link, or type its number and Enter");
            return Effect::None;
        };
        self.follow_target(target)
    }

    /// Opens the web address of the link a typed number names (else of the focused one) in the
    /// browser, even when it names a library article.
    pub(super) fn open_in_browser(&mut self) -> Effect {
        let Some(target) = self.chosen_target() else {
            return Effect::None;
        };
        match self.target_url(&target) {
            Some(url) => Effect::OpenUrl(crate::text::hyperlink::web_address(&url).into()),
            None => {
                self.complain("this link is an article of the library: it has no web address");
                Effect::None
            }
        }
    }

    /// The link a typed number names, else the focused one; complains when there is none.
    fn chosen_target(&mut self) -> Option<Target> {
        let target = match self.reading.link_number.take() {
            Some(n) => match self.numbered_target(n) {
                Some(t) => self
                    .reading
                    .open
                    .as_ref()
                    .and_then(|r| r.page.targets.get(t).cloned()),
                None => {
                    self.complain(format!("no link {n}"));
                    return None;
                }
            },
            None => self.focused_target().cloned(),
        };
        if target.is_none() {
            self.complain("no link focused: Tab focuses a link, or type its number");
        }
        target
    }

    /// Copies the URL of the link a typed number names, else of the focused one.
    pub(super) fn copy_link(&mut self) -> Effect {
        let Some(target) = self.chosen_target() else {
            return Effect::None;
        };
        match self.target_url(&target) {
            Some(url) => {
                let shown = crate::sanitize::clean_line(&url);
                self.say(format!("copied {shown}"));
                Effect::Copy(url)
            }
            None => {
                self.complain("this link is an article of the library: it has no URL to copy");
                Effect::None
            }
        }
    }

    pub(super) fn follow_target(&mut self, target: Target) -> Effect {
        match target {
            Target::Related { number, .. } | Target::Url { number, .. } => {
                return self.follow_number(number);
            }
            Target::Backlink(path) => match links::index_of_path(&self.library, &path) {
                Some(i) => self.follow_to(i),
                None => self.complain(format!("not in the library: {}", crate::load::shown(&path))),
            },
        }
        Effect::None
    }

    /// A digit typed in the reader: it adds to the link number being typed (Enter follows that
    /// link, Tab focuses it, Esc forgets it). A digit never follows a link by itself.
    pub(super) fn type_link_number(&mut self, digit: u8) {
        let n = self
            .reading
            .link_number
            .unwrap_or(0)
            .saturating_mul(10)
            .saturating_add(usize::from(digit))
            .min(LINK_NUMBER_MAX);
        self.reading.link_number = Some(n);
    }

    /// Focuses link number `n` (typed, then Tab), scrolling to it.
    pub(super) fn focus_number(&mut self, n: usize) {
        let h = self.reader_height();
        let Some(t) = self.numbered_target(n) else {
            self.complain(format!("no link {n}"));
            return;
        };
        let Some(r) = self.reading.open.as_mut() else {
            return;
        };
        r.focus = Some(t);
        if let Some(&(line, _)) = links::first_lines(&r.page).iter().find(|&&(_, x)| x == t)
            && !(line >= r.scroll && line < r.scroll + h)
        {
            r.scroll = line.saturating_sub(h / 2).min(r.max_scroll(h));
        }
    }

    pub(super) fn move_focus(&mut self, forward: bool) {
        let h = self.reader_height();
        let Some(r) = self.reading.open.as_mut() else {
            return;
        };
        // The page is shared: a clone of the handle, not of its link list.
        let page = std::sync::Arc::clone(&r.page);
        let order = links::first_lines(&page);
        if order.is_empty() {
            self.complain("no links in this article");
            return;
        }
        let on_screen = |line: usize| line >= r.scroll && line < r.scroll + h;
        let cur = r
            .focus
            .and_then(|f| order.iter().position(|&(_, t)| t == f));
        let next = match (cur, forward) {
            (Some(c), true) => (c + 1) % order.len(),
            (Some(c), false) => (c + order.len() - 1) % order.len(),
            // No focus yet: the first link on screen (or below it), the last one going back.
            (None, true) => order.iter().position(|&(l, _)| l >= r.scroll).unwrap_or(0),
            (None, false) => order
                .iter()
                .rposition(|&(l, _)| on_screen(l) || l < r.scroll)
                .unwrap_or(order.len() - 1),
        };
        let (line, t) = order[next];
        r.focus = Some(t);
        if !on_screen(line) {
            r.scroll = line.saturating_sub(h / 2).min(r.max_scroll(h));
        }
    }
}
