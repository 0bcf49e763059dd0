//! `webex_configs`.

use crate::model::Tmpl;
use crate::model::Url;
use crate::model::decode::model;
use crate::model::http::HttpConfig;

model! {
    /// A `webex_configs` entry.
    pub struct Webex ("webex_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        api_url: Url = "api_url",
        message: Tmpl = "message",
        room_id: Tmpl = "room_id",
    }
}
