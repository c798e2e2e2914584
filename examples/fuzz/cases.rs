//! Inputs for the fuzzer: structured articles of every format byline reads, built from a seeded
//! generator, and mutations of real article files. Shared by `examples/fuzz` and the test that
//! runs a short seeded round of it in CI.

/// A small, fast, seeded generator (xorshift64*): the same seed gives the same inputs, so a
/// failure found in CI reproduces anywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value; zero is replaced).
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Which format an input is meant as (the loader is told, as a file extension would).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// News-wire text.
    Wire,
    /// Markdown with front matter.
    Markdown,
    /// JSON.
    Json,
    /// A saved web page.
    Html,
    /// A feed file.
    Feed,
}

impl Kind {
    /// Every kind, for picking.
    pub const ALL: [Kind; 5] = [
        Kind::Wire,
        Kind::Markdown,
        Kind::Json,
        Kind::Html,
        Kind::Feed,
    ];

    /// The file extension byline reads the kind by.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Wire => "txt",
            Kind::Markdown => "md",
            Kind::Json => "json",
            Kind::Html => "html",
            Kind::Feed => "xml",
        }
    }
}

const WORDS: &[&str] = &[
    "harbor",
    "council",
    "Kessel",
    "ferry",
    "pilots",
    "said",
    "vote",
    "Veldmark",
    "tram",
    "the",
    "a",
    "of",
    "in",
    "“quoted",
    "words”",
    "‘single’",
    "—",
    "–",
    "(AP)",
    "Reuters",
    "By",
    "and",
    "déjà",
    "東京",
    "🇪🇺",
    "👩‍👩‍👧",
    "e\u{301}",
    "\u{200b}",
    "\u{fe0f}",
    "https://example.org/a?b=c",
    "said:",
    "—",
    "2026",
    "March",
    "14,",
    "GMT",
    "9:45",
    "AM",
    "ET",
    "Mr",
    "Dr",
    "Ms.",
    "\"",
    "'",
    "“",
    "”",
    "…",
];

/// Bytes that must never reach the terminal raw: escape sequences, C0 and C1 controls, bidi
/// overrides, invalid UTF-8.
const HOSTILE: &[&[u8]] = &[
    b"\x1b[2J",
    b"\x1b]0;title\x07",
    b"\x1b]8;;http://x\x1b\\",
    b"\x9b31m",
    b"\xc2\x9b31m",
    b"\x07",
    b"\x08",
    b"\r",
    b"\x00",
    b"\x7f",
    b"\xff\xfe",
    b"\xe2\x80\xae",
    b"\xed\xa0\x80",
    b"\t",
    b"\x0c",
];

/// A run of `n` words, now and then with hostile bytes in it.
fn words(rng: &mut Rng, n: usize, out: &mut Vec<u8>) {
    for i in 0..n {
        if i > 0 {
            out.push(b' ');
        }
        if rng.one_in(40) {
            out.extend_from_slice(HOSTILE[rng.below(HOSTILE.len())]);
        }
        out.extend_from_slice(rng.pick(WORDS).as_bytes());
        if rng.one_in(12) {
            out.push(*b".,;:!?".get(rng.below(6)).unwrap_or(&b'.'));
        }
    }
}

fn line(rng: &mut Rng, out: &mut Vec<u8>, parts: &[&str]) {
    out.extend_from_slice(rng.pick(parts).as_bytes());
    out.push(b' ');
    let n = 1 + rng.below(8);
    words(rng, n, out);
    out.push(b'\n');
}

