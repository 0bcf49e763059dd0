//! `pagerduty_configs` → the `pagerduty` section of the message (or, with `--pagerduty
//! native`, AMP's own PagerDuty integration with keys in Secrets Manager).

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::model::receivers::pagerduty::{Pagerduty, PagerdutyKey, SecretsManagerRef};
use crate::model::{Field, Secret, Version};
use crate::source::Span;
use crate::yaml::{Entry as YamlEntry, Kind, Node};

use super::contract::{Key, Value};
use super::cx::{Cx, Entry};
use super::{http, tree};

/// Alertmanager's default Events API v2 endpoint.
pub const DEFAULT_URL: &str = "https://events.pagerduty.com/v2/enqueue";

/// Default `details`, added per missing key (Alertmanager 0.25).
const DEFAULT_DETAILS: &[(&str, &str)] = &[
    (
        "firing",
        r#"{{ template "pagerduty.default.instances" .Alerts.Firing }}"#,
    ),
    (
        "resolved",
        r#"{{ template "pagerduty.default.instances" .Alerts.Resolved }}"#,
    ),
    ("num_firing", "{{ .Alerts.Firing | len }}"),
    ("num_resolved", "{{ .Alerts.Resolved | len }}"),
];

/// The effective routing or service key.
enum RoutingKey {
    /// (field, value, where).
    Value(&'static str, Secret, Span),
    /// (field, the Secrets Manager reference of an AMP definition).
    SecretsManager(&'static str, SecretsManagerRef),
}

fn key(cx: &mut Cx, p: &Pagerduty) -> Option<RoutingKey> {
    let cwd = Path::new(".");
    for (field, value, file) in [
        ("service_key", &p.service_key, &p.service_key_file),
        ("routing_key", &p.routing_key, &p.routing_key_file),
    ] {
        match value.as_ref().map(|v| (&v.value, v.span)) {
            Some((PagerdutyKey::Value(s), span)) if !s.is_empty() => {
                return Some(RoutingKey::Value(field, s.clone(), span));
            }
            Some((PagerdutyKey::SecretsManager(r), _)) => {
                return Some(RoutingKey::SecretsManager(field, r.clone()));
            }
            _ => {}
        }
        if let Some(f) = file {
            let name = if field == "service_key" {
                "service_key_file"
            } else {
                "routing_key_file"
            };
            return cx
                .secret_file(name, f, cwd)
                .map(|k| RoutingKey::Value(field, k, f.span));
        }
    }
    None
}

/// The `pagerduty` section of the message.
pub fn section(cx: &mut Cx, e: &Entry, p: &Pagerduty) -> Value {
    let v1 =
        p.service_key.as_ref().is_some_and(|k| k.value.is_set()) || p.service_key_file.is_some();
    let mut out: Vec<(Key, Value)> = vec![(
        "version".into(),
        Value::Raw(if v1 { "1" } else { "2" }.into()),
    )];
    match key(cx, p) {
        Some(RoutingKey::Value(field, value, span)) => {
            out.push(cx.secret(e, field, value.expose(), span))
        }
        Some(RoutingKey::SecretsManager(field, r)) => {
            let s = |x: &Field<String>| {
                Value::Str(x.as_ref().map_or(String::new(), |v| v.value.clone()))
            };
            out.push((
                format!("{field}_secrets_manager").into(),
                Value::map(vec![
                    ("secret_arn", s(&r.secret_arn)),
                    ("secret_key", s(&r.secret_key)),
                ]),
            ));
        }
        None => {}
    }
    if !v1 {
        let url = p
            .url
            .as_ref()
            .map(|u| u.value.0.clone())
            .or_else(|| {
                cx.global
                    .global
                    .and_then(|g| g.pagerduty_url.as_ref())
                    .map(|u| u.value.0.clone())
            })
            .unwrap_or_else(|| DEFAULT_URL.to_string());
        out.push(("url".into(), Value::Str(url)));
    }
    if let Some(h) = http::carry(cx, e, p.http_config.as_deref()) {
        out.push(("http_config".into(), h));
    }
    let client_default = r#"{{ template "pagerduty.default.client" . }}"#;
    let client_text = p
        .client
        .as_ref()
        .map_or(client_default.to_string(), |c| c.value.0.value.to_string());
    out.push((
        "client".into(),
        cx.field(e, "client", p.client.as_deref(), client_default),
    ));
    out.push((
        "client_url".into(),
        cx.field(
            e,
            "client_url",
            p.client_url.as_deref(),
            r#"{{ template "pagerduty.default.clientURL" . }}"#,
        ),
    ));
    out.push((
        "description".into(),
        cx.field(
            e,
            "description",
            p.description.as_deref(),
            r#"{{ template "pagerduty.default.description" .}}"#,
        ),
    ));
    // An empty `source` becomes the `client` template at load.
    let source = match p.source.as_ref().filter(|s| !s.value.is_empty()) {
        Some(s) => cx.field(e, "source", Some(s), ""),
        None => cx.template(&client_text, p.client.as_ref().map_or(e.span, |c| c.span)),
    };
    out.push(("source".into(), source));
    let severity = match p.severity.as_ref().filter(|s| !s.value.is_empty()) {
        Some(s) => cx.field(e, "severity", Some(s), ""),
        None => Value::Str("error".into()),
    };
    out.push(("severity".into(), severity));
    for (name, f) in [
        ("class", &p.class),
        ("component", &p.component),
        ("group", &p.group),
    ] {
        out.push((name.into(), cx.field(e, name, f.as_deref(), "")));
    }
    out.push(("details".into(), details(cx, e, p)));
    let images = p.images.iter().flat_map(|l| l.value.iter()).map(|i| {
        Value::map(vec![
            ("src", cx.field(e, "src", i.value.src.as_deref(), "")),
            ("alt", cx.field(e, "alt", i.value.alt.as_deref(), "")),
            ("href", cx.field(e, "href", i.value.href.as_deref(), "")),
        ])
    });
    let images: Vec<Value> = images.collect();
    out.push(("images".into(), Value::Seq(images)));
    let links: Vec<Value> = p
        .links
        .iter()
        .flat_map(|l| l.value.iter())
        .map(|l| {
            Value::map(vec![
                ("href", cx.field(e, "href", l.value.href.as_deref(), "")),
                ("text", cx.field(e, "text", l.value.text.as_deref(), "")),
            ])
        })
        .collect();
    out.push(("links".into(), Value::Seq(links)));
    if let Some(t) = &p.timeout {
        out.push(("timeout".into(), Value::Str(t.value.0.clone())));
    }
    Value::Map(out)
}

fn details(cx: &mut Cx, e: &Entry, p: &Pagerduty) -> Value {
    let mut out = Vec::new();
    let configured = p.details.as_ref().map_or(&[][..], |d| d.value.as_slice());
    for (k, v) in configured {
        out.push((k.value.clone().into(), tree::value(cx, &v.value.0)));
    }
    let mut defaulted = false;
    for (k, text) in DEFAULT_DETAILS {
        if !configured.iter().any(|(ck, _)| ck.value == *k) {
            defaulted = true;
            out.push(((*k).into(), cx.template(text, e.span)));
        }
    }
    if defaulted && cx.source_version >= Version::new(0, 30) {
        cx.diags.push(
            Diagnostic::new(
                Code::VersionDefault,
                p.details.as_ref().map_or(e.span, |d| d.key),
                format!(
                    "PagerDuty's default `details` follow Alertmanager 0.25 (text lists), not {}'s JSON",
                    cx.source_version
                ),
            )
            .label("default details are added here")
            .help("set `firing`, `resolved`, `num_firing` and `num_resolved` in `details` to choose"),
        );
    }
    Value::Map(out)
}

/// The entry rewritten for AMP's native PagerDuty integration: keys become Secrets Manager
/// references; `url`, `http_config` and `*_file` settings are removed.
pub fn native(cx: &mut Cx, e: &Entry, node: &Node, p: &Pagerduty, secret_arn: &str) -> Node {
    let key = key(cx, p);
    if let Some(RoutingKey::SecretsManager(..)) = key {
        return node.clone();
    }
    let mut entries = Vec::new();
    for entry in node.as_map().unwrap_or(&[]) {
        let name = entry.key.as_str().unwrap_or("");
        match name {
            "url" | "http_config" => {
                removed(cx, entry, name);
            }
            "service_key_file" | "routing_key_file" => {}
            "service_key" | "routing_key" => {}
            _ => entries.push(entry.clone()),
        }
    }
    let mut client_url = None;
    if p.client_url.is_none() {
        match &cx.opts.external_url {
            Some(url) => client_url = Some(super::external_client_url(url)),
            None => cx.external_url_advice(e, "client_url"),
        }
    }
    if let Some(RoutingKey::Value(field, value, _)) = key {
        let reference = e.reference(field);
        cx.secrets
            .store(reference.clone(), value.expose().to_string());
        let sm = Node::map(vec![(
            "aws_secrets_manager",
            Node::map(vec![
                ("secret_arn", Node::string(secret_arn)),
                ("secret_key", Node::string(reference)),
                ("refresh_interval", Node::string("5m")),
            ]),
        )]);
        let at = entries
            .iter()
            .position(|x| x.key.as_str() != Some("send_resolved"))
            .unwrap_or(entries.len());
        entries.insert(
            at,
            YamlEntry {
                key: Node::string(field),
                value: sm,
            },
        );
    }
    if let Some(u) = client_url {
        entries.push(YamlEntry {
            key: Node::string("client_url"),
            value: Node::string(u),
        });
    }
    Node {
        span: node.span,
        kind: Kind::Map(entries),
    }
}

fn removed(cx: &mut Cx, entry: &YamlEntry, name: &str) {
    cx.diags.push(
        Diagnostic::new(
            Code::ForbiddenField,
            entry.key.span,
            format!("`{name}` is removed: AMP's PagerDuty integration does not allow it"),
        )
        .label("removed")
        .help("AMP sends to PagerDuty's Events API v2 itself"),
    );
}
