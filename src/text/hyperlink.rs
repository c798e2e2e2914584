//! OSC 8 hyperlinks: the escape sequences that make a link's words clickable in terminals that
//! support them, with the URL made safe to write inside one.
//!
//! A URL comes from the article, so it is untrusted: it could hold an escape or a bell that ends
//! the sequence early and writes the rest to the terminal as commands. Only absolute web and
//! mail addresses are emitted, and every byte that is not printable ASCII is percent-encoded, so
//! nothing but `!`…`~` ever stands between the sequence's two ends.

use std::fmt::Write;

/// Schemes a hyperlink may have: the web, file transfer and mail. A relative path, a
/// `javascript:` or `file:` address, or a `data:` URI is never made clickable.
const SCHEMES: [&str; 4] = ["https", "http", "ftp", "mailto"];

/// The longest URL (once encoded) emitted: terminals drop longer ones, some with a warning.
const MAX_LEN: usize = 2048;

/// The address a link opens: as written, but a bare `www.…` (as news text writes them) is a
/// web address, `https://www.…`.
pub fn web_address(url: &str) -> std::borrow::Cow<'_, str> {
    let t = url.trim();
    if t.len() > 4 && t[..4].eq_ignore_ascii_case("www.") {
        format!("https://{t}").into()
    } else {
        url.into()
    }
}

/// `url` made safe for an OSC 8 sequence (a bare `www.` address taken as [`web_address`]): trimmed, its scheme one of the allowed ones, and
/// every byte outside printable ASCII (controls, spaces, DEL, the bytes of any non-ASCII
/// character) percent-encoded. `None` when it must not be a hyperlink at all.
pub fn safe_url(url: &str) -> Option<String> {
    let url = web_address(url);
    let url = url.trim();
    let (scheme, rest) = url.split_once(':')?;
    if !SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)) || rest.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for &b in url.as_bytes() {
        if (0x21..=0x7e).contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        if out.len() > MAX_LEN {
            return None;
        }
    }
    Some(out)
}

/// The sequence that opens a hyperlink to `url` (already [`safe_url`]); `id` ties the pieces
/// of one link together (a link wrapped over two lines is one link to hover).
pub fn open(url: &str, id: usize) -> String {
    format!("\x1b]8;id=byline-{id};{url}\x1b\\")
}

/// The sequence that closes a hyperlink.
pub const CLOSE: &str = "\x1b]8;;\x1b\\";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_mail_addresses_pass_with_their_unsafe_bytes_encoded() {
        assert_eq!(
            safe_url(" https://example.org/a?b=1#c ").as_deref(),
            Some("https://example.org/a?b=1#c")
        );
        assert_eq!(
            safe_url("https://example.org/Kø benhavn").as_deref(),
            Some("https://example.org/K%C3%B8%20benhavn")
        );
        assert_eq!(
            safe_url("http://x.test/\x1b]8;;evil\x07\x1b\\\u{7f}").as_deref(),
            Some("http://x.test/%1B]8;;evil%07%1B\\%7F")
        );
        assert_eq!(
            safe_url("MAILTO:desk@example.org").as_deref(),
            Some("MAILTO:desk@example.org")
        );
        assert_eq!(
            safe_url("https://example.org/\u{202e}gpj").as_deref(),
            Some("https://example.org/%E2%80%AEgpj")
        );
    }

    #[test]
    fn a_bare_www_address_is_a_web_address() {
        assert_eq!(
            web_address("www.example.org/a"),
            "https://www.example.org/a"
        );
        assert_eq!(web_address("https://example.org"), "https://example.org");
        assert_eq!(web_address("../www.md"), "../www.md");
        assert_eq!(
            safe_url("WWW.example.org").as_deref(),
            Some("https://WWW.example.org")
        );
    }

    #[test]
    fn other_schemes_relative_paths_and_huge_urls_are_never_links() {
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "../2026/ferry.md",
            "www",
            "https:",
            "",
        ] {
            assert_eq!(safe_url(url), None, "{url}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_LEN));
        assert_eq!(safe_url(&long), None);
    }

    #[test]
    fn nothing_but_printable_ascii_stands_inside_the_sequence() {
        let url = safe_url("https://example.org/\u{1b}\u{9c}\u{7}\n\t东").unwrap();
        let seq = open(&url, 3);
        let inner = &seq[2..seq.len() - 2];
        assert!(inner.bytes().all(|b| (0x20..=0x7e).contains(&b)), "{seq:?}");
        assert!(seq.starts_with("\x1b]8;id=byline-3;https://"));
        assert!(seq.ends_with("\x1b\\"));
    }
}
