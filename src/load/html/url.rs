//! URLs of a saved page: relative links joined to the page's base, and the key two spellings
//! of one address share (for finding a linked page among the local articles).

/// The scheme of `s` (`https` of `https://…`), when it starts with one.
pub fn scheme(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let name = &s[..colon];
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(name)
}

/// `href` joined to `base` as a browser would (RFC 3986 reference resolution, without
/// percent-encoding repairs). Without a usable base (none, or not hierarchical) `href` comes
/// back as written, trimmed: a relative file path stays a relative file path.
pub fn join(base: Option<&str>, href: &str) -> String {
    let href = href.trim();
    if scheme(href).is_some() {
        return href.to_string();
    }
    let Some(base) = base.filter(|b| scheme(b).is_some() && b.contains("://")) else {
        return href.to_string();
    };
    let scheme_end = base.find("://").unwrap_or(0) + 3;
    let authority_end = base[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |k| scheme_end + k);
    let origin = &base[..authority_end];
    let base_path_and_query = &base[authority_end..];
    let base_no_frag = base_path_and_query
        .split('#')
        .next()
        .unwrap_or(base_path_and_query);
    let base_path = base_no_frag.split('?').next().unwrap_or(base_no_frag);
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{}//{rest}", &base[..scheme_end - 2]);
    }
    if href.is_empty() {
        return format!("{origin}{base_no_frag}");
    }
    if href.starts_with('#') {
        return format!("{origin}{base_no_frag}{href}");
    }
    if href.starts_with('?') {
        return format!("{origin}{base_path}{href}");
    }
    // Split off query and fragment so dot segments are removed from the path only.
    let tail_at = href.find(['?', '#']).unwrap_or(href.len());
    let (path, tail) = href.split_at(tail_at);
    let merged = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = base_path.rfind('/').map_or("/", |k| &base_path[..=k]);
        format!("{dir}{path}")
    };
    format!("{origin}{}{tail}", remove_dots(&merged))
}

/// A path with `.` and `..` segments removed (RFC 3986 §5.2.4).
fn remove_dots(path: &str) -> String {
    // Most paths have no dot segments: nothing to remove.
    if !path.starts_with('.') && !path.contains("/.") {
        return path.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The key under which two spellings of one web address meet: scheme (`http`/`https`),
/// `www.`, the fragment, tracking parameters (`utm_*`), a trailing `/` and a final
/// `index.html` do not matter, and the host is compared in lower case. `None` for what is not
/// an `http(s)` address.
pub fn key(url: &str) -> Option<String> {
    let url = url.trim();
    let s = scheme(url)?;
    if !(s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https")) {
        return None;
    }
    let rest = url[s.len() + 1..].strip_prefix("//")?;
    let rest = rest.split('#').next().unwrap_or(rest);
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (host, path) = match rest.find('/') {
        Some(k) => (&rest[..k], &rest[k..]),
        None => (rest, ""),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
        .unwrap_or(host);
    if host.is_empty() {
        return None;
    }
    let mut path = path.trim_end_matches('/');
    for index in ["/index.html", "/index.htm"] {
        if let Some(p) = path.strip_suffix(index) {
            path = p;
        }
    }
    let query: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("utm_"))
        .collect();
    let mut key = format!("{host}{path}");
    if !query.is_empty() {
        key.push('?');
        key.push_str(&query.join("&"));
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_a_browser() {
        let base = Some("https://news.example/world/2026/story.html?x=1#top");
        assert_eq!(
            join(base, "other.html"),
            "https://news.example/world/2026/other.html"
        );
        assert_eq!(
            join(base, "../a/b.html"),
            "https://news.example/world/a/b.html"
        );
        assert_eq!(join(base, "/root"), "https://news.example/root");
        assert_eq!(join(base, "//cdn.example/x"), "https://cdn.example/x");
        assert_eq!(
            join(base, "?y=2"),
            "https://news.example/world/2026/story.html?y=2"
        );
        assert_eq!(
            join(base, "#para"),
            "https://news.example/world/2026/story.html?x=1#para"
        );
        assert_eq!(
            join(base, "mailto:desk@news.example"),
            "mailto:desk@news.example"
        );
        assert_eq!(
            join(base, "./x/./y/../z"),
            "https://news.example/world/2026/x/z"
        );
        assert_eq!(join(Some("https://h.example"), "a"), "https://h.example/a");
        assert_eq!(join(base, "../../../../up"), "https://news.example/up");
    }

    #[test]
    fn without_a_base_relative_paths_stay_as_written() {
        assert_eq!(
            join(None, " ../2026/05/river.html "),
            "../2026/05/river.html"
        );
        assert_eq!(join(Some("not a url"), "a.html"), "a.html");
        assert_eq!(join(None, "https://x.example/a"), "https://x.example/a");
    }

    #[test]
    fn keys_ignore_what_does_not_name_another_page() {
        let k = key("https://www.Kessel-Post.example/news/ferry/?utm_source=rss#top");
        assert_eq!(k.as_deref(), Some("kessel-post.example/news/ferry"));
        assert_eq!(k, key("http://kessel-post.example/news/ferry"));
        assert_eq!(
            key("https://a.example/x/index.html"),
            key("https://a.example/x/")
        );
        assert_ne!(
            key("https://a.example/x?id=1"),
            key("https://a.example/x?id=2")
        );
        assert_eq!(key("mailto:a@b.example"), None);
        assert_eq!(key("relative/path.html"), None);
        assert_eq!(key("https:///nohost"), None);
    }
}
