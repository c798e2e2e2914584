//! Generates a large, deterministic corpus of fictional news-wire articles for benchmarks and stress runs.
//!
//! `cargo run --release --example gen_corpus -- DIR N` writes N articles of about 8 KB each into DIR,
//! at most 1,000 files a subfolder; `--bytes B` after them makes each about B bytes instead (1,000
//! and up: the head and first paragraph alone take several hundred, and a small article has no
//! related block). Every article is a pure function of its index and N, so two runs
//! with the same N write the same bytes. Related blocks name the titles of other generated articles,
//! and about one headline in eight names a title that was never generated, so link resolution has
//! both hits and misses to work on. Only the standard library is used.
//!
//! `cargo run --release --example gen_corpus -- --rss FILE [--items N]` writes one RSS 2.0 feed
//! of N items (10,000 by default, about 80 MB) instead: each item is article `i` with its body as
//! HTML paragraphs in `content:encoded`, its first paragraph as `description`, a guid, a link, a
//! category and a `pubDate`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use words::*;

/// How many files go into one subfolder.
const PER_DIR: usize = 1000;
/// The size an article is written to by default, about 8 KB.
const ARTICLE_BYTES: usize = 8000;
/// What the footer adds after the body (it brings the article to about its size).
const FOOTER_BYTES: usize = 300;

