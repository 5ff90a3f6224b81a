//! Choosing one of a few locales from an `Accept-Language` header, with no dependencies
//! and no allocation.
//!
//! The header is read as RFC 9110 §12.5.4 defines it, and each language range as RFC 4647
//! §2.1 defines a basic range; then a range is mapped onto the served locales as below.
//!
//! # Reading the header
//!
//! - The header is a comma-separated list of entries `range[;q=VALUE]`. Spaces and tabs
//!   around an entry, around each `;` and around the `=` of a parameter are skipped.
//!   Empty entries (`a,,b`) are skipped, as RFC 9110 §5.6.1 asks.
//! - A range is `*`, or subtags of one to eight ASCII letters and digits joined by `-`,
//!   the first of them letters only (`zh`, `zh-Hant-TW`, `en-US`, `es-419`). Letter case
//!   does not matter anywhere.
//! - The weight is `q=` and a value from 0 to 1 with at most three decimals: `0`, `0.`,
//!   `0.5`, `0.875`, `1`, `1.000`. `Q=` is the same name. An entry without a weight has
//!   weight 1. Parameters other than `q` are ignored.
//! - A malformed entry (a range or a weight that does not read as above, such as `zh_TW`,
//!   `zh-*`, `q=.5`, `q=0.5000`, `q=1.0001`, `q=2`, `q=-1`, or two weights) is ignored on
//!   its own; the other entries still count.
//! - Bounded work on hostile input: only the header's first [`MAX_HEADER_BYTES`] bytes are
//!   read (an entry that does not end within them is ignored, and so is all that follows),
//!   and only its first [`MAX_ENTRIES`] non-empty entries, well-formed or not. A longer
//!   header costs no more than one of that size. Nothing is allocated.
//!
//! # Mapping a range onto a locale
//!
//! - The range's first subtag must be a served locale's `language` (`zh`); otherwise the
//!   range matches nothing and is skipped.
//! - After the language and up to three extended-language subtags (three letters, as in
//!   `zh-yue` or `zh-cmn`) may come a script subtag (four letters, `Hant`) and then a
//!   region subtag (two letters, `TW`, or three digits, `419`). Anything later (variants,
//!   extensions, `x-` private use) does not count.
//! - The range goes to the locale of that language that serves its script; if it has no
//!   script or no locale serves it, to the locale that serves its region; if it has no
//!   region either or no locale serves it, to the first served locale of its language.
//!   So the script beats the region: `zh-Hans-TW` is simplified Chinese.
//! - `*` goes to the fallback; if an entry with weight 0 excludes the fallback (below), to
//!   the first served locale that is not excluded.
//!
//! # Choosing
//!
//! - The entry with the highest weight that goes to an acceptable locale wins; between
//!   equal weights, the earlier entry wins.
//! - Weight 0 means "not acceptable": the locale an entry with weight 0 goes to is
//!   excluded, and no other entry can choose it (`zh-TW;q=0, zh-HK` chooses nothing
//!   through `zh-HK`). `*;q=0` excludes nothing: it only says that what the header does
//!   not list is not wanted, and the fallback is the last resort anyway.
//! - When no entry chooses a locale (no header, an empty one, only garbage, only
//!   languages that are not served, or every match excluded), the answer is the
//!   fallback: the fallback (for the generated `Locale`, English) is always the last
//!   resort, even when the header excluded it.

/// How many bytes of a header are read; an entry that does not end within them, and all
/// after it, is ignored.
pub(crate) const MAX_HEADER_BYTES: usize = 4096;

/// How many non-empty entries of a header are read, well-formed or not.
pub(crate) const MAX_ENTRIES: usize = 64;

/// The weight of an entry without `q=`, in thousandths.
const FULL_WEIGHT: u16 = 1000;

/// How one locale answers requested language tags.
pub(crate) struct Served<L> {
    /// The locale that is chosen.
    pub(crate) locale: L,
    /// Its primary language subtag, lower case, such as "zh".
    pub(crate) language: &'static str,
    /// The script subtags it serves, as written in BCP 47 ("Hans").
    pub(crate) scripts: &'static [&'static str],
    /// The region subtags it serves ("CN", "SG", "MY").
    pub(crate) regions: &'static [&'static str],
}

