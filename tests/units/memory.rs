//! Memory bounded by the input: an article of many tiny blocks, parsed and printed, takes memory
//! in proportion to its size. Measured in a child process of this test binary, alone, from the
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

/// An article of `bytes` bytes in `format`, nearly all of it one-letter paragraphs: the most
/// blocks a file of that size can hold.
fn tiny_paragraphs(format: Format, bytes: usize) -> Vec<u8> {
    if format == Format::Json {
        // byline's own shape: a block object for every one-letter paragraph, 33 bytes each.
        let mut doc = String::from("{\"title\":\"Tiny paragraphs\",\"blocks\":[");
        while doc.len() < bytes {
            doc.push_str("{\"kind\":\"paragraph\",\"text\":\"a\"},");
        }
        doc.push_str("{\"kind\":\"paragraph\",\"text\":\"end\"}]}");
        return doc.into_bytes();
    }
    if format == Format::Html {
        // A saved page of one-letter paragraphs: an element every 9 bytes.
        let mut page = String::from(
            "<!DOCTYPE html><html><head><title>Tiny paragraphs</title></head><body><article><h1>Tiny paragraphs</h1>\n",
        );
        while page.len() < bytes {
            page.push_str("<p>a</p>\n");
        }
        page.push_str("</article></body></html>");
        return page.into_bytes();
    }
    let mut text = String::from(match format {
        Format::Markdown => "# Tiny paragraphs\n\n",
        _ => "Tiny paragraphs\n\n",
    });
    while text.len() < bytes {
        text.push_str("a\n\n");
    }
    text.into_bytes()
}

/// The format a child is asked to measure, by its name in `BYLINE_TEST_MEMORY_CHILD`.
fn format_named(name: &str) -> Format {
    match name {
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        "json" => Format::Json,
        _ => Format::Text,
    }
}

/// The child half: parses and prints `bytes` bytes of tiny paragraphs in `format` and says how
/// far the peak resident size rose above where it stood before, as `GREW=<bytes>`.
fn child(format: Format, bytes: usize) {
    // Writing 5 resets the peak to the present size.
    std::fs::write("/proc/self/clear_refs", "5").expect("resetting the peak");
    let before = status("VmRSS").expect("VmRSS");
    let input = tiny_paragraphs(format, bytes);
    let article = byline::load::parse_bytes(&input, Some(format)).expect("parsed");
    drop(input);
    byline::print_to(
        &article,
        &Options::new(80),
        None,
        &Names::none(),
        &mut std::io::sink(),
    )
    .expect("printed");
    let per_block = match format {
        Format::Html => 10,
        Format::Json => 34,
        _ => 4,
    };
    assert!(
        article.blocks.len() > bytes / per_block,
        "{} blocks",
        article.blocks.len()
    );
    drop(article);
    let peak = status("VmHWM").expect("VmHWM");
    println!("GREW={}", peak.saturating_sub(before));
}

/// How far the peak rose for `bytes` bytes in `format` (`text` or `markdown`), measured in a
/// child process.
fn growth(format: &str, bytes: usize) -> u64 {
    child_grew(
        "memory::tiny_paragraphs_take_memory_in_proportion_to_the_file",
        "BYLINE_TEST_MEMORY_CHILD",
        std::ffi::OsStr::new(&format!("{format}:{bytes}")),
    )
}

