//! The body: paragraphs with the dateline and quote highlights, subheadings, block quotes, lists.
//!
//! Each block is set in two parts: the blank lines before it, which depend on the lines already
//! on the page, and its own lines, which depend only on the block. A long body has its blocks'
//! own lines set on several threads, then joined in order with the blank lines between them.

use super::marks::QuoteMarks;
use super::wrap::{self, Mark};
use super::{Line, Span, Tag, blank, runs};
use crate::article::{Article, BlockKind, Quote};
use std::ops::Range;

/// Articles longer than this are set first-fit: optimal fit is most of the time it takes to
/// open a megabyte-long article, and a ragged edge a little less even is not worth that wait.
const OPTIMAL_FIT_MAX_BYTES: usize = 256 * 1024;

/// The least body text worth a thread of its own: a body is set on as many threads as it has
/// runs of this much text (and the machine has threads), so one under twice this is set on
/// this thread alone. Measured on two cores with the other one idle, two threads take 0.55–0.65
/// of the time from 64 KB to 256 KB (set optimal-fit) and 0.6–0.9 above (first-fit); with the
/// other core busy, up to a third longer on small bodies. Below 128 KB there are at most two
/// milliseconds to gain.
const RUN_MIN_BYTES: usize = 64 * 1024;

/// Separates the dateline from the paragraph it opens.
const DATELINE_DASH: &str = " — ";

/// How many threads to set the body of `article` on: one unless it is long enough to pay.
pub fn threads_for(article: &Article) -> usize {
    let runs = text_bytes(article) / RUN_MIN_BYTES;
    if runs >= 2 {
        crate::work::threads().min(runs)
    } else {
        1
    }
}

/// Appends the body lines of `article`, every line tagged with its block index, setting the
/// blocks on at most `threads` threads (one sets them in turn on this thread).
#[allow(clippy::too_many_arguments)]
pub fn lay_out(
    article: &Article,
    width: usize,
    justify: bool,
    pictures: bool,
    numbers: LinkNumbers,
    threads: usize,
    lines: &mut Vec<Line>,
) {
    let mut setter = Setter::new(article, width, justify, numbers);
    setter.pictures = pictures;
    let mut quotes = Quotes::at(&article.quotes, 0);
    set_blocks(
        &setter,
        0..article.blocks.len(),
        &mut quotes,
        threads,
        0,
        lines,
    );
}

/// Sets the blocks in `range` after the lines in `lines` (with `dropped` more lines above them
/// that were already handed on), on at most `threads` threads; `quotes` is the walk over the
/// article's quotes as it stands at the range's first block, and is left at its end.
fn set_blocks<'a>(
    setter: &Setter<'a>,
    range: Range<usize>,
    quotes: &mut Quotes<'a>,
    threads: usize,
    dropped: usize,
    lines: &mut Vec<Line>,
) {
    let article = setter.article;
    let blocks = &article.blocks[range.clone()];
    if threads <= 1 {
        let mut buffers = Buffers::default();
        for i in range {
            space_before(article, i, dropped, lines);
            setter.block(i, quotes.take(i), &mut buffers, lines);
        }
        return;
    }
    let weights: Vec<usize> = blocks.iter().map(|b| b.text.len()).collect();
    let runs: Vec<Range<usize>> = runs::split(&weights, threads)
        .into_iter()
        .map(|r| r.start + range.start..r.end + range.start)
        .collect();
    // Each run starts the walk over the quotes where the run before it left it.
    let mut starts = Vec::with_capacity(runs.len());
    for run in &runs {
        starts.push(*quotes);
        for i in run.clone() {
            quotes.take(i);
        }
    }
    let jobs: Vec<_> = runs
        .iter()
        .zip(starts)
        .map(|(run, start)| {
            let run = run.clone();
            move || setter.run(run, start)
        })
        .collect();
    let sets = crate::work::in_parallel(jobs);
    lines.reserve(sets.iter().map(|(own, _)| own.len()).sum::<usize>() + blocks.len());
    for (run, (own, counts)) in runs.into_iter().zip(sets) {
        let mut own = own.into_iter();
        for (i, n) in run.zip(counts) {
            space_before(article, i, dropped, lines);
            lines.extend(own.by_ref().take(n));
        }
    }
}

