//! The Rust half of the differential test between the Rust validators and the generated
//! TypeScript ones. It writes a corpus of init configs and single values (valid ones,
//! near misses, wrong types, unknown and tricky keys, arbitrary Unicode), one JSON line
//! each with Rust's verdict: for a config, `validate_json`'s validity and every problem
//! with its param, kind, row, severity, hint and message; for a single value, what the
//! param's own validator says.
//!
//! The TypeScript half, `ts/differential/differential.test.ts` (`npm run differential` in
//! `ts/`), judges every case with the generated validators and, for configs, with ajv on
//! the generated JSON Schema, and fails on any difference: the schema must accept a
//! config exactly when Rust's report has no error, except where the only errors break
//! rules the schema's description lists as unstated. `scripts/test-all.sh` runs this
//! test with `CAPTCHA_ERRORS_CORPUS` set, then the TypeScript half on the same file. The
//! corpus is the same on every run (a fixed seed): first configs that each change one
//! thing in a valid config (so every outcome of every param is judged alone), then
//! random ones.
#![cfg(feature = "serde")]

mod differential_support;

use std::fs;
use std::path::PathBuf;

use captcha_errors::json::{validate_json, JsonProblem};
use captcha_errors::{ParamError, ProblemKind, Raised, Severity};
use differential_support::{
    configs, is_covered, one_change_configs, single_values, Rng, SingleValue,
};
use serde_json::{json, Map, Value};

/// Configs and single values each; the corpus holds both.
const CASES_EACH: usize = 10_000;

/// Where the corpus goes: `$CAPTCHA_ERRORS_CORPUS`, or a file in the target folder.
fn corpus_path() -> PathBuf {
    std::env::var_os("CAPTCHA_ERRORS_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("differential-corpus.jsonl"),
        PathBuf::from,
    )
}

fn raised(raised: Raised) -> Value {
    let table = match raised {
        Raised::Code(_) => "code",
        Raised::Field(_) => "field",
    };
    json!({ "table": table, "key": raised.as_str() })
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        _ => "warning",
    }
}

/// A problem with a param, with every fact the TypeScript half compares.
fn param_problem(problem: &ParamError) -> Value {
    let mut out = Map::new();
    let (kind, extra) = match problem.kind() {
        ProblemKind::Missing => ("missing", None),
        ProblemKind::WrongType { found } => ("wrongType", Some(("found", found))),
        ProblemKind::BrokenRule { .. } => ("brokenRule", None),
        ProblemKind::Custom { reason } => ("custom", Some(("reason", reason))),
        other => panic!("a problem kind the differential test does not know: {other:?}"),
    };
    out.insert("kind".into(), kind.into());
    if let Some((name, text)) = extra {
        out.insert(name.into(), text.into());
    }
    out.insert("param".into(), problem.param().name().into());
    out.insert("raised".into(), raised(problem.raised()));
    out.insert("severity".into(), severity(problem.severity()).into());
    out.insert("value".into(), problem.value().into());
    out.insert("hint".into(), problem.hint().into());
    out.insert("message".into(), problem.to_string().into());
    Value::Object(out)
}

fn json_problem(problem: &JsonProblem) -> Value {
    let severity = severity(problem.severity());
    let message = problem.to_string();
    match problem {
        JsonProblem::Param(problem) => param_problem(problem),
        JsonProblem::UnknownKey { key } => json!({
            "kind": "unknownKey", "key": key, "severity": severity, "message": message,
        }),
        JsonProblem::NotAnObject { found } => json!({
            "kind": "notAnObject", "found": found, "severity": severity, "message": message,
        }),
        other => panic!("a JSON problem the differential test does not know: {other:?}"),
    }
}

/// One config with Rust's verdict: whether it is valid (no problem is an error), which
/// the JSON Schema must say too unless every error breaks a rule it lists as unstated,
/// and every problem.
fn config_case(id: usize, config: &Value) -> Value {
    let report = validate_json(config);
    let problems: Vec<Value> = report.problems().map(|p| json_problem(&p)).collect();
    json!({
        "id": id, "what": "config", "config": config, "valid": report.is_valid(),
        "problems": problems,
    })
}

fn value_case(id: usize, single: &SingleValue) -> Value {
    let mut case = json!({
        "id": id, "what": "value", "param": single.param.name(),
        "problem": single.problem.as_ref().map(param_problem),
    });
    case["value"] = single.value.clone();
    if let Some(special) = &single.special {
        case["special"] = special.as_str().into();
    }
    if let Some(prefix) = &single.prefix {
        case["prefix"] = prefix.as_str().into();
    }
    case
}

#[test]
fn every_validator_is_in_the_corpus() {
    for &param in captcha_errors::Param::ALL {
        let has_validator = !param.rule().starts_with("any ");
        assert_eq!(
            is_covered(param),
            has_validator,
            "`{param}`: the differential test must call exactly the params that have a validator"
        );
    }
}

#[test]
fn writes_the_corpus_with_rusts_verdicts() {
    let mut rng = Rng::new(0x00c0_ffee_d1ff_0001);
    let mut lines = Vec::with_capacity(2 * CASES_EACH);
    for config in one_change_configs() {
        lines.push(config_case(lines.len(), &config).to_string());
    }
    for config in configs(&mut rng, CASES_EACH) {
        lines.push(config_case(lines.len(), &config).to_string());
    }
    for single in single_values(&mut rng, CASES_EACH) {
        lines.push(value_case(lines.len(), &single).to_string());
    }
    let text = lines.join("\n") + "\n";
    // The corpus must exercise every outcome, or agreeing on it proves little.
    for needle in [
        "\"valid\":true",
        "\"valid\":false",
        "\"kind\":\"missing\"",
        "\"kind\":\"wrongType\"",
        "\"kind\":\"brokenRule\"",
        "\"kind\":\"custom\"",
        "\"kind\":\"unknownKey\"",
        "\"kind\":\"notAnObject\"",
        "\"severity\":\"warning\"",
        "\"hint\":\"cn\"",
        "\"problem\":null",
    ] {
        assert!(text.contains(needle), "no case in the corpus has {needle}");
    }
    assert!(lines.len() >= 2 * CASES_EACH);
    let path = corpus_path();
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create the corpus folder");
    }
    fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    eprintln!("wrote {} cases to {}", lines.len(), path.display());
}
