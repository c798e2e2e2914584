//! Embeds the sample library (articles/) so an installed `byline` has something to show anywhere,
//! and tells the tests what this machine lacks (see [`test_needs`]).

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let articles = root.join("articles");
    println!("cargo:rerun-if-changed=articles");
    let mut files = Vec::new();
    collect(&articles, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Sample articles embedded at build time: (path under articles/, bytes).\npub static SAMPLES: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        let rel = f
            .strip_prefix(&articles)
            .expect("walked under articles/")
            .to_string_lossy()
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={}", f.display());
        let _ = writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            f.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("samples.rs");
    std::fs::write(dest, out).expect("writing samples.rs");
    test_needs(&root);
}

/// Tests that need tmux or the reference article (kept outside the repo) are compiled with
/// `#[ignore = "why"]` when it is missing, so `cargo test` reports them as ignored with the reason
/// instead of passing without checking anything. Under `CI=true` nothing is ignored: there a
/// missing tool or input makes the test fail (see `tests/common/mod.rs`).
fn test_needs(root: &Path) {
    println!("cargo::rustc-check-cfg=cfg(byline_no_tmux)");
    println!("cargo::rustc-check-cfg=cfg(byline_no_reference)");
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-env-changed=PATH");
    let ci = std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
    if ci {
        return;
    }
    let tmux = std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !tmux {
        println!("cargo::rustc-cfg=byline_no_tmux");
    }
    let places = [
        root.join("../shared/reference/seed-article.txt"),
        PathBuf::from("/work/shared/reference/seed-article.txt"),
    ];
    // Not watched: a missing file would rerun this script, and rebuild the crate, on every
    // build. After adding the reference article, `touch build.rs` brings its test back.
    if !places.iter().any(|p| p.is_file()) {
        println!("cargo::rustc-cfg=byline_no_reference");
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            collect(&p, files);
        } else if matches!(
            p.extension().and_then(|x| x.to_str()),
            Some("txt" | "md" | "json")
        ) {
            files.push(p);
        }
    }
}
