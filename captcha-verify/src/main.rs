//! `captcha-verify`: verify one `CaptchaVerifyParam` from the command line, or serve the
//! stand-in for tests in any language.
//!
//! ```text
//! captcha-verify verify --scene-id ID [--region cn|sgp] [--endpoint-kind public|dual-stack|vpc]
//!                       [--endpoint URL] PARAM
//! captcha-verify standin --listen ADDR --access-key-id ID --access-key-secret SECRET
//! ```
//!
//! `verify` reads the AccessKey from `ALIBABA_CLOUD_ACCESS_KEY_ID`,
//! `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and `ALIBABA_CLOUD_SECURITY_TOKEN`, prints one JSON
//! object and exits with 0 (passed), 1 (refused), 2 (API error), 3 (unavailable) or 64 (bad
//! usage). `standin` prints `listening on http://HOST:PORT` as its first line and serves
//! until it is killed.

use std::io::Write;
use std::process::ExitCode;

use captcha_errors::api::ApiError;
use captcha_errors::verify::VerifyCode;
use captcha_errors::Region;
use captcha_verify::standin::Standin;
use captcha_verify::{Client, Credentials, EndpointKind, EndpointUrl, Outcome, SceneId};
use clap::{Parser, Subcommand};

/// The exit status of bad usage (BSD's `EX_USAGE`).
const EXIT_USAGE: u8 = 64;

#[derive(Parser)]
#[command(
    name = "captcha-verify",
    version,
    about = "Verify Alibaba Cloud Captcha 2.0 parameters, or serve a stand-in of the verify API"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify one CaptchaVerifyParam and print the outcome as JSON; credentials come from the
    /// ALIBABA_CLOUD_* environment variables. Exit status: 0 passed, 1 refused, 2 API error,
    /// 3 unavailable, 64 bad usage.
    Verify {
        /// The scene the parameter must belong to.
        #[arg(long)]
        scene_id: SceneId,
        /// The page's region, which picks the endpoint.
        #[arg(long, default_value = "cn")]
        region: Region,
        /// The kind of endpoint in that region.
        #[arg(long, default_value = "public")]
        endpoint_kind: EndpointKind,
        /// A custom endpoint URL (a proxy or a stand-in); plain http:// only here.
        #[arg(long)]
        endpoint: Option<String>,
        /// The CaptchaVerifyParam, exactly as the page produced it.
        param: String,
    },
    /// Serve the stand-in; prints `listening on http://HOST:PORT` first.
    Standin {
        /// The address to listen on, such as 127.0.0.1:0 (port 0 picks a free port).
        #[arg(long)]
        listen: String,
        /// The AccessKey id requests must be signed with.
        #[arg(long)]
        access_key_id: String,
        /// The AccessKey secret requests must be signed with.
        #[arg(long)]
        access_key_secret: String,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("captcha-verify: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Command::Verify {
            scene_id,
            region,
            endpoint_kind,
            endpoint,
            param,
        } => runtime.block_on(verify(scene_id, region, endpoint_kind, endpoint, &param)),
        Command::Standin {
            listen,
            access_key_id,
            access_key_secret,
        } => runtime.block_on(standin(
            &listen,
            Credentials::new(access_key_id, access_key_secret),
        )),
    }
}

fn usage(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("captcha-verify: {message}");
    ExitCode::from(EXIT_USAGE)
}

async fn verify(
    scene_id: SceneId,
    region: Region,
    kind: EndpointKind,
    endpoint: Option<String>,
    param: &str,
) -> ExitCode {
    let credentials = match Credentials::from_env() {
        Ok(credentials) => credentials,
        Err(error) => return usage(error),
    };
    let mut builder = Client::builder(credentials)
        .region(region)
        .endpoint_kind(kind);
    if let Some(url) = endpoint {
        match EndpointUrl::custom(&url) {
            Ok(endpoint) => builder = builder.endpoint(endpoint),
            Err(error) => return usage(error),
        }
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(error) => return usage(error),
    };
    let outcome = client.verify(&scene_id, param).await;
    println!("{}", outcome_json(&outcome));
    ExitCode::from(match outcome {
        Outcome::Passed(_) => 0,
        Outcome::Refused(_) => 1,
        Outcome::ApiError(_) => 2,
        Outcome::Unavailable(_) => 3,
    })
}

/// The outcome as one JSON object; members that do not apply are left out.
fn outcome_json(outcome: &Outcome) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    object.insert("outcome".into(), outcome.name().into());
    if let Some(code) = outcome.code() {
        object.insert("code".into(), code.into());
    }
    if let Some(request_id) = outcome.request_id() {
        object.insert("requestId".into(), request_id.into());
    }
    match outcome {
        Outcome::Passed(passed) => {
            object.insert("certifyId".into(), passed.certify_id.as_str().into());
        }
        Outcome::Refused(refused) => {
            object.insert("certifyId".into(), refused.certify_id.as_str().into());
            if let Some(code) = refused.code.known() {
                object.insert("detail".into(), VerifyCode::meaning(code).into());
            }
        }
        Outcome::ApiError(failure) => {
            object.insert("status".into(), failure.status.into());
            if let Some(code) = failure.code.known() {
                object.insert("detail".into(), ApiError::description(code).into());
            }
        }
        Outcome::Unavailable(unavailable) => {
            if let Some(status) = unavailable.status {
                object.insert("status".into(), status.into());
            }
            object.insert(
                "detail".into(),
                format!("{}: {}", unavailable.kind, unavailable.detail).into(),
            );
        }
    }
    serde_json::Value::Object(object)
}

async fn standin(listen: &str, credentials: Credentials) -> ExitCode {
    let standin = match Standin::bind(listen, credentials).await {
        Ok(standin) => standin,
        Err(error) => return usage(format!("cannot listen on {listen}: {error}")),
    };
    let mut stdout = std::io::stdout();
    let address = standin.local_addr();
    if writeln!(stdout, "listening on http://{address}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    std::future::pending::<()>().await;
    ExitCode::SUCCESS
}
