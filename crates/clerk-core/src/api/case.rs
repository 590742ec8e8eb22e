//! snake_case of keys as `snakecase-keys` 5 (through `snake-case` 3 / `no-case`) computes it:
//! split before an upper-case letter that follows a lower-case letter or digit, and between
//! two upper-case letters when a lower-case one follows; anything that is not an ASCII letter
//! or digit separates words; words are lower-cased and joined with `_`.

const SEP: char = '\0';

fn lower(c: char) -> bool {
    c.is_ascii_lowercase()
}
fn upper(c: char) -> bool {
    c.is_ascii_uppercase()
}

pub fn snake_case(input: &str) -> String {
    let chars: Vec<char> = input.chars().collect();
    // /([a-z0-9])([A-Z])/g
    let mut first = Vec::with_capacity(chars.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if i + 1 < chars.len()
            && (lower(chars[i]) || chars[i].is_ascii_digit())
            && upper(chars[i + 1])
        {
            first.extend([chars[i], SEP, chars[i + 1]]);
            i += 2;
        } else {
            first.push(chars[i]);
            i += 1;
        }
    }
    // /([A-Z])([A-Z][a-z])/g
    let mut second = Vec::with_capacity(first.len() + 4);
    let mut i = 0;
    while i < first.len() {
        if i + 2 < first.len() && upper(first[i]) && upper(first[i + 1]) && lower(first[i + 2]) {
            second.extend([first[i], SEP, first[i + 1], first[i + 2]]);
            i += 3;
        } else {
            second.push(first[i]);
            i += 1;
        }
    }
    // /[^A-Z0-9]+/gi -> separator; then trim, split, lower-case, join
    let mut words: Vec<String> = vec![String::new()];
    for c in second {
        if c.is_ascii_alphanumeric() {
            if let Some(w) = words.last_mut() {
                w.push(c);
            }
        } else if !words.last().map(String::is_empty).unwrap_or(true) {
            words.push(String::new());
        }
    }
    words.retain(|w| !w.is_empty());
    words
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn like_snakecase_keys() {
        for (input, expected) in [
            ("userId", "user_id"),
            ("emailAddress", "email_address"),
            ("web3Wallet", "web3_wallet"),
            ("external_id", "external_id"),
            ("orderBy", "order_by"),
            ("userIDs", "user_i_ds"),
            ("ABCDef", "abc_def"),
            ("createdAtMs", "created_at_ms"),
            ("__private", "private"),
            ("a--b", "a_b"),
            ("", ""),
            ("Ünïcode", "n_code"),
            ("skipPasswordChecks", "skip_password_checks"),
            ("totp_secret", "totp_secret"),
            ("phoneNumber2FA", "phone_number2_fa"),
        ] {
            assert_eq!(snake_case(input), expected, "{input}");
        }
    }
}