/// A stretch of a printed body is at most this many bytes of text…
const STRETCH_BYTES: usize = 512 * 1024;
/// …and at most this many blocks.
const STRETCH_BLOCKS: usize = 8192;

/// The body of an article set a stretch of blocks at a time, so a printer holds the lines of
/// one stretch at once, never the whole page.
pub struct Stretches<'a> {
    setter: Setter<'a>,
    /// The first block not yet set.
    next: usize,
    /// The walk over the quotes, at `next`.
    quotes: Quotes<'a>,
}

impl<'a> Stretches<'a> {
    /// The body of `article` at `width`, none of it set yet.
    pub fn new(article: &'a Article, width: usize, justify: bool, numbers: LinkNumbers) -> Self {
        Stretches {
            setter: Setter::new(article, width, justify, numbers),
            next: 0,
            quotes: Quotes::at(&article.quotes, 0),
        }
    }

    /// Appends the lines of the next stretch of blocks to `lines`, below `dropped` lines set
    /// before and already handed on; `false` when the body is all set.
    pub fn next(&mut self, dropped: usize, lines: &mut Vec<Line>) -> bool {
        let blocks = &self.setter.article.blocks;
        if self.next >= blocks.len() {
            return false;
        }
        let start = self.next;
        let (mut end, mut bytes) = (start, 0);
        while end < blocks.len() && end - start < STRETCH_BLOCKS && bytes < STRETCH_BYTES {
            bytes += blocks[end].text.len();
            end += 1;
        }
        let runs = bytes / RUN_MIN_BYTES;
        let threads = if runs >= 2 {
            crate::work::threads().min(runs)
        } else {
            1
        };
        set_blocks(
            &self.setter,
            start..end,
            &mut self.quotes,
            threads,
            dropped,
            lines,
        );
        self.next = end;
        true
    }
}

/// Bytes of body text.
fn text_bytes(article: &Article) -> usize {
    article.blocks.iter().map(|b| b.text.len()).sum()
}

/// The blank lines before block `i`, given the lines above it (`dropped` more above those).
fn space_before(article: &Article, i: usize, dropped: usize, lines: &mut Vec<Line>) {
    match article.blocks[i].kind {
        BlockKind::Paragraph
        | BlockKind::Quote
        | BlockKind::Caption
        | BlockKind::Code
        | BlockKind::Separator
        | BlockKind::Image => blank(lines),
        BlockKind::Heading => {
            blank(lines);
            if dropped + lines.len() > 1 {
                lines.push(Line::default());
            }
        }
        BlockKind::ListItem => {
            // Items of one list follow each other without a gap.
            if !lines.last().is_some_and(|l| {
                l.block
                    .is_some_and(|b| article.blocks[b].kind == BlockKind::ListItem)
            }) {
                blank(lines);
            }
        }
    }
}

/// The article's quotes handed out block by block, in one walk forward over them.
#[derive(Clone, Copy)]
struct Quotes<'a> {
    all: &'a [Quote],
    next: usize,
}

impl<'a> Quotes<'a> {
    /// The walk as it stands when block `block` is reached.
    fn at(all: &'a [Quote], block: usize) -> Self {
        let mut quotes = Quotes { all, next: 0 };
        for i in 0..block {
            quotes.take(i);
        }
        quotes
    }

    /// The quotes not yet handed out up to those of block `i`; those of earlier blocks among
    /// them (out of order) belong to no block.
    fn take(&mut self, i: usize) -> &'a [Quote] {
        let start = self.next;
        while self.all.get(self.next).is_some_and(|q| q.block <= i) {
            self.next += 1;
        }
        &self.all[start..self.next]
    }
}

/// How the body's links are numbered and which page targets they are: link `k` of the
/// article's links is shown as `[first_number + k]` and is target `first_target + k`.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkNumbers {
    /// The number shown after the first link's words.
    pub first_number: usize,
    /// The page target of the first link.
    pub first_target: usize,
}

