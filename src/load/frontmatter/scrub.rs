//! The scrub of decoded strings: JSON escapes and Markdown entities turn into characters after
//! the file text was neutralised, so every field is made safe again.

use crate::article::{Article, BlockKind};
use crate::sanitize::{clean_line, clean_text, stand_in};
use std::path::PathBuf;

/// Makes every string field of `article` safe with [`clean_line`] (code blocks with
/// [`clean_text`], keeping their lines) and adds one warning naming the fields that changed.
/// Loaders that decode escapes (JSON `\u001b`, Markdown `&#27;`) call it last,
/// because the file text was neutralised before those escapes turned into characters.
pub fn scrub(article: &mut Article) {
    let mut changed: Vec<&str> = Vec::new();
    let mut note = |name: &'static str, hit: bool| {
        if hit && !changed.contains(&name) {
            changed.push(name);
        }
    };
    note("title", fix(&mut article.header.title));
    for (name, field) in [
        ("date", &mut article.header.date),
        ("date_iso", &mut article.header.date_iso),
        ("source", &mut article.header.source),
        ("dateline", &mut article.dateline),
        ("standfirst", &mut article.standfirst),
        ("datetime", &mut article.datetime),
        ("url", &mut article.header.url),
    ] {
        note(name, field.as_mut().is_some_and(fix));
    }
    for a in &mut article.header.authors {
        note("authors", fix(a));
    }
    for b in &mut article.blocks {
        // Code keeps its lines: only its newlines are safe to keep.
        let hit = if b.kind == BlockKind::Code {
            fix_text(&mut b.text)
        } else {
            fix(&mut b.text)
        };
        note("blocks", hit);
    }
    for t in &mut article.tags {
        note("tags", fix(t));
    }
    for i in &mut article.images {
        note("images", fix(&mut i.alt) | fix(&mut i.src));
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

/// [`fix`] for multi-line text: newlines stay.
fn fix_text<S: From<String> + std::ops::Deref<Target = str>>(s: &mut S) -> bool {
    let unsafe_char = |c: char| c == '\t' || (c != '\n' && stand_in(c).is_some());
    if !s.chars().any(unsafe_char) {
        return false;
    }
    *s = clean_text(s).into();
    true
}

/// Cleans `s` in place; true when anything changed. Allocates only when something must change.
fn fix<S: From<String> + std::ops::Deref<Target = str>>(s: &mut S) -> bool {
    let unsafe_char = |c: char| c == '\t' || stand_in(c).is_some();
    if !s.chars().any(unsafe_char) {
        return false;
    }
    *s = clean_line(s).into();
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_names_changed_fields() {
        let mut a = Article {
            header: crate::article::Header {
                title: "ok".into(),
                authors: vec!["x\u{1b}[2J".into()],
                ..Default::default()
            },
            ..Article::default()
        };
        scrub(&mut a);
        assert_eq!(a.header.authors, ["x\u{241B}[2J"]);
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].ends_with("authors"));
    }

    #[test]
    fn code_keeps_its_newlines_and_new_fields_are_scrubbed() {
        let mut a = Article {
            blocks: vec![
                crate::article::Block::new(BlockKind::Code, "let a = 1;\nlet b\u{1b} = 2;"),
                crate::article::Block::new(BlockKind::Code, "clean\ncode"),
            ],
            tags: vec!["t\u{7}".into()],
            standfirst: Some("dek\u{9b}".into()),
            ..Article::default()
        };
        scrub(&mut a);
        assert_eq!(a.blocks[0].text, "let a = 1;\nlet b\u{241B} = 2;");
        assert_eq!(a.blocks[1].text, "clean\ncode");
        assert_eq!(a.tags, ["t\u{2407}"]);
        assert_eq!(a.standfirst.as_deref(), Some("dek\u{2426}"));
        assert!(
            a.warnings[0].contains("standfirst, blocks, tags"),
            "{:?}",
            a.warnings
        );
    }
}
