//! Error messages that point into a TOML file: `path:line: message`.

use std::fmt::Display;
use std::ops::Range;
use std::path::Path;

/// The 1-based line of byte `offset` in `text` (offsets past the end count as the last line).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    // Count bytes, not chars: the offset may fall inside a multi-byte character.
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// An error naming `origin` and, when the span is known, the line it starts on.
pub fn at(
    origin: &Path,
    text: &str,
    span: Option<Range<usize>>,
    msg: impl Display,
) -> anyhow::Error {
    match span {
        Some(span) => anyhow::anyhow!("{}:{}: {msg}", origin.display(), line_of(text, span.start)),
        None => anyhow::anyhow!("{}: {msg}", origin.display()),
    }
}

/// Turns a TOML parse or schema error into one line naming the file and line.
pub fn toml_error(origin: &Path, text: &str, err: &toml::de::Error) -> anyhow::Error {
    // toml's message can span lines (it quotes the source); the first line says it all.
    let msg = err.message().trim();
    at(origin, text, err.span(), msg.replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        let text = "a = 1\nb = 2\n\nc = é\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 6), 2);
        assert_eq!(line_of(text, text.find('c').unwrap()), 4);
        assert_eq!(line_of(text, text.find('é').unwrap() + 1), 4);
        assert_eq!(line_of(text, 10_000), 5);
    }
}
