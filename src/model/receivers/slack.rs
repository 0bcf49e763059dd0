//! `slack_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{GoDuration, OptBool, Secret, SecretUrl, Sp, Url};

model! {
    /// A `slack_configs` entry.
    pub struct Slack ("slack_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        api_url: SecretUrl = "api_url",
        api_url_file: String = "api_url_file",
        app_token: Secret = "app_token" @ "0.30",
        app_token_file: String = "app_token_file" @ "0.30",
        app_url: Url = "app_url" @ "0.30",
        channel: String = "channel",
        username: String = "username",
        color: String = "color",
        title: String = "title",
        title_link: String = "title_link",
        pretext: String = "pretext",
        text: String = "text",
        message_text: String = "message_text" @ "0.31",
        fields: Vec<Sp<SlackField>> = "fields",
        short_fields: bool = "short_fields",
        footer: String = "footer",
        fallback: String = "fallback",
        callback_id: String = "callback_id",
        icon_emoji: String = "icon_emoji",
        icon_url: String = "icon_url",
        image_url: String = "image_url",
        thumb_url: String = "thumb_url",
        link_names: bool = "link_names",
        mrkdwn_in: Vec<Sp<String>> = "mrkdwn_in",
        actions: Vec<Sp<SlackAction>> = "actions",
        update_message: bool = "update_message" @ "0.32",
        timeout: GoDuration = "timeout" @ "0.30",
    }
}

model! {
    /// A Slack `fields` entry.
    pub struct SlackField ("Slack fields entry") {
        title: String = "title",
        value: String = "value",
        short: OptBool = "short",
    }
}

model! {
    /// A Slack `actions` entry.
    pub struct SlackAction ("Slack actions entry") {
        r#type: String = "type",
        text: String = "text",
        url: String = "url",
        style: String = "style",
        name: String = "name",
        value: String = "value",
        confirm: SlackConfirm = "confirm",
    }
}

model! {
    /// A Slack action's `confirm`.
    pub struct SlackConfirm ("Slack confirm") {
        text: String = "text",
        title: String = "title",
        ok_text: String = "ok_text",
        dismiss_text: String = "dismiss_text",
    }
}
