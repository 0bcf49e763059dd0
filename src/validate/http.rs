//! Rules for `http_config` and `tls_config` (prometheus/common's `Validate`).

use super::{V, present, set_secret, set_str};
use crate::alertmanager::url;
use crate::diag::{Code, Diagnostic};
use crate::model::http::{HttpConfig, TlsConfig};
use crate::model::{Field, Sp};

/// Headers prometheus/common refuses in `http_headers`.
const RESERVED_HEADERS: &[&str] = &[
    "Authorization",
    "Host",
    "Content-Encoding",
    "Content-Length",
    "Content-Type",
    "User-Agent",
    "Connection",
    "Keep-Alive",
    "Proxy-Authenticate",
    "Proxy-Authorization",
    "Www-Authenticate",
    "Accept-Encoding",
    "X-Prometheus-Remote-Write-Version",
    "X-Prometheus-Remote-Read-Version",
    "X-Prometheus-Scrape-Timeout-Seconds",
    "X-Amz-Date",
    "X-Amz-Security-Token",
    "X-Amz-Content-Sha256",
];

/// True when the config ends up with an `Authorization` (explicitly, or from `bearer_token`).
pub(crate) fn has_authorization(h: &HttpConfig) -> bool {
    h.authorization.is_some()
        || set_secret(&h.bearer_token).is_some()
        || set_str(&h.bearer_token_file).is_some()
}

pub(crate) fn check(v: &mut V, h: &Sp<Box<HttpConfig>>) {
    let c = &h.value;
    let bearer = set_secret(&c.bearer_token);
    let bearer_file = set_str(&c.bearer_token_file);
    v.at_most_one(("bearer_token", bearer), ("bearer_token_file", bearer_file));
    let any_bearer = bearer.or(bearer_file);
    let conflict = |v: &mut V, a: (&str, Option<crate::source::Span>), msg: &str| {
        if let (Some(sa), Some(sb)) = (a.1, any_bearer) {
            v.push(
                Diagnostic::new(Code::ConflictingFields, sa, msg.to_string())
                    .label(format!("`{}` set here", a.0))
                    .secondary(sb, "bearer token set here")
                    .help("configure one authentication method"),
            );
        }
    };
    conflict(
        v,
        ("basic_auth", present(&c.basic_auth)),
        "at most one of `basic_auth`, `oauth2`, `bearer_token` and `bearer_token_file` may be set",
    );
    conflict(
        v,
        ("oauth2", present(&c.oauth2)),
        "at most one of `basic_auth`, `oauth2`, `bearer_token` and `bearer_token_file` may be set",
    );
    conflict(
        v,
        ("authorization", present(&c.authorization)),
        "`authorization` cannot be combined with `bearer_token` or `bearer_token_file`",
    );
    if let Some(b) = &c.basic_auth {
        v.at_most_one(
            ("password", set_secret(&b.password)),
            ("password_file", set_str(&b.password_file)),
        );
        v.at_most_one(
            ("username", set_str(&b.username)),
            ("username_file", set_str(&b.username_file)),
        );
    }
    if let Some(a) = &c.authorization {
        v.at_most_one(
            ("credentials", set_secret(&a.credentials)),
            ("credentials_file", set_str(&a.credentials_file)),
        );
        if let Some(t) = &a.r#type
            && t.value.trim().eq_ignore_ascii_case("basic")
        {
            v.push(
                Diagnostic::new(
                    Code::Value,
                    t.span,
                    "authorization type cannot be set to \"basic\"",
                )
                .label("use `basic_auth` instead")
                .label("not accepted")
                .help("move the credentials to `basic_auth: {username, password}`"),
            );
        }
        v.at_most_one(
            ("authorization", Some(a.key)),
            ("basic_auth", present(&c.basic_auth)),
        );
        v.at_most_one(
            ("authorization", Some(a.key)),
            ("oauth2", present(&c.oauth2)),
        );
    }
    if let Some(o) = &c.oauth2 {
        v.at_most_one(
            ("oauth2", Some(o.key)),
            ("basic_auth", present(&c.basic_auth)),
        );
        if set_str(&o.client_id).is_none() {
            v.missing(
                o.key,
                "client_id",
                "`oauth2`",
                "set the OAuth 2.0 client ID",
            );
        }
        let jwt = o
            .grant_type
            .as_ref()
            .is_some_and(|g| g.value.contains("jwt-bearer"));
        if !jwt
            && set_secret(&o.client_secret).is_none()
            && set_str(&o.client_secret_file).is_none()
            && set_str(&o.client_secret_ref).is_none()
        {
            v.missing(
                o.key,
                "client_secret",
                "`oauth2`",
                "set `client_secret` or `client_secret_file`",
            );
        }
        if set_str(&o.token_url).is_none() {
            v.missing(o.key, "token_url", "`oauth2`", "set the token endpoint URL");
        }
        v.at_most_one(
            ("client_secret", set_secret(&o.client_secret)),
            ("client_secret_file", set_str(&o.client_secret_file)),
        );
        if let Some(t) = &o.tls_config {
            check_tls(v, &t.value);
        }
        proxy(v, &o.proxy_url, &o.no_proxy, &o.proxy_from_environment);
    }
    if let Some(t) = &c.tls_config {
        check_tls(v, &t.value);
    }
    proxy(v, &c.proxy_url, &c.no_proxy, &c.proxy_from_environment);
    if let Some(headers) = &c.http_headers {
        for (name, _) in headers.value.iter() {
            if RESERVED_HEADERS
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&name.value))
            {
                v.push(
                    Diagnostic::new(
                        Code::Value,
                        name.span,
                        format!("setting header {:?} is not allowed", name.value),
                    )
                    .label("reserved header")
                    .label("not accepted")
                    .help("this header is set by the HTTP client itself"),
                );
            }
        }
    }
}

