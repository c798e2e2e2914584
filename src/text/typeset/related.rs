//! The boxed section after the body: related links, backlinks and URLs, then the credits.

use super::body::LinkNumbers;
use super::wrap;
use super::{Line, Names, Page, Span, Tag, Target, blank, plain};
use crate::article::Article;

/// Numbers the page's links, before anything is set: related headlines `[1]`… first, then the
/// article's links in their order (in the text and in the Links list alike). Their targets
/// open the page's target list, in that order; what the body needs to mark its links comes back.
pub fn number_links(article: &Article, names: &Names<'_>, page: &mut Page) -> LinkNumbers {
    let first_target = page.targets.len();
    for (k, r) in article.related.iter().enumerate() {
        page.targets.push(Target::Related {
            number: k + 1,
            title: shown_title(r, names),
            path: r.path.clone(),
            url: r.url.clone(),
        });
    }
    let first_number = article.related.len() + 1;
    for (k, l) in article.links.iter().enumerate() {
        page.targets.push(Target::Url {
            number: first_number + k,
            url: l.url.clone(),
        });
    }
    LinkNumbers {
        first_number,
        first_target: first_target + article.related.len(),
    }
}

/// Appends the related box and the footer of `article` to `page`, whose first targets are the
/// related headlines and links [`number_links`] made. A related headline that resolves to a
/// library article shows that article's own title (`names` names it).
pub fn lay_out(article: &Article, width: usize, names: &Names<'_>, page: &mut Page) {
    let mut rows: Vec<Line> = Vec::new();
    let inner = width.saturating_sub(4).max(1);
    let mut number = 0;
    if !article.related.is_empty() {
        for (t, r) in article.related.iter().enumerate() {
            number += 1;
            // The title `number_links` found for the target.
            let shown = match page.targets.get(t) {
                Some(Target::Related { title, .. }) => title.clone(),
                _ => r.title.clone(),
            };
            let (text, tag) = match &r.path {
                Some(_) => (shown, Tag::Link),
                None => (unbroken_note(&r.title, names.unresolved), Tag::Unresolved),
            };
            entry(
                &mut rows,
                &format!("[{number}] "),
                &text,
                tag,
                Some(t),
                inner,
            );
        }
    }
    if !article.backlinks.is_empty() {
        section(&mut rows, "Linked from", inner);
        for p in &article.backlinks {
            let t = page.targets.len();
            page.targets.push(Target::Backlink(p.clone()));
            let name = (names.title_of)(p).unwrap_or_else(|| crate::sanitize::shown(p));
            entry(&mut rows, "← ", &name, Tag::Link, Some(t), inner);
        }
    }
    if !article.links.is_empty() {
        section(&mut rows, "Links", inner);
        for (k, l) in article.links.iter().enumerate() {
            number += 1;
            let t = article.related.len() + k;
            // The URL as the article gives it may hold anything: shown, it never holds a
            // control character.
            let url = crate::sanitize::clean_line(&l.url);
            let label = if l.text.is_empty() || l.text == l.url {
                url
            } else {
                format!("{} — {url}", l.text)
            };
            entry(
                &mut rows,
                &format!("[{number}] "),
                &label,
                Tag::Link,
                Some(t),
                inner,
            );
        }
    }
    if !rows.is_empty() {
        blank(&mut page.lines);
        boxed(
            &mut page.lines,
            if article.related.is_empty() {
                ""
            } else {
                "Related"
            },
            rows,
            width,
        );
    }
    if !article.footer.is_empty() {
        blank(&mut page.lines);
        for f in &article.footer {
            plain(&mut page.lines, f, width, Tag::Dim, None);
        }
    }
}

/// The headline a related entry is shown under: the title of the library article it resolves
/// to, else its own words.
fn shown_title(r: &crate::article::Related, names: &Names<'_>) -> String {
    r.path
        .as_deref()
        .and_then(names.title_of)
        .unwrap_or_else(|| r.title.clone())
}

/// `title` and `note` with the note tied to the title's last word by no-break spaces, so the
/// note never wraps onto a line of its own (the spaces are plain again once wrapped).
fn unbroken_note(title: &str, note: &str) -> String {
    let tied = note.replace(' ', NBSP);
    if title.is_empty() {
        tied
    } else {
        format!("{title}{NBSP}{tied}")
    }
}

/// Ties words together through wrapping.
const NBSP: &str = "\u{a0}";

/// A section title inside the box, after a blank row when something precedes it.
fn section(rows: &mut Vec<Line>, title: &str, inner: usize) {
    if !rows.is_empty() {
        rows.push(Line::default());
    }
    plain(rows, title, inner, Tag::Frame, None);
}

