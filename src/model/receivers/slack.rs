//! `slack_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{GoDuration, OptBool, Secret, SecretUrl, Sp, Tmpl, Url};

model! {
    /// A `slack_configs` entry.
    pub struct Slack ("slack_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        api_url: SecretUrl = "api_url",
        api_url_file: String = "api_url_file",
        app_token: Secret = "app_token" @ "0.30",
        app_token_file: String = "app_token_file" @ "0.30",
        app_url: Url = "app_url" @ "0.30",
        channel: Tmpl = "channel",
        username: Tmpl = "username",
        color: Tmpl = "color",
        title: Tmpl = "title",
        title_link: Tmpl = "title_link",
        pretext: Tmpl = "pretext",
        text: Tmpl = "text",
        message_text: Tmpl = "message_text" @ "0.31",
        fields: Vec<Sp<SlackField>> = "fields",
        short_fields: bool = "short_fields",
        footer: Tmpl = "footer",
        fallback: Tmpl = "fallback",
        callback_id: Tmpl = "callback_id",
        icon_emoji: Tmpl = "icon_emoji",
        icon_url: Tmpl = "icon_url",
        image_url: Tmpl = "image_url",
        thumb_url: Tmpl = "thumb_url",
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
        title: Tmpl = "title",
        value: Tmpl = "value",
        short: OptBool = "short",
    }
}

model! {
    /// A Slack `actions` entry.
    pub struct SlackAction ("Slack actions entry") {
        r#type: Tmpl = "type",
        text: Tmpl = "text",
        url: Tmpl = "url",
        style: Tmpl = "style",
        name: Tmpl = "name",
        value: Tmpl = "value",
        confirm: SlackConfirm = "confirm",
    }
}

model! {
    /// A Slack action's `confirm`.
    pub struct SlackConfirm ("Slack confirm") {
        text: Tmpl = "text",
        title: Tmpl = "title",
        ok_text: Tmpl = "ok_text",
        dismiss_text: Tmpl = "dismiss_text",
    }
}
