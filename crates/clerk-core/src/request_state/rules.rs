//! authenticateRequest's decision: the secret key and satellite checks, then the header path
//! or the ten cookie rules in the reference's order, and how verification errors map to
//! states. Verification itself is a closure, so the rules are tested without keys.

use super::inputs::{HeadersRead, RawInputs, Resolved};
use super::origin::is_cross_origin;
use crate::error::{Error, ErrorKind, Reason};
use crate::instance::{is_development_from_secret_key, is_production_from_secret_key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    SignedOut,
    Interstitial,
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::SignedOut => "signed-out",
            Status::Interstitial => "interstitial",
            Status::Unknown => "unknown",
        }
    }
}

/// Where the token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    Header,
    Cookie,
}

impl Carrier {
    pub fn as_str(self) -> &'static str {
        match self {
            Carrier::Header => "header",
            Carrier::Cookie => "cookie",
        }
    }
}

/// The issuer check verification must apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthIssuer {
    /// Satellite apps: no issuer check.
    Skip,
    /// With a proxy: `iss` must equal the proxy URL (and keys come from it).
    Exact(String),
    /// `iss.startsWith('https://clerk.') || iss.includes('.clerk.accounts')`.
    Clerk,
}

/// What a verification produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Verified {
        payload_text: String,
        iat: Option<f64>,
    },
    /// A TokenVerificationError becomes a state of its reason; any other error an
    /// `unexpected-error` state with its message.
    Failed(Error),
}

/// The request's state (signed-in or not), decided: a state, not an error (a failed
/// verification becomes one; only [`select`]'s `Err` is thrown).
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    State {
        status: Status,
        reason: String,
        message: String,
        json_text: Option<String>,
    },
    SignedIn {
        token: String,
        payload_text: String,
    },
}

/// What the rules ask for: a decision, a token to verify before deciding, or (given only the
/// Authorization and Cookie headers) every header value, to run them again.
#[derive(Debug, Clone, PartialEq)]
pub enum Selected {
    Decided(Decision),
    Verify(Verification),
    ReadAllHeaders,
}

/// The token the rules chose, where it came from, and what deciding needs after it is verified.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    pub token: String,
    pub carrier: Carrier,
    pub issuer: AuthIssuer,
    /// `clientUat`, which a verified cookie token is compared with.
    pub client_uat: Option<String>,
}

impl Verification {
    /// The decision once the token's verification is known.
    pub fn conclude(self, verdict: Verdict) -> Decision {
        match (verdict, self.carrier) {
            (Verdict::Verified { payload_text, .. }, Carrier::Header) => Decision::SignedIn {
                token: self.token,
                payload_text,
            },
            (Verdict::Verified { payload_text, iat }, Carrier::Cookie) => {
                let uat = self
                    .client_uat
                    .as_deref()
                    .map(parse_int)
                    .unwrap_or(f64::NAN);
                let outdated = iat.is_some_and(|iat| iat < uat);
                if !truthy(&self.client_uat) || outdated {
                    state(Status::Interstitial, "cookie-outdated")
                } else {
                    Decision::SignedIn {
                        token: self.token,
                        payload_text,
                    }
                }
            }
            (Verdict::Failed(e), carrier) => from_error(e, carrier),
        }
    }
}

fn state(status: Status, reason: &str) -> Decision {
    Decision::State {
        status,
        reason: reason.into(),
        message: String::new(),
        json_text: None,
    }
}

/// `Mozilla/...` or Amazon CloudFront.
pub fn is_browser(user_agent: Option<&str>) -> bool {
    let ua = user_agent.unwrap_or("");
    ua.starts_with("Mozilla/") || ua.contains("Amazon CloudFront")
}

/// JS `Number.parseInt(s)`: leading whitespace, sign, digits; NaN when there are none.
pub fn parse_int(s: &str) -> f64 {
    let t = s.trim_start();
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return f64::NAN;
    }
    sign * digits.parse::<f64>().unwrap_or(f64::NAN)
}

fn truthy(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.is_empty())
}

