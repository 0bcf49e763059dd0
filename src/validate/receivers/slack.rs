//! `slack_configs` rules, including the app-token and webhook inheritance from `global`.

use super::{check_http, missing_global};
use crate::diag::{Code, Diagnostic};
use crate::model::Sp;
use crate::model::receivers::slack::Slack;
use crate::validate::{GlobalView, V, http, present, set_secret, set_str};

const POST_MESSAGE: &str = "https://slack.com/api/chat.postMessage";

pub(super) fn check(v: &mut V, e: &Sp<Slack>, g: &GlobalView) {
    let c = &e.value;
    v.secret_url("api_url", &c.api_url);
    v.url("app_url", &c.app_url);
    let api = present(&c.api_url);
    let api_file = set_str(&c.api_url_file);
    let token = set_secret(&c.app_token);
    let token_file = set_str(&c.app_token_file);
    v.at_most_one(("api_url", api), ("api_url_file", api_file));
    v.at_most_one(("app_token", token), ("app_token_file", token_file));
    if let (Some(w), Some(t)) = (api.or(api_file), token.or(token_file)) {
        v.push(
            Diagnostic::new(
                Code::ConflictingFields,
                t,
                "at most one of a webhook URL (`api_url`/`api_url_file`) and an app token (`app_token`/`app_token_file`) may be set",
            )
            .label("app token set here")
            .secondary(w, "webhook URL set here")
            .help("use either an incoming-webhook URL or a bot token"),
        );
    }
    if let Some(u) = c.update_message.as_ref().filter(|u| u.value) {
        let url = c.api_url.as_ref().map(|a| a.value.0.expose());
        if url != Some(POST_MESSAGE) {
            v.push(
                Diagnostic::new(
                    Code::ConflictingFields,
                    u.key,
                    "`update_message` can only be used with bot tokens: `api_url` must be https://slack.com/api/chat.postMessage",
                )
                .help("remove `update_message`, or switch the entry to a bot token"),
            );
        }
    }
    for f in c.fields.iter().flat_map(|l| l.value.iter()) {
        if set_str(&f.value.title).is_none() {
            v.missing(
                f.span,
                "title",
                "a Slack field",
                "every field needs a `title` and a `value`",
            );
        }
        if set_str(&f.value.value).is_none() {
            v.missing(
                f.span,
                "value",
                "a Slack field",
                "every field needs a `title` and a `value`",
            );
        }
    }
    for a in c.actions.iter().flat_map(|l| l.value.iter()) {
        let a_ = &a.value;
        if set_str(&a_.r#type).is_none() {
            v.missing(a.span, "type", "a Slack action", "set `type: button`");
        }
        if set_str(&a_.text).is_none() {
            v.missing(a.span, "text", "a Slack action", "set the button text");
        }
        if set_str(&a_.url).is_none() && set_str(&a_.name).is_none() {
            v.missing(
                a.span,
                "url",
                "a Slack action",
                "a link button needs `url`; an interactive button needs `name`",
            );
        }
        if let Some(cf) = &a_.confirm
            && set_str(&cf.value.text).is_none()
        {
            v.missing(
                cf.key,
                "text",
                "a Slack action confirmation",
                "set the confirmation `text`",
            );
        }
    }
    check_http(v, &c.http_config);
    v.go_duration("timeout", &c.timeout);

    // Inheritance, as Alertmanager's loader does it.
    let local_auth = c
        .http_config
        .as_ref()
        .is_some_and(|h| http::has_authorization(&h.value));
    let mut has_token = token.is_some() || token_file.is_some();
    if !has_token && !local_auth && api.is_none() {
        has_token = g.has(|g| {
            set_secret(&g.slack_app_token).is_some() || set_str(&g.slack_app_token_file).is_some()
        });
    }
    let has_url = api.is_some()
        || api_file.is_some()
        || g.has(|g| {
            present(&g.slack_api_url).is_some() || set_str(&g.slack_api_url_file).is_some()
        });
    if !has_url && !has_token {
        missing_global(
            v,
            e.span,
            "no Slack API URL or app token set, on the entry or in `global` (either inline or in a file)",
            "set `api_url` on the entry or `slack_api_url` in `global`",
        );
    }
    if has_token {
        let effective = c.http_config.as_deref().or(g.http_config());
        if let Some(h) = effective.filter(|h| http::has_authorization(&h.value)) {
            v.push(
                Diagnostic::new(
                    Code::ConflictingFields,
                    h.key,
                    "http authorization can't be set when using Slack app tokens",
                )
                .secondary(e.span, "this entry uses an app token")
                .help("remove `authorization` from `http_config`; the app token becomes the bearer token"),
            );
        }
    }
}
