//! `pagerduty_configs` rules.

use super::check_http;
use crate::diag::{Code, Diagnostic};
use crate::model::receivers::pagerduty::Pagerduty;
use crate::model::{Field, Sp};
use crate::validate::{GlobalView, V, set_str};
use crate::yaml::Kind;

pub(super) fn check(v: &mut V, e: &Sp<Pagerduty>, _g: &GlobalView) {
    let c = &e.value;
    let key = |k: &Field<crate::model::receivers::pagerduty::PagerdutyKey>| {
        k.as_ref().filter(|k| k.value.is_set()).map(|k| k.key)
    };
    let rk = key(&c.routing_key);
    let rkf = set_str(&c.routing_key_file);
    let sk = key(&c.service_key);
    let skf = set_str(&c.service_key_file);
    if rk.is_none() && rkf.is_none() && sk.is_none() && skf.is_none() {
        v.push(
            Diagnostic::new(
                Code::MissingField,
                e.span,
                "a `pagerduty_configs` entry has no routing or service key",
            )
            .label("`routing_key` or `service_key` is required here")
            .help("set `routing_key` (Events API v2) or `service_key` (Events API v1)"),
        );
    }
    v.at_most_one(("routing_key", rk), ("routing_key_file", rkf));
    v.at_most_one(("service_key", sk), ("service_key_file", skf));
    v.url("url", &c.url);
    check_http(v, &c.http_config);
    v.go_duration("timeout", &c.timeout);
    if let Some(details) = &c.details {
        for (k, val) in details.value.iter() {
            if matches!(val.value.0.kind, Kind::Map(_) | Kind::Seq(_)) {
                v.feature(
                    0,
                    30,
                    format!("structured PagerDuty detail `{}`", k.value),
                    val.span,
                );
            }
        }
    }
}
