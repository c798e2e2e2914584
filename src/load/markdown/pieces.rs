//! Markdown read a piece at a time: where a long document can be cut so that each piece parses
//! to the same events as it does inside the whole, and the link reference definitions every
//! piece may use.
//!
//! pulldown-cmark builds a tree of the whole document before it gives its first event (tens of
//! bytes for each block), so a document of many tiny blocks once took 80 times its size to
//! read. A cut is made only at the start of a line `L` that follows a blank line, stands at
//! column 0 and cannot continue a list, block quote or indented code (it starts with none of
//! space, tab, `>`, `-`, `+`, `*` or a digit). Every block but a fenced code block or an HTML
//! block of CommonMark's kinds 1–5 (`<!--`, `<script`…) ends there. A piece none of whose lines
//! could open one of those is cut without more ado; otherwise the cut is checked by parsing the
//! piece with a line `z` after it, which must read as a paragraph of its own at the top level
//! (the cut is moved further on when not). Definitions are gathered from every piece first and
//! handed to the others through the broken-link callback; a label defined differently in two
//! pieces, or references that could reach pulldown-cmark's expansion limit, leave the document
//! whole.

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag};
use std::collections::HashMap;
use std::ops::Range;
use unicase::UniCase;

/// How long a piece grows before it is cut (at the next place it can be). pulldown-cmark's tree
/// of a piece of one-letter paragraphs takes about 45 times the piece, and grows by doubling:
/// pieces of 512 KB held 20 to 35 MB of it at the peak, pieces of 64 KB hold a few.
pub(super) const PIECE: usize = 64 * 1024;

/// Where `text` can be cut into pieces of about `target` bytes (a lone piece when it is shorter).
pub(super) fn split(text: &str, opts: Options, target: usize) -> Vec<Range<usize>> {
    let mut lines = Lines::new(text);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut want = target;
    let mut risky = false;
    while let Some((cut, r)) = lines.next_cut() {
        risky |= r;
        if cut - start < want {
            continue;
        }
        if risky && !clean_cut(&text[start..cut], opts) {
            // A block open at the cut: try again further on, twice as far, so a block that
            // never closes costs no more than twice its parsing.
            want = want.saturating_mul(2);
            continue;
        }
        pieces.push(start..cut);
        (start, want, risky) = (cut, target, false);
    }
    pieces.push(start..text.len());
    pieces
}

/// Whether a line `z` after `piece` starts a paragraph at the top level: no block of `piece`
/// stays open across it.
fn clean_cut(piece: &str, opts: Options) -> bool {
    let mut probe = String::with_capacity(piece.len() + 2);
    probe.push_str(piece);
    probe.push_str("z\n");
    let mut depth = 0usize;
    let mut last_top = None;
    for (event, range) in Parser::new_ext(&probe, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    last_top = Some((matches!(tag, Tag::Paragraph), range.start));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {
                if depth == 0 {
                    last_top = Some((false, range.start));
                }
            }
        }
    }
    last_top == Some((true, piece.len()))
}

/// The lines of a text, read for the places it may be cut.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Whether the line before `at` was blank.
    after_blank: bool,
    /// The fence a code block that looks open was opened with (its byte and length): no cut is
    /// tried inside it. A guess that only saves checks; [`clean_cut`] decides.
    fence: Option<(u8, usize)>,
    /// Whether the line a cut was found before could open such a block.
    risky_next: bool,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            at: 0,
            after_blank: false,
            fence: None,
            risky_next: false,
        }
    }

    /// The next place a cut may be tried, and whether a line before it (since the last one)
    /// could open a fenced code or an HTML block that blank lines do not end.
    fn next_cut(&mut self) -> Option<(usize, bool)> {
        let mut risky = std::mem::take(&mut self.risky_next);
        while self.at < self.bytes.len() {
            let start = self.at;
            let end = memchr::memchr(b'\n', &self.bytes[start..])
                .map_or(self.bytes.len(), |i| start + i + 1);
            let line = &self.bytes[start..end];
            self.at = end;
            let can_cut = self.after_blank
                && self.fence.is_none()
                && start > 0
                && !matches!(
                    line[0],
                    b' ' | b'\t' | b'>' | b'-' | b'+' | b'*' | b'0'..=b'9'
                );
            self.after_blank = line
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
            let opens = opener(line);
            self.fence = match (self.fence, &opens) {
                (Some((c, n)), _) if closes(line, c, n) => None,
                (Some(f), _) => Some(f),
                (None, Some(Opener::Fence(c, n))) => Some((*c, *n)),
                (None, _) => None,
            };
            if can_cut {
                // The line opens the next piece.
                self.risky_next = opens.is_some();
                return Some((start, risky));
            }
            risky |= opens.is_some();
        }
        None
    }
}

