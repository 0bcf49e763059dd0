//! Maps positions inside a scalar's decoded value back to byte offsets in the YAML source.
//!
//! A Go template written as a YAML scalar is parsed from the *decoded* value, but errors must
//! point into the file. Each style is re-decoded here while recording, for every decoded byte,
//! where it came from; the result is checked against the parser's value, so a mapping is only
//! ever exact or absent.

use super::{Scalar, Style};

/// Source byte offsets for every byte of `scalar.value` plus one past the end, or `None` when
/// the raw text cannot be aligned with the value (callers then point at the scalar's start).
pub fn scalar_offsets(src: &str, scalar: &Scalar) -> Option<Vec<u32>> {
    let start = scalar.origin.start as usize;
    let end = (scalar.origin.end as usize).min(src.len());
    if start > end || !src.is_char_boundary(start) || !src.is_char_boundary(end) {
        return None;
    }
    let mut out = Decoded::default();
    match scalar.style {
        Style::Plain => fold_flow(src, start, end, &mut out, None),
        Style::SingleQuoted => {
            let (s, e) = strip_quotes(src, start, end, '\'')?;
            fold_flow(src, s, e, &mut out, Some('\''));
        }
        Style::DoubleQuoted => {
            let (s, e) = strip_quotes(src, start, end, '"')?;
            fold_flow(src, s, e, &mut out, Some('"'));
        }
        Style::Literal => return block(src, start, end, &scalar.value, false),
        Style::Folded => return block(src, start, end, &scalar.value, true),
    }
    out.finish(&scalar.value, end)
}

#[derive(Default)]
struct Decoded {
    text: String,
    offsets: Vec<u32>,
}

impl Decoded {
    fn push(&mut self, c: char, at: usize) {
        for _ in 0..c.len_utf8() {
            self.offsets.push(at as u32);
        }
        self.text.push(c);
    }

    /// Pushes a character copied verbatim from the source, mapping each of its bytes.
    fn copy(&mut self, c: char, at: usize) {
        for k in 0..c.len_utf8() {
            self.offsets.push((at + k) as u32);
        }
        self.text.push(c);
    }

    fn finish(mut self, value: &str, end: usize) -> Option<Vec<u32>> {
        if self.text != value {
            return None;
        }
        self.offsets.push(end as u32);
        Some(self.offsets)
    }
}

fn strip_quotes(src: &str, start: usize, end: usize, q: char) -> Option<(usize, usize)> {
    let raw = &src[start..end];
    if raw.len() >= 2 && raw.starts_with(q) && raw.ends_with(q) {
        Some((start + 1, end - 1))
    } else {
        None
    }
}

