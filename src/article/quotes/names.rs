//! Word lists and name shapes for attribution: verbs of saying, titles, pronouns, name words.

use std::sync::LazyLock;

use super::tokens::{MAX_WORD, Token};

/// Verbs that attribute a quote (`according` counts when `to` follows).
#[rustfmt::skip]
const VERBS_LIST: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "wrote", "writes",
    "explained", "explains", "noted", "notes", "stressed", "stresses", "insisted", "insists",
    "argued", "argues", "recalled", "recalls", "warned", "warns", "replied", "replies", "declared",
    "announced", "acknowledged", "admitted", "claimed", "claims", "praised", "pledged", "vowed",
    "promised", "tweeted", "posted", "shouted", "whispered", "answered", "responded", "urged",
    "conceded", "remarked", "continued", "according", "stated", "asserted", "reiterated",
    "confirmed", "cautioned", "countered", "observed", "emphasised", "emphasized", "suggested",
    "complained", "joked", "quipped", "testified", "described", "describes", "called", "calls",
    "predicted", "lamented", "demanded", "pleaded", "boasted", "exclaimed", "yelled", "cried",
    "texted", "emailed", "messaged", "recounted", "remembered", "maintained", "contended",
    "saying", "adding", "telling", "writing", "noting", "warning", "insisting", "arguing",
    "explaining", "calling", "describing", "asking", "stating",
];

/// Verbs of saying whose subject is that of their sentence (`Ruiz left, saying: “…”`).
#[rustfmt::skip]
const PARTICIPLES_LIST: &[&str] = &[
    "saying", "adding", "telling", "writing", "noting", "warning", "insisting", "arguing",
    "explaining", "calling", "describing", "asking", "stating",
];

/// Common nouns for a body that can speak (`the ministry said`, `police said`), and the last word
/// of an organisation's name (`Kessel Bank`, `Royal College of Nursing`).
#[rustfmt::skip]
const ORG_NOUNS_LIST: &[&str] = &[
    "ministry", "government", "police", "company", "firm", "bank", "council", "agency",
    "department", "office", "army", "military", "court", "committee", "commission", "union",
    "party", "embassy", "authority", "authorities", "hospital", "school", "university", "college",
    "club", "team", "league", "federation", "regulator", "watchdog", "board", "group", "charity",
    "network", "newspaper", "broadcaster", "airline", "operator", "utility", "coastguard",
    "institute", "foundation", "organisation", "organization", "administration", "campaign",
    "association", "alliance", "bureau", "parliament", "senate", "congress", "cabinet",
    "secretariat", "navy", "corporation", "insurer", "lender", "retailer", "carmaker", "developer",
];

/// Last words of organisations' names that are no common noun a body speaks as.
#[rustfmt::skip]
const ORG_HEADS_LIST: &[&str] = &[
    "inc", "corp", "ltd", "plc", "llc", "ag", "sa", "fc", "united", "airlines", "airways", "lines",
    "securities", "capital", "holdings", "partners", "fund", "trust", "service", "services",
    "times", "news", "post", "press", "radio", "television", "tv", "church", "centre", "center",
    "museum", "society", "media", "motors", "energy", "systems", "forces", "force", "guard",
    "assembly", "mission", "industries", "institution", "observatory", "rovers", "city",
];

/// Nouns that, right before a name, say it is an organisation's (`power company Nordgrid`).
#[rustfmt::skip]
const ORG_DESCRIPTORS_LIST: &[&str] = &[
    "company", "firm", "operator", "developer", "group", "airline", "bank", "lender", "insurer",
    "retailer", "broadcaster", "newspaper", "charity", "club", "team", "party", "union", "startup",
    "carmaker", "utility", "regulator", "agency", "watchdog", "supermarket", "chain", "giant",
    "manufacturer", "supplier", "producer", "publisher", "outlet", "network", "brand", "label",
];

/// Words for a written statement standing as the subject (`a statement said`).
#[rustfmt::skip]
const STATEMENTS_LIST: &[&str] = &[
    "statement", "release", "communique", "announcement",
];

