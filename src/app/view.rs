//! The list's view of the library: which articles show and in what order (sort, filter, marks).
//!
//! Everything here works on the list rows already in memory: a keystroke in the filter costs one
//! pass over the library and reads no file.

use crate::load::library::Library;

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first (the library's own order).
    #[default]
    Date,
    /// Headline, A to Z, ignoring case.
    Title,
    /// Source, A to Z, newest first within one source; articles without a source last.
    Source,
}

impl Sort {
    /// The sort `s` switches to: date, title, source, and round again.
    pub fn next(self) -> Sort {
        match self {
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Source,
            Sort::Source => Sort::Date,
        }
    }

    /// The sort's name in the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Title => "title",
            Sort::Source => "source",
        }
    }
}

/// The rows of the list: library indices in display order, with the settings that chose them.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    /// The sort in force.
    pub sort: Sort,
    /// Only unread articles show.
    pub unread_only: bool,
    /// Only bookmarked articles show.
    pub bookmarked_only: bool,
    /// The filter in force (or being typed); empty for none.
    pub query: String,
    /// Library indices shown, top to bottom.
    rows: Vec<usize>,
    /// Row of each library index; `usize::MAX` when hidden.
    row_of: Vec<usize>,
    /// Library indices in `order_sort` order, before filtering.
    order: Vec<usize>,
    /// The sort `order` was built for; `None` when it must be built again.
    order_sort: Option<Sort>,
    /// Per library index, the text the filter searches (as written, and lower-cased); built at
    /// the first filter.
    hay: Vec<(String, String)>,
}

impl ListView {
    /// Every article of a library of `n`, in library order.
    pub fn new(n: usize) -> ListView {
        ListView {
            rows: (0..n).collect(),
            row_of: (0..n).collect(),
            order: (0..n).collect(),
            order_sort: Some(Sort::Date),
            ..ListView::default()
        }
    }

    /// Library indices shown, top to bottom.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// How many rows show.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no row shows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The library index on row `row`.
    pub fn at(&self, row: usize) -> Option<usize> {
        self.rows.get(row).copied()
    }

    /// The row library article `index` shows on, if it shows.
    pub fn row_of(&self, index: usize) -> Option<usize> {
        self.row_of.get(index).copied().filter(|&r| r != usize::MAX)
    }

    /// How many articles the view was built for (rebuild when the library's count differs).
    pub fn library_len(&self) -> usize {
        self.row_of.len()
    }

    /// Forgets what was computed from the library (after the library changed).
    pub fn invalidate(&mut self) {
        self.order_sort = None;
        self.hay.clear();
    }

    /// Chooses the rows again from `library`, the read and bookmark marks (by library index)
    /// and `date_of`, which writes a row's date as the list shows it.
    pub fn rebuild(
        &mut self,
        library: &Library,
        read: &[bool],
        bookmarked: &[bool],
        date_of: &dyn Fn(usize) -> Option<String>,
    ) {
        let n = library.entries.len();
        if self.order_sort != Some(self.sort) || self.order.len() != n {
            self.order = sorted(library, self.sort);
            self.order_sort = Some(self.sort);
        }
        let terms: Vec<&str> = self.query.split_whitespace().collect();
        if !terms.is_empty() && self.hay.len() != n {
            self.hay = (0..n).map(|i| haystack(library, i, date_of)).collect();
        }
        // Smart case: a capital in the query makes the whole filter match case.
        let exact = self.query.chars().any(char::is_uppercase);
        let lower: Vec<String> = terms.iter().map(|t| t.to_lowercase()).collect();
        let flag = |v: &[bool], i: usize| v.get(i).copied().unwrap_or(false);
        let keep = |i: usize| {
            if self.unread_only && flag(read, i) {
                return false;
            }
            if self.bookmarked_only && !flag(bookmarked, i) {
                return false;
            }
            let Some((orig, low)) = self.hay.get(i) else {
                return terms.is_empty();
            };
            if exact {
                terms.iter().all(|t| orig.contains(t))
            } else {
                lower.iter().all(|t| low.contains(t.as_str()))
            }
        };
        let rows: Vec<usize> = self.order.iter().copied().filter(|&i| keep(i)).collect();
        self.row_of = vec![usize::MAX; n];
        for (r, &i) in rows.iter().enumerate() {
            self.row_of[i] = r;
        }
        self.rows = rows;
    }
}

/// Library indices in `sort` order; ties keep the library's (newest first) order.
fn sorted(library: &Library, sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..library.entries.len()).collect();
    let head = |i: usize| &library.entries[i].head;
    match sort {
        Sort::Date => {}
        Sort::Title => order.sort_by_cached_key(|&i| head(i).header.title.to_lowercase()),
        Sort::Source => order.sort_by_cached_key(|&i| {
            let s = head(i).header.source.as_deref().map(str::to_lowercase);
            (s.is_none(), s)
        }),
    }
    order
}

/// What the filter searches in article `i`: headline, authors, source and date (as written, as
/// an ISO date, as the list shows it and as the reader writes it: `Saturday, March 14, 2026`,
/// so `/March` finds what the reader shows), one field a line so no term matches across two.
fn haystack(
    library: &Library,
    i: usize,
    date_of: &dyn Fn(usize) -> Option<String>,
) -> (String, String) {
    let h = &library.entries[i].head;
    let fields = [
        Some(h.header.title.clone()),
        Some(h.header.authors.join(", ")),
        h.header.source.clone(),
        h.header.date.clone(),
        h.header.date_iso.clone(),
        date_of(i),
        h.header
            .date_iso
            .as_deref()
            .and_then(crate::text::typeset::long_date),
    ];
    let orig = fields.into_iter().flatten().collect::<Vec<_>>().join("\n");
    let low = orig.to_lowercase();
    (orig, low)
}
