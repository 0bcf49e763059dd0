//! A fast builder for the block-style YAML nearly every config is written in: block mappings
//! and sequences, one-line plain and quoted scalars, one-line flow collections, block scalars,
//! comments and a leading `---`. It gives up (`None`) on anything else (anchors, aliases, tags,
//! multi-line quoted or plain scalars, multi-line flow collections, tabs, more documents,
//! errors) and granit-parser builds the tree; when it does build, the tree is the one
//! granit-parser's events give, spans included (`subset_tests` holds it to that on every shared
//! file, their cuts and generated YAML). It parses about four times faster.

use super::build::{Built, plain_or_null};
use super::{Entry, Kind, Limits, Node, Style};
use crate::source::{SourceId, Span};

/// Builds the tree of `text` when it stays inside the subset.
pub(super) fn build(text: &str, source: SourceId, limits: &Limits) -> Option<Built> {
    #[cfg(test)]
    if tests_hook::PANIC.get() {
        panic!("injected panic in the fast path");
    }
    if !plain_characters(text.as_bytes()) {
        return None;
    }
    let mut p = Parser {
        t: text.as_bytes(),
        text,
        pos: 0,
        source,
        limits,
        nodes: 0,
        depth: 0,
        spare: Scratch::default(),
    };
    p.skip_blank_or(true)?;
    let indent = p.indent();
    let root = if p.entry_at(p.pos + indent) {
        p.pos += indent;
        p.block_seq(indent, false)?
    } else {
        p.pos += indent;
        p.block_map(indent)?
    };
    (p.pos == p.t.len()).then_some(Built {
        root,
        extra: None,
        notes: Vec::new(),
    })
}

/// True when `t` has no byte the subset leaves to granit-parser: tabs, carriage returns,
/// other controls, and the Unicode characters YAML treats as breaks, byte-order marks or
/// non-printable.
fn plain_characters(t: &[u8]) -> bool {
    let mut i = 0;
    while i < t.len() {
        // Blocks of printable ASCII and line feeds are checked many bytes at a time; only a
        // block with anything else is looked at byte by byte (each byte's check stands alone,
        // so a character across two blocks needs nothing special).
        let end = (i + 32).min(t.len());
        let ascii = t[i..end].iter().fold(true, |ok, &b| {
            ok & ((0x20..0x7f).contains(&b) | (b == b'\n'))
        });
        if !ascii && !plain_bytes(t, i, end) {
            return false;
        }
        i = end;
    }
    true
}

/// [`plain_characters`] for the bytes `from..to` of `t`, one at a time.
fn plain_bytes(t: &[u8], from: usize, to: usize) -> bool {
    let mut i = from;
    while i < to {
        let b = t[i];
        if b >= 0x80 {
            let bad = match b {
                0xC2 => t.get(i + 1).is_some_and(|&c| c < 0xA0),
                0xE2 => t.get(i + 1) == Some(&0x80) && matches!(t.get(i + 2), Some(0xA8 | 0xA9)),
                0xEF => {
                    matches!((t.get(i + 1), t.get(i + 2)), (Some(0xBB), Some(0xBF)))
                        || matches!(
                            (t.get(i + 1), t.get(i + 2)),
                            (Some(0xBF), Some(0xBE | 0xBF))
                        )
                }
                _ => false,
            };
            if bad {
                return false;
            }
        } else if (b < 0x20 && b != b'\n') || b == 0x7F {
            return false;
        }
        i += 1;
    }
    true
}

/// The bytes at which a plain scalar may end, depending on what follows or precedes them
/// (a line break, a space, `#`, `:` and the flow indicators); every other byte is part of it.
const PLAIN_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let stops = b"\n #:,[]{}";
    let mut k = 0;
    while k < stops.len() {
        t[stops[k] as usize] = true;
        k += 1;
    }
    t
};

