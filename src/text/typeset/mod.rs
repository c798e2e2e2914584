//! Typesetting: an article laid out at a width as lines of tagged spans, shared by the reader
//! pane and `--print` so both look the same. Tags name what a span is; themes decide its look.

mod body;
mod header;
pub use header::long_date;
mod marks;
mod related;
mod runs;
#[cfg(test)]
mod tests_parallel;
mod wrap;

use crate::article::Article;
use std::path::{Path, PathBuf};

/// What a span of typeset text is; the theme maps each tag to a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// The headline.
    Headline,
    /// `By NAME · SOURCE`.
    Byline,
    /// Date and reading time.
    Meta,
    /// The dateline before the first paragraph.
    Dateline,
    /// Running text.
    Body,
    /// A subheading.
    Heading,
    /// A block quote (text and its left bar).
    BlockQuote,
    /// A quoted passage inside running text (marks included).
    Quoted,
    /// The attributed speaker's name.
    Speaker,
    /// Bullet of a list item.
    Bullet,
    /// Section titles and frame of the related box.
    Frame,
    /// A related link that resolves to a library article, a backlink, or a URL.
    Link,
    /// A related headline that matches no article in the library.
    Unresolved,
    /// Credits, reference numbers, notes.
    Dim,
    /// The standfirst (dek) under the headline.
    Standfirst,
    /// A photo caption, credit or alt text; an image placeholder.
    Caption,
    /// Preformatted code.
    Code,
    /// A row kept free for a picture the reading pane draws (an empty span).
    Picture,
}

/// A run of text with one tag, maybe part of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text; never holds a newline or control character.
    pub text: String,
    /// What it is.
    pub tag: Tag,
    /// Index into [`Page::targets`] when this span is (part of) a link.
    pub target: Option<usize>,
}

/// One line of the page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// Spans left to right, starting at the page margin.
    pub spans: Vec<Span>,
    /// The body block this line belongs to, for keeping the place across a re-wrap.
    pub block: Option<usize>,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Related headline number `number` (1-based), resolved or not.
    Related {
        /// 1-based number shown as `[n]`.
        number: usize,
        /// The headline as shown: the library article's title when it resolves to one.
        title: String,
        /// The library article, or `None` when not in the library.
        path: Option<PathBuf>,
        /// The headline's web address, when the source gives one (saved pages, feeds).
        url: Option<String>,
    },
    /// An article whose related block links here.
    Backlink(PathBuf),
    /// A link of the article (in the text or its Links list): `[number]`, its URL.
    Url {
        /// 1-based number shown as `[n]`, after the related headlines' numbers.
        number: usize,
        /// The URL as the article gives it.
        url: String,
    },
}

/// The narrowest page byline sets, in columns (also the least `--width` accepts).
pub const MIN_WIDTH: u16 = 10;

/// Layout settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Columns available.
    pub width: u16,
    /// The most columns a line of text may take (a readable measure).
    pub measure: u16,
    /// Stretch inner lines of paragraphs to the full measure.
    pub justify: bool,
    /// Keep rows free for each image block's picture (the reading pane draws them), sized from
    /// the picture's header; off, every image is its `[image: alt]` line alone.
    pub pictures: bool,
}

impl Options {
    /// Default measure of a line of text.
    pub const MEASURE: u16 = 76;

    /// Options for `width` columns with the default measure, ragged right.
    pub fn new(width: u16) -> Self {
        Options {
            width,
            measure: Self::MEASURE,
            justify: false,
            pictures: false,
        }
    }
}

/// An article laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    /// Every line, top to bottom.
    pub lines: Vec<Line>,
    /// Link targets referred to by spans.
    pub targets: Vec<Target>,
    /// Columns of blank margin left of every line (centres the measure in a wide pane).
    pub margin: u16,
    /// The text width lines were wrapped to.
    pub text_width: u16,
    /// The rows kept free for pictures, top to bottom.
    pub pictures: Vec<PictureSlot>,
    /// The first line each link target appears on, `(line, target)` in page order (a target
    /// listed once): Tab steps through these without walking the page.
    pub link_lines: Vec<(usize, usize)>,
}

/// Rows of a page kept free for a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureSlot {
    /// Index into the article's `images`.
    pub image: usize,
    /// The first page line of the rows.
    pub line: usize,
    /// Columns the picture takes (centred in the text width).
    pub cols: u16,
    /// Rows it takes.
    pub rows: u16,
}

