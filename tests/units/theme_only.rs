//! Every style on screen and in `--print --color` comes from the theme: render code that sets a
//! colour or an attribute itself fails this test.

use std::path::{Path, PathBuf};

/// Source files that draw or print, without the theme's own modules.
fn render_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["ui", "print", "tui", "app"] {
        collect(&root.join(dir), &mut files);
    }
    files.push(root.join("tui.rs"));
    files
        .into_iter()
        // A `*_tests.rs` file is a unit test module kept beside its code (`#[cfg(test)]`).
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name != "ansi.rs" && !name.ends_with("_tests.rs")
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// What setting a look inline would take.
const FORBIDDEN: &[&str] = &[
    "Color::",
    "Modifier::",
    ".fg(",
    ".bg(",
    ".bold()",
    ".italic()",
    ".underlined()",
    ".reversed()",
    ".dim()",
    "\\x1b[",
];

#[test]
fn render_code_takes_every_style_from_the_theme() {
    let files = render_sources();
    assert!(files.len() > 10, "found the render sources");
    let mut offences = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        // Unit tests may build styles of their own to check the drawing.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            if FORBIDDEN.iter().any(|f| line.contains(f)) {
                offences.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "inline styles in render code:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_check_catches_an_inline_colour() {
    let sample = "buf.set_style(area, Style::new().fg(Color::Red));";
    assert!(FORBIDDEN.iter().any(|f| sample.contains(f)));
}
