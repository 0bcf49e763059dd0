//! Reading the typed model from a YAML [`Node`] tree, the way Alertmanager's strict yaml.v2
//! loader does, but collecting every problem instead of stopping at the first.
//!
//! Rules mirrored from yaml.v2: any scalar can be read as a string (numbers and booleans keep
//! their spelling); booleans are YAML 1.1 words (`yes`, `off`, …) and must not be quoted; a
//! null value sets a field to its zero value, except for fields Go declares as pointers,
//! where null means "not set".

use crate::diag::{Code, Diagnostic, suggest};
use crate::source::Span;
use crate::yaml::{Entry, Kind, Node, is_yaml11_bool};

use super::version::Version;
use super::{Secret, Sp};

/// A field newer than Alertmanager 0.25 that the input uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureUse {
    /// The first Alertmanager version that accepts it.
    pub since: Version,
    /// Human description (`field `timeout` of webhook_configs entry`).
    pub what: String,
    /// Where it is used.
    pub span: Span,
}

/// Decoding context: collects diagnostics, secret locations and feature uses.
#[derive(Debug, Default)]
pub struct Cx {
    /// Findings so far.
    pub diags: Vec<Diagnostic>,
    /// Spans of secret values (masked when source lines are shown).
    pub secrets: Vec<Span>,
    /// Fields newer than 0.25 in use.
    pub features: Vec<FeatureUse>,
    /// True inside an AMP definition, which allows AMP's own forms (Secrets Manager keys).
    pub amp_definition: bool,
}

impl Cx {
    /// Reports a type mismatch.
    pub fn mismatch(&mut self, node: &Node, expected: &str) {
        let found = node.kind_name();
        let msg = match &node.kind {
            Kind::Scalar(s) if s.is_plain() => {
                format!("expected {expected}, found {found} `{}`", short(&s.value))
            }
            Kind::Scalar(s) if s.tagged => {
                format!(
                    "expected {expected}, found `{}`, which its tag makes a string",
                    short(&s.value)
                )
            }
            Kind::Scalar(s) if !s.is_plain() && expected.contains("boolean") => {
                format!(
                    "expected {expected}, found the quoted string `{}`",
                    short(&s.value)
                )
            }
            _ => format!("expected {expected}, found {found}"),
        };
        let help = if matches!(&node.kind, Kind::Scalar(s) if s.tagged) {
            "remove the tag (`!!str`, `!` or `!name`) before the value: Alertmanager reads a tagged value as a string".to_string()
        } else if expected.contains("boolean")
            && matches!(&node.kind, Kind::Scalar(s) if is_yaml11_bool(&s.value).is_some())
        {
            "remove the quotes: a quoted `true` is a string, not a boolean".to_string()
        } else if looks_like_template(node) {
            "a value that starts with `{{` must be quoted, or YAML reads it as a mapping: write `'{{ ... }}'`".to_string()
        } else {
            format!("write {expected} here")
        };
        self.diags.push(
            Diagnostic::new(Code::TypeMismatch, node.span, msg)
                .label(format!("expected {expected}"))
                .help(help),
        );
    }

