//! The catalogs' text in the reader's language, from a dependent's point of view: every
//! translatable cell in every locale, rows' titles and nouns through `CatalogRow`, the
//! end-user message of each action, the `language` values paired with locales, and
//! `Locale::negotiate` on real `Accept-Language` headers.

mod property_support;

use captcha_errors::api::ApiError;
use captcha_errors::endpoints::Endpoint;
use captcha_errors::verify::{Action, UserMessage, Verdict, VerifyCode};
use captcha_errors::{CatalogRow, ErrorCode, FieldError, Language, Locale, WireCode};
use proptest::prelude::*;

/// Characters written only in Simplified Chinese (their Traditional forms differ), none
/// of which a Traditional text may hold.
const SIMPLIFIED_ONLY: &str =
    "这说验证码应请为务问题时试户网络设后来发数据过检单与个们还没让对将会复场账号错误";

/// Characters written only in Traditional Chinese, none of which a Simplified text may
/// hold.
const TRADITIONAL_ONLY: &str =
    "這說驗證碼應請為務問題時試戶網絡設後來發數據過檢單與個們還沒讓對將會復場帳號錯誤";

/// One translatable cell of one row: where it is, then its text in each locale.
struct Cell {
    place: String,
    english: &'static str,
    text_in: Box<dyn Fn(Locale) -> &'static str>,
}

fn cell<R: WireCode + Copy + 'static>(
    row: R,
    column: &str,
    english: &'static str,
    text_in: fn(R, Locale) -> &'static str,
) -> Cell {
    Cell {
        place: format!("{} {} `{column}`", R::NOUN, row.as_wire()),
        english,
        text_in: Box::new(move |locale| text_in(row, locale)),
    }
}

/// Every translatable cell of every catalog.
fn every_cell() -> Vec<Cell> {
    let mut cells = Vec::new();
    for &code in ErrorCode::ALL {
        cells.push(cell(
            code,
            "description",
            code.description(),
            ErrorCode::description_in,
        ));
        cells.push(cell(
            code,
            "troubleshooting",
            code.troubleshooting(),
            ErrorCode::troubleshooting_in,
        ));
        if let Some(notes) = code.notes() {
            cells.push(cell(code, "notes", notes, |code, locale| {
                code.notes_in(locale).unwrap_or_default()
            }));
        }
    }
    for &field in FieldError::ALL {
        cells.push(cell(
            field,
            "description",
            field.description(),
            FieldError::description_in,
        ));
        cells.push(cell(
            field,
            "troubleshooting",
            field.troubleshooting(),
            FieldError::troubleshooting_in,
        ));
    }
    for &code in VerifyCode::ALL {
        cells.push(cell(
            code,
            "meaning",
            code.meaning(),
            VerifyCode::meaning_in,
        ));
        cells.push(cell(code, "advice", code.advice(), VerifyCode::advice_in));
    }
    for &message in UserMessage::ALL {
        cells.push(cell(
            message,
            "title",
            message.title(),
            UserMessage::title_in,
        ));
        cells.push(cell(
            message,
            "detail",
            message.detail(),
            UserMessage::detail_in,
        ));
    }
    for &error in ApiError::ALL {
        cells.push(cell(
            error,
            "description",
            error.description(),
            ApiError::description_in,
        ));
        cells.push(cell(error, "advice", error.advice(), ApiError::advice_in));
    }
    for &endpoint in Endpoint::ALL {
        cells.push(cell(
            endpoint,
            "description",
            endpoint.description(),
            Endpoint::description_in,
        ));
    }
    cells
}

#[test]
fn every_translatable_cell_is_written_in_every_locale() {
    let cells = every_cell();
    assert!(cells.len() >= 100, "only {} cells", cells.len());
    for cell in &cells {
        let (english, simplified, traditional) = (
            (cell.text_in)(Locale::En),
            (cell.text_in)(Locale::ZhCn),
            (cell.text_in)(Locale::ZhTw),
        );
        assert_eq!(
            english, cell.english,
            "{}: English is the plain accessor's",
            cell.place
        );
        for text in [simplified, traditional] {
            assert!(!text.trim().is_empty(), "{}: empty", cell.place);
            assert_ne!(text, english, "{}: not translated", cell.place);
        }
        assert_ne!(
            simplified, traditional,
            "{}: one text for both scripts",
            cell.place
        );
        let wrong = |text: &str, letters: &str| text.chars().find(|c| letters.contains(*c));
        assert_eq!(
            wrong(traditional, SIMPLIFIED_ONLY),
            None,
            "{}: {traditional}",
            cell.place
        );
        assert_eq!(
            wrong(simplified, TRADITIONAL_ONLY),
            None,
            "{}: {simplified}",
            cell.place
        );
    }
}