/// The word lists everything is assembled from.
#[rustfmt::skip]
mod words {
    pub const SUBJECTS: [&str; 32] = [
        "Harbor pilots", "City council", "Ferry workers", "Farmers", "Astronomers", "Teachers",
        "Librarians", "Bakers", "Fishermen", "Nurses", "Students", "Rail engineers", "Chess players",
        "Beekeepers", "Firefighters", "Museum curators", "Lighthouse keepers", "Tram drivers",
        "Vintners", "Miners", "Choir singers", "Cyclists", "Glassblowers", "Shipwrights", "Potters",
        "Weather forecasters", "Orchard growers", "Bridge inspectors", "Postal workers",
        "Park rangers", "Puppeteers", "Mapmakers",
    ];
    pub const VERBS: [&str; 20] = [
        "vote to reopen", "rally to save", "celebrate the return of", "protest plans for",
        "race to repair", "unveil plans for", "clash over", "gather to mourn", "raise funds for",
        "win a fight over", "reject a deal on", "restore", "rethink", "map", "count the cost of",
        "debate the future of", "open doors to", "say farewell to", "welcome back",
        "question the cost of",
    ];
    pub const OBJECTS: [&str; 24] = [
        "the old tram depot", "a flooded boathouse", "the winter market", "the night ferry",
        "a century-old bridge", "the village observatory", "the harbor lighthouse",
        "a shuttered cannery", "the river locks", "the town clock", "a forgotten orchard",
        "the coastal railway", "the public baths", "a silent bell tower", "the salt marsh",
        "the municipal archive", "a mountain hut", "the regional chess open", "the spring fair",
        "the glass museum", "the fishing fleet", "a hilltop vineyard", "the east quay",
        "the river ferry",
    ];
    pub const PLACES: [&str; 32] = [
        "Port Calloway", "Alderbrook", "Dunmore", "Kessel", "Lindqvist", "Ostervik", "Marrowgate",
        "Halvard", "Quillon", "Saltmere", "Brenhollow", "Cardew", "Fennick", "Hollin Cross",
        "Ivel Bay", "Juniper Flats", "Korrin", "Larkspur", "Mossbank", "Northholm", "Orrin Vale",
        "Pellham", "Ravensmoor", "Sorrel Harbor", "Thistledown", "Umber Falls", "Varrow",
        "Wrenfield", "Yarrowby", "Zell", "Amberlee", "Brisk Point",
    ];
    pub const REGIONS: [&str; 6] =
        ["Veldmark", "Ostria", "the Tarn Islands", "Corvany", "Elsmere", "Norland"];
    /// First names alternate she, he, she, he…: an even index is "she".
    pub const FIRST: [&str; 24] = [
        "Ines", "Tomasz", "Priya", "Oskar", "Mirela", "Dafydd", "Hanne", "Rafael", "Greta",
        "Yusuf", "Amara", "Colm", "Sunniva", "Lev", "Odile", "Matteo", "Petra", "Kwame", "Noor",
        "Anselm", "Leontine", "Bram", "Vesna", "Emeka",
    ];
    pub const LAST: [&str; 24] = [
        "Marroquin", "Reyne", "Natarajan", "Lindgren", "Vasko", "Pryce", "Solberg", "Etxeberria",
        "Demir", "Albrecht", "Fahy", "Okafor", "Brodsky", "Haugland", "Ferrante", "Duclos",
        "Mensah", "Kovar", "Whitlow", "Haddad", "Verhoeven", "Castellane", "Obi", "Radic",
    ];
    pub const ROLES: [&str; 10] = [
        "a deputy mayor", "who chairs the harbor board", "a retired engineer", "a local historian",
        "the union’s spokesperson", "a volunteer coordinator", "who has lived there for 40 years",
        "a councillor from the east ward", "the museum’s director", "a schoolteacher",
    ];
    pub const WEEKDAYS: [&str; 7] =
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    pub const MONTHS: [&str; 12] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ];
    /// Agency name and the short form a dateline puts in brackets.
    pub const AGENCIES: [(&str, &str); 4] = [
        ("Associated Press", "AP"), ("Meridian Wire Service", "MWS"),
        ("Northern Courier", "NC"), ("Tarn Press Agency", "TPA"),
    ];
    pub const DASHES: [&str; 5] = [" — ", " – ", " - ", " -- ", " —"];
    pub const HEADINGS: [&str; 14] = [
        "A long winter", "What comes next", "Money and promises", "Old grievances", "The vote",
        "Neighbors take sides", "A question of cost", "Back to the water", "Counting the days",
        "‘Not on our watch’", "Lessons from the last time", "Waiting for spring",
        "“We are still here”", "A town divided",
    ];
    pub const QUOTES: [&str; 16] = [
        "We have waited long enough, and people here don’t forget a promise",
        "Nobody in this town wants to be the one who let it fall apart",
        "It isn’t glamorous work, but it keeps the lights on",
        "My grandmother worked there in the ’60s and she still talks about it",
        "We counted every coin twice before we came to the meeting",
        "If the water rises again, we will be ready this time",
        "There is a plan, and for once it has a budget attached to it",
        "The young people came back, and that changed everything",
        "I’ve never seen the square this full, not even for the fair",
        "It was the students’ idea from the start, and they did the sums themselves",
        "You can’t run a harbor on goodwill and strong coffee alone",
        "We were told to be patient, and we have been patient for a decade",
        "Every winter we patch it, and every spring it leaks again",
        "Ask anyone on the quay and they will tell you the same story",
        "They played rock ’n’ roll in that hall every Saturday when I was young",
        "If we lose this, we lose the reason people stop here at all",
    ];
    pub const NESTED: [&str; 5] = [
        "wait until the budget is settled", "come back next year", "trust the process",
        "leave it to the experts", "stop asking questions",
    ];
    pub const TOPICS: [&str; 6] =
        ["local government", "transport", "science", "culture", "weather", "business"];
    /// Narrative sentences; `{place}`, `{object}`, `{other}`, `{day}` and `{n}` are filled in.
    pub const SENTENCES: [&str; 24] = [
        "Officials in {place} said on {day} that work on {object} could begin within {n} weeks, pending a final vote.",
        "The plan would cost about {n} million crowns, roughly a third of what a full rebuild was estimated to cost when the idea first surfaced.",
        "Residents packed the hall on {day} evening, and several dozen more listened from the steps outside, where a loudspeaker had been tied to a lamppost.",
        "Neighboring {other} went through a similar fight a few years ago, and people there still argue about whether it was worth it.",
        "A report commissioned last autumn found that {object} had been neglected for at least {n} years, with repairs postponed again and again.",
        "The regional government has promised to match every crown raised locally, up to a limit it has not yet published.",
        "By late afternoon the queue stretched past the bakery on Quay Street, and volunteers were handing out tea in paper cups.",
        "Shopkeepers along the waterfront said trade had fallen by about {n} percent since the dispute began.",
        "A second meeting is scheduled for next {day}, when the council is expected to publish the full figures.",
        "The mood in {place} has swung between hope and exhaustion since the first petition went round in the autumn.",
        "Engineers who inspected {object} in {n} places found rust, rot and one family of very settled owls.",
        "Older residents remember when {object} was the busiest place for miles, and a few still keep the tickets to prove it.",
        "The opposition bloc on the council has called the timetable wishful, though it has not offered one of its own.",
        "A crowdfunding page set up by two sisters from {other} passed its first target in under {n} hours.",
        "Rain fell for most of the day, which did nothing to thin the crowd and a great deal to test its umbrellas.",
        "The local paper has printed {n} letters on the subject since January, more than on any question in living memory.",
        "Insurance is the quiet problem: two firms have declined to cover {object} until the repairs are signed off.",
        "At the harbor café the talk was of little else, and the owner said she had started keeping a tally of opinions on the back of a menu.",
        "Schoolchildren in {place} drew pictures of {object} for an exhibition that opened in the library foyer on {day}.",
        "The ministry in the capital has said it is watching closely, which locals have learned to read as a polite way of saying no money yet.",
        "Volunteers have logged about {n} hundred hours of work since the start of the year, according to a sign-up sheet pinned by the door.",
        "A smaller group wants the site sold outright and the proceeds spent on roads, and it has been gathering signatures of its own.",
        "Tourist numbers in {place} fell by {n} percent last summer, a drop the chamber of commerce blames partly on the uncertainty.",
        "Not everyone is convinced.",
    ];
}

