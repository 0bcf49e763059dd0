//! Tabs that libyaml refuses and YAML 1.2 allows. libyaml, whose rules Go's yaml.v2 and so
//! Alertmanager follow, skips a tab between tokens only inside a flow collection or where no
//! key may start: not in a line's leading whitespace, nor right after `-`, `?` or a complex
//! key's `:`. A plain value's continuation lines, and the blank lines after it, may hold a tab
//! only from the value's indentation on; a block value's leading blank lines hold none unless
//! its header gives the indentation. granit-parser allows all of these, so when the text has
//! a tab the first document is checked again from what the parser's events say is where.

use granit_parser::{Event, ScalarStyle, StructureStyle};

/// What the check needs from the parser's events, in the parsed text's byte offsets.
#[derive(Debug, Default)]
pub(super) struct Tokens {
    scalars: Vec<Token>,
    /// Offsets of flow collections' opening (+1) and closing (-1) brackets.
    flow: Vec<(usize, i32)>,
    /// libyaml's block indentation for each open collection (a flow one keeps its parent's).
    indents: Vec<(i64, bool)>,
    /// Where the previous event ended.
    last_end: usize,
    /// Where the first document ends (what follows is never scanned by yaml.v2).
    end: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    kind: ScalarKind,
    /// libyaml's block indentation where the scalar is (-1 outside any block collection).
    indent: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScalarKind {
    Plain,
    Quoted,
    /// `header`: the offset of its `|` or `>`; `explicit`: the header gives the indentation;
    /// `column`: the indentation of its lines.
    Block {
        header: usize,
        explicit: bool,
        column: i64,
    },
}

/// What the last thing before a position outside scalars was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    /// A plain scalar, with libyaml's block indentation where it is.
    Plain(i64),
    /// A block scalar, with the indentation of its lines.
    Block(i64),
    /// `-`, `?` or a complex key's `:` in the block context: a key may start after it.
    Indicator,
    Other,
}

/// Leading whitespace where libyaml expects a token.
const LEADING: &str = "a tab in the leading whitespace of a line, which Alertmanager's YAML \
                       parser refuses (found character that cannot start any token)";
/// After `-`, `?` or `:` of a complex key.
const INDICATOR: &str = "a tab right after `-`, `?` or a complex key's `:`, which Alertmanager's \
                         YAML parser refuses (found character that cannot start any token)";
/// Left of a plain value's indentation.
const PLAIN: &str = "a tab left of the indentation of the value before it, which \
                     Alertmanager's YAML parser refuses (found a tab character that violates \
                     indentation)";
/// In a block value's indentation.
const BLOCK: &str = "a tab in the indentation of a block value, where Alertmanager's YAML \
                     parser expects spaces";

impl Tokens {
    /// A recorder for `text`; `None` when it has no tab, which leaves nothing to check.
    pub fn new(text: &str) -> Option<Self> {
        memchr::memchr(b'\t', text.as_bytes()).map(|_| Tokens::default())
    }

