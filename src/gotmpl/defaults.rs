//! Alertmanager's default templates: the names every version defines, and am2amp's own
//! equivalents of those that converted receivers use (proven equal by the oracle tests).

use std::sync::OnceLock;

use super::{Template, parse};
use crate::model::Version;

/// am2amp's definitions (`defaults.tmpl`).
pub const SOURCE: &str = include_str!("defaults.tmpl");

const fn v(minor: u16) -> Version {
    Version::new(0, minor)
}

/// Every template Alertmanager defines in its `default.tmpl`, with the first version that has it.
pub const NAMES: &[(&str, Version)] = &[
    ("__alertmanager", v(25)),
    ("__alertmanagerURL", v(25)),
    ("__subject", v(25)),
    ("__description", v(25)),
    ("__text_alert_list", v(25)),
    ("__text_alert_list_markdown", v(28)),
    ("slack.default.title", v(25)),
    ("slack.default.username", v(25)),
    ("slack.default.fallback", v(25)),
    ("slack.default.callbackid", v(25)),
    ("slack.default.pretext", v(25)),
    ("slack.default.titlelink", v(25)),
    ("slack.default.iconemoji", v(25)),
    ("slack.default.iconurl", v(25)),
    ("slack.default.text", v(25)),
    ("slack.default.footer", v(25)),
    ("slack.default.color", v(32)),
    ("pagerduty.default.description", v(25)),
    ("pagerduty.default.client", v(25)),
    ("pagerduty.default.clientURL", v(25)),
    ("pagerduty.default.instances", v(25)),
    ("opsgenie.default.message", v(25)),
    ("opsgenie.default.description", v(25)),
    ("opsgenie.default.source", v(25)),
    ("wechat.default.message", v(25)),
    ("wechat.default.to_user", v(25)),
    ("wechat.default.to_party", v(25)),
    ("wechat.default.to_tag", v(25)),
    ("wechat.default.agent_id", v(25)),
    ("victorops.default.state_message", v(25)),
    ("victorops.default.entity_display_name", v(25)),
    ("victorops.default.monitoring_tool", v(25)),
    ("pushover.default.title", v(25)),
    ("pushover.default.message", v(25)),
    ("pushover.default.url", v(25)),
    ("sns.default.subject", v(25)),
    ("sns.default.message", v(25)),
    ("telegram.default.message", v(25)),
    ("discord.default.title", v(25)),
    ("discord.default.message", v(25)),
    ("discord.default.content", v(28)),
    ("webex.default.message", v(25)),
    ("email.default.subject", v(25)),
    ("email.default.html", v(25)),
    ("msteams.default.summary", v(27)),
    ("msteams.default.title", v(26)),
    ("msteams.default.text", v(26)),
    ("msteamsv2.default.title", v(28)),
    ("msteamsv2.default.text", v(28)),
    ("jira.default.summary", v(28)),
    ("jira.default.description", v(28)),
    ("jira.default.priority", v(28)),
    ("rocketchat.default.title", v(28)),
    ("rocketchat.default.alias", v(28)),
    ("rocketchat.default.titlelink", v(28)),
    ("rocketchat.default.emoji", v(28)),
    ("rocketchat.default.iconurl", v(28)),
    ("rocketchat.default.text", v(28)),
    ("mattermost.default.color", v(30)),
    ("mattermost.default.username", v(30)),
    ("mattermost.default.title", v(30)),
    ("mattermost.default.titlelink", v(30)),
    ("mattermost.default.fallback", v(30)),
    ("mattermost.default.text", v(30)),
];

/// The version that first defines a default template, if it is one.
pub fn since(name: &str) -> Option<Version> {
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// am2amp's definitions, parsed once.
pub fn parsed() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| parse(SOURCE).expect("defaults.tmpl parses"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_definitions_are_all_known_names() {
        for d in &parsed().defines {
            assert!(since(&d.name).is_some(), "{}", d.name);
        }
    }
}
