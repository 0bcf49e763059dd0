//! `file:line:col: severity[code]: message`.

use std::fmt::Write;

use super::position;
use crate::diag::Diagnostic;
use crate::report::Report;

pub(super) fn render(out: &mut String, report: &Report, d: &Diagnostic) {
    let p = position(report, d);
    let _ = writeln!(
        out,
        "{}:{}:{}: {}[{}]: {}",
        p.file,
        p.line,
        p.column,
        d.severity.as_str(),
        d.code,
        d.message
    );
}
