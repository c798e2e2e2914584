//! The postings list of one term: the documents holding it and how often, as varint-coded gaps.

use super::varint;

/// The documents holding one term, in increasing order, with the term's frequency in each.
#[derive(Debug, Default)]
pub struct Postings {
    /// Pairs of (gap to the previous document number, term frequency), each a varint; a posting
    /// takes about two bytes.
    bytes: Vec<u8>,
    /// The last document number written, which the next gap is measured from.
    last: u32,
    /// How many documents hold the term.
    df: u32,
}

impl Postings {
    /// Appends document `doc` (greater than any before) with term frequency `tf`.
    pub fn push(&mut self, doc: u32, tf: u32) {
        let gap = if self.df == 0 {
            doc
        } else {
            doc.saturating_sub(self.last)
        };
        varint::put(&mut self.bytes, gap);
        varint::put(&mut self.bytes, tf);
        self.last = doc;
        self.df += 1;
    }

    /// Calls `f(doc, tf)` for each posting, in document order.
    pub fn for_each(&self, mut f: impl FnMut(u32, u32)) {
        let mut at = 0;
        let mut doc = 0u32;
        while at < self.bytes.len() {
            let gap = varint::get(&self.bytes, &mut at);
            let tf = varint::get(&self.bytes, &mut at);
            doc = doc.wrapping_add(gap);
            f(doc, tf);
        }
    }

    /// Heap bytes used.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }

    /// Frees spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_in_order() {
        let mut p = Postings::default();
        let input = [(0, 3), (1, 1), (200, 7), (70_000, 2)];
        for (d, f) in input {
            p.push(d, f);
        }
        let mut back = Vec::new();
        p.for_each(|d, f| back.push((d, f)));
        assert_eq!(back, input);
        assert_eq!(p.df, 4);
    }
}
