//! Translation of a checked config into the inner config of an AMP definition: PagerDuty,
//! Slack and webhook receivers become `sns_configs` carrying the message contract; routes,
//! inhibit rules and time intervals are copied as written; template files get bare names.

pub mod contract;
mod cx;
mod fields;
mod http;
mod pagerduty;
mod receivers;
pub mod routes;
pub mod secrets;
mod slack;
mod sns;
mod templates;
pub mod topics;
mod tree;
mod webhook;

use std::collections::BTreeMap;
use std::path::Path;

use crate::alertmanager::duration;
use crate::diag::{Code, Diagnostic, Severity};
use crate::gotmpl::copies::Copies;
use crate::gotmpl::library::Library;
use crate::gotmpl::print::Writer;
use crate::gotmpl::{Template, parse};
use crate::lint::ParsedFile;
use crate::model::receivers::Receiver;
use crate::model::{Config, FeatureUse, Sp, Version};
use crate::source::{Sources, Span};
use crate::validate::GlobalView;
use crate::yaml::{Entry as YamlEntry, Kind, Node};

pub use cx::LabelOrder;
pub use secrets::SecretsMode;
pub use topics::Topics;

/// What to do with PagerDuty integrations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PagerdutyMode {
    /// Rewrite them to SNS like the others.
    #[default]
    Sns,
    /// Keep them as AMP's native PagerDuty integration, keys in this Secrets Manager secret.
    Native {
        /// The secret's ARN.
        secret_arn: String,
    },
}

/// Conversion settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where topic ARNs come from.
    pub topics: Topics,
    /// `sigv4.region` for converted integrations (default: the topic ARN's region).
    pub region: Option<String>,
    /// How secrets are carried.
    pub secrets: SecretsMode,
    /// A `--secrets-out` manifest will be written.
    pub secrets_out: bool,
    /// Read `*_file` settings at conversion time.
    pub read_secret_files: bool,
    /// PagerDuty strategy.
    pub pagerduty: PagerdutyMode,
    /// What `.ExternalURL` rendered as on the old Alertmanager.
    pub external_url: Option<String>,
    /// Remove integrations AMP cannot run instead of failing.
    pub drop_unsupported: bool,
    /// Write `5d` for longer `repeat_interval`s.
    pub clamp_repeat_interval: bool,
    /// The Alertmanager version the config ran on (default: the newest feature it uses, at
    /// least 0.25).
    pub source_version: Option<Version>,
    /// `check`'s preview: no findings that depend on convert's options (topics).
    pub preview: bool,
}

/// What translation needs from a checked input, besides its tree.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// The decoded config (its receivers are not read: see `receivers`).
    pub config: &'a Config,
    /// The decoded receivers, taken out of the config: translation lets go of each once it
    /// is rewritten.
    pub receivers: Vec<Sp<Receiver>>,
    /// Template files that parsed, in load order.
    pub templates: &'a [ParsedFile],
    /// Uses of features newer than 0.25.
    pub features: &'a [FeatureUse],
    /// The config file (`None` for stdin).
    pub path: Option<&'a Path>,
}

/// The translated config.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The inner Alertmanager config, its receivers cut down to their names (the receivers
    /// themselves went to the sink given to [`translate`]).
    pub config: Node,
    /// `template_files`: bare name → text.
    pub template_files: Vec<(String, String)>,
    /// Secret reference → value.
    pub secrets: BTreeMap<String, String>,
    /// Input ranges that are not copied to the output (translated or removed).
    pub replaced: Vec<Span>,
    /// Where the converted integrations' topics came from.
    pub topic_use: topics::TopicUse,
}

/// AMP's maximum `repeat_interval`, in milliseconds.
const MAX_REPEAT_MS: u64 = 5 * 24 * 3600 * 1000;

