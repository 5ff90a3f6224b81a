//! `Locale::negotiate` on headers of several shapes: the 37 real `Accept-Language` headers
//! of `tests/data/accept-language.tsv` (browsers, apps, crawlers, none), a long list of
//! 64 weighted entries, and a hostile 1 MB header (only its first 4 KiB are read).
//! Run with `cargo bench -p captcha-errors --bench negotiate`.

use std::hint::black_box;

use captcha_errors::Locale;
use criterion::{criterion_group, criterion_main, Criterion};

const HEADERS: &str = include_str!("../tests/data/accept-language.tsv");

fn real_headers() -> Vec<&'static str> {
    HEADERS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split('\t').next())
        .collect()
}

fn long_list() -> String {
    let tags = [
        "fr-CH",
        "de",
        "ja-JP",
        "ko",
        "pt-BR",
        "ru",
        "it",
        "zh-Hant-HK",
    ];
    (0..64)
        .map(|index| format!("{};q=0.{:03}", tags[index % tags.len()], 999 - index))
        .collect::<Vec<_>>()
        .join(", ")
}

fn bench(c: &mut Criterion) {
    let real = real_headers();
    assert!(real.len() >= 30);
    c.bench_function("negotiate/37 real headers, all of them", |b| {
        b.iter(|| {
            for header in &real {
                black_box(Locale::negotiate(black_box(header)));
            }
        })
    });
    let long = long_list();
    assert_eq!(Locale::negotiate(&long), Locale::ZhTw);
    c.bench_function("negotiate/64 weighted entries", |b| {
        b.iter(|| Locale::negotiate(black_box(&long)))
    });
    let hostile = "x-".repeat(512 * 1024);
    c.bench_function("negotiate/1 MB of garbage", |b| {
        b.iter(|| Locale::negotiate(black_box(&hostile)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