/// Decodes a flow scalar (plain, single- or double-quoted) with YAML line folding.
fn fold_flow(src: &str, start: usize, end: usize, out: &mut Decoded, quote: Option<char>) {
    let raw = &src[start..end];
    let mut chars = raw.char_indices().peekable();
    // Whitespace seen but not yet emitted: (char, offset). Trailing whitespace before a line
    // break is dropped; otherwise it is emitted when the next non-space arrives.
    let mut pending: Vec<(char, usize)> = Vec::new();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        match c {
            ' ' | '\t' => pending.push((c, at)),
            '\r' | '\n' => {
                // A line break inside a flow scalar: count consecutive breaks, skip indentation.
                pending.clear();
                let mut breaks = if c == '\n' { 1 } else { 0 };
                let first_break = at;
                while let Some(&(_, n)) = chars.peek() {
                    match n {
                        '\n' => {
                            breaks += 1;
                            chars.next();
                        }
                        ' ' | '\t' | '\r' => {
                            chars.next();
                        }
                        _ => break,
                    }
                }
                if c == '\r' && breaks == 0 {
                    breaks = 1;
                }
                if breaks <= 1 {
                    out.push(' ', first_break);
                } else {
                    for _ in 1..breaks {
                        out.push('\n', first_break);
                    }
                }
            }
            '\'' if quote == Some('\'') => {
                flush(&mut pending, out);
                // `''` is an escaped quote.
                if let Some(&(_, '\'')) = chars.peek() {
                    chars.next();
                }
                out.push('\'', at);
            }
            '\\' if quote == Some('"') => {
                flush(&mut pending, out);
                let Some((_, e)) = chars.next() else {
                    return;
                };
                let simple = match e {
                    '0' => Some('\0'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    't' | '\t' => Some('\t'),
                    'n' => Some('\n'),
                    'v' => Some('\u{b}'),
                    'f' => Some('\u{c}'),
                    'r' => Some('\r'),
                    'e' => Some('\u{1b}'),
                    ' ' => Some(' '),
                    '"' => Some('"'),
                    '/' => Some('/'),
                    '\\' => Some('\\'),
                    'N' => Some('\u{85}'),
                    '_' => Some('\u{a0}'),
                    'L' => Some('\u{2028}'),
                    'P' => Some('\u{2029}'),
                    _ => None,
                };
                if let Some(ch) = simple {
                    out.push(ch, at);
                    continue;
                }
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    '\n' | '\r' => {
                        // Escaped line break: join lines, dropping the next line's indentation.
                        while let Some(&(_, n)) = chars.peek() {
                            if n == ' ' || n == '\t' || n == '\n' || n == '\r' {
                                chars.next();
                            } else {
                                break;
                            }
                        }
                        continue;
                    }
                    _ => return,
                };
                let mut code = 0u32;
                for _ in 0..digits {
                    match chars.next().and_then(|(_, d)| d.to_digit(16)) {
                        Some(d) => code = code * 16 + d,
                        None => return,
                    }
                }
                match char::from_u32(code) {
                    Some(ch) => out.push(ch, at),
                    None => return,
                }
            }
            _ => {
                flush(&mut pending, out);
                out.copy(c, at);
            }
        }
    }
    // Whitespace at the very end of a quoted scalar is content; of a plain scalar it is not.
    if quote.is_some() {
        flush(&mut pending, out);
    }
}

fn flush(pending: &mut Vec<(char, usize)>, out: &mut Decoded) {
    for (c, at) in pending.drain(..) {
        out.copy(c, at);
    }
}

