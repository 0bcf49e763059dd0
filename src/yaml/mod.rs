//! The YAML layer: the only module that parses configs (with granit-parser, the parser under
//! serde-saphyr, after a fast path for the common block-style subset) or writes YAML.
//!
//! [`load`] turns text into a [`Node`] tree that keeps, for every node, its byte span, and for
//! every scalar its decoded value and its style. Later stages (the typed model, template span
//! mapping, the emitter) work on this tree and never on raw YAML.

mod breaks;
mod build;
pub mod emit;
mod lenient;
mod load;
mod merge;
mod resolve;
mod scalar_map;
mod subset;
#[cfg(test)]
mod subset_tests;
mod tabs;

pub use emit::emit_document;
pub use load::{Limits, load, load_with};
pub use merge::{Combine, MergeRule, replace_all};
pub use scalar_map::scalar_offsets;

use crate::source::Span;

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Unquoted.
    Plain,
    /// `'...'`.
    SingleQuoted,
    /// `"..."`.
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

/// A scalar: its decoded text and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The decoded value (escapes resolved, lines folded).
    pub value: Box<str>,
    /// The style it was written in.
    pub style: Style,
    /// Where the text is written (for aliases, the anchored definition).
    pub origin: Span,
    /// Its tag makes it a string whatever its text: `!!str`, `!!binary` (its value is then
    /// the decoded text), `!` and local tags such as `!foo` (Go's yaml.v2 resolves only
    /// untagged text and the core null, boolean, number and timestamp tags).
    pub tagged: bool,
}

impl Scalar {
    /// True when its text decides its type (a boolean, number or null when it reads as
    /// one): a plain scalar without a string tag.
    pub fn is_plain(&self) -> bool {
        self.style == Style::Plain && !self.tagged
    }
}

/// The shape of a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `~`, `null` or nothing.
    Null,
    /// Any other scalar.
    Scalar(Scalar),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, entries in input order.
    Map(Vec<Entry>),
}

/// One mapping entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key node.
    pub key: Node,
    /// The value node.
    pub value: Node,
}

/// A YAML node with its span (for aliases, where the alias is used).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Where the node is (its first byte for block collections).
    pub span: Span,
    /// What it is.
    pub kind: Kind,
}

impl Node {
    /// A generated string scalar (written in whatever style keeps it a string).
    pub fn string(value: impl Into<String>) -> Node {
        Node::scalar(value.into(), Style::DoubleQuoted)
    }

    /// A generated boolean, number or null written as is (`true`, `10`).
    pub fn typed(text: impl Into<String>) -> Node {
        Node::scalar(text.into(), Style::Plain)
    }

    fn scalar(value: String, style: Style) -> Node {
        Node {
            span: Span::default(),
            kind: Kind::Scalar(Scalar {
                value: value.into(),
                style,
                origin: Span::default(),
                tagged: false,
            }),
        }
    }

    /// A generated mapping with string keys.
    pub fn map<K: Into<String>>(entries: Vec<(K, Node)>) -> Node {
        Node {
            span: Span::default(),
            kind: Kind::Map(
                entries
                    .into_iter()
                    .map(|(k, value)| Entry {
                        key: Node::string(k),
                        value,
                    })
                    .collect(),
            ),
        }
    }

    /// A generated sequence.
    pub fn seq(items: Vec<Node>) -> Node {
        Node {
            span: Span::default(),
            kind: Kind::Seq(items),
        }
    }

    /// A generated null.
    pub fn null() -> Node {
        Node {
            span: Span::default(),
            kind: Kind::Null,
        }
    }

    /// The whole extent of the node in its source: from its start to the end of its last
    /// descendant.
    pub fn extent(&self) -> Span {
        let mut end = self.span.end;
        let mut visit = |n: &Node| {
            let e = n.extent();
            if e.source == self.span.source {
                end = end.max(e.end);
            }
        };
        match &self.kind {
            Kind::Seq(items) => items.iter().for_each(&mut visit),
            Kind::Map(entries) => entries.iter().for_each(|e| {
                visit(&e.key);
                visit(&e.value);
            }),
            _ => {}
        }
        Span { end, ..self.span }
    }

    /// The scalar, if this is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            Kind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar value, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| &*s.value)
    }

    /// The entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            Kind::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// True for null.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// The value of mapping key `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|e| e.key.as_str() == Some(key))
            .map(|e| &e.value)
    }

    /// A short word for the node's kind, used in type-mismatch messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            Kind::Null => "null",
            Kind::Scalar(s) if s.is_plain() => match &*s.value {
                v if is_yaml11_bool(v).is_some() => "a boolean",
                v if v.parse::<f64>().is_ok() => "a number",
                _ => "a string",
            },
            Kind::Scalar(_) => "a string",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
}

/// A plain scalar's meaning as a YAML 1.1 boolean, the way Alertmanager's yaml.v2 reads it.
pub fn is_yaml11_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(false)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_stay_small() {
        // A 1 MB config is ~60,000 nodes, all alive at once after parsing: a boxed string
        // instead of a growable one keeps a node at 48 bytes rather than 56.
        assert!(size_of::<Node>() <= 48, "{}", size_of::<Node>());
        assert!(size_of::<Entry>() <= 96, "{}", size_of::<Entry>());
    }
}
