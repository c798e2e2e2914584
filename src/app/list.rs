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
    pub(super) bookmarked: Flags,
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
            bookmarked: Flags::new(n),
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
        self.bookmarked.as_slice()
    }

    /// Whether only the rows on screen have their marks read yet.
    pub fn marks_pending(&self) -> bool {
        self.marks_pending
    }
}

/// One flag per library index, with a count of those set, so "is any set?" (asked every frame
/// to choose the bookmark column) costs nothing however big the library is.
#[derive(Debug, Clone, Default)]
pub(super) struct Flags {
    flags: Vec<bool>,
    set: usize,
}

impl Flags {
    /// `n` flags, none set.
    pub(super) fn new(n: usize) -> Flags {
        Flags {
            flags: vec![false; n],
            set: 0,
        }
    }

    /// Sets flag `i` to `on` (nothing when there is no flag `i`).
    pub(super) fn set(&mut self, i: usize, on: bool) {
        if let Some(f) = self.flags.get_mut(i)
            && *f != on
        {
            *f = on;
            if on {
                self.set += 1;
            } else {
                self.set -= 1;
            }
        }
    }

    /// Whether any flag is set.
    pub(super) fn any(&self) -> bool {
        self.set > 0
    }

    /// The flags, by library index.
    pub(super) fn as_slice(&self) -> &[bool] {
        &self.flags
    }
}

impl From<Vec<bool>> for Flags {
    fn from(flags: Vec<bool>) -> Flags {
        let set = flags.iter().filter(|&&f| f).count();
        Flags { flags, set }
    }
}

#[cfg(test)]
mod tests {
    use super::Flags;

    #[test]
    fn the_count_follows_every_change() {
        let mut f = Flags::from(vec![false, true, false]);
        assert!(f.any());
        f.set(1, false);
        assert!(!f.any());
        f.set(0, true);
        f.set(0, true);
        f.set(2, true);
        f.set(9, true);
        assert_eq!(f.as_slice(), [true, false, true]);
        f.set(0, false);
        assert!(f.any(), "one is still set");
        f.set(2, false);
        assert!(!f.any());
        assert!(!Flags::new(4).any());
    }
}