/// A block that holds placed links, as it is set: each link's words followed by its number.
struct Linked {
    /// The block's index.
    block: usize,
    /// The text with the numbers in it.
    text: String,
    /// One mark a link, over its words and its number (byte ranges of `text`).
    marks: Vec<Mark>,
    /// Where a number went in (a byte offset of the block's own text) and its length.
    inserts: Vec<(usize, usize)>,
}

impl Linked {
    /// Byte `at` of the block's own text, in `text`; a number put in right at a range's end
    /// stays outside it, one put in right at its start stays before it.
    fn shift(&self, at: usize, is_end: bool) -> usize {
        at + self
            .inserts
            .iter()
            .take_while(|(i, _)| if is_end { *i < at } else { *i <= at })
            .map(|(_, n)| n)
            .sum::<usize>()
    }
}

/// Block kinds whose placed links are marked in the text.
fn marks_links(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph
            | BlockKind::Heading
            | BlockKind::Quote
            | BlockKind::ListItem
            | BlockKind::Caption
    )
}

/// The blocks of `article` holding placed links, in block order, their links marked.
fn linked_blocks(article: &Article, numbers: LinkNumbers) -> Vec<Linked> {
    let mut by_block: Vec<(usize, usize, usize, usize)> = article
        .links
        .iter()
        .enumerate()
        .filter_map(|(k, l)| {
            let at = l.at?;
            let kind = article.blocks.get(at.block)?.kind;
            (marks_links(kind) && at.start < at.end).then_some((at.block, at.start, at.end, k))
        })
        .collect();
    by_block.sort_unstable();
    let mut out = Vec::new();
    for group in by_block.chunk_by(|a, b| a.0 == b.0) {
        let block = group[0].0;
        let own = &article.blocks[block].text;
        // Char offsets to bytes, in one walk; a place past the text's end is dropped.
        let bytes: Vec<usize> = own
            .char_indices()
            .map(|(b, _)| b)
            .chain([own.len()])
            .collect();
        let mut text = String::with_capacity(own.len() + 6 * group.len());
        let (mut marks, mut inserts) = (Vec::new(), Vec::new());
        let mut copied = 0;
        for &(_, start, end, k) in group {
            let (Some(&s), Some(&e)) = (bytes.get(start), bytes.get(end)) else {
                continue;
            };
            if s < copied {
                // Overlaps the link before it: its words are that link's.
                continue;
            }
            text.push_str(&own[copied..e]);
            let from = text.len() - (e - s);
            let number = format!("[{}]", numbers.first_number + k);
            text.push_str(&number);
            marks.push(Mark {
                start: from,
                end: text.len(),
                tag: Tag::Link,
                target: Some(numbers.first_target + k),
            });
            inserts.push((e, number.len()));
            copied = e;
        }
        text.push_str(&own[copied..]);
        out.push(Linked {
            block,
            text,
            marks,
            inserts,
        });
    }
    out
}

/// Cuts `marks` (quotes and speakers) around the link marks `links`, so a link inside a quote
/// shows as a link.
fn cut_around(marks: &mut Vec<Mark>, links: &[Mark]) {
    let mut out = Vec::with_capacity(marks.len() + links.len());
    for m in marks.drain(..) {
        let mut start = m.start;
        for l in links.iter().filter(|l| l.start < m.end && l.end > m.start) {
            if l.start > start {
                out.push(Mark {
                    start,
                    end: l.start,
                    ..m
                });
            }
            start = start.max(l.end);
        }
        if start < m.end {
            out.push(Mark { start, ..m });
        }
    }
    marks.extend(out);
}

/// What setting a block's own lines needs to know; shared by the threads.
struct Setter<'a> {
    article: &'a Article,
    width: usize,
    justify: bool,
    optimal: bool,
    /// The first block's text with the dateline before it, when it has one.
    opening: Option<String>,
    /// The blocks holding placed links, as they are set.
    linked: Vec<Linked>,
    /// The bar left of a block quote's lines.
    bar: Span,
    /// A list item's bullet, and the indent of its other lines.
    bullet: (Span, Span),
    /// Keep rows free for pictures.
    pictures: bool,
}

