//! Where a verification is sent. The hosts are vendor facts kept in `catalog/endpoints.toml`
//! (`captcha_errors::endpoints`): one per region (`cn`, `sgp`) and kind (public, dual-stack,
//! VPC). A page's `region` and its verification endpoint must match: a `cn` page's parameter
//! fails against `sgp`. A custom URL serves tests and proxies; it is the only way to get plain
//! `http://`.

use std::fmt;

use captcha_errors::endpoints::{Endpoint, EndpointKind, EndpointRegion};
use captcha_errors::Region;

/// A verification endpoint: a scheme and an authority (`host` or `host:port`).
///
/// ```
/// use captcha_errors::endpoints::EndpointKind;
/// use captcha_errors::Region;
/// use captcha_verify::EndpointUrl;
///
/// let public = EndpointUrl::for_region(Region::Sgp, EndpointKind::Public).unwrap();
/// assert_eq!(public.to_string(), "https://captcha.ap-southeast-1.aliyuncs.com/");
/// let local = EndpointUrl::custom("http://127.0.0.1:8080").unwrap();
/// assert_eq!(local.authority(), "127.0.0.1:8080");
/// assert!(EndpointUrl::custom("ftp://example").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EndpointUrl {
    https: bool,
    authority: String,
}

impl EndpointUrl {
    /// The catalog's endpoint for a page's region and an endpoint kind, over HTTPS.
    pub fn for_region(region: Region, kind: EndpointKind) -> Result<Self, EndpointError> {
        let endpoint_region: EndpointRegion = region
            .as_str()
            .parse()
            .map_err(|_| EndpointError::NoSuchEndpoint { region, kind })?;
        Endpoint::ALL
            .iter()
            .find(|endpoint| endpoint.region() == endpoint_region && endpoint.kind() == kind)
            .map(|endpoint| EndpointUrl {
                https: true,
                authority: endpoint.host().to_owned(),
            })
            .ok_or(EndpointError::NoSuchEndpoint { region, kind })
    }

    /// A URL of your own: `https://host[:port]` or, explicitly, `http://host[:port]`, with no
    /// path beyond `/`, no query and no user info.
    pub fn custom(url: &str) -> Result<Self, EndpointError> {
        let bad = |reason: &'static str| EndpointError::BadUrl {
            url: url.to_owned(),
            reason,
        };
        let uri: http::Uri = url.parse().map_err(|_| bad("it is not a URL"))?;
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => return Err(bad("the scheme must be https:// or http://")),
        };
        let authority = uri.authority().ok_or_else(|| bad("it has no host"))?;
        if authority.as_str().contains('@') {
            return Err(bad("it must not hold user information"));
        }
        if authority.host().is_empty() {
            return Err(bad("it has no host"));
        }
        if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
            return Err(bad(
                "the API is served at `/`: leave out the path and the query",
            ));
        }
        Ok(EndpointUrl {
            https,
            authority: authority.as_str().to_owned(),
        })
    }

    /// Whether the endpoint is reached over TLS.
    pub fn is_https(&self) -> bool {
        self.https
    }

    /// The host and, when given, the port: the `Host` header the signature covers.
    pub fn authority(&self) -> &str {
        &self.authority
    }
}

impl fmt::Display for EndpointUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.https { "https" } else { "http" };
        write!(f, "{scheme}://{}/", self.authority)
    }
}

/// An endpoint that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The catalog has no endpoint of that kind in that region (such as a VPC endpoint in
    /// `sgp`).
    NoSuchEndpoint {
        /// The region asked for.
        region: Region,
        /// The kind asked for.
        kind: EndpointKind,
    },
    /// A custom URL that is not usable.
    BadUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::NoSuchEndpoint { region, kind } => write!(
                f,
                "the endpoints catalog has no `{kind}` endpoint for region `{region}`; kinds \
                 there: {}",
                Endpoint::ALL
                    .iter()
                    .filter(|endpoint| endpoint.region().as_str() == region.as_str())
                    .map(|endpoint| endpoint.kind().as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            EndpointError::BadUrl { url, reason } => {
                write!(f, "the endpoint URL {url:?} cannot be used: {reason}")
            }
        }
    }
}

impl std::error::Error for EndpointError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalog_endpoint_is_reachable_by_region_and_kind() {
        for endpoint in Endpoint::ALL {
            let region: Region = endpoint.region().as_str().parse().unwrap();
            let url = EndpointUrl::for_region(region, endpoint.kind()).unwrap();
            assert_eq!(url.authority(), endpoint.host());
            assert!(url.is_https());
        }
    }

    #[test]
    fn exactly_the_catalog_combinations_exist_and_a_missing_one_says_what_does() {
        let mut found = 0;
        for region in Region::ALL {
            for kind in EndpointKind::ALL {
                let in_catalog = Endpoint::ALL.iter().any(|endpoint| {
                    endpoint.region().as_str() == region.as_str() && endpoint.kind() == *kind
                });
                match EndpointUrl::for_region(*region, *kind) {
                    Ok(_) => {
                        assert!(in_catalog, "{region} {kind}");
                        found += 1;
                    }
                    Err(error) => {
                        assert!(!in_catalog, "{region} {kind}");
                        let text = error.to_string();
                        assert!(
                            text.contains(kind.as_str()) && text.contains("public"),
                            "{text}"
                        );
                    }
                }
            }
        }
        assert_eq!(found, Endpoint::ALL.len());
    }

    #[test]
    fn custom_urls_are_checked() {
        assert!(!EndpointUrl::custom("http://localhost:1")
            .unwrap()
            .is_https());
        assert!(EndpointUrl::custom("https://proxy.example/")
            .unwrap()
            .is_https());
        for bad in [
            "",
            "localhost:80",
            "ftp://h/",
            "https://h/path",
            "https://h/?q=1",
            "https://user:pw@h/",
        ] {
            assert!(EndpointUrl::custom(bad).is_err(), "{bad}");
        }
    }
}
