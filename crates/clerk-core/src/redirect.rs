//! The URL rules of `redirect({ ... })` in `@clerk/backend` 0.38.15 (`src/redirections.ts`):
//! `buildAccountsBaseUrl`, `buildUrl`, and the targets `redirectToSignIn`/`redirectToSignUp`
//! hand to the redirect adapter. Calling the adapter stays in JS.

use url::Url;

use crate::error::Error;
use crate::instance::try_parse_publishable_key;

/// `buildUrl` with a target not starting with `http` and a return-back URL that is missing,
/// empty or not starting with `http`: the reference throws this `Error`.
pub fn not_absolute() -> Error {
    Error::plain("destination url or return back url should be an absolute path url!")
}

/// Neither a sign-in (sign-up) URL nor an accounts base URL:
/// `errorThrower.throwMissingPublishableKeyError()`, an `Error`.
pub fn missing_publishable_key() -> Error {
    Error::plain("@clerk/backend: Missing publishableKey. You can get your key at https://dashboard.clerk.com/last-active?path=api-keys.")
}

/// `buildAccountsBaseUrl(frontendApi)`: `""` for an empty frontend API; else the first
/// `clerk.accountsstage.` becomes `accountsstage.`, then the leftmost `clerk.` (taking a following
/// `accounts.` with it) becomes `accounts.`, and `https://` is put in front. Nothing is anchored
/// or case-folded: `CLERK.example.com` stays, `https://clerk.x` gets a second scheme.
pub fn accounts_base_url(frontend_api: &str) -> String {
    if frontend_api.is_empty() {
        return String::new();
    }
    let host = frontend_api.replacen("clerk.accountsstage.", "accountsstage.", 1);
    let host = match host.find("clerk.") {
        Some(i) => {
            let matched = if host[i..].starts_with("clerk.accounts.") {
                "clerk.accounts.".len()
            } else {
                "clerk.".len()
            };
            format!("{}accounts.{}", &host[..i], &host[i + matched..])
        }
        None => host,
    };
    format!("https://{host}")
}

/// The frontend API `redirect({ frontendApi, publishableKey })` works with: `frontendApi` when
/// given (non-empty), else `parsePublishableKey(publishableKey)?.frontendApi`, with `""` for
/// "none". `Err` is the `atob` throw of a key whose third `_` segment is not base64, which the
/// reference raises from `redirect(...)` itself (only when `frontendApi` is not given).
pub fn redirect_frontend_api(
    frontend_api: Option<&str>,
    publishable_key: Option<&str>,
) -> Result<String, Error> {
    match frontend_api.filter(|f| !f.is_empty()) {
        Some(f) => Ok(f.to_string()),
        None => Ok(try_parse_publishable_key(publishable_key)?
            .map(|p| p.frontend_api)
            .unwrap_or_default()),
    }
}

fn parse(input: &str) -> Result<Url, Error> {
    Url::parse(input).map_err(|_| Error::invalid_url())
}

/// `url.searchParams.set(name, value)`: the first pair named `name` gets the value, later ones
/// go, or the pair is appended; the whole query is then re-serialized as
/// `application/x-www-form-urlencoded` (so existing pairs are normalized: `%20` becomes `+`,
/// `~` becomes `%7E`, a bare `z` becomes `z=`).
fn set_search_param(url: &mut Url, name: &str, value: &str) {
    let mut pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    match pairs.iter().position(|(k, _)| k == name) {
        Some(first) => {
            pairs[first].1 = value.to_string();
            let mut index = 0;
            pairs.retain(|(k, _)| {
                let keep = index <= first || k != name;
                index += 1;
                keep
            });
        }
        None => pairs.push((name.to_string(), value.to_string())),
    }
    url.query_pairs_mut().clear().extend_pairs(pairs);
}

