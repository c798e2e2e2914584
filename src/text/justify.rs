//! Full justification of one line: spreading spaces so the words fill the measure exactly.

use unicode_width::UnicodeWidthStr;

/// Joins `words` with spaces so the line is exactly `width` terminal columns wide.
///
/// Every gap gets at least one space; the extra spaces are shared out evenly, and when they do not
/// divide evenly the leftmost gaps get one more. A line of one word (or none) is returned as is,
/// never stretched, and a line whose words already need `width` columns or more is joined with
/// single spaces. The work is linear in the total length of the words.
pub fn justify(words: &[&str], width: usize) -> String {
    let total: usize = words.iter().map(|w| w.width()).sum();
    let gaps = words.len().saturating_sub(1);
    let natural = total + gaps;
    if gaps == 0 || natural >= width {
        return words.join(" ");
    }
    let extra = width - natural;
    let (each, wider) = (extra / gaps, extra % gaps);
    let mut line = String::with_capacity(words.iter().map(|w| w.len()).sum::<usize>() + width);
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            // Gap i-1: one base space, the even share, and one more for the first `wider` gaps.
            let spaces = 1 + each + usize::from(i - 1 < wider);
            line.extend(std::iter::repeat_n(' ', spaces));
        }
        line.push_str(word);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaps(line: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut run = 0;
        for c in line.chars() {
            if c == ' ' {
                run += 1;
            } else if run > 0 {
                out.push(run);
                run = 0;
            }
        }
        out
    }

    #[test]
    fn fills_the_width_exactly() {
        let words = [
            "The", "council", "voted", "on", "Tuesday", "to", "close", "the", "pier",
        ];
        for n in 2..=words.len() {
            let natural: usize = words[..n].iter().map(|w| w.len()).sum::<usize>() + n - 1;
            for width in natural..natural + 40 {
                let line = justify(&words[..n], width);
                assert_eq!(line.width(), width, "{n} words at {width}: {line:?}");
                let back: Vec<&str> = line.split_whitespace().collect();
                assert_eq!(back, &words[..n]);
            }
        }
    }

    #[test]
    fn wide_characters_count_as_two_columns() {
        let words = ["東京", "の", "市場", "x"];
        // 4 + 2 + 4 + 1 columns of text and three gaps.
        for width in 14..40 {
            assert_eq!(justify(&words, width).width(), width);
        }
    }

    #[test]
    fn extra_spaces_go_left_first_and_differ_by_at_most_one() {
        let line = justify(&["a", "b", "c", "d"], 12);
        let g = gaps(&line);
        assert_eq!(g.len(), 3);
        assert!(g.windows(2).all(|w| w[0] >= w[1]), "{g:?}");
        assert!(g[0] - g[2] <= 1, "{g:?}");
    }

    #[test]
    fn one_word_is_not_stretched() {
        assert_eq!(justify(&["Headline"], 40), "Headline");
        assert_eq!(justify(&[], 40), "");
    }

    #[test]
    fn overfull_line_keeps_single_spaces() {
        assert_eq!(justify(&["abcdef", "ghijkl"], 5), "abcdef ghijkl");
    }
}
