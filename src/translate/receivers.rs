//! `receivers:` in the output: PagerDuty, Slack and webhook entries become `sns_configs`
//! entries carrying the message contract, in order, in one `sns_configs` list placed where the
//! receiver's first integration was; existing SNS entries are kept (cut down for AMP). Each
//! receiver leaves as soon as it is rewritten, so that a large config's output is never whole
//! in memory.

use crate::diag::{Code, Diagnostic};
use crate::model::Sp;
use crate::model::receivers::{IntegrationFields, IntegrationKind, Receiver};
use crate::source::Span;
use crate::yaml::{Entry as YamlEntry, Kind, Node};

use super::contract::{self, Each, Key, Shared, Value};
use super::cx::{Cx, Entry};
use super::{PagerdutyMode, pagerduty, slack, sns, webhook};

/// Rewrites the input's `receivers:` list with their models, taking both apart: what is
/// copied moves, and each receiver's input and model are dropped once it is rewritten. Each
/// output receiver goes to `sink` as soon as it is built; the list returned holds only their
/// names. Spans of input parts that are not copied go to `replaced`.
pub fn rewrite(
    cx: &mut Cx,
    node: Node,
    model: Vec<Sp<Receiver>>,
    replaced: &mut Vec<Span>,
    sink: &mut dyn FnMut(Node),
) -> Node {
    let items = match node.kind {
        Kind::Seq(items) => items,
        _ => Vec::new(),
    };
    let mut names = Vec::with_capacity(items.len());
    for (n, r) in items.into_iter().zip(model) {
        let out = receiver(cx, n, &r, replaced);
        names.push(name_only(&out));
        sink(out);
    }
    Node::seq(names)
}

/// A receiver cut down to its `name`.
fn name_only(receiver: &Node) -> Node {
    let name = receiver
        .as_map()
        .unwrap_or_default()
        .iter()
        .filter(|e| e.key.as_str() == Some("name"))
        .cloned()
        .collect();
    Node {
        span: receiver.span,
        kind: Kind::Map(name),
    }
}

/// Builds the output list of one receiver key, placed at the first integration's position.
#[derive(Default)]
struct Slot {
    at: Option<usize>,
    items: Vec<Node>,
}

impl Slot {
    fn claim(&mut self, out: &mut Vec<YamlEntry>, key: &str) {
        if self.at.is_none() {
            self.at = Some(out.len());
            out.push(YamlEntry {
                key: Node::string(key),
                value: Node::null(),
            });
        }
    }
}

fn receiver(cx: &mut Cx, node: Node, r: &Sp<Receiver>, replaced: &mut Vec<Span>) -> Node {
    let name = r.value.name_str().to_string();
    let name_span = r.value.name.as_ref().map_or(r.span, |n| n.span);
    let mut out: Vec<YamlEntry> = Vec::new();
    let mut sns_slot = Slot::default();
    let mut pd_slot = Slot::default();
    let span = node.span;
    let entries = match node.kind {
        Kind::Map(entries) => entries,
        _ => Vec::new(),
    };
    for en in entries {
        let key = en.key.as_str().unwrap_or("");
        let Some(kind) = kind_of(key) else {
            out.push(en);
            continue;
        };
        let entries: Vec<&Node> = en.value.as_seq().map_or(Vec::new(), |s| s.iter().collect());
        if entries.is_empty() {
            continue;
        }
        match kind {
            IntegrationKind::Sns => {
                sns_slot.claim(&mut out, "sns_configs");
                let list = r.value.sns_configs.iter().flat_map(|l| l.value.iter());
                for (n, s) in entries.iter().zip(list) {
                    let kept = sns::keep(cx, n, &s.value);
                    sns_slot.items.push(kept);
                }
            }
            IntegrationKind::Pagerduty => {
                let list = r
                    .value
                    .pagerduty_configs
                    .iter()
                    .flat_map(|l| l.value.iter());
                if let PagerdutyMode::Native { secret_arn } = &cx.opts.pagerduty {
                    pd_slot.claim(&mut out, "pagerduty_configs");
                    for (index, (n, p)) in entries.iter().zip(list).enumerate() {
                        let e = entry(&name, kind, index, p.span);
                        let native = pagerduty::native(cx, &e, n, &p.value, secret_arn);
                        pd_slot.items.push(native);
                    }
                    continue;
                }
                sns_slot.claim(&mut out, "sns_configs");
                let at = (name.as_str(), name_span, kind);
                let converted = each(cx, at, &entries, list, pagerduty::section, replaced);
                sns_slot.items.extend(converted);
            }
            IntegrationKind::Slack => {
                sns_slot.claim(&mut out, "sns_configs");
                let list = r.value.slack_configs.iter().flat_map(|l| l.value.iter());
                let at = (name.as_str(), name_span, kind);
                let converted = each(cx, at, &entries, list, slack::section, replaced);
                sns_slot.items.extend(converted);
            }
            IntegrationKind::Webhook => {
                sns_slot.claim(&mut out, "sns_configs");
                let list = r.value.webhook_configs.iter().flat_map(|l| l.value.iter());
                let at = (name.as_str(), name_span, kind);
                let converted = each(cx, at, &entries, list, webhook::section, replaced);
                sns_slot.items.extend(converted);
            }
            other => {
                replaced.push(en.key.span.to(en.value.extent()));
                unsupported(cx, &name, &en.key, other, entries.len());
            }
        }
    }
    for slot in [sns_slot, pd_slot] {
        if let Some(at) = slot.at {
            out[at].value = Node::seq(slot.items);
        }
    }
    Node {
        span,
        kind: Kind::Map(out),
    }
}

