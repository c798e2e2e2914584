//! The article model: what every loader produces and everything else (list, reader, printer) reads.

pub mod date;
pub mod fold;
mod id;
pub use id::{EDIT_KEY_PREFIX, article_id, edit_key, id_prefix, path_hash};
pub mod quotes;
mod words;

use serde::{Deserialize, Serialize, Serializer};
use std::path::PathBuf;

/// Which input format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The news-wire plain-text layout (`.txt`).
    #[default]
    Text,
    /// Markdown with optional front matter (`.md`).
    Markdown,
    /// One JSON object in the `--json` shape (`.json`), or another tool's JSON shape.
    Json,
    /// A saved web page (`.html`, `.htm`, `.xhtml`).
    Html,
    /// An item of a feed file (RSS, Atom, JSON Feed).
    Feed,
}

/// The kind of a body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A paragraph of running text.
    Paragraph,
    /// A subheading between paragraphs.
    Heading,
    /// A block quote (Markdown `>`).
    Quote,
    /// An item of a list (Markdown `-` or `1.`).
    ListItem,
    /// A photo caption, credit or alt-text line: shown dim, never read as story text.
    Caption,
    /// Preformatted text (code): never reflowed, shown indented in a monospace run.
    Code,
    /// A section break (`* * *`, `___`); its text is the mark as written.
    Separator,
    /// A picture; its text is the alt text, and `Article::images` says where the picture is.
    Image,
}

/// A block's text: a string of 16 bytes that holds up to 15 bytes in place and longer texts on
/// the heap (shared when cloned). An article of many tiny blocks (a one-letter paragraph every
/// three bytes) would otherwise spend a `String` of 24 bytes and an allocation on each, twice
/// the budget of README's "Memory bounded by the input" on its own.
pub type BlockText = ecow::EcoString;

/// One block of the body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text, whitespace collapsed, already sanitised.
    pub text: BlockText,
}

impl Block {
    /// A paragraph block holding `text`.
    pub fn paragraph(text: impl Into<BlockText>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }
    /// A heading block holding `text`.
    pub fn heading(text: impl Into<BlockText>) -> Self {
        Block {
            kind: BlockKind::Heading,
            text: text.into(),
        }
    }
    /// A block of `kind` holding `text`.
    pub fn new(kind: BlockKind, text: impl Into<BlockText>) -> Self {
        Block {
            kind,
            text: text.into(),
        }
    }
}

impl AsRef<str> for Block {
    /// The block's text.
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// A related headline and the library article it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// The headline as written.
    pub title: String,
    /// The library article it resolves to, or `None` when nothing matches.
    #[serde(serialize_with = "ser_opt_path")]
    pub path: Option<PathBuf>,
    /// The URL the headline links to, when the source gives one (saved pages, feeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A URL found in the article, with the text it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The words the link belongs to (link text, or the line around a bare URL).
    pub text: String,
    /// The URL itself.
    pub url: String,
    /// Where the link stands in the body, when it is inside a block: the block's index and the
    /// `char` range of the linked words in that block's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<LinkAt>,
}

/// Where a link's words stand in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkAt {
    /// Index into `Article::blocks`.
    pub block: usize,
    /// Offset of the first linked `char` of the block's text.
    pub start: usize,
    /// One past the last linked `char`.
    pub end: usize,
}

/// A picture the article places in its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Index into `Article::blocks` of the `image` block that stands for it.
    pub block: usize,
    /// The alt text (may be empty).
    pub alt: String,
    /// Where the picture is: a local path (relative to the article's folder, as written) or a
    /// `data:` URI. Never fetched from the network.
    pub src: String,
}

/// What kind of speaker a quote is attributed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A named person.
    Person,
    /// An organisation, body or office (`the ministry said`).
    Organisation,
}

