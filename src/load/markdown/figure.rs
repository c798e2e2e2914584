//! Pictures written as HTML inside Markdown: `<figure>` with `<img>` and `<figcaption>`, or a
//! lone `<img>`, read into an image and its caption.

/// What an HTML block says about a picture.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Figure {
    /// The first `<img>`: its alt text and source, as written (entities decoded).
    pub image: Option<(String, String)>,
    /// The text of `<figcaption>`, tags taken out, whitespace collapsed.
    pub caption: Option<String>,
}

/// The picture an HTML block holds, or `None` when it holds no `<img>` and no `<figcaption>`.
pub(super) fn read(html: &str) -> Option<Figure> {
    let lower = html.to_ascii_lowercase();
    let mut fig = Figure::default();
    if let Some(i) = find_tag(&lower, "img", 0) {
        let end = lower[i..].find('>').map_or(html.len(), |e| i + e);
        let tag = &html[i..end];
        if let Some(src) = attr(tag, "src").filter(|s| !s.trim().is_empty()) {
            let alt = attr(tag, "alt").unwrap_or_default();
            fig.image = Some((crate::text::collapse(&alt), src.trim().to_string()));
        }
    }
    if let Some(i) = find_tag(&lower, "figcaption", 0) {
        let start = lower[i..].find('>').map_or(html.len(), |e| i + e + 1);
        let end = lower[start..]
            .find("</figcaption")
            .map_or(html.len(), |e| start + e);
        let text = crate::text::collapse(&decode(&strip_tags(&html[start..end])));
        fig.caption = Some(text).filter(|t| !t.is_empty());
    }
    (fig.image.is_some() || fig.caption.is_some()).then_some(fig)
}

/// Byte offset of the first `<name` tag (followed by a space, `/` or `>`) at or after `from` in
/// lower-cased `html`.
fn find_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let pat = format!("<{name}");
    let mut at = from;
    while let Some(i) = lower[at..].find(&pat).map(|i| at + i) {
        let next = lower[i + pat.len()..].chars().next();
        if next.is_none_or(|c| c.is_whitespace() || c == '/' || c == '>') {
            return Some(i);
        }
        at = i + pat.len();
    }
    None
}

/// The value of attribute `name` inside one tag's text, entities decoded.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find(name).map(|i| at + i) {
        at = i + name.len();
        let before = lower[..i].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[at..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(decode(value));
    }
    None
}

/// `html` without its tags.
pub(super) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The common character references decoded; others are kept as written.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_with_image_and_caption() {
        let f = read(
            "<figure class=\"wide\">\n  <IMG SRC='img/quay.jpg' alt=\"Boats at the &amp; quay\">\n  \
             <figcaption>The quay at <em>low</em> tide. Photo: Ana Ruiz</figcaption>\n</figure>\n",
        )
        .unwrap();
        assert_eq!(
            f.image,
            Some(("Boats at the & quay".into(), "img/quay.jpg".into()))
        );
        assert_eq!(
            f.caption.as_deref(),
            Some("The quay at low tide. Photo: Ana Ruiz")
        );
    }

    #[test]
    fn other_html_is_no_figure() {
        assert_eq!(read("<div class=\"ad\">Buy</div>"), None);
        assert_eq!(read("<imgur>x</imgur>"), None);
        // An image without a source is no picture.
        assert_eq!(read("<img alt=\"x\">"), None);
    }

    #[test]
    fn references_decode_but_unknown_ones_stay() {
        assert_eq!(
            decode("a &lt;b&gt; &#65;&#x42; &bogus; &"),
            "a <b> AB &bogus; &"
        );
    }
}
