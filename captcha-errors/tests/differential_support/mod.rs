//! The cases of the differential corpus: a small seeded generator, strings (near misses
//! of each init param, and arbitrary Unicode), whole configs built from a valid one by a
//! few mutations, and single values for each param's own validator with Rust's verdict.

mod headers;
mod values;

use captcha_errors::{JsonType, Param, ParamError};
use serde_json::{Map, Value};

pub use headers::{headers, language_lists};
pub use values::is_covered;
use values::{certify_id, near_miss, rule_breakers, valid_value, wrong_type_value};

/// SplitMix64: small, fast and the same on every machine, so the corpus is too.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Code points that test the edges: whitespace as Rust and JavaScript disagree on it,
/// controls, combining marks, private use, the end of the BMP, astral characters.
const TRICKY: &[char] = &[
    ' ',
    '\t',
    '\n',
    '\r',
    '\u{b}',
    '\u{c}',
    '\0',
    '\u{1f}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{ad}',
    '\u{1680}',
    '\u{180e}',
    '\u{2000}',
    '\u{200a}',
    '\u{200b}',
    '\u{2028}',
    '\u{2029}',
    '\u{202e}',
    '\u{202f}',
    '\u{205f}',
    '\u{3000}',
    '\u{feff}',
    '\u{301}',
    '\u{e000}',
    '\u{fffd}',
    '\u{ffff}',
    '\u{10000}',
    '\u{1f600}',
    '\u{10ffff}',
    '"',
    '\\',
    '_',
    '-',
    '.',
    '#',
    '/',
    '?',
    '=',
    '+',
    ':',
    ';',
    'é',
    'ß',
    'İ',
    'K',
    'ſ',
    '中',
];

/// One character: mostly ASCII, sometimes tricky, sometimes any scalar value at all.
pub fn any_char(rng: &mut Rng) -> char {
    match rng.below(10) {
        0..=4 => char::from(32 + rng.below(95) as u8),
        5..=7 => *rng.pick(TRICKY),
        _ => loop {
            if let Some(c) = char::from_u32(rng.below(0x11_0000) as u32) {
                break c;
            }
        },
    }
}

/// A string of up to `max` arbitrary characters.
pub fn any_text(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    (0..len).map(|_| any_char(rng)).collect()
}

/// `len` characters drawn from `alphabet`.
pub fn from_alphabet(rng: &mut Rng, alphabet: &str, len: usize) -> String {
    let chars: Vec<char> = alphabet.chars().collect();
    (0..len).map(|_| *rng.pick(&chars)).collect()
}

/// Keys that are not params but look like one, or trip JavaScript objects up.
const TRICKY_KEYS: &[&str] = &[
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "0",
    "1",
    "42",
    "01",
    "-1",
    "4294967295",
    "",
    " region",
    "Region",
    "region ",
    "regoin",
    "sceneId",
    "Mode",
    "slideStyle.",
    ".width",
    "slideStyle.colour",
    "slideStyle.width.x",
    "upLang.en",
    "\u{e000}",
    "\u{ffff}",
    "\u{1f600}",
    "é",
    "zIndex\u{0}",
    "success ",
];

fn unknown_key(rng: &mut Rng) -> String {
    if rng.one_in(3) {
        any_text(rng, 8)
    } else {
        (*rng.pick(TRICKY_KEYS)).to_owned()
    }
}

/// Puts `value` under the param's name: nested in its object, or dotted at the top.
fn insert(config: &mut Map<String, Value>, rng: &mut Rng, param: Param, value: Value) {
    let dotted = rng.one_in(3);
    insert_at(config, param, value, dotted);
}

