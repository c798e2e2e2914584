//! Reader benchmarks: a scroll step, opening a large article, startup on a big library, and
//! what one key costs (list step, filter, sort, next unread) on 100,000 rows.
//!
//! Targets (from the issue): a scroll step (update + draw into a 200×60 `TestBackend`) on a 10 MB
//! article under 1 ms and within 2× of the same step on a 5 KB article; opening a 1 MB article to
//! its first frame under 50 ms; startup to first frame on 10,000 articles no slower than `--list`.
//! (The first frame shows the list and the first article's list row; the preview worker's page
//! follows, measured apart as "preview arrives".)
//!
//! The startup benches read the corpus folder from `BYLINE_BENCH_CORPUS` when it is set, e.g.
//! `cargo run --release --example gen_corpus -- /tmp/corpus 10000` then
//! `BYLINE_BENCH_CORPUS=/tmp/corpus cargo bench --bench tui`. Unset, they write 10,000 small
//! generated articles (about 8 KB each, this file's own text) into a temporary folder first.

use byline::app::{Action, App, Msg, Sort};
use byline::load;
use byline::load::head::Ids;
use byline::load::library::Library;
use byline::theme::Theme;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;
/// Steps taken in one direction before the scroll bench turns round, so it never sits at an end.
const SWING: usize = 400;

/// A fictional news-wire article of about `bytes` bytes with quotes and subheadings.
fn article(bytes: usize, title: &str) -> String {
    let mut s = format!("{title}\nMar 14, 2026\nBy ANA RUIZ, Coastline Wire\n");
    s.push_str("PORT EMBER, Veland (CW) — The council voted late on Tuesday to build the line.\n");
    let mut i = 0;
    while s.len() < bytes {
        i += 1;
        s.push_str(&format!(
            "“We waited {i} years for this,” said Mira Holt, who chairs the residents’ group. The \
             line will run from the harbor to the university, and the first trams are due in the \
             spring of next year.\n"
        ));
        if i % 12 == 0 {
            s.push_str("What happens next\n");
        }
    }
    s
}

/// An app with the article of `bytes` bytes open in the reader, laid out at 200×60.
fn reading(bytes: usize) -> App {
    let text = article(bytes, "Council approves the new tram line");
    let a =
        load::parse_bytes(text.as_bytes(), Some(byline::article::Format::Text)).expect("parses");
    let mut app = App::new(Library::from_article(a), Theme::dark(), 76);
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    assert!(app.open(0, true), "the article opens");
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal")
}

fn scroll(c: &mut Criterion) {
    for (name, bytes) in [("5KB", 5 << 10), ("10MB", 10 << 20)] {
        let mut app = reading(bytes);
        let mut term = terminal();
        term.draw(|f| byline::render(&app, f)).expect("draw");
        let mut step = 0usize;
        c.bench_function(&format!("scroll step {name}"), |b| {
            b.iter(|| {
                // Down for a while, then up, so every step moves (a 5 KB article is short).
                let down = (step / SWING).is_multiple_of(2);
                step += 1;
                app.update(if down { Action::Down } else { Action::Up });
                term.draw(|f| byline::render(black_box(&app), f))
                    .expect("draw");
            });
        });
    }
}

fn open(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = article(1 << 20, "Council approves the new tram line");
    std::fs::write(dir.path().join("tram.txt"), text).expect("write");
    let library = Library::scan(&[dir.path().to_path_buf()]);
    c.bench_function("open 1MB to first frame", |b| {
        b.iter_batched(
            || {
                let mut app = App::new(library.clone(), Theme::dark(), 76);
                app.update(Action::Resize {
                    width: WIDTH,
                    height: HEIGHT,
                });
                (app, terminal())
            },
            |(mut app, mut term)| {
                app.open(0, true);
                term.draw(|f| byline::render(&app, f)).expect("draw");
                app
            },
            BatchSize::PerIteration,
        );
    });
}

/// The corpus folder and, when this bench wrote it, the guard that removes it.
fn corpus() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Some(dir) = std::env::var_os("BYLINE_BENCH_CORPUS") {
        return (PathBuf::from(dir), None);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..10_000 {
        let sub = dir.path().join(format!("{:02}", i / 1000));
        std::fs::create_dir_all(&sub).expect("subfolder");
        let title = format!("Council {i} approves the new tram line");
        std::fs::write(sub.join(format!("a{i:05}.txt")), article(8 << 10, &title)).expect("write");
    }
    (dir.path().to_path_buf(), Some(dir))
}

/// What `tui::run` does with a scanned library before its first draw: the app with its store
/// (empty here), the terminal's size, the request for the startup preview (the worker thread
/// started, the first article's header laid out from its list row) and the marks of the rows
/// on screen, then the frame.
fn first_frame(library: Library) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(library, Theme::dark(), 76);
    app.attach_store_lazily(byline::state::Store::disabled());
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    app.start(None);
    app.sync_marks_on_screen();
    let mut term = terminal();
    term.draw(|f| byline::render(&app, f)).expect("draw");
    (app, term)
}

