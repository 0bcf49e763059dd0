//! `sns_configs`.

use crate::model::Map;
use crate::model::Tmpl;
use crate::model::decode::model;
use crate::model::http::{HttpConfig, Sigv4};

model! {
    /// An `sns_configs` entry.
    pub struct Sns ("sns_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: Box<HttpConfig> = "http_config",
        /// A template, not validated as a URL.
        api_url: Tmpl = "api_url",
        sigv4: Sigv4 = "sigv4",
        topic_arn: Tmpl = "topic_arn",
        phone_number: Tmpl = "phone_number",
        target_arn: Tmpl = "target_arn",
        subject: Tmpl = "subject",
        message: Tmpl = "message",
        attributes: Map<Tmpl> = "attributes",
        use_aws_http_client: bool = "use_aws_http_client" @ "0.33",
    }
}
