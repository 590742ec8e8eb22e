//! Shared by the targets: the committed test keys and the `name: value` line format of the
//! structured inputs (readable seeds, and mutations that stay meaningful).

#![allow(dead_code)]

/// A 2048-bit RSA test key pair made for this fuzz crate only (the corpus tokens are signed
/// with A; B is another key that must never accept them).
pub const KEY_A_PEM: &str = include_str!("../keys/test_a_public.pem");
pub const KEY_A_JWK: &str = include_str!("../keys/test_a_public.jwk.json");
pub const KEY_B_PEM: &str = include_str!("../keys/test_b_public.pem");
pub const KEY_B_JWK: &str = include_str!("../keys/test_b_public.jwk.json");

/// `name: value` lines; the value is everything after the first `:`, one leading space dropped.
pub fn lines(text: &str) -> Vec<(&str, &str)> {
    text.split('\n')
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            let value = value.strip_prefix(' ').unwrap_or(value);
            Some((name.trim(), value.strip_suffix('\r').unwrap_or(value)))
        })
        .collect()
}

/// The last value of `name`.
pub fn last<'a>(fields: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .rev()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
}

/// Every value of `name`, in order.
pub fn all<'a>(fields: &[(&'a str, &'a str)], name: &str) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .collect()
}

/// A number as the JS side could pass it (`NaN`, `inf`, `-0`, `1e400` all parse).
pub fn number(fields: &[(&str, &str)], name: &str) -> Option<f64> {
    last(fields, name).and_then(|v| v.trim().parse::<f64>().ok())
}

/// `FUZZ_DEBUG=1` prints each outcome (to check what the seeds reach).
pub fn debug() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FUZZ_DEBUG").is_some())
}
