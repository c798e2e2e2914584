//! Find in article: the query typed at the bottom of the reader, its matches on the typeset page,
//! and stepping through them with `n`/`N` until `Esc`.
//!
//! Matches are found once per query (or per page, when the width or justification lays the
//! article out again), on the page's lines, never while drawing.

use super::{Action, App, Effect, Mode, Search};
use crate::search::Query;
use crate::text::typeset::Page;
use std::sync::Arc;

/// One match: a run of characters on one line of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The page line.
    pub line: usize,
    /// First character of the match, counted from the line's first span.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// How a query is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The text as typed, case-insensitive unless the query holds a capital letter.
    Literal,
    /// Whole words by the full-text search's rules, in the body only (after opening a search
    /// result): the search indexes the body, so the count it showed is the count stepped here.
    Words,
}

/// A find in the open article.
#[derive(Debug, Clone)]
pub struct Find {
    /// The query.
    pub query: String,
    /// How it matches.
    pub rule: Rule,
    /// Every match on the page, top to bottom.
    pub matches: Vec<Match>,
    /// The match the view was last moved to.
    pub current: Option<usize>,
    /// The scroll when the find began: the search starts there, and `Esc` in the prompt returns.
    pub origin: usize,
    /// The page the matches belong to.
    page: Option<Arc<Page>>,
}

impl Find {
    /// A find with no query yet, begun with the reader at line `origin`.
    pub fn new(origin: usize, rule: Rule) -> Find {
        Find {
            query: String::new(),
            rule,
            matches: Vec::new(),
            current: None,
            origin,
            page: None,
        }
    }

    /// `3/17`: the current match and how many there are (`0/0` with none).
    pub fn label(&self) -> String {
        match self.current {
            Some(c) if !self.matches.is_empty() => format!("{}/{}", c + 1, self.matches.len()),
            _ => format!("0/{}", self.matches.len()),
        }
    }

    /// The matches on page line `line`, in order.
    pub fn on_line(&self, line: usize) -> &[Match] {
        let a = self.matches.partition_point(|m| m.line < line);
        let b = self.matches.partition_point(|m| m.line <= line);
        &self.matches[a..b]
    }
}

/// The text of page line `line`, its spans joined.
fn line_text(page: &Page, line: usize) -> String {
    page.lines[line]
        .spans
        .iter()
        .map(|s| s.text.as_str())
        .collect()
}

/// Every match of `query` on `page` under `rule`.
pub fn find_on(page: &Page, query: &str, rule: Rule) -> Vec<Match> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    match rule {
        Rule::Literal => {
            let fold = !query.chars().any(char::is_uppercase);
            let low = |c: char| {
                if fold {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    c
                }
            };
            let q: Vec<char> = query.chars().map(low).collect();
            for line in 0..page.lines.len() {
                let text: Vec<char> = line_text(page, line).chars().map(low).collect();
                let mut i = 0;
                // Lines are at most the measure wide, so this scan is short.
                while i + q.len() <= text.len() {
                    if text[i..i + q.len()] == q[..] {
                        out.push(Match {
                            line,
                            start: i,
                            end: i + q.len(),
                        });
                        i += q.len();
                    } else {
                        i += 1;
                    }
                }
            }
        }
        Rule::Words => {
            let q = Query::parse(query);
            if q.is_empty() {
                return out;
            }
            // Headline, byline and related headlines belong to no body block.
            for line in (0..page.lines.len()).filter(|&l| page.lines[l].block.is_some()) {
                let text = line_text(page, line);
                for r in q.find_in(&text) {
                    let start = text[..r.start].chars().count();
                    let end = start + text[r.clone()].chars().count();
                    out.push(Match { line, start, end });
                }
            }
        }
    }
    out
}

impl App {
    /// The mode keys go to once overlays are set aside: the find modes count as reading.
    pub(super) fn underlying_mode(&self) -> Mode {
        let m = match self.mode {
            Mode::Help => self.help_from,
            Mode::Messages => self.log_view.0,
            Mode::Search => self.search.as_ref().map_or(Mode::List, Search::from),
            Mode::Skipped => self.skipped.as_ref().map_or(Mode::List, |s| s.from),
            m => m,
        };
        match m {
            Mode::FindPrompt | Mode::Find => Mode::Reader,
            m => m,
        }
    }

    /// Applies `action` while a find is kept: find actions act on it, the rest as in the reader.
    pub(super) fn apply_in_find(&mut self, action: Action) -> Effect {
        if matches!(
            action,
            Action::FindNext | Action::FindPrev | Action::FindCancel
        ) {
            return self.apply(action);
        }
        self.mode = Mode::Reader;
        let effect = self.apply(action);
        match self.mode {
            Mode::Reader => self.mode = Mode::Find,
            Mode::Help => self.help_from = Mode::Find,
            Mode::Search => {
                if let Some(s) = self.search.as_mut() {
                    s.return_to(Mode::Find);
                }
            }
            Mode::Skipped => {
                if let Some(s) = self.skipped.as_mut() {
                    s.from = Mode::Find;
                }
            }
            Mode::FindPrompt => {}
            _ => self.reading.find = None,
        }
        effect
    }

    pub(super) fn find_start(&mut self) {
        let Some(r) = self.reading.open.as_ref() else {
            self.complain("no article open");
            return;
        };
        self.reading.find = Some(Find::new(r.scroll, Rule::Literal));
        self.mode = Mode::FindPrompt;
        self.open_prompt(super::PromptKind::Find, "");
    }

