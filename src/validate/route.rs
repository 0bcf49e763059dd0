//! Routing-tree rules: the root route, receivers and time intervals used, `group_by`, matchers
//! and timers.

use foldhash::{HashMap, HashSet, HashSetExt};

use super::V;
use crate::alertmanager::{labels, matcher, regex};
use crate::diag::{Code, Diagnostic, suggest};
use crate::model::route::{RegexValue, Route};
use crate::model::{Config, Field, Map, Sp};
use crate::source::Span;

pub(super) fn check(
    v: &mut V,
    config: &Config,
    receivers: &HashMap<String, Span>,
    intervals: &HashMap<String, Span>,
) {
    let Some(root) = &config.route else {
        let empty =
            config.global.is_none() && config.receivers.is_none() && config.inhibit_rules.is_none();
        v.push(
            Diagnostic::new(
                Code::NoRoute,
                v.config_span,
                if empty {
                    "the config is empty: no route provided"
                } else {
                    "no route provided in config"
                },
            )
            .help("add a top-level `route:` with at least `receiver: <name>`"),
        );
        return;
    };
    check_root(v, root);
    walk(v, root, receivers, intervals);
}

fn check_root(v: &mut V, root: &Sp<Route>) {
    let r = &root.value;
    if r.receiver.as_ref().is_none_or(|s| s.value.is_empty()) {
        v.push(
            Diagnostic::new(
                Code::RootRoute,
                root.key,
                "root route must specify a default receiver",
            )
            .label("no `receiver` here")
            .help("add `receiver: <name>`; alerts that match no child route go there"),
        );
    }
    let matchers = [
        r.r#match
            .as_ref()
            .filter(|m| !m.value.is_empty())
            .map(|m| m.key),
        r.match_re
            .as_ref()
            .filter(|m| !m.value.is_empty())
            .map(|m| m.key),
        r.matchers
            .as_ref()
            .filter(|m| !m.value.is_empty())
            .map(|m| m.key),
    ];
    for s in matchers.into_iter().flatten() {
        v.push(
            Diagnostic::new(Code::RootRoute, s, "root route must not have any matchers")
                .label("matcher on the root route")
                .help("the root route receives every alert; move the matcher to a child route under `routes:`"),
        );
    }
    for (field, list) in [
        ("mute_time_intervals", &r.mute_time_intervals),
        ("active_time_intervals", &r.active_time_intervals),
    ] {
        if let Some(l) = list.as_ref().filter(|l| !l.value.is_empty()) {
            v.push(
                Diagnostic::new(
                    Code::RootRoute,
                    l.key,
                    format!("root route must not have any {}", field.replace('_', " ")),
                )
                .label("not allowed on the root route")
                .help("move the time intervals to a child route"),
            );
        }
    }
    if let Some(c) = r.r#continue.as_ref().filter(|c| c.value) {
        v.push(
            Diagnostic::new(Code::RootRoute, c.key, "cannot have continue in root route")
                .label("`continue: true` on the root route")
                .help("remove `continue`; it only makes sense on child routes"),
        );
    }
}

