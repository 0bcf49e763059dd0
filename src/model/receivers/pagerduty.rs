//! `pagerduty_configs`.

use crate::model::decode::model;
use crate::model::http::HttpConfig;
use crate::model::{GoDuration, Map, Opaque, Secret, Sp, Tmpl, Url};

model! {
    /// A `pagerduty_configs` entry.
    pub struct Pagerduty ("pagerduty_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        service_key: Secret = "service_key",
        service_key_file: String = "service_key_file",
        routing_key: Secret = "routing_key",
        routing_key_file: String = "routing_key_file",
        url: Url = "url",
        client: Tmpl = "client",
        client_url: Tmpl = "client_url",
        description: Tmpl = "description",
        /// Strings in 0.25; any YAML value (strings templated) since 0.30.
        details: Map<Opaque> = "details",
        images: Vec<Sp<PagerdutyImage>> = "images",
        links: Vec<Sp<PagerdutyLink>> = "links",
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
