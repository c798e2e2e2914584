//! Drawing the reader: one module per pane or overlay, plus the theme.

pub mod theme;
pub mod theme_file;
