//! `cargo xtask synth`: a synthetic format-2 catalog of any number of codes, for measuring
//! how the generator and the generated code scale (issue 11).
//!
//! The rows have the shape of a cloud vendor's error registry: dotted codes such as
//! `InvalidParameter.SecurityGroup.Malformed`, 8 to 40 bytes long with many of equal
//! length, a description (the display text), troubleshooting text, an optional note, an
//! HTTP status and a retry word. The text is made by a fixed pseudo-random generator, so
//! the same `codes` and `seed` always give the same catalog, byte for byte, on every
//! machine. Every catalog it writes passes `codegen::parse`.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The seed [`catalog`] uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 11;

/// What to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// How many codes (rows).
    pub codes: usize,
    /// The seed of the text generator.
    pub seed: u64,
    /// The catalog's `module`, which also names its docs page.
    pub module: String,
    /// The shape of its codes.
    pub shape: Shape,
}

/// The shape of a synthetic catalog's codes: the generated lookup is measured on each, so
/// that no figure holds for one shape of key only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A cloud vendor's registry: `Category.Resource.Detail` codes of 8 to 40 bytes, made
    /// from fixed word lists, many of one length (the shape issue 11 measured).
    Registry,
    /// Issue 20's hold-out: codes of 8 to 40 bytes, most (four in five) of 14 to 26,
    /// three in five namespaced with a dot, their words drawn at random so that no fixed
    /// place tells them apart.
    Holdout,
    /// Short codes with one common prefix: `F001` to `F9999`, then `F10000` and up (4 to
    /// 6 bytes).
    Short,
    /// Long dotted codes of 30 to 60 bytes under a few long shared prefixes, such as
    /// `Throttling.User.Quota.Daily.Exceeded`: the bytes that tell two codes apart sit
    /// at their end, past the words a hash reads first.
    Long,
}

impl Shape {
    /// Every shape, in the order the benchmarks report them.
    pub const ALL: [Shape; 4] = [Shape::Registry, Shape::Holdout, Shape::Short, Shape::Long];

    /// The shape's name on the command line and in module names.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Registry => "registry",
            Shape::Holdout => "holdout",
            Shape::Short => "short",
            Shape::Long => "long",
        }
    }

    /// The shape called `name`.
    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|shape| shape.name() == name)
    }
}

impl Options {
    /// `codes` codes with the default seed, in a module named `synth_<codes>`.
    pub fn new(codes: usize) -> Self {
        Options {
            codes,
            seed: DEFAULT_SEED,
            module: format!("synth_{codes}"),
            shape: Shape::Registry,
        }
    }
}

const CATEGORIES: [(&str, u16, &str); 16] = [
    ("InvalidParameter", 400, "never"),
    ("MissingParameter", 400, "never"),
    ("IllegalValue", 400, "never"),
    ("Unauthorized", 401, "never"),
    ("Forbidden", 403, "never"),
    ("OperationDenied", 403, "never"),
    ("NotFound", 404, "never"),
    ("EntityNotExist", 404, "never"),
    ("Conflict", 409, "never"),
    ("IncorrectStatus", 409, "backoff"),
    ("QuotaExceeded", 429, "never"),
    ("Throttling", 429, "backoff"),
    ("InternalError", 500, "backoff"),
    ("DependencyFailure", 502, "backoff"),
    ("ServiceUnavailable", 503, "backoff"),
    ("Timeout", 504, "backoff"),
];

const RESOURCES: [&str; 48] = [
    "Instance",
    "Disk",
    "Vpc",
    "VSwitch",
    "SecurityGroup",
    "Region",
    "Zone",
    "Image",
    "Snapshot",
    "KeyPair",
    "Bucket",
    "Object",
    "Scene",
    "User",
    "Role",
    "Policy",
    "Tag",
    "Domain",
    "Certificate",
    "Cluster",
    "Node",
    "Listener",
    "Account",
    "AccessKey",
    "Token",
    "Signature",
    "Timestamp",
    "Nonce",
    "Prefix",
    "CertifyId",
    "Language",
    "Mode",
    "Element",
    "Endpoint",
    "Queue",
    "Topic",
    "Table",
    "Index",
    "Alarm",
    "Metric",
    "Rule",
    "Route",
    "Gateway",
    "Volume",
    "Template",
    "Stack",
    "Function",
    "Trigger",
];

