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

    /// The sort's place in [`ListView`]'s orders.
    fn slot(self) -> usize {
        match self {
            Sort::Date => 0,
            Sort::Title => 1,
            Sort::Source => 2,
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
    /// Library indices in each sort's order (by [`Sort::slot`]), before filtering; `None`
    /// until that sort is first asked for, and again after the library changed. Kept for every
    /// sort so that cycling back to one costs a pass, not a sort.
    orders: [Option<Vec<usize>>; 3],
    /// Per library index, the text the filter searches (as written, and folded); built at the
    /// first filter.
    hay: Vec<Hay>,
    /// Counts the changes of the library this view was built for: orders a worker made for an
    /// earlier one are refused ([`ListView::take_orders`]).
    generation: u64,
}

/// The title and source orders of one library, made on a worker ([`ListView::orders_job`]).
#[derive(Debug)]
pub struct SortOrders {
    /// The view's generation when the job was made.
    generation: u64,
    /// How many articles the library had then.
    len: usize,
    /// Library indices by title, then by source.
    title: Vec<usize>,
    source: Vec<usize>,
}

impl ListView {
    /// Every article of a library of `n`, in library order.
    pub fn new(n: usize) -> ListView {
        ListView {
            rows: (0..n).collect(),
            row_of: (0..n).collect(),
            orders: [Some((0..n).collect()), None, None],
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

    /// Forgets what was computed from the library (after the library changed): orders being
    /// made for it on a worker will be refused too.
    pub fn invalidate(&mut self) {
        self.orders = [None, None, None];
        self.hay.clear();
        self.generation = self.generation.wrapping_add(1);
    }

    /// This view for a library of `n` that replaced the one it was built for: its settings kept,
    /// nothing computed from the old library kept or taken later.
    pub fn after_change(&self, n: usize) -> ListView {
        let mut view = ListView {
            sort: self.sort,
            unread_only: self.unread_only,
            bookmarked_only: self.bookmarked_only,
            query: self.query.clone(),
            generation: self.generation,
            ..ListView::new(n)
        };
        view.invalidate();
        view
    }

    /// Whether `sort`'s order is made, so choosing it filters without sorting.
    pub fn has_order(&self, sort: Sort) -> bool {
        self.orders[sort.slot()]
            .as_ref()
            .is_some_and(|o| o.len() == self.library_len())
    }

    /// A job for a worker that makes the title and source orders of `library` as it is now
    /// (this view's library). Only the headlines and sources are copied here, into one buffer:
    /// a copy a row would cost the loop many milliseconds on 100,000 rows.
    pub fn orders_job(&self, library: &Library) -> impl FnOnce() -> SortOrders + Send + 'static {
        let row = |i: usize| &library.entries[i].row;
        let n = library.entries.len();
        // A guess at the size (a headline and a source): one pass over the rows, not two.
        let mut text = String::with_capacity(n * 80);
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let mut copy = |s: &str| {
                text.push_str(s);
                text.len() - s.len()..text.len()
            };
            let title = copy(row(i).title());
            let source = row(i).source().map(copy);
            rows.push((title, source));
        }
        let generation = self.generation;
        move || {
            let order = |key: &dyn Fn(usize) -> SortKey| {
                let mut order: Vec<usize> = (0..n).collect();
                // One thread: nobody waits for this, and the pool stays free for the keys.
                order.sort_by_cached_key(|&i| key(i));
                order
            };
            SortOrders {
                generation,
                len: n,
                title: order(&|i| title_key(&text[rows[i].0.clone()])),
                source: order(&|i| source_key(rows[i].1.clone().map(|r| &text[r]))),
            }
        }
    }

    /// Keeps the orders a worker made when they are of the library this view shows (neither
    /// changed nor replaced since the job was made); true when they were kept. An order
    /// already made stays as it is.
    pub fn take_orders(&mut self, orders: SortOrders) -> bool {
        if orders.generation != self.generation || orders.len != self.library_len() {
            return false;
        }
        for (sort, order) in [(Sort::Title, orders.title), (Sort::Source, orders.source)] {
            if !self.has_order(sort) && order.len() == orders.len {
                self.orders[sort.slot()] = Some(order);
            }
        }
        true
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
        let slot = &mut self.orders[self.sort.slot()];
        if slot.as_ref().is_none_or(|o| o.len() != n) {
            *slot = Some(sorted(library, self.sort));
        }
        let query = Query::parse(&self.query);
        if !query.is_empty() && self.hay.len() != n {
            self.hay = (0..n).map(|i| haystack(library, i, date_of)).collect();
        }
        let flag = |v: &[bool], i: usize| v.get(i).copied().unwrap_or(false);
        let keep = |i: usize| {
            if self.unread_only && flag(read, i) {
                return false;
            }
            if self.bookmarked_only && !flag(bookmarked, i) {
                return false;
            }
            match self.hay.get(i) {
                Some(hay) => query.matches(hay),
                None => query.is_empty(),
            }
        };
        let order = self.orders[self.sort.slot()].as_deref().unwrap_or_default();
        let rows: Vec<usize> = order.iter().copied().filter(|&i| keep(i)).collect();
        self.row_of = vec![usize::MAX; n];
        for (r, &i) in rows.iter().enumerate() {
            self.row_of[i] = r;
        }
        self.rows = rows;
    }
}

/// Library indices in `sort` order; ties keep the library's (newest first) order.
fn sorted(library: &Library, sort: Sort) -> Vec<usize> {
    use rayon::slice::ParallelSliceMut;
    let mut order: Vec<usize> = (0..library.entries.len()).collect();
    let row = |i: usize| &library.entries[i].row;
    // On every thread: a sort on the key costs a few frames on 100,000 rows (`cargo bench
    // --bench tui -- "per key"`). Both sorts are stable, so ties keep the library's order, as
    // the worker's ([`ListView::orders_job`]) do.
    crate::work::threads();
    match sort {
        Sort::Date => {}
        Sort::Title => order.par_sort_by_cached_key(|&i| title_key(row(i).title())),
        Sort::Source => {
            order.par_sort_by_cached_key(|&i| source_key(row(i).source()));
        }
    }
    order
}

/// What title and source sort by: `(false, Some(text))` folded to lower case; `(true, None)`
/// for no source, so those come last.
type SortKey = (bool, Option<String>);

/// The key of a headline: ignoring case.
fn title_key(title: &str) -> SortKey {
    (false, Some(title.to_lowercase()))
}

/// The key of a source: ignoring case, none last.
fn source_key(source: Option<&str>) -> SortKey {
    let s = source.map(str::to_lowercase);
    (s.is_none(), s)
}

/// What the filter searches in one article, as written and folded (lower case, diacritics
/// folded away: `/cafe` finds `Café`), the tags apart for `tag:` terms.
#[derive(Debug, Clone, Default)]
struct Hay {
    /// Headline, authors, source, dates and tags, one field a line.
    orig: String,
    /// `orig` folded.
    folded: String,
    /// The tags, one a line.
    tags: String,
    /// `tags` folded.
    tags_folded: String,
}

/// A filter as typed: words every row must contain, and `tag:` terms one of its tags must
/// contain. Smart case: a capital anywhere makes the whole filter match case and accents as
/// written; otherwise both sides are folded.
struct Query {
    /// Plain words.
    words: Vec<String>,
    /// The text of each `tag:` term (a bare `tag:` being typed asks nothing).
    tags: Vec<String>,
    /// Match as written.
    exact: bool,
}

impl Query {
    fn parse(text: &str) -> Query {
        let exact = text
            .split_whitespace()
            .map(|t| tag_value(t).unwrap_or(t))
            .any(|t| t.chars().any(char::is_uppercase));
        let norm = |t: &str| if exact { t.to_string() } else { fold(t) };
        let mut q = Query {
            words: Vec::new(),
            tags: Vec::new(),
            exact,
        };
        for t in text.split_whitespace() {
            match tag_value(t) {
                Some("") => {}
                Some(v) => q.tags.push(norm(v)),
                None => q.words.push(norm(t)),
            }
        }
        q
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.tags.is_empty()
    }

    fn matches(&self, hay: &Hay) -> bool {
        let (text, tags) = if self.exact {
            (&hay.orig, &hay.tags)
        } else {
            (&hay.folded, &hay.tags_folded)
        };
        // Tags are one a line and a term holds no line break, so a term never spans two tags.
        self.words.iter().all(|w| text.contains(w.as_str()))
            && self.tags.iter().all(|t| tags.contains(t.as_str()))
    }
}

/// The value of a `tag:` term (the prefix in any case), or `None` for a plain word.
fn tag_value(term: &str) -> Option<&str> {
    let head = term.get(..4)?;
    head.eq_ignore_ascii_case("tag:").then(|| &term[4..])
}

/// `s` lower-cased with its diacritics folded away, as full-text search folds them.
fn fold(s: &str) -> String {
    use crate::article::fold::{is_mark, push_folded};
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| !is_mark(c)) {
        push_folded(c, &mut out);
    }
    out
}

