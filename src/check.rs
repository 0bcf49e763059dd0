//! `am2amp check`: load, decode and validate one input, collecting every finding.

use crate::load::{self, LoadOptions};
use crate::model::{self, Version};
use crate::report::Report;
use crate::validate;

/// Settings for checking.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Input limits.
    pub load: LoadOptions,
    /// The Alertmanager version the output must run on.
    pub target: Version,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            load: LoadOptions::default(),
            target: Version::DEFAULT_TARGET,
        }
    }
}

/// Checks one input given as bytes.
pub fn check_bytes(name: &str, bytes: &[u8], opts: &CheckOptions) -> Report {
    let doc = load::load_bytes(name, bytes, &opts.load);
    let mut report = Report {
        name: name.to_string(),
        sources: doc.sources,
        diagnostics: doc.diags,
        features: Vec::new(),
    };
    if let Some(root) = &doc.root {
        let decoded = model::decode_config(root);
        report.diagnostics.extend(decoded.cx.diags);
        report.features.extend(decoded.cx.features);
        for s in decoded.cx.secrets {
            report.sources.mark_secret(s);
        }
        if let Some(config) = &decoded.config {
            validate::validate(config, &mut report.diagnostics, &mut report.features);
        }
    }
    report.sort();
    report
}
