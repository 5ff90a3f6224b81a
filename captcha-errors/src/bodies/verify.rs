//! [`VerifyResponse`]: the body of a VerifyIntelligentCaptcha response, with the field
//! names of Alibaba's official SDK model (`RequestId`, `Success`, `Code`, `Message`, and
//! `Result` with `VerifyResult`, `VerifyCode`, `CertifyId`). A failed verification is a
//! response like any other (HTTP 200, `Code` "Success", `VerifyResult` false): its
//! [`VerifyCode`] says why.

use alloc::string::String;
use serde::{Deserialize, Serialize};

use super::BodyError;
use crate::generated::api::ApiError;
use crate::generated::verify::{Verdict, VerifyCode};
use crate::Wire;

/// A VerifyIntelligentCaptcha response body.
///
/// ```
/// use captcha_errors::verify::{VerifyCode, VerifyResponse};
///
/// let body = r#"{"Code":"Success","Message":"success","RequestId":"A1B2-C3",
///   "Result":{"CertifyId":"no8xfe_7G47iByes3","VerifyCode":"F008","VerifyResult":false},
///   "Success":true}"#;
/// let response = VerifyResponse::from_json(body).unwrap();
/// assert!(!response.passed());
/// assert_eq!(response.verify_code().known(), Some(VerifyCode::F008));
/// assert_eq!(response.certify_id(), "no8xfe_7G47iByes3");
/// assert_eq!(response.request_id(), "A1B2-C3");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyResponse {
    #[serde(rename = "RequestId")]
    request_id: String,
    #[serde(rename = "Success", default)]
    success: Option<bool>,
    #[serde(rename = "Code")]
    code: Wire<ApiError>,
    #[serde(rename = "Message", default)]
    message: Option<String>,
    #[serde(rename = "Result")]
    result: VerifyOutcome,
}

/// The `Result` object of a response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct VerifyOutcome {
    #[serde(rename = "VerifyResult")]
    verify_result: bool,
    #[serde(rename = "VerifyCode")]
    verify_code: Wire<VerifyCode>,
    #[serde(rename = "CertifyId", default)]
    certify_id: String,
}

impl VerifyResponse {
    /// Parses a response body. Unknown fields are ignored; an unknown `VerifyCode` or
    /// `Code` is kept as [`Wire::Unknown`].
    #[inline]
    pub fn from_json(body: &str) -> Result<Self, BodyError> {
        super::parse(body)
    }

    /// The body as JSON, with the SDK model's field names.
    #[inline]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether the user passed: Alibaba's `VerifyResult`.
    #[inline]
    pub fn passed(&self) -> bool {
        self.result.verify_result
    }

    /// Why the verification passed or failed: `Result.VerifyCode`.
    #[inline]
    pub fn verify_code(&self) -> &Wire<VerifyCode> {
        &self.result.verify_code
    }

    /// What the catalog says the verify code means, if it knows the code.
    #[inline]
    pub fn verdict(&self) -> Option<Verdict> {
        self.result.verify_code.known().map(VerifyCode::verdict)
    }

    /// `Result.CertifyId`: the page's `UserCertifyId` when it set one; empty if absent.
    #[inline]
    pub fn certify_id(&self) -> &str {
        &self.result.certify_id
    }

    /// `RequestId`, for Alibaba's support.
    #[inline]
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The API's `Code`: "Success" for every verification, passed or failed; an API
    /// error code is not a verification at all.
    #[inline]
    pub fn code(&self) -> &Wire<ApiError> {
        &self.code
    }

    /// `Success`, if the body has it.
    #[inline]
    pub fn success(&self) -> Option<bool> {
        self.success
    }

    /// `Message`, if the body has it.
    #[inline]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn missing_and_mistyped_fields_say_where() {
        let error = VerifyResponse::from_json(r#"{"RequestId":"x","Code":"Success"}"#).unwrap_err();
        assert!(
            error.to_string().contains("missing field `Result`"),
            "{error}"
        );
        let error = VerifyResponse::from_json(
            r#"{"RequestId":"x","Code":"Success","Result":{"VerifyResult":"no","VerifyCode":"T001"}}"#,
        )
        .unwrap_err();
        assert!(error.to_string().contains("expected a boolean"), "{error}");
        assert!(error.column() > 0);
    }
}
