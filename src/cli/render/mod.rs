//! Diagnostic renderers: human (miette), concise, JSON Lines and GitHub annotations.

mod concise;
mod github;
mod human;
mod json;
mod sarif;

use super::args::MessageFormat;
use crate::diag::Diagnostic;
use crate::report::Report;

/// Where a diagnostic is, in the outermost file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// File name.
    pub file: String,
    /// Start line.
    pub line: usize,
    /// Start column (characters).
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column (characters, exclusive).
    pub end_column: usize,
}

/// The position of a diagnostic's primary span.
pub fn position(report: &Report, d: &Diagnostic) -> Position {
    let (id, start, end) = report.sources.line_col(d.primary.span);
    Position {
        file: report.sources.get(id).name.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// Renders reports in one format.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    format: MessageFormat,
    color: bool,
}

impl Renderer {
    /// A renderer for a format; `color` applies to the human format.
    pub fn new(format: MessageFormat, color: bool) -> Self {
        Renderer { format, color }
    }

    /// Every diagnostic of a report, rendered.
    pub fn render(&self, report: &Report) -> String {
        let mut out = String::new();
        for d in &report.diagnostics {
            match self.format {
                MessageFormat::Human => human::render(&mut out, report, d, self.color),
                MessageFormat::Concise => concise::render(&mut out, report, d),
                MessageFormat::Json => json::render(&mut out, report, d),
                MessageFormat::Github => github::render(&mut out, report, d),
                MessageFormat::Sarif => sarif::render(&mut out, report, d),
            }
        }
        out
    }

    /// True when rendered reports are collected and written once at the end ([`finish`]).
    ///
    /// [`finish`]: Renderer::finish
    pub fn collects(&self) -> bool {
        self.format == MessageFormat::Sarif
    }

    /// The document for everything rendered (SARIF); empty for other formats.
    pub fn finish(&self, rendered: &str) -> String {
        match self.format {
            MessageFormat::Sarif => sarif::finish(rendered),
            _ => String::new(),
        }
    }
}
