//! Matching a headline to the closest library title: exact on the normalised form, else the
//! best weighted word overlap above a threshold, found through an inverted index.

use super::links::{From, LinkIndex};
use super::normalise;
use super::packed::{KeyIndex, Lists, PathList, StrList};
use crate::article::Related;
use foldhash::{HashMap, HashSet, HashSetExt};
use std::borrow::Cow;
use std::hash::Hasher;
use std::path::Path;

/// A running hash of byte strings, each with its length (so `ab`+`c` and `a`+`bc` differ).
struct Print(std::hash::DefaultHasher);

impl Default for Print {
    fn default() -> Self {
        // `DefaultHasher::new()` hashes alike in every process (fixed keys).
        Print(std::hash::DefaultHasher::new())
    }
}

impl Print {
    fn add(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
    }
}

/// The least similarity (weighted Dice over word sets, 0..=1) a close match needs.
///
/// Why 0.6: changing one word of an n-word headline leaves a similarity of about (n−1)/n when
/// the words weigh alike: 0.67 for three words, 0.75 for four, 0.83 for six, so a reworded
/// headline of three or more words still resolves. Two unrelated headlines of five or more
/// words that share two ordinary words score at most 2·2/(5+5) = 0.4, and shared function words
/// ("the", "in") weigh a tenth of a normal word, so they barely count. 0.6 sits between the two.
const THRESHOLD: f64 = 0.6;

/// How much a function word weighs against a content word of the same rarity.
const STOPWORD_WEIGHT: f64 = 0.1;

/// English function words: sharing them says nothing about two headlines being the same story.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "it", "its", "of", "on", "or", "over", "than", "that", "the", "their", "this", "to",
    "was", "were", "will", "with",
];

/// Finds the library article a headline names.
///
/// It is kept for the whole session beside the library, so its per-title facts are packed
/// ([`super::packed`]): one buffer of titles, one of word ids, hashes for the exact titles, and
/// the paths in the link index.
#[derive(Debug, Default)]
pub struct Resolver {
    /// How many titles it was built from (entries `0..count` of the link index's paths).
    count: usize,
    /// Each entry's title as the library shows it, for naming a resolved headline's article.
    titles: StrList,
    /// Normalised title → first entry with that title.
    exact: KeyIndex,
    /// Word → id.
    ids: HashMap<String, u32>,
    /// Word id → entries whose title has that word, in library order.
    postings: Lists,
    /// Each entry's word ids, sorted, no duplicates.
    words: Lists,
    /// Each entry's total word weight.
    weights: Vec<f64>,
    /// Whether word id is a function word.
    stop: Vec<bool>,
    /// Word id → its weight.
    id_weights: Vec<f64>,
    /// The same articles by own address and by path, for links that name them that way; it
    /// holds the entries' paths.
    links: LinkIndex,
    /// See [`Resolver::fingerprint`].
    fingerprint: u64,
}

impl Resolver {
    /// The library title of the article at `path` (a path the resolver gave, spelled as the
    /// library spells it).
    pub fn title_of(&self, path: &Path) -> Option<&str> {
        let i = self
            .links
            .paths()
            .position(path)
            .filter(|&i| i < self.count)?;
        self.titles.get(i)
    }

