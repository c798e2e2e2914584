//! The article handed to programs outside byline: a shell pipe (`|`), the pager (`v`), the
//! editor (`e`), a file (`S`) and the clipboard programs. Each runs with the terminal given
//! back (the caller's [`Session::outside`](super::term::Session::outside)) and returns the one
//! line the status bar shows afterwards.

use crate::article::{Article, BlockKind};
use crate::text::typeset::Options;
use anyhow::{Context, Result, bail};
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The article as `--print` writes it (plain, no colour), at `width` columns. It is typeset a
/// stretch at a time, as `--print` does, so a long article's page is never held whole beside
/// its text.
pub fn article_text(article: &Article, width: u16) -> String {
    let opts = Options::new(width.clamp(20, 200));
    let mut out = Vec::new();
    let names = crate::text::typeset::Names::none();
    // Writing into memory cannot fail.
    let _ = crate::print::write(article, &opts, None, &names, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The article as Markdown: headline, byline line, blocks by kind, related headlines.
pub fn article_markdown(article: &Article) -> String {
    let mut out = format!("# {}\n\n", article.header.title);
    let meta: Vec<&str> = [
        article.header.date.as_deref(),
        article.header.source.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(article.header.authors.iter().map(String::as_str))
    .collect();
    if !meta.is_empty() {
        out.push_str(&format!("_{}_\n\n", meta.join(" · ")));
    }
    if let Some(s) = &article.standfirst {
        out.push_str(&format!("**{s}**\n\n"));
    }
    for (i, b) in article.blocks.iter().enumerate() {
        let t = &b.text;
        match b.kind {
            BlockKind::Paragraph => out.push_str(t),
            BlockKind::Heading => out.push_str(&format!("## {t}")),
            BlockKind::Quote => out.push_str(&format!("> {t}")),
            BlockKind::ListItem => out.push_str(&format!("- {t}")),
            BlockKind::Caption => out.push_str(&format!("_{t}_")),
            BlockKind::Code => out.push_str(&format!("```\n{t}\n```")),
            BlockKind::Separator => out.push_str("* * *"),
            BlockKind::Image => match article.images.iter().find(|im| im.block == i) {
                Some(im) if !im.src.starts_with("data:") => {
                    out.push_str(&format!("![{}]({})", im.alt, im.src));
                }
                _ => out.push_str(&format!("[image: {t}]")),
            },
        }
        out.push_str("\n\n");
    }
    if !article.related.is_empty() {
        out.push_str("## Related\n\n");
        for r in &article.related {
            out.push_str(&format!("- {}\n", r.title));
        }
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// Pipes `text` to `sh -c command` on the terminal, then waits for Enter (as vim's `:!` does),
/// so its output can be read before the reader draws over it.
pub fn pipe(command: &str, text: &str) -> Result<String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .spawn()
        .context("starting sh")?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that stops reading early (`head`) closes the pipe: not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    let status = child.wait()?;
    press_enter();
    Ok(if status.success() {
        format!("piped to {command}")
    } else {
        format!("{command}: {status}")
    })
}

/// Waits for Enter on the terminal after a command's output.
fn press_enter() {
    let mut out = std::io::stdout();
    let _ = write!(out, "\n[byline: press Enter to return]");
    let _ = out.flush();
    if let Ok(tty) = std::fs::File::open("/dev/tty") {
        let mut line = String::new();
        let _ = std::io::BufReader::new(tty).read_line(&mut line);
    }
}

/// Shows `text` in `$PAGER` (else `less`).
pub fn page(text: &str) -> Result<String> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less".into());
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&pager)
        .stdin(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {pager}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(text.as_bytes());
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("{pager}: {status}");
    }
    Ok(String::new())
}

/// Opens `path` in `$VISUAL`, else `$EDITOR`, else `vi`. The path is passed as an argument,
/// never pasted into the shell line.
pub fn edit(path: &Path) -> Result<String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("byline")
        .arg(path)
        .status()
        .with_context(|| format!("starting {editor}"))?;
    if !status.success() {
        bail!("{editor}: {status}");
    }
    Ok(format!("edited {}", path.display()))
}

/// Saves `article` at `path`: Markdown for `.md`, else `--print` text. An existing file is
/// never overwritten.
pub fn save(path: &Path, article: &Article, width: u16) -> Result<String> {
    let md = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let text = if md {
        article_markdown(article)
    } else {
        article_text(article, width)
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::anyhow!("{} exists; give another name", path.display())
            } else {
                anyhow::Error::new(e).context(format!("saving {}", path.display()))
            }
        })?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("saving {}", path.display()))?;
    Ok(format!(
        "saved {} ({})",
        path.display(),
        if md { "Markdown" } else { "text" }
    ))
}

/// Clipboard programs tried after OSC 52, in order, with the environment each needs.
const CLIPBOARD_PROGRAMS: &[(&str, &[&str], Option<&str>)] = &[
    ("wl-copy", &[], Some("WAYLAND_DISPLAY")),
    ("xclip", &["-selection", "clipboard"], Some("DISPLAY")),
    ("xsel", &["--clipboard", "--input"], Some("DISPLAY")),
    ("pbcopy", &[], None),
];

/// Hands `text` to the first clipboard program that is present and may work here; the name of
/// the one that took it, or `None`.
pub fn copy_with_program(text: &str) -> Option<&'static str> {
    for &(program, args, needs) in CLIPBOARD_PROGRAMS {
        if needs.is_some_and(|v| std::env::var_os(v).is_none_or(|x| x.is_empty())) {
            continue;
        }
        let Ok(mut child) = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        else {
            continue;
        };
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(text.as_bytes());
        }
        if child.wait().is_ok_and(|s| s.success()) {
            return Some(program);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;

    #[test]
    fn markdown_keeps_every_block_and_the_headline() {
        let mut a = Article {
            header: crate::article::Header {
                title: "Ferry timetable cut".into(),
                date: Some("March 3, 2026".into()),
                ..Default::default()
            },
            blocks: vec![
                Block::paragraph("The island ferry runs twice a day."),
                Block::heading("What next"),
            ],
            ..Article::default()
        };
        a.blocks[1].kind = BlockKind::Heading;
        let md = article_markdown(&a);
        assert!(
            md.starts_with("# Ferry timetable cut\n\n_March 3, 2026_\n\n"),
            "{md}"
        );
        assert!(
            md.contains("The island ferry runs twice a day.\n\n## What next\n"),
            "{md}"
        );
    }

    #[test]
    fn a_save_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let a = Article {
            header: crate::article::Header {
                title: "Harbor".into(),
                ..Default::default()
            },
            blocks: vec![Block::paragraph("Pilots walked out.")],
            ..Article::default()
        };
        let p = dir.path().join("harbor.txt");
        save(&p, &a, 80).unwrap();
        assert!(
            std::fs::read_to_string(&p)
                .unwrap()
                .contains("Pilots walked out.")
        );
        std::fs::write(&p, "mine").unwrap();
        let e = save(&p, &a, 80).unwrap_err().to_string();
        assert!(e.contains("exists"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "mine");
        let md = dir.path().join("harbor.md");
        assert!(save(&md, &a, 80).unwrap().contains("Markdown"));
        assert!(
            std::fs::read_to_string(&md)
                .unwrap()
                .starts_with("# Harbor")
        );
    }
}
