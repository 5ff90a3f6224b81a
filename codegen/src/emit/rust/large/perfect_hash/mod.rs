//! The perfect hash a table gets when a `match` would be slow (see
//! [`crate::emit::rust::lookup`]), whose cost does not depend on the number of keys: one
//! per key length, so that each is specialised by the compiler to its length. A `match`
//! on the text's length picks the group (a length no key has is rejected at once). A few
//! words (8 bytes each) of the text, at places the generator chose so that they tell
//! every two keys of that length apart, are hashed with a 128-bit multiplication (as
//! wyhash does); the hash's top bits choose a bucket, whose *pilot* (a static table)
//! displaces its low bits to a slot (a static table of row indexes); the text is then
//! compared with that one row's key, which rejects every text that is not a key. The
//! offsets, seeds and pilots are searched here, at generation time, in a fixed order, so
//! the output is the same on every run. The search follows PTHash (Pibiri and Trani,
//! 2021): buckets by decreasing size, each getting the first pilot that sends all its
//! keys to free slots.
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

/// The body of a perfect-hash lookup in the enum `name`, whose text argument is
/// `argument`. Everything but one call lives in a module inside the function, so no name
/// of the catalog's (the argument is named after the key column) can shadow it:
/// - the text's length picks its group (a text of a length no key has is rejected at
///   once), whose code the compiler specialises to that length;
/// - the text's hash picks a bucket, whose pilot picks a slot, which holds the index of
///   the only row the text can be;
/// - comparing the text with that row's key rejects every other text.
pub(crate) fn body(hash: &PerfectHash, name: &Ident, argument: &Ident) -> TokenStream {
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