/// Buffers one thread keeps from block to block.
#[derive(Default)]
struct Buffers<'t> {
    quotes: QuoteMarks,
    wrap: wrap::Scratch<'t>,
}

impl<'a> Setter<'a> {
    fn new(article: &'a Article, width: usize, justify: bool, numbers: LinkNumbers) -> Self {
        let span = |text: &str, tag| Span {
            text: text.into(),
            tag,
            target: None,
        };
        let linked = linked_blocks(article, numbers);
        let opening = article
            .blocks
            .first()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| match linked.first().filter(|l| l.block == 0) {
                Some(l) => l.text.as_str(),
                None => b.text.as_str(),
            })
            .zip(article.dateline.as_deref())
            .map(|(text, place)| format!("{place}{DATELINE_DASH}{text}"));
        Setter {
            article,
            width,
            justify,
            optimal: text_bytes(article) <= OPTIMAL_FIT_MAX_BYTES,
            opening,
            linked,
            bar: span("│ ", Tag::BlockQuote),
            bullet: (span("• ", Tag::Bullet), span("  ", Tag::Body)),
            pictures: false,
        }
    }

    /// The own lines of the blocks in `run`, in order, and how many each block has; `quotes` is
    /// the walk over the quotes at the run's first block.
    fn run(&self, run: Range<usize>, mut quotes: Quotes<'a>) -> (Vec<Line>, Vec<usize>) {
        let blocks = &self.article.blocks[run.clone()];
        // About a line for every `width` bytes and one more a block: room enough, mostly.
        let bytes: usize = blocks.iter().map(|b| b.text.len()).sum();
        let mut lines = Vec::with_capacity(bytes / self.width.max(1) + blocks.len());
        let mut counts = Vec::with_capacity(blocks.len());
        let mut buffers = Buffers::default();
        for i in run {
            let before = lines.len();
            self.block(i, quotes.take(i), &mut buffers, &mut lines);
            counts.push(lines.len() - before);
        }
        (lines, counts)
    }

    /// Columns and rows of the picture of image block `i`, when its file or `data:` URI is
    /// local and its header reads as a picture of a sane size.
    fn picture_cells(&self, i: usize) -> Option<(u16, u16)> {
        let image = self.article.images.iter().find(|im| im.block == i)?;
        let source = crate::pictures::source(self.article.path.as_deref(), &image.src)?;
        let pixels = crate::pictures::dimensions(&source).ok()?;
        let width = u16::try_from(self.width).unwrap_or(u16::MAX);
        Some(crate::pictures::cells(pixels, width))
    }

    /// Appends the own lines of block `i`, highlighting those of `quotes` that are its own.
    fn block<'s>(
        &'s self,
        i: usize,
        quotes: &[Quote],
        buffers: &mut Buffers<'s>,
        lines: &mut Vec<Line>,
    ) {
        let block = &self.article.blocks[i];
        match block.kind {
            BlockKind::Code => return code_lines(&block.text, self.width, i, lines),
            BlockKind::Separator => {
                let mark = "*   *   *";
                let pad = self.width.saturating_sub(mark.len()) / 2;
                lines.push(Line {
                    spans: vec![Span {
                        text: format!("{}{mark}", " ".repeat(pad)),
                        tag: Tag::Frame,
                        target: None,
                    }],
                    block: Some(i),
                });
                return;
            }
            BlockKind::Image => {
                if self.pictures
                    && let Some((cols, rows)) = self.picture_cells(i)
                {
                    // Rows kept free for the picture; the span's length carries its columns.
                    for _ in 0..rows {
                        lines.push(Line {
                            spans: vec![Span {
                                text: " ".repeat(usize::from(cols)),
                                tag: Tag::Picture,
                                target: None,
                            }],
                            block: Some(i),
                        });
                    }
                }
                let alt = block.text.trim();
                let shown = if alt.is_empty() {
                    "[image]".to_string()
                } else {
                    format!("[image: {alt}]")
                };
                for w in wrap::wrap(&shown, self.width, Tag::Caption, &[], false) {
                    lines.push(Line {
                        spans: w.spans,
                        block: Some(i),
                    });
                }
                return;
            }
            _ => {}
        }
        let marks = buffers.quotes.find(&block.text, i, quotes);
        let mut text = block.text.as_str();
        if let Ok(k) = self.linked.binary_search_by_key(&i, |l| l.block) {
            let l = &self.linked[k];
            for m in marks.iter_mut() {
                m.start = l.shift(m.start, false);
                m.end = l.shift(m.end, true);
            }
            cut_around(marks, &l.marks);
            marks.extend_from_slice(&l.marks);
            text = &l.text;
        }
        if i == 0
            && let (Some(opening), Some(place)) = (&self.opening, &self.article.dateline)
        {
            let shift = opening.len() - text.len();
            for m in marks.iter_mut() {
                m.start += shift;
                m.end += shift;
            }
            marks.push(Mark {
                start: 0,
                end: place.len(),
                tag: Tag::Dateline,
                target: None,
            });
            text = opening;
        }
        let (width, justify) = (self.width, self.justify);
        let inner = width.saturating_sub(2).max(1);
        let (width, base, justify, lead) = match block.kind {
            BlockKind::Paragraph => (width, Tag::Body, justify, None),
            BlockKind::Heading => {
                // Subheadings carry no highlights but their links.
                marks.retain(|m| m.target.is_some());
                (width, Tag::Heading, false, None)
            }
            BlockKind::Quote => (
                inner,
                Tag::BlockQuote,
                justify,
                Some((&self.bar, &self.bar)),
            ),
            BlockKind::ListItem => (
                inner,
                Tag::Body,
                false,
                Some((&self.bullet.0, &self.bullet.1)),
            ),
            BlockKind::Caption => {
                marks.retain(|m| m.target.is_some());
                (width, Tag::Caption, false, None)
            }
            // Set above, line by line.
            BlockKind::Code | BlockKind::Separator | BlockKind::Image => return,
        };
        let layout = wrap::Layout {
            width,
            base,
            justify,
            // Subheadings are always set optimal-fit: they are short.
            optimal: self.optimal || block.kind == BlockKind::Heading,
            lead,
        };
        wrap::wrap_each(text, marks, &layout, &mut buffers.wrap, |spans, _| {
            lines.push(Line {
                spans,
                block: Some(i),
            });
        });
    }
}

