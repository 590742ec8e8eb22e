//! The values authenticateRequest works with, merged as the reference merges them: an option
//! given in the call wins over the request's header or cookie (`options.x || header`).

use crate::error::Error;
use crate::instance::{try_parse_publishable_key, PublishableKey};

/// What the caller gives: options as passed, and (when a `request` was given) its raw header
/// values. JS only reads them; every rule of combining them lives here.
#[derive(Debug, Clone, Default)]
pub struct RawInputs {
    pub secret_key: Option<String>,
    pub api_key: Option<String>,
    pub publishable_key: Option<String>,
    pub frontend_api: Option<String>,
    pub proxy_url: Option<String>,
    pub domain: Option<String>,
    pub is_satellite: bool,
    pub sign_in_url: Option<String>,
    // options that override the request's values
    pub header_token: Option<String>,
    pub cookie_token: Option<String>,
    pub client_uat: Option<String>,
    pub origin: Option<String>,
    pub host: Option<String>,
    pub forwarded_host: Option<String>,
    pub forwarded_port: Option<String>,
    pub forwarded_proto: Option<String>,
    pub referrer: Option<String>,
    pub user_agent: Option<String>,
    /// The request's headers, when a request was given.
    pub request: Option<RequestHeaders>,
    /// `searchParams.get('__clerk_satellite_url')` and `get('__clerk_synced')`.
    pub satellite_url_param: Option<String>,
    pub synced_param: Option<String>,
    /// `publishable_key` parsed once per configuration (`prepared`); parsed in `resolve`
    /// when absent.
    pub parsed_publishable_key: Option<Result<Option<PublishableKey>, Error>>,
}

/// Which of a request's header values were read. The rules ask for all of them
/// (`Selected::ReadAllHeaders`) when those read are not enough.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HeadersRead {
    /// `authorization` and `cookie`: enough for a header token, unless the app is a satellite.
    Token,
    /// Also `origin`, `referer` and `user-agent`: enough for the cookie rules when neither an
    /// Origin nor a Referer is given (those are compared with the host headers).
    WithoutHost,
    #[default]
    All,
}

/// The request's header values; those not `read` are None.
#[derive(Debug, Clone, Default)]
pub struct RequestHeaders {
    pub read: HeadersRead,
    pub authorization: Option<String>,
    pub origin: Option<String>,
    pub host: Option<String>,
    pub forwarded_host: Option<String>,
    pub forwarded_port: Option<String>,
    pub cloudfront_forwarded_proto: Option<String>,
    pub forwarded_proto: Option<String>,
    pub referrer: Option<String>,
    pub user_agent: Option<String>,
    pub cookie: Option<String>,
}

/// The merged values, which the caller also shows in states and `debug()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    pub secret_key: String,
    pub frontend_api: Option<String>,
    pub header_token: Option<String>,
    pub cookie_token: Option<String>,
    pub client_uat: Option<String>,
    pub origin: Option<String>,
    pub host: Option<String>,
    pub forwarded_host: Option<String>,
    pub forwarded_port: Option<String>,
    pub forwarded_proto: Option<String>,
    pub referrer: Option<String>,
    pub user_agent: Option<String>,
    /// Whether the request's headers were merged in (the reference adds those keys then).
    pub from_request: bool,
    /// The publishable key could not be decoded (the reference throws this).
    pub publishable_key_error: Option<Error>,
}

fn truthy(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.is_empty())
}

/// `a || b` for optional strings.
fn or(a: &Option<String>, b: &Option<String>) -> Option<String> {
    if truthy(a) {
        a.clone()
    } else {
        b.clone()
    }
}

/// `a || b()`, with `b` worked out only when needed.
fn or_with(a: &Option<String>, b: impl FnOnce() -> Option<String>) -> Option<String> {
    if truthy(a) {
        a.clone()
    } else {
        b()
    }
}

impl Resolved {
    /// The token a signed-in auth object carries (the reference's `cookieToken || headerToken`)
    /// when it is not the verified one: both were given, and the header's is verified.
    pub fn auth_token_unless_verified(&self) -> Option<String> {
        (truthy(&self.header_token) && truthy(&self.cookie_token))
            .then(|| self.cookie_token.clone().unwrap_or_default())
    }
}

