//! Static-site template tags in Markdown (Liquid `{% … %}` and `{{ … }}`, Hugo shortcodes
//! `{{< … >}}` and `{{% … %}}`): taken out of the text before it is read, so none shows raw.
//!
//! A few tags carry something worth keeping and are replaced rather than removed: a `highlight`
//! pair on lines of their own becomes a code fence, a `figure` shortcode (or an `include` of a
//! figure or image) becomes a Markdown image with its caption as title, a link tag inside a link
//! target (`{% link p.md %}`, `{% post_url name %}`, `{{< ref "p" >}}`) becomes its target, and
//! a `{% raw %}` passage keeps its text as written. Code blocks and inline code are left alone.

use pulldown_cmark::{Event, Options, Parser, Tag};
use std::ops::Range;

/// The longest a tag may be, closers included; a longer run is not a tag.
const MAX_TAG: usize = 2000;
/// How far back a link target's opening `](` is looked for.
const IN_TARGET_MAX: usize = 300;

/// The Markdown text with its template tags taken out, and how many were.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Stripped {
    /// The text to read instead.
    pub text: String,
    /// Tags removed or replaced.
    pub removed: usize,
}

/// Takes the template tags out of Markdown `body`; `None` when it has none. Its code is found
/// reading it in pieces of about `piece` bytes.
pub(super) fn strip(body: &str, opts: Options, piece: usize) -> Option<Stripped> {
    let finder_pct = memchr::memmem::find(body.as_bytes(), b"{%");
    let finder_brace = memchr::memmem::find(body.as_bytes(), b"{{");
    if finder_pct.is_none() && finder_brace.is_none() {
        return None;
    }
    let code = code_ranges(body, opts, piece);
    let mut s = Scan {
        body,
        out: String::with_capacity(body.len()),
        removed: 0,
        next: [
            Closer::new("%}"),
            Closer::new(">}}"),
            Closer::new("%}}"),
            Closer::new("}}"),
        ],
    };
    let mut i = 0;
    let mut code = code.iter().peekable();
    while let Some(k) = memchr::memchr(b'{', &body.as_bytes()[i..]).map(|k| i + k) {
        while code.peek().is_some_and(|r| r.end <= k) {
            code.next();
        }
        if let Some(r) = code.peek().filter(|r| r.start <= k) {
            s.out.push_str(&body[i..r.end]);
            i = r.end;
            continue;
        }
        s.out.push_str(&body[i..k]);
        i = match s.tag_at(k) {
            Some(end) => end,
            None => {
                s.out.push('{');
                k + 1
            }
        };
    }
    s.out.push_str(&body[i..]);
    (s.removed > 0).then_some(Stripped {
        text: s.out,
        removed: s.removed,
    })
}

/// Byte ranges of code blocks and inline code, in order, read a piece at a time (links do not
/// change where code is, so no definitions are needed).
fn code_ranges(body: &str, opts: Options, piece: usize) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for part in super::pieces::split(body, opts, piece) {
        let at = part.start;
        for (event, range) in Parser::new_ext(&body[part], opts).into_offset_iter() {
            if matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)) {
                let range = at + range.start..at + range.end;
                // Nested events (a code span in a heading) come after their container: keep
                // order.
                if ranges.last().is_none_or(|l| l.end <= range.start) {
                    ranges.push(range);
                }
            }
        }
    }
    ranges
}

/// Where the next closer of one kind stands, so that looking for it stays linear however many
/// openers there are.
struct Closer {
    pat: &'static str,
    /// A searcher built once: building one for every opener costs more than the search.
    finder: memchr::memmem::Finder<'static>,
    /// The closer's next position at or after the last search start; `usize::MAX` when there is
    /// no more.
    at: Option<usize>,
}

impl Closer {
    fn new(pat: &'static str) -> Self {
        Closer {
            pat,
            finder: memchr::memmem::Finder::new(pat.as_bytes()),
            at: None,
        }
    }

    /// The first closer at or after `from`.
    fn find(&mut self, body: &str, from: usize) -> Option<usize> {
        if self.at.is_none_or(|a| a < from) {
            self.at = Some(
                self.finder
                    .find(&body.as_bytes()[from..])
                    .map_or(usize::MAX, |k| from + k),
            );
        }
        self.at.filter(|&a| a != usize::MAX)
    }
}

struct Scan<'a> {
    body: &'a str,
    out: String,
    removed: usize,
    /// Closers of `{% %}`, `{{< >}}`, `{{% %}}` and `{{ }}`.
    next: [Closer; 4],
}

