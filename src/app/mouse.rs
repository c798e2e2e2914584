//! The mouse: the wheel scrolls the pane under the pointer; a click opens or follows.

use super::{App, Effect, Mode};

/// Lines the mouse wheel moves.
const WHEEL_LINES: isize = 3;

impl App {
    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let d = if down { WHEEL_LINES } else { -WHEEL_LINES };
        let panes = self.panes();
        let hit = |r: Option<ratatui::layout::Rect>| {
            r.is_some_and(|r| r.contains(ratatui::layout::Position::new(column, row)))
        };
        if matches!(self.mode, Mode::Help | Mode::Skipped) {
            self.move_by(d);
        } else if hit(panes.list) && matches!(self.mode, Mode::Reader | Mode::Find) {
            // While reading, the wheel over the list looks along it: the article being read
            // stays, and so does the selection (issue 13, point 8).
            let h = self.list_height();
            let max = self.list.view.len().saturating_sub(h);
            self.list.offset = super::update::offset(self.list.offset, d, max + 1);
            self.list.looked_along = true;
        } else if hit(panes.list) {
            self.move_rows(d);
            self.preview_selection();
        } else if hit(panes.reader) {
            self.scroll_by(d);
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) -> Effect {
        if self.mode == Mode::Help {
            self.mode = self.help_from;
            return Effect::None;
        }
        if self.mode == Mode::Skipped {
            // As with the help, a click closes the overlay and does nothing beneath it.
            self.toggle_skipped();
            return Effect::None;
        }
        let pos = ratatui::layout::Position::new(column, row);
        if let Some(list) = self.list_area()
            && list.contains(pos)
        {
            if let Some(i) = self
                .list
                .view
                .at(self.list.offset + usize::from((row - list.y) / self.list_row_lines()))
            {
                // A click in the list while filtering keeps the filter, as Enter would.
                if self.mode == Mode::Filter {
                    self.mode = Mode::List;
                }
                self.select(i);
                if self.reading.open.as_ref().is_some_and(|r| r.index == i) {
                    // Its preview is on screen already: entered as it is, not loaded again.
                    self.mark_read(i);
                    if self.mode == Mode::List {
                        self.mode = Mode::Reader;
                    }
                } else {
                    self.open(i, true);
                }
            }
            return Effect::None;
        }
        let Some(area) = self.reader_area() else {
            return Effect::None;
        };
        if !area.contains(pos) {
            return Effect::None;
        }
        if self.mode == Mode::List {
            self.mode = Mode::Reader;
        }
        let Some(r) = self.reading.open.as_ref() else {
            return Effect::None;
        };
        let line = r.scroll + usize::from(row - area.y);
        let col = usize::from(column - area.x);
        match target_at(&r.page, line, col) {
            Some(t) => {
                let target = r.page.targets.get(t).cloned();
                if let Some(r) = self.reading.open.as_mut() {
                    r.focus = Some(t);
                }
                match target {
                    Some(target) => self.follow_target(target),
                    None => Effect::None,
                }
            }
            None => Effect::None,
        }
    }
}

/// The link target under column `col` (counted from the pane's left edge) of page line `line`.
fn target_at(page: &crate::text::typeset::Page, line: usize, col: usize) -> Option<usize> {
    let l = page.lines.get(line)?;
    let mut x = usize::from(page.margin);
    for s in &l.spans {
        let w = unicode_width::UnicodeWidthStr::width(s.text.as_str());
        if col >= x && col < x + w {
            return s.target;
        }
        x += w;
    }
    None
}