/// The served locale that suits `accept_language` best, or `fallback` when none does; the
/// rules are in the module's documentation.
///
/// `L` needs `PartialEq` to tell whether a weight-0 entry excluded the fallback, which
/// decides where `*` goes.
pub(crate) fn negotiate<L: Copy + PartialEq>(
    accept_language: &str,
    served: &[Served<L>],
    fallback: L,
) -> L {
    let mut slots = [Wanted::NOTHING; MAX_ENTRIES];
    let mut count = 0;
    for (slot, entry) in slots.iter_mut().zip(entries(accept_language)) {
        *slot = entry.map_or(Wanted::NOTHING, |(range, q)| Wanted {
            target: target(range, served),
            q,
        });
        count += 1;
    }
    let wanted = slots.get(..count).unwrap_or_default();

    let excluded = |index: usize| {
        wanted
            .iter()
            .any(|w| w.q == 0 && w.target == Target::Served(index))
    };
    let fallback_excluded = served
        .iter()
        .enumerate()
        .any(|(index, s)| s.locale == fallback && excluded(index));
    let any_locale = if fallback_excluded {
        served
            .iter()
            .enumerate()
            .find(|(index, _)| !excluded(*index))
            .map(|(_, s)| s.locale)
    } else {
        Some(fallback)
    };

    let mut best: Option<(u16, L)> = None;
    for w in wanted.iter().filter(|w| w.q > 0) {
        let locale = match w.target {
            Target::Nothing => None,
            Target::Any => any_locale,
            Target::Served(index) if excluded(index) => None,
            Target::Served(index) => served.get(index).map(|s| s.locale),
        };
        if let Some(locale) = locale {
            if best.is_none_or(|(q, _)| w.q > q) {
                best = Some((w.q, locale));
            }
        }
    }
    best.map_or(fallback, |(_, locale)| locale)
}

/// One entry as the choice sees it.
#[derive(Clone, Copy)]
struct Wanted {
    /// Where its range goes.
    target: Target,
    /// Its weight in thousandths, 0 to 1000.
    q: u16,
}

impl Wanted {
    /// A malformed entry, or one whose range matches nothing.
    const NOTHING: Self = Self {
        target: Target::Nothing,
        q: 0,
    };
}

/// Where a range goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Nowhere: a language that is not served, or a malformed entry.
    Nothing,
    /// `*`.
    Any,
    /// The served locale at this index.
    Served(usize),
}

/// The header's entries within the bounds, in order: each well-formed one as its range
/// and weight in thousandths, each malformed one as `None`.
fn entries(header: &str) -> impl Iterator<Item = Option<(&[u8], u16)>> {
    let bytes = header.as_bytes();
    let window = match bytes.get(MAX_HEADER_BYTES) {
        None => bytes,
        // The entry that ends at the limit is whole.
        Some(b',') => bytes.get(..MAX_HEADER_BYTES).unwrap_or_default(),
        // The entry that crosses the limit is left out with the rest.
        Some(_) => {
            let read = bytes.get(..MAX_HEADER_BYTES).unwrap_or_default();
            read.iter()
                .rposition(|&b| b == b',')
                .and_then(|end| read.get(..end))
                .unwrap_or_default()
        }
    };
    window
        .split(|&b| b == b',')
        .map(trim_ows)
        .filter(|entry| !entry.is_empty())
        .take(MAX_ENTRIES)
        .map(entry)
}

/// One non-empty entry's range and weight, or `None` when it is malformed.
fn entry(entry: &[u8]) -> Option<(&[u8], u16)> {
    let mut parts = entry.split(|&b| b == b';');
    let range = trim_ows(parts.next().unwrap_or_default());
    if !is_range(range) {
        return None;
    }
    let mut weight = None;
    for parameter in parts.map(trim_ows).filter(|p| !p.is_empty()) {
        let mut halves = parameter.splitn(2, |&b| b == b'=');
        let name = trim_ows(halves.next().unwrap_or_default());
        if name.eq_ignore_ascii_case(b"q") {
            if weight.is_some() {
                return None;
            }
            weight = Some(qvalue(trim_ows(halves.next()?))?);
        }
    }
    Some((range, weight.unwrap_or(FULL_WEIGHT)))
}

