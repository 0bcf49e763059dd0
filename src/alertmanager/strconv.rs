//! Go's `strconv.Quote` (the `%q` verb), which Alertmanager uses to print matcher and label
//! values (and so group keys).

/// Go's `strconv.IsPrint`, approximated without Unicode tables: everything except controls,
/// non-ASCII spaces, line/paragraph separators, common format characters, surrogates,
/// private-use characters and noncharacters.
pub fn is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x20 || (0x7f..0xa0).contains(&u) {
        return false;
    }
    if c == ' ' {
        return true;
    }
    !matches!(
        u,
        0xa0 | 0xad
            | 0x1680
            | 0x2000..=0x200f
            | 0x2028..=0x202f
            | 0x205f..=0x2064
            | 0x2066..=0x206f
            | 0x3000
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0xe000..=0xf8ff
            | 0xfdd0..=0xfdef
            | 0xf0000..=0x10ffff
    ) && (u & 0xfffe) != 0xfffe
}

/// `strconv.Quote(s)`: a double-quoted Go string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out.push('"');
    out
}

/// Appends one character the way `strconv.Quote` writes it.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        c if is_print(c) => out.push(c),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => {
            out.push_str(&format!("\\x{:02x}", c as u32));
        }
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
}

/// The inverse of [`quote`] for double-quoted literals holding valid UTF-8.
pub fn unquote(s: &str) -> Result<String, String> {
    let inner = s
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .ok_or_else(|| "not a double-quoted Go string".to_string())?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\n' {
            return Err("unescaped quote or newline".into());
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next().ok_or("trailing backslash")?;
        let hex = |n: usize, chars: &mut std::str::Chars| -> Result<u32, String> {
            let digits: String = chars.take(n).collect();
            if digits.len() != n {
                return Err("short escape".into());
            }
            u32::from_str_radix(&digits, 16).map_err(|_| "bad hex escape".to_string())
        };
        let ch = match e {
            'a' => '\u{7}',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            '\\' => '\\',
            '"' => '"',
            'x' => char::from_u32(hex(2, &mut chars)?).ok_or("bad \\x escape")?,
            'u' => char::from_u32(hex(4, &mut chars)?).ok_or("bad \\u escape")?,
            'U' => char::from_u32(hex(8, &mut chars)?).ok_or("bad \\U escape")?,
            '0'..='7' => {
                let rest: String = chars.by_ref().take(2).collect();
                let v = u32::from_str_radix(&format!("{e}{rest}"), 8).map_err(|_| "bad octal")?;
                char::from_u32(v).ok_or("bad octal escape")?
            }
            _ => return Err(format!("unknown escape \\{e}")),
        };
        out.push(ch);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go() {
        assert_eq!(quote("q\"uote"), r#""q\"uote""#);
        assert_eq!(quote("a\nb\tc\\"), r#""a\nb\tc\\""#);
        assert_eq!(quote("\u{7}\u{1b}\u{7f}"), r#""\a\x1b\x7f""#);
        assert_eq!(quote("é🙂"), "\"é🙂\"");
        assert_eq!(quote("\u{2028}\u{a0}"), r#""\u2028\u00a0""#);
    }

    #[test]
    fn round_trips() {
        for s in ["", "plain", "a\"b\\c\n\t\u{1}\u{7f}é🙂\u{2029}"] {
            assert_eq!(unquote(&quote(s)).unwrap(), s);
        }
    }
}
