//! End to end: the real binary in tmux, driven by keys as a person would. Where tmux is missing
//! these tests fail under `CI=true` and are ignored elsewhere, with the reason (the build script
//! sets `cfg(byline_no_tmux)`).

// Test code: unwrap() says "this must hold" (the clippy::unwrap_used lint is for the library).
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
mod tmux;

mod catalogue;
mod emoji;
mod habits;
mod links;
mod opening;
mod session;
mod startup;
