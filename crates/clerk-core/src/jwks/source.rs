//! A JWKS source: the Frontend API of an issuer, or the Backend API with a secret key.

use url::Url;

use crate::error::Error;
use crate::http::join_paths;

pub const DEFAULT_API_URL: &str = "https://api.clerk.dev";
pub const DEFAULT_API_VERSION: &str = "v1";

#[derive(Clone, PartialEq, Eq)]
pub enum JwksSource {
    /// `{issuer}/.well-known/jwks.json`, no credentials.
    Frontend { url: String },
    /// `{apiUrl}/{apiVersion}/jwks` with `Authorization: Bearer <secret key>`.
    Backend { url: String, secret_key: String },
}

// The secret key never appears in debug output.
impl std::fmt::Debug for JwksSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JwksSource::Frontend { url } => write!(f, "Frontend({url})"),
            JwksSource::Backend { url, .. } => write!(f, "Backend({url})"),
        }
    }
}

/// The URL, or the TypeError the reference's `new URL(...)` throws.
fn with_path(base: &str, parts: &[&str]) -> Result<String, Error> {
    let mut url = Url::parse(base).map_err(|_| Error::invalid_url())?;
    let mut all = vec![url.path()];
    all.extend_from_slice(parts);
    let path = join_paths(&all);
    url.set_path(&path);
    Ok(url.to_string())
}

impl JwksSource {
    pub fn frontend(issuer: &str) -> Result<JwksSource, Error> {
        Ok(JwksSource::Frontend {
            url: with_path(issuer, &[".well-known/jwks.json"])?,
        })
    }

    pub fn backend(
        api_url: Option<&str>,
        api_version: Option<&str>,
        secret_key: &str,
    ) -> Result<JwksSource, Error> {
        let url = with_path(
            api_url.unwrap_or(DEFAULT_API_URL),
            &[api_version.unwrap_or(DEFAULT_API_VERSION), "/jwks"],
        )?;
        Ok(JwksSource::Backend {
            url,
            secret_key: secret_key.to_string(),
        })
    }

    pub fn url(&self) -> &str {
        match self {
            JwksSource::Frontend { url } | JwksSource::Backend { url, .. } => url,
        }
    }

    /// Identifies the source in the store: the URL, and for the Backend API the key too.
    pub(crate) fn cache_key(&self) -> String {
        match self {
            JwksSource::Frontend { url } => format!("F {url}"),
            JwksSource::Backend { url, secret_key } => format!("B {url} {secret_key}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_built_as_the_reference_builds_them() {
        assert_eq!(
            JwksSource::frontend("https://clerk.example.com")
                .unwrap()
                .url(),
            "https://clerk.example.com/.well-known/jwks.json"
        );
        assert_eq!(
            JwksSource::frontend("https://x.clerk.accounts.dev/base/")
                .unwrap()
                .url(),
            "https://x.clerk.accounts.dev/base/.well-known/jwks.json"
        );
        assert_eq!(
            JwksSource::backend(None, None, "sk").unwrap().url(),
            "https://api.clerk.dev/v1/jwks"
        );
        assert_eq!(
            JwksSource::backend(Some("http://127.0.0.1:9/api/"), Some("v2"), "sk")
                .unwrap()
                .url(),
            "http://127.0.0.1:9/api/v2/jwks"
        );
        assert!(JwksSource::frontend("not a url").is_err());
        let debug = format!(
            "{:?}",
            JwksSource::backend(None, None, "sk_live_secret").unwrap()
        );
        assert!(!debug.contains("sk_live_secret"));
    }
}
