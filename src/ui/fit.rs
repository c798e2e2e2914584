//! Fitting text into columns: width-aware cutting with an ellipsis, measured with unicode-width.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

/// `text` with every absolute path in it (a word starting `/` or `~/`, maybe after an opening
/// bracket or quote) cut to its file name (`/home/ana/.local/state/byline/state.json` →
/// `state.json`): what a one-line message shows when the full paths do not fit, so the name
/// that matters is never the part an ellipsis cuts off.
pub fn file_names(text: &str) -> Cow<'_, str> {
    let is_path = |w: &str| {
        let w = w.trim_start_matches(['(', '[', '"', '\'', '“', '‘']);
        (w.starts_with('/') || w.starts_with("~/")) && w.len() > 1
    };
    if !text.split(' ').any(is_path) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if !is_path(word) {
            out.push_str(word);
            continue;
        }
        let open = word.len()
            - word
                .trim_start_matches(['(', '[', '"', '\'', '“', '‘'])
                .len();
        // Punctuation that ends the sentence or closes a bracket is not part of the name.
        let body =
            word[open..].trim_end_matches([')', ']', ',', ';', ':', '.', '"', '\'', '”', '’']);
        let close = &word[open + body.len()..];
        let name = body
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(body);
        out.push_str(&word[..open]);
        out.push_str(if name.is_empty() { body } else { name });
        out.push_str(close);
    }
    Cow::Owned(out)
}

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

/// `text` with what stands in round brackets cut to `(…)` (`state.json was unusable (expected
/// value at line 1 column 1)` → `state.json was unusable (…)`): a one-line message's reasons
/// give way first when it does not fit, so what happened and to which file still shows.
pub fn brief(text: &str) -> Cow<'_, str> {
    if !text.contains('(') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    out.push_str("(…");
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(')');
                }
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        out.push(')');
    }
    Cow::Owned(out)
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
    fn paths_are_cut_to_their_file_names() {
        let msg = "/home/ana/.local/state/byline/state.json was unusable (bad entry); moved it \
                   to /home/ana/.local/state/byline/state.json.corrupt-1764921 and started afresh.";
        assert_eq!(
            file_names(msg),
            "state.json was unusable (bad entry); moved it to state.json.corrupt-1764921 and \
             started afresh."
        );
        assert_eq!(
            file_names("(~/news/a.txt), “/tmp/b.md”;"),
            "(a.txt), “b.md”;"
        );
        assert!(matches!(file_names("no paths / here"), Cow::Borrowed(_)));
        assert_eq!(
            file_names("the folder /srv/news/ moved"),
            "the folder news moved"
        );
    }

    #[test]
    fn reasons_in_brackets_give_way() {
        assert_eq!(
            brief("a.json was unusable (bad (nested) value); moved"),
            "a.json was unusable (…); moved"
        );
        assert_eq!(brief("open (never closed"), "open (…)");
        assert!(matches!(brief("no brackets"), Cow::Borrowed(_)));
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
