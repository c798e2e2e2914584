//! The list model: which rows show (the view: sort, filter, only-these switches), which one is
//! selected, which is the first on screen, and the read marks and bookmarks mirrored from the
//! store. The rest of the app changes it; `ui` and tests read it through the accessors.

use super::view::ListView;

/// The article list's state.
#[derive(Debug, Clone)]
pub struct List {
    /// The rows of the list: sort, filter and the only-these switches.
    pub(super) view: ListView,
    /// The selected article (library index; `view` says which row shows it).
    pub(super) selected: usize,
    /// First row of the list (of `view`) shown.
    pub(super) offset: usize,
    /// Which articles have been opened (by library index), mirrored from the store.
    pub(super) read: Vec<bool>,
    /// Which articles are bookmarked (by library index), mirrored from the store.
    pub(super) bookmarked: Vec<bool>,
    /// Only the rows on screen have their marks read yet (see `App::attach_store_lazily`).
    pub(super) marks_pending: bool,
    /// The wheel moved the rows while an article was read: the selection may be off screen
    /// until the next key.
    pub(super) looked_along: bool,
}

impl List {
    /// A list of `n` articles, all shown, none read or bookmarked, the first selected.
    pub(super) fn new(n: usize) -> List {
        List {
            view: ListView::new(n),
            selected: 0,
            offset: 0,
            read: vec![false; n],
            bookmarked: vec![false; n],
            marks_pending: false,
            looked_along: false,
        }
    }

    /// The rows shown and how they were chosen.
    pub fn view(&self) -> &ListView {
        &self.view
    }

    /// The selected article's library index.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row of the view on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Per library index: whether the article has been read.
    pub fn read(&self) -> &[bool] {
        &self.read
    }

    /// Per library index: whether the article is bookmarked.
    pub fn bookmarked(&self) -> &[bool] {
        &self.bookmarked
    }

    /// Whether only the rows on screen have their marks read yet.
    pub fn marks_pending(&self) -> bool {
        self.marks_pending
    }
}
