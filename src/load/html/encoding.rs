//! The character encoding of a saved page: its byte-order mark, else `<meta charset>` or the
//! `http-equiv` content type near the top, else UTF-8 when the bytes are UTF-8 and
//! Windows-1252 when they are not (what a page saved from an old site usually is).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page the `<meta>` declaring the encoding is looked for (the HTML standard
/// asks for it within the first 1024 bytes; saved pages put comments first, so a little more).
const PRESCAN: usize = 4096;

/// `bytes` decoded to UTF-8 text (borrowed when they are UTF-8 already: a big page is not
/// copied once more), and a warning when the encoding was not UTF-8.
pub fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<String>) {
    let (encoding, rest) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (enc, &bytes[bom..]),
        None => match declared(&bytes[..bytes.len().min(PRESCAN)]) {
            Some(enc) => (enc, bytes),
            None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
            None => (guess_invalid(bytes), bytes),
        },
    };
    let encoding = ascii_compatible(encoding, bytes);
    let (text, _) = encoding.decode_without_bom_handling(rest);
    let note = (encoding != UTF_8).then(|| format!("decoded from {}", encoding.name()));
    (text, note)
}

/// Undeclared bytes that are not UTF-8: Windows-1252 unless they are mostly valid UTF-8 with a
/// few bad bytes (a truncated or damaged UTF-8 page), which stays UTF-8 with replacements.
fn guess_invalid(bytes: &[u8]) -> &'static Encoding {
    let mut guess = Guess::default();
    guess.piece(bytes, true);
    guess.encoding()
}

/// [`guess_invalid`]'s count, taken a piece of the page at a time.
#[derive(Default)]
struct Guess {
    /// Invalid sequences, and lead bytes of multi-byte characters in the valid runs.
    bad: usize,
    multi: usize,
    /// The bytes of a character the last piece ended inside.
    carry: Vec<u8>,
}

impl Guess {
    /// Counts the next `bytes` of the page; `last` when they end it.
    fn piece(&mut self, bytes: &[u8], last: bool) {
        let mut joined = std::mem::take(&mut self.carry);
        joined.extend_from_slice(bytes);
        let mut rest = joined.as_slice();
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.multi += s.bytes().filter(|b| *b >= 0xC0).count();
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    self.multi += rest[..good].iter().filter(|b| **b >= 0xC0).count();
                    if e.error_len().is_none() && !last {
                        // A character cut by the end of the piece: counted with the next.
                        self.carry = rest[good..].to_vec();
                        return;
                    }
                    self.bad += 1;
                    rest = &rest[good + e.error_len().unwrap_or(rest.len() - good).max(1)..];
                }
            }
        }
    }

    fn encoding(&self) -> &'static Encoding {
        if self.multi > self.bad * 4 {
            UTF_8
        } else {
            WINDOWS_1252
        }
    }
}

/// The encoding [`decode`] reads a page in, for a page whose bytes are not all UTF-8, found
/// without holding it: `start` is its first bytes (at least [`PRESCAN`], or all of it), and
/// `page` is read through to guess when the page declares none. Also how many bytes of
/// byte-order mark to skip.
pub fn of_invalid(
    start: &[u8],
    page: impl std::io::Read,
) -> std::io::Result<(&'static Encoding, usize)> {
    let (encoding, skip) = match Encoding::for_bom(start) {
        Some((enc, bom)) => (enc, bom),
        None => match declared(&start[..start.len().min(PRESCAN)]) {
            Some(enc) => (enc, 0),
            None => {
                let mut guess = Guess::default();
                let mut page = page;
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let n = match page.read(&mut buf) {
                        Ok(n) => n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    };
                    guess.piece(&buf[..n], n == 0);
                    if n == 0 {
                        break;
                    }
                }
                (guess.encoding(), 0)
            }
        },
    };
    Ok((ascii_compatible(encoding, start), skip))
}

/// A page declaring UTF-16 in its meta is ASCII-compatible bytes after all (the standard
/// says to read it as UTF-8); `start` is its first bytes.
fn ascii_compatible(encoding: &'static Encoding, start: &[u8]) -> &'static Encoding {
    if encoding.is_ascii_compatible() || Encoding::for_bom(start).is_some() {
        encoding
    } else {
        UTF_8
    }
}

/// The bytes `inner` reads, decoded from `encoding` to UTF-8 (bad bytes replaced) as they are
/// read: the same text as decoding them whole.
pub struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    /// The undecoded part of `input`.
    from: usize,
    /// Text decoded and not yet read, from `at`.
    text: Vec<u8>,
    at: usize,
    /// Whether `inner` has ended, and the decoder with it.
    ended: bool,
    done: bool,
}

/// How many bytes are read from the page at a time.
const PIECE: usize = 64 * 1024;

impl<R: std::io::Read> Decoding<R> {
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Decoding {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: Vec::new(),
            from: 0,
            text: Vec::new(),
            at: 0,
            ended: false,
            done: false,
        }
    }
}

impl<R: std::io::Read> std::io::Read for Decoding<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.text.len() {
            if self.done {
                return Ok(0);
            }
            if self.from == self.input.len() && !self.ended {
                self.input.resize(PIECE, 0);
                let n = loop {
                    match self.inner.read(&mut self.input) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                };
                self.input.truncate(n);
                self.from = 0;
                self.ended = n == 0;
            }
            let room = self
                .decoder
                .max_utf8_buffer_length(self.input.len() - self.from)
                .unwrap_or(4 * PIECE)
                .max(16);
            self.text.resize(room, 0);
            let (result, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[self.from..], &mut self.text, self.ended);
            self.from += read;
            self.text.truncate(written);
            self.at = 0;
            // The decoder is not used again once it has taken the page's last byte.
            self.done = self.ended && result == encoding_rs::CoderResult::InputEmpty;
        }
        let n = out.len().min(self.text.len() - self.at);
        out[..n].copy_from_slice(&self.text[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
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

    /// A reader giving at most `n` bytes a call, so every way of cutting a page is met.
    struct Trickle<'a>(&'a [u8], usize);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_page_decoded_as_it_is_read_is_the_page_decoded_whole() {
        let mut damaged = "é".repeat(50).into_bytes();
        damaged.extend_from_slice(b"\xFF<p>\xE2\x80");
        let pages: [&[u8]; 5] = [
            b"<p>\x93Quoted\x94 caf\xe9</p>",
            b"<meta charset=\"windows-1252\"><title>Caf\xe9</title>",
            b"\xFF\xFE<\x00p\x00>\x00\xe9\x00",
            b"<meta charset=utf-16><p>caf\xc3\xa9 \xff</p>",
            &damaged,
        ];
        for page in pages {
            let (whole, _) = decode(page);
            for n in [1, 2, 3, 5, 64] {
                let (encoding, bom) = of_invalid(page, Trickle(page, n)).unwrap();
                let mut text = String::new();
                std::io::Read::read_to_string(
                    &mut Decoding::new(Trickle(&page[bom..], n), encoding),
                    &mut text,
                )
                .unwrap();
                assert_eq!(text, whole, "{page:?} read {n} bytes at a time");
            }
        }
    }
}