/// The errors the reference throws (rejecting the call) before any rule runs.
pub fn check_options(raw: &RawInputs, r: &Resolved) -> Result<(), Error> {
    if r.secret_key.is_empty() {
        return Err(Error::missing_secret_key());
    }
    if raw.is_satellite {
        if !truthy(&raw.sign_in_url) && is_development_from_secret_key(&r.secret_key) {
            return Err(Error::plain(
                "Missing signInUrl. Pass a signInUrl for dev instances if an app is satellite",
            ));
        }
        if let (Some(sign_in), true) = (
            raw.sign_in_url.as_deref().filter(|s| !s.is_empty()),
            truthy(&r.origin),
        ) {
            let url = url::Url::parse(sign_in)
                .map_err(|_| Error::plain("The signInUrl needs to have a absolute url format."))?;
            if Some(url.origin().ascii_serialization()) == r.origin.clone() {
                return Err(Error::plain("The signInUrl needs to be on a different origin than your satellite application."));
            }
        }
        if !truthy(&raw.proxy_url) && !truthy(&raw.domain) {
            return Err(Error::plain("Missing domain and proxyUrl. A satellite application needs to specify a domain or a proxyUrl"));
        }
    }
    Ok(())
}

/// The issuer check of `verifyRequestState`.
pub fn issuer_for(raw: &RawInputs) -> AuthIssuer {
    if raw.is_satellite {
        AuthIssuer::Skip
    } else if let Some(proxy) = raw.proxy_url.as_deref().filter(|p| !p.is_empty()) {
        AuthIssuer::Exact(proxy.to_string())
    } else {
        AuthIssuer::Clerk
    }
}

/// Runs the rules once: a decision, or the token they need verified (then
/// `Verification::conclude` decides). `Err` is an error the reference throws instead of
/// returning a state (a plain `Error`, or `atob`'s DOMException for a publishable key that is
/// not base64).
pub fn select(raw: &RawInputs, r: &Resolved) -> Result<Selected, Error> {
    // the reference parses the publishable key while merging the options, before any check
    if let Some(e) = &r.publishable_key_error {
        return Err(e.clone());
    }
    // a header token needs no other header value, except for a satellite's origin check; the
    // cookie rules compare an Origin or a Referer with the host headers
    let header_token = r.header_token.as_deref().filter(|t| !t.is_empty());
    let unread = match raw.request.as_ref().map(|h| h.read) {
        None | Some(HeadersRead::All) => false,
        Some(HeadersRead::Token) => raw.is_satellite || header_token.is_none(),
        Some(HeadersRead::WithoutHost) => {
            header_token.is_none() && (truthy(&r.origin) || truthy(&r.referrer))
        }
    };
    if unread {
        return Ok(Selected::ReadAllHeaders);
    }
    check_options(raw, r)?;
    let issuer = issuer_for(raw);
    if let Some(token) = header_token {
        let token = token.to_string();
        return Ok(Selected::Verify(Verification {
            token,
            carrier: Carrier::Header,
            issuer,
            client_uat: None,
        }));
    }
    Ok(match cookie_rules(raw, r) {
        Ok(Some(decision)) => Selected::Decided(decision),
        Err(e) => Selected::Decided(Decision::State {
            status: Status::SignedOut,
            reason: "unexpected-error".into(),
            message: e.message().into(),
            json_text: None,
        }),
        Ok(None) => Selected::Verify(Verification {
            token: r.cookie_token.clone().unwrap_or_default(),
            carrier: Carrier::Cookie,
            issuer,
            client_uat: r.client_uat.clone(),
        }),
    })
}

