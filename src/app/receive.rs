//! What the model does with each [`Msg`] that is not a terminal event: previews shown, related
//! headlines and backlinks resolved, the library read after the first file, changed files read
//! into the list, saves and search results on the tick.

use super::msg::Msg;
use super::{App, Effect};

impl App {
    /// A sender into the inbox, for a worker started outside the model.
    pub fn sender(&self) -> std::sync::mpsc::Sender<Msg> {
        self.inbox.sender()
    }

    /// The next message in the inbox, waiting up to `timeout` (`None`: until one comes). Only
    /// takes it: the caller hands it to [`App::update`].
    pub fn next_message(&self, timeout: Option<std::time::Duration>) -> Option<Msg> {
        self.inbox.next(timeout)
    }

    /// Files created, changed or removed, as the watcher reports them, through
    /// [`App::update`]; true when the list changed (or a file could not be read).
    pub fn files_changed(&mut self, paths: &[std::path::PathBuf]) -> bool {
        self.update(Msg::FilesChanged(paths.to_vec())) != Effect::Quiet
    }

    /// The title index is ready, as its worker reports, through [`App::update`]; true when
    /// related headlines that waited for it were resolved.
    pub fn poll_titles(&mut self) -> bool {
        self.update(Msg::TitlesReady) != Effect::Quiet
    }

    /// Starts drawing pictures in `mode` (detected, not `Off`) for cells of `font` pixels:
    /// pages are laid out with rows kept for them from now on.
    pub fn show_pictures(&mut self, mode: crate::pictures::service::Mode, font: (u16, u16)) {
        let tx = self.inbox.sender();
        let wake = Box::new(move || {
            let _ = tx.send(Msg::PictureReady);
        });
        self.pictures = Some(crate::pictures::service::Pictures::start(mode, font, wake));
        self.reading.forget_pages();
    }

    /// The reading pane's pictures, when drawn.
    pub fn pictures(&self) -> Option<&crate::pictures::service::Pictures> {
        self.pictures.as_ref()
    }

    /// Applies a message; [`Effect::Quiet`] when the screen needs no new frame.
    pub(super) fn receive(&mut self, msg: Msg) -> Effect {
        let changed = match msg {
            // Terminal events are turned into actions by `update`.
            Msg::Terminal(_) => false,
            Msg::TerminalLost(e) => {
                self.complain(crate::sanitize::clean_line(&format!("terminal: {e}")));
                return Effect::Quit;
            }
            Msg::Preview(reply) => self.preview_came(reply),
            Msg::PreviewGone => self.preview_gone(),
            Msg::TitlesReady => self.resolve_waiting_related(),
            Msg::SortsReady(orders) => {
                // Nothing on screen changes: the next press of `s` is cheaper.
                self.list.view.take_orders(orders);
                false
            }
            Msg::BacklinksReady => self.show_backlinks(),
            Msg::LibraryRead => self.take_library(),
            Msg::SearchNews => self.take_search_news(),
            Msg::FilesChanged(paths) => {
                let changed = self.apply_file_changes(&paths);
                changed || self.status.is_some()
            }
            Msg::PictureReady => self.reading.open.is_some(),
            Msg::CacheProblem(text) => {
                self.cache_problem(text);
                true
            }
            Msg::FirstFrame => {
                // The title index is the largest piece of library-sized work; the backlinks
                // pass follows on the same worker (it reads every file).
                self.index_titles_in_background();
                // So is sorting the whole list by title and by source.
                self.sort_in_background();
                // The search index kept on disk is brought up to date behind the first frame.
                self.start_index();
                if self.list.marks_pending {
                    self.sync_marks();
                    self.refresh_view();
                }
                true
            }
            Msg::Saved => self.take_saved(),
            Msg::Tick(now) => {
                // A debounced save comes due (a failure is drawn at once).
                self.save_if_due(now)
            }
            Msg::Leaving => {
                // A failure is in the status bar when the reader comes back.
                let _ = self.flush_state();
                true
            }
            Msg::Failed(e) => {
                self.complain(crate::sanitize::clean_line(&e));
                true
            }
        };
        if changed { Effect::None } else { Effect::Quiet }
    }
}
