//! The VerifyIntelligentCaptcha request, built and signed without I/O: `POST /` with a
//! form body holding `CaptchaVerifyParam` and `SceneId`, the `x-acs-*` headers and the
//! `Authorization` header. The date and the nonce are inputs ([`format_date`] and
//! [`new_nonce`] make real ones), so a request is reproducible in tests.

use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::credentials::Credentials;
use crate::sign::{self, BlockSink, FormWriter, HexDigest, RequestParts};

/// The API action this crate calls.
pub const ACTION: &str = "VerifyIntelligentCaptcha";
/// The API version of that action.
pub const VERSION: &str = "2023-03-05";
/// The body's media type.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded";
/// The body member holding the page's verification parameter.
pub const PARAM_FIELD: &str = "CaptchaVerifyParam";
/// The body member holding the scene the parameter must belong to.
pub const SCENE_FIELD: &str = "SceneId";

/// One verification to send: what the signature covers besides the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifyCall<'a> {
    /// The endpoint's host name (and port, if not the scheme's default), as sent in `Host`.
    pub host: &'a str,
    /// The scene the page's captcha belongs to. Sending it stops a page from passing a
    /// parameter solved in another, easier scene.
    pub scene_id: &'a str,
    /// The parameter the page's `success` callback produced, unchanged.
    pub captcha_verify_param: &'a str,
    /// `x-acs-date`: UTC, `yyyy-MM-ddTHH:mm:ssZ` ([`format_date`]).
    pub date: &'a str,
    /// `x-acs-signature-nonce`: unique per request ([`new_nonce`]).
    pub nonce: &'a str,
}

/// A signed request, ready to send.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedVerifyCall<'a> {
    call: VerifyCall<'a>,
    /// ASCII only (percent-encoded), kept as bytes: the client sends bytes, so the text check
    /// is paid only by [`SignedVerifyCall::body`].
    body: Vec<u8>,
    content_sha256: HexDigest,
    authorization: String,
    security_token: Option<&'a str>,
}

impl std::fmt::Debug for SignedVerifyCall<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is a credential; the rest is what goes on the wire.
        f.debug_struct("SignedVerifyCall")
            .field("call", &self.call)
            .field("body", &self.body())
            .field("content_sha256", &self.content_sha256)
            .field("authorization", &self.authorization)
            .field("security_token", &self.security_token.map(|_| "[redacted]"))
            .finish()
    }
}

impl<'a> VerifyCall<'a> {
    /// The form body: `CaptchaVerifyParam=...&SceneId=...`, each value percent-encoded per
    /// RFC 3986 (a space is `%20`, `*` is `%2A`).
    pub fn body(&self) -> String {
        ascii_text(self.write_body(()).0)
    }

    /// The body's bytes, and `sink` after it has been given every byte of them.
    fn write_body<H: BlockSink>(&self, sink: H) -> (Vec<u8>, H) {
        let out = Vec::with_capacity(
            PARAM_FIELD.len()
                + SCENE_FIELD.len()
                + 2
                + 3 * (self.captcha_verify_param.len() + self.scene_id.len()),
        );
        let mut writer = FormWriter::new(out, sink);
        writer.push_raw(PARAM_FIELD.as_bytes());
        writer.push_raw(b"=");
        writer.push_encoded(self.captcha_verify_param);
        writer.push_raw(b"&");
        writer.push_raw(SCENE_FIELD.as_bytes());
        writer.push_raw(b"=");
        writer.push_encoded(self.scene_id);
        writer.finish()
    }

    /// Builds the body and signs the request with `credentials`.
    ///
    /// The canonical request is hashed from a fixed template rather than through
    /// [`sign::sign`]: this call's signed headers are constants (already lower case and in
    /// sorted order) but for the host, the body's hash, the date, the nonce and the
    /// security token, so there is nothing to sort and the `SignedHeaders` list is one of
    /// two constants. A unit test holds the two paths to the same bytes.
    pub fn sign(self, credentials: &'a Credentials) -> SignedVerifyCall<'a> {
        let (body, hasher) = self.write_body(Sha256::new());
        let content_sha256 = HexDigest::from_bytes(&hasher.finalize());
        let security_token = credentials.security_token().map(|token| token.expose());
        let hashed = self.hashed_canonical_request(content_sha256.as_str(), security_token);
        let signature = sign::keyed_signature(credentials.signing_key(), &hashed);
        let authorization = sign::authorization(
            credentials.access_key_id(),
            signed_header_names(security_token.is_some()),
            &signature,
        );
        SignedVerifyCall {
            call: self,
            body,
            content_sha256,
            authorization,
            security_token,
        }
    }

    /// The hex SHA-256 of this call's canonical request, fed to the hasher from the
    /// template: what [`RequestParts::hashed_canonical_request`] gives for the headers of
    /// [`signed_headers`], without sorting or lower-casing anything.
    fn hashed_canonical_request(
        &self,
        content_sha256: &str,
        security_token: Option<&str>,
    ) -> HexDigest {
        let mut hasher = Sha256::new();
        hasher.update(b"POST\n/\n\ncontent-type:");
        hasher.update(CONTENT_TYPE.as_bytes());
        hasher.update(b"\nhost:");
        hasher.update(self.host.trim().as_bytes());
        hasher.update(b"\nx-acs-action:");
        hasher.update(ACTION.as_bytes());
        hasher.update(b"\nx-acs-content-sha256:");
        hasher.update(content_sha256.as_bytes());
        hasher.update(b"\nx-acs-date:");
        hasher.update(self.date.trim().as_bytes());
        if let Some(token) = security_token {
            hasher.update(b"\nx-acs-security-token:");
            hasher.update(token.trim().as_bytes());
        }
        hasher.update(b"\nx-acs-signature-nonce:");
        hasher.update(self.nonce.trim().as_bytes());
        hasher.update(b"\nx-acs-version:");
        hasher.update(VERSION.as_bytes());
        hasher.update(b"\n\n");
        hasher.update(signed_header_names(security_token.is_some()).as_bytes());
        hasher.update(b"\n");
        hasher.update(content_sha256.as_bytes());
        HexDigest::from_bytes(&hasher.finalize())
    }
}

/// Percent-encoded bytes as text (they are ASCII, so nothing is ever replaced).
fn ascii_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// The `SignedHeaders` list of a call: the names of [`signed_headers`], sorted, with
/// `x-acs-security-token` when the credentials have a token.
fn signed_header_names(with_security_token: bool) -> &'static str {
    if with_security_token {
        "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;\
         x-acs-signature-nonce;x-acs-version"
    } else {
        "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;\
         x-acs-version"
    }
}

