//! Splitting a long body into contiguous runs of blocks with about equal text, one a thread.

use std::ops::Range;

/// Splits `0..weights.len()` into at most `parts` contiguous, non-empty runs of about equal
/// total weight, in order.
pub fn split(weights: &[usize], parts: usize) -> Vec<Range<usize>> {
    let total: usize = weights.iter().sum();
    let parts = parts.clamp(1, weights.len().max(1));
    let mut runs = Vec::with_capacity(parts);
    let (mut start, mut sum) = (0, 0);
    for (i, w) in weights.iter().enumerate() {
        sum += w;
        // Run k ends once the weight so far reaches k parts' share of the total.
        if sum * parts >= total * (runs.len() + 1) && runs.len() + 1 < parts {
            runs.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < weights.len() || runs.is_empty() {
        runs.push(start..weights.len());
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_everything_in_order_with_even_weight() {
        assert_eq!(split(&[1; 10], 2), vec![0..5, 5..10]);
        assert_eq!(split(&[1; 10], 3), vec![0..4, 4..7, 7..10]);
        // A heavy item ends the run it falls in; what follows forms the next.
        assert_eq!(split(&[100, 1, 1, 1], 2), vec![0..1, 1..4]);
        assert_eq!(split(&[1, 1, 1, 100], 2), vec![0..4]);
        assert_eq!(split(&[5, 5], 8), vec![0..1, 1..2]);
        assert_eq!(split(&[0, 0, 0], 2), vec![0..1, 1..3]);
        assert_eq!(split(&[], 2), vec![0..0]);
        assert_eq!(split(&[3, 4], 1), vec![0..2]);
    }
}
