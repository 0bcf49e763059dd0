//! Secret values (routing keys, webhook URLs, passwords): by default the message holds a
//! stable reference name and the values go to a manifest for the relay; `--secrets inline`
//! writes the values into the message.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Code, Diagnostic};
use crate::source::Span;

use super::contract::{Key, Value};

/// How secrets are carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecretsMode {
    /// Reference names in the message, values in the manifest.
    #[default]
    Ref,
    /// The values in the message.
    Inline,
}

/// The secrets of one conversion.
#[derive(Debug, Default)]
pub struct Secrets {
    mode: SecretsMode,
    values: BTreeMap<String, String>,
}

impl Secrets {
    /// An empty set.
    pub fn new(mode: SecretsMode) -> Self {
        Secrets {
            mode,
            values: BTreeMap::new(),
        }
    }

    /// The message entry for secret `field`: `<field>_ref: <reference>`, or under
    /// `--secrets inline` `<field>: <value>` with a warning at `span`.
    pub fn carry(
        &mut self,
        field: &str,
        reference: String,
        value: &str,
        span: Span,
        diags: &mut Vec<Diagnostic>,
    ) -> (Key, Value) {
        match self.mode {
            SecretsMode::Ref => {
                self.values.insert(reference.clone(), value.to_string());
                ([field, "_ref"].concat().into(), Value::Str(reference))
            }
            SecretsMode::Inline => {
                diags.push(
                    Diagnostic::new(
                        Code::SecretInlined,
                        span,
                        format!("the secret `{field}` is written into the SNS message"),
                    )
                    .label("this value travels in every notification")
                    .help("use `--secrets ref` (the default) to carry a reference name instead"),
                );
                (field.to_string().into(), Value::Str(value.to_string()))
            }
        }
    }

    /// Records a value under a reference name without a message entry (native PagerDuty).
    pub fn store(&mut self, reference: String, value: String) {
        self.values.insert(reference, value);
    }

    /// Reference name → value, sorted.
    pub fn values(&self) -> &BTreeMap<String, String> {
        &self.values
    }
}

/// The reference name of a secret: `<receiver>/<integration>/<index>/<field path>`.
pub fn reference(receiver: &str, integration: &str, index: usize, field: &str) -> String {
    // Built by hand: `format!` was a visible part of translating a config.
    let index = index.to_string();
    [receiver, "/", integration, "/", &index, "/", field].concat()
}

/// The manifest file written by `--secrets-out`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version (always 1).
    pub am2amp_secrets: u32,
    /// Reference name → value.
    pub secrets: BTreeMap<String, String>,
}

impl Manifest {
    /// A manifest holding `values`.
    pub fn new(values: BTreeMap<String, String>) -> Self {
        Manifest {
            am2amp_secrets: 1,
            secrets: values,
        }
    }

    /// The file's text (pretty JSON, sorted, ending with a newline).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// True when `text` is a manifest (so overwriting it loses nothing of the user's).
    pub fn is_manifest(text: &str) -> bool {
        serde_json::from_str::<Manifest>(text).is_ok_and(|m| m.am2amp_secrets == 1)
    }
}

/// Reads a `*_file` secret the way Alertmanager does at send time (trimmed); relative paths
/// are resolved against `base`.
pub fn read_file(path: &str, base: &Path) -> Result<String, String> {
    let p = base.join(path);
    let bytes = std::fs::read(&p).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "the file does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "the file is not readable".to_string(),
        _ => "the file cannot be read".to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| "the file is not UTF-8".to_string())?;
    Ok(text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_and_inline() {
        let mut diags = Vec::new();
        let mut s = Secrets::new(SecretsMode::Ref);
        let r = reference("team-db", "pagerduty", 0, "routing_key");
        let (k, v) = s.carry("routing_key", r.clone(), "abc", Span::default(), &mut diags);
        assert_eq!(k, "routing_key_ref");
        assert_eq!(v, Value::Str("team-db/pagerduty/0/routing_key".into()));
        assert_eq!(s.values().get(&r).map(String::as_str), Some("abc"));
        assert!(diags.is_empty());

        let mut s = Secrets::new(SecretsMode::Inline);
        let (k, v) = s.carry("routing_key", r, "abc", Span::default(), &mut diags);
        assert_eq!((&*k, v), ("routing_key", Value::Str("abc".into())));
        assert_eq!(diags.len(), 1);
        assert!(!diags[0].message.contains("abc"));
        assert!(s.values().is_empty());
    }

    #[test]
    fn manifests_are_recognised() {
        let m = Manifest::new(BTreeMap::from([("a".into(), "b".into())]));
        assert!(Manifest::is_manifest(&m.to_json()));
        assert!(!Manifest::is_manifest("{\"other\": 1}"));
        assert!(!Manifest::is_manifest("not json"));
    }
}
