//! The list row as the library keeps it: every field of a [`Head`] in one string, found by
//! offsets.
//!
//! The library holds a row for every article for the whole session. As a [`Head`] that is a
//! struct of about 230 bytes and up to a dozen heap blocks (path, title, dates, source, address,
//! each author and tag, id), each with its own length, capacity and allocator rounding: at
//! 100,000 articles about 24 MB of fixed part and 35 MB of strings. Packed, a row is 40 bytes
//! and one block of exactly its text. What cannot be packed (a path that is not UTF-8, a row of
//! more than 64 KB of text, a list item holding a NUL) is kept whole instead, so nothing is lost.

use super::head::{Head, content_id};
use crate::article::Header;
use std::borrow::Cow;
use std::path::Path;

/// The fields of a packed row, in the order they stand in its text.
#[derive(Clone, Copy)]
enum Field {
    Path,
    Title,
    Date,
    DateIso,
    Source,
    Url,
    /// Each author followed by a NUL.
    Authors,
    /// Each tag followed by a NUL.
    Tags,
    Id,
    IdStart,
}

/// How many fields a packed row has.
const FIELDS: usize = 10;

/// One article's list row, packed ([`ListRow::new`]); [`ListRow::head`] gives it back whole.
#[derive(Clone)]
pub struct ListRow(Repr);

#[derive(Clone)]
enum Repr {
    Packed {
        /// The fields' text one after another, in the order of [`Field`].
        text: Box<str>,
        /// Where each field ends in `text`.
        ends: [u16; FIELDS],
        /// Which fields that may be absent are present (bit `1 << Field`).
        some: u16,
    },
    /// A row that cannot be packed, as it was read.
    Whole(Box<Head>),
}

impl Default for ListRow {
    fn default() -> Self {
        ListRow::new(Head::default())
    }
}

impl std::fmt::Debug for ListRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.head().fmt(f)
    }
}

impl PartialEq for ListRow {
    fn eq(&self, other: &Self) -> bool {
        self.head() == other.head()
    }
}

impl Eq for ListRow {}

impl From<Head> for ListRow {
    fn from(head: Head) -> Self {
        ListRow::new(head)
    }
}

/// Builds a packed row's text field by field.
struct Packer {
    text: String,
    ends: [u16; FIELDS],
    some: u16,
    /// Set when a field cannot be packed.
    failed: bool,
}

impl Packer {
    fn new(len: usize) -> Self {
        Packer {
            text: String::with_capacity(len),
            ends: [0; FIELDS],
            some: 0,
            failed: len > usize::from(u16::MAX),
        }
    }

    /// Ends field `f` where the text ends now.
    fn end(&mut self, f: Field) {
        match u16::try_from(self.text.len()) {
            Ok(end) => self.ends[f as usize] = end,
            Err(_) => self.failed = true,
        }
    }

    fn put(&mut self, f: Field, s: &str) {
        self.text.push_str(s);
        self.end(f);
    }

    fn put_opt(&mut self, f: Field, s: Option<&str>) {
        if let Some(s) = s {
            self.some |= 1 << f as u16;
            self.text.push_str(s);
        }
        self.end(f);
    }

    fn put_list<'a>(&mut self, f: Field, items: impl IntoIterator<Item = &'a str>) {
        for s in items {
            // The NUL ends an item: an item holding one cannot be told apart.
            self.failed |= s.contains('\0');
            self.text.push_str(s);
            self.text.push('\0');
        }
        self.end(f);
    }

    fn finish(self) -> Option<Repr> {
        (!self.failed).then(|| Repr::Packed {
            text: self.text.into_boxed_str(),
            ends: self.ends,
            some: self.some,
        })
    }
}

/// The bytes a row's text takes packed.
fn packed_len(h: &Head, path: &str) -> usize {
    let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    let list = |l: &[String]| l.iter().map(|s| s.len() + 1).sum::<usize>();
    path.len()
        + h.header.title.len()
        + opt(&h.header.date)
        + opt(&h.header.date_iso)
        + opt(&h.header.source)
        + opt(&h.header.url)
        + list(&h.header.authors)
        + list(&h.tags)
        + h.id.len()
        + h.id_start.as_ref().map_or(0, |s| s.len())
}

impl ListRow {
    /// Packs `head`, or keeps it whole when it cannot be packed.
    pub fn new(head: Head) -> ListRow {
        ListRow(Self::pack(&head).unwrap_or_else(|| Repr::Whole(Box::new(head))))
    }

