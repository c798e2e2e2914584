//! The fuzzer: feeds byline's loaders and typesetter generated and mutated articles of every
//! format, and checks after each input that nothing panicked or hung, that no control byte
//! survived into the page or the JSON, that no line is wider than the width asked for, and
//! (on Linux) that reading and printing it stayed within the memory budget.
//!
//! ```text
//! cargo run --release --example fuzz -- --minutes 60            # as long as you like
//! cargo run --release --example fuzz -- --cases 2000 --seed 7   # a fixed, reproducible round
//! cargo run --release --example fuzz -- --cases 3000 --passes    # the library passes too
//! ```
//!
//! `--passes` also writes each input to a file and checks the passes over a library that read a
//! file without parsing it whole (related headlines, list row) against the whole read.
//!
//! A failing input is shrunk (cut down while it still fails) and written to `fuzz-failures/`
//! (`--save DIR`); copy it into `tests/fixtures/fuzz/` to keep it as a regression fixture, which
//! the test suite then loads on every run. The last line reads `fuzz: N passed, M failed`.

mod cases;

use byline::article::Article;
use byline::text::typeset::{Names, Options, typeset};
use cases::{Kind, Rng};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one input may take before it counts as a hang (debug builds are slow).
const HANG: Duration = Duration::from_secs(20);

/// Whether `--passes` asked for [`check_passes`] too (CI's round does).
static PASSES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

struct Args {
    seed: u64,
    cases: Option<u64>,
    minutes: Option<u64>,
    save: PathBuf,
    samples: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs()),
        cases: None,
        minutes: None,
        save: PathBuf::from("fuzz-failures"),
        samples: PathBuf::from("articles"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--passes" {
            PASSES.store(true, std::sync::atomic::Ordering::Relaxed);
            continue;
        }
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--seed" => a.seed = value.parse().unwrap_or(a.seed),
            "--cases" => a.cases = value.parse().ok(),
            "--minutes" => a.minutes = value.parse().ok(),
            "--save" => a.save = PathBuf::from(value),
            "--samples" => a.samples = PathBuf::from(value),
            _ => {
                eprintln!(
                    "usage: fuzz [--seed N] [--cases N | --minutes N] [--save DIR] [--samples DIR] [--passes]"
                );
                std::process::exit(2);
            }
        }
    }
    if a.cases.is_none() && a.minutes.is_none() {
        a.cases = Some(1000);
    }
    a
}

/// Every article file under `dir`, read, for mutating.
fn samples(dir: &Path) -> Vec<(Kind, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            let kind = Kind::ALL
                .into_iter()
                .find(|k| k.extension() == ext)
                .or_else(|| (ext == "htm" || ext == "rss" || ext == "atom").then_some(Kind::Html));
            if let (Some(kind), Ok(bytes)) = (kind, std::fs::read(&p)) {
                out.push((kind, bytes));
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// The memory budget of reading and printing an article: its peak may rise at most this many
/// bytes per byte of input…
const MEMORY_PER_BYTE: u64 = 10;
/// …plus this.
const MEMORY_CONSTANT: u64 = 32 << 20;

/// The kernel's figure `field` (`VmHWM`, `VmRSS`) for this process, in bytes.
fn status(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the peak resident size to the present one (`VmHWM`); `None` where the system keeps
/// no such figure (not Linux), and then memory is not checked.
fn reset_peak() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    status("VmRSS")
}

/// A character that must never reach the terminal from an article.
fn is_control(c: char) -> bool {
    (c < ' ' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// What is wrong with the result of reading `bytes` as `kind`, if anything.
fn check(kind: Kind, bytes: &[u8], width: u16, justify: bool) -> Option<String> {
    let format = byline::load::format_for(Path::new(&format!("x.{}", kind.extension())));
    let mut opts = Options::new(width);
    opts.justify = justify;
    // Memory is measured over what `--print` does: parse, then print a stretch at a time.
    let before = reset_peak();
    let article: Article = match byline::load::parse_bytes(bytes, format) {
        Ok(a) => a,
        Err(e) => {
            let msg = format!("{e:#}");
            return msg
                .chars()
                .any(is_control)
                .then(|| format!("control character in the error message {msg:?}"));
        }
    };
    byline::print_to(&article, &opts, None, &Names::none(), &mut std::io::sink())
        .expect("a sink takes everything");
    if let (Some(before), Some(peak)) = (before, status("VmHWM")) {
        let grew = peak.saturating_sub(before);
        let budget = MEMORY_PER_BYTE * bytes.len() as u64 + MEMORY_CONSTANT;
        if grew > budget {
            return Some(format!(
                "memory: reading and printing {} bytes raised the peak by {} KiB, over the \
                 budget of {} KiB",
                bytes.len(),
                grew >> 10,
                budget >> 10
            ));
        }
    }
    let json = match serde_json::to_string(&article) {
        Ok(j) => j,
        Err(e) => return Some(format!("--json failed: {e}")),
    };
    let value: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => return Some(format!("--json is not valid JSON: {e}")),
    };
    if let Some(bad) = control_in(&value) {
        return Some(format!("control character in --json: {bad:?}"));
    }
    if PASSES.load(std::sync::atomic::Ordering::Relaxed)
        && let Some(problem) = check_passes(kind, bytes)
    {
        return Some(problem);
    }
    let page = typeset(&article, &opts);
    for line in &page.lines {
        let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
        if text.chars().any(|c| is_control(c) || c == '\n') {
            return Some(format!("control character in a printed line: {text:?}"));
        }
        let cols = unicode_width::UnicodeWidthStr::width(text.as_str());
        if cols > usize::from(width) {
            return Some(format!("line of {cols} columns at width {width}: {text:?}"));
        }
    }
    None
}

/// What is wrong with the passes over a library that read a file without parsing it whole (its
/// related headlines, its list row: JSON streamed, saved pages without scripts): where the whole
/// read succeeds they must find its title, address and related headlines, and nothing they give
/// may hold a control character. (A saved page is parsed only up to
/// [`byline::load::html::PASS_WINDOW`] of its text decoded: a bigger one may differ past it, so
/// only one that fits is compared; a byte decodes to at most 3.)
fn check_passes(kind: Kind, bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join(format!("x.{}", kind.extension()));
    std::fs::write(&path, bytes).ok()?;
    let whole = byline::load::load_links(&path);
    let light = byline::load::load_related(&path);
    if let Ok(row) = byline::load::head::read(&path)
        && row.header.title.chars().any(is_control)
    {
        return Some(format!(
            "control character in a list row: {:?}",
            row.header.title
        ));
    }
    let window = kind.extension() != "html"
        || bytes.len().saturating_mul(3) <= byline::load::html::PASS_WINDOW;
    match (&whole, &light) {
        (Ok(_), Err(e)) => Some(format!(
            "the related pass failed where the whole read did not: {e:#}"
        )),
        (Ok(w), Ok(l))
            if window
                && (&l.header.title, &l.header.url, &l.related)
                    != (&w.header.title, &w.header.url, &w.related) =>
        {
            Some(format!(
                "the related pass found {:?} ({} related), the whole read {:?} ({} related)",
                l.header.title,
                l.related.len(),
                w.header.title,
                w.related.len()
            ))
        }
        (_, Ok(l)) if l.header.title.chars().any(is_control) => Some(format!(
            "control character in the related pass's title {:?}",
            l.header.title
        )),
        _ => None,
    }
}

/// The first string in `v` holding a control character (newlines allowed only in text that
/// keeps its lines, such as code).
fn control_in(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => s.chars().any(is_control).then(|| s.clone()),
        serde_json::Value::Array(a) => a.iter().find_map(control_in),
        serde_json::Value::Object(o) => o.values().find_map(control_in),
        _ => None,
    }
}

/// Runs [`check`] on a thread, so a panic or a hang is caught and reported too.
fn run(kind: Kind, bytes: Vec<u8>, width: u16, justify: bool) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(|| check(kind, &bytes, width, justify));
        let _ = tx.send(r);
    });
    match rx.recv_timeout(HANG) {
        Ok(Ok(None)) => Ok(()),
        Ok(Ok(Some(problem))) => Err(problem),
        Ok(Err(_)) => Err("panicked".into()),
        Err(_) => Err(format!("took more than {} s", HANG.as_secs())),
    }
}

