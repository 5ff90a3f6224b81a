//! `from_<key>` at 6, 1,000 and 10,000 codes: the crate's own `ErrorCode` (6 codes, a
//! `match`), `VerifyCode` (27 codes of one length, a perfect hash), and the synthetic
//! registries of 6, 1,000 and 10,000 codes (`cargo xtask synth`) whose generated modules
//! are committed under `bench/generated/` at the workspace root, outside this crate, so
//! that its package does not carry their 5 MB (a benchmark cannot have a build script of
//! its own, and one in `captcha-errors` would run in every dependent's build; `cargo
//! xtask synth --bench-modules` writes them again, and its `--check` fails when they are
//! stale). This file is left out of the package with them (`exclude` in Cargo.toml).
//!
//! Each benchmark looks up every code of its table once (hits), or every code with its
//! middle byte changed (misses, which have the length of a code), in a fixed shuffled
//! order; criterion reports the time for the whole pass, so divide by the table's size.
//! Run with `cargo bench -p captcha-errors --bench lookup`. `bench/scale.sh instructions`
//! counts instructions per lookup with callgrind instead.

use std::hint::black_box;

use captcha_errors::verify::VerifyCode;
use captcha_errors::ErrorCode;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

// What the generated modules name under `crate::`: the crate's public traits and types,
// and the helpers it keeps for generated code.
pub use captcha_errors::{__private, CatalogRow, UnknownValue, WireCode, OTHER_LABEL};

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../../bench/generated/synth_6.rs"]
mod synth_6;

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../../bench/generated/synth_1000.rs"]
mod synth_1000;

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../../bench/generated/synth_10000.rs"]
mod synth_10000;

/// The keys, and the same keys with their middle byte changed, in a fixed shuffled order.
fn probes(keys: impl Iterator<Item = &'static str>) -> (Vec<String>, Vec<String>) {
    let mut hits: Vec<String> = keys.map(str::to_owned).collect();
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    for index in (1..hits.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        hits.swap(index, (state % (index as u64 + 1)) as usize);
    }
    let misses = hits
        .iter()
        .map(|key| {
            let mut bytes = key.clone().into_bytes();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x01;
            String::from_utf8(bytes).expect("the keys are ASCII")
        })
        .collect();
    (hits, misses)
}

/// Benchmarks `lookup` on the hits and misses of a table, after checking its answers.
fn table<T: Copy + PartialEq + std::fmt::Debug>(
    c: &mut Criterion,
    name: &str,
    all: &'static [T],
    as_str: fn(T) -> &'static str,
    lookup: fn(&str) -> Option<T>,
) {
    let (hits, misses) = probes(all.iter().map(|row| as_str(*row)));
    for (key, miss) in hits.iter().zip(&misses) {
        let found = lookup(key).expect("every key is found");
        assert_eq!(as_str(found), key);
        assert!(lookup(miss).is_none_or(|row| as_str(row) == miss), "{miss}");
    }
    let mut group = c.benchmark_group(format!("lookup/{name}"));
    for (kind, probes) in [("hits", &hits), ("misses", &misses)] {
        group.bench_with_input(BenchmarkId::new(kind, all.len()), probes, |b, probes| {
            b.iter(|| {
                black_box(probes)
                    .iter()
                    .filter(|probe| lookup(probe).is_some())
                    .count()
            })
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    table(
        c,
        "ErrorCode",
        ErrorCode::ALL,
        ErrorCode::as_str,
        ErrorCode::from_code,
    );
    table(
        c,
        "VerifyCode",
        VerifyCode::ALL,
        VerifyCode::as_str,
        VerifyCode::from_code,
    );
    use synth_6::SynthCode as Synth6;
    table(c, "synth", Synth6::ALL, Synth6::as_str, Synth6::from_code);
    use synth_1000::SynthCode as Synth1000;
    table(
        c,
        "synth",
        Synth1000::ALL,
        Synth1000::as_str,
        Synth1000::from_code,
    );
    use synth_10000::SynthCode as Synth10000;
    table(
        c,
        "synth",
        Synth10000::ALL,
        Synth10000::as_str,
        Synth10000::from_code,
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