/// Times `iters` runs of `run` on fresh inputs from `setup`, letting each run's preview worker
/// finish untimed so that its parse never overlaps the next run. `time_drop` times dropping the
/// app too, as `Bencher::iter` times it for `--list` (`iter_batched` does not).
fn timed_settled(
    iters: u64,
    time_drop: bool,
    mut setup: impl FnMut() -> Library,
    mut run: impl FnMut(Library) -> (App, Terminal<TestBackend>),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let input = setup();
        let start = Instant::now();
        let (mut app, term) = black_box(run(input));
        total += start.elapsed();
        app.settle();
        let start = Instant::now();
        drop((app, term));
        if time_drop {
            total += start.elapsed();
        }
    }
    total
}

fn startup(c: &mut Criterion) {
    let (dir, _guard) = corpus();
    let paths = vec![dir];
    let mut group = c.benchmark_group("startup 10,000 articles");
    group.sample_size(10);
    group.bench_function("--list", |b| {
        b.iter(|| {
            // What `--list` does: scan the rows (no state ids), then one line per entry.
            let lib = Library::scan_with(black_box(&paths), Ids::Skip);
            let out = byline::run::list_text(&lib);
            out.len()
        });
    });
    group.bench_function("first frame", |b| {
        b.iter_custom(|iters| {
            timed_settled(iters, true, Library::default, |_| {
                first_frame(Library::scan_with(black_box(&paths), Ids::Later))
            })
        });
    });
    // A first launch with a cache folder (no catalogue yet), as `run::tui` reads it: the same
    // scan as without a catalogue, plus looking for the catalogue and the front page; the first
    // rows kept for the next launch and the catalogue are made after the first frame.
    // Issue 14 asks it to be no slower than the launch without a cache (`first frame` above).
    group.bench_function("first frame, first launch with a cache folder", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let folder = tempfile::tempdir().expect("cache folder");
                let cache = byline::load::catalog::Cache::new(folder.path().to_path_buf());
                let start = Instant::now();
                let library = match byline::load::catalog::front::read(&cache, &paths) {
                    Some(front) => front,
                    None => {
                        byline::load::catalog::scan_trusting(&paths, Ids::Later, &cache).library
                    }
                };
                let (mut app, term) = black_box(first_frame(library));
                total += start.elapsed();
                // After the frame, as the reader does: the first rows kept for the next launch.
                black_box(byline::load::catalog::front::Page::of(
                    &cache,
                    &paths,
                    &app.library,
                ));
                app.settle();
                let start = Instant::now();
                drop((app, term));
                total += start.elapsed();
            }
            total
        });
    });
    // The part of startup that `--list` does not share: building the app, asking for the
    // preview, reading the marks of the rows on screen and drawing.
    let scanned = Library::scan_with(&paths, Ids::Later);
    group.bench_function("first frame after the scan", |b| {
        b.iter_custom(|iters| timed_settled(iters, false, || scanned.clone(), first_frame));
    });
    // From the scanned library to the frame with the first article in the reading pane: the
    // first frame, the worker's load and layout (its related headlines left for the title
    // index), and the second frame.
    group.bench_function("preview arrives after the scan", |b| {
        b.iter_custom(|iters| {
            timed_settled(
                iters,
                false,
                || scanned.clone(),
                |lib| {
                    let (mut app, mut term) = first_frame(lib);
                    app.settle();
                    term.draw(|f| byline::render(&app, f)).expect("draw");
                    (app, term)
                },
            )
        });
    });
    // What the reader does right after its first frame: every row's state id and marks.
    group.bench_function("marks after the first frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (mut app, term) = first_frame(scanned.clone());
                app.settle();
                let start = Instant::now();
                app.sync_marks();
                total += start.elapsed();
                drop((app, term));
            }
            total
        });
    });
    // The title index that resolves related headlines to library entries. It is no part of the
    // first frame (a worker builds it after), but a related link followed before the worker is
    // done waits for it.
    group.bench_function("related-title index", |b| {
        b.iter(|| byline::app::links::resolver(black_box(&scanned)));
    });
    group.finish();
}

/// A library of `n` generated list rows (no files: these benches time what a key costs once the
/// rows are in memory), with titles, dates, sources and authors that differ.
fn generated_rows(n: usize) -> Library {
    const PLACES: [&str; 7] = [
        "Ostervik",
        "Kessel",
        "Port Ember",
        "Lund",
        "Vale",
        "Marr",
        "Ise",
    ];
    const TOPICS: [&str; 6] = [
        "tram line",
        "harbour",
        "ferry fares",
        "school",
        "bridge",
        "pier",
    ];
    const SOURCES: [&str; 4] = [
        "Coastline Wire",
        "Valley Post",
        "Harbour Daily",
        "Ridge News",
    ];
    let entries = (0..n)
        .map(|i| byline::load::library::Entry {
            row: byline::load::head::Head {
                path: Some(PathBuf::from(format!("/news/{:03}/a{i:06}.txt", i % 500))),
                header: byline::article::Header {
                    title: format!(
                        "{} council {} the {} plan, number {i}",
                        PLACES[i % PLACES.len()],
                        if i % 3 == 0 { "approves" } else { "delays" },
                        TOPICS[i % TOPICS.len()]
                    ),
                    date_iso: Some(format!(
                        "20{:02}-{:02}-{:02}",
                        10 + i % 16,
                        1 + i % 12,
                        1 + i % 28
                    )),
                    source: Some(SOURCES[i % SOURCES.len()].to_string()),
                    authors: vec![format!("Reporter {}", i % 97)],
                    ..Default::default()
                },
                id: format!("{i:016x}"),
                ..Default::default()
            }
            .into(),
            article: None,
        })
        .collect();
    let mut lib = Library {
        entries,
        ..Library::default()
    };
    lib.sort();
    lib
}