    /// Records one event of the first document, found at `start..end` of `text`.
    pub fn event(&mut self, text: &str, event: &Event<'_>, start: usize, end: usize) {
        let top = self.indents.last().map_or(-1, |i| i.0);
        match event {
            Event::Scalar(_, style, ..) if start < end => {
                let kind = match style {
                    ScalarStyle::Plain => ScalarKind::Plain,
                    ScalarStyle::Literal | ScalarStyle::Folded => block(text, self.last_end, start),
                    _ => ScalarKind::Quoted,
                };
                self.scalars.push(Token {
                    start,
                    end,
                    kind,
                    indent: top,
                });
            }
            Event::SequenceStart(flow, ..) | Event::MappingStart(flow, ..) => {
                let is_flow = *flow == StructureStyle::Flow;
                let column = if is_flow {
                    top
                } else if matches!(event, Event::SequenceStart(..)) {
                    column(text, entry_indicator(text, start))
                } else {
                    column(text, start)
                };
                self.indents.push((column.max(top), is_flow));
                if is_flow {
                    self.flow.push((start, 1));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let closed = self.indents.pop();
                if closed.is_some_and(|(_, flow)| flow) {
                    self.flow.push((start, -1));
                }
            }
            Event::DocumentEnd => {
                self.end.get_or_insert(start);
            }
            _ => {}
        }
        self.last_end = self.last_end.max(end);
    }

    /// The column of the innermost block collection open (0 outside any).
    pub fn block_indent(&self) -> usize {
        self.indents.last().map_or(0, |i| i.0.max(0) as usize)
    }

    /// The first tab in `text` that libyaml refuses: its offset and what is wrong. `text` may
    /// be patched ([`super::lenient`]): `original` maps its offsets back, and columns are
    /// counted in the original.
    pub fn first_refused(
        &self,
        text: &str,
        original: &dyn Fn(usize) -> usize,
    ) -> Option<(usize, &'static str)> {
        let column = |at: usize, line: usize| original(at).saturating_sub(original(line));
        let b = text.as_bytes();
        let end = self.end.unwrap_or(b.len()).min(b.len());
        let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let (mut line_start, mut blank_line, mut comment) = (i, true, false);
        let mut last = Last::Nothing;
        let mut depth = 0;
        let (mut flow, mut scalars) = (self.flow.iter().peekable(), self.scalars.iter().peekable());
        while i < end {
            while let Some(&&(_, d)) = flow.peek().filter(|f| f.0 <= i) {
                depth += d;
                flow.next();
            }
            if let Some(&&s) = scalars.peek().filter(|s| s.start <= i) {
                scalars.next();
                if let Some(refused) = inside(b, &s, &column) {
                    return Some(refused);
                }
                let inside = &b[s.start..s.end.min(end)];
                // A block scalar's span may end in the indentation of the line after it.
                blank_line = match memchr::memrchr2(b'\n', b'\r', inside) {
                    Some(p) => {
                        line_start = s.start + p + 1;
                        inside[p + 1..].iter().all(|&c| is_blank(c))
                    }
                    None => false,
                };
                last = match s.kind {
                    ScalarKind::Plain => Last::Plain(s.indent),
                    ScalarKind::Block { column, .. } => Last::Block(column),
                    ScalarKind::Quoted => Last::Other,
                };
                i = s.end.max(i + 1);
                continue;
            }
            match b[i] {
                b'\n' | b'\r' => (line_start, blank_line, comment) = (i + 1, true, false),
                b' ' => {}
                b'\t' if comment => {}
                b'\t' => {
                    let next = scalars.peek().copied();
                    let refused = if blank_line {
                        let at = column(i, line_start);
                        // Scalars that start at or before `i` were taken at the loop's top.
                        leading(at, last, depth, next, i)
                    } else {
                        (depth == 0 && last == Last::Indicator).then_some(INDICATOR)
                    };
                    if let Some(why) = refused {
                        return Some((i, why));
                    }
                }
                _ if comment => {}
                b'#' if i == line_start || is_blank(b[i - 1]) => {
                    (comment, blank_line, last) = (true, false, Last::Other);
                }
                c => {
                    let separated = b.get(i + 1).is_none_or(|&n| is_blank(n) || is_break(n));
                    let indicator = separated
                        && match c {
                            b'-' | b'?' => i == line_start || is_blank(b[i - 1]),
                            b':' => blank_line && depth == 0,
                            _ => false,
                        };
                    last = if indicator {
                        Last::Indicator
                    } else {
                        Last::Other
                    };
                    blank_line = false;
                }
            }
            i += 1;
        }
        None
    }
}

/// Whether libyaml refuses a tab in a line's leading whitespace, at `column`, after `last`,
/// `depth` flow collections deep, before the scalar `next`.
fn leading(
    column: usize,
    last: Last,
    depth: i32,
    next: Option<&Token>,
    at: usize,
) -> Option<&'static str> {
    if let Some(ScalarKind::Block {
        header, explicit, ..
    }) = next.map(|s| s.kind)
        && header < at
    {
        return (!explicit).then_some(BLOCK);
    }
    match last {
        Last::Plain(indent) => ((column as i64) <= indent).then_some(PLAIN),
        Last::Block(own) => ((column as i64) < own).then_some(BLOCK),
        _ if depth > 0 => None,
        _ => Some(LEADING),
    }
}

/// The first tab inside a scalar that libyaml refuses: in a plain scalar's continuation
/// lines left of its indentation (`s.indent` + 1), in a block scalar's lines left of its
/// own, or first on its first line when libyaml is still finding that indentation.
fn inside(
    b: &[u8],
    s: &Token,
    column: &dyn Fn(usize, usize) -> usize,
) -> Option<(usize, &'static str)> {
    let (limit, why) = match s.kind {
        ScalarKind::Quoted => return None,
        ScalarKind::Plain => (s.indent + 1, PLAIN),
        ScalarKind::Block {
            explicit, column, ..
        } => {
            if !explicit && b[s.start] == b'\t' {
                return Some((s.start, BLOCK));
            }
            (column, BLOCK)
        }
    };
    let (mut lead, mut line) = (false, s.start);
    for (at, &c) in b.iter().enumerate().take(s.end).skip(s.start) {
        match c {
            b'\n' | b'\r' => (lead, line) = (true, at + 1),
            b'\t' if lead && (column(at, line) as i64) < limit => return Some((at, why)),
            b' ' | b'\t' => {}
            _ => lead = false,
        }
    }
    None
}

/// A block scalar starting at `start`, its header between `from` and there.
fn block(text: &str, from: usize, start: usize) -> ScalarKind {
    let gap = &text.as_bytes()[from.min(start)..start];
    let mut comment = false;
    for (i, &c) in gap.iter().enumerate() {
        match c {
            b'\n' | b'\r' => comment = false,
            b'#' if i == 0 || is_blank(gap[i - 1]) || is_break(gap[i - 1]) => comment = true,
            b'|' | b'>' if !comment => {
                let explicit = gap[i + 1..]
                    .iter()
                    .take(2)
                    .any(|d| (b'1'..=b'9').contains(d));
                return ScalarKind::Block {
                    header: from + i,
                    explicit,
                    column: column(text, start),
                };
            }
            _ => {}
        }
    }
    ScalarKind::Block {
        header: start,
        explicit: false,
        column: column(text, start),
    }
}

