//! The quote finder: quoted passages in each block and who said them (layout.md, "Quotes").

use super::{Block, Quote};

/// Finds every quoted passage in `blocks`, in block order then by start offset.
pub fn find_quotes(_blocks: &[Block]) -> Vec<Quote> {
    // Placeholder until the quote finder lands.
    Vec::new()
}
