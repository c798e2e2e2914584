//! Quote marks: which characters of a block open or close a quote, and which are only apostrophes.
//!
//! Classification looks at a bounded window around each character, so scanning a block is linear.

/// The two families of quote marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// `“…”`, `"…"`, `''…''`, ``` ``…'' ```: direct speech.
    Double,
    /// `‘…’`, `'…'`: headline quotes and quotes inside a double quote.
    Single,
}

/// What a mark can do, judged from its neighbours alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Opens a quote.
    Open,
    /// Closes the innermost open quote of its kind.
    Close,
    /// A closing single mark that reads more naturally as a plural possessive (`the students’ union`):
    /// it closes only when no plain closer follows in the same stretch (see `pair`).
    WeakClose,
    /// A straight `"` whose neighbours do not say which way it faces: it closes an open double quote,
    /// else opens one.
    Either,
}

/// One quote mark in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mark {
    /// Offset of its first char.
    pub pos: usize,
    /// Its length in chars: 2 for the wire marks ``` `` ``` and `''`, else 1.
    pub len: usize,
    pub kind: QuoteKind,
    pub role: Role,
    /// Whether it is a typographer's mark (`“ ” ‘ ’`) rather than a straight or wire one.
    pub curly: bool,
    /// Whether it is a straight `"` right after a digit, which may be an inch mark (`a 12" pipe`).
    pub inch: bool,
}

/// Words that an apostrophe at a word start shortens (`'til`, `’em`, `rock ’n’ roll`): that apostrophe
/// never opens a quote.
const ELISIONS: &[&str] = &[
    "til", "tis", "twas", "em", "cause", "cos", "n", "bout", "nother",
];

/// Finds every quote mark in `chars`, in order. Apostrophes are left out.
pub(super) fn scan(chars: &[char]) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Most chars are no mark: skip them before looking at their neighbours.
        if !is_mark_char(chars[i]) {
            i += 1;
            continue;
        }
        match mark_at(chars, i) {
            Some(m) => {
                i += m.len;
                marks.push(m);
            }
            None => i += 1,
        }
    }
    marks
}

/// The quote mark starting at `chars[i]`, judged from its neighbours (at most ten chars away).
fn mark_at(chars: &[char], i: usize) -> Option<Mark> {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    let mut len = 1;
    let (kind, role) = match chars[i] {
        '“' => Some((QuoteKind::Double, Role::Open)),
        '”' => Some((QuoteKind::Double, Role::Close)),
        '"' => Some((QuoteKind::Double, straight_role(prev, next))),
        '`' if next == Some('`') => {
            len = 2;
            Some((QuoteKind::Double, Role::Open))
        }
        '\'' if next == Some('\'') => {
            // Old wire style: two apostrophes stand for one double mark.
            len = 2;
            Some((
                QuoteKind::Double,
                straight_role(prev, chars.get(i + 2).copied()),
            ))
        }
        '`' | '‘' => left_single(chars, i).map(|r| (QuoteKind::Single, r)),
        '’' => right_single(chars, i).map(|r| (QuoteKind::Single, r)),
        '\'' => left_single(chars, i)
            .or_else(|| right_single(chars, i))
            .map(|r| (QuoteKind::Single, r)),
        _ => None,
    }?;
    Some(Mark {
        pos: i,
        len,
        kind,
        role,
        curly: matches!(chars[i], '“' | '”' | '‘' | '’'),
        inch: chars[i] == '"' && prev.is_some_and(|c| c.is_ascii_digit()),
    })
}

/// The kind of the opening mark that starts `text` (after leading whitespace), if one does.
/// Used to see whether the next paragraph re-opens a quote left open at the end of this one.
pub(super) fn leading_open(text: &str) -> Option<QuoteKind> {
    // A short window is enough: classifying the first char looks a few chars ahead at most.
    let mut window = ['\0'; 16];
    let mut n = 0;
    for (slot, c) in window.iter_mut().zip(text.trim_start().chars()) {
        *slot = c;
        n += 1;
    }
    if n == 0 || !is_mark_char(window[0]) {
        return None;
    }
    let first = mark_at(&window[..n], 0)?;
    (first.role == Role::Open).then_some(first.kind)
}

/// Whether `c` can be (the first char of) a quote mark; `scan` looks closer at these alone.
fn is_mark_char(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '`' | '\'' | '‘' | '’')
}

/// Can a quote open after `prev`? At the start, after whitespace, opening punctuation or another mark.
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || "([{<—–-/“‘\"'`«„".contains(c))
}

/// Can a quote close before `next`? At the end, before whitespace, punctuation or another mark.
fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}>—–-…/”’\"'»".contains(c))
}

