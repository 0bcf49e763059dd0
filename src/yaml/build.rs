//! YAML events → [`Node`] tree, straight from granit-parser (the parser under serde-saphyr):
//! aliases are resolved by copying the anchored subtree, `<<` merge keys are applied, and the
//! nesting, node and alias budgets are enforced while the events stream by.

use foldhash::{HashMap, HashMapExt};

use granit_parser::{Event, Parser, ScalarStyle, ScanError, Tag};

use super::lenient::Patched;
use super::merge::{self, Merge, MergeNote, MergeRule};
use super::resolve;
use super::tabs::Tokens;
use super::{Entry, Kind, Limits, Node, Scalar, Style};
use crate::source::{SourceId, Span};

/// The documents of a YAML stream, built.
pub(super) struct Built {
    /// The first document's root (`Null` when it is empty).
    pub root: Node,
    /// The root of the first later document that is not empty.
    pub extra: Option<Span>,
    /// What applying `<<` merges noticed.
    pub notes: Vec<MergeNote>,
}

/// Why building stopped.
pub(super) struct Failure {
    /// Byte offset of the problem.
    pub at: usize,
    /// What went wrong, without position.
    pub message: String,
    /// True when a budget, not the syntax, stopped parsing.
    pub budget: bool,
}

/// How much text may be parsed again after patching what libyaml reads ([`Patched`], one
/// parse of the whole text each) before the parser's error stands: 64 MiB, under a second.
const REPARSE_BUDGET: usize = 64 << 20;

/// Why one parse stopped.
enum Stop {
    /// An error to report.
    Failed(Failure),
    /// A quoted scalar's continuation line is under-indented (or indented with a tab), which
    /// libyaml reads: the scalar opened after `from` and the error is at `at` (both in the
    /// parsed text).
    Quoted {
        from: usize,
        at: usize,
        failure: Failure,
    },
    /// A comment follows a token with no blank between, which libyaml reads: the `#` is at
    /// `at` (in the parsed text).
    Comment { at: usize, failure: Failure },
    /// A tab in a line's leading whitespace lies left of the block's indentation `indent`
    /// (the error at `at`, in the parsed text), which libyaml reads inside a flow collection.
    TabIndent {
        at: usize,
        indent: usize,
        failure: Failure,
    },
    /// What follows a document end marker or directive on the line of `at` (in the parsed
    /// text) is refused, and Go's yaml.v2 never reads it.
    AfterEnd { at: usize, failure: Failure },
}

/// Parses the first document of `text` and builds it (what follows is only looked at to
/// warn that it is ignored).
/// `rule` says which values `<<` merges join.
pub(super) fn build(
    text: &str,
    source: SourceId,
    limits: &Limits,
    rule: MergeRule,
) -> Result<Built, Failure> {
    let mut patch = Patched::default();
    // The parser's errors on the lines indented for a tab in a flow collection: one stands
    // for a later error on its line, which indenting it may have caused.
    let mut tab_errors: Vec<Failure> = Vec::new();
    loop {
        let stop = match build_once(text, &patch, source, limits, rule) {
            Ok(mut built) => {
                if let Some(end) = patch.end() {
                    built.extra.get_or_insert(Span::new(source, end..end));
                }
                return Ok(built);
            }
            Err(stop) => stop,
        };
        let len = patch.text.as_ref().map_or(text.len(), String::len);
        let within = (patch.rounds() + 1).saturating_mul(len) <= REPARSE_BUDGET;
        // Each stop but `Failed` is something libyaml reads: patch it and parse again.
        let (patched, failed) = match stop {
            Stop::Failed(f) => (false, f),
            Stop::Quoted { from, at, failure } => {
                (within && patch.indent_quoted(text, from, at), failure)
            }
            Stop::Comment { at, failure } => {
                (within && patch.space_before_comment(text, at), failure)
            }
            Stop::TabIndent {
                at,
                indent,
                failure,
            } => {
                if within && patch.indent_line(text, at, indent + 1) {
                    tab_errors.push(failure);
                    continue;
                }
                (false, failure)
            }
            Stop::AfterEnd { at, failure } => (within && patch.cut_at_line(text, at), failure),
        };
        if patched {
            continue;
        }
        let same_line = |a: usize, b: usize| {
            let (lo, hi) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
            !text.as_bytes()[lo..hi]
                .iter()
                .any(|&c| c == b'\n' || c == b'\r')
        };
        return Err(tab_errors
            .into_iter()
            .find(|t| same_line(t.at, failed.at))
            .unwrap_or(failed));
    }
}

