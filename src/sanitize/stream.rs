//! [`super::decode`] as a stream: a file's UTF-8 bytes read a piece at a time and neutralised
//! exactly as the whole text would be, so a pass that needs little of a big file (its related
//! headlines) never holds all of it.

use std::io::{self, Read};

/// How much of the file is read at a time.
const PIECE: usize = 64 * 1024;

/// Reads a file's bytes as neutralised UTF-8 text, as [`super::decode`] would give it whole.
/// Input it would read another way (UTF-16, a legacy encoding, invalid UTF-8 repaired, a
/// binary file) is not read: the reader stops with an error, and the caller reads the file
/// whole instead.
pub struct Neutral<R> {
    inner: R,
    /// Bytes read but not yet decoded: the start of a character cut by the piece's end.
    carry: Vec<u8>,
    /// Neutralised text not yet handed out, from `at`.
    out: Vec<u8>,
    at: usize,
    /// Characters since the last line end of the output (tab stops need the column).
    col: usize,
    /// The last character read was a carriage return (a line feed after it is dropped).
    after_cr: bool,
    /// Bytes read from `inner` so far.
    read: usize,
    /// Nothing has been written yet (a byte-order mark is dropped only there).
    empty: bool,
    done: bool,
}

impl<R: Read> Neutral<R> {
    /// A reader of `inner`'s bytes.
    pub fn new(inner: R) -> Self {
        Neutral {
            inner,
            carry: Vec::new(),
            out: Vec::with_capacity(PIECE + 64),
            at: 0,
            col: 0,
            after_cr: false,
            read: 0,
            empty: true,
            done: false,
        }
    }

    fn refuse(&mut self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, "not plain UTF-8")
    }

    /// Reads and neutralises the next piece into `out`.
    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.at = 0;
        while self.out.is_empty() && !self.done {
            let mut buf = std::mem::take(&mut self.carry);
            let start = buf.len();
            buf.resize(start + PIECE, 0);
            let n = loop {
                match self.inner.read(&mut buf[start..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    r => break r?,
                }
            };
            buf.truncate(start + n);
            let first = self.read == 0;
            if first && (buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF])) {
                return Err(self.refuse());
            }
            // The NUL check of `decode` looks at the first bytes of the file.
            if self.read < super::SNIFF {
                let upto = (super::SNIFF - self.read).min(n).min(buf.len() - start) + start;
                if buf[start..upto].contains(&0) {
                    return Err(self.refuse());
                }
            }
            self.read += n;
            if n == 0 {
                self.done = true;
                if !buf.is_empty() {
                    // A character cut short by the end of the file.
                    return Err(self.refuse());
                }
                break;
            }
            let mut text = match std::str::from_utf8(&buf) {
                Ok(t) => t,
                Err(e) if e.error_len().is_none() => {
                    let good = e.valid_up_to();
                    self.carry = buf[good..].to_vec();
                    std::str::from_utf8(&buf[..good]).unwrap_or_default()
                }
                Err(_) => return Err(self.refuse()),
            };
            if first && let Some(rest) = text.strip_prefix('\u{FEFF}') {
                // A UTF-8 byte-order mark: `decode` strips it before neutralising.
                text = rest;
            }
            let text = text.to_string();
            self.neutralise(&text);
        }
        Ok(())
    }

    /// `super::neutralise` for the next piece of the text, its state carried over.
    fn neutralise(&mut self, text: &str) {
        let mut utf8 = [0u8; 4];
        for c in text.chars() {
            if std::mem::take(&mut self.after_cr) && c == '\n' {
                continue;
            }
            match c {
                '\r' => {
                    self.after_cr = true;
                    self.out.push(b'\n');
                    self.col = 0;
                }
                '\n' => {
                    self.out.push(b'\n');
                    self.col = 0;
                }
                '\t' => {
                    let n = super::TAB - self.col % super::TAB;
                    self.out.extend(std::iter::repeat_n(b' ', n));
                    self.col += n;
                }
                '\u{FEFF}' if self.empty && self.out.is_empty() => {}
                c => {
                    let c = super::stand_in(c).unwrap_or(c);
                    self.out
                        .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                    self.col += 1;
                }
            }
        }
        self.empty &= self.out.is_empty();
    }
}

impl<R: Read> Read for Neutral<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Checks that bytes read a piece at a time are UTF-8, carrying a character cut by a piece's
/// end over to the next piece.
#[derive(Debug, Default)]
pub struct Utf8Check {
    carry: Vec<u8>,
}

impl Utf8Check {
    /// Takes the next piece; false once the bytes so far cannot be UTF-8.
    pub fn piece(&mut self, bytes: &[u8]) -> bool {
        self.carry.extend_from_slice(bytes);
        match std::str::from_utf8(&self.carry) {
            Ok(_) => {
                self.carry.clear();
                true
            }
            Err(e) if e.error_len().is_none() => {
                self.carry.drain(..e.valid_up_to());
                true
            }
            Err(_) => false,
        }
    }

    /// Whether the bytes ended on a whole character.
    pub fn ended_whole(&self) -> bool {
        self.carry.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` through [`Neutral`] handing it `cut` bytes at a time.
    fn streamed(bytes: &[u8], cut: usize) -> Option<String> {
        struct Drip<'a>(&'a [u8], usize);
        impl Read for Drip<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut r = Neutral::new(Drip(bytes, cut));
        let mut out = String::new();
        r.read_to_string(&mut out).ok().map(|_| out)
    }

    #[test]
    fn the_stream_neutralises_as_the_whole_text_does() {
        let samples: [&[u8]; 7] = [
            b"\xEF\xBB\xBFtitle\r\n\tindented\ra\tb\tc\x1b[31m red\r",
            "\u{FEFF}\u{FEFF}caf\u{e9} \u{202E}bidi\u{85} \u{1F600}\tx".as_bytes(),
            b"\t\t\r\r\n\n\x7f",
            b"",
            "\u{FEFF}".as_bytes(),
            "é\té\r\n\t".as_bytes(),
            b"{\"a\": \"b\tc\"}\r\n",
        ];
        for s in samples {
            let whole = crate::sanitize::decode(s).expect("text").text;
            for cut in [1, 2, 3, 5, 64, 100_000] {
                assert_eq!(
                    streamed(s, cut).as_deref(),
                    Some(whole.as_str()),
                    "{s:?} {cut}"
                );
            }
        }
    }

    #[test]
    fn bytes_read_another_way_are_refused() {
        for s in [
            &b"\xFF\xFEa\0"[..],
            b"\xFE\xFF\0a",
            b"ab\0c",
            b"caf\xE9 au lait",
            b"cut \xC3",
        ] {
            for cut in [1, 4, 100] {
                assert_eq!(streamed(s, cut), None, "{s:?}");
            }
        }
    }
}
