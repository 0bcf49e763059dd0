//! The `global` section: defaults that integrations inherit.

use super::decode::model;
use super::http::{HttpConfig, TlsConfig};
use super::{OptBool, PromDuration, Secret, SecretUrl, Url};

model! {
    /// `global:`.
    pub struct Global ("global") {
        resolve_timeout: PromDuration = "resolve_timeout",
        http_config: Box<HttpConfig> = "http_config",
        jira_api_url: Url = "jira_api_url" @ "0.28",
        smtp_from: String = "smtp_from",
        smtp_hello: String = "smtp_hello",
        smtp_smarthost: String = "smtp_smarthost",
        smtp_auth_username: String = "smtp_auth_username",
        smtp_auth_password: Secret = "smtp_auth_password",
        smtp_auth_password_file: String = "smtp_auth_password_file",
        smtp_auth_secret: Secret = "smtp_auth_secret",
        smtp_auth_secret_file: String = "smtp_auth_secret_file" @ "0.31",
        smtp_auth_identity: String = "smtp_auth_identity",
        smtp_require_tls: bool = "smtp_require_tls",
        smtp_tls_config: TlsConfig = "smtp_tls_config" @ "0.28",
        smtp_force_implicit_tls: OptBool = "smtp_force_implicit_tls" @ "0.31",
        slack_api_url: SecretUrl = "slack_api_url",
        slack_api_url_file: String = "slack_api_url_file",
        slack_app_token: Secret = "slack_app_token" @ "0.30",
        slack_app_token_file: String = "slack_app_token_file" @ "0.30",
        slack_app_url: Url = "slack_app_url" @ "0.30",
        pagerduty_url: Url = "pagerduty_url",
        opsgenie_api_url: Url = "opsgenie_api_url",
        opsgenie_api_key: Secret = "opsgenie_api_key",
        opsgenie_api_key_file: String = "opsgenie_api_key_file",
        wechat_api_url: Url = "wechat_api_url",
        wechat_api_secret: Secret = "wechat_api_secret",
        wechat_api_secret_file: String = "wechat_api_secret_file" @ "0.31",
        wechat_api_corp_id: String = "wechat_api_corp_id",
        victorops_api_url: Url = "victorops_api_url",
        victorops_api_key: Secret = "victorops_api_key",
        victorops_api_key_file: String = "victorops_api_key_file",
        telegram_api_url: Url = "telegram_api_url",
        telegram_bot_token: Secret = "telegram_bot_token" @ "0.31",
        telegram_bot_token_file: String = "telegram_bot_token_file" @ "0.31",
        webex_api_url: Url = "webex_api_url",
        rocketchat_api_url: Url = "rocketchat_api_url" @ "0.28",
        rocketchat_token: Secret = "rocketchat_token" @ "0.28",
        rocketchat_token_file: String = "rocketchat_token_file" @ "0.28",
        rocketchat_token_id: Secret = "rocketchat_token_id" @ "0.28",
        rocketchat_token_id_file: String = "rocketchat_token_id_file" @ "0.28",
        mattermost_webhook_url: SecretUrl = "mattermost_webhook_url" @ "0.32",
        mattermost_webhook_url_file: String = "mattermost_webhook_url_file" @ "0.32",
    }
}
