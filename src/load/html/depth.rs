//! A bound on how deep a page's tags nest, applied before the HTML parser sees it.
//!
//! The HTML5 tree builder looks down the stack of open elements for many tags, so a page
//! nested a hundred thousand `<div>`s deep takes time growing with the square of its depth
//! (minutes). No real page nests more than a few dozen deep: a cheap scan of the tags keeps
//! count, and start tags past [`MAX_DEPTH`] (with their end tags) are left out. Their text is
//! kept. The count follows the tags the parser closes by itself (`<p>` before a block,
//! `<li>` before `<li>`, …) closely enough that ordinary pages are passed through untouched.

use std::borrow::Cow;

/// The deepest nesting passed to the parser.
pub const MAX_DEPTH: usize = 512;

/// Elements without an end tag.
fn void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "frame"
            | "basefont"
            | "isindex"
    )
}

/// Elements whose content is raw text up to their end tag.
fn raw(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "plaintext"
    )
}

/// Block starts that close an open `<p>`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "div"
            | "dl"
            | "fieldset"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
    )
}

/// `html` with start tags nested deeper than [`MAX_DEPTH`] (and their end tags) removed;
/// borrowed, untouched, when nothing nests that deep.
pub fn bound(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut dropped: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let start = i + k;
        let rest = &b[start + 1..];
        if rest.starts_with(b"!--") {
            i = memchr::memmem::find(&rest[3..], b"-->").map_or(b.len(), |e| start + 4 + e + 3);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_from = start + 1 + usize::from(end_tag);
        let name_len = b[name_from..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_from].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_from..name_from + name_len].to_ascii_lowercase();
        let close = tag_end(b, name_from + name_len);
        let self_closing = close >= 2 && b[close - 2] == b'/';
        let mut drop = false;
        if end_tag {
            if let Some(n) = dropped.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                drop = true;
            } else if let Some(at) = stack.iter().rev().take(64).position(|s| *s == name) {
                stack.truncate(stack.len() - 1 - at);
            }
        } else if !void(&name) && !self_closing {
            // The tags the parser closes by itself before this one.
            if closes_p(&name) || matches!(name.as_str(), "li" | "dt" | "dd") {
                pop_if(&mut stack, &["p"]);
            }
            match name.as_str() {
                "li" => pop_to(&mut stack, &["li"], &["ul", "ol"]),
                "dt" | "dd" => pop_to(&mut stack, &["dt", "dd"], &["dl"]),
                "td" | "th" => pop_to(&mut stack, &["td", "th"], &["tr", "table"]),
                "tr" => {
                    pop_to(&mut stack, &["td", "th"], &["tr", "table"]);
                    pop_to(&mut stack, &["tr"], &["table"]);
                }
                "option" => pop_if(&mut stack, &["option"]),
                _ => {}
            }
            // Raw text elements are always kept: dropping one would show its insides as text.
            if stack.len() >= MAX_DEPTH && !raw(&name) {
                *dropped.entry(name.clone()).or_default() += 1;
                drop = true;
            } else {
                stack.push(name.clone());
            }
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = close;
        }
        i = close;
        if !end_tag && !drop && raw(&name) {
            // Skip to the end tag: nothing inside raw text is a tag.
            let lower_end = format!("</{name}");
            i = find_ci(&b[i..], lower_end.as_bytes()).map_or(b.len(), |e| i + e);
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(html),
    }
}

/// Pops the top of the stack while it is one of `names` (once).
fn pop_if(stack: &mut Vec<String>, names: &[&str]) {
    if stack.last().is_some_and(|t| names.contains(&t.as_str())) {
        stack.pop();
    }
}

/// Pops down to and including the nearest of `names` when it stands above any of `barriers`
/// (within the top few entries): the element the parser closes before opening a sibling.
fn pop_to(stack: &mut Vec<String>, names: &[&str], barriers: &[&str]) {
    for at in (0..stack.len()).rev().take(64) {
        let t = stack[at].as_str();
        if barriers.contains(&t) {
            return;
        }
        if names.contains(&t) {
            stack.truncate(at);
            return;
        }
    }
}

/// The index just past the `>` ending a tag whose name ends at `from` (quoted attribute
/// values may hold `>`).
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &c) in b[from..].iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return from + k + 1,
            _ => {}
        }
    }
    b.len()
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_untouched() {
        let mut page = String::from("<html><body><ul>");
        for _ in 0..2000 {
            page.push_str("<li><p>Item <b>bold</b><br><img src=a.png>");
        }
        page.push_str("</ul><script>if (a < b) { x = '<div>'; }</script>");
        for _ in 0..2000 {
            page.push_str("<p>Unclosed paragraph");
        }
        page.push_str("<table>");
        for _ in 0..2000 {
            page.push_str("<tr><td>a<td>b");
        }
        assert!(matches!(bound(&page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let n = 5000;
        let page = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let cut = bound(&page);
        assert_eq!(cut.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(cut.matches("</div>").count(), MAX_DEPTH);
        assert!(cut.contains("deep text"));
    }
}