impl Scan<'_> {
    /// Reads a tag opening at byte `k` (a `{`): writes what replaces it and returns the byte after
    /// it, or `None` when no tag opens there.
    fn tag_at(&mut self, k: usize) -> Option<usize> {
        let body = self.body;
        let rest = &body[k..];
        let (which, open_len) = if rest.starts_with("{%") {
            (0, 2)
        } else if rest.starts_with("{{<") {
            (1, 3)
        } else if rest.starts_with("{{%") {
            (2, 3)
        } else if rest.starts_with("{{") {
            (3, 2)
        } else {
            return None;
        };
        let closer = &mut self.next[which];
        let close_len = closer.pat.len();
        let c = closer.find(body, k + open_len)?;
        let end = c + close_len;
        let inner = &body[k + open_len..c];
        if end - k > MAX_TAG || inner.contains("\n\n") || inner.contains("\r\n\r\n") {
            return None;
        }
        self.removed += 1;
        // Whitespace control (`{%-`, `-%}`) and shortcode markers are not part of the words.
        let inner = inner.trim().trim_matches('-').trim();
        let mut words = inner.split_whitespace();
        let name = words.next().unwrap_or("").trim_start_matches('/');
        let closing = inner.starts_with('/') || name.starts_with("end");
        let name = name.strip_prefix("end").unwrap_or(name);
        match (which, name) {
            (0, "raw") if !closing => return Some(self.raw(end)),
            (0..=2, "highlight") => {
                if let Some(line_end) = self.alone_on_line(k, end) {
                    let lang = if closing {
                        ""
                    } else {
                        words.next().unwrap_or("")
                    };
                    self.out.push_str("```");
                    self.out.push_str(lang.trim_matches('"'));
                    if body[..line_end].ends_with('\n') {
                        self.out.push('\n');
                    }
                    return Some(line_end);
                }
            }
            (0, "include") | (1 | 2, "figure" | "img" | "image")
                if which != 0 || inner.contains("figure") || inner.contains("image") =>
            {
                if let Some(md) = figure(inner) {
                    self.out.push_str(&md);
                    return Some(end);
                }
            }
            (0, "link" | "post_url") | (1 | 2, "ref" | "relref") if self.in_target() => {
                if let Some(target) = words.next() {
                    self.out.push_str(target.trim_matches(['"', '\'']));
                    return Some(end);
                }
            }
            _ => {}
        }
        Some(self.alone_on_line(k, end).unwrap_or(end))
    }

    /// When the tag from `k` to `end` is the only thing on its line, drops the line's indent
    /// already written and returns the byte after the line's newline, so that no empty line
    /// is left where the tag stood.
    fn alone_on_line(&mut self, k: usize, end: usize) -> Option<usize> {
        let b = self.body.as_bytes();
        // Only the blanks next to the tag are looked at, so a long line of tags stays linear.
        let blank = |c: &u8| *c == b' ' || *c == b'\t' || *c == b'\r';
        let indent = b[..k].iter().rev().take_while(|c| blank(c)).count();
        if k > indent && b[k - indent - 1] != b'\n' {
            return None;
        }
        let trail = b[end..].iter().take_while(|c| blank(c)).count();
        let line_end = match b.get(end + trail) {
            None => b.len(),
            Some(b'\n') => end + trail + 1,
            Some(_) => return None,
        };
        self.out.truncate(self.out.len().saturating_sub(indent));
        Some(line_end)
    }

    /// Whether the output ends inside a link target: `](` then no blank or closing bracket, at
    /// most a short way back.
    fn in_target(&self) -> bool {
        let b = self.out.as_bytes();
        for (i, &c) in b.iter().enumerate().rev().take(IN_TARGET_MAX) {
            match c {
                b'(' => return i > 0 && b[i - 1] == b']',
                b' ' | b'\t' | b'\n' | b')' => return false,
                _ => {}
            }
        }
        false
    }

    /// Copies a `{% raw %}` passage from `from` as written up to its `{% endraw %}`, removes
    /// that tag too, and returns the byte after it (the end of the text when it is missing).
    fn raw(&mut self, from: usize) -> usize {
        let body = self.body;
        let Some(e) = memchr::memmem::find(&body.as_bytes()[from..], b"endraw").map(|e| from + e)
        else {
            self.out.push_str(&body[from..]);
            return body.len();
        };
        let open = body[from..e].rfind("{%").map_or(e, |o| from + o);
        let close = body[e..].find("%}").map_or(body.len(), |c| e + c + 2);
        self.out.push_str(&body[from..open]);
        self.removed += 1;
        close
    }
}

/// A figure shortcode or include as a Markdown image: `![alt](<src> "caption")`; `None` without
/// a source.
fn figure(inner: &str) -> Option<String> {
    let param = |names: &[&str]| names.iter().find_map(|n| param(inner, n));
    let src = param(&["src", "image", "file", "url", "path"])?;
    let alt = param(&["alt"]).unwrap_or_default();
    let caption = param(&["caption", "title", "description"]).unwrap_or_default();
    let alt = alt.replace(['[', ']'], "");
    let src = src.replace(['<', '>', '\n'], "");
    let caption = caption.replace('"', "\\\"");
    Some(if caption.is_empty() {
        format!("![{alt}](<{src}>)")
    } else {
        format!("![{alt}](<{src}> \"{caption}\")")
    })
}

