//! Rules for `global:`, and the view of `global` that integrations inherit from.

use super::{V, http, present, set_secret, set_str};
use crate::alertmanager::hostport;
use crate::diag::{Code, Diagnostic};
use crate::model::Sp;
use crate::model::global::Global;
use crate::model::http::HttpConfig;

/// What integrations can inherit from `global`, with Alertmanager's defaults applied.
#[derive(Debug, Default, Clone, Copy)]
pub struct GlobalView<'a> {
    /// The global section, when present.
    pub global: Option<&'a Global>,
}

impl<'a> GlobalView<'a> {
    /// A view of `global` (or of the defaults when it is absent).
    pub fn new(global: Option<&'a Global>) -> Self {
        GlobalView { global }
    }

    /// The global `http_config`.
    pub fn http_config(&self) -> Option<&'a Sp<Box<HttpConfig>>> {
        self.global.and_then(|g| g.http_config.as_deref())
    }

    /// True when a string-like global field is set (non-empty).
    pub fn has(&self, f: impl Fn(&'a Global) -> bool) -> bool {
        self.global.is_some_and(f)
    }
}

pub(super) fn check(v: &mut V, g: &Sp<Global>) {
    let g = &g.value;
    v.prom_duration("resolve_timeout", &g.resolve_timeout);
    if let Some(h) = &g.http_config {
        http::check(v, h);
    }
    if let Some(t) = &g.smtp_tls_config {
        http::check_tls(v, &t.value);
    }
    if let Some(sh) = &g.smtp_smarthost {
        host_port(v, "smtp_smarthost", sh);
    }
    for (field, u) in [
        ("jira_api_url", &g.jira_api_url),
        ("slack_app_url", &g.slack_app_url),
        ("pagerduty_url", &g.pagerduty_url),
        ("opsgenie_api_url", &g.opsgenie_api_url),
        ("wechat_api_url", &g.wechat_api_url),
        ("victorops_api_url", &g.victorops_api_url),
        ("telegram_api_url", &g.telegram_api_url),
        ("webex_api_url", &g.webex_api_url),
        ("rocketchat_api_url", &g.rocketchat_api_url),
    ] {
        v.url(field, u);
    }
    v.secret_url("slack_api_url", &g.slack_api_url);
    v.secret_url("mattermost_webhook_url", &g.mattermost_webhook_url);

    v.at_most_one(
        ("slack_app_token", set_secret(&g.slack_app_token)),
        ("slack_app_token_file", set_str(&g.slack_app_token_file)),
    );
    v.at_most_one(
        ("slack_api_url", present(&g.slack_api_url)),
        ("slack_api_url_file", set_str(&g.slack_api_url_file)),
    );
    let app = set_secret(&g.slack_app_token).or(set_str(&g.slack_app_token_file));
    let webhook = present(&g.slack_api_url).or(set_str(&g.slack_api_url_file));
    if let (Some(a), Some(w)) = (app, webhook) {
        // The old workaround (`slack_api_url` pointing at chat.postMessage) stays allowed.
        let api = g
            .slack_api_url
            .as_ref()
            .map(|u| u.value.0.expose().to_string());
        let app_url = g
            .slack_app_url
            .as_ref()
            .map_or("https://slack.com/api/chat.postMessage".to_string(), |u| {
                u.value.0.clone()
            });
        if api.as_deref() != Some(app_url.as_str()) {
            v.push(
                Diagnostic::new(
                    Code::ConflictingFields,
                    a,
                    "at most one of a Slack app token (`slack_app_token`/`slack_app_token_file`) and a webhook URL (`slack_api_url`/`slack_api_url_file`) may be set",
                )
                .label("app token set here")
                .secondary(w, "webhook URL set here")
                .help("use either a bot token with `chat.postMessage` or an incoming-webhook URL"),
            );
        }
    }
    for (a, b) in [
        (
            ("opsgenie_api_key", set_secret(&g.opsgenie_api_key)),
            ("opsgenie_api_key_file", set_str(&g.opsgenie_api_key_file)),
        ),
        (
            ("victorops_api_key", set_secret(&g.victorops_api_key)),
            ("victorops_api_key_file", set_str(&g.victorops_api_key_file)),
        ),
        (
            ("telegram_bot_token", set_secret(&g.telegram_bot_token)),
            (
                "telegram_bot_token_file",
                set_str(&g.telegram_bot_token_file),
            ),
        ),
        (
            ("smtp_auth_password", set_secret(&g.smtp_auth_password)),
            (
                "smtp_auth_password_file",
                set_str(&g.smtp_auth_password_file),
            ),
        ),
        (
            ("rocketchat_token", set_secret(&g.rocketchat_token)),
            ("rocketchat_token_file", set_str(&g.rocketchat_token_file)),
        ),
        (
            ("rocketchat_token_id", set_secret(&g.rocketchat_token_id)),
            (
                "rocketchat_token_id_file",
                set_str(&g.rocketchat_token_id_file),
            ),
        ),
        (
            ("smtp_auth_secret", set_secret(&g.smtp_auth_secret)),
            ("smtp_auth_secret_file", set_str(&g.smtp_auth_secret_file)),
        ),
        (
            ("wechat_api_secret", set_secret(&g.wechat_api_secret)),
            ("wechat_api_secret_file", set_str(&g.wechat_api_secret_file)),
        ),
        (
            ("mattermost_webhook_url", present(&g.mattermost_webhook_url)),
            (
                "mattermost_webhook_url_file",
                set_str(&g.mattermost_webhook_url_file),
            ),
        ),
    ] {
        v.at_most_one(a, b);
    }
}

/// Checks a `host:port` field.
pub(super) fn host_port(v: &mut V, field: &str, value: &Sp<String>) {
    if value.value.is_empty() {
        return;
    }
    if let Err(e) = hostport::split(&value.value) {
        v.push(
            Diagnostic::new(
                Code::HostPort,
                value.span,
                format!("invalid `{field}`: {e}"),
            )
            .label("not host:port")
            .help("write `host:port`, for example `smtp.example.org:587`"),
        );
    }
}
