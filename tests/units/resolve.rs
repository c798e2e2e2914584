//! Related-link resolution: headline matching, related paths and backlinks.

use byline::article::{Article, Related};
use byline::load::{self, resolve::Resolver, resolve::resolve_all};
use std::path::{Path, PathBuf};

const LIBRARY: &[(&str, &str)] = &[
    (
        "Harbor pilots walk out as pay talks collapse",
        "a/pilots.txt",
    ),
    ("City council cuts police overtime budget", "a/council.txt"),
    ("Chile’s “new” copper port: what’s next", "a/port.md"),
    (
        "Storm floods the old market in the river town",
        "b/storm.json",
    ),
    ("Rail strike ends after nine days of talks", "b/rail.txt"),
    ("Bakery wins prize", "b/bakery.md"),
    ("Bridge closes", "b/bridge.md"),
];

fn resolver() -> Resolver {
    Resolver::new(LIBRARY.iter().map(|&(t, p)| (t, Path::new(p))))
}

fn resolved(headline: &str) -> Option<String> {
    resolver()
        .resolve(headline)
        .map(|p| p.to_string_lossy().into_owned())
}

#[test]
fn exact_match_ignores_case_space_punctuation_and_quote_styles() {
    assert_eq!(
        resolved("chile's \"new\"  copper port -- what's next?").as_deref(),
        Some("a/port.md")
    );
    assert_eq!(
        resolved("HARBOR PILOTS WALK OUT, AS PAY TALKS COLLAPSE").as_deref(),
        Some("a/pilots.txt")
    );
}

#[test]
fn headlines_fold_diacritics_as_search_does() {
    // Search folds `ß` to `ss` and drops combining marks; related headlines match the same way.
    // Two-word headlines, so one word spelled differently would not match (see the threshold).
    let r = Resolver::new([
        ("Straße closes", Path::new("c/street.txt")),
        ("Valparaíso votes", Path::new("c/port.md")),
    ]);
    let hit = |h: &str| r.resolve(h).map(|p| p.to_string_lossy().into_owned());
    assert_eq!(hit("Strasse closes").as_deref(), Some("c/street.txt"));
    assert_eq!(hit("VALPARAI\u{301}SO votes").as_deref(), Some("c/port.md"));
    assert_eq!(
        load::resolve::normalise("Œuvre, Æsir"),
        load::resolve::normalise("oeuvre aesir")
    );
}

#[test]
fn one_word_changed_still_resolves() {
    assert_eq!(
        resolved("Harbor pilots walk out as wage talks collapse").as_deref(),
        Some("a/pilots.txt")
    );
    assert_eq!(
        resolved("Rail strike ends after ten days of talks").as_deref(),
        Some("b/rail.txt")
    );
}

#[test]
fn sharing_common_words_is_not_enough() {
    // Shares "the" and "in" with the storm headline, and "talks" with two others.
    assert_eq!(resolved("Mayor speaks in the square as talks resume"), None);
    // Shares two content words, "city" and "police", with the council headline.
    assert_eq!(
        resolved("Police arrest suspect after city center robbery"),
        None
    );
    assert_eq!(resolved(""), None);
    assert_eq!(resolved("?!"), None);
}

#[test]
fn short_headlines_at_the_threshold() {
    // Three words with one changed share two of three: about 0.67, above the threshold.
    assert_eq!(
        resolved("Bakery loses prize").as_deref(),
        Some("b/bakery.md")
    );
    // Two words with one changed share one of two: 0.5, below it.
    assert_eq!(resolved("Bridge reopens"), None);
    assert_eq!(resolved("bridge closes!").as_deref(), Some("b/bridge.md"));
}

#[test]
fn ties_go_to_the_earlier_title_and_duplicates_to_the_first() {
    let r = Resolver::new([
        (
            "Ferry service resumes on the north route",
            Path::new("one.md"),
        ),
        (
            "Ferry service resumes on the south route",
            Path::new("two.md"),
        ),
        (
            "Ferry service resumes on the north route",
            Path::new("three.md"),
        ),
    ]);
    assert_eq!(
        r.resolve("Ferry service resumes on the east route"),
        Some(Path::new("one.md"))
    );
    assert_eq!(
        r.resolve("ferry service resumes on the north route"),
        Some(Path::new("one.md"))
    );
    assert_eq!(
        r.resolve("Ferry service resumes on the south route"),
        Some(Path::new("two.md"))
    );
}

fn article(path: &str, title: &str, related: &[(&str, Option<&str>)]) -> Article {
    Article {
        header: byline::article::Header {
            title: title.into(),
            ..Default::default()
        },
        path: Some(PathBuf::from(path)),
        related: related
            .iter()
            .map(|&(t, p)| Related {
                title: t.into(),
                path: p.map(PathBuf::from),
                url: None,
            })
            .collect(),
        ..Article::default()
    }
}