/// Words standing before a name that are not part of it (`Foreign Minister Ana Ruiz`).
#[rustfmt::skip]
const TITLES_LIST: &[&str] = &[
    "president", "vice", "prime", "minister", "foreign", "interior", "defense", "defence",
    "finance", "justice", "health", "education", "secretary", "general", "gen", "gov", "governor",
    "senator", "sen", "rep", "representative", "mayor", "judge", "chief", "director", "dr", "mr",
    "mrs", "ms", "miss", "prof", "professor", "rev", "reverend", "father", "pope", "king", "queen",
    "prince", "princess", "sheikh", "lt", "col", "capt", "captain", "sgt", "sergeant", "adm",
    "admiral", "commander", "chancellor", "ambassador", "attorney", "deputy", "acting", "former",
    "state", "spokesman", "spokeswoman", "spokesperson", "coach", "officer", "inspector",
    "commissioner", "bishop", "archbishop", "cardinal", "rabbi", "imam", "sir", "dame", "lord",
    "lady", "us", "un", "uk", "eu", "grandmaster", "archivist", "curator", "historian", "economist",
    "analyst", "researcher", "scientist", "astronomer", "biologist", "engineer", "architect",
    "lawyer", "doctor", "nurse", "teacher", "detective", "sheriff", "warden", "councillor",
    "councilor", "councilman", "councilwoman", "alderman", "skipper", "harbormaster", "editor",
    "columnist", "founder", "organizer", "organiser", "manager", "supervisor", "trustee",
    "treasurer", "police", "army", "leader", "speaker", "chairman", "chairwoman",
    "chair", "ceo", "resident", "driver", "member", "owner", "student", "retiree", "pensioner",
    "veteran", "activist", "campaigner", "neighbor", "neighbour", "local", "retired", "senior",
    "junior", "longtime", "assistant", "adviser", "advisor", "aide", "lawmaker", "legislator", "mp",
    "mep", "candidate", "head", "executive", "strategist", "political", "worker", "official",
    "correspondent", "reporter", "writer", "author", "poet", "artist", "singer", "actor",
    "actress", "player", "striker", "midfielder", "goalkeeper", "defender", "star", "champion",
    "boss", "co", "managing", "operating", "technical", "partner", "fellow", "lecturer", "pastor",
    "priest", "fisherman", "farmer", "shopkeeper", "volunteer", "firefighter", "paramedic",
    "surgeon", "physician", "pilot", "musician", "composer", "conductor", "choir", "opposition",
    "republican", "democrat", "democratic", "conservative", "labour", "liberal", "socialist",
    "tory", "american", "british", "russian", "ukrainian", "chinese", "french", "german",
    "israeli", "palestinian", "iranian", "iraqi", "syrian", "indian", "pakistani", "japanese",
    "korean", "canadian", "australian", "mexican", "brazilian", "turkish", "italian", "spanish",
    "polish", "dutch", "swedish", "norwegian", "danish", "finnish", "irish", "scottish", "welsh",
    "english", "european", "african", "egyptian", "saudi", "afghan", "lebanese", "nigerian",
    "kenyan", "greek", "swiss", "austrian", "belgian", "portuguese", "hungarian", "czech",
    "romanian", "serbian", "taiwanese", "vietnamese", "indonesian", "filipino", "argentine",
    "colombian", "venezuelan", "cuban", "shadow", "interim", "incoming", "outgoing", "cllr",
    "postman", "postwoman", "baker", "butcher", "cleaner", "mother", "grandmother", "widow",
];

/// Capitalised words that start sentences and clauses but never names.
#[rustfmt::skip]
const FUNCTION_LIST: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "so", "then", "when", "while", "as", "after", "before",
    "despite", "in", "on", "at", "for", "if", "because", "meanwhile", "however", "also", "still",
    "yet", "now", "both", "this", "that", "these", "those", "it", "its", "we", "i", "you", "our",
    "their", "his", "her", "my", "there", "here", "of", "to", "by", "from", "with", "later",
    "earlier", "today", "yesterday", "tonight", "instead", "separately", "finally", "first", "last",
    "next", "speaking", "according", "asked", "even", "only", "not", "no", "other", "is", "was",
    "were", "are", "be", "been", "who", "whose", "which", "whom", "late", "during", "under",
    "over", "about", "into", "onto", "than", "like",
];