impl Page {
    /// The address target `t` makes clickable (an OSC 8 hyperlink), made safe: a link's URL
    /// when it is an absolute web or mail address; `None` for anything else.
    pub fn hyperlink(&self, t: usize) -> Option<String> {
        match self.targets.get(t)? {
            Target::Url { url, .. } | Target::Related { url: Some(url), .. } => {
                crate::text::hyperlink::safe_url(url)
            }
            _ => None,
        }
    }

    /// The first line that belongs to body block `block`, if any.
    pub fn line_of_block(&self, block: usize) -> Option<usize> {
        self.lines.iter().position(|l| l.block == Some(block))
    }
}

/// What the library tells the typesetter of the articles a page names. The typesetter only
/// asks: whether the library is still looking for some is the model's to know, and it answers
/// with the words to show.
#[derive(Clone, Copy)]
pub struct Names<'a> {
    /// The title of the library article at a path, to name a backlink by (else its file name).
    pub title_of: &'a dyn Fn(&Path) -> Option<String>,
    /// The words after a related headline that names no library article.
    pub unresolved: &'a str,
}

impl<'a> Names<'a> {
    /// What follows a related headline the library has no article for.
    pub const NOT_IN_LIBRARY: &'static str = "(not in library)";
    /// What follows a related headline while the library's titles are still being indexed.
    pub const LOOKING_UP: &'static str = "(looking up…)";

    /// Backlinks named by `title_of`; a related headline without an article is not in the
    /// library.
    pub fn titles(title_of: &'a dyn Fn(&Path) -> Option<String>) -> Self {
        Names {
            title_of,
            unresolved: Self::NOT_IN_LIBRARY,
        }
    }

    /// Backlinks by file name; a related headline without an article is not in the library.
    pub fn none() -> Names<'static> {
        Names::titles(&|_| None)
    }

    /// The same names, with related headlines without an article still being looked up.
    pub fn looking_up(self) -> Self {
        Names {
            unresolved: Self::LOOKING_UP,
            ..self
        }
    }
}

/// Lays out `article` with `opts`; backlinks are shown by file name.
pub fn typeset(article: &Article, opts: &Options) -> Page {
    typeset_with(article, opts, &Names::none())
}

/// Lays out `article` with `opts`, naming what it links to as `names` says.
pub fn typeset_with(article: &Article, opts: &Options, names: &Names<'_>) -> Page {
    typeset_on(article, opts, names, body::threads_for(article))
}

/// [`typeset_with`], setting the body on at most `threads` threads.
fn typeset_on(article: &Article, opts: &Options, names: &Names<'_>, threads: usize) -> Page {
    // Below the narrowest page the text is set at that width and the pane clips it: a page
    // narrower still could not hold a wide character or the related box.
    let width = opts.width.max(MIN_WIDTH);
    let text_width = width.min(opts.measure.max(MIN_WIDTH));
    let margin = (width.saturating_sub(text_width)) / 2;
    let mut page = Page {
        lines: Vec::new(),
        targets: Vec::new(),
        margin,
        text_width,
        pictures: Vec::new(),
        link_lines: Vec::new(),
    };
    let w = usize::from(text_width);
    header::lay_out(article, w, &mut page.lines);
    let pictures = opts.pictures && !article.images.is_empty();
    let numbers = related::number_links(article, names, &mut page);
    body::lay_out(
        article,
        w,
        opts.justify,
        pictures,
        numbers,
        threads,
        &mut page.lines,
    );
    if pictures {
        page.pictures = picture_slots(article, &page.lines);
    }
    related::lay_out(article, w, names, &mut page);
    page.link_lines = first_lines(&page);
    page
}

/// Lays out `article` as [`typeset_with`] does (without picture rows), handing the page to
/// `emit` a stretch at a time: each call's `page.lines` are the lines that follow the last
/// call's, and together they are the whole page. A printer that writes each stretch and drops
/// it holds a few thousand lines at once, however long the article. An error from `emit` stops
/// the layout and is returned.
pub fn typeset_in_parts<E>(
    article: &Article,
    opts: &Options,
    names: &Names<'_>,
    mut emit: impl FnMut(&Page) -> Result<(), E>,
) -> Result<(), E> {
    let width = opts.width.max(MIN_WIDTH);
    let text_width = width.min(opts.measure.max(MIN_WIDTH));
    let mut page = Page {
        margin: (width.saturating_sub(text_width)) / 2,
        text_width,
        ..Page::default()
    };
    let w = usize::from(text_width);
    header::lay_out(article, w, &mut page.lines);
    let numbers = related::number_links(article, names, &mut page);
    let mut body = body::Stretches::new(article, w, opts.justify, numbers);
    // Lines already handed on; the last line set is kept back, as what comes next depends on it.
    let mut dropped = 0;
    while body.next(dropped, &mut page.lines) {
        let Some(last) = page.lines.pop() else {
            continue;
        };
        emit(&page)?;
        dropped += page.lines.len();
        page.lines.clear();
        page.lines.push(last);
    }
    related::lay_out(article, w, names, &mut page);
    emit(&page)
}