/// A small SplitMix64 generator: fast, good enough for prose, and seeded by the article index.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The title of article `i`: unique for every index, because the index maps one-to-one onto a
/// combination of subject, verb, object and place (and a round number past the last combination).
fn title(i: usize) -> String {
    let combos = SUBJECTS.len() * VERBS.len() * OBJECTS.len() * PLACES.len();
    let (round, k) = (i / combos, i % combos);
    // 104729 is prime and shares no factor with `combos`, so this shuffles without collisions and
    // makes neighbouring indices differ in every word.
    let k = (k * 104_729 + 12_345) % combos;
    let (s, k) = (k % SUBJECTS.len(), k / SUBJECTS.len());
    let (v, k) = (k % VERBS.len(), k / VERBS.len());
    let (o, p) = (k % OBJECTS.len(), k / OBJECTS.len());
    let mut t = format!(
        "{} {} {} in {}",
        SUBJECTS[s], VERBS[v], OBJECTS[o], PLACES[p]
    );
    if (s + o) % 9 == 0 {
        let _ = write!(t, ": ‘{}’", NESTED[(v + p) % NESTED.len()]);
    }
    if round > 0 {
        let _ = write!(t, " (part {})", round + 1);
    }
    t
}

/// Year, month (1–12) and day of `days` since 1970-01-01 (Howard Hinnant's civil-from-days).
fn civil(days: i64) -> (i64, usize, usize) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as usize;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as usize;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The weekday of `days` since 1970-01-01, which was a Thursday (index 3 of `WEEKDAYS`).
fn weekday(days: i64) -> &'static str {
    WEEKDAYS[(days + 3).rem_euclid(7) as usize]
}

/// A date line in one of the forms real files use, or `None` for an undated article.
fn date_line(rng: &mut Rng) -> Option<String> {
    // 2023-01-01 is day 19358; spread over three years.
    let days = 19_358 + rng.below(3 * 365) as i64;
    let (y, m, d) = civil(days);
    let month = MONTHS[m - 1];
    let weekday = weekday(days);
    Some(match rng.below(20) {
        0 => return None,
        1..=5 => format!("{} {d:02}, {y}", &month[..3]),
        6..=10 => format!("{month} {d}, {y}"),
        11..=13 => format!("{weekday}, {month} {d}, {y}"),
        14..=16 => format!("{y}-{m:02}-{d:02}"),
        _ => {
            let (h, min) = (1 + rng.below(11), rng.below(60));
            format!("Updated {h}:{min:02} PM EST, {month} {d}, {y}")
        }
    })
}

/// A person: full name and the pronoun that refers back to them.
struct Person {
    name: String,
    pronoun: &'static str,
}

impl Person {
    fn random(rng: &mut Rng) -> Person {
        let f = rng.below(FIRST.len());
        Person {
            name: format!("{} {}", FIRST[f], rng.pick(&LAST)),
            pronoun: if f.is_multiple_of(2) { "she" } else { "he" },
        }
    }
    fn surname(&self) -> &str {
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }
}

/// A narrative sentence with its blanks filled.
fn sentence(rng: &mut Rng, place: &str, object: &str) -> String {
    let n = (2 + rng.below(40)).to_string();
    rng.pick(&SENTENCES)
        .replace("{place}", place)
        .replace("{object}", object)
        .replace("{other}", rng.pick(&PLACES))
        .replace("{day}", rng.pick(&WEEKDAYS))
        .replace("{n}", &n)
}

