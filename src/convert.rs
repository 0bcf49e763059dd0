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
use crate::yaml::Node;
use crate::{model, validate};

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
    /// Where the converted integrations' topics came from (see
    /// [`crate::amp::mapping::stray_entries`]).
    pub topic_use: translate::topics::TopicUse,
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
    let at = Span::start_of(checked.document.file);
    // On large inputs the trees and models are most of the memory: translation took the
    // input's tree apart; let go of its model before the self-check decodes the output, and
    // of the self-check's model before the definition is written.
    let counts = checked.config.take().map(|c| amp::rules::Counts::of(&c));
    let self_checked = self_check(&t.config, at);
    let definition = amp::definition::emit(&t.config, &t.template_files);
    if let Some(counts) = &counts {
        amp::rules::quotas(
            &definition,
            counts,
            t.template_files.len(),
            at,
            &mut report.diagnostics,
        );
    }
    if let Some(d) = self_checked {
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
        topic_use: t.topic_use,
    }
}

/// Decodes and validates the translated config as Alertmanager's loader would. (The text
/// written for it reads back as the same tree: the emitter's property tests prove that.)
fn self_check(config: &Node, at: Span) -> Option<Diagnostic> {
    let decoded = model::decode_config_in(config, true);
    let mut diags = decoded.cx.diags;
    if let Some(c) = &decoded.config {
        validate::validate(c, &mut diags, &mut Vec::new());
    }
    let first = diags
        .iter()
        .find(|d| d.is_error() && d.code.category().rejects())?;
    Some(
        Diagnostic::new(
            Code::SelfCheck,
            at,
            format!(
                "the converted config is invalid: {} ({})",
                first.message,
                first.code.full_name()
            ),
        )
        .help("nothing was written; please report this with the input"),
    )
}
