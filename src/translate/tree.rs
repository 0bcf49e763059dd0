//! Free-form values (PagerDuty `details`, webhook `payload`) in the message: the same shape,
//! every scalar rendered as a template string.

use crate::yaml::{Kind, Node};

use super::contract::Value;
use super::cx::Cx;

/// A YAML value whose scalars are templates, as a message value.
pub fn value(cx: &mut Cx, node: &Node) -> Value {
    match &node.kind {
        Kind::Null => Value::Str(String::new()),
        Kind::Scalar(s) => cx.template(&s.value, node.span),
        Kind::Seq(items) => Value::Seq(items.iter().map(|n| value(cx, n)).collect()),
        Kind::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|en| {
                    let k = en.key.as_str().unwrap_or("").to_string().into();
                    (k, value(cx, &en.value))
                })
                .collect(),
        ),
    }
}
