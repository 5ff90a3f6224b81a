//! Strategy (b): mutations of real and golden catalog text.

use proptest::prelude::*;
use proptest::sample::Index;

use crate::{GOLDEN, REAL};

/// One random edit of a catalog text.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(Index, char),
    Replace(Index, char),
    Delete(Index, usize),
    DuplicateLine(Index),
    DeleteLine(Index),
    SwapLines(Index, Index),
    /// Overwrites a byte; the text is then repaired with `from_utf8_lossy`.
    Byte(Index, u8),
}

fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(
            &[
                '"', '\'', '[', ']', '=', '\n', '\\', '#', '{', '}', ',', '.', ' ', '\t', '\r',
                '|', '<', '`', '-', '_', '0', '9', 'a', 'Z', 'é', '😀', '\u{0}', '\u{7}',
                '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{2028}',
            ][..]
        ),
        1 => any::<char>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), interesting_char()).prop_map(|(at, c)| Mutation::Insert(at, c)),
        3 => (any::<Index>(), interesting_char()).prop_map(|(at, c)| Mutation::Replace(at, c)),
        2 => (any::<Index>(), 1usize..20).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for mutation in mutations {
        let mut chars: Vec<char> = text.chars().collect();
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
        text = match mutation {
            Mutation::Insert(at, c) => {
                chars.insert(at.index(chars.len() + 1), *c);
                chars.into_iter().collect()
            }
            Mutation::Replace(at, c) if !chars.is_empty() => {
                let i = at.index(chars.len());
                chars[i] = *c;
                chars.into_iter().collect()
            }
            Mutation::Delete(at, n) if !chars.is_empty() => {
                let start = at.index(chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
                chars.into_iter().collect()
            }
            Mutation::DuplicateLine(at) if !lines.is_empty() => {
                let i = at.index(lines.len());
                let line = lines[i].clone();
                lines.insert(i, line);
                lines.concat()
            }
            Mutation::DeleteLine(at) if !lines.is_empty() => {
                lines.remove(at.index(lines.len()));
                lines.concat()
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
                lines.concat()
            }
            Mutation::Byte(at, byte) if !text.is_empty() => {
                let mut bytes = text.clone().into_bytes();
                let i = at.index(bytes.len());
                bytes[i] = *byte;
                String::from_utf8_lossy(&bytes).into_owned()
            }
            _ => text,
        };
    }
    text
}

/// Every catalog the mutations start from: the real ones and the golden ones.
fn seeds() -> Vec<&'static str> {
    REAL.iter().chain(GOLDEN).map(|(_, text)| *text).collect()
}

pub(crate) fn mutated_catalog() -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds()),
        prop::collection::vec(mutation(), 1..5),
    )
        .prop_map(|(seed, mutations)| mutate(seed, &mutations))
}
