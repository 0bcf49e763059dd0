//! Label matchers: the classic parser of Alertmanager 0.25, the UTF-8 parser of 0.27+, and the
//! fallback mode that accepts what either accepts (the default since 0.27).

use std::fmt;

use super::{labels, regex, strconv};

/// The four matcher operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Op {
    /// `=`
    Equal,
    /// `!=`
    NotEqual,
    /// `=~`
    Regexp,
    /// `!~`
    NotRegexp,
}

impl Op {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Equal => "=",
            Op::NotEqual => "!=",
            Op::Regexp => "=~",
            Op::NotRegexp => "!~",
        }
    }
}

/// One matcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    /// Label name.
    pub name: String,
    /// Operator.
    pub op: Op,
    /// Value (for regex operators, the pattern before anchoring).
    pub value: String,
}

impl Matcher {
    /// A matcher; regex values are compiled (anchored) to check them.
    pub fn new(op: Op, name: &str, value: &str) -> Result<Self, String> {
        if matches!(op, Op::Regexp | Op::NotRegexp) {
            regex::compile_anchored(value)?;
        }
        Ok(Matcher {
            name: name.to_string(),
            op,
            value: value.to_string(),
        })
    }
}

impl fmt::Display for Matcher {
    /// `name="value"` as Alertmanager prints it (names with special characters quoted, values
    /// OpenMetrics-escaped).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.push_to(&mut s);
        f.write_str(&s)
    }
}

impl Matcher {
    /// Appends the [`Display`](fmt::Display) form.
    pub fn push_to(&self, out: &mut String) {
        if self.name.is_empty() || self.name.chars().any(is_reserved) {
            out.push_str(&strconv::quote(&self.name));
        } else {
            out.push_str(&self.name);
        }
        out.push_str(self.op.as_str());
        out.push('"');
        push_escaped_value(out, &self.value);
        out.push('"');
    }
}

/// OpenMetrics escaping of a matcher value: only `\`, newline and `"` are escaped.
pub fn escape_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    push_escaped_value(&mut out, v);
    out
}

fn push_escaped_value(out: &mut String, v: &str) {
    let mut rest = v;
    while let Some(i) = rest.find(['\\', '\n', '"']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'\\' => "\\\\",
            b'\n' => "\\n",
            _ => "\\\"",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Which parser accepted a matcher string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Accepted by the classic parser (all versions).
    Classic,
    /// Accepted only by the UTF-8 parser (0.27+).
    Utf8Only,
}

/// Parses a matchers string in fallback mode. Returns the matchers and which syntax was needed,
/// or the classic parser's error (Alertmanager reports that one when both fail).
pub fn parse_fallback(input: &str) -> Result<(Vec<Matcher>, Syntax), String> {
    match parse_classic(input) {
        // When both accept but disagree, Alertmanager keeps the classic result (and only
        // logs the disagreement), so the UTF-8 parser is not consulted.
        Ok(m) => Ok((m, Syntax::Classic)),
        Err(classic_err) => match parse_utf8(input) {
            Ok(m) => Ok((m, Syntax::Utf8Only)),
            Err(_) => Err(classic_err),
        },
    }
}

/// What [`parse_fallback`] gives.
pub type Parsed = Result<(Vec<Matcher>, Syntax), String>;

/// Most matchers remembered before [`forget_parsed`] (a safety net: it is called per config).
const MAX_REMEMBERED: usize = 1 << 16;

thread_local! {
    static PARSED: std::cell::RefCell<foldhash::HashMap<String, std::rc::Rc<Parsed>>> =
        std::cell::RefCell::default();
}

/// [`parse_fallback`], remembered on this thread until [`forget_parsed`]: validation, the
/// route keys and the self-check each read every matcher of a config.
pub fn parse_fallback_remembered(input: &str) -> std::rc::Rc<Parsed> {
    PARSED.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(hit) = m.get(input) {
            return hit.clone();
        }
        let parsed = std::rc::Rc::new(parse_fallback(input));
        if m.len() >= MAX_REMEMBERED {
            m.clear();
        }
        m.insert(input.to_string(), parsed.clone());
        parsed
    })
}

/// Forgets the matchers this thread remembered (so that memory follows one config).
pub fn forget_parsed() {
    PARSED.with(|m| m.borrow_mut().clear());
}

