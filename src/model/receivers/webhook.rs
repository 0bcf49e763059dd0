//! `webhook_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{GoDuration, Opaque, SecretUrl};

model! {
    /// A `webhook_configs` entry.
    pub struct Webhook ("webhook_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        /// A plain URL in 0.25; a secret (0.26) that may be a template (0.31).
        url: SecretUrl = "url",
        url_file: String = "url_file" @ "0.26",
        max_alerts: u64 = "max_alerts",
        timeout: GoDuration = "timeout" @ "0.28",
        payload: Opaque = "payload" @ "0.32",
    }
}