/// A paragraph of two to four narrative sentences.
fn narrative(rng: &mut Rng, place: &str, object: &str) -> String {
    let mut p = sentence(rng, place, object);
    for _ in 0..1 + rng.below(3) {
        p.push(' ');
        p.push_str(&sentence(rng, place, object));
    }
    p
}

/// A paragraph with a quote, in one of the attribution forms the layout knows. `last` is the most
/// recently named speaker, whom a bare pronoun refers back to.
fn quote_paragraph(rng: &mut Rng, last: &mut Option<Person>) -> String {
    let q = rng.pick(&QUOTES);
    let role = rng.pick(&ROLES);
    if let Some(p) = last.as_ref().filter(|_| rng.chance(25)) {
        return format!("“{q},” {} said.", p.pronoun);
    }
    let p = Person::random(rng);
    let text = match rng.below(6) {
        0 => format!("“{q},” said {}, {role}.", p.name),
        1 => format!(
            "{}, {role}, has followed it from the start. {} said: “{q}.”",
            p.name,
            p.surname()
        ),
        2 => format!("\"{q},\" {} said.", p.name),
        3 => {
            let nested = rng.pick(&NESTED);
            format!(
                "“They told us ‘{nested},’ and so we did,” {} said. “{q}.”",
                p.name
            )
        }
        4 => format!("''{q},'' {} told reporters.", p.name),
        _ => format!(
            "“{q},” {} said. {} added that the next few weeks would decide it.",
            p.name,
            capitalise(p.pronoun)
        ),
    };
    *last = Some(p);
    text
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The related block: three to five headlines of other articles, some not in the corpus at all.
fn related(rng: &mut Rng, out: &mut String, i: usize, n: usize) {
    out.push_str("Related Articles\n");
    for _ in 0..3 + rng.below(3) {
        let target = match rng.below(8) {
            0 => n + rng.below(100_000),
            _ => rng.below(n.max(2)),
        };
        // An article never lists itself; the next one stands in.
        let mut t = title(if target == i {
            (i + 1) % n.max(2)
        } else {
            target
        });
        if rng.chance(8) {
            // A headline copied with different case, which resolution should still match.
            t = t.to_lowercase();
        }
        let _ = writeln!(out, "{t}");
    }
    // Half the time a subheading stands right after the block, the case that trips parsers.
    if rng.chance(50) {
        let _ = writeln!(out, "{}", rng.pick(&HEADINGS));
    }
}

/// The whole text of article `i` out of `n`, about `bytes` long.
fn article(i: usize, n: usize, bytes: usize) -> String {
    let body_bytes = bytes.saturating_sub(FOOTER_BYTES);
    let mut rng = Rng::new(i as u64);
    let place = rng.pick(&PLACES);
    let object = rng.pick(&OBJECTS);
    let (agency, short) = AGENCIES[rng.below(AGENCIES.len())];
    let mut out = String::with_capacity(body_bytes + 1024);
    let _ = writeln!(out, "{}", title(i));
    if let Some(d) = date_line(&mut rng) {
        let _ = writeln!(out, "{d}");
    }
    let byline = Person::random(&mut rng).name.to_uppercase();
    match rng.below(6) {
        0 => {}
        1 => {
            let (b, c) = (Person::random(&mut rng).name, Person::random(&mut rng).name);
            let _ = writeln!(
                out,
                "By {byline}, {} and {}",
                b.to_uppercase(),
                c.to_uppercase()
            );
        }
        2 => {
            let _ = writeln!(out, "By {byline}\nThe {agency}");
        }
        _ => {
            let _ = writeln!(out, "By {byline}, {agency}");
        }
    }
    if rng.chance(85) {
        let (region, dash) = (rng.pick(&REGIONS), rng.pick(&DASHES));
        let _ = write!(out, "{}, {region} ({short}){dash}", place.to_uppercase());
    }
    let _ = writeln!(out, "{}", narrative(&mut rng, place, object));

    let mut last = None;
    let related_at = 3 + rng.below(4);
    let mut paragraphs = 1;
    while out.len() < body_bytes {
        if paragraphs == related_at {
            related(&mut rng, &mut out, i, n);
        } else if paragraphs % 6 == 0 {
            let _ = writeln!(out, "{}", rng.pick(&HEADINGS));
        }
        let para = match rng.below(20) {
            0..=6 => quote_paragraph(&mut rng, &mut last),
            7 => {
                // A quote over two paragraphs: the first has no closing mark.
                let p = Person::random(&mut rng);
                let (a, b) = (rng.pick(&QUOTES), rng.pick(&QUOTES));
                let text = format!(
                    "“{a},” {} said. “{b}.\n“And that is why we are still here.”",
                    p.name
                );
                last = Some(p);
                text
            }
            8 => {
                // A paragraph broken mid-sentence, as copied from a narrow page.
                let other = rng.pick(&PLACES);
                format!(
                    "Work on {object} stalled twice last year as the money ran short\nand the contractors moved on to other jobs in {other}."
                )
            }
            _ => narrative(&mut rng, place, object),
        };
        let _ = writeln!(out, "{para}");
        paragraphs += 1;
    }
    let _ = writeln!(
        out,
        "{} contributed to this report.",
        Person::random(&mut rng).name
    );
    if rng.chance(60) {
        let topic = rng.pick(&TOPICS);
        let _ = writeln!(
            out,
            "Follow {agency}’s coverage of {topic} at https://example.org/hub/{}",
            topic.replace(' ', "-")
        );
    }
    if rng.chance(25) {
        out.push_str("...read more\nread less\n");
    }
    out
}

/// A file name for `title`: lower case ASCII words joined by hyphens, kept short.
fn slug(title: &str) -> String {
    let mut s = String::new();
    for w in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if s.len() + w.len() > 60 {
            break;
        }
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w.to_ascii_lowercase());
    }
    s
}