/// Single words that can be the subject of `said` but are no one's name.
#[rustfmt::skip]
const NOT_NAMES_LIST: &[&str] = &[
    "police", "officials", "authorities", "witnesses", "residents", "experts", "critics",
    "analysts", "everyone", "everybody", "nobody", "someone", "somebody", "anyone", "many", "some",
    "others", "who", "which", "one", "all", "both", "few", "most", "several", "none", "people",
    "government", "ministry", "statement", "reports", "sources", "documents", "records", "polls",
    "fans", "protesters", "demonstrators", "workers", "students", "teachers", "parents", "doctors",
    "nurses", "lawyers", "prosecutors", "investigators", "scientists", "researchers", "officers",
    "soldiers", "troops", "activists", "supporters", "voters", "locals", "neighbors", "neighbours",
    "families", "relatives", "organizers", "organisers", "observers", "diplomats", "lawmakers",
    "legislators", "opponents", "rebels", "leaders", "members", "children", "women", "men",
    "visitors", "passengers", "victims", "survivors", "farmers", "miners", "journalists",
    "reporters", "economists", "judges", "court", "company", "spokesperson", "spokesman",
    "spokeswoman", "agency", "army", "military", "ministers", "unions", "union", "staff",
];

/// Lower-case words inside names (`María de la Cruz`, `Ludwig van Beethoven`).
#[rustfmt::skip]
const PARTICLES_LIST: &[&str] = &[
    "de", "da", "del", "della", "di", "do", "dos", "das", "van", "von", "der", "den", "la", "le",
    "du", "bin", "ibn", "al", "y",
];

/// Words between a subject and its verb (`Ruiz also said`, `she later told`).
#[rustfmt::skip]
const ADVERBS_LIST: &[&str] = &[
    "also", "later", "then", "earlier", "again", "previously", "once", "has", "had", "have",
    "would", "will", "often", "just", "only", "first", "further",
];

/// Days and months, which start sentences but are no names.
#[rustfmt::skip]
const CALENDAR_LIST: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Which lists a word is on, one bit each.
const VERB: u16 = 1;
const TITLE: u16 = 1 << 1;
const FUNCTION: u16 = 1 << 2;
const NOT_NAME: u16 = 1 << 3;
const PARTICLE: u16 = 1 << 4;
const ADVERB: u16 = 1 << 5;
const CALENDAR: u16 = 1 << 6;
/// Pronouns, conjunctions and `to`, which play a part but are on no list above.
const SMALL: u16 = 1 << 7;
const PARTICIPLE: u16 = 1 << 8;
const ORG_NOUN: u16 = 1 << 9;
const ORG_HEAD: u16 = 1 << 10;
const ORG_DESCRIPTOR: u16 = 1 << 11;
const STATEMENT: u16 = 1 << 12;
/// Every list of lower-case words that have a part in attribution.
const ROLE: u16 = VERB | PARTICLE | ADVERB | TITLE | FUNCTION | SMALL | ORG_NOUN | STATEMENT;

/// Pronouns, conjunctions and `to`.
#[rustfmt::skip]
const SMALL_LIST: &[&str] = &[
    "he", "she", "they", "according", "to", "but", "and", "so", "yet", "while", "although",
    "though", "whereas", "it",
];

/// Every list with its bit.
const LISTS: [(&[&str], u16); 13] = [
    (PARTICIPLES_LIST, PARTICIPLE),
    (ORG_NOUNS_LIST, ORG_NOUN | ORG_HEAD),
    (ORG_HEADS_LIST, ORG_HEAD),
    (ORG_DESCRIPTORS_LIST, ORG_DESCRIPTOR),
    (STATEMENTS_LIST, STATEMENT),
    (VERBS_LIST, VERB),
    (TITLES_LIST, TITLE),
    (FUNCTION_LIST, FUNCTION),
    (NOT_NAMES_LIST, NOT_NAME),
    (PARTICLES_LIST, PARTICLE),
    (ADVERBS_LIST, ADVERB),
    (CALENDAR_LIST, CALENDAR),
    (SMALL_LIST, SMALL),
];

