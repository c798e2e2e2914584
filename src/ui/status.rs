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
        // A typed link number or a focused link: where it leads, and the keys that use it.
        Mode::Reader if app.reading().link_number().is_some() => (
            "READ",
            &[
                (Action::FollowLink, "follow"),
                (Action::NextLink, "focus"),
                (Action::ToList, "cancel"),
            ],
        ),
        Mode::Reader if app.focused_link_label().is_some() => (
            "READ",
            &[(Action::FollowLink, "follow"), (Action::CopyUrl, "copy")],
        ),
        Mode::Reader if app.has_links() => (
            "READ",
            &[
                (Action::NextLink, "link"),
                (Action::Digit(0), "+Enter link n"),
                (Action::Help, "help"),
                (Action::ToList, "list"),
            ],
        ),
        Mode::Reader => ("READ", &[(Action::Help, "help"), (Action::ToList, "list")]),
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
        Mode::Messages => (
            "MESSAGES",
            &[(Action::Down, "scroll"), (Action::Messages, "close")],
        ),
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
        .filter_map(|&(a, what)| {
            let key = app.keymap.key_for(app.mode(), a)?;
            // `0–9+Enter`: the hint's words go on from the key without a space.
            let gap = if what.starts_with('+') { "" } else { " " };
            Some(format!("{key}{gap}{what}"))
        })
        .collect::<Vec<_>>()
        .join("  ");
    // Where the typed number or the focused link leads comes first: the URL is what matters.
    let hint = match (
        app.mode(),
        app.reading().link_number(),
        app.numbered_link_label(),
        app.focused_link_label(),
    ) {
        (Mode::Reader, Some(n), Some(to), _) => format!("[{n}] {to}  {hint}"),
        (Mode::Reader, None, _, Some(to)) => format!("{to}  {hint}"),
        // A count being typed in the list.
        (Mode::List, Some(n), _, _) => format!("count {n}  {hint}"),
        _ => hint,
    };
    let view = app.view_label_beside(app.status().as_ref().map_or("", |s| s.text.as_str()));
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
            // A message naming files whose full paths do not fit names the files alone, and
            // if that is still too long its reasons in brackets give way (the message log,
            // `M`, keeps the whole message).
            let mut text = std::borrow::Cow::Borrowed(s.text.as_str());
            if fit::width(&text) > rest {
                text = std::borrow::Cow::Owned(fit::file_names(&text).into_owned());
            }
            if fit::width(&text) > rest {
                text = std::borrow::Cow::Owned(fit::brief(&text).into_owned());
            }
            buf.set_stringn(x, area.y, fit::ellipsis(&text, rest), rest, style);
        }
        None => {
            buf.set_stringn(x, area.y, fit::ellipsis(&hint, rest), rest, t.status);
        }
    }
}