/// The `-` of a block sequence's first entry, whose event may point at the entry itself.
fn entry_indicator(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start.min(b.len());
    if b.get(i) == Some(&b'-') {
        return i;
    }
    while i > 0 && (is_blank(b[i - 1]) || is_break(b[i - 1])) {
        i -= 1;
    }
    if i > 0 && b[i - 1] == b'-' {
        i - 1
    } else {
        start
    }
}

/// The column of `at` in characters, as libyaml counts them.
fn column(text: &str, at: usize) -> i64 {
    let at = at.min(text.len());
    let line = memchr::memrchr2(b'\n', b'\r', &text.as_bytes()[..at]).map_or(0, |p| p + 1);
    let before = &text.as_bytes()[line..at];
    let chars = before.iter().filter(|&&c| (c & 0xC0) != 0x80).count();
    let bom = text[line..].starts_with('\u{feff}') && line == 0;
    chars as i64 - i64::from(bom)
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn is_break(c: u8) -> bool {
    c == b'\n' || c == b'\r'
}

#[cfg(test)]
mod tests {
    use crate::source::SourceId;
    use crate::yaml::{Limits, load};

    /// The offset of the tab refused in `text`, if any (other YAML errors fail the test).
    fn refused(text: &str) -> Option<usize> {
        match load(text, SourceId(0), &Limits::default()) {
            Ok(_) => None,
            Err(d) => {
                assert!(d.message.contains("tab"), "{text:?}: {}", d.message);
                Some(d.primary.span.start as usize)
            }
        }
    }

    #[test]
    fn tabs_where_libyaml_expects_a_token_are_refused() {
        for (text, at) in [
            ("a: b\n\t\nc: d\n", "\t\nc"),
            ("a:\n  b: 'x'\n  \t\nc: d\n", "\t\nc"),
            ("a: b\n\t# c\n", "\t#"),
            ("a:\n- \tx\n", "\tx"),
            ("a:\n-\tx\n", "\tx"),
            ("? \ta\n: b\n", "\ta"),
            ("? a\n:\tb\n", "\tb"),
            ("a: b # c\n      \t\n", "\t\n"),
            ("a:\n\t\n  b: c\n", "\t\n"),
            ("\t\na: b\n", "\t\na"),
            ("a: b\r\n\t\r\n", "\t\r"),
            ("a:\n  b: 'c'\n \td: e\n", "d: e"),
        ] {
            assert_eq!(refused(text), text.find(at), "{text:?}");
        }
    }

    #[test]
    fn tabs_left_of_a_values_indentation_are_refused() {
        for (text, at) in [
            ("a:\n  b: c\n  \t\n", "\t"),
            ("a:\n  b: c\n \t\n", "\t"),
            ("a:\n  b:\n  - c\n  \t\n", "\t"),
            ("- a\n\t\n", "\t"),
            ("a: |\n  \tx\n", "\t"),
            ("a: |\n    x\n\t\n", "\t"),
            ("a:\n  b: |\n    x\n\n \t\nc: d\n", "\t"),
        ] {
            assert_eq!(refused(text), text.find(at), "{text:?}");
        }
    }

    #[test]
    fn tabs_libyaml_skips_are_kept() {
        for text in [
            "a: b\t\nc: d\n",
            "a:\tb\n",
            "a: b\t# c\n",
            "a: b  # \tc\n  # \tc\n",
            "a: 'x\n\ty'\n",
            "a: \"x\n\ty\"\n",
            "a: {b: c,\n\t d: e}\n",
            "a: [\n b,\n\t c]\n",
            "a:\n  b: c\n      \t\n",
            "a:\n  b: c\n   \t\n",
            "a:\n  b:\n  - c\n   \t\n",
            "a:\n  b: c\n     \t# c\n",
            "a: x\n   \ty\n",
            "a: |\n    x\n    \ty\n",
            "a: |2\n   \t\n  x\n",
            "a: |\n    x\n\n    \t\nb: c\n",
            "- &x\tb: c\n",
            "--- \t# c\na: b\n",
            "a: b\n...\n\t\n",
            "a\t: b\n",
        ] {
            assert_eq!(refused(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_flow_collections_lines_may_start_with_a_tab_left_of_the_block() {
        let read = |text: &str| {
            let (root, _) = load(text, SourceId(0), &Limits::default()).expect(text);
            let b = root.get("a").and_then(|a| a.get("b")).expect("a.b").clone();
            crate::yaml::emit_document(&b)
        };
        assert_eq!(read("a:\n  b: [c,\n\t d,\n\t\t'e']\n"), "- c\n- d\n- e\n");
        assert_eq!(read("a:\n  b: {c: d,\n\te: f}\n"), "c: d\ne: f\n");
    }
}