/// A numbered entry with a hanging indent; every span of it points at target `t`.
fn entry(rows: &mut Vec<Line>, lead: &str, text: &str, tag: Tag, t: Option<usize>, inner: usize) {
    // A label may come from text that kept its line breaks (a link around preformatted text):
    // one line of words here.
    let text = text
        .split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.as_str();
    let mut indent = lead.chars().count();
    let mut lead = lead;
    if inner < indent + 2 {
        // Too narrow for a hanging indent (a wide character needs two columns): the number
        // on a line of its own, the text below it at the full width.
        rows.push(Line {
            spans: vec![Span {
                text: lead.trim_end().to_string(),
                tag: Tag::Dim,
                target: None,
            }],
            block: None,
        });
        (indent, lead) = (0, "");
    }
    for (k, w) in wrap::wrap(text, inner.saturating_sub(indent).max(2), tag, &[], false)
        .into_iter()
        .enumerate()
    {
        let first = if k == 0 {
            lead.to_string()
        } else {
            " ".repeat(indent)
        };
        let mut spans = vec![Span {
            text: first,
            tag: Tag::Dim,
            target: None,
        }];
        spans.extend(w.spans.into_iter().map(|s| Span {
            text: if s.text.contains(NBSP) {
                s.text.replace(NBSP, " ")
            } else {
                s.text
            },
            target: t,
            ..s
        }));
        rows.push(Line { spans, block: None });
    }
}

/// The narrowest page a box is drawn on: a frame and one column of text.
const MIN_BOX_WIDTH: usize = 6;

/// Frames `rows` in a rounded box `width` columns wide with `title` in the top edge.
fn boxed(lines: &mut Vec<Line>, title: &str, rows: Vec<Line>, width: usize) {
    let frame = |text: String| Span {
        text,
        tag: Tag::Frame,
        target: None,
    };
    if width < MIN_BOX_WIDTH {
        // Too narrow for a frame around anything: the rows alone, so no line is wider than
        // the page.
        lines.extend(rows);
        return;
    }
    let mut label = if title.is_empty() {
        String::new()
    } else {
        format!(" {title} ")
    };
    let mut label_w = unicode_width::UnicodeWidthStr::width(label.as_str());
    if label_w + 3 > width {
        // The title does not fit in the top edge: the edge alone.
        label.clear();
        label_w = 0;
    }
    let top = format!(
        "╭─{}{}╮",
        label,
        "─".repeat(width.saturating_sub(3 + label_w))
    );
    lines.push(Line {
        spans: vec![frame(top)],
        block: None,
    });
    for mut row in rows {
        let used: usize = row
            .spans
            .iter()
            .map(|s| unicode_width::UnicodeWidthStr::width(s.text.as_str()))
            .sum();
        let pad = width.saturating_sub(4 + used);
        row.spans.insert(0, frame("│ ".into()));
        row.spans.push(Span {
            text: " ".repeat(pad),
            tag: Tag::Body,
            target: None,
        });
        row.spans.push(frame(" │".into()));
        lines.push(row);
    }
    lines.push(Line {
        spans: vec![frame(format!("╰{}╯", "─".repeat(width - 2)))],
        block: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Link, Related};

    #[test]
    fn a_link_label_with_line_breaks_is_one_line_of_words() {
        let article = Article {
            links: vec![Link {
                text: "pre\nformatted\n  text".into(),
                url: "https://example.org/x".into(),
                at: None,
            }],
            ..Article::default()
        };
        let mut page = Page::default();
        lay_out(&article, 60, &Names::none(), &mut page);
        let all: String = page
            .lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.text.as_str()))
            .collect();
        assert!(!all.contains('\n'), "{all:?}");
        assert!(all.contains("pre formatted text"), "{all:?}");
    }

    #[test]
    fn the_box_is_never_wider_than_the_page() {
        let article = Article {
            related: vec![
                Related {
                    title: "東京 harbor pilots 大阪 walk out".into(),
                    path: None,
                    url: None,
                },
                Related {
                    title: "Ferry".into(),
                    path: Some("x.txt".into()),
                    url: None,
                },
            ],
            links: (0..10)
                .map(|i| Link {
                    text: format!("東京 link {i}"),
                    url: format!("https://example.org/{i}"),
                    at: None,
                })
                .collect(),
            ..Article::default()
        };
        for width in usize::from(super::super::MIN_WIDTH)..=40 {
            let mut page = Page::default();
            lay_out(&article, width, &Names::none(), &mut page);
            for l in &page.lines {
                let text: String = l.spans.iter().map(|s| s.text.as_str()).collect();
                let cols = unicode_width::UnicodeWidthStr::width(text.as_str());
                assert!(cols <= width, "{cols} > {width}: {text:?}");
            }
            let all: String = page
                .lines
                .iter()
                .flat_map(|l| l.spans.iter().map(|s| s.text.as_str()))
                .collect();
            let squeezed: String = all
                .chars()
                .filter(|c| !c.is_whitespace() && !"│╭╮╰╯─".contains(*c))
                .collect();
            for text in ["東京harborpilots大阪walkout", "Ferry", "東京link9"] {
                assert!(
                    squeezed.contains(text),
                    "{text} lost at {width}: {squeezed}"
                );
            }
        }
    }
}
