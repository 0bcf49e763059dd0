//! JSON Lines: one object per diagnostic.

use serde::Serialize;

use super::position;
use crate::diag::Diagnostic;
use crate::report::Report;

#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: &'static str,
    code: String,
    message: &'a str,
    help: Option<&'a str>,
}

pub(super) fn render(out: &mut String, report: &Report, d: &Diagnostic) {
    let p = position(report, d);
    let line = Line {
        file: &p.file,
        line: p.line,
        column: p.column,
        end_line: p.end_line,
        end_column: p.end_column,
        severity: d.severity.as_str(),
        code: d.code.full_name(),
        message: &d.message,
        help: d.help.as_deref(),
    };
    if let Ok(s) = serde_json::to_string(&line) {
        out.push_str(&s);
        out.push('\n');
    }
}
