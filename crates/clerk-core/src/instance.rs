//! Facts about Clerk instances and keys, as `@clerk/shared` 1.4.2 (`keys` and `url`) and the
//! `isDevOrStagingUrl` cache of `@clerk/backend` 0.38.15 decide them.
//!
//! Strings here are Rust strings, the reference's are UTF-16; every pattern the reference
//! matches is ASCII, so byte offsets and code-unit offsets agree wherever we cut.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use crate::error::Error;

const LIVE_PREFIX: &str = "pk_live_";
const TEST_PREFIX: &str = "pk_test_";
const CLERK_DOT: &str = "clerk.";

/// The clerk-js version `getScriptUrl` assumes when no `pkgVersion` is given (its destructuring
/// default, which applies to `undefined` only).
pub const DEFAULT_PKG_VERSION: &str = "4.73.9";

/// Which kind of instance a publishable key names (`instanceType` of `parsePublishableKey`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceType {
    Production,
    Development,
}

impl InstanceType {
    /// The reference's spelling: `"production"` or `"development"`.
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceType::Production => "production",
            InstanceType::Development => "development",
        }
    }
}

/// What `parsePublishableKey` returns when the key is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishableKey {
    pub instance_type: InstanceType,
    /// The decoded part after the second `_`, without its trailing `$`. As `atob` gives a
    /// "binary string", every decoded byte is one char U+0000..U+00FF (latin1), never UTF-8.
    pub frontend_api: String,
}

/// The `DOMException` (name `InvalidCharacterError`) that Node's `atob` throws on input that is
/// not forgiving-base64, with Node's message (`INVALID_CHARACTER` or `NOT_CORRECTLY_ENCODED`).
/// The reference does not catch it: `parsePublishableKey`, `isPublishableKey` and everything
/// built on them throw it to their caller.
pub(crate) fn atob_error(message: &'static str) -> Error {
    Error::dom("InvalidCharacterError", message)
}

pub(crate) const INVALID_CHARACTER: &str = "Invalid character";
pub(crate) const NOT_CORRECTLY_ENCODED: &str = "The string to be decoded is not correctly encoded.";

const FORGIVING: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

fn is_atob_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ')
}

/// Node 20's global `atob` (which `isomorphicAtob` picks): ASCII whitespace (tab, LF, FF, CR,
/// space) is ignored, at most two `=` and only at the end, and only when the count of the other
/// characters is a multiple of four with them; a length of 1 mod 4 is refused; leftover bits
/// are dropped. The result is a binary string: one char per byte, U+0000..U+00FF.
pub fn atob(data: &str) -> Result<String, Error> {
    let mut counted = 0usize; // characters that are not whitespace, '=' included
    let mut equals = 0usize;
    let mut digits = String::with_capacity(data.len());
    for c in data.chars() {
        if is_atob_whitespace(c) {
            continue;
        }
        counted += 1;
        if c == '=' {
            equals += 1;
            if equals > 2 {
                return Err(atob_error(INVALID_CHARACTER));
            }
        } else if c.is_ascii_alphanumeric() || c == '+' || c == '/' {
            if equals > 0 {
                return Err(atob_error(INVALID_CHARACTER));
            }
            digits.push(c);
        } else {
            return Err(atob_error(INVALID_CHARACTER));
        }
    }
    let mut remainder = counted % 4;
    if remainder == 0 {
        remainder = (counted - equals) % 4;
    } else if equals > 0 {
        return Err(atob_error(INVALID_CHARACTER));
    }
    if remainder == 1 {
        return Err(atob_error(NOT_CORRECTLY_ENCODED));
    }
    let bytes = FORGIVING
        .decode(digits.as_bytes())
        .map_err(|_| atob_error(NOT_CORRECTLY_ENCODED))?;
    Ok(bytes.into_iter().map(char::from).collect())
}

/// The part of `key.split("_")` at index 2, or `""` when there is none.
fn third_segment(key: &str) -> &str {
    key.split('_').nth(2).unwrap_or("")
}

