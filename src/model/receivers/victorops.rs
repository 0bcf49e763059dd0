//! `victorops_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{Map, Secret, Tmpl, Url};

model! {
    /// A `victorops_configs` entry.
    pub struct Victorops ("victorops_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        api_key: Secret = "api_key",
        api_key_file: String = "api_key_file",
        api_url: Url = "api_url",
        routing_key: Tmpl = "routing_key",
        message_type: Tmpl = "message_type",
        state_message: Tmpl = "state_message",
        entity_display_name: Tmpl = "entity_display_name",
        monitoring_tool: Tmpl = "monitoring_tool",
        custom_fields: Map<Tmpl> = "custom_fields",
    }
}