    fn pack(h: &Head) -> Option<Repr> {
        let path = match &h.path {
            Some(p) => Some(p.to_str()?),
            None => None,
        };
        let mut p = Packer::new(packed_len(h, path.unwrap_or("")));
        p.put_opt(Field::Path, path);
        p.put(Field::Title, &h.header.title);
        p.put_opt(Field::Date, h.header.date.as_deref());
        p.put_opt(Field::DateIso, h.header.date_iso.as_deref());
        p.put_opt(Field::Source, h.header.source.as_deref());
        p.put_opt(Field::Url, h.header.url.as_deref());
        p.put_list(Field::Authors, h.header.authors.iter().map(String::as_str));
        p.put_list(Field::Tags, h.tags.iter().map(String::as_str));
        p.put(Field::Id, &h.id);
        p.put_opt(Field::IdStart, h.id_start.as_deref());
        p.finish()
    }

    /// The row whole, as it was read.
    pub fn head(&self) -> Head {
        match &self.0 {
            Repr::Whole(h) => (**h).clone(),
            Repr::Packed { .. } => Head {
                path: self.path().map(Path::to_path_buf),
                header: self.header(),
                tags: self.tags().map(str::to_string).collect(),
                id: self.id().to_string(),
                id_start: self.field(Field::IdStart).map(Box::from),
            },
        }
    }

    /// Whether the row is kept whole rather than packed (for tests).
    #[doc(hidden)]
    pub fn is_packed(&self) -> bool {
        matches!(self.0, Repr::Packed { .. })
    }

    /// Field `f` of a packed row: `None` when it is absent (or the row is whole).
    fn field(&self, f: Field) -> Option<&str> {
        let Repr::Packed { text, ends, some } = &self.0 else {
            return None;
        };
        let i = f as usize;
        let may_be_absent = matches!(
            f,
            Field::Path
                | Field::Date
                | Field::DateIso
                | Field::Source
                | Field::Url
                | Field::IdStart
        );
        if may_be_absent && some & (1 << i) == 0 {
            return None;
        }
        let start = i.checked_sub(1).map_or(0, |j| usize::from(ends[j]));
        text.get(start..usize::from(ends[i]))
    }

    /// The file; `None` for an article read from stdin.
    pub fn path(&self) -> Option<&Path> {
        match &self.0 {
            Repr::Whole(h) => h.path.as_deref(),
            Repr::Packed { .. } => self.field(Field::Path).map(Path::new),
        }
    }

    /// The file, copied.
    pub fn path_buf(&self) -> Option<std::path::PathBuf> {
        self.path().map(Path::to_path_buf)
    }

    /// The headline.
    pub fn title(&self) -> &str {
        match &self.0 {
            Repr::Whole(h) => &h.header.title,
            Repr::Packed { .. } => self.field(Field::Title).unwrap_or_default(),
        }
    }

    /// The date line as written.
    pub fn date(&self) -> Option<&str> {
        match &self.0 {
            Repr::Whole(h) => h.header.date.as_deref(),
            Repr::Packed { .. } => self.field(Field::Date),
        }
    }

    /// The date, `YYYY-MM-DD`.
    pub fn date_iso(&self) -> Option<&str> {
        match &self.0 {
            Repr::Whole(h) => h.header.date_iso.as_deref(),
            Repr::Packed { .. } => self.field(Field::DateIso),
        }
    }

    /// The agency or publication.
    pub fn source(&self) -> Option<&str> {
        match &self.0 {
            Repr::Whole(h) => h.header.source.as_deref(),
            Repr::Packed { .. } => self.field(Field::Source),
        }
    }

    /// The article's own URL.
    pub fn url(&self) -> Option<&str> {
        match &self.0 {
            Repr::Whole(h) => h.header.url.as_deref(),
            Repr::Packed { .. } => self.field(Field::Url),
        }
    }

