//! Which mapping each field name belongs to, for "this field belongs elsewhere" hints.

use super::receivers::{
    Receiver, discord, email, incidentio, jira, mattermost, msteams, opsgenie, pagerduty, pushover,
    rocketchat, slack, sns, telegram, victorops, webex, webhook, wechat,
};
use super::{Config, global, http, inhibit, route, time_interval};

/// `(name of the mapping, its fields)` for every modelled mapping.
fn all() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        (Config::WHAT, Config::FIELDS),
        (global::Global::WHAT, global::Global::FIELDS),
        (route::Route::WHAT, route::Route::FIELDS),
        (inhibit::InhibitRule::WHAT, inhibit::InhibitRule::FIELDS),
        (Receiver::WHAT, Receiver::FIELDS),
        (
            time_interval::NamedTimeInterval::WHAT,
            time_interval::NamedTimeInterval::FIELDS,
        ),
        (
            time_interval::TimeIntervalSpec::WHAT,
            time_interval::TimeIntervalSpec::FIELDS,
        ),
        (http::HttpConfig::WHAT, http::HttpConfig::FIELDS),
        (http::TlsConfig::WHAT, http::TlsConfig::FIELDS),
        (http::Sigv4::WHAT, http::Sigv4::FIELDS),
        (email::Email::WHAT, email::Email::FIELDS),
        (pagerduty::Pagerduty::WHAT, pagerduty::Pagerduty::FIELDS),
        (slack::Slack::WHAT, slack::Slack::FIELDS),
        (webhook::Webhook::WHAT, webhook::Webhook::FIELDS),
        (opsgenie::Opsgenie::WHAT, opsgenie::Opsgenie::FIELDS),
        (victorops::Victorops::WHAT, victorops::Victorops::FIELDS),
        (pushover::Pushover::WHAT, pushover::Pushover::FIELDS),
        (wechat::Wechat::WHAT, wechat::Wechat::FIELDS),
        (telegram::Telegram::WHAT, telegram::Telegram::FIELDS),
        (sns::Sns::WHAT, sns::Sns::FIELDS),
        (discord::Discord::WHAT, discord::Discord::FIELDS),
        (webex::Webex::WHAT, webex::Webex::FIELDS),
        (msteams::Msteams::WHAT, msteams::Msteams::FIELDS),
        (jira::Jira::WHAT, jira::Jira::FIELDS),
        (rocketchat::Rocketchat::WHAT, rocketchat::Rocketchat::FIELDS),
        (msteams::MsteamsV2::WHAT, msteams::MsteamsV2::FIELDS),
        (incidentio::Incidentio::WHAT, incidentio::Incidentio::FIELDS),
        (mattermost::Mattermost::WHAT, mattermost::Mattermost::FIELDS),
    ]
}

/// "`x` is a field of <other mapping>" when `name` is misplaced rather than misspelled.
pub fn owner_hint(name: &str, what: &str) -> Option<String> {
    let owners: Vec<&str> = all()
        .iter()
        .filter(|(w, fields)| *w != what && fields.contains(&name))
        .map(|(w, _)| *w)
        .collect();
    match owners.as_slice() {
        [] => None,
        [one] => Some(format!(
            "`{name}` is a field of {one}; check the indentation"
        )),
        many if many.len() <= 3 => Some(format!(
            "`{name}` is a field of {}; check the indentation",
            many.join(" and of ")
        )),
        _ => Some(format!(
            "`{name}` is a field of other mappings (for example {}); check the indentation",
            owners[0]
        )),
    }
}
