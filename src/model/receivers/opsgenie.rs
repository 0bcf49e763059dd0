//! `opsgenie_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{Map, Secret, Sp, Tmpl, Url};

model! {
    /// An `opsgenie_configs` entry.
    pub struct Opsgenie ("opsgenie_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        api_key: Secret = "api_key",
        api_key_file: String = "api_key_file",
        api_url: Url = "api_url",
        message: Tmpl = "message",
        description: Tmpl = "description",
        source: Tmpl = "source",
        details: Map<Tmpl> = "details",
        entity: Tmpl = "entity",
        responders: Vec<Sp<Responder>> = "responders",
        actions: Tmpl = "actions",
        tags: Tmpl = "tags",
        note: Tmpl = "note",
        priority: Tmpl = "priority",
        update_alerts: bool = "update_alerts",
    }
}

model! {
    /// A `responders` entry.
    pub struct Responder ("responders entry") {
        id: Tmpl = "id",
        name: Tmpl = "name",
        username: Tmpl = "username",
        r#type: Tmpl = "type",
    }
}