/// The role of a straight double mark from its neighbours.
fn straight_role(prev: Option<char>, next: Option<char>) -> Role {
    let open = opens_after(prev) && next.is_some_and(|c| !c.is_whitespace());
    let close = closes_before(next) && prev.is_some_and(|c| !c.is_whitespace());
    match (open, close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// A `‘`, `` ` `` or `'` that opens a quote: at a word start, not shortening a word (`'til`, `‘90s`).
fn left_single(chars: &[char], i: usize) -> Option<Role> {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    let at_word_start = opens_after(prev) && next.is_some_and(|c| !c.is_whitespace());
    (at_word_start && !is_elision(chars, i + 1)).then_some(Role::Open)
}

/// A `’` or `'` that closes a quote: at a word end. Inside a word (`don’t`, `O’Brien`) or at a word
/// start (`’90s`, `’til`) it is an apostrophe.
fn right_single(chars: &[char], i: usize) -> Option<Role> {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    let at_word_end = prev.is_some_and(|c| !c.is_whitespace() && !"([{<—–-/“‘`«„".contains(c))
        && closes_before(next);
    if !at_word_end {
        return None;
    }
    // The second apostrophe of `rock ’n’ roll`.
    if i >= 2
        && matches!(chars[i - 1], 'n' | 'N')
        && matches!(chars[i - 2], '’' | '‘' | '\'')
        && (i < 3 || !chars[i - 3].is_alphanumeric())
    {
        return None;
    }
    // `the students’ union`, `Rodríguez’ office`: a plural or s-final possessive followed by its noun.
    let possessive = prev.is_some_and(|c| matches!(c, 's' | 'S' | 'z' | 'Z' | 'x' | 'X'))
        && next.is_some_and(char::is_whitespace)
        && chars.get(i + 2).is_some_and(|c| c.is_alphanumeric());
    Some(if possessive {
        Role::WeakClose
    } else {
        Role::Close
    })
}

/// Whether the word starting at `from` is one an initial apostrophe shortens: a year (`'90s`, `‘68`)
/// or a word in `ELISIONS`.
fn is_elision(chars: &[char], from: usize) -> bool {
    let word: String = chars[from.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .take(8)
        .flat_map(|c| c.to_lowercase())
        .collect();
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    if digits == 2 && (word.len() == 2 || word == format!("{}s", &word[..2])) {
        return true;
    }
    ELISIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(s: &str) -> Vec<(usize, QuoteKind, Role)> {
        let chars: Vec<char> = s.chars().collect();
        scan(&chars)
            .into_iter()
            .map(|m| (m.pos, m.kind, m.role))
            .collect()
    }

    #[test]
    fn apostrophes_are_not_marks() {
        for s in [
            "Lena’s don’t O’Brien",
            "the ’90s and ’til then",
            "rock ’n’ roll",
            "it's 'til the '80s",
            "rock 'n' roll",
        ] {
            assert_eq!(roles(s), vec![], "{s}");
        }
    }

    #[test]
    fn possessive_after_s_is_weak() {
        let r = roles("the nurses’ union");
        assert_eq!(r, vec![(10, QuoteKind::Single, Role::WeakClose)]);
    }

    #[test]
    fn straight_marks_face_their_words() {
        let r = roles("\"Go,\" he said");
        assert_eq!(r[0].2, Role::Open);
        assert_eq!(r[1].2, Role::Close);
        assert_eq!(roles("a \" b")[0].2, Role::Either);
    }

    #[test]
    fn wire_marks_are_double_and_two_long() {
        let chars: Vec<char> = "''Yes,'' he said".chars().collect();
        let m = scan(&chars);
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[0].len, m[0].kind, m[0].role),
            (2, QuoteKind::Double, Role::Open)
        );
        assert_eq!((m[1].pos, m[1].role), (6, Role::Close));
    }

    #[test]
    fn leading_open_agrees_with_a_full_scan() {
        for s in [
            "",
            "   ",
            "“We waited 12 years for this,” she said.",
            "  ‘Tis the season",
            "'til the cows come home, he said",
            "'twas brillig'",
            "''Yes,'' he said",
            "``Yes,'' he said",
            "`Quoted' text",
            "\"Go,\" he said",
            "\" lone mark",
            "’90s nostalgia",
            "‘68 was a year",
            "‘Internationalisation’ is long",
            "’ dangling",
            "Plain text “quoted later”",
        ] {
            let chars: Vec<char> = s.trim_start().chars().collect();
            let full = scan(&chars)
                .into_iter()
                .next()
                .filter(|m| m.pos == 0 && m.role == Role::Open)
                .map(|m| m.kind);
            assert_eq!(leading_open(s), full, "{s:?}");
        }
    }

    #[test]
    fn leading_open_sees_reopening_marks() {
        assert_eq!(leading_open("  “Then"), Some(QuoteKind::Double));
        assert_eq!(leading_open("‘Then"), Some(QuoteKind::Single));
        assert_eq!(leading_open("’Tis the season"), None);
        assert_eq!(leading_open("Then “x”"), None);
    }
}
