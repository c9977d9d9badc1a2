//! Sorting through one shared instantiation of the standard sort.
//!
//! `slice::sort_by` is generic over the element and the comparator, so every call site compiles its
//! own copy of the sort (about 10 KB of wasm each, measured: a sixth of the module's code once
//! there were thirty sites). Here the elements are ordered by index with a comparator behind a
//! `dyn` reference, so there is one copy of the sort; each call site adds only a small permutation.
//! The sort is stable, like `sort_by`. Hot paths with a single call site may keep the standard one.

use std::cmp::Ordering;

/// Stable sort of `items` by `compare` (the same result as `items.sort_by(compare)`).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Stable sort of `items` by a key (the same result as `items.sort_by_key(key)`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sort of `items` in their natural order (the same result as `items.sort()`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[inline(never)]
fn sort_indices(order: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Rearrange `items` so that the new `items[i]` is the old `items[order[i]]`, following each cycle
/// of the permutation with swaps (no second buffer of `T`).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut current = start;
        while order[current] != DONE {
            let next = order[current];
            order[current] = DONE;
            if next == start {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_stable_sort() {
        // A small linear congruential generator: many ties, many lengths, deterministic.
        let mut state = 12345u64;
        let mut next = move || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        for len in 0..200 {
            let items: Vec<(u32, u32)> = (0..len).map(|i| (next() % 7, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = items.clone();
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, expected, "length {len}");
            let mut reversed = items.clone();
            sort_by(&mut reversed, |a, b| b.cmp(a));
            let mut expected = items;
            expected.sort_by(|a, b| b.cmp(a));
            assert_eq!(reversed, expected);
        }
    }

    #[test]
    fn sorts_strings_and_moves_owned_values() {
        let mut words: Vec<String> = ["丙", "b", "甲", "a", "b"].iter().map(|s| s.to_string()).collect();
        sort(&mut words);
        assert_eq!(words, ["a", "b", "b", "丙", "甲"]);
    }
}
