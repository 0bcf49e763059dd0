//! `discord_configs`.

use crate::model::SecretUrl;
use crate::model::Tmpl;
use crate::model::decode::model;
use crate::model::http::HttpConfig;

model! {
    /// A `discord_configs` entry.
    pub struct Discord ("discord_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        webhook_url: SecretUrl = "webhook_url",
        webhook_url_file: String = "webhook_url_file" @ "0.27",
        content: Tmpl = "content" @ "0.28",
        title: Tmpl = "title",
        message: Tmpl = "message",
        username: Tmpl = "username" @ "0.28",
        avatar_url: Tmpl = "avatar_url" @ "0.28",
    }
}
