//! The contract message as data (docs/contract.md), read with serde.

use serde::Deserialize;
use serde_json::Value;

/// A contract message, version 1.
#[derive(Debug, Deserialize)]
pub struct Message {
    /// Contract version.
    pub am2amp: u32,
    /// `pagerduty`, `slack` or `webhook`.
    pub integration: String,
    /// The receiver's name as written in the config.
    pub receiver: String,
    /// The entry's index in its list.
    pub index: u64,
    /// `firing` or `resolved`.
    pub status: String,
    /// What rebuilds the group key.
    pub group_key: GroupKey,
    /// PagerDuty fields.
    pub pagerduty: Option<Pagerduty>,
    /// Slack fields.
    pub slack: Option<Slack>,
    /// Webhook fields.
    pub webhook: Option<Webhook>,
}

/// Only the version, read first so that other versions get a clear error.
#[derive(Debug, Deserialize)]
pub struct Versioned {
    /// Contract version.
    pub am2amp: Option<u32>,
}

/// `group_key`.
#[derive(Debug, Deserialize)]
pub struct GroupKey {
    /// The route key, when the receiver has one route node.
    pub route: Option<String>,
    /// `name="value"` strings.
    pub labels: Vec<String>,
    /// `formatted` or `name`.
    pub order: String,
}

/// A secret carried as a value, a reference, or a Secrets Manager reference.
#[derive(Debug, Default, Deserialize)]
pub struct SecretsManager {
    /// The secret's ARN.
    pub secret_arn: String,
    /// The key in the secret's JSON.
    pub secret_key: String,
}

/// `http_config` credentials.
#[derive(Debug, Default, Deserialize)]
pub struct HttpConfig {
    /// Basic authentication.
    pub basic_auth: Option<BasicAuth>,
    /// `Authorization` header.
    pub authorization: Option<Authorization>,
    /// OAuth 2 client credentials (not applied by `decode`).
    pub oauth2: Option<Value>,
}

/// `basic_auth`.
#[derive(Debug, Default, Deserialize)]
pub struct BasicAuth {
    /// User name.
    #[serde(default)]
    pub username: String,
    /// Password.
    pub password: Option<String>,
    /// Reference to the password.
    pub password_ref: Option<String>,
}

/// `authorization`.
#[derive(Debug, Default, Deserialize)]
pub struct Authorization {
    /// The scheme (`Bearer`).
    #[serde(rename = "type", default)]
    pub kind: String,
    /// Credentials.
    pub credentials: Option<String>,
    /// Reference to the credentials.
    pub credentials_ref: Option<String>,
}

