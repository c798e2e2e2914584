//! byline: a terminal reader for the news articles you keep on disk.
#![forbid(unsafe_code)]

pub mod app;
pub mod article;
pub mod cli;
pub mod config;
pub mod input;
pub mod load;
pub mod modes;
pub mod render;
pub mod search;
pub mod settings;
pub mod state;
pub mod text;
pub mod tui;
pub mod ui;
pub mod work;
