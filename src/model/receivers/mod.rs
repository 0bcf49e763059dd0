//! Receivers and their integrations, one file per integration.

pub mod discord;
pub mod email;
pub mod incidentio;
pub mod jira;
pub mod mattermost;
pub mod msteams;
pub mod opsgenie;
pub mod pagerduty;
pub mod pushover;
pub mod rocketchat;
pub mod slack;
pub mod sns;
pub mod telegram;
pub mod victorops;
pub mod webex;
pub mod webhook;
pub mod wechat;

use super::decode::model;
use super::http::HttpConfig;
use super::{Map, Sp, Version};
use crate::source::Span;

model! {
    /// An entry of `receivers:`.
    pub struct Receiver ("receivers entry") {
        name: String = "name",
        /// Receiver labels (0.33).
        labels: Map<String> = "labels" @ "0.33",
        discord_configs: Vec<Sp<discord::Discord>> = "discord_configs",
        email_configs: Vec<Sp<email::Email>> = "email_configs",
        incidentio_configs: Vec<Sp<incidentio::Incidentio>> = "incidentio_configs" @ "0.29",
        pagerduty_configs: Vec<Sp<pagerduty::Pagerduty>> = "pagerduty_configs",
        slack_configs: Vec<Sp<slack::Slack>> = "slack_configs",
        webhook_configs: Vec<Sp<webhook::Webhook>> = "webhook_configs",
        opsgenie_configs: Vec<Sp<opsgenie::Opsgenie>> = "opsgenie_configs",
        wechat_configs: Vec<Sp<wechat::Wechat>> = "wechat_configs",
        pushover_configs: Vec<Sp<pushover::Pushover>> = "pushover_configs",
        victorops_configs: Vec<Sp<victorops::Victorops>> = "victorops_configs",
        sns_configs: Vec<Sp<sns::Sns>> = "sns_configs",
        telegram_configs: Vec<Sp<telegram::Telegram>> = "telegram_configs",
        webex_configs: Vec<Sp<webex::Webex>> = "webex_configs",
        msteams_configs: Vec<Sp<msteams::Msteams>> = "msteams_configs" @ "0.26",
        msteamsv2_configs: Vec<Sp<msteams::MsteamsV2>> = "msteamsv2_configs" @ "0.28",
        jira_configs: Vec<Sp<jira::Jira>> = "jira_configs" @ "0.28",
        rocketchat_configs: Vec<Sp<rocketchat::Rocketchat>> = "rocketchat_configs" @ "0.28",
        mattermost_configs: Vec<Sp<mattermost::Mattermost>> = "mattermost_configs" @ "0.30",
    }
}

/// The kinds of integration a receiver can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntegrationKind {
    /// `discord_configs`.
    Discord,
    /// `email_configs`.
    Email,
    /// `incidentio_configs`.
    Incidentio,
    /// `pagerduty_configs`.
    Pagerduty,
    /// `slack_configs`.
    Slack,
    /// `webhook_configs`.
    Webhook,
    /// `opsgenie_configs`.
    Opsgenie,
    /// `wechat_configs`.
    Wechat,
    /// `pushover_configs`.
    Pushover,
    /// `victorops_configs`.
    Victorops,
    /// `sns_configs`.
    Sns,
    /// `telegram_configs`.
    Telegram,
    /// `webex_configs`.
    Webex,
    /// `msteams_configs`.
    Msteams,
    /// `msteamsv2_configs`.
    MsteamsV2,
    /// `jira_configs`.
    Jira,
    /// `rocketchat_configs`.
    Rocketchat,
    /// `mattermost_configs`.
    Mattermost,
}

impl IntegrationKind {
    /// Every kind.
    pub const ALL: &'static [IntegrationKind] = &[
        IntegrationKind::Discord,
        IntegrationKind::Email,
        IntegrationKind::Incidentio,
        IntegrationKind::Pagerduty,
        IntegrationKind::Slack,
        IntegrationKind::Webhook,
        IntegrationKind::Opsgenie,
        IntegrationKind::Wechat,
        IntegrationKind::Pushover,
        IntegrationKind::Victorops,
        IntegrationKind::Sns,
        IntegrationKind::Telegram,
        IntegrationKind::Webex,
        IntegrationKind::Msteams,
        IntegrationKind::MsteamsV2,
        IntegrationKind::Jira,
        IntegrationKind::Rocketchat,
        IntegrationKind::Mattermost,
    ];

    /// The integration name Alertmanager uses (`pagerduty`).
    pub fn name(self) -> &'static str {
        match self {
            IntegrationKind::Discord => "discord",
            IntegrationKind::Email => "email",
            IntegrationKind::Incidentio => "incidentio",
            IntegrationKind::Pagerduty => "pagerduty",
            IntegrationKind::Slack => "slack",
            IntegrationKind::Webhook => "webhook",
            IntegrationKind::Opsgenie => "opsgenie",
            IntegrationKind::Wechat => "wechat",
            IntegrationKind::Pushover => "pushover",
            IntegrationKind::Victorops => "victorops",
            IntegrationKind::Sns => "sns",
            IntegrationKind::Telegram => "telegram",
            IntegrationKind::Webex => "webex",
            IntegrationKind::Msteams => "msteams",
            IntegrationKind::MsteamsV2 => "msteamsv2",
            IntegrationKind::Jira => "jira",
            IntegrationKind::Rocketchat => "rocketchat",
            IntegrationKind::Mattermost => "mattermost",
        }
    }

    /// The receiver key (`pagerduty_configs`).
    pub fn key(self) -> String {
        format!("{}_configs", self.name())
    }

    /// The first Alertmanager version that has it.
    pub fn since(self) -> Version {
        match self {
            IntegrationKind::Msteams => Version::new(0, 26),
            IntegrationKind::MsteamsV2 | IntegrationKind::Jira | IntegrationKind::Rocketchat => {
                Version::new(0, 28)
            }
            IntegrationKind::Incidentio => Version::new(0, 29),
            IntegrationKind::Mattermost => Version::new(0, 30),
            _ => Version::V0_25,
        }
    }

    /// `send_resolved` when the entry does not set it.
    pub fn default_send_resolved(self) -> bool {
        !matches!(
            self,
            IntegrationKind::Slack
                | IntegrationKind::Email
                | IntegrationKind::Wechat
                | IntegrationKind::Rocketchat
        )
    }
}

