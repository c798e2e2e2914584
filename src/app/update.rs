//! `App::update`: the one place the model changes, one arm per action.

use super::history::Place;
use super::links;
use super::reader::Reader;
use super::{Action, App, Effect, Mode};
use crate::text::typeset::Target;

/// Lines the mouse wheel moves.
const WHEEL_LINES: isize = 3;

impl App {
    /// Applies `action` to the model and says what the loop must do outside it.
    pub fn update(&mut self, action: Action) -> Effect {
        if !matches!(action, Action::Resize { .. } | Action::Wheel { .. }) {
            self.status = None;
        }
        let effect = self.apply(action);
        self.relayout();
        effect
    }

    fn apply(&mut self, action: Action) -> Effect {
        let mode = self.mode;
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Help => {
                if mode == Mode::Help {
                    self.mode = self.help_from;
                } else {
                    self.help_from = mode;
                    self.help_scroll = 0;
                    self.mode = Mode::Help;
                }
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page_step()),
            Action::PageUp => self.move_by(-self.page_step()),
            Action::HalfPageDown => self.move_by((self.page_step() / 2).max(1)),
            Action::HalfPageUp => self.move_by(-(self.page_step() / 2).max(1)),
            Action::Top => self.move_by(isize::MIN),
            Action::Bottom => self.move_by(isize::MAX),
            Action::Open => self.open_selected(),
            Action::ToList => {
                if self.mode == Mode::Reader {
                    self.mode = Mode::List;
                }
            }
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::NextLink => self.move_focus(true),
            Action::PrevLink => self.move_focus(false),
            Action::FollowLink => return self.follow_focused(),
            Action::FollowRelated(n) => return self.follow_related(usize::from(n)),
            Action::HistoryBack => self.history_back(),
            Action::HistoryForward => self.history_forward(),
            Action::OpenUrl => {
                if let Some(url) = self.focused_url() {
                    return Effect::OpenUrl(url);
                }
                self.complain("no link to open: Tab focuses a link");
            }
            Action::CopyUrl => {
                if let Some(url) = self.focused_url() {
                    self.say(format!("copied {url}"));
                    return Effect::Copy(url);
                }
                self.complain("no link to copy: Tab focuses a link");
            }
            Action::Zoom => self.zoom = !self.zoom,
            Action::Resize { width, height } => self.size = (width, height),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::Click { column, row } => return self.click(column, row),
        }
        Effect::None
    }

    fn page_step(&self) -> isize {
        let h = match self.mode {
            Mode::List => self.list_height(),
            _ => self.reader_height(),
        };
        isize::try_from(h.saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// Moves the selection, the article or the help by `delta` (saturating at both ends).
    fn move_by(&mut self, delta: isize) {
        match self.mode {
            Mode::List => self.select(offset(self.selected, delta, self.library.entries.len())),
            Mode::Reader => self.scroll_by(delta),
            Mode::Help => {
                let rows = super::keymap::help_rows().len();
                self.help_scroll = offset(self.help_scroll, delta, rows);
            }
        }
    }

    fn select(&mut self, i: usize) {
        self.selected = i.min(self.library.entries.len().saturating_sub(1));
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let h = self.list_height();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + h {
            self.list_offset = self.selected + 1 - h;
        }
        let max = self.library.entries.len().saturating_sub(h);
        self.list_offset = self.list_offset.min(max);
    }

    fn scroll_by(&mut self, delta: isize) {
        let h = self.reader_height();
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let max = r.max_scroll(h);
        r.scroll = offset(r.scroll, delta, max + 1);
        // A focused link that scrolls away loses the focus, so Enter never follows a hidden link.
        if let Some(t) = r.focus
            && !links::visible(&r.page, t, r.scroll, h)
        {
            r.focus = None;
        }
    }

    /// Opens library entry `index` in the reader; `focus` gives the reader the keyboard.
    pub fn open(&mut self, index: usize, focus: bool) -> bool {
        let article = match self.library.load(index) {
            Ok(a) => links::with_related_resolved(&self.library, a),
            Err(e) => {
                let msg = crate::text::sanitize::clean_line(&format!("{e:#}"));
                self.complain(msg);
                return false;
            }
        };
        let width = self.reader_width();
        let page = self
            .cache
            .get(index, &article, width, self.measure, self.typeset);
        self.reader = Some(Reader {
            index,
            article,
            page,
            width,
            scroll: 0,
            focus: None,
        });
        self.select(index);
        if focus {
            if let Some(r) = self.read.get_mut(index) {
                *r = true;
            }
            if self.mode == Mode::List {
                self.mode = Mode::Reader;
            }
        }
        true
    }

    fn open_selected(&mut self) {
        if self.library.entries.is_empty() {
            self.complain("no articles");
            return;
        }
        self.open(self.selected, true);
    }

    fn step_article(&mut self, delta: isize) {
        let n = self.library.entries.len();
        let Some(cur) = self.reader.as_ref().map(|r| r.index) else {
            return;
        };
        let next = offset(cur, delta, n);
        if next == cur {
            self.say(if delta > 0 {
                "last article"
            } else {
                "first article"
            });
            return;
        }
        self.open(next, true);
    }

    fn place(&self) -> Option<Place> {
        self.reader.as_ref().map(|r| Place {
            index: r.index,
            scroll: r.scroll,
            width: r.width,
            block: r.top_block(),
        })
    }

    fn goto(&mut self, p: Place) {
        if !self.open(p.index, true) {
            return;
        }
        let h = self.reader_height();
        if let Some(r) = self.reader.as_mut() {
            let line = if r.width == p.width {
                Some(p.scroll)
            } else {
                p.block.and_then(|b| r.page.line_of_block(b))
            };
            r.scroll = line.unwrap_or(0).min(r.max_scroll(h));
        }
    }

    /// Opens library entry `index` as a followed link, remembering where the reader was.
    fn follow_to(&mut self, index: usize) {
        let from = self.place();
        if self.open(index, true)
            && let Some(from) = from
        {
            self.history.follow(from);
        }
    }

    fn history_back(&mut self) {
        let Some(here) = self.place() else {
            self.mode = Mode::List;
            return;
        };
        match self.history.back(here) {
            Some(p) => self.goto(p),
            // Nothing to go back to: back means the list, as on a narrow screen.
            None => self.mode = Mode::List,
        }
    }

    fn history_forward(&mut self) {
        let Some(here) = self.place() else { return };
        match self.history.forward(here) {
            Some(p) => self.goto(p),
            None => self.say("nothing to go forward to"),
        }
    }

    /// Follows link number `n` as the page numbers them: related headlines first, then URLs.
    fn follow_related(&mut self, n: usize) -> Effect {
        let Some(r) = self.reader.as_ref() else {
            return Effect::None;
        };
        let related = &r.article.related;
        let Some(i) = n.checked_sub(1) else {
            return Effect::None;
        };
        if let Some(rel) = related.get(i) {
            match links::resolve_related(&self.library, &rel.title, rel.path.as_deref()) {
                Some(to) => self.follow_to(to),
                None => {
                    let msg = format!("not in the library: {}", rel.title);
                    self.complain(msg);
                }
            }
            return Effect::None;
        }
        match r.article.links.get(i - related.len()) {
            Some(l) => Effect::OpenUrl(l.url.clone()),
            None => {
                self.complain(format!("no link {n}"));
                Effect::None
            }
        }
    }

    fn focused_target(&self) -> Option<&Target> {
        let r = self.reader.as_ref()?;
        r.page.targets.get(r.focus?)
    }

    fn focused_url(&self) -> Option<String> {
        match self.focused_target()? {
            Target::Url(u) => Some(u.clone()),
            _ => None,
        }
    }

    fn follow_focused(&mut self) -> Effect {
        let Some(target) = self.focused_target().cloned() else {
            self.complain("no link focused: Tab focuses a link");
            return Effect::None;
        };
        self.follow_target(target)
    }

    fn follow_target(&mut self, target: Target) -> Effect {
        match target {
            Target::Related { number, .. } => return self.follow_related(number),
            Target::Backlink(path) => match links::index_of_path(&self.library, &path) {
                Some(i) => self.follow_to(i),
                None => self.complain(format!("not in the library: {}", crate::load::shown(&path))),
            },
            Target::Url(url) => return Effect::OpenUrl(url),
        }
        Effect::None
    }

    fn move_focus(&mut self, forward: bool) {
        let h = self.reader_height();
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let order = links::first_lines(&r.page);
        if order.is_empty() {
            self.complain("no links in this article");
            return;
        }
        let on_screen = |line: usize| line >= r.scroll && line < r.scroll + h;
        let cur = r
            .focus
            .and_then(|f| order.iter().position(|&(_, t)| t == f));
        let next = match (cur, forward) {
            (Some(c), true) => (c + 1) % order.len(),
            (Some(c), false) => (c + order.len() - 1) % order.len(),
            // No focus yet: the first link on screen (or below it), the last one going back.
            (None, true) => order.iter().position(|&(l, _)| l >= r.scroll).unwrap_or(0),
            (None, false) => order
                .iter()
                .rposition(|&(l, _)| on_screen(l) || l < r.scroll)
                .unwrap_or(order.len() - 1),
        };
        let (line, t) = order[next];
        r.focus = Some(t);
        if !on_screen(line) {
            r.scroll = line.saturating_sub(h / 2).min(r.max_scroll(h));
        }
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let d = if down { WHEEL_LINES } else { -WHEEL_LINES };
        let panes = self.panes();
        let hit = |r: Option<ratatui::layout::Rect>| {
            r.is_some_and(|r| r.contains(ratatui::layout::Position::new(column, row)))
        };
        if self.mode == Mode::Help {
            self.move_by(d);
        } else if hit(panes.list) {
            self.select(offset(self.selected, d, self.library.entries.len()));
        } else if hit(panes.reader) {
            self.scroll_by(d);
        }
    }

    fn click(&mut self, column: u16, row: u16) -> Effect {
        if self.mode == Mode::Help {
            self.mode = self.help_from;
            return Effect::None;
        }
        let pos = ratatui::layout::Position::new(column, row);
        if let Some(list) = self.list_area()
            && list.contains(pos)
        {
            let i = self.list_offset + usize::from(row - list.y);
            if i < self.library.entries.len() {
                self.select(i);
                self.open(i, true);
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
        let Some(r) = self.reader.as_ref() else {
            return Effect::None;
        };
        let line = r.scroll + usize::from(row - area.y);
        let col = usize::from(column - area.x);
        match target_at(&r.page, line, col) {
            Some(t) => {
                let target = r.page.targets.get(t).cloned();
                if let Some(r) = self.reader.as_mut() {
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

    /// Keeps the model consistent with the size: re-lays the page out when the reader's width
    /// changed (keeping the paragraph at the top), and keeps the selection and scroll in range.
    fn relayout(&mut self) {
        let width = self.reader_width();
        let h = self.reader_height();
        if let Some(r) = self.reader.as_ref()
            && r.width != width
        {
            let block = r.top_block();
            let at_top = r.scroll == 0;
            let (index, article) = (r.index, r.article.clone());
            let page = self
                .cache
                .get(index, &article, width, self.measure, self.typeset);
            if let Some(r) = self.reader.as_mut() {
                r.page = page;
                r.width = width;
                r.focus = r.focus.filter(|&t| t < r.page.targets.len());
                if !at_top {
                    r.scroll = block.and_then(|b| r.page.line_of_block(b)).unwrap_or(0);
                }
            }
        }
        if let Some(r) = self.reader.as_mut() {
            r.scroll = r.scroll.min(r.max_scroll(h));
        }
        self.keep_selection_visible();
    }
}

/// `i` moved by `delta`, kept within `0..n` (0 when `n` is 0).
fn offset(i: usize, delta: isize, n: usize) -> usize {
    let max = n.saturating_sub(1);
    let moved = if delta < 0 {
        i.saturating_sub(delta.unsigned_abs())
    } else {
        i.saturating_add(delta.unsigned_abs())
    };
    moved.min(max)
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