/// Converts the entries of one integration list of receiver `at` (name, where it is named,
/// kind) into `sns_configs` entries.
fn each<'a, T: IntegrationFields + 'a>(
    cx: &mut Cx,
    at: (&str, Span, IntegrationKind),
    nodes: &[&Node],
    list: impl Iterator<Item = &'a Sp<T>>,
    section: fn(&mut Cx, &Entry, &T) -> Value,
    replaced: &mut Vec<Span>,
) -> Vec<Node> {
    let (name, name_span, kind) = at;
    let mut out = Vec::new();
    for (index, (n, item)) in nodes.iter().zip(list).enumerate() {
        let e = entry(name, kind, index, item.span);
        replaced.push(n.extent());
        let body = section(cx, &e, &item.value);
        let sr = resolved(kind, item.value.send_resolved());
        out.push(convert(cx, &e, name_span, body, sr));
    }
    out
}

fn kind_of(key: &str) -> Option<IntegrationKind> {
    let name = key.strip_suffix("_configs")?;
    IntegrationKind::ALL
        .iter()
        .copied()
        .find(|k| k.name() == name)
}

fn entry(receiver: &str, kind: IntegrationKind, index: usize, span: Span) -> Entry<'_> {
    Entry {
        receiver,
        integration: kind.name(),
        index,
        span,
    }
}

fn resolved(kind: IntegrationKind, explicit: Option<&Sp<bool>>) -> bool {
    explicit.map_or(kind.default_send_resolved(), |b| b.value)
}

/// The `sns_configs` entry of a converted integration.
fn convert(cx: &mut Cx, e: &Entry, name_span: Span, section: Value, send_resolved: bool) -> Node {
    let mut top = header(cx, e, name_span);
    top.push((e.integration.into(), section));
    cx.templates.use_helper();
    let message = contract::render(&top, &mut |s| share(cx, s));
    sns::converted(cx, e, name_span, send_resolved, message)
}

/// Defines shared part `s` (and those it calls) in am2amp's template file.
fn share(cx: &mut Cx, s: &Shared) {
    cx.templates.shared(&s.name, &s.body);
    for c in &s.calls {
        share(cx, c);
    }
}

/// The fields every message starts with.
fn header(cx: &mut Cx, e: &Entry, name_span: Span) -> Vec<(Key, Value)> {
    let route = match cx.routes.unique(e.receiver) {
        Some(k) => Value::Str(k.to_string()),
        None => {
            group_key_advice(cx, e, name_span);
            Value::Null
        }
    };
    vec![
        ("am2amp".into(), Value::Raw(contract::VERSION_TEXT.into())),
        ("integration".into(), Value::Raw(e.integration.into())),
        ("receiver".into(), Value::Str(e.receiver.into())),
        ("index".into(), Value::Raw(e.index.to_string().into())),
        ("status".into(), STATUS.with(Clone::clone)),
        (
            "group_key".into(),
            Value::map(vec![
                ("route", route),
                ("labels", LABELS.with(Clone::clone)),
                ("order", Value::Raw(cx.order.as_str().into())),
            ]),
        ),
    ]
}

thread_local! {
    static STATUS: Value = Value::expr(".Status", &[]);
    /// The group labels as `name="value"` strings (`group_key.labels`, four spaces in), the
    /// same in every message.
    static LABELS: Value = {
        let vars = ["$am2ampKey", "$am2ampValue"];
        let each = Value::Each(Each {
            over: ".GroupLabels".into(),
            vars: vars.iter().map(|v| v.to_string()).collect(),
            limit: None,
            item: Box::new(Value::expr(
                &format!("printf \"%s=%q\" {} {}", vars[0], vars[1]),
                &vars,
            )),
        });
        contract::shared("group_key.labels", &each, 4)
    };
}

fn group_key_advice(cx: &mut Cx, e: &Entry, name_span: Span) {
    let paths = cx.routes.all(e.receiver);
    if paths.len() < 2
        || e.integration == "slack"
        || !cx.group_key_reported.insert(e.receiver.to_string())
    {
        return;
    }
    let mut d = Diagnostic::new(
        Code::GroupKeyFallback,
        name_span,
        format!(
            "receiver `{}` is used by {} routes, so its messages carry no route key",
            e.receiver,
            paths.len()
        ),
    )
    .label("the relay cannot rebuild Alertmanager's group key for it")
    .help("give each route its own receiver to keep PagerDuty dedup keys and webhook group keys");
    for (_, span) in paths.iter().take(5) {
        d = d.secondary(*span, "routes here");
    }
    cx.diags.push(d);
}

fn unsupported(cx: &mut Cx, receiver: &str, key: &Node, kind: IntegrationKind, count: usize) {
    let list = kind.key();
    let d = if cx.opts.drop_unsupported {
        Diagnostic::new(
            Code::DroppedIntegration,
            key.span,
            format!("`{list}` of receiver `{receiver}` is removed: AMP cannot run it"),
        )
        .label(format!("{count} integration(s) removed"))
        .help("subscribe an equivalent to the receiver's SNS topic")
    } else {
        Diagnostic::new(
            Code::UnsupportedIntegration,
            key.span,
            format!("receiver `{receiver}` uses `{list}`, which AMP cannot run"),
        )
        .label("no SNS translation for this integration")
        .help("replace it with an SNS subscriber, or pass `--drop-unsupported` to remove it")
    };
    cx.diags.push(d);
}
