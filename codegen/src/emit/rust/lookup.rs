//! A table's lookup `from_<key>`: the row whose key is exactly the given text.
//!
//! The generator picks one of two strategies per table, both plain Rust with no
//! dependency, no allocation and no `unsafe`, both giving the same answers:
//!
//! - **`match`** on the key, for tables of at most [`MATCH_MAX_ROWS`] rows of which at
//!   most [`MATCH_MAX_SAME_LENGTH`] share a length. LLVM turns it into a jump on the
//!   length and one comparison with each key of that length, inlined against constants:
//!   nothing is faster for a handful of keys, but the cost grows with the keys that share
//!   a length, and a `match` of thousands of arms costs LLVM minutes in a release build.
//! - **A perfect hash** for every other table, whose cost does not depend on the number
//!   of keys. A text of a length no key has is rejected at once. Otherwise its bytes are
//!   hashed 16 at a time with a 128-bit multiplication (as wyhash does); the hash's top
//!   bits choose a bucket, whose *pilot* (a static table) displaces the hash's low bits
//!   to a slot (a static table of row indexes); the text is then compared with that one
//!   row's key, in words, which rejects every text that is not a key. The seed and the
//!   pilots are searched here, at generation time, in a fixed order, so the output is the
//!   same on every run. The search follows PTHash (Pibiri and Trani, 2021): buckets by
//!   decreasing size, each getting the first pilot that sends all its keys to free slots.
//!
//! The hash, slot and comparison functions are written once, in `shared_core!`: the
//! generator compiles them to build the tables and pastes the very same source into each
//! generated perfect-hash lookup, so the two cannot disagree.

use std::cmp::Reverse;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::tokens::{doc, ident};
use crate::model::Table;

/// Tables with more rows than this get a perfect hash. Measured with callgrind on
/// synthetic tables (`bench/scale.sh`), a `match` costs about 27 instructions per hit at
/// 16 rows, 42 at 64, 61 at 128 and 97 at 256, and the perfect hash 60 to 78 at any size;
/// a `match` of thousands of arms also costs LLVM minutes in a release build.
pub(crate) const MATCH_MAX_ROWS: usize = 128;

/// Tables in which more keys than this share one length get a perfect hash: a `match`
/// compares the text with each key of its length in turn (a miss with all of them), so
/// its cost follows this number. At 8 (synthetic tables of 64 rows) a `match` costs 42
/// instructions per hit and 61 per miss; at 14 (128 rows), 61 and 99, where the perfect
/// hash costs 65 and 45.
pub(crate) const MATCH_MAX_SAME_LENGTH: usize = 8;

/// Keys per bucket, at most on average: fewer buckets make a smaller pilot table and a
/// slower search.
const BUCKET_SIZE: usize = 4;

/// How many seeds are tried for one table size before the table grows.
const SEEDS_PER_SIZE: u64 = 64;

/// How a table's lookup works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// A `match` on the key.
    Match,
    /// A perfect hash.
    PerfectHash(PerfectHash),
}

/// A perfect hash of a table's keys, as [`build`] found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PerfectHash {
    /// The seed of [`key_hash`].
    pub(crate) seed: u64,
    /// One pilot per bucket.
    pub(crate) pilots: Vec<u16>,
    /// One row index per slot; a slot no key hashes to holds 0.
    pub(crate) slots: Vec<usize>,
}

/// Defines the functions the generator and the generated code share, and
/// `shared_core_tokens()`, which returns their source as tokens.
macro_rules! shared_core {
    ($($item:item)*) => {
        $($item)*

        /// The source of the shared functions, to paste into generated code.
        fn shared_core_tokens() -> TokenStream {
            stringify!($($item)*)
                .parse()
                .expect("the shared core is valid Rust")
        }
    };
}

