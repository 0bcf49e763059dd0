//! Shared client settings: `http_config`, `tls_config`, `sigv4` and the top-level `tracing`.

use super::decode::{Cx, Decode, model};
use super::{GoDuration, Map, Opaque, Secret, Sp};
use crate::yaml::Node;

/// A TLS version's name (`TLS12`). An explicit null leaves it unset (Go does not call the
/// type's unmarshaller for null), while `''` is the empty name, which Alertmanager refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsVersion(pub String);

impl Decode for TlsVersion {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        String::decode(node, cx).map(TlsVersion)
    }
}

model! {
    /// `http_config:` (prometheus/common `HTTPClientConfig`).
    pub struct HttpConfig ("http_config") {
        basic_auth: Box<BasicAuth> = "basic_auth",
        authorization: Box<Authorization> = "authorization",
        oauth2: Box<OAuth2> = "oauth2",
        bearer_token: Secret = "bearer_token",
        bearer_token_file: String = "bearer_token_file",
        tls_config: Box<TlsConfig> = "tls_config",
        follow_redirects: bool = "follow_redirects",
        enable_http2: bool = "enable_http2",
        proxy_url: String = "proxy_url",
        no_proxy: String = "no_proxy" @ "0.26",
        proxy_from_environment: bool = "proxy_from_environment" @ "0.26",
        proxy_connect_header: Opaque = "proxy_connect_header" @ "0.26",
        http_headers: Map<HttpHeader> = "http_headers" @ "0.27",
    }
}

model! {
    /// `basic_auth:`.
    pub struct BasicAuth ("basic_auth") {
        username: String = "username",
        username_file: String = "username_file" @ "0.27",
        username_ref: String = "username_ref" @ "0.27",
        password: Secret = "password",
        password_file: String = "password_file",
        password_ref: String = "password_ref" @ "0.27",
    }
}

model! {
    /// `authorization:`.
    pub struct Authorization ("authorization") {
        r#type: String = "type",
        credentials: Secret = "credentials",
        credentials_file: String = "credentials_file",
        credentials_ref: String = "credentials_ref" @ "0.27",
    }
}

model! {
    /// `oauth2:`.
    pub struct OAuth2 ("oauth2") {
        client_id: String = "client_id",
        client_secret: Secret = "client_secret",
        client_secret_file: String = "client_secret_file",
        client_secret_ref: String = "client_secret_ref" @ "0.27",
        client_certificate_key_id: String = "client_certificate_key_id" @ "0.31",
        client_certificate_key: Secret = "client_certificate_key" @ "0.31",
        client_certificate_key_file: String = "client_certificate_key_file" @ "0.31",
        client_certificate_key_ref: String = "client_certificate_key_ref" @ "0.31",
        grant_type: String = "grant_type" @ "0.31",
        signature_algorithm: String = "signature_algorithm" @ "0.31",
        iss: String = "iss" @ "0.31",
        audience: String = "audience" @ "0.31",
        claims: Opaque = "claims" @ "0.31",
        scopes: Vec<Sp<String>> = "scopes",
        token_url: String = "token_url",
        endpoint_params: Map<String> = "endpoint_params",
        tls_config: TlsConfig = "tls_config",
        proxy_url: String = "proxy_url",
        no_proxy: String = "no_proxy" @ "0.26",
        proxy_from_environment: bool = "proxy_from_environment" @ "0.26",
        proxy_connect_header: Opaque = "proxy_connect_header" @ "0.26",
    }
}

model! {
    /// `tls_config:`.
    pub struct TlsConfig ("tls_config") {
        ca: String = "ca" @ "0.26",
        ca_file: String = "ca_file",
        ca_ref: String = "ca_ref" @ "0.27",
        cert: String = "cert" @ "0.26",
        cert_file: String = "cert_file",
        cert_ref: String = "cert_ref" @ "0.27",
        key: Secret = "key" @ "0.26",
        key_file: String = "key_file",
        key_ref: String = "key_ref" @ "0.27",
        server_name: String = "server_name",
        insecure_skip_verify: bool = "insecure_skip_verify",
        min_version: TlsVersion = "min_version",
        max_version: TlsVersion = "max_version",
    }
}

model! {
    /// One entry of `http_headers:`.
    pub struct HttpHeader ("http_headers entry") {
        values: Vec<Sp<String>> = "values",
        secrets: Vec<Sp<Secret>> = "secrets",
        files: Vec<Sp<String>> = "files",
    }
}

model! {
    /// `sigv4:` of an SNS integration.
    pub struct Sigv4 ("sigv4") {
        region: String = "region",
        access_key: String = "access_key",
        secret_key: Secret = "secret_key",
        profile: String = "profile",
        role_arn: String = "role_arn",
        external_id: String = "external_id" @ "0.31",
        use_fips_sts_endpoint: bool = "use_fips_sts_endpoint" @ "0.29",
        service_name: String = "service_name" @ "0.29",
    }
}

model! {
    /// Top-level `tracing:` (0.30).
    pub struct Tracing ("tracing") {
        endpoint: String = "endpoint",
        client_type: String = "client_type",
        sampling_fraction: f64 = "sampling_fraction",
        insecure: bool = "insecure",
        tls_config: TlsConfig = "tls_config",
        headers: Map<Secret> = "headers",
        compression: String = "compression",
        timeout: GoDuration = "timeout",
    }
}
