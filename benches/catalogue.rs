//! The catalogue of list rows: decoding one of 100,000 rows, saving it after one folder changed
//! (appended to its log) and whole, and a warm launch's validating scan of 10,000 small files
//! (every file stat'ed, none read).

use byline::load::catalog::{self, Cache, store};
use byline::load::head::Ids;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, SystemTime};

/// A catalogue of `n` rows in folders of 1,000, with names and fields of typical lengths.
fn synthetic(n: usize) -> store::Catalogue {
    let folders = (0..n.div_ceil(1000))
        .map(|d| store::Folder {
            root: 0,
            rel: format!("{d:04}"),
            stat: store::Stat(4096, 1, 1, d as u64, 1),
            stamp: 2_000_000_000_000_000_000,
            others: Some(Vec::new()),
            files: (d * 1000..(d * 1000 + 1000).min(n))
                .map(|i| store::File {
                    name: format!("{i:07}-harbor-pilots-rally-to-save-the-night-ferry.txt"),
                    stat: store::Stat(
                        8000 + i as u64 % 500,
                        1_700_000_000_000_000_000 + i as i64,
                        1_700_000_000_000_000_000 + i as i64,
                        10_000_000 + i as u64,
                        65024,
                    ),
                    rows: Some(vec![store::Row(
                        format!("Harbor pilots in Ostervik rally to save the night ferry {i}"),
                        Some("May 2, 2026".into()),
                        Some("2026-05-02".into()),
                        Some("Veldmark Wire".into()),
                        vec!["INES CALLOWAY".into()],
                        format!("{:016x}", i * 7919),
                        None,
                        Vec::new(),
                    )]),
                })
                .collect(),
        })
        .collect();
    store::Catalogue {
        roots: vec!["/library".into()],
        stamp: 2_000_000_000_000_000_000,
        folders,
        lone: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let bytes = store::encode(&synthetic(100_000), "bench", 1);
    eprintln!("catalogue of 100,000 rows: {} bytes", bytes.len());
    c.bench_function("catalogue_decode_100k_rows", |b| {
        b.iter(|| black_box(store::decode(black_box(&bytes), "bench")).is_some());
    });
    // The same catalogue as JSON, the other format considered.
    let json = serde_json::to_vec(&synthetic(100_000)).expect("bench setup");
    eprintln!("the same as JSON: {} bytes", json.len());
    c.bench_function("catalogue_decode_100k_rows_json", |b| {
        b.iter(|| {
            let c: store::Catalogue =
                serde_json::from_slice(black_box(&json)).expect("bench setup");
            black_box(c.folders.len())
        });
    });

    // Saving after one folder of 1,000 files changed: the record appended to the log against
    // the whole catalogue written again (what every save did before the log).
    let tmp = tempfile::tempdir().expect("bench setup");
    let file = tmp.path().join("library.catalogue");
    let whole = synthetic(100_000);
    store::save(&file, &whole, None, "bench").expect("bench setup");
    let batch = store::Batch {
        stamp: whole.stamp,
        lone: Vec::new(),
        folders: vec![whole.folders[7].clone()],
        gone: Vec::new(),
    };
    c.bench_function("catalogue_save_one_folder_100k_rows", |b| {
        // Now and then the log passes a quarter of the catalogue and the save folds it in: the
        // median is the append, the mean carries the folds.
        b.iter(|| store::save(&file, &whole, Some(&batch), "bench").expect("save"));
    });
    c.bench_function("catalogue_save_whole_100k_rows", |b| {
        b.iter(|| store::save(&file, &whole, None, "bench").expect("save"));
    });
    drop(tmp);

    let tmp = tempfile::tempdir().expect("bench setup");
    let root = tmp.path().join("lib");
    let old = SystemTime::now() - Duration::from_secs(3600);
    for i in 0..10_000 {
        let dir = root.join(format!("{:02}", i / 1000));
        std::fs::create_dir_all(&dir).expect("bench setup");
        let p = dir.join(format!("{i:05}.txt"));
        std::fs::write(
            &p,
            format!("Tram depot story {i}\nMay 2, 2026\nBy ADA QUILL\nText.\n"),
        )
        .expect("bench setup");
        std::fs::File::options()
            .write(true)
            .open(&p)
            .expect("bench setup")
            .set_modified(old)
            .expect("bench setup");
    }
    let cache = Cache::new(tmp.path().join("cache"));
    let paths = [root];
    if let Some(p) = catalog::scan(&paths, Ids::Skip, &cache).pending {
        p.write().expect("bench setup");
    }
    c.bench_function("catalogue_warm_scan_10k_files", |b| {
        b.iter(|| {
            let scan = catalog::scan(&paths, Ids::Skip, &cache);
            assert_eq!(scan.read, 0);
            black_box(scan.library.entries.len())
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