/// Every listed word with the lists it is on: one look-up answers them all.
static WORDS: LazyLock<Listed> = LazyLock::new(|| {
    let mut listed = Listed {
        keys: Box::new([0; SLOTS]),
        lists: Box::new([0; SLOTS]),
    };
    for (list, bit) in LISTS {
        for w in list {
            listed.add(w.as_bytes(), bit);
        }
    }
    listed
});

/// The table holds 2^SLOT_BITS slots, a few times the number of listed words, so probes are short.
const SLOT_BITS: u32 = 11;

/// The listed words in an open-addressing table keyed by the word's bytes packed into one number:
/// this look-up runs for every word of the article, and comparing one `u128` is cheaper than
/// hashing and comparing a string. The words are fixed, so the unkeyed hash is safe. Words hold
/// no NUL byte, so the zero-padded key alone tells words of different lengths apart, and 0 marks
/// an empty slot; the keys are kept apart from the lists so a probe reads only 32 KB.
struct Listed {
    keys: Box<[u128; SLOTS]>,
    lists: Box<[u16; SLOTS]>,
}

/// Slots in the table.
const SLOTS: usize = 1 << SLOT_BITS;

impl Listed {
    /// Puts `word` on the lists in `bits`.
    fn add(&mut self, word: &[u8], bits: u16) {
        let key = pack(word).expect("listed words fit in 16 bytes");
        let mut i = slot_of(key);
        loop {
            if self.keys[i] == 0 {
                self.keys[i] = key;
                self.lists[i] = bits;
                return;
            }
            if self.keys[i] == key {
                self.lists[i] |= bits;
                return;
            }
            i = (i + 1) & ((1 << SLOT_BITS) - 1);
        }
    }

    /// The lists `word` is on.
    #[inline]
    fn get(&self, word: &[u8]) -> u16 {
        let Some(key) = pack(word) else {
            return 0;
        };
        let mut i = slot_of(key);
        loop {
            // Masked, so the compiler drops the bounds checks.
            let k = self.keys[i & (SLOTS - 1)];
            if k == key {
                return self.lists[i & (SLOTS - 1)];
            }
            if k == 0 {
                return 0;
            }
            i += 1;
        }
    }
}

/// `word`'s bytes as one number (zero-padded), when it is 1 to 16 bytes long.
#[inline]
fn pack(word: &[u8]) -> Option<u128> {
    // Words are made of letters and digits, so none holds a NUL that would pad like the key's.
    if word.is_empty() || word.len() > 16 {
        return None;
    }
    let mut b = [0u8; 16];
    b[..word.len()].copy_from_slice(word);
    Some(u128::from_le_bytes(b))
}

/// The first slot to probe for a packed word: its two halves mixed by a multiplicative hash.
#[inline]
fn slot_of(key: u128) -> usize {
    let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOT_BITS)) as usize
}

/// The lists a lower-case word (in UTF-8) is on.
#[inline]
fn lists(word: &[u8]) -> u16 {
    WORDS.get(word)
}

/// Longer than any listed word, in bytes: such a word is on no list.
const LISTED_MAX: usize = 32;

/// The lists the word made of `chars` is on in any case, dropping full stops when `dots` is false.
fn lists_any_case(chars: impl IntoIterator<Item = char>, dots: bool) -> u16 {
    let mut buf = [0u8; LISTED_MAX];
    let mut n = 0;
    for c in chars.into_iter().filter(|&c| dots || c != '.') {
        if c.is_ascii() {
            if n == LISTED_MAX {
                return 0;
            }
            buf[n] = c.to_ascii_lowercase() as u8;
            n += 1;
            continue;
        }
        for l in c.to_lowercase() {
            if n + l.len_utf8() > LISTED_MAX {
                return 0;
            }
            n += l.encode_utf8(&mut buf[n..]).len();
        }
    }
    lists(&buf[..n])
}