struct Parser<'t, 'l> {
    t: &'t [u8],
    text: &'t str,
    /// Where parsing is; between entries, the start of the next content line (or the end).
    pos: usize,
    source: SourceId,
    limits: &'l Limits,
    nodes: usize,
    depth: usize,
    /// Lists being filled, one per open collection, reused: each finished collection is
    /// copied into a list of exactly its length (growing by doubling left a quarter to half of
    /// a large config's tree unused).
    spare: Scratch,
}

/// Reusable lists for collections being parsed.
#[derive(Default)]
struct Scratch {
    entries: Vec<Vec<Entry>>,
    items: Vec<Vec<Node>>,
}

/// The elements of `list` in a list of exactly their number; `list` is emptied for reuse.
fn exact<T>(list: &mut Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(list.len());
    out.append(list);
    out
}

/// Who a value belongs to: a mapping key (the `:` at) or a sequence entry.
#[derive(Clone, Copy)]
enum Owner {
    Key { colon: usize },
    Item,
}

impl Parser<'_, '_> {
    fn at(&self, i: usize) -> u8 {
        self.t.get(i).copied().unwrap_or(b'\n')
    }

    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.source, range)
    }

    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= self.limits.max_nodes).then_some(())
    }

    fn enter(&mut self) -> Option<()> {
        self.count()?;
        self.depth += 1;
        (self.depth <= self.limits.max_depth).then_some(())
    }

    /// Spaces at `self.pos` (a line start).
    fn indent(&self) -> usize {
        self.t[self.pos..]
            .iter()
            .take_while(|&&b| b == b' ')
            .count()
    }

    /// True when a block sequence entry indicator (`-` then space or line end) is at `i`.
    fn entry_at(&self, i: usize) -> bool {
        self.at(i) == b'-' && matches!(self.at(i + 1), b' ' | b'\n')
    }

    /// Moves from a line start past blank and comment lines; gives up at document markers.
    fn skip_blank(&mut self) -> Option<()> {
        self.skip_blank_or(false)
    }

    /// [`Self::skip_blank`], also past a bare `---` when `start` (the document's start).
    fn skip_blank_or(&mut self, mut start: bool) -> Option<()> {
        while self.pos < self.t.len() {
            let i = self.indent();
            match self.at(self.pos + i) {
                b'\n' => self.pos += i + 1,
                b'#' => self.pos = self.line_end(self.pos + i) + 1,
                _ => {
                    let line = &self.t[self.pos..];
                    let marker = (line.starts_with(b"---") || line.starts_with(b"..."))
                        && matches!(self.at(self.pos + 3), b' ' | b'\n');
                    if marker && start && self.t[self.pos] == b'-' {
                        self.pos = self.rest_of_line(self.pos + 3)? + 1;
                        start = false;
                        continue;
                    }
                    return (!marker).then_some(());
                }
            }
        }
        self.pos = self.t.len();
        Some(())
    }

    fn line_end(&self, from: usize) -> usize {
        self.t[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.t.len(), |i| from + i)
    }

    /// After a token at `i`: spaces, an optional comment, the line end. Returns the position
    /// of the line break (or the end).
    fn rest_of_line(&self, mut i: usize) -> Option<usize> {
        let start = i;
        while self.at(i) == b' ' {
            i += 1;
        }
        match self.at(i) {
            b'\n' => Some(i.min(self.t.len())),
            b'#' if i > start => Some(self.line_end(i)),
            _ => None,
        }
    }

    /// Moves to the next content line after the line break at `eol`.
    fn next_line(&mut self, eol: usize) -> Option<()> {
        self.pos = (eol + 1).min(self.t.len());
        self.skip_blank()
    }

    /// The indentation of the content line at `self.pos`, `None` at the end.
    fn next_indent(&self) -> Option<usize> {
        (self.pos < self.t.len()).then(|| self.indent())
    }

    fn block_map(&mut self, indent: usize) -> Option<Node> {
        self.enter()?;
        let mut entries = self.spare.entries.pop().unwrap_or_default();
        loop {
            let (key, colon) = self.key()?;
            let value = self.value(indent, Owner::Key { colon }, colon + 1)?;
            entries.push(Entry { key, value });
            match self.next_indent() {
                Some(n) if n == indent && !self.entry_at(self.pos + n) => self.pos += n,
                Some(n) if n >= indent => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        let span = entries[0].key.span;
        let kind = Kind::Map(exact(&mut entries));
        self.spare.entries.push(entries);
        Some(Node { span, kind })
    }

    /// A block sequence whose first `-` is at `self.pos`, column `indent`; `indentless` when
    /// it is a mapping value at the mapping's own indentation.
    fn block_seq(&mut self, indent: usize, indentless: bool) -> Option<Node> {
        self.enter()?;
        let first = self.pos;
        let mut items = self.spare.items.pop().unwrap_or_default();
        loop {
            let after = self.pos + 1;
            items.push(self.value(indent, Owner::Item, after)?);
            match self.next_indent() {
                Some(n) if n == indent && self.entry_at(self.pos + n) => self.pos += n,
                Some(n) if n > indent => return None,
                Some(n) if n == indent && !indentless => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        let at = if indentless {
            self.skip_spaces(first + 1)
        } else {
            first
        };
        let kind = Kind::Seq(exact(&mut items));
        self.spare.items.push(items);
        Some(Node {
            span: self.span(at..at),
            kind,
        })
    }

    /// Past spaces and a comment from `i`: where granit-parser places an indentless
    /// sequence.
    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i) == b' ' && i < self.t.len() {
            i += 1;
        }
        if self.at(i) == b'#' && i > 0 && self.t[i - 1] == b' ' {
            return self.line_end(i);
        }
        i.min(self.t.len())
    }

    /// A block mapping key at `self.pos` and the position of its `:`.
    fn key(&mut self) -> Option<(Node, usize)> {
        let start = self.pos;
        let (node, end) = match self.at(start) {
            b'\'' | b'"' => self.quoted(start)?,
            _ => {
                let end = self.plain_end(start, false)?;
                (self.plain(start, end)?, end)
            }
        };
        let mut i = end;
        while self.at(i) == b' ' {
            i += 1;
        }
        let colon = self.at(i) == b':' && matches!(self.at(i + 1), b' ' | b'\n');
        (colon && !is_merge(&node) && end - start <= 1024).then_some((node, i))
    }

    /// The value after an indicator (`:` of a key, `-` of an entry) ending at `after`, for a
    /// collection at column `indent`. Leaves `self.pos` at the next content line.
    fn value(&mut self, indent: usize, owner: Owner, after: usize) -> Option<Node> {
        let mut i = after;
        while self.at(i) == b' ' && i < self.t.len() {
            i += 1;
        }
        let c = self.at(i);
        if i >= self.t.len() || c == b'\n' || (c == b'#' && i > after) {
            let eol = self.line_end(i);
            self.next_line(eol)?;
            return self.below(indent, owner, eol);
        }
        let col = i - self.line_start(i);
        let node = match c {
            b'-' if self.entry_at(i) => {
                return match owner {
                    Owner::Item => {
                        self.pos = i;
                        self.block_seq(col, false)
                    }
                    Owner::Key { .. } => None,
                };
            }
            b'|' | b'>' => return self.block_scalar(indent, i),
            b'[' | b'{' => {
                self.enter()?;
                let (node, end) = self.flow(i)?;
                self.depth -= 1;
                let eol = self.rest_of_line(end)?;
                self.next_line(eol)?;
                node
            }
            _ => {
                let (node, end) = match c {
                    b'\'' | b'"' => self.quoted(i)?,
                    _ => {
                        let end = self.plain_end(i, false)?;
                        (self.plain(i, end)?, end)
                    }
                };
                let mut j = end;
                while self.at(j) == b' ' && j < self.t.len() {
                    j += 1;
                }
                if self.at(j) == b':' && matches!(self.at(j + 1), b' ' | b'\n') {
                    // `- key: value`: a mapping starting on the entry's line.
                    return match owner {
                        Owner::Item => {
                            // The key is parsed again, and counted again, as the mapping's.
                            self.nodes -= 1;
                            self.pos = i;
                            self.block_map(col)
                        }
                        Owner::Key { .. } => None,
                    };
                }
                let eol = self.rest_of_line(end)?;
                self.next_line(eol)?;
                node
            }
        };
        match self.next_indent() {
            Some(n) if n > indent => None,
            _ => Some(node),
        }
    }

    fn line_start(&self, i: usize) -> usize {
        self.t[..i]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
    }

    /// A value that starts on the line after its indicator (or is empty); `eol` ends the
    /// indicator's line.
    fn below(&mut self, indent: usize, owner: Owner, eol: usize) -> Option<Node> {
        let next = self.next_indent();
        let entry = next.is_some_and(|n| self.entry_at(self.pos + n));
        match (next, owner) {
            (Some(n), _) if n > indent => {
                self.pos += n;
                if entry {
                    self.block_seq(n, false)
                } else {
                    self.block_map(n)
                }
            }
            (Some(n), Owner::Key { .. }) if n == indent && entry => {
                self.pos += n;
                self.block_seq(n, true)
            }
            (_, Owner::Key { colon }) => {
                self.count()?;
                Some(Node {
                    span: self.span(colon..colon),
                    kind: Kind::Null,
                })
            }
            (_, Owner::Item) => {
                self.count()?;
                Some(Node {
                    span: self.span(eol..eol),
                    kind: Kind::Null,
                })
            }
        }
    }

    /// Where a plain scalar starting at `i` ends (trailing spaces excluded); see
    /// [`PLAIN_STOP`].
    fn plain_end(&self, i: usize, flow: bool) -> Option<usize> {
        let c = self.at(i);
        let starts = match c {
            b'-' => !matches!(
                self.at(i + 1),
                b' ' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
            ),
            b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
            | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' => false,
            _ => true,
        };
        if !starts || i >= self.t.len() {
            return None;
        }
        let mut end = i;
        let mut j = i;
        while j < self.t.len() {
            if !PLAIN_STOP[usize::from(self.t[j])] {
                // A run of bytes that never end a plain scalar: skip it in a tight loop.
                j += 1;
                while j < self.t.len() && !PLAIN_STOP[usize::from(self.t[j])] {
                    j += 1;
                }
                end = j;
                continue;
            }
            match self.t[j] {
                b'\n' => break,
                b' ' => {}
                b'#' if self.t[j - 1] == b' ' => break,
                b':' if matches!(self.at(j + 1), b' ' | b'\n')
                    || (flow && matches!(self.at(j + 1), b',' | b'[' | b']' | b'{' | b'}')) =>
                {
                    break;
                }
                b',' | b'[' | b']' | b'{' | b'}' if flow => break,
                _ => end = j + 1,
            }
            j += 1;
        }
        Some(end)
    }

    fn plain(&mut self, start: usize, end: usize) -> Option<Node> {
        self.count()?;
        let span = self.span(start..end);
        Some(plain_or_null(
            self.text[start..end].to_string(),
            Style::Plain,
            span,
        ))
    }

    /// A quoted scalar opening at `i`, closed on the same line; returns it and its end.
    fn quoted(&mut self, i: usize) -> Option<(Node, usize)> {
        self.count()?;
        let q = self.t[i];
        let mut value = String::new();
        let mut j = i + 1;
        let mut run = j;
        loop {
            let c = *self.t.get(j)?;
            match c {
                b'\n' => return None,
                b'\'' if q == b'\'' => {
                    value.push_str(&self.text[run..j]);
                    if self.at(j + 1) == b'\'' && j + 1 < self.t.len() {
                        value.push('\'');
                        j += 2;
                        run = j;
                        continue;
                    }
                    break;
                }
                b'"' if q == b'"' => {
                    value.push_str(&self.text[run..j]);
                    break;
                }
                b'\\' if q == b'"' => {
                    value.push_str(&self.text[run..j]);
                    j = self.escape(j + 1, &mut value)?;
                    run = j;
                    continue;
                }
                _ => {}
            }
            j += 1;
        }
        let end = j + 1;
        let style = if q == b'\'' {
            Style::SingleQuoted
        } else {
            Style::DoubleQuoted
        };
        let span = self.span(i..end);
        Some((plain_or_null(value, style, span), end))
    }

    /// Decodes the escape whose letter is at `i`; returns the position after it.
    fn escape(&self, i: usize, out: &mut String) -> Option<usize> {
        let simple = match self.at(i) {
            b'0' => '\0',
            b'a' => '\x07',
            b'b' => '\x08',
            b't' => '\t',
            b'n' => '\n',
            b'v' => '\x0B',
            b'f' => '\x0C',
            b'r' => '\r',
            b'e' => '\x1B',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{A0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            b'x' => return self.hex(i + 1, 2, out),
            b'u' => return self.hex(i + 1, 4, out),
            b'U' => return self.hex(i + 1, 8, out),
            _ => return None,
        };
        out.push(simple);
        Some(i + 1)
    }

    fn hex(&self, i: usize, digits: usize, out: &mut String) -> Option<usize> {
        let s = self.text.get(i..i + digits)?;
        if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        out.push(char::from_u32(u32::from_str_radix(s, 16).ok()?)?);
        Some(i + digits)
    }

    /// A one-line flow collection opening at `i`; returns it and its end.
    fn flow(&mut self, i: usize) -> Option<(Node, usize)> {
        let seq = self.t[i] == b'[';
        let close = if seq { b']' } else { b'}' };
        let mut items = self.spare.items.pop().unwrap_or_default();
        let mut entries = self.spare.entries.pop().unwrap_or_default();
        let mut j = i + 1;
        loop {
            j = self.flow_space(j)?;
            if self.at(j) == close {
                break;
            }
            let (node, end) = self.flow_node(j)?;
            j = self.flow_space(end)?;
            if seq {
                items.push(node);
            } else {
                if self.at(j) != b':'
                    || is_merge(&node)
                    || !matches!(node.kind, Kind::Scalar(_) | Kind::Null)
                {
                    return None;
                }
                let colon = j;
                j = self.flow_space(j + 1)?;
                let value = if matches!(self.at(j), b',' | b'}') {
                    self.count()?;
                    Node {
                        span: self.span(colon..colon),
                        kind: Kind::Null,
                    }
                } else {
                    let (value, end) = self.flow_node(j)?;
                    j = self.flow_space(end)?;
                    value
                };
                entries.push(Entry { key: node, value });
            }
            match self.at(j) {
                b',' => j += 1,
                c if c == close => break,
                _ => return None,
            }
        }
        let span = self.span(i..i + 1);
        let kind = if seq {
            Kind::Seq(exact(&mut items))
        } else {
            Kind::Map(exact(&mut entries))
        };
        self.spare.items.push(items);
        self.spare.entries.push(entries);
        Some((Node { span, kind }, j + 1))
    }

    fn flow_space(&self, mut j: usize) -> Option<usize> {
        while self.at(j) == b' ' && j < self.t.len() {
            j += 1;
        }
        (j < self.t.len() && self.at(j) != b'\n' && self.at(j) != b'#').then_some(j)
    }

    fn flow_node(&mut self, j: usize) -> Option<(Node, usize)> {
        match self.at(j) {
            b'[' | b'{' => {
                self.enter()?;
                let r = self.flow(j);
                self.depth -= 1;
                r
            }
            b'\'' | b'"' => self.quoted(j),
            _ => {
                let end = self.plain_end(j, true)?;
                Some((self.plain(j, end)?, end))
            }
        }
    }

    /// A literal or folded block scalar whose indicator is at `i`, for a collection at column
    /// `indent` (folding as libyaml and granit-parser do).
    fn block_scalar(&mut self, indent: usize, i: usize) -> Option<Node> {
        self.count()?;
        let folded = self.t[i] == b'>';
        let (chomp, header_end) = match self.at(i + 1) {
            b'-' | b'+' => (self.t[i + 1], i + 2),
            _ => (b' ', i + 1),
        };
        let eol = self.rest_of_line(header_end)?;
        let mut line = eol + 1;
        let mut empties = 0;
        let mut widest = 0;
        let n = loop {
            if line >= self.t.len() {
                return None;
            }
            let spaces = self.t[line..].iter().take_while(|&&b| b == b' ').count();
            if self.at(line + spaces) != b'\n' {
                break spaces;
            }
            widest = widest.max(spaces);
            empties += 1;
            line += spaces + 1;
        };
        if n <= indent || widest > n {
            return None;
        }
        let start = line + n;
        let mut value = String::new();
        let (mut pending_break, mut prev_blank) = (false, false);
        let end = loop {
            if line >= self.t.len() {
                break self.t.len();
            }
            let spaces = self.t[line..].iter().take_while(|&&b| b == b' ').count();
            let eol = self.line_end(line);
            let blank = line + spaces == eol;
            if !blank && spaces < n {
                break line + spaces;
            }
            if eol == self.t.len() {
                return None;
            }
            if blank && spaces <= n {
                empties += 1;
            } else {
                let text = &self.text[line + n..eol];
                let more = text.starts_with(' ');
                if folded && pending_break && !prev_blank && !more {
                    if empties == 0 {
                        value.push(' ');
                    }
                } else if pending_break {
                    value.push('\n');
                }
                value.extend(std::iter::repeat_n('\n', empties));
                empties = 0;
                prev_blank = more;
                value.push_str(text);
                pending_break = true;
            }
            line = eol + 1;
        };
        if chomp != b'-' && pending_break {
            value.push('\n');
        }
        if chomp == b'+' {
            value.extend(std::iter::repeat_n('\n', empties));
        }
        self.pos = if end == self.t.len() {
            end
        } else {
            self.line_start(end)
        };
        self.skip_blank()?;
        if self.next_indent().is_some_and(|m| m > indent) {
            return None;
        }
        let span = self.span(start..end);
        Some(Node {
            span,
            kind: Kind::Scalar(super::Scalar {
                value: value.into(),
                style: if folded {
                    Style::Folded
                } else {
                    Style::Literal
                },
                origin: span,
                tagged: false,
            }),
        })
    }
}

/// A plain `<<` key, which merges mappings: left to granit-parser.
fn is_merge(key: &Node) -> bool {
    key.as_scalar().is_some_and(|s| s.is_plain()) && key.as_str() == Some("<<")
}

/// Lets tests make the fast path panic, to show that loading falls back.
#[cfg(test)]
pub(super) mod tests_hook {
    thread_local! {
        /// Set: the next `build` on this thread panics.
        pub static PANIC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn blocks_find_what_bytes_find(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "key: value", "\n", " ", "\t", "\r", "\u{7f}", "\u{1}", "é", "€", "😀",
                    "\u{85}", "\u{a0}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{fffe}", "\u{ffff}",
                    "0123456789abcdef0123456789abcdef",
                ]),
                0..40,
            )
        ) {
            let text = parts.concat();
            let t = text.as_bytes();
            proptest::prop_assert_eq!(plain_characters(t), plain_bytes(t, 0, t.len()));
        }
    }

    #[test]
    fn a_bad_character_is_found_wherever_it_is() {
        for bad in [
            "\t", "\r", "\u{7f}", "\u{85}", "\u{2028}", "\u{feff}", "\u{ffff}",
        ] {
            for at in 0..70 {
                let text = format!("{}{bad}{}", "k".repeat(at), "v".repeat(70 - at));
                assert!(!plain_characters(text.as_bytes()), "{bad:?} at {at}");
            }
        }
        assert!(plain_characters("k: é€😀\u{a0}\n".repeat(9).as_bytes()));
    }
}
