//! Turns untrusted bytes into text that is safe to show in a terminal.
//!
//! Every control character but newline, and every bidi control, becomes a visible stand-in
//! (the Unicode control pictures), so an escape sequence shows as text and nothing is hidden.

/// Width of a tab stop when tabs are expanded.
const TAB: usize = 4;
/// How many leading bytes are checked for NUL to call a file binary.
const SNIFF: usize = 8192;

use std::borrow::Cow;
use std::path::Path;

mod legacy;
pub mod stream;

/// Decoded, neutralised text and the repairs made on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clean {
    /// The text: only newlines as line ends, no control or bidi characters.
    pub text: String,
    /// One line per kind of repair made.
    pub warnings: Vec<String>,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// A NUL byte in the first few KB: a binary file.
    Binary,
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Binary => write!(f, "binary file (NUL bytes), not an article"),
        }
    }
}

impl std::error::Error for NotText {}

/// A file's first bytes that decide its encoding when it is not UTF-8 (a list row reads as
/// many anyway)...
pub const WINDOW: usize = 4096;
/// ... and at least this many from its first non-ASCII byte, when that comes later.
pub const PAST: usize = 2048;

/// The bytes of `start` (a file's first bytes) that decide its encoding when it is not valid
/// UTF-8: the first [`WINDOW`] bytes, or up to [`PAST`] bytes past the first non-ASCII byte if
/// that reaches further (fewer at the end of the file); none when `start` is all ASCII. A reader
/// holding only part of a file needs this much of its start.
pub fn window(start: &[u8]) -> &[u8] {
    match start.iter().position(|b| !b.is_ascii()) {
        Some(p) => &start[..start.len().min(WINDOW.max(p + PAST))],
        None => &[],
    }
}

/// Decodes `bytes` and neutralises the text.
///
/// A byte-order mark decides first (UTF-8, UTF-16LE, UTF-16BE). Without one, valid UTF-8 is
/// UTF-8. Bytes that are not valid UTF-8 are read as a legacy single-byte encoding (Latin-1,
/// Windows-1252 and their kin, as the detector guesses) when the non-ASCII bytes of their
/// [`window`] look like single-byte text, with a warning naming the encoding; otherwise the
/// invalid sequences are replaced with U+FFFD, with a warning.
pub fn decode(bytes: &[u8]) -> Result<Clean, NotText> {
    decode_part(bytes, bytes)
}

/// Decodes `part`, the first bytes of a file, as [`decode`] decodes them in the whole file.
/// `start` is the file's first bytes: at least through its [`window`] (`part` is enough when
/// it is all ASCII), or the whole file when shorter. A list row decodes its first lines this way
/// and reads the same characters the whole read does.
pub fn decode_part(part: &[u8], start: &[u8]) -> Result<Clean, NotText> {
    let bytes = part;
    let mut warnings = Vec::new();
    let raw: Cow<'_, str> = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        warnings.push("byte-order mark removed".to_string());
        // The mark says UTF-8: stray bytes are damage, not another encoding.
        lossy(rest, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        warnings.push("decoded from UTF-16LE".to_string());
        Cow::Owned(utf16(rest, u16::from_le_bytes, &mut warnings))
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        warnings.push("decoded from UTF-16BE".to_string());
        Cow::Owned(utf16(rest, u16::from_be_bytes, &mut warnings))
    } else {
        if bytes[..bytes.len().min(SNIFF)].contains(&0) {
            return Err(NotText::Binary);
        }
        // Checking validity first is much faster than any decoder on the usual, valid text.
        // ASCII reads the same whatever the file's encoding; other valid UTF-8 is UTF-8 unless
        // it is only part of a file whose window says otherwise.
        match std::str::from_utf8(bytes) {
            Ok(text) if text.is_ascii() || part.len() == start.len() => Cow::Borrowed(text),
            _ => match legacy::decode(bytes, window(start)) {
                Some((text, name)) => {
                    warnings.push(format!("not UTF-8: decoded as {name}"));
                    Cow::Owned(text)
                }
                None => lossy(bytes, &mut warnings),
            },
        }
    };
    // Valid UTF-8 is borrowed, not copied: the only copy made is the neutralised text.
    let text = neutralise(&raw, &mut warnings);
    Ok(Clean { text, warnings })
}

