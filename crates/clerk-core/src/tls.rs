//! The certificates trusted for HTTPS, close to what Node trusts: the Mozilla roots Node
//! bundles (from `webpki-roots`, so a machine without a CA store still verifies Clerk's
//! servers), plus the system store where there is one, plus the PEM certificates of the file
//! named by `NODE_EXTRA_CA_CERTS`. Built once per process, as Node reads that variable once.

use std::ffi::OsStr;
use std::io::Read;
use std::sync::{Arc, OnceLock};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

/// A file of extra certificates larger than this is read no further (a certificate is a few
/// kB; this keeps a wrong path such as /dev/zero from eating memory).
const MAX_EXTRA_CA_BYTES: u64 = 16 * 1024 * 1024;

/// The roots and where they came from.
pub struct Roots {
    pub store: RootCertStore,
    pub mozilla: usize,
    pub system: usize,
    /// Certificates taken from the extra file.
    pub extra: usize,
    /// Why the extra file gave nothing or not everything (unreadable, bad entries): Node
    /// warns and goes on, and so does this.
    pub extra_problem: Option<String>,
}

/// Builds the root store: Mozilla's roots, the system's (when `system`; its errors are
/// ignored) and the certificates in `extra_ca_file` (missing, unreadable or bad entries
/// ignored).
pub fn build_roots(extra_ca_file: Option<&OsStr>, system: bool) -> Roots {
    let mut store = RootCertStore::empty();
    store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let mozilla = store.len();

    let mut system_count = 0;
    if system {
        // reads SSL_CERT_FILE / SSL_CERT_DIR, else the platform's store; what fails to load
        // or parse is skipped
        let found = rustls_native_certs::load_native_certs();
        let (added, _) = store.add_parsable_certificates(found.certs);
        system_count = added;
    }

    let (extra, extra_problem) = match extra_ca_file.filter(|p| !p.is_empty()) {
        None => (0, None),
        Some(path) => match read_extra(path) {
            Err(problem) => (0, Some(problem)),
            Ok((certs, bad_pem)) => {
                let (added, unusable) = store.add_parsable_certificates(certs);
                let bad = bad_pem + unusable;
                let problem = if bad > 0 {
                    Some(format!("{bad} entries of the file could not be used"))
                } else if added == 0 {
                    Some("the file holds no certificate".to_string())
                } else {
                    None
                };
                (added, problem)
            }
        },
    };

    Roots {
        store,
        mozilla,
        system: system_count,
        extra,
        extra_problem,
    }
}

/// The certificates of a PEM file, and how many of its sections could not be decoded.
fn read_extra(path: &OsStr) -> Result<(Vec<CertificateDer<'static>>, usize), String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_EXTRA_CA_BYTES).read_to_end(&mut bytes))
        .map_err(|e| format!("the file could not be read: {e}"))?;
    let mut certs = Vec::new();
    let mut bad = 0;
    // each item consumes at least one line, so this ends; the bound is only a backstop
    for item in CertificateDer::pem_slice_iter(&bytes).take(1_000_000) {
        match item {
            Ok(cert) => certs.push(cert),
            Err(_) => bad += 1,
        }
    }
    Ok((certs, bad))
}

/// The rustls configuration every HTTP client uses: the process's roots, aws-lc-rs, HTTP/2
/// and HTTP/1.1 offered by ALPN (what reqwest sets for its own configurations). The error is
/// text for `HttpError::Network`, the only place it goes.
pub fn client_config() -> Result<ClientConfig, String> {
    static CONFIG: OnceLock<Result<ClientConfig, String>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let extra = std::env::var_os("NODE_EXTRA_CA_CERTS");
            let roots = build_roots(extra.as_deref(), true);
            config_with(roots.store)
        })
        .clone()
}

/// A client configuration trusting `store`.
pub fn config_with(store: RootCertStore) -> Result<ClientConfig, String> {
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("the TLS settings are not usable: {e}"))?
        .with_root_certificates(store)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    // a CA certificate made with `openssl req -x509 -newkey ec -pkeyopt
    // ec_paramgen_curve:P-256 -nodes -days 36500 -subj /CN=clerk-core-test-ca` (key discarded)
    const CA_PEM: &str = "-----BEGIN CERTIFICATE-----