fn build_once(
    original: &str,
    patch: &Patched,
    source: SourceId,
    limits: &Limits,
    rule: MergeRule,
) -> Result<Built, Stop> {
    let text = patch.text.as_deref().unwrap_or(original);
    let options = granit_parser::options! {
        // Comments are not carried; capturing them (on when serde-saphyr enables the feature)
        // costs a tenth of the parse.
        emit_comments: false,
        flow_nesting_limit: limits.max_depth,
        block_nesting_limit: granit_parser::Options::default()
            .block_nesting_limit
            .max(limits.max_depth.saturating_add(1)),
    };
    let mut b = Builder {
        text,
        patch,
        source,
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        replayed: 0,
        docs: Vec::new(),
        rule,
        notes: Vec::new(),
    };
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut last_end = 0;
    // Go's yaml.v2 reads the first document and nothing after its end, so neither does this:
    // what follows is only looked at for a document that is not empty, or text that does not
    // parse, to warn that it is ignored (at the `---` starting it, when there is one).
    let mut first_ended = false;
    let mut next_start = None;
    let mut extra = None;
    let mut tabs = Tokens::new(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(next) => next,
            Err(e) if first_ended => {
                let at = b.patch.original(b.error_at(&e));
                extra = Some(next_start.unwrap_or(Span::new(source, at..at)));
                break;
            }
            Err(e) => {
                let indent = tabs.as_ref().map_or(0, Tokens::block_indent);
                return Err(b.scan_stop(&e, last_end, indent));
            }
        };
        last_end = span.end.byte_offset().unwrap_or(last_end);
        if let Some(t) = tabs.as_mut().filter(|_| !first_ended) {
            let start = span.start.byte_offset().unwrap_or(0).min(text.len());
            t.event(text, &event, start, last_end.clamp(start, text.len()));
        }
        let span = b.span(&span);
        if first_ended {
            match event {
                Event::DocumentStart(..) => next_start = Some(span),
                Event::DocumentEnd | Event::StreamEnd => {}
                Event::Scalar(ref v, ScalarStyle::Plain, 0, None) if resolve::is_null(v) => {}
                _ => {
                    extra = Some(next_start.unwrap_or(span));
                    break;
                }
            }
            continue;
        }
        first_ended = matches!(event, Event::DocumentEnd);
        b.event(event, span).map_err(Stop::Failed)?;
    }
    let original = |at| patch.original(at);
    if let Some((at, why)) = tabs.and_then(|t| t.first_refused(text, &original)) {
        return Err(Stop::Failed(Failure {
            at: original(at),
            message: why.into(),
            budget: false,
        }));
    }
    let root = b.docs.into_iter().next().unwrap_or_else(|| Node {
        span: Span::start_of(source),
        kind: Kind::Null,
    });
    Ok(Built {
        root,
        extra,
        notes: b.notes,
    })
}

struct Builder<'t, 'l> {
    text: &'t str,
    patch: &'t Patched,
    source: SourceId,
    limits: &'l Limits,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    replayed: usize,
    docs: Vec<Node>,
    rule: MergeRule,
    notes: Vec<MergeNote>,
}

struct Frame {
    span: Span,
    anchor: usize,
    open: Open,
}

enum Open {
    Seq(Vec<Node>),
    Map {
        entries: Vec<Entry>,
        key: Option<(Node, bool)>,
        merges: Vec<Merge>,
    },
}

