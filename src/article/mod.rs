//! The article model: what every loader produces and everything else (list, reader, printer) reads.

pub mod date;
pub mod quotes;
pub mod words;

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
    /// One JSON object in the `--json` shape (`.json`).
    Json,
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
}

/// One block of the body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text, whitespace collapsed, already sanitised.
    pub text: String,
}

impl Block {
    /// A paragraph block holding `text`.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }
    /// A heading block holding `text`.
    pub fn heading(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Heading,
            text: text.into(),
        }
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
}

/// A URL found in the article, with the text it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The words the link belongs to (link text, or the line around a bare URL).
    pub text: String,
    /// The URL itself.
    pub url: String,
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
}

/// A parsed article: the one model every format loads into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// The file it came from; `None` for stdin.
    #[serde(serialize_with = "ser_opt_path")]
    pub path: Option<PathBuf>,
    /// The format it was read as.
    pub format: Format,
    /// The headline, whitespace collapsed.
    pub title: String,
    /// The date line exactly as written (trimmed).
    pub date: Option<String>,
    /// The calendar date the date line names, `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// The byline's names, without `By` and without the agency.
    pub authors: Vec<String>,
    /// The agency or publication, when named.
    pub source: Option<String>,
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
        let (title, blocks) = (&self.title, &self.blocks);
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
            Some(p) => crate::text::sanitize::clean_line(&p.to_string_lossy()),
            None => "stdin".to_string(),
        }
    }
}

fn ser_opt_path<S: Serializer>(p: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_some(&crate::text::sanitize::clean_line(&p.to_string_lossy())),
        None => s.serialize_none(),
    }
}

fn ser_paths<S: Serializer>(ps: &[PathBuf], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(
        ps.iter()
            .map(|p| crate::text::sanitize::clean_line(&p.to_string_lossy())),
    )
}