fn walk(
    v: &mut V,
    route: &Sp<Route>,
    receivers: &HashMap<String, Span>,
    intervals: &HashMap<String, Span>,
) {
    let r = &route.value;
    if let Some(name) = r.receiver.as_ref().filter(|n| !n.value.is_empty())
        && !receivers.contains_key(&name.value)
    {
        let help = suggest::did_you_mean(&name.value, receivers.keys().map(String::as_str))
            .unwrap_or_else(|| {
                "define it under `receivers:` or fix the name (names are case-sensitive)".into()
            });
        v.push(
            Diagnostic::new(
                Code::UndefinedReceiver,
                name.span,
                format!("undefined receiver `{}` used in route", name.value),
            )
            .label("no receiver has this name")
            .help(help),
        );
    }
    if let Some(g) = &r.group_by {
        group_by(v, &g.value);
    }
    check_match(v, &r.r#match);
    check_match_re(v, &r.match_re);
    check_matchers(v, &r.matchers);
    v.prom_duration("group_wait", &r.group_wait);
    for (field, d) in [
        ("group_interval", &r.group_interval),
        ("repeat_interval", &r.repeat_interval),
    ] {
        if v.prom_duration(field, d) == Some(0) {
            let d = d.as_ref().map_or(route.key, |d| d.span);
            v.push(
                Diagnostic::new(Code::ZeroInterval, d, format!("{field} cannot be zero"))
                    .label("zero")
                    .help(format!("set a positive `{field}`, such as `5m`")),
            );
        }
    }
    for list in [&r.mute_time_intervals, &r.active_time_intervals]
        .into_iter()
        .flatten()
    {
        for name in list.value.iter() {
            if !intervals.contains_key(&name.value) {
                let help = suggest::did_you_mean(&name.value, intervals.keys().map(String::as_str))
                    .unwrap_or_else(|| "define it under `time_intervals:`".into());
                v.push(
                    Diagnostic::new(
                        Code::UndefinedTimeInterval,
                        name.span,
                        format!("undefined time interval `{}` used in route", name.value),
                    )
                    .label("no time interval has this name")
                    .help(help),
                );
            }
        }
    }
    if let Some(labels) = &r.labels {
        for (k, _) in labels.value.iter() {
            if k.value.is_empty() {
                v.push(
                    Diagnostic::new(
                        Code::LabelName,
                        k.span,
                        "invalid label name \"\" in route labels",
                    )
                    .help("give the label a name"),
                );
            }
        }
    }
    for child in r.children() {
        walk(v, child, receivers, intervals);
    }
}

fn group_by(v: &mut V, items: &[Sp<String>]) {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut wildcard = None;
    let mut named = None;
    for item in items {
        let name = item.value.as_str();
        if name == "..." {
            wildcard = Some(item.span);
            continue;
        }
        named.get_or_insert(item.span);
        if !labels::is_classic_name(name) {
            v.push(
                Diagnostic::new(Code::LabelName, item.span, format!("invalid label name {name:?} in group_by list"))
                    .label("not a label name")
                    .help("label names match [a-zA-Z_][a-zA-Z0-9_]*; use `...` alone to group by all labels"),
            );
        } else if !seen.insert(name) {
            v.push(
                Diagnostic::new(
                    Code::GroupBy,
                    item.span,
                    format!("duplicated label {name:?} in group_by"),
                )
                .label("listed twice")
                .help("remove the repeated label"),
            );
        }
    }
    if let (Some(w), Some(n)) = (wildcard, named) {
        v.push(
            Diagnostic::new(
                Code::GroupBy,
                w,
                "cannot have wildcard group_by (`...`) and other labels at the same time",
            )
            .label("wildcard")
            .secondary(n, "label name")
            .help("use either `['...']` or a list of label names"),
        );
    }
}

fn label_name(v: &mut V, k: &Sp<String>) {
    if !labels::is_classic_name(&k.value) {
        v.push(
            Diagnostic::new(Code::LabelName, k.span, format!("invalid label name {:?}", k.value))
                .label("not a label name")
                .help("label names match [a-zA-Z_][a-zA-Z0-9_]*; use `matchers:` for other names (Alertmanager 0.27+)"),
        );
    }
}

pub(super) fn check_match(v: &mut V, m: &Field<Map<String>>) {
    for (k, _) in m.iter().flat_map(|m| m.value.iter()) {
        label_name(v, k);
    }
}

pub(super) fn check_match_re(v: &mut V, m: &Field<Map<RegexValue>>) {
    for (k, val) in m.iter().flat_map(|m| m.value.iter()) {
        label_name(v, k);
        match &val.value.0 {
            None => v.push(
                Diagnostic::new(
                    Code::Regex,
                    k.span,
                    format!("invalid regexp value for {:?}", k.value),
                )
                .label("no regular expression")
                .help("write a regular expression after the colon (use `.*` to match anything)"),
            ),
            Some(re) => {
                if let Err(e) = regex::compile_anchored(re) {
                    v.push(
                        Diagnostic::new(Code::Regex, val.span, format!("invalid regular expression for {:?}: {e}", k.value))
                            .label("does not compile")
                            .help("Alertmanager uses Go RE2 syntax, anchored as ^(?:RE)$; lookaround and backreferences are not supported"),
                    );
                }
            }
        }
    }
}

pub(super) fn check_matchers(v: &mut V, list: &Field<Vec<Sp<String>>>) {
    for m in list.iter().flat_map(|l| l.value.iter()) {
        match &*matcher::parse_fallback_remembered(&m.value) {
            Ok((_, matcher::Syntax::Utf8Only)) => {
                v.feature(0, 27, format!("UTF-8 matcher syntax `{}`", m.value), m.span);
            }
            Ok(_) => {}
            Err(e) => {
                let code = if e.contains("regexp") {
                    Code::Regex
                } else {
                    Code::Matcher
                };
                v.push(
                    Diagnostic::new(code, m.span, format!("invalid matcher: {e}"))
                        .label("cannot be parsed")
                        .help("write `name=\"value\"`, `name!=\"value\"`, `name=~\"regex\"` or `name!~\"regex\"`; quote values with spaces, commas or quotes"),
                );
            }
        }
    }
}
