//! What Go's yaml.v2, which Alertmanager reads its config with, makes of a scalar's text: the
//! type it resolves to. A scalar tagged `!!int`, `!!bool`, `!!float`, `!!null` or
//! `!!timestamp` must resolve to that type (an integer will do for `!!float`), or yaml.v2
//! refuses the whole file; `!!binary` text must be base64.

use base64::Engine;

use super::is_yaml11_bool;

/// A type yaml.v2 resolves plain text to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// `~`, `null`, nothing.
    Null,
    /// YAML 1.1's booleans (`yes`, `off`, `y`...).
    Bool,
    /// Integers of any base that fit 64 bits.
    Int,
    /// Decimal numbers, `.inf`, `.nan`.
    Float,
    /// `2001-12-14`, `2001-12-14T21:59:43.10Z`, `2001-12-14 21:59:43.10`.
    Timestamp,
    /// Anything else.
    Str,
}

impl Resolved {
    fn of_tag(core: &str) -> Option<Resolved> {
        Some(match core {
            "null" => Resolved::Null,
            "bool" => Resolved::Bool,
            "int" => Resolved::Int,
            "float" => Resolved::Float,
            "timestamp" => Resolved::Timestamp,
            _ => return None,
        })
    }
}

/// The text a `!!binary` scalar stands for, as yaml.v2 decodes it into a string (Go's
/// standard base64, line breaks ignored); an error when it is not base64 or not UTF-8 text.
pub fn binary(text: &str) -> Result<String, String> {
    const GO_STD: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
    );
    let joined: String = text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
    let bytes = GO_STD
        .decode(joined)
        .map_err(|_| "the tag `!!binary` needs base64 text, and this is not".to_string())?;
    String::from_utf8(bytes).map_err(|_| {
        "this `!!binary` data is not UTF-8 text, which am2amp cannot carry".to_string()
    })
}

/// Why yaml.v2 refuses a scalar with core tag `core` (`int`, `timestamp`...), spelled `tag`,
/// and text `text`, or `None` when it reads it (or the tag is not one it resolves). The text
/// is not quoted: it may be a secret.
pub fn tag_refusal(core: &str, tag: &str, text: &str) -> Option<String> {
    let want = Resolved::of_tag(core)?;
    let got = resolve(text, want == Resolved::Timestamp);
    if got == want || (want == Resolved::Float && got == Resolved::Int) {
        return None;
    }
    let what = match want {
        Resolved::Null => "null",
        Resolved::Bool => "a boolean",
        Resolved::Int => "an integer",
        Resolved::Float => "a number",
        Resolved::Timestamp => "a timestamp",
        Resolved::Str => "a string",
    };
    Some(format!(
        "the tag `{tag}` makes this {what}, which its text is not, so Alertmanager refuses the file"
    ))
}

/// The type yaml.v2 resolves `text` to when it is written plain (or carries a core tag);
/// timestamps count only when `timestamps` is set (untagged text or `!!timestamp`).
pub fn resolve(text: &str, timestamps: bool) -> Resolved {
    match text.as_bytes().first() {
        None => Resolved::Null,
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => {
            named(text).unwrap_or(Resolved::Str)
        }
        Some(b'.') => match named(text) {
            Some(r) => r,
            None if go_float(text) => Resolved::Float,
            None => Resolved::Str,
        },
        Some(b'+' | b'-' | b'0'..=b'9') => {
            if let Some(r) = named(text) {
                return r;
            }
            if timestamps && is_timestamp(text) {
                return Resolved::Timestamp;
            }
            let plain = text.replace('_', "");
            if go_int(&plain) {
                Resolved::Int
            } else if yaml_style_float(&plain) && go_float(&plain) {
                Resolved::Float
            } else {
                Resolved::Str
            }
        }
        Some(_) => Resolved::Str,
    }
}

/// Plain text that reads as null: nothing, `~` or `null` in three spellings.
pub fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// yaml.v2's table of spelled-out values.
fn named(text: &str) -> Option<Resolved> {
    Some(match text {
        t if is_yaml11_bool(t).is_some() => Resolved::Bool,
        t if is_null(t) => Resolved::Null,
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF"
        | "-.inf" | "-.Inf" | "-.INF" => Resolved::Float,
        _ => return None,
    })
}

/// Go's `strconv.ParseInt(s, 0, 64)` or `ParseUint(s, 0, 64)` succeeds: a sign (not for
/// values past `i64::MAX`), then `0x`, `0o`, `0b`, a leading `0` (octal) or decimal digits.
fn go_int(s: &str) -> bool {
    let (sign, body) = match s.as_bytes().first() {
        Some(b'-') => (Some(true), &s[1..]),
        Some(b'+') => (Some(false), &s[1..]),
        _ => (None, s),
    };
    let lower = body.get(..2).map(str::to_ascii_lowercase);
    let (radix, digits) = match lower.as_deref() {
        Some("0x") => (16, &body[2..]),
        Some("0o") => (8, &body[2..]),
        Some("0b") => (2, &body[2..]),
        _ if body.len() > 1 && body.starts_with('0') => (8, &body[1..]),
        _ => (10, body),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return false;
    }
    let Ok(v) = u128::from_str_radix(digits, radix) else {
        return false;
    };
    match sign {
        Some(true) => v <= 1 << 63,
        Some(false) => v <= i64::MAX as u128,
        None => v <= u64::MAX as u128,
    }
}

