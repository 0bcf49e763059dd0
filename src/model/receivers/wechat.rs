//! `wechat_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{Secret, Url};

model! {
    /// A `wechat_configs` entry.
    pub struct Wechat ("wechat_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        api_secret: Secret = "api_secret",
        api_secret_file: String = "api_secret_file" @ "0.31",
        corp_id: String = "corp_id",
        message: String = "message",
        api_url: Url = "api_url",
        to_user: String = "to_user",
        to_party: String = "to_party",
        to_tag: String = "to_tag",
        agent_id: String = "agent_id",
        message_type: String = "message_type",
    }
}