/// The classic parser (`pkg/labels.ParseMatchers` of 0.25).
pub fn parse_classic(input: &str) -> Result<Vec<Matcher>, String> {
    let s = input.strip_prefix('{').unwrap_or(input);
    let s = s.strip_suffix('}').unwrap_or(s);
    let mut tokens = Vec::new();
    let mut start = 0;
    let (mut inside, mut escaped) = (false, false);
    for (i, c) in s.char_indices() {
        match c {
            ',' if !inside => {
                tokens.push(&s[start..i]);
                start = i + 1;
                continue;
            }
            ',' => {}
            '"' => {
                if escaped {
                    escaped = false;
                } else {
                    inside = !inside;
                }
            }
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    let last = s[start..].trim();
    if !last.is_empty() {
        tokens.push(last);
    }
    tokens.iter().map(|t| parse_classic_one(t)).collect()
}

fn parse_classic_one(s: &str) -> Result<Matcher, String> {
    let bad = || format!("bad matcher format: {s}");
    let t = s.trim_start();
    let name_len = t
        .char_indices()
        .take_while(|(i, c)| {
            c.is_ascii_alphabetic() || *c == '_' || *c == ':' || (*i > 0 && c.is_ascii_digit())
        })
        .count();
    if name_len == 0 {
        return Err(bad());
    }
    let name = &t[..name_len];
    let rest = t[name_len..].trim_start();
    let (op, rest) = if let Some(r) = rest.strip_prefix("=~") {
        (Op::Regexp, r)
    } else if let Some(r) = rest.strip_prefix("!=") {
        (Op::NotEqual, r)
    } else if let Some(r) = rest.strip_prefix("!~") {
        (Op::NotRegexp, r)
    } else if let Some(r) = rest.strip_prefix('=') {
        (Op::Equal, r)
    } else {
        return Err(bad());
    };
    let raw = rest.trim();
    let (mut body, mut expect_quote) = (raw, false);
    if let Some(b) = raw.strip_prefix('"') {
        body = b;
        expect_quote = true;
    }
    let mut value = String::with_capacity(body.len());
    let mut escaped = false;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let last = chars.peek().is_none();
        if escaped {
            escaped = false;
            match c {
                'n' => value.push('\n'),
                '"' | '\\' => value.push(c),
                _ => {
                    value.push('\\');
                    value.push(c);
                }
            }
            continue;
        }
        match c {
            '\\' if !last => escaped = true,
            '\\' => value.push('\\'),
            '"' => {
                if !expect_quote || i + 1 < body.len() {
                    return Err(format!(
                        "matcher value contains unescaped double quote: {raw}"
                    ));
                }
                expect_quote = false;
            }
            _ => value.push(c),
        }
    }
    if expect_quote {
        return Err(format!(
            "matcher value contains unescaped double quote: {raw}"
        ));
    }
    Matcher::new(op, name, &value)
}

fn is_reserved(c: char) -> bool {
    c.is_whitespace() || "{}!=~,\\\"'`".contains(c)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Comma,
    Op(Op),
    Quoted(String),
    Unquoted(String),
}

fn lex(input: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '{' => toks.push(Tok::Open),
            '}' => toks.push(Tok::Close),
            ',' => toks.push(Tok::Comma),
            '=' => {
                if chars.peek().map(|p| p.1) == Some('~') {
                    chars.next();
                    toks.push(Tok::Op(Op::Regexp));
                } else {
                    toks.push(Tok::Op(Op::Equal));
                }
            }
            '!' => match chars.next().map(|p| p.1) {
                Some('=') => toks.push(Tok::Op(Op::NotEqual)),
                Some('~') => toks.push(Tok::Op(Op::NotRegexp)),
                _ => return Err(format!("{i}: expected one of '=~'")),
            },
            '"' => {
                let start = i;
                let mut end = None;
                let mut escaped = false;
                for (j, d) in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == '"' {
                        end = Some(j);
                        break;
                    }
                }
                let end = end.ok_or_else(|| format!("{start}: missing end \""))?;
                let lit = &input[start..=end];
                let v =
                    strconv::unquote(lit).map_err(|_| format!("{start}: {lit}: invalid input"))?;
                toks.push(Tok::Quoted(v));
            }
            c if is_reserved(c) => return Err(format!("{i}: {c}: invalid input")),
            _ => {
                let mut word = String::from(c);
                while let Some(&(_, d)) = chars.peek() {
                    if is_reserved(d) {
                        break;
                    }
                    word.push(d);
                    chars.next();
                }
                toks.push(Tok::Unquoted(word));
            }
        }
    }
    Ok(toks)
}