impl Builder<'_, '_> {
    fn span(&self, s: &granit_parser::Span) -> Span {
        let start = s.start.byte_offset().unwrap_or(0).min(self.text.len());
        let end = s
            .end
            .byte_offset()
            .unwrap_or(start)
            .clamp(start, self.text.len());
        let original = |at| self.patch.original(at);
        Span::new(self.source, original(start)..original(end))
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Failure> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                self.count(1, span)?;
                // yaml.v2's isMerge: `<<` that libyaml calls implicit (plain, or tagged only
                // `!`), or tagged `!!merge`.
                let merge = value == "<<"
                    && match tag.as_deref().map(Tag::parts) {
                        None => style == ScalarStyle::Plain,
                        Some((handle, suffix)) => {
                            let uri = format!("{handle}{suffix}");
                            uri == "!" || uri == "tag:yaml.org,2002:merge"
                        }
                    };
                let node = scalar(value.into_owned(), style, tag.as_deref(), span);
                let node = node.map_err(|message| Failure {
                    at: span.start as usize,
                    message,
                    budget: false,
                })?;
                self.finish(node, anchor, merge)
            }
            Event::SequenceStart(_, anchor, _) => self.open(span, anchor, Open::Seq(Vec::new())),
            Event::MappingStart(_, anchor, _) => self.open(
                span,
                anchor,
                Open::Map {
                    entries: Vec::new(),
                    key: None,
                    merges: Vec::new(),
                },
            ),
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let mut path = match &frame.open {
                    Open::Map { merges, .. } if !merges.is_empty() => path_of(&self.stack),
                    _ => Vec::new(),
                };
                let node = close(
                    frame.span,
                    frame.open,
                    &mut path,
                    self.rule,
                    &mut self.notes,
                );
                self.finish(node, frame.anchor, false)
            }
            Event::Alias(id) => {
                let Some(&(_, size)) = self.anchors.get(&id) else {
                    return Err(Failure {
                        at: span.start as usize,
                        message: "an alias refers to its own anchor (a recursive alias)".into(),
                        budget: false,
                    });
                };
                self.replayed = self.replayed.saturating_add(size);
                if self.replayed > self.limits.max_alias_events {
                    return Err(budget(
                        span,
                        format!(
                            "aliases expand to more than {} nodes",
                            self.limits.max_alias_events
                        ),
                    ));
                }
                self.count(size, span)?;
                let mut node = self.anchors[&id].0.clone();
                // yaml.v2 merges an alias only when it names a mapping.
                let merged = matches!(
                    self.stack.last().map(|f| &f.open),
                    Some(Open::Map {
                        key: Some((_, true)),
                        ..
                    })
                );
                if merged && !matches!(node.kind, Kind::Map(_)) {
                    return Err(Failure {
                        at: span.start as usize,
                        message: "a `<<` merge value that is an alias must name a mapping; a list of mappings merges only when written out".into(),
                        budget: false,
                    });
                }
                relocate(&mut node, span);
                self.finish(node, 0, false)
            }
            _ => Ok(()),
        }
    }

    fn count(&mut self, n: usize, at: Span) -> Result<(), Failure> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.limits.max_nodes {
            return Err(budget(
                at,
                format!("more than {} nodes", self.limits.max_nodes),
            ));
        }
        Ok(())
    }

    fn open(&mut self, span: Span, anchor: usize, open: Open) -> Result<(), Failure> {
        self.count(1, span)?;
        if self.stack.len() >= self.limits.max_depth {
            return Err(budget(
                span,
                format!("nesting deeper than {}", self.limits.max_depth),
            ));
        }
        self.stack.push(Frame { span, anchor, open });
        Ok(())
    }

    /// Places a completed node in its parent (or as a document root).
    fn finish(&mut self, node: Node, anchor: usize, merge: bool) -> Result<(), Failure> {
        if anchor != 0 {
            let size = size(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        let Some(top) = self.stack.last_mut() else {
            self.docs.push(node);
            return Ok(());
        };
        match &mut top.open {
            Open::Seq(items) => items.push(node),
            Open::Map {
                entries,
                key,
                merges,
            } => match key.take() {
                None => *key = Some((node, merge)),
                Some((k, true)) if mergeable(&node) => merges.push(Merge {
                    key: k.span,
                    after: entries.len(),
                    sources: match node.kind {
                        Kind::Seq(items) => items,
                        _ => vec![node],
                    },
                }),
                Some((_, true)) => {
                    return Err(Failure {
                        at: node.span.start as usize,
                        message: "a `<<` merge value must be a mapping or a sequence of mappings"
                            .into(),
                        budget: false,
                    });
                }
                Some((k, _)) => entries.push(Entry {
                    key: k,
                    value: node,
                }),
            },
        }
        Ok(())
    }

    /// Where `e` is, in the parsed text.
    fn error_at(&self, e: &ScanError) -> usize {
        let m = e.marker();
        m.byte_offset()
            .unwrap_or_else(|| offset_of_line_col(self.text, m.line(), m.col()))
            .min(self.text.len())
    }

    /// Why parsing stopped at `e`; `last_end` is where the last event ended, `indent` the
    /// innermost block collection's column (when the text has a tab).
    fn scan_stop(&self, e: &ScanError, last_end: usize, indent: usize) -> Stop {
        use granit_parser::ErrorKind;
        let at = self.error_at(e);
        let failure = Failure {
            at: self.patch.original(at),
            message: e.info(),
            budget: matches!(e.kind(), ErrorKind::RecursionLimitExceeded),
        };
        match e.kind() {
            ErrorKind::InvalidQuotedScalarIndent | ErrorKind::TabInIndentation => Stop::Quoted {
                from: last_end,
                at,
                failure,
            },
            ErrorKind::CommentNotSeparated => Stop::Comment { at, failure },
            ErrorKind::TabInBlockIndentation => Stop::TabIndent {
                at,
                indent,
                failure,
            },
            ErrorKind::InvalidDocumentEnd | ErrorKind::MissingDocumentEndBeforeDirective => {
                Stop::AfterEnd { at, failure }
            }
            _ => Stop::Failed(failure),
        }
    }
}

fn budget(at: Span, message: String) -> Failure {
    Failure {
        at: at.start as usize,
        message,
        budget: true,
    }
}

/// A scalar node; an error when its core tag says a type its text is not, which Go's yaml.v2
/// refuses.
fn scalar(
    value: String,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<Node, String> {
    let style = match style {
        ScalarStyle::SingleQuoted => Style::SingleQuoted,
        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
        _ => Style::Plain,
    };
    let Some(tag) = tag else {
        return Ok(plain_or_null(value, style, span));
    };
    let (handle, suffix) = tag.parts();
    let uri = format!("{handle}{suffix}");
    let core = uri.strip_prefix("tag:yaml.org,2002:");
    if let Some(why) = core.and_then(|c| resolve::tag_refusal(c, &tag.original(), &value)) {
        return Err(why);
    }
    let (value, style, tagged) = match core {
        Some("null") => {
            return Ok(Node {
                span,
                kind: Kind::Null,
            });
        }
        // The tag agrees with the text, which now decides the type however it is quoted.
        Some("bool" | "int" | "float" | "timestamp") => (value, Style::Plain, false),
        Some("binary") => (resolve::binary(&value)?, Style::DoubleQuoted, true),
        _ => (value, style, true),
    };
    Ok(Node {
        span,
        kind: Kind::Scalar(Scalar {
            value: value.into(),
            style,
            origin: span,
            tagged,
        }),
    })
}

/// An untagged scalar: `Null` when it is plain `~`, `null` or nothing.
pub(super) fn plain_or_null(value: String, style: Style, span: Span) -> Node {
    let null = style == Style::Plain && resolve::is_null(&value);
    let kind = if null {
        Kind::Null
    } else {
        Kind::Scalar(Scalar {
            value: value.into(),
            style,
            origin: span,
            tagged: false,
        })
    };
    Node { span, kind }
}

/// A `<<` value that merges: a mapping or a sequence of mappings.
fn mergeable(node: &Node) -> bool {
    match &node.kind {
        Kind::Map(_) => true,
        Kind::Seq(items) => items.iter().all(|n| matches!(n.kind, Kind::Map(_))),
        _ => false,
    }
}

fn close(
    span: Span,
    open: Open,
    path: &mut Vec<Option<String>>,
    rule: MergeRule,
    notes: &mut Vec<MergeNote>,
) -> Node {
    match open {
        Open::Seq(items) => Node {
            span,
            kind: Kind::Seq(items),
        },
        Open::Map {
            mut entries,
            key,
            merges,
        } => {
            if let Some((k, _)) = key {
                let value = Node {
                    span: Span::new(k.span.source, k.span.end as usize..k.span.end as usize),
                    kind: Kind::Null,
                };
                entries.push(Entry { key: k, value });
            }
            if !merges.is_empty() {
                merge::apply(&mut entries, merges, path, rule, notes);
            }
            // A block mapping's span is empty; point at its first key instead.
            let span = match entries.first() {
                Some(first) if span.start == span.end => first.key.span,
                _ => span,
            };
            Node {
                span,
                kind: Kind::Map(entries),
            }
        }
    }
}

/// Where the collection now being built sits: the keys leading to it, `None` for a list
/// item. A `<<` key, and the list it takes, stand for the mapping they merge into.
fn path_of(stack: &[Frame]) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut merged = false;
    for f in stack {
        match &f.open {
            Open::Seq(_) => {
                if !merged {
                    out.push(None);
                }
                merged = false;
            }
            Open::Map { key, .. } => {
                let (k, merge) = key
                    .as_ref()
                    .map_or((None, false), |(k, m)| (k.as_str(), *m));
                if !merge {
                    out.push(Some(k.unwrap_or_default().to_string()));
                }
                merged = merge;
            }
        }
    }
    out
}

fn size(node: &Node) -> usize {
    1 + match &node.kind {
        Kind::Seq(items) => items.iter().map(size).sum(),
        Kind::Map(entries) => entries.iter().map(|e| size(&e.key) + size(&e.value)).sum(),
        _ => 0,
    }
}

/// An alias's copy is located where the alias is written; scalars keep their origin.
fn relocate(node: &mut Node, at: Span) {
    node.span = at;
    match &mut node.kind {
        Kind::Seq(items) => items.iter_mut().for_each(|n| relocate(n, at)),
        Kind::Map(entries) => entries.iter_mut().for_each(|e| {
            relocate(&mut e.key, at);
            relocate(&mut e.value, at);
        }),
        _ => {}
    }
}

fn offset_of_line_col(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + l.char_indices().nth(col).map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    text.len()
}
