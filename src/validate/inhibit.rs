//! Inhibition-rule rules.

use super::{V, route};
use crate::alertmanager::labels;
use crate::diag::{Code, Diagnostic};
use crate::model::inhibit::InhibitRule;

pub(super) fn check(v: &mut V, r: &InhibitRule) {
    route::check_match(v, &r.source_match);
    route::check_match(v, &r.target_match);
    route::check_match_re(v, &r.source_match_re);
    route::check_match_re(v, &r.target_match_re);
    route::check_matchers(v, &r.source_matchers);
    route::check_matchers(v, &r.target_matchers);
    for name in r.equal.iter().flat_map(|e| e.value.iter()) {
        if !name.value.null && !labels::is_classic_name(&name.value) {
            v.push(
                Diagnostic::new(
                    Code::LabelName,
                    name.span,
                    format!("invalid label name {:?} in equal list", name.value.value),
                )
                .label("not a label name")
                .help("label names match [a-zA-Z_][a-zA-Z0-9_]*"),
            );
        }
    }
}