    /// The entries of a mapping node, or a type mismatch.
    pub fn expect_map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Entry]> {
        match &node.kind {
            Kind::Map(m) => Some(m),
            _ => {
                self.mismatch(node, &format!("a mapping ({what})"));
                None
            }
        }
    }

    /// The text of a mapping key.
    pub fn key<'n>(&mut self, key: &'n Node) -> Option<&'n str> {
        match &key.kind {
            Kind::Scalar(s) => Some(&s.value),
            Kind::Null => Some(""),
            _ => {
                self.mismatch(key, "a string key");
                None
            }
        }
    }

    /// Reports an unknown field with a suggestion.
    pub fn unknown_field(&mut self, key: &Node, name: &str, what: &str, fields: &[&str]) {
        let help = suggest::did_you_mean(name, fields.iter().copied())
            .or_else(|| super::fields::owner_hint(name, what))
            .unwrap_or_else(|| format!("known fields: {}", fields.join(", ")));
        self.diags.push(
            Diagnostic::new(
                Code::UnknownField,
                key.span,
                format!("unknown field `{}` in {what}", short(name)),
            )
            .label("not a field Alertmanager knows")
            .help(help),
        );
    }

    /// Records use of a field that needs a newer Alertmanager than 0.25.
    pub fn since(&mut self, key: &Node, name: &str, what: &str, since: Option<Version>) {
        if let Some(since) = since {
            self.features.push(FeatureUse {
                since,
                what: format!("`{name}` in {what}"),
                span: key.span,
            });
        }
    }

    /// Decodes a struct field's value.
    pub fn field<T: Decode>(&mut self, entry: &Entry) -> Option<Sp<T>> {
        let v = &entry.value;
        let value = if v.is_null() {
            T::null()
        } else {
            T::decode(v, self)
        }?;
        Some(Sp {
            value,
            span: v.span,
            key: entry.key.span,
        })
    }
}

/// `{{ x }}` unquoted parses as a flow mapping whose only key is another mapping.
fn looks_like_template(node: &Node) -> bool {
    match &node.kind {
        Kind::Map(entries) => {
            entries.len() == 1 && matches!(entries[0].key.kind, Kind::Map(_) | Kind::Null)
        }
        _ => false,
    }
}

fn short(s: &str) -> String {
    let first = s.lines().next().unwrap_or("");
    if first.chars().count() > 40 || first.len() != s.len() {
        format!("{}…", first.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// A type that can be read from a YAML node.
pub trait Decode: Sized {
    /// Reads a non-null node; `None` after reporting a problem.
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self>;

    /// The value of an explicit null: the Go zero value, or `None` for pointer-like fields
    /// (where null means "not set").
    fn null() -> Option<Self> {
        None
    }
}

/// A boxed value decodes like the value (large mappings are boxed to keep their owners small).
impl<T: Decode> Decode for Box<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        T::decode(node, cx).map(Box::new)
    }

    fn null() -> Option<Self> {
        T::null().map(Box::new)
    }
}

impl Decode for String {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Scalar(s) => Some(s.value.to_string()),
            _ => {
                cx.mismatch(node, "a string");
                None
            }
        }
    }
    fn null() -> Option<Self> {
        Some(String::new())
    }
}

impl Decode for Secret {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let s = String::decode(node, cx)?;
        if let Kind::Scalar(sc) = &node.kind {
            cx.secrets.push(sc.origin);
            if sc.origin != node.span {
                cx.secrets.push(node.span);
            }
        }
        Some(Secret::new(s))
    }
    fn null() -> Option<Self> {
        Some(Secret::new(String::new()))
    }
}

impl Decode for bool {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Scalar(s) if s.is_plain() => match is_yaml11_bool(&s.value) {
                Some(b) => Some(b),
                None => {
                    cx.mismatch(node, "a boolean (true or false)");
                    None
                }
            },
            _ => {
                cx.mismatch(node, "a boolean (true or false)");
                None
            }
        }
    }
    fn null() -> Option<Self> {
        Some(false)
    }
}

/// A boolean that Go declares as a pointer: null means "not set".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OptBool(pub bool);

impl Decode for OptBool {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        bool::decode(node, cx).map(OptBool)
    }
}

/// Parses an integer the way yaml.v2 resolves plain scalars (base prefixes, `_` separators,
/// integral floats).
fn parse_int(text: &str) -> Option<i128> {
    let t = text.replace('_', "");
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let parsed = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        i128::from_str_radix(h, 16).ok()
    } else if let Some(b) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
        i128::from_str_radix(b, 2).ok()
    } else if let Some(o) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
        i128::from_str_radix(o, 8).ok()
    } else if body.len() > 1 && body.starts_with('0') && body.bytes().all(|b| b.is_ascii_digit()) {
        i128::from_str_radix(&body[1..], 8).ok()
    } else if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        body.parse::<i128>().ok()
    } else {
        let f: f64 = body.parse().ok()?;
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e30).then_some(f as i128)
    }?;
    Some(if neg { -parsed } else { parsed })
}

