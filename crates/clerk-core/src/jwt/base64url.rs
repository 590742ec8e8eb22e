//! base64url as the reference's `rfc4648` helper reads it in loose mode: trailing `=` are
//! dropped, any other character outside the URL alphabet is an error, and left-over bits must
//! be zero. Errors carry the reference's `SyntaxError` messages.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Decodes like `base64url.parse(s, { loose: true })`; the error is the SyntaxError message.
pub fn decode_loose(s: &str) -> Result<Vec<u8>, String> {
    let trimmed = s.trim_end_matches('=');
    match URL_SAFE_NO_PAD.decode(trimmed) {
        Ok(bytes) => Ok(bytes),
        Err(_) => Err(explain_failure(trimmed)),
    }
}

/// The reference scans characters first and checks the end last: report what it would.
fn explain_failure(s: &str) -> String {
    for c in s.chars() {
        if !(c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return format!("Invalid character {c}");
        }
    }
    "Unexpected end of data".to_string()
}

/// `base64url.stringify(data, { pad: false })`.
pub fn encode(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_decoding_follows_the_reference() {
        assert_eq!(decode_loose("aGk").unwrap(), b"hi");
        assert_eq!(decode_loose("aGk=").unwrap(), b"hi");
        assert_eq!(decode_loose("aGk====").unwrap(), b"hi");
        assert_eq!(decode_loose("").unwrap(), b"");
        assert_eq!(decode_loose("-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_loose("a").unwrap_err(), "Unexpected end of data");
        assert_eq!(decode_loose("aGl").unwrap_err(), "Unexpected end of data");
        assert_eq!(decode_loose("aG+k").unwrap_err(), "Invalid character +");
        assert_eq!(decode_loose("a=Gk").unwrap_err(), "Invalid character =");
        assert_eq!(decode_loose("aGk é").unwrap_err(), "Invalid character  ");
        assert_eq!(decode_loose("aGké").unwrap_err(), "Invalid character é");
        assert_eq!(decode_loose("abcde!").unwrap_err(), "Invalid character !");
    }

    #[test]
    fn encoding_has_no_padding() {
        assert_eq!(encode(b"hi"), "aGk");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }
}
