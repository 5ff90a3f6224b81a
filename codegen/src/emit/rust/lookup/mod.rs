//! A table's lookup `from_<key>`: the row whose key is exactly the given text.
//!
//! The generator picks one of two strategies per table, both plain Rust with no
//! dependency, no allocation and no `unsafe`, both giving the same answers:
//!
//! - **`match`** on the key, for tables of at most [`MATCH_MAX_ROWS`] rows of which at
//!   most [`MATCH_MAX_SAME_LENGTH`] share a length ([`MATCH_MAX_SAME_SHORT_LENGTH`] for
//!   keys of up to 8 bytes). LLVM turns it into a jump on the length and one comparison
//!   with each key of that length, inlined against constants: nothing is faster for a
//!   handful of keys, but the cost grows with the keys that share a length, and a
//!   `match` of thousands of arms costs LLVM minutes in a release build.
//! - **A perfect hash** for every other table, whose cost does not depend on the number
//!   of keys: one per key length, so that each is specialised by the compiler to its
//!   length. A `match` on the text's length picks the group (a length no key has is
//!   rejected at once). A few words (8 bytes each) of the text, at places the generator
//!   chose so that they tell every two keys of that length apart, are hashed with a
//!   128-bit multiplication (as wyhash does); the hash's top bits choose a bucket, whose
//!   *pilot* (a static table) displaces its low bits to a slot (a static table of row
//!   indexes); the text is then compared with that one row's key, which rejects every
//!   text that is not a key. The offsets, seeds and pilots are searched here, at
//!   generation time, in a fixed order, so the output is the same on every run. The
//!   search follows PTHash (Pibiri and Trani, 2021): buckets by decreasing size, each
//!   getting the first pilot that sends all its keys to free slots.
//!
//! The hash, slot and comparison functions are written once, in [`shared`]: the
//! generator compiles them to build the tables and pastes the very same source into each
//! generated perfect-hash lookup, so the two cannot disagree. [`probes`] chooses the words
//! the hash reads, [`search`] the seeds and the pilots.

mod probes;
mod search;
mod shared;
#[cfg(test)]
mod tests;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

pub(crate) use search::{build, LengthGroup, PerfectHash};
use shared::{shared_core_tokens, Combine};

use super::tokens::{doc, ident};
use crate::model::Table;

/// Tables with more rows than this get a perfect hash. Measured with callgrind on
/// synthetic tables (`bench/scale.sh`), a `match` costs about 27 instructions per hit at
/// 16 rows, 42 at 64, 61 at 128 and 97 at 256; the perfect hash about 47 at 1,000 and at
/// 10,000 rows. A `match` of thousands of arms also costs LLVM minutes in a release
/// build.
pub(crate) const MATCH_MAX_ROWS: usize = 128;

/// Tables in which more keys than this share one length get a perfect hash: a `match`
/// compares the text with each key of its length in turn (a miss with all of them), so
/// its cost follows this number. At 8 (synthetic tables of 64 rows) a `match` costs 42
/// instructions per hit and 61 per miss; at 14 (128 rows), 61 and 99.
pub(crate) const MATCH_MAX_SAME_LENGTH: usize = 8;

/// The same limit for keys of at most [`WORD`] bytes, which a `match` compares with the
/// text in one integer comparison each: for a table of 27 keys of 4 bytes, a `match`
/// costs 33 instructions per hit and 59 per miss, the perfect hash 52 for both, and the
/// `match` is cheaper to compile.
pub(crate) const MATCH_MAX_SAME_SHORT_LENGTH: usize = 32;

/// The length of a key a `match` compares in one integer comparison.
const WORD: usize = 8;

/// How a table's lookup works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// A `match` on the key.
    Match,
    /// A perfect hash.
    PerfectHash(PerfectHash),
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
                    #( #keys => Some(Self::#variants), )*
                    _ => None,
                }
            }
        }
        Strategy::PerfectHash(hash) => perfect_hash_body(&hash, name, &argument),
    };
    quote! {
        #lookup_doc
        #[inline]
        pub fn #function(#argument: &str) -> Option<Self> {
            #body
        }
    }
}