#[test]
fn resolve_all_fills_paths_and_backlinks() {
    let mut lib = vec![
        article(
            "news/2026/a.txt",
            "Harbor pilots walk out as pay talks collapse",
            &[
                ("Rail strike ends after nine days of talks", None),
                ("Rail strike ends after 9 days of talks", None),
                ("Harbor pilots walk out as pay talks collapse", None),
                ("Nothing like any title here", None),
            ],
        ),
        article(
            "news/2026/b.md",
            "Copper port opens",
            &[
                ("Rail deal", Some("../2025/./c.md")),
                ("gone", Some("gone.md")),
            ],
        ),
        article(
            "news/2025/c.md",
            "Rail strike ends after nine days of talks",
            &[("Copper port opens", None)],
        ),
    ];
    resolve_all(&mut lib);
    let paths = |a: &Article| -> Vec<Option<String>> {
        a.related
            .iter()
            .map(|r| r.path.as_ref().map(|p| p.to_string_lossy().into_owned()))
            .collect()
    };
    // The self-reference and the unknown headline stay unresolved.
    assert_eq!(
        paths(&lib[0]),
        [
            Some("news/2025/c.md".into()),
            Some("news/2025/c.md".into()),
            None,
            None
        ]
    );
    // A relative path is taken from the article's folder; a missing file is dropped.
    assert_eq!(paths(&lib[1]), [Some("news/2025/c.md".into()), None]);
    // Titles as written stay as written.
    assert_eq!(lib[1].related[0].title, "Rail deal");
    assert_eq!(paths(&lib[2]), [Some("news/2026/b.md".into())]);
    // Backlinks: library order, once each, never itself.
    assert_eq!(
        lib[2].backlinks,
        [
            PathBuf::from("news/2026/a.txt"),
            PathBuf::from("news/2026/b.md")
        ]
    );
    assert_eq!(lib[1].backlinks, [PathBuf::from("news/2025/c.md")]);
    assert!(lib[0].backlinks.is_empty());
    // Running it again gives the same result, not doubled backlinks.
    let before = lib.clone();
    resolve_all(&mut lib);
    assert_eq!(lib, before);
}

#[test]
fn markdown_fixtures_link_up() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md");
    let names = ["ferry.md", "lighthouse-keepers.md", "plain.md"];
    let mut lib: Vec<Article> = names
        .iter()
        .map(|n| load::load_file(&dir.join(n)).unwrap())
        .collect();
    resolve_all(&mut lib);
    let ferry = &lib[0];
    assert_eq!(ferry.related[0].path, Some(dir.join("plain.md")));
    assert_eq!(
        ferry.related[1].path,
        Some(dir.join("lighthouse-keepers.md"))
    );
    // The stand-in title made from the file name gives way to the real headline.
    assert_eq!(ferry.related[1].title, lib[1].header.title);
    // "two year" (front matter) and "two-year" (title) normalise alike.
    assert_eq!(lib[1].related[0].path, Some(dir.join("ferry.md")));
    assert_eq!(lib[2].related[0].path, Some(dir.join("ferry.md")));
    assert_eq!(lib[2].related[1].path, None);
    assert_eq!(
        ferry.backlinks,
        [dir.join("lighthouse-keepers.md"), dir.join("plain.md")]
    );
}

/// A deterministic pseudo-random generator, so the big library is the same every run.
fn lcg(state: &mut u64) -> usize {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*state >> 33) as usize
}

#[test]
fn ten_thousand_titles() {
    let vocab: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
    let mut seed = 7;
    let titles: Vec<Vec<String>> = (0..10_000)
        .map(|_| {
            (0..7)
                .map(|_| vocab[lcg(&mut seed) % vocab.len()].clone())
                .collect()
        })
        .collect();
    let joined: Vec<String> = titles.iter().map(|t| t.join(" ")).collect();
    let paths: Vec<PathBuf> = (0..titles.len())
        .map(|i| PathBuf::from(format!("{i}.txt")))
        .collect();
    let r = Resolver::new(
        joined
            .iter()
            .map(String::as_str)
            .zip(paths.iter().map(PathBuf::as_path)),
    );
    let mut near = 0;
    for (i, words) in titles.iter().enumerate() {
        // Exact (up to case) finds the first title with the same words.
        let exact = r.resolve(&joined[i].to_uppercase()).unwrap();
        assert_eq!(
            joined[exact
                .to_string_lossy()
                .trim_end_matches(".txt")
                .parse::<usize>()
                .unwrap()],
            joined[i]
        );
        // One word swapped for an unknown one: still this title, unless another is as close.
        let mut changed = words.clone();
        changed[i % 7] = "zzz".into();
        if r.resolve(&changed.join(" ")) == Some(paths[i].as_path()) {
            near += 1;
        }
    }
    // Random seven-word titles over 3000 words almost never share six words, so nearly every
    // near miss must come back to its own title.
    assert!(near >= 9_990, "{near}");
}
