//! `opsgenie_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{Map, Secret, Sp, Url};

model! {
    /// An `opsgenie_configs` entry.
    pub struct Opsgenie ("opsgenie_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        api_key: Secret = "api_key",
        api_key_file: String = "api_key_file",
        api_url: Url = "api_url",
        message: String = "message",
        description: String = "description",
        source: String = "source",
        details: Map<String> = "details",
        entity: String = "entity",
        responders: Vec<Sp<Responder>> = "responders",
        actions: String = "actions",
        tags: String = "tags",
        note: String = "note",
        priority: String = "priority",
        update_alerts: bool = "update_alerts",
    }
}

model! {
    /// A `responders` entry.
    pub struct Responder ("responders entry") {
        id: String = "id",
        name: String = "name",
        username: String = "username",
        r#type: String = "type",
    }
}
