//! Stable article ids: a content hash that survives renames, moves and Rust upgrades.

/// How many characters of the first body block go into the id.
const FIRST_BLOCK_CHARS: usize = 200;

/// The FNV-1a 64-bit offset basis and prime (published constants, so the hash never changes).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A hand-written FNV-1a 64 hasher: unlike std's `DefaultHasher`, its output is fixed forever.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(FNV_OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
        self.0 = h;
    }

    /// Feeds `text` with runs of whitespace collapsed to one space and the ends trimmed, stopping
    /// after `limit` characters of the normalised text (so a 5 MB block costs no more than 200).
    ///
    /// One pass over the bytes: ASCII is classified without decoding (every list row hashes its
    /// first lines, so this is on the path to the first frame); other characters are decoded and
    /// judged by `char::is_whitespace`, as `str::split_whitespace` does.
    fn write_normalised(&mut self, text: &str, limit: usize) {
        let bytes = text.as_bytes();
        let (mut taken, mut i) = (0, 0);
        // A space is owed once a word has been written and whitespace follows it.
        let (mut started, mut space) = (false, false);
        while i < bytes.len() {
            let b = bytes[i];
            let (len, white) = if b.is_ascii() {
                (1, ascii_white(b))
            } else {
                let c = text[i..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                (c.len_utf8(), c.is_whitespace())
            };
            if white {
                space = started;
                i += len;
                continue;
            }
            if space {
                if taken == limit {
                    break;
                }
                self.write(b" ");
                taken += 1;
                space = false;
            }
            if taken == limit {
                break;
            }
            // A run of plain ASCII letters is written at once, up to the limit.
            if len == 1 {
                // A run of plain ASCII is hashed in one tight loop, up to the limit.
                let stop = bytes.len().min(i.saturating_add(limit - taken));
                let (mut h, mut end) = (self.0, i);
                while end < stop {
                    let c = bytes[end];
                    if !c.is_ascii() || ascii_white(c) {
                        break;
                    }
                    h = (h ^ u64::from(c)).wrapping_mul(FNV_PRIME);
                    end += 1;
                }
                self.0 = h;
                taken += end - i;
                i = end;
            } else {
                self.write(&bytes[i..i + len]);
                taken += 1;
                i += len;
            }
            started = true;
        }
    }
}

