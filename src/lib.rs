//! byline: a terminal reader for the news articles you keep on disk.
#![forbid(unsafe_code)]

// Listed in layer order, lowest first: a module should import only those above it.
pub mod app;
pub mod article;
pub mod cli;
pub mod config;
mod files;
mod journal;
pub mod load;
pub mod pictures;
pub mod print;
pub mod run;
pub mod sanitize;
pub mod search;
pub mod settings;
pub mod source;
pub mod state;
pub mod text;
pub mod theme;
mod tui;
pub mod ui;
mod work;

/// For tests of a full disk without one: see the journal's write path.
#[doc(hidden)]
pub use journal::pretend_full;

/// The allocator of every program built on this crate (the binary, its tests and benchmarks).
/// Reading a long article makes hundreds of thousands of small strings and vectors; mimalloc
/// hands them out and takes them back in about two thirds of the time the system allocator
/// needs, and touches fewer fresh pages doing it (see the README's Performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