/// Columns a code block is indented by.
const CODE_INDENT: &str = "  ";

/// Appends the lines of a code block: each line as written, indented, never reflowed; a line
/// wider than the page is broken at the width (never clipped, so no text is lost).
fn code_lines(text: &str, width: usize, i: usize, lines: &mut Vec<Line>) {
    use unicode_width::UnicodeWidthChar;
    let room = width.saturating_sub(CODE_INDENT.len()).max(1);
    let push = |piece: String, lines: &mut Vec<Line>| {
        lines.push(Line {
            spans: vec![Span {
                text: format!("{CODE_INDENT}{piece}"),
                tag: Tag::Code,
                target: None,
            }],
            block: Some(i),
        });
    };
    for raw in text.trim_end_matches('\n').split('\n') {
        // Tabs become spaces: the terminal's tab stops would not follow the indent.
        let line = raw.trim_end().replace('\t', "    ");
        let (mut piece, mut cols) = (String::new(), 0);
        for c in line.chars() {
            let w = c.width().unwrap_or(0);
            // A run of zero-width characters cannot grow a piece without bound.
            if (cols + w > room || piece.len() > 4 * room + 64) && !piece.is_empty() {
                push(std::mem::take(&mut piece), lines);
                cols = 0;
            }
            piece.push(c);
            if w == 0 {
                // A joiner or selector can widen the character before it (`0` + VS16 is a
                // wide emoji): measure the piece as the terminal will, and move the last
                // character with what follows it to a new line when it no longer fits.
                cols = unicode_width::UnicodeWidthStr::width(piece.as_str());
                if cols > room
                    && let Some((cut, _)) = piece
                        .char_indices()
                        .rev()
                        .find(|(_, ch)| ch.width().unwrap_or(0) > 0)
                    && cut > 0
                {
                    let tail = piece.split_off(cut);
                    push(std::mem::take(&mut piece), lines);
                    piece = tail;
                    cols = unicode_width::UnicodeWidthStr::width(piece.as_str());
                }
            } else {
                cols += w;
            }
        }
        push(piece, lines);
    }
}

