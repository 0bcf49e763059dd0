//! Rules for incident-management integrations: OpsGenie, VictorOps, incident.io, Jira.

use super::{check_http, missing_global, need_one};
use crate::diag::{Code, Diagnostic};
use crate::model::Sp;
use crate::model::receivers::{
    incidentio::Incidentio, jira::Jira, opsgenie::Opsgenie, victorops::Victorops,
};
use crate::validate::{GlobalView, V, http, present, set_secret, set_str};

pub(super) fn opsgenie(v: &mut V, e: &Sp<Opsgenie>, g: &GlobalView) {
    let c = &e.value;
    let key = set_secret(&c.api_key);
    let file = set_str(&c.api_key_file);
    v.at_most_one(("api_key", key), ("api_key_file", file));
    v.url("api_url", &c.api_url);
    check_http(v, &c.http_config);
    for r in c.responders.iter().flat_map(|l| l.value.iter()) {
        let r_ = &r.value;
        if set_str(&r_.id).is_none()
            && set_str(&r_.name).is_none()
            && set_str(&r_.username).is_none()
        {
            v.missing(
                r.span,
                "id",
                "an OpsGenie responder",
                "a responder needs at least one of `id`, `name` and `username`",
            );
        }
        if let Some(t) = &r_.r#type {
            let ty = t.value.to_lowercase();
            if !t.value.contains("{{")
                && !["team", "teams", "user", "escalation", "schedule"].contains(&ty.as_str())
            {
                v.push(
                    Diagnostic::new(Code::Value, t.span, format!("OpsGenie responder type {:?} is not one of team, teams, user, escalation, schedule", t.value.text()))
                        .label("not accepted")
                        .label("not accepted")
                        .help("use team, teams, user, escalation or schedule"),
                );
            }
        }
    }
    if key.is_none()
        && file.is_none()
        && !g.has(|g| {
            set_secret(&g.opsgenie_api_key).is_some() || set_str(&g.opsgenie_api_key_file).is_some()
        })
    {
        missing_global(
            v,
            e.span,
            "no global OpsGenie API Key set either inline or in a file",
            "set `api_key` on the entry or `opsgenie_api_key` in `global`",
        );
    }
}

pub(super) fn victorops(v: &mut V, e: &Sp<Victorops>, g: &GlobalView) {
    let c = &e.value;
    if set_str(&c.routing_key).is_none() {
        v.missing(
            e.span,
            "routing_key",
            "a `victorops_configs` entry",
            "set the VictorOps routing key",
        );
    }
    let key = set_secret(&c.api_key);
    let file = set_str(&c.api_key_file);
    v.at_most_one(("api_key", key), ("api_key_file", file));
    v.url("api_url", &c.api_url);
    check_http(v, &c.http_config);
    const RESERVED: [&str; 7] = [
        "routing_key",
        "message_type",
        "state_message",
        "entity_display_name",
        "monitoring_tool",
        "entity_id",
        "entity_state",
    ];
    for (k, _) in c.custom_fields.iter().flat_map(|m| m.value.iter()) {
        if RESERVED.contains(&k.value.as_str()) {
            v.push(
                Diagnostic::new(Code::Value, k.span, format!("custom field `{}` conflicts with a fixed VictorOps field", k.value))
                    .label("not accepted")
                    .label("not accepted")
                    .help("rename the custom field; reserved names are routing_key, message_type, state_message, entity_display_name, monitoring_tool, entity_id, entity_state"),
            );
        }
    }
    if key.is_none()
        && file.is_none()
        && !g.has(|g| {
            set_secret(&g.victorops_api_key).is_some()
                || set_str(&g.victorops_api_key_file).is_some()
        })
    {
        missing_global(
            v,
            e.span,
            "no global VictorOps API Key set",
            "set `api_key` on the entry or `victorops_api_key` in `global`",
        );
    }
}

pub(super) fn incidentio(v: &mut V, e: &Sp<Incidentio>, _g: &GlobalView) {
    let c = &e.value;
    let url = present(&c.url);
    let file = set_str(&c.url_file);
    need_one(
        v,
        e.span,
        "url",
        "url_file",
        "an `incidentio_configs` entry",
        url.is_some() || file.is_some(),
    );
    v.at_most_one(("url", url), ("url_file", file));
    v.url("url", &c.url);
    let token = set_secret(&c.alert_source_token).or(set_str(&c.alert_source_token_file));
    v.at_most_one(
        ("alert_source_token", set_secret(&c.alert_source_token)),
        (
            "alert_source_token_file",
            set_str(&c.alert_source_token_file),
        ),
    );
    if let Some(h) = &c.http_config {
        let auth = http::has_authorization(&h.value);
        if auth && token.is_some() {
            v.push(
                Diagnostic::new(
                    Code::ConflictingFields,
                    token.unwrap_or(h.key),
                    "`alert_source_token` cannot be combined with `http_config.authorization`",
                )
                .secondary(h.key, "http_config set here")
                .help("keep one way of authenticating"),
            );
        }
        if !auth && token.is_none() {
            v.missing(
                e.span,
                "alert_source_token",
                "an `incidentio_configs` entry with an `http_config`",
                "set `alert_source_token` or `http_config.authorization`",
            );
        }
    }
    check_http(v, &c.http_config);
    v.go_duration("timeout", &c.timeout);
}

pub(super) fn jira(v: &mut V, e: &Sp<Jira>, g: &GlobalView) {
    let c = &e.value;
    if set_str(&c.project).is_none() {
        v.missing(
            e.span,
            "project",
            "a `jira_configs` entry",
            "set the Jira project key",
        );
    }
    if set_str(&c.issue_type).is_none() {
        v.missing(
            e.span,
            "issue_type",
            "a `jira_configs` entry",
            "set the issue type, for example `Bug`",
        );
    }
    if let Some(t) = &c.api_type
        && !["auto", "cloud", "datacenter"].contains(&t.value.as_str())
    {
        v.push(
            Diagnostic::new(
                Code::Value,
                t.span,
                "unknown `api_type`: must be auto, cloud or datacenter",
            )
            .label("not accepted")
            .help("use auto, cloud or datacenter"),
        );
    }
    v.url("api_url", &c.api_url);
    v.prom_duration("reopen_duration", &c.reopen_duration);
    check_http(v, &c.http_config);
    if c.api_url.is_none() && !g.has(|g| g.jira_api_url.is_some()) {
        missing_global(
            v,
            e.span,
            "no global Jira Cloud URL set",
            "set `api_url` on the entry or `jira_api_url` in `global`",
        );
    }
}