/// Translates one checked input whose tree is `root`. The tree's parts move into the output
/// as they are copied, what is rewritten is dropped receiver by receiver, and each output
/// receiver goes to `sink` as soon as it is built, in order, so that neither tree is
/// ever whole. Findings go to `diags`; the result is meaningful only when none of them is an
/// error.
pub fn translate(
    root: Node,
    mut input: Input,
    opts: &Options,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
    sink: &mut dyn FnMut(Node),
) -> Translation {
    let source_version = opts.source_version.unwrap_or_else(|| {
        input
            .features
            .iter()
            .map(|f| f.since)
            .max()
            .unwrap_or(Version::V0_25)
            .max(Version::V0_25)
    });
    let external = opts.external_url.as_deref().map(external_url_template);
    let order = templates::parse_order(input.templates);
    let parses: Vec<_> = order.iter().map(|&i| &input.templates[i]).collect();
    let lib = Library::new(
        external.iter().flat_map(|t| t.tree_set(None)).chain(
            parses
                .iter()
                .flat_map(|p| p.template.tree_set(Some(&p.file.name))),
        ),
    );
    let templates_key = fields::key(
        opts.external_url.as_deref(),
        parses.iter().map(|p| {
            (
                p.file.name.as_str(),
                sources.get(p.file.source).text.as_str(),
            )
        }),
    );
    let mut cx = cx::Cx {
        opts,
        global: GlobalView::new(input.config.global.as_ref().map(|g| &g.value)),
        templates: Copies::new(lib, opts.external_url.clone()),
        routes: routes::RouteKeys::new(input.config.route.as_deref()),
        source_version,
        order: if source_version >= Version::new(0, 28) {
            LabelOrder::Name
        } else {
            LabelOrder::Formatted
        },
        group_key_reported: Default::default(),
        receivers: input
            .receivers
            .iter()
            .map(|r| r.value.name_str().to_string())
            .collect(),
        external_url_fields: Vec::new(),
        secrets: secrets::Secrets::new(opts.secrets),
        diags,
        sources,
        compiled: Default::default(),
        templates_key,
        topic_use: Default::default(),
        config_dir: input
            .path
            .and_then(Path::parent)
            .unwrap_or(Path::new("."))
            .to_path_buf(),
    };
    templates::reserved(input.templates, cx.diags);
    for p in input.templates {
        if crate::gotmpl::copies::is_generated(&p.template) {
            cx.templates.inherit(&p.template);
        }
    }
    let (mut template_files, mut names) = templates::files(input.templates, &order, cx.sources);
    let mut replaced = Vec::new();
    let mut out: Vec<YamlEntry> = Vec::new();
    let root_span = root.span;
    let mut global_extent = None;
    for YamlEntry { key: k, value } in into_entries(root) {
        let key = k.as_str().unwrap_or("");
        let value = match key {
            "global" => {
                global_extent.get_or_insert(k.span.to(value.extent()));
                match global(value) {
                    Some(g) => g,
                    None => continue,
                }
            }
            "receivers" => {
                let model = std::mem::take(&mut input.receivers);
                receivers::rewrite(&mut cx, value, model, &mut replaced, sink)
            }
            "route" => route(&mut cx, value),
            "tracing" | "event_recorder" => {
                replaced.push(k.span.to(value.extent()));
                cx.diags.push(
                    Diagnostic::new(
                        Code::ServerSetting,
                        k.span,
                        format!("`{key}` is removed: it configures the Alertmanager server, which AMP runs"),
                    )
                    .label("removed"),
                );
                continue;
            }
            // `templates` among them: set below, once the receivers have called the copies
            // they need.
            _ => value,
        };
        out.push(YamlEntry { key: k, value });
    }
    cx.flush_external_url();
    if let Some(text) = cx.templates.file() {
        templates::add_generated(&mut template_files, &mut names, text);
    }
    templates::set_entry(&mut out, &names);
    replaced.extend(global_extent);
    Translation {
        config: Node {
            span: root_span,
            kind: Kind::Map(out),
        },
        template_files,
        secrets: cx.secrets.values().clone(),
        replaced,
        topic_use: std::mem::take(&mut cx.topic_use),
    }
}

/// `__alertmanagerURL` with the old Alertmanager's address: the alerts page of a receiver.
fn external_client_url(url: &str) -> String {
    let mut w = Writer::default();
    w.text(url.trim_end_matches('/'));
    w.text("/#/alerts?receiver=");
    w.action(".Receiver | urlquery");
    w.finish()
}

/// The override of `__alertmanagerURL` that keeps the old Alertmanager's address.
fn external_url_template(url: &str) -> Template {
    let mut w = Writer::default();
    w.action(r#"define "__alertmanagerURL""#);
    w.template(&external_client_url(url));
    w.action("end");
    parse(&w.finish()).unwrap_or_default()
}

/// A mapping's entries, taken out of it (none for anything else).
fn into_entries(node: Node) -> Vec<YamlEntry> {
    match node.kind {
        Kind::Map(entries) => entries,
        _ => Vec::new(),
    }
}

/// `global:` keeps only `resolve_timeout`; what integrations inherited is in their messages.
fn global(node: Node) -> Option<Node> {
    let span = node.span;
    let kept: Vec<YamlEntry> = into_entries(node)
        .into_iter()
        .filter(|e| e.key.as_str() == Some("resolve_timeout"))
        .collect();
    (!kept.is_empty()).then_some(Node {
        span,
        kind: Kind::Map(kept),
    })
}

/// The routing tree as written, with `repeat_interval`s over AMP's maximum reported (and
/// clamped on request).
fn route(cx: &mut cx::Cx, node: Node) -> Node {
    let Node { span, kind } = node;
    let Kind::Map(entries) = kind else {
        return Node { span, kind };
    };
    let mut out = Vec::with_capacity(entries.len());
    for YamlEntry { key, value } in entries {
        let value = match key.as_str() {
            Some("repeat_interval") => repeat_interval(cx, value),
            Some("routes") => match value.kind {
                Kind::Seq(items) => Node {
                    span: value.span,
                    kind: Kind::Seq(items.into_iter().map(|r| route(cx, r)).collect()),
                },
                kind => Node {
                    span: value.span,
                    kind,
                },
            },
            _ => value,
        };
        out.push(YamlEntry { key, value });
    }
    Node {
        span,
        kind: Kind::Map(out),
    }
}

fn repeat_interval(cx: &mut cx::Cx, v: Node) -> Node {
    let Some(text) = v.as_str() else {
        return v;
    };
    match duration::parse_prom(text) {
        Ok(ms) if ms > MAX_REPEAT_MS => {
            let clamp = cx.opts.clamp_repeat_interval;
            let mut d = Diagnostic::new(
                Code::RepeatInterval,
                v.span,
                if clamp {
                    format!("`repeat_interval: {text}` is clamped to 5d, AMP's maximum")
                } else {
                    format!("`repeat_interval: {text}` is longer than AMP's maximum of 5 days")
                },
            )
            .label("AMP repeats notifications every 5 days at most");
            if clamp {
                d.severity = Severity::Advice;
                cx.diags.push(d);
                return Node::string("5d");
            }
            cx.diags
                .push(d.help("pass `--clamp-repeat-interval` to write 5d"));
            v
        }
        _ => v,
    }
}
