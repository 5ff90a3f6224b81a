//! The VerifyIntelligentCaptcha request, built and signed without I/O: `POST /` with a
//! form body holding `CaptchaVerifyParam` and `SceneId`, the `x-acs-*` headers and the
//! `Authorization` header. The date and the nonce are inputs ([`format_date`] and
//! [`new_nonce`] make real ones), so a request is reproducible in tests.

use std::time::SystemTime;

use percent_encoding::utf8_percent_encode;

use crate::credentials::Credentials;
use crate::sign::{self, HexDigest, RequestParts, RFC3986};

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
    body: String,
    content_sha256: HexDigest,
    authorization: String,
    security_token: Option<&'a str>,
}

impl std::fmt::Debug for SignedVerifyCall<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is a credential; the rest is what goes on the wire.
        f.debug_struct("SignedVerifyCall")
            .field("call", &self.call)
            .field("body", &self.body)
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
        let mut body = String::with_capacity(
            PARAM_FIELD.len()
                + SCENE_FIELD.len()
                + 3
                + 3 * (self.captcha_verify_param.len() + self.scene_id.len()),
        );
        body.push_str(PARAM_FIELD);
        body.push('=');
        body.extend(utf8_percent_encode(self.captcha_verify_param, RFC3986));
        body.push('&');
        body.push_str(SCENE_FIELD);
        body.push('=');
        body.extend(utf8_percent_encode(self.scene_id, RFC3986));
        body
    }

    /// Builds the body and signs the request with `credentials`.
    pub fn sign(self, credentials: &'a Credentials) -> SignedVerifyCall<'a> {
        let body = self.body();
        let content_sha256 = sign::hash_payload(body.as_bytes());
        let security_token = credentials.security_token().map(|token| token.expose());
        let mut headers = [("", ""); 8];
        let count = signed_headers(&self, content_sha256.as_str(), security_token, &mut headers);
        let parts = RequestParts {
            method: "POST",
            path: "/",
            query: &[],
            headers: &headers[..count],
            payload_hash: content_sha256.as_str(),
        };
        let authorization = sign::sign(
            credentials.access_key_id(),
            credentials.access_key_secret().expose().as_bytes(),
            &parts,
        );
        SignedVerifyCall {
            call: self,
            body,
            content_sha256,
            authorization,
            security_token,
        }
    }
}

/// Fills `out` with the signed headers of a call and returns how many there are.
fn signed_headers<'a>(
    call: &VerifyCall<'a>,
    content_sha256: &'a str,
    security_token: Option<&'a str>,
    out: &mut [(&'a str, &'a str); 8],
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
        &self.body
    }

    /// The body, taken out of the request.
    pub fn into_body(self) -> String {
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

    /// Every header to send, `Authorization` included (`host` first; a client that sets
    /// `Host` itself must send the same value). The security token is among them when the
    /// credentials have one, so do not log these.
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = [("", ""); 8];
        let count = signed_headers(
            &self.call,
            self.content_sha256.as_str(),
            self.security_token,
            &mut headers,
        );
        let mut all = Vec::with_capacity(count + 1);
        for (name, value) in &headers[..count] {
            all.push((header_name(name), *value));
        }
        all.push(("authorization", self.authorization.as_str()));
        all
    }
}

/// The `'static` spelling of a signed header name (they are all constants).
fn header_name(name: &str) -> &'static str {
    const NAMES: [&str; 8] = [
        "host",
        "content-type",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
        "x-acs-security-token",
    ];
    NAMES
        .into_iter()
        .find(|known| *known == name)
        .unwrap_or("x-acs-unknown")
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
        let headers = signed.headers();
        let parts = RequestParts {
            method: "POST",
            path: "/",
            query: &[],
            headers: &headers[..headers.len() - 1],
            payload_hash: signed.content_sha256().as_str(),
        };
        assert_eq!(
            parts.hashed_canonical_request().as_str(),
            "3d4757fa7b656e8165a18318471675008d89301d68ebf048eb0e5ddd6a19138e"
        );
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
