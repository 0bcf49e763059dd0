//! Diagnostics as data: what went wrong, where, how bad, and how to fix it.
//!
//! The library never prints. Every finding becomes a [`Diagnostic`] carrying a [`Code`] from
//! the one catalogue in [`code`], a primary [`Label`] on a [`Span`], optional secondary labels
//! and a help text. Renderers in `cli::render` turn them into text.

pub mod code;
pub mod suggest;

pub use code::{Category, Code};

use crate::source::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Alertmanager or AMP would reject the input, or the tool cannot produce output.
    Error,
    /// The output works but behaves differently or needs attention.
    Warning,
    /// Information worth knowing; never fails a run.
    Advice,
}

impl Severity {
    /// Lower-case name used in machine-readable output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

/// A span with an optional short text shown next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there (may be empty).
    pub text: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Catalogue entry.
    pub code: Code,
    /// Severity (the code's default unless overridden by `--allow`/`--deny`).
    pub severity: Severity,
    /// One sentence saying what is wrong. Never contains a secret value.
    pub message: String,
    /// The place the finding is about.
    pub primary: Label,
    /// Related places (for example the first of two duplicate keys).
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            primary: Label {
                span,
                text: String::new(),
            },
            secondary: Vec::new(),
            help: None,
        }
    }

    /// Sets the text shown at the primary span.
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.primary.text = text.into();
        self
    }

    /// Adds a secondary span.
    pub fn secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Sets the help text.
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Sets the help text when there is one.
    pub fn maybe_help(mut self, text: Option<String>) -> Self {
        if text.is_some() {
            self.help = text;
        }
        self
    }

    /// True for error severity.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by position (source, offset), then code, keeping insertion order for ties.
pub fn sort(diags: &mut [Diagnostic], root_span: impl Fn(Span) -> Span) {
    diags.sort_by_key(|d| {
        let s = root_span(d.primary.span);
        (s.source, s.start, s.end, d.code)
    });
}
