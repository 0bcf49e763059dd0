//! JSON written the way Go's `encoding/json` Encoder writes it (as built into Alertmanager
//! 0.25): struct fields in declaration order, map keys sorted, `<`, `>`, `&`, U+2028 and
//! U+2029 escaped, control characters as `\u00XX` except `\n`, `\r`, `\t`, and a final newline.

use serde_json::Value;

/// A JSON value with ordered object members.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object, members in this order.
    Obj(Vec<(String, J)>),
}

impl J {
    /// A string value.
    pub fn s(v: impl Into<String>) -> J {
        J::Str(v.into())
    }

    /// A Go `map[string]…`: keys sorted.
    pub fn map(mut members: Vec<(String, J)>) -> J {
        members.sort_by(|a, b| a.0.cmp(&b.0));
        J::Obj(members)
    }

    /// A JSON value from serde_json, objects as Go maps (keys sorted).
    pub fn from_value(v: &Value) -> J {
        match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => J::Num(n.to_string()),
            Value::String(s) => J::Str(s.clone()),
            Value::Array(a) => J::Arr(a.iter().map(J::from_value).collect()),
            Value::Object(o) => J::map(
                o.iter()
                    .map(|(k, v)| (k.clone(), J::from_value(v)))
                    .collect(),
            ),
        }
    }
}

/// Encodes like `json.NewEncoder(w).Encode(v)`: compact, with a trailing newline.
pub fn encode(v: &J) -> String {
    let mut out = String::new();
    write(&mut out, v);
    out.push('\n');
    out
}

fn write(out: &mut String, v: &J) {
    match v {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => out.push_str(n),
        J::Str(s) => string(out, s),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item);
            }
            out.push(']');
        }
        J::Obj(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, k);
                out.push(':');
                write(out, item);
            }
            out.push('}');
        }
    }
}

/// A Go JSON string with HTML escaping.
pub fn string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || matches!(c, '<' | '>' | '&') => {
                let b = c as u32 as u8;
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 0xf) as usize] as char);
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_go() {
        let v = J::Obj(vec![
            (
                "b".into(),
                J::s("Latency <high> & \"rising\"\n\u{7}\u{8}\u{c}\u{7f}\u{2028}é"),
            ),
            (
                "a".into(),
                J::Arr(vec![J::Null, J::Bool(true), J::Num("2".into())]),
            ),
        ]);
        assert_eq!(
            encode(&v),
            "{\"b\":\"Latency \\u003chigh\\u003e \\u0026 \\\"rising\\\"\\n\\u0007\\u0008\\u000c\u{7f}\\u2028é\",\"a\":[null,true,2]}\n"
        );
        assert_eq!(
            encode(&J::map(vec![
                ("z".into(), J::Null),
                ("Z".into(), J::Null),
                ("a0".into(), J::Null),
                ("a".into(), J::Null)
            ])),
            "{\"Z\":null,\"a\":null,\"a0\":null,\"z\":null}\n"
        );
    }
}
