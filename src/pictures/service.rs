//! The reading pane's pictures: decoded and encoded for the terminal on a worker thread, never
//! on a key, and kept in a small cache per picture and size. The pane asks for what it shows;
//! what is not ready yet shows as a placeholder and the worker's news wakes the loop.

use super::Source;
use ratatui::layout::Size;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;
use ratatui_image::{Image, Resize};
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, MutexGuard};

/// How many encoded pictures are kept.
const KEEP: usize = 24;

/// How pictures are drawn, from the config's `pictures` (or `BYLINE_PICTURES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Not drawn: every image keeps its `[image: alt]` line alone.
    Off,
    /// Chosen from the terminal's environment (see [`Mode::detect`]).
    Auto,
    /// Unicode half blocks in colour: any terminal with true colour.
    Halfblocks,
    /// The kitty graphics protocol (kitty, Ghostty, recent Konsole).
    Kitty,
    /// Sixel graphics (foot, mlterm, xterm -ti vt340, WezTerm, tmux built with sixel).
    Sixel,
    /// iTerm2's inline images (iTerm2, WezTerm).
    Iterm2,
}

impl Mode {
    /// The mode a config word names.
    pub fn parse(word: &str) -> Option<Mode> {
        Some(match word.trim().to_ascii_lowercase().as_str() {
            "off" | "none" | "no" | "false" => Mode::Off,
            "auto" => Mode::Auto,
            "halfblocks" | "blocks" => Mode::Halfblocks,
            "kitty" => Mode::Kitty,
            "sixel" => Mode::Sixel,
            "iterm2" | "iterm" => Mode::Iterm2,
            _ => return None,
        })
    }

    /// The words [`Mode::parse`] takes, for messages and docs.
    pub const WORDS: &str = "auto, off, halfblocks, kitty, sixel, iterm2";

    /// `Auto` decided from environment variables alone (the terminal is never queried: stdin
    /// may be a pipe of paths, and a query's answer could be taken for keys). Inside tmux or
    /// screen the graphics protocols do not reach the outer terminal reliably, so half blocks;
    /// kitty and Ghostty announce themselves; iTerm2 and WezTerm take iTerm2's images.
    pub fn detect(self, env: &dyn Fn(&str) -> Option<String>) -> Mode {
        if self != Mode::Auto {
            return self;
        }
        let has = |k: &str| env(k).is_some_and(|v| !v.is_empty());
        let term = env("TERM").unwrap_or_default();
        let program = env("TERM_PROGRAM").unwrap_or_default();
        if has("TMUX") || term.starts_with("screen") || term.starts_with("tmux") {
            return Mode::Halfblocks;
        }
        if term == "xterm-kitty" || has("KITTY_WINDOW_ID") || program == "ghostty" {
            return Mode::Kitty;
        }
        if program == "iTerm.app" || program == "WezTerm" || has("WEZTERM_EXECUTABLE") {
            return Mode::Iterm2;
        }
        if term == "dumb" || term.is_empty() {
            return Mode::Off;
        }
        Mode::Halfblocks
    }
}

/// One encoded picture's key: which picture of which article, at what size in cells.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// The article's path.
    pub article: PathBuf,
    /// Index into the article's `images`.
    pub image: usize,
    /// Columns.
    pub cols: u16,
    /// Rows.
    pub rows: u16,
}

/// What the cache holds for a key.
enum Entry {
    /// Asked for; the worker has it.
    Pending,
    /// Ready to draw.
    Ready(Box<Protocol>),
    /// Could not be shown, and why.
    Failed(String),
}

/// What the pane can draw for a picture now.
pub enum Shown<'a> {
    /// Not ready yet.
    Pending,
    /// The picture.
    Ready(Image<'a>),
    /// It cannot be shown, and why (one line).
    Failed(String),
}

#[derive(Default)]
struct Cache {
    entries: HashMap<Key, Entry>,
    order: VecDeque<Key>,
}

impl Cache {
    fn put(&mut self, key: Key, entry: Entry) {
        if self.entries.insert(key.clone(), entry).is_none() {
            self.order.push_back(key);
        }
        while self.order.len() > KEEP {
            if let Some(old) = self.order.pop_front() {
                self.entries.remove(&old);
            }
        }
    }
}

struct Job {
    key: Key,
    source: Source,
}

/// The pictures of the reading pane: a cache and the worker that fills it.
pub struct Pictures {
    mode: Mode,
    cache: Arc<Mutex<Cache>>,
    jobs: Sender<Job>,
}

impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pictures({:?})", self.mode)
    }
}

