//! `telegram_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{GoDuration, Secret, Tmpl, Url};

model! {
    /// A `telegram_configs` entry.
    pub struct Telegram ("telegram_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        api_url: Url = "api_url",
        bot_token: Secret = "bot_token",
        bot_token_file: String = "bot_token_file" @ "0.26",
        chat_id: i64 = "chat_id",
        chat_id_file: String = "chat_id_file" @ "0.31",
        message_thread_id: i64 = "message_thread_id" @ "0.28",
        message: Tmpl = "message",
        disable_notifications: bool = "disable_notifications",
        parse_mode: String = "parse_mode",
        timeout: GoDuration = "timeout" @ "0.30",
    }
}
