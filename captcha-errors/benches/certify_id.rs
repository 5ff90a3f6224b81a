//! The generated certifyId check against `regex::Regex::is_match` on the same inputs:
//! 12 valid and 20 near misses (other prefix, wrong length, non-ASCII, punctuation).
//! `generated` is the predicate `is_valid_user_certify_id`, which is what the rule
//! compiles to; `generated_validator` also builds the `ParamError` for each miss (which
//! copies the value), as `validate_user_certify_id` does.
//! Run with `cargo bench -p captcha-errors --bench certify_id`.

use std::hint::black_box;

use captcha_errors::{is_valid_user_certify_id, validate_user_certify_id};
use criterion::{criterion_group, criterion_main, Criterion};
use regex::Regex;

const PREFIX: &str = "no8xfe";

fn inputs() -> Vec<String> {
    let mut inputs = Vec::new();
    let suffixes = ["7G47iByes3", "KdeAGaejyN", "gl62Aqi6e1", "0123456789"];
    for suffix in suffixes {
        inputs.push(format!("{PREFIX}_{suffix}"));
        inputs.push(format!("other1_{suffix}"));
        inputs.push(format!("{PREFIX}_{}", &suffix[..9]));
        inputs.push(format!("{PREFIX}_{suffix}x"));
        inputs.push(format!("{PREFIX}_{}é", &suffix[..9]));
        inputs.push(format!("{PREFIX}-{suffix}"));
        inputs.push(format!("{PREFIX}_{suffix}"));
        inputs.push(format!("{PREFIX}_{suffix}"));
    }
    inputs
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let regex = Regex::new(&format!("^{}_[A-Za-z0-9]{{10}}$", regex::escape(PREFIX)))
        .expect("a valid pattern");
    // Both must agree before their speed is compared.
    for input in &inputs {
        assert_eq!(
            validate_user_certify_id(input, Some(PREFIX)).is_ok(),
            regex.is_match(input),
            "{input}"
        );
    }
    let mut group = c.benchmark_group("certify_id");
    // Each iteration checks all 32 inputs. `black_box` hides the inputs and the prefix
    // from the optimiser once per iteration: the prefix is a run-time value, as it is
    // when it comes from a service's configuration, so the check cannot be specialised
    // for a known prefix. Hiding each input separately would add a store and a load per
    // input to every benchmark alike, measuring the harness rather than the checks.
    // The cost of the loop itself, which every benchmark below includes.
    group.bench_function("loop_only", |b| {
        b.iter(|| {
            black_box(&inputs)
                .iter()
                .filter(|input| input.len() == 17)
                .count()
        })
    });
    group.bench_function("generated", |b| {
        b.iter(|| {
            let prefix = black_box(PREFIX);
            black_box(&inputs)
                .iter()
                .filter(|input| is_valid_user_certify_id(input, Some(prefix)))
                .count()
        })
    });
    group.bench_function("generated_validator", |b| {
        b.iter(|| {
            let prefix = black_box(PREFIX);
            black_box(&inputs)
                .iter()
                .filter(|input| validate_user_certify_id(input, Some(prefix)).is_ok())
                .count()
        })
    });
    group.bench_function("regex_is_match", |b| {
        b.iter(|| {
            black_box(&inputs)
                .iter()
                .filter(|input| regex.is_match(input))
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