/// `buildUrl(targetUrl, redirectUrl)`:
/// - a target not starting with `http` needs a `redirect_url` starting with `http`
///   ([`not_absolute`] otherwise) and is resolved against that URL's *origin*
///   (so `//evil.com/x` leaves the app's host, and a base whose origin is opaque, `"null"`,
///   fails with [`Error::invalid_url`]); note the test is case-sensitive, so an
///   `HTTPS://...` target takes this path too;
/// - any other target is parsed on its own;
/// - a non-empty `redirect_url` is then set as the `redirect_url` search param;
/// - the result is the WHATWG serialization (`url.toString()`).
pub fn build_url(target: &str, redirect_url: Option<&str>) -> Result<String, Error> {
    let redirect_url = redirect_url.filter(|r| !r.is_empty());
    let mut url = if !target.starts_with("http") {
        let base = match redirect_url {
            Some(r) if r.starts_with("http") => parse(r)?,
            _ => return Err(not_absolute()),
        };
        let origin = parse(&base.origin().ascii_serialization())?;
        origin.join(target).map_err(|_| Error::invalid_url())?
    } else {
        parse(target)?
    };
    if let Some(r) = redirect_url {
        set_search_param(&mut url, "redirect_url", r);
    }
    Ok(url.to_string())
}

/// What `redirectToSignIn({ returnBackUrl })` passes to the adapter: `buildUrl(signInUrl ||
/// accountsBaseUrl + "/sign-in", returnBackUrl)`, or [`missing_publishable_key`]
/// when both `sign_in_url` and `accounts_base_url` (see [`accounts_base_url`]) are empty.
pub fn sign_in_url(
    sign_in_url: Option<&str>,
    accounts_base_url: &str,
    return_back_url: Option<&str>,
) -> Result<String, Error> {
    accounts_target(sign_in_url, accounts_base_url, "/sign-in", return_back_url)
}

/// What `redirectToSignUp({ returnBackUrl })` passes to the adapter: as [`sign_in_url`] with
/// `signUpUrl` and `/sign-up`.
pub fn sign_up_url(
    sign_up_url: Option<&str>,
    accounts_base_url: &str,
    return_back_url: Option<&str>,
) -> Result<String, Error> {
    accounts_target(sign_up_url, accounts_base_url, "/sign-up", return_back_url)
}