/// What a line could open, looked for past any indent and container markers.
enum Opener {
    /// A code fence: its byte and length.
    Fence(u8, usize),
    /// Something starting with `<`.
    Html,
}

/// What `line` could open, read past spaces, tabs, `>` and list markers (so it may be wrong
/// about the line, never about a line that does open one).
fn opener(line: &[u8]) -> Option<Opener> {
    let rest = trim_markers(line);
    match rest.first()? {
        b'<' => Some(Opener::Html),
        &c @ (b'`' | b'~') => {
            let n = rest.iter().take_while(|&&b| b == c).count();
            (n >= 3).then_some(Opener::Fence(c, n))
        }
        _ => None,
    }
}

/// `line` past its indent and container markers.
fn trim_markers(line: &[u8]) -> &[u8] {
    let skip = line
        .iter()
        .take_while(|b| {
            matches!(
                b,
                b' ' | b'\t' | b'>' | b'-' | b'+' | b'*' | b'.' | b')' | b'0'..=b'9'
            )
        })
        .count();
    &line[skip..]
}

/// Whether `line` closes a fence of `n` bytes `c`.
fn closes(line: &[u8], c: u8, n: usize) -> bool {
    let rest = trim_markers(line);
    let run = rest.iter().take_while(|&&b| b == c).count();
    run >= n && rest[run..].iter().all(u8::is_ascii_whitespace)
}

/// The link reference definitions of a whole document, for pieces that use a label another
/// piece defines.
#[derive(Debug, Default)]
pub(super) struct Defs {
    map: HashMap<UniCase<String>, (String, String)>,
}

impl Defs {
    /// Gathers the definitions of every piece of `text`; `None` when reading it in pieces could
    /// read a reference differently from the whole (a label defined differently in two pieces,
    /// or more references than pulldown-cmark expands in one document).
    pub(super) fn gather(text: &str, pieces: &[Range<usize>], opts: Options) -> Option<Defs> {
        let mut defs = Defs::default();
        if pieces.len() < 2 {
            return Some(defs);
        }
        for piece in pieces {
            let piece = &text[piece.clone()];
            if memchr::memmem::find(piece.as_bytes(), b"]:").is_none() {
                continue;
            }
            let parser = Parser::new_ext(piece, opts);
            for (label, def) in parser.reference_definitions().iter() {
                let value = (
                    def.dest.to_string(),
                    def.title.as_deref().unwrap_or("").to_string(),
                );
                match defs.map.get(&UniCase::new(label.to_string())) {
                    Some(known) if *known != value => return None,
                    Some(_) => {}
                    None => {
                        defs.map.insert(UniCase::new(label.to_string()), value);
                    }
                }
            }
        }
        // pulldown-cmark stops expanding references once their addresses and titles add up to
        // the document's length (or 100,000 bytes). Kept well under each piece's length, they
        // reach neither that piece's limit nor the whole document's.
        let longest = defs
            .map
            .values()
            .map(|(d, t)| d.len() + t.len())
            .max()
            .unwrap_or(0);
        if longest > 0 {
            for piece in pieces {
                let uses = memchr::memchr_iter(b']', text[piece.clone()].as_bytes()).count();
                if uses.saturating_mul(longest) >= piece.len() {
                    return None;
                }
            }
        }
        Some(defs)
    }

    /// The address and title a label defined in another piece stands for.
    pub(super) fn resolve<'a>(&self, link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
        let (dest, title) = self.map.get(&UniCase::new(link.reference.to_string()))?;
        Some((dest.clone().into(), title.clone().into()))
    }
}
