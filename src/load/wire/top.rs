//! The top of a news-wire article: headline, standfirst, date line, byline, agency line and the
//! captions that stand among them.

use super::byline::{self, Byline};
use super::lines::{collapse, ends_sentence, is_debris, is_timestamp, starts_lower};
use super::{agency, caption, dateline};
use crate::article::Header;
use crate::article::date::{self, Ambiguous, DateLine};

/// How many non-empty lines after the headline may still be header lines (standfirst, date,
/// byline, agency line, captions).
const TOP_LINES: usize = 12;
/// A standfirst is a sentence or two: never longer than this.
const MAX_STANDFIRST: usize = 600;
/// A line longer than this (in bytes of decoded text) is never the headline: the header ends
/// before it and it is kept as the body's first paragraph. A list row reads a headline line
/// whole up to this bound, so past it the row and the whole read agree without the row
/// reading the whole line.
pub const MAX_HEADLINE: usize = 64 * 1024;

/// What the first few lines of an article say: enough for a list row, plus the standfirst,
/// the timestamp and the captions the full parse keeps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Top {
    /// Headline (whitespace collapsed), date line, byline names without `By` and the agency,
    /// and the agency named by the byline or an agency line; the URL stays empty (plain text
    /// does not say it).
    pub header: Header,
    /// The standfirst (dek) between the headline and the byline or right after the date.
    pub standfirst: Option<String>,
    /// Date and time of day when the date line gives a time (see `Article::datetime`).
    pub datetime: Option<String>,
    /// A numeric date line that could be read either way round (`06/01/2026`), left for the
    /// caller to settle from the rest of the file.
    pub ambiguous: Option<Ambiguous>,
    /// The date line is relative (`5 hours ago`): it needs the file's time to name a day.
    pub relative: bool,
    /// Caption, credit and alt-text lines found among and right after the header lines.
    pub captions: Vec<String>,
}

/// What one line of the top is.
#[derive(Debug)]
enum Class<'a> {
    Debris,
    Caption,
    Date(DateLine),
    /// A byline and a date on one line; the date part as written.
    BylineDate(Byline, &'a str, DateLine),
    /// A `By …` byline.
    Byline(Byline),
    /// A line naming only the source (`From Reuters`, `The Associated Press`).
    Source(String),
    /// A byline without `By`; `true` when unmistakable, else only beside the date line.
    Name(Byline, bool),
    /// Anything else: a standfirst, alt text, or the start of the body.
    Text,
}

