//! `sns_configs` entries: the ones am2amp writes for converted integrations, and existing ones
//! cut down to what AMP accepts.

use crate::diag::{Code, Diagnostic};
use crate::gotmpl::has_action;
use crate::gotmpl::print::Writer;
use crate::model::receivers::sns::Sns;
use crate::source::Span;
use crate::yaml::{Entry as YamlEntry, Kind, Node};

use super::contract;
use super::cx::{Cx, Entry};
use super::topics::Arn;

/// Topic used by `check`, which has no topic options.
const PREVIEW_TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:am2amp-preview";

/// The topic ARN and region for a converted entry (errors are reported; the values returned
/// then only keep the output well-formed).
fn topic(cx: &mut Cx, e: &Entry, at: Span) -> (String, String) {
    let resolved = cx.opts.topics.resolve(e.receiver, e.integration, e.index);
    // With a template every receiver resolves, so which source answered is noted here.
    if cx.opts.topics.tracks_use() && !cx.opts.preview {
        record_use(cx, e.receiver, at);
    }
    let arn = match resolved {
        Some(a) => a,
        None if cx.opts.preview => PREVIEW_TOPIC.to_string(),
        None => {
            // A mapping entry naming another receiver of this config is no misspelling.
            let strays = cx.opts.topics.map.keys().map(String::as_str);
            let strays = strays.filter(|k| !cx.receivers.contains(*k));
            let help = match crate::diag::suggest::closest(e.receiver, strays) {
                Some(near) => format!("the topic mapping (`--topics`, `[topics]` in am2amp.toml) has no `{}` but has `{near}`: is it misspelled there?", e.receiver),
                None => "pass `--topic-arn 'arn:aws:sns:<region>:<account>:{receiver}'` or list it in a `--topics` file".into(),
            };
            cx.diags.push(
                Diagnostic::new(
                    Code::MissingTopic,
                    at,
                    format!("no SNS topic for receiver `{}`", e.receiver),
                )
                .label(format!("its {} integration needs one", e.integration))
                .help(help),
            );
            PREVIEW_TOPIC.to_string()
        }
    };
    let region = match Arn::parse(&arn) {
        Ok(parsed) => {
            if parsed.is_fifo() {
                fifo(cx, at, &arn);
            }
            parsed.region.to_string()
        }
        Err(why) => {
            if !cx.opts.preview {
                cx.diags.push(
                    Diagnostic::new(
                        Code::TopicArn,
                        at,
                        format!("bad topic ARN for receiver `{}`: {why}", e.receiver),
                    )
                    .label("the topic for this receiver")
                    .help("topic ARNs look like arn:aws:sns:eu-west-1:123456789012:team-db"),
                );
            }
            "us-east-1".to_string()
        }
    };
    (arn, cx.opts.region.clone().unwrap_or(region))
}

/// Notes whether `receiver` got its topic from the mapping or from the template.
fn record_use(cx: &mut Cx, receiver: &str, at: Span) {
    if cx.opts.topics.map.contains_key(receiver) {
        if !cx.topic_use.mapped.contains(receiver) {
            cx.topic_use.mapped.insert(receiver.to_string());
        }
    } else if !cx.topic_use.templated.contains_key(receiver) {
        let (id, start, _) = cx.sources.line_col(at);
        let name = &cx.sources.get(id).name;
        let place = format!("{name}:{}:{}", start.line, start.column);
        cx.topic_use.templated.insert(receiver.to_string(), place);
    }
}

fn fifo(cx: &mut Cx, at: Span, arn: &str) {
    cx.diags.push(
        Diagnostic::new(Code::FifoTopic, at, format!("`{arn}` is a FIFO topic"))
            .label("publishes here")
            .help("use a Standard topic: SNS drops a resolve sent within 5 minutes of its firing"),
    );
}

