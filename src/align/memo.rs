//! Results of pure functions of a word, remembered per thread: the same words come back in
//! sentence after sentence and release after release, and reading a word is most of the cost of
//! a sentence's profile.

use rustc_hash::FxBuildHasher;

/// A bounded map from a word to what was computed from it, forgotten all at once when full, so
/// that memory does not grow with the number of releases a thread aligns.
pub(crate) struct Memo<V> {
    map: hashbrown::HashMap<String, V, FxBuildHasher>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo { map: hashbrown::HashMap::with_hasher(FxBuildHasher) }
    }
}

impl<V> Memo<V> {
    /// Words remembered at most; about a hundred bytes each.
    const CAPACITY: usize = 50_000;

    /// What `compute` gives for `word`, computed at most once while remembered. The word is
    /// hashed once and copied only when it is new.
    pub fn get_or_insert(&mut self, word: &str, compute: impl FnOnce() -> V) -> &V {
        if self.map.len() >= Self::CAPACITY && !self.map.contains_key(word) {
            self.map.clear();
        }
        self.map.entry_ref(word).or_insert_with(compute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_and_forgets_when_full() {
        let mut memo = Memo::default();
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                *memo.get_or_insert("word", || {
                    calls += 1;
                    7
                }),
                7
            );
        }
        assert_eq!(calls, 1);
        for n in 0..Memo::<u32>::CAPACITY + 10 {
            memo.get_or_insert(&n.to_string(), || 0);
        }
        assert!(memo.map.len() <= Memo::<u32>::CAPACITY);
        assert_eq!(*memo.get_or_insert("word", || 8), 8, "forgotten after the clear");
    }
}
