//! Rules for chat and push integrations: Pushover, WeChat, Telegram, Discord, Webex, MS Teams,
//! Rocket.Chat and Mattermost.

use super::{check_http, missing_global, need_one};
use crate::diag::{Code, Diagnostic};
use crate::model::receivers::{
    discord::Discord, mattermost::Mattermost, msteams::Msteams, msteams::MsteamsV2,
    pushover::Pushover, rocketchat::Rocketchat, telegram::Telegram, webex::Webex, wechat::Wechat,
};
use crate::model::{Field, SecretUrl, Sp};
use crate::source::Span;
use crate::validate::{GlobalView, V, http, present, set_secret, set_str};

pub(super) fn pushover(v: &mut V, e: &Sp<Pushover>, _g: &GlobalView) {
    let c = &e.value;
    for (a, b, sa, sb) in [
        (
            "user_key",
            "user_key_file",
            set_secret(&c.user_key),
            set_str(&c.user_key_file),
        ),
        (
            "token",
            "token_file",
            set_secret(&c.token),
            set_str(&c.token_file),
        ),
    ] {
        need_one(
            v,
            e.span,
            a,
            b,
            "a `pushover_configs` entry",
            sa.is_some() || sb.is_some(),
        );
        v.at_most_one((a, sa), (b, sb));
    }
    let html = c.html.as_ref().filter(|b| b.value).map(|b| b.key);
    let mono = c.monospace.as_ref().filter(|b| b.value).map(|b| b.key);
    v.at_most_one(("monospace", mono), ("html", html));
    v.go_duration("retry", &c.retry);
    v.go_duration("expire", &c.expire);
    v.go_duration("ttl", &c.ttl);
    check_http(v, &c.http_config);
}

pub(super) fn wechat(v: &mut V, e: &Sp<Wechat>, g: &GlobalView) {
    let c = &e.value;
    if let Some(t) = c.message_type.as_ref().filter(|t| !t.value.is_empty())
        && t.value != "text"
        && t.value != "markdown"
    {
        v.push(
            Diagnostic::new(
                Code::Value,
                t.span,
                format!(
                    "WeChat message type {:?} is not `text` or `markdown`",
                    t.value
                ),
            )
            .label("not accepted")
            .help("use `text` or `markdown`"),
        );
    }
    let s = set_secret(&c.api_secret);
    let f = set_str(&c.api_secret_file);
    v.at_most_one(("api_secret", s), ("api_secret_file", f));
    v.url("api_url", &c.api_url);
    check_http(v, &c.http_config);
    if s.is_none()
        && f.is_none()
        && !g.has(|g| {
            set_secret(&g.wechat_api_secret).is_some()
                || set_str(&g.wechat_api_secret_file).is_some()
        })
    {
        missing_global(
            v,
            e.span,
            "no global Wechat Api Secret set either inline or in a file (Alertmanager 0.25: no global Wechat ApiSecret set)",
            "set `api_secret` on the entry or `wechat_api_secret` in `global`",
        );
    }
    if set_str(&c.corp_id).is_none() && !g.has(|g| set_str(&g.wechat_api_corp_id).is_some()) {
        missing_global(
            v,
            e.span,
            "no global Wechat CorpID set",
            "set `corp_id` on the entry or `wechat_api_corp_id` in `global`",
        );
    }
}

pub(super) fn telegram(v: &mut V, e: &Sp<Telegram>, g: &GlobalView) {
    let c = &e.value;
    let t = set_secret(&c.bot_token);
    let tf = set_str(&c.bot_token_file);
    v.at_most_one(("bot_token", t), ("bot_token_file", tf));
    let chat = c
        .chat_id
        .as_ref()
        .filter(|id| id.value != 0)
        .map(|id| id.key);
    let chat_file = set_str(&c.chat_id_file);
    need_one(
        v,
        e.span,
        "chat_id",
        "chat_id_file",
        "a `telegram_configs` entry",
        chat.is_some() || chat_file.is_some(),
    );
    v.at_most_one(("chat_id", chat), ("chat_id_file", chat_file));
    if let Some(p) = &c.parse_mode
        && !["", "Markdown", "MarkdownV2", "HTML"].contains(&p.value.as_str())
    {
        v.push(
            Diagnostic::new(
                Code::Value,
                p.span,
                "unknown `parse_mode`: must be Markdown, MarkdownV2, HTML or empty",
            )
            .label("not accepted")
            .help("use Markdown, MarkdownV2, HTML or an empty string"),
        );
    }
    v.url("api_url", &c.api_url);
    v.go_duration("timeout", &c.timeout);
    check_http(v, &c.http_config);
    if t.is_none()
        && tf.is_none()
        && !g.has(|g| {
            set_secret(&g.telegram_bot_token).is_some()
                || set_str(&g.telegram_bot_token_file).is_some()
        })
    {
        missing_global(
            v,
            e.span,
            "missing bot_token or bot_token_file on telegram_config",
            "set `bot_token` on the entry or `telegram_bot_token` in `global` (0.31+)",
        );
    }
}

