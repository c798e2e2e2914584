//! Pairing marks into quoted spans inside one block, with quotes that run on into the next paragraph.
//!
//! One pass with a stack of open marks; every mark is pushed and popped at most once, so pairing is
//! linear in the number of marks.

use super::marks::{Mark, QuoteKind, Role};

/// A quoted span found in one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Span {
    /// Offset of the opening mark, in chars.
    pub start: usize,
    /// One past the closing mark, or the block's length for a quote that runs on.
    pub end: usize,
    pub kind: QuoteKind,
    /// Whether it sits inside another open quote.
    pub nested: bool,
    /// The multi-paragraph quote it belongs to, if it is one paragraph of several.
    pub chain: Option<usize>,
}

/// A quote left open at the end of a block that the next block re-opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Carry {
    pub chain: usize,
    pub kind: QuoteKind,
}

struct Open {
    pos: usize,
    kind: QuoteKind,
    curly: bool,
    depth: usize,
    chain: Option<usize>,
}

const NONE: usize = usize::MAX;

/// Pairs the `marks` of one block of `len` chars.
///
/// `carry` is the quote the previous block left open (its first mark re-opens it); `next_opens` is the
/// kind of mark the next block starts with, when the next block may continue this one. Returns the
/// spans (in closing order) and the quote this block leaves open for the next. An opening mark that is
/// still open at the end and not re-opened by the next block is dropped: with nothing to close it, no
/// end can be told, and a quote never runs past its paragraph. The exception is the last paragraph of
/// a multi-paragraph quote that forgets to close it: its span runs to its end.
pub(super) fn pair(
    marks: &[Mark],
    len: usize,
    leading: usize,
    carry: Option<Carry>,
    next_opens: Option<QuoteKind>,
    chains: &mut usize,
) -> (Vec<Span>, Option<Carry>) {
    let ahead = Ahead::new(marks);
    let mut stack: Vec<Open> = Vec::new();
    // Stack indices of the open double quotes, innermost last.
    let mut doubles: Vec<usize> = Vec::new();
    let mut spans = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        let push = |stack: &Vec<Open>, chain| Open {
            pos: m.pos,
            kind: m.kind,
            curly: m.curly,
            depth: stack.len(),
            chain,
        };
        match (m.kind, m.role) {
            (QuoteKind::Double, Role::Close | Role::Either) if !doubles.is_empty() => {
                let inner = doubles.last().map(|&d| &stack[d]);
                if m.inch && inner.is_some_and(|o| o.curly) {
                    // `“The 12" pipe burst,”`: a straight mark after a digit inside a curly quote
                    // is an inch mark.
                    continue;
                }
                // Singles still open inside the double end with it, unclosed.
                while let Some(open) = stack.pop() {
                    if open.kind == QuoteKind::Double {
                        doubles.pop();
                        spans.push(span(&open, m));
                        break;
                    }
                }
            }
            (QuoteKind::Double, Role::Close | Role::WeakClose) => {}
            (kind, Role::Open) | (kind @ QuoteKind::Double, Role::Either) => {
                let chain = carry
                    .filter(|c| i == 0 && m.pos == leading && c.kind == kind)
                    .map(|c| c.chain);
                let open = push(&stack, chain);
                if kind == QuoteKind::Double {
                    doubles.push(stack.len());
                }
                stack.push(open);
            }
            (QuoteKind::Single, Role::Close) | (QuoteKind::Single, Role::WeakClose) => {
                let top_single = stack.last().is_some_and(|o| o.kind == QuoteKind::Single);
                if top_single
                    && (m.role == Role::Close || !ahead.closer_follows(i, !doubles.is_empty()))
                    && let Some(open) = stack.pop()
                {
                    spans.push(span(&open, m));
                }
            }
            (QuoteKind::Single, Role::Either) => {}
        }
    }
    let mut out = None;
    // The outer quote runs on when the next block re-opens it; a quote that ran into this block and
    // is not closed here ends with it, so every paragraph of a multi-paragraph quote keeps its span.
    let runs_on = |o: &Open| next_opens == Some(o.kind);
    if let Some(outer) = stack.first().filter(|o| runs_on(o) || o.chain.is_some()) {
        let chain = outer.chain.unwrap_or_else(|| {
            *chains += 1;
            *chains - 1
        });
        spans.push(Span {
            start: outer.pos,
            end: len,
            kind: outer.kind,
            nested: false,
            chain: Some(chain),
        });
        out = runs_on(outer).then_some(Carry {
            chain,
            kind: outer.kind,
        });
    }
    (spans, out)
}

