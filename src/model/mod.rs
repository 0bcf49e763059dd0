//! The spanned Alertmanager configuration model.
//!
//! Every top-level key and every integration from Alertmanager 0.25 to 0.34 is modelled with
//! all its fields. Each field is a [`Field<T>`]: `None` when absent, otherwise the value
//! with the spans of its key and value, so later stages can point at either. Fields added after
//! 0.25 are recorded as [`decode::FeatureUse`]s while decoding.

pub mod decode;
mod fields;
pub mod global;
pub mod http;
pub mod inhibit;
pub mod merges;
pub mod receivers;
pub mod route;
pub mod templates;
pub mod time_interval;
pub mod version;

use std::fmt;
use std::ops::Deref;

use crate::source::Span;
use crate::yaml::{Kind, Node, Scalar, Style};

pub use decode::{Cx, Decode, FeatureUse, Map, Opaque, OptBool, ZeroIfNull};
pub use version::Version;

use decode::model;

/// A value with the spans of its key (for fields) and of the value itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where the value is.
    pub span: Span,
    /// Where its key is (the value's own span for list items).
    pub key: Span,
}

impl<T> Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A field of a model mapping: absent, or its value with spans. Boxed, because most of a
/// mapping's fields are absent, and an absent boxed field takes 8 bytes instead of 48 (a
/// receiver has 20 fields, a Slack integration 30).
pub type Field<T> = Option<Box<Sp<T>>>;

/// A secret string. `Debug` and `Display` print a placeholder, never the value; use
/// [`Secret::expose`] where the value is really needed.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when no value is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<secret>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<secret>")
    }
}

/// A Go template written as a YAML scalar (kept whole, so positions inside the template can be
/// mapped back to the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tmpl(pub Scalar);

impl Tmpl {
    /// The template text.
    pub fn text(&self) -> &str {
        &self.0.value
    }
}

impl Default for Tmpl {
    fn default() -> Self {
        Tmpl(Scalar {
            value: Box::default(),
            style: Style::Plain,
            origin: Span::default(),
            tagged: false,
        })
    }
}

impl Deref for Tmpl {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0.value
    }
}

impl AsRef<str> for Tmpl {
    fn as_ref(&self) -> &str {
        &self.0.value
    }
}

impl Decode for Tmpl {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Scalar(s) => Some(Tmpl(s.clone())),
            _ => {
                cx.mismatch(node, "a string (a Go template)");
                None
            }
        }
    }
    fn null() -> Option<Self> {
        Some(Tmpl::default())
    }
}

/// A string field holding a URL; validated later. Null means "not set" (Go `*URL`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Url(pub String);

impl Decode for Url {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        String::decode(node, cx).map(Url)
    }
}

/// A secret URL (Go `*SecretURL`): validated later, masked in output, null means "not set".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecretUrl(pub Secret);

impl Decode for SecretUrl {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        Secret::decode(node, cx).map(SecretUrl)
    }
}

/// A Prometheus duration (`1h30m`), kept as written and validated later.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PromDuration(pub String);

impl Decode for PromDuration {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        String::decode(node, cx).map(PromDuration)
    }
}

/// A Go `time.Duration` (`1.5s`, `300ms`), kept as written and validated later.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoDuration(pub String);

impl Decode for GoDuration {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        String::decode(node, cx).map(GoDuration)
    }
    fn null() -> Option<Self> {
        Some(GoDuration(String::new()))
    }
}

model! {
    /// The whole Alertmanager configuration file.
    pub struct Config ("the top level of the config") {
        global: global::Global = "global",
        route: route::Route = "route",
        inhibit_rules: Vec<Sp<ZeroIfNull<inhibit::InhibitRule>>> = "inhibit_rules",
        receivers: Vec<Sp<receivers::Receiver>> = "receivers",
        templates: Vec<Sp<String>> = "templates",
        mute_time_intervals: Vec<Sp<ZeroIfNull<time_interval::NamedTimeInterval>>> = "mute_time_intervals",
        time_intervals: Vec<Sp<ZeroIfNull<time_interval::NamedTimeInterval>>> = "time_intervals",
        /// Tracing settings (0.30).
        tracing: http::Tracing = "tracing" @ "0.30",
        /// Event recorder settings (0.33); not modelled in detail.
        event_recorder: Opaque = "event_recorder" @ "0.33",
    }
}

/// The result of reading a config: the model (when the top level was a mapping) and what
/// decoding found.
#[derive(Debug, Default)]
pub struct Decoded {
    /// The model.
    pub config: Option<Config>,
    /// Findings.
    pub cx: Cx,
}

/// Reads the model from a parsed document. A null document (empty file) gives an empty model.
pub fn decode_config(root: &Node) -> Decoded {
    decode_config_in(root, false)
}

/// Reads the model; `amp_definition` allows AMP's own forms (the config came from a
/// definition).
pub fn decode_config_in(root: &Node, amp_definition: bool) -> Decoded {
    let mut cx = Cx {
        amp_definition,
        ..Cx::default()
    };
    let config = if root.is_null() {
        Some(Config {
            span: root.span,
            ..Default::default()
        })
    } else {
        Config::decode(root, &mut cx)
    };
    Decoded { config, cx }
}
