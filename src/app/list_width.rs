//! `<` and `>`: the list pane narrower or wider beside the reader.

use super::App;

impl App {
    /// Moves the border between the list and the reader by a step of the screen's width (5%,
    /// at least two columns), keeping the unit the config chose; says so when the panes are not
    /// side by side or the border can go no further.
    pub(super) fn widen_list(&mut self, wider: bool) {
        let panes = self.panes();
        let (Some(list), Some(_)) = (panes.list, panes.reader) else {
            self.complain(
                "one pane at a time: z or a wider terminal shows the list beside the article",
            );
            return;
        };
        let screen = self.size.0;
        let step = (screen / 20).max(2);
        let want = if wider {
            list.width.saturating_add(step)
        } else {
            list.width.saturating_sub(step)
        };
        let width = self.list_look.width.like(want, screen);
        let got = width.columns(screen);
        if got == list.width {
            self.complain(if wider {
                format!(
                    "the list is as wide as it goes: the article keeps {} columns",
                    crate::config::list::READER_MIN
                )
            } else {
                "the list is as narrow as it goes".to_string()
            });
            return;
        }
        self.list_look.width = width;
        self.say(match width {
            crate::config::list::ListWidth::Percent(_) => {
                format!("list width {width} ({got} columns)")
            }
            crate::config::list::ListWidth::Columns(_) => format!("list width {got} columns"),
        });
    }
}