/// ASCII white space as `char::is_whitespace` has it: tab, line feed, vertical tab, form feed,
/// carriage return and space.
fn ascii_white(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The id under which an article's read mark, bookmark and position are kept.
///
/// It hashes the title, the date and the first 200 characters of the first body block, each with
/// whitespace normalised (runs collapsed to one space, ends trimmed), so re-saving a file with
/// different line wrapping or moving it to another folder keeps its state. The result is 16
/// lowercase hex digits of FNV-1a 64, identical on every platform and Rust version.
pub fn article_id(title: &str, date: Option<&str>, first_block: Option<&str>) -> String {
    let mut h = Fnv1a::new();
    h.write_normalised(title, usize::MAX);
    // A separator byte that normalised text never contains keeps ("ab", "c") apart from ("a", "bc").
    h.write(&[0x1f]);
    if let Some(date) = date {
        h.write(b"d");
        h.write_normalised(date, usize::MAX);
    }
    h.write(&[0x1f]);
    if let Some(block) = first_block {
        h.write(b"b");
        h.write_normalised(block, FIRST_BLOCK_CHARS);
    }
    format!("{:016x}", h.0)
}

/// The length up to which [`id_prefix`] keeps a start whole without counting it: about what a
/// news-wire header (headline, date line, byline) takes.
const UNCOUNTED: usize = 512;

/// A short start of `block` that gives [`article_id`] the same result as the whole of it: the
/// text up to its 201st printable ASCII character (`!` to `~`, or DEL). The hash reads at most
/// 200 characters of the normalised block, and every such character is one of them, so a cut
/// after the 201st is never too early (it may be a little late where the block holds other
/// characters the hash counts, which is harmless). A block with fewer, or of at most
/// [`UNCOUNTED`] bytes, is returned whole. A list row keeps only this much of a file's first
/// lines for the id it computes later, not the whole 2 KB it read.
pub fn id_prefix(block: &str) -> &str {
    if block.len() <= UNCOUNTED {
        // Copying a short start costs less than counting it (every row of a library comes
        // here before the first frame).
        return block;
    }
    counted_prefix(block)
}

/// [`id_prefix`] of a block of any length: the text up to its 201st printable ASCII character.
fn counted_prefix(block: &str) -> &str {
    // Printable ASCII: a byte in 0x21..=0x7F, tested with one subtraction and one comparison
    // so the count of a chunk compiles to a few vector instructions (every row of a library
    // is counted before the first frame).
    let counted = |b: u8| u8::from(b.wrapping_sub(0x21) < 0x5f);
    let bytes = block.as_bytes();
    let mut seen = 0;
    // Whole chunks are counted in a loop the compiler vectorises; the chunk where the count
    // passes the limit is then walked byte by byte.
    for (c, chunk) in bytes.chunks(64).enumerate() {
        let here = usize::from(chunk.iter().fold(0u8, |n, &b| n + counted(b)));
        if seen + here <= FIRST_BLOCK_CHARS {
            seen += here;
            continue;
        }
        for (i, &b) in chunk.iter().enumerate() {
            seen += usize::from(counted(b));
            if seen > FIRST_BLOCK_CHARS {
                // An ASCII byte ends a character, so the cut is at a character boundary.
                return &block[..=c * 64 + i];
            }
        }
    }
    block
}

/// How an edit key starts: no article id (16 hex digits) ever does.
pub const EDIT_KEY_PREFIX: &str = "e:";

/// The FNV-1a 64 hash of `path`'s bytes, as 16 hex digits: the first half of an edit key.
pub fn path_hash(path: &[u8]) -> String {
    let mut h = Fnv1a::new();
    h.write(path);
    format!("{:016x}", h.0)
}

/// The key under which the marks of the file at `path` are kept a second time, so an edit of its
/// title finds them again: `e:`, the path's hash and a hash of the file's first lines (`start`,
/// as the list row reads them) with the title taken out, whitespace normalised. `None` when the
/// title does not stand in those lines as written (nothing could be matched safely then).
///
/// The path is part of it, so two files never share marks through it (a copy given another
/// headline starts unread); the text is, so a different article written over the same file
/// does not inherit them.
pub fn edit_key(path: &[u8], title: &str, start: &str) -> Option<String> {
    let title = title.trim();
    let rest = if title.is_empty() {
        start.to_string()
    } else {
        let at = start.find(title)?;
        format!("{} {}", &start[..at], &start[at + title.len()..])
    };
    let mut h = Fnv1a::new();
    h.write_normalised(&rest, usize::MAX);
    Some(format!("{EDIT_KEY_PREFIX}{}{:016x}", path_hash(path), h.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first way ids were hashed (word by word with `split_whitespace`): every id already on
    /// disk was made this way, so the one-pass version must feed exactly the same bytes.
    fn by_words(text: &str, limit: usize) -> u64 {
        let mut h = Fnv1a::new();
        let mut taken = 0;
        let mut buf = [0u8; 4];
        'words: for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                if taken == limit {
                    break;
                }
                h.write(b" ");
                taken += 1;
            }
            for c in word.chars() {
                if taken == limit {
                    break 'words;
                }
                h.write(c.encode_utf8(&mut buf).as_bytes());
                taken += 1;
            }
        }
        h.0
    }

    #[test]
    fn the_one_pass_hash_feeds_what_the_word_by_word_hash_fed() {
        let texts = [
            "",
            " ",
            "one",
            "  two  words  ",
            "tabs\tand\nnewlines\r\nand\x0bvt\x0cff",
            "no\u{a0}break and\u{2003}em\u{3000}ideographic\u{85}next",
            "Venezuela’s “quoted” words — with dashes",
            "é ü ñ 漢字 kana かな",
            "\u{1c}\u{1d} not white space in Unicode",
            "word ",
        ];
        for text in texts {
            for limit in [0, 1, 2, 3, 5, 8, 13, 200, usize::MAX] {
                let mut h = Fnv1a::new();
                h.write_normalised(text, limit);
                assert_eq!(h.0, by_words(text, limit), "{text:?} limit {limit}");
            }
        }
    }

    fn fnv(bytes: &[u8]) -> u64 {
        let mut h = Fnv1a::new();
        h.write(bytes);
        h.0
    }

    #[test]
    fn fnv_matches_the_published_test_vectors() {
        // Vectors from the FNV reference (Fowler, Noll, Vo), not from this code.
        assert_eq!(fnv(b""), 0xcbf29ce484222325);
        assert_eq!(fnv(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn normalising_stops_at_the_limit() {
        let mut a = Fnv1a::new();
        a.write_normalised("  one   two\nthree ", 7);
        assert_eq!(a.0, fnv(b"one two"));
        let mut b = Fnv1a::new();
        b.write_normalised("  one   two\nthree ", usize::MAX);
        assert_eq!(b.0, fnv(b"one two three"));
    }

    #[test]
    fn an_edit_key_survives_a_new_title_and_nothing_else() {
        let start = "Harbor pilots walk out\nMar 14, 2026\nBy ANA RUIZ\nThe pilots left.\n";
        let key = edit_key(b"/lib/a.txt", "Harbor pilots walk out", start).unwrap();
        assert!(key.starts_with(&format!("e:{}", path_hash(b"/lib/a.txt"))));
        let retitled = start.replace("Harbor pilots walk out", "Pilots strike at the harbor");
        assert_eq!(
            edit_key(b"/lib/a.txt", "Pilots strike at the harbor", &retitled),
            Some(key.clone())
        );
        // Another file, another date, other text, or a title not in the lines: no match.
        assert_ne!(
            edit_key(b"/lib/b.txt", "Harbor pilots walk out", start),
            Some(key.clone())
        );
        let redated = start.replace("Mar 14", "Mar 15");
        assert_ne!(
            edit_key(b"/lib/a.txt", "Harbor pilots walk out", &redated),
            Some(key.clone())
        );
        let other = start.replace("left", "stayed");
        assert_ne!(
            edit_key(b"/lib/a.txt", "Harbor pilots walk out", &other),
            Some(key)
        );
        assert_eq!(edit_key(b"/lib/a.txt", "Not in it", start), None);
    }

    #[test]
    fn the_id_prefix_of_a_long_start_is_short_and_hashes_alike() {
        let start = "Ferry fares rise\nMar 3, 2026\nBy Lena Ortiz\n".to_string()
            + &"The harbour board agreed on new fares for the winter crossings. ".repeat(40);
        let short = id_prefix(&start);
        assert!(short.len() < 300, "kept {} bytes", short.len());
        assert!(start.starts_with(short));
        assert_eq!(
            article_id("Ferry fares rise", Some("Mar 3, 2026"), Some(short)),
            article_id("Ferry fares rise", Some("Mar 3, 2026"), Some(&start))
        );
    }

    proptest::proptest! {
        #[test]
        fn the_id_prefix_never_changes_an_id(
            words in proptest::collection::vec("[a-zé0-9.,!~ ]{0,9}|[ \t\n\u{a0}\u{2003}]{1,3}|[ßø—“”]{1,2}|[\u{1}\u{7f}\u{85}]", 0..240)
        ) {
            let start: String = words.concat();
            // Both ways of cutting: whole below the uncounted length, counted above it.
            for short in [id_prefix(&start), counted_prefix(&start)] {
                proptest::prop_assert!(start.starts_with(short));
                proptest::prop_assert_eq!(
                    article_id("x", None, Some(short)),
                    article_id("x", None, Some(&start))
                );
            }
        }
    }
}
