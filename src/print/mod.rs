//! The `--print` renderer: a typeset page as plain or coloured text.

mod ansi;

use crate::article::Article;
use crate::text::hyperlink;
use crate::text::typeset::{self, Names, Options, Page};
use crate::theme::Theme;
use std::io;

/// Renders `article` at `opts` as text lines; with a theme, styled with ANSI SGR sequences.
/// `names` names the articles that link here.
pub fn print(
    article: &Article,
    opts: &Options,
    theme: Option<&Theme>,
    names: &Names<'_>,
) -> String {
    let page = typeset::typeset_with(article, opts, names);
    page_to_string(&page, theme)
}

/// Writes `article` as [`print`] renders it to `out`, a stretch of the page at a time: however
/// long the article, only one stretch's lines and text are held at once.
pub fn write(
    article: &Article,
    opts: &Options,
    theme: Option<&Theme>,
    names: &Names<'_>,
    out: &mut impl io::Write,
) -> io::Result<()> {
    let mut text = String::new();
    typeset::typeset_in_parts(article, opts, names, |part| {
        text.clear();
        push_lines(&mut text, part, theme);
        out.write_all(text.as_bytes())
    })
}

/// Renders a typeset page (left-aligned: a printed page needs no centring margin). With a theme
/// (`--color always`) links are OSC 8 hyperlinks as well, so a terminal can make them clickable.
pub fn page_to_string(page: &Page, theme: Option<&Theme>) -> String {
    // Room for full lines, so a long page does not regrow its output as it goes.
    let mut out = String::with_capacity(page.lines.len() * (usize::from(page.text_width) + 1));
    push_lines(&mut out, page, theme);
    out
}

/// Appends the lines of `page` to `out` as [`page_to_string`] renders them.
fn push_lines(out: &mut String, page: &Page, theme: Option<&Theme>) {
    for line in &page.lines {
        // Each line is written straight into `out`, then its trailing whitespace cut off.
        let start = out.len();
        // The hyperlink open on this line: its target.
        let mut open: Option<usize> = None;
        for span in &line.spans {
            let Some(t) = theme else {
                out.push_str(&span.text);
                continue;
            };
            if open.is_some() && open != span.target {
                out.push_str(hyperlink::CLOSE);
                open = None;
            }
            if open.is_none()
                && let Some(target) = span.target
                && let Some(url) = page.hyperlink(target)
            {
                out.push_str(&hyperlink::open(&url, target));
                open = Some(target);
            }
            ansi::paint(out, &span.text, t.tag(span.tag));
        }
        if open.is_some() {
            out.push_str(hyperlink::CLOSE);
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
    }
}