shared_core! {
    /// Mixed into the first word of every 16 bytes of the key.
    const SECRET: u64 = 0xA076_1D64_78BD_642F;

    /// Multiplies two words into 128 bits and folds the halves together: every bit of
    /// the result depends on every bit of both words.
    fn fold_multiply(a: u64, b: u64) -> u64 {
        let product = u128::from(a) * u128::from(b);
        (product as u64) ^ ((product >> 64) as u64)
    }

    /// Mixes two words of the key into `hash`.
    fn mix(hash: u64, a: u64, b: u64) -> u64 {
        fold_multiply(a ^ SECRET, b ^ hash)
    }

    /// The two words of 16 bytes of the key.
    fn words(bytes: &[u8; 16]) -> (u64, u64) {
        let (words, _) = bytes.as_chunks::<8>();
        (u64::from_le_bytes(words[0]), u64::from_le_bytes(words[1]))
    }

    /// The two words of a key under 16 bytes, which together hold each of its bytes
    /// (overlapping for 5 to 15 bytes).
    fn short_words(key: &[u8]) -> (u64, u64) {
        if let (Some(first), Some(last)) = (key.first_chunk::<8>(), key.last_chunk::<8>()) {
            return (u64::from_le_bytes(*first), u64::from_le_bytes(*last));
        }
        if let (Some(first), Some(last)) = (key.first_chunk::<4>(), key.last_chunk::<4>()) {
            return (
                u64::from(u32::from_le_bytes(*first)),
                u64::from(u32::from_le_bytes(*last)),
            );
        }
        match key {
            [] => (0, 0),
            [first, ..] => (
                (u64::from(*first) << 16)
                    | (u64::from(key[key.len() / 2]) << 8)
                    | u64::from(key[key.len() - 1]),
                0,
            ),
        }
    }

    /// The hash of `key` under `seed`, in the manner of wyhash: the first 16 bytes, each
    /// 16 after them, and the last 16 (overlapping the ones before), or for a key under
    /// 16 bytes its [`short_words`]. The length is mixed in, so the overlaps cannot make
    /// two keys equal.
    fn key_hash(key: &[u8], seed: u64) -> u64 {
        let mut hash = seed ^ key.len() as u64;
        let (Some(first), Some(last)) = (key.first_chunk::<16>(), key.last_chunk::<16>()) else {
            let (a, b) = short_words(key);
            return mix(hash, a, b);
        };
        let (a, b) = words(first);
        hash = mix(hash, a, b);
        let mut rest = &key[16..];
        while rest.len() > 16 {
            if let Some(next) = rest.first_chunk::<16>() {
                let (a, b) = words(next);
                hash = mix(hash, a, b);
            }
            rest = &rest[16..];
        }
        let (a, b) = words(last);
        mix(hash, a, b)
    }

    /// Whether `a` and `b` hold the same bytes: compared in the pieces [`key_hash`]
    /// reads, so that keys of up to 32 bytes take a few word comparisons and no call.
    fn same_bytes(a: &[u8], b: &[u8]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        match (a.first_chunk::<16>(), a.last_chunk::<16>()) {
            (Some(a_first), Some(a_last)) => {
                b.first_chunk::<16>() == Some(a_first)
                    && b.last_chunk::<16>() == Some(a_last)
                    && (a.len() <= 32 || a[16..] == b[16..])
            }
            _ => short_words(a) == short_words(b),
        }
    }

    /// The bucket of a key with hash `hash`: its top `bits` bits.
    fn bucket_of(hash: u64, bits: u32) -> usize {
        (hash >> (64 - bits)) as usize
    }

    /// The slot of a key with hash `hash` whose bucket has `pilot`, among `slots` (a
    /// power of two): the hash's low bits, displaced by the pilot.
    fn slot_of(hash: u64, pilot: u16, slots: usize) -> usize {
        (hash as usize ^ usize::from(pilot)) & (slots - 1)
    }
}

/// The lookup for `table`, whose enum is `name`: `from_<key column>`.
pub(crate) fn from_key(table: &Table, name: &Ident) -> TokenStream {
    let key = &table.columns[table.key].name;
    let function = format_ident!("from_{}", key);
    let argument = ident(key);
    let lookup_doc = doc(&format!(
        "The row whose `{key}` is exactly this text (case-sensitive, no trimming), or `None`."
    ));
    let keys: Vec<&str> = table.rows.iter().map(|row| table.key_of(row)).collect();
    let body = match strategy(&keys) {
        Strategy::Match => {
            let variants = table.rows.iter().map(|row| ident(&row.variant));
            quote! {
                match #argument {
                    #( #keys => Some(#name::#variants), )*
                    _ => None,
                }
            }
        }
        Strategy::PerfectHash(hash) => perfect_hash_body(&hash, name, &argument, &keys),
    };
    quote! {
        #lookup_doc
        pub fn #function(#argument: &str) -> Option<Self> {
            #body
        }
    }
}

/// The strategy for a table with `keys`.
pub(crate) fn strategy(keys: &[&str]) -> Strategy {
    if keys.len() <= MATCH_MAX_ROWS && most_sharing_a_length(keys) <= MATCH_MAX_SAME_LENGTH {
        return Strategy::Match;
    }
    match build(keys) {
        Some(hash) => Strategy::PerfectHash(hash),
        None => Strategy::Match,
    }
}

