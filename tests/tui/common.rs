//! Fixtures shared by the reader's tests: a small fictional library held in memory.
#![allow(dead_code)]

use byline::app::{Action, App, Edit, Effect, Part};
use byline::article::{Article, Block, Link, Quote, Related};
use byline::load::head::Head;
use byline::load::library::{Entry, Library};
use byline::text::typeset::Target;
use byline::theme::Theme;
use std::path::PathBuf;
use std::sync::Arc;

pub const HARBOR: &str = "Harbor pilots walk out as talks over night shifts collapse";
pub const PORT: &str = "Port authority calls retired pilots back to work";
pub const COPPER: &str = "Copper prices slide as mines report weaker output";
pub const NOTE: &str = "Editor’s note on the weekend edition";
pub const URL: &str = "https://example.org/hub/ports";

/// The spoken sentence in the harbor article's second paragraph.
pub const SPOKEN: &str = "“We cannot guide ships in the dark with half the crews we need,”";

fn para(i: usize) -> String {
    format!(
        "Paragraph {i} says the dock workers waited by the gates while the talks went on, and that \
         the cranes stood still over the empty berths for most of the afternoon, as the city \
         watched the queue of ships grow longer in the bay."
    )
}

/// An article held in memory at `/lib/NAME.txt`.
pub fn article(name: &str, title: &str, date_iso: Option<&str>, blocks: Vec<Block>) -> Article {
    Article {
        header: byline::article::Header {
            title: title.into(),
            date_iso: date_iso.map(str::to_string),
            date: date_iso.map(str::to_string),
            source: Some("Associated Press".into()),
            authors: vec!["CAROLINA ESPINOZA".into()],
            ..Default::default()
        },
        path: Some(PathBuf::from(format!("/lib/{name}.txt"))),
        words: 300,
        blocks,
        ..Article::default()
    }
}

/// The long article: twenty paragraphs, a quote, three related headlines (one resolved by path,
/// one only by title, one not in the library) and a URL.
pub fn harbor() -> Article {
    let mut blocks: Vec<Block> = (0..20).map(|i| Block::paragraph(para(i))).collect();
    blocks[0] = Block::paragraph(
        "Harbor pilots at the busiest port in the country walked off the job on Friday after a \
         third round of talks ended without a deal on night shifts.",
    );
    let quoted = format!("{SPOKEN} said Rodrigo Pastene, who heads the pilots’ union.");
    blocks[1] = Block::paragraph(quoted);
    blocks[6] = Block::heading("What comes next");
    let mut a = article("harbor", HARBOR, Some("2026-03-14"), blocks);
    a.dateline = Some("VALPARAÍSO, Chile (AP)".into());
    a.quotes = vec![Quote {
        block: 1,
        start: 0,
        end: SPOKEN.chars().count(),
        speaker: Some("Rodrigo Pastene".into()),
        speaker_kind: None,
    }];
    a.related = vec![
        Related {
            title: COPPER.into(),
            path: Some(PathBuf::from("/lib/copper.txt")),
            url: None,
        },
        Related {
            title: PORT.into(),
            path: None,
            url: None,
        },
        Related {
            title: "Fishermen block the coastal road for a second day".into(),
            path: None,
            url: None,
        },
    ];
    a.links = vec![Link {
        text: "Port coverage".into(),
        url: URL.into(),
        at: None,
    }];
    a
}

/// The library: harbor (newest), port, copper, and an undated note; copper links back to harbor.
pub fn library() -> Library {
    let port = article(
        "port",
        PORT,
        Some("2026-03-13"),
        (0..3).map(|i| Block::paragraph(para(i))).collect(),
    );
    let mut copper = article(
        "copper",
        COPPER,
        Some("2026-03-12"),
        (0..12).map(|i| Block::paragraph(para(i))).collect(),
    );
    copper.related = vec![Related {
        title: HARBOR.into(),
        path: Some(PathBuf::from("/lib/harbor.txt")),
        url: None,
    }];
    copper.backlinks = vec![PathBuf::from("/lib/harbor.txt")];
    let note = article("note", NOTE, None, vec![Block::paragraph("Short.")]);
    Library {
        entries: [harbor(), port, copper, note]
            .into_iter()
            .map(|a| Entry {
                row: Head::of(&a).into(),
                article: Some(Arc::new(a)),
            })
            .collect(),
        ..Library::default()
    }
}

/// An app over the fixture library for a `width`×`height` terminal.
pub fn app(width: u16, height: u16) -> App {
    let mut app = App::new(library(), Theme::dark(), 76);
    app.update(Action::Resize { width, height });
    app
}

/// An app at `w`×`h` with the harbor article open in the reader.
pub fn open_harbor(w: u16, h: u16) -> App {
    let mut app = app(w, h);
    assert_eq!(app.update(Action::Open), Effect::None);
    assert_eq!(
        app.reader().map(byline::app::reader::Reader::index),
        Some(0)
    );
    app
}

/// The reader's first line shown (`usize::MAX` when nothing is open).
pub fn scroll(app: &App) -> usize {
    app.reader()
        .map_or(usize::MAX, byline::app::reader::Reader::scroll)
}

