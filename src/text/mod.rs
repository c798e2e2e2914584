//! Text handling shared by the loaders, the reader and the printer: sanitising and typesetting.

pub mod sanitize;
pub mod typeset;

/// `s` with every run of whitespace made one space and the ends trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