/// The most keys that have one same length.
fn most_sharing_a_length(keys: &[&str]) -> usize {
    let mut lengths: Vec<usize> = keys.iter().map(|key| key.len()).collect();
    lengths.sort_unstable();
    lengths
        .chunk_by(|a, b| a == b)
        .map(<[usize]>::len)
        .max()
        .unwrap_or(0)
}

/// The body of a perfect-hash lookup of `keys` in the enum `name`, whose text argument
/// is `argument`. Everything but one call lives in a module inside the function, so no
/// name of the catalog's (the argument is named after the key column) can shadow it:
/// - a text of a length no key has is rejected at once (which also lets the compiler drop
///   the branches of [`key_hash`] for other lengths);
/// - the text's hash picks a bucket, whose pilot picks a slot, which holds the index of
///   the only row the text can be;
/// - comparing the text with that row's key rejects every other text.
fn perfect_hash_body(
    hash: &PerfectHash,
    name: &Ident,
    argument: &Ident,
    keys: &[&str],
) -> TokenStream {
    let seed = Literal::u64_unsuffixed(hash.seed);
    let core = shared_core_tokens();
    let shortest = Literal::usize_unsuffixed(keys.iter().map(|k| k.len()).min().unwrap_or(0));
    let longest = Literal::usize_unsuffixed(keys.iter().map(|k| k.len()).max().unwrap_or(0));
    let (bucket_count, slot_count) = (
        Literal::usize_unsuffixed(hash.pilots.len()),
        Literal::usize_unsuffixed(hash.slots.len()),
    );
    let pilots = hash.pilots.iter().map(|p| Literal::u16_unsuffixed(*p));
    let index_type = if keys.len() <= usize::from(u16::MAX) + 1 {
        quote!(u16)
    } else {
        quote!(u32)
    };
    let slots = hash.slots.iter().map(|s| Literal::usize_unsuffixed(*s));
    quote! {
        /// A perfect hash of the keys, made by the generator.
        mod perfect_hash {
            #core

            const SEED: u64 = #seed;
            static PILOTS: [u16; #bucket_count] = [ #( #pilots ),* ];
            static SLOTS: [#index_type; #slot_count] = [ #( #slots ),* ];

            /// The row whose key is `key`, if there is one.
            pub(super) fn find(key: &[u8]) -> Option<super::#name> {
                if !(#shortest..=#longest).contains(&key.len()) {
                    return None;
                }
                let hash = key_hash(key, SEED);
                let pilot = PILOTS[bucket_of(hash, PILOTS.len().trailing_zeros())];
                let index = SLOTS[slot_of(hash, pilot, SLOTS.len())] as usize;
                let row = *super::#name::ALL.get(index)?;
                same_bytes(row.as_str().as_bytes(), key).then_some(row)
            }
        }
        perfect_hash::find(#argument.as_bytes())
    }
}

/// A perfect hash of `keys`, searched deterministically: for each table size from the
/// smallest power of two with a quarter to spare, [`SEEDS_PER_SIZE`] seeds in a fixed
/// order. `None` only if no size up to eight times that works, which distinct keys never
/// come near.
pub(crate) fn build(keys: &[&str]) -> Option<PerfectHash> {
    let bucket_bits = (keys.len() / BUCKET_SIZE)
        .max(2)
        .next_power_of_two()
        .trailing_zeros();
    let mut slots = (keys.len() + keys.len() / 4).max(2).next_power_of_two();
    for _ in 0..4 {
        for attempt in 0..SEEDS_PER_SIZE {
            let seed = seed_number(attempt);
            let found = build_with(keys, seed, bucket_bits, slots);
            if let Some(found) = found.filter(|found| found.finds_each(keys)) {
                return Some(found);
            }
        }
        slots *= 2;
    }
    None
}

/// The `attempt`th seed: a fixed sequence of well-mixed numbers (SplitMix64).
fn seed_number(attempt: u64) -> u64 {
    let mut z = attempt.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A perfect hash of `keys` with this seed and these sizes, if the pilot search finds
/// one: every bucket, largest first, gets the first pilot that sends all its keys to
/// free slots. Fails at once if two keys of a bucket have the same slot before
/// displacement, which no pilot can separate.
fn build_with(keys: &[&str], seed: u64, bucket_bits: u32, slots: usize) -> Option<PerfectHash> {
    let hashes: Vec<u64> = keys
        .iter()
        .map(|key| key_hash(key.as_bytes(), seed))
        .collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); 1 << bucket_bits];
    for (index, hash) in hashes.iter().enumerate() {
        members[bucket_of(*hash, bucket_bits)].push(index);
    }
    let mut order: Vec<usize> = (0..members.len())
        .filter(|bucket| !members[*bucket].is_empty())
        .collect();
    order.sort_by_key(|bucket| (Reverse(members[*bucket].len()), *bucket));
    let mut pilots = vec![0u16; members.len()];
    let mut table: Vec<Option<usize>> = vec![None; slots];
    let pilot_limit = u16::try_from(slots - 1).unwrap_or(u16::MAX);
    for bucket in order {
        let mut undisplaced: Vec<usize> = members[bucket]
            .iter()
            .map(|key| slot_of(hashes[*key], 0, slots))
            .collect();
        undisplaced.sort_unstable();
        if undisplaced.windows(2).any(|pair| pair[0] == pair[1]) {
            return None;
        }
        let pilot = (0..=pilot_limit).find(|pilot| {
            members[bucket]
                .iter()
                .all(|key| table[slot_of(hashes[*key], *pilot, slots)].is_none())
        })?;
        pilots[bucket] = pilot;
        for key in &members[bucket] {
            table[slot_of(hashes[*key], pilot, slots)] = Some(*key);
        }
    }
    Some(PerfectHash {
        seed,
        pilots,
        slots: table.into_iter().map(Option::unwrap_or_default).collect(),
    })
}

impl PerfectHash {
    /// Whether each key leads to its own row, as the generated code looks it up: a check
    /// of the search, which holds by construction.
    fn finds_each(&self, keys: &[&str]) -> bool {
        keys.iter()
            .enumerate()
            .all(|(index, key)| self.lookup(keys, key) == Some(index))
    }

    /// The row index `key` is looked up at, exactly as the generated code computes it.
    fn index_of(&self, key: &str) -> usize {
        let hash = key_hash(key.as_bytes(), self.seed);
        let pilot = self.pilots[bucket_of(hash, self.pilots.len().trailing_zeros())];
        self.slots[slot_of(hash, pilot, self.slots.len())]
    }

    /// The row whose key is `key`, among `keys`, as the generated code answers.
    fn lookup(&self, keys: &[&str], key: &str) -> Option<usize> {
        let index = self.index_of(key);
        keys.get(index)
            .filter(|candidate| same_bytes(candidate.as_bytes(), key.as_bytes()))
            .map(|_| index)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::{any, prop_assert_eq, proptest, ProptestConfig};

    use super::*;

    /// `count` distinct keys shaped like a vendor's codes (dotted words, 8 to 40 bytes,
    /// many of one length), made by a fixed rule.
    fn keys(count: usize) -> Vec<String> {
        const HEADS: [&str; 6] = [
            "Invalid",
            "Missing",
            "Forbidden",
            "Throttling",
            "Quota",
            "NotFound",
        ];
        const PARTS: [&str; 8] = [
            "Disk", "Vpc", "Zone", "Image", "Role", "User", "Scene", "Tag",
        ];
        (0..count)
            .map(|n| {
                let head = HEADS[n % HEADS.len()];
                let part = PARTS[(n / HEADS.len()) % PARTS.len()];
                format!("{head}.{part}.{}", n / (HEADS.len() * PARTS.len()))
            })
            .collect()
    }

    /// Texts that are not `key` but close to it: each byte changed, dropped or doubled,
    /// a byte added at each end, the other case, and one byte shorter and longer.
    fn near_misses(key: &str) -> Vec<String> {
        let bytes = key.as_bytes();
        let mut misses = Vec::new();
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("ASCII stays UTF-8");
        for index in 0..bytes.len() {
            let mut changed = bytes.to_vec();
            changed[index] ^= 1;
            misses.push(text(changed));
            let mut dropped = bytes.to_vec();
            dropped.remove(index);
            misses.push(text(dropped));
            let mut added = bytes.to_vec();
            added.insert(index, bytes[index]);
            misses.push(text(added));
        }
        misses.push(format!("{key}x"));
        misses.push(format!("x{key}"));
        misses.push(key.to_ascii_lowercase());
        misses.push(key.to_ascii_uppercase());
        misses.push(
            key.chars()
                .map(|c| {
                    if c.is_ascii_lowercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect(),
        );
        misses
    }

    /// Checks the perfect hash of `keys` against a `HashMap` on every key and its near
    /// misses, and that building it again gives the same tables.
    fn check_against_reference(keys: &[&str]) {
        let hash = build(keys).expect("a perfect hash");
        assert_eq!(
            build(keys).as_ref(),
            Some(&hash),
            "the search is deterministic"
        );
        let reference: HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(index, key)| (*key, index))
            .collect();
        for (index, key) in keys.iter().enumerate() {
            assert_eq!(hash.lookup(keys, key), Some(index), "{key}");
            for miss in near_misses(key) {
                assert_eq!(
                    hash.lookup(keys, &miss),
                    reference.get(miss.as_str()).copied(),
                    "{miss:?}"
                );
            }
        }
        for other in [
            "",
            "x",
            "\u{e9}t\u{e9}",
            "a much longer text than any key in the table at all",
        ] {
            assert_eq!(hash.lookup(keys, other), reference.get(other).copied());
        }
    }

    #[test]
    fn the_perfect_hash_answers_as_a_hash_map_at_every_size() {
        for count in [0, 1, 6, 1000, 10_000] {
            let keys = keys(count);
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            check_against_reference(&keys);
        }
    }

    #[test]
    fn keys_of_every_length_up_to_a_few_words_hash_apart() {
        // Lengths 1 to 40, across every word boundary, and keys differing only in the
        // middle word or only in the overlapped tail.
        let mut keys: Vec<String> = (1..=40).map(|len| "k".repeat(len)).collect();
        keys.extend((0..50).map(|n| format!("Prefix00.Mid{n:04}.Suffix00")));
        keys.extend((0..50).map(|n| format!("SamePrefixSameMid.{n:02}")));
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        check_against_reference(&keys);
    }

    #[test]
    fn small_tables_with_few_keys_per_length_keep_the_match() {
        assert_eq!(strategy(&[]), Strategy::Match);
        assert_eq!(strategy(&["One"]), Strategy::Match);
        let six = [
            "IllegalUserTag",
            "IllegalCertifyId",
            "IllegalScene",
            "Forbidden.AccountAccessDenied",
            "Throttling",
            "ThrottlingByStrategy",
        ];
        assert_eq!(strategy(&six), Strategy::Match);
        let eight = [
            "AAAA", "BBBB", "CCCC", "DDDD", "EEEE", "FFFF", "GGGG", "HHHH",
        ];
        assert_eq!(strategy(&eight), Strategy::Match);
        let nine = [
            "AAAA", "BBBB", "CCCC", "DDDD", "EEEE", "FFFF", "GGGG", "HHHH", "IIII",
        ];
        assert!(matches!(strategy(&nine), Strategy::PerfectHash(_)));
        let many = keys(MATCH_MAX_ROWS + 1);
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(matches!(strategy(&many), Strategy::PerfectHash(_)));
    }

    #[test]
    fn the_generated_lookup_pastes_the_shared_core() {
        let hash = build(&["AAAA", "BBBB", "CCCC", "DDDD"]).expect("a perfect hash");
        let keys = ["AAAA", "BBBB", "CCCC", "DDDD"];
        let body = perfect_hash_body(&hash, &ident("TestCode"), &ident("code"), &keys).to_string();
        let core = shared_core_tokens().to_string();
        assert!(body.contains(&core), "{body}");
        assert!(body.contains("fn key_hash"), "{body}");
        assert!(
            body.contains("same_bytes (row . as_str () . as_bytes () , key)"),
            "{body}"
        );
        assert!(
            body.contains("perfect_hash :: find (code . as_bytes ())"),
            "{body}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn same_bytes_is_equality(
            a in proptest::collection::vec(any::<u8>(), 0..80),
            at in any::<usize>(),
            change in 0u8..4,
        ) {
            let mut b = a.clone();
            if !b.is_empty() {
                let index = at % b.len();
                match change {
                    0 => {}
                    1 => b[index] ^= 0x20,
                    2 => b.insert(index, a[index]),
                    _ => {
                        b.remove(index);
                    }
                }
            }
            prop_assert_eq!(same_bytes(&a, &b), a == b);
        }

        #[test]
        fn any_key_set_answers_as_a_hash_map(
            keys in proptest::collection::btree_set("[A-Za-z0-9._-]{1,40}", 0..200),
            probes in proptest::collection::vec("[A-Za-z0-9._-]{0,41}", 0..50),
        ) {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            let hash = build(&keys).expect("a perfect hash");
            let reference: HashMap<&str, usize> =
                keys.iter().enumerate().map(|(index, key)| (*key, index)).collect();
            for (index, key) in keys.iter().enumerate() {
                prop_assert_eq!(hash.lookup(&keys, key), Some(index));
            }
            for probe in &probes {
                prop_assert_eq!(hash.lookup(&keys, probe), reference.get(probe.as_str()).copied());
            }
        }
    }
}