fn proxy(v: &mut V, url_field: &Field<String>, no_proxy: &Field<String>, from_env: &Field<bool>) {
    if let Some(p) = url_field.as_ref().filter(|p| !p.value.is_empty())
        && let Err(e) = url::parse(&p.value)
    {
        v.push(
            Diagnostic::new(Code::Url, p.span, format!("invalid `proxy_url`: {e}"))
                .label("does not parse")
                .help("write the proxy as a URL such as `http://proxy.example:3128`"),
        );
    }
    let env = from_env.as_ref().filter(|b| b.value).map(|b| b.key);
    v.at_most_one(
        ("proxy_from_environment", env),
        ("proxy_url", set_str(url_field)),
    );
    if let Some(n) = set_str(no_proxy)
        && set_str(url_field).is_none()
    {
        v.missing(
            n,
            "proxy_url",
            "an http_config with `no_proxy`",
            "`no_proxy` only applies together with `proxy_url`",
        );
    }
}

pub(crate) fn check_tls(v: &mut V, c: &TlsConfig) {
    for (field, val) in [
        ("min_version", &c.min_version),
        ("max_version", &c.max_version),
    ] {
        if let Some(s) = val.as_ref()
            && !["TLS10", "TLS11", "TLS12", "TLS13"].contains(&s.value.0.as_str())
        {
            v.push(
                Diagnostic::new(
                    Code::Value,
                    s.span,
                    format!("unknown TLS version in `{field}`: {}", s.value.0),
                )
                .label("not a TLS version")
                .label("not accepted")
                .help("use one of TLS10, TLS11, TLS12, TLS13"),
            );
        }
    }
    v.at_most_one(("ca", set_str(&c.ca)), ("ca_file", set_str(&c.ca_file)));
    v.at_most_one(
        ("cert", set_str(&c.cert)),
        ("cert_file", set_str(&c.cert_file)),
    );
    v.at_most_one(
        ("key", set_secret(&c.key)),
        ("key_file", set_str(&c.key_file)),
    );
    let cert = set_str(&c.cert).or(set_str(&c.cert_file));
    let key = set_secret(&c.key).or(set_str(&c.key_file));
    match (cert, key) {
        (Some(s), None) => v.missing(
            s,
            "key_file",
            "a `tls_config` with a client certificate",
            "set `key_file` (or `key`) for the client certificate",
        ),
        (None, Some(s)) => v.missing(
            s,
            "cert_file",
            "a `tls_config` with a client key",
            "set `cert_file` (or `cert`) for the client key",
        ),
        _ => {}
    }
}
