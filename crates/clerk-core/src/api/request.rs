//! From a call's named arguments (the JSON text of one object) to a request, as the
//! reference's endpoint classes and `buildRequest` do it: path parts joined, ids required,
//! query keys snake_cased with falsy values dropped and arrays repeated, body keys snake_cased
//! at the top level only, values passed through exactly as JSON.stringify wrote them.

use indexmap::IndexMap;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::value::RawValue;
use serde_json::Value;

use super::case::snake_case;
use super::endpoints::{Endpoint, Method, Params, Seg};
use crate::error::Error;

type Args = IndexMap<String, Box<RawValue>>;

/// A multipart part.
#[derive(Debug, Clone)]
pub enum FormPart {
    Text { name: String, value: String },
    File(FilePart),
}

#[derive(Debug, Clone)]
pub struct FilePart {
    pub name: String,
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub enum Body {
    None,
    Json(String),
    Form(Vec<FormPart>),
}

/// A request before the base URL and credentials are added.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub method: Method,
    /// The endpoint path, joined (`/users/user_1/metadata`).
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Body,
}

/// `Error: A valid resource ID is required.`, before any request.
pub fn missing_id() -> Error {
    Error::plain("A valid resource ID is required.")
}

/// Path segments from arguments are encoded as `encodeURIComponent` does, so an id cannot
/// reach another path (`../`) or add a query (the reference pasted them in as they were).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

pub fn build(
    endpoint: &Endpoint,
    args_json: &str,
    form: Vec<FormPart>,
) -> Result<RequestSpec, Error> {
    let args: Args = if args_json.trim().is_empty() {
        Args::new()
    } else {
        serde_json::from_str(args_json)
            .map_err(|e| Error::plain(format!("arguments are not a JSON object: {e}")))?
    };
    for id in endpoint.ids {
        if !args.get(*id).map(|v| truthy(v)).unwrap_or(false) {
            return Err(missing_id());
        }
    }
    let mut parts: Vec<String> = Vec::with_capacity(endpoint.path.len());
    for seg in endpoint.path {
        match seg {
            Seg::Lit(text) => parts.push(text.to_string()),
            Seg::Arg(name) => {
                if let Some(v) = args.get(*name).filter(|v| truthy(v)) {
                    parts.push(utf8_percent_encode(&js_string(v), SEGMENT).to_string());
                }
            }
        }
    }
    let path = crate::http::join_paths(&parts.iter().map(String::as_str).collect::<Vec<_>>());
    let query = match params(&args, endpoint.query) {
        Some(entries) => query_pairs(entries),
        None => Vec::new(),
    };
    let body = if endpoint.form {
        Body::Form(form)
    } else if endpoint.method == Method::Get {
        Body::None
    } else {
        match (endpoint.body, params(&args, endpoint.body)) {
            (Params::Pick(_), Some(entries)) => Body::Json(json_object(entries)),
            (_, Some(entries)) if !entries.is_empty() => Body::Json(json_object(entries)),
            _ => Body::None,
        }
    };
    Ok(RequestSpec {
        method: endpoint.method,
        path,
        query,
        body,
    })
}

/// The parameters object a Params spec names, as (key, raw value) entries.
fn params(args: &Args, spec: Params) -> Option<Vec<(String, &RawValue)>> {
    match spec {
        Params::None => None,
        Params::Arg(name) => {
            let raw = args.get(name)?;
            let object: IndexMap<String, &RawValue> = serde_json::from_str(raw.get()).ok()?;
            Some(object.into_iter().collect())
        }
        Params::Pick(keys) => Some(
            keys.iter()
                .filter_map(|k| args.get_key_value(*k).map(|(k, v)| (k.clone(), v.as_ref())))
                .collect(),
        ),
        Params::Omit(keys) => Some(
            args.iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.as_ref()))
                .collect(),
        ),
    }
}

/// `snakecaseKeys(params)`, then every truthy value appended, arrays one entry per item.
fn query_pairs(entries: Vec<(String, &RawValue)>) -> Vec<(String, String)> {
    let mut snake: IndexMap<String, &RawValue> = IndexMap::new();
    for (k, v) in entries {
        snake.insert(snake_case(&k), v);
    }
    let mut pairs = Vec::new();
    for (key, raw) in snake {
        if !truthy(raw) {
            continue;
        }
        if raw.get().starts_with('[') {
            let items: Vec<&RawValue> = serde_json::from_str(raw.get()).unwrap_or_default();
            for item in items {
                pairs.push((key.clone(), js_string(item)));
            }
        } else {
            pairs.push((key, js_string(raw)));
        }
    }
    pairs
}

