//! The converted config read back as an input: decoded and validated as Alertmanager's loader
//! would. Receivers are checked a few at a time as translation hands them over, in a config
//! of their own; the rest of the config once, with its receivers cut down to their names.

use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::yaml::{Kind, Node};
use crate::{model, validate};

/// The self-check's finding (at `at`) when Alertmanager would reject `config`.
pub fn config(config: &Node, at: Span) -> Option<Diagnostic> {
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

/// Checks receivers as the whole of a config routed to the first of them (Alertmanager's
/// rules for a receiver do not depend on the others, and `global:` keeps nothing a receiver
/// reads); gives them back with the finding, if any.
pub fn receivers(receivers: Vec<Node>, at: Span) -> (Vec<Node>, Option<Diagnostic>) {
    let first = receivers
        .first()
        .and_then(|r| r.get("name"))
        .cloned()
        .unwrap_or_else(Node::null);
    let cfg = Node::map(vec![
        ("route", Node::map(vec![("receiver", first)])),
        ("receivers", Node::seq(receivers)),
    ]);
    let finding = config(&cfg, at);
    let value = match cfg.kind {
        Kind::Map(mut entries) => entries.pop().map(|e| e.value.kind),
        _ => None,
    };
    let receivers = match value {
        Some(Kind::Seq(items)) => items,
        _ => Vec::new(),
    };
    (receivers, finding)
}
