//! The find prompt on the status row: `/query`, the match count `3/17`, and what keys do.

use super::fit;
use crate::app::{Action, App, Mode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the find prompt over the status row `area`.
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let Some(f) = app.find.as_ref() else {
        return;
    };
    let w = usize::from(area.width);
    // The prompt replaces the status row's text, not just its colours.
    buf.set_stringn(area.x, area.y, " ".repeat(w), w, t.status);
    let cursor = if app.mode == Mode::FindPrompt {
        "▏"
    } else {
        ""
    };
    let count = format!(" {} ", f.label());
    let hints: &[(Action, &str)] = if app.mode == Mode::FindPrompt {
        &[(Action::FindAccept, "keep"), (Action::FindCancel, "clear")]
    } else {
        &[
            (Action::FindNext, "next"),
            (Action::FindPrev, "previous"),
            (Action::FindCancel, "clear"),
        ]
    };
    let hint = hints
        .iter()
        .filter_map(|&(a, what)| Some(format!("{} {what}", app.keymap.key_for(app.mode, a)?)))
        .collect::<Vec<_>>()
        .join("  ");
    let right = format!("{count} {hint} ");
    let rw = fit::width(&right);
    let left_room = w.saturating_sub(rw).max(w / 2);
    // The end of a long query is what is being typed, so that is the part kept.
    let q = crate::text::sanitize::clean_line(&f.query);
    let full = format!("/{q}{cursor}");
    let shown = if fit::width(&full) < left_room {
        format!(" {full}")
    } else {
        format!(" …{}", tail(&full, left_room.saturating_sub(2)))
    };
    buf.set_stringn(area.x, area.y, &shown, w, t.status);
    let lw = fit::width(&shown);
    if lw + rw <= w {
        let style = if f.matches.is_empty() && !f.query.is_empty() {
            t.status.patch(t.error)
        } else {
            t.status
        };
        let x = area.x + (w - rw) as u16;
        buf.set_stringn(x, area.y, &count, rw, style);
        let cx = x + fit::width(&count) as u16;
        buf.set_stringn(
            cx,
            area.y,
            format!(" {hint} "),
            w - (w - rw) - fit::width(&count),
            t.status,
        );
    }
}

/// The end of `text` that fits in `width` columns.
fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        used += fit::width(c.encode_utf8(&mut [0; 4]));
        if used > width {
            break;
        }
        start = i;
    }
    &text[start..]
}
