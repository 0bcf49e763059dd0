//! Text → [`Node`] tree, with budgets, duplicate-key detection and clear errors.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Error as YamlError, NonFiniteFloatPolicy, Spanned};

use super::{Entry, Kind, Node, Scalar, Style};
use crate::diag::{Code, Diagnostic};
use crate::source::{SourceId, Span};

/// Resource limits applied while parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum nesting of sequences and mappings.
    pub max_depth: usize,
    /// Maximum number of nodes, counting alias expansions.
    pub max_nodes: usize,
    /// Maximum number of events replayed by aliases.
    pub max_alias_events: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_nodes: 1_000_000,
            max_alias_events: 100_000,
        }
    }
}

/// Parses the first YAML document of `text` (registered as `source`).
///
/// Returns the root node (`Null` for an empty document) with findings that did not stop
/// parsing (duplicate keys, naming both places; ignored extra documents), or the one error
/// that did.
pub fn load(
    text: &str,
    source: SourceId,
    limits: &Limits,
) -> Result<(Node, Vec<Diagnostic>), Diagnostic> {
    let mut warnings = Vec::new();
    if text.trim().is_empty() || only_comments(text) {
        return Ok((
            Node {
                span: Span::start_of(source),
                kind: Kind::Null,
            },
            warnings,
        ));
    }
    let docs = parse_on_big_stack(text, source, limits)?;
    let mut docs = docs.into_iter();
    let Some(Raw(mut root)) = docs.next() else {
        return Ok((
            Node {
                span: Span::start_of(source),
                kind: Kind::Null,
            },
            warnings,
        ));
    };
    if let Some(Raw(second)) = docs.next() {
        warnings.push(
            Diagnostic::new(
                Code::ExtraDocuments,
                Span::new(source, second.span.range()),
                "only the first YAML document is used",
            )
            .label("this document is ignored")
            .help("Alertmanager reads only the first document; remove the `---` separator and what follows, or split the file"),
        );
    }
    finish(&mut root, text, source);
    find_duplicates(&root, &mut warnings);
    Ok((root, warnings))
}

/// Stack for the parser thread: deserializing nested YAML recurses, and debug builds use large
/// frames; a dedicated thread keeps the depth budget, not the caller's stack, the limit.
const PARSER_STACK: usize = 64 << 20;

/// Runs serde-saphyr on its own thread with a large stack. A panic inside the parser becomes
/// a diagnostic instead of taking the process down.
fn parse_on_big_stack(
    text: &str,
    source: SourceId,
    limits: &Limits,
) -> Result<Vec<Raw>, Diagnostic> {
    let run = || {
        let options = serde_saphyr::options! {
            budget: serde_saphyr::budget! {
                max_depth: limits.max_depth,
                flow_nesting_limit: limits.max_depth,
                max_nodes: limits.max_nodes,
                max_events: limits.max_nodes.saturating_mul(3),
                max_documents: 64,
            },
            alias_limits: serde_saphyr::alias_limits! {
                max_total_replayed_events: limits.max_alias_events,
                max_replay_stack_depth: 32,
            },
            duplicate_keys: DuplicateKeyPolicy::PassThrough,
            strict_booleans: true,
            non_finite_float_policy: NonFiniteFloatPolicy::AsString,
            with_snippet: false,
        };
        serde_saphyr::from_multiple_with_options::<Raw>(text, options)
            .map_err(|e| convert_error(&e, text, source))
    };
    let joined = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("yaml".into())
            .stack_size(PARSER_STACK)
            .spawn_scoped(s, run)
            .map(|h| h.join())
    });
    match joined {
        Ok(Ok(result)) => result,
        Ok(Err(_panic)) => Err(Diagnostic::new(
            Code::Yaml,
            Span::start_of(source),
            "the YAML parser failed on this input",
        )
        .help("this is a bug in am2amp's YAML parser; please report it with the input")),
        // Could not start a thread: parse here instead.
        Err(_) => run(),
    }
}

fn only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// Sets the real source id and the scalar styles, which the visitor cannot know.
fn finish(node: &mut Node, text: &str, source: SourceId) {
    node.span.source = source;
    match &mut node.kind {
        Kind::Null => {}
        Kind::Scalar(s) => {
            s.origin.source = source;
            s.style = style_at(text, s.origin.start as usize);
            if s.value == NOT_TEXT {
                // Numbers and booleans keep their exact spelling, as yaml.v2 does for strings.
                s.value = text.get(s.origin.range()).unwrap_or_default().to_string();
            }
        }
        Kind::Seq(items) => items.iter_mut().for_each(|n| finish(n, text, source)),
        Kind::Map(entries) => {
            entries.iter_mut().for_each(|e| {
                finish(&mut e.key, text, source);
                finish(&mut e.value, text, source);
            });
            // A block mapping's span is empty; point at its first key instead.
            if node.span.start == node.span.end
                && let Some(first) = entries.first()
            {
                node.span = first.key.span;
            }
        }
    }
}

