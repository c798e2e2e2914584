//! A saved page read for a pass over its library (its header and related box), without what
//! no header or related link can live in: the file is streamed through a scan of its tags
//! that leaves out the contents of `<script>` (but JSON data) and `<style>` elements and the
//! rest of long `data:` addresses in attributes other than `href`, so a page of inlined
//! pictures, fonts and scripts is parsed at the size of its text and markup. The tags stay
//! as they were, and a page the scan cannot follow with certainty is passed on as it is from
//! that point (a comment opened in a script, `<plaintext>`); the first [`KEEP`] bytes (where
//! the encoding is declared) are never touched.

use std::io::Read;

/// Bytes at the start of the page passed on untouched (as far as the encoding is looked for).
const KEEP: usize = 4096;
/// How much is read at a time.
const PIECE: usize = 64 * 1024;

/// Where the scan stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Data,
    /// After `<`.
    Open,
    /// After `</`.
    EndOpen,
    /// In a tag's name.
    Name,
    /// After `<!`: `--` opens a comment, `[CDATA[` a CDATA section in SVG or MathML.
    Bang,
    Comment,
    CData,
    /// A bogus comment or a doctype: up to `>`.
    Bogus,
    BeforeAttr,
    AttrName,
    AfterAttrName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    SelfClosing,
    /// The text of a raw-text element, up to its end tag.
    Raw,
    /// Everything from here on is passed on as it is.
    Verbatim,
}

/// The scan.
struct Lean {
    state: State,
    out: Vec<u8>,
    /// Bytes seen so far.
    at: usize,
    /// The tag's name (lower case, its first 16 bytes) and whether it is an end tag.
    name: Vec<u8>,
    end: bool,
    /// The attribute's name (lower case, first 16 bytes); bytes of its value seen.
    attr: Vec<u8>,
    value_len: usize,
    value_data: bool,
    /// The tag's bytes so far (its first 1 KB): a script's type is looked for in them.
    tag: Vec<u8>,
    /// The raw-text element open, and whether its text is left out.
    raw: &'static [u8],
    drop_raw: bool,
    /// A possible end tag of the raw-text element: its bytes so far.
    pend: Vec<u8>,
    /// The last bytes seen in a comment, CDATA section or script (to find their ends).
    last: [u8; 4],
    /// Bytes of the comment or declaration so far.
    count: usize,
    /// How deep in SVG or MathML (where `<script>` and `<style>` hold markup).
    foreign: usize,
}

impl Lean {
    fn new() -> Self {
        Lean {
            state: State::Data,
            out: Vec::new(),
            at: 0,
            name: Vec::new(),
            end: false,
            attr: Vec::new(),
            value_len: 0,
            value_data: false,
            tag: Vec::new(),
            raw: b"",
            drop_raw: false,
            pend: Vec::new(),
            last: [0; 4],
            count: 0,
            foreign: 0,
        }
    }

    fn push_last(&mut self, b: u8) {
        self.last.rotate_left(1);
        self.last[3] = b;
    }