/// The `pagerduty` section.
#[derive(Debug, Deserialize)]
pub struct Pagerduty {
    /// Events API version.
    pub version: u8,
    /// v2 key.
    pub routing_key: Option<String>,
    /// Reference to the v2 key.
    pub routing_key_ref: Option<String>,
    /// Secrets Manager reference to the v2 key.
    pub routing_key_secrets_manager: Option<SecretsManager>,
    /// v1 key.
    pub service_key: Option<String>,
    /// Reference to the v1 key.
    pub service_key_ref: Option<String>,
    /// Secrets Manager reference to the v1 key.
    pub service_key_secrets_manager: Option<SecretsManager>,
    /// v2 endpoint.
    pub url: Option<String>,
    /// Credentials.
    pub http_config: Option<HttpConfig>,
    /// Rendered fields.
    pub client: String,
    /// Rendered.
    pub client_url: String,
    /// Rendered.
    pub description: String,
    /// Rendered.
    pub source: String,
    /// Rendered.
    pub severity: String,
    /// Rendered.
    pub class: String,
    /// Rendered.
    pub component: String,
    /// Rendered.
    pub group: String,
    /// Rendered details.
    pub details: Value,
    /// Rendered images.
    #[serde(default)]
    pub images: Vec<Image>,
    /// Rendered links.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// A PagerDuty image.
#[derive(Debug, Deserialize)]
pub struct Image {
    /// Image URL.
    pub src: String,
    /// Alt text.
    pub alt: String,
    /// Link.
    pub href: String,
}

/// A PagerDuty link.
#[derive(Debug, Deserialize)]
pub struct Link {
    /// URL.
    pub href: String,
    /// Text.
    pub text: String,
}

/// The `slack` section.
#[derive(Debug, Deserialize)]
pub struct Slack {
    /// Webhook URL.
    pub api_url: Option<String>,
    /// Reference to the webhook URL.
    pub api_url_ref: Option<String>,
    /// App token.
    pub app_token: Option<String>,
    /// Reference to the app token.
    pub app_token_ref: Option<String>,
    /// App endpoint.
    pub app_url: Option<String>,
    /// Credentials.
    pub http_config: Option<HttpConfig>,
    /// Rendered.
    pub channel: String,
    /// Rendered.
    pub username: String,
    /// Rendered.
    pub color: String,
    /// Rendered.
    pub title: String,
    /// Rendered.
    pub title_link: String,
    /// Rendered.
    pub pretext: String,
    /// Rendered.
    pub text: String,
    /// Rendered.
    pub footer: String,
    /// Rendered.
    pub fallback: String,
    /// Rendered.
    pub callback_id: String,
    /// Rendered.
    pub icon_emoji: String,
    /// Rendered.
    pub icon_url: String,
    /// Rendered.
    pub image_url: String,
    /// Rendered.
    pub thumb_url: String,
    /// Rendered top-level text (0.31).
    pub message_text: Option<String>,
    /// `link_names`.
    pub link_names: bool,
    /// `mrkdwn_in`.
    pub mrkdwn_in: Vec<String>,
    /// Fields.
    #[serde(default)]
    pub fields: Vec<SlackField>,
    /// Actions.
    #[serde(default)]
    pub actions: Vec<SlackAction>,
}

/// A Slack field.
#[derive(Debug, Deserialize)]
pub struct SlackField {
    /// Rendered.
    pub title: String,
    /// Rendered.
    pub value: String,
    /// Resolved against `short_fields`.
    pub short: bool,
}

/// A Slack action.
#[derive(Debug, Deserialize)]
pub struct SlackAction {
    /// Rendered.
    #[serde(rename = "type")]
    pub kind: String,
    /// Rendered.
    pub text: String,
    /// Rendered.
    pub url: String,
    /// Rendered.
    pub style: String,
    /// Rendered.
    #[serde(default)]
    pub name: String,
    /// Rendered.
    #[serde(default)]
    pub value: String,
    /// Confirmation.
    pub confirm: Option<SlackConfirm>,
}

/// A Slack action's confirmation.
#[derive(Debug, Deserialize)]
pub struct SlackConfirm {
    /// Rendered.
    pub text: String,
    /// Rendered.
    pub title: String,
    /// Rendered.
    pub ok_text: String,
    /// Rendered.
    pub dismiss_text: String,
}

/// The `webhook` section.
#[derive(Debug, Deserialize)]
pub struct Webhook {
    /// URL.
    pub url: Option<String>,
    /// Reference to the URL.
    pub url_ref: Option<String>,
    /// Credentials.
    pub http_config: Option<HttpConfig>,
    /// Cut (0: none).
    pub max_alerts: u64,
    /// The old Alertmanager's (or AMP's) external URL.
    pub external_url: String,
    /// Alerts before the cut.
    pub total_alerts: u64,
    /// Group labels.
    pub group_labels: Value,
    /// Kept alerts.
    pub alerts: Vec<Alert>,
    /// Custom body (0.32).
    pub payload: Option<Value>,
}

/// One alert of a webhook message.
#[derive(Debug, Deserialize)]
pub struct Alert {
    /// `firing` or `resolved`.
    pub status: String,
    /// Labels.
    pub labels: Value,
    /// Annotations.
    pub annotations: Value,
    /// RFC 3339.
    #[serde(rename = "startsAt")]
    pub starts_at: String,
    /// RFC 3339.
    #[serde(rename = "endsAt")]
    pub ends_at: String,
    /// Source link.
    #[serde(rename = "generatorURL")]
    pub generator_url: String,
    /// Fingerprint.
    pub fingerprint: String,
}
