//! The client: one signed `POST` per verification over a pooled HTTPS connection.
//!
//! - **Transport.** hyper's client with rustls (the `aws-lc-rs` provider and Mozilla's
//!   roots from `webpki-roots`), HTTP/1.1, idle connections kept for reuse. At most
//!   [`ClientBuilder::max_connections`] requests are in flight and at most as many
//!   connections are open (each connection holds a permit while it lives, idle included).
//! - **Timeouts.** 5 s to connect and 5 s for the whole call by default, as in Alibaba's
//!   sample; waiting for a free connection counts against the whole call.
//! - **No second attempt once the request may have reached Alibaba.** A
//!   `CaptchaVerifyParam` is single-use: a retry after a lost answer would turn a user who
//!   passed into `F008`. Only a failure to connect is tried once more (with a new nonce),
//!   and hyper only resends a request on a reused connection when it found that connection
//!   closed before writing a byte.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use captcha_errors::endpoints::EndpointKind;
use captcha_errors::{Region, MAX_BODY_LEN};
use http_body_util::{BodyExt, Full, Limited};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::sync::Semaphore;

use crate::connector::BoundedConnector;
use crate::credentials::Credentials;
use crate::endpoint::{EndpointError, EndpointUrl};
use crate::outcome::{Outcome, Unavailable, UnavailableKind};
use crate::request::{self, VerifyCall};
use crate::scene::SceneId;

/// The default connect timeout and overall timeout: 5 s each.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// The default bound on requests in flight (and so on open connections).
pub const DEFAULT_MAX_CONNECTIONS: usize = 64;

type Transport = hyper_util::client::legacy::Client<
    BoundedConnector<HttpsConnector<HttpConnector>>,
    Full<Bytes>,
>;

/// A VerifyIntelligentCaptcha client. Cheap to clone: clones share the connection pool.
///
/// ```no_run
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// use captcha_verify::{Client, Credentials, Decision, Policy, SceneId};
///
/// let client = Client::builder(Credentials::from_env()?).build()?;
/// let scene = SceneId::new("didk33e0")?;
/// # let captcha_verify_param = "";
/// let outcome = client.verify(&scene, captcha_verify_param).await;
/// if Policy::default().decide(&outcome).allows() {
///     // log the user in
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    endpoint: EndpointUrl,
    uri: http::Uri,
    credentials: Arc<Credentials>,
    timeout: Duration,
    permits: Arc<Semaphore>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Settings for a [`Client`]; start from [`Client::builder`].
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    credentials: Credentials,
    region: Region,
    kind: EndpointKind,
    endpoint: Option<EndpointUrl>,
    connect_timeout: Duration,
    timeout: Duration,
    max_connections: usize,
}

/// A client that cannot be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The endpoint does not exist or its URL is not usable.
    Endpoint(EndpointError),
    /// A setting is out of range.
    Setting(&'static str),
    /// rustls refused the TLS configuration.
    Tls(rustls::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Endpoint(error) => error.fmt(f),
            BuildError::Setting(what) => f.write_str(what),
            BuildError::Tls(error) => write!(f, "the TLS configuration was refused: {error}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Endpoint(error) => Some(error),
            BuildError::Tls(error) => Some(error),
            BuildError::Setting(_) => None,
        }
    }
}

impl From<EndpointError> for BuildError {
    fn from(error: EndpointError) -> Self {
        BuildError::Endpoint(error)
    }
}

