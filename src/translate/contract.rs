//! The message contract (v1): a tree of [`Value`]s rendered as a Go template whose output is
//! a YAML mapping. Structure is static text; every value that depends on the notification is
//! printed through Go's `printf "%q"` inside a double-quoted scalar (see
//! [`crate::gotmpl::escape`]), so the rendered message parses whatever alerts contain.

use std::borrow::Cow;
use std::rc::Rc;

use crate::gotmpl::copies::MESSAGE_PREFIX;
use crate::gotmpl::escape::{escape_action, yaml_body};
use crate::gotmpl::print::{self, Writer};
use crate::gotmpl::{Template, ast::Node, parse_in_scope};

/// The contract version written as `am2amp:`.
pub const VERSION: u32 = 1;

/// [`VERSION`] as it is written.
pub const VERSION_TEXT: &str = "1";

/// The date format that matches Go's JSON encoding of alert times.
pub const TIME_FORMAT: &str = "2006-01-02T15:04:05.999999999Z07:00";

/// A mapping key: nearly always a name known at compile time.
pub type Key = Cow<'static, str>;

/// One value of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// A YAML token written as is (`1`, `true`, `pagerduty`): the caller guarantees it is one.
    Raw(Cow<'static, str>),
    /// A string known now.
    Str(String),
    /// Template text that prints the body of a double-quoted scalar (already escaped); shared,
    /// as the same few texts recur in every message.
    Tmpl(Rc<str>),
    /// Template text that prints a YAML integer.
    RawTmpl(String),
    /// A mapping with keys known now.
    Map(Vec<(Key, Value)>),
    /// A sequence known now.
    Seq(Vec<Value>),
    /// A mapping from a template value of type map (`.GroupLabels`): every key and value
    /// escaped.
    Pairs(String),
    /// A sequence with one item per element of a template value.
    Each(Each),
    /// A value written once, as a template that every message using it calls (see
    /// [`shared`]).
    Shared(Rc<Shared>),
}

/// A value that many messages carry as the same template text: it is defined once, as the
/// template [`Shared::name`] in am2amp's template file, and each message calls that template
/// with the notification data. The text is a block at one indentation, so a template is made
/// for one place in the message.
#[derive(Debug, PartialEq)]
pub struct Shared {
    /// The template's name (`am2amp.message:…`).
    pub name: String,
    /// The template's text: the value as written after its key at [`Shared::indent`].
    pub body: Rc<str>,
    /// The indentation of the value's nested lines.
    pub indent: usize,
    /// The shared templates the body calls.
    pub calls: Vec<Rc<Shared>>,
}

/// A sequence built by ranging over a template value.
#[derive(Debug, Clone, PartialEq)]
pub struct Each {
    /// The ranged-over expression (`.Alerts`).
    pub over: String,
    /// The variables bound per element (`$alert`, or `$k, $v` over a map).
    pub vars: Vec<String>,
    /// At most this many items (lists only).
    pub limit: Option<u64>,
    /// The item, which may use the variables.
    pub item: Box<Value>,
}

impl Value {
    /// A string printed by a template expression (`.Status`, `$alert.Fingerprint`), evaluated
    /// where `vars` are declared.
    pub fn expr(expr: &str, vars: &[&str]) -> Value {
        Value::Tmpl(quoted(expr, vars))
    }

    /// A mapping from `(key, value)` pairs.
    pub fn map<K: Into<Key>>(entries: Vec<(K, Value)>) -> Value {
        Value::Map(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// A boolean.
    pub fn bool(b: bool) -> Value {
        Value::Raw(if b { "true" } else { "false" }.into())
    }
}

/// `v` as the shared template `am2amp.message:<name>`, for a place in the message where its
/// nested lines are indented to `indent`. Dot must be the notification data there.
pub fn shared(name: &str, v: &Value, indent: usize) -> Value {
    let mut w = Writer::default();
    let mut calls = Vec::new();
    value(&mut w, v, indent, &mut |s| calls.push(s.clone()));
    Value::Shared(Rc::new(Shared {
        name: format!("{MESSAGE_PREFIX}{name}"),
        body: w.finish().into(),
        indent,
        calls,
    }))
}

/// The escaped printing action for an expression, as template text.
pub fn quoted(expr: &str, vars: &[&str]) -> Rc<str> {
    /// Escaped actions by `expr`, NUL, the variables joined by commas; and a key buffer.
    #[derive(Default)]
    struct Cache {
        texts: foldhash::HashMap<String, Rc<str>>,
        key: String,
    }
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = Default::default();
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let Cache { texts, key } = &mut *c;
        key.clear();
        key.push_str(expr);
        key.push('\u{0}');
        for (i, v) in vars.iter().enumerate() {
            if i > 0 {
                key.push(',');
            }
            key.push_str(v);
        }
        if let Some(hit) = texts.get(key.as_str()) {
            return hit.clone();
        }
        let text: Rc<str> = quote_uncached(expr, vars).into();
        texts.insert(key.clone(), text.clone());
        text
    })
}

