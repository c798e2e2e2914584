//! The `--print` renderer: a typeset page as plain or coloured text.

pub mod ansi;

use crate::article::Article;
use crate::text::typeset::{self, Options, Page};
use crate::ui::theme::Theme;
use std::fmt::Write;
use std::path::Path;

/// Renders `article` at `opts` as text lines; with a theme, styled with ANSI SGR sequences.
/// `title_of` names the articles that link here.
pub fn print(
    article: &Article,
    opts: &Options,
    theme: Option<&Theme>,
    title_of: &dyn Fn(&Path) -> Option<String>,
) -> String {
    let page = typeset::typeset_with(article, opts, title_of);
    page_to_string(&page, theme)
}

/// Renders a typeset page (left-aligned: a printed page needs no centring margin).
pub fn page_to_string(page: &Page, theme: Option<&Theme>) -> String {
    let mut out = String::new();
    for line in &page.lines {
        let mut text = String::new();
        for span in &line.spans {
            match theme {
                Some(t) => ansi::paint(&mut text, &span.text, t.tag(span.tag)),
                None => text.push_str(&span.text),
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
    out
}
