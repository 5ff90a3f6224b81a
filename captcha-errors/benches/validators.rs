//! The generated validators: `InitConfig::validate` on a valid config and on one with
//! four mistakes (every problem is reported, each with its message), `validate_region` on
//! a known region, a near miss (with its did-you-mean hint) and a stranger, and
//! `is_valid_scene_id` on valid and invalid scene IDs.
//! Run with `cargo bench -p captcha-errors --bench validators`.

use std::hint::black_box;

use captcha_errors::{is_valid_scene_id, validate_region, InitConfig};
use criterion::{criterion_group, criterion_main, Criterion};

/// A config as a page would pass it; `valid` chooses between a correct one and one with
/// four mistakes (region, mode, element and user certify ID).
fn config(valid: bool) -> InitConfig<'static> {
    let config = InitConfig::new()
        .prefix("no8xfe")
        .scene_id("didk33e0")
        .button("#button");
    if valid {
        config
            .region("cn")
            .mode("embed")
            .element("#captcha-element")
            .user_certify_id("no8xfe_7G47iByes3")
    } else {
        config
            .region("zh")
            .mode("popout")
            .element("captcha-element")
            .user_certify_id("no8xfe_tooShort")
    }
}

fn bench_config(c: &mut Criterion) {
    let valid = config(true);
    let invalid = config(false);
    assert!(valid.validate().config().is_some());
    assert_eq!(invalid.validate().errors().count(), 4);
    let mut group = c.benchmark_group("init_config_validate");
    group.bench_function("valid", |b| b.iter(|| black_box(&valid).validate()));
    group.bench_function("four_errors", |b| b.iter(|| black_box(&invalid).validate()));
    group.finish();
}

fn bench_region(c: &mut Criterion) {
    assert!(validate_region("cn").is_ok());
    assert!(validate_region("zh").is_err());
    let mut group = c.benchmark_group("validate_region");
    for (name, input) in [
        ("known", "sgp"),
        ("near_miss", "cnn"),
        ("stranger", "eu-west-1"),
    ] {
        group.bench_function(name, |b| b.iter(|| validate_region(black_box(input))));
    }
    group.finish();
}

fn bench_scene_id(c: &mut Criterion) {
    let inputs = [
        "didk33e0",
        "a1b2c3d4",
        "didk33e",
        "didk33e0x",
        "didk-3e0",
        "didk33é0",
    ];
    assert!(is_valid_scene_id(inputs[0]));
    assert!(!is_valid_scene_id(inputs[2]));
    // Each iteration checks all six inputs, three valid-looking and three not.
    c.bench_function("is_valid_scene_id/six_inputs", |b| {
        b.iter(|| {
            black_box(&inputs)
                .iter()
                .filter(|input| is_valid_scene_id(input))
                .count()
        })
    });
}

criterion_group!(benches, bench_config, bench_region, bench_scene_id);
criterion_main!(benches);
