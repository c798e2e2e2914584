//! Memory bounded by the input: a news-wire article of many tiny blocks, parsed and printed,
//! takes memory in proportion to its size. Measured in a child process of this test binary, alone, from the
//! peak resident size Linux keeps for it (`VmHWM`, reset through `/proc/self/clear_refs`).

use byline::article::Format;
use byline::text::typeset::{Names, Options};
use std::io::Write as _;

/// The kernel's figure `field` (`VmHWM`, `VmRSS`) for this process, in bytes.
fn status(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// A news-wire article of `bytes` bytes, nearly all of it one-letter paragraphs: the most
/// blocks a file of that size can hold.
fn tiny_paragraphs(bytes: usize) -> Vec<u8> {
    let mut text = String::from("Tiny paragraphs\n\n");
    while text.len() < bytes {
        text.push_str("a\n\n");
    }
    text.into_bytes()
}

/// The child half: parses and prints `bytes` bytes of tiny paragraphs and says how
/// far the peak resident size rose above where it stood before, as `GREW=<bytes>`.
fn child(bytes: usize) {
    // Writing 5 resets the peak to the present size.
    std::fs::write("/proc/self/clear_refs", "5").expect("resetting the peak");
    let before = status("VmRSS").expect("VmRSS");
    let input = tiny_paragraphs(bytes);
    let article = byline::load::parse_bytes(&input, Some(Format::Text)).expect("parsed");
    drop(input);
    byline::print_to(
        &article,
        &Options::new(80),
        None,
        &Names::none(),
        &mut std::io::sink(),
    )
    .expect("printed");
    assert!(
        article.blocks.len() > bytes / 4,
        "{} blocks",
        article.blocks.len()
    );
    drop(article);
    let peak = status("VmHWM").expect("VmHWM");
    println!("GREW={}", peak.saturating_sub(before));
}

/// How far the peak rose for `bytes` bytes, measured in a child process.
fn growth(bytes: usize) -> u64 {
    let out =
        crate::common::test_child("memory::tiny_paragraphs_take_memory_in_proportion_to_the_file")
            .args(["--nocapture", "--test-threads=1"])
            .env("BYLINE_TEST_MEMORY_CHILD", bytes.to_string())
            .output()
            .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .split_whitespace()
        .find_map(|w| w.strip_prefix("GREW=")?.parse().ok())
        .unwrap_or_else(|| panic!("no answer in {stdout}"))
}

/// The most the peak may rise per byte of article…
const PER_BYTE: u64 = 64;
/// …plus this.
const CONSTANT: u64 = 16 << 20;

#[test]
fn tiny_paragraphs_take_memory_in_proportion_to_the_file() {
    if let Ok(job) = std::env::var("BYLINE_TEST_MEMORY_CHILD") {
        child(job.parse().unwrap());
        return;
    }
    if std::fs::metadata("/proc/self/clear_refs").is_err() {
        crate::common::missing("/proc/self/clear_refs (Linux) to measure the peak memory");
        return;
    }
    // News-wire: Markdown is held to no figure yet (pulldown-cmark's tree of the whole
    // document alone costs more; see the README's Reliability section).
    let bytes: u64 = 1 << 20;
    let grew = growth(bytes as usize);
    let _ = writeln!(std::io::stderr(), "the peak rose {} KiB", grew >> 10);
    assert!(
        grew <= PER_BYTE * bytes + CONSTANT,
        "{} MiB of tiny paragraphs raised the peak by {} MiB",
        bytes >> 20,
        grew >> 20
    );
}
