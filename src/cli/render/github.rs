//! GitHub Actions workflow commands (`::error file=…,line=…::message`).

use std::fmt::Write;

use super::position;
use crate::diag::{Diagnostic, Severity};
use crate::report::Report;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn render(out: &mut String, report: &Report, d: &Diagnostic) {
    let p = position(report, d);
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "notice",
    };
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let _ = writeln!(
        out,
        "::{level} file={},line={},endLine={},col={},endColumn={},title={}::{}",
        escape_property(&p.file),
        p.line,
        p.end_line,
        p.column,
        p.end_column,
        escape_property(&d.code.full_name()),
        escape_data(&message)
    );
}
