//! `host:port` addresses (Go's `net.SplitHostPort` plus Alertmanager's empty-port check).

/// Splits `host:port`; errors use Go's wording.
pub fn split(s: &str) -> Result<(String, String), String> {
    let missing = || format!("address {s}: missing port in address");
    let too_many = || format!("address {s}: too many colons in address");
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let end = rest
            .find(']')
            .ok_or_else(|| format!("address {s}: missing ']' in address"))?;
        let after = &rest[end + 1..];
        let port = after.strip_prefix(':').ok_or_else(|| {
            if after.is_empty() {
                missing()
            } else {
                format!("address {s}: unexpected ']' in address")
            }
        })?;
        (&rest[..end], port)
    } else {
        let i = s.rfind(':').ok_or_else(missing)?;
        let host = &s[..i];
        if host.contains(':') {
            return Err(too_many());
        }
        (host, &s[i + 1..])
    };
    if host.contains('[') || host.contains(']') {
        return Err(format!("address {s}: unexpected '[' in address"));
    }
    if port.contains('[') || port.contains(']') {
        return Err(format!("address {s}: unexpected ']' in address"));
    }
    if port.is_empty() {
        return Err(format!("address {s:?}: port cannot be empty"));
    }
    Ok((host.to_string(), port.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_go() {
        assert_eq!(split("localhost:25"), Ok(("localhost".into(), "25".into())));
        assert_eq!(split("[::1]:25"), Ok(("::1".into(), "25".into())));
        assert!(
            split("${smtp_smarthost}")
                .unwrap_err()
                .contains("missing port")
        );
        assert!(
            split("${SMTP_HOST:-smtp.gmail.com:587}")
                .unwrap_err()
                .contains("too many colons")
        );
        assert!(split("host:").unwrap_err().contains("port cannot be empty"));
    }
}
