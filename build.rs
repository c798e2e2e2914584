//! Embeds the sample library (articles/) so an installed `byline` has something to show anywhere.

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
