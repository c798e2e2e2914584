//! The interactive reader without a terminal: `App::update` on actions, and screens drawn on a
//! `TestBackend` checked with insta snapshots. One test crate, so it links once.

// Test code: unwrap() says "this must hold" (the clippy::unwrap_used lint is for the library).
#![allow(clippy::unwrap_used)]

mod common;
/// The temporary-library helpers the other test crates share.
#[path = "../common/mod.rs"]
mod files;

mod body_links;
mod command_line;
mod find_search_live;
mod habits;
mod keys;
mod lazy_links;
mod library;
mod links;
mod list_pane;
mod opening;
mod pictures;
mod preview;
mod prompt;
mod screens;
mod sorts;
mod state_ids;
mod update;
