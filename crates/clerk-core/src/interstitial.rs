//! The interstitial page of `@clerk/backend` 0.38.15 (`src/tokens/interstitial.ts`): the HTML
//! `loadInterstitialFromLocal` renders and the URL `buildPublicInterstitialUrl` builds.
//!
//! The reference pastes every option into the page as is, inside single-quoted JS strings and
//! without any escaping (only `debugData` goes through `JSON.stringify`, which does not escape
//! `<`/`>` either). A value containing `'` ends the JS string, and one containing `</script>`
//! ends the script element: whoever controls an option controls the page. This module
//! reproduces that byte for byte; callers must only pass trusted configuration.
//! The deprecation warnings the reference logs for `frontendApi`/`pkgVersion` are the caller's.

use url::Url;

use crate::error::Error;
use crate::http::join_paths;
use crate::instance::{
    add_clerk_prefix, clerk_js_major_version_or_tag, frontend_api_from, is_dev_or_staging_url,
    script_url,
};

/// The API version `buildPublicInterstitialUrl` always uses (`API_VERSION`), whatever the
/// caller's `apiVersion`.
const API_VERSION: &str = "v1";

/// The options both functions read. `None` stands for `undefined`; every string option is
/// tested for truthiness as the reference does, so `Some("")` behaves as absent except where
/// noted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InterstitialOptions {
    /// `frontendApi` (deprecated); used only when `publishable_key` does not parse to a
    /// non-empty frontend API.
    pub frontend_api: Option<String>,
    /// `publishableKey`; its decoded frontend API wins over `frontend_api`.
    pub publishable_key: Option<String>,
    /// `proxyUrl`.
    pub proxy_url: Option<String>,
    /// `domain` (satellite domain).
    pub domain: Option<String>,
    /// `signInUrl`.
    pub sign_in_url: Option<String>,
    /// `clerkJSUrl`: the script URL verbatim, instead of the computed one (local page only).
    pub clerk_js_url: Option<String>,
    /// `clerkJSVersion`: the version in the script URL / `clerk_js_version` param.
    pub clerk_js_version: Option<String>,
    /// `pkgVersion` (deprecated). `None` is `undefined`: the local page's script URL then
    /// defaults to `4.73.9` (major `4`) while the public URL gets `latest`/`canary`. `Some("")`
    /// stands for any other falsy value (`""`, `null`): no default, `latest`/`canary` in both.
    pub pkg_version: Option<String>,
    /// `isSatellite` (`undefined` is `false`).
    pub is_satellite: bool,
    /// `JSON.stringify(debugData || {})`, computed by the caller; `None` renders `{}`.
    pub debug_data_json: Option<String>,
    /// `apiUrl` (public URL only). `None` is `new URL(undefined)`, which fails.
    pub api_url: Option<String>,
}