/// A quoted passage inside one block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Index into `Article::blocks`.
    pub block: usize,
    /// Offset of the opening mark, in `char`s of the block's text.
    pub start: usize,
    /// One past the closing mark (or the block's end), in `char`s.
    pub end: usize,
    /// The attributed speaker, when the sentence names one.
    pub speaker: Option<String>,
    /// Whether the speaker is a person or an organisation; `None` when there is no speaker.
    #[serde(default)]
    pub speaker_kind: Option<SpeakerKind>,
}

/// What an article's header says: the part every format reads first, and all a list row shows
/// of the text. One struct for the parsed article ([`Article::header`]), the news-wire header
/// (`load::wire::Top`) and the list row (`load::head::Head`), so no field is copied between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Header {
    /// The headline, whitespace collapsed.
    pub title: String,
    /// The date line exactly as written (trimmed).
    pub date: Option<String>,
    /// The calendar date the date line names, `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// The byline's names, without `By` and without the agency.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The agency or publication, when named.
    pub source: Option<String>,
    /// The article's own URL (canonical URL, `url` front matter, a feed item's link), which
    /// links from other articles resolve by.
    #[serde(default)]
    pub url: Option<String>,
}

/// A parsed article: the one model every format loads into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// The file it came from; `None` for stdin.
    #[serde(serialize_with = "ser_opt_path")]
    pub path: Option<PathBuf>,
    /// The format it was read as.
    pub format: Format,
    /// Headline, date line, byline and source: what its list row shows (in `--json`, these are
    /// fields of the article itself).
    #[serde(flatten)]
    pub header: Header,
    /// The standfirst (dek): the sentence or two under the headline that sums the story up.
    #[serde(default)]
    pub standfirst: Option<String>,
    /// The moment the date line names when it gives a time of day:
    /// `YYYY-MM-DDTHH:MM[:SS]`, followed by `Z` or `±HH:MM` only when the zone is stated.
    #[serde(default)]
    pub datetime: Option<String>,
    /// Place and agency before the dash opening the first paragraph.
    pub dateline: Option<String>,
    /// The body in reading order.
    pub blocks: Vec<Block>,
    /// Related headlines in order.
    pub related: Vec<Related>,
    /// Library articles whose related block resolves to this one.
    #[serde(serialize_with = "ser_paths")]
    pub backlinks: Vec<PathBuf>,
    /// Credit and follow lines.
    pub footer: Vec<String>,
    /// Every URL in the article.
    pub links: Vec<Link>,
    /// Tags, section and keywords (front matter, page metadata, feed categories).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Pictures placed in the body.
    #[serde(default)]
    pub images: Vec<Image>,
    /// Quoted passages.
    pub quotes: Vec<Quote>,
    /// Words in title and blocks.
    pub words: usize,
    /// What was repaired on load.
    pub warnings: Vec<String>,
}

impl Article {
    /// Recomputes the derived fields (`quotes`, `words`) from title and blocks.
    /// Every loader calls this last, so the derived fields never disagree with the text.
    pub fn finish(&mut self) {
        let (title, blocks) = (&self.header.title, &self.blocks);
        let parts = quotes::parts_for(blocks);
        // A long article's words are counted beside the quote finding.
        let (quotes, words) = crate::work::join(
            parts > 1,
            || quotes::find_quotes_in(blocks, parts),
            || words::count(title, blocks),
        );
        self.quotes = quotes;
        self.words = words;
    }

    /// Minutes it takes to read the article at about 230 words a minute, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(230).max(1)
    }

    /// The file name or `stdin`, for messages and the list.
    pub fn display_path(&self) -> String {
        match &self.path {
            Some(p) => crate::sanitize::clean_line(&p.to_string_lossy()),
            None => "stdin".to_string(),
        }
    }
}

fn ser_opt_path<S: Serializer>(p: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_some(&crate::sanitize::clean_line(&p.to_string_lossy())),
        None => s.serialize_none(),
    }
}

fn ser_paths<S: Serializer>(ps: &[PathBuf], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(
        ps.iter()
            .map(|p| crate::sanitize::clean_line(&p.to_string_lossy())),
    )
}
