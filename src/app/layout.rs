//! Where the panes and overlays go for a terminal size: the model's geometry (the widths
//! articles are laid out at, how far a page or an overlay scrolls, what a click hits), which
//! `ui` draws into. It lives with the model, so the model never reads the drawing code.

use crate::config::list::ListWidth;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this many columns the list and the reader take turns instead of sharing the screen.
pub const SPLIT_MIN_WIDTH: u16 = 80;
/// Smallest width that can hold the interface.
pub const MIN_WIDTH: u16 = 16;
/// Smallest height that can hold the interface (a pane with borders, one row, the status bar).
pub const MIN_HEIGHT: u16 = 4;

/// The screen's panes; a pane that is not shown is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The article list, borders included.
    pub list: Option<Rect>,
    /// The reading pane, borders included.
    pub reader: Option<Rect>,
    /// The status bar.
    pub status: Option<Rect>,
}

impl Panes {
    /// True when the terminal is too small for any pane.
    pub fn too_small(&self) -> bool {
        self.status.is_none()
    }
}

/// Lays out `area`: one pane when narrow or zoomed (the one with the focus), else the list
/// `list_width` wide and the reader.
pub fn panes(area: Rect, zoom: bool, reader_focused: bool, list_width: ListWidth) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes::default();
    }
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    if zoom || area.width < SPLIT_MIN_WIDTH {
        let (list, reader) = if reader_focused {
            (None, Some(main))
        } else {
            (Some(main), None)
        };
        return Panes {
            list,
            reader,
            status: Some(status),
        };
    }
    let [list, reader] = Layout::horizontal([
        Constraint::Length(list_width.columns(main.width)),
        Constraint::Fill(1),
    ])
    .areas(main);
    Panes {
        list: Some(list),
        reader: Some(reader),
        status: Some(status),
    }
}

/// The inside of a bordered pane.
pub fn inner(pane: Rect) -> Rect {
    Rect {
        x: pane.x.saturating_add(1),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    }
}

/// The help box's height for `rows` lines on a screen `screen_height` rows tall (the status bar
/// stays visible).
pub fn help_height(rows: usize, screen_height: u16) -> u16 {
    let want = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    want.min(screen_height.saturating_sub(1).max(1))
}

/// The furthest a help of `rows` lines can scroll on a screen `screen_height` rows tall.
pub fn help_max_scroll(rows: usize, screen_height: u16) -> usize {
    rows.saturating_sub(usize::from(
        help_height(rows, screen_height).saturating_sub(2),
    ))
}

/// The skipped-files box's height on a screen `screen_height` rows tall: as tall as it can be,
/// the status bar left visible.
pub fn skipped_height(screen_height: u16) -> u16 {
    screen_height.saturating_sub(1).max(1)
}

/// Files the skipped-files box shows at once on a screen `screen_height` rows tall (each takes
/// two rows: the path, and the reason under it).
pub fn skipped_rows_shown(screen_height: u16) -> usize {
    (usize::from(skipped_height(screen_height).saturating_sub(2)) / 2).max(1)
}
