//! [`ErrorBody`]: Alibaba Cloud's OpenAPI error body (`RequestId`, `HostId`, `Code`,
//! `Message`, `Recommend`), the way the verification API answers when the call itself
//! fails.

use alloc::string::String;
use serde::{Deserialize, Serialize};

use super::BodyError;
use crate::generated::api::ApiError;
use crate::Wire;

/// An OpenAPI error body.
///
/// ```
/// use captcha_errors::api::{ApiError, ErrorBody};
///
/// let body = r#"{"RequestId":"7A3B","HostId":"captcha.cn-shanghai.aliyuncs.com",
///   "Code":"MissingParameter","Message":"CaptchaVerifyParam is mandatory.",
///   "Recommend":"https://api.aliyun.com/troubleshoot?q=MissingParameter"}"#;
/// let error = ErrorBody::from_json(body).unwrap();
/// assert_eq!(error.code().known(), Some(ApiError::MissingParameter));
/// assert_eq!(error.request_id(), Some("7A3B"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(rename = "RequestId", default, skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(rename = "HostId", default, skip_serializing_if = "Option::is_none")]
    host_id: Option<String>,
    #[serde(rename = "Code")]
    code: Wire<ApiError>,
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(rename = "Recommend", default, skip_serializing_if = "Option::is_none")]
    recommend: Option<String>,
}

impl ErrorBody {
    /// Parses an error body; only `Code` is required. An unknown code is kept.
    #[inline]
    pub fn from_json(body: &str) -> Result<Self, BodyError> {
        super::parse(body)
    }

    /// The body as JSON, with the OpenAPI field names.
    #[inline]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `Code`.
    #[inline]
    pub fn code(&self) -> &Wire<ApiError> {
        &self.code
    }

    /// `RequestId`, for Alibaba's support.
    #[inline]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// `HostId`: the endpoint that answered.
    #[inline]
    pub fn host_id(&self) -> Option<&str> {
        self.host_id.as_deref()
    }

    /// `Message`: Alibaba's own text, which may differ from the catalog's.
    #[inline]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// `Recommend`: Alibaba's troubleshooting link.
    #[inline]
    pub fn recommend(&self) -> Option<&str> {
        self.recommend.as_deref()
    }
}
