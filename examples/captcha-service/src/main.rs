//! `captcha-service CONFIG.json [ADDRESS]`: validates the captcha config, refuses to
//! start if it has errors, and serves on ADDRESS (default `127.0.0.1:3000`) until Ctrl-C.
//!

use std::process::ExitCode;
use std::sync::Arc;

use captcha_service::{CaptchaService, Verifier, VerifyCallError, VerifyFuture};

/// The verifier to replace: wrap your Alibaba Cloud SDK client (its
/// `VerifyIntelligentCaptcha` call, with your SceneId and credentials) in a type like
/// this. Until then every login answers 502.
struct NotConfigured;

impl Verifier for NotConfigured {
    fn verify<'a>(&'a self, _captcha_verify_param: &'a str) -> VerifyFuture<'a> {
        Box::pin(async {
            Err(VerifyCallError::new(
                "no verifier is configured: plug your Alibaba Cloud SDK into main.rs",
            ))
        })
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let mut args = std::env::args_os().skip(1);
    let (Some(config), address, None) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: captcha-service CONFIG.json [ADDRESS]");
        return ExitCode::from(2);
    };
    let address = address.map_or_else(
        || "127.0.0.1:3000".to_owned(),
        |address| address.to_string_lossy().into_owned(),
    );
    // Validate first: a config with errors never gets as far as listening.
    let service = match CaptchaService::load(&config, Arc::new(NotConfigured)) {
        Ok(service) => service,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {address}: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Ok(local) = listener.local_addr() {
        tracing::info!("captcha-service listening on http://{local}");
    }
    match service.serve(listener, captcha_service::ctrl_c()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("serving failed: {error}");
            ExitCode::FAILURE
        }
    }
}
