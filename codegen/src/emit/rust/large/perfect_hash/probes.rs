//! Which words of its keys the perfect hash of one key length reads: as few as tell
//! every two of its keys apart, so that hashing a long key costs a few loads, not a pass
//! over it.

use super::shared::{folded_words, word_at, Combine};

/// The offsets of the words the hash of `keys` (all of one length) reads, and how it
/// combines them: folded if some offsets fold every key into a pair of words no other
/// key has, else chained. Keys under 8 bytes are hashed whole, with no offsets.
pub(super) fn choose_offsets(keys: &[&[u8]]) -> (Vec<usize>, Combine) {
    if keys.iter().all(|key| key.len() < 8) {
        return (Vec::new(), Combine::Folded);
    }
    let folded = |key: &[u8], offsets: &[usize]| folded_words(key, offsets);
    if let Some(offsets) = greedy_offsets(keys, folded) {
        return (offsets, Combine::Folded);
    }
    let offsets = greedy_offsets(keys, chained_words).unwrap_or_else(|| every_offset(keys));
    (offsets, Combine::Chained)
}

/// The words a chained hash reads at `offsets`: their signature when chained.
fn chained_words(key: &[u8], offsets: &[usize]) -> Vec<u64> {
    offsets.iter().map(|offset| word_at(key, *offset)).collect()
}

/// While two keys have the same `signature`, the offset that leaves the fewest such
/// keys (the first of them in [`every_offset`]'s order), starting from none; `None` if
/// all of them leave two keys alike. For the chained signature (the words themselves)
/// that never happens: the words at all offsets together cover every byte.
fn greedy_offsets<S: Ord>(
    keys: &[&[u8]],
    signature: impl Fn(&[u8], &[usize]) -> S,
) -> Option<Vec<usize>> {
    let mut candidates = every_offset(keys);
    let mut offsets = Vec::new();
    let mut alike = keys_alike(keys, &offsets, &signature);
    while alike > 0 {
        let (best, left) = candidates
            .iter()
            .enumerate()
            .map(|(index, offset)| {
                offsets.push(*offset);
                let left = keys_alike(keys, &offsets, &signature);
                offsets.pop();
                (index, left)
            })
            .min_by_key(|(index, left)| (*left, *index))?;
        offsets.push(candidates.remove(best));
        alike = left;
    }
    Some(offsets)
}

/// Every offset a word can be read at in keys of this length (none under 8 bytes): the
/// first word, the last, then every other from the start.
fn every_offset(keys: &[&[u8]]) -> Vec<usize> {
    let Some(last) = keys.first().and_then(|key| key.len().checked_sub(8)) else {
        return Vec::new();
    };
    let mut offsets = vec![0];
    if last > 0 {
        offsets.push(last);
    }
    offsets.extend(1..last);
    offsets
}

/// How many of `keys` have the same `signature` at `offsets` as another key (sorted,
/// not hashed: this runs once per candidate offset, and sorting a few hundred pairs of
/// words is cheaper).
fn keys_alike<S: Ord>(
    keys: &[&[u8]],
    offsets: &[usize],
    signature: impl Fn(&[u8], &[usize]) -> S,
) -> usize {
    let mut signatures: Vec<S> = keys.iter().map(|key| signature(key, offsets)).collect();
    signatures.sort_unstable();
    signatures
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() > 1)
        .map(<[S]>::len)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many of `keys` the chosen offsets leave alike, as the hash combines them.
    fn left_alike(keys: &[&str]) -> usize {
        let keys: Vec<&[u8]> = keys.iter().map(|key| key.as_bytes()).collect();
        let (offsets, combine) = choose_offsets(&keys);
        match combine {
            Combine::Folded => keys_alike(&keys, &offsets, folded_words),
            Combine::Chained => keys_alike(&keys, &offsets, chained_words),
        }
    }

    fn offsets_of(keys: &[&str]) -> (Vec<usize>, Combine) {
        let keys: Vec<&[u8]> = keys.iter().map(|key| key.as_bytes()).collect();
        choose_offsets(&keys)
    }

    #[test]
    fn one_word_that_tells_the_keys_apart_is_enough() {
        // Bytes 1 to 8 differ between every two of these keys.
        let keys = [
            "Invalid.Disk.Size",
            "Invalid.Zone.Size",
            "Missing.Disk.Size",
        ];
        assert_eq!(offsets_of(&keys), (vec![1], Combine::Folded));
        assert_eq!(left_alike(&keys), 0);
    }

    #[test]
    fn keys_that_differ_only_in_the_middle_are_read_in_the_middle() {
        let keys = [
            "SamePrefix.Alpha.SameSuffix",
            "SamePrefix.Bravo.SameSuffix",
            "SamePrefix.Delta.SameSuffix",
        ];
        let (offsets, _) = offsets_of(&keys);
        assert_eq!(offsets.len(), 1, "{offsets:?}");
        assert!((4..=11).contains(&offsets[0]), "{offsets:?}");
        assert_eq!(left_alike(&keys), 0);
    }

    #[test]
    fn keys_alike_in_every_word_but_two_need_two() {
        let keys = [
            "AAAAAAAA.BBBBBBBB.CCCCCCCC",
            "AAAAAAAA.BBBBBBBB.CCCCCCCD",
            "AAAAAAAB.BBBBBBBB.CCCCCCCC",
        ];
        let (offsets, _) = offsets_of(&keys);
        assert_eq!(offsets.len(), 2, "{offsets:?}");
        assert_eq!(left_alike(&keys), 0);
    }

    #[test]
    fn short_keys_no_keys_and_one_key_read_no_words() {
        assert_eq!(offsets_of(&[]), (vec![], Combine::Folded));
        assert_eq!(offsets_of(&["abc", "abd"]), (vec![], Combine::Folded));
        assert_eq!(offsets_of(&["abcdefgh"]), (vec![], Combine::Folded));
    }

    #[test]
    fn long_keys_alike_but_for_one_byte_anywhere_are_told_apart() {
        let base = "x".repeat(70);
        let keys: Vec<String> = (0..70)
            .map(|at| {
                let mut key = base.clone().into_bytes();
                key[at] = b'y';
                String::from_utf8(key).expect("ASCII")
            })
            .collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert_eq!(left_alike(&keys), 0);
    }

    #[test]
    fn every_offset_covers_every_byte() {
        for length in 8..100 {
            let key = vec![b'k'; length];
            let offsets = every_offset(&[&key]);
            let mut covered = vec![false; length];
            for offset in offsets {
                covered[offset..offset + 8].fill(true);
            }
            assert!(covered.iter().all(|byte| *byte), "{length}");
        }
    }

    #[test]
    fn a_signature_no_offset_can_tell_apart_gives_no_offsets() {
        let keys: Vec<&[u8]> = vec![b"0123456789abcdefXYZ", b"0123456789abcdefXYz"];
        assert_eq!(greedy_offsets(&keys, |_: &[u8], _: &[usize]| 0u8), None);
        assert!(greedy_offsets(&keys, chained_words).is_some());
    }
}