impl RawInputs {
    /// These inputs with what depends only on the configuration worked out once (the
    /// publishable key parsed), for a configuration used with many requests.
    pub fn prepared(self) -> Self {
        RawInputs {
            parsed_publishable_key: Some(try_parse_publishable_key(
                self.publishable_key.as_deref(),
            )),
            ..self
        }
    }

    pub fn resolve(&self) -> Resolved {
        let secret_key = or(&self.secret_key, &self.api_key).unwrap_or_default();
        let parsed = match &self.parsed_publishable_key {
            Some(parsed) => parsed.clone(),
            None => try_parse_publishable_key(self.publishable_key.as_deref()),
        };
        let (parsed, publishable_key_error) = match parsed {
            Ok(pk) => (pk, None),
            Err(e) => (None, Some(e)),
        };
        let frontend_api = parsed
            .map(|pk| pk.frontend_api)
            .filter(|f| !f.is_empty())
            .or_else(|| self.frontend_api.clone());
        let mut r = Resolved {
            secret_key,
            frontend_api,
            header_token: self.header_token.clone(),
            cookie_token: self.cookie_token.clone(),
            client_uat: self.client_uat.clone(),
            origin: self.origin.clone(),
            host: self.host.clone(),
            forwarded_host: self.forwarded_host.clone(),
            forwarded_port: self.forwarded_port.clone(),
            forwarded_proto: self.forwarded_proto.clone(),
            referrer: self.referrer.clone(),
            user_agent: self.user_agent.clone(),
            from_request: false,
            publishable_key_error,
        };
        if let Some(h) = &self.request {
            let header = |v: &Option<String>| v.as_ref().filter(|s| !s.is_empty()).cloned();
            r.from_request = true;
            r.header_token =
                or_with(&self.header_token, || header(&h.authorization)).map(|mut t| {
                    // `replace('Bearer ', '')`: the first occurrence, wherever it is
                    if let Some(at) = t.find("Bearer ") {
                        t.replace_range(at..at + "Bearer ".len(), "");
                    }
                    t
                });
            r.origin = or_with(&self.origin, || header(&h.origin));
            r.host = or_with(&self.host, || header(&h.host));
            r.forwarded_host = or_with(&self.forwarded_host, || header(&h.forwarded_host));
            r.forwarded_port = or_with(&self.forwarded_port, || header(&h.forwarded_port));
            r.forwarded_proto = or_with(&self.forwarded_proto, || {
                header(&h.cloudfront_forwarded_proto).or_else(|| header(&h.forwarded_proto))
            });
            r.referrer = or_with(&self.referrer, || header(&h.referrer));
            r.user_agent = or_with(&self.user_agent, || header(&h.user_agent));
            let header_cookie = |name: &str| {
                h.cookie
                    .as_deref()
                    .filter(|c| !c.is_empty())
                    .and_then(|c| cookie(c, name))
                    .map(|v| backend_decode(&v))
            };
            r.cookie_token = or_with(&self.cookie_token, || header_cookie("__session"));
            r.client_uat = or_with(&self.client_uat, || header_cookie("__client_uat"));
        }
        r
    }
}

/// The `name=value` pairs of a Cookie header as the npm `cookie` 0.5 parser splits them (split
/// on `;`, trimmed, surrounding quotes dropped; not yet percent-decoded), in order, until `f`
/// returns true.
fn each_cookie<'a>(header: &'a str, mut f: impl FnMut(&'a str, &'a str) -> bool) {
    let mut index = 0;
    while index < header.len() {
        let Some(eq) = header[index..].find('=').map(|i| i + index) else {
            break;
        };
        let end = match header[index..].find(';').map(|i| i + index) {
            None => header.len(),
            Some(end) if end < eq => {
                // a pair without `=` before this one: start after the last `;` before the `=`
                index = header[..eq].rfind(';').map(|i| i + 1).unwrap_or(0);
                continue;
            }
            Some(end) => end,
        };
        let key = header[index..eq].trim();
        let mut value = header[eq + 1..end].trim();
        if value.starts_with('"') {
            // `val.slice(1, -1)`: drop the quote and the last character, which may be
            // multi-byte (an astral one, two UTF-16 units in JS, goes whole)
            let mut inner = value[1..].chars();
            inner.next_back();
            value = inner.as_str();
        }
        if f(key, value) {
            return;
        }
        index = end + 1;
    }
}

