//! Finding the `captchaVerifyParam` of a request: the header, a JSON body member or a form
//! field. A body is buffered (up to a limit) and put back, so the handler still reads it.

use axum::body::Body;
use axum::http::{header, Request};

use super::Refusal;

/// The header that carries the parameter.
pub const PARAM_HEADER: &str = "x-captcha-verify-param";
/// The JSON member and form field that carry the parameter.
pub const PARAM_FIELD: &str = "captchaVerifyParam";
/// The largest body buffered by default: 64 KiB.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// The kinds of body the parameter can be read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
}

fn body_kind(request: &Request<Body>) -> Option<BodyKind> {
    let content_type = request.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if media_type == "application/json"
        || (media_type.starts_with("application/") && media_type.ends_with("+json"))
    {
        Some(BodyKind::Json)
    } else if media_type == "application/x-www-form-urlencoded" {
        Some(BodyKind::Form)
    } else {
        None
    }
}

/// The request (its body put back) and its non-empty parameter, or the refusal for a
/// request without one.
pub(super) async fn take(
    request: Request<Body>,
    limit: usize,
) -> Result<(Request<Body>, String), Refusal> {
    if let Some(value) = request.headers().get(PARAM_HEADER) {
        return match value.to_str() {
            Ok(param) if !param.is_empty() => {
                let param = param.to_owned();
                Ok((request, param))
            }
            _ => Err(Refusal::Missing),
        };
    }
    let Some(kind) = body_kind(&request) else {
        return Err(Refusal::Missing);
    };
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(error) => {
            let too_large = std::error::Error::source(&error)
                .is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
            return Err(if too_large {
                Refusal::TooLarge
            } else {
                Refusal::Missing
            });
        }
    };
    let param = match kind {
        BodyKind::Json => serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|value| {
                value
                    .get(PARAM_FIELD)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            }),
        BodyKind::Form => form_urlencoded::parse(&bytes)
            .find(|(name, _)| name == PARAM_FIELD)
            .map(|(_, value)| value.into_owned()),
    };
    match param {
        Some(param) if !param.is_empty() => {
            Ok((Request::from_parts(parts, Body::from(bytes)), param))
        }
        _ => Err(Refusal::Missing),
    }
}
