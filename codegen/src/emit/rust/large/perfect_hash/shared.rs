//! The code both the generator and every generated perfect-hash lookup run: the hash of
//! a key, the slot it leads to, and the comparison with the key found there. It is
//! compiled here and its source is pasted into generated code by [`shared_core_tokens`],
//! so the tables the generator builds and the code that reads them cannot disagree.

use proc_macro2::TokenStream;

/// Defines the items the generator and the generated code share, and
/// `shared_core_tokens()`, which returns their source as tokens.
macro_rules! shared_core {
    ($($item:item)*) => {
        $($item)*

        /// The source of the shared items, to paste into generated code.
        pub(super) fn shared_core_tokens() -> TokenStream {
            stringify!($($item)*)
                .parse()
                .expect("the shared core is valid Rust")
        }
    };
}

shared_core! {
    /// How the hash combines the words (8 bytes each) it reads of a key.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Combine {
        /// The words are folded into two by `xor` and the two are mixed once: the
        /// cheapest, used when the folded pair still tells every two keys of the length
        /// apart.
        Folded,
        /// The words are mixed in two at a time (the last with its complement if they
        /// are odd), one multiplication per pair: used when folding would make two keys
        /// alike.
        Chained,
    }

    /// The perfect hash of the keys of one length: where the hash reads their words, how
    /// it combines them, its seed, one pilot per bucket and one row index per slot.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub(crate) struct Group<'a> {
        /// The offset of each word the hash reads.
        pub(crate) offsets: &'a [usize],
        /// How the hash combines them.
        pub(crate) combine: Combine,
        /// The seed of the hash.
        pub(crate) seed: u64,
        /// One pilot per bucket (a power of two of them).
        pub(crate) pilots: &'a [u16],
        /// One row index per slot (a power of two of them); a slot no key leads to
        /// holds another row of the group.
        pub(crate) slots: &'a [u32],
    }

    /// Multiplies two words into 128 bits and folds the halves together: every bit of
    /// the result depends on every bit of both words.
    #[inline(always)]
    pub(super) fn fold_multiply(a: u64, b: u64) -> u64 {
        let product = u128::from(a) * u128::from(b);
        (product as u64) ^ ((product >> 64) as u64)
    }

    /// Mixes two words of the key into `hash`: its low half is mixed into one word and
    /// its high half into the other, each sign-extended, so that when `hash` is a
    /// constant (a seed) each is a 32-bit immediate operand, not a 64-bit load.
    #[inline(always)]
    pub(super) fn mix(hash: u64, a: u64, b: u64) -> u64 {
        let low = i64::from(hash as u32 as i32) as u64;
        let high = i64::from((hash >> 32) as u32 as i32) as u64;
        fold_multiply(a ^ low, b ^ high)
    }

    /// The word of `key` at `offset`, or 0 past its end.
    #[inline(always)]
    pub(super) fn word_at(key: &[u8], offset: usize) -> u64 {
        match key.get(offset..).and_then(<[u8]>::first_chunk::<8>) {
            Some(word) => u64::from_le_bytes(*word),
            None => 0,
        }
    }

    /// The two words of a key under 8 bytes: the first holds each of its bytes (the
    /// first and last 4 of a key of 4 to 7 bytes, overlapping; the first, middle and
    /// last of a shorter one, repeated), filling all 64 bits so that [`mix`]'s
    /// multiplication spreads them; the second is its complement.
    #[inline(always)]
    pub(super) fn short_words(key: &[u8]) -> (u64, u64) {
        let word = if let (Some(first), Some(last)) =
            (key.first_chunk::<4>(), key.last_chunk::<4>())
        {
            (u64::from(u32::from_le_bytes(*first)) << 32) | u64::from(u32::from_le_bytes(*last))
        } else {
            let spread = match key {
                [] => 0,
                [first, ..] => {
                    (u64::from(*first) << 16)
                        | (u64::from(key[key.len() / 2]) << 8)
                        | u64::from(key[key.len() - 1])
                }
            };
            spread | (spread << 24) | (spread << 48)
        };
        (word, !word)
    }

    /// The two words the words at `offsets` fold into ([`Combine::Folded`]): the words
    /// in even places into the first, the others into the second (the complement of the
    /// first if there is one word), so that both fill 64 bits for [`mix`].
    #[inline(always)]
    pub(super) fn folded_words(key: &[u8], offsets: &[usize]) -> (u64, u64) {
        let (mut a, mut b) = (0, 0);
        let mut place = 0;
        while place < offsets.len() {
            let word = word_at(key, offsets[place]);
            if place % 2 == 0 {
                a ^= word;
            } else {
                b ^= word;
            }
            place += 1;
        }
        if offsets.len() == 1 {
            b = !a;
        }
        (a, b)
    }

    /// The hash under `seed` of `key`, whose length every key of its group has: of its
    /// [`short_words`] under 8 bytes, else of its words at `offsets`, combined as
    /// `combine` says.
    #[inline(always)]
    pub(super) fn key_hash(key: &[u8], seed: u64, offsets: &[usize], combine: Combine) -> u64 {
        if key.len() < 8 {
            let (a, b) = short_words(key);
            return mix(seed, a, b);
        }
        if combine == Combine::Folded {
            let (a, b) = folded_words(key, offsets);
            return mix(seed, a, b);
        }
        let mut hash = seed;
        let mut place = 0;
        while place < offsets.len() {
            let a = word_at(key, offsets[place]);
            let b = match offsets.get(place + 1) {
                Some(offset) => word_at(key, *offset),
                None => !a,
            };
            hash = mix(hash, a, b);
            place += 2;
        }
        hash
    }

    /// The bucket of a key with hash `hash`: its top `bits` bits.
    #[inline(always)]
    pub(super) fn bucket_of(hash: u64, bits: u32) -> usize {
        (hash >> (63 - bits) >> 1) as usize
    }

    /// The slot of a key with hash `hash` whose bucket has `pilot`, among `slots` (a
    /// power of two): the hash's low bits, displaced by the pilot.
    #[inline(always)]
    pub(super) fn slot_of(hash: u64, pilot: u16, slots: usize) -> usize {
        (hash as usize ^ usize::from(pilot)) & slots.wrapping_sub(1)
    }

    /// The row index `key` leads to in `group`, or `None` if the group has no slots.
    #[inline(always)]
    pub(super) fn index_in(key: &[u8], group: &Group<'_>) -> Option<usize> {
        let hash = key_hash(key, group.seed, group.offsets, group.combine);
        let bits = group.pilots.len().trailing_zeros();
        let pilot = *group.pilots.get(bucket_of(hash, bits))?;
        let index = *group.slots.get(slot_of(hash, pilot, group.slots.len()))?;
        usize::try_from(index).ok()
    }

    /// The row of `group` that `key`, of exactly `LENGTH` bytes, is, if any: the only row
    /// it can be is the one its slot holds, so it is that row if their keys are equal.
    /// `row` gives a row index's key and row. Every slot of a group, a free one too,
    /// holds a row of the group (the generator checks it), so the key found there has
    /// `LENGTH` bytes and comparing that many compares the whole keys. The length being
    /// a constant here, the hash reads words at fixed places and the comparison is a
    /// few loads. Only generated code and the generator's tests call it.
    #[allow(dead_code)]
    #[inline(always)]
    pub(super) fn find_in<'k, const LENGTH: usize, T>(
        key: &[u8],
        group: &Group<'_>,
        row: impl Fn(usize) -> Option<(&'k [u8], T)>,
    ) -> Option<T> {
        let key = key.first_chunk::<LENGTH>()?;
        let (candidate, found) = row(index_in(key, group)?)?;
        let candidate = candidate.first_chunk::<LENGTH>()?;
        same_key(candidate, key).then_some(found)
    }

    /// Whether two keys of `LENGTH` bytes are equal: for 33 to 64 bytes, compared in
    /// overlapping pieces of 16 bytes (the compiler calls `bcmp` for those lengths).
    #[inline(always)]
    pub(super) fn same_key<const LENGTH: usize>(a: &[u8; LENGTH], b: &[u8; LENGTH]) -> bool {
        if LENGTH <= 32 || LENGTH > 64 {
            return a == b;
        }
        let piece = |key: &[u8; LENGTH], at: usize| -> Option<[u8; 16]> {
            key.get(at.min(LENGTH - 16)..)?.first_chunk::<16>().copied()
        };
        let mut equal = true;
        let mut at = 0;
        while at < LENGTH {
            equal &= piece(a, at) == piece(b, at);
            at += 16;
        }
        equal
    }
}