/// `JSON.stringify(snakecaseKeys(params, { deep: false }))`, values kept as written.
fn json_object(entries: Vec<(String, &RawValue)>) -> String {
    let mut snake: IndexMap<String, &RawValue> = IndexMap::new();
    for (k, v) in entries {
        snake.insert(snake_case(&k), v);
    }
    let mut out = String::from("{");
    for (i, (k, v)) in snake.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).unwrap_or_default());
        out.push(':');
        out.push_str(v.get());
    }
    out.push('}');
    out
}

/// JS truthiness of a JSON value.
fn truthy(raw: &RawValue) -> bool {
    match raw.get().trim() {
        "null" | "false" | "\"\"" => false,
        t if t.starts_with('-') || t.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            t.parse::<f64>().map(|n| n != 0.0).unwrap_or(true)
        }
        _ => true,
    }
}

/// `String(value)` of a JSON value.
fn js_string(raw: &RawValue) -> String {
    let text = raw.get().trim();
    match serde_json::from_str::<Value>(text) {
        Ok(Value::String(s)) => s,
        Ok(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                other => js_string_of_value(other),
            })
            .collect::<Vec<_>>()
            .join(","),
        Ok(Value::Object(_)) => "[object Object]".into(),
        _ => text.to_string(),
    }
}

fn js_string_of_value(v: &Value) -> String {
    match serde_json::value::to_raw_value(v) {
        Ok(raw) => js_string(&raw),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoint;

    fn spec(name: &str, args: &str) -> RequestSpec {
        build(endpoint(name).unwrap(), args, vec![]).unwrap()
    }

    #[test]
    fn ids_are_required_and_encoded() {
        assert_eq!(
            build(endpoint("users.getUser").unwrap(), "{}", vec![]).unwrap_err(),
            missing_id()
        );
        assert_eq!(
            build(endpoint("users.getUser").unwrap(), r#"{"id":""}"#, vec![]).unwrap_err(),
            missing_id()
        );
        assert_eq!(
            spec("users.getUser", r#"{"id":"user_1"}"#).path,
            "/users/user_1"
        );
        assert_eq!(
            spec("users.getUser", r#"{"id":"../clients?x=1"}"#).path,
            "/users/..%2Fclients%3Fx%3D1"
        );
        assert_eq!(
            spec("sessions.getToken", r#"{"id":"s","template":""}"#).path,
            "/sessions/s/tokens"
        );
        assert_eq!(
            spec("sessions.getToken", r#"{"id":"s","template":"t"}"#).path,
            "/sessions/s/tokens/t"
        );
        assert_eq!(
            spec("interstitial.getInterstitial", "{}").path,
            "internal/interstitial"
        );
    }

    #[test]
    fn query_like_the_reference() {
        let s = spec(
            "users.getUserList",
            r#"{"params":{"emailAddress":["a@x.com","b@x.com"],"limit":10,"offset":0,"orderBy":"-created_at","query":"","web3Wallet":[],"banned":false,"x":null}}"#,
        );
        assert_eq!(
            s.query,
            vec![
                ("email_address".into(), "a@x.com".into()),
                ("email_address".into(), "b@x.com".into()),
                ("limit".into(), "10".into()),
                ("order_by".into(), "-created_at".into()),
            ]
        );
        assert!(matches!(s.body, Body::None));
        let s = spec(
            "organizations.getOrganizationMembershipList",
            r#"{"organizationId":"org_1","limit":5}"#,
        );
        assert_eq!(s.query, vec![("limit".into(), "5".into())]);
    }

    #[test]
    fn body_like_the_reference() {
        let s = spec(
            "users.updateUser",
            r#"{"id":"u","params":{"firstName":"Zoë","publicMetadata":{"someKey":1.5e+21}}}"#,
        );
        assert!(
            matches!(s.body, Body::Json(ref b) if b == r#"{"first_name":"Zoë","public_metadata":{"someKey":1.5e+21}}"#)
        );
        assert!(matches!(
            spec("users.updateUser", r#"{"id":"u","params":{}}"#).body,
            Body::None
        ));
        assert!(matches!(
            spec("users.updateUser", r#"{"id":"u"}"#).body,
            Body::None
        ));
        // an object literal of picked arguments is always sent, even empty
        let s = spec(
            "organizations.updateOrganizationMembershipMetadata",
            r#"{"organizationId":"o","userId":"u"}"#,
        );
        assert!(matches!(s.body, Body::Json(ref b) if b == "{}"));
        let s = spec(
            "organizations.createOrganizationInvitation",
            r#"{"organizationId":"o","inviterUserId":"u","role":"admin"}"#,
        );
        assert!(
            matches!(s.body, Body::Json(ref b) if b == r#"{"inviter_user_id":"u","role":"admin"}"#)
        );
        assert!(
            matches!(spec("clients.verifyClient", r#"{"token":"t"}"#).body, Body::Json(ref b) if b == r#"{"token":"t"}"#)
        );
    }
}
