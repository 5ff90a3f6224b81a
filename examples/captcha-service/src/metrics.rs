//! `GET /metrics`: counters of the login guard in Prometheus' text format, every series
//! registered at zero at start-up, so a missing series is never mistaken for no traffic.
//! Every label value comes from a closed list (the catalogs' `METRIC_LABELS`, the
//! guard's refusals and decisions), so no caller can grow the number of series.
//!
//! - `captcha_verifications_total{decision}`: one per guarded request, by the policy's
//!   decision (`pass`, `fail-open`, `refuse`, `refuse-test-mode`, `fail-closed`), or
//!   `not-verified` when the request had no parameter.
//! - `captcha_refusals_total{refusal}`: what refused callers were told (`solve-again`,
//!   `forbidden`, ...).
//! - `captcha_errors_total{source, error_type}`: the `error.type` of every request that did
//!   not pass, with where it comes from: `verify` (a VerifyCode label), `api` (an API error
//!   label), `transport` (an unavailable kind) or `request` (no parameter, a body too large).

use captcha_errors::api::ApiError;
use captcha_errors::verify::VerifyCode;
use captcha_verify::guard::{Refusal, Verification};
use captcha_verify::{Decision, Outcome, UnavailableKind};
use prometheus::{Encoder, IntCounterVec, Opts, Registry, TextEncoder};

/// The decision label of a request that carried no parameter.
pub const NOT_VERIFIED: &str = "not-verified";

/// The service's counters.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    verifications: IntCounterVec,
    refusals: IntCounterVec,
    errors: IntCounterVec,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

/// Every `(source, error_type)` pair `captcha_errors_total` can carry.
pub fn error_series() -> Vec<(&'static str, &'static str)> {
    let mut series = Vec::new();
    series.extend(
        VerifyCode::METRIC_LABELS
            .iter()
            .map(|label| ("verify", *label)),
    );
    series.extend(ApiError::METRIC_LABELS.iter().map(|label| ("api", *label)));
    series.extend(
        UnavailableKind::ALL
            .iter()
            .map(|kind| ("transport", kind.as_str())),
    );
    series
        .extend([Refusal::Missing, Refusal::TooLarge].map(|refusal| ("request", refusal.as_str())));
    series
}

fn counter(name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    // The names and labels are constants of this file, valid by construction.
    IntCounterVec::new(Opts::new(name, help), labels)
        .unwrap_or_else(|error| unreachable!("metric {name}: {error}"))
}

impl Metrics {
    /// The counters, every series at zero.
    pub fn new() -> Self {
        let verifications = counter(
            "captcha_verifications_total",
            "Guarded requests, by the policy's decision.",
            &["decision"],
        );
        let refusals = counter(
            "captcha_refusals_total",
            "Refused guarded requests, by what the caller was told.",
            &["refusal"],
        );
        let errors = counter(
            "captcha_errors_total",
            "Guarded requests that did not pass, by error.type and where it comes from.",
            &["source", "error_type"],
        );
        for decision in Decision::ALL {
            verifications.with_label_values(&[decision.as_str()]);
        }
        verifications.with_label_values(&[NOT_VERIFIED]);
        for refusal in Refusal::ALL {
            refusals.with_label_values(&[refusal.as_str()]);
        }
        for (source, error_type) in error_series() {
            errors.with_label_values(&[source, error_type]);
        }
        let registry = Registry::new();
        for collector in [&verifications, &refusals, &errors] {
            // Three distinct names: registering cannot collide.
            let _ = registry.register(Box::new(collector.clone()));
        }
        Metrics {
            registry,
            verifications,
            refusals,
            errors,
        }
    }

    /// Counts one guarded request; give it to `CaptchaLayer::on_verification`.
    pub fn record(&self, verification: &Verification<'_>) {
        let decision = verification.decision.map_or(NOT_VERIFIED, Decision::as_str);
        self.verifications.with_label_values(&[decision]).inc();
        if let Some(refusal) = verification.refusal {
            self.refusals.with_label_values(&[refusal.as_str()]).inc();
        }
        if let Some(error_type) = verification.error_type {
            let source = match verification.outcome {
                Some(Outcome::Passed(_) | Outcome::Refused(_)) => "verify",
                Some(Outcome::ApiError(_)) => "api",
                Some(Outcome::Unavailable(_)) => "transport",
                None => "request",
            };
            self.errors.with_label_values(&[source, error_type]).inc();
        }
    }

    /// The text exposition of every series.
    pub fn render(&self) -> String {
        let mut text = Vec::new();
        // Encoding into memory cannot fail for these counters.
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut text);
        String::from_utf8_lossy(&text).into_owned()
    }

    /// The content type of [`render`](Self::render)'s text.
    pub fn content_type() -> &'static str {
        prometheus::TEXT_FORMAT
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}
