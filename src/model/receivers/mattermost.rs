//! `mattermost_configs` (0.30).

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{OptBool, SecretUrl, Sp, Tmpl};

model! {
    /// A `mattermost_configs` entry.
    pub struct Mattermost ("mattermost_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        webhook_url: SecretUrl = "webhook_url",
        webhook_url_file: String = "webhook_url_file",
        channel: Tmpl = "channel",
        username: Tmpl = "username",
        text: Tmpl = "text",
        fallback: Tmpl = "fallback",
        color: Tmpl = "color",
        pretext: Tmpl = "pretext" @ "0.32",
        author_name: Tmpl = "author_name" @ "0.32",
        author_link: Tmpl = "author_link" @ "0.32",
        author_icon: Tmpl = "author_icon" @ "0.32",
        title: Tmpl = "title",
        title_link: Tmpl = "title_link",
        fields: Vec<Sp<MattermostField>> = "fields" @ "0.32",
        thumb_url: Tmpl = "thumb_url" @ "0.32",
        footer: Tmpl = "footer" @ "0.32",
        footer_icon: Tmpl = "footer_icon" @ "0.32",
        image_url: Tmpl = "image_url" @ "0.32",
        icon_url: Tmpl = "icon_url",
        icon_emoji: Tmpl = "icon_emoji",
        attachments: Vec<Sp<MattermostAttachment>> = "attachments",
        r#type: String = "type",
        props: MattermostProps = "props",
        priority: MattermostPriority = "priority",
    }
}

model! {
    /// A Mattermost `fields` entry.
    pub struct MattermostField ("Mattermost fields entry") {
        title: Tmpl = "title",
        value: Tmpl = "value",
        short: OptBool = "short",
    }
}

model! {
    /// A Mattermost `attachments` entry.
    pub struct MattermostAttachment ("Mattermost attachments entry") {
        fallback: Tmpl = "fallback",
        color: Tmpl = "color",
        pretext: Tmpl = "pretext",
        text: Tmpl = "text",
        author_name: Tmpl = "author_name",
        author_link: Tmpl = "author_link",
        author_icon: Tmpl = "author_icon",
        title: Tmpl = "title",
        title_link: Tmpl = "title_link",
        fields: Vec<Sp<MattermostField>> = "fields",
        thumb_url: Tmpl = "thumb_url",
        footer: Tmpl = "footer",
        footer_icon: Tmpl = "footer_icon",
        image_url: Tmpl = "image_url",
    }
}

model! {
    /// Mattermost `props`.
    pub struct MattermostProps ("Mattermost props") {
        card: String = "card",
    }
}

model! {
    /// Mattermost `priority`.
    pub struct MattermostPriority ("Mattermost priority") {
        priority: String = "priority",
        requested_ack: bool = "requested_ack",
        persistent_notifications: bool = "persistent_notifications",
    }
}
