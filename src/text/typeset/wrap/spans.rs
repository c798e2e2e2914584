//! Building a wrapped line's spans from pieces of the block's text and padding.

use crate::text::typeset::{Span, Tag};

/// The spans of a block's lines as they are built, one line at a time. Pieces that follow on
/// from one another with the same tag make one span, copied out once the next piece has another
/// tag, so every span's text is allocated once at its final size. While its pieces are one run
/// of the block's text a span is held as a byte range of it; padding from elsewhere (justified
/// gaps) makes it be built up in a buffer instead. The buffers are kept from block to block.
#[derive(Default)]
pub struct LineSpans<'t> {
    /// The block's text.
    text: &'t str,
    /// The line's spans so far.
    spans: Vec<Span>,
    /// The span being built.
    pending: Option<Pending>,
    /// The text of a `Pending::Built` span.
    built: String,
}

/// A span not yet copied out.
enum Pending {
    /// `text[start..end]` with a tag and link target.
    Range(usize, usize, Look),
    /// The text in `built` with a tag and link target.
    Built(Look),
}

/// What a span is and the link it belongs to: pieces join one span only when both agree.
pub type Look = (Tag, Option<usize>);

impl<'t> LineSpans<'t> {
    /// Starts on the lines of `text`.
    pub fn start(&mut self, text: &'t str) {
        self.text = text;
        self.spans.clear();
        self.pending = None;
    }

    /// Starts the line with a copy of `span`, which the line's text never joins.
    pub fn lead(&mut self, span: &Span) {
        self.flush();
        self.spans.push(span.clone());
    }

    /// Adds `text[start..end]` with `tag`.
    #[inline]
    pub fn push(&mut self, start: usize, end: usize, tag: Tag) {
        self.push_look(start, end, (tag, None));
    }

    /// Adds `text[start..end]` with `tag`, part of link `target` when it is one.
    #[inline]
    pub fn push_look(&mut self, start: usize, end: usize, tag: Look) {
        if start >= end {
            return;
        }
        match &mut self.pending {
            Some(Pending::Range(_, e, t)) if *e == start && *t == tag => *e = end,
            Some(Pending::Range(s, e, t)) if *t == tag => {
                // Not a continuation (wrapping never does this): join them in the buffer.
                self.built.clear();
                self.built.push_str(&self.text[*s..*e]);
                self.built.push_str(&self.text[start..end]);
                self.pending = Some(Pending::Built(tag));
            }
            Some(Pending::Built(t)) if *t == tag => self.built.push_str(&self.text[start..end]),
            _ => {
                self.flush();
                self.pending = Some(Pending::Range(start, end, tag));
            }
        }
    }

    /// Adds text from elsewhere (padding) with `tag`.
    #[cfg(test)]
    pub fn push_str(&mut self, text: &str, tag: Tag) {
        self.push_str_look(text, (tag, None));
    }

    /// Adds text from elsewhere (padding) with `tag`, part of link `target` when it is one.
    pub fn push_str_look(&mut self, text: &str, tag: Look) {
        if text.is_empty() {
            return;
        }
        match self.pending {
            Some(Pending::Built(t)) if t == tag => {}
            Some(Pending::Range(s, e, t)) if t == tag => {
                self.built.clear();
                self.built.push_str(&self.text[s..e]);
                self.pending = Some(Pending::Built(tag));
            }
            _ => {
                self.flush();
                self.built.clear();
                self.pending = Some(Pending::Built(tag));
            }
        }
        self.built.push_str(text);
    }

    /// Copies the pending span out.
    fn flush(&mut self) {
        let (text, (tag, target)) = match self.pending.take() {
            None => return,
            Some(Pending::Range(s, e, look)) => (&self.text[s..e], look),
            Some(Pending::Built(look)) => (self.built.as_str(), look),
        };
        self.spans.push(Span {
            text: text.to_owned(),
            tag,
            target,
        });
    }

    /// The line's finished spans, in a vector of just their number; the next pieces start a
    /// new line.
    pub fn take(&mut self) -> Vec<Span> {
        self.flush();
        self.spans.drain(..).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(spans: &[Span]) -> Vec<(&str, Tag)> {
        spans.iter().map(|s| (s.text.as_str(), s.tag)).collect()
    }

    #[test]
    fn pieces_with_one_tag_make_one_span_and_leads_stay_apart() {
        let text = "one two three";
        let mut l = LineSpans::default();
        l.start(text);
        l.lead(&Span {
            text: "  ".into(),
            tag: Tag::Body,
            target: None,
        });
        l.push(0, 3, Tag::Body);
        l.push(3, 4, Tag::Body);
        l.push_str("  ", Tag::Body);
        l.push(4, 7, Tag::Body);
        l.push(7, 8, Tag::Quoted);
        l.push(8, 13, Tag::Quoted);
        assert_eq!(
            texts(&l.take()),
            [
                ("  ", Tag::Body),
                ("one   two", Tag::Body),
                (" three", Tag::Quoted)
            ]
        );
        // Padding with another tag, then text: each its own span.
        l.push(0, 3, Tag::Body);
        l.push_str(" ", Tag::Quoted);
        l.push(3, 4, Tag::Body);
        l.push(8, 13, Tag::Body);
        let spans = l.take();
        assert_eq!(
            texts(&spans),
            [
                ("one", Tag::Body),
                (" ", Tag::Quoted),
                (" three", Tag::Body)
            ]
        );
        assert!(spans.iter().all(|s| s.text.capacity() == s.text.len()));
    }
}
