//! Drawing the reader: one module per pane or overlay. Nothing here changes the
//! model: `render` reads an `&App` and writes cells.

pub(crate) mod command_line;
pub(crate) mod find_marks;
pub(crate) mod find_prompt;
pub(crate) mod fit;
mod help;
pub(crate) mod list;
pub(crate) mod list_prompt;
pub(crate) mod messages;
pub(crate) mod picture;
pub(crate) mod prompt_line;
pub(crate) mod reader;
pub(crate) mod scroll;
pub(crate) mod search;
pub(crate) mod skipped;
pub(crate) mod status;

pub use list::untitled_name;

use crate::app::{App, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// Draws the whole screen for `app`.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let panes =
        crate::app::layout::panes(area, app.zoom(), app.reader_focused(), app.list_look.width);
    let (Some(status_area), false) = (panes.status, panes.too_small()) else {
        too_small(app, frame, area);
        return;
    };
    if let Some(list_area) = panes.list {
        list::render(app, frame.buffer_mut(), list_area);
    }
    if let Some(reader_area) = panes.reader {
        reader::render(app, frame.buffer_mut(), reader_area);
    }
    status::render(app, frame.buffer_mut(), status_area);
    if app.mode() == Mode::Filter {
        list_prompt::render(app, frame.buffer_mut(), status_area);
    }
    if matches!(app.mode(), Mode::FindPrompt | Mode::Find) {
        find_prompt::render(app, frame.buffer_mut(), status_area);
    }
    if app.mode() == Mode::Command {
        command_line::render(app, frame.buffer_mut(), status_area);
        command_line::render_candidates(app, frame.buffer_mut(), status_area);
    }
    if app.mode() == Mode::Search {
        search::render(app, frame.buffer_mut(), area);
    }
    if app.mode() == Mode::Skipped || (app.mode() == Mode::Help && app.help_from() == Mode::Skipped)
    {
        skipped::render(app, frame.buffer_mut(), area);
    }
    if app.mode() == Mode::Messages {
        messages::render(app, frame.buffer_mut(), area);
    }
    if app.mode() == Mode::Help {
        help::render(app, frame.buffer_mut(), area);
    }
}

/// The notice drawn when no pane fits; it is cut to whatever room there is.
fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = "terminal too small";
    let lines: Vec<ratatui::text::Line> = fit::wrap_words(text, area.width)
        .into_iter()
        .map(ratatui::text::Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines).style(app.theme.error), area);
}
