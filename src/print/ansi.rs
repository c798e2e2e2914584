//! Theme styles as ANSI SGR sequences, for `--print --color always`.

use ratatui::style::{Color, Modifier, Style};
use std::fmt::Write;

/// Appends `text` to `out` wrapped in the SGR sequence for `style` and a reset.
pub fn paint(out: &mut String, text: &str, style: Style) {
    let codes = sgr(style);
    if codes.is_empty() || text.trim().is_empty() {
        out.push_str(text);
    } else {
        let _ = write!(out, "\x1b[{codes}m{text}\x1b[0m");
    }
}

/// The SGR parameters for `style`, `;`-separated; empty for the plain style.
pub fn sgr(style: Style) -> String {
    let mut p: Vec<String> = Vec::new();
    let m = style.add_modifier;
    for (bit, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(bit) {
            p.push(code.into());
        }
    }
    if let Some(c) = style.fg {
        p.extend(color(c, false));
    }
    if let Some(c) = style.bg {
        p.extend(color(c, true));
    }
    p.join(";")
}

fn color(c: Color, bg: bool) -> Option<String> {
    let base = if bg { 40 } else { 30 };
    let bright = if bg { 100 } else { 90 };
    let named = |n: u8| Some((base + n).to_string());
    let light = |n: u8| Some((bright + n).to_string());
    match c {
        Color::Reset => Some(if bg { "49" } else { "39" }.into()),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => light(0),
        Color::LightRed => light(1),
        Color::LightGreen => light(2),
        Color::LightYellow => light(3),
        Color::LightBlue => light(4),
        Color::LightMagenta => light(5),
        Color::LightCyan => light(6),
        Color::White => light(7),
        Color::Indexed(i) => Some(format!("{};5;{i}", base + 8)),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_become_sgr_codes() {
        let s = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
        assert_eq!(sgr(s), "1;33");
        assert_eq!(sgr(Style::new().bg(Color::Rgb(1, 2, 3))), "48;2;1;2;3");
        assert_eq!(sgr(Style::new()), "");
        let mut out = String::new();
        paint(&mut out, "hi", s);
        assert_eq!(out, "\x1b[1;33mhi\x1b[0m");
    }
}
