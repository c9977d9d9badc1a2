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

/// A set kept as a sorted vector without duplicates, for the small sets the checks build and then
/// query or walk in order. Same order and answers as a `BTreeSet`, but built through the one
/// shared sort: each `BTreeSet` element type compiled its own B-tree and sort (wasm size).
/// Inserting one element is linear; collect or extend in bulk where a set grows large.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `item`; false if it was there already.
    pub fn insert(&mut self, item: T) -> bool {
        match self.0.binary_search(&item) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, item);
                true
            }
        }
    }

    /// Like `BTreeSet::contains`: `item` may be any borrowed form of the elements.
    pub fn contains<Q: Ord + ?Sized>(&self, item: &Q) -> bool
    where
        T: std::borrow::Borrow<Q>,
    {
        self.0.binary_search_by(|x| x.borrow().cmp(item)).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The elements in ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Whether every element of `self` is in `other`.
    pub fn is_subset(&self, other: &SortedSet<T>) -> bool {
        self.0.iter().all(|x| other.contains(x))
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut v: Vec<T> = items.into_iter().collect();
        sort(&mut v);
        v.dedup();
        SortedSet(v)
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        let mut v = std::mem::take(&mut self.0);
        v.extend(items);
        *self = v.into_iter().collect();
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
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
    fn sorted_set_answers_like_a_btree_set() {
        use std::collections::BTreeSet;
        let mut state = 99u64;
        let mut next = move || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as u32 % 50
        };
        for round in 0..50 {
            let items: Vec<u32> = (0..round).map(|_| next()).collect();
            let b: BTreeSet<u32> = items.iter().copied().collect();
            let mut s: SortedSet<u32> = items.iter().copied().take(round / 2).collect();
            s.extend(items.iter().copied().skip(round / 2).take(round / 4));
            for &x in items.iter().skip(round / 2 + round / 4) {
                let was = s.contains(&x);
                assert_eq!(s.insert(x), !was);
            }
            let s2: SortedSet<u32> = items.iter().copied().collect();
            assert_eq!(s.iter().copied().collect::<Vec<_>>(), b.iter().copied().collect::<Vec<_>>());
            assert_eq!(s, s2);
            assert_eq!(s.len(), b.len());
            for x in 0..50 {
                assert_eq!(s.contains(&x), b.contains(&x));
            }
            let half: SortedSet<u32> = b.iter().copied().filter(|x| x % 2 == 0).collect();
            assert!(half.is_subset(&s));
            assert_eq!(s.is_subset(&half), b.iter().all(|x| x % 2 == 0));
        }
        let mut s = SortedSet::new();
        assert!(s.insert("b") && s.insert("a") && !s.insert("b"));
        assert_eq!(s.into_iter().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn sorts_strings_and_moves_owned_values() {
        let mut words: Vec<String> = ["丙", "b", "甲", "a", "b"].iter().map(|s| s.to_string()).collect();
        sort(&mut words);
        assert_eq!(words, ["a", "b", "b", "丙", "甲"]);
    }
}
