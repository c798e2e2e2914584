//! Text that is not UTF-8: deciding whether it is a legacy single-byte encoding (Latin-1,
//! Windows-1252 and their kin) or UTF-8 with a few damaged bytes, and decoding it.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, WINDOWS_1252};

/// `bytes` (known not to be valid UTF-8) decoded as the legacy single-byte encoding they look
/// like, with the encoding's name; `None` when they look like UTF-8 with stray bytes, or when no
/// single-byte encoding reads them as plausible text. The decision is [`decide`]'s, made on
/// `window` (the bytes [`super::window`] picks from the file's start).
pub(super) fn decode(bytes: &[u8], window: &[u8]) -> Option<(String, &'static str)> {
    let encoding = decide(window)?;
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Some((text.into_owned(), encoding.name()))
}

/// The legacy single-byte encoding `window` looks like, or `None` when it looks like UTF-8
/// (with stray bytes or none) or no single-byte encoding reads it as plausible text.
///
/// The rule: a legacy encoding only when (1) valid multi-byte UTF-8 sequences are rare beside
/// the invalid ones (at most one for every ten; a genuine Latin-1 file almost never forms one,
/// a UTF-8 file with stray bytes is full of them), (2) the detector's guess is a single-byte
/// encoding, and (3) at least nine in ten of the non-ASCII characters it decodes to are
/// letters, spaces or common punctuation, not control codes or unmapped bytes.
///
/// Only `window` is looked at, so a reader that decodes just the start of a file (a list row)
/// decides exactly as the whole read does.
pub(super) fn decide(window: &[u8]) -> Option<&'static Encoding> {
    // Valid UTF-8 (but perhaps a character cut by the window's end), as most text is: checked
    // first, much faster than counting the evidence.
    match std::str::from_utf8(window) {
        Ok(_) => return None,
        Err(e) if e.error_len().is_none() => return None,
        Err(_) => {}
    }
    let (valid, invalid) = utf8_evidence(window);
    if invalid == 0 || valid * 10 > invalid {
        return None;
    }
    let encoding = guess(window);
    if !encoding.is_single_byte() {
        return None;
    }
    // With only a handful of non-ASCII bytes the detector is guessing (a lone `£` reads as
    // Polish `Ł` to it): Windows-1252, the usual encoding of unlabelled Western text, is
    // preferred whenever it reads them as text.
    if encoding != WINDOWS_1252 && few_non_ascii(window) {
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(window);
        if plausible(&text) {
            return Some(WINDOWS_1252);
        }
    }
    let (text, _) = encoding.decode_without_bom_handling(window);
    plausible(&text).then_some(encoding)
}

/// Below this many non-ASCII bytes the detector has too little to go on.
const FEW: usize = 16;

/// Whether `bytes` hold fewer than [`FEW`] non-ASCII bytes.
fn few_non_ascii(bytes: &[u8]) -> bool {
    bytes.iter().filter(|b| !b.is_ascii()).take(FEW).count() < FEW
}

/// Counts the valid multi-byte UTF-8 characters and the invalid sequences in `bytes`. A
/// sequence cut short at the very end (a file or a head cut mid-character) is no evidence
/// either way and is not counted.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut chunks = bytes.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        valid += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        let bad = chunk.invalid();
        if bad.is_empty() {
            continue;
        }
        let last = chunks.peek().is_none();
        if !(last && cut_short(bad)) {
            invalid += 1;
        }
    }
    (valid, invalid)
}

/// Whether `bad` is the start of a multi-byte UTF-8 character that the end of the text cut off.
fn cut_short(bad: &[u8]) -> bool {
    let need = match bad[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return false,
    };
    bad.len() < need && bad[1..].iter().all(|&b| (0x80..=0xBF).contains(&b))
}

/// The detector's guess (UTF-8 not allowed: the bytes are known not to be UTF-8).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    // The window is all the detector sees, whether or not the file goes on.
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

/// Whether the non-ASCII characters of `text` read as text: at least nine in ten are letters,
/// marks, spaces or common punctuation and symbols.
fn plausible(text: &str) -> bool {
    let (mut all, mut odd) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        all += 1;
        if !(c.is_alphabetic() || c.is_whitespace() || COMMON.contains(&c)) {
            odd += 1;
        }
    }
    all > 0 && odd * 10 <= all
}

/// Punctuation and symbols that legacy encodings hold and news text uses.
const COMMON: &[char] = &[
    '‘', '’', '‚', '“', '”', '„', '–', '—', '…', '•', '·', '«', '»', '‹', '›', '¡', '¿', '°', '£',
    '€', '¥', '¢', '§', '¶', '©', '®', '™', '±', '×', '÷', '¼', '½', '¾', '¹', '²', '³', '´', '`',
    '¨', '¸', '¯', '†', '‡', '‰', 'ª', 'º', '¦', '¬', '\u{AD}',
];

#[cfg(test)]
mod tests {
    use super::*;

    fn latin1(s: &str) -> Vec<u8> {
        s.chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect()
    }

    #[test]
    fn latin1_and_windows_1252_are_recognised() {
        let text = "Le café de la gare à Kessel a rouvert ses portes après l'été; \
                    les habitués étaient ravis.";
        let (out, name) = decode(&latin1(text), &latin1(text)).unwrap();
        assert_eq!(out, text);
        assert_eq!(name, "windows-1252");
        // Curly quotes and a dash live in 0x80..0x9F in Windows-1252 only.
        let bytes = b"\x93Nous sommes pr\xeats\x94, a dit le maire \x96 enfin.";
        let (out, _) = decode(bytes, bytes).unwrap();
        assert_eq!(out, "“Nous sommes prêts”, a dit le maire – enfin.");
    }

    #[test]
    fn little_evidence_prefers_windows_1252_and_much_evidence_follows_the_detector() {
        let (out, name) = decode(
            b"The fee is 5 \xa3 or 6 \x80.",
            b"The fee is 5 \xa3 or 6 \x80.",
        )
        .unwrap();
        assert_eq!(
            (out.as_str(), name),
            ("The fee is 5 £ or 6 €.", "windows-1252")
        );
        // A long Cyrillic text in Windows-1251 is read as such.
        let text = "Городской совет Кесселя проголосовал за новый мост через реку. \
                    Строительство начнётся весной и продлится два года.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let (out, name) = decode(&bytes, &bytes).unwrap();
        assert_eq!((out.as_str(), name), (text, "windows-1251"));
    }

    #[test]
    fn utf8_with_stray_bytes_is_left_to_the_lossy_decoder() {
        let mut bytes = "“Quoted” — déjà vu, naïve, façade, Zürich, señor. "
            .repeat(3)
            .into_bytes();
        bytes.extend_from_slice(b"one stray \xe9 byte");
        assert_eq!(decode(&bytes, &bytes), None);
    }

    #[test]
    fn a_cut_at_the_end_is_no_evidence() {
        let mut bytes = b"Plain text then a cut ".to_vec();
        bytes.extend_from_slice(&"é".as_bytes()[..1]);
        assert_eq!(utf8_evidence(&bytes), (0, 0));
        assert_eq!(decode(&bytes, &bytes), None);
        assert_eq!(utf8_evidence(b"caf\xe9 ok"), (0, 1));
        assert!(!cut_short(b"\x80"));
        assert!(cut_short(b"\xe2\x80"));
    }

    #[test]
    fn bytes_that_decode_to_control_codes_are_not_text() {
        assert!(!plausible("\u{81}\u{8d}\u{8f}\u{90}\u{9d}é"));
        assert!(plausible("Ostervik — «café» à 5 °C"));
        assert!(!plausible("only ascii"));
    }
}