fn lossy<'a>(bytes: &'a [u8], warnings: &mut Vec<String>) -> Cow<'a, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    warnings.push("invalid UTF-8 replaced with U+FFFD".to_string());
    String::from_utf8_lossy(bytes)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, warnings: &mut Vec<String>) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut bad = bytes.len() % 2 == 1;
    let s: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if bad {
        warnings.push("invalid UTF-16 replaced with U+FFFD".to_string());
    }
    s
}

/// The visible stand-in for a control or bidi character, or `None` when `c` is safe to show.
pub fn stand_in(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        // C0 controls map onto the control pictures U+2400..U+241F.
        0x00..=0x1F => char::from_u32(0x2400 + u),
        0x7F => Some('\u{2421}'),
        // C1 controls have no pictures of their own; one shared symbol keeps them visible.
        0x80..=0x9F => Some('\u{2426}'),
        0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069 => Some('\u{2425}'),
        _ => None,
    }
}

/// Whether a byte may start something to repair: a control byte, or the lead byte of a C1
/// control (C2), a bidi control (D8, E2) or a byte-order mark (EF). Runs without such bytes are
/// copied whole, which keeps loading fast on ordinary text.
fn may_need_repair(b: u8) -> bool {
    REPAIR[usize::from(b)]
}

/// The index of the first byte at or after `from` that [`may_need_repair`], or the length.
/// Eight bytes are tested at a time while they are all printable ASCII (as most text is).
fn next_repair(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = from;
    loop {
        while let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
            // A byte below 0x20 (borrowing from 0x20 sets its high bit), or one at or above
            // 0x7F (adding 1 carries into the high bit, or the high bit is set already).
            let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
            let at_or_above_del = (x.wrapping_add(ONES) | x) & HIGH;
            if below_space | at_or_above_del != 0 {
                break;
            }
            i += 8;
        }
        // Newlines and most non-ASCII bytes stop the fast test but need no repair.
        let end = bytes.len().min(i + 8);
        if let Some(k) = bytes[i..end].iter().position(|&b| may_need_repair(b)) {
            return i + k;
        }
        if end == bytes.len() {
            return end;
        }
        i = end;
    }
}

/// [`may_need_repair`] for every byte, looked up rather than computed in the copy loop.
const REPAIR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b < 0x20 && b != b'\n' as usize) || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF);
        b += 1;
    }
    t
};

/// Normalises line ends, expands tabs and replaces every unsafe character; adds a warning per kind.
fn neutralise(raw: &str, warnings: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(raw.len());
    let (mut crs, mut controls, mut tabs) = (false, false, false);
    // Tab stops need the column, in chars, on the current line of `out`. It is counted only when
    // a tab comes, from where the last count stopped: clean text is copied without counting.
    let mut counted = Column::default();
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let run_end = next_repair(bytes, i);
        if run_end > i {
            out.push_str(&raw[i..run_end]);
            i = run_end;
            continue;
        }
        let c = raw[i..].chars().next().unwrap_or('\u{FFFD}');
        i += c.len_utf8();
        match c {
            '\r' => {
                crs = true;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                out.push('\n');
            }
            '\t' => {
                tabs = true;
                let col = counted.at(&out);
                let n = TAB - col % TAB;
                out.extend(std::iter::repeat_n(' ', n));
            }
            '\u{FEFF}' if out.is_empty() => warnings.push("byte-order mark removed".to_string()),
            c => match stand_in(c) {
                Some(p) => {
                    controls = true;
                    out.push(p);
                }
                None => out.push(c),
            },
        }
    }
    if crs {
        warnings.push("CR line ends turned into newlines".to_string());
    }
    if tabs {
        warnings.push("tabs expanded".to_string());
    }
    if controls {
        warnings.push("control characters neutralised".to_string());
    }
    out
}