/// A short ASCII subject: `[FIRING:2] <receiver> (<integration>)`.
fn subject(e: &Entry) -> String {
    let receiver: String = e
        .receiver
        .chars()
        .map(|c| if (' '..='~').contains(&c) { c } else { '?' })
        .take(60)
        .collect();
    let mut w = Writer::default();
    w.text("[");
    w.action(".Status | toUpper");
    w.action(r#"if eq .Status "firing""#);
    w.text(":");
    w.action(".Alerts.Firing | len");
    w.action("end");
    for piece in ["] ", &receiver, " (", e.integration, ")"] {
        w.text(piece);
    }
    w.finish()
}

/// A template that prints `text` as it is.
fn literal(text: &str) -> String {
    let mut w = Writer::default();
    w.text(text);
    w.finish()
}

/// The `sns_configs` entry for a converted integration.
pub fn converted(cx: &mut Cx, e: &Entry, at: Span, send_resolved: bool, message: String) -> Node {
    let (arn, region) = topic(cx, e, at);
    Node::map(vec![
        ("topic_arn", Node::string(arn)),
        ("sigv4", Node::map(vec![("region", Node::string(region))])),
        ("send_resolved", Node::typed(send_resolved.to_string())),
        ("subject", Node::string(subject(e))),
        ("message", Node::string(message)),
        (
            "attributes",
            Node::map(vec![
                ("am2amp_contract", Node::string(contract::VERSION_TEXT)),
                ("am2amp_integration", Node::string(e.integration)),
                ("am2amp_receiver", Node::string(literal(e.receiver))),
            ]),
        ),
    ])
}

fn removed(cx: &mut Cx, key: &Node, what: &str, why: &str) {
    cx.diags.push(
        Diagnostic::new(
            Code::ForbiddenField,
            key.span,
            format!("{what} is removed from `sns_configs`: {why}"),
        )
        .label("removed"),
    );
}

/// An existing `sns_configs` entry without what AMP rejects, with `sigv4.region` set.
pub fn keep(cx: &mut Cx, node: &Node, s: &Sns) -> Node {
    let mut entries: Vec<YamlEntry> = Vec::new();
    let mut region: Option<String> = None;
    let mut sigv4_at = None;
    for en in node.as_map().unwrap_or(&[]) {
        match en.key.as_str().unwrap_or("") {
            "api_url" => removed(cx, &en.key, "`api_url`", "AMP publishes to SNS itself"),
            "http_config" => removed(cx, &en.key, "`http_config`", "AMP does not allow it"),
            "use_aws_http_client" => removed(
                cx,
                &en.key,
                "`use_aws_http_client`",
                "AMP manages the client",
            ),
            "sigv4" => {
                sigv4_at = Some(entries.len());
                for field in en.value.as_map().unwrap_or(&[]) {
                    match field.key.as_str() {
                        Some("region") => region = field.value.as_str().map(String::from),
                        Some(k) => removed(
                            cx,
                            &field.key,
                            &format!("`sigv4.{k}`"),
                            "AMP publishes as its service principal and uses only `region`",
                        ),
                        None => {}
                    }
                }
            }
            _ => entries.push(en.clone()),
        }
    }
    let topic = s.topic_arn.as_ref().map(|t| t.value.0.value.clone());
    if let Some(t) = &topic
        && !has_action(t)
    {
        match Arn::parse(t) {
            Ok(a) if a.is_fifo() => fifo(cx, s.topic_arn.as_ref().map_or(node.span, |t| t.span), t),
            Ok(_) => {}
            Err(why) => cx.diags.push(
                Diagnostic::new(
                    Code::TopicArn,
                    s.topic_arn.as_ref().map_or(node.span, |t| t.span),
                    format!("bad topic ARN: {why}"),
                )
                .label("this ARN")
                .help("topic ARNs look like arn:aws:sns:eu-west-1:123456789012:team-db"),
            ),
        }
    }
    let region = region
        .filter(|r| !r.is_empty())
        .or_else(|| cx.opts.region.clone())
        .or_else(|| {
            topic
                .as_deref()
                .and_then(|t| Arn::parse(t).ok())
                .map(|a| a.region.to_string())
        });
    match region {
        Some(r) => {
            let at = sigv4_at.unwrap_or_else(|| {
                entries
                    .iter()
                    .position(|x| {
                        !matches!(
                            x.key.as_str(),
                            Some("send_resolved" | "topic_arn" | "phone_number" | "target_arn")
                        )
                    })
                    .unwrap_or(entries.len())
            });
            entries.insert(
                at,
                YamlEntry {
                    key: Node::string("sigv4"),
                    value: Node::map(vec![("region", Node::string(r))]),
                },
            );
        }
        None => cx.diags.push(
            Diagnostic::new(
                Code::Sigv4Region,
                node.span,
                "this `sns_configs` entry has no `sigv4.region`, and its topic gives none",
            )
            .label("AMP cannot sign the Publish call")
            .help("set `sigv4: {region: <region>}` or pass `--region`"),
        ),
    }
    if s.subject.is_none() {
        cx.diags.push(
            Diagnostic::new(
                Code::SnsSubject,
                node.span,
                "this `sns_configs` entry uses the default subject, which AMP may truncate or replace",
            )
            .label("no `subject`")
            .help("set a short ASCII `subject`, such as `[{{ .Status | toUpper }}] alerts`"),
        );
    }
    Node {
        span: node.span,
        kind: Kind::Map(entries),
    }
}
