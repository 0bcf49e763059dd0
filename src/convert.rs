//! `am2amp convert`: check one input, translate it, apply AMP's rules, write the definition,
//! and check the definition again as an input.

use std::collections::BTreeMap;
use std::path::Path;

use crate::amp;
use crate::check::{self, CheckOptions};
use crate::diag::{Code, Diagnostic};
use crate::report::Report;
use crate::source::Span;
use crate::translate;

/// Settings for converting.
#[derive(Debug, Clone, Default)]
pub struct ConvertOptions {
    /// Input limits and target version.
    pub check: CheckOptions,
    /// Translation settings.
    pub translate: translate::Options,
}

/// The outcome of converting one input.
#[derive(Debug, Default)]
pub struct Converted {
    /// Findings.
    pub report: Report,
    /// The definition, when the input could be translated. Write it only when the report has
    /// no errors (after `--allow`/`--deny`).
    pub output: Option<String>,
    /// Secret reference → value (for `--secrets-out`).
    pub secrets: BTreeMap<String, String>,
}

/// Converts one input given as bytes; `path` locates `templates:` globs and `http_config`
/// files.
pub fn convert_input(
    name: &str,
    path: Option<&Path>,
    bytes: &[u8],
    opts: &ConvertOptions,
) -> Converted {
    let mut checked = check::analyse(name, path, bytes, &opts.check);
    let Some(t) = check::translate_checked(&mut checked, path, &opts.translate) else {
        return Converted {
            report: checked.report,
            ..Default::default()
        };
    };
    let mut report = checked.report;
    amp::rules::newer_features(
        &report.features,
        opts.check.target,
        &t.replaced,
        &mut report.diagnostics,
    );
    let definition = amp::definition::emit(&t.config, &t.template_files);
    let at = Span::start_of(checked.document.file);
    if let Some(config) = &checked.config {
        amp::rules::quotas(
            &definition,
            config,
            t.template_files.len(),
            at,
            &mut report.diagnostics,
        );
    }
    if let Some(d) = self_check(&definition, opts, at) {
        report.diagnostics.push(d);
    }
    let manifest_missing = !opts.translate.secrets_out
        && opts.translate.secrets == translate::SecretsMode::Ref
        && !t.secrets.is_empty();
    if manifest_missing && !report.has_errors() {
        report.diagnostics.push(
            Diagnostic::new(
                Code::SecretManifest,
                at,
                format!(
                    "{} secret(s) replaced by references; their values are not written anywhere",
                    t.secrets.len()
                ),
            )
            .help("pass `--secrets-out FILE` to write the reference → value table"),
        );
    }
    report.sort();
    Converted {
        report,
        output: Some(definition),
        secrets: t.secrets,
    }
}

/// Reloads the definition as an input: it must be one that Alertmanager accepts.
fn self_check(definition: &str, opts: &ConvertOptions, at: Span) -> Option<Diagnostic> {
    let mut limits = opts.check.clone();
    limits.load.max_input_bytes = limits.load.max_input_bytes.max(definition.len() as u64 * 2);
    let again = check::analyse("output", None, definition.as_bytes(), &limits);
    let first = again
        .report
        .diagnostics
        .iter()
        .find(|d| d.is_error() && d.code.category().rejects())?;
    let (_, lc, _) = again.report.sources.line_col(first.primary.span);
    Some(
        Diagnostic::new(
            Code::SelfCheck,
            at,
            format!(
                "the converted definition is invalid at its line {}: {} ({})",
                lc.line,
                first.message,
                first.code.full_name()
            ),
        )
        .help("nothing was written; please report this with the input"),
    )
}
