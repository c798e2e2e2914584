//! Find highlights in the reading pane: which characters of a line are matches, and a span cut
//! into marked and unmarked pieces.

use crate::app::App;
use ratatui::style::Style;
use std::ops::Range;

/// The marked character ranges of page line `line` and their styles (the current match also
/// gets the link-focus style, so it stands out among the others).
pub fn on_line(app: &App, line: usize) -> Vec<(Range<usize>, Style)> {
    let Some(f) = app.reading().find() else {
        return Vec::new();
    };
    let t = &app.theme;
    let current = f.current.and_then(|c| f.matches.get(c));
    f.on_line(line)
        .iter()
        .map(|m| {
            let style = if Some(m) == current {
                t.matched.patch(t.link_focus)
            } else {
                t.matched
            };
            (m.start..m.end, style)
        })
        .collect()
}

/// `text`, which starts at character `col` of its line, cut where `marks` begin and end: each
/// piece with the style to patch over it, if any.
pub fn pieces<'a>(
    text: &'a str,
    col: usize,
    marks: &[(Range<usize>, Style)],
) -> Vec<(&'a str, Option<Style>)> {
    if marks.is_empty() {
        return vec![(text, None)];
    }
    let mut out = Vec::new();
    let mut piece_start = 0;
    let mut current: Option<Style> = None;
    for (k, (byte, _)) in text.char_indices().enumerate() {
        let c = col + k;
        let mark = marks.iter().find(|(r, _)| r.contains(&c)).map(|(_, s)| *s);
        if k == 0 {
            current = mark;
        } else if mark != current {
            out.push((&text[piece_start..byte], current));
            piece_start = byte;
            current = mark;
        }
    }
    out.push((&text[piece_start..], current));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_cut_where_marks_begin_and_end() {
        let s = Style::default().bold();
        let marks = vec![(7..10, s)];
        // The span starts at column 5 of its line: "ab" unmarked, "cde" marked, "f" unmarked.
        let p = pieces("abcdef", 5, &marks);
        assert_eq!(p, vec![("ab", None), ("cde", Some(s)), ("f", None)]);
        assert_eq!(pieces("abc", 0, &[]), vec![("abc", None)]);
    }
}
