//! Regular expressions with Go's RE2 rules, as Alertmanager compiles them.

/// Compiles `^(?:pattern)$` the way Alertmanager does, returning a Go-style error message.
pub fn compile_anchored(pattern: &str) -> Result<regex::Regex, String> {
    check_repeats(pattern)?;
    let expanded = expand_quoted(pattern);
    regex::RegexBuilder::new(&format!("^(?:{expanded})$"))
        .octal(true)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| describe(&e))
}

/// Go limits counted repetition to 1000.
fn check_repeats(p: &str) -> Result<(), String> {
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'{' => {
                let close = p[i..].find('}').map(|j| i + j);
                if let Some(close) = close {
                    let inner = &p[i + 1..close];
                    let nums: Vec<&str> = inner.split(',').collect();
                    let numeric = !inner.is_empty()
                        && nums.len() <= 2
                        && nums.iter().enumerate().all(|(k, n)| {
                            n.bytes().all(|c| c.is_ascii_digit()) && (k == 1 || !n.is_empty())
                        });
                    if numeric
                        && nums
                            .iter()
                            .any(|n| n.parse::<u64>().is_ok_and(|v| v > 1000))
                    {
                        return Err(format!(
                            "error parsing regexp: invalid repeat count: `{}`",
                            &p[i..=close]
                        ));
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// Go supports `\Q...\E` literal spans; rewrite them as escaped text.
fn expand_quoted(p: &str) -> String {
    if !p.contains("\\Q") {
        return p.to_string();
    }
    let mut out = String::with_capacity(p.len());
    let mut rest = p;
    while let Some(i) = rest.find("\\Q") {
        // Only an unescaped `\Q` starts a literal span.
        let backslashes = rest[..i].bytes().rev().take_while(|b| *b == b'\\').count();
        if backslashes % 2 == 1 {
            out.push_str(&rest[..i + 2]);
            rest = &rest[i + 2..];
            continue;
        }
        out.push_str(&rest[..i]);
        let lit = &rest[i + 2..];
        let (text, after) = match lit.find("\\E") {
            Some(j) => (&lit[..j], &lit[j + 2..]),
            None => (lit, ""),
        };
        out.push_str(&regex::escape(text));
        rest = after;
    }
    out.push_str(rest);
    out
}

fn describe(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(s) => {
            let last = s
                .lines()
                .rev()
                .find(|l| l.starts_with("error:"))
                .unwrap_or(s.lines().last().unwrap_or(s));
            format!(
                "error parsing regexp: {}",
                last.trim_start_matches("error:").trim()
            )
        }
        regex::Error::CompiledTooBig(_) => "error parsing regexp: expression too large".into(),
        _ => "error parsing regexp".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_compatible() {
        assert!(compile_anchored("^(foo1|foo2|baz)$").is_ok());
        assert!(compile_anchored("").is_ok());
        assert!(compile_anchored("a\\_b\\-c").is_ok());
        assert!(compile_anchored("\\Q.*\\E").unwrap().is_match(".*"));
        assert!(compile_anchored("a{1001}").is_err());
        assert!(compile_anchored("a{2,1000}").is_ok());
        assert!(compile_anchored("(unclosed").is_err());
        assert!(compile_anchored("(?=lookahead)").is_err());
        assert!(compile_anchored("x\\1").is_err() || compile_anchored("x\\1").is_ok());
    }
}
