//! `pushover_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{GoDuration, Secret};

model! {
    /// A `pushover_configs` entry.
    pub struct Pushover ("pushover_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        user_key: Secret = "user_key",
        user_key_file: String = "user_key_file" @ "0.26",
        token: Secret = "token",
        token_file: String = "token_file" @ "0.26",
        title: String = "title",
        message: String = "message",
        url: String = "url",
        url_title: String = "url_title",
        device: String = "device" @ "0.26",
        sound: String = "sound",
        priority: String = "priority",
        retry: GoDuration = "retry",
        expire: GoDuration = "expire",
        ttl: GoDuration = "ttl" @ "0.27",
        html: bool = "html",
        monospace: bool = "monospace" @ "0.29",
    }
}
