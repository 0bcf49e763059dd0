//! `pushover_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{GoDuration, Secret, Tmpl};

model! {
    /// A `pushover_configs` entry.
    pub struct Pushover ("pushover_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        user_key: Secret = "user_key",
        user_key_file: String = "user_key_file" @ "0.26",
        token: Secret = "token",
        token_file: String = "token_file" @ "0.26",
        title: Tmpl = "title",
        message: Tmpl = "message",
        url: Tmpl = "url",
        url_title: Tmpl = "url_title",
        device: Tmpl = "device" @ "0.26",
        sound: Tmpl = "sound",
        priority: Tmpl = "priority",
        retry: GoDuration = "retry",
        expire: GoDuration = "expire",
        ttl: GoDuration = "ttl" @ "0.27",
        html: bool = "html",
        monospace: bool = "monospace" @ "0.29",
    }
}
