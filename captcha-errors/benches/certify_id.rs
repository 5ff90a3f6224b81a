//! The generated certifyId check against `regex::Regex::is_match` on the same inputs:
//! half valid, half near misses (other prefix, wrong length, non-ASCII, punctuation).
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
    // The cost of the loop itself, to subtract from the others.
    group.bench_function("loop_only", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|input| black_box(input.len()) == 17)
                .count()
        })
    });
    group.bench_function("generated", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|input| is_valid_user_certify_id(black_box(input), Some(PREFIX)))
                .count()
        })
    });
    group.bench_function("generated_validator", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|input| validate_user_certify_id(black_box(input), Some(PREFIX)).is_ok())
                .count()
        })
    });
    group.bench_function("regex_is_match", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|input| regex.is_match(black_box(input)))
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