/// Rules 1 to 9; `Ok(None)` when none answers and the cookie must be verified. An `Err` is an
/// error thrown by a rule (an unparsable Origin or Referer).
fn cookie_rules(raw: &RawInputs, r: &Resolved) -> Result<Option<Decision>, Error> {
    let dev = is_development_from_secret_key(&r.secret_key);
    let prod = is_production_from_secret_key(&r.secret_key);
    let (host, fhost, fproto) = (
        r.host.as_deref(),
        r.forwarded_host.as_deref(),
        r.forwarded_proto.as_deref(),
    );
    let uat = r.client_uat.as_deref().filter(|s| !s.is_empty());
    let has_cookie = truthy(&r.cookie_token);

    if let Some(origin) = r.origin.as_deref().filter(|s| !s.is_empty()) {
        if is_cross_origin(origin, host, fhost, fproto)? {
            return Ok(Some(state(Status::SignedOut, "header-missing-cors")));
        }
    }
    if dev && !is_browser(r.user_agent.as_deref()) {
        return Ok(Some(state(Status::SignedOut, "header-missing-non-browser")));
    }
    let signed_out = uat.is_none() || uat == Some("0");
    if raw.is_satellite && signed_out && !is_browser(r.user_agent.as_deref()) {
        return Ok(Some(state(Status::SignedOut, "satellite-needs-syncing")));
    }
    if raw.is_satellite && signed_out && raw.synced_param.as_deref() != Some("true") {
        return Ok(Some(state(Status::Interstitial, "satellite-needs-syncing")));
    }
    if dev && !raw.is_satellite && truthy(&raw.satellite_url_param) {
        return Ok(Some(state(
            Status::Interstitial,
            "primary-responds-to-syncing",
        )));
    }
    if prod && uat.is_none() && !has_cookie {
        return Ok(Some(state(Status::SignedOut, "cookie-and-uat-missing")));
    }
    if dev && uat.is_none() {
        return Ok(Some(state(Status::Interstitial, "uat-missing")));
    }
    // the referrer is parsed before the instance type is looked at, as in the reference
    let cross_referrer = match r.referrer.as_deref().filter(|s| !s.is_empty()) {
        Some(referrer) => is_cross_origin(referrer, host, fhost, fproto)?,
        None => false,
    };
    if dev && cross_referrer {
        return Ok(Some(state(Status::Interstitial, "cross-origin-referrer")));
    }
    if uat.is_some_and(|u| parse_int(u) > 0.0) && !has_cookie {
        return Ok(Some(state(Status::Interstitial, "cookie-missing")));
    }
    if uat == Some("0") {
        return Ok(Some(state(Status::SignedOut, "standard-signed-out")));
    }
    Ok(None)
}