#[cfg(test)]
mod link_tests {
    use crate::article::{Article, Block, Link, LinkAt, Quote};
    use crate::text::typeset::{Options, Tag, Target, typeset};

    fn link(url: &str, block: usize, start: usize, end: usize) -> Link {
        Link {
            text: url.into(),
            url: url.into(),
            at: Some(LinkAt { block, start, end }),
        }
    }

    #[test]
    fn links_are_marked_after_the_dateline_inside_quotes_and_bad_places_are_left_unmarked() {
        let p0 = "The board met at https://a.test today.";
        let p1 = "“Read the letter first,” she said.";
        let at = |text: &str, words: &str| text[..text.find(words).unwrap()].chars().count();
        let s0 = at(p0, "https://a.test");
        let s1 = at(p1, "letter");
        let article = Article {
            header: crate::article::Header {
                title: "Board".into(),
                ..Default::default()
            },
            dateline: Some("KESSEL (AP)".into()),
            blocks: vec![Block::paragraph(p0), Block::paragraph(p1)],
            links: vec![
                link("https://a.test", 0, s0, s0 + 14),
                link("https://b.test", 1, s1, s1 + 6),
                // Overlaps the one before it: listed, not marked.
                link("https://c.test", 1, s1 + 2, s1 + 9),
                // Past the block's end: listed, not marked.
                link("https://d.test", 1, 500, 510),
                link("https://e.test", 9, 0, 1),
            ],
            quotes: vec![Quote {
                block: 1,
                start: 0,
                end: at(p1, " she"),
                speaker: None,
                speaker_kind: None,
            }],
            ..Article::default()
        };
        let page = typeset(&article, &Options::new(200));
        let text = |l: &crate::text::typeset::Line| {
            l.spans.iter().map(|s| s.text.as_str()).collect::<String>()
        };
        let lines: Vec<String> = page.lines.iter().map(text).collect();
        assert!(
            lines.contains(&"KESSEL (AP) — The board met at https://a.test[1] today.".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"“Read the letter[2] first,” she said.".to_string()),
            "{lines:#?}"
        );
        let spans: Vec<_> = page.lines.iter().flat_map(|l| &l.spans).collect();
        let of = |t: &str| spans.iter().find(|s| s.text == t).copied();
        assert_eq!(of("KESSEL (AP)").map(|s| s.tag), Some(Tag::Dateline));
        assert_eq!(
            of("https://a.test[1]").map(|s| (s.tag, s.target)),
            Some((Tag::Link, Some(0)))
        );
        assert_eq!(
            of("letter[2]").map(|s| (s.tag, s.target)),
            Some((Tag::Link, Some(1)))
        );
        // The quote's highlight goes on around the link.
        let tag_of = |t: &str| spans.iter().find(|s| s.text.contains(t)).map(|s| s.tag);
        assert_eq!(tag_of("Read the"), Some(Tag::Quoted));
        assert_eq!(tag_of("first,”"), Some(Tag::Quoted));
        assert_eq!(tag_of("said."), Some(Tag::Body));
        // Every link is a target and listed, marked or not.
        assert_eq!(page.targets.len(), 5);
        assert_eq!(
            page.targets[2],
            Target::Url {
                number: 3,
                url: "https://c.test".into()
            }
        );
        let all = lines.join("\n");
        for n in 1..=5 {
            assert!(all.contains(&format!("[{n}] ")), "[{n}] listed: {all}");
        }
    }
}
