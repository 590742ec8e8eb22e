//! The Backend API client: one `BackendApi` per `Clerk()` instance, with its own pool.

use std::collections::HashMap;
use std::sync::Arc;

use clerk_core::api::client::ApiErrorItem;
use clerk_core::api::{endpoint, ApiClient, ApiOptions, FilePart, FormPart, Outcome};
use napi::bindgen_prelude::{Buffer, Either};
use napi::Result;
use napi_derive::napi;
use serde_json::{Map, Value};

use crate::convert::Failure;

#[napi(object)]
pub struct ApiClientOptions {
    pub secret_key: Option<String>,
    pub api_key: Option<String>,
    pub api_url: Option<String>,
    pub api_version: Option<String>,
    pub user_agent: Option<String>,
    pub timeout_in_ms: Option<f64>,
    pub headers: Option<HashMap<String, String>>,
}

/// A multipart part: text (`value`) or a file (`bytes`, `filename`, `contentType`).
#[napi(object)]
pub struct FormField {
    pub name: String,
    pub value: Option<String>,
    pub bytes: Option<Buffer>,
    pub filename: Option<String>,
    pub content_type: Option<String>,
}

/// The outcome of a call. `kind`: `ok` (status, isJson, body, clerkTraceId = cf-ray),
/// `api-error` (status, statusText, clerkTraceId, errors: JSON text), `unexpected` (message,
/// clerkTraceId, jsonText when an answer body did not parse).
#[napi(object)]
#[derive(Default)]
pub struct ApiOutcome {
    pub kind: String,
    pub status: Option<u32>,
    pub status_text: Option<String>,
    pub is_json: Option<bool>,
    pub body: Option<String>,
    pub clerk_trace_id: String,
    pub errors: Option<String>,
    pub message: Option<String>,
    pub json_text: Option<String>,
}

#[napi]
pub struct BackendApi {
    client: Arc<ApiClient>,
}

#[napi]
impl BackendApi {
    #[napi(constructor)]
    pub fn new(options: ApiClientOptions) -> Self {
        let extra_headers = options
            .headers
            .map(|h| h.into_iter().collect())
            .unwrap_or_default();
        let client = ApiClient::new(ApiOptions {
            secret_key: options.secret_key,
            api_key: options.api_key,
            api_url: options.api_url,
            api_version: options.api_version,
            user_agent: options.user_agent,
            timeout_ms: options.timeout_in_ms,
            extra_headers,
        });
        BackendApi {
            client: Arc::new(client),
        }
    }

    /// Calls the endpoint `namespace.method` with its named arguments as JSON text.
    #[napi]
    pub async fn call(
        &self,
        name: String,
        args_json: String,
        form: Option<Vec<FormField>>,
    ) -> Result<Either<ApiOutcome, Failure>> {
        let Some(endpoint) = endpoint(&name) else {
            return Ok(Either::B(
                clerk_core::Error::plain(format!("unknown Backend API endpoint {name}")).into(),
            ));
        };
        let parts = form
            .unwrap_or_default()
            .into_iter()
            .map(form_part)
            .collect();
        let client = self.client.clone();
        Ok(match client.call(endpoint, &args_json, parts).await {
            Ok(outcome) => Either::A(to_js(outcome)),
            Err(e) => Either::B(e.into()),
        })
    }
}

fn form_part(field: FormField) -> FormPart {
    match field.bytes {
        Some(bytes) => FormPart::File(FilePart {
            name: field.name,
            filename: field.filename.unwrap_or_else(|| "blob".into()),
            content_type: field
                .content_type
                .unwrap_or_else(|| "application/octet-stream".into()),
            bytes: bytes.to_vec(),
        }),
        None => FormPart::Text {
            name: field.name,
            value: field.value.unwrap_or_default(),
        },
    }
}

fn errors_json(errors: &[ApiErrorItem]) -> String {
    let items: Vec<Value> = errors
        .iter()
        .map(|e| {
            let mut m = Map::new();
            for (k, v) in [
                ("code", &e.code),
                ("message", &e.message),
                ("longMessage", &e.long_message),
                ("paramName", &e.param_name),
                ("sessionId", &e.session_id),
            ] {
                if let Some(v) = v {
                    m.insert(k.into(), v.clone());
                }
            }
            Value::Object(m)
        })
        .collect();
    Value::Array(items).to_string()
}

fn to_js(outcome: Outcome) -> ApiOutcome {
    match outcome {
        Outcome::Ok {
            status,
            is_json,
            body,
            cf_ray,
        } => ApiOutcome {
            kind: "ok".into(),
            status: Some(status as u32),
            is_json: Some(is_json),
            body: Some(body),
            clerk_trace_id: cf_ray,
            ..Default::default()
        },
        Outcome::Error {
            status,
            status_text,
            clerk_trace_id,
            errors,
        } => ApiOutcome {
            kind: "api-error".into(),
            status: Some(status as u32),
            status_text: Some(status_text),
            clerk_trace_id,
            errors: Some(errors_json(&errors)),
            ..Default::default()
        },
        Outcome::Unexpected {
            message,
            clerk_trace_id,
            json_text,
        } => ApiOutcome {
            kind: "unexpected".into(),
            message: Some(message),
            clerk_trace_id,
            json_text,
            ..Default::default()
        },
    }
}
