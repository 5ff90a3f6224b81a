//! A stand-in for VerifyIntelligentCaptcha, for tests in any language. It speaks the real
//! protocol (`POST /`, a form body, Alibaba's JSON answers), checks each request's
//! `ACS3-HMAC-SHA256` signature against its own key pair, and answers from the catalogs, so
//! a row added to a catalog gets its own test value without a change here.
//!
//! What it answers, by `CaptchaVerifyParam`:
//!
//! | value | answer |
//! |---|---|
//! | `standin:<VerifyCode>` (`standin:F008`) | that code, `VerifyResult` following its verdict; `standin:<code>:<id>` also sets `CertifyId` |
//! | `standin:api:<ApiError>` (`standin:api:Throttling`) | that error body with the api catalog's status (a code the catalog does not know: status 400) |
//! | `standin:once` (or `standin:once:<anything>`) | `T001` the first time that exact value arrives, `F008` after |
//! | `standin:timeout` | no answer at all, until the client gives up |
//! | `standin:garbage` | HTTP 200 with a body that is not JSON |
//! | `standin:drop` | the connection is closed without an answer |
//! | empty | `F002` |
//! | anything else | `F003` |
//!
//! Before that, every request is checked as Alibaba's gateway checks it, each refusal with
//! the api catalog's code and status: no usable `Authorization` header, or a signed header
//! missing (`IncompleteSignature`); an AccessKey id other than the stand-in's
//! (`InvalidAccessKeyId.NotFound`); an `x-acs-date` more than 15 minutes off, or unreadable
//! (`InvalidTimeStamp.Expired`); a signature that does not match (`SignatureDoesNotMatch`); a
//! nonce seen before (`SignatureNonceUsed`); another action or version (`InvalidParameter`);
//! no `CaptchaVerifyParam` (`MissingParameter`).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use captcha_verify::standin::Standin;
//! use captcha_verify::Credentials;
//!
//! let standin = Standin::bind("127.0.0.1:0", Credentials::new("test-id", "test-secret")).await?;
//! println!("listening on {}", standin.endpoint());
//! # Ok(()) }
//! ```

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use captcha_errors::api::ApiError;
use captcha_errors::verify::{Verdict, VerifyCode};
use captcha_errors::{Wire, MAX_BODY_LEN};
use http::{HeaderMap, Method, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::watch;

use crate::credentials::Credentials;
use crate::endpoint::EndpointUrl;
use crate::request::{ACTION, PARAM_FIELD, VERSION};
use crate::sign::{self, Authorization, RequestParts};

/// How far a request's `x-acs-date` may be from the stand-in's clock: 15 minutes.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);

/// The prefix of every test value.
pub const PREFIX: &str = "standin:";

/// A running stand-in. Dropping it stops the server and closes its connections.
#[derive(Debug)]
pub struct Standin {
    address: SocketAddr,
    state: Arc<State>,
    shutdown: watch::Sender<bool>,
}

impl Standin {
    /// Binds `address` (port 0 picks a free port) and serves in the background on the current
    /// Tokio runtime, accepting requests signed with `credentials`.
    pub async fn bind(
        address: impl ToSocketAddrs,
        credentials: Credentials,
    ) -> std::io::Result<Standin> {
        let listener = TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let state = Arc::new(State::new(credentials));
        let (shutdown, stop) = watch::channel(false);
        tokio::spawn(accept_loop(listener, Arc::clone(&state), stop));
        Ok(Standin {
            address,
            state,
            shutdown,
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// Its URL, `http://HOST:PORT/`, for [`crate::ClientBuilder::endpoint`].
    pub fn endpoint(&self) -> EndpointUrl {
        // An address formats as a valid authority, so this cannot fail.
        EndpointUrl::custom(&format!("http://{}", self.address))
            .unwrap_or_else(|error| unreachable!("a socket address is a valid authority: {error}"))
    }

    /// How many requests arrived so far (whatever they were answered).
    pub fn requests_received(&self) -> u64 {
        self.state.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Standin {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// What the stand-in knows between requests.
#[derive(Debug)]
struct State {
    credentials: Credentials,
    requests: AtomicU64,
    nonces: Mutex<HashMap<String, Instant>>,
    once_used: Mutex<HashSet<String>>,
}

impl State {
    fn new(credentials: Credentials) -> Self {
        State {
            credentials,
            requests: AtomicU64::new(0),
            nonces: Mutex::new(HashMap::new()),
            once_used: Mutex::new(HashSet::new()),
        }
    }

    /// Records a nonce; false if it was seen before. Nonces older than twice the allowed
    /// clock skew are forgotten (their requests would be refused by date anyway).
    fn first_use_of_nonce(&self, nonce: &str) -> bool {
        let mut nonces = self.nonces.lock().unwrap_or_else(PoisonError::into_inner);
        if nonces.len() >= 4096 && nonces.len().is_power_of_two() {
            let now = Instant::now();
            nonces.retain(|_, seen| now.duration_since(*seen) < 2 * MAX_CLOCK_SKEW);
        }
        nonces.insert(nonce.to_owned(), Instant::now()).is_none()
    }

    fn first_use_of_once(&self, value: &str) -> bool {
        self.once_used
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(value.to_owned())
    }
}

async fn accept_loop(listener: TcpListener, state: Arc<State>, mut stop: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => return,
        };
        let Ok((stream, _)) = accepted else {
            // A failed accept (too many open files, say) drops that one connection only.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let state = Arc::clone(&state);
                async move { handle(&state, request).await }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = stop.changed() => {}
            }
        });
    }
}

/// The stand-in drops the connection instead of answering.
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the stand-in drops this connection on purpose")
    }
}

impl std::error::Error for DropConnection {}

async fn handle(
    state: &State,
    request: http::Request<hyper::body::Incoming>,
) -> Result<http::Response<Full<Bytes>>, DropConnection> {
    state.requests.fetch_add(1, Ordering::SeqCst);
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY_LEN).collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => return Err(DropConnection),
    };
    let host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let incoming = Received {
        method: &parts.method,
        query: parts.uri.query().unwrap_or(""),
        path: parts.uri.path(),
        headers: &parts.headers,
        body: &body,
    };
    match answer(state, &incoming, SystemTime::now()) {
        Answer::Verify { code, certify_id } => Ok(verify_response(&host, code, &certify_id)),
        Answer::Error(code) => Ok(error_response(&host, &code)),
        Answer::Garbage => Ok(response(
            StatusCode::OK,
            "text/html",
            "<html><body>stand-in: this is not JSON</body></html>",
        )),
        Answer::Never => {
            std::future::pending::<()>().await;
            Err(DropConnection)
        }
        Answer::Drop => Err(DropConnection),
    }
}

