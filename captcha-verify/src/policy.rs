//! What to do with an [`Outcome`]: a [`Policy`] turns it into a [`Decision`].
//!
//! The default fails closed: only a real pass lets the protected action go ahead. Failing
//! open is an explicit opt-in, and even then it covers only failures that say nothing about
//! the user and may be transient: no usable answer ([`Outcome::Unavailable`]) and API errors
//! whose catalog `retry` is `backoff` (throttling, an internal error). It never covers a
//! refusal, nor an API error whose retry is `never`: a revoked key or a bad parameter would
//! otherwise switch the captcha off silently. An API error the catalog does not know is
//! treated as `never`.
//!
//! A pass in the console's always-pass test mode (the verify catalog's `test_mode` column,
//! `T005` today) is refused unless the policy accepts test mode, so a scene left in test mode
//! cannot wave bots through in production.
//!
//! ```
//! use captcha_verify::{Decision, Outcome, Policy};
//!
//! let throttled = Outcome::from_response(
//!     400,
//!     br#"{"RequestId":"r","Code":"Throttling","Message":"too fast"}"#,
//! );
//! assert_eq!(Policy::default().decide(&throttled), Decision::FailClosed);
//! assert_eq!(Policy::default().fail_open().decide(&throttled), Decision::FailOpen);
//!
//! let bad_key = Outcome::from_response(
//!     404,
//!     br#"{"RequestId":"r","Code":"InvalidAccessKeyId.NotFound","Message":"no such key"}"#,
//! );
//! assert_eq!(Policy::default().fail_open().decide(&bad_key), Decision::FailClosed);
//! ```

use std::fmt;

use captcha_errors::api::Retry;
use captcha_errors::verify::TestMode;

use crate::outcome::Outcome;

/// How a service treats each [`Outcome`]. `Policy::default()` fails closed and refuses
/// test-mode passes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Policy {
    fail_open: bool,
    accept_test_mode: bool,
}

/// What a [`Policy`] decided about one outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// The user passed: go ahead.
    Pass,
    /// The verification could not be made, the failure is transient, and the policy fails
    /// open: go ahead without a verified captcha.
    FailOpen,
    /// The verification failed: refuse.
    Refuse,
    /// The user "passed" only because the scene is in the console's always-pass test mode,
    /// which the policy does not accept: refuse.
    RefuseTestMode,
    /// The verification could not be made and the policy fails closed (or the failure is not
    /// one that may fail open): refuse.
    FailClosed,
}

impl Decision {
    /// Whether the protected action may go ahead.
    pub const fn allows(self) -> bool {
        matches!(self, Decision::Pass | Decision::FailOpen)
    }

    /// A stable lower-case name for logs: `pass`, `fail-open`, `refuse`, `refuse-test-mode`,
    /// `fail-closed`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Pass => "pass",
            Decision::FailOpen => "fail-open",
            Decision::Refuse => "refuse",
            Decision::RefuseTestMode => "refuse-test-mode",
            Decision::FailClosed => "fail-closed",
        }
    }

    /// Every decision, in declaration order.
    pub const ALL: &'static [Decision] = &[
        Decision::Pass,
        Decision::FailOpen,
        Decision::Refuse,
        Decision::RefuseTestMode,
        Decision::FailClosed,
    ];
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Policy {
    /// Fails closed and refuses test-mode passes: the same as `Policy::default()`.
    pub const fn fail_closed() -> Self {
        Policy {
            fail_open: false,
            accept_test_mode: false,
        }
    }

    /// Opts in to failing open when the verify service is unavailable or answers with an
    /// API error whose retry is `backoff`. Refusals and other API errors still refuse.
    pub const fn fail_open(self) -> Self {
        Policy {
            fail_open: true,
            ..self
        }
    }

    /// Accepts passes from the console's always-pass test mode: for staging scenes only.
    pub const fn accept_test_mode(self) -> Self {
        Policy {
            accept_test_mode: true,
            ..self
        }
    }

    /// Whether the policy fails open on transient failures.
    pub const fn fails_open(&self) -> bool {
        self.fail_open
    }

    /// Whether the policy accepts test-mode passes.
    pub const fn accepts_test_mode(&self) -> bool {
        self.accept_test_mode
    }

    /// Decides what an outcome means for the protected action.
    pub fn decide(&self, outcome: &Outcome) -> Decision {
        match outcome {
            Outcome::Passed(passed) => {
                let test_mode = passed
                    .code
                    .known()
                    .is_some_and(|code| code.test_mode() == TestMode::AlwaysPass);
                if test_mode && !self.accept_test_mode {
                    Decision::RefuseTestMode
                } else {
                    Decision::Pass
                }
            }
            Outcome::Refused(_) => Decision::Refuse,
            Outcome::ApiError(failure) => {
                let transient = failure
                    .code
                    .known()
                    .is_some_and(|code| code.retry() == Retry::Backoff);
                self.on_failure(transient)
            }
            Outcome::Unavailable(_) => self.on_failure(true),
        }
    }

    fn on_failure(&self, transient: bool) -> Decision {
        if transient && self.fail_open {
            Decision::FailOpen
        } else {
            Decision::FailClosed
        }
    }
}