/// The strategy for a table with `keys`.
pub(crate) fn strategy(keys: &[&str]) -> Strategy {
    if keys.len() <= MATCH_MAX_ROWS && few_sharing_a_length(keys) {
        return Strategy::Match;
    }
    match build(keys) {
        Some(hash) => Strategy::PerfectHash(hash),
        None => Strategy::Match,
    }
}

/// Whether no more keys share a length than a `match` compares quickly: at most
/// [`MATCH_MAX_SAME_SHORT_LENGTH`] of a length up to [`WORD`] bytes, at most
/// [`MATCH_MAX_SAME_LENGTH`] of a longer one.
fn few_sharing_a_length(keys: &[&str]) -> bool {
    let mut lengths: Vec<usize> = keys.iter().map(|key| key.len()).collect();
    lengths.sort_unstable();
    lengths.chunk_by(|a, b| a == b).all(|same| {
        let limit = if same[0] <= WORD {
            MATCH_MAX_SAME_SHORT_LENGTH
        } else {
            MATCH_MAX_SAME_LENGTH
        };
        same.len() <= limit
    })
}

/// The body of a perfect-hash lookup in the enum `name`, whose text argument is
/// `argument`. Everything but one call lives in a module inside the function, so no name
/// of the catalog's (the argument is named after the key column) can shadow it:
/// - the text's length picks its group (a text of a length no key has is rejected at
///   once), whose code the compiler specialises to that length;
/// - the text's hash picks a bucket, whose pilot picks a slot, which holds the index of
///   the only row the text can be;
/// - comparing the text with that row's key rejects every other text.
fn perfect_hash_body(hash: &PerfectHash, name: &Ident, argument: &Ident) -> TokenStream {
    let core = shared_core_tokens();
    let statics = hash.groups.iter().map(group_static);
    let arms = hash.groups.iter().map(|group| {
        let length = Literal::usize_unsuffixed(group.length);
        let group_name = group_name(group);
        quote!(#length => find_in::<#length, _>(key, &#group_name, row))
    });
    quote! {
        /// A perfect hash of the keys, one per key length, made by the generator. The
        /// shared code has parts a table may not use.
        #[allow(dead_code)]
        mod perfect_hash {
            #core

            #( #statics )*

            /// The row whose key is `key`, if there is one.
            #[inline]
            pub(super) fn find(key: &[u8]) -> Option<super::#name> {
                let row = |index: usize| {
                    let row = *super::#name::ALL.get(index)?;
                    Some((row.as_str().as_bytes(), row))
                };
                match key.len() {
                    #( #arms, )*
                    _ => None,
                }
            }
        }
        perfect_hash::find(#argument.as_bytes())
    }
}

/// The name of the static that holds `group`.
fn group_name(group: &LengthGroup) -> Ident {
    format_ident!("LENGTH_{}", group.length)
}

/// The static that holds `group`'s tables.
fn group_static(group: &LengthGroup) -> TokenStream {
    let group_name = group_name(group);
    let offsets = group.offsets.iter().map(|o| Literal::usize_unsuffixed(*o));
    let combine = match group.combine {
        Combine::Folded => quote!(Folded),
        Combine::Chained => quote!(Chained),
    };
    let seed = Literal::u64_unsuffixed(group.seed);
    let pilots = group.pilots.iter().map(|p| Literal::u16_unsuffixed(*p));
    let slots = group.slots.iter().map(|s| Literal::u32_unsuffixed(*s));
    quote! {
        static #group_name: Group<'static> = Group {
            offsets: &[ #( #offsets ),* ],
            combine: Combine::#combine,
            seed: #seed,
            pilots: &[ #( #pilots ),* ],
            slots: &[ #( #slots ),* ],
        };
    }
}