    /// Builds a resolver over the library's `(title, path)` pairs, in library order.
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, &'a Path)>) -> Resolver {
        let mut r = Resolver::default();
        let mut paths = PathList::default();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut exact = KeyIndex::default();
        let mut print = Print::default();
        for (title, path) in entries {
            print.add(title.as_bytes());
            print.add(path.as_os_str().as_encoded_bytes());
            let i = paths.len();
            paths.push(path);
            r.titles.push(title);
            let norm = normalise(title);
            let mut ids: Vec<u32> = norm
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    // Most words are seen before: look up without allocating a key.
                    if let Some(&id) = r.ids.get(w) {
                        return id;
                    }
                    let next = r.ids.len() as u32;
                    r.ids.insert(w.to_string(), next);
                    r.stop.push(STOPWORDS.contains(&w));
                    next
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            for &id in &ids {
                if id as usize == postings.len() {
                    postings.push(Vec::new());
                }
                postings[id as usize].push(i as u32);
            }
            r.words.push(&ids);
            if !norm.is_empty() {
                let titles = &r.titles;
                exact.insert_first(norm.as_bytes(), i as u32, |j| {
                    Cow::Owned(normalise(titles.get(j as usize).unwrap_or("")).into_bytes())
                });
            }
        }
        r.count = paths.len();
        r.exact = exact;
        r.titles.shrink();
        r.postings = Lists::from_vecs(postings);
        r.id_weights = (0..r.stop.len())
            .map(|id| r.weight(r.stop[id], r.postings.get(id).len()))
            .collect();
        r.weights = r
            .words
            .iter()
            .map(|ws| ws.iter().map(|&id| r.id_weight(id)).sum())
            .collect();
        r.links = LinkIndex::of(paths);
        r.fingerprint = print.0.finish();
        r
    }

    /// The entry normalised as `norm`, when one is.
    fn exact(&self, norm: &str) -> Option<usize> {
        let titles = &self.titles;
        self.exact
            .get(norm.as_bytes(), |j| {
                Cow::Owned(normalise(titles.get(j as usize).unwrap_or("")).into_bytes())
            })
            .map(|i| i as usize)
    }

    /// Adds the articles' own addresses (`(url, file)`), so links naming them by address
    /// resolve ([`Resolver::resolve_link`]).
    pub fn with_urls<'a>(mut self, urls: impl IntoIterator<Item = (&'a str, &'a Path)>) -> Self {
        let mut print = Print::default();
        print.add(&self.fingerprint.to_le_bytes());
        let urls: Vec<(&str, &Path)> = urls.into_iter().collect();
        for (u, p) in &urls {
            print.add(u.as_bytes());
            print.add(p.as_os_str().as_encoded_bytes());
        }
        self.links.add_urls(urls);
        self.fingerprint = print.0.finish();
        self
    }

    /// The library file a link names by address or relative path, found from an article
    /// at `from` (see [`super::links`] for the rule).
    pub fn resolve_link(&self, link: &str, from: From<'_>) -> Option<&Path> {
        self.links.resolve(link, from)
    }

    /// Where a related entry leads: its address or path when it has one that names a
    /// library file, else its headline.
    pub fn resolve_related(&self, r: &Related, from: From<'_>) -> Option<&Path> {
        self.entry_path(self.resolve_related_entry(r, from)?)
    }

    /// [`Resolver::resolve_related`] as an entry ([`Resolver::entry_path`]): a number that
    /// stands for the same file as long as the resolver is made from the same library
    /// ([`Resolver::fingerprint`]).
    pub fn resolve_related_entry(&self, r: &Related, from: From<'_>) -> Option<u32> {
        r.url
            .as_deref()
            .and_then(|u| self.links.resolve_entry(u, from))
            .or_else(|| self.best(&r.title).map(|i| i as u32))
    }

    /// The file of an entry [`Resolver::resolve_related_entry`] gave.
    pub fn entry_path(&self, i: u32) -> Option<&Path> {
        self.links.path(i as usize)
    }

    /// The files of the titles it was built from, in the order given ([`Resolver::new`]).
    pub fn files(&self) -> TitleFiles<'_> {
        TitleFiles(self)
    }

    /// A hash of everything the resolver was made from (titles, paths and addresses, in
    /// order): two resolvers with the same fingerprint resolve every headline and link alike.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The path of the article `headline` names, or `None` when no title is close enough.
    pub fn resolve(&self, headline: &str) -> Option<&Path> {
        self.best(headline).and_then(|i| self.links.path(i))
    }

    /// The index, in library order, of the entry `headline` names.
    pub(super) fn best(&self, headline: &str) -> Option<usize> {
        self.best_with(headline, true)
    }

    /// The best entry for `headline`; `prune` off scores every title (for testing the filter).
    fn best_with(&self, headline: &str, prune: bool) -> Option<usize> {
        let norm = normalise(headline);
        if norm.is_empty() {
            return None;
        }
        if let Some(i) = self.exact(&norm) {
            return Some(i);
        }
        // The headline's words, rarest (heaviest) first; unknown words match nothing but count.
        let mut seen = HashSet::new();
        let mut query: Vec<(Option<u32>, f64)> = norm
            .split(' ')
            .filter(|w| seen.insert(*w))
            .map(|w| match self.ids.get(w) {
                Some(&id) => (Some(id), self.id_weight(id)),
                None => (None, self.weight(STOPWORDS.contains(&w), 0)),
            })
            .collect();
        query.sort_by(|a, b| b.1.total_cmp(&a.1));
        let total: f64 = query.iter().map(|q| q.1).sum();
        // A title sharing weight S scores at most 2S/(total+S), so reaching the threshold T needs
        // S ≥ T·total/(2−T). Reading postings rarest word first, once the words not yet read
        // weigh less than that, a title sharing none of the words read so far cannot qualify:
        // reading stops there (prefix filtering), and the long postings of common words are
        // never read. The small slack keeps rounding from cutting off a title exactly at T.
        let need = THRESHOLD * total / (2.0 - THRESHOLD) - 1e-9;
        let mut rest = total;
        let mut candidates: Vec<u32> = Vec::new();
        for &(id, w) in &query {
            if prune && rest < need {
                break;
            }
            if let Some(id) = id {
                candidates.extend(self.postings.get(id as usize));
            }
            rest -= w;
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut query_ids: Vec<u32> = query.iter().filter_map(|q| q.0).collect();
        query_ids.sort_unstable();

        let mut best: Option<(f64, usize, usize, usize)> = None; // score, shared, len gap, entry
        for &c in &candidates {
            let c = c as usize;
            let (shared_w, shared_n) = self.shared(&query_ids, self.words.get(c));
            let score = 2.0 * shared_w / (total + self.weights[c]);
            if score < THRESHOLD {
                continue;
            }
            let gap = query.len().abs_diff(self.words.get(c).len());
            // Ties: more shared words, then closer length, then library order (candidates ascend).
            let better = match best {
                None => true,
                Some((s, n, g, _)) => {
                    score > s + 1e-9
                        || ((score - s).abs() <= 1e-9
                            && (shared_n > n || (shared_n == n && gap < g)))
                }
            };
            if better {
                best = Some((score, shared_n, gap, c));
            }
        }
        best.map(|b| b.3)
    }

    /// Weight and count of the words two sorted id lists share.
    fn shared(&self, a: &[u32], b: &[u32]) -> (f64, usize) {
        let (mut i, mut j, mut w, mut n) = (0, 0, 0.0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    w += self.id_weight(a[i]);
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (w, n)
    }

    fn id_weight(&self, id: u32) -> f64 {
        self.id_weights[id as usize]
    }

    /// A word's weight from the number of titles holding it: rarer words weigh more (inverse
    /// document frequency), function words less.
    fn weight(&self, stopword: bool, df: usize) -> f64 {
        let idf = (1.0 + self.count as f64 / (1.0 + df as f64)).ln();
        if stopword { idf * STOPWORD_WEIGHT } else { idf }
    }
}

/// The files of a resolver's titles ([`Resolver::files`]).
#[derive(Debug, Clone, Copy)]
pub struct TitleFiles<'a>(&'a Resolver);