/// The first line each link target appears on, in page order (a target listed once).
fn first_lines(page: &Page) -> Vec<(usize, usize)> {
    let mut seen = vec![false; page.targets.len()];
    let mut out = Vec::new();
    for (i, line) in page.lines.iter().enumerate() {
        for span in &line.spans {
            if let Some(t) = span.target
                && t < seen.len()
                && !seen[t]
            {
                seen[t] = true;
                out.push((i, t));
            }
        }
    }
    out
}

/// The header of `article` alone (headline, byline, date), `note` in place of the reading time:
/// what the reading pane shows of an article still being loaded, from its list row.
pub fn typeset_header(article: &Article, opts: &Options, note: &str) -> Page {
    let width = opts.width.max(MIN_WIDTH);
    let text_width = width.min(opts.measure.max(MIN_WIDTH));
    let mut page = Page {
        lines: Vec::new(),
        targets: Vec::new(),
        margin: (width.saturating_sub(text_width)) / 2,
        text_width,
        pictures: Vec::new(),
        link_lines: Vec::new(),
    };
    header::lay_out_with(article, usize::from(text_width), note, &mut page.lines);
    page
}

/// The runs of [`Tag::Picture`] rows in `lines`, each one picture's.
fn picture_slots(article: &Article, lines: &[Line]) -> Vec<PictureSlot> {
    let mut slots: Vec<PictureSlot> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let Some(span) = line.spans.first().filter(|s| s.tag == Tag::Picture) else {
            continue;
        };
        let Some(block) = line.block else { continue };
        if let Some(last) = slots.last_mut()
            && last.line + usize::from(last.rows) == n
            && article.images.get(last.image).map(|i| i.block) == Some(block)
        {
            last.rows += 1;
            continue;
        }
        let Some(image) = article.images.iter().position(|i| i.block == block) else {
            continue;
        };
        slots.push(PictureSlot {
            image,
            line: n,
            cols: u16::try_from(span.text.len()).unwrap_or(u16::MAX),
            rows: 1,
        });
    }
    slots
}

/// Blank line unless the page is empty or already ends with one.
fn blank(lines: &mut Vec<Line>) {
    if lines.last().is_some_and(|l| !l.spans.is_empty()) {
        lines.push(Line::default());
    }
}

/// Wraps `text` in one tag and appends the lines.
fn plain(lines: &mut Vec<Line>, text: &str, width: usize, tag: Tag, block: Option<usize>) {
    for w in wrap::wrap(text, width, tag, &[], false) {
        lines.push(Line {
            spans: w.spans,
            block,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;

    #[test]
    fn the_header_alone_is_the_page_header_with_the_note_for_the_reading_time() {
        let article = Article {
            header: crate::article::Header {
                title: "Council approves the new tram line after a long night of debate".into(),
                authors: vec!["ANA RUIZ".into()],
                source: Some("Coastline Wire".into()),
                date_iso: Some("2026-03-14".into()),
                ..Default::default()
            },
            blocks: vec![Block::paragraph("The council voted late on Tuesday.")],
            ..Article::default()
        };
        let opts = Options::new(40);
        let full = typeset(&article, &opts);
        let head = typeset_header(&article, &opts, "loading…");
        let text = |l: &Line| l.spans.iter().map(|s| s.text.as_str()).collect::<String>();
        let n = head.lines.len();
        assert!(n >= 4, "headline (wrapped), byline, date line, blank");
        // Everything above the date line is drawn the same: the page only grows below it.
        assert_eq!(head.lines[..n - 2], full.lines[..n - 2]);
        assert_eq!(
            text(&head.lines[n - 2]),
            "Saturday, March 14, 2026 · loading…"
        );
        assert_eq!(
            text(&full.lines[n - 2]),
            "Saturday, March 14, 2026 · 1 min read"
        );
        assert_eq!(
            (head.margin, head.text_width),
            (full.margin, full.text_width)
        );
        assert!(head.targets.is_empty());
    }
}
