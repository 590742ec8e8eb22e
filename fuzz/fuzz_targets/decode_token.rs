//! Arbitrary text -> the core's JWT decode (`jwt::decode`), and the base64url reader under it.
//!
//! Beyond "no panic": decoding is deterministic and agrees with `decode_shared`; a decoded
//! token's parts are exactly its three dot-separated parts (the signed prefix ends at the last
//! dot, the signature re-encodes to the third part, the JSON texts re-parse to the same values);
//! base64url is canonical (what decodes re-encodes to the same text, `=` dropped).
#![no_main]

use clerk_core::jwt::decode::invalid_form;
use clerk_core::jwt::{base64url, decode, decode_shared};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    let token = token.as_ref();

    let first = decode(token);
    let again = decode(token);
    match (&first, &again) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.header, b.header);
            assert_eq!(a.payload, b.payload);
            assert_eq!(a.signature, b.signature);
            assert_eq!(a.signing_input_len, b.signing_input_len);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("decode is not deterministic for {token:?}"),
    }
    match decode_shared(token) {
        Ok(d) => assert!(
            first.is_ok() && d.signing_input_len == first.as_ref().unwrap().signing_input_len
        ),
        Err(e) => assert_eq!(Err(e), first.as_ref().map(|_| ()).map_err(Clone::clone)),
    }

    let parts: Vec<&str> = token.split('.').collect();
    match &first {
        Ok(d) => {
            assert_eq!(parts.len(), 3);
            assert_eq!(d.signing_input_len, parts[0].len() + 1 + parts[1].len());
            assert_eq!(
                &token[..d.signing_input_len],
                token.rsplit_once('.').unwrap().0
            );
            assert_eq!(
                base64url::encode(&d.signature),
                parts[2].trim_end_matches('=')
            );
            // the texts re-parse to the same values (serde_json refuses escaped lone
            // surrogates, which the core reads as U+FFFD as JSON.parse takes them)
            for (text, value) in [(&d.header_text, &d.header), (&d.payload_text, &d.payload)] {
                match serde_json::from_str::<serde_json::Value>(text) {
                    Ok(again) => assert_eq!(&again, value),
                    Err(_) => assert!(
                        text.contains("\\u"),
                        "decoded, but {text:?} does not re-parse"
                    ),
                }
            }
            assert!(d.payload.is_object() || d.payload.is_array());
            // the messages built from decoded values
            let _ = clerk_core::js::stringify(&d.header);
            let _ = clerk_core::js::stringify(&d.payload);
        }
        Err(e) if *e == invalid_form() => assert_ne!(parts.len(), 3),
        Err(_) => assert_eq!(parts.len(), 3),
    }

    // base64url on each part, loose and canonical
    for part in &parts {
        if let Ok(bytes) = base64url::decode_loose(part) {
            assert_eq!(base64url::encode(&bytes), part.trim_end_matches('='));
        }
    }
});
