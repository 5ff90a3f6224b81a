//! Runs a property and counts what it checked, so that a generator that only makes inputs
//! a conditional check skips (a parse that fails, a value that is rejected) fails the
//! test instead of passing it without checking anything.

// Each test crate that includes this module uses only some of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Mutex;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};

/// How often each named check ran, over one run of a property.
#[derive(Debug, Default)]
pub struct Counts {
    name: &'static str,
    cases: u32,
    counts: Mutex<BTreeMap<&'static str, usize>>,
}

impl Counts {
    /// Records that the check `what` ran once.
    pub fn add(&self, what: &'static str) {
        let mut counts = self
            .counts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *counts.entry(what).or_default() += 1;
    }

    /// How often the check `what` ran.
    pub fn get(&self, what: &'static str) -> usize {
        let counts = self
            .counts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        counts.get(what).copied().unwrap_or(0)
    }

    /// Asserts that the check `what` ran in at least `percent` percent of the cases.
    pub fn at_least(&self, what: &'static str, percent: f64) -> &Self {
        let ran = self.get(what);
        let cases = self.cases;
        assert!(
            ran as f64 * 100.0 >= f64::from(cases) * percent,
            "{}: `{what}` ran in {ran} of {cases} cases, fewer than {percent}%: the generator \
             makes too few inputs that reach it",
            self.name
        );
        self
    }
}

/// Runs `property` on `cases` inputs of `strategy`, panicking with the failure if it
/// fails; prints and returns how often each check it counted ran.
pub fn run<S: Strategy>(
    name: &'static str,
    cases: u32,
    strategy: S,
    property: impl Fn(S::Value, &Counts) -> TestCaseResult,
) -> Counts {
    let counts = Counts {
        name,
        cases,
        ..Counts::default()
    };
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |value| property(value, &counts))
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    let ran = counts
        .counts
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone();
    println!("{name}: {cases} cases; checks run: {ran:?}");
    counts
}
