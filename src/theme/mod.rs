//! The theme: every style the reader and `--print --color` use. Render code never sets a colour.
//! Its own module, below the config (which names a theme file), the reader's panes and the
//! printer, which all read it.

pub mod file;

use crate::text::typeset::Tag;
use ratatui::style::{Color, Modifier, Style};

/// Styles for every typeset tag and every piece of the interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Name shown in `--print-config`.
    pub name: String,
    /// Styles of typeset text.
    pub headline: Style,
    /// `By NAME · SOURCE`.
    pub byline: Style,
    /// Date and reading time.
    pub meta: Style,
    /// Dateline.
    pub dateline: Style,
    /// Running text.
    pub body: Style,
    /// Subheadings.
    pub heading: Style,
    /// Block quotes.
    pub block_quote: Style,
    /// Quoted speech.
    pub quoted: Style,
    /// Attributed speaker.
    pub speaker: Style,
    /// List bullets.
    pub bullet: Style,
    /// Related box frame and section titles.
    pub frame: Style,
    /// Links.
    pub link: Style,
    /// Related headlines not in the library.
    pub unresolved: Style,
    /// Dimmed text.
    pub dim: Style,
    /// The standfirst (dek) under the headline.
    pub standfirst: Style,
    /// Photo captions, credits and image placeholders.
    pub caption: Style,
    /// Preformatted code.
    pub code: Style,
    /// The link that has the focus (patched over the link style).
    pub link_focus: Style,
    /// Selected row of the list (patched over the row).
    pub selected: Style,
    /// Unread marker in the list.
    pub unread: Style,
    /// Status bar.
    pub status: Style,
    /// Errors in the status bar.
    pub error: Style,
    /// Search matches (patched over the text).
    pub matched: Style,
    /// Pane borders.
    pub border: Style,
    /// Border of the pane that has the focus.
    pub border_focus: Style,
    /// Keys in the help overlay.
    pub help_key: Style,
    /// Scrollbar thumb.
    pub scrollbar: Style,
}

impl Theme {
    /// The style of a typeset tag.
    pub fn tag(&self, tag: Tag) -> Style {
        match tag {
            Tag::Headline => self.headline,
            Tag::Byline => self.byline,
            Tag::Meta => self.meta,
            Tag::Dateline => self.dateline,
            Tag::Body => self.body,
            Tag::Heading => self.heading,
            Tag::BlockQuote => self.block_quote,
            Tag::Quoted => self.quoted,
            Tag::Speaker => self.speaker,
            Tag::Bullet => self.bullet,
            Tag::Frame => self.frame,
            Tag::Link => self.link,
            Tag::Unresolved => self.unresolved,
            Tag::Dim => self.dim,
            Tag::Standfirst => self.standfirst,
            Tag::Caption | Tag::Picture => self.caption,
            Tag::Code => self.code,
        }
    }

    /// The built-in dark theme (the default until themes load from `assets/themes`).
    pub fn dark() -> Self {
        let s = Style::new();
        Theme {
            name: "dark".into(),
            headline: s.add_modifier(Modifier::BOLD).fg(Color::White),
            byline: s.fg(Color::Gray),
            meta: s.fg(Color::DarkGray),
            dateline: s.add_modifier(Modifier::BOLD),
            body: s,
            heading: s.add_modifier(Modifier::BOLD).fg(Color::Cyan),
            block_quote: s.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            quoted: s.fg(Color::Yellow),
            speaker: s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            bullet: s.fg(Color::Cyan),
            frame: s.fg(Color::DarkGray),
            link: s.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            unresolved: s.fg(Color::DarkGray),
            dim: s.fg(Color::DarkGray),
            standfirst: s.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            caption: s.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            code: s.fg(Color::Green),
            link_focus: s.add_modifier(Modifier::REVERSED),
            selected: s.add_modifier(Modifier::REVERSED),
            unread: s.fg(Color::Green).add_modifier(Modifier::BOLD),
            status: s.fg(Color::Black).bg(Color::Gray),
            error: s.fg(Color::Red).add_modifier(Modifier::BOLD),
            matched: s.fg(Color::Black).bg(Color::Yellow),
            border: s.fg(Color::DarkGray),
            border_focus: s.fg(Color::Cyan),
            help_key: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            scrollbar: s.fg(Color::Gray),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}
