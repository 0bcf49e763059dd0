//! `sns_configs` rules.

use super::check_http;
use crate::diag::{Code, Diagnostic};
use crate::model::Sp;
use crate::model::receivers::sns::Sns;
use crate::validate::{GlobalView, V, set_secret, set_str};

pub(super) fn check(v: &mut V, e: &Sp<Sns>, _g: &GlobalView) {
    let c = &e.value;
    let topic = set_str(&c.topic_arn);
    let target = set_str(&c.target_arn);
    let phone = set_str(&c.phone_number);
    // Alertmanager's check is (target=="") != (topic=="") != (phone==""): it rejects zero or
    // two targets and, by accident, accepts all three.
    let rejected = (target.is_none() != topic.is_none()) != phone.is_none();
    if rejected {
        let set: Vec<_> = [topic, target, phone].into_iter().flatten().collect();
        let mut d = Diagnostic::new(
            Code::SnsTarget,
            set.first().copied().unwrap_or(e.span),
            if set.is_empty() {
                "an `sns_configs` entry has no `topic_arn`, `target_arn` or `phone_number`"
            } else {
                "an `sns_configs` entry has two targets"
            },
        )
        .label(if set.is_empty() {
            "no target in this entry"
        } else {
            "first target"
        })
        .help("set exactly one of `topic_arn`, `target_arn` and `phone_number`");
        for s in set.iter().skip(1) {
            d = d.secondary(*s, "also set here");
        }
        v.push(d);
    }
    if let Some(s) = &c.sigv4 {
        let ak = set_str(&s.value.access_key);
        let sk = set_secret(&s.value.secret_key);
        if ak.is_some() != sk.is_some() {
            v.push(
                Diagnostic::new(
                    Code::MissingField,
                    ak.or(sk).unwrap_or(s.key),
                    "`sigv4` needs both `access_key` and `secret_key` when credentials are given",
                )
                .help("set both keys, or neither to use the default credential chain"),
            );
        }
        if let Some(x) = set_str(&s.value.external_id)
            && set_str(&s.value.role_arn).is_none()
        {
            v.missing(
                x,
                "role_arn",
                "`sigv4` with `external_id`",
                "`external_id` is only used when assuming `role_arn`",
            );
        }
    }
    check_http(v, &c.http_config);
}
