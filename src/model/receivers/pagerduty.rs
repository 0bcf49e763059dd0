//! `pagerduty_configs`.

use crate::model::decode::{Cx, Decode, model};
use crate::model::http::HttpConfig;
use crate::model::{
    Field, GoDuration, Map, Opaque, PromDuration, Secret, Sp, Tmpl, Url, ZeroIfNull,
};
use crate::yaml::{Kind, Node};

/// A PagerDuty routing or service key: the value itself, or (in an AMP definition only) a
/// reference to a key in an AWS Secrets Manager secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagerdutyKey {
    /// The key.
    Value(Secret),
    /// `aws_secrets_manager: {secret_arn, secret_key, refresh_interval}`.
    SecretsManager(SecretsManagerRef),
}

impl Default for PagerdutyKey {
    fn default() -> Self {
        PagerdutyKey::Value(Secret::default())
    }
}

impl PagerdutyKey {
    /// True when a key is given (a non-empty value or a reference).
    pub fn is_set(&self) -> bool {
        match self {
            PagerdutyKey::Value(s) => !s.is_empty(),
            PagerdutyKey::SecretsManager(_) => true,
        }
    }
}

impl Decode for PagerdutyKey {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        if !matches!(node.kind, Kind::Map(_)) {
            return Secret::decode(node, cx).map(PagerdutyKey::Value);
        }
        if !cx.amp_definition {
            cx.mismatch(
                node,
                "a string (a reference to AWS Secrets Manager is only valid in an AMP definition)",
            );
            return None;
        }
        let r = SecretsManagerKey::decode(node, cx)?;
        match r.aws_secrets_manager {
            Some(sm) => Some(PagerdutyKey::SecretsManager(sm.value)),
            None => {
                cx.mismatch(node, "`aws_secrets_manager: {secret_arn, secret_key}`");
                None
            }
        }
    }
    fn null() -> Option<Self> {
        Some(PagerdutyKey::default())
    }
}

impl crate::model::templates::Templates for PagerdutyKey {
    fn templates<'a>(
        &'a self,
        _: &'static str,
        _: &mut Vec<crate::model::templates::FieldTemplate<'a>>,
    ) {
    }
}

model! {
    /// A key given as a Secrets Manager reference (AMP's PagerDuty integration).
    pub struct SecretsManagerKey ("PagerDuty key reference") {
        aws_secrets_manager: SecretsManagerRef = "aws_secrets_manager",
    }
}

model! {
    /// Where AMP reads a PagerDuty key.
    pub struct SecretsManagerRef ("aws_secrets_manager") {
        secret_arn: String = "secret_arn",
        secret_key: String = "secret_key",
        refresh_interval: PromDuration = "refresh_interval",
    }
}

impl PartialEq for SecretsManagerRef {
    fn eq(&self, o: &Self) -> bool {
        let v = |x: &Field<String>| x.as_ref().map(|s| s.value.clone());
        v(&self.secret_arn) == v(&o.secret_arn) && v(&self.secret_key) == v(&o.secret_key)
    }
}

impl Eq for SecretsManagerRef {}

model! {
    /// A `pagerduty_configs` entry.
    pub struct Pagerduty ("pagerduty_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        service_key: PagerdutyKey = "service_key",
        service_key_file: String = "service_key_file",
        routing_key: PagerdutyKey = "routing_key",
        routing_key_file: String = "routing_key_file",
        url: Url = "url",
        client: Tmpl = "client",
        client_url: Tmpl = "client_url",
        description: Tmpl = "description",
        /// Strings in 0.25; any YAML value (strings templated) since 0.30.
        details: Map<Opaque> = "details",
        images: Vec<Sp<ZeroIfNull<PagerdutyImage>>> = "images",
        links: Vec<Sp<ZeroIfNull<PagerdutyLink>>> = "links",
        source: Tmpl = "source",
        severity: Tmpl = "severity",
        class: Tmpl = "class",
        component: Tmpl = "component",
        group: Tmpl = "group",
        timeout: GoDuration = "timeout" @ "0.30",
    }
}

model! {
    /// An `images` entry.
    pub struct PagerdutyImage ("images entry") {
        src: Tmpl = "src",
        alt: Tmpl = "alt",
        href: Tmpl = "href",
    }
}

model! {
    /// A `links` entry.
    pub struct PagerdutyLink ("links entry") {
        href: Tmpl = "href",
        text: Tmpl = "text",
    }
}