    /// Enter: keep the matches and read on with `n`/`N`; nothing found closes the find.
    pub(super) fn find_accept(&mut self) {
        let Some(f) = self.reading.find.as_ref() else {
            self.mode = Mode::Reader;
            return;
        };
        if f.query.is_empty() {
            // `/` Enter on an empty prompt finds the last text again (vim's `/<CR>`).
            self.reading.find = None;
            self.mode = Mode::Reader;
            self.find_again(true);
        } else if f.matches.is_empty() {
            let msg = format!("not found: {}", f.query);
            self.reading.find = None;
            self.mode = Mode::Reader;
            self.complain(crate::sanitize::clean_line(&msg));
        } else {
            self.mode = Mode::Find;
            // `''` goes back to where the find started.
            let (origin, open) = (f.origin, self.reading.open.as_ref());
            if let Some(r) = open.filter(|r| r.scroll != origin) {
                self.jumped_from(r.index, origin);
            }
        }
    }

    /// Esc: clears the find; in the prompt the view also returns to where the find began.
    pub(super) fn find_cancel(&mut self) {
        let origin = self.reading.find.take().map(|f| f.origin);
        if self.mode == Mode::FindPrompt
            && let (Some(o), Some(r)) = (origin, self.reading.open.as_mut())
        {
            r.scroll = o;
        }
        self.mode = Mode::Reader;
    }

    /// The find prompt's text changed: match again and jump to the first match at or after
    /// where the find began.
    pub(super) fn find_text(&mut self, text: String) {
        let Some(f) = self.reading.find.as_mut() else {
            return;
        };
        f.query = text;
        f.page = None;
        self.refresh_find();
        let Some(f) = self.reading.find.as_mut() else {
            return;
        };
        let origin = f.origin;
        // Past the last match the find wraps to the first, as `n` does.
        f.current =
            first_at_or_after(&f.matches, origin).or_else(|| (!f.matches.is_empty()).then_some(0));
        if f.current.is_some() {
            self.show_current_match();
        } else if let Some(r) = self.reading.open.as_mut() {
            r.scroll = origin;
        }
    }

    /// `Alt-n`/`Alt-p` (and `/` Enter on an empty prompt): the next or previous match of the
    /// find kept, or, once `Esc` has cleared it, of the last text found in this session, from
    /// the top line shown; the matches are kept again, so `n`/`N` step through them.
    pub(super) fn find_again(&mut self, forward: bool) {
        if self.reading.find.is_some() {
            return self.find_step(forward);
        }
        let Some(scroll) = self.reading.open.as_ref().map(|r| r.scroll) else {
            self.complain("no article open");
            return;
        };
        let Some(last) = self
            .prompt_history
            .of(super::PromptKind::Find)
            .last()
            .cloned()
        else {
            self.complain("nothing found yet: / finds in the article");
            return;
        };
        self.reading.find = Some(Find::new(scroll, Rule::Literal));
        self.find_text(last.clone());
        if self
            .reading
            .find
            .as_ref()
            .is_some_and(|f| f.matches.is_empty())
        {
            self.reading.find = None;
            if let Some(r) = self.reading.open.as_mut() {
                r.scroll = scroll;
            }
            self.complain(crate::sanitize::clean_line(&format!("not found: {last}")));
            return;
        }
        self.mode = Mode::Find;
        if !forward {
            // The first match at or below the top is chosen; the one before it is wanted.
            self.find_step(false);
        }
    }

    /// `n`/`N`: the next or previous match, wrapping around the article.
    pub(super) fn find_step(&mut self, forward: bool) {
        let Some(f) = self.reading.find.as_mut() else {
            return;
        };
        let n = f.matches.len();
        if n == 0 {
            return;
        }
        f.current = Some(match (f.current, forward) {
            (None, _) => 0,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        });
        self.show_current_match();
    }

    /// Recomputes the matches when the page they were found on is no longer the reader's (a
    /// new query, width, justification or article), keeping the current match near the top.
    pub(super) fn refresh_find(&mut self) {
        let (Some(f), Some(r)) = (self.reading.find.as_mut(), self.reading.open.as_ref()) else {
            return;
        };
        if f.page.as_ref().is_some_and(|p| Arc::ptr_eq(p, &r.page)) {
            return;
        }
        f.matches = find_on(&r.page, &f.query, f.rule);
        f.page = Some(r.page.clone());
        f.current = first_at_or_after(&f.matches, r.scroll)
            .or_else(|| (!f.matches.is_empty()).then_some(0));
    }

    /// Scrolls so the current match is in view: left alone when it already is, else placed a
    /// third of the way down the pane.
    pub(super) fn show_current_match(&mut self) {
        let h = self.reader_height();
        let (Some(f), Some(r)) = (self.reading.find.as_ref(), self.reading.open.as_mut()) else {
            return;
        };
        let Some(m) = f.current.and_then(|c| f.matches.get(c)) else {
            return;
        };
        if m.line < r.scroll || m.line >= r.scroll + h {
            r.scroll = m.line.saturating_sub(h / 3).min(r.max_scroll(h));
        }
    }
}

/// The first match on line `line` or below it.
pub fn first_at_or_after(matches: &[Match], line: usize) -> Option<usize> {
    let i = matches.partition_point(|m| m.line < line);
    (i < matches.len()).then_some(i)
}