/// The style of the scalar whose text starts at `start`.
fn style_at(text: &str, start: usize) -> Style {
    match text.as_bytes().get(start) {
        Some(b'"') => return Style::DoubleQuoted,
        Some(b'\'') => return Style::SingleQuoted,
        _ => {}
    }
    // A block scalar's content starts on its own line, after a header line ending in `|` or `>`.
    let line_start = text[..start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    if !text[line_start..start.min(text.len())]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
    {
        return Style::Plain;
    }
    let mut before = &text[..line_start];
    loop {
        let trimmed = before.strip_suffix('\n').unwrap_or(before);
        let prev_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
        let line = &trimmed[prev_start..];
        if !line.trim().is_empty() || prev_start == 0 {
            return header_style(line);
        }
        before = &trimmed[..prev_start];
    }
}

fn header_style(line: &str) -> Style {
    let code = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let code = code.trim_end();
    let indicators = code.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    let preceded_ok = |s: &str| s.is_empty() || s.ends_with([' ', '\t', ':', '-']);
    if let Some(rest) = indicators.strip_suffix('|')
        && preceded_ok(rest)
    {
        return Style::Literal;
    }
    if let Some(rest) = indicators.strip_suffix('>')
        && preceded_ok(rest)
    {
        return Style::Folded;
    }
    Style::Plain
}

fn find_duplicates(node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        Kind::Seq(items) => items.iter().for_each(|n| find_duplicates(n, out)),
        Kind::Map(entries) => {
            let mut seen: HashMap<&str, Span> = HashMap::new();
            for e in entries {
                if let Some(k) = e.key.as_str() {
                    if let Some(first) = seen.get(k) {
                        out.push(
                            Diagnostic::new(
                                Code::DuplicateKey,
                                e.key.span,
                                format!("duplicate key `{}`", shorten(k)),
                            )
                            .label("defined again here")
                            .secondary(*first, "first defined here")
                            .help("a key may appear only once in a mapping; merge the two entries or remove one"),
                        );
                    } else {
                        seen.insert(k, e.key.span);
                    }
                }
                find_duplicates(&e.value, out);
            }
        }
        _ => {}
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

fn convert_error(e: &YamlError, text: &str, source: SourceId) -> Diagnostic {
    let mut inner = e.without_snippet();
    while let YamlError::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let mut message = inner.render_with_formatter(&serde_saphyr::UserMessageFormatter);
    message = strip_location_prefix(message.trim());
    let budget = matches!(
        inner,
        YamlError::Budget { .. }
            | YamlError::AliasReplayLimitExceeded { .. }
            | YamlError::AliasExpansionLimitExceeded { .. }
            | YamlError::AliasReplayStackDepthExceeded { .. }
            | YamlError::AliasReplayCounterOverflow { .. }
    ) || message.contains("too large or too complex")
        || message.contains("recursion limit");
    let code = if budget { Code::Budget } else { Code::Yaml };
    let span = e
        .location()
        .and_then(|loc| {
            let sp = loc.span();
            let start = sp.byte_offset()? as usize;
            Some(start.min(text.len()))
        })
        .or_else(|| {
            e.location()
                .map(|loc| offset_of_line_col(text, loc.line() as usize, loc.column() as usize))
        })
        .map(|start| {
            let end = text[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
            Span::new(source, start..end)
        })
        .unwrap_or_else(|| Span::start_of(source));
    let (message, help) = if budget {
        (
            format!(
                "the YAML is too deeply nested or expands too many aliases ({})",
                first_line(&message)
            ),
            "real Alertmanager configs stay far below these limits; look for an alias bomb or generated nesting",
        )
    } else {
        let m = first_line(&message);
        let help = if m.contains("mapping values are not allowed") {
            "a value containing `: ` must be quoted, or YAML reads it as a new key; nothing after this position was read"
        } else if m.to_ascii_lowercase().contains("tab") {
            "YAML does not allow tabs for indentation; use spaces. Nothing after this position was read"
        } else {
            "fix the YAML at this position; nothing after it was read"
        };
        (m, help)
    };
    Diagnostic::new(code, span, message)
        .label("here")
        .help(help)
}

fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset
                + l.char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    text.len()
}

fn strip_location_prefix(msg: &str) -> String {
    // "line 3 column 1: duplicate mapping key ..." → "duplicate mapping key ..."
    // "illegal placement of ':' indicator at line 2, column 2" → "illegal placement of ..."
    let m = msg.strip_prefix("error: ").unwrap_or(msg);
    let m = match m.rfind(" at line ") {
        Some(i)
            if m[i + 9..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' ' || "column".contains(c)) =>
        {
            &m[..i]
        }
        _ => m,
    };
    if let Some(rest) = m.strip_prefix("line ")
        && let Some(i) = rest.find(": ")
    {
        let head = &rest[..i];
        if head
            .split(' ')
            .all(|w| w == "column" || w.chars().all(|c| c.is_ascii_digit()))
        {
            return rest[i + 2..].to_string();
        }
    }
    m.to_string()
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

/// The serde bridge: a node deserialized through serde-saphyr's span-aware wrapper.
struct Raw(Node);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let sp = Spanned::<Kind0>::deserialize(d)?;
        Ok(Raw(to_node(sp)))
    }
}

/// Placeholder for scalars the parser typed as numbers or booleans; `finish` replaces it with
/// the source spelling.
const NOT_TEXT: &str = "\u{0}not-text";

/// Node kinds as the visitor sees them, before spans are attached.
enum Kind0 {
    Null,
    Text(String),
    Other,
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

fn span_of(loc: &serde_saphyr::Location) -> Span {
    let sp = loc.span();
    match (sp.byte_offset(), sp.byte_len()) {
        (Some(o), Some(l)) => Span::new(SourceId(0), o as usize..(o + l) as usize),
        _ => Span::default(),
    }
}

fn to_node(sp: Spanned<Kind0>) -> Node {
    let span = span_of(&sp.referenced);
    let origin = span_of(&sp.defined);
    let scalar = |value: String| {
        Kind::Scalar(Scalar {
            value,
            style: Style::Plain,
            origin,
        })
    };
    let kind = match sp.value {
        Kind0::Null => Kind::Null,
        Kind0::Text(s) => scalar(s),
        Kind0::Other => scalar(NOT_TEXT.to_string()),
        Kind0::Seq(v) => Kind::Seq(v),
        Kind0::Map(m) => Kind::Map(m),
    };
    Node { span, kind }
}

impl<'de> Deserialize<'de> for Kind0 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind0;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML node")
    }
    fn visit_unit<E>(self) -> Result<Kind0, E> {
        Ok(Kind0::Null)
    }
    fn visit_none<E>(self) -> Result<Kind0, E> {
        Ok(Kind0::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Kind0, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Kind0, E> {
        Ok(Kind0::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Kind0, E> {
        Ok(Kind0::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Kind0, E> {
        Ok(Kind0::Other)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Kind0, E> {
        Ok(Kind0::Other)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Kind0, E> {
        Ok(Kind0::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Kind0, E> {
        Ok(Kind0::Other)
    }
    fn visit_char<E>(self, v: char) -> Result<Kind0, E> {
        Ok(Kind0::Text(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Kind0, E> {
        Ok(Kind0::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Kind0, E> {
        Ok(Kind0::Text(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Kind0, E> {
        Ok(Kind0::Text(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind0, A::Error> {
        let mut items = Vec::new();
        while let Some(Raw(n)) = seq.next_element::<Raw>()? {
            items.push(n);
        }
        Ok(Kind0::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind0, A::Error> {
        let mut entries = Vec::new();
        while let Some(Raw(key)) = map.next_key::<Raw>()? {
            let Raw(value) = map.next_value::<Raw>()?;
            entries.push(Entry { key, value });
        }
        Ok(Kind0::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Node {
        load(text, SourceId(0), &Limits::default()).unwrap().0
    }

    #[test]
    fn styles_and_spellings() {
        let text = "a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: >-\n  fold\nf: 1.10\ng: yes\nh: 0x1F\n";
        let root = parse(text);
        let style = |k: &str| root.get(k).unwrap().as_scalar().unwrap().style;
        let value = |k: &str| root.get(k).unwrap().as_str().unwrap().to_string();
        assert_eq!(style("a"), Style::Plain);
        assert_eq!(style("b"), Style::SingleQuoted);
        assert_eq!(style("c"), Style::DoubleQuoted);
        assert_eq!(style("d"), Style::Literal);
        assert_eq!(style("e"), Style::Folded);
        assert_eq!(value("f"), "1.10");
        assert_eq!(value("g"), "yes");
        assert_eq!(value("h"), "0x1F");
        assert_eq!(value("d"), "lit\n");
    }

    #[test]
    fn nulls_and_keys_like_booleans() {
        let root = parse("n: ~\nempty:\ny: 1\n");
        assert!(root.get("n").unwrap().is_null());
        assert!(root.get("empty").unwrap().is_null());
        assert_eq!(root.get("y").unwrap().as_str(), Some("1"));
    }

    #[test]
    fn duplicate_keys_name_both_places() {
        let text = "a: 1\nb: 2\na: 3\n";
        let errs = load(text, SourceId(0), &Limits::default()).unwrap().1;
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].code, Code::DuplicateKey);
        assert_eq!(errs[0].primary.span.start, 10);
        assert_eq!(errs[0].secondary[0].span.start, 0);
    }

    #[test]
    fn empty_and_comment_only_are_null() {
        assert!(parse("").is_null());
        assert!(parse("# just a comment\n\n").is_null());
    }

    #[test]
    fn syntax_error_has_position() {
        let text = "a: [1\nb: 2\n";
        let err = load(text, SourceId(0), &Limits::default()).unwrap_err();
        assert_eq!(err.code, Code::Yaml);
        assert!(!err.message.contains("line "), "{}", err.message);
    }
}
