//! Interstitial pages, their public URL, and redirect targets.

use clerk_core::instance::frontend_api_from;
use clerk_core::interstitial::{local_interstitial, public_interstitial_url, InterstitialOptions};
use clerk_core::redirect::{accounts_base_url, redirect_frontend_api, sign_in_url, sign_up_url};
use napi::bindgen_prelude::Either;
use napi_derive::napi;

use crate::convert::Failure;

#[napi(object)]
pub struct InterstitialArgs {
    pub frontend_api: Option<String>,
    pub publishable_key: Option<String>,
    pub proxy_url: Option<String>,
    pub domain: Option<String>,
    pub sign_in_url: Option<String>,
    pub clerk_js_url: Option<String>,
    pub clerk_js_version: Option<String>,
    /// `pkgVersion`: `None` when it was `undefined`; `null` and `false` arrive as "".
    pub pkg_version: Option<String>,
    pub is_satellite: Option<bool>,
    pub debug_data_json: Option<String>,
    pub api_url: Option<String>,
}

fn options(a: InterstitialArgs) -> InterstitialOptions {
    InterstitialOptions {
        frontend_api: a.frontend_api,
        publishable_key: a.publishable_key,
        proxy_url: a.proxy_url,
        domain: a.domain,
        sign_in_url: a.sign_in_url,
        clerk_js_url: a.clerk_js_url,
        clerk_js_version: a.clerk_js_version,
        pkg_version: a.pkg_version,
        is_satellite: a.is_satellite.unwrap_or(false),
        debug_data_json: a.debug_data_json,
        api_url: a.api_url,
    }
}

/// The frontend API the interstitial functions write back into their options object.
#[napi]
pub fn interstitial_frontend_api(
    publishable_key: Option<String>,
    frontend_api: Option<String>,
) -> Either<String, Failure> {
    match frontend_api_from(publishable_key.as_deref(), frontend_api.as_deref()) {
        Ok(f) => Either::A(f),
        Err(e) => Either::B(e.into()),
    }
}

#[napi]
pub fn local_interstitial_html(args: InterstitialArgs) -> Either<String, Failure> {
    match local_interstitial(&options(args)) {
        Ok(html) => Either::A(html),
        Err(e) => Either::B(e.into()),
    }
}

#[napi]
pub fn public_interstitial_url_of(args: InterstitialArgs) -> Either<String, Failure> {
    match public_interstitial_url(&options(args)) {
        Ok(url) => Either::A(url),
        Err(e) => Either::B(e.into()),
    }
}

/// `redirect(...)`'s accounts base URL (`https://accounts.<domain>`, or "" without a key).
#[napi]
pub fn redirect_accounts_base(
    frontend_api: Option<String>,
    publishable_key: Option<String>,
) -> Either<String, Failure> {
    match redirect_frontend_api(frontend_api.as_deref(), publishable_key.as_deref()) {
        Ok(f) if f.is_empty() => Either::A(String::new()),
        Ok(f) => Either::A(accounts_base_url(&f)),
        Err(e) => Either::B(e.into()),
    }
}

/// The URL a redirectToSignIn / redirectToSignUp passes to the adapter.
#[napi]
pub fn redirect_target(
    to_sign_up: bool,
    own_url: Option<String>,
    accounts_base: String,
    return_back_url: Option<String>,
) -> Either<String, Failure> {
    let target = if to_sign_up { sign_up_url } else { sign_in_url };
    match target(
        own_url.as_deref(),
        &accounts_base,
        return_back_url.as_deref(),
    ) {
        Ok(url) => Either::A(url),
        Err(e) => Either::B(e.into()),
    }
}

/// Fetches the public interstitial page (bounded, retried like the reference).
#[napi]
pub async fn fetch_public_interstitial(
    url: String,
    sdk: String,
    timeout_in_ms: Option<f64>,
) -> Either<String, Failure> {
    let deadline = clerk_core::jwks::store::deadline_from_ms(timeout_in_ms);
    match clerk_core::interstitial::fetch_public_interstitial(&url, &sdk, deadline).await {
        Ok(html) => Either::A(html),
        Err(e) => Either::B(e.into()),
    }
}
