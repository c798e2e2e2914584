//! The scrub of decoded strings: JSON escapes and Markdown entities turn into characters after
//! the file text was neutralised, so every field is made safe again.

use crate::article::Article;
use crate::text::sanitize::{clean_line, stand_in};
use std::path::PathBuf;

pub fn scrub(article: &mut Article) {
    let mut changed: Vec<&str> = Vec::new();
    let mut note = |name: &'static str, hit: bool| {
        if hit && !changed.contains(&name) {
            changed.push(name);
        }
    };
    note("title", fix(&mut article.title));
    for (name, field) in [
        ("date", &mut article.date),
        ("date_iso", &mut article.date_iso),
        ("source", &mut article.source),
        ("dateline", &mut article.dateline),
    ] {
        note(name, field.as_mut().is_some_and(fix));
    }
    for a in &mut article.authors {
        note("authors", fix(a));
    }
    for b in &mut article.blocks {
        note("blocks", fix(&mut b.text));
    }
    for r in &mut article.related {
        note("related", fix(&mut r.title));
        // A related path is shown before it is resolved, and a real file name holds no controls.
        if let Some(p) = r.path.as_mut() {
            let mut s = p.to_string_lossy().into_owned();
            if fix(&mut s) {
                *p = PathBuf::from(s);
                note("related", true);
            }
        }
    }
    for f in &mut article.footer {
        note("footer", fix(f));
    }
    for l in &mut article.links {
        note("links", fix(&mut l.text) | fix(&mut l.url));
    }
    if !changed.is_empty() {
        article.warnings.push(format!(
            "escaped control characters neutralised in {}",
            changed.join(", ")
        ));
    }
}

/// Cleans `s` in place; true when anything changed. Allocates only when something must change.
fn fix(s: &mut String) -> bool {
    let unsafe_char = |c: char| c == '\t' || stand_in(c).is_some();
    if !s.chars().any(unsafe_char) {
        return false;
    }
    *s = clean_line(s);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_names_changed_fields() {
        let mut a = Article {
            title: "ok".into(),
            authors: vec!["x\u{1b}[2J".into()],
            ..Article::default()
        };
        scrub(&mut a);
        assert_eq!(a.authors, ["x\u{241B}[2J"]);
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].ends_with("authors"));
    }
}