/// What the filter searches in article `i`: headline, authors, source and date (as written, as
/// an ISO date, as the list shows it and as the reader writes it: `Saturday, March 14, 2026`,
/// so `/March` finds what the reader shows) and tags, one field a line so no term matches
/// across two.
fn haystack(library: &Library, i: usize, date_of: &dyn Fn(usize) -> Option<String>) -> Hay {
    let h = &library.entries[i].row;
    let tags = h.tags().join("\n");
    let owned = |s: Option<&str>| s.map(str::to_string);
    let fields = [
        Some(h.title().to_string()),
        Some(h.authors().join(", ")),
        owned(h.source()),
        owned(h.date()),
        owned(h.date_iso()),
        date_of(i),
        h.date_iso().and_then(crate::text::typeset::long_date),
        Some(tags.clone()),
    ];
    let orig = fields.into_iter().flatten().collect::<Vec<_>>().join("\n");
    Hay {
        folded: fold(&orig),
        tags_folded: fold(&tags),
        orig,
        tags,
    }
}

#[cfg(test)]
mod sort_tests {
    use super::*;
    use crate::load::library::Entry;

    fn library(titles: &[&str]) -> Library {
        let entries = titles.iter().map(|t| entry(t)).collect();
        Library {
            entries,
            ..Library::default()
        }
    }