/// Reads the header from `lines` and returns it with the number of lines it used; the body
/// starts at that index. Only the headline and up to [`TOP_LINES`] lines after it are read.
pub(super) fn read<'a>(lines: impl Iterator<Item = &'a str>) -> (Top, usize) {
    let mut h = Top::default();
    let mut top: Vec<(usize, &str)> = Vec::with_capacity(TOP_LINES);
    let mut total = 0;
    for (i, raw) in lines.enumerate() {
        total = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if h.header.title.is_empty() {
            if raw.len() > MAX_HEADLINE {
                // Too long for a headline: the body starts here.
                total = i;
                break;
            }
            // Old wire archives put the date above the headline; a headline is never a date.
            if h.header.date.is_none()
                && let Some(d) = date::read_line(line).filter(|d| !d.relative)
            {
                set_date(&mut h, line, &d);
                continue;
            }
            h.header.title = collapse(line);
            continue;
        }
        top.push((i, line));
        if top.len() == TOP_LINES {
            break;
        }
    }
    if h.header.title.is_empty()
        && let Some(d) = h.header.date.take()
    {
        // Only a date line: it is the headline after all.
        h = Top {
            header: crate::article::Header {
                title: collapse(&d),
                ..Default::default()
            },
            ..Top::default()
        };
    }
    // Lines are classified as the reading or a look ahead needs them: the first paragraph
    // ends the header, and the lines after it are never looked at.
    let mut classes = Classes {
        lines: top.iter().map(|(_, l)| *l).collect(),
        done: Vec::new(),
    };
    let body_at = |k: usize| top.get(k).map_or(total, |(i, _)| *i);
    let mut byline = false;
    let mut after_byline = false;
    let mut last_date = false;
    let mut last_name = false;
    let mut k = 0;
    while k < top.len() {
        let line = top[k].1;
        let just_after_byline = std::mem::take(&mut after_byline);
        let prev_date = std::mem::take(&mut last_date);
        let prev_name = std::mem::take(&mut last_name);
        match &classes.take(k) {
            // Page debris and captions between a date and a name do not part them.
            Class::Debris => {
                last_date = prev_date;
                last_name = prev_name;
            }
            Class::Caption => {
                h.captions.push(collapse(line));
                last_date = prev_date;
                last_name = prev_name;
            }
            Class::Date(d) => {
                set_date(&mut h, line, d);
                last_date = true;
            }
            Class::BylineDate(b, date, d) if !byline => {
                byline = true;
                take_byline(&mut h, b);
                set_date(&mut h, date, d);
                last_date = true;
            }
            Class::Byline(b) if !byline => {
                byline = true;
                after_byline = true;
                take_byline(&mut h, b);
            }
            Class::Source(s)
                if h.header.source.is_none() || h.header.source.as_deref() == Some(s) =>
            {
                h.header.source = Some(s.clone());
            }
            _ if h.header.source.is_none() && just_after_byline && is_outlet_line(line) => {
                h.header.source = Some(line.to_string());
            }
            Class::Name(b, strong)
                if !byline
                    && (*strong
                        || prev_date
                        || classes.next_is_date(k + 1)
                        || classes.next_is_source(k + 1)) =>
            {
                byline = true;
                last_name = true;
                take_byline(&mut h, b);
            }
            // `Ada Holm` then `Tomas Vik`: one author a line.
            Class::Name(b, _) if prev_name && b.source.is_none() => {
                h.header.authors.extend(b.authors.iter().cloned());
                last_name = true;
            }
            Class::Text | Class::Name(..) => {
                if h.standfirst.is_none()
                    && let Some(n) = standfirst_lines(&mut classes, k, h.header.date.is_some())
                {
                    let joined: Vec<&str> = top[k..k + n].iter().map(|(_, l)| *l).collect();
                    h.standfirst = Some(collapse(&joined.join(" ")));
                    k += n;
                    continue;
                }
                // Alt text stands before something: a caption, a header line or the story.
                if k + 1 < top.len() && caption::is_alt_text(line) && !is_dateline(line) {
                    h.captions.push(collapse(line));
                    k += 1;
                    continue;
                }
                return (h, body_at(k));
            }
            _ => return (h, body_at(k)),
        }
        k += 1;
    }
    (h, body_at(k))
}

/// Takes the first date line's date; a second one (`Updated …` under `Published …`) is header
/// too, but the first wins.
fn set_date(h: &mut Top, line: &str, d: &DateLine) {
    if h.header.date.is_some() {
        return;
    }
    h.header.date = Some(line.to_string());
    h.header.date_iso = d.iso.clone();
    h.datetime = d.datetime.clone();
    h.ambiguous = d.ambiguous;
    h.relative = d.relative;
}

fn take_byline(h: &mut Top, b: &Byline) {
    h.header.authors = b.authors.clone();
    if h.header.source.is_none() {
        h.header.source = b.source.clone();
    }
}

fn classify(line: &str) -> Class<'_> {
    if is_debris(line) {
        return Class::Debris;
    }
    if let Some(d) = date::read_line(line) {
        return Class::Date(d);
    }
    if caption::is_caption(line) {
        return Class::Caption;
    }
    // Before `By …` alone: `By Jane Doe — December 3, 2026` holds the date too.
    if let Some((b, date, d)) = byline::with_date(line) {
        return Class::BylineDate(b, date, d);
    }
    if let Some(rest) = byline::strip_by(line) {
        return Class::Byline(byline::parse(rest));
    }
    if let Some(s) = byline::from_line(line) {
        return Class::Source(s);
    }
    if let Some(a) = agency::from_name(line) {
        return Class::Source(a.to_string());
    }
    if let Some(s) = byline::outlet_and_place(line) {
        return Class::Source(s);
    }
    match byline::without_by(line) {
        Some((b, strong)) => Class::Name(b, strong),
        None => Class::Text,
    }
}

/// The top lines and what each is, worked out on first asking.
struct Classes<'a> {
    lines: Vec<&'a str>,
    done: Vec<Class<'a>>,
}