impl crate::load::backlinks::Files for TitleFiles<'_> {
    fn len(&self) -> usize {
        self.0.count
    }

    fn get(&self, i: usize) -> Option<&Path> {
        (i < self.0.count).then(|| self.0.links.path(i)).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_filter_finds_what_a_full_scan_finds() {
        // A small vocabulary with function words makes titles overlap a lot.
        let vocab = [
            "the", "in", "of", "port", "strike", "rail", "talks", "city", "police", "storm",
            "river", "market", "budget", "council", "ferry", "night", "island", "pay",
        ];
        let mut seed = 11u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut titles = Vec::new();
        for _ in 0..300 {
            let n = 2 + next() % 6;
            titles.push(
                (0..n)
                    .map(|_| vocab[next() % vocab.len()])
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        let path = Path::new("x");
        let r = Resolver::new(titles.iter().map(|t| (t.as_str(), path)));
        let mut found = 0;
        for _ in 0..2000 {
            let n = 2 + next() % 6;
            let q: Vec<&str> = (0..n).map(|_| vocab[next() % vocab.len()]).collect();
            let q = q.join(" ");
            let pruned = r.best_with(&q, true);
            assert_eq!(pruned, r.best_with(&q, false), "{q}");
            found += usize::from(pruned.is_some() && r.exact(&normalise(&q)).is_none());
        }
        // The comparison means something only if many queries resolve by closeness.
        assert!(found > 100, "{found}");
    }
}