/// The UTF-8 parser (`matcher/parse` of 0.27+).
pub fn parse_utf8(input: &str) -> Result<Vec<Matcher>, String> {
    let toks = lex(input)?;
    let mut i = 0;
    let open = toks.first() == Some(&Tok::Open);
    if open {
        i += 1;
    }
    let mut out = Vec::new();
    let text = |t: Option<&Tok>| match t {
        Some(Tok::Quoted(s)) | Some(Tok::Unquoted(s)) => Some(s.clone()),
        _ => None,
    };
    loop {
        match toks.get(i) {
            None => break,
            Some(Tok::Close) => break,
            _ => {}
        }
        let name = text(toks.get(i)).ok_or("expected label name")?;
        let op = match toks.get(i + 1) {
            Some(Tok::Op(op)) => *op,
            _ => return Err("expected an operator such as '=', '!=', '=~' or '!~'".into()),
        };
        let value = text(toks.get(i + 2)).ok_or("expected label value")?;
        out.push(
            Matcher::new(op, &name, &value)
                .map_err(|e| format!("failed to create matcher: {e}"))?,
        );
        i += 3;
        match toks.get(i) {
            Some(Tok::Comma) => i += 1,
            Some(Tok::Close) | None => {}
            Some(_) => return Err("expected a comma or close brace".into()),
        }
    }
    match (open, toks.get(i)) {
        (true, Some(Tok::Close)) => i += 1,
        (true, _) => return Err("expected close brace".into()),
        (false, Some(Tok::Close)) => return Err("}: expected opening brace".into()),
        (false, _) => {}
    }
    if i != toks.len() {
        return Err("expected end of input".into());
    }
    Ok(out)
}

/// True when `name` is a valid label name in the UTF-8 rules (any non-empty UTF-8).
pub fn is_utf8_name(name: &str) -> bool {
    !name.is_empty()
}

/// True for a name valid in every version.
pub fn is_classic_name(name: &str) -> bool {
    labels::is_classic_name(name)
}

/// Prints matchers as `{a="b",c=~"d"}`.
pub fn format_set(ms: &[Matcher]) -> String {
    let mut out = String::new();
    push_set(&mut out, ms);
    out
}

/// Appends [`format_set`]'s text.
pub fn push_set(out: &mut String, ms: &[Matcher]) {
    out.push('{');
    for (i, m) in ms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        m.push_to(out);
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_parses_are_the_parses_until_forgotten() {
        let inputs = [
            "a=\"b\"",
            "{x=~\"y.*\", z!=w}",
            "bad matcher",
            "foo.bar=\"x\"",
            "",
        ];
        for i in inputs {
            let first = parse_fallback_remembered(i);
            assert_eq!(*first, parse_fallback(i), "{i}");
            assert!(std::rc::Rc::ptr_eq(&first, &parse_fallback_remembered(i)));
        }
        let kept = parse_fallback_remembered(inputs[0]);
        forget_parsed();
        assert!(!std::rc::Rc::ptr_eq(
            &kept,
            &parse_fallback_remembered(inputs[0])
        ));
    }

    #[test]
    fn classic_syntax() {
        let m = parse_classic("{foo = \"bar\", dings != \"bums\", }").unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].to_string(), "dings!=\"bums\"");
        let m = parse_classic("severity=~\"critical|warning\"").unwrap();
        assert_eq!(m[0].op, Op::Regexp);
        assert!(parse_classic("foo.bar=\"x\"").is_err());
        assert!(parse_classic("foo=\"unterminated").is_err());
        assert!(parse_classic("=x").is_err());
        assert_eq!(parse_classic("a=b").unwrap()[0].value, "b");
        assert!(parse_classic("").unwrap().is_empty());
        let m = parse_classic(r#"a="x,y", b="q\"r,s" "#).unwrap();
        assert_eq!(
            (m[0].value.as_str(), m[1].value.as_str()),
            ("x,y", "q\"r,s")
        );
    }

    #[test]
    fn utf8_syntax_and_fallback() {
        let m = parse_utf8("{\"foo.bar\"=\"x\", env!=prod}").unwrap();
        assert_eq!(m[0].name, "foo.bar");
        assert_eq!(m[0].to_string(), "foo.bar=\"x\"");
        let m = parse_utf8("{\"a b\"=\"x\\ny\\u00e9\"}").unwrap();
        assert_eq!(m[0].to_string(), "\"a b\"=\"x\\nyé\"");
        assert!(parse_utf8("a=\"b\" c=\"d\"").is_err());
        let (_, syntax) = parse_fallback("foo.bar=x").unwrap();
        assert_eq!(syntax, Syntax::Utf8Only);
        let (_, syntax) = parse_fallback("foo=bar").unwrap();
        assert_eq!(syntax, Syntax::Classic);
        assert!(parse_fallback("foo~~bar").is_err());
    }

    #[test]
    fn bad_regex_is_reported() {
        assert!(parse_classic("a=~\"(\"").unwrap_err().contains("regexp"));
    }

    #[test]
    fn formats_sets() {
        let m = parse_classic("b=\"2\",a=~\"x\"").unwrap();
        assert_eq!(format_set(&m), "{b=\"2\",a=~\"x\"}");
    }
}
