//! `email_configs`.

use crate::model::decode::model;
use crate::model::http::TlsConfig;
use crate::model::{Map, OptBool, Secret, Tmpl};

model! {
    /// An `email_configs` entry.
    pub struct Email ("email_configs entry") {
        send_resolved: bool = "send_resolved",
        to: Tmpl = "to",
        from: Tmpl = "from",
        hello: String = "hello",
        smarthost: String = "smarthost",
        auth_username: String = "auth_username",
        auth_password: Secret = "auth_password",
        auth_password_file: String = "auth_password_file",
        auth_secret: Secret = "auth_secret",
        auth_secret_file: String = "auth_secret_file" @ "0.31",
        auth_identity: String = "auth_identity",
        headers: Map<Tmpl> = "headers",
        html: Tmpl = "html",
        text: Tmpl = "text",
        require_tls: OptBool = "require_tls",
        tls_config: TlsConfig = "tls_config",
        force_implicit_tls: OptBool = "force_implicit_tls" @ "0.31",
        threading: Threading = "threading" @ "0.30",
    }
}

model! {
    /// `threading:` of an email config (0.30).
    pub struct Threading ("threading") {
        enabled: bool = "enabled",
        thread_by_date: String = "thread_by_date",
    }
}