/// The column at the end of the text written so far, counted incrementally: each call reads only
/// what was written since the last, so a long line full of tabs is still read once.
#[derive(Default)]
struct Column {
    /// Byte offset in the output up to which `col` is counted.
    upto: usize,
    /// Chars from the start of that offset's line to `upto`.
    col: usize,
}

impl Column {
    fn at(&mut self, out: &str) -> usize {
        let new = &out[self.upto..];
        self.col = match new.rfind('\n') {
            Some(nl) => new[nl + 1..].chars().count(),
            None => self.col + new.chars().count(),
        };
        self.upto = out.len();
        self.col
    }
}

/// Makes one line of untrusted text (a file name, a field from JSON) safe: every control
/// character, newline included, becomes its stand-in.
pub fn clean_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' {
                ' '
            } else {
                stand_in(c).unwrap_or(c)
            }
        })
        .collect()
}

/// Like [`clean_line`] but keeps newlines, for multi-line fields such as a JSON body.
pub fn clean_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c => stand_in(c).unwrap_or(c),
        })
        .collect()
}

/// A path made safe for a message.
pub fn shown(path: &Path) -> String {
    shown_cow(path).into_owned()
}

/// [`shown`] without a copy when the path is printable ASCII already (as most are).
pub fn shown_cow(path: &Path) -> std::borrow::Cow<'_, str> {
    match path.to_str() {
        Some(s) if s.bytes().all(|b| (b' '..=b'~').contains(&b)) => s.into(),
        _ => clean_line(&path.to_string_lossy()).into(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_files_first_lines_decode_as_in_the_whole_file() {
        // A stray Windows-1252 dash in the headline; further on, UTF-8 quotes: the window
        // (from the first non-ASCII byte) decides for the headline alone and the whole alike.
        let mut file = b"Bakery sells its l\x97ast loaf\n".to_vec();
        let head = file.len();
        file.extend_from_slice("Its doors \u{2018}closed\u{2019} at noon.\n".as_bytes());
        let whole = decode(&file).unwrap().text;
        let part = decode_part(&file[..head], &file).unwrap().text;
        assert_eq!(part, whole[..part.len()]);
        assert_eq!(part, "Bakery sells its l\u{FFFD}ast loaf\n");
        // A Latin-1 file whose headline happens to be valid UTF-8 (`Ã©` is C3 A9).
        let mut file = b"Caf\xc3\xa9 news\n".to_vec();
        let head = file.len();
        file.extend_from_slice(
            b"Le caf\xe9 a rouvert \xe0 midi; la cr\xeaperie aussi, apr\xe8s l'\xe9t\xe9. \
              Les habitu\xe9s \xe9taient ravis, d\xe9j\xe0 tr\xe8s nombreux.\n",
        );
        let whole = decode(&file).unwrap().text;
        assert!(whole.starts_with("Caf\u{c3}\u{a9} news\n"), "{whole}");
        let part = decode_part(&file[..head], &file).unwrap().text;
        assert_eq!(part, whole[..part.len()]);
        // ASCII reads alike whatever the window says.
        assert_eq!(decode_part(b"Plain\n", b"Plain\n").unwrap().text, "Plain\n");
        assert_eq!(window(b"abc"), b"");
        assert_eq!(window(b"ab\xe9c"), b"ab\xe9c");
        let late = [b"a".repeat(WINDOW), b"\xe9".repeat(PAST + 9)].concat();
        assert_eq!(window(&late).len(), WINDOW + PAST);
    }

    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let c = decode(b"a\x1b[31mred\x07\r\nnext").unwrap();
        assert_eq!(c.text, "a\u{241B}[31mred\u{2407}\nnext");
        assert!(c.warnings.iter().any(|w| w.contains("control")));
        assert!(c.warnings.iter().any(|w| w.contains("CR")));
    }

    #[test]
    fn c1_and_bidi_are_replaced() {
        let c = decode("x\u{9b}31m\u{202E}abc\u{2066}".as_bytes()).unwrap();
        assert!(!c.text.chars().any(|ch| ('\u{80}'..='\u{9f}').contains(&ch)));
        assert!(!c.text.contains('\u{202E}'));
        assert_eq!(c.text.matches('\u{2425}').count(), 2);
    }

    #[test]
    fn bom_utf16_and_invalid_utf8() {
        let c = decode(b"\xEF\xBB\xBFhi").unwrap();
        assert_eq!(c.text, "hi");
        let mut le = vec![0xFF, 0xFE];
        for u in "héllo".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "héllo");
        // Invalid UTF-8 among plenty of valid UTF-8: stray bytes, replaced.
        let mut stray = "naïve “quotes” — déjà ".repeat(4).into_bytes();
        stray.extend_from_slice(b"caf\xe9");
        let bad = decode(&stray).unwrap();
        assert!(bad.text.ends_with("caf\u{FFFD}"));
        assert!(bad.warnings.iter().any(|w| w.contains("U+FFFD")));
    }

    #[test]
    fn latin1_is_decoded_as_such_with_a_warning() {
        let c = decode(b"Caf\xe9 in Kessel \x96 the \x93best\x94 in Veldmark.\r\n").unwrap();
        assert_eq!(c.text, "Café in Kessel – the “best” in Veldmark.\n");
        assert!(
            c.warnings
                .iter()
                .any(|w| w == "not UTF-8: decoded as windows-1252")
        );
        assert!(!c.warnings.iter().any(|w| w.contains("U+FFFD")));
        // A C1 control that Windows-1252 leaves unmapped is still neutralised.
        let c = decode(b"\xe9t\xe9 \xe0 Kessel, \x81").unwrap();
        assert!(!c.text.contains('\u{81}'));
    }

    #[test]
    fn valid_utf8_is_never_second_guessed() {
        let s = "Ã© looks like mojibake but is valid UTF-8 — kept as is";
        let c = decode(s.as_bytes()).unwrap();
        assert_eq!(c.text, s);
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn binary_is_refused_and_tabs_expand() {
        assert_eq!(decode(b"ab\0cd"), Err(NotText::Binary));
        assert_eq!(decode(b"a\tb").unwrap().text, "a   b");
        assert_eq!(decode(b"one\rtwo").unwrap().text, "one\ntwo");
    }

    #[test]
    fn tab_stops_count_columns_across_runs() {
        assert_eq!(
            decode("ab\tc\né\td".as_bytes()).unwrap().text,
            "ab  c\né   d"
        );
        assert_eq!(
            decode("x\u{85}\ty".as_bytes()).unwrap().text,
            "x\u{2426}  y"
        );
        // Several tabs on one line, a CR line end between, curly quotes before a tab.
        assert_eq!(
            decode("a\tb\tc\r“q”\t!\t".as_bytes()).unwrap().text,
            "a   b   c\n“q” !   "
        );
        assert_eq!(decode(b"\t\t").unwrap().text, "        ");
        assert_eq!(decode(b"abcd\tx").unwrap().text, "abcd    x");
    }

    #[test]
    fn the_fast_scan_finds_what_the_byte_scan_finds() {
        let samples: [&[u8]; 6] = [
            b"plain ascii text that runs on for a while with no surprises at all",
            "quotes \u{201C}here\u{201D} and an em dash \u{2014} then more".as_bytes(),
            b"line one\nline two\nline three\tafter a tab",
            b"ends with del\x7f and esc\x1b[31m red",
            "caf\u{e9} na\u{ef}ve \u{85} \u{202e}".as_bytes(),
            b"~~~~~~~~}}}}}}}}        !!!!!!!!",
        ];
        for sample in samples {
            for from in 0..sample.len() {
                let slow = sample[from..]
                    .iter()
                    .position(|&b| may_need_repair(b))
                    .map_or(sample.len(), |k| from + k);
                assert_eq!(next_repair(sample, from), slow, "{sample:?} from {from}");
            }
        }
    }

    #[test]
    fn clean_line_hides_newlines() {
        assert_eq!(clean_line("a\nb\x1b"), "a\u{240A}b\u{241B}");
    }
}
