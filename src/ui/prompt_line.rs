//! The one way a prompt's text is drawn (filter, find and search alike): as much as fits,
//! the end of a long text where the typing is, and the cursor always in view.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

/// What of a prompt's text fits in its room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// The text to draw, with `…` where it was cut at either end.
    pub text: String,
    /// The column of the cursor in `text`, when there is a cursor.
    pub cursor: Option<usize>,
}

/// The part of `text` to draw in `room` columns with the cursor at character `cursor` (`None`
/// for a prompt that no longer takes keys). A text that does not fit shows its end; when the
/// cursor is left of that end, the part from the cursor on. A cursor at the end takes a column
/// of its own. Control and bidi characters are drawn as their visible stand-ins.
pub fn window(text: &str, cursor: Option<usize>, room: usize) -> Window {
    let chars: Vec<(char, usize)> = text
        .chars()
        .map(|c| {
            let c = crate::sanitize::stand_in(c).unwrap_or(c);
            (c, c.width().unwrap_or(0))
        })
        .collect();
    let n = chars.len();
    let cur = cursor.map(|c| c.min(n));
    let end_cell = usize::from(cur == Some(n));
    let cols = |a: usize, b: usize| chars[a..b].iter().map(|&(_, w)| w).sum::<usize>();
    let take = |a: usize, b: usize| chars[a..b].iter().map(|&(c, _)| c).collect::<String>();
    if cols(0, n) + end_cell <= room {
        return Window {
            text: take(0, n),
            cursor: cur.map(|c| cols(0, c)),
        };
    }
    // The end of the text, after a `…`.
    let avail = room.saturating_sub(1);
    let mut start = n;
    let mut used = end_cell;
    while start > 0 && used + chars[start - 1].1 <= avail {
        start -= 1;
        used += chars[start].1;
    }
    match cur {
        Some(c) if c < start => {
            // The cursor is left of the end shown: show from the start when the cursor is
            // near it, else from the cursor on, cut at both ends.
            let c = if cols(0, c + 1) < room { 0 } else { c };
            let lead = usize::from(c > 0);
            let avail = room.saturating_sub(lead + 1);
            let mut end = c;
            let mut used = 0;
            while end < n && used + chars[end].1 <= avail {
                used += chars[end].1;
                end += 1;
            }
            let mut text = String::new();
            if lead == 1 {
                text.push('…');
            }
            text.push_str(&take(c, end));
            text.push('…');
            Window {
                text,
                cursor: cur.map(|k| lead + cols(c, k)),
            }
        }
        _ => Window {
            text: format!("…{}", take(start, n)),
            cursor: cur.map(|c| 1 + cols(start, c)),
        },
    }
}

/// Draws `text` with its cursor at (`x`, `y`) in at most `room` columns: the text in `style`,
/// the cell under the cursor in `cursor_style`. Returns the columns used.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    room: usize,
    text: &str,
    cursor: Option<usize>,
    style: Style,
    cursor_style: Style,
) -> usize {
    if room == 0 {
        return 0;
    }
    let w = window(text, cursor, room);
    let (end, _) = buf.set_stringn(x, y, &w.text, room, style);
    let mut used = usize::from(end - x);
    if let Some(col) = w.cursor.filter(|&c| c < room) {
        let cx = x + col as u16;
        if col >= used {
            buf.set_stringn(cx, y, " ", 1, cursor_style);
            used = col + 1;
        } else if let Some(cell) = buf.cell_mut((cx, y)) {
            cell.set_style(cursor_style);
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    fn win(text: &str, cursor: Option<usize>, room: usize) -> (String, Option<usize>) {
        let w = window(text, cursor, room);
        (w.text, w.cursor)
    }

    #[test]
    fn a_short_text_is_shown_whole_with_the_cursor_where_it_is() {
        assert_eq!(win("pilots", Some(6), 20), ("pilots".into(), Some(6)));
        assert_eq!(win("pilots", Some(2), 20), ("pilots".into(), Some(2)));
        assert_eq!(win("pilots", None, 6), ("pilots".into(), None));
    }

    #[test]
    fn a_long_text_shows_its_end_where_the_typing_is() {
        // Ten columns: `…`, eight characters and the cursor's own cell.
        let (text, cursor) = win("harbor pilots walk out", Some(22), 10);
        assert_eq!(text, "…walk out");
        assert_eq!(cursor, Some(9));
        assert!(crate::ui::fit::width(&text) < 10);
    }

    #[test]
    fn a_cursor_left_of_the_end_stays_in_view() {
        let (text, cursor) = win("harbor pilots walk out", Some(11), 10);
        assert_eq!(text, "…ts walk …");
        assert_eq!(cursor, Some(1));
        assert_eq!(text.chars().nth(1), Some('t'), "the cursor is on the t");
        // Near the start, the start is shown.
        let (text, cursor) = win("harbor pilots walk out", Some(7), 10);
        assert_eq!((text.as_str(), cursor), ("harbor pi…", Some(7)));
        let (text, cursor) = win("harbor pilots walk out", Some(0), 10);
        assert_eq!((text.as_str(), cursor), ("harbor pi…", Some(0)));
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let (text, cursor) = win("港口港口港口", Some(6), 6);
        assert_eq!(text, "…港口");
        assert_eq!(cursor, Some(5));
    }

    #[test]
    fn control_and_bidi_characters_are_drawn_as_stand_ins() {
        let (text, _) = win("a\u{202e}b", None, 10);
        assert_eq!(text, "a\u{2425}b");
    }

    #[test]
    fn draw_marks_the_cursor_cell() {
        use ratatui::layout::Rect;
        use ratatui::style::{Color, Style};
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let cur = Style::default().bg(Color::Red);
        let used = draw(&mut buf, 0, 0, 12, "ferry", Some(1), Style::default(), cur);
        assert_eq!(used, 5);
        assert_eq!(buf[(1, 0)].symbol(), "e");
        assert_eq!(buf[(1, 0)].bg, Color::Red);
        assert_ne!(buf[(0, 0)].bg, Color::Red);
        let used = draw(&mut buf, 0, 0, 12, "ferry", Some(5), Style::default(), cur);
        assert_eq!(used, 6, "a cursor at the end takes a cell of its own");
        assert_eq!(buf[(5, 0)].bg, Color::Red);
    }
}