/// Whether `range` is `*` or a basic language range (RFC 4647 §2.1).
fn is_range(range: &[u8]) -> bool {
    if range == b"*" {
        return true;
    }
    let mut subtags = range.split(|&b| b == b'-');
    let first_ok = subtags
        .next()
        .is_some_and(|first| is_subtag(first) && first.iter().all(u8::is_ascii_alphabetic));
    first_ok && subtags.all(is_subtag)
}

/// Whether `subtag` is one to eight ASCII letters and digits.
fn is_subtag(subtag: &[u8]) -> bool {
    (1..=8).contains(&subtag.len()) && subtag.iter().all(u8::is_ascii_alphanumeric)
}

/// An RFC 9110 `qvalue` in thousandths: `0` with up to three decimals, or `1` with up to
/// three zeros.
fn qvalue(value: &[u8]) -> Option<u16> {
    let (whole, rest) = match value.split_first()? {
        (b'0', rest) => (0, rest),
        (b'1', rest) => (FULL_WEIGHT, rest),
        _ => return None,
    };
    let decimals: &[u8] = match rest.split_first() {
        None => &[],
        Some((b'.', decimals)) => decimals,
        Some(_) => return None,
    };
    if decimals.len() > 3 || !decimals.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let thousandths = decimals
        .iter()
        .chain(core::iter::repeat(&b'0'))
        .take(3)
        .fold(0, |sum, digit| sum * 10 + u16::from(digit - b'0'));
    if whole == FULL_WEIGHT && thousandths != 0 {
        return None;
    }
    Some(whole + thousandths)
}

/// Where a well-formed range goes among `served`.
fn target<L>(range: &[u8], served: &[Served<L>]) -> Target {
    if range == b"*" {
        return Target::Any;
    }
    let mut subtags = range.split(|&b| b == b'-').peekable();
    let language = subtags.next().unwrap_or_default();
    let of_language = served
        .iter()
        .enumerate()
        .filter(|(_, s)| s.language.as_bytes().eq_ignore_ascii_case(language));
    let Some((first, _)) = of_language.clone().next() else {
        return Target::Nothing;
    };
    for _ in 0..3 {
        if subtags
            .next_if(|s| s.len() == 3 && s.iter().all(u8::is_ascii_alphabetic))
            .is_none()
        {
            break;
        }
    }
    let script = subtags.next_if(|s| s.len() == 4 && s.iter().all(u8::is_ascii_alphabetic));
    let region = subtags.next_if(|s| {
        (s.len() == 2 && s.iter().all(u8::is_ascii_alphabetic))
            || (s.len() == 3 && s.iter().all(u8::is_ascii_digit))
    });
    let serving = |subtag: Option<&[u8]>, list: fn(&Served<L>) -> &'static [&'static str]| {
        let subtag = subtag?;
        of_language
            .clone()
            .find(|(_, s)| {
                list(s)
                    .iter()
                    .any(|w| w.as_bytes().eq_ignore_ascii_case(subtag))
            })
            .map(|(index, _)| index)
    };
    let index = serving(script, |s| s.scripts)
        .or_else(|| serving(region, |s| s.regions))
        .unwrap_or(first);
    Target::Served(index)
}

