//! The list as the user narrows and orders it: moving by rows of the view, sort and only-these
//! switches, keeping the selection on the same article when the rows change.

use super::App;
use super::update::offset;

impl App {
    /// The row the selected article shows on, if it shows.
    pub fn selected_row(&self) -> Option<usize> {
        self.list.view.row_of(self.list.selected)
    }

    /// The date of library article `i` as the list writes it.
    pub fn shown_date(&self, i: usize) -> Option<String> {
        let iso = self.library.entries.get(i)?.row.date_iso()?;
        Some(
            crate::article::date::calendar::format_date(iso, &self.date_format)
                .unwrap_or_else(|| iso.to_string()),
        )
    }

    /// Sort and filters in force, for the status bar (empty when the list shows everything by
    /// date).
    pub fn view_label(&self) -> String {
        self.view_label_beside("")
    }

    /// [`App::view_label`] without the parts `message` already says (`sorted by title` says
    /// `by title`), so the status bar never says a thing twice.
    pub fn view_label_beside(&self, message: &str) -> String {
        let v = &self.list.view;
        let mut parts = Vec::new();
        if !v.query.is_empty() {
            parts.push(format!("/{}", v.query));
        }
        if v.sort != super::view::Sort::Date {
            parts.push(format!("by {}", v.sort.name()));
        }
        if v.unread_only {
            parts.push("unread only".into());
        }
        if v.bookmarked_only {
            parts.push("bookmarked only".into());
        }
        parts.retain(|p| !message.contains(p.as_str()));
        parts.join(" · ")
    }

    /// Moves the selection `delta` rows of the view (from the top when it is hidden).
    pub(super) fn move_rows(&mut self, delta: isize) {
        let Some(row) = self
            .selected_row()
            .or_else(|| self.list.view.at(0).map(|_| 0))
        else {
            return;
        };
        if let Some(i) = self.list.view.at(offset(row, delta, self.list.view.len())) {
            self.list.selected = i;
        }
        self.keep_selection_visible();
    }

    /// Chooses the rows again after the sort, the filter or a switch changed. The selection
    /// stays on its article when that still shows, else goes to the top row; true when it moved.
    pub fn refresh_view(&mut self) -> bool {
        let mut view = std::mem::take(&mut self.list.view);
        view.rebuild(
            &self.library,
            &self.list.read,
            self.list.bookmarked.as_slice(),
            &|i| self.shown_date(i),
        );
        self.list.view = view;
        let before = self.list.selected;
        if self.selected_row().is_none()
            && let Some(first) = self.list.view.at(0)
        {
            self.list.selected = first;
            self.list.offset = 0;
        }
        self.keep_selection_visible();
        self.list.selected != before
    }

    /// Starts the view afresh for a library that changed (a reload): marks and rows again.
    /// Orders made for the old library are never taken: those for the new one are made again
    /// on a worker ([`App::sort_in_background`]).
    pub fn library_changed(&mut self) {
        self.list.view = self.list.view.after_change(self.library.entries.len());
        self.sync_marks();
        self.refresh_view();
        self.sort_in_background();
    }

    /// Starts making the title and source orders on a worker once the whole library is here,
    /// so that the first press of `s` filters instead of sorting on the key; they come back as
    /// [`super::Msg::SortsReady`], and the view takes them only if its library has not changed
    /// since. A press before they come sorts on the spot.
    pub fn sort_in_background(&self) {
        if self.library_pending() {
            // Made once the whole library has come (`App::library_arrived`).
            return;
        }
        let job = self.list.view.orders_job(&self.library);
        let tx = self.inbox.sender();
        // Without the thread `s` sorts on the key, as it always could.
        let _ = std::thread::Builder::new()
            .name("byline-sorts".into())
            .spawn(move || {
                let _ = tx.send(super::Msg::SortsReady(job()));
            });
    }

    /// Applies a change of the view's settings and shows the new selection.
    fn changed_view(&mut self, what: String) {
        if self.refresh_view() {
            self.preview_selection();
        }
        if self.list.view.is_empty() {
            self.complain(format!("{what}: no article matches"));
        } else {
            self.say(what);
        }
    }

    pub(super) fn cycle_sort(&mut self) {
        self.list.view.sort = self.list.view.sort.next();
        let what = format!("sorted by {}", self.list.view.sort.name());
        self.changed_view(what);
    }

    pub(super) fn toggle_unread_only(&mut self) {
        self.list.view.unread_only = !self.list.view.unread_only;
        let what = if self.list.view.unread_only {
            "unread only"
        } else {
            "read articles too"
        };
        self.changed_view(what.into());
    }

    pub(super) fn toggle_bookmarked_only(&mut self) {
        self.list.view.bookmarked_only = !self.list.view.bookmarked_only;
        let what = if self.list.view.bookmarked_only {
            "bookmarked only"
        } else {
            "all articles, bookmarked or not"
        };
        self.changed_view(what.into());
    }

    /// The view row `delta` away from the open article `cur` (library order when it is hidden).
    pub(super) fn step_from(&self, cur: usize, delta: isize) -> usize {
        match self.list.view.row_of(cur) {
            Some(row) => self
                .list
                .view
                .at(offset(row, delta, self.list.view.len()))
                .unwrap_or(cur),
            None => offset(cur, delta, self.library.entries.len()),
        }
    }
}
