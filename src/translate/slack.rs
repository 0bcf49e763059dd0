//! `slack_configs` → the `slack` section of the message.

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::model::receivers::slack::Slack;
use crate::model::{Field, Secret, Sp};

use super::contract::{Key, Value};
use super::cx::{Cx, Entry};
use super::http;

/// Slack's chat.postMessage endpoint (the default `app_url`).
pub const DEFAULT_APP_URL: &str = "https://slack.com/api/chat.postMessage";

/// Templated fields with their Alertmanager 0.25 defaults, in message order.
const FIELDS: &[(&str, &str)] = &[
    ("channel", ""),
    ("username", r#"{{ template "slack.default.username" . }}"#),
    (
        "color",
        r#"{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}"#,
    ),
    ("title", r#"{{ template "slack.default.title" . }}"#),
    (
        "title_link",
        r#"{{ template "slack.default.titlelink" . }}"#,
    ),
    ("pretext", r#"{{ template "slack.default.pretext" . }}"#),
    ("text", r#"{{ template "slack.default.text" . }}"#),
    ("footer", r#"{{ template "slack.default.footer" . }}"#),
    ("fallback", r#"{{ template "slack.default.fallback" . }}"#),
    (
        "callback_id",
        r#"{{ template "slack.default.callbackid" . }}"#,
    ),
    (
        "icon_emoji",
        r#"{{ template "slack.default.iconemoji" . }}"#,
    ),
    ("icon_url", r#"{{ template "slack.default.iconurl" . }}"#),
    ("image_url", ""),
    ("thumb_url", ""),
];

fn configured<'a>(s: &'a Slack, name: &str) -> Option<&'a Sp<crate::model::Tmpl>> {
    match name {
        "channel" => s.channel.as_deref(),
        "username" => s.username.as_deref(),
        "color" => s.color.as_deref(),
        "title" => s.title.as_deref(),
        "title_link" => s.title_link.as_deref(),
        "pretext" => s.pretext.as_deref(),
        "text" => s.text.as_deref(),
        "footer" => s.footer.as_deref(),
        "fallback" => s.fallback.as_deref(),
        "callback_id" => s.callback_id.as_deref(),
        "icon_emoji" => s.icon_emoji.as_deref(),
        "icon_url" => s.icon_url.as_deref(),
        "image_url" => s.image_url.as_deref(),
        "thumb_url" => s.thumb_url.as_deref(),
        _ => None,
    }
}

fn set_secret(s: &Field<Secret>) -> Option<&Sp<Secret>> {
    s.as_deref()
        .filter(|s| !s.value.is_empty() && s.value.expose() != "<secret>")
}

/// Where the message goes: a webhook URL, or an app token and its URL.
fn target(cx: &mut Cx, e: &Entry, s: &Slack, out: &mut Vec<(Key, Value)>) {
    let cwd = Path::new(".");
    let g = cx.global.global;
    let local_url = s
        .api_url
        .as_ref()
        .filter(|u| !u.value.0.is_empty() && u.value.0.expose() != "<secret>");
    let local_token = set_secret(&s.app_token);
    let has_auth = s
        .http_config
        .as_ref()
        .is_some_and(|h| h.value.authorization.is_some());
    let global_token = g.and_then(|g| set_secret(&g.slack_app_token));
    let global_token_file = g.and_then(|g| g.slack_app_token_file.as_ref());
    let app = local_token.is_some()
        || s.app_token_file.is_some()
        || (local_url.is_none()
            && s.api_url_file.is_none()
            && !has_auth
            && (global_token.is_some() || global_token_file.is_some()));
    if app {
        let token = if let Some(t) = local_token.or(if s.app_token_file.is_none() {
            global_token
        } else {
            None
        }) {
            Some((t.value.clone(), t.span))
        } else {
            let f = s.app_token_file.as_ref().or(global_token_file);
            f.and_then(|f| {
                cx.secret_file("app_token_file", f, cwd)
                    .map(|t| (t, f.span))
            })
        };
        if let Some((t, span)) = token {
            out.push(cx.secret(e, "app_token", t.expose(), span));
        }
        let url = s
            .app_url
            .as_ref()
            .or_else(|| g.and_then(|g| g.slack_app_url.as_ref()))
            .map_or(DEFAULT_APP_URL.to_string(), |u| u.value.0.clone());
        out.push(("app_url".into(), Value::Str(url)));
        return;
    }
    let url = if let Some(u) = local_url {
        Some((u.value.0.clone(), u.span))
    } else if let Some(f) = &s.api_url_file {
        cx.secret_file("api_url_file", f, cwd).map(|u| (u, f.span))
    } else if let Some(u) = g
        .and_then(|g| g.slack_api_url.as_ref())
        .filter(|u| !u.value.0.is_empty() && u.value.0.expose() != "<secret>")
    {
        Some((u.value.0.clone(), u.span))
    } else if let Some(f) = g.and_then(|g| g.slack_api_url_file.as_ref()) {
        cx.secret_file("slack_api_url_file", f, cwd)
            .map(|u| (u, f.span))
    } else {
        None
    };
    if let Some((u, span)) = url {
        out.push(cx.secret(e, "api_url", u.expose(), span));
    }
}

/// The `slack` section of the message.
pub fn section(cx: &mut Cx, e: &Entry, s: &Slack) -> Value {
    let mut out = Vec::new();
    target(cx, e, s, &mut out);
    if let Some(h) = http::carry(cx, e, s.http_config.as_deref()) {
        out.push(("http_config".into(), h));
    }
    for (name, default) in FIELDS {
        let v = cx.field(e, name, configured(s, name), default);
        out.push(((*name).into(), v));
    }
    if let Some(t) = &s.message_text {
        let v = cx.field(e, "message_text", Some(t), "");
        out.push(("message_text".into(), v));
    }
    let link_names = s.link_names.as_ref().is_some_and(|b| b.value);
    out.push(("link_names".into(), Value::bool(link_names)));
    let mrkdwn: Vec<Value> = match s.mrkdwn_in.as_ref().filter(|m| !m.value.is_empty()) {
        Some(m) => m
            .value
            .iter()
            .map(|v| Value::Str(v.value.clone()))
            .collect(),
        None => ["fallback", "pretext", "text"]
            .iter()
            .map(|v| Value::Str(v.to_string()))
            .collect(),
    };
    out.push(("mrkdwn_in".into(), Value::Seq(mrkdwn)));
    let short_default = s.short_fields.as_ref().is_some_and(|b| b.value);
    let fields: Vec<Value> = s
        .fields
        .iter()
        .flat_map(|f| f.value.iter())
        .map(|f| {
            let short = f.value.short.as_ref().map_or(short_default, |b| b.value.0);
            Value::map(vec![
                ("title", cx.field(e, "title", f.value.title.as_deref(), "")),
                ("value", cx.field(e, "value", f.value.value.as_deref(), "")),
                ("short", Value::bool(short)),
            ])
        })
        .collect();
    out.push(("fields".into(), Value::Seq(fields)));
    let actions: Vec<Value> = s
        .actions
        .iter()
        .flat_map(|a| a.value.iter())
        .map(|a| action(cx, e, &a.value))
        .collect();
    out.push(("actions".into(), Value::Seq(actions)));
    if let Some(t) = &s.timeout {
        out.push(("timeout".into(), Value::Str(t.value.0.clone())));
    }
    if let Some(u) = s.update_message.as_ref().filter(|u| u.value) {
        cx.diags.push(
            Diagnostic::new(
                Code::IntegrationField,
                u.key,
                "`update_message` is not carried: the relay cannot edit earlier Slack messages",
            )
            .label("each notification is posted as a new message")
            .help("the relay could store message timestamps itself; am2amp does not model that"),
        );
    }
    Value::Map(out)
}

fn action(cx: &mut Cx, e: &Entry, a: &crate::model::receivers::slack::SlackAction) -> Value {
    let mut m = vec![
        ("type".into(), cx.field(e, "type", a.r#type.as_deref(), "")),
        ("text".into(), cx.field(e, "text", a.text.as_deref(), "")),
        ("url".into(), cx.field(e, "url", a.url.as_deref(), "")),
        ("style".into(), cx.field(e, "style", a.style.as_deref(), "")),
    ];
    // Alertmanager clears name, value and confirm of an action that has a URL.
    if a.url.as_ref().is_none_or(|u| u.value.is_empty()) {
        m.push(("name".into(), cx.field(e, "name", a.name.as_deref(), "")));
        m.push(("value".into(), cx.field(e, "value", a.value.as_deref(), "")));
        if let Some(c) = &a.confirm {
            let c = &c.value;
            m.push((
                "confirm".into(),
                Value::map(vec![
                    ("text", cx.field(e, "text", c.text.as_deref(), "")),
                    ("title", cx.field(e, "title", c.title.as_deref(), "")),
                    ("ok_text", cx.field(e, "ok_text", c.ok_text.as_deref(), "")),
                    (
                        "dismiss_text",
                        cx.field(e, "dismiss_text", c.dismiss_text.as_deref(), ""),
                    ),
                ]),
            ));
        }
    }
    Value::Map(m)
}
