//! `msteams_configs` (0.26) and `msteamsv2_configs` (0.28).

use crate::model::SecretUrl;
use crate::model::Tmpl;
use crate::model::decode::model;
use crate::model::http::HttpConfig;

model! {
    /// An `msteams_configs` entry.
    pub struct Msteams ("msteams_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        webhook_url: SecretUrl = "webhook_url",
        webhook_url_file: String = "webhook_url_file" @ "0.27",
        title: Tmpl = "title",
        summary: Tmpl = "summary" @ "0.27",
        text: Tmpl = "text",
    }
}

model! {
    /// An `msteamsv2_configs` entry.
    pub struct MsteamsV2 ("msteamsv2_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        webhook_url: SecretUrl = "webhook_url",
        webhook_url_file: String = "webhook_url_file",
        title: Tmpl = "title",
        text: Tmpl = "text",
    }
}
