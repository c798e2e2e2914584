//! Where the panes go for a terminal size: shared by drawing and by the model (widths, mouse hits).

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
