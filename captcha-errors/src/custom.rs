//! Hand-written checks for parameters whose rule is `custom` in the catalog. Generation
//! never writes this file: each `rule = "custom"` param names a function here, and the
//! generated validator calls it, so a missing function is a compile error naming it.
//! `cargo xtask gen` lists the functions the catalog expects.
//!
//! Each function takes the value and returns `Err(reason)`, where `reason` completes
//! the sentence "`<param>` …", such as "must be an http(s) address or a data:image URL".

/// `captchaLogoImg`: an image address or a base64 image data URL. Checks the shape only;
/// whether the image loads can only be seen in the page.
#[inline]
pub fn image_source(value: &str) -> Result<(), &'static str> {
    const REASON: &str =
        "must be an http(s) address or a base64 `data:image/...;base64,` URL, without whitespace";
    if value.is_empty() || value.chars().any(char::is_whitespace) {
        return Err(REASON);
    }
    if let Some(rest) = strip_prefix_ignore_case(value, "data:image/") {
        let (media, data) = rest.split_once(";base64,").ok_or(REASON)?;
        let media_ok = !media.is_empty()
            && media
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        let data_ok = !data.is_empty()
            && data
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='));
        return if media_ok && data_ok {
            Ok(())
        } else {
            Err(REASON)
        };
    }
    let rest = strip_prefix_ignore_case(value, "https://")
        .or_else(|| strip_prefix_ignore_case(value, "http://"))
        .or_else(|| value.strip_prefix("//"))
        .ok_or(REASON)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err(REASON);
    }
    Ok(())
}

#[inline]
fn strip_prefix_ignore_case<'v>(value: &'v str, prefix: &str) -> Option<&'v str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &value[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_addresses_and_image_data_urls() {
        for good in [
            "https://example.com/logo.png",
            "HTTP://cdn.example.com/a?b=c",
            "//cdn.example.com/logo.svg",
            "data:image/png;base64,iVBORw0KGgo=",
            "data:image/svg+xml;base64,PHN2Zz4=",
        ] {
            assert_eq!(image_source(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "logo.png",
            "javascript:alert(1)",
            "https://",
            "https:// example.com",
            "data:text/html;base64,PGI+",
            "data:image/png,raw",
            "data:image/png;base64,",
            "data:image/png;base64,abc def",
            "ftp://example.com/logo.png",
        ] {
            assert!(image_source(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
