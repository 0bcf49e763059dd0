//! `victorops_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{Map, Secret, Url};

model! {
    /// A `victorops_configs` entry.
    pub struct Victorops ("victorops_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        api_key: Secret = "api_key",
        api_key_file: String = "api_key_file",
        api_url: Url = "api_url",
        routing_key: String = "routing_key",
        message_type: String = "message_type",
        state_message: String = "state_message",
        entity_display_name: String = "entity_display_name",
        monitoring_tool: String = "monitoring_tool",
        custom_fields: Map<String> = "custom_fields",
    }
}