const DETAILS: [(&str, &str); 24] = [
    ("NotFound", "does not exist"),
    ("Malformed", "is not well formed"),
    ("TooLong", "is longer than allowed"),
    ("TooShort", "is shorter than allowed"),
    ("Duplicate", "already exists"),
    ("Expired", "has expired"),
    ("Locked", "is locked by another operation"),
    ("Mismatch", "does not match the other parameters"),
    ("Unsupported", "is not supported in this region"),
    ("Disabled", "has been disabled"),
    ("InUse", "is still in use"),
    ("Empty", "is empty"),
    ("OutOfRange", "is out of the permitted range"),
    ("NoPermission", "may not be used by this account"),
    ("Pending", "is still being created"),
    ("Deleted", "has been deleted"),
    ("LimitExceeded", "exceeds the account's limit"),
    ("Invalid", "is invalid"),
    ("Conflict", "conflicts with an existing one"),
    ("Busy", "is busy"),
    ("Frozen", "is frozen"),
    ("Unavailable", "is temporarily unavailable"),
    ("Ambiguous", "matches more than one entry"),
    ("Stale", "refers to an old version"),
];

const ADVICE: [&str; 8] = [
    "Check the value against the API reference and send the request again.",
    "Make sure that the resource was created in the same region and under the same account.",
    "Wait until the operation in progress has finished, then repeat the call.",
    "Ask the account owner to grant the permission in the RAM console.",
    "Reduce the request rate, or contact your account manager to raise the quota in advance.",
    "Retry with exponential backoff; if the error persists, open a ticket with the request ID.",
    "Remove the duplicate entry, or pick another name that is not taken.",
    "Upgrade the SDK to the latest version, which validates this parameter before sending.",
];

const NOTES: [&str; 4] = [
    "This code applies only to requests signed with an AccessKey pair; STS tokens raise a different code.",
    "The console shows the same condition as a warning banner on the resource's detail page.",
    "Older API versions returned HTTP 500 for this condition; clients should accept both.",
    "The condition can last a few minutes after a configuration change has been saved.",
];

/// A small, fixed pseudo-random generator (SplitMix64): the same seed gives the same
/// numbers everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `bound` (> 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One row before it is written.
struct Row {
    code: String,
    description: String,
    troubleshooting: String,
    notes: Option<&'static str>,
    http_status: u16,
    retry: &'static str,
}

/// Every code the word lists make that is 8 to 40 bytes long, with its category and
/// detail, in a fixed order; variants are distinct, as the catalog's check requires.
fn all_codes() -> Vec<(String, usize, Option<usize>)> {
    let mut variants = BTreeSet::new();
    let mut codes = Vec::new();
    for (category_index, (category, _, _)) in CATEGORIES.iter().enumerate() {
        for resource in RESOURCES {
            for detail in (0..=DETAILS.len()).map(|i| (i < DETAILS.len()).then_some(i)) {
                let code = match detail {
                    Some(detail) => format!("{category}.{resource}.{}", DETAILS[detail].0),
                    None => format!("{category}.{resource}"),
                };
                if (8..=40).contains(&code.len())
                    && variants.insert(codegen::names::derive_variant(&code))
                {
                    codes.push((code, category_index, detail));
                }
            }
        }
    }
    codes
}

/// The most codes [`catalog`] can make.
pub fn max_codes() -> usize {
    all_codes().len()
}

/// The rows of `options`: `options.codes` codes drawn from [`all_codes`] in a shuffled
/// order, each with its texts.
fn rows(options: &Options) -> Vec<Row> {
    if options.shape != Shape::Registry {
        return shaped_rows(options);
    }
    let mut rng = Rng(options.seed);
    let mut codes = all_codes();
    // Fisher-Yates: the first `options.codes` entries become a uniform random choice.
    for index in 0..options.codes.min(codes.len()) {
        let other = index + rng.below(codes.len() - index);
        codes.swap(index, other);
    }
    codes.truncate(options.codes);
    codes
        .into_iter()
        .map(|(code, category, detail)| {
            let (_, http_status, retry) = CATEGORIES[category];
            let resource = code.split('.').nth(1).unwrap_or_default();
            let what = detail.map_or("is not valid for this request", |d| DETAILS[d].1);
            let description = format!(
                "The {} specified in the request {what}.",
                lower_words(resource)
            );
            let mut troubleshooting = rng.pick(&ADVICE).to_string();
            if rng.below(2) == 0 {
                troubleshooting.push(' ');
                let more = *rng.pick(&ADVICE);
                troubleshooting.push_str(more);
            }
            let notes = (rng.below(4) == 0).then(|| *rng.pick(&NOTES));
            Row {
                code,
                description,
                troubleshooting,
                notes,
                http_status,
                retry,
            }
        })
        .collect()
}