/// Block scalars: every content line loses the block's indentation; folded (`>`) blocks also
/// join lines as YAML's line folding does.
fn block(src: &str, start: usize, end: usize, value: &str, folded: bool) -> Option<Vec<u32>> {
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = start - line_start;
    if !src[line_start..start].bytes().all(|b| b == b' ') {
        return None;
    }
    // Content lines: (offset of the text after indentation, text, offset of the line break).
    let mut lines: Vec<(usize, &str, usize)> = Vec::new();
    let mut pos = start;
    let mut first = true;
    while pos < end.max(start + 1) && pos <= src.len() {
        if !first {
            let mut k = 0;
            while k < indent && src.as_bytes().get(pos) == Some(&b' ') {
                pos += 1;
                k += 1;
            }
            // A less-indented line with content ends the block.
            let blank = src[pos.min(src.len())..].starts_with(['\n', '\r']) || pos >= src.len();
            if k < indent && !blank {
                break;
            }
        }
        first = false;
        let line_end = src[pos.min(src.len())..]
            .find('\n')
            .map_or(src.len(), |i| pos + i);
        lines.push((pos, &src[pos.min(line_end)..line_end], line_end));
        if line_end >= src.len() {
            break;
        }
        pos = line_end + 1;
    }
    // Leading blank lines of the value lie before the span; point them at its start.
    let lead = value.len() - value.trim_start_matches('\n').len();
    let mut out = Decoded::default();
    for _ in 0..lead {
        out.push('\n', start);
    }
    let mut breaks: Vec<usize> = Vec::new();
    let mut prev_more = false;
    let mut seen_text = false;
    for (at, text, brk) in lines {
        if text.is_empty() {
            breaks.push(brk);
            continue;
        }
        let more = text.starts_with([' ', '\t']);
        if seen_text {
            let (first_brk, rest) = breaks
                .split_first()
                .map_or((None, &[][..]), |(f, r)| (Some(*f), r));
            let prev_brk = first_brk.unwrap_or(at.saturating_sub(1));
            if !folded || prev_more || more {
                out.push('\n', prev_brk);
                for b in rest {
                    out.push('\n', *b);
                }
            } else if rest.is_empty() {
                out.push(' ', prev_brk);
            } else {
                for b in rest {
                    out.push('\n', *b);
                }
            }
        }
        breaks = vec![brk];
        for (i, c) in text.char_indices() {
            out.copy(c, at + i);
        }
        prev_more = more;
        seen_text = true;
    }
    // Chomping: the value ends with none, one or all of the trailing line breaks.
    let trailing = value.len() - value.trim_end_matches('\n').len();
    let body_len = value.len() - trailing;
    if out.text.len() < body_len {
        // A break between the last two lines was folded into a space that is really "\n"
        // (or the other way round): give up rather than guess.
        if !value.starts_with(out.text.as_str()) {
            return None;
        }
    }
    for b in breaks.iter().take(trailing) {
        out.push('\n', *b);
    }
    while out.text.len() < value.len() {
        out.push('\n', end);
    }
    if out.text != value {
        return None;
    }
    let last = out.offsets.last().map_or(start, |&o| o as usize + 1);
    out.offsets.push(last.min(src.len()) as u32);
    Some(out.offsets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceId, Span};

    fn scalar(_src: &str, value: &str, style: Style, range: std::ops::Range<usize>) -> Scalar {
        Scalar {
            value: value.into(),
            style,
            origin: Span::new(SourceId(0), range),
            tagged: false,
        }
    }

    fn at(src: &str, offsets: &[u32], value: &str, needle: &str) -> String {
        let i = value.find(needle).unwrap();
        src[offsets[i] as usize..]
            .chars()
            .take(needle.chars().count())
            .collect()
    }

    #[test]
    fn plain_multiline_folds() {
        let src = "k: foo {{ x\n  bar }}\n";
        let s = scalar(src, "foo {{ x bar }}", Style::Plain, 3..20);
        let o = scalar_offsets(src, &s).unwrap();
        assert_eq!(at(src, &o, &s.value, "bar"), "bar");
    }

    #[test]
    fn double_quoted_escapes() {
        let src = r#"k: "a\tb \u00e9 {{ .X }}""#;
        let s = scalar(src, "a\tb é {{ .X }}", Style::DoubleQuoted, 3..src.len());
        let o = scalar_offsets(src, &s).unwrap();
        assert_eq!(at(src, &o, &s.value, "{{ .X"), "{{ .X");
        assert_eq!(&src[o[1] as usize..o[1] as usize + 2], "\\t");
    }

    #[test]
    fn single_quoted_doubles_quotes() {
        let src = "k: 'it''s {{ y }}'";
        let s = scalar(src, "it's {{ y }}", Style::SingleQuoted, 3..src.len());
        let o = scalar_offsets(src, &s).unwrap();
        assert_eq!(at(src, &o, &s.value, "{{ y"), "{{ y");
    }

    #[test]
    fn literal_block_strips_indentation() {
        let src = "k: |\n  one\n  two {{ z }}\nnext: 1\n";
        let start = src.find("one").unwrap();
        let end = src.find("next").unwrap();
        let s = scalar(src, "one\ntwo {{ z }}\n", Style::Literal, start..end);
        let o = scalar_offsets(src, &s).unwrap();
        assert_eq!(at(src, &o, &s.value, "{{ z"), "{{ z");
        assert_eq!(o.len(), s.value.len() + 1);
    }

    #[test]
    fn folded_block_joins_lines() {
        let src = "k: >-\n  one\n  two {{ z }}\n\n  three\nnext: 1\n";
        let start = src.find("one").unwrap();
        let end = src.find("next").unwrap();
        let s = scalar(src, "one two {{ z }}\nthree", Style::Folded, start..end);
        let o = scalar_offsets(src, &s).unwrap();
        assert_eq!(at(src, &o, &s.value, "{{ z"), "{{ z");
        assert_eq!(at(src, &o, &s.value, "three"), "three");
    }

    #[test]
    fn mismatch_gives_none() {
        let src = "k: abc";
        let s = scalar(src, "xyz", Style::Plain, 3..6);
        assert!(scalar_offsets(src, &s).is_none());
    }
}
