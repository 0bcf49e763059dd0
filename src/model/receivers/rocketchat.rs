//! `rocketchat_configs` (0.28).

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{OptBool, Secret, Sp, Tmpl, Url};

model! {
    /// A `rocketchat_configs` entry.
    pub struct Rocketchat ("rocketchat_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        api_url: Url = "api_url",
        token_id: Secret = "token_id",
        token_id_file: String = "token_id_file",
        token: Secret = "token",
        token_file: String = "token_file",
        channel: Tmpl = "channel",
        color: Tmpl = "color",
        title: Tmpl = "title",
        title_link: Tmpl = "title_link",
        text: Tmpl = "text",
        fields: Vec<Sp<RocketchatField>> = "fields",
        short_fields: bool = "short_fields",
        emoji: Tmpl = "emoji",
        icon_url: Tmpl = "icon_url",
        image_url: Tmpl = "image_url",
        thumb_url: Tmpl = "thumb_url",
        link_names: bool = "link_names",
        actions: Vec<Sp<RocketchatAction>> = "actions",
    }
}

model! {
    /// A Rocket.Chat `fields` entry.
    pub struct RocketchatField ("Rocket.Chat fields entry") {
        short: OptBool = "short",
        title: Tmpl = "title",
        value: Tmpl = "value",
    }
}

model! {
    /// A Rocket.Chat `actions` entry. Alertmanager declares no YAML names for these fields, so
    /// yaml.v2 uses the lower-cased Go names (`imageurl`, `iswebview`, …).
    pub struct RocketchatAction ("Rocket.Chat actions entry") {
        r#type: String = "type",
        text: Tmpl = "text",
        url: Tmpl = "url",
        image_url: Tmpl = "imageurl",
        is_webview: bool = "iswebview",
        webview_height_ratio: String = "webviewheightratio",
        msg: Tmpl = "msg",
        msg_in_chat_window: bool = "msginchatwindow",
        msg_processing_type: String = "msgprocessingtype",
    }
}