/// The webhook-URL pair shared by Discord and MS Teams: exactly one of URL and file.
fn webhook_pair(v: &mut V, entry: Span, what: &str, url: &Field<SecretUrl>, file: &Field<String>) {
    let u = present(url);
    let f = set_str(file);
    need_one(
        v,
        entry,
        "webhook_url",
        "webhook_url_file",
        what,
        u.is_some() || f.is_some(),
    );
    v.at_most_one(("webhook_url", u), ("webhook_url_file", f));
    v.secret_url("webhook_url", url);
}

pub(super) fn discord(v: &mut V, e: &Sp<Discord>, _g: &GlobalView) {
    let c = &e.value;
    webhook_pair(
        v,
        e.span,
        "a `discord_configs` entry",
        &c.webhook_url,
        &c.webhook_url_file,
    );
    check_http(v, &c.http_config);
}

pub(super) fn msteams(v: &mut V, e: &Sp<Msteams>, _g: &GlobalView) {
    let c = &e.value;
    webhook_pair(
        v,
        e.span,
        "an `msteams_configs` entry",
        &c.webhook_url,
        &c.webhook_url_file,
    );
    check_http(v, &c.http_config);
}

pub(super) fn msteamsv2(v: &mut V, e: &Sp<MsteamsV2>, _g: &GlobalView) {
    let c = &e.value;
    webhook_pair(
        v,
        e.span,
        "an `msteamsv2_configs` entry",
        &c.webhook_url,
        &c.webhook_url_file,
    );
    check_http(v, &c.http_config);
}

pub(super) fn webex(v: &mut V, e: &Sp<Webex>, _g: &GlobalView) {
    let c = &e.value;
    if set_str(&c.room_id).is_none() {
        v.missing(
            e.span,
            "room_id",
            "a `webex_configs` entry",
            "set the Webex room ID",
        );
    }
    if !c
        .http_config
        .as_ref()
        .is_some_and(|h| http::has_authorization(&h.value))
    {
        v.missing(
            e.span,
            "http_config.authorization",
            "a `webex_configs` entry",
            "Webex needs a bot token: set `http_config: {authorization: {credentials: <token>}}`",
        );
    }
    v.url("api_url", &c.api_url);
    check_http(v, &c.http_config);
}

pub(super) fn rocketchat(v: &mut V, e: &Sp<Rocketchat>, g: &GlobalView) {
    let c = &e.value;
    let t = set_secret(&c.token);
    let tf = set_str(&c.token_file);
    let id = set_secret(&c.token_id);
    let idf = set_str(&c.token_id_file);
    v.at_most_one(("token", t), ("token_file", tf));
    v.at_most_one(("token_id", id), ("token_id_file", idf));
    v.url("api_url", &c.api_url);
    check_http(v, &c.http_config);
    if id.is_none()
        && idf.is_none()
        && !g.has(|g| {
            set_secret(&g.rocketchat_token_id).is_some()
                || set_str(&g.rocketchat_token_id_file).is_some()
        })
    {
        missing_global(
            v,
            e.span,
            "no global Rocketchat TokenID set either inline or in a file",
            "set `token_id` on the entry or `rocketchat_token_id` in `global`",
        );
    }
    if t.is_none()
        && tf.is_none()
        && !g.has(|g| {
            set_secret(&g.rocketchat_token).is_some() || set_str(&g.rocketchat_token_file).is_some()
        })
    {
        missing_global(
            v,
            e.span,
            "no global Rocketchat Token set either inline or in a file",
            "set `token` on the entry or `rocketchat_token` in `global`",
        );
    }
}

pub(super) fn mattermost(v: &mut V, e: &Sp<Mattermost>, g: &GlobalView) {
    let c = &e.value;
    let u = present(&c.webhook_url);
    let f = set_str(&c.webhook_url_file);
    v.at_most_one(("webhook_url", u), ("webhook_url_file", f));
    v.secret_url("webhook_url", &c.webhook_url);
    check_http(v, &c.http_config);
    let fields = c.fields.iter().flat_map(|l| l.value.iter());
    let nested = c
        .attachments
        .iter()
        .flat_map(|l| l.value.iter())
        .flat_map(|a| a.value.fields.iter().flat_map(|l| l.value.iter()));
    for fl in fields.chain(nested) {
        if set_str(&fl.value.title).is_none() {
            v.missing(
                fl.span,
                "title",
                "a Mattermost field",
                "every field needs a `title` and a `value`",
            );
        }
        if set_str(&fl.value.value).is_none() {
            v.missing(
                fl.span,
                "value",
                "a Mattermost field",
                "every field needs a `title` and a `value`",
            );
        }
    }
    if u.is_none()
        && f.is_none()
        && !g.has(|g| {
            present(&g.mattermost_webhook_url).is_some()
                || set_str(&g.mattermost_webhook_url_file).is_some()
        })
    {
        missing_global(
            v,
            e.span,
            "missing webhook_url or webhook_url_file on mattermost_config",
            "set `webhook_url` on the entry or `mattermost_webhook_url` in `global`",
        );
    }
}
