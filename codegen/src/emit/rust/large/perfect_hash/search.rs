//! The search for a perfect hash of a table's keys: one per key length, each with the
//! words it reads, a seed and one pilot per bucket, found deterministically so the
//! output is the same on every run.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashSet};

use super::probes::choose_offsets;
use super::shared::{bucket_of, index_in, key_hash, slot_of, Combine, Group};

/// Keys per bucket, at most on average: fewer buckets make a smaller pilot table and a
/// slower search.
const BUCKET_SIZE: usize = 4;

/// How many seeds are tried for one table size before the table grows.
const SEEDS_PER_SIZE: u64 = 64;

/// A perfect hash of a table's keys, as [`build`] found it: one group per key length,
/// shortest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PerfectHash {
    /// The groups, by key length.
    pub(crate) groups: Vec<LengthGroup>,
}

/// The perfect hash of the keys of one length (the data of a [`Group`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LengthGroup {
    /// The length of every key of the group.
    pub(crate) length: usize,
    /// The offset of each word the hash reads.
    pub(crate) offsets: Vec<usize>,
    /// How the hash combines them.
    pub(crate) combine: Combine,
    /// The seed of the hash.
    pub(crate) seed: u64,
    /// One pilot per bucket.
    pub(crate) pilots: Vec<u16>,
    /// One row index per slot; a slot no key leads to holds the group's first row.
    pub(crate) slots: Vec<u32>,
}

/// A perfect hash of `keys` (the row index of each is its place): the keys of each
/// length get a [`LengthGroup`]. `None` only if some group's search fails, which
/// distinct keys never come near, or if a row index does not fit the slots.
pub(crate) fn build(keys: &[&str]) -> Option<PerfectHash> {
    let mut by_length: BTreeMap<usize, Vec<(u32, &[u8])>> = BTreeMap::new();
    for (index, key) in keys.iter().enumerate() {
        let index = u32::try_from(index).ok()?;
        by_length
            .entry(key.len())
            .or_default()
            .push((index, key.as_bytes()));
    }
    let groups = by_length
        .into_iter()
        .map(|(length, members)| build_group(length, &members))
        .collect::<Option<Vec<_>>>()?;
    Some(PerfectHash { groups })
}

/// The perfect hash of `members` (row index and key), all `length` bytes long, reading
/// the words [`choose_offsets`] picks.
pub(super) fn build_group(length: usize, members: &[(u32, &[u8])]) -> Option<LengthGroup> {
    let keys: Vec<&[u8]> = members.iter().map(|(_, key)| *key).collect();
    let (offsets, combine) = choose_offsets(&keys);
    build_group_reading(length, members, (offsets, combine))
}

/// The perfect hash of `members` whose hash reads `offsets` combined as `combine`
/// (which must tell every two keys apart): for each table size from the smallest power
/// of two with a quarter to spare, [`SEEDS_PER_SIZE`] seeds in a fixed order, up to
/// eight times that size.
pub(super) fn build_group_reading(
    length: usize,
    members: &[(u32, &[u8])],
    (offsets, combine): (Vec<usize>, Combine),
) -> Option<LengthGroup> {
    let bucket_bits = (members.len() / BUCKET_SIZE)
        .max(1)
        .next_power_of_two()
        .trailing_zeros();
    let mut slots = (members.len() + members.len() / 4)
        .max(1)
        .next_power_of_two();
    let mut group = LengthGroup {
        length,
        offsets,
        combine,
        seed: 0,
        pilots: Vec::new(),
        slots: Vec::new(),
    };
    for _ in 0..4 {
        for attempt in 0..SEEDS_PER_SIZE {
            group.seed = seed_number(attempt);
            if search_pilots(&mut group, members, bucket_bits, slots) && group.finds_each(members) {
                return Some(group);
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

/// Fills `group`'s pilots and slots for its seed and these sizes, if the search finds
/// them: every bucket, largest first, gets the first pilot that sends all its keys to
/// free slots. Fails at once if two keys of a bucket have the same slot before
/// displacement, which no pilot can separate.
fn search_pilots(
    group: &mut LengthGroup,
    members: &[(u32, &[u8])],
    bucket_bits: u32,
    slots: usize,
) -> bool {
    let hashes: Vec<u64> = members
        .iter()
        .map(|(_, key)| key_hash(key, group.seed, &group.offsets, group.combine))
        .collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); 1 << bucket_bits];
    for (member, hash) in hashes.iter().enumerate() {
        buckets[bucket_of(*hash, bucket_bits)].push(member);
    }
    let mut order: Vec<usize> = (0..buckets.len())
        .filter(|bucket| !buckets[*bucket].is_empty())
        .collect();
    order.sort_by_key(|bucket| (Reverse(buckets[*bucket].len()), *bucket));
    let mut pilots = vec![0u16; buckets.len()];
    let mut table: Vec<Option<u32>> = vec![None; slots];
    let pilot_limit = u16::try_from(slots - 1).unwrap_or(u16::MAX);
    for bucket in order {
        let members_here = &buckets[bucket];
        let mut undisplaced: Vec<usize> = members_here
            .iter()
            .map(|member| slot_of(hashes[*member], 0, slots))
            .collect();
        undisplaced.sort_unstable();
        if undisplaced.windows(2).any(|pair| pair[0] == pair[1]) {
            return false;
        }
        let free = |pilot: &u16| {
            members_here
                .iter()
                .all(|member| table[slot_of(hashes[*member], *pilot, slots)].is_none())
        };
        let Some(pilot) = (0..=pilot_limit).find(free) else {
            return false;
        };
        pilots[bucket] = pilot;
        for member in members_here {
            table[slot_of(hashes[*member], pilot, slots)] = Some(members[*member].0);
        }
    }
    let filler = members.first().map_or(0, |(index, _)| *index);
    group.pilots = pilots;
    group.slots = table
        .into_iter()
        .map(|slot| slot.unwrap_or(filler))
        .collect();
    true
}

impl LengthGroup {
    /// The group as the shared code reads it.
    pub(crate) fn as_group(&self) -> Group<'_> {
        Group {
            offsets: &self.offsets,
            combine: self.combine,
            seed: self.seed,
            pilots: &self.pilots,
            slots: &self.slots,
        }
    }

    /// Whether each member leads to its own row, and every slot holds a member's row (so
    /// that the generated code may compare just `length` bytes): a check of the search,
    /// which holds by construction.
    fn finds_each(&self, members: &[(u32, &[u8])]) -> bool {
        let group = self.as_group();
        let leads_home = members.iter().all(|(index, key)| {
            index_in(key, &group).and_then(|found| u32::try_from(found).ok()) == Some(*index)
        });
        let member_rows: HashSet<u32> = members.iter().map(|(index, _)| *index).collect();
        let slots_hold_members = self.slots.iter().all(|slot| member_rows.contains(slot));
        leads_home && slots_hold_members
    }
}

impl PerfectHash {
    /// The row whose key is `key`, among `keys`, as the generated code answers: the
    /// group of the key's length, the row its slot holds, and a comparison of the keys.
    #[cfg(test)]
    pub(super) fn lookup(&self, keys: &[&str], key: &str) -> Option<usize> {
        let group = self.groups.iter().find(|group| group.length == key.len())?;
        let index = index_in(key.as_bytes(), &group.as_group())?;
        (keys.get(index)? == &key).then_some(index)
    }
}