/// The cookie parser's value decoding: decodeURIComponent when that succeeds.
fn cookie_decode(value: &str) -> String {
    if value.contains('%') {
        decode_uri_component(value).unwrap_or_else(|| value.to_string())
    } else {
        value.to_string()
    }
}

/// The npm `cookie` 0.5 parser: `name=value` pairs split on `;`, first one of a name wins,
/// surrounding quotes dropped, values percent-decoded when that succeeds.
pub fn parse_cookies(header: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    each_cookie(header, |key, value| {
        if !out.iter().any(|(k, _)| k == key) {
            out.push((key.to_string(), cookie_decode(value)));
        }
        false
    });
    out
}

/// One cookie's value as the parser gives it (the first of that name), without parsing the
/// others' values.
pub fn cookie(header: &str, name: &str) -> Option<String> {
    let mut found = None;
    each_cookie(header, |key, value| {
        if key == name {
            found = Some(cookie_decode(value));
        }
        found.is_some()
    });
    found
}

/// The backend's second decoding of cookie values: runs of `%XX` (X a digit or an upper-case
/// letter, as the reference's pattern `[0-9A-Z]` has it) go through decodeURIComponent. The
/// reference lets a malformed run throw and reject the whole call; here such a run stays as it
/// is (a deliberate difference). Text between runs is copied as it is.
pub fn backend_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let is_hex = |b: u8| b.is_ascii_digit() || b.is_ascii_uppercase();
    let mut out = String::with_capacity(value.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(start) = value[from..].find('%').map(|i| i + from) {
        let mut end = start;
        while end + 2 < bytes.len()
            && bytes[end] == b'%'
            && is_hex(bytes[end + 1])
            && is_hex(bytes[end + 2])
        {
            end += 3;
        }
        if end == start {
            from = start + 1;
            continue;
        }
        out.push_str(&value[copied..start]);
        let run = &value[start..end];
        out.push_str(&decode_uri_component(run).unwrap_or_else(|| run.to_string()));
        copied = end;
        from = end;
    }
    out.push_str(&value[copied..]);
    out
}