/// Puts `value` under the param's name: a member nested in its object unless `dotted`.
fn insert_at(config: &mut Map<String, Value>, param: Param, value: Value, dotted: bool) {
    match (param.parent(), dotted) {
        (Some(parent), false) => {
            let member = param.name().rsplit_once('.').map_or("", |(_, m)| m);
            let entry = config
                .entry(parent.name().to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(members) = entry {
                members.insert(member.to_owned(), value);
            }
        }
        _ => {
            config.insert(param.name().to_owned(), value);
        }
    }
}

/// A valid config with a random set of optional params.
fn valid_config(rng: &mut Rng) -> Map<String, Value> {
    let mut config = Map::new();
    for &param in Param::ALL {
        let wanted = param.is_required() || rng.one_in(3);
        if let (true, Some(value)) = (wanted, valid_value(rng, param)) {
            insert(&mut config, rng, param, value);
        }
    }
    if rng.one_in(3) {
        let id = format!("{}_{}", prefix_of(&config), from_alphabet(rng, "aZ09", 10));
        config.insert(Param::UserCertifyId.name().to_owned(), Value::String(id));
    }
    config
}

/// The config's prefix, or a made-up one.
fn prefix_of(config: &Map<String, Value>) -> String {
    let prefix = config.get(Param::Prefix.name()).and_then(Value::as_str);
    prefix.unwrap_or("no8xfe").to_owned()
}

/// One mutation of a config: a near miss, a wrong type, a missing or unknown key.
fn mutate(config: &mut Map<String, Value>, rng: &mut Rng) {
    let param = *rng.pick(Param::ALL);
    match rng.below(6) {
        0 | 1 if param == Param::UserCertifyId => {
            let id = certify_id(rng, &prefix_of(config));
            config.insert(param.name().to_owned(), Value::String(id));
        }
        0 | 1 => {
            let value = near_miss(rng, param);
            insert(config, rng, param, value);
        }
        2 => {
            let value = wrong_type_value(rng);
            insert(config, rng, param, value);
        }
        3 => {
            config.remove(param.name());
        }
        4 => {
            let key = unknown_key(rng);
            config.insert(key, wrong_type_value(rng));
        }
        _ => {
            let key = format!("{}.{}", param.name(), unknown_key(rng));
            config.insert(key, near_miss(rng, param));
        }
    }
}

/// `count` configs: valid ones, near misses, a few that are not objects.
pub fn configs(rng: &mut Rng, count: usize) -> Vec<Value> {
    (0..count)
        .map(|_| {
            if rng.one_in(50) {
                return wrong_type_value(rng);
            }
            let mut config = valid_config(rng);
            for _ in 0..rng.below(5) {
                mutate(&mut config, rng);
            }
            Value::Object(config)
        })
        .collect()
}

/// A valid config with the required params only; the same on every run.
fn base_config() -> Map<String, Value> {
    let mut rng = Rng::new(0x00ba_5e00_c0f1_0001);
    let mut config = Map::new();
    for &param in Param::ALL.iter().filter(|param| param.is_required()) {
        if let Some(value) = valid_value(&mut rng, param) {
            insert_at(&mut config, param, value, false);
        }
    }
    config
}

/// A value of another JSON type than `param` wants (any value for a function).
fn wrong_type_for(param: Param) -> [Value; 2] {
    let other = match param.json_type() {
        JsonType::String => Value::from(1),
        JsonType::Number | JsonType::Integer => Value::from("1"),
        JsonType::Boolean => Value::from("true"),
        JsonType::Object => Value::Array(Vec::new()),
        _ => Value::from("function"),
    };
    [other, Value::Null]
}

/// Configs that each change one thing in a valid config, so that every outcome of every
/// param is judged alone: each param given a value of the wrong type, left out, or
/// given each value that breaks (or nearly breaks) its rule; a member given nested,
/// dotted, or both ways with only one of them valid; unknown keys (a warning only).
pub fn one_change_configs() -> Vec<Value> {
    let base = base_config();
    let prefix = prefix_of(&base);
    let with = |changes: &[(Param, Value, bool)]| {
        let mut config = base.clone();
        for (param, value, dotted) in changes {
            insert_at(&mut config, *param, value.clone(), *dotted);
        }
        Value::Object(config)
    };
    let mut out = vec![Value::Object(base.clone())];
    for &param in Param::ALL {
        let places: &[bool] = if param.parent().is_some() {
            &[false, true]
        } else {
            &[false]
        };
        if param.is_required() {
            let mut config = base.clone();
            config.remove(param.name());
            out.push(Value::Object(config));
        }
        for &dotted in places {
            for value in wrong_type_for(param)
                .into_iter()
                .chain(rule_breakers(param, &prefix))
            {
                out.push(with(&[(param, value, dotted)]));
            }
        }
        let mut rng = Rng::new(0x0001_0001);
        if let (Some(_), Some(good)) = (param.parent(), valid_value(&mut rng, param)) {
            for bad in rule_breakers(param, &prefix) {
                out.push(with(&[
                    (param, bad.clone(), false),
                    (param, good.clone(), true),
                ]));
                out.push(with(&[(param, good.clone(), false), (param, bad, true)]));
            }
        }
    }
    for key in TRICKY_KEYS {
        let mut config = base.clone();
        config.insert((*key).to_owned(), Value::from(1));
        out.push(Value::Object(config));
    }
    out
}

/// One value checked by one param's own validator, and what Rust said.
pub struct SingleValue {
    pub param: Param,
    /// The value as JSON (`null` for a number JSON cannot hold; see `special`).
    pub value: Value,
    /// `NaN`, `inf` or `-inf` for a number JSON cannot hold.
    pub special: Option<String>,
    /// The prefix a `certify_id` validator is given, if any.
    pub prefix: Option<String>,
    pub problem: Option<ParamError>,
}

/// `count` single values, spread over the params that have a validator.
pub fn single_values(rng: &mut Rng, count: usize) -> Vec<SingleValue> {
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let param = *rng.pick(Param::ALL);
        if let Some(single) = values::single_value(rng, param) {
            out.push(single);
        }
    }
    out
}

/// A number for a number param: a float, an integer, or one that JSON cannot hold.
pub fn any_number(rng: &mut Rng) -> f64 {
    const EDGES: &[f64] = &[
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        319.0,
        319.999,
        320.0,
        320.5,
        1e-7,
        5e-324,
        1e300,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    match rng.below(3) {
        0 => *rng.pick(EDGES),
        1 => (rng.below(4000) as f64) - 1000.0,
        _ => (rng.next() as f64 / u64::MAX as f64 - 0.25) * 2000.0,
    }
}
