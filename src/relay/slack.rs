//! The Slack message Alertmanager 0.25 posts: one attachment.

use super::gojson::{J, encode};
use super::message::{Message, Slack};
use super::{DecodeError, Request, Secrets, truncate_runes};

/// Builds the request.
pub fn request(_m: &Message, s: &Slack, secrets: &Secrets) -> Result<Request, DecodeError> {
    let mut att: Vec<(String, J)> = Vec::new();
    let opt = |v: &mut Vec<(String, J)>, k: &str, s: &str| {
        if !s.is_empty() {
            v.push((k.to_string(), J::s(s)));
        }
    };
    opt(&mut att, "title", &truncate_runes(&s.title, 1024));
    opt(&mut att, "title_link", &s.title_link);
    opt(&mut att, "pretext", &s.pretext);
    att.push(("text".into(), J::s(&s.text)));
    att.push(("fallback".into(), J::s(&s.fallback)));
    att.push(("callback_id".into(), J::s(&s.callback_id)));
    if !s.fields.is_empty() {
        let fields = s
            .fields
            .iter()
            .map(|f| {
                let mut o = Vec::new();
                opt(&mut o, "title", &f.title);
                opt(&mut o, "value", &f.value);
                o.push(("short".into(), J::Bool(f.short)));
                J::Obj(o)
            })
            .collect();
        att.push(("fields".into(), J::Arr(fields)));
    }
    if !s.actions.is_empty() {
        let actions = s
            .actions
            .iter()
            .map(|a| {
                let mut o = Vec::new();
                opt(&mut o, "type", &a.kind);
                opt(&mut o, "text", &a.text);
                opt(&mut o, "url", &a.url);
                opt(&mut o, "style", &a.style);
                opt(&mut o, "name", &a.name);
                opt(&mut o, "value", &a.value);
                if let Some(c) = &a.confirm {
                    let mut co = Vec::new();
                    opt(&mut co, "text", &c.text);
                    opt(&mut co, "title", &c.title);
                    opt(&mut co, "ok_text", &c.ok_text);
                    opt(&mut co, "dismiss_text", &c.dismiss_text);
                    o.push(("confirm".into(), J::Obj(co)));
                }
                J::Obj(o)
            })
            .collect();
        att.push(("actions".into(), J::Arr(actions)));
    }
    opt(&mut att, "image_url", &s.image_url);
    opt(&mut att, "thumb_url", &s.thumb_url);
    att.push(("footer".into(), J::s(&s.footer)));
    opt(&mut att, "color", &s.color);
    if !s.mrkdwn_in.is_empty() {
        let m = s.mrkdwn_in.iter().map(J::s).collect();
        att.push(("mrkdwn_in".into(), J::Arr(m)));
    }

    let mut body = Vec::new();
    opt(&mut body, "channel", &s.channel);
    opt(&mut body, "username", &s.username);
    opt(&mut body, "icon_emoji", &s.icon_emoji);
    opt(&mut body, "icon_url", &s.icon_url);
    if s.link_names {
        body.push(("link_names".into(), J::Bool(true)));
    }
    if let Some(t) = &s.message_text {
        opt(&mut body, "text", t);
    }
    body.push(("attachments".into(), J::Arr(vec![J::Obj(att)])));

    let mut headers = std::collections::BTreeMap::new();
    let url = if s.app_token.is_some() || s.app_token_ref.is_some() {
        let token = secrets.pick("app_token", &s.app_token, &s.app_token_ref, None)?;
        headers.insert("Authorization".to_string(), format!("Bearer {token}"));
        s.app_url
            .clone()
            .ok_or_else(|| DecodeError::missing("slack.app_url"))?
    } else {
        secrets.pick("api_url", &s.api_url, &s.api_url_ref, None)?
    };
    let mut r = Request::json(
        "slack",
        url,
        s.http_config.as_ref(),
        secrets,
        encode(&J::Obj(body)),
    )?;
    r.headers.extend(headers);
    Ok(r)
}
