//! `captcha-service [CONFIG.json [ADDRESS]]`: validates the captcha config, refuses to start
//! if it has errors, and serves on ADDRESS (default `127.0.0.1:3000`; port 0 picks a free
//! one) until Ctrl-C. Without arguments it serves `config.example.json`. When ready it
//! prints `listening on http://ADDR` on stdout.
//!
//! Logins are verified with Alibaba Cloud when `ALIBABA_CLOUD_ACCESS_KEY_ID` and
//! `ALIBABA_CLOUD_ACCESS_KEY_SECRET` are set, and otherwise by an in-process stand-in that
//! answers `standin:` test values (stderr says which).

use std::io::Write;
use std::process::ExitCode;

use captcha_service::{Backend, CaptchaConfig, CaptchaService};

/// The config served when none is given.
const EXAMPLE_CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.json");

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let mut args = std::env::args_os().skip(1);
    let (config, address, None) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: captcha-service [CONFIG.json [ADDRESS]]");
        return ExitCode::from(2);
    };
    let config = config.map_or_else(|| EXAMPLE_CONFIG.into(), std::path::PathBuf::from);
    let address = address.map_or_else(
        || "127.0.0.1:3000".to_owned(),
        |address| address.to_string_lossy().into_owned(),
    );
    // Validate first: a config with errors never gets as far as listening.
    let config = match CaptchaConfig::load(&config) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let backend = match Backend::from_env(config.region()).await {
        Ok(backend) => backend,
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
    let local = match listener.local_addr() {
        Ok(local) => local,
        Err(error) => {
            eprintln!("cannot read the address of {address}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let service = CaptchaService::new(config, backend.client.clone());
    let mut stdout = std::io::stdout();
    if writeln!(stdout, "listening on http://{local}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    let served = service.serve(listener, captcha_service::ctrl_c()).await;
    // The stand-in, if any, stops with the backend, after the last request.
    drop(backend);
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("serving failed: {error}");
            ExitCode::FAILURE
        }
    }
}