    fn entry(title: &str) -> Entry {
        let mut head = crate::load::head::Head::default();
        head.header.title = title.to_string();
        Entry {
            row: head.into(),
            article: None,
        }
    }

    fn rebuild(view: &mut ListView, library: &Library) {
        view.rebuild(library, &[], &[], &|_| None);
    }

    #[test]
    fn each_sort_s_order_is_kept_and_dropped_when_the_library_changes() {
        let mut lib = library(&["pier", "Bridge", "ferry"]);
        let mut view = ListView::new(3);
        for (sort, rows) in [
            (Sort::Title, [1, 2, 0]),
            (Sort::Date, [0, 1, 2]),
            (Sort::Title, [1, 2, 0]),
        ] {
            view.sort = sort;
            rebuild(&mut view, &lib);
            assert_eq!(view.rows(), rows, "{sort:?}");
        }
        // A headline changed on disk: the orders kept are of the old library.
        lib.entries[0]
            .row
            .edit(|h| h.header.title = "Awning".into());
        view.invalidate();
        rebuild(&mut view, &lib);
        assert_eq!(view.rows(), [0, 1, 2]);
        // A row added: an order of another length is never used.
        lib.entries.push(entry("Aardvark"));
        rebuild(&mut view, &lib);
        assert_eq!(view.rows(), [3, 0, 1, 2]);
    }

    fn with_source(title: &str, source: Option<&str>) -> Entry {
        let mut e = entry(title);
        e.row.edit(|h| h.header.source = source.map(str::to_string));
        e
    }

    #[test]
    fn orders_made_on_a_worker_are_those_made_on_the_key_and_only_for_their_library() {
        let mut lib = library(&[]);
        lib.entries = vec![
            with_source("pier", Some("Coast Wire")),
            with_source("Bridge", None),
            with_source("ferry", Some("anchor post")),
            with_source("bridge", Some("Coast wire")),
        ];
        let mut view = ListView::new(4);
        let orders = view.orders_job(&lib)();
        assert!(view.take_orders(orders));
        for sort in [Sort::Title, Sort::Source] {
            assert!(view.has_order(sort), "{sort:?}");
            view.sort = sort;
            rebuild(&mut view, &lib);
            assert_eq!(view.rows(), sorted(&lib, sort), "{sort:?}");
        }
        assert_eq!(sorted(&lib, Sort::Title), [1, 3, 2, 0]);
        assert_eq!(sorted(&lib, Sort::Source), [2, 0, 3, 1]);

        // A job made before the library changed is refused after, even at the same length.
        let job = view.orders_job(&lib);
        lib.entries[0]
            .row
            .edit(|h| h.header.title = "Awning".into());
        view.invalidate();
        assert!(!view.take_orders(job()));
        assert!(!view.has_order(Sort::Title));
        // So is one made before the view was rebuilt for a library of another length.
        let job = view.orders_job(&lib);
        lib.entries.push(entry("Aardvark"));
        let mut grown = view.after_change(5);
        assert!(!grown.take_orders(job()));
        assert!(grown.take_orders(grown.orders_job(&lib)()));
        grown.sort = Sort::Title;
        rebuild(&mut grown, &lib);
        assert_eq!(grown.rows(), [4, 0, 1, 3, 2]);
    }
}
