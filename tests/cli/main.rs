//! The `byline` binary run as a user runs it: every mode, untrusted input, and the reference
//! article. One test crate, so it links once.

// Test code: unwrap() says "this must hold" (the clippy::unwrap_used lint is for the library).
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod catalogue;
mod commands;
mod docs;
mod feeds;
mod limits;
mod list_null;
mod opening;
mod reference;
mod untrusted;