    /// The byline's names.
    pub fn authors(&self) -> Items<'_> {
        match &self.0 {
            Repr::Whole(h) => Items::Whole(h.header.authors.iter()),
            Repr::Packed { .. } => Items::Packed(
                self.field(Field::Authors)
                    .unwrap_or_default()
                    .split_terminator('\0'),
            ),
        }
    }

    /// Tags, categories and keywords.
    pub fn tags(&self) -> Items<'_> {
        match &self.0 {
            Repr::Whole(h) => Items::Whole(h.tags.iter()),
            Repr::Packed { .. } => Items::Packed(
                self.field(Field::Tags)
                    .unwrap_or_default()
                    .split_terminator('\0'),
            ),
        }
    }

    /// The state id as read ([`Head::id`]): empty when skipped or left for later.
    pub fn id(&self) -> &str {
        match &self.0 {
            Repr::Whole(h) => &h.id,
            Repr::Packed { .. } => self.field(Field::Id).unwrap_or_default(),
        }
    }

    /// The header's fields, copied ([`Head::header`]).
    pub fn header(&self) -> Header {
        if let Repr::Whole(h) = &self.0 {
            return h.header.clone();
        }
        Header {
            title: self.title().to_string(),
            date: self.date().map(str::to_string),
            date_iso: self.date_iso().map(str::to_string),
            authors: self.authors().map(str::to_string).collect(),
            source: self.source().map(str::to_string),
            url: self.url().map(str::to_string),
        }
    }

    /// The state id: [`ListRow::id`], or computed now when it was left for later
    /// ([`Head::state_id`]).
    pub fn state_id(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Whole(h) => h.state_id(),
            Repr::Packed { .. } => match self.field(Field::IdStart) {
                Some(start) if self.id().is_empty() => {
                    content_id(self.title(), self.date(), start).into()
                }
                _ => self.id().into(),
            },
        }
    }

    /// Computes the id left for later, once, and lets go of the text it was computed from
    /// ([`Head::settle_id`]).
    pub fn settle_id(&mut self) {
        if let Repr::Whole(h) = &mut self.0 {
            h.settle_id();
        } else if self.field(Field::IdStart).is_some() {
            let mut head = self.head();
            head.settle_id();
            *self = ListRow::new(head);
        }
    }

    /// Changes the row: unpacked, changed by `change`, packed again.
    pub fn edit(&mut self, change: impl FnOnce(&mut Head)) {
        let mut head = self.head();
        change(&mut head);
        *self = ListRow::new(head);
    }
}

/// The authors or tags of a row.
#[derive(Debug, Clone)]
pub enum Items<'a> {
    #[doc(hidden)]
    Packed(std::str::SplitTerminator<'a, char>),
    #[doc(hidden)]
    Whole(std::slice::Iter<'a, String>),
}

impl<'a> Iterator for Items<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Items::Packed(it) => it.next(),
            Items::Whole(it) => it.next().map(String::as_str),
        }
    }
}