/// `decodeURIComponent`, or None where it would throw (bad hex, malformed UTF-8).
pub fn decode_uri_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod auth_token_tests {
    use super::Resolved;

    #[test]
    fn the_cookie_token_only_when_both_were_given() {
        let r = |h: Option<&str>, c: Option<&str>| Resolved {
            header_token: h.map(String::from),
            cookie_token: c.map(String::from),
            ..Resolved::default()
        };
        assert_eq!(
            r(Some("h"), Some("c")).auth_token_unless_verified(),
            Some("c".into())
        );
        assert_eq!(r(Some("h"), None).auth_token_unless_verified(), None);
        assert_eq!(r(Some("h"), Some("")).auth_token_unless_verified(), None);
        assert_eq!(r(None, Some("c")).auth_token_unless_verified(), None);
        assert_eq!(r(Some(""), Some("c")).auth_token_unless_verified(), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_like_the_npm_package() {
        let c = parse_cookies("a=1; __session=x.y.z; b=\"quoted\"; a=2; junk; c=%41%42; d=%E0%A4");
        assert_eq!(
            c,
            vec![
                ("a".into(), "1".into()),
                ("__session".into(), "x.y.z".into()),
                ("b".into(), "quoted".into()),
                ("c".into(), "AB".into()),
                ("d".into(), "%E0%A4".into()),
            ]
        );
        assert_eq!(
            parse_cookies("novalue; x=1"),
            vec![("x".into(), "1".into())]
        );
        assert!(parse_cookies("").is_empty());
    }

    #[test]
    fn second_decoding_never_throws() {
        assert_eq!(backend_decode("%41b%42"), "AbB");
        assert_eq!(backend_decode("%E0%A4"), "%E0%A4");
        assert_eq!(backend_decode("%e0"), "%e0");
        assert_eq!(backend_decode("plain"), "plain");
    }

    /// The decoding one character at a time, as first written: the run-copying version must
    /// give the same text.
    fn backend_decode_by_char(value: &str) -> String {
        let bytes = value.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        let is_hex = |b: u8| b.is_ascii_digit() || b.is_ascii_uppercase();
        while i < bytes.len() {
            let start = i;
            while i + 2 < bytes.len()
                && bytes[i] == b'%'
                && is_hex(bytes[i + 1])
                && is_hex(bytes[i + 2])
            {
                i += 3;
            }
            if i > start {
                let run = &value[start..i];
                out.push_str(&decode_uri_component(run).unwrap_or_else(|| run.to_string()));
            } else {
                let c = value[i..].chars().next().unwrap_or('\0');
                out.push(c);
                i += c.len_utf8();
            }
        }
        out
    }

    #[test]
    fn second_decoding_by_runs_as_by_characters() {
        let cases = [
            "",
            "%",
            "%%",
            "%4",
            "%41",
            "x%41",
            "%41%",
            "%%41",
            "a%41%E2%82%ACz",
            "%E2%82",
            "€%41€",
            "%ZZ%41",
            "%4G%41%4",
            "%41%42%43%44",
            "tok.en-_%2F%2B",
            "%e2%82%ac%41",
            "é%C3%A9é",
        ];
        for case in cases {
            assert_eq!(
                backend_decode(case),
                backend_decode_by_char(case),
                "{case:?}"
            );
        }
    }

    #[test]
    fn one_cookie_as_the_whole_parse() {
        let headers = [
            "a=1; __session=x.y.z; b=\"quoted\"; a=2; junk; c=%41%42; d=%E0%A4",
            "novalue; __session=1; __session=2",
            "__client_uat=0;__session=\"%41\"",
            " __session = spaced ; x=1",
            "x=1; junk; y; __session=after=eq",
            "",
            "__session",
        ];
        for header in headers {
            for name in ["__session", "__client_uat", "a", "junk"] {
                let whole = parse_cookies(header)
                    .into_iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v);
                assert_eq!(cookie(header, name), whole, "{header:?} {name}");
            }
        }
    }

    #[test]
    fn a_prepared_configuration_resolves_as_parsed_per_call() {
        for pk in [
            None,
            Some(""),
            Some("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k"),
            Some("pk_live_!!"),
            Some("pk_test_bm90ZG9sbGFy"),
            Some("sk_x"),
        ] {
            let raw = RawInputs {
                publishable_key: pk.map(Into::into),
                frontend_api: Some("fallback.example".into()),
                ..Default::default()
            };
            assert_eq!(raw.clone().prepared().resolve(), raw.resolve(), "{pk:?}");
        }
    }

    #[test]
    fn options_win_over_the_request() {
        let raw = RawInputs {
            secret_key: Some(String::new()),
            api_key: Some("sk_test_x".into()),
            host: Some("opt.example".into()),
            request: Some(RequestHeaders {
                authorization: Some("Bearer abc".into()),
                host: Some("req.example".into()),
                cloudfront_forwarded_proto: Some("https".into()),
                forwarded_proto: Some("http".into()),
                cookie: Some("__session=tok; __client_uat=123".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let r = raw.resolve();
        assert_eq!(r.secret_key, "sk_test_x");
        assert_eq!(r.header_token.as_deref(), Some("abc"));
        assert_eq!(r.host.as_deref(), Some("opt.example"));
        assert_eq!(r.forwarded_proto.as_deref(), Some("https"));
        assert_eq!(r.cookie_token.as_deref(), Some("tok"));
        assert_eq!(r.client_uat.as_deref(), Some("123"));
    }
}
