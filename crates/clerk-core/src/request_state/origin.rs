//! Origins as the reference computes them: `buildOrigin` from forwarded headers, and the
//! cross-origin test of the Origin and Referer headers.

use url::Url;

use crate::error::Error;

/// The first value of a comma-separated header.
fn first_value(v: Option<&str>) -> Option<&str> {
    v.map(|s| s.split(',').next().unwrap_or(""))
}

/// `buildOrigin`: the forwarded host (first value) or host, and the forwarded protocol (first
/// value) or the URL's protocol without its first `:` or `/`; empty when either is missing.
pub fn build_origin(
    protocol: Option<&str>,
    forwarded_proto: Option<&str>,
    forwarded_host: Option<&str>,
    host: Option<&str>,
) -> String {
    let host = first_value(forwarded_host).or(host);
    let protocol = first_value(forwarded_proto)
        .map(str::to_string)
        .or_else(|| protocol.map(|p| p.replacen([':', '/'], "", 1)));
    match (host, protocol) {
        (Some(h), Some(p)) if !h.is_empty() && !p.is_empty() => format!("{p}://{h}"),
        _ => String::new(),
    }
}

/// `checkCrossOrigin({ originURL: new URL(url), host, forwardedHost, forwardedProto })`.
pub fn is_cross_origin(
    url: &str,
    host: Option<&str>,
    forwarded_host: Option<&str>,
    forwarded_proto: Option<&str>,
) -> Result<bool, Error> {
    let origin_url = Url::parse(url).map_err(|_| Error::invalid_url())?;
    let protocol = format!("{}:", origin_url.scheme());
    let built = build_origin(Some(&protocol), forwarded_proto, forwarded_host, host);
    if built.is_empty() {
        return Ok(false);
    }
    let built_url = Url::parse(&built).map_err(|_| Error::invalid_url())?;
    Ok(built_url.origin().ascii_serialization() != origin_url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(
            build_origin(Some("https:"), None, None, Some("a.com")),
            "https://a.com"
        );
        assert_eq!(
            build_origin(
                Some("https:"),
                Some("http, https"),
                Some("b.com, c.com"),
                Some("a.com")
            ),
            "http://b.com"
        );
        assert_eq!(build_origin(Some("https:"), None, None, None), "");
        assert_eq!(build_origin(None, None, None, Some("a.com")), "");
    }

    #[test]
    fn cross_origin() {
        assert_eq!(
            is_cross_origin("https://a.com", Some("a.com"), None, None),
            Ok(false)
        );
        assert_eq!(
            is_cross_origin("https://a.com:443", Some("a.com"), None, None),
            Ok(false)
        );
        assert_eq!(
            is_cross_origin("https://a.com", Some("b.com"), None, None),
            Ok(true)
        );
        assert_eq!(
            is_cross_origin("https://a.com", Some("a.com"), None, Some("http")),
            Ok(true)
        );
        assert_eq!(
            is_cross_origin("https://a.com", None, None, None),
            Ok(false)
        );
        assert_eq!(
            is_cross_origin("not a url", Some("a.com"), None, None),
            Err(Error::invalid_url())
        );
        assert_eq!(
            is_cross_origin("https://A.com/path", Some("a.com"), None, None),
            Ok(false)
        );
    }
}