/// The parts of a request the stand-in reads.
struct Received<'a> {
    method: &'a Method,
    path: &'a str,
    query: &'a str,
    headers: &'a HeaderMap,
    body: &'a [u8],
}

/// What the stand-in does with a request.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    Verify {
        code: VerifyCode,
        certify_id: String,
    },
    Error(Wire<ApiError>),
    Garbage,
    Never,
    Drop,
}

fn refuse(code: ApiError) -> Answer {
    Answer::Error(Wire::Known(code))
}

/// Decides the answer to a request: the gateway's checks first, then the test value.
fn answer(state: &State, request: &Received<'_>, now: SystemTime) -> Answer {
    if let Err(code) = check_signature(state, request, now) {
        return refuse(code);
    }
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    if header("x-acs-action") != Some(ACTION) || header("x-acs-version") != Some(VERSION) {
        return refuse(ApiError::InvalidParameter);
    }
    let param = form_urlencoded::parse(request.body)
        .chain(form_urlencoded::parse(request.query.as_bytes()))
        .find(|(name, _)| name == PARAM_FIELD)
        .map(|(_, value)| value.into_owned());
    match param {
        None => refuse(ApiError::MissingParameter),
        Some(param) => test_value(state, &param),
    }
}

/// The gateway's checks, in order: a usable `Authorization`, the key id, the date, the
/// signature, the nonce.
fn check_signature(state: &State, request: &Received<'_>, now: SystemTime) -> Result<(), ApiError> {
    let authorization = request
        .headers
        .get(http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(Authorization::parse)
        .ok_or(ApiError::IncompleteSignature)?;
    if authorization.access_key_id != state.credentials.access_key_id() {
        return Err(ApiError::InvalidAccessKeyIdNotFound);
    }
    let mut signed = Vec::new();
    for name in authorization.signed_headers.split(';') {
        let value = request
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .ok_or(ApiError::IncompleteSignature)?;
        signed.push((name, value));
    }
    let signed_value = |wanted: &str| {
        signed
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map(|(_, value)| *value)
    };
    for required in [
        "host",
        "x-acs-action",
        "x-acs-version",
        "x-acs-signature-nonce",
    ] {
        if signed_value(required).is_none() {
            return Err(ApiError::IncompleteSignature);
        }
    }
    let date = signed_value("x-acs-date").ok_or(ApiError::IncompleteSignature)?;
    let sent_at = humantime::parse_rfc3339(date).map_err(|_| ApiError::InvalidTimeStampExpired)?;
    let skew = now
        .duration_since(sent_at)
        .unwrap_or_else(|ahead| ahead.duration());
    if skew > MAX_CLOCK_SKEW {
        return Err(ApiError::InvalidTimeStampExpired);
    }
    let query: Vec<(String, String)> = form_urlencoded::parse(request.query.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let payload_hash = sign::hash_payload(request.body);
    let parts = RequestParts {
        method: request.method.as_str(),
        path: request.path,
        query: &query,
        headers: &signed,
        payload_hash: payload_hash.as_str(),
    };
    let secret = state.credentials.access_key_secret().expose().as_bytes();
    if !sign::verify_signature(
        secret,
        &parts.hashed_canonical_request(),
        authorization.signature,
    ) {
        return Err(ApiError::SignatureDoesNotMatch);
    }
    let nonce = signed_value("x-acs-signature-nonce").unwrap_or_default();
    if !state.first_use_of_nonce(nonce) {
        return Err(ApiError::SignatureNonceUsed);
    }
    Ok(())
}

/// The answer a test value asks for.
fn test_value(state: &State, param: &str) -> Answer {
    let verify = |code: VerifyCode, certify_id: &str| Answer::Verify {
        code,
        certify_id: certify_id.to_owned(),
    };
    if param.is_empty() {
        return verify(VerifyCode::F002, "");
    }
    let Some(rest) = param.strip_prefix(PREFIX) else {
        return verify(VerifyCode::F003, "");
    };
    if let Some(code) = rest.strip_prefix("api:") {
        return Answer::Error(Wire::parse(code));
    }
    match rest {
        "timeout" => return Answer::Never,
        "garbage" => return Answer::Garbage,
        "drop" => return Answer::Drop,
        _ => {}
    }
    if rest == "once" || rest.starts_with("once:") {
        let certify_id = rest.strip_prefix("once:").unwrap_or("");
        return if state.first_use_of_once(param) {
            verify(VerifyCode::T001, certify_id)
        } else {
            verify(VerifyCode::F008, certify_id)
        };
    }
    let (code, certify_id) = rest.split_once(':').unwrap_or((rest, ""));
    match VerifyCode::from_code(code) {
        Some(code) => verify(code, certify_id),
        None => verify(VerifyCode::F003, ""),
    }
}

fn response(
    status: StatusCode,
    content_type: &str,
    body: impl Into<Bytes>,
) -> http::Response<Full<Bytes>> {
    let mut response = http::Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    if let Ok(value) = http::HeaderValue::from_str(content_type) {
        response
            .headers_mut()
            .insert(http::header::CONTENT_TYPE, value);
    }
    response
}

static REQUEST_IDS: AtomicU64 = AtomicU64::new(1);

/// A request id in the shape of Alibaba's (a UUID in upper case), unique per process.
fn request_id() -> String {
    let serial = REQUEST_IDS.fetch_add(1, Ordering::Relaxed);
    format!("5A7E11D0-0000-4000-8000-{serial:012X}")
}

fn verify_response(host: &str, code: VerifyCode, certify_id: &str) -> http::Response<Full<Bytes>> {
    let _ = host;
    let body = serde_json::json!({
        "RequestId": request_id(),
        "Success": true,
        "Code": "Success",
        "Message": "success",
        "Result": {
            "VerifyResult": code.verdict() == Verdict::Pass,
            "VerifyCode": code.as_str(),
            "CertifyId": certify_id,
        },
    });
    response(
        StatusCode::OK,
        "application/json;charset=utf-8",
        body.to_string(),
    )
}

fn error_response(host: &str, code: &Wire<ApiError>) -> http::Response<Full<Bytes>> {
    let (status, message) = match code.known() {
        Some(known) => (known.http_status(), known.description()),
        None => (
            400,
            "The stand-in was asked for an error code that the api catalog does not list.",
        ),
    };
    let body = serde_json::json!({
        "RequestId": request_id(),
        "HostId": host,
        "Code": code.as_str(),
        "Message": message,
        "Recommend": "",
    });
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    response(status, "application/json;charset=utf-8", body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::VerifyCall;

    const NOW: &str = "2026-12-07T06:00:00Z";

    fn state() -> State {
        State::new(Credentials::new("standin-id", "standin-secret"))
    }

    struct Built {
        headers: HeaderMap,
        body: Vec<u8>,
    }

    fn build(credentials: &Credentials, param: &str, date: &str, nonce: &str) -> Built {
        let signed = VerifyCall {
            host: "127.0.0.1:9",
            scene_id: "didk33e0",
            captcha_verify_param: param,
            date,
            nonce,
        }
        .sign(credentials);
        let mut headers = HeaderMap::new();
        for (name, value) in signed.headers() {
            headers.insert(name, value.parse().unwrap());
        }
        Built {
            headers,
            body: signed.body().as_bytes().to_vec(),
        }
    }

    fn ask(state: &State, built: &Built) -> Answer {
        let method = Method::POST;
        let incoming = Received {
            method: &method,
            path: "/",
            query: "",
            headers: &built.headers,
            body: &built.body,
        };
        answer(state, &incoming, humantime::parse_rfc3339(NOW).unwrap())
    }

    fn good(state: &State, param: &str, nonce: &str) -> Answer {
        ask(state, &build(&state.credentials, param, NOW, nonce))
    }

    #[test]
    fn every_verify_code_is_its_own_test_value() {
        let state = state();
        for (index, code) in VerifyCode::ALL.iter().enumerate() {
            let answer = good(
                &state,
                &format!("standin:{code}:cert-{index}", code = code.as_str()),
                &format!("n{index}"),
            );
            assert_eq!(
                answer,
                Answer::Verify {
                    code: *code,
                    certify_id: format!("cert-{index}")
                }
            );
        }
    }

    #[test]
    fn every_api_error_is_its_own_test_value() {
        let state = state();
        for (index, code) in ApiError::ALL.iter().enumerate() {
            let answer = good(
                &state,
                &format!("standin:api:{}", code.as_str()),
                &format!("n{index}"),
            );
            assert_eq!(answer, Answer::Error(Wire::Known(*code)));
        }
    }

    #[test]
    fn special_values() {
        let state = state();
        let t001 = Answer::Verify {
            code: VerifyCode::T001,
            certify_id: String::new(),
        };
        let f008 = Answer::Verify {
            code: VerifyCode::F008,
            certify_id: String::new(),
        };
        assert_eq!(good(&state, "standin:once", "a"), t001);
        assert_eq!(good(&state, "standin:once", "b"), f008);
        assert_eq!(
            good(&state, "standin:once:x", "c"),
            Answer::Verify {
                code: VerifyCode::T001,
                certify_id: "x".into()
            }
        );
        assert_eq!(good(&state, "standin:timeout", "d"), Answer::Never);
        assert_eq!(good(&state, "standin:garbage", "e"), Answer::Garbage);
        assert_eq!(good(&state, "standin:drop", "f"), Answer::Drop);
        assert_eq!(
            good(&state, "", "g"),
            Answer::Verify {
                code: VerifyCode::F002,
                certify_id: String::new()
            }
        );
        for other in [
            "real-looking-param",
            "standin:",
            "standin:T999",
            "standin:f008",
        ] {
            assert_eq!(
                good(&state, other, other),
                Answer::Verify {
                    code: VerifyCode::F003,
                    certify_id: String::new()
                },
                "{other}"
            );
        }
        assert_eq!(
            good(&state, "standin:api:Not.In.Catalog", "h"),
            Answer::Error(Wire::parse("Not.In.Catalog"))
        );
    }

    #[test]
    fn the_gateway_checks_come_first() {
        let state = state();
        let wrong_secret = Credentials::new("standin-id", "other-secret");
        assert_eq!(
            ask(&state, &build(&wrong_secret, "standin:T001", NOW, "1")),
            refuse(ApiError::SignatureDoesNotMatch)
        );
        let wrong_id = Credentials::new("other-id", "standin-secret");
        assert_eq!(
            ask(&state, &build(&wrong_id, "standin:T001", NOW, "2")),
            refuse(ApiError::InvalidAccessKeyIdNotFound)
        );
        for date in ["2026-12-07T05:44:59Z", "2026-12-07T06:15:01Z", "yesterday"] {
            assert_eq!(
                ask(
                    &state,
                    &build(&state.credentials, "standin:T001", date, date)
                ),
                refuse(ApiError::InvalidTimeStampExpired),
                "{date}"
            );
        }
        for date in ["2026-12-07T05:45:00Z", "2026-12-07T06:15:00Z"] {
            assert!(matches!(
                ask(
                    &state,
                    &build(&state.credentials, "standin:T001", date, date)
                ),
                Answer::Verify { .. }
            ));
        }
        assert!(matches!(
            good(&state, "standin:T001", "same"),
            Answer::Verify { .. }
        ));
        assert_eq!(
            good(&state, "standin:T001", "same"),
            refuse(ApiError::SignatureNonceUsed)
        );

        let mut tampered = build(&state.credentials, "standin:T001", NOW, "3");
        tampered.body = b"CaptchaVerifyParam=standin%3AT005&SceneId=didk33e0".to_vec();
        assert_eq!(
            ask(&state, &tampered),
            refuse(ApiError::SignatureDoesNotMatch)
        );

        let mut unsigned = build(&state.credentials, "standin:T001", NOW, "4");
        unsigned.headers.remove(http::header::AUTHORIZATION);
        assert_eq!(
            ask(&state, &unsigned),
            refuse(ApiError::IncompleteSignature)
        );

        let mut missing = build(&state.credentials, "standin:T001", NOW, "5");
        missing.headers.remove("x-acs-date");
        assert_eq!(ask(&state, &missing), refuse(ApiError::IncompleteSignature));
    }
}
