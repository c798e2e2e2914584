//! Text handling shared by the loaders, the reader and the printer: sanitising and typesetting.

pub mod sanitize;
pub mod typeset;