/// `isPublishableKey(key)`: a `pk_live_`/`pk_test_` prefix and an `atob` of the third
/// `_`-separated segment that ends with `$`. Both halves are computed before they are combined,
/// so the `atob` runs (and may throw) even for keys without the prefix: `"a_b_!!"` throws.
pub fn try_is_publishable_key(key: Option<&str>) -> Result<bool, Error> {
    let key = key.unwrap_or("");
    let has_prefix = key.starts_with(LIVE_PREFIX) || key.starts_with(TEST_PREFIX);
    let has_dollar = atob(third_segment(key))?.ends_with('$');
    Ok(has_prefix && has_dollar)
}

/// `parsePublishableKey(key)`, faithfully: `Ok(None)` (the reference's `null`) for a missing,
/// empty or invalid key, else the instance type (`pk_live_` is production, anything else
/// development) and the decoded frontend API without its `$`. Only the third `_`-separated
/// segment is read: `pk_live_<b64>_junk` parses. A `$`-only payload gives an empty frontend API
/// (which callers using `?.frontendApi || ...` then skip).
///
/// `Err` is the reference's throw: when the third segment is not valid base64 the `atob` inside
/// `isPublishableKey` throws an `InvalidCharacterError` `DOMException`, whatever the prefix.
/// `authenticateRequest`, `redirect(...)` and both interstitial builders let it propagate
/// (`authenticateRequest` rejects with it).
pub fn try_parse_publishable_key(key: Option<&str>) -> Result<Option<PublishableKey>, Error> {
    let key = key.unwrap_or("");
    if !try_is_publishable_key(Some(key))? {
        return Ok(None);
    }
    let instance_type = if key.starts_with(LIVE_PREFIX) {
        InstanceType::Production
    } else {
        InstanceType::Development
    };
    let decoded = atob(third_segment(key))?;
    match decoded.strip_suffix('$') {
        Some(frontend_api) => Ok(Some(PublishableKey {
            instance_type,
            frontend_api: frontend_api.to_string(),
        })),
        None => Ok(None),
    }
}

/// [`try_parse_publishable_key`] with the throw folded into `None`.
///
/// NOT the reference for a key whose third `_` segment is not base64 (`pk_test_!!`,
/// `sk_test_%`, `a_b_!!`): there the reference throws `InvalidCharacterError`; callers that
/// must reproduce that throw use [`try_parse_publishable_key`].
pub fn parse_publishable_key(key: Option<&str>) -> Option<PublishableKey> {
    try_parse_publishable_key(key).ok().flatten()
}

/// `parsePublishableKey(key)?.frontendApi || fallback || ""`, the way `loadInterstitialFromLocal`,
/// `buildPublicInterstitialUrl` and `loadInterstitialFromBAPI` derive the frontend API: a key
/// that parses to an empty frontend API falls through to the fallback.
pub fn frontend_api_from(
    publishable_key: Option<&str>,
    fallback: Option<&str>,
) -> Result<String, Error> {
    if let Some(parsed) = try_parse_publishable_key(publishable_key)? {
        if !parsed.frontend_api.is_empty() {
            return Ok(parsed.frontend_api);
        }
    }
    Ok(fallback.unwrap_or("").to_string())
}

/// `isDevelopmentFromApiKey`: the key starts with `test_` or `sk_test_`.
pub fn is_development_from_secret_key(key: &str) -> bool {
    key.starts_with("test_") || key.starts_with("sk_test_")
}

/// `isProductionFromApiKey`: the key starts with `live_` or `sk_live_`.
pub fn is_production_from_secret_key(key: &str) -> bool {
    key.starts_with("live_") || key.starts_with("sk_live_")
}

const DEV_OR_STAGING_SUFFIXES: [&str; 9] = [
    ".lcl.dev",
    ".stg.dev",
    ".lclstage.dev",
    ".stgstage.dev",
    ".dev.lclclerk.com",
    ".stg.lclclerk.com",
    ".accounts.lclclerk.com",
    "accountsstage.dev",
    "accounts.dev",
];

/// `isDevOrStagingUrl` (from `createDevOrStagingUrlCache`, whose cache does not change the
/// answer): `false` for `""`, else whether the host ends with one of its suffixes. The last two
/// suffixes have no leading dot, so `fooaccounts.dev` counts as development too. Case-sensitive.
pub fn is_dev_or_staging_url(host: &str) -> bool {
    !host.is_empty() && DEV_OR_STAGING_SUFFIXES.iter().any(|s| host.ends_with(s))
}

