//! The lookup strategies against a `HashMap`, on keys and their near misses.

use std::collections::HashMap;

use proptest::prelude::{prop_assert_eq, proptest, ProptestConfig};

use super::search::{build, build_group_reading};
use super::shared::{find_in, Combine};
use super::*;
use crate::emit::rust::lookup::{strategy, Strategy, MATCH_MAX_ROWS};
use crate::emit::rust::tokens::ident;

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
    check_hash_against_reference(keys, &hash);
    check_hash_against_reference(keys, &chained(keys, &hash));
}

/// `hash` with every group's words chained instead of folded, searched again.
fn chained(keys: &[&str], hash: &PerfectHash) -> PerfectHash {
    let groups = hash.groups.iter().map(|group| {
        let members: Vec<(u32, &[u8])> = (0u32..)
            .zip(keys)
            .filter(|(_, key)| key.len() == group.length)
            .map(|(index, key)| (index, key.as_bytes()))
            .collect();
        let reading = (group.offsets.clone(), Combine::Chained);
        build_group_reading(group.length, &members, reading).expect("a chained group")
    });
    PerfectHash {
        groups: groups.collect(),
    }
}

/// The row of `keys` that `key` is, found by [`find_in`] (the generated code's
/// function) specialised to the key's length, for lengths up to 48.
fn generated_lookup(hash: &PerfectHash, keys: &[&str], key: &str) -> Option<usize> {
    let row = |index: usize| Some((keys.get(index)?.as_bytes(), index));
    macro_rules! by_length {
        ($($length:literal)*) => {
            match key.len() {
                $($length => find_in::<$length, usize>(key.as_bytes(), &group_of(hash, $length)?.as_group(), row),)*
                _ => None,
            }
        };
    }
    by_length!(
        0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
        32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48
    )
}

/// The group of `hash` for keys of `length` bytes.
fn group_of(hash: &PerfectHash, length: usize) -> Option<&LengthGroup> {
    hash.groups.iter().find(|group| group.length == length)
}

/// Checks `hash` of `keys` against a `HashMap` on every key and its near misses.
fn check_hash_against_reference(keys: &[&str], hash: &PerfectHash) {
    let reference: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(index, key)| (*key, index))
        .collect();
    for (index, key) in keys.iter().enumerate() {
        assert_eq!(hash.lookup(keys, key), Some(index), "{key}");
        assert_eq!(generated_lookup(hash, keys, key), Some(index), "{key}");
        for miss in near_misses(key) {
            let expected = reference.get(miss.as_str()).copied();
            assert_eq!(hash.lookup(keys, &miss), expected, "{miss:?}");
            assert_eq!(generated_lookup(hash, keys, &miss), expected, "{miss:?}");
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
        "InvalidPrefix",
        "InvalidIdentity",
        "InvalidZone",
        "Forbidden.AccountSuspended",
        "Throttled",
        "ThrottledByPolicy",
    ];
    assert_eq!(strategy(&six), Strategy::Match);
    let eight = [
        "AAAAAAAAA",
        "BBBBBBBBB",
        "CCCCCCCCC",
        "DDDDDDDDD",
        "EEEEEEEEE",
        "FFFFFFFFF",
        "GGGGGGGGG",
        "HHHHHHHHH",
    ];
    assert_eq!(strategy(&eight), Strategy::Match);
    let nine = [&eight[..], &["IIIIIIIII"]].concat();
    assert!(matches!(strategy(&nine), Strategy::PerfectHash(_)));
    // Keys of up to 8 bytes are one integer comparison each: up to 32 of one length.
    let short: Vec<String> = (0..32).map(|n| format!("F{n:03}")).collect();
    let mut short: Vec<&str> = short.iter().map(String::as_str).collect();
    assert_eq!(strategy(&short), Strategy::Match);
    short.push("X999");
    assert!(matches!(strategy(&short), Strategy::PerfectHash(_)));
    let many = keys(MATCH_MAX_ROWS + 1);
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert!(matches!(strategy(&many), Strategy::PerfectHash(_)));
}

#[test]
fn the_generated_lookup_pastes_the_shared_core() {
    let keys = ["AAAA", "BBBB", "CCCC", "DDDD", "EEEEEEEEEE"];
    let hash = build(&keys).expect("a perfect hash");
    let body = body(&hash, &ident("TestCode"), &ident("code")).to_string();
    let core = shared_core_tokens().to_string();
    assert!(body.contains(&core), "{body}");
    assert!(body.contains("fn key_hash"), "{body}");
    assert!(body.contains("static LENGTH_4 : Group"), "{body}");
    assert!(body.contains("static LENGTH_10 : Group"), "{body}");
    assert!(
        body.contains("4 => find_in :: < 4 , _ > (key , & LENGTH_4 , row)"),
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
