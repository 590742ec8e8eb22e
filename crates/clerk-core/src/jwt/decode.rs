//! `decodeJwt`: three base64url parts, a JSON header and payload, the raw signature bytes.
//! The failures come in the reference's order: form, header base64, header JSON, payload
//! base64, payload JSON, signature base64, then a payload that is not an object.

use serde_json::Value;

use super::base64url;
use crate::error::{Error, Reason};

/// A decoded token. The texts are the decoded JSON as the reference's `TextDecoder` gives it,
/// so that a JS caller can `JSON.parse` them itself and get exactly JS values.
#[derive(Debug, Clone)]
pub struct DecodedJwt {
    pub header: Value,
    pub payload: Value,
    pub header_text: String,
    pub payload_text: String,
    pub signature: Vec<u8>,
    /// Length of `rawHeader.rawPayload`, the signed bytes at the start of the token.
    pub signing_input_len: usize,
}

/// The failures, as the reference throws them: a `token-invalid` TokenVerificationError for a
/// token that is not three parts; a `SyntaxError` for a part that is not base64url; the
/// `SyntaxError` of `JSON.parse(text)` for a header or payload that is not JSON; a `TypeError`
/// for a payload that is JSON but not an object.
pub fn invalid_form() -> Error {
    Error::token(
        Reason::TokenInvalid,
        "Invalid JWT form. A JWT consists of three parts separated by dots.",
    )
}

pub fn decode(token: &str) -> Result<DecodedJwt, Error> {
    let mut parts = token.split('.');
    let (raw_header, raw_payload, raw_signature) =
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(h), Some(p), Some(s), None) => (h, p, s),
            _ => return Err(invalid_form()),
        };
    let (header_text, header) = decode_json_part(raw_header)?;
    let (payload_text, payload) = decode_json_part(raw_payload)?;
    let signature = base64url::decode_loose(raw_signature)?;
    match &payload {
        Value::Object(_) | Value::Array(_) => {}
        Value::Null => {
            return Err(Error::type_error(
                "Cannot read properties of null (reading 'orgs')",
            ))
        }
        _ => {
            return Err(Error::type_error(
                "Object.defineProperty called on non-object",
            ))
        }
    }
    Ok(DecodedJwt {
        header,
        payload,
        header_text,
        payload_text,
        signature,
        signing_input_len: raw_header.len() + 1 + raw_payload.len(),
    })
}

fn decode_json_part(raw: &str) -> Result<(String, Value), Error> {
    let bytes = base64url::decode_loose(raw)?;
    let text = utf8_decode(bytes);
    match serde_json::from_str::<Value>(&text) {
        Ok(value) => Ok((text, value)),
        Err(e) => {
            // JSON.parse takes escaped lone surrogates ("\ud800"), serde_json does not: the
            // core reads them as U+FFFD, and the text (what JS parses) stays as it was.
            let lenient =
                without_lone_surrogates(&text).and_then(|t| serde_json::from_str::<Value>(&t).ok());
            if let Some(value) = lenient {
                return Ok((text, value));
            }
            Err(Error::json(text, e.to_string()))
        }
    }
}

/// `text` with each `\uXXXX` escape of a lone surrogate replaced by `\ufffd`, or `None` when
/// there is none. A backslash always starts an escape of the next character, so `\\ud800`
/// (an escaped backslash, then letters) is left alone.
fn without_lone_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        let hex = bytes.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xd800..=0xdbff) if matches!(unit(i + 6), Some(0xdc00..=0xdfff)) => i += 12,
            Some(0xd800..=0xdfff) => {
                out.push_str(&text[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
                changed = true;
            }
            Some(_) => i += 6,
            None => i += 2,
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// `new TextDecoder().decode(bytes)`: invalid sequences become U+FFFD, a leading BOM is dropped.
fn utf8_decode(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn enc(s: &str) -> String {
        base64url::encode(s.as_bytes())
    }

    #[test]
    fn decodes_three_parts() {
        let token = format!(
            "{}.{}.{}",
            enc(r#"{"alg":"RS256"}"#),
            enc(r#"{"sub":"u"}"#),
            "AQID"
        );
        let d = decode(&token).unwrap();
        assert_eq!(d.header["alg"], "RS256");
        assert_eq!(d.payload["sub"], "u");
        assert_eq!(d.signature, vec![1, 2, 3]);
        assert_eq!(d.payload_text, r#"{"sub":"u"}"#);
        assert_eq!(
            &token[..d.signing_input_len],
            token.rsplit_once('.').unwrap().0
        );
    }

    #[test]
    fn failures_come_in_the_reference_order() {
        for bad in ["", "a", "a.b", "a.b.c.d", "...."] {
            assert_eq!(decode(bad).unwrap_err(), invalid_form(), "{bad}");
        }
        assert_eq!(
            decode("a+.b.c").unwrap_err(),
            Error::syntax("Invalid character +")
        );
        // header JSON fails before the payload's base64 is looked at
        let e = decode(&format!("{}.!!.c", enc("nope"))).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Json { text } if text == "nope"));
        let e = decode(&format!("{}.{}.!", enc("{}"), enc("{}"))).unwrap_err();
        assert_eq!(e, Error::syntax("Invalid character !"));
        let e = decode(&format!("{}.{}.", enc("{}"), enc("null"))).unwrap_err();
        assert!(e.kind() == &ErrorKind::Type && e.message().contains("null"));
        let e = decode(&format!("{}.{}.", enc("{}"), enc("12"))).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Type);
        assert!(decode(&format!("{}.{}.", enc("1"), enc("[]"))).is_ok());
    }

    #[test]
    fn escaped_lone_surrogates_parse_as_in_js() {
        let payload = r#"{"sub":"\ud800","a":"\udc00x","pair":"\ud83d\ude00","not":"\\ud800","end":"\ud800"}"#;
        let d = decode(&format!("{}.{}.", enc("{}"), enc(payload))).unwrap();
        assert_eq!(d.payload["sub"], "\u{fffd}");
        assert_eq!(d.payload["a"], "\u{fffd}x");
        assert_eq!(d.payload["pair"], "\u{1f600}");
        assert_eq!(d.payload["not"], "\\ud800");
        assert_eq!(d.payload["end"], "\u{fffd}");
        assert_eq!(d.payload_text, payload); // what JS parses is untouched
        assert!(matches!(
            decode(&format!("{}.{}.", enc("{}"), enc(r#"{"a":"\ud800"#)))
                .unwrap_err()
                .kind(),
            ErrorKind::Json { .. }
        ));
        assert_eq!(without_lone_surrogates(r#"{"a":"\u0041\\u","b":1}"#), None);
    }

    #[test]
    fn text_decoding_is_lossy_and_drops_a_bom() {
        let token = format!(
            "{}.{}.",
            base64url::encode(b"\xef\xbb\xbf{\"a\":\"\xff\"}"),
            enc("{}")
        );
        let d = decode(&token).unwrap();
        assert_eq!(d.header["a"], "\u{fffd}");
    }
}