/// One integration entry of a receiver, by reference.
#[derive(Debug, Clone, Copy)]
pub struct IntegrationRef<'a> {
    /// Which integration.
    pub kind: IntegrationKind,
    /// Position within its list (Alertmanager's integration index).
    pub index: usize,
    /// Where the entry is.
    pub span: Span,
    /// Where the list key (`pagerduty_configs:`) is.
    pub list_key: Span,
    /// The entry's `http_config`, when it has one of its own.
    pub http_config: Option<&'a Sp<Box<HttpConfig>>>,
    /// The entry's explicit `send_resolved`.
    pub send_resolved: Option<&'a Sp<bool>>,
}

/// Fields every integration entry has.
pub trait IntegrationFields {
    /// The entry's own `http_config`.
    fn http_config(&self) -> Option<&Sp<Box<HttpConfig>>>;
    /// The entry's explicit `send_resolved`.
    fn send_resolved(&self) -> Option<&Sp<bool>>;
}

macro_rules! integration_fields {
    ($($ty:ty),*) => {$(
        impl IntegrationFields for $ty {
            fn http_config(&self) -> Option<&Sp<Box<HttpConfig>>> {
                self.http_config.as_deref()
            }
            fn send_resolved(&self) -> Option<&Sp<bool>> {
                self.send_resolved.as_deref()
            }
        }
    )*};
}

integration_fields!(
    discord::Discord,
    incidentio::Incidentio,
    pagerduty::Pagerduty,
    slack::Slack,
    webhook::Webhook,
    opsgenie::Opsgenie,
    wechat::Wechat,
    pushover::Pushover,
    victorops::Victorops,
    sns::Sns,
    telegram::Telegram,
    webex::Webex,
    msteams::Msteams,
    msteams::MsteamsV2,
    jira::Jira,
    rocketchat::Rocketchat,
    mattermost::Mattermost
);

impl IntegrationFields for email::Email {
    fn http_config(&self) -> Option<&Sp<Box<HttpConfig>>> {
        None
    }
    fn send_resolved(&self) -> Option<&Sp<bool>> {
        self.send_resolved.as_deref()
    }
}

macro_rules! integrations_of {
    ($self:ident, $out:ident; $($field:ident => $kind:ident;)*) => {$(
        if let Some(list) = &$self.$field {
            for (index, e) in list.value.iter().enumerate() {
                $out.push(IntegrationRef {
                    kind: IntegrationKind::$kind,
                    index,
                    span: e.span,
                    list_key: list.key,
                    http_config: e.value.http_config(),
                    send_resolved: e.value.send_resolved(),
                });
            }
        }
    )*};
}

impl Receiver {
    /// Every integration entry, grouped by kind in Alertmanager's order.
    pub fn integrations(&self) -> Vec<IntegrationRef<'_>> {
        let mut out = Vec::new();
        integrations_of!(self, out;
            discord_configs => Discord;
            email_configs => Email;
            incidentio_configs => Incidentio;
            pagerduty_configs => Pagerduty;
            slack_configs => Slack;
            webhook_configs => Webhook;
            opsgenie_configs => Opsgenie;
            wechat_configs => Wechat;
            pushover_configs => Pushover;
            victorops_configs => Victorops;
            sns_configs => Sns;
            telegram_configs => Telegram;
            webex_configs => Webex;
            msteams_configs => Msteams;
            msteamsv2_configs => MsteamsV2;
            jira_configs => Jira;
            rocketchat_configs => Rocketchat;
            mattermost_configs => Mattermost;
        );
        out
    }

    /// The receiver's name, or "" when missing.
    pub fn name_str(&self) -> &str {
        self.name.as_ref().map_or("", |n| n.value.as_str())
    }
}
