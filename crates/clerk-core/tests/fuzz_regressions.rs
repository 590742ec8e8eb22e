//! Inputs the cargo-fuzz targets (`fuzz/`) found to break the core, kept as plain tests so the
//! stable toolchain and CI run them. Each test names the target and what it found.

use clerk_core::instance::add_clerk_prefix;

/// request_state: `addClerkPrefix` compared its input's first six bytes as a `&str` slice, and
/// panicked when a multi-byte character straddled byte 6 (`clerké.com`, `a日本.example`).
/// A domain or frontend API given by the caller reaches it through the interstitial builders.
#[test]
fn add_clerk_prefix_with_a_multibyte_character_across_byte_six() {
    assert_eq!(add_clerk_prefix("clerké.com"), "clerk.clerké.com");
    assert_eq!(add_clerk_prefix("a日本.example"), "clerk.a日本.example");
    assert_eq!(add_clerk_prefix("CLERK.clerké.com"), "clerk.clerké.com");
    assert_eq!(add_clerk_prefix("cl\u{fffd}"), "clerk.cl\u{fffd}");
    // the ASCII behaviour stays as it was
    assert_eq!(add_clerk_prefix("Clerk.example.com"), "clerk.example.com");
    assert_eq!(add_clerk_prefix("clerk.foo"), "clerk.clerk.foo");
}

/// request_state: a quoted cookie value whose last character is multi-byte made the cookie
/// parser slice inside that character and panic. Any client controls its Cookie header
/// (`Cookie: __session="x\xe9` as latin1 arrives as `"xé`), so this was a crash from outside.
#[test]
fn quoted_cookie_value_ending_in_a_multibyte_character() {
    use clerk_core::request_state::inputs::{parse_cookies, RawInputs, RequestHeaders};
    let pairs = |h: &str| parse_cookies(h);
    assert_eq!(pairs("a=\"é"), vec![("a".to_string(), String::new())]);
    assert_eq!(
        pairs("a=\"xé; b=1"),
        vec![
            ("a".to_string(), "x".to_string()),
            ("b".to_string(), "1".to_string())
        ]
    );
    assert_eq!(
        pairs("a=\"日本\""),
        vec![("a".to_string(), "日本".to_string())]
    );
    assert_eq!(pairs("a=\"x😀"), vec![("a".to_string(), "x".to_string())]);
    // ASCII quoting is as before: both quotes dropped, a lone quote gives ""
    assert_eq!(
        pairs("a=\"v\"; b=\""),
        vec![
            ("a".to_string(), "v".to_string()),
            ("b".to_string(), String::new())
        ]
    );

    // and through the request inputs, as a request's Cookie header reaches them
    let raw = RawInputs {
        secret_key: Some("sk_test_x".into()),
        request: Some(RequestHeaders {
            cookie: Some("__client_uat=\"1é; __session=\"tok\"".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let r = raw.resolve();
    assert_eq!(r.client_uat.as_deref(), Some("1"));
    assert_eq!(r.cookie_token.as_deref(), Some("tok"));
}
