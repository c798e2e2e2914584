//! Theme styles as ANSI SGR sequences, for `--print --color always`, written by crossterm's
//! style commands.

use ratatui::crossterm::Command;
use ratatui::crossterm::style::{Attribute, ContentStyle, SetAttribute, SetStyle};
use ratatui::prelude::IntoCrossterm;
use ratatui::style::Style;

/// Appends `text` to `out` wrapped in the SGR sequences for `style` and a reset.
pub fn paint(out: &mut String, text: &str, style: Style) {
    let style: ContentStyle = style.into_crossterm();
    if style == ContentStyle::default() || text.trim().is_empty() {
        out.push_str(text);
        return;
    }
    // Writing into a `String` cannot fail.
    let _ = SetStyle(style).write_ansi(out);
    out.push_str(text);
    let _ = SetAttribute(Attribute::Reset).write_ansi(out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    fn painted(text: &str, style: Style) -> String {
        let mut out = String::new();
        paint(&mut out, text, style);
        out
    }

    /// The SGR parameters of every sequence in `s`, in order, and the text between them.
    fn params(s: &str) -> (Vec<String>, String) {
        let mut codes = Vec::new();
        let mut text = String::new();
        let mut rest = s;
        while let Some(at) = rest.find("\x1b[") {
            text.push_str(&rest[..at]);
            let seq = &rest[at + 2..];
            let end = seq.find('m').expect("an SGR sequence ends with m");
            codes.extend(seq[..end].split(';').map(str::to_string));
            rest = &seq[end + 1..];
        }
        text.push_str(rest);
        (codes, text)
    }

    /// The hand-made table this module wrote before crossterm: `30 + n` (`40 + n` behind) for
    /// the eight named colours and `90 + n` (`100 + n`) for their light versions. crossterm
    /// writes the same palette entries as `38;5;n` (`48;5;n`) and `38;5;8+n`, which every
    /// terminal with 256 colours shows in the same colour.
    #[test]
    fn named_colours_name_the_palette_entries_they_did() {
        let named = [
            (Color::Black, 0),
            (Color::Red, 1),
            (Color::Green, 2),
            (Color::Yellow, 3),
            (Color::Blue, 4),
            (Color::Magenta, 5),
            (Color::Cyan, 6),
            (Color::Gray, 7),
            (Color::DarkGray, 8),
            (Color::LightRed, 9),
            (Color::LightGreen, 10),
            (Color::LightYellow, 11),
            (Color::LightBlue, 12),
            (Color::LightMagenta, 13),
            (Color::LightCyan, 14),
            (Color::White, 15),
        ];
        for (color, index) in named {
            let (codes, text) = params(&painted("x", Style::new().fg(color)));
            assert_eq!(codes, ["38", "5", &index.to_string(), "0"], "{color:?}");
            assert_eq!(text, "x");
            let (codes, _) = params(&painted("x", Style::new().bg(color)));
            assert_eq!(codes, ["48", "5", &index.to_string(), "0"], "{color:?}");
        }
    }

    #[test]
    fn indices_rgb_and_reset_read_as_before() {
        let cases = [
            (Style::new().fg(Color::Indexed(200)), "38;5;200"),
            (Style::new().bg(Color::Rgb(1, 2, 3)), "48;2;1;2;3"),
            (Style::new().fg(Color::Rgb(250, 0, 9)), "38;2;250;0;9"),
            (Style::new().fg(Color::Reset), "39"),
            (Style::new().bg(Color::Reset), "49"),
        ];
        for (style, want) in cases {
            let (codes, _) = params(&painted("x", style));
            assert_eq!(codes.join(";"), format!("{want};0"), "{style:?}");
        }
    }

    #[test]
    fn modifiers_keep_their_codes() {
        for (bit, code) in [
            (Modifier::BOLD, "1"),
            (Modifier::DIM, "2"),
            (Modifier::ITALIC, "3"),
            (Modifier::UNDERLINED, "4"),
            (Modifier::REVERSED, "7"),
            (Modifier::CROSSED_OUT, "9"),
        ] {
            assert_eq!(
                painted("hi", Style::new().add_modifier(bit)),
                format!("\x1b[{code}mhi\x1b[0m"),
                "{bit:?}"
            );
        }
        let both = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
        let (mut codes, text) = params(&painted("hi", both));
        assert_eq!(text, "hi");
        assert_eq!(codes.pop().as_deref(), Some("0"), "ends with a reset");
        codes.sort();
        assert_eq!(codes, ["1", "3", "38", "5"]);
    }

    #[test]
    fn plain_styles_and_blank_text_stay_bare() {
        assert_eq!(painted("hi", Style::new()), "hi");
        assert_eq!(painted("  ", Style::new().fg(Color::Red)), "  ");
        let mut out = String::from("a");
        paint(&mut out, "b", Style::new().add_modifier(Modifier::BOLD));
        assert_eq!(out, "a\x1b[1mb\x1b[0m", "appends");
    }
}
