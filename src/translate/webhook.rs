//! `webhook_configs` → the `webhook` section of the message: the target, and the alerts
//! themselves, cut to `max_alerts` in the template.

use std::cell::RefCell;
use std::path::Path;

use foldhash::HashMap;

use crate::diag::{Code, Diagnostic};
use crate::model::receivers::webhook::Webhook;

use super::contract::{self, Each, TIME_FORMAT, Value};
use super::cx::{Cx, Entry};
use super::{http, tree};

/// The `webhook` section of the message.
pub fn section(cx: &mut Cx, e: &Entry, w: &Webhook) -> Value {
    let mut out = Vec::new();
    let url = match (&w.url, &w.url_file) {
        (Some(u), _) if !u.value.0.is_empty() => Some((u.value.0.clone(), u.span)),
        (_, Some(f)) => cx
            .secret_file("url_file", f, Path::new("."))
            .map(|u| (u, f.span)),
        _ => None,
    };
    // Alertmanager treats webhook URLs as secrets (since 0.26): tokens hide in paths too.
    if let Some((u, span)) = url {
        out.push(cx.secret(e, "url", u.expose(), span));
    }
    if let Some(h) = http::carry(cx, e, w.http_config.as_deref()) {
        out.push(("http_config".into(), h));
    }
    let max = w.max_alerts.as_ref().map_or(0, |m| m.value);
    if max == 0 {
        cx.diags.push(
            Diagnostic::new(
                Code::MessageSize,
                e.span,
                "this webhook's messages carry every alert of a group, which can exceed SNS's 256 KiB",
            )
            .label("no `max_alerts`")
            .help("set `max_alerts` (for example 50): the message then carries the first alerts and the total"),
        );
    }
    out.push(("max_alerts".into(), Value::Raw(max.to_string().into())));
    if let Some(t) = &w.timeout {
        out.push(("timeout".into(), Value::Str(t.value.0.clone())));
    }
    let external = match &cx.opts.external_url {
        Some(u) => Value::Str(u.clone()),
        None => {
            cx.diags.push(
                Diagnostic::new(
                    Code::ExternalUrl,
                    e.span,
                    "the webhook body's `externalURL` becomes AMP's URL",
                )
                .label("this webhook receives `externalURL`")
                .help("pass `--external-url` with your Alertmanager's URL to keep sending it"),
            );
            Value::expr(".ExternalURL", &[])
        }
    };
    out.push(("external_url".into(), external));
    out.push((
        "total_alerts".into(),
        Value::RawTmpl("{{ len .Alerts }}".into()),
    ));
    out.push(("group_labels".into(), GROUP_LABELS.with(Clone::clone)));
    out.push(("alerts".into(), alerts(max)));
    if let Some(p) = &w.payload {
        out.push(("payload".into(), tree::value(cx, &p.value.0)));
    }
    Value::Map(out)
}

thread_local! {
    /// `webhook.group_labels`, the same in every webhook message.
    static GROUP_LABELS: Value =
        contract::shared("webhook.group_labels", &Value::Pairs(".GroupLabels".into()), 4);
    /// `webhook.alerts` by `max_alerts`.
    static ALERTS: RefCell<HashMap<u64, Value>> = RefCell::default();
}

/// `webhook.alerts`: the alerts, at most `max` (0: all), each with the webhook body's fields;
/// the same in every webhook message with this `max_alerts`.
fn alerts(max: u64) -> Value {
    ALERTS.with_borrow_mut(|m| {
        m.entry(max)
            .or_insert_with(|| {
                let name = match max {
                    0 => "webhook.alerts".to_string(),
                    n => format!("webhook.alerts.{n}"),
                };
                contract::shared(&name, &alerts_value(max), 4)
            })
            .clone()
    })
}

fn alerts_value(max: u64) -> Value {
    let a = "$am2ampAlert";
    let vars = [a, "$am2ampIndex"];
    let field = |f: &str| Value::expr(&format!("{a}.{f}"), &vars);
    let time = |f: &str| Value::expr(&format!("{a}.{f}.Format \"{TIME_FORMAT}\""), &vars);
    let item = Value::map(vec![
        ("status", field("Status")),
        ("labels", Value::Pairs(format!("{a}.Labels"))),
        ("annotations", Value::Pairs(format!("{a}.Annotations"))),
        ("startsAt", time("StartsAt")),
        ("endsAt", time("EndsAt")),
        ("generatorURL", field("GeneratorURL")),
        ("fingerprint", field("Fingerprint")),
    ]);
    Value::Each(Each {
        over: ".Alerts".into(),
        vars: vec![a.into()],
        limit: (max > 0).then_some(max),
        item: Box::new(item),
    })
}