impl Client {
    /// Settings with the defaults: region `cn`, the public endpoint, 5 s timeouts, at most
    /// [`DEFAULT_MAX_CONNECTIONS`] requests in flight.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            region: Region::Cn,
            kind: EndpointKind::Public,
            endpoint: None,
            connect_timeout: DEFAULT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }

    /// The endpoint calls go to.
    pub fn endpoint(&self) -> &EndpointUrl {
        &self.endpoint
    }

    /// Verifies one `CaptchaVerifyParam` against `scene`: one signed call, never repeated once
    /// it may have reached Alibaba. Never fails: every problem is an [`Outcome`].
    pub async fn verify(&self, scene: &SceneId, captcha_verify_param: &str) -> Outcome {
        match tokio::time::timeout(
            self.timeout,
            self.verify_within(scene, captcha_verify_param),
        )
        .await
        {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Unavailable(Unavailable::new(
                UnavailableKind::Timeout,
                None,
                format!(
                    "no answer from {} within {} ms",
                    self.endpoint,
                    self.timeout.as_millis()
                ),
            )),
        }
    }

    async fn verify_within(&self, scene: &SceneId, captcha_verify_param: &str) -> Outcome {
        // The semaphore is never closed, so acquiring only waits.
        let Ok(_permit) = self.permits.acquire().await else {
            return unavailable(UnavailableKind::Connect, "the client is shutting down");
        };
        let mut attempts_left = 2;
        loop {
            attempts_left -= 1;
            let request = match self.request(scene, captcha_verify_param) {
                Ok(request) => request,
                Err(outcome) => return outcome,
            };
            match self.transport.request(request).await {
                Ok(response) => return read_answer(response).await,
                Err(error) if error.is_connect() && attempts_left > 0 => continue,
                Err(error) if error.is_connect() => {
                    return unavailable(
                        UnavailableKind::Connect,
                        format!(
                            "cannot connect to {}: {}",
                            self.endpoint,
                            error_chain(&error)
                        ),
                    )
                }
                Err(error) => {
                    return unavailable(
                        UnavailableKind::Interrupted,
                        format!(
                            "the exchange with {} broke off: {}",
                            self.endpoint,
                            error_chain(&error)
                        ),
                    )
                }
            }
        }
    }

    /// A freshly dated, freshly nonced, signed request.
    fn request(
        &self,
        scene: &SceneId,
        captcha_verify_param: &str,
    ) -> Result<http::Request<Full<Bytes>>, Outcome> {
        let nonce = request::new_nonce().map_err(|error| {
            unavailable(
                UnavailableKind::Connect,
                format!("the operating system's random source failed: {error}"),
            )
        })?;
        let date = request::format_date(SystemTime::now());
        let call = VerifyCall {
            host: self.endpoint.authority(),
            scene_id: scene.as_str(),
            captcha_verify_param,
            date: &date,
            nonce: &nonce,
        };
        let signed = call.sign(&self.credentials);
        let mut builder = http::Request::post(self.uri.clone());
        for (name, value) in signed.headers() {
            builder = builder.header(name, value);
        }
        builder
            .body(Full::new(Bytes::from(signed.into_body_bytes())))
            .map_err(|_| {
                // Header values come from the endpoint, the date, the nonce, the key id and
                // the token; only a key id or token with control characters gets here.
                unavailable(
                    UnavailableKind::Connect,
                    "the AccessKey id or security token holds characters a header cannot carry",
                )
            })
    }
}

fn unavailable(kind: UnavailableKind, detail: impl Into<String>) -> Outcome {
    Outcome::Unavailable(Unavailable::new(kind, None, detail))
}

/// An error and its sources, joined by `: `.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

async fn read_answer(response: http::Response<hyper::body::Incoming>) -> Outcome {
    let status = response.status().as_u16();
    match Limited::new(response.into_body(), MAX_BODY_LEN)
        .collect()
        .await
    {
        Ok(body) => Outcome::from_response(status, &body.to_bytes()),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => {
            Outcome::Unavailable(Unavailable::new(
                UnavailableKind::UnreadableBody,
                Some(status),
                format!("HTTP {status} with a body longer than {MAX_BODY_LEN} bytes"),
            ))
        }
        Err(error) => Outcome::Unavailable(Unavailable::new(
            UnavailableKind::Interrupted,
            Some(status),
            format!(
                "HTTP {status}, then the body broke off: {}",
                error_chain(&*error)
            ),
        )),
    }
}

impl ClientBuilder {
    /// The region of the pages whose parameters this client verifies: it picks the catalog's
    /// endpoint, which must match the page's `region`.
    pub fn region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }

    /// Public (the default), dual-stack or VPC endpoint.
    pub fn endpoint_kind(mut self, kind: EndpointKind) -> Self {
        self.kind = kind;
        self
    }

    /// A custom endpoint (a proxy, a stand-in), replacing the catalog's.
    pub fn endpoint(mut self, endpoint: EndpointUrl) -> Self {
        self.endpoint = Some(endpoint);
        self
    }

    /// How long connecting may take (5 s by default).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole verification may take, from waiting for a connection to the last
    /// byte of the answer (5 s by default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The most requests in flight at once, and so the most open connections (64 by
    /// default); further calls wait for a free one.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max;
        self
    }

    /// Builds the client. Needs no runtime; its calls need Tokio's.
    pub fn build(self) -> Result<Client, BuildError> {
        if self.max_connections == 0 {
            return Err(BuildError::Setting("max_connections must be at least 1"));
        }
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(BuildError::Setting("timeouts must be longer than zero"));
        }
        let endpoint = match self.endpoint {
            Some(endpoint) => endpoint,
            None => EndpointUrl::for_region(self.region, self.kind)?,
        };
        let uri: http::Uri = endpoint.to_string().parse().map_err(|_| {
            BuildError::Endpoint(EndpointError::BadUrl {
                url: endpoint.to_string(),
                reason: "it is not a URL",
            })
        })?;
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(Some(self.connect_timeout));
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::aws_lc_rs::default_provider())
            .map_err(BuildError::Tls)?
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let connector = BoundedConnector::new(connector, self.max_connections);
        let transport = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(self.max_connections)
            .pool_idle_timeout(Duration::from_secs(60))
            .build(connector);
        Ok(Client {
            transport,
            endpoint,
            uri,
            credentials: Arc::new(self.credentials),
            timeout: self.timeout,
            permits: Arc::new(Semaphore::new(self.max_connections)),
        })
    }
}
