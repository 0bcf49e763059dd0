//! URL checks as Alertmanager does them: Go's `url.Parse`, then scheme and host rules.

/// The parts of a parsed URL that Alertmanager looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Lower-cased scheme, "" when there is none.
    pub scheme: String,
    /// Host (with port), "" when there is none.
    pub host: String,
    /// True when the URL has `user:password@`.
    pub has_userinfo: bool,
}

/// Go's `url.Parse`, reduced to the checks that make it fail and the parts used later.
pub fn parse(s: &str) -> Result<Parsed, String> {
    if s.chars().any(|c| (c as u32) < 0x20 || c as u32 == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    let (scheme, rest) = split_scheme(s)?;
    let rest = rest.split('#').next().unwrap_or("");
    let rest = rest.split('?').next().unwrap_or("");
    let mut parsed = Parsed {
        scheme: scheme.to_ascii_lowercase(),
        host: String::new(),
        has_userinfo: false,
    };
    if let Some(auth_and_path) = rest.strip_prefix("//") {
        let end = auth_and_path.find('/').unwrap_or(auth_and_path.len());
        let authority = &auth_and_path[..end];
        let (userinfo, host) = match authority.rfind('@') {
            Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
            None => (None, authority),
        };
        check_host(host)?;
        if let Some(userinfo) = userinfo {
            check_userinfo(userinfo)?;
            parsed.has_userinfo = true;
        }
        parsed.host = host.to_string();
        check_escapes(&auth_and_path[end..])?;
    } else if scheme.is_empty() {
        let first = rest.split('/').next().unwrap_or("");
        if first.contains(':') {
            return Err("first path segment in URL cannot contain colon".into());
        }
        check_escapes(rest)?;
    }
    Ok(parsed)
}

fn split_scheme(s: &str) -> Result<(&str, &str), String> {
    for (i, c) in s.char_indices() {
        match c {
            'a'..='z' | 'A'..='Z' => {}
            '0'..='9' | '+' | '-' | '.' if i > 0 => {}
            ':' if i == 0 => return Err("missing protocol scheme".into()),
            ':' => return Ok((&s[..i], &s[i + 1..])),
            _ => return Ok(("", s)),
        }
    }
    Ok(("", s))
}

fn check_host(host: &str) -> Result<(), String> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let end = rest
            .find(']')
            .ok_or_else(|| "missing ']' in host".to_string())?;
        let after = &rest[end + 1..];
        if !after.is_empty() && !after.starts_with(':') {
            return Err(format!("invalid port {after:?} after host"));
        }
        ("", after)
    } else {
        match host.rfind(':') {
            Some(i) => (&host[..i], &host[i..]),
            None => (host, ""),
        }
    };
    if let Some(p) = port.strip_prefix(':')
        && !p.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(format!("invalid port {port:?} after host"));
    }
    for c in name.chars() {
        let ok = c.is_ascii_alphanumeric()
            || "-_.~!$&'()*+,;=:[]<>\"%".contains(c)
            || (c as u32) >= 0x80;
        if !ok {
            return Err(format!(
                "invalid character {:?} in host name",
                c.to_string()
            ));
        }
    }
    check_escapes(name)
}

/// Go's `validUserinfo` (RFC 3986's characters, `%` escapes checked after), then the escapes.
fn check_userinfo(userinfo: &str) -> Result<(), String> {
    let valid = |c: char| c.is_ascii_alphanumeric() || "-._:~!$&'()*+,;=%@".contains(c);
    if !userinfo.chars().all(valid) {
        return Err("net/url: invalid userinfo".into());
    }
    check_escapes(userinfo)
}

fn check_escapes(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let ok =
                b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit();
            if !ok {
                let end = (i + 3).min(b.len());
                return Err(format!(
                    "invalid URL escape {:?}",
                    String::from_utf8_lossy(&b[i..end])
                ));
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    Ok(())
}

/// Alertmanager's URL rule: parses, scheme `http` or `https`, non-empty host.
pub fn check_http(s: &str) -> Result<Parsed, String> {
    let p = parse(s)?;
    if p.scheme != "http" && p.scheme != "https" {
        return Err(format!("unsupported scheme {:?} for URL", p.scheme));
    }
    if p.host.is_empty() {
        return Err("missing host for URL".into());
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alertmanager_url_rules() {
        assert!(check_http("https://hooks.slack.com/services/x").is_ok());
        assert!(check_http("http://127.0.0.1:18080/pd").is_ok());
        assert_eq!(
            check_http("${SLACK_URL}").unwrap_err(),
            "unsupported scheme \"\" for URL"
        );
        assert_eq!(
            check_http("localhost:9093").unwrap_err(),
            "unsupported scheme \"localhost\" for URL"
        );
        assert_eq!(
            check_http("ftp://x").unwrap_err(),
            "unsupported scheme \"ftp\" for URL"
        );
        assert_eq!(check_http("http://").unwrap_err(), "missing host for URL");
        assert!(check_http("http://a b/").is_err());
        assert!(check_http("http://host:port/").is_err());
        assert!(check_http("http://h/%zz").is_err());
        assert!(check_http("http://example.com/{{ .GroupLabels.x }}").is_ok());
        assert!(
            check_http("https://user:pw@example.com/")
                .unwrap()
                .has_userinfo
        );
        assert!(parse("foo").is_ok());
    }

    #[test]
    fn userinfo_is_checked_as_go_checks_it() {
        for ok in [
            "http://u:p:q@h/",
            "http://a@b@h/",
            "http://u%41:p!$&'()*+,;=~@h/",
        ] {
            assert!(check_http(ok).unwrap().has_userinfo, "{ok}");
        }
        for (bad, why) in [
            ("http://user:pa ss@h/", "net/url: invalid userinfo"),
            ("http://u[x]@h/", "net/url: invalid userinfo"),
            ("http://\u{fc}@h/", "net/url: invalid userinfo"),
            ("http://u\"@h/", "net/url: invalid userinfo"),
            ("http://us%zzer@h/", "invalid URL escape \"%zz\""),
            ("http://u:p@h:x/", "invalid port \":x\" after host"),
        ] {
            assert_eq!(check_http(bad).unwrap_err(), why, "{bad}");
        }
    }
}
