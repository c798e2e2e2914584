//! The command line, drawn over the status bar while a pipe's command, a save's path or an
//! action's name (`:`) is typed; while Tab cycles through names, they are shown on the row above.

use super::prompt_line;
use crate::app::{App, PromptKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws `| command`, `save as: path` or `:name` with its cursor into `area` (one row), and the
/// completion's candidates on the row above it.
pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let w = usize::from(area.width);
    let Some(p) = app.prompt() else { return };
    if w == 0 || area.height == 0 {
        return;
    }
    // Wipe the status bar underneath.
    buf.set_stringn(area.x, area.y, " ".repeat(w), w, t.status);
    let lead = match p.kind() {
        PromptKind::Save => " save as: ",
        PromptKind::Command => " :",
        _ => " | ",
    };
    let (x, _) = buf.set_stringn(area.x, area.y, lead, w, t.status);
    let room = w.saturating_sub(usize::from(x - area.x) + 1);
    let style = t.status.patch(t.selected);
    prompt_line::draw(
        buf,
        x,
        area.y,
        room,
        p.text(),
        Some(p.cursor()),
        t.status,
        style,
    );
}

/// The `:` line's candidates on the row above `area` (vim's wildmenu): the current one
/// highlighted, and as many around it as fit, `<` and `>` where some are cut off.
pub fn render_candidates(app: &App, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let Some(c) = app.completion() else { return };
    if area.y == 0 || area.width < 4 {
        return;
    }
    let (y, w) = (area.y - 1, usize::from(area.width));
    buf.set_stringn(area.x, y, " ".repeat(w), w, t.status);
    // Pages of names that fit, the current one's page shown.
    let room = w - 2;
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0;
    for (i, name) in c.candidates.iter().enumerate() {
        let need = name.chars().count() + 2;
        if used + need > room && !pages.last().is_some_and(Vec::is_empty) {
            pages.push(Vec::new());
            used = 0;
        }
        used += need;
        if let Some(page) = pages.last_mut() {
            page.push(i);
        }
    }
    let at = c.current.unwrap_or(0);
    let k = pages.iter().position(|p| p.contains(&at)).unwrap_or(0);
    let mut x = area.x;
    let lead = if k > 0 { "<" } else { " " };
    buf.set_stringn(x, y, lead, 1, t.status);
    x += 1;
    for &i in &pages[k] {
        let style = if c.current == Some(i) {
            t.status.patch(t.selected)
        } else {
            t.status
        };
        let left = w.saturating_sub(usize::from(x - area.x) + 1);
        let (nx, _) = buf.set_stringn(x + 1, y, c.candidates[i], left.saturating_sub(1), style);
        x = nx + 1;
    }
    if k + 1 < pages.len() {
        buf.set_stringn(area.x + area.width - 1, y, ">", 1, t.status);
    }
}
