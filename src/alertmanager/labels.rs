//! Label-name rules.

/// True for a classic Prometheus label name: `[a-zA-Z_][a-zA-Z0-9_]*`.
pub fn is_classic_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_names() {
        assert!(is_classic_name("alertname"));
        assert!(is_classic_name("_x1"));
        assert!(!is_classic_name("1bad"));
        assert!(!is_classic_name("foo.bar"));
        assert!(!is_classic_name(""));
    }
}
