//! The character encoding of a saved page: its byte-order mark, else `<meta charset>` or the
//! `http-equiv` content type near the top, else UTF-8 when the bytes are UTF-8 and
//! Windows-1252 when they are not (what a page saved from an old site usually is).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page the `<meta>` declaring the encoding is looked for (the HTML standard
/// asks for it within the first 1024 bytes; saved pages put comments first, so a little more).
const PRESCAN: usize = 4096;

/// `bytes` decoded to UTF-8 text, and a warning when the encoding was not UTF-8.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let (encoding, rest) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (enc, &bytes[bom..]),
        None => match declared(&bytes[..bytes.len().min(PRESCAN)]) {
            Some(enc) => (enc, bytes),
            None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
            None => (guess_invalid(bytes), bytes),
        },
    };
    // A page declaring UTF-16 in its meta is ASCII-compatible bytes after all (the standard
    // says to read it as UTF-8).
    let encoding = if encoding.is_ascii_compatible() || Encoding::for_bom(bytes).is_some() {
        encoding
    } else {
        UTF_8
    };
    let (text, _) = encoding.decode_without_bom_handling(rest);
    let note = (encoding != UTF_8).then(|| format!("decoded from {}", encoding.name()));
    (text.into_owned(), note)
}

/// Undeclared bytes that are not UTF-8: Windows-1252 unless they are mostly valid UTF-8 with a
/// few bad bytes (a truncated or damaged UTF-8 page), which stays UTF-8 with replacements.
fn guess_invalid(bytes: &[u8]) -> &'static Encoding {
    let mut bad = 0usize;
    let mut multi = 0usize;
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multi += s.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                multi += rest[..good].iter().filter(|b| **b >= 0xC0).count();
                bad += 1;
                rest = &rest[good + e.error_len().unwrap_or(rest.len() - good).max(1)..];
            }
        }
    }
    if multi > bad * 4 { UTF_8 } else { WINDOWS_1252 }
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in `head` names, when encoding_rs knows the label.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + k;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = memchr::memmem::find(tag, b"charset") {
            let value = &tag[at + 7..];
            let value = value
                .iter()
                .position(|b| !matches!(b, b' ' | b'=' | b'"' | b'\''))
                .map_or(&value[value.len()..], |p| &value[p..]);
            let len = value
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                .unwrap_or(value.len());
            // Only a `charset` followed by `=` counts (not `charset` inside another word).
            if tag[at + 7..].iter().find(|b| **b != b' ') == Some(&b'=')
                && let Some(enc) = Encoding::for_label(&value[..len])
            {
                return Some(enc);
            }
        }
        from = end.max(start + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_decides() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title>";
        let (text, note) = decode(page);
        assert!(text.contains("Café"), "{text}");
        assert_eq!(note.as_deref(), Some("decoded from windows-1252"));
    }

    #[test]
    fn http_equiv_content_type_decides() {
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>\
                     <p>Ume\xe5 \x80</p>";
        let (text, _) = decode(page);
        // ISO-8859-1 is read as Windows-1252 (as browsers do), so 0x80 is the euro sign.
        assert!(text.contains("Umeå €"), "{text}");
    }

    #[test]
    fn bom_wins_over_meta() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=windows-1252><p>Øster</p>".as_bytes());
        let (text, note) = decode(&page);
        assert!(text.contains("<p>Øster</p>") && !text.starts_with('\u{feff}'));
        assert_eq!(note, None);
    }

    #[test]
    fn undeclared_bytes_are_utf8_else_windows_1252() {
        assert_eq!(
            decode("<p>Veldmark – Ostervik</p>".as_bytes()).0,
            "<p>Veldmark – Ostervik</p>"
        );
        let (text, note) = decode(b"<p>\x93Quoted\x94 caf\xe9</p>");
        assert_eq!(text, "<p>\u{201c}Quoted\u{201d} café</p>");
        assert!(note.is_some());
        // Mostly UTF-8 with one broken byte stays UTF-8.
        let mut damaged = "é".repeat(50).into_bytes();
        damaged.push(0xFF);
        assert!(decode(&damaged).0.starts_with("éé"));
    }
}
