//! Signing one VerifyIntelligentCaptcha request against the hashing it cannot avoid.
//!
//! One group, `sign`, two functions, each over three shapes of `CaptchaVerifyParam`:
//!
//! - `sign_verify_request/<shape>`: `VerifyCall { .. }.sign(&credentials)`, all of it: the
//!   percent-encoded form body, its SHA-256, the canonical request streamed into SHA-256
//!   from the call's template, the HMAC-SHA256 of the string to sign (from the keyed state
//!   the credentials keep) and the `Authorization` header.
//! - `hashing_alone/<shape>`: the floor under that: SHA-256 of the same encoded body,
//!   SHA-256 of the same canonical request (built once, outside the loop, with
//!   `SignedVerifyCall::with_request_parts` and `RequestParts::canonical_request`) and one
//!   HMAC-SHA256 (key set-up included) of the 81-byte string to sign, with the same `sha2`
//!   and `hmac` crates the signer uses.
//!
//! The shapes (parameter bytes → encoded body bytes, canonical request bytes):
//!
//! - `param_200B`: a short JSON-ish parameter of letters, digits, base64 `+/=` and JSON
//!   punctuation (200 → 314, 493).
//! - `param_1.5KB`: the same mix at a realistic size (1,536 → 1,724, 493).
//! - `param_6KB_escaped`: 6 KiB in which most bytes need `%XX` (JSON punctuation, spaces,
//!   `+/=*&%` and CJK text) (6,144 → 17,114, 493).
//!
//! The asserts below keep these sizes honest; the benchmark prints nothing of its own.
//! Run with `cargo bench -p captcha-verify --bench sign` (add
//! `-- --warm-up-time 1 --measurement-time 5` for a shorter run).

use std::hint::black_box;

use captcha_verify::request::VerifyCall;
use captcha_verify::sign::ALGORITHM;
use captcha_verify::Credentials;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};

const ACCESS_KEY_ID: &str = "LTAI5tExampleAccessKeyId";
const ACCESS_KEY_SECRET: &str = "ExampleAccessKeySecret0123456789";

/// A small deterministic generator, so every run signs the same bytes.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[(self.next() % choices.len() as u64) as usize]
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A JSON object shaped like the parameter the page's `success` callback produces, with
/// base64 tokens filling it to exactly `len` bytes.
fn realistic_param(len: usize, random: &mut XorShift) -> String {
    let head = r#"{"sceneId":"didk33e0","certifyId":"no8xfe_7G47iByes3","deviceToken":""#;
    let middle = r#"==","data":""#;
    let tail = r#"=","v":"1.0.3"}"#;
    let tokens = len - head.len() - middle.len() - tail.len();
    let mut param = String::with_capacity(len);
    param.push_str(head);
    for index in 0..tokens {
        if index == tokens * 3 / 5 {
            param.push_str(middle);
        }
        param.push(char::from(BASE64[(random.next() % 64) as usize]));
    }
    param.push_str(tail);
    assert_eq!(param.len(), len);
    param
}

/// `len` bytes in which most need percent-encoding: JSON punctuation, spaces, reserved
/// characters and CJK text (three bytes each), with a few unreserved letters.
fn escaped_param(len: usize, random: &mut XorShift) -> String {
    let pieces = [
        "{", "}", "[", "]", "\"", ":", ",", " ", "+", "/", "=", "*", "&", "%", "验证", "码", "ab",
        "x",
    ];
    let mut param = String::with_capacity(len + 8);
    while param.len() < len {
        param.push_str(random.pick(&pieces));
    }
    while param.len() > len {
        param.pop();
    }
    while param.len() < len {
        param.push('"');
    }
    param
}

/// One shape: its name, the parameter, and the body length its asserts pin.
struct Shape {
    name: &'static str,
    param: String,
    body_len: usize,
}

fn shapes() -> Vec<Shape> {
    let mut random = XorShift(0x2545_F491_4F6C_DD1D);
    vec![
        Shape {
            name: "param_200B",
            param: realistic_param(200, &mut random),
            body_len: 314,
        },
        Shape {
            name: "param_1.5KB",
            param: realistic_param(1536, &mut random),
            body_len: 1724,
        },
        Shape {
            name: "param_6KB_escaped",
            param: escaped_param(6144, &mut random),
            body_len: 17114,
        },
    ]
}

fn call(param: &str) -> VerifyCall<'_> {
    VerifyCall {
        host: "captcha.cn-shanghai.aliyuncs.com",
        scene_id: "didk33e0",
        captcha_verify_param: param,
        date: "2023-10-26T10:22:32Z",
        nonce: "3156853299f313e23d1673dc12e1703d",
    }
}

fn bench_sign(c: &mut Criterion) {
    let credentials = Credentials::new(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
    let mut group = c.benchmark_group("sign");
    for shape in shapes() {
        let call = call(&shape.param);
        let signed = call.sign(&credentials);
        let body = signed.body().to_owned();
        assert_eq!(body.len(), shape.body_len, "{}", shape.name);

        // The canonical request the signer hashes, and the string to sign it leads to.
        let (canonical, hashed) = signed.with_request_parts(|parts| {
            (parts.canonical_request(), parts.hashed_canonical_request())
        });
        assert_eq!(canonical.len(), 493, "{}", shape.name);
        let string_to_sign = format!("{ALGORITHM}\n{hashed}");
        assert_eq!(string_to_sign.len(), 81);

        group.bench_with_input(
            BenchmarkId::new("sign_verify_request", shape.name),
            &call,
            |b, call| b.iter(|| black_box(black_box(*call).sign(black_box(&credentials)))),
        );
        group.bench_function(BenchmarkId::new("hashing_alone", shape.name), |b| {
            b.iter(|| {
                let body_hash = Sha256::digest(black_box(body.as_bytes()));
                let canonical_hash = Sha256::digest(black_box(canonical.as_bytes()));
                let mut mac =
                    hmac::Hmac::<Sha256>::new_from_slice(black_box(ACCESS_KEY_SECRET.as_bytes()))
                        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
                mac.update(black_box(string_to_sign.as_bytes()));
                black_box((body_hash, canonical_hash, mac.finalize().into_bytes()))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_sign);
criterion_main!(benches);