fn accounts_target(
    own_url: Option<&str>,
    accounts_base_url: &str,
    suffix: &str,
    return_back_url: Option<&str>,
) -> Result<String, Error> {
    match own_url.filter(|u| !u.is_empty()) {
        Some(u) => build_url(u, return_back_url),
        None if accounts_base_url.is_empty() => Err(missing_publishable_key()),
        None => build_url(&format!("{accounts_base_url}{suffix}"), return_back_url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every expected value below was printed by Node 20 running the reference bundle's own
    // (private) buildAccountsBaseUrl/buildUrl and redirect(...) with an identity adapter.

    #[test]
    fn accounts_base_urls() {
        let cases = [
            ("", ""),
            ("clerk.example.com", "https://accounts.example.com"),
            (
                "foo-bar-13.clerk.accounts.dev",
                "https://foo-bar-13.accounts.dev",
            ),
            (
                "foo.clerk.accountsstage.dev",
                "https://foo.accountsstage.dev",
            ),
            ("clerk.accountsstage.dev", "https://accountsstage.dev"),
            ("clerk.accounts.example.com", "https://accounts.example.com"),
            ("x.clerk.y.clerk.z", "https://x.accounts.y.clerk.z"),
            ("example.com", "https://example.com"),
            (
                "clerk.clerk.accountsstage.x",
                "https://accounts.accountsstage.x",
            ),
            ("CLERK.example.com", "https://CLERK.example.com"),
            (
                "https://clerk.example.com",
                "https://https://accounts.example.com",
            ),
            (
                "a.clerk.accountsstage.clerk.accounts.b",
                "https://a.accountsstage.accounts.b",
            ),
        ];
        for (api, want) in cases {
            assert_eq!(accounts_base_url(api), want, "{api}");
        }
    }

    #[test]
    fn build_urls() {
        let (not_abs, bad_url) = (Err(not_absolute()), Err(Error::invalid_url()));
        let cases: &[(&str, Option<&str>, Result<&str, Error>)] = &[
            ("https://accounts.example.com/sign-in", None, Ok("https://accounts.example.com/sign-in")),
            ("https://accounts.example.com/sign-in", Some(""), Ok("https://accounts.example.com/sign-in")),
            (
                "https://accounts.example.com/sign-in",
                Some("https://app.example.com/dash?x=1#h"),
                Ok("https://accounts.example.com/sign-in?redirect_url=https%3A%2F%2Fapp.example.com%2Fdash%3Fx%3D1%23h"),
            ),
            (
                "/sign-in",
                Some("https://app.example.com:8443/dash?x=1"),
                Ok("https://app.example.com:8443/sign-in?redirect_url=https%3A%2F%2Fapp.example.com%3A8443%2Fdash%3Fx%3D1"),
            ),
            (
                "/sign-in",
                Some("http://app.example.com:80/"),
                Ok("http://app.example.com/sign-in?redirect_url=http%3A%2F%2Fapp.example.com%3A80%2F"),
            ),
            ("/sign-in", None, not_abs.clone()),
            ("/sign-in", Some(""), not_abs.clone()),
            ("/sign-in", Some("/relative"), not_abs.clone()),
            (
                "sign-in",
                Some("https://app.example.com/a/b"),
                Ok("https://app.example.com/sign-in?redirect_url=https%3A%2F%2Fapp.example.com%2Fa%2Fb"),
            ),
            (
                "//evil.com/x",
                Some("https://app.example.com/"),
                Ok("https://evil.com/x?redirect_url=https%3A%2F%2Fapp.example.com%2F"),
            ),
            (
                "/sign-in?a=b%20c&redirect_url=old&z&redirect_url=old2#frag",
                Some("https://app.example.com/"),
                Ok("https://app.example.com/sign-in?a=b+c&redirect_url=https%3A%2F%2Fapp.example.com%2F&z=#frag"),
            ),
            (
                "https://x.com/s?q=a+b&e=%E2%82%AC&raw=~!*'()",
                Some("https://r.com/?a=1&b=\u{e9} ~"),
                Ok("https://x.com/s?q=a+b&e=%E2%82%AC&raw=%7E%21*%27%28%29&redirect_url=https%3A%2F%2Fr.com%2F%3Fa%3D1%26b%3D%C3%A9+%7E"),
            ),
            ("https://x.com/s?q=1", None, Ok("https://x.com/s?q=1")),
            ("HTTPS://X.COM:443/a/../b", Some("https://r.com"), Ok("https://x.com/b?redirect_url=https%3A%2F%2Fr.com")),
            ("httpfoo", None, bad_url.clone()),
            ("http://", Some("https://r.com"), bad_url.clone()),
            ("/x", Some("httpx://foo/bar"), bad_url.clone()),
            ("/x", Some("http:foo.com/bar"), Ok("http://foo.com/x?redirect_url=http%3Afoo.com%2Fbar")),
            ("/x", Some("httpfoo"), bad_url.clone()),
            (
                "/x",
                Some("https://m\u{fc}nchen.de/p"),
                Ok("https://xn--mnchen-3ya.de/x?redirect_url=https%3A%2F%2Fm%C3%BCnchen.de%2Fp"),
            ),
            (
                "https://a.com/p?%zz=1&x=%FF",
                Some("https://r.com/#x"),
                Ok("https://a.com/p?%25zz=1&x=%EF%BF%BD&redirect_url=https%3A%2F%2Fr.com%2F%23x"),
            ),
            ("https://a.com/p?", Some("https://r.com"), Ok("https://a.com/p?redirect_url=https%3A%2F%2Fr.com")),
            ("https://a.com/p?", None, Ok("https://a.com/p?")),
            (
                "http://a.com/ sp ace",
                Some("https://r.com/?q=\"<'>"),
                Ok("http://a.com/%20sp%20ace?redirect_url=https%3A%2F%2Fr.com%2F%3Fq%3D%22%3C%27%3E"),
            ),
            ("https://[::1]:3000/x", Some("https://r.com"), Ok("https://[::1]:3000/x?redirect_url=https%3A%2F%2Fr.com")),
        ];
        for (target, back, want) in cases {
            let got = build_url(target, *back);
            assert_eq!(
                got.as_deref().map_err(Clone::clone),
                want.clone(),
                "{target} {back:?}"
            );
        }
    }

    #[test]
    fn redirect_targets() {
        let missing = Err(missing_publishable_key());
        let live = "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k";
        let test = "pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk";

        let base = accounts_base_url(&redirect_frontend_api(None, Some(live)).unwrap());
        let back = Some("https://app.example.com/x");
        assert_eq!(
            sign_in_url(None, &base, back).as_deref(),
            Ok("https://accounts.example.com/sign-in?redirect_url=https%3A%2F%2Fapp.example.com%2Fx")
        );
        assert_eq!(
            sign_up_url(None, &base, back).as_deref(),
            Ok("https://accounts.example.com/sign-up?redirect_url=https%3A%2F%2Fapp.example.com%2Fx")
        );

        let base = accounts_base_url(&redirect_frontend_api(None, Some(test)).unwrap());
        assert_eq!(
            sign_in_url(None, &base, None).as_deref(),
            Ok("https://foo-bar-13.accounts.dev/sign-in")
        );
        assert_eq!(
            sign_up_url(None, &base, None).as_deref(),
            Ok("https://foo-bar-13.accounts.dev/sign-up")
        );

        // frontendApi given: the key is never decoded, garbage or not
        let api = redirect_frontend_api(Some("clerk.example.com"), Some("pk_test_!!")).unwrap();
        assert_eq!(
            sign_in_url(None, &accounts_base_url(&api), None).as_deref(),
            Ok("https://accounts.example.com/sign-in")
        );
        assert_eq!(
            redirect_frontend_api(None, Some("pk_test_!!"))
                .unwrap_err()
                .message(),
            "Invalid character"
        );

        // nothing at all, or a key whose frontend API decodes empty
        assert_eq!(redirect_frontend_api(None, None).unwrap(), "");
        assert_eq!(
            redirect_frontend_api(None, Some("pk_test_JA==")).unwrap(),
            ""
        );
        assert_eq!(sign_in_url(None, "", None), missing);
        assert_eq!(sign_up_url(Some(""), "", None), missing);
        assert_eq!(
            missing_publishable_key().message(),
            "@clerk/backend: Missing publishableKey. You can get your key at https://dashboard.clerk.com/last-active?path=api-keys."
        );

        // own URLs, relative: need an absolute returnBackUrl
        assert_eq!(
            sign_in_url(Some("/login"), "", back).as_deref(),
            Ok("https://app.example.com/login?redirect_url=https%3A%2F%2Fapp.example.com%2Fx")
        );
        assert_eq!(
            sign_up_url(Some("/register"), "", back).as_deref(),
            Ok("https://app.example.com/register?redirect_url=https%3A%2F%2Fapp.example.com%2Fx")
        );
        assert_eq!(sign_in_url(Some("/login"), "", None), Err(not_absolute()));
        assert_eq!(
            sign_in_url(Some("https://a.com/login"), "", None).as_deref(),
            Ok("https://a.com/login")
        );
        // signInUrl does not stand in for a missing signUpUrl
        assert_eq!(sign_up_url(None, "", None), missing);
    }

    #[test]
    fn error_classes() {
        assert_eq!(Error::invalid_url().js_name(), "TypeError");
        assert_eq!(not_absolute().js_name(), "Error");
        assert_eq!(
            not_absolute().to_string(),
            "Error: destination url or return back url should be an absolute path url!"
        );
    }
}