/// The words the codes of [`Shape::Holdout`] and [`Shape::Long`] are made of.
fn words() -> Vec<&'static str> {
    let mut words: Vec<&str> = CATEGORIES.iter().map(|(word, _, _)| *word).collect();
    words.extend(RESOURCES);
    words.extend(DETAILS.iter().map(|(word, _)| *word));
    words
}

/// A code of [`Shape::Holdout`]: 8 to 40 bytes, four in five of 14 to 26, three in five
/// of two or three dotted segments, made of random words cut to the length.
fn holdout_code(rng: &mut Rng, words: &[&str]) -> String {
    let length = if rng.below(5) < 4 {
        14 + rng.below(13)
    } else {
        8 + rng.below(33)
    };
    let segments = if rng.below(5) < 3 {
        2 + rng.below(2)
    } else {
        1
    };
    let mut code = String::new();
    for segment in 0..segments {
        if segment > 0 {
            code.push('.');
        }
        // Each segment gets its share of the length, in whole words.
        let share = length.saturating_sub(code.len()) / (segments - segment);
        let start = code.len();
        while code.len() - start < share.max(1) {
            code.push_str(rng.pick::<&str>(words));
        }
    }
    while code.len() < length {
        code.push_str(rng.pick::<&str>(words));
    }
    code.truncate(length);
    if code.ends_with('.') {
        code.pop();
        code.push('X');
    }
    code
}

/// A code of [`Shape::Long`]: one of a few long prefixes, then words until 30 to 60
/// bytes.
fn long_code(rng: &mut Rng, words: &[&str]) -> String {
    const PREFIXES: [&str; 6] = [
        "Throttling.User.Quota.",
        "Throttling.Account.Quota.",
        "InvalidParameter.SecurityGroup.Rule.",
        "InvalidParameter.SecurityGroup.Port.",
        "Forbidden.RAM.Policy.Statement.",
        "OperationDenied.Instance.Status.",
    ];
    let mut code = rng.pick(&PREFIXES).to_string();
    let length = 30 + rng.below(31);
    let mut words_added = 0;
    while code.len() < length || words_added == 0 {
        if words_added > 0 && rng.below(3) == 0 {
            code.push('.');
        }
        code.push_str(rng.pick::<&str>(words));
        words_added += 1;
    }
    if code.len() > 60 {
        code.truncate(60);
        if code.ends_with('.') {
            code.pop();
        }
    }
    code
}

/// The rows of a shape other than [`Shape::Registry`]: `options.codes` distinct codes
/// (distinct variants too), each with a category drawn at random and texts that name it.
fn shaped_rows(options: &Options) -> Vec<Row> {
    let mut rng = Rng(options.seed);
    let words = words();
    let mut variants = BTreeSet::new();
    let mut rows = Vec::with_capacity(options.codes);
    let mut number = 0;
    while rows.len() < options.codes {
        let code = match options.shape {
            Shape::Short => {
                number += 1;
                format!("F{number:03}")
            }
            Shape::Long => long_code(&mut rng, &words),
            Shape::Holdout | Shape::Registry => holdout_code(&mut rng, &words),
        };
        if !variants.insert(codegen::names::derive_variant(&code)) {
            continue;
        }
        let (category, http_status, retry) = *rng.pick(&CATEGORIES);
        let description = format!("The request failed: {} ({category}).", lower_words(&code));
        let troubleshooting = rng.pick(&ADVICE).to_string();
        let notes = (rng.below(4) == 0).then(|| *rng.pick(&NOTES));
        rows.push(Row {
            code,
            description,
            troubleshooting,
            notes,
            http_status,
            retry,
        });
    }
    rows
}

