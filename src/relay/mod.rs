//! The reader of the message contract (docs/contract.md): turns an SNS message produced by a
//! converted config back into the request the native integration would have sent, byte for
//! byte as Alertmanager 0.25 writes it. `am2amp decode` is its command line; a relay can use
//! it as a library.

mod envelope;
pub mod gojson;
pub mod group_key;
pub mod message;
mod pagerduty;
mod slack;
mod webhook;

use std::collections::BTreeMap;

use base64::Engine;
use serde::Serialize;

use message::{HttpConfig, Message, SecretsManager, Versioned};

pub use pagerduty::V1_URL as PAGERDUTY_V1_URL;

/// An HTTP request as the native integration sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    /// `pagerduty`, `slack` or `webhook`.
    pub integration: String,
    /// Always `POST`.
    pub method: String,
    /// Where it goes.
    pub url: String,
    /// Headers (`Content-Type`, and `Authorization` when the integration authenticates).
    pub headers: BTreeMap<String, String>,
    /// The exact body.
    pub body: String,
}

impl Request {
    fn json(
        integration: &str,
        url: String,
        http: Option<&HttpConfig>,
        secrets: &Secrets,
        body: String,
    ) -> Result<Request, DecodeError> {
        let mut headers = BTreeMap::new();
        headers.insert("Content-Type".to_string(), "application/json".to_string());
        if let Some(h) = http {
            if let Some(b) = &h.basic_auth {
                let password = match (&b.password, &b.password_ref) {
                    (None, None) => String::new(),
                    (p, r) => secrets.pick("password", p, r, None)?,
                };
                let token = base64::engine::general_purpose::STANDARD
                    .encode(format!("{}:{password}", b.username));
                headers.insert("Authorization".into(), format!("Basic {token}"));
            }
            if let Some(a) = &h.authorization {
                let creds = match (&a.credentials, &a.credentials_ref) {
                    (None, None) => String::new(),
                    (c, r) => secrets.pick("credentials", c, r, None)?,
                };
                let kind = if a.kind.is_empty() { "Bearer" } else { &a.kind };
                headers.insert("Authorization".into(), format!("{kind} {creds}"));
            }
        }
        Ok(Request {
            integration: integration.to_string(),
            method: "POST".into(),
            url,
            headers,
            body,
        })
    }
}

/// Why a message cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not an am2amp message (or not YAML).
    #[error("not an am2amp contract message: {0}")]
    NotContract(String),
    /// A contract version this am2amp does not know.
    #[error("contract version {0} is not supported (this am2amp reads version 1)")]
    UnknownVersion(u32),
    /// A field is missing or has the wrong type.
    #[error("invalid contract message: {0}")]
    Invalid(String),
    /// A secret reference has no value in the manifest.
    #[error("the secrets manifest has no value for `{0}`")]
    SecretNotFound(String),
}

impl DecodeError {
    fn missing(field: &str) -> DecodeError {
        DecodeError::Invalid(format!("missing field `{field}`"))
    }
}

/// Secret values from a `--secrets-out` manifest; without one, references stay as they are.
#[derive(Debug, Default)]
pub struct Secrets<'a> {
    manifest: Option<&'a BTreeMap<String, String>>,
}

impl<'a> Secrets<'a> {
    /// Resolves references against `manifest` (or leaves them as names).
    pub fn new(manifest: Option<&'a BTreeMap<String, String>>) -> Self {
        Secrets { manifest }
    }

    /// The value of secret `field`: given inline, by reference, or by Secrets Manager key.
    fn pick(
        &self,
        field: &str,
        inline: &Option<String>,
        reference: &Option<String>,
        sm: Option<&SecretsManager>,
    ) -> Result<String, DecodeError> {
        if let Some(v) = inline {
            return Ok(v.clone());
        }
        let name = match (reference, sm) {
            (Some(r), _) => r.clone(),
            (None, Some(s)) => s.secret_key.clone(),
            (None, None) => return Err(DecodeError::missing(field)),
        };
        match self.manifest {
            Some(m) => m
                .get(&name)
                .cloned()
                .ok_or(DecodeError::SecretNotFound(name)),
            None => Ok(name),
        }
    }
}

/// Alertmanager's `Truncate`: at most `n` characters, the last one `…` when cut.
pub fn truncate_runes(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n - 1).collect();
    out.push('…');
    out
}

/// Decodes an SNS message (the raw `Message`, an SNS HTTP notification, or a Lambda SNS
/// event) into the request the original integration would have sent.
pub fn decode(input: &str, secrets: &Secrets) -> Result<Request, DecodeError> {
    let text = envelope::message(input)?;
    let v: Versioned = serde_saphyr::from_str(&text)
        .map_err(|e| DecodeError::NotContract(first_line(&e.to_string())))?;
    match v.am2amp {
        None => {
            return Err(DecodeError::NotContract(
                "it has no `am2amp` version field".into(),
            ));
        }
        Some(1) => {}
        Some(other) => return Err(DecodeError::UnknownVersion(other)),
    }
    let m: Message = serde_saphyr::from_str(&text)
        .map_err(|e| DecodeError::Invalid(first_line(&e.to_string())))?;
    match m.integration.as_str() {
        "pagerduty" => {
            let p = m
                .pagerduty
                .as_ref()
                .ok_or_else(|| DecodeError::missing("pagerduty"))?;
            pagerduty::request(&m, p, secrets)
        }
        "slack" => {
            let s = m
                .slack
                .as_ref()
                .ok_or_else(|| DecodeError::missing("slack"))?;
            slack::request(&m, s, secrets)
        }
        "webhook" => {
            let w = m
                .webhook
                .as_ref()
                .ok_or_else(|| DecodeError::missing("webhook"))?;
            webhook::request(&m, w, secrets)
        }
        other => Err(DecodeError::Invalid(format!(
            "unknown integration `{other}`"
        ))),
    }
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}
