//! Edit distance with a bound: the answer only when it is within `limit`,
//! in time proportional to the length times the bound (a band of the
//! table), so that comparing one name with every path of a large checkout
//! stays cheap.

/// The Levenshtein distance (in characters) between `a` and `b` if it is
/// at most `limit`; `None` otherwise.
pub fn levenshtein_within(a: &[char], b: &str, limit: usize) -> Option<usize> {
    // Byte length bounds the character count from above, and a quarter of
    // it from below: most paths are ruled out without decoding them.
    if b.len() / 4 > a.len() + limit || b.len() + limit < a.len() {
        return None;
    }
    if b.is_ascii() {
        if bag_distance(a, b.as_bytes()) > limit {
            return None;
        }
        // No decoding, no allocation for `b`.
        return banded(a, b.as_bytes(), limit, |x, y| *x == char::from(*y));
    }
    let b: Vec<char> = b.chars().collect();
    banded(a, &b, limit, |x, y| x == y)
}

/// A lower bound of the edit distance, in time linear in the lengths: each
/// edit changes the count of at most one character (bucketed by its low
/// six bits, which only lowers the bound) up and one down, so the distance
/// is at least the larger of the total surplus and the total deficit.
fn bag_distance(a: &[char], b: &[u8]) -> usize {
    let mut counts = [0i32; 64];
    for c in a {
        counts[(*c as u32 & 63) as usize] += 1;
    }
    for c in b {
        counts[(c & 63) as usize] -= 1;
    }
    let (mut surplus, mut deficit) = (0usize, 0usize);
    for n in counts {
        if n > 0 {
            surplus += n as usize;
        } else {
            deficit += n.unsigned_abs() as usize;
        }
    }
    surplus.max(deficit)
}

/// The distance within `limit`, computing only the cells within `limit` of
/// the diagonal and stopping as soon as a whole row is over it.
fn banded<B>(a: &[char], b: &[B], limit: usize, eq: impl Fn(&char, &B) -> bool) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > limit {
        return None;
    }
    let big = limit + 1;
    let mut prev: Vec<usize> = (0..=m).map(|j| j.min(big)).collect();
    let mut cur = vec![big; m + 1];
    for i in 1..=n {
        let lo = i.saturating_sub(limit);
        let hi = (i + limit).min(m);
        // Cells left of the band are over the limit.
        cur[lo.saturating_sub(1)] = big;
        if lo == 0 {
            cur[0] = i.min(big);
        }
        let mut row_min = if lo == 0 { cur[0] } else { big };
        for j in lo.max(1)..=hi {
            let cost = usize::from(!eq(&a[i - 1], &b[j - 1]));
            // `prev[j]` right of the previous band is over the limit.
            let up = if j + 1 > i + limit { big } else { prev[j] };
            let d = (prev[j - 1] + cost).min(up + 1).min(cur[j - 1] + 1);
            cur[j] = d.min(big);
            row_min = row_min.min(cur[j]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= limit).then_some(prev[m])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        let a: Vec<char> = "secuencias".chars().collect();
        assert_eq!(levenshtein_within(&a, "secuancias", 2), Some(1));
        assert_eq!(levenshtein_within(&a, "secuencias", 0), Some(0));
        assert_eq!(levenshtein_within(&a, "other", 2), None);
        assert_eq!(levenshtein_within(&[], "ab", 2), Some(2));
        assert_eq!(levenshtein_within(&[], "abc", 2), None);
        let n: Vec<char> = "introducción".chars().collect();
        assert_eq!(levenshtein_within(&n, "introduccion", 1), Some(1));
    }

    proptest! {
        /// The bag distance never exceeds the edit distance.
        #[test]
        fn bag_is_a_lower_bound(a in "[a-z/.]{0,16}", b in "[a-z/.]{0,16}") {
            let ac: Vec<char> = a.chars().collect();
            prop_assert!(bag_distance(&ac, b.as_bytes()) <= strsim::levenshtein(&a, &b));
        }

        /// The same answer as the unbounded distance, within the bound.
        #[test]
        fn agrees_with_strsim(a in "[abcñ/]{0,12}", b in "[abcñ/]{0,12}", limit in 0usize..6) {
            let ac: Vec<char> = a.chars().collect();
            let full = strsim::levenshtein(&a, &b);
            let want = (full <= limit).then_some(full);
            prop_assert_eq!(levenshtein_within(&ac, &b, limit), want);
        }
    }
}