impl Items<'_> {
    /// The items joined by `sep`.
    pub fn join(self, sep: &str) -> String {
        self.collect::<Vec<_>>().join(sep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn full() -> Head {
        Head {
            path: Some(PathBuf::from("/news/2026/harbour-ferry.txt")),
            header: Header {
                title: "Ferry fares rise again".into(),
                date: Some("March 14, 2026".into()),
                date_iso: Some("2026-03-14".into()),
                authors: vec!["Ann Lee".into(), "Bo Ruiz".into()],
                source: Some("Coast Wire".into()),
                url: Some("https://example.org/ferry".into()),
            },
            tags: vec!["transport".into(), "harbour".into(), "fares".into()],
            id: "0123456789abcdef".into(),
            id_start: Some("Ferry fares rise again\n\nThe council".into()),
        }
    }

    /// Every accessor agrees with the head the row was made from.
    fn check(h: &Head) {
        let r = ListRow::new(h.clone());
        assert_eq!(&r.head(), h);
        assert_eq!(r.path(), h.path.as_deref());
        assert_eq!(r.title(), h.header.title);
        assert_eq!(r.date(), h.header.date.as_deref());
        assert_eq!(r.date_iso(), h.header.date_iso.as_deref());
        assert_eq!(r.source(), h.header.source.as_deref());
        assert_eq!(r.url(), h.header.url.as_deref());
        assert_eq!(r.authors().collect::<Vec<_>>(), h.header.authors);
        assert_eq!(r.tags().collect::<Vec<_>>(), h.tags);
        assert_eq!(r.id(), h.id);
        assert_eq!(r.header(), h.header);
        assert_eq!(r.state_id(), h.state_id());
    }

    #[test]
    fn every_field_comes_back_as_it_went_in() {
        let h = full();
        assert!(ListRow::new(h.clone()).is_packed());
        check(&h);
        // Each field on its own, the others empty, so no field's bytes land in its neighbour.
        let mut each = vec![
            Head {
                path: h.path.clone(),
                ..Head::default()
            },
            Head {
                tags: h.tags.clone(),
                ..Head::default()
            },
            Head {
                id: h.id.clone(),
                ..Head::default()
            },
            Head {
                id_start: h.id_start.clone(),
                ..Head::default()
            },
        ];
        for header in [
            Header {
                title: "Only a title".into(),
                ..Header::default()
            },
            Header {
                date: h.header.date.clone(),
                ..Header::default()
            },
            Header {
                date_iso: h.header.date_iso.clone(),
                ..Header::default()
            },
            Header {
                authors: h.header.authors.clone(),
                ..Header::default()
            },
            Header {
                source: h.header.source.clone(),
                ..Header::default()
            },
            Header {
                url: h.header.url.clone(),
                ..Header::default()
            },
        ] {
            each.push(Head {
                header,
                ..Head::default()
            });
        }
        for h in &each {
            assert!(ListRow::new(h.clone()).is_packed(), "{h:?}");
            check(h);
        }
    }

    #[test]
    fn empty_fields_are_told_from_absent_ones() {
        let empty = Head {
            path: Some(PathBuf::new()),
            header: Header {
                title: String::new(),
                date: Some(String::new()),
                date_iso: Some(String::new()),
                authors: vec![String::new()],
                source: Some(String::new()),
                url: Some(String::new()),
            },
            tags: vec![String::new(), String::new()],
            id: String::new(),
            id_start: Some("".into()),
        };
        check(&empty);
        check(&Head::default());
        assert_ne!(ListRow::new(empty), ListRow::new(Head::default()));
        assert_eq!(ListRow::default().head(), Head::default());
    }

    #[test]
    fn text_in_other_scripts_and_separators_in_fields_are_kept() {
        let mut h = full();
        h.header.title = "Fähre: Preise steigen — 渡し船の運賃\u{1F6A2}".into();
        h.header.authors = vec!["Zoë Ångström, Jr.".into(), "李 雷".into()];
        h.tags = vec!["a b".into(), "c\nd".into(), "e,f".into()];
        assert!(ListRow::new(h.clone()).is_packed());
        check(&h);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_is_kept_whole() {
        use std::os::unix::ffi::OsStrExt;
        let mut h = full();
        h.path = Some(PathBuf::from(std::ffi::OsStr::from_bytes(
            b"/news/caf\xe9.txt",
        )));
        let r = ListRow::new(h.clone());
        assert!(!r.is_packed());
        check(&h);
        assert_eq!(
            r.path().unwrap().as_os_str().as_bytes(),
            b"/news/caf\xe9.txt"
        );
    }

    #[test]
    fn a_list_item_holding_a_nul_is_kept_whole() {
        let mut h = full();
        h.tags = vec!["a\0b".into(), "c".into()];
        assert!(!ListRow::new(h.clone()).is_packed());
        check(&h);
        let mut h = full();
        h.header.authors = vec!["\0".into()];
        assert!(!ListRow::new(h.clone()).is_packed());
        check(&h);
        // A NUL in a field that is not a list packs: its length is in the offsets.
        let mut h = full();
        h.header.title = "a\0b".into();
        assert!(ListRow::new(h.clone()).is_packed());
        check(&h);
    }

    #[test]
    fn very_long_text_is_kept_whole_and_just_under_the_limit_packs() {
        let mut h = full();
        h.header.title = "x".repeat(70_000);
        assert!(!ListRow::new(h.clone()).is_packed());
        check(&h);
        // The row's text at exactly the most a packed row holds.
        let mut h = full();
        h.header.title.clear();
        let rest = packed_len(&h, h.path.as_deref().unwrap().to_str().unwrap());
        h.header.title = "y".repeat(usize::from(u16::MAX) - rest);
        assert!(ListRow::new(h.clone()).is_packed());
        check(&h);
        h.header.title.push('y');
        assert!(!ListRow::new(h.clone()).is_packed());
        check(&h);
    }

    #[test]
    fn an_id_left_for_later_is_settled_as_the_head_settles_it() {
        let mut h = full();
        h.id.clear();
        let mut r = ListRow::new(h.clone());
        assert_eq!(r.state_id(), h.state_id());
        r.settle_id();
        h.settle_id();
        assert!(!h.id.is_empty());
        assert_eq!(r.head(), h);
        assert_eq!(r.id(), h.id);
        assert!(r.is_packed());
    }

    #[test]
    fn editing_a_row_changes_that_field_only() {
        let mut r = ListRow::new(full());
        r.edit(|h| h.header.title = "Awning".into());
        let mut want = full();
        want.header.title = "Awning".into();
        assert_eq!(r.head(), want);
    }

    #[test]
    fn a_packed_row_is_small() {
        assert!(std::mem::size_of::<ListRow>() <= 40);
    }
}