#[test]
fn rows_give_their_title_and_noun_in_each_locale() {
    for &code in VerifyCode::ALL {
        for &locale in Locale::ALL {
            assert_eq!(code.title_in(locale), code.meaning_in(locale));
        }
        assert_eq!(code.title_in(Locale::En), code.title());
    }
    for &code in ErrorCode::ALL {
        assert_eq!(
            code.title_in(Locale::ZhTw),
            code.description_in(Locale::ZhTw)
        );
    }
    assert_eq!(
        <VerifyCode as CatalogRow>::noun_in(Locale::En),
        VerifyCode::NOUN
    );
    assert_eq!(
        <VerifyCode as CatalogRow>::noun_in(Locale::ZhCn),
        "验证结果码"
    );
    assert_eq!(<ErrorCode as CatalogRow>::noun_in(Locale::ZhTw), "錯誤碼");
}

#[test]
fn every_refusing_action_has_one_message_and_passing_has_none() {
    assert_eq!(Action::Proceed.user_message(), None);
    for &code in VerifyCode::ALL {
        let message = code.action().user_message();
        match code.verdict() {
            Verdict::Pass => assert_eq!(message, None, "{code:?}"),
            Verdict::Fail => assert!(message.is_some(), "{code:?} refuses without a message"),
            other => panic!("{code:?}: a verdict this test does not know: {other:?}"),
        }
    }
    // Several signals share one message, so a page cannot tell which one fired.
    assert_eq!(
        Action::TreatAsAttack.user_message(),
        Action::FixIntegration.user_message()
    );
    assert_eq!(
        Action::RetryCaptcha.user_message(),
        Some(UserMessage::SolveAgain)
    );
}

#[test]
fn language_values_and_locales_pair_both_ways() {
    for &locale in Locale::ALL {
        let value = Language::from_locale(locale).expect("every locale has a widget language");
        assert_eq!(value.locale(), Some(locale), "{value:?}");
    }
    assert_eq!(Language::Cn.locale(), Some(Locale::ZhCn));
    assert_eq!(Language::Tw.locale(), Some(Locale::ZhTw));
    assert_eq!(Language::Ja.locale(), None);
}

#[test]
fn tags_parse_back_to_their_locale() {
    for &locale in Locale::ALL {
        assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        assert_eq!(locale.tag().parse::<Locale>().ok(), Some(locale));
        assert_eq!(locale.to_string(), locale.tag());
    }
    assert_eq!(Locale::from_tag("zh-tw"), Some(Locale::ZhTw));
    assert_eq!(Locale::from_tag("zh"), None);
    assert!("fr".parse::<Locale>().is_err());
}

/// The table of real headers: `header<TAB>expected tag<TAB>where it comes from`.
const HEADERS: &str = include_str!("data/accept-language.tsv");

#[test]
fn real_accept_language_headers_pick_the_expected_locale() {
    let mut checked = 0;
    for (number, line) in HEADERS.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut columns = line.split('\t');
        let (Some(header), Some(expected), Some(source)) =
            (columns.next(), columns.next(), columns.next())
        else {
            panic!("line {}: want header, tag and source: {line:?}", number + 1);
        };
        let expected = Locale::from_tag(expected)
            .unwrap_or_else(|| panic!("line {}: `{expected}` is no locale", number + 1));
        assert_eq!(
            Locale::negotiate(header),
            expected,
            "line {} ({source}): {header:?}",
            number + 1
        );
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} headers");
}

proptest! {
    #[test]
    fn negotiation_never_fails_and_ignores_ascii_case(header in "[ -~\t]{0,200}") {
        let locale = Locale::negotiate(&header);
        prop_assert!(Locale::ALL.contains(&locale));
        prop_assert_eq!(Locale::negotiate(&header.to_ascii_uppercase()), locale);
    }

    #[test]
    fn a_lone_tag_picks_its_locale_and_garbage_after_it_changes_nothing(
        index in 0..3usize,
        garbage in "[^,]{0,40}",
    ) {
        let locale = Locale::ALL[index];
        prop_assert_eq!(Locale::negotiate(locale.tag()), locale);
        let header = format!("{}, ;q=x{garbage}", locale.tag());
        prop_assert_eq!(Locale::negotiate(&header), locale, "{:?}", header);
    }
}
