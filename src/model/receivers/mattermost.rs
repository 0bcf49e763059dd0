//! `mattermost_configs` (0.30).

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{OptBool, SecretUrl, Sp};

model! {
    /// A `mattermost_configs` entry.
    pub struct Mattermost ("mattermost_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        webhook_url: SecretUrl = "webhook_url",
        webhook_url_file: String = "webhook_url_file",
        channel: String = "channel",
        username: String = "username",
        text: String = "text",
        fallback: String = "fallback",
        color: String = "color",
        pretext: String = "pretext" @ "0.32",
        author_name: String = "author_name" @ "0.32",
        author_link: String = "author_link" @ "0.32",
        author_icon: String = "author_icon" @ "0.32",
        title: String = "title",
        title_link: String = "title_link",
        fields: Vec<Sp<MattermostField>> = "fields" @ "0.32",
        thumb_url: String = "thumb_url" @ "0.32",
        footer: String = "footer" @ "0.32",
        footer_icon: String = "footer_icon" @ "0.32",
        image_url: String = "image_url" @ "0.32",
        icon_url: String = "icon_url",
        icon_emoji: String = "icon_emoji",
        attachments: Vec<Sp<MattermostAttachment>> = "attachments",
        r#type: String = "type",
        props: MattermostProps = "props",
        priority: MattermostPriority = "priority",
    }
}

model! {
    /// A Mattermost `fields` entry.
    pub struct MattermostField ("Mattermost fields entry") {
        title: String = "title",
        value: String = "value",
        short: OptBool = "short",
    }
}

model! {
    /// A Mattermost `attachments` entry.
    pub struct MattermostAttachment ("Mattermost attachments entry") {
        fallback: String = "fallback",
        color: String = "color",
        pretext: String = "pretext",
        text: String = "text",
        author_name: String = "author_name",
        author_link: String = "author_link",
        author_icon: String = "author_icon",
        title: String = "title",
        title_link: String = "title_link",
        fields: Vec<Sp<MattermostField>> = "fields",
        thumb_url: String = "thumb_url",
        footer: String = "footer",
        footer_icon: String = "footer_icon",
        image_url: String = "image_url",
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
