//! The few JavaScript semantics the reference's messages and rules depend on:
//! `JSON.stringify` of a parsed JSON value, `Date` arithmetic on seconds claims, and
//! `Date.prototype.toUTCString`. Messages built with these read exactly as the reference's.

use serde_json::Value;

/// `JSON.stringify(value)` as V8 prints a value that came from `JSON.parse`.
pub fn stringify(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// `JSON.stringify` of an optional value: `undefined` prints nothing in JS, and the reference
/// interpolates that into its messages as the word `undefined`.
pub fn stringify_opt(value: Option<&Value>) -> String {
    match value {
        Some(v) => stringify(v),
        None => "undefined".to_string(),
    }
}

/// A JS number as `String(n)` prints it.
pub fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    ryu_js::Buffer::new().format(n).to_string()
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.is_finite() {
                out.push_str(&number_to_string(f));
            } else {
                out.push_str("null");
            }
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // JS orders integer-like keys first, ascending, then the rest as inserted.
            let mut index_keys: Vec<(u32, &String, &Value)> = Vec::new();
            let mut other_keys: Vec<(&String, &Value)> = Vec::new();
            for (k, v) in map {
                match array_index(k) {
                    Some(i) => index_keys.push((i, k, v)),
                    None => other_keys.push((k, v)),
                }
            }
            index_keys.sort_by_key(|(i, _, _)| *i);
            out.push('{');
            let entries = index_keys
                .iter()
                .map(|(_, k, v)| (*k, *v))
                .chain(other_keys);
            for (i, (k, v)) in entries.enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, v);
            }
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    // serde_json escapes exactly as JSON.stringify does for well-formed strings.
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
}

/// A canonical array index ("0", "17", never "01" or "4294967295").
fn array_index(key: &str) -> Option<u32> {
    if key.is_empty() || key.len() > 10 || (key.len() > 1 && key.starts_with('0')) {
        return None;
    }
    if !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = key.parse().ok()?;
    if n < u32::MAX as u64 {
        Some(n as u32)
    } else {
        None
    }
}

const MS_PER_DAY: f64 = 86_400_000.0;
const MAX_TIME: f64 = 8.64e15;

/// `new Date(0).setUTCSeconds(seconds)` as milliseconds: the integer part of the seconds
/// times 1000, or NaN (an "Invalid Date") when out of the Date range or not finite.
pub fn date_ms_from_seconds(seconds: f64) -> f64 {
    if !seconds.is_finite() {
        return f64::NAN;
    }
    let ms = seconds.trunc() * 1000.0;
    time_clip(ms)
}

/// `new Date(ms).getTime()`.
pub fn time_clip(ms: f64) -> f64 {
    if !ms.is_finite() || ms.abs() > MAX_TIME {
        return f64::NAN;
    }
    ms.trunc() + 0.0
}

/// `new Date(ms).toUTCString()`, e.g. `Thu, 01 Jan 1970 00:00:00 GMT`.
pub fn to_utc_string(ms: f64) -> String {
    let ms = time_clip(ms);
    if ms.is_nan() {
        return "Invalid Date".into();
    }
    let days = (ms / MS_PER_DAY).floor();
    let in_day = ms - days * MS_PER_DAY;
    let days = days as i64;
    let secs_in_day = (in_day / 1000.0).floor() as i64;
    let (year, month, day) = civil_from_days(days);
    let weekday = (days + 4).rem_euclid(7) as usize;
    const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let sign = if year < 0 { "-" } else { "" };
    format!(
        "{}, {:02} {} {}{:04} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[weekday],
        day,
        MONTHS[(month - 1) as usize],
        sign,
        year.unsigned_abs(),
        secs_in_day / 3600,
        (secs_in_day / 60) % 60,
        secs_in_day % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month 1-12, day 1-31).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn stringify_matches_js() {
        assert_eq!(stringify(&json!(1.0)), "1");
        assert_eq!(stringify(&json!(1.5e21)), "1.5e+21");
        assert_eq!(stringify(&json!(0.000001)), "0.000001");
        assert_eq!(stringify(&json!(1e-7)), "1e-7");
        assert_eq!(
            stringify(&json!(12345678901234567890u64)),
            "12345678901234567000"
        );
        assert_eq!(stringify(&json!("a\"b\n\u{1}")), r#""a\"b\n\u0001""#);
        assert_eq!(stringify(&json!(["x", null, true])), r#"["x",null,true]"#);
        let v: Value = serde_json::from_str(r#"{"b":1,"2":2,"a":3,"1":4,"01":5}"#).unwrap();
        assert_eq!(stringify(&v), r#"{"1":4,"2":2,"b":1,"a":3,"01":5}"#);
        assert_eq!(stringify_opt(None), "undefined");
    }

    #[test]
    fn dates_match_js() {
        assert_eq!(to_utc_string(0.0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(
            to_utc_string(1_700_000_000_000.0),
            "Tue, 14 Nov 2023 22:13:20 GMT"
        );
        assert_eq!(to_utc_string(-1.0), "Wed, 31 Dec 1969 23:59:59 GMT");
        assert_eq!(
            to_utc_string(951_782_400_000.0),
            "Tue, 29 Feb 2000 00:00:00 GMT"
        );
        assert_eq!(
            to_utc_string(-62_198_755_200_000.0),
            "Fri, 01 Jan -0001 00:00:00 GMT"
        );
        assert_eq!(to_utc_string(8.64e15), "Sat, 13 Sep 275760 00:00:00 GMT");
        assert_eq!(to_utc_string(f64::NAN), "Invalid Date");
        assert_eq!(date_ms_from_seconds(1.9), 1000.0);
        assert_eq!(date_ms_from_seconds(-1.9), -1000.0);
        assert!(date_ms_from_seconds(8.64e12 + 1.0).is_nan());
        assert_eq!(date_ms_from_seconds(8.64e12), 8.64e15);
        assert!(date_ms_from_seconds(f64::INFINITY).is_nan());
    }
}
