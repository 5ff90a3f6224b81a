//! Byte checks the generated validators call: an equality test and an "every byte is
//! an ASCII letter or digit" test, both for short byte strings such as a certifyId.
//!
//! They give exactly the standard library's answers (`a == b` and
//! `bytes.iter().all(u8::is_ascii_alphanumeric)`, tested below), but are shaped for
//! the sizes the rules deal in: a few bytes to a few dozen. The equality test compares
//! whole words instead of calling `memcmp`, whose call costs more than the comparison
//! at these sizes; the letter-or-digit test looks at eight bytes per step with plain
//! integer arithmetic and no branch per byte.

/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);

/// The high bit of every byte of a word.
const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether `a` and `b` hold the same bytes; the same answer as `a == b`.
///
/// Up to 16 bytes, it compares the first and the last `N` bytes of both (which may
/// overlap, so every byte is covered) as fixed-size arrays, which compile to one or
/// two integer comparisons.
// Used by the generated code only when the catalog has a `certify_id` rule.
#[allow(dead_code)]
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    match a.len() {
        0..=1 => a.first() == b.first(),
        2..=3 => same_ends::<2>(a, b),
        4..=7 => same_ends::<4>(a, b),
        8..=16 => same_ends::<8>(a, b),
        _ => a == b,
    }
}

/// Whether the first `N` and the last `N` bytes of `a` and `b` are the same.
#[inline]
fn same_ends<const N: usize>(a: &[u8], b: &[u8]) -> bool {
    (a.first_chunk::<N>() == b.first_chunk::<N>()) & (a.last_chunk::<N>() == b.last_chunk::<N>())
}

/// Whether every byte is an ASCII letter or digit; the same answer as
/// `bytes.iter().all(u8::is_ascii_alphanumeric)`.
///
/// Eight bytes at a time: the whole words from the start, then the last eight bytes,
/// which may overlap the last whole word, so every byte is checked at least once.
// Used by the generated code only when the catalog has a `certify_id` rule.
#[allow(dead_code)]
#[inline]
pub(crate) fn all_alphanumeric(bytes: &[u8]) -> bool {
    let Some(last) = bytes.last_chunk::<8>() else {
        return bytes.iter().all(u8::is_ascii_alphanumeric);
    };
    let (words, _rest) = bytes.as_chunks::<8>();
    words.iter().fold(word_is_alphanumeric(last), |ok, word| {
        ok & word_is_alphanumeric(word)
    })
}

/// Whether all eight bytes of `word` are ASCII letters or digits.
#[inline]
fn word_is_alphanumeric(word: &[u8; 8]) -> bool {
    let x = u64::from_le_bytes(*word);
    let digits = bytes_in_range(x, b'0', b'9');
    // Setting bit 5 turns `A..=Z` into `a..=z` and moves no other byte into that range.
    let letters = bytes_in_range(x | (ONES * 0x20), b'a', b'z');
    // A byte with its high bit set is not ASCII: `!x` clears its lane, so the answer
    // is false whatever the additions did to it or its neighbours.
    (digits | letters) & !x & HIGH_BITS == HIGH_BITS
}

/// For each byte `b` of `x` below `0x80`, sets the byte's high bit when
/// `lo <= b <= hi` (`lo`, `hi` ASCII), and clears it otherwise.
///
/// Adding `0x80 - lo` sets the high bit exactly when `b >= lo`; adding `0x7f - hi`
/// sets it exactly when `b > hi`. For bytes below `0x80` neither sum passes `0xff`, so
/// no byte carries into the next one.
#[inline]
const fn bytes_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x.wrapping_add(ONES * (0x80 - lo as u64));
    let above_hi = x.wrapping_add(ONES * (0x7f - hi as u64));
    at_least_lo & !above_hi
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use proptest::prelude::*;

    fn reference_alphanumeric(bytes: &[u8]) -> bool {
        bytes.iter().all(u8::is_ascii_alphanumeric)
    }

    #[test]
    fn every_byte_value_in_every_position_of_every_short_length() {
        // Each length up to 24 (below, at and across the word size), each position,
        // each of the 256 byte values, surrounded by letters and digits.
        for len in 1..=24 {
            for position in 0..len {
                for byte in 0..=u8::MAX {
                    let mut bytes: Vec<u8> = (0..len).map(|i| b"aZ09"[i % 4]).collect();
                    bytes[position] = byte;
                    assert_eq!(
                        all_alphanumeric(&bytes),
                        byte.is_ascii_alphanumeric(),
                        "byte {byte:#04x} at {position} of {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_pair_of_byte_values_in_one_word() {
        // Two neighbouring lanes, all 65,536 pairs: a carry from one lane into the
        // next would show here.
        for first in 0..=u8::MAX {
            for second in 0..=u8::MAX {
                let word = [b'q', b'7', first, second, b'K', b'0', b'z', b'9'];
                assert_eq!(
                    all_alphanumeric(&word),
                    reference_alphanumeric(&word),
                    "{first:#04x} {second:#04x}"
                );
            }
        }
    }

    #[test]
    fn the_empty_string_is_all_alphanumeric() {
        assert!(all_alphanumeric(b""));
    }

    #[test]
    fn range_edges() {
        for (byte, expected) in [
            (b'/', false),
            (b'0', true),
            (b'9', true),
            (b':', false),
            (b'@', false),
            (b'A', true),
            (b'Z', true),
            (b'[', false),
            (b'`', false),
            (b'a', true),
            (b'z', true),
            (b'{', false),
            (0x7f, false),
            (0x80, false),
            (0xff, false),
        ] {
            assert_eq!(all_alphanumeric(&[byte; 10]), expected, "{byte:#04x}");
        }
    }

    #[test]
    fn same_bytes_at_every_length_and_position() {
        for len in 0..=40 {
            let a: Vec<u8> = (0..len).map(|i| i as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "len {len}");
            for position in 0..len {
                let mut b = a.clone();
                b[position] ^= 0x01;
                assert!(!same_bytes(&a, &b), "len {len}, differs at {position}");
            }
            if let Some((_, shorter)) = a.split_last() {
                assert!(!same_bytes(&a, shorter), "len {len} against one shorter");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn all_alphanumeric_agrees_with_the_standard_library(
            // Mostly letters and digits, so that long all-valid runs are common.
            bytes in prop::collection::vec(
                prop_oneof![
                    1 => any::<u8>(),
                    15 => prop::sample::select(b"azAZ09mQ5".to_vec()),
                ],
                0..64,
            ),
        ) {
            prop_assert_eq!(all_alphanumeric(&bytes), reference_alphanumeric(&bytes));
        }

        #[test]
        fn same_bytes_agrees_with_slice_equality(
            a in prop::collection::vec(any::<u8>(), 0..40),
            edit in prop::option::of((any::<prop::sample::Index>(), 1u8..=255)),
            shorten in any::<bool>(),
        ) {
            let mut b = a.clone();
            if let Some((at, flip)) = edit {
                if !b.is_empty() {
                    let at = at.index(b.len());
                    b[at] ^= flip;
                }
            }
            if shorten {
                b.pop();
            }
            prop_assert_eq!(same_bytes(&a, &b), a == b);
        }
    }
}