impl<'a> Classes<'a> {
    /// What line `k` is; `None` past the last line read.
    fn get(&mut self, k: usize) -> Option<&Class<'a>> {
        while self.done.len() <= k {
            let line = *self.lines.get(self.done.len())?;
            self.done.push(classify(line));
        }
        self.done.get(k)
    }

    /// What line `k` is, taken out (the line reads as text from then on, as a standfirst's
    /// first line must): the reading moves on and never needs it again.
    fn take(&mut self, k: usize) -> Class<'a> {
        self.get(k);
        self.done
            .get_mut(k)
            .map_or(Class::Text, |c| std::mem::replace(c, Class::Text))
    }

    /// The first line from `k` on that is not a caption or debris.
    fn skip_captions(&mut self, mut k: usize) -> usize {
        while matches!(self.get(k), Some(Class::Caption | Class::Debris)) {
            k += 1;
        }
        k
    }

    /// Whether the line at `k` (captions and debris skipped) is a date line.
    fn next_is_date(&mut self, k: usize) -> bool {
        let k = self.skip_captions(k);
        matches!(self.get(k), Some(Class::Date(_) | Class::BylineDate(..)))
    }

    /// Whether the line at `k` (captions and debris skipped) names only the source.
    fn next_is_source(&mut self, k: usize) -> bool {
        let k = self.skip_captions(k);
        matches!(self.get(k), Some(Class::Source(_)))
    }

    /// Whether the line at `k` is one the header takes whatever stands around it.
    fn is_header_line(&mut self, k: usize) -> bool {
        match self.get(k) {
            Some(Class::Date(_) | Class::BylineDate(..) | Class::Byline(_) | Class::Source(_)) => {
                true
            }
            Some(Class::Name(_, true)) => true,
            Some(Class::Name(_, false)) => self.next_is_date(k + 1),
            _ => false,
        }
    }
}

/// How many lines from `k` (one or two) make a standfirst: text followed by a header line
/// (a byline, a date), or, once the date is read, text followed by a paragraph that opens with
/// a dateline.
fn standfirst_lines(classes: &mut Classes, k: usize, dated: bool) -> Option<usize> {
    // The second line may be the first one wrapped, starting in lower case.
    let fits = |j: usize, line: &str| {
        if j == k {
            is_dek(line)
        } else {
            line.len() <= MAX_STANDFIRST && !is_timestamp(line) && !is_dateline(line)
        }
    };
    // What follows is looked at first: it settles most first paragraphs at once.
    for n in 1..=2 {
        if !matches!(
            classes.get(k + n - 1),
            Some(Class::Text | Class::Name(_, false))
        ) {
            return None;
        }
        let next = classes.skip_captions(k + n);
        let ends = classes.is_header_line(next)
            || (dated && n == 1 && classes.lines.get(k + n).is_some_and(|l| is_dateline(l)));
        if ends {
            return (k..k + n).all(|j| fits(j, classes.lines[j])).then_some(n);
        }
    }
    None
}

/// A standfirst's shape: a sentence or two, not a dateline paragraph, not a time stamp, at
/// least a few words (a shorter line before the byline is a caption or alt text).
fn is_dek(line: &str) -> bool {
    let words = line.split_whitespace().take(8).count();
    line.len() <= MAX_STANDFIRST
        && (words >= 7 || (words >= 3 && ends_sentence(line)))
        && !starts_lower(line)
        && !is_timestamp(line)
        && !is_dateline(line)
}

/// Whether the line opens with a dateline.
fn is_dateline(line: &str) -> bool {
    dateline::split(line).is_some()
}

/// The outlet a line under the byline names: a publication such as `The Harbor Gazette` or a
/// short title-case name such as `Meridian Wire Service`: that is where wire copy names it.
fn is_outlet_line(line: &str) -> bool {
    byline::is_publication(line) || is_outlet_name(line)
}

