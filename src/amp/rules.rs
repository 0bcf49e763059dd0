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

/// What the quota checks count in a config, with where each counted part is.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// The `templates` key.
    pub templates_key: Option<Span>,
    /// The number of inhibit rules and their key.
    pub inhibit_rules: Option<(usize, Span)>,
    /// The number of routing tree nodes and the `route` key.
    pub route_nodes: Option<(usize, Span)>,
}

impl Counts {
    /// The counts of `config` (so that its model can be let go of before the output is
    /// written).
    pub fn of(config: &Config) -> Counts {
        Counts {
            templates_key: config.templates.as_ref().map(|t| t.key),
            inhibit_rules: config
                .inhibit_rules
                .as_ref()
                .map(|r| (r.value.len(), r.key)),
            route_nodes: config.route.as_ref().map(|r| (nodes(&r.value), r.key)),
        }
    }
}

/// Size and quota checks on the definition (`definition_len` bytes) written for a config with
/// `counts`.
pub fn quotas(
    definition_len: usize,
    counts: &Counts,
    templates: usize,
    at: Span,
    diags: &mut Vec<Diagnostic>,
) {
    if definition_len > MAX_DEFINITION_BYTES {
        diags.push(
            Diagnostic::new(
                Code::DefinitionTooLarge,
                at,
                format!(
                    "the definition is {} bytes; AMP accepts at most {MAX_DEFINITION_BYTES}",
                    definition_len
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
        counts.templates_key.unwrap_or(at),
    );
    if let Some((n, key)) = counts.inhibit_rules {
        quota(n, "inhibit rules", key);
    }
    if let Some((n, key)) = counts.route_nodes {
        quota(n, "routing tree nodes", key);
    }
}

fn nodes(r: &Route) -> usize {
    1 + r.children().iter().map(|c| nodes(&c.value)).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use crate::convert::{ConvertOptions, convert_input};
    use crate::diag::Code;

    #[test]
    fn quotas_count_the_input_and_point_at_its_keys() {
        let mut yml = String::from("route:\n  receiver: r\n  routes:\n");
        for i in 0..100 {
            yml.push_str(&format!("    - receiver: r\n      matchers: [n=\"{i}\"]\n"));
        }
        yml.push_str("receivers:\n  - name: r\ninhibit_rules:\n");
        for i in 0..101 {
            yml.push_str(&format!(
                "  - source_matchers: [a=\"{i}\"]\n    target_matchers: [b=\"x\"]\n"
            ));
        }
        let out = convert_input("am.yml", None, yml.as_bytes(), &ConvertOptions::default());
        let found: Vec<(String, usize)> = out
            .report
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::Quota)
            .map(|d| {
                let (_, at, _) = out.report.sources.line_col(d.primary.span);
                (d.message.clone(), at.line)
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "101 routing tree nodes; AMP's default quota is 100".to_string(),
                    1
                ),
                (
                    "101 inhibit rules; AMP's default quota is 100".to_string(),
                    206
                ),
            ]
        );
    }
}
