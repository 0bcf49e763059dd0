//! Regular expressions with Go's RE2 rules, as Alertmanager compiles them.

/// Compiles `^(?:pattern)$` the way Alertmanager does, returning a Go-style error message.
/// Go's syntax is checked first (an unclosed `\Q` swallows the closing `)$`, as in Go), then
/// the expression, written for the `regex` crate, is compiled for its size.
pub fn compile_anchored(pattern: &str) -> Result<regex::Regex, String> {
    let go = format!("^(?:{pattern})$");
    let rust =
        super::regex_syntax::to_rust(&go).map_err(|e| format!("error parsing regexp: {e}"))?;
    regex::RegexBuilder::new(&rust)
        .size_limit(64 << 20)
        .nest_limit(1000)
        .build()
        .map_err(|e| describe(&e))
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
        assert!(compile_anchored("x\\1").is_err());
        assert!(compile_anchored("\\Qa").is_err());
    }
}