/// The app on `library`, sized, with every article read but the last in the list's order.
fn keyed(library: Library) -> (App, Terminal<TestBackend>) {
    let mut store = byline::state::Store::disabled();
    for e in &library.entries[..library.entries.len() - 1] {
        store.set_read(e.row.id(), true);
    }
    let mut app = App::new(library, Theme::dark(), 76);
    app.attach_store(store);
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    let mut term = terminal();
    term.draw(|f| byline::render(&app, f)).expect("draw");
    (app, term)
}

/// Times `step` followed by a draw, `iters` times, running `undo` untimed after each.
fn timed_key(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    iters: u64,
    step: Action,
    undo: &[Action],
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        app.update(step);
        term.draw(|f| byline::render(app, f)).expect("draw");
        total += start.elapsed();
        for &a in undo {
            app.update(a);
        }
    }
    total
}

/// Waits for the orders the sorts worker makes and hands them to `update`, as the loop would.
fn take_orders(app: &mut App) {
    loop {
        let msg = app.next_message(Some(Duration::from_secs(60)));
        assert!(msg.is_some(), "the sorts worker sent nothing");
        let orders = matches!(msg, Some(Msg::SortsReady(_)));
        if let Some(m) = msg {
            app.update(m);
        }
        if orders {
            break;
        }
    }
    assert!(app.list().view().has_order(Sort::Title), "orders refused");
    assert_eq!(app.list().view().sort, Sort::Date);
}

/// What one key costs on 100,000 rows (update and draw): the target is under one
/// frame (16 ms) for filter, sort and next-unread, whatever the library's size.
fn per_key(c: &mut Criterion) {
    use byline::app::Edit;
    let library = generated_rows(100_000);
    let mut group = c.benchmark_group("per key, 100,000 rows");
    group.sample_size(20);
    let (mut app, mut term) = keyed(library.clone());
    group.bench_function("list step", |b| {
        b.iter_custom(|iters| timed_key(&mut app, &mut term, iters, Action::Down, &[Action::Up]));
    });
    // A filter keystroke that narrows the list ("kessel" then "kessel " with a second word
    // typed), the letter erased untimed.
    let (mut app, mut term) = keyed(library.clone());
    app.update(Action::Filter);
    for ch in "kessel h".chars() {
        app.update(Action::Prompt(Edit::Insert(ch)));
    }
    group.bench_function("filter keystroke", |b| {
        b.iter_custom(|iters| {
            timed_key(
                &mut app,
                &mut term,
                iters,
                Action::Prompt(Edit::Insert('a')),
                &[Action::Prompt(Edit::DeleteBack)],
            )
        });
    });
    // The first press of `s` on a fresh list, before the title and source orders made in the
    // background have come: it sorts by title on the key, as every first press did before.
    group.bench_function("sort, first time, before the background orders came", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (mut app, mut term) = keyed(library.clone());
                total += timed_key(&mut app, &mut term, 1, Action::CycleSort, &[]);
            }
            total
        });
    });
    let (mut app, mut term) = keyed(library.clone());
    for _ in 0..3 {
        app.update(Action::CycleSort);
    }
    group.bench_function("sort, cycled back to", |b| {
        b.iter_custom(|iters| timed_key(&mut app, &mut term, iters, Action::CycleSort, &[]));
    });
    // The only unread article is the last row: the scan crosses the whole list.
    let (mut app, mut term) = keyed(library.clone());
    group.bench_function("next unread", |b| {
        b.iter_custom(|iters| {
            timed_key(
                &mut app,
                &mut term,
                iters,
                Action::NextUnread,
                &[Action::Top],
            )
        });
    });
    // The first press of `s` once they came, as it is from a moment after the library is in:
    // each time the library is changed (untimed: the view starts afresh and the worker makes
    // the orders again), the orders awaited, then `s` pressed once, and twice more untimed to
    // come back to date. Each round costs a library's worth of setup, so this case runs
    // last, with fewer rounds (its own warm-up and measurement times, whatever the command
    // line says).
    let (mut app, mut term) = keyed(library);
    group.sample_size(30);
    group.sampling_mode(criterion::SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(300));
    group.measurement_time(Duration::from_millis(300));
    group.bench_function("sort, first time, after the background orders came", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                app.library_changed();
                take_orders(&mut app);
                total += timed_key(&mut app, &mut term, 1, Action::CycleSort, &[]);
                app.update(Action::CycleSort);
                app.update(Action::CycleSort);
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, scroll, open, startup, per_key);
criterion_main!(benches);