    /// Scans one byte, passing it on or leaving it out.
    fn byte(&mut self, b: u8) {
        self.at += 1;
        if self.state != State::Raw && self.tag.len() < 1024 && self.in_tag() {
            self.tag.push(b);
        }
        match self.state {
            State::Verbatim => self.out.push(b),
            State::Data => {
                self.out.push(b);
                if b == b'<' {
                    self.state = State::Open;
                }
            }
            State::Open => {
                self.out.push(b);
                self.state = match b {
                    b'/' => State::EndOpen,
                    b'!' => {
                        self.count = 0;
                        self.last = [0; 4];
                        State::Bang
                    }
                    b'?' => State::Bogus,
                    b if b.is_ascii_alphabetic() => self.start_tag(false, b),
                    b'<' => State::Open,
                    _ => State::Data,
                };
            }
            State::EndOpen => {
                self.out.push(b);
                self.state = match b {
                    b if b.is_ascii_alphabetic() => self.start_tag(true, b),
                    b'>' => State::Data,
                    _ => State::Bogus,
                };
            }
            State::Name => {
                self.out.push(b);
                match b {
                    b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' => self.state = State::BeforeAttr,
                    b'/' => self.state = State::SelfClosing,
                    b'>' => self.tag_end(false),
                    b => {
                        if self.name.len() < 16 {
                            self.name.push(b.to_ascii_lowercase());
                        }
                    }
                }
            }
            State::Bang => {
                self.out.push(b);
                self.count += 1;
                let cdata = b"[CDATA[";
                if self.count <= 2 && b == b'-' {
                    if self.count == 2 {
                        self.count = 0;
                        self.state = State::Comment;
                    }
                } else if self.foreign > 0
                    && self.count <= cdata.len()
                    && cdata[self.count - 1] == b
                {
                    if self.count == cdata.len() {
                        self.state = State::CData;
                    }
                } else {
                    self.state = if b == b'>' { State::Data } else { State::Bogus };
                }
            }
            State::Comment => {
                self.out.push(b);
                let l = self.last;
                if b == b'>'
                    && (self.count == 0
                        || (self.count == 1 && l[3] == b'-')
                        || (l[2] == b'-' && l[3] == b'-')
                        || (l[1] == b'-' && l[2] == b'-' && l[3] == b'!'))
                {
                    self.state = State::Data;
                }
                self.count += 1;
                self.push_last(b);
            }
            State::CData => {
                self.out.push(b);
                if b == b'>' && self.last[2] == b']' && self.last[3] == b']' {
                    self.state = State::Data;
                }
                self.push_last(b);
            }
            State::Bogus => {
                self.out.push(b);
                if b == b'>' {
                    self.state = State::Data;
                }
            }
            State::BeforeAttr => {
                self.out.push(b);
                match b {
                    b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' => {}
                    b'/' => self.state = State::SelfClosing,
                    b'>' => self.tag_end(false),
                    b => self.attr_start(b),
                }
            }
            State::AttrName => {
                self.out.push(b);
                match b {
                    b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' => self.state = State::AfterAttrName,
                    b'/' => self.state = State::SelfClosing,
                    b'=' => self.state = State::BeforeValue,
                    b'>' => self.tag_end(false),
                    b => {
                        if self.attr.len() < 16 {
                            self.attr.push(b.to_ascii_lowercase());
                        }
                    }
                }
            }
            State::AfterAttrName => {
                self.out.push(b);
                match b {
                    b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' => {}
                    b'/' => self.state = State::SelfClosing,
                    b'=' => self.state = State::BeforeValue,
                    b'>' => self.tag_end(false),
                    b => self.attr_start(b),
                }
            }
            State::BeforeValue => {
                self.out.push(b);
                self.value_len = 0;
                self.value_data = false;
                match b {
                    b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' => {}
                    b'"' | b'\'' => self.state = State::Quoted(b),
                    b'>' => self.tag_end(false),
                    _ => self.state = State::Unquoted,
                }
            }
            State::Quoted(q) => {
                if b == q {
                    self.out.push(b);
                    self.state = State::BeforeAttr;
                    return;
                }
                const DATA: &[u8] = b"data:";
                if self.value_len < DATA.len() {
                    self.out.push(b);
                    self.value_data = (self.value_len == 0 || self.value_data)
                        && b.to_ascii_lowercase() == DATA[self.value_len];
                } else if !(self.value_data && !self.end && self.attr != b"href" && self.at > KEEP)
                {
                    self.out.push(b);
                }
                self.value_len += 1;
            }
            State::Unquoted => {
                self.out.push(b);
                match b {
                    b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' => self.state = State::BeforeAttr,
                    b'>' => self.tag_end(false),
                    _ => {}
                }
            }
            State::SelfClosing => {
                self.out.push(b);
                match b {
                    b'>' => self.tag_end(true),
                    b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' => self.state = State::BeforeAttr,
                    b => self.attr_start(b),
                }
            }
            State::Raw => self.raw_byte(b),
        }
    }

    fn in_tag(&self) -> bool {
        !matches!(
            self.state,
            State::Data
                | State::Comment
                | State::CData
                | State::Bogus
                | State::Bang
                | State::Verbatim
        )
    }

    fn start_tag(&mut self, end: bool, b: u8) -> State {
        self.end = end;
        self.name.clear();
        self.name.push(b.to_ascii_lowercase());
        self.tag.clear();
        State::Name
    }

    fn attr_start(&mut self, b: u8) {
        self.attr.clear();
        self.attr.push(b.to_ascii_lowercase());
        self.state = State::AttrName;
    }

    /// At a tag's `>`: raw-text elements open, SVG and MathML are counted.
    fn tag_end(&mut self, self_closing: bool) {
        self.state = State::Data;
        let name = self.name.as_slice();
        if matches!(name, b"svg" | b"math") {
            if self.end {
                self.foreign = self.foreign.saturating_sub(1);
            } else if !self_closing {
                self.foreign += 1;
            }
            return;
        }
        if self.end || self.foreign > 0 {
            return;
        }
        let json =
            self.tag.windows(4).any(|w| w.eq_ignore_ascii_case(b"json")) || self.tag.len() >= 1024;
        let (raw, drop): (&'static [u8], bool) = match name {
            b"script" => (b"script", !json),
            b"style" => (b"style", true),
            b"title" => (b"title", false),
            b"textarea" => (b"textarea", false),
            b"xmp" => (b"xmp", false),
            b"iframe" => (b"iframe", false),
            b"noembed" => (b"noembed", false),
            b"noframes" => (b"noframes", false),
            b"noscript" => (b"noscript", false),
            b"plaintext" => {
                self.state = State::Verbatim;
                return;
            }
            _ => return,
        };
        self.raw = raw;
        self.drop_raw = drop;
        self.pend.clear();
        self.last = [0; 4];
        self.state = State::Raw;
    }

