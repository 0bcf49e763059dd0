//! `sns_configs`.

use crate::model::Map;
use crate::model::decode::model;
use crate::model::http::{HttpConfig, Sigv4};

model! {
    /// An `sns_configs` entry.
    pub struct Sns ("sns_configs entry") {
        send_resolved: bool = "send_resolved",
        http_config: HttpConfig = "http_config",
        /// A template, not validated as a URL.
        api_url: String = "api_url",
        sigv4: Sigv4 = "sigv4",
        topic_arn: String = "topic_arn",
        phone_number: String = "phone_number",
        target_arn: String = "target_arn",
        subject: String = "subject",
        message: String = "message",
        attributes: Map<String> = "attributes",
        use_aws_http_client: bool = "use_aws_http_client" @ "0.33",
    }
}