/// `SecurityGroup` → `security group`.
fn lower_words(name: &str) -> String {
    let mut words = String::new();
    for (index, c) in name.char_indices() {
        if c.is_ascii_uppercase() && index > 0 {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    words
}

/// The catalog's header: everything but its rows.
fn header(options: &Options) -> String {
    let Options {
        codes,
        seed,
        module,
        shape,
    } = options;
    let shape = match shape {
        Shape::Registry => String::new(),
        other => format!(" --shape {}", other.name()),
    };
    format!(
        r#"# A synthetic catalog of {codes} codes, made by `cargo xtask synth --codes {codes} --seed {seed} --module {module}{shape}`.
# Not a real vendor's errors: it exists to measure how generation scales.

[catalog]
name = "Synthetic registry of {codes} codes"
source = "https://example.invalid/synthetic-error-registry"
provenance = "Made up by cargo xtask synth; every row is invented."
module = "{module}"
docs = "docs/{module}.md"

[vocabulary.retry]
type = "SynthRetry"
doc = "Whether a caller should repeat a request that failed with this code."
words = [
  {{ word = "never", doc = "Do not retry: fix the request first." }},
  {{ word = "backoff", doc = "Retry later with exponential backoff." }},
]

[table.code]
type = "SynthCode"
doc = "An error code of the synthetic registry."
key = "code"
display = "description"
noun = "error code"
columns = [
  {{ name = "code", kind = "key", doc = "The code exactly as the API writes it." }},
  {{ name = "description", kind = "text", doc = "What the code means." }},
  {{ name = "troubleshooting", kind = "text", doc = "What to do about it." }},
  {{ name = "notes", kind = "text", optional = true, doc = "A remark, if the row has one." }},
  {{ name = "http_status", kind = "http_status", doc = "The HTTP status to answer with." }},
  {{ name = "retry", kind = "word", vocabulary = "retry", doc = "Whether to retry." }},
]
"#
    )
}

/// The text of a synthetic catalog as `options` describe it.
///
/// # Errors
///
/// If `options.codes` is above [`max_codes`].
pub fn catalog(options: &Options) -> Result<String, String> {
    let max = match options.shape {
        Shape::Registry => max_codes(),
        // Past this, the generators would look long for codes not yet made.
        Shape::Holdout | Shape::Long => 50_000,
        Shape::Short => 99_999,
    };
    if options.codes > max {
        return Err(format!(
            "at most {max} synthetic codes can be made, not {}",
            options.codes
        ));
    }
    let mut text = header(options);
    for row in rows(options) {
        let quoted = |value: &str| toml::Value::String(value.to_owned()).to_string();
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "\n[[code]]\ncode = {}\ndescription = {}\ntroubleshooting = {}\n",
            quoted(&row.code),
            quoted(&row.description),
            quoted(&row.troubleshooting)
        );
        if let Some(notes) = row.notes {
            let _ = writeln!(text, "notes = {}", quoted(notes));
        }
        let _ = write!(
            text,
            "http_status = {}\nretry = \"{}\"\n",
            row.http_status, row.retry
        );
    }
    Ok(text)
}

/// The modules the lookup benchmark includes, relative to the workspace root, and their
/// number of codes: written by `cargo xtask synth --bench-modules`. They are committed
/// because a benchmark cannot have a build script of its own, and one in
/// `captcha-errors` would run in every dependent's build; outside the crate, so that its
/// package does not carry them.
pub const BENCH_MODULES: [(&str, usize); 3] = [
    ("bench/generated/synth_6.rs", 6),
    ("bench/generated/synth_1000.rs", 1000),
    ("bench/generated/synth_10000.rs", 10_000),
];

/// The module codegen makes from the synthetic catalog of `codes` codes (default seed),
/// headed by a line that says how to make it again.
///
/// # Errors
///
/// If the catalog cannot be made or generated, which is a bug.
pub fn bench_module(codes: usize) -> Result<String, String> {
    let options = Options::new(codes);
    let text = catalog(&options)?;
    let path = format!("synth_{codes}.toml");
    let source = codegen::CatalogSource {
        path: &path,
        text: &text,
    };
    let generated = codegen::generate(&[source], None)
        .map_err(|problems| format!("the synthetic catalog is rejected: {problems:?}"))?;
    let file_name = format!("/{}.rs", options.module);
    let module = generated
        .files
        .into_iter()
        .find(|file| file.path.ends_with(&file_name))
        .ok_or_else(|| format!("codegen made no {file_name}"))?;
    Ok(format!(
        "// @generated by `cargo xtask synth --bench-modules` from `cargo xtask synth --codes {codes}`\n\
         // (seed {seed}) and codegen. Do not edit by hand: rerun that command after changing codegen.\n{}",
        module.contents,
        seed = options.seed,
    ))
}

/// Regenerates [`BENCH_MODULES`] under `root`, replacing only those that changed, or with
/// `check`, writes nothing and fails naming those that are stale. Returns what it did.
///
/// # Errors
///
/// If a module is stale under `check`, or cannot be made or written.
pub fn bench_modules(root: &Path, check: bool) -> Result<Vec<String>, String> {
    let mut planned = Vec::new();
    for (path, codes) in BENCH_MODULES {
        planned.push(crate::Planned {
            path: PathBuf::from(path),
            contents: bench_module(codes)?,
        });
    }
    let stale = crate::stale(root, &planned).map_err(|e| e.to_string())?;
    let names: Vec<String> = stale.iter().map(|s| s.path.display().to_string()).collect();
    if check {
        return if names.is_empty() {
            Ok(vec![
                "the benchmark's generated modules are up to date".to_owned()
            ])
        } else {
            Err(format!(
                "stale: {}; run `cargo xtask synth --bench-modules`",
                names.join(", ")
            ))
        };
    }
    crate::write_all(root, &stale).map_err(|e| e.to_string())?;
    Ok(if names.is_empty() {
        vec!["nothing changed".to_owned()]
    } else {
        names.iter().map(|name| format!("updated {name}")).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_is_a_valid_catalog_with_that_many_codes() {
        for codes in [0, 1, 6, 1000] {
            let text = catalog(&Options::new(codes)).expect("a size it can make");
            let parsed = codegen::parse(&text).unwrap_or_else(|e| panic!("{codes}: {e:?}"));
            assert_eq!(parsed.tables[0].rows.len(), codes);
        }
    }

    #[test]
    fn the_same_options_give_the_same_text() {
        let options = Options::new(300);
        assert_eq!(catalog(&options), catalog(&options));
        assert!(catalog(&Options::new(max_codes() + 1)).is_err());
        let other = Options {
            seed: 12,
            ..options.clone()
        };
        assert_ne!(catalog(&options), catalog(&other));
    }

    /// The codes of a catalog of `shape`, as parsed.
    fn codes_of(shape: Shape, codes: usize) -> Vec<String> {
        let options = Options {
            shape,
            ..Options::new(codes)
        };
        let text = catalog(&options).expect("a size it can make");
        let parsed = codegen::parse(&text).unwrap_or_else(|e| panic!("{shape:?}: {e:?}"));
        let table = &parsed.tables[0];
        table
            .rows
            .iter()
            .map(|row| table.key_of(row).to_owned())
            .collect()
    }

    #[test]
    fn each_shape_makes_valid_catalogs_of_its_shape() {
        let holdout = codes_of(Shape::Holdout, 10_000);
        assert_eq!(holdout.len(), 10_000);
        assert!(holdout.iter().all(|code| (8..=40).contains(&code.len())));
        let dotted = holdout.iter().filter(|code| code.contains('.')).count();
        assert!(dotted * 2 > holdout.len(), "{dotted}");
        let clustered = holdout
            .iter()
            .filter(|code| (14..=26).contains(&code.len()))
            .count();
        assert!(clustered * 4 > holdout.len() * 3, "{clustered}");

        let short = codes_of(Shape::Short, 10_000);
        assert!(short
            .iter()
            .all(|code| (4..=6).contains(&code.len()) && code.starts_with('F')));
        assert_eq!(short[0], "F001");

        let long = codes_of(Shape::Long, 2_000);
        assert!(
            long.iter().all(|code| (30..=60).contains(&code.len())),
            "{long:?}"
        );
        assert!(long.iter().all(|code| code.matches('.').count() >= 3));
        assert_eq!(Shape::from_name("long"), Some(Shape::Long));
    }

    #[test]
    fn codes_are_8_to_40_bytes_and_many_share_a_length() {
        let options = Options::new(2000);
        let rows = rows(&options);
        let mut per_length = [0usize; 41];
        for row in &rows {
            assert!((8..=40).contains(&row.code.len()), "{}", row.code);
            per_length[row.code.len()] += 1;
        }
        assert!(per_length.iter().max().copied().unwrap_or(0) > 100);
    }
}
