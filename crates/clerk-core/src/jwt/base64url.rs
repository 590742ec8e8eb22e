//! base64url as the reference's `rfc4648` helper reads it in loose mode: trailing `=` are
//! dropped, any other character outside the URL alphabet is an error, and left-over bits must
//! be zero. Errors are the reference's `SyntaxError`s.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::error::Error;

/// Decodes like `base64url.parse(s, { loose: true })`, failing with its SyntaxError.
pub fn decode_loose(s: &str) -> Result<Vec<u8>, Error> {
    let trimmed = s.trim_end_matches('=');
    match URL_SAFE_NO_PAD.decode(trimmed) {
        Ok(bytes) => Ok(bytes),
        Err(_) => Err(Error::syntax(explain_failure(trimmed))),
    }
}

/// The reference scans characters first and checks the end last: report what it would.
fn explain_failure(s: &str) -> std::borrow::Cow<'static, str> {
    for c in s.chars() {
        if !(c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return format!("Invalid character {c}").into();
        }
    }
    "Unexpected end of data".into()
}

/// `base64url.stringify(data, { pad: false })`.
pub fn encode(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn loose_decoding_follows_the_reference() {
        assert_eq!(decode_loose("aGk").unwrap(), b"hi");
        assert_eq!(decode_loose("aGk=").unwrap(), b"hi");
        assert_eq!(decode_loose("aGk====").unwrap(), b"hi");
        assert_eq!(decode_loose("").unwrap(), b"");
        assert_eq!(decode_loose("-_8").unwrap(), vec![0xfb, 0xff]);
        for (input, message) in [
            ("a", "Unexpected end of data"),
            ("aGl", "Unexpected end of data"),
            ("aG+k", "Invalid character +"),
            ("a=Gk", "Invalid character ="),
            ("aGk é", "Invalid character  "),
            ("aGké", "Invalid character é"),
            ("abcde!", "Invalid character !"),
        ] {
            let e = decode_loose(input).unwrap_err();
            assert_eq!(
                (e.kind(), e.message()),
                (&ErrorKind::Syntax, message),
                "{input}"
            );
        }
    }

    #[test]
    fn encoding_has_no_padding() {
        assert_eq!(encode(b"hi"), "aGk");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }
}
