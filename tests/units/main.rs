//! The library's parts through its public API: parsers, quotes, related links, search, saved
//! state, config, themes, and the README's agreement with the code. One test crate, so it links
//! once.

// Test code: unwrap() says "this must hold" (the clippy::unwrap_used lint is for the library).
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod catalog;
mod catalog_kill;
mod catalog_links;
mod config;
mod full_disk;
mod fuzz_regressions;
mod html;
mod json;
mod json_shapes;
mod markdown;
mod markdown_shapes;
mod memory;
mod properties;
mod quotes;
mod readme;
mod resolve;
mod search;
mod search_big;
mod search_disk;
mod state;
mod state_merge;
mod theme_only;
mod themes;
mod wire;
mod wire_body;
mod wire_header;