macro_rules! int_decode {
    ($($t:ty => $what:literal),*) => {$(
        impl Decode for $t {
            fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
                let parsed = match &node.kind {
                    Kind::Scalar(s) if s.is_plain() => parse_int(&s.value),
                    _ => None,
                };
                match parsed.and_then(|v| <$t>::try_from(v).ok()) {
                    Some(v) => Some(v),
                    None => {
                        cx.mismatch(node, $what);
                        None
                    }
                }
            }
            fn null() -> Option<Self> {
                Some(0)
            }
        }
    )*};
}

int_decode!(u64 => "a non-negative integer", i64 => "an integer", i32 => "an integer");

impl Decode for f64 {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Scalar(s) if s.is_plain() => match s.value.replace('_', "").parse::<f64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    cx.mismatch(node, "a number");
                    None
                }
            },
            _ => {
                cx.mismatch(node, "a number");
                None
            }
        }
    }
    fn null() -> Option<Self> {
        Some(0.0)
    }
}

impl<T: Decode> Decode for Vec<Sp<T>> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let Kind::Seq(items) = &node.kind else {
            cx.mismatch(node, "a list");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let value = if item.is_null() {
                match T::null() {
                    Some(v) => Some(v),
                    None => {
                        cx.diags.push(
                            Diagnostic::new(Code::NullEntry, item.span, "empty (null) list entry")
                                .label("this entry is empty")
                                .help("Alertmanager 0.25 crashes on empty entries and later versions reject them; remove the bare `-` or fill in the entry"),
                        );
                        None
                    }
                }
            } else {
                T::decode(item, cx)
            };
            if let Some(value) = value {
                out.push(Sp {
                    value,
                    span: item.span,
                    key: item.span,
                });
            }
        }
        Some(out)
    }
    fn null() -> Option<Self> {
        Some(Vec::new())
    }
}

/// A list entry Go declares as a value, not a pointer. yaml.v2 calls no unmarshaller for an
/// explicit null, so a null entry is the zero value, read without the entry's own checks:
/// `weekdays: [~]` is Sunday, `inhibit_rules: [~]` a rule that inhibits nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ZeroIfNull<T> {
    /// The entry; the zero value when it was null.
    pub value: T,
    /// True when the entry was an explicit null.
    pub null: bool,
}

impl<T> std::ops::Deref for ZeroIfNull<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Decode + Default> Decode for ZeroIfNull<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        T::decode(node, cx).map(|value| ZeroIfNull { value, null: false })
    }
    fn null() -> Option<Self> {
        Some(ZeroIfNull {
            value: T::default(),
            null: true,
        })
    }
}

/// A mapping from strings to values, in input order (duplicates were already reported).
pub type Map<T> = Vec<(Sp<String>, Sp<T>)>;

impl<T: Decode> Decode for Map<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let Kind::Map(entries) = &node.kind else {
            cx.mismatch(node, "a mapping");
            return None;
        };
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let Some(k) = cx.key(&e.key) else { continue };
            let key = Sp {
                value: k.to_string(),
                span: e.key.span,
                key: e.key.span,
            };
            if let Some(v) = cx.field::<T>(e) {
                out.push((key, v));
            }
        }
        Some(out)
    }
    fn null() -> Option<Self> {
        Some(Vec::new())
    }
}

/// A value whose structure am2amp does not model; kept as the node it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opaque(pub Node);

impl Decode for Opaque {
    fn decode(node: &Node, _: &mut Cx) -> Option<Self> {
        Some(Opaque(node.clone()))
    }
}

