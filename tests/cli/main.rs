//! The `byline` binary run as a user runs it: every mode, untrusted input, and the reference
//! article. One test crate, so it links once.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod feeds;
mod opening;
mod reference;
mod untrusted;
