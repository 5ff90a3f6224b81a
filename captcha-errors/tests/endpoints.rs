//! The verification side as a client sees it: the endpoints catalog (`Endpoint` and its
//! region words, which must be the init parameter `region`'s own words), the test mode of
//! every `VerifyCode`, and the gateway errors of a badly signed request.

use captcha_errors::api::{ApiError, Retry};
use captcha_errors::endpoints::{Endpoint, EndpointKind, EndpointRegion};
use captcha_errors::verify::{TestMode, Verdict, VerifyCode};
use captcha_errors::Region;

#[test]
fn every_host_round_trips_through_its_wire_form() {
    for &endpoint in Endpoint::ALL {
        assert_eq!(Endpoint::from_host(endpoint.host()), Some(endpoint));
        assert_eq!(endpoint.as_str(), endpoint.host());
        assert_eq!(endpoint.host().parse::<Endpoint>(), Ok(endpoint));
    }
    assert_eq!(
        Endpoint::from_host("https://captcha.cn-shanghai.aliyuncs.com"),
        None
    );
    assert_eq!(
        Endpoint::from_host("CAPTCHA.cn-shanghai.aliyuncs.com"),
        None
    );
}

#[test]
fn endpoint_regions_are_the_init_region_words() {
    let endpoint_words: Vec<&str> = EndpointRegion::ALL.iter().map(|r| r.as_str()).collect();
    let init_words: Vec<&str> = Region::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(endpoint_words, init_words);
    for &region in Region::ALL {
        let mapped: EndpointRegion = region.as_str().parse().expect("the same word");
        assert_eq!(mapped.as_str(), region.as_str());
    }
}

#[test]
fn every_region_has_a_public_and_a_dual_stack_host() {
    for &region in EndpointRegion::ALL {
        for kind in [EndpointKind::Public, EndpointKind::DualStack] {
            let hosts: Vec<Endpoint> = Endpoint::ALL
                .iter()
                .copied()
                .filter(|e| e.region() == region && e.kind() == kind)
                .collect();
            assert_eq!(hosts.len(), 1, "{region} {kind}: {hosts:?}");
        }
    }
    assert_eq!(
        Endpoint::CnShanghai.host(),
        "captcha.cn-shanghai.aliyuncs.com"
    );
    assert_eq!(Endpoint::CnShanghaiVpc.kind(), EndpointKind::Vpc);
    assert_eq!(Endpoint::ApSoutheast1.region().as_str(), "sgp");
}

#[test]
fn only_the_console_test_modes_are_marked() {
    for &code in VerifyCode::ALL {
        let expected = match code.as_str() {
            "T005" => TestMode::AlwaysPass,
            "F004" => TestMode::AlwaysFail,
            _ => TestMode::Off,
        };
        assert_eq!(code.test_mode(), expected, "{code:?}");
        match code.test_mode() {
            TestMode::AlwaysPass => assert_eq!(code.verdict(), Verdict::Pass),
            TestMode::AlwaysFail => assert_eq!(code.verdict(), Verdict::Fail),
            _ => {}
        }
    }
    assert_eq!(TestMode::AlwaysPass.as_str(), "always-pass");
}

#[test]
fn a_badly_signed_request_is_never_retried_unchanged() {
    for (code, status) in [
        ("SignatureDoesNotMatch", 400),
        ("InvalidAccessKeyId.NotFound", 404),
        ("SignatureNonceUsed", 400),
        ("InvalidTimeStamp.Expired", 400),
        ("IncompleteSignature", 400),
    ] {
        let error = ApiError::from_code(code).expect(code);
        assert_eq!(error.http_status(), status, "{code}");
        assert_eq!(error.retry(), Retry::Never, "{code}");
    }
    assert_eq!(
        ApiError::from_code("InvalidTimeStamp.Expired"),
        Some(ApiError::InvalidTimeStampExpired)
    );
}
