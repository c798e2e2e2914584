//! Related-link resolution: each related headline to a library article, and the backlinks.

use crate::article::Article;

/// Resolves every related headline of `articles` against their titles and fills `backlinks`.
pub fn resolve_all(_articles: &mut [Article]) {}
