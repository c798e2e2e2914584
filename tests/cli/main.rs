//! The `byline` binary run as a user runs it: every mode, untrusted input, and the reference
//! article. One test crate, so it links once.

#[path = "../common/mod.rs"]
mod common;

mod catalogue;
mod commands;
mod reference;
mod untrusted;