/// Cuts `bytes` down while it still fails the same way, so the saved input is small.
fn shrink(kind: Kind, mut bytes: Vec<u8>, width: u16, justify: bool, first: &str) -> Vec<u8> {
    let same = |e: &str| e.split(':').next() == first.split(':').next();
    let mut chunk = bytes.len() / 2;
    while chunk > 0 {
        let mut at = 0;
        while at < bytes.len() {
            let mut cut = bytes.clone();
            cut.drain(at..(at + chunk).min(cut.len()));
            match run(kind, cut.clone(), width, justify) {
                Err(e) if same(&e) && !e.starts_with("took") => bytes = cut,
                _ => at += chunk,
            }
        }
        chunk /= 2;
    }
    bytes
}

fn main() {
    let a = args();
    let pool = samples(&a.samples);
    let mut rng = Rng::new(a.seed);
    let deadline = a
        .minutes
        .map(|m| Instant::now() + Duration::from_secs(m * 60));
    let (mut passed, mut failed) = (0u64, 0u64);
    println!(
        "fuzz: seed {}, {} sample files to mutate, memory {}",
        a.seed,
        pool.len(),
        if reset_peak().is_some() {
            "checked"
        } else {
            "not checked (no /proc/self/clear_refs)"
        }
    );
    for case in 0.. {
        if a.cases.is_some_and(|n| case >= n) || deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let (kind, bytes) = if !pool.is_empty() && rng.one_in(3) {
            let (kind, sample) = &pool[rng.below(pool.len())];
            (*kind, cases::mutate(sample, &mut rng))
        } else {
            let kind = Kind::ALL[rng.below(Kind::ALL.len())];
            let bytes = cases::generate(kind, &mut rng);
            let bytes = if rng.one_in(2) {
                cases::mutate(&bytes, &mut rng)
            } else {
                bytes
            };
            (kind, bytes)
        };
        let width = [10, 11, 12, 20, 33, 40, 61, 80, 120, 200][rng.below(10)];
        let justify = rng.one_in(2);
        match run(kind, bytes.clone(), width, justify) {
            Ok(()) => passed += 1,
            Err(problem) => {
                failed += 1;
                let hung = problem.starts_with("took");
                let small = if hung {
                    bytes
                } else {
                    shrink(kind, bytes, width, justify, &problem)
                };
                let _ = std::fs::create_dir_all(&a.save);
                let file = a
                    .save
                    .join(format!("{}-{case}-w{width}.{}", a.seed, kind.extension()));
                let _ = std::fs::write(&file, &small);
                eprintln!("case {case} ({kind:?}, width {width}, justify {justify}): {problem}");
                eprintln!("  input saved to {}", file.display());
                if hung {
                    // The hung thread still runs; later timings would mean nothing.
                    break;
                }
            }
        }
    }
    println!("fuzz: {passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
