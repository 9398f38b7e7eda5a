//! Results of pure functions of a word, remembered per thread: the same words come back in
//! sentence after sentence and release after release, and reading a word is most of the cost of
//! a sentence's profile.

use rustc_hash::FxBuildHasher;

/// A bounded map from a word to what was computed from it, forgotten all at once when full, so
/// that memory does not grow with the number of releases a thread aligns.
pub(crate) struct Memo<V> {
    /// Words of at most [`PACKED_BYTES`] bytes, packed into the key itself: most words, looked
    /// up without following a pointer or comparing strings byte by byte.
    short: hashbrown::HashMap<u128, V, FxBuildHasher>,
    /// Longer words.
    long: hashbrown::HashMap<String, V, FxBuildHasher>,
}

/// The longest word packed into a `u128` key (the last byte holds the length).
const PACKED_BYTES: usize = 15;

/// `word` as one integer (its bytes, then its length in the last byte); `None` when it is
/// longer than [`PACKED_BYTES`]. Different words give different keys.
fn pack(word: &str) -> Option<u128> {
    let mut bytes = [0u8; 16];
    bytes.get_mut(..word.len()).filter(|_| word.len() <= PACKED_BYTES)?.copy_from_slice(word.as_bytes());
    bytes[15] = word.len() as u8;
    Some(u128::from_le_bytes(bytes))
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            short: hashbrown::HashMap::with_hasher(FxBuildHasher),
            long: hashbrown::HashMap::with_hasher(FxBuildHasher),
        }
    }
}

impl<V> Memo<V> {
    /// Words remembered at most; about a hundred bytes each.
    const CAPACITY: usize = 50_000;

    /// What `compute` gives for `word`, computed at most once while remembered. The word is
    /// hashed once, and copied only when it is new and too long to pack.
    pub fn get_or_insert(&mut self, word: &str, compute: impl FnOnce() -> V) -> &V {
        let packed = pack(word);
        let known = |memo: &Self| match packed {
            Some(key) => memo.short.contains_key(&key),
            None => memo.long.contains_key(word),
        };
        if self.short.len() + self.long.len() >= Self::CAPACITY && !known(self) {
            self.short.clear();
            self.long.clear();
        }
        match packed {
            Some(key) => self.short.entry(key).or_insert_with(compute),
            None => self.long.entry_ref(word).or_insert_with(compute),
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_and_forgets_when_full() {
        let mut memo = Memo::default();
        let mut calls = 0;
        for word in ["word", "a word longer than fifteen bytes", "word", "a word longer than fifteen bytes"] {
            memo.get_or_insert(word, || {
                calls += 1;
                word.len()
            });
        }
        assert_eq!(calls, 2);
        assert_eq!(*memo.get_or_insert("a word longer than fifteen bytes", || 0), 32);
        for n in 0..Memo::<u32>::CAPACITY + 10 {
            memo.get_or_insert(&n.to_string(), || 0);
        }
        assert!(memo.len() <= Memo::<usize>::CAPACITY);
        assert_eq!(*memo.get_or_insert("word", || 8), 8, "forgotten after the clear");
    }

    #[test]
    fn packed_keys_tell_words_apart() {
        // Same bytes, different lengths; the longest that packs; one byte more does not.
        assert_ne!(pack("ab"), pack("ab\0"));
        assert_ne!(pack(""), pack("\0"));
        assert!(pack("fifteen bytes!!").is_some() && pack("sixteen bytes!!!").is_none());
        assert_ne!(pack("대한민국의"), pack("대한민국을"));
        let mut memo = Memo::default();
        assert_eq!(*memo.get_or_insert("ab", || 1), 1);
        assert_eq!(*memo.get_or_insert("ab\0", || 2), 2);
        assert_eq!(*memo.get_or_insert("ab", || 3), 1);
    }
}
