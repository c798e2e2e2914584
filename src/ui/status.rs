//! The status bar: article number, mode, a key hint, and the transient message.

use super::fit;
use crate::app::{Action, App, Edit, Mode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the status bar into `area` (one row).
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    buf.set_style(area, t.status);
    let w = usize::from(area.width);
    let (mode, hints): (&str, &[(Action, &str)]) = match app.mode() {
        // With a filter kept, the hint says how to clear it.
        Mode::List if !app.list().view().query.is_empty() => (
            "LIST",
            &[
                (Action::ClearFilter, "clear filter"),
                (Action::Open, "open"),
                (Action::Help, "help"),
            ],
        ),
        Mode::List => (
            "LIST",
            &[
                (Action::Open, "open"),
                (Action::Help, "help"),
                (Action::Quit, "quit"),
            ],
        ),
        Mode::Reader => (
            "READ",
            &[
                (Action::NextLink, "link"),
                (Action::FollowRelated(1), "related"),
                (Action::Help, "help"),
                (Action::ToList, "list"),
            ],
        ),
        Mode::Help => ("HELP", &[(Action::Down, "scroll"), (Action::Help, "close")]),
        // The filter prompt is drawn over this bar.
        Mode::Filter => ("FILTER", &[]),
        // The find prompt draws over this row; the search overlay has its own.
        Mode::FindPrompt | Mode::Find => ("FIND", &[]),
        Mode::Skipped => (
            "SKIPPED",
            &[
                (Action::Down, "next"),
                (Action::CopyPath, "copy path"),
                (Action::ShowSkipped, "close"),
            ],
        ),
        // The question is the message; the command line draws over this row.
        Mode::Ask => ("ASK", &[]),
        Mode::Command => ("COMMAND", &[]),
        Mode::Search => (
            "SEARCH",
            &[
                (Action::Down, "choose"),
                (Action::Prompt(Edit::Accept), "open"),
                (Action::Prompt(Edit::Cancel), "close"),
            ],
        ),
    };
    // Hints name the keys the table binds, so they never disagree with it.
    let hint = hints
        .iter()
        .filter_map(|&(a, what)| Some(format!("{} {what}", app.keymap.key_for(app.mode(), a)?)))
        .collect::<Vec<_>>()
        .join("  ");
    let view = app.view_label();
    let left = if view.is_empty() {
        format!(" {}  {}  ", app.position_label(), mode)
    } else {
        format!(
            " {}  {}  {}  ",
            app.position_label(),
            mode,
            fit::ellipsis(&view, 40)
        )
    };
    let lw = fit::width(&left);
    buf.set_stringn(area.x, area.y, &left, w, t.status);
    let rest = w.saturating_sub(lw);
    let x = area.x + lw.min(w) as u16;
    match &app.status() {
        Some(s) => {
            let style = if s.error {
                t.status.patch(t.error)
            } else {
                t.status
            };
            buf.set_stringn(x, area.y, fit::ellipsis(&s.text, rest), rest, style);
        }
        None => {
            buf.set_stringn(x, area.y, fit::ellipsis(&hint, rest), rest, t.status);
        }
    }
}
