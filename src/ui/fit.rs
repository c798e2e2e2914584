//! Fitting text into columns: width-aware cutting with an ellipsis, measured with unicode-width.

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

/// `text` cut to at most `width` columns, ending in `…` when it was cut. Linear in the text.
pub fn ellipsis(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    // Only the first `width + 1` columns matter: a 5 MB title costs no more than a short one.
    let mut out = String::new();
    let mut used = 0;
    let mut cut_at = None;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            cut_at = Some(i);
            break;
        }
        used += w;
    }
    let Some(_) = cut_at else {
        out.push_str(text);
        return out;
    };
    // Cut so that the text plus `…` fits in `width`.
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` on at most two lines of `width` columns: the words that fit on the first (a word
/// longer than the line is cut), the rest on the second, cut with `…`. Only the first two
/// lines' worth of the text is read: a 5 MB title costs no more than a short one.
pub fn two_lines(text: &str, width: usize) -> (String, String) {
    if width == 0 {
        return (String::new(), String::new());
    }
    let mut used = 0;
    let mut space = None;
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            end = i;
            break;
        }
        if c == ' ' {
            space = Some(i);
        }
        used += w;
    }
    if end == text.len() {
        return (text.to_string(), String::new());
    }
    let cut = if text[end..].starts_with(' ') {
        end
    } else {
        space.filter(|&s| s > 0).unwrap_or(end)
    };
    let first = text[..cut].trim_end();
    let rest = text[cut..].trim_start_matches(' ');
    (first.to_string(), ellipsis(rest, width))
}

/// Columns `text` takes.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Short text broken into lines of at most `width` columns at spaces (words cut when too long).
pub fn wrap_words(text: &str, width: u16) -> Vec<String> {
    let w = usize::from(width.max(1));
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        let word = ellipsis(word, w);
        let need = if cur.is_empty() { 0 } else { 1 } + width_of(&word);
        if width_of(&cur) + need > w && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn width_of(s: &str) -> usize {
    s.width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsis_counts_wide_characters_as_two_columns() {
        assert_eq!(ellipsis("日本語の記事", 5), "日本…");
        assert_eq!(width(&ellipsis("日本語の記事", 5)), 5);
        assert_eq!(ellipsis("short", 10), "short");
        assert_eq!(ellipsis("exactly", 7), "exactly");
        assert_eq!(ellipsis("toolong", 6), "toolo…");
        assert_eq!(ellipsis("x", 0), "");
    }

    #[test]
    fn two_lines_break_at_a_space_and_cut_the_rest() {
        assert_eq!(
            two_lines("Harbor pilots walk out as talks collapse", 14),
            ("Harbor pilots".into(), "walk out as t…".into())
        );
        assert_eq!(two_lines("Short", 14), ("Short".into(), String::new()));
        assert_eq!(
            two_lines("Exactly fourteen", 16),
            ("Exactly fourteen".into(), String::new())
        );
        // A break right after the first line's last word.
        assert_eq!(two_lines("abcd efgh", 4), ("abcd".into(), "efgh".into()));
        // One long word: cut mid-word, the rest on the second line.
        assert_eq!(
            two_lines("Unbreakableword", 6),
            ("Unbrea".into(), "kable…".into())
        );
        assert_eq!(
            two_lines("日本語の記事です", 5),
            ("日本".into(), "語の…".into())
        );
        assert_eq!(two_lines("x", 0), (String::new(), String::new()));
    }

    #[test]
    fn wrap_words_breaks_at_spaces() {
        assert_eq!(
            wrap_words("terminal too small", 8),
            ["terminal", "too", "small"]
        );
        assert_eq!(wrap_words("terminal too small", 3), ["te…", "too", "sm…"]);
    }
}
