//! The scrollbar both panes draw on their right border.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

/// Draws a scrollbar on the right border of `area` for content scrolled to `position` of
/// `max` (the largest scroll), showing `viewport` rows at once.
pub fn scrollbar(
    buf: &mut Buffer,
    area: Rect,
    max: usize,
    position: usize,
    viewport: usize,
    style: Style,
) {
    let mut state = ScrollbarState::new(max)
        .position(position)
        .viewport_content_length(viewport);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(None)
        .thumb_style(style)
        .render(area.inner(Margin::new(0, 1)), buf, &mut state);
}
