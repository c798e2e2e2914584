//! Quote and speaker highlights of one block, as byte ranges of its text.

use super::Tag;
use super::wrap::Mark;
use crate::article::Quote;
use memchr::memmem;

/// Finds the quote and speaker marks of blocks, keeping its buffers from block to block.
#[derive(Default)]
pub struct QuoteMarks {
    /// Sorted char offsets of the block's quotes.
    offsets: Vec<usize>,
    /// The byte offset of each of `offsets`.
    bytes: Vec<usize>,
    /// The marks found.
    marks: Vec<Mark>,
}

impl QuoteMarks {
    /// Byte-range marks for the quotes of block `block` among `quotes` (text `text`), and the
    /// speakers named next to them.
    pub fn find(&mut self, text: &str, block: usize, quotes: &[Quote]) -> &mut Vec<Mark> {
        let QuoteMarks {
            offsets,
            bytes,
            marks,
        } = self;
        marks.clear();
        let mine = || quotes.iter().filter(move |q| q.block == block);
        if mine().next().is_none() {
            return marks;
        }
        offsets.clear();
        offsets.extend(mine().flat_map(|q| [q.start, q.end]));
        offsets.sort_unstable();
        offsets.dedup();
        char_to_byte(text, offsets, bytes);
        let at = |c: usize| bytes[offsets.binary_search(&c).unwrap_or(0)];
        marks.extend(mine().map(|q| Mark {
            start: at(q.start),
            end: at(q.end),
            tag: Tag::Quoted,
            target: None,
        }));
        for q in mine() {
            if let Some(name) = &q.speaker
                && let Some((s, e)) = speaker_near(text, name, at(q.start), at(q.end))
            {
                marks.push(Mark {
                    start: s,
                    end: e,
                    tag: Tag::Speaker,
                    target: None,
                });
            }
        }
        marks
    }
}

/// Byte offsets of the sorted char offsets `chars` in `text` (past the end maps to `text.len()`),
/// into `out` (cleared first).
fn char_to_byte(text: &str, chars: &[usize], out: &mut Vec<usize>) {
    out.clear();
    let mut want = chars.iter().peekable();
    for (n, (b, _)) in text.char_indices().enumerate() {
        while want.next_if(|&&c| c == n).is_some() {
            out.push(b);
        }
        if want.peek().is_none() {
            break;
        }
    }
    out.resize(chars.len(), text.len());
}

/// Where the speaker's name stands next to a quote: the first mention after it, else the last
/// before it; falls back to the surname when the text names the speaker only by it.
fn speaker_near(text: &str, name: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let surname = name.rsplit(' ').next().unwrap_or(name);
    for n in [name, surname] {
        if n.is_empty() {
            continue;
        }
        // Bytes searched: a match of whole UTF-8 chars always starts and ends on char boundaries.
        if let Some(k) = text
            .get(end..)
            .and_then(|t| memmem::find(t.as_bytes(), n.as_bytes()))
        {
            return Some((end + k, end + k + n.len()));
        }
        if let Some(k) = text
            .get(..start)
            .and_then(|t| memmem::rfind(t.as_bytes(), n.as_bytes()))
        {
            return Some((k, k + n.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_map_to_bytes() {
        // “ is three bytes and é two, so the closing mark (char 4) starts at byte 7.
        let t = "“Né,” she said";
        let mut bytes = vec![99];
        char_to_byte(t, &[0, 4, 14], &mut bytes);
        assert_eq!(bytes, vec![0, 7, t.len()]);
    }

    #[test]
    fn speaker_is_found_after_the_quote_or_by_surname() {
        let t = "“We stay,” Ana Ruiz said. Later Ruiz left.";
        let end = t.find(',').unwrap() + 4;
        assert_eq!(
            speaker_near(t, "Ana Ruiz", 0, end).map(|(s, e)| &t[s..e]),
            Some("Ana Ruiz")
        );
        let t2 = "“We stay,” Ruiz said.";
        let end2 = t2.find('”').unwrap() + '”'.len_utf8();
        let (s, e) = speaker_near(t2, "Ana Ruiz", 0, end2).unwrap();
        assert_eq!(&t2[s..e], "Ruiz");
    }
}