fn span(open: &Open, close: &Mark) -> Span {
    Span {
        start: open.pos,
        end: close.pos + close.len,
        kind: open.kind,
        nested: open.depth > 0,
        chain: open.chain,
    }
}

/// For each mark, the index of the next single closer, single opener and double closer after it, so a
/// weak closer can look ahead in constant time.
struct Ahead {
    closer: Vec<usize>,
    opener: Vec<usize>,
    double_closer: Vec<usize>,
}

impl Ahead {
    fn new(marks: &[Mark]) -> Self {
        let n = marks.len();
        let (mut closer, mut opener, mut double_closer) =
            (vec![NONE; n], vec![NONE; n], vec![NONE; n]);
        let (mut c, mut o, mut d) = (NONE, NONE, NONE);
        for i in (0..n).rev() {
            closer[i] = c;
            opener[i] = o;
            double_closer[i] = d;
            match (marks[i].kind, marks[i].role) {
                (QuoteKind::Single, Role::Close) => c = i,
                (QuoteKind::Single, Role::Open) => o = i,
                (QuoteKind::Double, Role::Close) | (QuoteKind::Double, Role::Either) => d = i,
                _ => {}
            }
        }
        Ahead {
            closer,
            opener,
            double_closer,
        }
    }

    /// Whether a plain single closer follows mark `i` before the next single opener (which would claim
    /// it) and, inside a double quote, before the double quote can close. Then the weak closer at `i`
    /// is a possessive, not the end of the quote.
    fn closer_follows(&self, i: usize, in_double: bool) -> bool {
        let c = self.closer[i];
        c != NONE && c < self.opener[i] && (!in_double || c < self.double_closer[i])
    }
}

#[cfg(test)]
mod tests {
    use super::super::marks::scan;
    use super::*;

    fn spans(s: &str) -> Vec<(usize, usize)> {
        let chars: Vec<char> = s.chars().collect();
        let mut chains = 0;
        let (mut v, _) = pair(&scan(&chars), chars.len(), 0, None, None, &mut chains);
        v.sort_by_key(|s| s.start);
        v.into_iter().map(|s| (s.start, s.end)).collect()
    }

    #[test]
    fn closes_innermost_first() {
        assert_eq!(spans("“a ‘b’ c”"), vec![(0, 9), (3, 6)]);
    }

    #[test]
    fn unclosed_opener_is_dropped() {
        assert_eq!(spans("“a ‘b’ c"), vec![(3, 6)]);
        assert_eq!(spans("x” y"), vec![]);
    }

    #[test]
    fn weak_closer_yields_to_a_later_closer() {
        assert_eq!(spans("‘the nurses’ pay’"), vec![(0, 17)]);
        assert_eq!(spans("‘the nurses’ and ‘x’"), vec![(0, 12), (17, 20)]);
    }

    #[test]
    fn carries_the_outer_quote() {
        let chars: Vec<char> = "“a ‘b".chars().collect();
        let mut chains = 0;
        let (v, carry) = pair(
            &scan(&chars),
            5,
            0,
            None,
            Some(QuoteKind::Double),
            &mut chains,
        );
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].start, v[0].end, v[0].chain), (0, 5, Some(0)));
        assert_eq!(carry.map(|c| c.chain), Some(0));
        assert_eq!(chains, 1);
    }
}
