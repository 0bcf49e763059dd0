//! `wechat_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{Secret, Tmpl, Url};

model! {
    /// A `wechat_configs` entry.
    pub struct Wechat ("wechat_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        api_secret: Secret = "api_secret",
        api_secret_file: String = "api_secret_file" @ "0.31",
        corp_id: String = "corp_id",
        message: Tmpl = "message",
        api_url: Url = "api_url",
        to_user: Tmpl = "to_user",
        to_party: Tmpl = "to_party",
        to_tag: Tmpl = "to_tag",
        agent_id: Tmpl = "agent_id",
        message_type: String = "message_type",
    }
}
