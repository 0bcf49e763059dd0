//! `am2amp convert`: check one input, translate it, check the translation again as an input,
//! apply AMP's rules and write the definition.

use std::collections::BTreeMap;
use std::path::Path;

use crate::amp;
use crate::check::{self, CheckOptions};
use crate::diag::{Code, Diagnostic};
use crate::report::Report;
use crate::source::Span;
use crate::spill::Text;
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
    /// The definition, when the input could be translated (a large one partly in a temporary
    /// file). Write it only when the report has no errors (after `--allow`/`--deny`).
    pub output: Option<Text>,
    /// Secret reference → value (for `--secrets-out`).
    pub secrets: BTreeMap<String, String>,
    /// Where the converted integrations' topics came from (see
    /// [`crate::amp::mapping::stray_entries`]).
    pub topic_use: translate::topics::TopicUse,
}

/// Converts one input given as bytes (by value: they become the source text without a copy);
/// `path` locates `templates:` globs and `http_config` files.
pub fn convert_input(
    name: &str,
    path: Option<&Path>,
    bytes: impl Into<Vec<u8>>,
    opts: &ConvertOptions,
) -> Converted {
    let mut checked = check::analyse(name, path, bytes, &opts.check);
    let at = Span::start_of(checked.document.file);
    let mut receivers = amp::definition::Receivers::new(at);
    let sink = &mut |r| receivers.push(r);
    let Some(t) = check::translate_checked(&mut checked, path, &opts.translate, sink) else {
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
    // On large inputs the trees and models are most of the memory: translation took the
    // input's tree apart and wrote each receiver as soon as it was built; let go of the
    // input's model before the definition is put together.
    let counts = checked.config.take().map(|c| amp::rules::Counts::of(&c));
    let (receivers, finding) = receivers.finish();
    let finding = finding.or_else(|| amp::self_check::config(&t.config, at));
    let definition = amp::definition::emit(&t.config, receivers, &t.template_files);
    if let Some(counts) = &counts {
        amp::rules::quotas(
            definition.len(),
            counts,
            t.template_files.len(),
            at,
            &mut report.diagnostics,
        );
    }
    report.diagnostics.extend(finding);
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
        topic_use: t.topic_use,
    }
}