/// A news-wire text article: headline, maybe a dek, byline, date, dateline, paragraphs with
/// quotes, a related block and a footer, each in one of its real-world forms.
fn wire(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    let n = 2 + rng.below(10);
    words(rng, n, &mut out);
    out.extend_from_slice(b"\n\n");
    let head = [
        "By",
        "BY",
        "Written by",
        "From the",
        "Posted:",
        "Published",
        "Updated",
        "Sat 24 Feb 2024",
        "06/01/2026 -",
        "26-FEB-1987 15:38:26.23",
        "Photo:",
        "(AP Photo/",
        "Image caption",
        "Source:",
        "SOURCE: Reuters",
        "Source: Kessel Post",
        "",
    ];
    for _ in 0..rng.below(6) {
        line(rng, &mut out, &head);
        if rng.one_in(2) {
            out.push(b'\n');
        }
    }
    let datelines = [
        "KESSEL, Veldmark (AP) —",
        "PORT EMBER, April 25 (Reuters) -",
        "(CNN) --",
        "KESSEL:",
        "Kessel, Veldmark (CNN)",
        "",
    ];
    out.extend_from_slice(rng.pick(&datelines).as_bytes());
    for _ in 0..1 + rng.below(20) {
        if rng.one_in(4) {
            out.extend_from_slice(b"   ");
        }
        if rng.one_in(3) {
            out.extend_from_slice("“".as_bytes());
        }
        let n = 1 + rng.below(60);
        words(rng, n, &mut out);
        if rng.one_in(3) {
            out.extend_from_slice(" ,” she said.".as_bytes());
        }
        out.extend_from_slice(if rng.one_in(3) { b"\n" } else { b"\n\n" });
        if rng.one_in(15) {
            out.extend_from_slice(rng.pick(&["* * *\n\n", "___\n\n", "—\n\n"]).as_bytes());
        }
    }
    if rng.one_in(2) {
        out.extend_from_slice(b"Related\n\n");
        for _ in 0..rng.below(5) {
            let n = 2 + rng.below(9);
            words(rng, n, &mut out);
            out.push(b'\n');
        }
    }
    if rng.one_in(2) {
        line(
            rng,
            &mut out,
            &[
                "Reporting by",
                "Copyright",
                "Additional reporting by",
                " Reuter",
            ],
        );
    }
    out
}

fn markdown(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    match rng.below(4) {
        3 => {
            // A Pandoc title block: title, authors, date, each maybe empty or run on.
            for part in 0..1 + rng.below(3) {
                out.extend_from_slice(rng.pick(&["% ", "%", "% ", "%d of "]).as_bytes());
                if part == 2 && rng.one_in(2) {
                    out.extend_from_slice(b"2026-03-14");
                } else if !rng.one_in(5) {
                    let n = 1 + rng.below(6);
                    words(rng, n, &mut out);
                    if part == 1 && rng.one_in(2) {
                        out.extend_from_slice(b"; ");
                        words(rng, 2, &mut out);
                    }
                }
                out.push(b'\n');
                if rng.one_in(4) {
                    out.extend_from_slice(rng.pick(&["  ", " ", "\t"]).as_bytes());
                    words(rng, 3, &mut out);
                    out.push(b'\n');
                }
            }
            out.push(b'\n');
        }
        0 => {
            out.extend_from_slice(b"---\ntitle: ");
            words(rng, 5, &mut out);
            out.extend_from_slice(
                b"\ndate: 2026-03-14\ntags: [a, b]\nauthor: [\"[[Jane Doe]]\"]\n",
            );
            if rng.one_in(3) {
                out.extend_from_slice(b"related:\n  - ../x.md\n  - \"A headline\"\n");
            }
            out.extend_from_slice(b"---\n\n");
        }
        1 => out.extend_from_slice(b"+++\ntitle = \"T\"\n[extra]\nx = 1\n+++\n\n"),
        _ => out.extend_from_slice(b"# Heading\n\n"),
    }
    for _ in 0..1 + rng.below(12) {
        let prefix = rng.pick(&[
            "",
            "> ",
            "- ",
            "1. ",
            "## ",
            "    ",
            "```\n",
            "{{< fig >}} ",
        ]);
        out.extend_from_slice(prefix.as_bytes());
        let n = 1 + rng.below(40);
        words(rng, n, &mut out);
        if prefix == "```\n" && !rng.one_in(4) {
            out.extend_from_slice(b"\n```");
        }
        if rng.one_in(4) {
            out.extend_from_slice(b" [link](https://example.org/x) ![alt](pic.png)");
        }
        out.extend_from_slice(b"\n\n");
    }
    out
}

/// A JSON string literal of random words (escaped, so the JSON stays valid unless mutated).
fn json_string(rng: &mut Rng) -> String {
    let mut raw = Vec::new();
    let n = 1 + rng.below(20);
    words(rng, n, &mut raw);
    serde_json::to_string(&String::from_utf8_lossy(&raw)).unwrap_or_default()
}

