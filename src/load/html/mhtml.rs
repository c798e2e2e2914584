//! Web archives (`.mhtml`, `.mht`): a browser's "Save page as… single file" writes the page
//! and its pictures as one MIME message (`multipart/related`), the page's HTML in one part
//! (usually quoted-printable) and each picture in another, named by its address
//! (`Content-Location`) or a `cid:` identifier. The message is read with `mail-parser`; the
//! page part is read as any saved page, and its pictures that the archive holds become
//! `data:` URIs, so they show without the network. The archive's `Subject` stands in for a
//! page with no title of its own, and `Snapshot-Content-Location` for one with no address.

use crate::article::Article;
use anyhow::{Result, bail};
use base64::Engine as _;
use mail_parser::{MessageParser, MimeHeaders, PartType};

/// How far into a file the MIME headers that mark a web archive are looked for.
const HEADERS: usize = 16 << 10;

/// Whether `bytes` start like a web archive: MIME headers (no markup before them) naming a
/// `multipart/related` message or an HTML body.
pub fn is_archive(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEADERS)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let end = find(head, b"\r\n\r\n")
        .or_else(|| find(head, b"\n\n"))
        .unwrap_or(head.len());
    let headers = &head[..end];
    if headers.first().is_none_or(|b| !b.is_ascii_alphabetic()) {
        return false;
    }
    let lower = headers.to_ascii_lowercase();
    let has = |s: &[u8]| find(&lower, s).is_some();
    has(b"content-type:") && (has(b"multipart/related") || has(b"text/html"))
}

/// The position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A web archive taken apart: its page and what the archive says about it.
pub struct Archive {
    /// The page's HTML, decoded from its transfer encoding and character set.
    pub html: String,
    /// The page's address (`Snapshot-Content-Location`, else the page part's location).
    pub location: Option<String>,
    /// The message's subject (the page's title when it was saved).
    pub subject: Option<String>,
    /// The pictures the archive holds: (location or `cid:` name, MIME type, bytes).
    pictures: Vec<(String, String, Vec<u8>)>,
}

/// Takes a web archive apart; a truncated one gives what it holds.
pub fn unpack(bytes: &[u8]) -> Result<Archive> {
    let Some(message) = MessageParser::default().parse(bytes) else {
        bail!("not a readable web archive (MIME message)");
    };
    if message.html_part(0).is_none()
        && let Some(boundary) = message
            .root_part()
            .content_type()
            .and_then(|ct| ct.attribute("boundary"))
    {
        // A truncated archive (a list row reads only its start) lacks its closing boundary,
        // and the part it cuts is not given: close the message and read it again.
        let mut closed = bytes.to_vec();
        closed.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        if let Some(m) = MessageParser::default().parse(&closed)
            && m.html_part(0).is_some()
        {
            return read(&m);
        }
    }
    read(&message)
}

/// The archive's parts, read from its parsed message.
fn read(message: &mail_parser::Message<'_>) -> Result<Archive> {
    let Some(page) = message.html_part(0) else {
        bail!("the web archive holds no HTML page");
    };
    let html = match &page.body {
        PartType::Html(t) | PartType::Text(t) => t.to_string(),
        _ => String::from_utf8_lossy(page.contents()).into_owned(),
    };
    let location = message
        .header_raw("Snapshot-Content-Location")
        .map(|s| s.trim().to_string())
        .or_else(|| page.content_location().map(str::to_string))
        .filter(|s| !s.is_empty());
    let subject = message
        .subject()
        .map(str::to_string)
        .filter(|s| !s.trim().is_empty());
    let mut pictures = Vec::new();
    for part in &message.parts {
        let Some(ct) = part.content_type() else {
            continue;
        };
        if !ct.ctype().eq_ignore_ascii_case("image") {
            continue;
        }
        let mime = format!("image/{}", ct.subtype().unwrap_or("octet-stream"));
        let body = part.contents().to_vec();
        if body.is_empty() {
            continue;
        }
        if let Some(loc) = part.content_location() {
            pictures.push((loc.trim().to_string(), mime.clone(), body.clone()));
        }
        if let Some(id) = part.content_id() {
            let id = id.trim().trim_start_matches('<').trim_end_matches('>');
            pictures.push((format!("cid:{id}"), mime, body));
        }
    }
    Ok(Archive {
        html,
        location,
        subject,
        pictures,
    })
}

/// Reads a whole web archive as an article.
pub fn parse(bytes: &[u8]) -> Result<Article> {
    let archive = unpack(bytes)?;
    // The message's CRLF line ends are the archive's, not the page's.
    let html = archive.html.replace("\r\n", "\n");
    let clean = crate::sanitize::decode(html.as_bytes())?;
    let mut article = super::parse_at(&clean.text, archive.location.as_deref())?;
    let mut warnings = clean.warnings;
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    if article.header.title.is_empty()
        && let Some(subject) = &archive.subject
    {
        article.header.title = crate::sanitize::clean_line(subject);
    }
    let base = article.header.url.clone().or(archive.location.clone());
    for image in &mut article.images {
        let joined = super::url::join(base.as_deref(), &image.src);
        let found = archive
            .pictures
            .iter()
            .find(|(loc, _, _)| *loc == image.src || *loc == joined);
        if let Some((_, mime, body)) = found {
            let encoded = base64::engine::general_purpose::STANDARD.encode(body);
            image.src = format!("data:{mime};base64,{encoded}");
        }
    }
    Ok(article)
}

