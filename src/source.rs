//! Source texts, byte spans into them, and line/column lookup.
//!
//! Every diagnostic points at a [`Span`]: a byte range in one [`Source`]. A source can be
//! *embedded* in another one (the inner config of an AMP definition lives inside a YAML block
//! scalar); its spans are translated back to the outer file before anything is rendered, so
//! users always see positions in the file they wrote.

use std::ops::Range;

/// Index of a [`Source`] inside a [`Sources`] registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SourceId(pub u32);

/// A byte range in one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The source the range belongs to.
    pub source: SourceId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from a byte range.
    pub fn new(source: SourceId, range: Range<usize>) -> Self {
        Span {
            source,
            start: clamp_u32(range.start),
            end: clamp_u32(range.end.max(range.start)),
        }
    }

    /// An empty span at the start of a source.
    pub fn start_of(source: SourceId) -> Self {
        Span {
            source,
            start: 0,
            end: 0,
        }
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both (same source assumed; otherwise `self`).
    pub fn to(&self, other: Span) -> Span {
        if self.source != other.source {
            return *self;
        }
        Span {
            source: self.source,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

fn clamp_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Where an embedded source sits inside its parent.
#[derive(Debug, Clone)]
pub struct Embedding {
    /// The parent source.
    pub parent: SourceId,
    /// For each byte of the embedded text (and one past the end), the parent byte offset.
    pub offsets: Vec<u32>,
}

/// One text the tool read: a config file, stdin, a template file, or an embedded config.
#[derive(Debug, Clone)]
pub struct Source {
    /// Name shown to users (the path as given, or `<stdin>`).
    pub name: String,
    /// The text (always valid UTF-8; invalid input never becomes a source).
    pub text: String,
    line_starts: Vec<u32>,
    /// Byte ranges holding secret values; renderers that print source lines mask them.
    pub secrets: Vec<Range<usize>>,
    /// Set when this text was cut out of another source.
    pub embedding: Option<Embedding>,
}

impl Source {
    /// A new top-level source.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        Source {
            name: name.into(),
            text,
            line_starts,
            secrets: Vec::new(),
            embedding: None,
        }
    }

    /// Line and column of a byte offset (clamped to the text and to char boundaries).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&clamp_u32(offset)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The text with every secret range replaced by `*` (byte offsets are preserved).
    pub fn redacted_text(&self) -> String {
        self.redacted_slice(0..self.text.len())
    }

    /// The byte range of whole lines `first..=last` (0-based, clamped).
    pub fn lines(&self, first: usize, last: usize) -> Range<usize> {
        let n = self.line_starts.len();
        let start = self.line_starts[first.min(n - 1)] as usize;
        let end = self
            .line_starts
            .get(last.saturating_add(1))
            .map_or(self.text.len(), |&e| e as usize);
        start..end.max(start)
    }

    /// `range` of the text (on character boundaries) with secrets replaced by `*`.
    pub fn redacted_slice(&self, range: Range<usize>) -> String {
        let (start, end) = self.widen(range);
        let mut bytes = self.text.as_bytes()[start..end].to_vec();
        for r in &self.secrets {
            if r.end <= start || r.start >= end {
                continue;
            }
            // Whole characters are replaced, so the result stays valid UTF-8 with every byte
            // offset unchanged.
            let (rs, re) = self.widen(r.clone());
            let (a, z) = (rs.max(start) - start, re.min(end) - start);
            for b in &mut bytes[a..z] {
                if *b != b'\n' {
                    *b = b'*';
                }
            }
        }
        String::from_utf8(bytes).unwrap_or_default()
    }
}

impl Source {
    /// `range` clamped to the text and widened to character boundaries.
    fn widen(&self, range: Range<usize>) -> (usize, usize) {
        let text = &self.text;
        let mut start = range.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = range.end.min(text.len()).max(start);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        (start, end)
    }
}

fn line_starts(text: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| clamp_u32(i + 1)))
        .collect()
}

/// All sources of one input (a config file and what it pulls in).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    items: Vec<Source>,
}

impl Sources {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a source and returns its id.
    pub fn add(&mut self, source: Source) -> SourceId {
        self.items.push(source);
        SourceId(clamp_u32(self.items.len() - 1))
    }

    /// The source with this id.
    ///
    /// # Panics
    /// If the id does not belong to this registry (a programming error).
    pub fn get(&self, id: SourceId) -> &Source {
        &self.items[id.0 as usize]
    }

    /// Mutable access to a source (to record secret ranges).
    pub fn get_mut(&mut self, id: SourceId) -> &mut Source {
        &mut self.items[id.0 as usize]
    }

    /// All sources in registration order.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Source)> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, s)| (SourceId(clamp_u32(i)), s))
    }

    /// Records that `span` holds a secret value, in its own source and every parent.
    pub fn mark_secret(&mut self, span: Span) {
        let mut span = span;
        loop {
            let source = self.get_mut(span.source);
            source.secrets.push(span.range());
            match self.to_parent(span) {
                Some(outer) => span = outer,
                None => break,
            }
        }
    }

    /// Translates a span of an embedded source into its parent (one level).
    pub fn to_parent(&self, span: Span) -> Option<Span> {
        let emb = self.get(span.source).embedding.as_ref()?;
        let at = |o: u32| {
            emb.offsets
                .get(o as usize)
                .or(emb.offsets.last())
                .copied()
                .unwrap_or(0)
        };
        Some(Span {
            source: emb.parent,
            start: at(span.start),
            end: at(span.end),
        })
    }

    /// Translates a span to the outermost source it was cut from.
    pub fn to_root(&self, span: Span) -> Span {
        let mut span = span;
        while let Some(outer) = self.to_parent(span) {
            span = outer;
        }
        span
    }

    /// Line and column of the start of a span, in the outermost source.
    pub fn line_col(&self, span: Span) -> (SourceId, LineCol, LineCol) {
        let root = self.to_root(span);
        let src = self.get(root.source);
        (
            root.source,
            src.line_col(root.start as usize),
            src.line_col(root.end as usize),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let s = Source::new("f", "ab\ncé:x\n");
        assert_eq!(s.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(s.line_col(3), LineCol { line: 2, column: 1 });
        // 'é' is two bytes; ':' is the third character of line 2.
        assert_eq!(s.line_col(6), LineCol { line: 2, column: 3 });
        assert_eq!(s.line_col(100), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn redaction_keeps_offsets_and_newlines() {
        let mut s = Source::new("f", "key: séc\nnext\n");
        s.secrets.push(5..9);
        let r = s.redacted_text();
        assert_eq!(r.len(), s.text.len());
        assert_eq!(r, "key: ****\nnext\n");
    }

    #[test]
    fn embedded_spans_map_to_parent() {
        let mut sources = Sources::new();
        let outer = sources.add(Source::new("outer", "a: |\n  x: 1\n"));
        let mut inner = Source::new("inner", "x: 1\n");
        inner.embedding = Some(Embedding {
            parent: outer,
            offsets: vec![7, 8, 9, 10, 11, 12],
        });
        let inner = sources.add(inner);
        let (id, lc, _) = sources.line_col(Span::new(inner, 3..4));
        assert_eq!(id, outer);
        assert_eq!(lc, LineCol { line: 2, column: 6 });
    }
}