/// Writes articles `0..n` of about `bytes` each under `dir`, a subfolder per thousand; returns
/// how many were written.
fn write_all(dir: &Path, n: usize, bytes: usize) -> std::io::Result<usize> {
    let mut written = 0;
    for i in 0..n {
        let sub = dir.join(format!("{:04}", i / PER_DIR));
        if i % PER_DIR == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let path = sub.join(format!("{i:07}-{}.txt", slug(&title(i))));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        f.write_all(article(i, n, bytes).as_bytes())?;
        f.flush()?;
        written += 1;
    }
    Ok(written)
}

/// Text escaped for XML character data.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Item `i` of `n` as an RSS 2.0 `<item>`.
fn rss_item(i: usize, n: usize) -> String {
    let text = article(i, n, ARTICLE_BYTES);
    let mut rng = Rng::new(i as u64 ^ 0x5EED);
    let days = 19_358 + rng.below(3 * 365) as i64;
    let (y, m, d) = civil(days);
    let (h, min) = (rng.below(24), rng.below(60));
    let title = title(i);
    let body: Vec<&str> = text.lines().skip(1).filter(|l| !l.is_empty()).collect();
    let mut html = String::with_capacity(text.len() + body.len() * 8);
    for line in &body {
        let _ = write!(html, "<p>{}</p>", xml_escape(line));
    }
    let first = body.iter().find(|l| l.len() > 80).unwrap_or(&"");
    format!(
        "<item>\n<title>{}</title>\n<link>https://example.org/news/{}</link>\n<guid isPermaLink=\"false\">gen-{i:07}</guid>\n<pubDate>{}, {d:02} {} {y} {h:02}:{min:02}:00 +0000</pubDate>\n<author>{}</author>\n<category>{}</category>\n<description>{}</description>\n<content:encoded><![CDATA[{}]]></content:encoded>\n</item>\n",
        xml_escape(&title),
        slug(&title),
        &weekday(days)[..3],
        &MONTHS[m - 1][..3],
        Person::random(&mut rng).name,
        rng.pick(&TOPICS),
        xml_escape(first),
        html.replace("]]>", "]]&gt;"),
    )
}

