//! The webhook body Alertmanager 0.25 posts (version 4).

use serde_json::Value;

use super::gojson::{J, encode};
use super::message::{Alert, Message, Webhook};
use super::{DecodeError, Request, Secrets, group_key};

/// Builds the request.
pub fn request(m: &Message, w: &Webhook, secrets: &Secrets) -> Result<Request, DecodeError> {
    let url = secrets.pick("url", &w.url, &w.url_ref, None)?;
    let key = group_key::group_key(&m.group_key, &m.receiver);
    let body = match &w.payload {
        Some(p) => encode(&J::from_value(p)),
        None => {
            let firing = w.alerts.iter().any(|a| a.status == "firing");
            let (labels, annotations) = common(&w.alerts);
            let truncated = w.total_alerts.saturating_sub(w.alerts.len() as u64);
            encode(&J::Obj(vec![
                ("receiver".into(), J::s(group_key::quote_meta(&m.receiver))),
                (
                    "status".into(),
                    J::s(if firing { "firing" } else { "resolved" }),
                ),
                (
                    "alerts".into(),
                    J::Arr(w.alerts.iter().map(alert).collect()),
                ),
                ("groupLabels".into(), J::from_value(&w.group_labels)),
                ("commonLabels".into(), labels),
                ("commonAnnotations".into(), annotations),
                ("externalURL".into(), J::s(&w.external_url)),
                ("version".into(), J::s("4")),
                ("groupKey".into(), J::s(key)),
                ("truncatedAlerts".into(), J::Num(truncated.to_string())),
            ]))
        }
    };
    Request::json("webhook", url, w.http_config.as_ref(), secrets, body)
}

fn alert(a: &Alert) -> J {
    J::Obj(vec![
        ("status".into(), J::s(&a.status)),
        ("labels".into(), J::from_value(&a.labels)),
        ("annotations".into(), J::from_value(&a.annotations)),
        ("startsAt".into(), J::s(&a.starts_at)),
        ("endsAt".into(), J::s(&a.ends_at)),
        ("generatorURL".into(), J::s(&a.generator_url)),
        ("fingerprint".into(), J::s(&a.fingerprint)),
    ])
}

/// Labels and annotations shared by every alert, computed as Alertmanager does (a missing
/// label counts as the empty value).
fn common(alerts: &[Alert]) -> (J, J) {
    let pairs = |v: &Value| -> Vec<(String, String)> {
        v.as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let get = |v: &Value, k: &str| -> String {
        v.get(k).and_then(Value::as_str).unwrap_or("").to_string()
    };
    let Some(first) = alerts.first() else {
        return (J::Obj(Vec::new()), J::Obj(Vec::new()));
    };
    let mut labels = pairs(&first.labels);
    let mut annotations = pairs(&first.annotations);
    for a in &alerts[1..] {
        labels.retain(|(k, v)| get(&a.labels, k) == *v);
        annotations.retain(|(k, v)| get(&a.annotations, k) == *v);
    }
    let to_j =
        |p: Vec<(String, String)>| J::map(p.into_iter().map(|(k, v)| (k, J::Str(v))).collect());
    (to_j(labels), to_j(annotations))
}