/// A pronoun that can stand for a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pronoun {
    He,
    She,
    They,
    It,
}

/// What a token can be in an attribution, worked out once per token: one bit per property, so
/// the classes of a long article's tokens take little memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Class(u32);

const C_NAME: u32 = 1 << 0;
const C_PARTICLE: u32 = 1 << 1;
const C_VERB: u32 = 1 << 2;
const C_ADVERB: u32 = 1 << 3;
const C_ACCORDING: u32 = 1 << 4;
const C_TO: u32 = 1 << 5;
const C_FUNCTION: u32 = 1 << 6;
const C_DETERMINER: u32 = 1 << 7;
const C_CONJUNCTION: u32 = 1 << 8;
const C_CONTRAST: u32 = 1 << 9;
const C_PARTICIPLE: u32 = 1 << 10;
const C_ORG_NOUN: u32 = 1 << 11;
const C_ORG_HEAD: u32 = 1 << 12;
const C_ORG_DESCRIPTOR: u32 = 1 << 13;
const C_STATEMENT: u32 = 1 << 14;
const C_OF: u32 = 1 << 15;
const C_POSSESSIVE: u32 = 1 << 16;
const C_TITLE: u32 = 1 << 17;
const C_HE: u32 = 1 << 18;
const C_SHE: u32 = 1 << 19;
const C_THEY: u32 = 1 << 20;
const C_IT: u32 = 1 << 21;

impl Class {
    /// A word of a name: capitalised, not a function word, month or day, and not possessive
    /// (`Romero’s organization` is not Romero).
    pub fn name(self) -> bool {
        self.0 & C_NAME != 0
    }

    /// A lower-case particle inside a name (`de`, `van`).
    pub fn particle(self) -> bool {
        self.0 & C_PARTICLE != 0
    }

    /// A verb of saying.
    pub fn verb(self) -> bool {
        self.0 & C_VERB != 0
    }

    /// A word that may stand between a subject and its verb (`also`, `later`, `quickly`).
    pub fn adverb(self) -> bool {
        self.0 & C_ADVERB != 0
    }

    /// `according`, of `according to`.
    pub fn according(self) -> bool {
        self.0 & C_ACCORDING != 0
    }

    /// `to`.
    pub fn to(self) -> bool {
        self.0 & C_TO != 0
    }

    /// A function word (`the`, `it`, `of`), in any case.
    pub fn function(self) -> bool {
        self.0 & C_FUNCTION != 0
    }

    /// A word that opens a noun phrase (`the`, `a`, `his`).
    pub fn determiner(self) -> bool {
        self.0 & C_DETERMINER != 0
    }

    /// A conjunction that can open a clause before its subject (`But he said`).
    pub fn conjunction(self) -> bool {
        self.0 & C_CONJUNCTION != 0
    }

    /// A word that, after a comma, starts a contrasting clause (`, but`, `, while`).
    pub fn contrast(self) -> bool {
        self.0 & C_CONTRAST != 0
    }

    /// A verb of saying whose subject is its sentence's (`saying`, `adding`).
    pub fn participle(self) -> bool {
        self.0 & C_PARTICIPLE != 0
    }

    /// A common noun for a body that speaks (`ministry`, `police`).
    pub fn org_noun(self) -> bool {
        self.0 & C_ORG_NOUN != 0
    }

    /// A word that ends an organisation's name (`Bank`, `Ministry`, `FC`).
    pub fn org_head(self) -> bool {
        self.0 & C_ORG_HEAD != 0
    }

    /// A noun that, before a name, makes it an organisation's (`company`, `operator`).
    pub fn org_descriptor(self) -> bool {
        self.0 & C_ORG_DESCRIPTOR != 0
    }

    /// A written statement (`a statement said`).
    pub fn statement(self) -> bool {
        self.0 & C_STATEMENT != 0
    }

    /// `of`, which may join the words of an organisation's name.
    pub fn of(self) -> bool {
        self.0 & C_OF != 0
    }

