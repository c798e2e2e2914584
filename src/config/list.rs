//! How the list pane looks: its width, its columns and whether titles take two lines. The
//! config sets them, `<` and `>` change the width, and `view.toml` remembers the last width.

use std::fmt;

/// The list pane's width beside the reader: a share of the screen or a number of columns
/// (borders included). Either way the reader keeps at least [`READER_MIN`] columns and the
/// list at least [`LIST_MIN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListWidth {
    /// Percent of the screen's width (10 to 90).
    Percent(u16),
    /// Columns.
    Columns(u16),
}

/// The narrowest list pane beside the reader, borders included.
pub const LIST_MIN: u16 = 20;
/// The narrowest reading pane beside the list, borders included.
pub const READER_MIN: u16 = 40;
/// The shares of the screen a percent width may name.
pub const PERCENT_RANGE: std::ops::RangeInclusive<u16> = 10..=90;
/// The column counts a width in columns may name.
pub const COLUMNS_RANGE: std::ops::RangeInclusive<u16> = LIST_MIN..=400;

impl Default for ListWidth {
    fn default() -> Self {
        ListWidth::Percent(33)
    }
}

impl ListWidth {
    /// The list pane's columns on a screen `screen` columns wide that shows both panes.
    pub fn columns(self, screen: u16) -> u16 {
        let want = match self {
            ListWidth::Percent(p) => {
                u16::try_from((u32::from(screen) * u32::from(p) + 50) / 100).unwrap_or(u16::MAX)
            }
            ListWidth::Columns(c) => c,
        };
        let most = screen.saturating_sub(READER_MIN).max(LIST_MIN);
        want.clamp(LIST_MIN, most).min(screen)
    }

    /// The width, in its own unit, that gives `columns` on a screen `screen` columns wide
    /// (what `<` and `>` store, so the next run keeps the unit the user chose).
    pub fn like(self, columns: u16, screen: u16) -> ListWidth {
        match self {
            ListWidth::Percent(_) => {
                let p =
                    (u32::from(columns) * 100 + u32::from(screen) / 2) / u32::from(screen.max(1));
                let p = u16::try_from(p).unwrap_or(u16::MAX);
                ListWidth::Percent(p.clamp(*PERCENT_RANGE.start(), *PERCENT_RANGE.end()))
            }
            ListWidth::Columns(_) => {
                ListWidth::Columns(columns.clamp(*COLUMNS_RANGE.start(), *COLUMNS_RANGE.end()))
            }
        }
    }

    /// Reads `"35%"` or `40` (quotes, if any, taken off); `None` for anything else or out of
    /// range.
    pub fn parse(text: &str) -> Option<ListWidth> {
        let t = text.trim().trim_matches('"').trim();
        if let Some(p) = t.strip_suffix('%') {
            let p: u16 = p.trim().parse().ok()?;
            return PERCENT_RANGE.contains(&p).then_some(ListWidth::Percent(p));
        }
        let c: u16 = t.parse().ok()?;
        COLUMNS_RANGE.contains(&c).then_some(ListWidth::Columns(c))
    }

    /// As the config and `view.toml` write it: `"35%"` or `40`.
    pub fn to_toml(self) -> String {
        match self {
            ListWidth::Percent(p) => format!("\"{p}%\""),
            ListWidth::Columns(c) => c.to_string(),
        }
    }
}

impl fmt::Display for ListWidth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListWidth::Percent(p) => write!(f, "{p}%"),
            ListWidth::Columns(c) => write!(f, "{c} columns"),
        }
    }
}

/// A column of the list besides the unread and bookmark markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The headline: takes the room the others leave.
    Title,
    /// The agency or publication.
    Source,
    /// The date, in the config's `date_format`.
    Date,
    /// The tags, comma-separated.
    Tags,
}

impl Column {
    /// Every column, as the config names them.
    pub const ALL: [(&'static str, Column); 4] = [
        ("title", Column::Title),
        ("source", Column::Source),
        ("date", Column::Date),
        ("tags", Column::Tags),
    ];

    /// The column the config names `word`.
    pub fn parse(word: &str) -> Option<Column> {
        Column::ALL
            .iter()
            .find(|(n, _)| *n == word)
            .map(|&(_, c)| c)
    }

    /// The config's name of the column.
    pub fn name(self) -> &'static str {
        Column::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(n, _)| n)
    }
}

