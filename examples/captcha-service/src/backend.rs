//! Where logins are verified: Alibaba Cloud when its credentials are in the environment,
//! otherwise an in-process stand-in (`captcha_verify::standin`) that checks real signatures
//! and answers `standin:` test values, so the service runs anywhere, offline included.

use captcha_errors::endpoints::EndpointKind;
use captcha_errors::Region;
use captcha_verify::standin::Standin;
use captcha_verify::{BuildError, Client, Credentials};

/// The verify client and, when there are no credentials, the stand-in it talks to (kept
/// alive as long as the backend).
#[derive(Debug)]
pub struct Backend {
    /// The client the login guard calls.
    pub client: Client,
    /// The in-process stand-in, if the service runs without Alibaba Cloud credentials.
    pub standin: Option<Standin>,
}

impl Backend {
    /// Alibaba Cloud's public endpoint for `region` when `ALIBABA_CLOUD_ACCESS_KEY_ID` and
    /// `ALIBABA_CLOUD_ACCESS_KEY_SECRET` are set; else a stand-in on a free loopback port
    /// with a key pair made up here. Says which on stderr.
    pub async fn from_env(region: Region) -> Result<Self, BackendError> {
        match Credentials::from_env() {
            Ok(credentials) => {
                let client = Client::builder(credentials)
                    .region(region)
                    .endpoint_kind(EndpointKind::Public)
                    .build()?;
                eprintln!(
                    "captcha-service: verifying with Alibaba Cloud at {}",
                    client.endpoint()
                );
                Ok(Backend {
                    client,
                    standin: None,
                })
            }
            Err(missing) => {
                let backend = Self::standin().await?;
                if let Some(standin) = &backend.standin {
                    eprintln!(
                        "captcha-service: {} is not set, so logins are verified by the \
                         in-process stand-in at http://{} (it accepts only `standin:` test \
                         values, such as standin:T001); set the ALIBABA_CLOUD_* variables to \
                         verify with Alibaba Cloud",
                        missing.variable(),
                        standin.local_addr()
                    );
                }
                Ok(backend)
            }
        }
    }

    /// A stand-in on a free loopback port, and a client signing for it.
    pub async fn standin() -> Result<Self, BackendError> {
        let secret = captcha_verify::request::new_nonce().map_err(|_| BackendError::Random)?;
        let credentials = Credentials::new("captcha-service-standin", secret);
        let standin = Standin::bind("127.0.0.1:0", credentials.clone())
            .await
            .map_err(BackendError::Standin)?;
        let client = Client::builder(credentials)
            .endpoint(standin.endpoint())
            .build()?;
        Ok(Backend {
            client,
            standin: Some(standin),
        })
    }
}

/// The verify backend could not be set up.
#[derive(Debug)]
#[non_exhaustive]
pub enum BackendError {
    /// The client could not be built.
    Client(BuildError),
    /// The stand-in could not listen.
    Standin(std::io::Error),
    /// The operating system's random source failed.
    Random,
}

impl From<BuildError> for BackendError {
    fn from(error: BuildError) -> Self {
        BackendError::Client(error)
    }
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackendError::Client(error) => write!(f, "cannot build the verify client: {error}"),
            BackendError::Standin(error) => write!(f, "cannot start the stand-in: {error}"),
            BackendError::Random => f.write_str("the operating system's random source failed"),
        }
    }
}

impl std::error::Error for BackendError {}