/// Defines a model struct and its strict decoder from a list of `field: Type = "yaml_key"`
/// lines; `@ "0.30"` marks a field added after Alertmanager 0.25.
macro_rules! model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($what:literal) {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $ty:ty = $key:literal $(@ $since:literal)?,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default)]
        pub struct $name {
            /// Where the mapping starts.
            pub span: $crate::source::Span,
            /// True when a field's value had the wrong type (it is then absent); rules about
            /// missing fields are not applied to such a mapping.
            pub broken: bool,
            $(
                $(#[$fmeta])*
                pub $field: $crate::model::Field<$ty>,
            )*
        }

        impl $name {
            /// The YAML keys this mapping accepts.
            pub const FIELDS: &'static [&'static str] = &[$($key),*];
            /// How messages name this mapping.
            pub const WHAT: &'static str = $what;
        }

        impl $crate::model::templates::Templates for $name {
            fn templates<'a>(
                &'a self,
                _: &'static str,
                out: &mut Vec<$crate::model::templates::FieldTemplate<'a>>,
            ) {
                $(
                    if let Some(f) = &self.$field {
                        $crate::model::templates::Templates::templates(&f.value, $key, out);
                    }
                )*
            }
        }

        impl $crate::model::decode::Decode for $name {
            fn decode(
                node: &$crate::yaml::Node,
                cx: &mut $crate::model::decode::Cx,
            ) -> Option<Self> {
                let entries = cx.expect_map(node, $what)?;
                let mut out = $name { span: node.span, ..Default::default() };
                for e in entries {
                    let Some(key) = cx.key(&e.key) else { continue };
                    match key {
                        $(
                            $key => {
                                cx.since(
                                    &e.key,
                                    $key,
                                    $what,
                                    $crate::model::decode::since_opt(&[$($since)?]),
                                );
                                out.$field = cx.field(e).map(Box::new);
                                out.broken |= out.$field.is_none() && !e.value.is_null();
                            }
                        )*
                        other => cx.unknown_field(&e.key, other, $what, Self::FIELDS),
                    }
                }
                Some(out)
            }
        }
    };
}

pub(crate) use model;

/// Parses the optional `@ "x.y"` annotation of [`model!`].
pub fn since_opt(v: &[&str]) -> Option<Version> {
    v.first().and_then(|s| s.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_like_yaml_v2() {
        assert_eq!(parse_int("42"), Some(42));
        assert_eq!(parse_int("0x1F"), Some(31));
        assert_eq!(parse_int("0755"), Some(493));
        assert_eq!(parse_int("1_000"), Some(1000));
        assert_eq!(parse_int("-3"), Some(-3));
        assert_eq!(parse_int("2.0"), Some(2));
        assert_eq!(parse_int("CHAT-ID"), None);
    }

    fn list<T: Decode>(text: &str) -> (Option<Vec<Sp<T>>>, Vec<Code>) {
        let (root, _) = crate::yaml::load(
            text,
            crate::source::SourceId(0),
            &crate::yaml::Limits::default(),
        )
        .unwrap();
        let mut cx = Cx::default();
        let list = Vec::<Sp<T>>::decode(&root, &mut cx);
        (list, cx.diags.iter().map(|d| d.code).collect())
    }

    #[test]
    fn null_entries_of_value_lists_are_marked_zero_values() {
        let (items, codes) = list::<ZeroIfNull<String>>("[~, monday, '']");
        let items = items.unwrap();
        let read: Vec<_> = items.iter().map(|i| (i.value.null, i.as_str())).collect();
        assert_eq!(read, [(true, ""), (false, "monday"), (false, "")]);
        assert!(codes.is_empty());
        assert_eq!(items[0].span.start, 1);
    }

    #[test]
    fn null_entries_of_pointer_lists_are_errors() {
        let (items, codes) = list::<crate::model::route::Route>("[~, {receiver: a}]");
        assert_eq!(items.unwrap().len(), 1);
        assert_eq!(codes, [Code::NullEntry]);
    }
}
