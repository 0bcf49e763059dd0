//! `rocketchat_configs` (0.28).

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{OptBool, Secret, Sp, Url};

model! {
    /// A `rocketchat_configs` entry.
    pub struct Rocketchat ("rocketchat_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        api_url: Url = "api_url",
        token_id: Secret = "token_id",
        token_id_file: String = "token_id_file",
        token: Secret = "token",
        token_file: String = "token_file",
        channel: String = "channel",
        color: String = "color",
        title: String = "title",
        title_link: String = "title_link",
        text: String = "text",
        fields: Vec<Sp<RocketchatField>> = "fields",
        short_fields: bool = "short_fields",
        emoji: String = "emoji",
        icon_url: String = "icon_url",
        image_url: String = "image_url",
        thumb_url: String = "thumb_url",
        link_names: bool = "link_names",
        actions: Vec<Sp<RocketchatAction>> = "actions",
    }
}

model! {
    /// A Rocket.Chat `fields` entry.
    pub struct RocketchatField ("Rocket.Chat fields entry") {
        short: OptBool = "short",
        title: String = "title",
        value: String = "value",
    }
}

model! {
    /// A Rocket.Chat `actions` entry. Alertmanager declares no YAML names for these fields, so
    /// yaml.v2 uses the lower-cased Go names (`imageurl`, `iswebview`, …).
    pub struct RocketchatAction ("Rocket.Chat actions entry") {
        r#type: String = "type",
        text: String = "text",
        url: String = "url",
        image_url: String = "imageurl",
        is_webview: bool = "iswebview",
        webview_height_ratio: String = "webviewheightratio",
        msg: String = "msg",
        msg_in_chat_window: bool = "msginchatwindow",
        msg_processing_type: String = "msgprocessingtype",
    }
}
