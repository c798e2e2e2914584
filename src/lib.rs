//! byline: a terminal reader for the news articles you keep on disk.
//!
//! The crate's public face is what the binary, the four test crates, the benches and the
//! examples use. The model and its layers (`article`, `load`, `text`, `app`, `search`,
//! `state`, `config`, `theme`) are public modules: the tests drive each layer through its own
//! API. The outer parts (`cli`, `settings`, `source`, `sanitize`, `ui`, `print`, `pictures`)
//! are private and only the few items used outside are re-exported below, so the compiler
//! reports what in them nothing uses (`tools/dead-code` does the same for the public modules).
// Denied everywhere; the one exception is `work::give_back`, a call into the allocator.
#![deny(unsafe_code)]

// The model's layers are public modules; the outer parts are private (re-exports below).
pub mod app;
pub mod article;
mod cli;
pub mod config;
pub mod load;
mod pictures;
mod print;
pub mod run;
mod sanitize;
pub mod search;
mod settings;
mod source;
pub mod state;
pub mod text;
pub mod theme;
mod tui;
mod ui;
// Helpers any part may use.
mod files;
mod journal;
mod work;

pub use cli::{Cli, ColorChoice};
/// For tests of a full disk without one: see the journal's write path.
#[doc(hidden)]
pub use journal::pretend_full;
pub use pictures::service::Mode as PictureMode;
pub use print::{print, write as print_to};
pub use sanitize::{clean_line, clean_text, decode, stand_in};
pub use settings::load as load_settings;
pub use source::{Separator, read as read_source};
pub use ui::{render, untitled_name};

/// The allocator of every program built on this crate (the binary, its tests and benchmarks).
/// Reading a long article makes hundreds of thousands of small strings and vectors; mimalloc
/// hands them out and takes them back in about two thirds of the time the system allocator
/// needs, and touches fewer fresh pages doing it (see the README's Performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