fn quote_uncached(expr: &str, vars: &[&str]) -> String {
    let parsed: Template = parse_in_scope(&format!("{{{{ {expr} }}}}"), vars)
        .unwrap_or_else(|e| panic!("generated expression {expr:?}: {}", e.message));
    match parsed.root.as_slice() {
        [Node::Action(p)] => print::nodes(&vec![escape_action(p)]),
        _ => panic!("generated expression {expr:?} is not one action"),
    }
}

/// Renders a top-level mapping as template text; `share` is given each [`Shared`] value the
/// text calls.
pub fn render(entries: &[(Key, Value)], share: &mut dyn FnMut(&Rc<Shared>)) -> String {
    thread_local! {
        /// The length of the last message: the next one is usually about as long, and
        /// growing a buffer of kilobytes by doubling copies it several times.
        static LAST: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let mut w = Writer::with_capacity(LAST.get() + LAST.get() / 8);
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            w.text("\n");
        }
        key(&mut w, k);
        w.text(":");
        value(&mut w, v, 2, share);
    }
    let text = w.finish();
    LAST.set(text.len());
    text
}

/// Writes a key known now: plain when it is a simple identifier, double-quoted otherwise.
/// A borrowed key is one of am2amp's own names (a `&'static str`; keys from the config are
/// owned), all plain identifiers, so only owned keys are checked (in debug builds, all).
fn key(w: &mut Writer, k: &Key) {
    if let Cow::Borrowed(name) = k {
        debug_assert!(is_plain_key(name), "am2amp's key {name:?} needs quotes");
        w.template(name);
        return;
    }
    if is_plain_key(k) {
        // An identifier has no `{` to guard.
        w.template(k);
    } else {
        w.text("\"");
        w.text(&yaml_body(k));
        w.text("\"");
    }
}

/// A key that YAML reads back as the same string without quotes.
fn is_plain_key(k: &str) -> bool {
    let b = k.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphabetic)
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
        && !crate::yaml::emit::resolves_to_non_string(k)
}

fn newline(w: &mut Writer, indent: usize) {
    const SPACES: &str = "\n                                                                ";
    match SPACES.get(..=indent) {
        Some(line) => w.text(line),
        None => {
            w.text("\n");
            w.text(&" ".repeat(indent));
        }
    }
}

/// Writes a value after `key:` or `-`; nested blocks are indented to `indent`.
fn value(w: &mut Writer, v: &Value, indent: usize, share: &mut dyn FnMut(&Rc<Shared>)) {
    match v {
        Value::Null => w.text(" null"),
        Value::Raw(s) => {
            w.text(" ");
            w.text(s);
        }
        Value::Str(s) => {
            w.text(" \"");
            w.text(&yaml_body(s));
            w.text("\"");
        }
        Value::Tmpl(t) => {
            w.text(" \"");
            raw(w, t);
            w.text("\"");
        }
        Value::RawTmpl(t) => {
            w.text(" ");
            raw(w, t);
        }
        Value::Shared(sh) => {
            debug_assert_eq!(sh.indent, indent, "a shared value moved");
            w.action_of(&["template \"", &sh.name, "\" ."]);
            share(sh);
        }
        Value::Map(entries) if entries.is_empty() => w.text(" {}"),
        Value::Map(entries) => {
            for (k, v) in entries {
                newline(w, indent);
                key(w, k);
                w.text(":");
                value(w, v, indent + 2, share);
            }
        }
        Value::Seq(items) if items.is_empty() => w.text(" []"),
        Value::Seq(items) => {
            for item in items {
                newline(w, indent);
                w.text("-");
                item_value(w, item, indent + 2, share);
            }
        }
        Value::Pairs(over) => {
            let vars = ["$am2ampKey", "$am2ampValue"];
            w.action(&format!("range {}, {} := {over}", vars[0], vars[1]));
            newline(w, indent);
            w.text("\"");
            raw(w, &quoted(vars[0], &vars));
            w.text("\":");
            value(w, &Value::Tmpl(quoted(vars[1], &vars)), indent + 2, share);
            w.action("else");
            w.text(" {}");
            w.action("end");
        }
        Value::Each(e) => {
            let vars = e.vars.join(", ");
            match e.limit {
                Some(n) => {
                    w.action(&format!("range $am2ampIndex, {vars} := {}", e.over));
                    w.action(&format!("if lt $am2ampIndex {n}"));
                }
                None => w.action(&format!("range {vars} := {}", e.over)),
            }
            newline(w, indent);
            w.text("-");
            item_value(w, &e.item, indent + 2, share);
            if e.limit.is_some() {
                w.action("end");
            }
            w.action("else");
            w.text(" []");
            w.action("end");
        }
    }
}