MIIBkDCCATegAwIBAgIUYMXl6KiiBUwC9JISzOv2m93nil8wCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSY2xlcmstY29yZS10ZXN0LWNhMCAXDTI2MTEzMDA2MDQ1NloY
DzIxMjYxMTA2MDYwNDU2WjAdMRswGQYDVQQDDBJjbGVyay1jb3JlLXRlc3QtY2Ew
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATVyRdpNZsUIOY2cry8bxYl4ms+y1AR
VnT3LVfdC+SovSzuJppC6NewRALoNVOuYpgiW+dlpvC4HsGh+uVkg/vfo1MwUTAd
BgNVHQ4EFgQUfVnr/+w61UYJAIjkOZCzPthzOBEwHwYDVR0jBBgwFoAUfVnr/+w6
1UYJAIjkOZCzPthzOBEwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBE
AiBfx6WYeKDOgzmiDLSHIUzNUrS6SFvWQpGcD4xoTjlKlAIgCQMQGnpNmSCHIgud
E4hCBXw2K8m/WgCZrEY1FoHMG8g=
-----END CERTIFICATE-----
";

    fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
        let path =
            std::env::temp_dir().join(format!("clerk-core-tls-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        path
    }

    #[test]
    fn mozilla_roots_without_any_store() {
        let roots = build_roots(None, false);
        assert!(roots.mozilla > 100, "{} Mozilla roots", roots.mozilla);
        assert_eq!(roots.store.len(), roots.mozilla);
        assert_eq!(roots.extra, 0);
        assert!(roots.extra_problem.is_none());
        assert!(config_with(roots.store).is_ok());
    }

    #[test]
    fn extra_file_missing_is_ignored() {
        let path = std::env::temp_dir().join("clerk-core-tls-no-such-file.pem");
        let roots = build_roots(Some(path.as_os_str()), false);
        assert_eq!(roots.extra, 0);
        assert_eq!(roots.store.len(), roots.mozilla);
        let problem = roots.extra_problem.unwrap();
        assert!(problem.contains("could not be read"), "{problem}");
        // a directory cannot be read as a file either
        let dir = std::env::temp_dir();
        let roots = build_roots(Some(dir.as_os_str()), false);
        assert_eq!(roots.extra, 0);
        assert!(roots.extra_problem.is_some());
        // an empty value is no file at all
        let roots = build_roots(Some(OsStr::new("")), false);
        assert!(roots.extra_problem.is_none());
    }

    #[test]
    fn extra_file_garbage_is_ignored() {
        let path = temp_file(
            "garbage.pem",
            b"\x00\xffnot a certificate\n\n\r\r-----BEGIN",
        );
        let roots = build_roots(Some(path.as_os_str()), false);
        assert_eq!(roots.extra, 0);
        assert_eq!(roots.store.len(), roots.mozilla);
        assert!(roots.extra_problem.is_some());
        // a PEM section whose contents are not a certificate
        let path2 = temp_file(
            "not-a-cert.pem",
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        );
        let roots = build_roots(Some(path2.as_os_str()), false);
        assert_eq!(roots.extra, 0);
        assert!(roots.extra_problem.is_some());
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_file(path2);
    }

    #[test]
    fn extra_file_valid_pem_is_added_and_bad_entries_skipped() {
        let path = temp_file("valid.pem", CA_PEM.as_bytes());
        let roots = build_roots(Some(path.as_os_str()), false);
        assert_eq!(roots.extra, 1, "{:?}", roots.extra_problem);
        assert!(roots.extra_problem.is_none());
        assert_eq!(roots.store.len(), roots.mozilla + 1);

        // a bad section between two good ones: both good ones count
        let mixed = format!(
            "{CA_PEM}junk\n-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n{CA_PEM}"
        );
        let path2 = temp_file("mixed.pem", mixed.as_bytes());
        let roots = build_roots(Some(path2.as_os_str()), false);
        assert_eq!(roots.extra, 2);
        assert!(roots.extra_problem.is_some());
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_file(path2);
    }

    #[test]
    fn the_process_config_builds() {
        let config = client_config().unwrap();
        assert_eq!(config.alpn_protocols[0], b"h2");
    }
}