    /// Possessive (`Kessel Bank’s`, `nurses’`).
    pub fn possessive(self) -> bool {
        self.0 & C_POSSESSIVE != 0
    }

    /// A title or a word for someone's role (`minister`, `striker`).
    pub fn title(self) -> bool {
        self.0 & C_TITLE != 0
    }

    /// Which pronoun it is, when it is one that can say something (`he`, `she`, `they`, `it`).
    pub fn pron(self) -> Option<Pronoun> {
        [
            (C_HE, Pronoun::He),
            (C_SHE, Pronoun::She),
            (C_THEY, Pronoun::They),
            (C_IT, Pronoun::It),
        ]
        .into_iter()
        .find(|(bit, _)| self.0 & bit != 0)
        .map(|(_, p)| p)
    }
}

/// Classifies one token.
pub(super) fn classify(chars: &[char], tok: &Token) -> Class {
    if !tok.word || tok.end - tok.start > MAX_WORD {
        return Class::default();
    }
    // Lower-cased on the stack: this runs for every word of the article. Most words are ASCII and
    // fit a small buffer; a char lower-cases to at most three chars of four bytes.
    let word = &chars[tok.start..tok.end];
    let mut ascii = [0u8; MAX_WORD];
    let mut wide;
    let bytes: &[u8] = if word.iter().all(char::is_ascii) {
        for (b, &c) in ascii.iter_mut().zip(word) {
            *b = (c as u8).to_ascii_lowercase();
        }
        &ascii[..word.len()]
    } else {
        wide = [0u8; 12 * MAX_WORD];
        let mut n = 0;
        for &c in word {
            for l in c.to_lowercase() {
                n += l.encode_utf8(&mut wide[n..]).len();
            }
        }
        &wide[..n]
    };
    // `Dr.` → `dr`, for the lists.
    let w = bytes.strip_suffix(b".").unwrap_or(bytes);
    let upper = tok.first(chars).is_uppercase();
    let adverb_like = w.len() > 4 && w.ends_with(b"ly");
    let possessive =
        w.ends_with("’s".as_bytes()) || w.ends_with(b"'s") || w.ends_with("’".as_bytes());
    let on = lists(w);
    // Most words are lower case and play no part: one look-up settles them.
    if !(upper || adverb_like || possessive || on & (ROLE | ORG_DESCRIPTOR) != 0) {
        return Class::default();
    }
    let set = |on: bool, bit: u32| if on { bit } else { 0 };
    let pron = match w {
        b"he" => C_HE,
        b"she" => C_SHE,
        b"they" => C_THEY,
        b"it" => C_IT,
        _ => 0,
    };
    let small = match w {
        b"of" => C_OF,
        b"according" => C_ACCORDING,
        b"to" => C_TO,
        b"the" | b"a" | b"an" | b"his" | b"her" | b"their" | b"its" | b"our" => C_DETERMINER,
        b"and" | b"so" => C_CONJUNCTION,
        b"but" | b"yet" => C_CONJUNCTION | C_CONTRAST,
        b"while" | b"although" | b"though" | b"whereas" => C_CONTRAST,
        _ => 0,
    };
    // A capitalised verb is a name (`Omar Said`): a verb of saying opening a sentence is no
    // attribution anyway.
    Class(
        pron | small
            | set(
                upper && !possessive && on & (FUNCTION | CALENDAR) == 0,
                C_NAME,
            )
            | set(on & PARTICLE != 0, C_PARTICLE)
            | set(on & VERB != 0, C_VERB)
            | set(on & PARTICIPLE != 0, C_PARTICIPLE)
            | set(on & ORG_NOUN != 0, C_ORG_NOUN)
            | set(on & ORG_HEAD != 0, C_ORG_HEAD)
            | set(!upper && on & ORG_DESCRIPTOR != 0, C_ORG_DESCRIPTOR)
            | set(on & STATEMENT != 0, C_STATEMENT)
            | set(possessive, C_POSSESSIVE)
            | set(on & TITLE != 0, C_TITLE)
            | set(!upper && (on & ADVERB != 0 || adverb_like), C_ADVERB)
            | set(on & FUNCTION != 0, C_FUNCTION),
    )
}