fn json(rng: &mut Rng) -> Vec<u8> {
    let one = |rng: &mut Rng| -> String {
        let fields = [
            ("title", json_string(rng)),
            ("description", json_string(rng)),
            ("content", json_string(rng)),
            ("maintext", json_string(rng)),
            ("publishedAt", "\"2024-08-08T13:55:00Z\"".to_string()),
            ("author", json_string(rng)),
            ("source", "{\"id\":null,\"name\":\"Meridian\"}".to_string()),
            (
                "blocks",
                format!("[{{\"kind\":\"paragraph\",\"text\":{}}}]", json_string(rng)),
            ),
            ("content_html", format!("\"<p>{}</p>\"", rng.pick(WORDS))),
            ("tags", "[\"a\",{\"label\":\"b\"}]".to_string()),
            ("weird", "[[[[[[1]]]]]]".to_string()),
        ];
        let chosen: Vec<String> = fields
            .iter()
            .filter(|_| rng.one_in(2))
            .map(|(k, v)| format!("\"{k}\":{v}"))
            .collect();
        format!("{{{}}}", chosen.join(","))
    };
    let text = match rng.below(3) {
        0 => one(rng),
        1 => format!("[{},{}]", one(rng), one(rng)),
        _ => format!("{{\"articles\":[{}]}}", one(rng)),
    };
    text.into_bytes()
}

fn html(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
    words(rng, 6, &mut out);
    out.extend_from_slice(b"</title><meta property=\"og:title\" content=\"T\"><script>var x = '</p>';</script></head><body>");
    let tags = [
        "p",
        "div",
        "h2",
        "blockquote",
        "li",
        "figcaption",
        "pre",
        "a href=\"../x.html\"",
        "nav",
        "article",
        "table",
        "td",
        "b",
        "i",
        "span",
        "template",
        "select",
        "option",
        "svg",
        "math",
        "meta name=\"x\"",
        "body class=\"late\"",
        "textarea",
        "font",
        "tr",
    ];
    let depth = if rng.one_in(20) {
        3000
    } else {
        1 + rng.below(8)
    };
    let mut open = Vec::new();
    for _ in 0..depth {
        let t = rng.pick(&tags);
        out.extend_from_slice(format!("<{t}>").as_bytes());
        open.push(t.split(' ').next().unwrap_or("p"));
        let n = rng.below(30);
        words(rng, n, &mut out);
        if rng.one_in(3) {
            // Whitespace between elements, which the tree leaves out after a block.
            out.extend_from_slice(rng.pick(&["\n", "\n  ", " "]).as_bytes());
        }
        if rng.one_in(8) {
            // An end tag out of order: the tree builder's adoption agency moves nodes.
            out.extend_from_slice(rng.pick(&["</b>", "</p>", "</i>", "</table>"]).as_bytes());
        }
    }
    while let Some(t) = open.pop() {
        if !rng.one_in(5) {
            out.extend_from_slice(format!("</{t}>").as_bytes());
        }
    }
    if rng.one_in(3) {
        out.extend_from_slice(b"<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"x\">");
    }
    out
}

fn feed(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    if rng.one_in(6) {
        // Entity expansion: must neither blow up nor hang.
        out.extend_from_slice(b"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>");
    } else {
        out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    }
    out.extend_from_slice(b"<rss version=\"2.0\"><channel><title>Feed</title>");
    for i in 0..rng.below(6) {
        out.extend_from_slice(format!("<item><guid>g{i}</guid><title>").as_bytes());
        words(rng, 5, &mut out);
        out.extend_from_slice(
            b"</title><pubDate>Sat, 24 Feb 2024 11:42:00 GMT</pubDate><description><![CDATA[<p>",
        );
        let n = rng.below(50);
        words(rng, n, &mut out);
        out.extend_from_slice(b"</p>]]></description></item>");
    }
    if !rng.one_in(4) {
        out.extend_from_slice(b"</channel></rss>");
    }
    out
}

/// A generated input of `kind`.
pub fn generate(kind: Kind, rng: &mut Rng) -> Vec<u8> {
    match kind {
        Kind::Wire => wire(rng),
        Kind::Markdown => markdown(rng),
        Kind::Json => json(rng),
        Kind::Html => html(rng),
        Kind::Feed => feed(rng),
    }
}

/// `input` changed a few times: bytes flipped, inserted, deleted, runs repeated, a hostile
/// sequence put in, or the end cut off.
pub fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if at < out.len() => out[at] ^= 1 << rng.below(8),
            1 => out.insert(at, rng.next() as u8),
            2 if at < out.len() => {
                out.remove(at);
            }
            3 => {
                let end = (at + rng.below(200)).min(out.len());
                let run = out[at..end].to_vec();
                for _ in 0..rng.below(20) {
                    out.splice(at..at, run.iter().copied());
                }
            }
            4 => {
                let h = HOSTILE[rng.below(HOSTILE.len())];
                out.splice(at..at, h.iter().copied());
            }
            5 => out.truncate(at),
            _ => out.splice(at..at, b"\n\n".iter().copied()).for_each(drop),
        }
    }
    out
}