/// Fills `out` with the signed headers of a call and returns how many there are.
fn signed_headers<'a>(
    call: &VerifyCall<'a>,
    content_sha256: &'a str,
    security_token: Option<&'a str>,
    out: &mut [(&'static str, &'a str); 8],
) -> usize {
    let fixed = [
        ("host", call.host),
        ("content-type", CONTENT_TYPE),
        ("x-acs-action", ACTION),
        ("x-acs-version", VERSION),
        ("x-acs-date", call.date),
        ("x-acs-signature-nonce", call.nonce),
        ("x-acs-content-sha256", content_sha256),
    ];
    out[..fixed.len()].copy_from_slice(&fixed);
    match security_token {
        Some(token) => {
            out[fixed.len()] = ("x-acs-security-token", token);
            fixed.len() + 1
        }
        None => fixed.len(),
    }
}

impl<'a> SignedVerifyCall<'a> {
    /// The form body to send.
    pub fn body(&self) -> &str {
        // Percent-encoding writes ASCII only, so the check never fails.
        std::str::from_utf8(&self.body).unwrap_or_default()
    }

    /// The body, taken out of the request.
    pub fn into_body(self) -> String {
        ascii_text(self.body)
    }

    /// The body's bytes, taken out of the request without a text check: what a client sends.
    pub fn into_body_bytes(self) -> Vec<u8> {
        self.body
    }

    /// The `Authorization` header value.
    pub fn authorization(&self) -> &str {
        &self.authorization
    }

    /// `x-acs-content-sha256`: the hex SHA-256 of the body.
    pub fn content_sha256(&self) -> &HexDigest {
        &self.content_sha256
    }

    /// The call this request was built from.
    pub fn call(&self) -> &VerifyCall<'a> {
        &self.call
    }

    /// The signed headers (an array and how many of it are filled).
    fn signed_headers(&self) -> ([(&'static str, &str); 8], usize) {
        let mut headers = [("", ""); 8];
        let count = signed_headers(
            &self.call,
            self.content_sha256.as_str(),
            self.security_token,
            &mut headers,
        );
        (headers, count)
    }

    /// Calls `f` with the request as [`sign::sign`] sees it: `POST /`, no query, the signed
    /// headers (in the order [`headers`](Self::headers) gives them) and the body's hash.
    /// Signing does not go this way (it hashes the same bytes from a template); this is
    /// for checking a signature the generic way, for [`RequestParts::canonical_request`]
    /// when debugging, and for tests and benchmarks. The parts hold the security token
    /// when there is one.
    pub fn with_request_parts<R>(&self, f: impl FnOnce(&RequestParts<'_>) -> R) -> R {
        let (headers, count) = self.signed_headers();
        f(&RequestParts {
            method: "POST",
            path: "/",
            query: &[],
            headers: &headers[..count],
            payload_hash: self.content_sha256.as_str(),
        })
    }

    /// Every header to send, `Authorization` included (`host` first; a client that sets
    /// `Host` itself must send the same value). The security token is among them when the
    /// credentials have one, so do not log these.
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let (headers, count) = self.signed_headers();
        let mut all = Vec::with_capacity(count + 1);
        all.extend_from_slice(&headers[..count]);
        all.push(("authorization", self.authorization.as_str()));
        all
    }
}

/// A date as `x-acs-date` wants it: UTC, `yyyy-MM-ddTHH:mm:ssZ`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let date = UNIX_EPOCH + Duration::from_secs(1_698_315_752);
/// assert_eq!(captcha_verify::request::format_date(date), "2023-10-26T10:22:32Z");
/// ```
pub fn format_date(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

/// A fresh nonce: 16 bytes from the operating system's random source, as 32 hex digits.
pub fn new_nonce() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode_to_string(bytes))
}

