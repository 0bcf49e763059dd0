//! The PagerDuty event Alertmanager 0.25 sends (Events API v1 or v2).

use super::gojson::{J, encode};
use super::message::{Message, Pagerduty};
use super::{DecodeError, Request, Secrets, group_key, truncate_runes};

/// Where Events API v1 events go (Alertmanager does not let it be changed).
pub const V1_URL: &str = "https://events.pagerduty.com/generic/2010-04-15/create_event.json";

/// Above this size the details are replaced.
const MAX_EVENT_BYTES: usize = 512_000;

const DETAILS_REMOVED: &str =
    "Custom details have been removed because the original event exceeds the maximum size of 512KB";

/// Builds the request.
pub fn request(m: &Message, p: &Pagerduty, secrets: &Secrets) -> Result<Request, DecodeError> {
    let key = group_key::hash(&group_key::group_key(&m.group_key, &m.receiver));
    let resolved = m.status == "resolved";
    let details = J::from_value(&p.details);
    let has_details = !matches!(&details, J::Obj(o) if o.is_empty());
    let (url, mut body) = if p.version == 1 {
        let service_key = secrets.pick(
            "service_key",
            &p.service_key,
            &p.service_key_ref,
            p.service_key_secrets_manager.as_ref(),
        )?;
        let mut fields = vec![
            ("service_key".to_string(), J::s(service_key)),
            ("incident_key".into(), J::s(key)),
            (
                "event_type".into(),
                J::s(if resolved { "resolve" } else { "trigger" }),
            ),
        ];
        let description = truncate_runes(&p.description, 1024);
        if !description.is_empty() {
            fields.push(("description".into(), J::s(description)));
        }
        fields.push(("event_action".into(), J::s("")));
        fields.push(("payload".into(), J::Null));
        if !resolved {
            push_nonempty(&mut fields, "client", &p.client);
            push_nonempty(&mut fields, "client_url", &p.client_url);
        }
        if has_details {
            fields.push(("details".into(), details));
        }
        (V1_URL.to_string(), fields)
    } else {
        let routing_key = secrets.pick(
            "routing_key",
            &p.routing_key,
            &p.routing_key_ref,
            p.routing_key_secrets_manager.as_ref(),
        )?;
        let url = p
            .url
            .clone()
            .ok_or_else(|| DecodeError::missing("pagerduty.url"))?;
        let mut payload = vec![
            (
                "summary".to_string(),
                J::s(truncate_runes(&p.description, 1024)),
            ),
            ("source".into(), J::s(&p.source)),
            ("severity".into(), J::s(&p.severity)),
        ];
        push_nonempty(&mut payload, "class", &p.class);
        push_nonempty(&mut payload, "component", &p.component);
        push_nonempty(&mut payload, "group", &p.group);
        if has_details {
            payload.push(("custom_details".into(), details));
        }
        let mut fields = vec![
            ("routing_key".to_string(), J::s(routing_key)),
            ("dedup_key".into(), J::s(key)),
            (
                "event_action".into(),
                J::s(if resolved { "resolve" } else { "trigger" }),
            ),
            ("payload".into(), J::Obj(payload)),
        ];
        push_nonempty(&mut fields, "client", &p.client);
        push_nonempty(&mut fields, "client_url", &p.client_url);
        let images: Vec<J> = p
            .images
            .iter()
            .filter(|i| !i.src.is_empty())
            .map(|i| {
                J::Obj(vec![
                    ("src".into(), J::s(&i.src)),
                    ("alt".into(), J::s(&i.alt)),
                    ("href".into(), J::s(&i.href)),
                ])
            })
            .collect();
        if !images.is_empty() {
            fields.push(("images".into(), J::Arr(images)));
        }
        let links: Vec<J> = p
            .links
            .iter()
            .filter(|l| !l.href.is_empty())
            .map(|l| {
                J::Obj(vec![
                    ("href".into(), J::s(&l.href)),
                    ("text".into(), J::s(&l.text)),
                ])
            })
            .collect();
        if !links.is_empty() {
            fields.push(("links".into(), J::Arr(links)));
        }
        (url, fields)
    };
    let mut text = encode(&J::Obj(body.clone()));
    if text.len() > MAX_EVENT_BYTES {
        replace_details(&mut body, p.version == 1);
        text = encode(&J::Obj(body));
    }
    Request::json("pagerduty", url, p.http_config.as_ref(), secrets, text)
}

fn push_nonempty(fields: &mut Vec<(String, J)>, name: &str, v: &str) {
    if !v.is_empty() {
        fields.push((name.to_string(), J::s(v)));
    }
}

/// Replaces the details with Alertmanager's size error (v1: `details`; v2:
/// `payload.custom_details`), adding them where they were left out.
fn replace_details(body: &mut Vec<(String, J)>, v1: bool) {
    let error = J::Obj(vec![("error".into(), J::s(DETAILS_REMOVED))]);
    if v1 {
        match body.iter_mut().find(|(k, _)| k == "details") {
            Some((_, d)) => *d = error,
            None => {
                let at = body
                    .iter()
                    .position(|(k, _)| k == "images" || k == "links")
                    .unwrap_or(body.len());
                body.insert(at, ("details".into(), error));
            }
        }
        return;
    }
    if let Some((_, J::Obj(payload))) = body.iter_mut().find(|(k, _)| k == "payload") {
        match payload.iter_mut().find(|(k, _)| k == "custom_details") {
            Some((_, d)) => *d = error,
            None => payload.push(("custom_details".into(), error)),
        }
    }
}