/// When a title takes two lines of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WrapTitles {
    /// Always one line, cut with `…`.
    Never,
    /// Two lines when the list pane is narrower than [`NARROW`] columns.
    #[default]
    Narrow,
    /// Always two lines.
    Always,
}

/// Below this many columns (borders included) a list pane counts as narrow.
pub const NARROW: u16 = 38;

impl WrapTitles {
    /// The choices, as the config names them.
    pub const WORDS: &'static str = "\"never\", \"narrow\", \"always\"";

    /// The choice the config names `word`.
    pub fn parse(word: &str) -> Option<WrapTitles> {
        match word {
            "never" => Some(WrapTitles::Never),
            "narrow" => Some(WrapTitles::Narrow),
            "always" => Some(WrapTitles::Always),
            _ => None,
        }
    }

    /// The config's name of the choice.
    pub fn name(self) -> &'static str {
        match self {
            WrapTitles::Never => "never",
            WrapTitles::Narrow => "narrow",
            WrapTitles::Always => "always",
        }
    }

    /// Lines a row takes in a list pane `pane` columns wide (borders included).
    pub fn lines(self, pane: u16) -> u16 {
        match self {
            WrapTitles::Never => 1,
            WrapTitles::Narrow if pane >= NARROW => 1,
            WrapTitles::Narrow | WrapTitles::Always => 2,
        }
    }
}

/// The list pane's look, as the config sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListLook {
    /// The pane's width beside the reader.
    pub width: ListWidth,
    /// The columns, in order; the title is always among them.
    pub columns: Vec<Column>,
    /// When titles take two lines.
    pub wrap: WrapTitles,
}

impl Default for ListLook {
    fn default() -> Self {
        ListLook {
            width: ListWidth::default(),
            columns: vec![Column::Title, Column::Tags, Column::Source, Column::Date],
            wrap: WrapTitles::default(),
        }
    }
}

/// Reads the config's `list_columns`: known names, each once, the title among them.
pub fn parse_columns(words: &[&str]) -> Result<Vec<Column>, String> {
    let mut out = Vec::new();
    for w in words {
        let c = Column::parse(w).ok_or_else(|| {
            format!(
                "unknown list column `{w}`; choose from \"title\", \"source\", \"date\", \"tags\""
            )
        })?;
        if out.contains(&c) {
            return Err(format!("list column `{w}` is named twice"));
        }
        out.push(c);
    }
    if !out.contains(&Column::Title) {
        return Err("list_columns must name \"title\"".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_read_back_and_keep_both_panes_usable() {
        assert_eq!(ListWidth::parse("\"35%\""), Some(ListWidth::Percent(35)));
        assert_eq!(ListWidth::parse("40"), Some(ListWidth::Columns(40)));
        assert_eq!(ListWidth::parse("95%"), None);
        assert_eq!(ListWidth::parse("5"), None);
        assert_eq!(ListWidth::parse("wide"), None);
        for w in [ListWidth::Percent(35), ListWidth::Columns(44)] {
            assert_eq!(ListWidth::parse(&w.to_toml()), Some(w));
        }
        assert_eq!(ListWidth::Percent(33).columns(120), 40);
        assert_eq!(
            ListWidth::Percent(90).columns(80),
            40,
            "the reader keeps 40"
        );
        assert_eq!(ListWidth::Percent(10).columns(80), LIST_MIN);
        assert_eq!(ListWidth::Columns(50).columns(200), 50);
        assert_eq!(ListWidth::Percent(50).like(60, 200), ListWidth::Percent(30));
        assert_eq!(ListWidth::Columns(50).like(54, 200), ListWidth::Columns(54));
    }

    #[test]
    fn columns_are_known_named_once_and_hold_the_title() {
        assert_eq!(
            parse_columns(&["date", "title"]),
            Ok(vec![Column::Date, Column::Title])
        );
        assert!(parse_columns(&["source"]).unwrap_err().contains("title"));
        assert!(
            parse_columns(&["title", "title"])
                .unwrap_err()
                .contains("twice")
        );
        assert!(
            parse_columns(&["title", "author"])
                .unwrap_err()
                .contains("author")
        );
    }

    #[test]
    fn narrow_panes_wrap_titles_when_asked() {
        assert_eq!(WrapTitles::Narrow.lines(NARROW - 1), 2);
        assert_eq!(WrapTitles::Narrow.lines(NARROW), 1);
        assert_eq!(WrapTitles::Never.lines(20), 1);
        assert_eq!(WrapTitles::Always.lines(200), 2);
    }
}