/// `bytes` without the spaces and tabs around it.
fn trim_ows(bytes: &[u8]) -> &[u8] {
    let is_ows = |b: &u8| *b == b' ' || *b == b'\t';
    let start = bytes.iter().position(|b| !is_ows(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_ows(b))
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;
    use proptest::prelude::*;

    /// The three locales the lead's table serves, in its order.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Tag {
        En,
        ZhCn,
        ZhTw,
    }

    const TABLE: [Served<Tag>; 3] = [
        Served {
            locale: Tag::En,
            language: "en",
            scripts: &[],
            regions: &[],
        },
        Served {
            locale: Tag::ZhCn,
            language: "zh",
            scripts: &["Hans"],
            regions: &["CN", "SG", "MY"],
        },
        Served {
            locale: Tag::ZhTw,
            language: "zh",
            scripts: &["Hant"],
            regions: &["TW", "HK", "MO"],
        },
    ];

    fn pick(header: &str) -> Tag {
        negotiate(header, &TABLE, Tag::En)
    }

    fn assert_picks(cases: &[(&str, Tag)]) {
        for (header, expected) in cases {
            assert_eq!(pick(header), *expected, "{header:?}");
        }
    }

    #[test]
    fn no_header_empty_or_garbage_is_the_fallback() {
        assert_picks(&[
            ("", Tag::En),
            (" \t ", Tag::En),
            (",,, ,", Tag::En),
            ("garbage!", Tag::En),
            ("zh_TW", Tag::En),
            (";q=0.5", Tag::En),
            ("fr-FR, de;q=0.9, ja;q=0.8", Tag::En),
        ]);
        // Another fallback is honoured, whether or not it is served.
        assert_eq!(negotiate("fr", &TABLE, Tag::ZhTw), Tag::ZhTw);
        assert_eq!(negotiate("zh-TW", &TABLE[..2], Tag::En), Tag::ZhCn);
        assert_eq!(negotiate("zh-TW", &[], Tag::ZhTw), Tag::ZhTw);
    }

    #[test]
    fn the_script_decides_then_the_region_then_the_first_locale_of_the_language() {
        assert_picks(&[
            ("zh-Hant-TW", Tag::ZhTw),
            ("zh-Hant", Tag::ZhTw),
            ("zh-TW", Tag::ZhTw),
            ("zh-HK", Tag::ZhTw),
            ("zh-MO", Tag::ZhTw),
            ("zh-yue-HK", Tag::ZhTw),
            ("zh-Hant-CN", Tag::ZhTw),
            ("zh", Tag::ZhCn),
            ("zh-CN", Tag::ZhCn),
            ("zh-SG", Tag::ZhCn),
            ("zh-MY", Tag::ZhCn),
            ("zh-Hans", Tag::ZhCn),
            ("zh-Hans-TW", Tag::ZhCn),
            ("zh-Hans-HK", Tag::ZhCn),
            ("zh-cmn-Hans-CN", Tag::ZhCn),
            ("zh-Latn", Tag::ZhCn),
            ("zh-US", Tag::ZhCn),
            ("zh-yue", Tag::ZhCn),
            ("zh-min-nan", Tag::ZhCn),
            ("en-US", Tag::En),
            ("en-GB", Tag::En),
            ("en-Latn-US", Tag::En),
            ("en-419", Tag::En),
            ("EN", Tag::En),
        ]);
        // A script no locale serves hands over to the region.
        assert_eq!(pick("zh-Latn-TW"), Tag::ZhTw);
        // Up to three extended languages; a fourth three-letter subtag is not a script.
        assert_eq!(pick("zh-aaa-bbb-ccc-Hant"), Tag::ZhTw);
        assert_eq!(pick("zh-aaa-bbb-ccc-ddd-Hant"), Tag::ZhCn);
        // Only the region's place counts: after a variant or a private-use part it is not one.
        assert_eq!(pick("zh-x-tw"), Tag::ZhCn);
        assert_eq!(pick("zh-pinyin-TW"), Tag::ZhCn);
        assert_eq!(pick("zh-Hans-x-Hant"), Tag::ZhCn);
        // The language must be the primary subtag itself.
        assert_eq!(pick("zho-TW, chi-TW, cmn-TW, hant"), Tag::En);
    }

    #[test]
    fn letter_case_does_not_matter() {
        assert_picks(&[
            ("ZH-TW", Tag::ZhTw),
            ("zh-tw", Tag::ZhTw),
            ("Zh-hANT", Tag::ZhTw),
            ("zh-hk", Tag::ZhTw),
            ("ZH-HANS-TW", Tag::ZhCn),
            ("en;Q=0.5, zh-tw;Q=0.9", Tag::ZhTw),
        ]);
    }

    #[test]
    fn higher_weight_wins_and_equal_weights_keep_their_order() {
        assert_picks(&[
            ("en;q=0.5, zh-TW", Tag::ZhTw),
            ("zh-TW;q=0.8, en;q=0.9", Tag::En),
            ("zh-TW;q=0.8, zh-CN;q=0.801", Tag::ZhCn),
            ("en, zh-TW", Tag::En),
            ("zh-TW, en", Tag::ZhTw),
            ("zh-TW;q=0.5, zh-CN;q=0.5", Tag::ZhTw),
            ("zh-CN;q=0.5, zh-TW;q=0.5", Tag::ZhCn),
            ("zh-CN;q=0.5, zh-TW;q=0.500", Tag::ZhCn),
            ("zh-CN;q=1, zh-TW;q=1.000", Tag::ZhCn),
            // Unserved languages above take nothing away from served ones below.
            ("fr-FR, fr;q=0.9, zh-HK;q=0.1", Tag::ZhTw),
            ("ja;q=1, zh-TW;q=0.001", Tag::ZhTw),
        ]);
    }

    #[test]
    fn weight_zero_excludes_the_locale_it_goes_to() {
        assert_picks(&[
            ("zh-TW;q=0", Tag::En),
            ("zh-HK, zh-TW;q=0", Tag::En),
            ("zh-TW;q=0, zh-HK, zh;q=0.5", Tag::ZhCn),
            ("zh;q=0, zh-SG, zh-MO;q=0.3", Tag::ZhTw),
            ("zh-Hant;q=0.000, zh-TW", Tag::En),
            ("zh-TW;q=0.", Tag::En),
            // Excluding the fallback sends `*` to the first acceptable locale.
            ("en;q=0, *", Tag::ZhCn),
            ("en;q=0, zh;q=0, *", Tag::ZhTw),
            // When nothing acceptable remains, the fallback is the last resort.
            ("en;q=0", Tag::En),
            ("en;q=0, zh;q=0, zh-TW;q=0, *", Tag::En),
            ("en;q=0, zh-TW;q=0.2, fr", Tag::ZhTw),
            // `*;q=0` excludes nothing.
            ("*;q=0", Tag::En),
            ("*;q=0, zh-TW;q=0.5", Tag::ZhTw),
            ("zh-TW;q=0.5, *;q=0", Tag::ZhTw),
            // A malformed weight does not exclude.
            ("zh-TW;q=0.0000, zh-TW;q=0.1", Tag::ZhTw),
        ]);
    }

    #[test]
    fn star_goes_to_the_fallback() {
        assert_picks(&[
            ("*", Tag::En),
            ("*, zh-TW;q=0.9", Tag::En),
            ("zh-TW;q=0.9, *", Tag::En),
            ("zh-TW, *;q=0.5", Tag::ZhTw),
            ("fr, *;q=0.1, zh-TW;q=0.05", Tag::En),
        ]);
        assert_eq!(negotiate("*", &TABLE, Tag::ZhTw), Tag::ZhTw);
        assert_eq!(negotiate("zh-TW;q=0, *", &TABLE, Tag::ZhTw), Tag::En);
    }

    #[test]
    fn weights() {
        for (value, expected) in [
            ("0", Some(0)),
            ("0.", Some(0)),
            ("0.0", Some(0)),
            ("0.5", Some(500)),
            ("0.05", Some(50)),
            ("0.005", Some(5)),
            ("0.999", Some(999)),
            ("1", Some(1000)),
            ("1.", Some(1000)),
            ("1.0", Some(1000)),
            ("1.000", Some(1000)),
            ("1.0001", None),
            ("1.001", None),
            ("1.5", None),
            ("2", None),
            ("-1", None),
            ("-0", None),
            ("+0.5", None),
            ("abc", None),
            (".5", None),
            ("0.5000", None),
            ("0,5", None),
            ("0.5a", None),
            ("00.5", None),
            ("01", None),
            ("", None),
            ("0x1", None),
            ("١", None),
        ] {
            assert_eq!(qvalue(value.as_bytes()), expected, "{value:?}");
        }
    }

    #[test]
    fn a_malformed_weight_drops_only_its_entry() {
        for bad in [
            "q=1.0001",
            "q=2",
            "q=-1",
            "q=abc",
            "q=.5",
            "q=0.5000",
            "q=",
            "q",
            "q=0.5;q=0.4",
        ] {
            let header = format!("zh-TW;{bad}, en;q=0.5");
            assert_eq!(pick(&header), Tag::En, "{header:?}");
            let header = format!("en;q=0.5, zh-TW;q=0.4, zh-CN;{bad}");
            assert_eq!(pick(&header), Tag::En, "{header:?}");
            let header = format!("zh-CN;{bad}, zh-TW;q=0.4");
            assert_eq!(pick(&header), Tag::ZhTw, "{header:?}");
        }
    }

    #[test]
    fn other_parameters_are_ignored() {
        assert_picks(&[
            ("zh-TW;level=1, en;q=0.9", Tag::ZhTw),
            ("en;q=0.5, zh-TW;foo;q=0.9", Tag::ZhTw),
            ("en;q=0.5, zh-TW;q=0.9;foo=\"bar\"", Tag::ZhTw),
            ("en;q=0.5, zh-TW;;q=0.9;", Tag::ZhTw),
        ]);
    }

    #[test]
    fn malformed_ranges_drop_only_their_entry() {
        for bad in [
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
            "zh-TW\"",
            "\"zh-TW\"",
            "zh.TW",
        ] {
            let header = format!("{bad}, en;q=0.5");
            assert_eq!(pick(&header), Tag::En, "{header:?}");
            let header = format!("en;q=0.1, {bad}, zh-TW;q=0.2");
            assert_eq!(pick(&header), Tag::ZhTw, "{header:?}");
            let header = format!("{bad};q=0, zh-TW");
            assert_eq!(pick(&header), Tag::ZhTw, "{header:?}");
        }
        // Eight characters are a subtag; nine are not.
        assert_eq!(pick("zh-abcdefgh-TW"), Tag::ZhCn);
        assert_eq!(pick("zh-TW-abcdefgh"), Tag::ZhTw);
        assert_eq!(pick("zh-TW-abcdefghi, en;q=0.1"), Tag::En);
        assert_eq!(pick("zh-TW-1"), Tag::ZhTw);
    }

    #[test]
    fn spaces_and_tabs_around_entries_and_parameters() {
        assert_picks(&[
            ("  zh-TW  ", Tag::ZhTw),
            ("\tzh-TW\t", Tag::ZhTw),
            ("en ; q=0.5 ,\tzh-TW\t;\tq=0.9", Tag::ZhTw),
            ("en;q = 0.5, zh-TW;q= 0.6", Tag::ZhTw),
            ("en;q=0.5 , , zh-HK;q=0.6 ,", Tag::ZhTw),
        ]);
        // A line break is not white space here.
        assert_eq!(pick("en;q=0.5, zh-TW\n"), Tag::En);
    }

    #[test]
    fn duplicate_entries() {
        assert_picks(&[
            ("zh-TW, zh-TW, zh-TW", Tag::ZhTw),
            ("zh-TW;q=0.5, en;q=0.6, zh-TW;q=0.7", Tag::ZhTw),
            ("zh-TW;q=0.7, zh-TW;q=0", Tag::En),
            ("zh-TW;q=0, zh-TW;q=0.7", Tag::En),
            ("en, en, zh-CN;q=0.9, zh-CN", Tag::En),
        ]);
    }

    #[test]
    fn only_the_first_entries_are_read() {
        let filler = |n: usize| -> String {
            (0..n)
                .map(|i| format!("x{i};q=0.9"))
                .collect::<Vec<_>>()
                .join(",")
        };
        // 63 entries and a 64th that counts; then one that is the 65th.
        assert_eq!(pick(&format!("{},zh-TW;q=0.1", filler(63))), Tag::ZhTw);
        assert_eq!(pick(&format!("{},zh-TW;q=0.1", filler(64))), Tag::En);
        // Malformed entries count, empty ones do not.
        assert_eq!(pick(&format!("{},zh-TW", ["x_"; 64].join(","))), Tag::En);
        assert_eq!(pick(&format!("{}zh-TW", ",".repeat(200))), Tag::ZhTw);
        // 150 entries: the best of the first 64.
        let header = (0..150)
            .map(|i| match i {
                10 => String::from("zh-HK;q=0.2"),
                40 => String::from("zh-CN;q=0.3"),
                100 => String::from("en;q=1"),
                _ => format!("fr-x-{i};q=0.9"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        assert_eq!(pick(&header), Tag::ZhCn);
    }

    #[test]
    fn only_the_first_bytes_are_read() {
        // An entry that ends exactly at the limit counts, whether the header ends there or
        // a comma follows it.
        let ending_at_limit = |entry: &str| {
            let pad = MAX_HEADER_BYTES - entry.len() - 1;
            format!("{}{}", " ".repeat(pad), format_args!(",{entry}"))
        };
        let header = ending_at_limit("zh-TW");
        assert_eq!(header.len(), MAX_HEADER_BYTES);
        assert_eq!(pick(&header), Tag::ZhTw);
        assert_eq!(pick(&format!("{header},en")), Tag::ZhTw);
        // One byte further, it does not.
        let header = format!("{header} ");
        assert_eq!(pick(&header), Tag::En);
        assert_eq!(pick(&format!("{header}, zh-HK")), Tag::En);
        // Nor does anything after the limit.
        let header = format!("en;q=0.1,{}, zh-TW", " ".repeat(MAX_HEADER_BYTES));
        assert_eq!(pick(&header), Tag::En);
        // A long header whose limit falls inside a multi-byte character.
        let header = format!("zh-HK;q=0.5,{}", "中".repeat(2000));
        assert_eq!(pick(&header), Tag::ZhTw);
    }

    #[test]
    fn a_megabyte_header_costs_what_its_first_bytes_cost() {
        let entry = "zh-TW;q=0.5, fr;q=0.1, ";
        let header = entry.repeat((1 << 20) / entry.len() + 1);
        assert!(header.len() > 1 << 20);
        assert_eq!(pick(&header), Tag::ZhTw);
        // Reading it does not allocate, and neither does reading a short one.
        let counted = allocation_counter::measure(|| {
            for _ in 0..100 {
                assert_eq!(pick(&header), Tag::ZhTw);
                assert_eq!(pick("zh-CN,zh;q=0.9,en;q=0.8"), Tag::ZhCn);
            }
        });
        assert_eq!(counted.count_total, 0, "{counted:?}");
        // A megabyte in one entry, or with no comma at all.
        let header = format!("zh-TW;q=0.5, {}", "a".repeat(1 << 20));
        assert_eq!(pick(&header), Tag::ZhTw);
        assert_eq!(pick(&"zh".repeat(1 << 19)), Tag::En);
        assert_eq!(pick(&";".repeat(1 << 20)), Tag::En);
    }

    #[test]
    fn headers_browsers_send() {
        // Ten of the lines of tests/data/accept-language.tsv, which the integration test
        // reads whole.
        assert_picks(&[
            ("zh-CN,zh;q=0.9", Tag::ZhCn),
            ("zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7", Tag::ZhTw),
            ("zh-HK,zh-TW;q=0.9,zh;q=0.8,en-US;q=0.7,en;q=0.6", Tag::ZhTw),
            (
                "zh-CN,zh;q=0.8,zh-TW;q=0.7,zh-HK;q=0.5,en-US;q=0.3,en;q=0.2",
                Tag::ZhCn,
            ),
            ("zh-TW,zh-Hant;q=0.9", Tag::ZhTw),
            ("en-US,en;q=0.9,zh-CN;q=0.8,zh;q=0.7", Tag::En),
            ("zh-SG,zh;q=0.9,en;q=0.8", Tag::ZhCn),
            ("zh-Hant-TW;q=1.0, en-TW;q=0.9, zh-Hans-TW;q=0.8", Tag::ZhTw),
            ("ja,en-US;q=0.9,en;q=0.8", Tag::En),
            ("", Tag::En),
        ]);
    }

    /// Range strings that are well-formed, served or not.
    fn range() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(
                &[
                    "*",
                    "zh",
                    "zh-CN",
                    "zh-TW",
                    "zh-HK",
                    "zh-MO",
                    "zh-SG",
                    "zh-Hans",
                    "zh-Hant",
                    "zh-Hant-TW",
                    "zh-Hans-TW",
                    "zh-yue-HK",
                    "ZH-tw",
                    "en",
                    "en-US",
                    "EN-gb",
                    "fr",
                    "de-DE",
                    "ja",
                    "es-419",
                ][..]
            )
            .prop_map(String::from),
            "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,3}",
        ]
    }

    /// An entry that is always malformed.
    fn garbage() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(
                &[
                    "zh-TW;q=2",
                    "zh-TW;q=.5",
                    "zh-TW;q=1.0001",
                    "zh-TW;q=-1",
                    "zh-TW;q=abc",
                    "zh-TW;q=0.5000",
                    "zh_TW",
                    "zh-*",
                    "-zh",
                    "zh--TW",
                    ";q=1",
                    "中文",
                    "1zh",
                    "zh-TW;q",
                    "en;q=0.1;q=0.2",
                ][..]
            )
            .prop_map(String::from),
            "[a-z]{0,4}[@#_/()\\[\\]{}\"?]{1,3}[a-zA-Z0-9;=. -]{0,8}",
        ]
    }

    /// Any entry: well-formed with a valid, a missing or a malformed weight, or garbage.
    fn any_entry() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => (range(), prop::option::of(0u16..=1000)).prop_map(|(range, q)| match q {
                Some(q) => format!("{range};q={}", weight(q)),
                None => range,
            }),
            1 => garbage(),
            1 => "[ \t,;=qa-zA-Z0-9.*-]{0,12}",
            1 => any::<String>(),
        ]
    }

    /// `q` thousandths as a qvalue, with as few decimals as it needs.
    fn weight(q: u16) -> String {
        let text = format!("{}.{:03}", q / 1000, q % 1000);
        String::from(text.trim_end_matches('0').trim_end_matches('.'))
    }

    /// Entries joined as a header, with varied white space.
    fn header(entries: &[String], spaced: bool) -> String {
        entries.join(if spaced { " ,\t" } else { "," })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        #[test]
        fn any_input_gives_a_served_locale_or_the_fallback(
            input in prop_oneof![
                any::<String>(),
                prop::collection::vec(any_entry(), 0..80).prop_map(|e| e.join(",")),
            ],
            fallback in prop::sample::select(&[Tag::En, Tag::ZhCn, Tag::ZhTw][..]),
            served in 0..=TABLE.len(),
        ) {
            let table = TABLE.get(..served).unwrap_or_default();
            let chosen = negotiate(&input, table, fallback);
            prop_assert!(chosen == fallback || table.iter().any(|s| s.locale == chosen));
        }

        #[test]
        fn appending_garbage_changes_nothing(
            entries in prop::collection::vec(any_entry(), 0..20),
            tail in prop::collection::vec(garbage(), 1..5),
            spaced in any::<bool>(),
        ) {
            let before = header(&entries, spaced);
            let after = format!("{before},{}", header(&tail, spaced));
            prop_assert_eq!(pick(&before), pick(&after), "{:?} then {:?}", before, after);
        }

        #[test]
        fn the_order_of_entries_with_distinct_weights_changes_nothing(
            (entries, shuffled) in prop::collection::vec(
                (range(), prop::option::of(garbage())),
                1..20,
            )
            .prop_flat_map(|ranges| {
                let count = ranges.len();
                (
                    Just(ranges),
                    prop::sample::subsequence((0..=1000).collect::<Vec<u16>>(), count)
                        .prop_shuffle(),
                )
            })
            .prop_map(|(ranges, weights)| {
                ranges
                    .into_iter()
                    .zip(weights)
                    .flat_map(|((range, garbage), q)| {
                        let entry = format!("{range};q={}", weight(q));
                        core::iter::once(entry).chain(garbage)
                    })
                    .collect::<Vec<_>>()
            })
            .prop_flat_map(|entries| (Just(entries.clone()), Just(entries).prop_shuffle())),
        ) {
            let (a, b) = (header(&entries, false), header(&shuffled, true));
            prop_assert_eq!(pick(&a), pick(&b), "{:?} against {:?}", a, b);
        }
    }
}