/// The page of a web archive's first bytes, for a list row: the part of the page that the
/// prefix holds, with the subject standing in for a missing title.
pub fn head_page(prefix: &[u8]) -> Option<(String, Option<String>, Option<String>)> {
    let archive = unpack(prefix).ok()?;
    Some((archive.html, archive.subject, archive.location))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small archive as a browser writes one: the page quoted-printable, one picture in
    /// base64 named by its address, one by a content id.
    fn archive(title_tag: &str) -> Vec<u8> {
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=3D\"utf-8\">{title_tag}</head><body><artic=\n\
             le><h1>Ferry timetable to change in spring</h1><p>The harbour board said the new =\n\
             timetable would add two sailings =E2=80=94 one early, one late.</p>\
             <img src=3D\"https://news.example/pics/quay.png\" alt=3D\"The quay\">\
             <img src=3D\"cid:map@archive\" alt=3D\"The map\">\
             <p><a href=3D\"/2026/ferries/older.html\">Earlier story</a></p></article></body></html>"
        );
        format!(
            "From: <Saved by a browser>\r\n\
             Snapshot-Content-Location: https://news.example/2026/ferries/timetable.html\r\n\
             Subject: =?utf-8?Q?Ferry_timetable_=E2=80=94_Coast_News?=\r\n\
             MIME-Version: 1.0\r\n\
             Content-Type: multipart/related; type=\"text/html\"; boundary=\"----B\"\r\n\
             \r\n\
             ------B\r\n\
             Content-Type: text/html\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\
             Content-Location: https://news.example/2026/ferries/timetable.html\r\n\
             \r\n\
             {page}\r\n\
             ------B\r\n\
             Content-Type: image/png\r\n\
             Content-Transfer-Encoding: base64\r\n\
             Content-Location: https://news.example/pics/quay.png\r\n\
             \r\n\
             iVBORw0KGgo=\r\n\
             ------B\r\n\
             Content-Type: image/gif\r\n\
             Content-Transfer-Encoding: base64\r\n\
             Content-ID: <map@archive>\r\n\
             \r\n\
             R0lGODlh\r\n\
             ------B--\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn an_archive_is_recognised_by_its_headers_and_a_page_is_not() {
        assert!(is_archive(&archive("")));
        assert!(!is_archive(
            b"<!DOCTYPE html><html><p>Content-Type: multipart/related</p>"
        ));
        assert!(!is_archive(b"Subject: notes\n\nplain text about text/html"));
        assert!(!is_archive(b""));
    }

    #[test]
    fn the_page_part_is_decoded_and_read_as_a_saved_page() {
        let a = parse(&archive("")).unwrap();
        // No <title> in the page: the h1 gives the title.
        assert_eq!(a.header.title, "Ferry timetable to change in spring");
        let text: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            text.iter().any(|t| t
                .contains("The harbour board said the new timetable would add two sailings — one early, one late.")),
            "{text:?}"
        );
        // The page's address comes from the archive, and relative links are joined to it.
        assert_eq!(
            a.header.url.as_deref(),
            Some("https://news.example/2026/ferries/timetable.html")
        );
        assert!(
            a.links
                .iter()
                .any(|l| l.url == "https://news.example/2026/ferries/older.html"),
            "{:?}",
            a.links
        );
    }

    #[test]
    fn pictures_held_in_the_archive_become_data_uris() {
        let a = parse(&archive("")).unwrap();
        let srcs: Vec<&str> = a.images.iter().map(|i| i.src.as_str()).collect();
        assert_eq!(
            srcs,
            vec![
                "data:image/png;base64,iVBORw0KGgo=",
                "data:image/gif;base64,R0lGODlh"
            ]
        );
    }

    #[test]
    fn the_subject_stands_in_only_for_a_missing_title() {
        let (_, subject, _) = head_page(&archive("")).unwrap();
        assert_eq!(subject.as_deref(), Some("Ferry timetable — Coast News"));
        // A page with a heading keeps its own title.
        let titled = parse(&archive("<title>Own title</title>")).unwrap();
        assert_eq!(titled.header.title, "Ferry timetable to change in spring");
        // A page with neither heading nor title takes the subject.
        let bare = b"Subject: Tide tables for the week\r\n\
            Content-Type: text/html; charset=utf-8\r\n\r\n\
            <html><body><p>High water at six, low water at noon, the almanac says.</p></body></html>";
        let a = parse(bare).unwrap();
        assert_eq!(a.header.title, "Tide tables for the week");
        assert!(a.blocks.iter().any(|b| b.text.as_str().contains("almanac")));
    }

    #[test]
    fn a_truncated_archive_gives_what_it_holds() {
        let bytes = archive("");
        let cut = &bytes[..bytes.len() * 2 / 3];
        let a = parse(cut).unwrap();
        assert_eq!(a.header.title, "Ferry timetable to change in spring");
        assert!(parse(b"Content-Type: multipart/related; boundary=x\r\n\r\n--x--").is_err());
    }
}
