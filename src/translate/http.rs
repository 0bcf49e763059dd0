//! `http_config` in the message: the credentials the relay must send (as secret references),
//! and a finding for each network setting that is not carried.

use crate::diag::{Code, Diagnostic};
use crate::model::http::HttpConfig;
use crate::model::{Field, Secret, Sp};
use crate::source::Span;

use super::contract::{Key, Value};
use super::cx::{Cx, Entry};

/// The effective `http_config` of an entry (its own, else the global one) as a message value,
/// or `None` when it has no credentials.
pub fn carry(cx: &mut Cx, e: &Entry, own: Option<&Sp<Box<HttpConfig>>>) -> Option<Value> {
    let h = own.or_else(|| cx.global.http_config())?;
    let base = cx.config_dir.clone();
    let mut out: Vec<(Key, Value)> = Vec::new();
    let h = &h.value;

    if let Some(b) = &h.basic_auth {
        let mut m = Vec::new();
        if let Some(u) = &b.value.username {
            m.push(("username".into(), Value::Str(u.value.clone())));
        } else if let Some(f) = &b.value.username_file
            && let Some(u) = cx.secret_file("username_file", f, &base)
        {
            m.push(("username".into(), Value::Str(u.expose().to_string())));
        }
        let password = value_or_file(
            cx,
            &b.value.password,
            &b.value.password_file,
            "password_file",
        );
        if let Some((p, span)) = password {
            m.push(cx.secret(e, "http_config/basic_auth/password", p.expose(), span));
        }
        out.push(("basic_auth".into(), Value::Map(rename(m))));
    }

    let bearer = value_or_file(
        cx,
        &h.bearer_token,
        &h.bearer_token_file,
        "bearer_token_file",
    );
    let auth = h.authorization.as_ref().map(|a| {
        let creds = value_or_file(
            cx,
            &a.value.credentials,
            &a.value.credentials_file,
            "credentials_file",
        );
        let kind = a
            .value
            .r#type
            .as_ref()
            .map_or("Bearer".to_string(), |t| t.value.clone());
        (kind, creds)
    });
    if let Some((kind, creds)) = auth.or(bearer.map(|b| ("Bearer".to_string(), Some(b)))) {
        let mut m = vec![("type".into(), Value::Str(kind))];
        if let Some((c, span)) = creds {
            m.push(cx.secret(e, "http_config/authorization/credentials", c.expose(), span));
        }
        out.push(("authorization".into(), Value::Map(rename(m))));
    }

    if let Some(o) = &h.oauth2 {
        let o = &o.value;
        let mut m = Vec::new();
        if let Some(id) = &o.client_id {
            m.push(("client_id".into(), Value::Str(id.value.clone())));
        }
        let secret = value_or_file(
            cx,
            &o.client_secret,
            &o.client_secret_file,
            "client_secret_file",
        );
        if let Some((s, span)) = secret {
            m.push(cx.secret(e, "http_config/oauth2/client_secret", s.expose(), span));
        }
        if let Some(u) = &o.token_url {
            m.push(("token_url".into(), Value::Str(u.value.clone())));
        }
        if let Some(s) = &o.scopes {
            let scopes = s
                .value
                .iter()
                .map(|s| Value::Str(s.value.clone()))
                .collect();
            m.push(("scopes".into(), Value::Seq(scopes)));
        }
        if let Some(p) = &o.endpoint_params {
            let params = p
                .value
                .iter()
                .map(|(k, v)| (k.value.clone().into(), Value::Str(v.value.clone())))
                .collect();
            m.push(("endpoint_params".into(), Value::Map(params)));
        }
        out.push(("oauth2".into(), Value::Map(rename(m))));
    }

    not_carried(cx, h);
    (!out.is_empty()).then_some(Value::Map(out))
}

/// A secret given inline or in a file (read under `--read-secret-files`, relative to the
/// config's directory as `http_config` files are), with where it is written.
fn value_or_file(
    cx: &mut Cx,
    value: &Field<Secret>,
    file: &Field<String>,
    file_field: &str,
) -> Option<(Secret, Span)> {
    match (value, file) {
        (Some(v), _) if !v.value.is_empty() => Some((v.value.clone(), v.span)),
        (_, Some(f)) => {
            let base = cx.config_dir.clone();
            cx.secret_file(file_field, f, &base).map(|v| (v, f.span))
        }
        _ => None,
    }
}

/// Secret entries come back named by their path (`http_config/basic_auth/password_ref`);
/// inside the message only the last part is the key.
fn rename(entries: Vec<(Key, Value)>) -> Vec<(Key, Value)> {
    entries
        .into_iter()
        .map(|(k, v)| (k.rsplit('/').next().unwrap_or(&k).to_string().into(), v))
        .collect()
}

fn not_carried(cx: &mut Cx, h: &HttpConfig) {
    let mut report = |span, what: &str| {
        cx.diags.push(
            Diagnostic::new(
                Code::HttpSetting,
                span,
                format!("`http_config` {what} is not carried to the relay"),
            )
            .label("not in the SNS message")
            .help("configure the relay's HTTP client to match"),
        );
    };
    if let Some(t) = &h.tls_config {
        report(t.key, "`tls_config`");
    }
    if let Some(p) = &h.proxy_url {
        report(p.key, "`proxy_url`");
    }
    if let Some(p) = &h.no_proxy {
        report(p.key, "`no_proxy`");
    }
    if let Some(p) = h.proxy_from_environment.as_ref().filter(|p| p.value) {
        report(p.key, "`proxy_from_environment`");
    }
    if let Some(p) = &h.proxy_connect_header {
        report(p.key, "`proxy_connect_header`");
    }
    if let Some(p) = &h.http_headers {
        report(p.key, "`http_headers`");
    }
    if let Some(f) = h.follow_redirects.as_ref().filter(|f| !f.value) {
        report(f.key, "`follow_redirects: false`");
    }
    if let Some(f) = h.enable_http2.as_ref().filter(|f| !f.value) {
        report(f.key, "`enable_http2: false`");
    }
}
