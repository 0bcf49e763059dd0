//! AMP's rules on the output: size and quotas, and features newer than the Alertmanager
//! version AMP runs.

use crate::diag::{Code, Diagnostic};
use crate::model::route::Route;
use crate::model::{Config, FeatureUse, Version};
use crate::source::Span;

/// AMP's limit on the definition file, in bytes.
pub const MAX_DEFINITION_BYTES: usize = 1_000_000;

/// AMP's default quota on template files, inhibit rules and routing tree nodes.
pub const DEFAULT_QUOTA: usize = 100;

/// Uses of features newer than `target` in parts of the input the output keeps.
pub fn newer_features(
    features: &[FeatureUse],
    target: Version,
    replaced: &[Span],
    diags: &mut Vec<Diagnostic>,
) {
    for f in features {
        let inside =
            |r: &Span| r.source == f.span.source && r.start <= f.span.start && f.span.end <= r.end;
        if f.since <= target || replaced.iter().any(inside) {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Code::NewerFeature,
                f.span,
                format!("{} needs Alertmanager {}; the target is {target}", f.what, f.since),
            )
            .label(format!("added in {}", f.since))
            .help("remove it, or pass `--alertmanager-version` if you know AMP runs a newer Alertmanager"),
        );
    }
}

/// Size and quota checks on the definition written for `config`.
pub fn quotas(
    definition: &str,
    config: &Config,
    templates: usize,
    at: Span,
    diags: &mut Vec<Diagnostic>,
) {
    if definition.len() > MAX_DEFINITION_BYTES {
        diags.push(
            Diagnostic::new(
                Code::DefinitionTooLarge,
                at,
                format!(
                    "the definition is {} bytes; AMP accepts at most {MAX_DEFINITION_BYTES}",
                    definition.len()
                ),
            )
            .help("split the configuration or shorten its templates"),
        );
    }
    let mut quota = |count: usize, what: &str, span: Span| {
        if count > DEFAULT_QUOTA {
            diags.push(
                Diagnostic::new(
                    Code::Quota,
                    span,
                    format!("{count} {what}; AMP's default quota is {DEFAULT_QUOTA}"),
                )
                .help("request a quota increase in Service Quotas before uploading"),
            );
        }
    };
    quota(
        templates,
        "template files",
        config.templates.as_ref().map_or(at, |t| t.key),
    );
    if let Some(r) = &config.inhibit_rules {
        quota(r.value.len(), "inhibit rules", r.key);
    }
    if let Some(r) = &config.route {
        quota(nodes(&r.value), "routing tree nodes", r.key);
    }
}

fn nodes(r: &Route) -> usize {
    1 + r.children().iter().map(|c| nodes(&c.value)).sum::<usize>()
}
