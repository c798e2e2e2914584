//! The `--print` renderer: a typeset page as plain or coloured text.

pub mod ansi;

use crate::article::Article;
use crate::text::typeset::{self, Names, Options, Page};
use crate::theme::Theme;

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

/// Renders a typeset page (left-aligned: a printed page needs no centring margin).
pub fn page_to_string(page: &Page, theme: Option<&Theme>) -> String {
    // Room for full lines, so a long page does not regrow its output as it goes.
    let mut out = String::with_capacity(page.lines.len() * (usize::from(page.text_width) + 1));
    for line in &page.lines {
        // Each line is written straight into `out`, then its trailing whitespace cut off.
        let start = out.len();
        for span in &line.spans {
            match theme {
                Some(t) => ansi::paint(&mut out, &span.text, t.tag(span.tag)),
                None => out.push_str(&span.text),
            }
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
    }
    out
}
