//! `incidentio_configs` (0.29).

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{GoDuration, Secret, Url};

model! {
    /// An `incidentio_configs` entry.
    pub struct Incidentio ("incidentio_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        url: Url = "url",
        url_file: String = "url_file",
        alert_source_token: Secret = "alert_source_token",
        alert_source_token_file: String = "alert_source_token_file",
        max_alerts: u64 = "max_alerts",
        timeout: GoDuration = "timeout",
    }
}