/// yaml.v2's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    } else {
        if !digits(&mut i) {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseFloat(s, 64)` succeeds on decimal text: finite (overflow is an error).
fn go_float(s: &str) -> bool {
    !s.contains('_') && s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// yaml.v2's timestamp layouts: `2006-1-2`, `2006-1-2 15:4:5.999999999` and
/// `2006-1-2T15:4:5.999999999Z07:00` (`t` too), with Go's range checks.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    // A run of `min..=max` digits, valued by its first nine (a fraction's may be longer).
    let num = |i: &mut usize, min: usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        let run = &s[start..*i];
        (run.len() >= min).then(|| run[..run.len().min(9)].parse().ok())?
    };
    let lit = |i: &mut usize, c: &[u8]| -> bool {
        let ok = b.get(*i).is_some_and(|x| c.contains(x));
        *i += usize::from(ok);
        ok
    };
    // Three numbers split by `sep`: the first of `first` digits, the others of one or two.
    let three = |i: &mut usize, sep: &[u8], first: (usize, usize)| -> Option<[u32; 3]> {
        let a = num(i, first.0, first.1)?;
        lit(i, sep).then_some(())?;
        let b = num(i, 1, 2)?;
        lit(i, sep).then_some(())?;
        Some([a, b, num(i, 1, 2)?])
    };
    let Some([year, month, day]) = three(&mut i, b"-", (4, 4)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zoned = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    match three(&mut i, b":", (1, 2)) {
        Some([h, m, sec]) if h < 24 && m < 60 && sec < 60 => {}
        _ => return false,
    }
    if lit(&mut i, b".") && num(&mut i, 1, usize::MAX).is_none() {
        return false;
    }
    if !zoned {
        return i == b.len();
    }
    if lit(&mut i, b"Z") {
        return i == b.len();
    }
    // Go allows offsets of 24 hours and 60 minutes.
    let offset = lit(&mut i, b"+-")
        && num(&mut i, 2, 2).is_some_and(|h| h <= 24)
        && lit(&mut i, b":")
        && num(&mut i, 2, 2).is_some_and(|m| m <= 60);
    offset && i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_as_yaml_v2_does() {
        use Resolved::*;
        let cases = [
            ("", Null),
            ("~", Null),
            ("Null", Null),
            ("nULL", Str),
            ("y", Bool),
            ("Off", Bool),
            ("oFF", Str),
            ("5", Int),
            ("-0x1F", Int),
            ("0o17", Int),
            ("0755", Int),
            ("08", Float),
            ("1_000", Int),
            ("9223372036854775807", Int),
            ("18446744073709551615", Int),
            ("18446744073709551616", Float),
            ("-9223372036854775808", Int),
            ("-9223372036854775809", Float),
            ("0x", Str),
            ("1.5", Float),
            ("1.", Float),
            (".5", Float),
            (".", Str),
            ("1e5", Float),
            ("1e999", Str),
            ("+.inf", Float),
            (".NaN", Float),
            ("1.5.6", Str),
            ("foo", Str),
            ("2001-12-14", Str),
            ("12:30", Str),
        ];
        for (text, want) in cases {
            assert_eq!(resolve(text, false), want, "{text:?}");
        }
    }

    #[test]
    fn timestamps_follow_go_layouts() {
        for ok in [
            "2001-12-14",
            "2001-1-2",
            "2000-02-29",
            "2001-12-14T21:59:43.10Z",
            "2001-12-14t21:59:43-05:00",
            "2001-12-14 21:59:43.10",
            "2001-12-14 1:2:3",
            "2001-12-14 1:2:3.12345678901234567890123",
        ] {
            assert_eq!(resolve(ok, true), Resolved::Timestamp, "{ok}");
        }
        for bad in [
            "2001-02-29",
            "2001-13-01",
            "2001-12-14T21:59:43",
            "2001-12-14 21:59:43Z",
            "2001-12-14T25:00:00Z",
            "01-12-14",
            "2001-12-14x",
        ] {
            assert_ne!(resolve(bad, true), Resolved::Timestamp, "{bad}");
        }
    }

    #[test]
    fn core_tags_refuse_text_of_another_type() {
        assert_eq!(tag_refusal("int", "!!int", "5"), None);
        assert_eq!(tag_refusal("float", "!!float", "5"), None);
        assert_eq!(tag_refusal("bool", "!!bool", "yes"), None);
        assert_eq!(tag_refusal("null", "!!null", ""), None);
        assert_eq!(tag_refusal("str", "!!str", "5"), None);
        assert_eq!(tag_refusal("custom", "!custom", "x"), None);
        for (tag, text) in [
            ("int", "foo"),
            ("int", "1.5"),
            ("bool", "5"),
            ("null", "x"),
            ("float", "x"),
            ("timestamp", "5"),
        ] {
            assert!(tag_refusal(tag, "!!x", text).is_some(), "!!{tag} {text}");
        }
    }

    #[test]
    fn binary_is_decoded_as_go_decodes_it() {
        assert_eq!(binary("aGk=").as_deref(), Ok("hi"));
        assert_eq!(binary("aHR0cDov\nL2E=\n").as_deref(), Ok("http://a"));
        assert_eq!(
            binary("aGl=").as_deref(),
            Ok("hi"),
            "trailing bits are allowed"
        );
        assert!(binary("aGk").is_err(), "padding is required");
        assert!(binary("a?==").is_err());
        assert!(binary("/w==").is_err(), "not UTF-8");
    }
}