/// Runs `test` alone in a child process with `var` set to `value`, and reads how far the
/// child's peak rose (its `GREW=` line).
fn child_grew(test: &str, var: &str, value: &std::ffi::OsStr) -> u64 {
    let out = crate::common::test_child(test)
        .args(["--nocapture", "--test-threads=1"])
        .env(var, value)
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

/// Checks that 4 MiB of `format`'s tiny paragraphs raise the peak by at most `per_byte` times
/// their size plus [`CONSTANT`].
fn holds(format: &str, per_byte: u64) {
    let bytes: u64 = 4 << 20;
    let grew = growth(format, bytes as usize);
    let _ = writeln!(
        std::io::stderr(),
        "{format}: the peak rose {} KiB for {} KiB",
        grew >> 10,
        bytes >> 10
    );
    assert!(
        grew <= per_byte * bytes + CONSTANT,
        "{} MiB of {format} tiny paragraphs raised the peak by {} MiB, more than {per_byte}× plus {} MiB",
        bytes >> 20,
        grew >> 20,
        CONSTANT >> 20
    );
}

/// What the peak may rise by whatever the article's size.
const CONSTANT: u64 = 16 << 20;

/// Whether the peak can be measured here; says so when not.
fn measurable() -> bool {
    if std::fs::metadata("/proc/self/clear_refs").is_err() {
        crate::common::missing("/proc/self/clear_refs (Linux) to measure the peak memory");
        return false;
    }
    true
}

#[test]
fn tiny_paragraphs_take_memory_in_proportion_to_the_file() {
    if let Ok(job) = std::env::var("BYLINE_TEST_MEMORY_CHILD") {
        let (format, bytes) = job.split_once(':').expect("FORMAT:BYTES");
        child(format_named(format), bytes.parse().unwrap());
        return;
    }
    if measurable() {
        holds("text", TEXT_PER_BYTE);
    }
}

#[test]
fn markdown_tiny_paragraphs_take_memory_in_proportion_to_the_file() {
    if measurable() {
        holds("markdown", MARKDOWN_PER_BYTE);
    }
}

#[test]
fn a_json_file_of_tiny_blocks_takes_memory_in_proportion_to_the_file() {
    if measurable() {
        holds("json", JSON_PER_BYTE);
    }
}

/// The same for a JSON file of one-letter paragraph blocks in byline's own shape, the budget
/// itself: the loader reads JSON into a value of its own whose objects are one sorted vector
/// of pairs (`load::json::value`): the debug build rose 10.8× (44 MiB for 4 MiB). With
/// serde_json's `Value` (a `BTreeMap` an object) a
/// release build took 23–24× (113 MiB for 5 MB).
const JSON_PER_BYTE: u64 = 10;

#[test]
fn a_page_of_text_takes_memory_in_proportion_to_the_file() {
    if measurable() {
        holds("html", HTML_PER_BYTE);
    }
}

/// The same for a saved page of one-letter paragraphs (`<p>a</p>`, an element every 9 bytes),
/// the budget itself: the page is parsed into a compact tree of our own (`html::tree`: 48
/// bytes a node, a paragraph of text alone one node, no node for the whitespace between
/// paragraphs), its elements measured in a table by node, its list of blocks made its size at
/// once. The debug build rose 11.6× (47.5 MiB for 4 MiB). Of 30-byte paragraphs, 9.4× (38.6
/// MiB) with two nodes a paragraph; with a general DOM (scraper's), 20–21× (83–87 MiB).
const HTML_PER_BYTE: u64 = 10;

/// The most the peak may rise per byte of a news-wire article (one-letter paragraphs: a block
/// every 3 bytes, each an entry of 24 bytes in the article's list, its text held in place).
/// The debug build rose 12× in all (49 MiB for 4 MiB); 19× (76 MiB) while every block's text
/// was a `String` of its own; before the parser kept one list of the lines, 36× (144 MiB).
const TEXT_PER_BYTE: u64 = 14;
/// The same for Markdown, read a piece at a time (64 KB) into a list of blocks made its likely
/// size at once, the allocator asking for no huge pages: the debug build rose 13× (52 MiB for
/// 4 MiB); 31× (123 MiB) with pieces of 512 KB, the list grown by doubling and huge pages,
/// 34× (134 MiB) before the article's blocks held short texts in place, 73× to 84× (292 to
/// 337 MiB) when the document was parsed whole.
const MARKDOWN_PER_BYTE: u64 = 16;

#[test]
fn a_block_is_small_and_holds_a_short_text_in_place() {
    use byline::article::Block;
    // The figures above rest on this: 24 bytes a block (texts of up to 15 bytes held inline).
    assert!(std::mem::size_of::<Block>() <= 24);
    assert_eq!(Block::paragraph("a").text, "a");
}

/// A big article of `kind` (`json`: byline's own shape, paragraphs as blocks; `html`: a saved
/// page with its pictures inlined as `data:` addresses and long scripts and styles; `text`: a
/// saved page of paragraphs alone, its related box after the headline) of about `bytes` bytes,
/// with a title and one related headline.
fn big_article(kind: &str, bytes: usize) -> String {
    let para = "The harbour board met again on Tuesday to weigh the ferry timetable. ";
    if kind == "text" {
        let mut out = String::with_capacity(bytes + 1024);
        out.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Harbour board archive</title></head><body><article><h1>Harbour board archive</h1>");
        out.push_str("<aside class=\"related\"><h2>Related</h2><a href=\"https://example.org/pilots\">Ferry pilots walk out</a></aside>");
        while out.len() < bytes {
            out.push_str(&format!("<p>{para}{}</p>\n", out.len()));
        }
        out.push_str("</article></body></html>");
        return out;
    }
    let picture = format!(
        "data:image/png;base64,{}",
        "iVBORw0KGgoAAAANSUhEUgAA".repeat(20_000)
    );
    let mut out = String::with_capacity(bytes + 1024);
    if kind == "json" {
        out.push_str(r#"{"title": "Harbour board archive", "date": "2026-05-04", "blocks": ["#);
        while out.len() < bytes {
            out.push_str(&format!(
                r#"{{"kind": "paragraph", "text": "{para}{}"}}, "#,
                out.len()
            ));
        }
        out.push_str(r#""The end."], "related": [{"title": "Ferry pilots walk out"}]}"#);
        return out;
    }
    out.push_str(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Harbour board archive</title>",
    );
    out.push_str(&format!("<style>@font-face{{src:url({picture})}}</style></head><body><article><h1>Harbour board archive</h1>"));
    while out.len() < bytes {
        out.push_str(&format!(
            "<p>{para}</p><script>var n = {}; f(n);</script>",
            out.len()
        ));
        out.push_str(&format!(
            "<figure><img src=\"{picture}\" alt=\"The quay\"></figure>"
        ));
    }
    out.push_str("<aside class=\"related\"><h2>Related</h2><a href=\"https://example.org/pilots\">Ferry pilots walk out</a></aside></article></body></html>");
    out
}

/// The child half of the related pass's measure: reads `path` for its related headlines and
/// its list row, as the reader does for an article it has not opened, and prints how far the
/// peak rose, as `GREW=<bytes>`.
fn related_child(path: &std::path::Path) {
    std::fs::write("/proc/self/clear_refs", "5").expect("resetting the peak");
    let before = status("VmRSS").expect("VmRSS");
    let article = byline::load::load_related(path).expect("read");
    assert_eq!(article.header.title, "Harbour board archive");
    assert_eq!(article.related.len(), 1, "{:?}", article.related);
    drop(article);
    // The list row is read from the file too.
    let row = byline::load::head::read(path).expect("a row");
    assert_eq!(row.header.title, "Harbour board archive");
    drop(row);
    let peak = status("VmHWM").expect("VmHWM");
    println!("GREW={}", peak.saturating_sub(before));
}

/// How far the related pass over a big unopened `kind` article raised the peak, in a child.
fn related_growth(kind: &str, bytes: usize) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let (ext, page) = match kind {
        "text" => ("html", big_article(kind, bytes).into_bytes()),
        // The saved page in Windows-1252, undeclared: the pass guesses it from all the bytes.
        "latin" => {
            let page = big_article("html", bytes).replace("harbour", "harbour caf\u{e9}");
            let (page, _, bad) = encoding_rs::WINDOWS_1252.encode(&page);
            assert!(!bad);
            ("html", page.into_owned())
        }
        _ => (kind, big_article(kind, bytes).into_bytes()),
    };
    let path = dir.path().join(format!("big.{ext}"));
    std::fs::write(&path, page).unwrap();
    child_grew(
        "memory::a_related_pass_reads_a_big_unopened_article_in_little_memory",
        "BYLINE_TEST_RELATED_CHILD",
        path.as_os_str(),
    )
}

/// The most the related pass (the reader's backlinks, `--print`'s neighbours) may raise the
/// peak over a 16 MiB article: it streams the file and keeps its header and related list, so
/// the rise does not grow with the file (the debug build rose 8 MiB for 4 MiB and for 16 MiB
/// of JSON, and 11 MiB for 16 MiB of a saved page, whose text and markup it parses). The
/// whole parse it replaced rose many times the file's size. A page that is not UTF-8 is
/// decoded as it is read (16 MiB in Windows-1252: the debug build rose 8 MiB; read whole, 86 MiB).
const RELATED_BOUND: u64 = 16 << 20;

#[test]
fn a_related_pass_reads_a_big_unopened_article_in_little_memory() {
    if let Some(path) = std::env::var_os("BYLINE_TEST_RELATED_CHILD") {
        related_child(std::path::Path::new(&path));
        return;
    }
    if !measurable() {
        return;
    }
    for kind in ["json", "html", "latin"] {
        let bytes = 16 << 20;
        let grew = related_growth(kind, bytes);
        let _ = writeln!(
            std::io::stderr(),
            "{kind}: the related pass raised the peak {} KiB for {} KiB",
            grew >> 10,
            bytes >> 10
        );
        assert!(
            grew <= RELATED_BOUND,
            "the related pass over {} MiB of {kind} raised the peak by {} MiB, more than {} MiB",
            bytes >> 20,
            grew >> 20,
            RELATED_BOUND >> 20
        );
    }
}

/// The most the related pass may raise the peak over a 32 MiB saved page of text alone (no
/// scripts or pictures to leave out): it parses only the page's first
/// [`byline::load::html::PASS_WINDOW`] (4 MiB) of markup and text, so the rise does not grow
/// with the page. The debug build rose 68 MiB (23 MiB with a window of 1 MiB); parsing the
/// whole page, as the pass did, rose 380 MiB.
const TEXT_PAGE_BOUND: u64 = 96 << 20;

#[test]
fn a_related_pass_reads_a_big_page_of_text_in_little_memory() {
    if !measurable() {
        return;
    }
    let bytes = 32 << 20;
    let grew = related_growth("text", bytes);
    let _ = writeln!(
        std::io::stderr(),
        "page of text: the related pass raised the peak {} KiB for {} KiB",
        grew >> 10,
        bytes >> 10
    );
    assert!(
        grew <= TEXT_PAGE_BOUND,
        "the related pass over {} MiB of a page of text raised the peak by {} MiB, more than {} MiB",
        bytes >> 20,
        grew >> 20,
        TEXT_PAGE_BOUND >> 20
    );
}

/// The child half of the index's measure: reads the document the search index takes of
/// `path` (a long article: its start) and prints how far the peak rose, as `GREW=<bytes>`.
fn index_child(path: &std::path::Path) {
    std::fs::write("/proc/self/clear_refs", "5").expect("resetting the peak");
    let before = status("VmRSS").expect("VmRSS");
    let doc = byline::search::doc_of_file(0, path).expect("a document");
    assert_eq!(doc.title, "Harbour board archive");
    assert!(!doc.blocks.is_empty());
    drop(doc);
    let peak = status("VmHWM").expect("VmHWM");
    println!("GREW={}", peak.saturating_sub(before));
}

/// The most reading a 32 MiB article for the search index may raise the peak: it reads the
/// first [`byline::search::MAX_TEXT`] (4 MiB) of body text and parses only that, so the rise
/// does not grow with the file (the debug build rose 19–20 MiB for news-wire and Markdown,
/// 39 MiB for JSON and 55–57 MiB for a page of text, at 16 MiB as at 32 MiB). Reading the
/// whole file, as the index did, rose 95 MiB for 32 MiB of news-wire, and 44 MiB, 54 MiB and
/// 152 MiB for 16 MiB of news-wire, Markdown and JSON.
const INDEX_BOUND: u64 = 64 << 20;

#[test]
fn the_index_reads_a_big_unopened_article_in_little_memory() {
    if let Some(path) = std::env::var_os("BYLINE_TEST_INDEX_CHILD") {
        index_child(std::path::Path::new(&path));
        return;
    }
    if !measurable() {
        return;
    }
    for kind in ["txt", "md", "json", "html"] {
        let bytes = 32 << 20;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("big.{kind}"));
        std::fs::write(&path, crate::search_big::long_article(kind, bytes)).unwrap();
        let grew = child_grew(
            "memory::the_index_reads_a_big_unopened_article_in_little_memory",
            "BYLINE_TEST_INDEX_CHILD",
            path.as_os_str(),
        );
        let _ = writeln!(
            std::io::stderr(),
            "{kind}: reading for the index raised the peak {} KiB for {} KiB",
            grew >> 10,
            bytes >> 10
        );
        assert!(
            grew <= INDEX_BOUND,
            "reading {} MiB of {kind} for the index raised the peak by {} MiB, more than {} MiB",
            bytes >> 20,
            grew >> 20,
            INDEX_BOUND >> 20
        );
    }
}

/// The child half of the kept-memory measure: reads the page of text at `path` as the related
/// pass and the index do, drops what they read, and prints how far the resident size stands
/// above where it stood before, as `GREW=<bytes>`.
fn kept_child(path: &std::path::Path) {
    let before = status("VmRSS").expect("VmRSS");
    let article = byline::load::load_related(path).expect("read");
    assert_eq!(article.related.len(), 1, "{:?}", article.related);
    drop(article);
    let doc = byline::search::doc_of_file(0, path).expect("a document");
    assert_eq!(doc.title, "Harbour board archive");
    drop(doc);
    let now = status("VmRSS").expect("VmRSS");
    println!("GREW={}", now.saturating_sub(before));
}

/// The most a big unopened page may leave resident once the passes over it are done. Parsing
/// its first 4 MiB takes tens of megabytes for a moment; the allocator kept them for the
/// reader's life until a big file's reading handed them back: the debug build kept 45 MiB of
/// a 32 MiB page of text that way, and keeps 13 MiB now (most of it the index's document,
/// freed here after its job; in the reader a commit hands that back too).
const KEPT_BOUND: u64 = 24 << 20;

#[test]
fn the_passes_over_a_big_page_give_its_memory_back() {
    if let Some(path) = std::env::var_os("BYLINE_TEST_KEPT_CHILD") {
        kept_child(std::path::Path::new(&path));
        return;
    }
    if !measurable() {
        return;
    }
    let bytes = 32 << 20;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.html");
    std::fs::write(&path, big_article("text", bytes)).unwrap();
    let kept = child_grew(
        "memory::the_passes_over_a_big_page_give_its_memory_back",
        "BYLINE_TEST_KEPT_CHILD",
        path.as_os_str(),
    );
    let _ = writeln!(
        std::io::stderr(),
        "page of text: the passes left {} KiB resident for {} KiB",
        kept >> 10,
        bytes >> 10
    );
    assert!(
        kept <= KEPT_BOUND,
        "the passes over {} MiB of a page of text left {} MiB resident, more than {} MiB",
        bytes >> 20,
        kept >> 20,
        KEPT_BOUND >> 20
    );
}
