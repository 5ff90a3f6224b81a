//! Signing one verify request allocates at most four times: the form body and the
//! `Authorization` header are the expected two (the canonical request is hashed from a
//! template, so no header list is sorted on the heap). Counted with
//! `allocation-counter`, which installs a counting global allocator in this test binary
//! only; the credentials and the parameter are built outside the count.

use captcha_verify::request::VerifyCall;
use captcha_verify::Credentials;

const MAX_ALLOCATIONS: u64 = 4;

/// A 1.5 KB parameter shaped like the page's: JSON around base64 tokens.
fn param() -> String {
    let token: String = (0..1_440u32)
        .map(|index| {
            let digit = (index.wrapping_mul(2_654_435_761) >> 26) as u8;
            char::from(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                    [usize::from(digit)],
            )
        })
        .collect();
    let param =
        format!(r#"{{"sceneId":"didk33e0","certifyId":"no8xfe_7G47iByes3","data":"{token}=="}}"#);
    assert!((1_450..1_600).contains(&param.len()), "{}", param.len());
    param
}

fn count_signing(credentials: &Credentials, param: &str) -> (u64, usize) {
    let call = VerifyCall {
        host: "captcha.cn-shanghai.aliyuncs.com",
        scene_id: "didk33e0",
        captcha_verify_param: param,
        date: "2023-10-26T10:22:32Z",
        nonce: "3156853299f313e23d1673dc12e1703d",
    };
    let mut body_len = 0;
    let counted = allocation_counter::measure(|| {
        let signed = std::hint::black_box(call).sign(credentials);
        body_len = signed.body().len();
        std::hint::black_box(signed);
    });
    (counted.count_total, body_len)
}

#[test]
fn signing_a_verify_request_allocates_at_most_four_times() {
    let param = param();
    let credentials = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
    let (count, body_len) = count_signing(&credentials, &param);
    assert!(
        body_len > param.len(),
        "the body holds the encoded parameter"
    );
    assert!(
        count <= MAX_ALLOCATIONS,
        "signing without an STS token made {count} heap allocations (at most {MAX_ALLOCATIONS})"
    );
}

#[test]
fn signing_with_an_sts_token_allocates_at_most_four_times() {
    let param = param();
    let credentials = Credentials::new("YourAccessKeyId", "YourAccessKeySecret")
        .with_security_token("CAIS-example-sts-security-token-value");
    let (count, _) = count_signing(&credentials, &param);
    assert!(
        count <= MAX_ALLOCATIONS,
        "signing with an STS token made {count} heap allocations (at most {MAX_ALLOCATIONS})"
    );
}

#[test]
fn the_counter_sees_signing_allocate() {
    // A zero would mean the counting allocator is not in place, not that signing is free.
    let param = param();
    let credentials = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
    let (count, _) = count_signing(&credentials, &param);
    assert!(count > 0, "signing made {count} heap allocations");
}
