//! The reading pane's model: the open article with its page at the current width, scroll and
//! link focus ([`Reader`]), the pages already laid out ([`PageCache`]), the history of followed
//! links, the find in the article and the link number being typed, owned together by
//! [`Reading`]. The app changes it through `App::update`; `ui` and tests read it through the
//! accessors.

use super::find::Find;
use super::history::History;
use crate::article::Article;
use crate::text::typeset::{Options, Page};
use std::collections::HashMap;
use std::sync::Arc;

/// The reading pane's state.
#[derive(Debug, Default)]
pub struct Reading {
    /// The article in the reading pane, while one is open.
    pub(super) open: Option<Reader>,
    /// Back and forward through followed links.
    pub(super) history: History,
    /// Pages already laid out, per article and width.
    pub(super) cache: PageCache,
    /// The find in the open article, while one is typed or kept.
    pub(super) find: Option<Find>,
    /// The link number being typed in the reader (Enter follows it, Tab focuses it).
    pub(super) link_number: Option<usize>,
}

impl Reading {
    /// The article in the reading pane.
    pub fn open(&self) -> Option<&Reader> {
        self.open.as_ref()
    }

    /// Back and forward through followed links.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Pages already laid out, per article and width.
    pub fn cache(&self) -> &PageCache {
        &self.cache
    }

    /// The find in the open article, while one is typed or kept.
    pub fn find(&self) -> Option<&Find> {
        self.find.as_ref()
    }

    /// The link number being typed, if any.
    pub fn link_number(&self) -> Option<usize> {
        self.link_number
    }

    /// Forgets every laid-out page (the layout options or the library changed).
    pub(super) fn forget_pages(&mut self) {
        self.cache = PageCache::default();
    }
}

/// The article in the reading pane.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Its library index.
    pub(super) index: usize,
    /// The parsed article.
    pub(super) article: Arc<Article>,
    /// The article laid out at `width`.
    pub(super) page: Arc<Page>,
    /// The width `page` was laid out at.
    pub(super) width: u16,
    /// First line shown.
    pub(super) scroll: usize,
    /// The link target that has the focus.
    pub(super) focus: Option<usize>,
    /// Related headlines wait for the title index: they show unresolved until
    /// [`App::poll_titles`](super::App::poll_titles) resolves them.
    pub(super) related_pending: bool,
}

/// Where an article opens in the reading pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// Where its reading stopped last time (the saved position), else the top.
    Saved,
    /// This line of its page.
    Line(usize),
    /// The first line of this body block (the top when it has none on the page).
    Block(Option<usize>),
}

impl Reader {
    /// Its library index.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The parsed article.
    pub fn article(&self) -> &Arc<Article> {
        &self.article
    }

    /// The article laid out at [`Reader::width`].
    pub fn page(&self) -> &Arc<Page> {
        &self.page
    }

    /// The width the page was laid out at.
    pub fn width(&self) -> u16 {
        self.width
    }

    /// The first line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The link target that has the focus.
    pub fn focus(&self) -> Option<usize> {
        self.focus
    }

    /// Whether related headlines wait for the title index.
    pub fn related_pending(&self) -> bool {
        self.related_pending
    }

    /// `page`, the same article laid out again at `width`, in place of the page shown: the
    /// paragraph that was at the top stays at the top (the top of the article stays the top),
    /// and a focus past the new page's links is dropped.
    pub fn relay(&mut self, page: Arc<Page>, width: u16) {
        let keep = (self.scroll != 0).then(|| self.top_block());
        self.page = page;
        self.width = width;
        self.focus = self.focus.filter(|&t| t < self.page.targets.len());
        if let Some(block) = keep {
            self.scroll = block.and_then(|b| self.page.line_of_block(b)).unwrap_or(0);
        }
    }

    /// Scrolls to `at` (not [`At::Saved`], which the app looks up), within a pane `height`
    /// lines tall.
    pub fn go(&mut self, at: At, height: usize) {
        let line = match at {
            At::Saved => return,
            At::Line(l) => l,
            At::Block(b) => b.and_then(|b| self.page.line_of_block(b)).unwrap_or(0),
        };
        self.scroll = line.min(self.max_scroll(height));
    }

    /// The largest useful scroll for a pane `height` lines tall.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.page.lines.len().saturating_sub(height)
    }

    /// The body block at the top of the screen: the first block at or below the top line,
    /// else the last one above it.
    pub fn top_block(&self) -> Option<usize> {
        let lines = &self.page.lines;
        lines
            .iter()
            .skip(self.scroll)
            .find_map(|l| l.block)
            .or_else(|| lines.iter().take(self.scroll).rev().find_map(|l| l.block))
    }

    /// How far through the article the screen is, 0–100 (100 when all of it fits).
    pub fn percent(&self, height: usize) -> usize {
        let max = self.max_scroll(height);
        (self.scroll.min(max) * 100).checked_div(max).unwrap_or(100)
    }
}

/// Pages already laid out, per library index and layout options, so scrolling and going back never re-wrap.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: HashMap<(usize, u16, u16, bool), Arc<Page>>,
}

impl PageCache {
    /// Most pages kept; the cache is emptied when it would grow past this.
    pub const LIMIT: usize = 32;

    /// The page of article `index` laid out with `opts`, by `lay_out` if it is not cached.
    pub fn get(
        &mut self,
        index: usize,
        opts: Options,
        lay_out: impl FnOnce(&Options) -> Page,
    ) -> Arc<Page> {
        let key = (index, opts.width, opts.measure, opts.justify);
        if let Some(p) = self.pages.get(&key) {
            return p.clone();
        }
        if self.pages.len() >= Self::LIMIT {
            self.pages.clear();
        }
        let page = Arc::new(lay_out(&opts));
        self.pages.insert(key, page.clone());
        page
    }

    /// Keeps `page`, laid out elsewhere (by the preview worker), as article `index` with `opts`;
    /// the page cached for them, if there was one already. When the cache is full, the pages it
    /// held are handed back, to be freed off the loop's thread (a long article's page takes
    /// milliseconds to free).
    pub fn put(
        &mut self,
        index: usize,
        opts: Options,
        page: Arc<Page>,
    ) -> (Arc<Page>, Vec<Arc<Page>>) {
        let key = (index, opts.width, opts.measure, opts.justify);
        if let Some(p) = self.pages.get(&key) {
            return (p.clone(), Vec::new());
        }
        let evicted = if self.pages.len() >= Self::LIMIT {
            self.pages.drain().map(|(_, p)| p).collect()
        } else {
            Vec::new()
        };
        self.pages.insert(key, page.clone());
        (page, evicted)
    }

    /// How many pages are cached.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}