mod hex {
    /// Lower-case hex digits of `bytes`.
    pub(super) fn encode_to_string(bytes: [u8; 16]) -> String {
        let mut out = [0u8; 32];
        let _ = ::hex::encode_to_slice(bytes, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAM: &str = r#"{"sceneId":"didk33e0","certifyId":"no8xfe_7G47iByes3","deviceToken":"abc+/=","data":"x y*~"}"#;

    fn fixture_call() -> VerifyCall<'static> {
        VerifyCall {
            host: "captcha.cn-shanghai.aliyuncs.com",
            scene_id: "didk33e0",
            captcha_verify_param: PARAM,
            date: "2023-10-26T10:22:32Z",
            nonce: "3156853299f313e23d1673dc12e1703d",
        }
    }

    /// The VerifyIntelligentCaptcha fixture of the research notes.
    #[test]
    fn reproduces_the_verify_fixture() {
        let credentials = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
        let signed = fixture_call().sign(&credentials);
        assert_eq!(
            signed.body(),
            "CaptchaVerifyParam=%7B%22sceneId%22%3A%22didk33e0%22%2C%22certifyId%22%3A%22no8xfe_7G47iByes3%22%2C%22deviceToken%22%3A%22abc%2B%2F%3D%22%2C%22data%22%3A%22x%20y%2A~%22%7D&SceneId=didk33e0"
        );
        assert_eq!(
            signed.content_sha256().as_str(),
            "b8e2955b7db29337425bbe94c1a84b7e11808a2c5f11d8d84754d08c04ee378b"
        );
        assert_eq!(
            signed.authorization(),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;\
             x-acs-signature-nonce;x-acs-version,\
             Signature=583ac2b44973174cc3d611c6818827167b349a9324533a66ddd5ed68e5a016fa"
        );
        assert_eq!(
            signed
                .with_request_parts(|parts| parts.hashed_canonical_request())
                .as_str(),
            "3d4757fa7b656e8165a18318471675008d89301d68ebf048eb0e5ddd6a19138e"
        );
    }

    /// The template path of `VerifyCall::sign` gives the bytes the generic `sign::sign`
    /// gives, with and without a token, for odd hosts and padded values.
    #[test]
    fn the_template_matches_the_generic_signer() {
        let long_token = "CAIS".repeat(300);
        let credentials = [
            Credentials::new("YourAccessKeyId", "YourAccessKeySecret"),
            Credentials::new("id", "s").with_security_token("sts-token-value"),
            Credentials::new(
                "LTAI5t",
                "a secret longer than one SHA-256 block: ".repeat(3),
            )
            .with_security_token(format!(" {long_token} ")),
        ];
        let hosts = [
            "captcha.cn-shanghai.aliyuncs.com",
            "127.0.0.1:8443",
            "[::1]:9000",
            "Captcha.EXAMPLE.com:443",
            " padded.example ",
            "",
        ];
        let params = [PARAM, "", "x", &"ab+/=验证 *~".repeat(40)];
        for credentials in &credentials {
            for host in hosts {
                for param in params {
                    let call = VerifyCall {
                        host,
                        scene_id: "scene id/1",
                        captcha_verify_param: param,
                        date: " 2023-10-26T10:22:32Z",
                        nonce: "3156853299f313e23d1673dc12e1703d ",
                    };
                    let signed = call.sign(credentials);
                    assert_eq!(signed.body(), call.body());
                    assert_eq!(
                        *signed.content_sha256(),
                        sign::hash_payload(signed.body().as_bytes())
                    );
                    let (hashed, generic) = signed.with_request_parts(|parts| {
                        (
                            parts.hashed_canonical_request(),
                            sign::sign(
                                credentials.access_key_id(),
                                credentials.access_key_secret().expose().as_bytes(),
                                parts,
                            ),
                        )
                    });
                    let token = credentials.security_token().map(|token| token.expose());
                    assert_eq!(
                        call.hashed_canonical_request(signed.content_sha256().as_str(), token),
                        hashed,
                        "{host:?} {param:?}"
                    );
                    assert_eq!(signed.authorization(), generic, "{host:?} {param:?}");
                }
            }
        }
    }

    #[test]
    fn an_sts_token_is_sent_and_signed() {
        let credentials = Credentials::new("YourAccessKeyId", "YourAccessKeySecret")
            .with_security_token("sts-token-value");
        let signed = fixture_call().sign(&credentials);
        assert!(signed
            .authorization()
            .contains("x-acs-date;x-acs-security-token;x-acs-signature-nonce"));
        assert!(signed
            .headers()
            .contains(&("x-acs-security-token", "sts-token-value")));
        assert!(!format!("{signed:?}").contains("sts-token-value"));
        let plain_credentials = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
        let plain = fixture_call().sign(&plain_credentials);
        assert_ne!(plain.authorization(), signed.authorization());
    }

    #[test]
    fn nonces_are_fresh_hex() {
        let a = new_nonce().unwrap();
        let b = new_nonce().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|byte| byte.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
