//! The outcome of processing one input: its sources and its diagnostics.

use crate::diag::{self, Code, Diagnostic, Severity};
use crate::model::FeatureUse;
use crate::source::Sources;

/// Findings for one input, ready to render.
#[derive(Debug, Default)]
pub struct Report {
    /// The input's name as shown to users.
    pub name: String,
    /// Every text involved, for line/column lookup and snippets.
    pub sources: Sources,
    /// Findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Fields and syntax newer than Alertmanager 0.25 that the input uses.
    pub features: Vec<FeatureUse>,
}

impl Report {
    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// True when any finding is a warning.
    pub fn has_warnings(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning)
    }

    /// True when Alertmanager would reject the input (an error in `syntax` or `invalid`).
    pub fn rejected(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.is_error() && d.code.category().rejects())
    }

    /// Sorts diagnostics by their position in the outermost file.
    pub fn sort(&mut self) {
        let sources = &self.sources;
        diag::sort(&mut self.diagnostics, |s| sources.to_root(s));
    }

    /// Applies `--allow`/`--deny` settings.
    pub fn apply(&mut self, policy: &Policy) {
        self.diagnostics.retain(|d| !policy.allow.contains(&d.code));
        for d in &mut self.diagnostics {
            if policy.deny.contains(&d.code)
                || (policy.deny_warnings && d.severity == Severity::Warning)
            {
                d.severity = Severity::Error;
            }
        }
    }
}

/// Severity overrides from the command line or `am2amp.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Codes whose findings are dropped.
    pub allow: Vec<Code>,
    /// Codes whose findings become errors.
    pub deny: Vec<Code>,
    /// Every warning becomes an error.
    pub deny_warnings: bool,
}
