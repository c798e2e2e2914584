//! The page header: headline, `By NAME · SOURCE`, readable date and reading time.

use super::{Line, Tag, blank, plain};
use crate::article::Article;

/// Appends the header lines of `article`.
pub fn lay_out(article: &Article, width: usize, lines: &mut Vec<Line>) {
    let reading = format!("{} min read", article.reading_minutes());
    lay_out_with(article, width, &reading, lines);
}

/// Appends the header lines of `article`, ending the date line with `note` (the reading time).
pub fn lay_out_with(article: &Article, width: usize, note: &str, lines: &mut Vec<Line>) {
    plain(lines, &article.header.title, width, Tag::Headline, None);
    if let Some(dek) = article
        .standfirst
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        plain(lines, dek, width, Tag::Standfirst, None);
    }
    let mut by = Vec::new();
    if !article.header.authors.is_empty() {
        by.push(format!("By {}", join_names(&article.header.authors)));
    }
    if let Some(s) = &article.header.source {
        by.push(s.clone());
    }
    if !by.is_empty() {
        plain(lines, &by.join(" · "), width, Tag::Byline, None);
    }
    let mut meta = Vec::new();
    if let Some(d) = readable_date(article) {
        meta.push(d);
    }
    meta.push(note.to_string());
    plain(lines, &meta.join(" · "), width, Tag::Meta, None);
    blank(lines);
}

/// `A`, `A and B`, `A, B and C`.
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {}", rest.join(", "), last),
    }
}

/// How the page header writes a date: `Thursday, January 8, 2026`.
const LONG_DATE: &str = "%A, %B %e, %Y";

/// `Thursday, January 8, 2026` from `date_iso`, else the date line as written.
pub fn readable_date(article: &Article) -> Option<String> {
    article
        .header
        .date_iso
        .as_deref()
        .and_then(long_date)
        .or_else(|| article.header.date.clone())
}

/// `2026-01-08` → `Thursday, January 8, 2026`.
pub fn long_date(iso: &str) -> Option<String> {
    crate::article::date::calendar::format_date(iso, LONG_DATE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_name_the_right_weekday() {
        assert_eq!(
            long_date("2026-01-08").as_deref(),
            Some("Thursday, January 8, 2026")
        );
        assert_eq!(
            long_date("2000-02-29").as_deref(),
            Some("Tuesday, February 29, 2000")
        );
        assert_eq!(long_date("2026-13-01"), None);
        assert_eq!(long_date("soon"), None);
    }

    #[test]
    fn names_join_like_a_byline() {
        let n = |v: &[&str]| {
            join_names(
                &v.iter()
                    .map(std::string::ToString::to_string)
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(n(&["Ana Ruiz"]), "Ana Ruiz");
        assert_eq!(n(&["A", "B"]), "A and B");
        assert_eq!(n(&["A", "B", "C"]), "A, B and C");
    }
}