/// Whether a word is a title: `Minister`, `Dr.`, `U.N.`, `Secretary-General`.
fn is_title(word: &[char]) -> bool {
    // Lower-casing never makes a `-`, so the parts can be split first.
    word.split(|&c| c == '-')
        .all(|part| lists_any_case(part.iter().copied(), false) & TITLE != 0)
}

/// Whether a single word is a common noun (`Police said`) rather than a name.
pub(super) fn is_not_name(word: &str) -> bool {
    lists_any_case(word.chars(), true) & NOT_NAME != 0
}

/// The words of a name among `n` words (`word(i)` is the i-th), as the range `from..to` left
/// once the titles before it and stray particles at either end are dropped:
/// `Foreign Minister Ana Ruiz` → `Ana Ruiz`. `None` when nothing but titles is left.
pub(super) fn name_bounds<'a>(
    n: usize,
    word: impl Fn(usize) -> &'a [char],
) -> Option<(usize, usize)> {
    // Which words are titles, worked out once each (names are a few words long).
    let titles: Vec<bool> = (0..n).map(|i| is_title(word(i))).collect();
    let title = |i: usize| titles[i];
    // Cut after the last title that a non-title follows, so a surname that is also a title stays.
    let mut from = 0;
    for i in 0..n {
        if title(i) && i + 1 < n && !title(i + 1) {
            from = i + 1;
        }
    }
    let particle = |i: usize| lists_any_case(word(i).iter().copied(), true) & PARTICLE != 0;
    let mut to = n;
    while from < to && (particle(from) || title(from)) {
        from += 1;
    }
    while from < to && particle(to - 1) {
        to -= 1;
    }
    (from < to).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn classifies_words() {
        let chars: Vec<char> = "Dr. Ana de Vega’s aide also said".chars().collect();
        let c: Vec<Class> = tokenize(&chars)
            .iter()
            .map(|t| classify(&chars, t))
            .collect();
        assert!(c[0].name() && c[1].name() && c[2].particle() && !c[3].name());
        assert!(!c[4].name() && c[5].adverb() && c[6].verb());
    }

    #[test]
    fn every_listed_word_is_found_and_no_other() {
        let mut expected: std::collections::HashMap<&str, u16> = Default::default();
        for (list, bit) in LISTS {
            for w in list {
                *expected.entry(w).or_default() |= bit;
            }
        }
        for (w, bits) in &expected {
            assert_eq!(lists(w.as_bytes()), *bits, "{w}");
            // Near misses: a letter more or less.
            for near in [
                format!("{w}s"),
                format!("x{w}"),
                w[..w.len() - 1].to_string(),
            ] {
                let want = expected.get(near.as_str()).copied().unwrap_or(0);
                assert_eq!(lists(near.as_bytes()), want, "{near}");
            }
        }
        for w in [
            "",
            "harbor",
            "x",
            "ünion",
            "1990s",
            "‘said’",
            &"a".repeat(40),
        ] {
            assert_eq!(lists(w.as_bytes()), 0, "{w}");
        }
    }

    fn clean(s: &str) -> Option<String> {
        let words: Vec<Vec<char>> = s.split(' ').map(|w| w.chars().collect()).collect();
        let (from, to) = name_bounds(words.len(), |i| &words[i])?;
        let kept: Vec<String> = words[from..to].iter().map(|w| w.iter().collect()).collect();
        Some(kept.join(" "))
    }

    #[test]
    fn titles_are_dropped_but_surnames_kept() {
        assert_eq!(
            clean("Foreign Minister Ana Ruiz").as_deref(),
            Some("Ana Ruiz")
        );
        assert_eq!(
            clean("U.S. President Lara Voss").as_deref(),
            Some("Lara Voss")
        );
        assert_eq!(clean("Tomas King").as_deref(), Some("Tomas King"));
        assert_eq!(clean("Prime Minister"), None);
        assert_eq!(clean("Inés de la Vega").as_deref(), Some("Inés de la Vega"));
    }
}
