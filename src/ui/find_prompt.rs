//! The find prompt on the status row: `/query`, the match count `3/17`, and what keys do.

use super::{fit, prompt_line};
use crate::app::{Action, App, Edit, Mode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the find prompt over the status row `area`.
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let Some(f) = app.reading().find() else {
        return;
    };
    let w = usize::from(area.width);
    // The prompt replaces the status row's text, not just its colours.
    buf.set_stringn(area.x, area.y, " ".repeat(w), w, t.status);
    let count = format!(" {} ", f.label());
    let hints: &[(Action, &str)] = if app.mode() == Mode::FindPrompt {
        &[
            (Action::Prompt(Edit::Accept), "keep"),
            (Action::Prompt(Edit::Cancel), "clear"),
        ]
    } else {
        &[
            (Action::FindNext, "next"),
            (Action::FindPrev, "previous"),
            (Action::FindCancel, "clear"),
        ]
    };
    let hint = hints
        .iter()
        .filter_map(|&(a, what)| Some(format!("{} {what}", app.keymap.key_for(app.mode(), a)?)))
        .collect::<Vec<_>>()
        .join("  ");
    let right = format!("{count} {hint} ");
    let rw = fit::width(&right);
    let left_room = w.saturating_sub(rw).max(w / 2);
    // The query with its cursor while it is typed; the end of a long one is what is shown.
    let (text, cursor) = match app.prompt().filter(|_| app.mode() == Mode::FindPrompt) {
        Some(p) => (p.text(), Some(p.cursor())),
        None => (f.query.as_str(), None),
    };
    let (x, _) = buf.set_stringn(area.x, area.y, " /", w, t.status);
    let room = left_room.saturating_sub(3);
    let style = t.status.patch(t.selected);
    let lw = 2 + prompt_line::draw(buf, x, area.y, room, text, cursor, t.status, style);
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