/// A short title-case name with no sentence punctuation, such as `Meridian Wire Service`.
fn is_outlet_name(line: &str) -> bool {
    // Counting stops at six words: a paragraph is settled without splitting all of it.
    (1..=5).contains(&line.split_whitespace().take(6).count())
        && !line.ends_with(['.', '!', '?', ':', ',', ';', '”', '"'])
        && line.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(w, "of" | "the" | "and" | "de")
        })
        && !crate::article::date::is_date_line(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(text: &str) -> (Top, usize) {
        read(text.split('\n'))
    }

    #[test]
    fn an_outlet_on_the_line_under_the_byline_is_the_source() {
        let (h, _) = top(
            "Comet seen\nMarch 9, 2026\nBy PRIYA NATARAJAN\nMeridian Wire Service\nLINDQVIST (MWS) — A comet.\n",
        );
        assert_eq!(h.header.source.as_deref(), Some("Meridian Wire Service"));
        assert_eq!(h.header.authors, vec!["PRIYA NATARAJAN".to_string()]);
        let (h, _) = top("Comet seen\nMarch 9, 2026\nBy PRIYA NATARAJAN\nThe comet was bright.\n");
        assert_eq!(h.header.source, None);
    }

    #[test]
    fn agency_on_the_next_line_and_the_body_index() {
        let (h, used) =
            top("Title\n\nBy ANN LEE\nThe Associated Press\nMarch 3, 2026\nFirst paragraph.");
        assert_eq!(h.header.authors, ["ANN LEE"]);
        assert_eq!(h.header.source.as_deref(), Some("Associated Press"));
        assert_eq!(h.header.date_iso.as_deref(), Some("2026-03-03"));
        assert_eq!(used, 5);
    }

    fn fields(text: &str) -> (Top, Vec<String>) {
        let (h, used) = top(text);
        let rest = text.split('\n').skip(used).map(String::from).collect();
        (h, rest)
    }

    #[test]
    fn names_beside_the_date_are_bylines_and_short_lines_before_the_story_captions() {
        let (h, rest) = fields("T\nJan 8, 2026\nAda Holm\nTomas Vik\nThe harbour reopened.");
        assert_eq!(h.header.authors, ["Ada Holm", "Tomas Vik"]);
        assert_eq!(rest, ["The harbour reopened."]);
        let (h, rest) = fields("T\nJan 8, 2026\nWhat Comes Next\nThe harbour reopened.");
        assert!(h.header.authors.is_empty());
        assert_eq!(h.captions, ["What Comes Next"]);
        assert_eq!(rest, ["The harbour reopened."]);
        // A name away from any date is no byline (it is kept, as a caption).
        let (h, _) = fields("T\nMira Holt\nThe harbour reopened on Thursday.");
        assert!(h.header.authors.is_empty());
        // A lone short last line is story text, not a caption.
        let (h, rest) = fields("T\nJan 8, 2026\nThe end");
        assert!(h.captions.is_empty());
        assert_eq!(rest, ["The end"]);
    }

    #[test]
    fn a_standfirst_needs_a_header_line_after_it() {
        let (h, rest) = fields(
            "T\nThe harbour reopened on Thursday after a long week of repairs.\nBy then most boats had gone.\nIt was busy.",
        );
        assert_eq!(h.standfirst, None);
        assert_eq!(rest.len(), 3);
        let (h, rest) = fields(
            "T\nUpdated 10:05 a.m. EST, Jan 8, 2026\nNews of the reopening came as a relief to the fleet.\nBy ADA HOLM, Associated Press\nKESSEL (AP) — The harbour reopened.",
        );
        assert_eq!(
            h.standfirst.as_deref(),
            Some("News of the reopening came as a relief to the fleet.")
        );
        assert_eq!(h.header.authors, ["ADA HOLM"]);
        assert_eq!(rest, ["KESSEL (AP) — The harbour reopened."]);
        // Two lines of standfirst, wrapped, before the byline.
        let (h, _) = fields(
            "T\n\nThe harbour board has voted to reopen the north quay\nafter a winter of repairs.\n\nBy Ada Holm\n\nBody.",
        );
        assert_eq!(
            h.standfirst.as_deref(),
            Some("The harbour board has voted to reopen the north quay after a winter of repairs.")
        );
        // Right after the date, text is a standfirst only before a dateline paragraph.
        let (h, _) =
            fields("T\nJan 8, 2026\nThe harbour board voted to reopen the quay.\nIt was busy.");
        assert_eq!(h.standfirst, None);
    }

    #[test]
    fn a_name_above_an_outlet_line_with_page_debris_between() {
        let (h, rest) = fields(
            "T\n2 hours ago\nShare\nAda Holm\nMeridian News, Kessel\nImage caption, The quay at dusk\nThe harbour reopened.",
        );
        assert!(h.relative);
        assert_eq!(h.header.authors, ["Ada Holm"]);
        assert_eq!(h.header.source.as_deref(), Some("Meridian News"));
        assert_eq!(h.captions, ["Image caption, The quay at dusk"]);
        assert_eq!(rest, ["The harbour reopened."]);
    }
}