/// Writes an RSS 2.0 feed of `n` items to `file`; returns its size in bytes.
fn write_rss(file: &Path, n: usize) -> std::io::Result<u64> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(file)?);
    f.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n<title>The Generated Gazette</title>\n<link>https://example.org/</link>\n<description>Fictional news for benchmarks.</description>\n",
    )?;
    for i in 0..n {
        f.write_all(rss_item(i, n).as_bytes())?;
    }
    f.write_all(b"</channel>\n</rss>\n")?;
    f.flush()?;
    std::fs::metadata(file).map(|m| m.len())
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--rss") {
        let Some(file) = args.get(1) else {
            eprintln!("usage: gen_corpus --rss FILE [--items N]");
            return std::process::ExitCode::from(2);
        };
        let n = match args.get(2).map(String::as_str) {
            None => 10_000,
            Some("--items") => match args.get(3).map(|s| s.parse::<usize>()) {
                Some(Ok(n)) => n,
                _ => {
                    eprintln!("gen_corpus: --items needs a number");
                    return std::process::ExitCode::from(2);
                }
            },
            Some(other) => {
                eprintln!("gen_corpus: unknown argument {other}");
                return std::process::ExitCode::from(2);
            }
        };
        return match write_rss(Path::new(file), n) {
            Ok(bytes) => {
                println!("wrote {n} items ({bytes} bytes) to {file}");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("gen_corpus: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let usage = "usage: gen_corpus DIR N [--bytes B] | gen_corpus --rss FILE [--items N]";
    let (Some(dir), Some(Ok(n))) = (args.first(), args.get(1).map(|s| s.parse::<usize>())) else {
        eprintln!("{usage}");
        return std::process::ExitCode::from(2);
    };
    let bytes = match (args.get(2).map(String::as_str), args.get(3)) {
        (None, _) => ARTICLE_BYTES,
        (Some("--bytes"), Some(b)) => match b.parse::<usize>() {
            Ok(b) if b >= 1000 => b,
            _ => {
                eprintln!("gen_corpus: --bytes needs a number of 1000 or more");
                return std::process::ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{usage}");
            return std::process::ExitCode::from(2);
        }
    };
    match write_all(Path::new(dir), n, bytes) {
        Ok(w) => {
            println!("wrote {w} articles to {dir}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn titles_are_unique_within_and_across_rounds() {
        let combos = SUBJECTS.len() * VERBS.len() * OBJECTS.len() * PLACES.len();
        let mut seen = HashSet::new();
        for i in (0..20_000).chain(combos - 100..combos + 100) {
            assert!(seen.insert(title(i)), "duplicate title for index {i}");
        }
    }

    #[test]
    fn rss_items_are_deterministic_escaped_and_about_eight_kilobytes() {
        let item = rss_item(3, 10);
        assert_eq!(item, rss_item(3, 10));
        assert!(item.starts_with("<item>") && item.ends_with("</item>\n"));
        assert!(item.contains("<guid isPermaLink=\"false\">gen-0000003</guid>"));
        assert_eq!(item.matches("<![CDATA[").count(), 1);
        assert!(
            (7_000..12_000).contains(&item.len()),
            "{} bytes",
            item.len()
        );
        assert_eq!(xml_escape("a<b & c>"), "a&lt;b &amp; c&gt;");
    }

    #[test]
    fn civil_dates_match_known_days() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_358), (2023, 1, 1));
        // 2024 is a leap year: day 19782 is 2024-02-29.
        assert_eq!(civil(19_782), (2024, 2, 29));
        // 2026-03-13 (day 20525) was a Friday.
        assert_eq!(civil(20_525), (2026, 3, 13));
        assert_eq!(weekday(20_525), "Friday");
    }

    #[test]
    fn articles_are_deterministic_and_about_eight_kilobytes() {
        for i in [0, 7, 999] {
            let a = article(i, 1000, ARTICLE_BYTES);
            assert_eq!(a, article(i, 1000, ARTICLE_BYTES));
            assert!(a.starts_with(&title(i)));
            assert!(
                (7_000..10_000).contains(&a.len()),
                "article {i} is {} bytes",
                a.len()
            );
        }
    }

    #[test]
    fn small_articles_are_about_the_size_asked() {
        let sizes: Vec<usize> = (0..200).map(|i| article(i, 200, 1000).len()).collect();
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!((800..1_300).contains(&mean), "mean {mean} bytes");
        assert!(sizes.iter().all(|s| *s < 2_000), "{sizes:?}");
        assert!(article(5, 200, 1000).starts_with(&title(5)));
        let big = article(5, 200, 20_000).len();
        assert!((19_000..22_000).contains(&big), "{big} bytes");
    }

    #[test]
    fn related_headlines_mostly_name_generated_titles() {
        let n = 200;
        let titles: HashSet<String> = (0..n).map(title).collect();
        let (mut hits, mut misses) = (0, 0);
        for i in 0..n {
            let a = article(i, n, ARTICLE_BYTES);
            let mut lines = a.lines().skip_while(|l| *l != "Related Articles").skip(1);
            for _ in 0..3 {
                match lines.next() {
                    Some(l) if titles.contains(l) => hits += 1,
                    Some(_) => misses += 1,
                    None => {}
                }
            }
        }
        assert!(hits > misses * 3, "{hits} hits, {misses} misses");
        assert!(misses > 0);
    }
}