impl Pictures {
    /// Starts the worker for `mode` (already detected; not `Off` or `Auto`); `wake` is called
    /// after each picture is ready or failed, so the loop draws again.
    pub fn start(mode: Mode, font: (u16, u16), wake: Box<dyn Fn() + Send>) -> Pictures {
        let mut picker = if mode == Mode::Halfblocks {
            Picker::halfblocks()
        } else {
            #[allow(deprecated)] // the only way to set a font size without querying the terminal
            Picker::from_fontsize(ratatui_image::FontSize::new(font.0.max(1), font.1.max(1)))
        };
        picker.set_protocol_type(match mode {
            Mode::Kitty => ProtocolType::Kitty,
            Mode::Sixel => ProtocolType::Sixel,
            Mode::Iterm2 => ProtocolType::Iterm2,
            _ => ProtocolType::Halfblocks,
        });
        let cache = Arc::new(Mutex::new(Cache::default()));
        let (jobs, rx) = mpsc::channel::<Job>();
        let shared = Arc::clone(&cache);
        let spawned = std::thread::Builder::new()
            .name("pictures".into())
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    let entry = encode(&picker, &job);
                    lock(&shared).put(job.key, entry);
                    wake();
                }
            });
        if spawned.is_err() {
            // No worker: every picture stays a placeholder (asked-for entries say why).
            lock(&cache).put(
                Key {
                    article: PathBuf::new(),
                    image: usize::MAX,
                    cols: 0,
                    rows: 0,
                },
                Entry::Failed("no picture worker".into()),
            );
        }
        Pictures { mode, cache, jobs }
    }

    /// The mode pictures are drawn in.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// What can be drawn for `key` now; the first ask hands the picture to the worker.
    /// Calls `draw` with the answer while the cache is held.
    pub fn with<R>(
        &self,
        key: &Key,
        source: impl FnOnce() -> Option<Source>,
        draw: impl FnOnce(Shown<'_>) -> R,
    ) -> R {
        let mut cache = lock(&self.cache);
        if !cache.entries.contains_key(key) {
            match source() {
                Some(source) => {
                    let job = Job {
                        key: key.clone(),
                        source,
                    };
                    if self.jobs.send(job).is_ok() {
                        cache.put(key.clone(), Entry::Pending);
                    } else {
                        cache.put(key.clone(), Entry::Failed("no picture worker".into()));
                    }
                }
                None => cache.put(key.clone(), Entry::Failed("not a local picture".into())),
            }
        }
        match cache.entries.get(key) {
            Some(Entry::Ready(p)) => draw(Shown::Ready(Image::new(p))),
            Some(Entry::Failed(why)) => draw(Shown::Failed(why.clone())),
            _ => draw(Shown::Pending),
        }
    }

    /// Whether `key` is ready or failed (not waiting for the worker).
    pub fn settled(&self, key: &Key) -> bool {
        matches!(
            lock(&self.cache).entries.get(key),
            Some(Entry::Ready(_) | Entry::Failed(_))
        )
    }
}

/// The cache, even if a drawing panicked while holding it.
fn lock(cache: &Mutex<Cache>) -> MutexGuard<'_, Cache> {
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Decodes and encodes one picture for its cells.
fn encode(picker: &Picker, job: &Job) -> Entry {
    let image = match super::decode(&job.source) {
        Ok(i) => i,
        Err(e) => return Entry::Failed(crate::sanitize::clean_line(&format!("{e:#}"))),
    };
    let size = Size::new(job.key.cols, job.key.rows);
    match picker.new_protocol(image, size, Resize::Fit(None)) {
        Ok(p) => Entry::Ready(Box::new(p)),
        Err(e) => Entry::Failed(crate::sanitize::clean_line(&e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn auto_is_decided_by_the_environment() {
        let cases: [(&'static [(&str, &str)], Mode); 6] = [
            (&[("TERM", "xterm-kitty")], Mode::Kitty),
            (
                &[
                    ("TERM", "xterm-256color"),
                    ("TMUX", "/tmp/t,1,0"),
                    ("KITTY_WINDOW_ID", "1"),
                ],
                Mode::Halfblocks,
            ),
            (
                &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "iTerm.app")],
                Mode::Iterm2,
            ),
            (&[("TERM", "xterm-256color")], Mode::Halfblocks),
            (&[("TERM", "dumb")], Mode::Off),
            (&[("TERM", "screen-256color")], Mode::Halfblocks),
        ];
        for (env, want) in cases {
            assert_eq!(Mode::Auto.detect(&env_of(env)), want, "{env:?}");
        }
        // A mode given is kept.
        assert_eq!(
            Mode::Sixel.detect(&env_of(&[("TERM", "dumb")])),
            Mode::Sixel
        );
        assert_eq!(Mode::parse(" Kitty "), Some(Mode::Kitty));
        assert_eq!(Mode::parse("pictures"), None);
    }

    #[test]
    fn the_worker_fills_the_cache_and_a_bad_picture_fails_with_a_reason() {
        let (tx, rx) = mpsc::channel();
        let p = Pictures::start(
            Mode::Halfblocks,
            (10, 20),
            Box::new(move || {
                let _ = tx.send(());
            }),
        );
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(40, 40, image::Rgb([0, 90, 200]))
            .write_to(&mut png, image::ImageFormat::Png)
            .unwrap();
        let good = Key {
            article: "a.html".into(),
            image: 0,
            cols: 4,
            rows: 2,
        };
        let bad = Key {
            image: 1,
            ..good.clone()
        };
        let first = p.with(
            &good,
            || Some(Source::Data(png.into_inner())),
            |s| matches!(s, Shown::Pending),
        );
        assert!(first, "the first ask waits for the worker");
        p.with(
            &bad,
            || Some(Source::Data(b"GIF89a broken".to_vec())),
            |_| (),
        );
        for _ in 0..2 {
            rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
        }
        assert!(p.with(&good, || None, |s| matches!(s, Shown::Ready(_))));
        let why = p.with(
            &bad,
            || None,
            |s| match s {
                Shown::Failed(w) => w,
                _ => String::new(),
            },
        );
        assert!(!why.is_empty());
        // No source at all: failed at once, with a reason, and nothing sent to the worker.
        let none = Key { image: 2, ..good };
        assert!(p.with(&none, || None, |s| matches!(s, Shown::Failed(_))));
        assert!(p.settled(&none));
    }
}