/// Writes a sequence item: a mapping starts on the `-` line.
fn item_value(w: &mut Writer, v: &Value, indent: usize, share: &mut dyn FnMut(&Rc<Shared>)) {
    match v {
        Value::Map(entries) if !entries.is_empty() => {
            for (i, (k, v)) in entries.iter().enumerate() {
                if i == 0 {
                    w.text(" ");
                } else {
                    newline(w, indent);
                }
                key(w, k);
                w.text(":");
                value(w, v, indent + 2, share);
            }
        }
        other => value(w, other, indent, share),
    }
}

/// Appends template text written by am2amp.
fn raw(w: &mut Writer, t: &str) {
    w.template(t);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_text_is_the_version() {
        assert_eq!(VERSION_TEXT, VERSION.to_string());
    }

    #[test]
    fn keys_from_the_config_are_quoted_when_they_must_be() {
        let owned = |k: &str| Key::Owned(k.to_string());
        let msg = render(
            &[
                (owned("team_1"), Value::bool(true)),
                (owned("on"), Value::bool(true)),
                (owned("team name"), Value::bool(true)),
                (owned("{{ x"), Value::bool(true)),
                ("receiver".into(), Value::bool(true)),
            ],
            &mut |_| {},
        );
        assert_eq!(
            msg,
            "team_1: true\n\"on\": true\n\"team name\": true\n\"{{ \"{\" }}{ x\": true\nreceiver: true"
        );
    }

    #[test]
    fn renders_structure_and_escaped_values() {
        let common = shared("common", &Value::Pairs(".CommonLabels".into()), 2);
        let mut called = Vec::new();
        let msg = render(
            &[
                ("am2amp".into(), Value::Raw("1".into())),
                ("receiver".into(), Value::Str("team \"x\"\n{{".into())),
                ("status".into(), Value::expr(".Status", &[])),
                (
                    "group".into(),
                    Value::map(vec![
                        ("labels", Value::Pairs(".GroupLabels".into())),
                        ("empty", Value::Seq(vec![])),
                    ]),
                ),
                ("common".into(), common.clone()),
            ],
            &mut |s| called.push(s.name.clone()),
        );
        assert_eq!(
            msg,
            r#"am2amp: 1
receiver: "team \"x\"\n{{ "{" }}{"
status: "{{ template "am2amp" .Status }}"
group:
  labels:{{ range $am2ampKey, $am2ampValue := .GroupLabels }}
    "{{ template "am2amp" $am2ampKey }}": "{{ template "am2amp" $am2ampValue }}"{{ else }} {}{{ end }}
  empty: []
common:{{ template "am2amp.message:common" . }}"#
        );
        assert!(crate::gotmpl::parse(&msg).is_ok());
        assert_eq!(called, ["am2amp.message:common"]);
        let Value::Shared(s) = common else {
            panic!("not shared: {common:?}")
        };
        assert_eq!(
            &*s.body,
            r#"{{ range $am2ampKey, $am2ampValue := .CommonLabels }}
  "{{ template "am2amp" $am2ampKey }}": "{{ template "am2amp" $am2ampValue }}"{{ else }} {}{{ end }}"#
        );
    }
}
