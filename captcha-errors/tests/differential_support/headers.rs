//! `Accept-Language` headers for the negotiation half of the differential test: random
//! mixes of served and unserved tags (with scripts, regions and extended languages), `*`,
//! valid and malformed weights, garbage, odd white space, long lists, and headers whose
//! 4 KiB limit falls just before, on or after a comma or inside a multi-byte character.

use super::Rng;

/// Well-formed ranges, served or not, in mixed case.
const TAGS: &[&str] = &[
    "*",
    "zh",
    "zh-CN",
    "zh-TW",
    "zh-HK",
    "zh-MO",
    "zh-SG",
    "zh-MY",
    "zh-Hans",
    "zh-Hant",
    "zh-Hant-TW",
    "zh-Hans-TW",
    "zh-Hans-HK",
    "zh-Hant-CN",
    "zh-yue-HK",
    "zh-yue",
    "zh-cmn-Hans-CN",
    "zh-min-nan",
    "zh-Latn-TW",
    "zh-aaa-bbb-ccc-Hant",
    "zh-aaa-bbb-ccc-ddd-Hant",
    "zh-x-tw",
    "zh-pinyin-TW",
    "ZH-tw",
    "zh-hant",
    "en",
    "en-US",
    "EN-gb",
    "en-Latn-US",
    "en-419",
    "fr",
    "fr-FR",
    "de-DE",
    "ja",
    "es-419",
    "i-klingon",
    "x-private",
];

/// Weights, valid and malformed (an empty one is no weight).
const WEIGHTS: &[&str] = &[
    "",
    "",
    "",
    ";q=1",
    ";q=0",
    ";q=0.9",
    ";q=0.5",
    ";q=0.001",
    ";q=1.0",
    ";q=1.000",
    ";q=0.",
    ";q=0.875",
    ";Q=0.3",
    ";q = 0.7",
    " ; q=0.2",
    ";q=.5",
    ";q=0.5000",
    ";q=1.0001",
    ";q=2",
    ";q=-1",
    ";q=abc",
    ";q",
    ";q=",
    ";q=0.5;q=0.6",
    ";level=1",
    ";level=1;q=0.4",
    ";;q=0.6;",
    ";q=0.5 ",
    ";q=1.001",
    ";q=0x1",
];

/// Entries that are malformed as a whole, or empty.
const GARBAGE: &[&str] = &[
    "zh_TW",
    "zh-",
    "-zh",
    "zh--TW",
    "zh-*",
    "*-TW",
    "**",
    "1zh",
    "zh-TW9012345",
    "abcdefghi",
    "zh TW",
    "zh-ТW",
    "中文",
    "\"zh-TW\"",
    "zh.TW",
    ";q=1",
    "",
    " ",
    "\t",
    "zh-TW\n",
    "é",
    "zh-TW\u{a0}",
    "ｚｈ",
    "K",
    "zh-\u{130}",
];

/// Separators between entries, with varied white space.
const SEPARATORS: &[&str] = &[",", ", ", " ,\t", ",,", " , , ", "\t,"];

/// One random entry: a tag with a weight, garbage, or random ASCII.
fn entry(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => (*rng.pick(GARBAGE)).to_owned(),
        1 => {
            let alphabet: &[u8] = b" \t,;=qQa-zA-Z0-9.*-_";
            (0..rng.below(12))
                .map(|_| char::from(*rng.pick(alphabet)))
                .collect()
        }
        2 => {
            // A valid weight with a random number of decimals.
            let q = rng.below(1001);
            let text = format!("{}.{:03}", q / 1000, q % 1000);
            let keep = 2 + rng.below(4);
            format!("{};q={}", rng.pick(TAGS), &text[..keep.min(text.len())])
        }
        _ => format!("{}{}", rng.pick(TAGS), rng.pick(WEIGHTS)),
    }
}

/// A header of `count` random entries.
fn list(rng: &mut Rng, count: usize) -> String {
    let mut header = String::new();
    for i in 0..count {
        if i > 0 {
            header.push_str(rng.pick::<&str>(SEPARATORS));
        }
        header.push_str(&entry(rng));
    }
    if rng.one_in(8) {
        header = format!(" \t{header}{}", *rng.pick(SEPARATORS));
    }
    header
}

/// A header near the 4096-byte limit: padding, then `entry` ending a few bytes before or
/// after the limit, or a multi-byte character across it.
fn near_the_limit(rng: &mut Rng) -> String {
    let tail = format!("{},{}", rng.pick(TAGS), entry(rng));
    let pad_char = *rng.pick(&[" ", "中", "x;q=0.1,", "é"]);
    let mut header = format!("{};q=0.1,", rng.pick(TAGS));
    let target = 4096 - 8 + rng.below(16);
    while header.len() + tail.len() < target {
        header.push_str(pad_char);
    }
    header.push(',');
    header.push_str(&tail);
    if rng.one_in(2) {
        header.push_str(&list(rng, 3));
    }
    header
}

/// `count` headers, the same on every run for the same generator.
pub fn headers(rng: &mut Rng, count: usize) -> Vec<String> {
    (0..count)
        .map(|_| match rng.below(20) {
            0 => near_the_limit(rng),
            1 => {
                let n = 60 + rng.below(20);
                list(rng, n)
            }
            // One or two tags alone, where each rule decides the answer by itself.
            2..=5 => {
                let n = 1 + rng.below(2);
                (0..n)
                    .map(|_| *rng.pick(TAGS))
                    .collect::<Vec<_>>()
                    .join(",")
            }
            _ => {
                let n = rng.below(8);
                list(rng, n)
            }
        })
        .collect()
}

/// `count` lists of well-formed ranges, as `navigator.languages` holds them.
pub fn language_lists(rng: &mut Rng, count: usize) -> Vec<Vec<String>> {
    (0..count)
        .map(|_| {
            let n = rng.below(7);
            (0..n).map(|_| (*rng.pick(TAGS)).to_owned()).collect()
        })
        .collect()
}
