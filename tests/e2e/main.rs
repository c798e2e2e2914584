//! End to end: the real binary in tmux, driven by keys as a person would. Where tmux is missing
//! these tests fail under `CI=true` and are skipped, saying so, elsewhere.

#[path = "../common/mod.rs"]
mod common;
mod tmux;

mod opening;
mod session;
mod startup;
