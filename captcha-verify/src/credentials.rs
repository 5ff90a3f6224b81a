//! The AccessKey that signs each call: an id, a secret and, for temporary credentials from
//! STS, a security token. The secret and the token never appear in `Debug` output, in an
//! error or in a log line: [`Secret`] prints as `[redacted]`.

use std::fmt;

use hmac::KeyInit;

use crate::sign::HmacSha256;

/// The environment variable holding the AccessKey id (the name Alibaba's tools read).
pub const ACCESS_KEY_ID_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The environment variable holding the AccessKey secret.
pub const ACCESS_KEY_SECRET_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// The environment variable holding an STS security token, for temporary credentials.
pub const SECURITY_TOKEN_VAR: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// A value that must not be shown: `Debug` and `Display` print `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for signing. Keep it out of logs and errors.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// An AccessKey pair, and an STS security token when the pair is temporary.
///
/// ```
/// use captcha_verify::Credentials;
///
/// let credentials = Credentials::new("LTAI-example", "example-secret");
/// assert_eq!(credentials.access_key_id(), "LTAI-example");
/// let shown = format!("{credentials:?}");
/// assert!(shown.contains("LTAI-example") && !shown.contains("example-secret"));
/// ```
#[derive(Clone)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: Secret,
    security_token: Option<Secret>,
    /// HMAC-SHA256 keyed with the secret (the key's inner and outer pads already hashed),
    /// cloned for each signature instead of set up again. As secret as the secret itself:
    /// it stays out of `Debug` and out of comparisons (it follows from the secret).
    signing_key: HmacSha256,
}

impl PartialEq for Credentials {
    fn eq(&self, other: &Self) -> bool {
        self.access_key_id == other.access_key_id
            && self.access_key_secret == other.access_key_secret
            && self.security_token == other.security_token
    }
}

impl Eq for Credentials {}

impl Credentials {
    /// A long-lived AccessKey pair (a RAM user's).
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        let access_key_secret = Secret::new(access_key_secret);
        // HMAC takes keys of any length; this cannot fail.
        let signing_key = HmacSha256::new_from_slice(access_key_secret.expose().as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret,
            security_token: None,
            signing_key,
        }
    }

    /// The same pair with an STS security token, sent as `x-acs-security-token`.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }

    /// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, when it is
    /// set and not empty, `ALIBABA_CLOUD_SECURITY_TOKEN`. A missing or empty id or secret is an
    /// error naming the variable.
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// As [`from_env`](Self::from_env), reading variables through `lookup` (for tests and for
    /// configuration sources other than the process environment).
    pub fn from_lookup(
        mut lookup: impl FnMut(&str) -> Option<String>,
    ) -> Result<Self, CredentialsError> {
        let mut required = |variable: &'static str| {
            lookup(variable)
                .filter(|value| !value.is_empty())
                .ok_or(CredentialsError { variable })
        };
        let access_key_id = required(ACCESS_KEY_ID_VAR)?;
        let access_key_secret = required(ACCESS_KEY_SECRET_VAR)?;
        let credentials = Credentials::new(access_key_id, access_key_secret);
        Ok(
            match lookup(SECURITY_TOKEN_VAR).filter(|token| !token.is_empty()) {
                Some(token) => credentials.with_security_token(token),
                None => credentials,
            },
        )
    }

    /// The AccessKey id, which is not secret: it appears in every `Authorization` header.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The AccessKey secret.
    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    /// The STS security token, if the credentials are temporary.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }

    /// HMAC-SHA256 keyed with the secret, ready to clone and feed a string to sign.
    pub(crate) fn signing_key(&self) -> &HmacSha256 {
        &self.signing_key
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("security_token", &self.security_token)
            .finish()
    }
}

/// A variable [`Credentials::from_env`] needs is missing or empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    variable: &'static str,
}

impl CredentialsError {
    /// The name of the missing variable.
    pub fn variable(&self) -> &'static str {
        self.variable
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the environment variable {} is not set (or is empty); the verify client needs an \
             Alibaba Cloud AccessKey",
            self.variable
        )
    }
}

impl std::error::Error for CredentialsError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl FnMut(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn every_missing_variable_is_named() {
        let error = Credentials::from_lookup(lookup(&[])).unwrap_err();
        assert_eq!(error.variable(), ACCESS_KEY_ID_VAR);
        assert!(error.to_string().contains(ACCESS_KEY_ID_VAR));
        let error = Credentials::from_lookup(lookup(&[(ACCESS_KEY_ID_VAR, "id")])).unwrap_err();
        assert_eq!(error.variable(), ACCESS_KEY_SECRET_VAR);
        let error = Credentials::from_lookup(lookup(&[
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, ""),
        ]))
        .unwrap_err();
        assert_eq!(error.variable(), ACCESS_KEY_SECRET_VAR);
    }

    #[test]
    fn the_token_is_optional() {
        let plain = Credentials::from_lookup(lookup(&[
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "s3cr3t-value"),
        ]))
        .unwrap();
        assert_eq!(plain.security_token(), None);
        let sts = Credentials::from_lookup(lookup(&[
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "s3cr3t-value"),
            (SECURITY_TOKEN_VAR, "t0ken-value"),
        ]))
        .unwrap();
        assert_eq!(
            sts.security_token().map(Secret::expose),
            Some("t0ken-value")
        );
        assert_eq!(sts.access_key_secret().expose(), "s3cr3t-value");
    }

    #[test]
    fn neither_debug_nor_display_shows_the_secret_or_the_token() {
        let credentials =
            Credentials::new("id-visible", "s3cr3t-value").with_security_token("t0ken-value");
        for shown in [
            format!("{credentials:?}"),
            format!("{credentials:#?}"),
            format!("{}", credentials.access_key_secret()),
            format!("{:?}", credentials.security_token()),
        ] {
            assert!(!shown.contains("s3cr3t"), "{shown}");
            assert!(!shown.contains("t0ken"), "{shown}");
        }
        assert!(format!("{credentials:?}").contains("id-visible"));
        assert!(!format!("{credentials:#?}").contains("signing_key"));
        assert!(!format!("{credentials:#?}").contains("Hmac"));
    }

    #[test]
    fn the_kept_signing_key_is_keyed_with_the_secret() {
        use hmac::Mac;
        let credentials = Credentials::new("id", "s3cr3t-value").with_security_token("t");
        let kept = credentials.signing_key().clone().chain_update(b"message");
        let fresh = HmacSha256::new_from_slice(b"s3cr3t-value")
            .unwrap()
            .chain_update(b"message");
        assert_eq!(kept.finalize().into_bytes(), fresh.finalize().into_bytes());
        assert_eq!(credentials.clone(), credentials);
        assert_ne!(
            Credentials::new("id", "other"),
            Credentials::new("id", "s3cr3t-value")
        );
    }
}