/// `handleError(err, tokenCarrier)`.
fn from_error(e: Error, carrier: Carrier) -> Decision {
    let Some(reason) = e.reason() else {
        let (kind, message) = e.into_parts();
        return Decision::State {
            status: Status::SignedOut,
            reason: "unexpected-error".into(),
            message: message.into_owned(),
            // JS re-parses the text for JSON.parse's own message
            json_text: match kind {
                ErrorKind::Json { text } => Some(text),
                _ => None,
            },
        };
    };
    let status = match (reason, carrier) {
        (Reason::TokenExpired | Reason::TokenNotActiveYet, Carrier::Header) => Status::Unknown,
        (Reason::TokenExpired | Reason::TokenNotActiveYet, Carrier::Cookie) => Status::Interstitial,
        _ => Status::SignedOut,
    };
    Decision::State {
        status,
        reason: reason.as_str().into(),
        message: e.full_message(Some(carrier.as_str())),
        json_text: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request_state::inputs::RequestHeaders;

    /// The rules with a verification at hand (synchronous): `select`, `verify`, `conclude`.
    fn authenticate(
        raw: &RawInputs,
        r: &Resolved,
        verify: &mut dyn FnMut(&str, &AuthIssuer) -> Verdict,
    ) -> Result<Decision, Error> {
        Ok(match select(raw, r)? {
            Selected::Decided(decision) => decision,
            Selected::ReadAllHeaders => panic!("the tests give every header"),
            Selected::Verify(v) => {
                let verdict = verify(&v.token, &v.issuer);
                v.conclude(verdict)
            }
        })
    }

    const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64)";

    fn inputs(secret: &str, cookie: &str, ua: &str) -> RawInputs {
        RawInputs {
            secret_key: Some(secret.into()),
            request: Some(RequestHeaders {
                host: Some("app.example.com".into()),
                forwarded_proto: Some("https".into()),
                user_agent: Some(ua.into()),
                cookie: Some(cookie.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn run(raw: &RawInputs, verdict: Verdict) -> (String, String) {
        let r = raw.resolve();
        let mut verify = |_: &str, _: &AuthIssuer| verdict.clone();
        match authenticate(raw, &r, &mut verify).unwrap() {
            Decision::State { status, reason, .. } => (status.as_str().into(), reason),
            Decision::SignedIn { .. } => ("signed-in".into(), String::new()),
        }
    }

    fn ok(iat: f64) -> Verdict {
        Verdict::Verified {
            payload_text: "{}".into(),
            iat: Some(iat),
        }
    }

    #[test]
    fn cookie_rules_in_order() {
        let dev = "sk_test_x";
        let prod = "sk_live_x";
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            run(&inputs(dev, "", "curl/8"), ok(1.0)),
            s("signed-out", "header-missing-non-browser")
        );
        assert_eq!(
            run(&inputs(prod, "", "curl/8"), ok(1.0)),
            s("signed-out", "cookie-and-uat-missing")
        );
        assert_eq!(
            run(&inputs(dev, "", BROWSER), ok(1.0)),
            s("interstitial", "uat-missing")
        );
        assert_eq!(
            run(&inputs(dev, "__client_uat=0", BROWSER), ok(1.0)),
            s("signed-out", "standard-signed-out")
        );
        assert_eq!(
            run(&inputs(dev, "__client_uat=100", BROWSER), ok(1.0)),
            s("interstitial", "cookie-missing")
        );
        assert_eq!(
            run(
                &inputs(dev, "__client_uat=100; __session=t", BROWSER),
                ok(100.0)
            ),
            s("signed-in", "")
        );
        assert_eq!(
            run(
                &inputs(dev, "__client_uat=100; __session=t", BROWSER),
                ok(99.0)
            ),
            s("interstitial", "cookie-outdated")
        );
        assert_eq!(
            run(&inputs(prod, "__session=t", "curl/8"), ok(99.0)),
            s("interstitial", "cookie-outdated")
        );
        let expired = Verdict::Failed(Error::token(Reason::TokenExpired, "JWT is expired."));
        assert_eq!(
            run(
                &inputs(dev, "__client_uat=1; __session=t", BROWSER),
                expired.clone()
            ),
            s("interstitial", "token-expired")
        );
        let mut header = inputs(dev, "", "curl/8");
        header.header_token = Some("t".into());
        assert_eq!(run(&header, expired), s("unknown", "token-expired"));
        let bad = Verdict::Failed(Error::token(
            Reason::TokenInvalidSignature,
            "JWT signature is invalid.",
        ));
        assert_eq!(
            run(&header, bad),
            s("signed-out", "token-invalid-signature")
        );
    }

    #[test]
    fn origins_referrers_and_satellites() {
        let mut cors = inputs("sk_live_x", "__client_uat=1; __session=t", BROWSER);
        cors.origin = Some("https://evil.example".into());
        assert_eq!(run(&cors, ok(1.0)).1, "header-missing-cors");
        cors.origin = Some("garbage".into());
        assert_eq!(
            run(&cors, ok(1.0)),
            ("signed-out".into(), "unexpected-error".into())
        );
        let mut referrer = inputs("sk_test_x", "__client_uat=1; __session=t", BROWSER);
        referrer.referrer = Some("https://accounts.example.dev/sign-in".into());
        assert_eq!(run(&referrer, ok(1.0)).1, "cross-origin-referrer");
        let mut sat = inputs("sk_live_x", "", BROWSER);
        sat.is_satellite = true;
        sat.domain = Some("sat.example.com".into());
        assert_eq!(
            run(&sat, ok(1.0)),
            ("interstitial".into(), "satellite-needs-syncing".into())
        );
        sat.synced_param = Some("true".into());
        assert_eq!(run(&sat, ok(1.0)).1, "cookie-and-uat-missing");
        let mut primary = inputs("sk_test_x", "__client_uat=1; __session=t", BROWSER);
        primary.satellite_url_param = Some("https://sat.example.com".into());
        assert_eq!(run(&primary, ok(1.0)).1, "primary-responds-to-syncing");
    }

    /// Given only some header values (Authorization and Cookie; or those and Origin, Referer
    /// and User-Agent), the rules answer as they do with all ten, or ask for all ten: never a
    /// different answer.
    #[test]
    fn some_headers_answer_as_ten_or_ask_for_all() {
        let mut asked = 0;
        let mut answered = 0;
        for secret in ["sk_live_x", "sk_test_x"] {
            for auth in [None, Some("Bearer tok"), Some("Bearer "), Some("")] {
                for origin in [
                    None,
                    Some("https://evil.example"),
                    Some("https://app.example.com"),
                    Some("garbage"),
                ] {
                    for referrer in [
                        None,
                        Some("https://accounts.example.dev/x"),
                        Some("garbage"),
                    ] {
                        for (satellite, sign_in) in
                            [(false, None), (true, Some("https://p.example/sign-in"))]
                        {
                            for cookie in ["", "__client_uat=1; __session=t", "__client_uat=0"] {
                                for ua in ["curl/8", BROWSER] {
                                    let mut full = inputs(secret, cookie, ua);
                                    full.is_satellite = satellite;
                                    full.sign_in_url = sign_in.map(Into::into);
                                    full.domain = satellite.then(|| "sat.example.com".into());
                                    let h = full.request.as_mut().map(|h| {
                                        h.authorization = auth.map(Into::into);
                                        h.origin = origin.map(Into::into);
                                        h.referrer = referrer.map(Into::into);
                                        h.clone()
                                    });
                                    let Some(h) = h else { continue };
                                    let rf = full.resolve();
                                    let expected = select(&full, &rf);
                                    let token = RequestHeaders {
                                        read: HeadersRead::Token,
                                        authorization: h.authorization.clone(),
                                        cookie: h.cookie.clone(),
                                        ..Default::default()
                                    };
                                    let without_host = RequestHeaders {
                                        read: HeadersRead::WithoutHost,
                                        origin: h.origin.clone(),
                                        referrer: h.referrer.clone(),
                                        user_agent: h.user_agent.clone(),
                                        ..token.clone()
                                    };
                                    for some in [token, without_host] {
                                        let mut partial = full.clone();
                                        let read = some.read;
                                        partial.request = Some(some);
                                        let rp = partial.resolve();
                                        match select(&partial, &rp) {
                                            Ok(Selected::ReadAllHeaders) => asked += 1,
                                            got => {
                                                answered += 1;
                                                assert_eq!(
                                                    got, expected,
                                                    "{read:?} {secret} {auth:?} {origin:?} {referrer:?} {satellite} {cookie} {ua}"
                                                );
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            asked > 100 && answered > 100,
            "asked {asked}, answered {answered}"
        );
    }

    #[test]
    fn thrown_option_errors() {
        let mut none = inputs("", "", BROWSER);
        none.secret_key = None;
        let r = none.resolve();
        let mut verify = |_: &str, _: &AuthIssuer| ok(1.0);
        assert!(authenticate(&none, &r, &mut verify)
            .unwrap_err()
            .message()
            .starts_with("Missing Clerk Secret Key"));
        let mut sat = inputs("sk_test_x", "", BROWSER);
        sat.is_satellite = true;
        let r = sat.resolve();
        assert!(authenticate(&sat, &r, &mut verify)
            .unwrap_err()
            .message()
            .starts_with("Missing signInUrl"));
        sat.sign_in_url = Some("https://primary.example.com/sign-in".into());
        let r = sat.resolve();
        assert!(authenticate(&sat, &r, &mut verify)
            .unwrap_err()
            .message()
            .starts_with("Missing domain and proxyUrl"));
        let mut garbage = inputs("sk_test_x", "", BROWSER);
        garbage.publishable_key = Some("pk_test_!!".into());
        let r = garbage.resolve();
        assert_eq!(
            authenticate(&garbage, &r, &mut verify)
                .unwrap_err()
                .js_name(),
            "InvalidCharacterError"
        );
    }

    #[test]
    fn parse_int_like_js() {
        assert_eq!(parse_int("123abc"), 123.0);
        assert_eq!(parse_int("  -5"), -5.0);
        assert_eq!(parse_int("1e3"), 1.0);
        assert!(parse_int("abc").is_nan());
        assert!(parse_int("").is_nan());
    }
}
