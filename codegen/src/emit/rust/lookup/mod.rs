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
//!   of keys: [`super::large::perfect_hash`], the machinery of large tables.
//!
//! Both give the same answers; only the lookup of a table too big for a `match` reaches
//! the perfect hash.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::large::perfect_hash::{self, PerfectHash};
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
        Strategy::PerfectHash(hash) => perfect_hash::body(&hash, name, &argument),
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
    match perfect_hash::build(keys) {
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