/// The option's value if it is truthy (present and non-empty).
fn truthy(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

/// The page, with `§` where a value goes. The text between markers is the reference's template
/// output, whitespace included (lines left empty by an absent option keep their indentation).
const PAGE: &str = r##"
    <head>
        <meta charset="UTF-8" />
        <style>
          @media (prefers-color-scheme: dark) {
            body {
              background-color: black;
            }
          }
        </style>
    </head>
    <body>
        <script>
            window.__clerk_frontend_api = '§';
            window.__clerk_debug = §;
            §
            §
            window.startClerk = async () => {
                function formRedirect(){
                    const form = '<form method="get" action="" name="redirect"></form>';
                    document.body.innerHTML = document.body.innerHTML + form;

                    const searchParams = new URLSearchParams(window.location.search);
                    for (let paramTuple of searchParams) {
                        const input = document.createElement("input");
                        input.type = "hidden";
                        input.name = paramTuple[0];
                        input.value = paramTuple[1];
                        document.forms.redirect.appendChild(input);
                    }
                    const url = new URL(window.location.origin + window.location.pathname + window.location.hash);
                    window.history.pushState({}, '', url);

                    document.forms.redirect.action = window.location.pathname + window.location.hash;
                    document.forms.redirect.submit();
                }

                const Clerk = window.Clerk;
                try {
                    await Clerk.load({
                        isSatellite: §,
                        isInterstitial: true,
                        signInUrl: §
                    });
                    if(Clerk.loaded){
                      if(window.location.href.indexOf("#") === -1){
                        window.location.href = window.location.href;
                      } else if (window.navigator.userAgent.toLowerCase().includes("firefox/")){
                          formRedirect();
                      } else {
                          window.location.reload();
                      }
                    }
                } catch (err) {
                    console.error('Clerk: ', err);
                }
            };
            (() => {
                const script = document.createElement('script');
                §

                §
                §;
                script.async = true;
                script.src = '§';
                script.crossOrigin = 'anonymous';
                script.addEventListener('load', startClerk);
                document.body.appendChild(script);
            })();
        </script>
    </body>
"##;

/// `loadInterstitialFromLocal(options)`, byte for byte:
/// - the frontend API is `parsePublishableKey(publishableKey)?.frontendApi || frontendApi || ""`;
/// - `domainOnlyInProd` is `addClerkPrefix(domain)` unless that frontend API is a dev/staging
///   host (an empty one counts as production), else `""`;
/// - the optional lines (`__clerk_proxy_url`, `__clerk_domain`, `data-clerk-domain`,
///   `data-clerk-proxy-url`) become empty strings when their option is falsy; the
///   `data-clerk-proxy-url` statement has no `;` of its own, the template's `;` follows it (and
///   stands alone when there is no proxy URL); the `__clerk_*` lines have none at all;
/// - `signInUrl` is `'value'` or the bare word `undefined` (`void 0`), `isSatellite` is
///   `true`/`false`, `isInterstitial` is always `true`;
/// - `data-clerk-publishable-key` when the key is truthy (even if it did not parse), else
///   `data-clerk-frontend-api` with the derived frontend API;
/// - the script URL is `clerkJSUrl` verbatim, else `getScriptUrl(proxyUrl || domainOnlyInProd ||
///   frontendApi, { pkgVersion, clerkJSVersion })` (see [`script_url`]).
///
/// No value is escaped (see the module docs). `Err` is the `atob` throw of a publishable key
/// whose third `_` segment is not base64.
pub fn local_interstitial(o: &InterstitialOptions) -> Result<String, Error> {
    let frontend_api = frontend_api_from(o.publishable_key.as_deref(), o.frontend_api.as_deref())?;
    let domain_only_in_prod = if is_dev_or_staging_url(&frontend_api) {
        String::new()
    } else {
        add_clerk_prefix(o.domain.as_deref().unwrap_or(""))
    };
    let proxy_url = truthy(&o.proxy_url);
    let domain = truthy(&o.domain);

    let debug = o
        .debug_data_json
        .clone()
        .unwrap_or_else(|| "{}".to_string());
    let proxy_global = proxy_url
        .map(|p| format!("window.__clerk_proxy_url = '{p}'"))
        .unwrap_or_default();
    let domain_global = domain
        .map(|d| format!("window.__clerk_domain = '{d}'"))
        .unwrap_or_default();
    let sign_in = truthy(&o.sign_in_url)
        .map(|s| format!("'{s}'"))
        .unwrap_or_else(|| "undefined".to_string());
    let key_attribute = match truthy(&o.publishable_key) {
        Some(key) => format!("script.setAttribute('data-clerk-publishable-key', '{key}');"),
        None => format!("script.setAttribute('data-clerk-frontend-api', '{frontend_api}');"),
    };
    let domain_attribute = domain
        .map(|d| format!("script.setAttribute('data-clerk-domain', '{d}');"))
        .unwrap_or_default();
    let proxy_attribute = proxy_url
        .map(|p| format!("script.setAttribute('data-clerk-proxy-url', '{p}')"))
        .unwrap_or_default();
    let src = match truthy(&o.clerk_js_url) {
        Some(url) => url.to_string(),
        None => {
            let host = [
                proxy_url.unwrap_or(""),
                domain_only_in_prod.as_str(),
                frontend_api.as_str(),
            ]
            .into_iter()
            .find(|h| !h.is_empty())
            .unwrap_or("");
            script_url(
                host,
                o.pkg_version.as_deref(),
                o.clerk_js_version.as_deref(),
            )
        }
    };

    let values: [&str; 11] = [
        &frontend_api,
        &debug,
        &proxy_global,
        &domain_global,
        if o.is_satellite { "true" } else { "false" },
        &sign_in,
        &key_attribute,
        &domain_attribute,
        &proxy_attribute,
        &src,
        "",
    ];
    let mut html =
        String::with_capacity(PAGE.len() + values.iter().map(|v| v.len()).sum::<usize>());
    for (text, value) in PAGE.split('§').zip(values) {
        html.push_str(text);
        html.push_str(value);
    }
    Ok(html)
}

/// `buildPublicInterstitialUrl(options)` (also the URL `loadInterstitialFromBAPI` fetches):
/// `new URL(apiUrl)` with its pathname set to `joinPaths(pathname, "v1", "/public/interstitial")`
/// (skipped, as the WHATWG setter does, for an opaque path such as `mailto:x`), then these
/// search params appended in this order, the whole query (including any the API URL already had)
/// re-serialized as `application/x-www-form-urlencoded`:
/// `clerk_js_version` (`clerkJSVersion || getClerkJsMajorVersionOrTag(frontendApi, pkgVersion)`,
/// with no `4.73.9` default here), `publishable_key` if truthy else `frontend_api` (possibly
/// empty), `proxy_url` if truthy, `is_satellite=true` if set, `sign_in_url` (always, maybe empty),
/// `use_domain_for_script=true` unless the frontend API is a dev/staging host, `domain` if truthy.
/// Returns `url.href`; throws the publishable key's `atob` DOMException (checked first), or
/// the `TypeError` of `new URL(apiUrl)`.
pub fn public_interstitial_url(o: &InterstitialOptions) -> Result<String, Error> {
    let frontend_api = frontend_api_from(o.publishable_key.as_deref(), o.frontend_api.as_deref())?;
    let mut url = Url::parse(o.api_url.as_deref().unwrap_or("undefined"))
        .map_err(|_| Error::invalid_url())?;
    if !url.cannot_be_a_base() {
        let path = join_paths(&[url.path(), API_VERSION, "/public/interstitial"]);
        url.set_path(&path);
    }

    let mut pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let mut append = |name: &str, value: &str| pairs.push((name.to_string(), value.to_string()));
    let version = match truthy(&o.clerk_js_version) {
        Some(v) => v.to_string(),
        None => clerk_js_major_version_or_tag(&frontend_api, o.pkg_version.as_deref()),
    };
    append("clerk_js_version", &version);
    match truthy(&o.publishable_key) {
        Some(key) => append("publishable_key", key),
        None => append("frontend_api", &frontend_api),
    }
    if let Some(proxy) = truthy(&o.proxy_url) {
        append("proxy_url", proxy);
    }
    if o.is_satellite {
        append("is_satellite", "true");
    }
    append("sign_in_url", truthy(&o.sign_in_url).unwrap_or(""));
    if !is_dev_or_staging_url(&frontend_api) {
        append("use_domain_for_script", "true");
    }
    if let Some(domain) = truthy(&o.domain) {
        append("domain", domain);
    }
    url.query_pairs_mut().clear().extend_pairs(pairs);
    Ok(url.to_string())
}

/// `loadInterstitialFromBAPI`'s request: GET the public interstitial with the
/// `Clerk-Backend-SDK` header, retried as the reference retries a fetch that throws (5
/// attempts, waits of 200 to 1600 ms), each attempt and the whole bounded; a non-2xx answer
/// is `interstitial-remote-failed-to-load`.
pub async fn fetch_public_interstitial(
    url: &str,
    sdk: &str,
    deadline: std::time::Duration,
) -> Result<String, Error> {
    use crate::error::{Action, Reason};
    use crate::http::{self, HttpError, Payload};
    use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

    static CLIENT: http::SharedClient = http::SharedClient::new();
    let failed = |m: String| {
        Error::token_with_action(
            Reason::RemoteInterstitialFailedToLoad,
            Action::ContactSupport,
            m,
        )
    };
    let client = CLIENT
        .get()
        .map_err(|e| failed(format!("Error loading Clerk Interstitial from {url}: {e}")))?;
    let start = std::time::Instant::now();
    let mut wait = std::time::Duration::from_millis(200);
    let mut attempt = 1;
    loop {
        let mut headers = HeaderMap::new();
        if let Ok(v) = HeaderValue::from_str(sdk) {
            headers.insert(HeaderName::from_static("clerk-backend-sdk"), v);
        }
        let remaining = deadline.saturating_sub(start.elapsed());
        let timeout = remaining.min(std::time::Duration::from_secs(3));
        let error = match http::send(
            client,
            reqwest::Method::GET,
            url,
            headers,
            Payload::None,
            timeout,
        )
        .await
        {
            Ok(r) if r.status.is_success() => {
                return Ok(String::from_utf8_lossy(&r.body).into_owned())
            }
            Ok(r) => {
                return Err(failed(format!(
                    "Error loading Clerk Interstitial from {url} with code={}",
                    r.status.as_u16()
                )))
            }
            Err(HttpError::TooLarge) => {
                return Err(failed(format!(
                    "Error loading Clerk Interstitial from {url}: {}",
                    HttpError::TooLarge
                )))
            }
            Err(e) => failed(format!("Error loading Clerk Interstitial from {url}: {e}")),
        };
        if attempt >= 5 || deadline.saturating_sub(start.elapsed()) <= wait {
            return Err(error);
        }
        tokio::time::sleep(wait).await;
        wait *= 2;
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    // tests/fixtures/interstitial/cases.json is written by tests/fixtures/interstitial/generate.js,
    // which runs the reference bundle's own loadInterstitialFromLocal and
    // buildPublicInterstitialUrl under Node 20 for each option set (an absent key is `undefined`,
    // `debugDataJson` is `JSON.stringify(debugData || {})`).
    const CASES: &str = include_str!("../tests/fixtures/interstitial/cases.json");

    fn options(json: &Value) -> InterstitialOptions {
        let text = |name: &str| json.get(name).and_then(Value::as_str).map(str::to_string);
        InterstitialOptions {
            frontend_api: text("frontendApi"),
            publishable_key: text("publishableKey"),
            proxy_url: text("proxyUrl"),
            domain: text("domain"),
            sign_in_url: text("signInUrl"),
            clerk_js_url: text("clerkJSUrl"),
            clerk_js_version: text("clerkJSVersion"),
            // `null` is falsy without being `undefined`: no 4.73.9 default
            pkg_version: match json.get("pkgVersion") {
                Some(Value::Null) => Some(String::new()),
                _ => text("pkgVersion"),
            },
            is_satellite: json
                .get("isSatellite")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            debug_data_json: text("debugDataJson"),
            api_url: text("apiUrl"),
        }
    }

    fn cases() -> Vec<Value> {
        serde_json::from_str::<Value>(CASES)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// The first line where two pages differ, for a readable failure.
    fn first_difference(got: &str, want: &str) -> String {
        let (g, w): (Vec<_>, Vec<_>) = (got.split('\n').collect(), want.split('\n').collect());
        for i in 0..g.len().max(w.len()) {
            if g.get(i) != w.get(i) {
                return format!("line {}: got {:?}, want {:?}", i + 1, g.get(i), w.get(i));
            }
        }
        String::new()
    }

    #[test]
    fn local_pages_match_the_reference_byte_for_byte() {
        let cases = cases();
        let mut pages = 0;
        for case in &cases {
            let name = case["name"].as_str().unwrap();
            let got = local_interstitial(&options(&case["options"]));
            match (&case["html"]["ok"], &case["html"]["err"]) {
                (Value::String(want), _) => {
                    let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
                    assert!(got == *want, "{name}: {}", first_difference(&got, want));
                    pages += 1;
                }
                (_, err) => {
                    let e = got.expect_err(name);
                    assert_eq!(
                        serde_json::json!([e.js_name(), e.message()]),
                        *err,
                        "{name}"
                    );
                }
            }
        }
        assert!(pages >= 8, "only {pages} pages compared");
    }

    #[test]
    fn public_urls_match_the_reference() {
        for case in cases() {
            let name = case["name"].as_str().unwrap();
            let got = public_interstitial_url(&options(&case["options"]));
            match (&case["url"]["ok"], &case["url"]["err"]) {
                (Value::String(want), _) => assert_eq!(got.as_ref(), Ok(want), "{name}"),
                (_, err) => {
                    let e = got.expect_err(name);
                    assert_eq!(
                        serde_json::json!([e.js_name(), e.message()]),
                        *err,
                        "{name}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_fixture_covers_the_tricky_options() {
        let names: Vec<String> = cases()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect();
        for wanted in [
            "dev_key",
            "prod_satellite",
            "prod_proxy_and_domain",
            "garbage_key",
            "debug_data_with_quotes",
            "clerk_js_url",
        ] {
            assert!(names.iter().any(|n| n == wanted), "{wanted}");
        }
    }

    #[test]
    fn values_are_pasted_unescaped() {
        let o = InterstitialOptions {
            publishable_key: Some("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k".into()),
            sign_in_url: Some("'</script>".into()),
            debug_data_json: Some(r#"{"a":"</script>"}"#.into()),
            ..Default::default()
        };
        let page = local_interstitial(&o).unwrap();
        assert!(page.contains("signInUrl: ''</script>'\n"));
        assert!(page.contains(r#"window.__clerk_debug = {"a":"</script>"};"#));
    }

    #[test]
    fn a_missing_option_leaves_its_indentation_and_the_lone_semicolon() {
        let page = local_interstitial(&InterstitialOptions::default()).unwrap();
        assert!(page.starts_with("\n    <head>\n"));
        assert!(page.ends_with("    </body>\n"));
        assert!(page.contains(
            "window.__clerk_debug = {};\n            \n            \n            window.startClerk"
        ));
        assert!(page.contains("signInUrl: undefined\n"));
        assert!(page.contains("isSatellite: false,\n"));
        assert!(page.contains(
            "\n                \n                ;\n                script.async = true;"
        ));
        assert!(
            page.contains("script.src = 'https:///npm/@clerk/clerk-js@4/dist/clerk.browser.js';")
        );
    }

    #[test]
    fn the_api_version_is_always_v1_and_errors_are_ordered() {
        let mut o = InterstitialOptions {
            api_url: Some("https://api.clerk.com/v2/".into()),
            ..Default::default()
        };
        assert_eq!(
            public_interstitial_url(&o).unwrap(),
            "https://api.clerk.com/v2/v1/public/interstitial?clerk_js_version=latest&frontend_api=&sign_in_url=&use_domain_for_script=true"
        );
        o.api_url = None;
        assert_eq!(public_interstitial_url(&o), Err(Error::invalid_url()));
        o.publishable_key = Some("x_y_%".into());
        assert_eq!(
            public_interstitial_url(&o).unwrap_err().js_name(),
            "InvalidCharacterError"
        );
    }
}