    /// A byte of a raw-text element's text: its end tag is `</NAME` and a space, `/` or `>`.
    fn raw_byte(&mut self, b: u8) {
        self.push_last(b);
        if self.raw == b"script" && self.last == *b"<!--" {
            // A comment in a script can hide its end tag: the scan stops leaving things out.
            if self.drop_raw {
                self.out.extend_from_slice(b"<!--");
            } else {
                self.out.push(b);
            }
            self.state = State::Verbatim;
            return;
        }
        let want = 2 + self.raw.len();
        let matches = match self.pend.len() {
            0 => b == b'<',
            1 => b == b'/',
            n if n < want => b.to_ascii_lowercase() == self.raw[n - 2],
            _ => matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>'),
        };
        if matches {
            self.pend.push(b);
            if self.pend.len() == want + 1 {
                // The end tag: passed on, and the scan goes on in it.
                self.out.append(&mut self.pend);
                self.end = true;
                self.name = self.raw.to_vec();
                self.tag.clear();
                self.state = match b {
                    b'>' => State::Data,
                    b'/' => State::SelfClosing,
                    _ => State::BeforeAttr,
                };
            }
            return;
        }
        let keep = !self.drop_raw || self.at <= KEEP;
        if keep {
            self.out.append(&mut self.pend);
        }
        self.pend.clear();
        if b == b'<' {
            self.pend.push(b);
        } else if keep {
            self.out.push(b);
        }
    }

    /// At the end of the page: a possible end tag still pending (`</title` with no `>`) was
    /// text after all, as the parser reads it, and is passed on unless its element's text is
    /// left out.
    fn finish(mut self) -> Vec<u8> {
        if self.state == State::Raw && (!self.drop_raw || self.at <= KEEP) {
            self.out.append(&mut self.pend);
        }
        self.out
    }
}

/// The page in `reader` with what no header or related link lives in left out, or `None` when
/// its bytes are not UTF-8 (such a page is decoded first), stopping once more than `most`
/// bytes are kept (the rest of the page unread and unchecked).
pub fn read_up_to(mut reader: impl Read, most: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut lean = Lean::new();
    let mut buf = vec![0u8; PIECE];
    let mut utf8 = crate::sanitize::stream::Utf8Check::default();
    loop {
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(utf8.ended_whole().then(|| lean.finish()));
        }
        if !utf8.piece(&buf[..n]) {
            return Ok(None);
        }
        for &b in &buf[..n] {
            lean.byte(b);
        }
        if lean.out.len() > most {
            return Ok(Some(lean.out));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lean(page: &str) -> String {
        let pad = " ".repeat(KEEP);
        let out = read_up_to(format!("{pad}{page}").as_bytes(), usize::MAX)
            .unwrap()
            .unwrap();
        String::from_utf8(out[KEEP..].to_vec()).unwrap()
    }

    #[test]
    fn scripts_styles_and_inlined_pictures_are_left_out() {
        assert_eq!(
            lean(
                r#"<script src="a.js">var a = "<b>";</script ><style>p { x: url(data:1) }</STYLE>"#
            ),
            r#"<script src="a.js"></script ><style></STYLE>"#
        );
        assert_eq!(
            lean(
                r#"<img alt="x" src="data:image/png;base64,QUJD"><a href="data:text/plain,a">a</a>"#
            ),
            r#"<img alt="x" src="data:"><a href="data:text/plain,a">a</a>"#
        );
        assert_eq!(lean("<script>a</scripts></script>"), "<script></script>");
    }

    #[test]
    fn what_may_hold_the_header_or_hide_a_tag_is_kept() {
        for kept in [
            r#"<script type="application/ld+json">{"headline": "H"}</script>"#,
            "<textarea><script>a</script></textarea>",
            "<!-- <script>a</script> -->",
            "<svg><style>a</style><script>b</script></svg>",
            "<title><style>a</style></title>",
            "<p title='<script>a</script>'>",
            "<plaintext><script>a</script>",
        ] {
            assert_eq!(lean(kept), kept);
        }
        // A script's text before a comment is left out; from the comment on, all is kept.
        assert_eq!(
            lean("<script>a<!--<script></script>b</script>"),
            "<script><!--<script></script>b</script>"
        );
        assert_eq!(lean("<svg/><script>a</script>"), "<svg/><script></script>");
        // A possible end tag cut by the end of the page is text, as the parser reads it.
        assert_eq!(lean("<title>Gazette</title"), "<title>Gazette</title");
        assert_eq!(lean("<textarea>a</text"), "<textarea>a</text");
        assert_eq!(lean("<script>a</scrip"), "<script>");
        assert_eq!(read_up_to(&b"caf\xe9"[..], usize::MAX).unwrap(), None);
    }
}
