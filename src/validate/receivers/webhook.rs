//! `webhook_configs` rules.

use super::{check_http, need_one};
use crate::model::Sp;
use crate::model::receivers::webhook::Webhook;
use crate::validate::{GlobalView, V, set_str};

pub(super) fn check(v: &mut V, e: &Sp<Webhook>, _g: &GlobalView) {
    let c = &e.value;
    let url = c.url.as_ref().filter(|u| !u.value.0.is_empty());
    let file = set_str(&c.url_file);
    need_one(
        v,
        e.span,
        "url",
        "url_file",
        "a `webhook_configs` entry",
        url.is_some() || file.is_some(),
    );
    v.at_most_one(("url", url.map(|u| u.key)), ("url_file", file));
    if let Some(u) = url {
        if u.value.0.expose().contains("{{") {
            v.feature(0, 31, "a templated webhook `url`", u.span);
        } else {
            v.secret_url("url", &c.url);
        }
    }
    check_http(v, &c.http_config);
    v.go_duration("timeout", &c.timeout);
}
