//! The `captcha-verify` binary: its JSON, its exit statuses, and the stand-in subcommand.

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use captcha_verify::standin::Standin;
use captcha_verify::Credentials;

const BIN: &str = env!("CARGO_BIN_EXE_captcha-verify");
const KEY_ID: &str = "cli-key-id";
const SECRET: &str = "cli-secret-5be0";

fn verify(endpoint: &str, secret: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .env_clear()
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
        .args(["verify", "--scene-id", "didk33e0", "--endpoint", endpoint])
        .args(args)
        .output()
        .unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "one JSON object on one line: {stdout}"
    );
    serde_json::from_str(&stdout).unwrap()
}

fn assert_no_secret(output: &Output, secret: &str) {
    for stream in [&output.stdout, &output.stderr] {
        assert!(!String::from_utf8_lossy(stream).contains(secret));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_prints_one_object_and_exits_by_outcome() {
    let standin = Standin::bind("127.0.0.1:0", Credentials::new(KEY_ID, SECRET))
        .await
        .unwrap();
    let endpoint = format!("http://{}", standin.local_addr());
    let run = move |secret: &'static str, param: &'static str| {
        let endpoint = endpoint.clone();
        tokio::task::spawn_blocking(move || verify(&endpoint, secret, &[param]))
    };

    let passed = run(SECRET, "standin:T001:cert-1").await.unwrap();
    assert_eq!(passed.status.code(), Some(0));
    let value = json(&passed);
    assert_eq!(value["outcome"], "passed");
    assert_eq!(value["code"], "T001");
    assert_eq!(value["certifyId"], "cert-1");
    assert!(value["requestId"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(value.get("status").is_none());

    let refused = run(SECRET, "standin:F008").await.unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let value = json(&refused);
    assert_eq!(
        (value["outcome"].as_str(), value["code"].as_str()),
        (Some("refused"), Some("F008"))
    );

    let api = run(SECRET, "standin:api:Throttling").await.unwrap();
    assert_eq!(api.status.code(), Some(2));
    let value = json(&api);
    assert_eq!(value["outcome"], "api-error");
    assert_eq!(value["code"], "Throttling");
    assert_eq!(value["status"], 400);
    assert!(value.get("certifyId").is_none());

    let garbage = run(SECRET, "standin:garbage").await.unwrap();
    assert_eq!(garbage.status.code(), Some(3));
    let value = json(&garbage);
    assert_eq!(value["outcome"], "unavailable");
    assert!(value.get("code").is_none() && value.get("requestId").is_none());
    assert!(value["detail"].as_str().is_some());

    let wrong = run("wrong-secret-e41a", "standin:T001").await.unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert_eq!(json(&wrong)["code"], "SignatureDoesNotMatch");
    for output in [&passed, &refused, &api, &garbage] {
        assert_no_secret(output, SECRET);
    }
    assert_no_secret(&wrong, "wrong-secret-e41a");
}

#[test]
fn bad_usage_exits_64_and_names_what_is_wrong() {
    let missing = Command::new(BIN)
        .env_clear()
        .args(["verify", "--scene-id", "didk33e0", "standin:T001"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("ALIBABA_CLOUD_ACCESS_KEY_ID"));
    assert!(missing.stdout.is_empty());

    for args in [
        &["verify", "standin:T001"][..],
        &["verify", "--scene-id", "", "x"],
        &["verify", "--scene-id", "s", "--region", "zh", "x"],
        &["verify", "--scene-id", "s", "--endpoint", "ftp://x", "x"],
        &[
            "verify",
            "--scene-id",
            "s",
            "--region",
            "sgp",
            "--endpoint-kind",
            "vpc",
            "x",
        ],
        &["frobnicate"],
    ] {
        let output = Command::new(BIN)
            .env_clear()
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(64), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
        assert_no_secret(&output, SECRET);
    }
}

#[test]
fn standin_prints_its_address_first() {
    let mut child = Command::new(BIN)
        .args([
            "standin",
            "--listen",
            "127.0.0.1:0",
            "--access-key-id",
            KEY_ID,
            "--access-key-secret",
            SECRET,
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let read = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
    let address = line
        .trim_end()
        .strip_prefix("listening on http://")
        .map(str::to_owned);
    let outcome = address
        .as_deref()
        .map(|address| verify(&format!("http://{address}"), SECRET, &["standin:T001"]));
    let _ = child.kill();
    let _ = child.wait();
    read.unwrap();
    let address = address.unwrap_or_else(|| panic!("first line: {line:?}"));
    assert!(
        address.starts_with("127.0.0.1:") && !address.ends_with(":0"),
        "{address}"
    );
    let outcome = outcome.unwrap();
    assert_eq!(outcome.status.code(), Some(0));
    assert_eq!(json(&outcome)["outcome"], "passed");
}