/// The headline of the article in the reader (empty when nothing is open).
pub fn title(app: &App) -> String {
    app.reader()
        .map(|r| r.article().header.title.clone())
        .unwrap_or_default()
}

/// The target index of the `n`th related link on the page.
pub fn related_target(app: &App, n: usize) -> usize {
    let r = app.reader().expect("an open article");
    r.page()
        .targets
        .iter()
        .position(|t| matches!(t, Target::Related { number, .. } if *number == n))
        .expect("related target")
}

/// Every action a key can ask for.
pub fn all_actions() -> Vec<Action> {
    let mut v = vec![
        Action::Quit,
        Action::Suspend,
        Action::Help,
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Open,
        Action::ToList,
        Action::NextArticle,
        Action::PrevArticle,
        Action::NextLink,
        Action::PrevLink,
        Action::FollowLink,
        Action::HistoryBack,
        Action::HistoryForward,
        Action::OpenUrl,
        Action::CopyUrl,
        Action::Zoom,
        Action::Filter,
        Action::ClearFilter,
        Action::CycleSort,
        Action::UnreadOnly,
        Action::BookmarkedOnly,
        Action::ToggleRead,
        Action::ToggleBookmark,
        Action::FindStart,
        Action::FindCancel,
        Action::FindNext,
        Action::FindPrev,
        Action::Justify,
        Action::SearchStart,
        Action::ShowSkipped,
        Action::CopyPath,
        Action::NextUnread,
        Action::PrevUnread,
        Action::MarkAllRead,
        Action::MarkReadNext,
        Action::FindAgain,
        Action::FindAgainBack,
        Action::CopyMenu,
        Action::Copy(Part::Title),
        Action::Copy(Part::Url),
        Action::Copy(Part::Path),
        Action::Copy(Part::Text),
        Action::Yes,
        Action::No,
        Action::PipeStart,
        Action::EditFile,
        Action::Pager,
        Action::SaveStart,
        Action::Messages,
        Action::ListNarrower,
        Action::ListWider,
        Action::CommandLine,
        Action::SetMark,
        Action::GoToMark,
    ];
    v.extend(
        [
            Edit::DeleteBack,
            Edit::DeleteForward,
            Edit::DeleteWord,
            Edit::DeleteToStart,
            Edit::Left,
            Edit::Right,
            Edit::Home,
            Edit::End,
            Edit::HistoryPrev,
            Edit::HistoryNext,
            Edit::Accept,
            Edit::Cancel,
            Edit::Complete,
            Edit::CompleteBack,
        ]
        .map(Action::Prompt),
    );
    v.extend((0..=9).map(Action::Digit));
    v
}

/// Fails to compile when an Action is added, so `all_actions` is kept complete.
pub fn keyed(a: Action) -> bool {
    match a {
        Action::Quit
        | Action::Suspend
        | Action::Help
        | Action::Down
        | Action::Up
        | Action::Top
        | Action::Bottom
        | Action::PageDown
        | Action::PageUp
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::Open
        | Action::ToList
        | Action::NextArticle
        | Action::PrevArticle
        | Action::NextLink
        | Action::PrevLink
        | Action::FollowLink
        | Action::Digit(_)
        | Action::HistoryBack
        | Action::HistoryForward
        | Action::OpenUrl
        | Action::CopyUrl
        | Action::Zoom
        | Action::ListNarrower
        | Action::ListWider => true,
        Action::Filter
        | Action::ClearFilter
        | Action::CycleSort
        | Action::UnreadOnly
        | Action::BookmarkedOnly
        | Action::ToggleRead
        | Action::ToggleBookmark => true,
        Action::FindStart
        | Action::FindCancel
        | Action::FindNext
        | Action::FindPrev
        | Action::Justify
        | Action::SearchStart
        | Action::ShowSkipped
        | Action::CopyPath => true,
        Action::NextUnread
        | Action::PrevUnread
        | Action::MarkAllRead
        | Action::MarkReadNext
        | Action::FindAgain
        | Action::FindAgainBack
        | Action::CopyMenu
        | Action::Copy(_)
        | Action::Yes
        | Action::No
        | Action::PipeStart
        | Action::EditFile
        | Action::Pager
        | Action::SaveStart
        | Action::Messages
        | Action::CommandLine
        | Action::SetMark
        | Action::GoToMark => true,
        // The key pressed after `Alt-m` or `'` is the letter: no binding names it.
        Action::MarkLetter(_) => false,
        // A config may bind it (`follow_related_3`); no key follows a link at once by default.
        Action::FollowRelated(_) => false,
        // Sent by the loop for terminal and mouse events, not bound to keys.
        Action::Resize { .. } | Action::Wheel { .. } | Action::Click { .. } => false,
        // A printable key types itself in a prompt: the key table decides, no binding names it.
        Action::Prompt(Edit::Insert(_)) => false,
        Action::Prompt(
            Edit::DeleteBack
            | Edit::DeleteForward
            | Edit::DeleteWord
            | Edit::DeleteToStart
            | Edit::Left
            | Edit::Right
            | Edit::Home
            | Edit::End
            | Edit::HistoryPrev
            | Edit::HistoryNext
            | Edit::Accept
            | Edit::Cancel
            | Edit::Complete
            | Edit::CompleteBack,
        ) => true,
    }
}