/// `isStaging` of `@clerk/shared/url`: the frontend API ends with `.lclstage.dev`,
/// `.stgstage.dev`, `.clerkstage.dev` or `.accountsstage.dev`.
pub fn is_staging(frontend_api: &str) -> bool {
    [
        ".lclstage.dev",
        ".stgstage.dev",
        ".clerkstage.dev",
        ".accountsstage.dev",
    ]
    .iter()
    .any(|s| frontend_api.ends_with(s))
}

/// How many `clerk.` (exact case) repeat at the start of `s`.
fn leading_clerk_count(s: &str) -> usize {
    let mut count = 0;
    while s[count * CLERK_DOT.len()..].starts_with(CLERK_DOT) {
        count += 1;
    }
    count
}

/// JS `\w` without the `u` flag: ASCII letters, digits and `_`.
fn is_js_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// JS `.` without the `s` flag: anything but a line terminator.
fn is_js_dot(c: char) -> bool {
    !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// `/\.clerk.accounts/` (note the unescaped middle dot).
fn has_clerk_any_accounts(s: &str) -> bool {
    s.match_indices(".clerk").any(|(i, m)| {
        let rest = &s[i + m.len()..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if is_js_dot(c) => chars.as_str().starts_with("accounts"),
            _ => false,
        }
    })
}

/// `addClerkPrefix`, its three branches exactly:
/// 1. `""` stays `""`;
/// 2. a string that is one or more `clerk.` then only `\w` chars (`/^(clerk\.)+\w*$/`) loses all
///    but one of its leading `clerk.` to `/(clerk\.)*(?=clerk\.)/`, then gets `clerk.` in front,
///    so `clerk.foo` becomes `clerk.clerk.foo` and `clerk.clerk.foo` stays as it is;
/// 3. a string containing `/\.clerk.accounts/` is returned unchanged;
/// 4. otherwise every leading `clerk.`, any case (`/^(clerk\.)*/gi`), is removed and one
///    lowercase `clerk.` is put in front.
pub fn add_clerk_prefix(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let leading = leading_clerk_count(s);
    if leading > 0 && s[leading * CLERK_DOT.len()..].chars().all(is_js_word) {
        return format!("{CLERK_DOT}{}", &s[(leading - 1) * CLERK_DOT.len()..]);
    }
    if has_clerk_any_accounts(s) {
        return s.to_string();
    }
    let mut rest = s;
    while rest
        .as_bytes()
        .get(..CLERK_DOT.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(CLERK_DOT.as_bytes()))
    {
        rest = &rest[CLERK_DOT.len()..];
    }
    format!("{CLERK_DOT}{rest}")
}

/// `getClerkJsMajorVersionOrTag(frontendApi, pkgVersion)`: with no (or an empty) version,
/// `canary` for a staging frontend API and `latest` otherwise; else the text before the first
/// `.` of the version, or `latest` when that is empty (`".5"`). Tags pass through (`"next"`).
pub fn clerk_js_major_version_or_tag(frontend_api: &str, pkg_version: Option<&str>) -> String {
    match pkg_version.filter(|v| !v.is_empty()) {
        None if is_staging(frontend_api) => "canary".to_string(),
        None => "latest".to_string(),
        Some(version) => {
            let major = version.split('.').next().unwrap_or("");
            if major.is_empty() { "latest" } else { major }.to_string()
        }
    }
}

/// `frontendApi.replace(/http(s)?:\/\//, "")`: drop the first `http://` or `https://`, wherever
/// it is (the pattern is neither anchored nor case-insensitive).
fn strip_first_http_scheme(s: &str) -> String {
    let first = ["http://", "https://"]
        .iter()
        .filter_map(|p| s.find(p).map(|i| (i, p.len())))
        .min_by_key(|&(i, _)| i);
    match first {
        Some((i, len)) => format!("{}{}", &s[..i], &s[i + len..]),
        None => s.to_string(),
    }
}

/// `getScriptUrl(frontendApi, { pkgVersion, clerkJSVersion })`:
/// `https://{frontendApi without its first http(s)://}/npm/@clerk/clerk-js@{v}/dist/clerk.browser.js`
/// where `v` is `clerkJSVersion` if non-empty, else the major of `pkgVersion`.
///
/// `pkg_version: None` stands for `undefined` and takes the default `"4.73.9"` (so `4`, even for a
/// staging frontend API); `Some("")` stands for any other falsy value (`""`, `null`), which skips
/// the default and gives `latest`/`canary`.
pub fn script_url(
    frontend_api: &str,
    pkg_version: Option<&str>,
    clerk_js_version: Option<&str>,
) -> String {
    let pkg_version = pkg_version.unwrap_or(DEFAULT_PKG_VERSION);
    let version = match clerk_js_version.filter(|v| !v.is_empty()) {
        Some(v) => v.to_string(),
        None => clerk_js_major_version_or_tag(frontend_api, Some(pkg_version)),
    };
    format!(
        "https://{}/npm/@clerk/clerk-js@{version}/dist/clerk.browser.js",
        strip_first_http_scheme(frontend_api)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every expected value below was printed by Node 20 running @clerk/shared 1.4.2's own
    // functions (and Node's global `atob`) on the same input.

    #[test]
    fn atob_matches_node() {
        let ok: &[(&str, &str)] = &[
            ("", ""),
            ("ab", "i"),
            ("abc", "i\u{b7}"),
            ("abcd", "i\u{b7}\u{1d}"),
            ("ab==", "i"),
            ("abc=", "i\u{b7}"),
            ("ab = =", "i"),
            (" a b c d ", "i\u{b7}\u{1d}"),
            ("ab\tc", "i\u{b7}"),
            ("aGl=", "hi"),
            ("YWJj\n", "abc"),
            ("ab\u{c}cd", "i\u{b7}\u{1d}"),
            ("ab\rcd", "i\u{b7}\u{1d}"),
            ("6SQ=", "\u{e9}$"),
        ];
        for (input, want) in ok {
            assert_eq!(atob(input).as_deref(), Ok(*want), "atob({input:?})");
        }
        let invalid = "Invalid character";
        let encoded = "The string to be decoded is not correctly encoded.";
        let bad: &[(&str, &str)] = &[
            ("a", encoded),
            ("ab=", invalid),
            ("a===", invalid),
            ("ab\u{b}c", invalid),
            ("ab\u{a0}c", invalid),
            ("aGk-", invalid),
            ("aGk_", invalid),
            ("====", invalid),
            ("=", invalid),
            ("ab=c", invalid),
            ("abcd=", invalid),
            ("abcd==", invalid),
            ("\u{e9}", invalid),
            ("abcde", encoded),
        ];
        for (input, message) in bad {
            let err = atob(input).unwrap_err();
            assert_eq!(
                (err.js_name(), err.message()),
                ("InvalidCharacterError", *message),
                "atob({input:?})"
            );
        }
    }

    fn pk(instance_type: InstanceType, frontend_api: &str) -> Option<PublishableKey> {
        Some(PublishableKey {
            instance_type,
            frontend_api: frontend_api.to_string(),
        })
    }

    #[test]
    fn parse_publishable_key_matches_the_reference() {
        use InstanceType::*;
        let cases: &[(Option<&str>, Option<PublishableKey>, bool)] = &[
            (None, None, false),
            (Some(""), None, false),
            (
                Some("pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk"),
                pk(Development, "foo-bar-13.clerk.accounts.dev"),
                true,
            ),
            (
                Some("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k"),
                pk(Production, "clerk.example.com"),
                true,
            ),
            // decodes to "clerk.example.com": no `$`
            (Some("pk_live_Y2xlcmsuZXhhbXBsZS5jb20="), None, false),
            (Some("pk_test_JA=="), pk(Development, ""), true),
            (Some("pk_foo_eCQ="), None, false),
            (Some("pk_live_eCQ=_junk"), pk(Production, "x"), true),
            (Some("pk_test_6SQ="), pk(Development, "\u{e9}"), true),
            (Some("xpk_live_eCQ="), None, false),
            (Some("pk_test_eCQ"), pk(Development, "x"), true),
            (Some("pk_live_eC Q="), pk(Production, "x"), true),
            (Some("sk_test_eCQ="), None, false),
            (Some("pk_test"), None, false),
            (Some("clerk.example.com"), None, false),
        ];
        for (key, want, is_pk) in cases {
            assert_eq!(
                try_parse_publishable_key(*key).as_ref(),
                Ok(want),
                "parse({key:?})"
            );
            assert_eq!(
                parse_publishable_key(*key).as_ref(),
                want.as_ref(),
                "parse({key:?})"
            );
            assert_eq!(try_is_publishable_key(*key), Ok(*is_pk), "is({key:?})");
        }
    }

    #[test]
    fn garbage_third_segments_throw_whatever_the_prefix() {
        for key in ["pk_test_!!", "sk_test_!!", "a_b_!!", "pk_live_abcde"] {
            assert!(try_parse_publishable_key(Some(key)).is_err(), "{key}");
            assert!(try_is_publishable_key(Some(key)).is_err(), "{key}");
            assert_eq!(parse_publishable_key(Some(key)), None, "{key}");
        }
        assert_eq!(
            try_parse_publishable_key(Some("a_b_!!"))
                .unwrap_err()
                .message(),
            "Invalid character"
        );
        assert_eq!(
            try_parse_publishable_key(Some("pk_live_abcde"))
                .unwrap_err()
                .message(),
            "The string to be decoded is not correctly encoded."
        );
    }

    #[test]
    fn frontend_api_from_prefers_a_non_empty_parsed_value() {
        let key = Some("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k");
        assert_eq!(
            frontend_api_from(key, Some("other.dev")).unwrap(),
            "clerk.example.com"
        );
        assert_eq!(
            frontend_api_from(Some("pk_test_JA=="), Some("other.dev")).unwrap(),
            "other.dev"
        );
        assert_eq!(frontend_api_from(Some("nope"), None).unwrap(), "");
        assert_eq!(frontend_api_from(None, Some("")).unwrap(), "");
        assert!(frontend_api_from(Some("pk_test_!"), Some("x")).is_err());
    }

    #[test]
    fn secret_key_kinds() {
        let cases = [
            ("sk_test_abc", true, false),
            ("test_abc", true, false),
            ("sk_live_abc", false, true),
            ("live_abc", false, true),
            ("pk_test_abc", false, false),
            ("", false, false),
            ("SK_TEST_x", false, false),
        ];
        for (key, dev, prod) in cases {
            assert_eq!(is_development_from_secret_key(key), dev, "{key}");
            assert_eq!(is_production_from_secret_key(key), prod, "{key}");
        }
    }

    #[test]
    fn dev_or_staging_hosts() {
        let cases = [
            ("", false),
            ("foo.lcl.dev", true),
            ("fooaccounts.dev", true),
            ("foo.accounts.dev", true),
            ("foo-bar-13.clerk.accounts.dev", true),
            ("x.clerk.com", false),
            ("accounts.dev.com", false),
            ("x.accountsstage.dev", true),
            ("x.stg.lclclerk.com", true),
            ("x.ACCOUNTS.DEV", false),
            ("clerk.example.com", false),
        ];
        for (host, want) in cases {
            assert_eq!(is_dev_or_staging_url(host), want, "{host}");
        }
    }

    #[test]
    fn staging_frontend_apis() {
        let cases = [
            ("x.lclstage.dev", true),
            ("x.stgstage.dev", true),
            ("x.clerkstage.dev", true),
            ("x.accountsstage.dev", true),
            ("accountsstage.dev", false),
            ("x.accounts.dev", false),
            ("", false),
        ];
        for (api, want) in cases {
            assert_eq!(is_staging(api), want, "{api}");
        }
    }

    #[test]
    fn add_clerk_prefix_matches_the_reference() {
        let cases = [
            ("", ""),
            ("clerk.foo", "clerk.clerk.foo"),
            ("clerk.clerk.foo", "clerk.clerk.foo"),
            ("clerk.clerk.clerk.x", "clerk.clerk.x"),
            ("clerk.", "clerk.clerk."),
            ("clerk.clerk", "clerk.clerk.clerk"),
            ("clerk.example.com", "clerk.example.com"),
            ("example.com", "clerk.example.com"),
            ("CLERK.Clerk.foo.com", "clerk.foo.com"),
            ("foo.clerk.accounts.dev", "foo.clerk.accounts.dev"),
            ("foo.clerkXaccounts", "foo.clerkXaccounts"),
            ("foo.clerk\naccounts", "clerk.foo.clerk\naccounts"),
            ("clerk.foo_bar", "clerk.clerk.foo_bar"),
            ("clerk.foo\u{e9}", "clerk.foo\u{e9}"),
            ("clerk.clerk.example.com", "clerk.example.com"),
            ("xclerk.foo", "clerk.xclerk.foo"),
            ("Clerk.foo", "clerk.foo"),
            ("satellite.dev", "clerk.satellite.dev"),
            ("https://example.com", "clerk.https://example.com"),
            ("foo.clerk\u{e9}accounts", "foo.clerk\u{e9}accounts"),
            (
                "foo.clerk\u{2028}accounts.x",
                "clerk.foo.clerk\u{2028}accounts.x",
            ),
            ("clerk.Clerk.x", "clerk.x"),
        ];
        for (input, want) in cases {
            assert_eq!(add_clerk_prefix(input), want, "{input:?}");
        }
    }

    #[test]
    fn major_version_or_tag() {
        let cases = [
            ("x.lclstage.dev", None, "canary"),
            ("x.lclstage.dev", Some(""), "canary"),
            ("x.com", Some(""), "latest"),
            ("x.com", None, "latest"),
            ("x.com", Some("5.1.0"), "5"),
            ("x.com", Some(".5"), "latest"),
            ("x.com", Some("next"), "next"),
            ("x.accountsstage.dev", Some("1.2"), "1"),
        ];
        for (api, version, want) in cases {
            assert_eq!(
                clerk_js_major_version_or_tag(api, version),
                want,
                "{api} {version:?}"
            );
        }
    }

    #[test]
    fn script_urls() {
        let cases = [
            (
                "foo.com",
                None,
                None,
                "https://foo.com/npm/@clerk/clerk-js@4/dist/clerk.browser.js",
            ),
            (
                "https://foo.com",
                Some(""),
                None,
                "https://foo.com/npm/@clerk/clerk-js@latest/dist/clerk.browser.js",
            ),
            (
                "x.lclstage.dev",
                Some(""),
                None,
                "https://x.lclstage.dev/npm/@clerk/clerk-js@canary/dist/clerk.browser.js",
            ),
            (
                "x.lclstage.dev",
                None,
                None,
                "https://x.lclstage.dev/npm/@clerk/clerk-js@4/dist/clerk.browser.js",
            ),
            (
                "foo.com/http://bar",
                None,
                None,
                "https://foo.com/bar/npm/@clerk/clerk-js@4/dist/clerk.browser.js",
            ),
            (
                "httpss://foo",
                None,
                None,
                "https://httpss://foo/npm/@clerk/clerk-js@4/dist/clerk.browser.js",
            ),
            (
                "foo",
                Some("3.0"),
                Some("5.0.0-beta"),
                "https://foo/npm/@clerk/clerk-js@5.0.0-beta/dist/clerk.browser.js",
            ),
            (
                "foo",
                Some("3.0"),
                Some(""),
                "https://foo/npm/@clerk/clerk-js@3/dist/clerk.browser.js",
            ),
            (
                "HTTPS://foo",
                None,
                None,
                "https://HTTPS://foo/npm/@clerk/clerk-js@4/dist/clerk.browser.js",
            ),
            (
                "a.com/https://b/http://c",
                None,
                None,
                "https://a.com/b/http://c/npm/@clerk/clerk-js@4/dist/clerk.browser.js",
            ),
            (
                "",
                None,
                None,
                "https:///npm/@clerk/clerk-js@4/dist/clerk.browser.js",
            ),
            (
                "/__clerk",
                None,
                None,
                "https:///__clerk/npm/@clerk/clerk-js@4/dist/clerk.browser.js",
            ),
        ];
        for (api, pkg, clerk_js, want) in cases {
            assert_eq!(
                script_url(api, pkg, clerk_js),
                want,
                "{api} {pkg:?} {clerk_js:?}"
            );
        }
    }
}
