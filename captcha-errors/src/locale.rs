//! [`Locale`]: the languages the catalogs' text is written in, and how a request's
//! `Accept-Language` header picks one.
//!
//! English is the source every catalog is written in; each translatable column also
//! has its text in the other locales (`meaning_in(locale)`, ...), and
//! [`CatalogRow::title_in`](crate::CatalogRow::title_in) serves any row.
//!
//! ```
//! use captcha_errors::Locale;
//!
//! assert_eq!(Locale::negotiate("zh-HK,zh;q=0.9,en;q=0.8"), Locale::ZhTw);
//! assert_eq!(Locale::negotiate("fr-CH, fr;q=0.9"), Locale::En);
//! assert_eq!(Locale::from_tag("ZH-cn"), Some(Locale::ZhCn));
//! assert_eq!(Locale::ZhCn.tag(), "zh-CN");
//! ```

use crate::negotiate::negotiate;
use crate::rule_words::SERVED;
use crate::{Locale, UnknownValue};

impl Locale {
    /// The locale a request's `Accept-Language` header asks for, English when it asks
    /// for none of them (or the header is empty or garbage). Honours q-values and `*`;
    /// a tag maps to a locale by script first (`zh-Hant-*` is Traditional), then by
    /// region (`zh-HK` is Traditional, `zh-SG` Simplified), then by language (`zh` is
    /// Simplified). Never panics, and reads a bounded part of a hostile header.
    #[inline]
    pub fn negotiate(accept_language: &str) -> Locale {
        negotiate(accept_language, &SERVED, Locale::En)
    }

    /// The BCP 47 tag, such as `zh-TW`: the value of a `Content-Language` header.
    #[inline]
    pub const fn tag(self) -> &'static str {
        self.as_str()
    }

    /// The locale whose tag is exactly `tag`, compared without regard to ASCII case.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .iter()
            .copied()
            .find(|locale| locale.tag().eq_ignore_ascii_case(tag))
    }
}

impl core::str::FromStr for Locale {
    type Err = UnknownValue;

    /// Parses a tag as [`Locale::from_tag`] does.
    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        Locale::from_tag(tag).ok_or_else(|| UnknownValue::new("locale", tag))
    }
}
