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
//!
//! It also writes Rust's localized texts next to the corpus (`differential-texts.json`):
//! every translatable column's `<column>_in(locale)` for every row and locale, each
//! table's `noun_in`, the locales, the `language` values' locales and the words' user
//! messages. The TypeScript half holds the generated locale modules (and, for English,
//! the main modules) to them.
//!
//! And it writes `Locale::negotiate`'s answers next to the corpus
//! (`differential-negotiation.json`): for every header of `tests/data/accept-language.tsv`
//! and a few thousand generated ones, and for lists of tags (as `navigator.languages`)
//! joined into a header with decreasing weights. The TypeScript half's `negotiate` and
//! `negotiateFromList` must give the same locale for each.
#![cfg(feature = "serde")]

mod differential_support;

use std::fs;
use std::path::PathBuf;

use captcha_errors::json::{validate_json, JsonProblem};
use captcha_errors::verify::{Action, UserMessage, VerifyCode};
use captcha_errors::{
    api::ApiError, endpoints::Endpoint, CatalogRow, ErrorCode, FieldError, Language, Locale,
    ParamError, ProblemKind, Raised, Severity, WireCode,
};
use differential_support::{
    configs, headers, is_covered, language_lists, one_change_configs, single_values, Rng,
    SingleValue,
};
use serde_json::{json, Map, Value};

/// Configs and single values each; the corpus holds both.
const CASES_EACH: usize = 10_000;

/// Where Rust's localized texts go: next to the corpus.
fn texts_path() -> PathBuf {
    corpus_path().with_file_name("differential-texts.json")
}

/// A translatable column: its name and its text in a locale (`None` where the row leaves
/// it out).
type TextColumn<T> = (&'static str, fn(T, Locale) -> Option<&'static str>);

/// Every locale's text, by tag.
fn by_locale(text: impl Fn(Locale) -> Option<&'static str>) -> Value {
    Locale::ALL
        .iter()
        .map(|&locale| (locale.tag().to_owned(), text(locale).into()))
        .collect::<Map<String, Value>>()
        .into()
}

/// One table's texts in every locale: `{ "noun": {tag: text}, "rows": {key: {column:
/// {tag: text}}} }`.
fn table_texts<T: CatalogRow + Copy>(all: &[T], columns: &[TextColumn<T>]) -> Value {
    let rows: Map<String, Value> = all
        .iter()
        .map(|&row| {
            let cells: Map<String, Value> = columns
                .iter()
                .map(|&(name, text)| (name.to_owned(), by_locale(|locale| text(row, locale))))
                .collect();
            (row.as_wire().to_owned(), cells.into())
        })
        .collect();
    json!({ "noun": by_locale(|locale| Some(T::noun_in(locale))), "rows": rows })
}

/// Rust's localized texts, which the TypeScript half holds the locale modules to: every
/// translatable column of every table (listed here by hand; the TypeScript half fails if
/// its locale modules have a table or column this does not, or lack one it has).
#[test]
fn writes_rusts_localized_texts() {
    let tables = json!({
        "init.ErrorCode": table_texts(ErrorCode::ALL, &[
            ("description", |r, l| Some(r.description_in(l))),
            ("troubleshooting", |r, l| Some(r.troubleshooting_in(l))),
            ("notes", ErrorCode::notes_in),
        ]),
        "init.FieldError": table_texts(FieldError::ALL, &[
            ("description", |r, l| Some(r.description_in(l))),
            ("troubleshooting", |r, l| Some(r.troubleshooting_in(l))),
        ]),
        "verify.VerifyCode": table_texts(VerifyCode::ALL, &[
            ("meaning", |r, l| Some(r.meaning_in(l))),
            ("advice", |r, l| Some(r.advice_in(l))),
        ]),
        "verify.UserMessage": table_texts(UserMessage::ALL, &[
            ("title", |r, l| Some(r.title_in(l))),
            ("detail", |r, l| Some(r.detail_in(l))),
        ]),
        "api.ApiError": table_texts(ApiError::ALL, &[
            ("description", |r, l| Some(r.description_in(l))),
            ("advice", |r, l| Some(r.advice_in(l))),
        ]),
        "endpoints.Endpoint": table_texts(Endpoint::ALL, &[
            ("description", |r, l| Some(r.description_in(l))),
        ]),
    });
    let locales: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
    let languages: Map<String, Value> = Language::ALL
        .iter()
        .map(|&v| (v.as_str().to_owned(), v.locale().map(Locale::tag).into()))
        .collect();
    let from_locale: Map<String, Value> = Locale::ALL
        .iter()
        .map(|&l| {
            (
                l.tag().to_owned(),
                Language::from_locale(l).map(Language::as_str).into(),
            )
        })
        .collect();
    let user_messages: Map<String, Value> = Action::ALL
        .iter()
        .map(|&a| {
            (
                a.as_str().to_owned(),
                a.user_message().map(UserMessage::as_wire).into(),
            )
        })
        .collect();
    let text = json!({
        "locales": locales, "tables": tables, "languages": languages,
        "fromLocale": from_locale, "userMessages": user_messages,
    })
    .to_string();
    let path = texts_path();
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create the texts' folder");
    }
    fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    eprintln!("wrote Rust's localized texts to {}", path.display());
}

/// How many generated headers the negotiation corpus holds, and how many lists.
const HEADERS_GENERATED: usize = 5_000;
const LISTS_GENERATED: usize = 1_000;

/// The table of real headers: `header<TAB>expected tag<TAB>where it comes from`.
const REAL_HEADERS: &str = include_str!("data/accept-language.tsv");

/// `languages` as one header, in descending preference: `a, b;q=0.999, c;q=0.998, …`.
fn joined(languages: &[String]) -> String {
    languages
        .iter()
        .enumerate()
        .map(|(i, tag)| format!("{tag};q={}.{:03}", (1000 - i) / 1000, (1000 - i) % 1000))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn writes_rusts_negotiations() {
    let mut rng = Rng::new(0x6e65_676f);
    let real: Vec<&str> = REAL_HEADERS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split('\t').next())
        .collect();
    assert!(real.len() >= 30, "only {} real headers", real.len());
    let answer = |header: &str| json!([header, Locale::negotiate(header).tag()]);
    let generated: Vec<String> = headers(&mut rng, HEADERS_GENERATED);
    let lists: Vec<Value> = language_lists(&mut rng, LISTS_GENERATED)
        .iter()
        .map(|list| json!([list, Locale::negotiate(&joined(list)).tag()]))
        .collect();
    // The generated headers must reach every answer and the byte limit, or agreeing on
    // them proves little.
    for locale in Locale::ALL {
        assert!(generated
            .iter()
            .any(|header| Locale::negotiate(header) == *locale));
    }
    assert!(generated.iter().any(|header| header.len() > 4096));
    let text = json!({
        "real": real.iter().map(|header| answer(header)).collect::<Vec<_>>(),
        "generated": generated.iter().map(|header| answer(header)).collect::<Vec<_>>(),
        "lists": lists,
    })
    .to_string();
    let path = corpus_path().with_file_name("differential-negotiation.json");
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create the negotiation corpus' folder");
    }
    fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    eprintln!(
        "wrote {} real and {} generated headers and {} lists to {}",
        real.len(),
        generated.len(),
        lists.len(),
        path.display()
    );
}

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
