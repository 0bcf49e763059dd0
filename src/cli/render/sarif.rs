//! SARIF 2.1.0 for code-scanning upload: results are rendered per diagnostic (one JSON object
//! per line) and wrapped into one log, with the rules they use, at the end of the run.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::position;
use crate::diag::{Code, Diagnostic, Severity};
use crate::report::Report;

pub(super) fn render(out: &mut String, report: &Report, d: &Diagnostic) {
    let p = position(report, d);
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    };
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    let result = json!({
        "ruleId": d.code.full_name(),
        "level": level,
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": p.file.replace('\\', "/")},
                "region": {
                    "startLine": p.line,
                    "startColumn": p.column,
                    "endLine": p.end_line,
                    "endColumn": p.end_column,
                },
            },
        }],
    });
    out.push_str(&result.to_string());
    out.push('\n');
}

/// The SARIF log holding the results rendered so far (one per line).
pub(super) fn finish(results: &str) -> String {
    let results: Vec<Value> = results
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let used: BTreeSet<String> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str().map(String::from))
        .collect();
    let rules: Vec<Value> = Code::ALL
        .iter()
        .filter(|c| used.contains(&c.full_name()))
        .map(|c| {
            let level = match c.default_severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Advice => "note",
            };
            json!({
                "id": c.full_name(),
                "shortDescription": {"text": c.summary()},
                "fullDescription": {"text": c.explanation()},
                "defaultConfiguration": {"level": level},
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "am2amp",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/am2amp/am2amp",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
