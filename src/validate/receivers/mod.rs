//! Receiver rules: names, and each integration's own rules and `global` inheritance.

mod chat;
mod email;
mod incident;
mod pagerduty;
mod slack;
mod sns;
mod webhook;

use foldhash::{HashMap, HashMapExt};

use super::{GlobalView, V, http};
use crate::diag::{Code, Diagnostic};
use crate::model::http::HttpConfig;
use crate::model::{Config, Field};
use crate::source::Span;

/// Checks every receiver; returns the defined names with their spans.
pub(super) fn check(v: &mut V, config: &Config, global: &GlobalView) -> HashMap<String, Span> {
    let mut names: HashMap<String, Span> = HashMap::new();
    let Some(receivers) = &config.receivers else {
        return names;
    };
    for r in receivers.value.iter() {
        match r.value.name.as_ref().filter(|n| !n.value.is_empty()) {
            None => v.push(
                Diagnostic::new(Code::MissingName, r.span, "receiver has no `name`")
                    .label("this receiver needs a name")
                    .help("add `name: <receiver name>`; routes refer to receivers by name"),
            ),
            Some(n) => {
                if let Some(first) = names.get(&n.value) {
                    v.push(
                        Diagnostic::new(
                            Code::DuplicateName,
                            n.span,
                            format!("receiver name `{}` is not unique", n.value),
                        )
                        .label("defined again here")
                        .secondary(*first, "first defined here")
                        .help("give each receiver its own name, or merge their integrations into one receiver"),
                    );
                } else {
                    names.insert(n.value.clone(), n.span);
                }
            }
        }
        let r = &r.value;
        macro_rules! each {
            ($field:ident, $f:path) => {
                // An entry with a mistyped field is reported once, for that field.
                for e in r
                    .$field
                    .iter()
                    .flat_map(|l| l.value.iter())
                    .filter(|e| !e.value.broken)
                {
                    $f(v, e, global);
                }
            };
        }
        each!(email_configs, email::check);
        each!(pagerduty_configs, pagerduty::check);
        each!(slack_configs, slack::check);
        each!(webhook_configs, webhook::check);
        each!(sns_configs, sns::check);
        each!(opsgenie_configs, incident::opsgenie);
        each!(victorops_configs, incident::victorops);
        each!(incidentio_configs, incident::incidentio);
        each!(jira_configs, incident::jira);
        each!(pushover_configs, chat::pushover);
        each!(wechat_configs, chat::wechat);
        each!(telegram_configs, chat::telegram);
        each!(discord_configs, chat::discord);
        each!(webex_configs, chat::webex);
        each!(msteams_configs, chat::msteams);
        each!(msteamsv2_configs, chat::msteamsv2);
        each!(rocketchat_configs, chat::rocketchat);
        each!(mattermost_configs, chat::mattermost);
    }
    names
}

/// Checks an entry's own `http_config`.
fn check_http(v: &mut V, h: &Field<Box<HttpConfig>>) {
    if let Some(h) = h {
        http::check(v, h);
    }
}

/// "no global X set": the entry lacks a value and `global` does not provide it either.
fn missing_global(v: &mut V, entry: Span, message: &str, help: &str) {
    v.push(
        Diagnostic::new(Code::MissingGlobal, entry, message.to_string())
            .label("nothing to inherit for this entry")
            .help(help.to_string()),
    );
}

/// An "at least one of" rule.
fn need_one(v: &mut V, entry: Span, a: &str, b: &str, what: &str, present: bool) {
    if !present {
        v.push(
            Diagnostic::new(
                Code::MissingField,
                entry,
                format!("{what} has neither `{a}` nor `{b}`"),
            )
            .label(format!("`{a}` or `{b}` is required here"))
            .help(format!("set `{a}` (or `{b}` to read it from a file)")),
        );
    }
}
