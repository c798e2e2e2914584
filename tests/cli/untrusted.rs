//! Hostile article text never reaches the terminal as a control sequence.

use crate::common::{byline, library, write};

/// An article full of escape sequences, C1 controls and bidi overrides.
fn hostile() -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(b"Title \x1b]0;pwned\x07 with a window-title escape\n");
    v.extend_from_slice(b"Mar 02, 2026\n");
    v.extend_from_slice(b"By EVE \x1b[2JCLEAR\n");
    v.extend_from_slice(b"The council \x1b[31mred\x1b[0m text and a bell \x07 here.\n");
    v.extend_from_slice("C1 CSI \u{9b}31m and NEL \u{85} and bidi \u{202e}drow\u{202c} \u{2066}x\u{2069} \u{200f}.\n".as_bytes());
    v.extend_from_slice(b"Raw C1 byte \x9b and DEL \x7f and backspace \x08 here.\n");
    v.extend_from_slice(b"Related Articles\nAnother \x1b[5mblinking\x1b[0m headline\n");
    v
}

fn assert_clean(out: &[u8]) {
    assert!(!out.contains(&0x1b), "ESC reached the output");
    assert!(!out.contains(&0x07), "BEL reached the output");
    assert!(!out.contains(&0x7f), "DEL reached the output");
    assert!(!out.contains(&0x08), "BS reached the output");
    let text = String::from_utf8_lossy(out);
    for c in text.chars() {
        assert!(
            !('\u{80}'..='\u{9f}').contains(&c),
            "C1 {c:?} reached the output"
        );
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'),
            "bidi {c:?}"
        );
    }
}

#[test]
fn print_never_emits_a_control_byte_and_shows_stand_ins() {
    let lib = library(&[]);
    let p = write(lib.path(), "hostile.txt", &hostile());
    let out = byline()
        .args(["--print", "--color", "never"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_clean(&out.stdout);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("␛[31mred"),
        "escape parameters stay visible: {text}"
    );
    assert!(text.contains('␇'), "bell shown as a stand-in");
    assert!(text.contains("␛]0;pwned"));
}

#[test]
fn json_and_list_are_clean_too_and_warn() {
    let lib = library(&[]);
    let p = write(lib.path(), "hostile.txt", &hostile());
    let out = byline().arg("--json").arg(&p).output().unwrap();
    assert_clean(&out.stdout);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("control"))
    );
    let out = byline().arg("--list").arg(lib.path()).output().unwrap();
    assert_clean(&out.stdout);
}

#[test]
fn file_names_with_escapes_are_neutralised() {
    let lib = library(&[]);
    write(
        lib.path(),
        "evil\x1b[31m.txt",
        b"Plain title\nA paragraph.\n",
    );
    let out = byline().arg("--list").arg(lib.path()).output().unwrap();
    assert_clean(&out.stdout);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("evil␛[31m.txt")
    );
}

#[test]
fn huge_line_and_word_load_and_print() {
    let lib = library(&[]);
    let mut big = b"A very long story\n".to_vec();
    big.extend(std::iter::repeat_n(b"word ".as_slice(), 1_000_000).flatten());
    big.push(b'\n');
    big.extend(std::iter::repeat_n(b'x', 2_000_000));
    let p = write(lib.path(), "big.txt", &big);
    let out = byline()
        .args(["--print", "--width", "80"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
    );
    assert_eq!(text.matches('x').count(), 2_000_000);
}

/// Every OSC 8 hyperlink in `out`: (its URL, the text it covers).
fn hyperlinks(out: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = out;
    while let Some(i) = rest.find("\x1b]8;id=") {
        let after = &rest[i + 7..];
        let url_start = after.find(';').unwrap() + 1;
        let url_end = after.find("\x1b\\").unwrap();
        let url = after[url_start..url_end].to_string();
        let body = &after[url_end + 2..];
        let close = body.find("\x1b]8;;\x1b\\").unwrap();
        // The covered text, its styles taken out.
        let mut text = String::new();
        let mut inside = false;
        for c in body[..close].chars() {
            match (c, inside) {
                ('\x1b', _) => inside = true,
                ('m', true) => inside = false,
                (c, false) => text.push(c),
                _ => {}
            }
        }
        found.push((url, text));
        rest = &body[close..];
    }
    found
}

#[test]
fn print_with_colour_makes_links_hyperlinks_with_their_urls_made_safe() {
    // Markdown decodes `&#27;` and `%` escapes into the URL after the file was neutralised.
    let md = "# Harbor notes\n\n\
              The [harbor board](https://example.org/board) met. The [bad one](https://x.test/a&#27;]8;;https://evil.test&#7;b) \
              and [Kø benhavn](<https://example.org/Kø benhavn>) and [local](other.md) and \
              [script](javascript:alert(1)).\n";
    let lib = library(&[("notes.md", md)]);
    let p = lib.path().join("notes.md");
    let out = byline()
        .args(["--print", "--color", "always", "--width", "100"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let links = hyperlinks(&text);
    let urls: Vec<&str> = links.iter().map(|(u, _)| u.as_str()).collect();
    // The body's words and the Links list's entry are both clickable.
    assert!(
        links.contains(&("https://example.org/board".into(), "harbor board[1]".into())),
        "{links:?}"
    );
    for (url, _) in &links {
        assert!(
            url.bytes().all(|b| (0x21..=0x7e).contains(&b)),
            "a raw byte in {url:?}"
        );
        assert!(url.starts_with("https://"), "{url}");
    }
    assert!(
        urls.iter().any(|u| u.contains("K%C3%B8%20benhavn")),
        "{urls:?}"
    );
    assert!(
        !urls
            .iter()
            .any(|u| u.contains("other.md") || u.contains("javascript")),
        "{urls:?}"
    );
    // No escape but the SGR styles and the hyperlinks' own sequences is written.
    let mut rest = text.as_str();
    while let Some(i) = rest.find('\x1b') {
        let after = &rest[i + 1..];
        assert!(
            after.starts_with('[') || after.starts_with("]8;") || after.starts_with('\\'),
            "a stray escape: {:?}",
            &after[..after.len().min(20)]
        );
        rest = after;
    }
    assert!(!text.contains('\x07'), "a bell reached the output");
    // Without colour no hyperlink is written.
    let plain = byline()
        .args(["--print", "--color", "never"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(!plain.stdout.contains(&0x1b));
}