/// The value of `name="…"` (or `'…'`) in a tag's inside.
fn param(inner: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(p) = inner[from..].find(name).map(|p| from + p) {
        from = p + name.len();
        let before_ok = inner[..p]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = inner[from..].trim_start();
        let Some(after) = after.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        if !before_ok {
            continue;
        }
        let q = after.chars().next()?;
        if q == '"' || q == '\'' {
            let end = after[1..].find(q)?;
            return Some(after[1..1 + end].to_string());
        }
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        return Some(after[..end].to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(body: &str) -> (String, usize) {
        match strip(body, Options::empty(), super::super::pieces::PIECE) {
            Some(st) => (st.text, st.removed),
            None => (body.to_string(), 0),
        }
    }

    #[test]
    fn tags_of_every_kind_go() {
        let (t, n) = s("Hello {{ page.author }}, from {% if x %}Kessel{% endif %}.\n");
        assert_eq!(t, "Hello , from Kessel.\n");
        assert_eq!(n, 3);
        let (t, n) =
            s("A {{< note >}}boxed{{< /note >}} and {{% aside %}}side{{% /aside %}} word\n");
        assert_eq!(t, "A boxed and side word\n");
        assert_eq!(n, 4);
    }

    #[test]
    fn a_tag_alone_on_its_line_takes_the_line() {
        let (t, _) = s("First line\n  {% include ad.html %}\nSecond line\n");
        assert_eq!(t, "First line\nSecond line\n");
    }

    #[test]
    fn code_is_left_alone() {
        let body = "Text {{ x }}\n\n```\n{{ keep }}\n```\n\nand `{% keep %}` inline\n";
        let (t, n) = s(body);
        assert_eq!(n, 1);
        assert_eq!(
            t,
            "Text \n\n```\n{{ keep }}\n```\n\nand `{% keep %}` inline\n"
        );
    }

    #[test]
    fn link_targets_keep_their_target() {
        let (t, _) = s(
            "[a]({{ site.baseurl }}/2024/x.html) [b]({% link _posts/b.md %}) \
                         [c]({{< ref \"c.md\" >}})\n",
        );
        assert_eq!(t, "[a](/2024/x.html) [b](_posts/b.md) [c](c.md)\n");
        // Outside a target the same tag is just removed.
        assert_eq!(s("See {% post_url 2024-01-01-x %} now\n").0, "See  now\n");
    }

    #[test]
    fn highlight_becomes_a_fence_and_raw_keeps_its_text() {
        let (t, _) = s("{% highlight ruby %}\nputs 1\n{% endhighlight %}\n");
        assert_eq!(t, "```ruby\nputs 1\n```\n");
        let (t, n) = s("Show {% raw %}{{ page.title }}{% endraw %} here\n");
        assert_eq!(t, "Show {{ page.title }} here\n");
        assert_eq!(n, 2);
    }

    #[test]
    fn figure_shortcodes_become_images() {
        let (t, _) = s(
            "{{< figure src=\"/img/pier.jpg\" alt=\"The pier\" caption=\"Pier at \\\"dawn\\\"\" >}}\n",
        );
        assert!(
            t.starts_with("![The pier](</img/pier.jpg> \"Pier at"),
            "{t}"
        );
        let (t, _) = s("{% include image.html url=\"b.png\" description=\"Low tide\" %}\n");
        assert_eq!(t, "![](<b.png> \"Low tide\")\n");
        let (t, _) = s("{% include figure.html image=\"a.png\" caption='Calm sea' %}\n");
        assert_eq!(t, "![](<a.png> \"Calm sea\")\n");
    }

    #[test]
    fn unclosed_and_huge_runs_are_text() {
        assert_eq!(s("a {{ b\n").0, "a {{ b\n");
        assert_eq!(s("a {{ b\n\nc }} d\n").0, "a {{ b\n\nc }} d\n");
        let many = "{%".repeat(500_000);
        assert_eq!(s(&many).0, many);
        let many = format!("{}%}}", "{% ".repeat(500_000));
        let (t, _) = s(&many);
        assert!(t.len() >= many.len() - MAX_TAG);
    }

    #[test]
    fn long_lines_of_tags_are_read_in_one_pass() {
        // Hundreds of thousands of tags on one line, and of link tags in one target: each is
        // removed, and the work stays linear (a quadratic scan would not finish here).
        let line = format!("x{}y\n", "{{ a }}".repeat(200_000));
        let (t, n) = s(&line);
        assert_eq!((t.as_str(), n), ("xy\n", 200_000));
        let links = format!("[a]({})\n", "{% link p %}".repeat(20_000));
        let (t, n) = s(&links);
        assert_eq!(n, 20_000);
        assert!(t.starts_with("[a](pp"));
    }
}
