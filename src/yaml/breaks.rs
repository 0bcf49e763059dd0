//! U+0085 (next line), U+2028 (line separator) and U+2029 (paragraph separator) end a line
//! for libyaml (YAML 1.1), and so for Alertmanager; YAML 1.2 reads them as ordinary
//! characters. Before parsing, each is replaced by spaces and a line feed of the same length,
//! so that the structure is read as Alertmanager reads it and every offset stays the same.
//! Where that would change a value (a line separator in a quoted value, any of them in a
//! block value, which libyaml keeps or re-indents around), the file is refused instead.

use super::{Kind, Node, Style};
use crate::diag::{Code, Diagnostic};
use crate::source::{SourceId, Span};

/// A YAML 1.1 line break that YAML 1.2 does not have: its offset and its byte length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Break {
    at: usize,
    len: usize,
}

/// The YAML 1.1-only line breaks in `text` (none, without a scan, in ASCII text).
pub(super) fn find(text: &str) -> Vec<Break> {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xC2, 0xE2, b)
        .filter_map(|at| {
            let len = match (b[at], b.get(at + 1), b.get(at + 2)) {
                (0xC2, Some(0x85), _) => 2,
                (0xE2, Some(0x80), Some(0xA8 | 0xA9)) => 3,
                _ => return None,
            };
            Some(Break { at, len })
        })
        .collect()
}

/// `text` with each break written as spaces and a line feed of the same length.
pub(super) fn replaced(text: &str, breaks: &[Break]) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut copied = 0;
    for br in breaks {
        out.extend_from_slice(&text.as_bytes()[copied..br.at]);
        out.extend(std::iter::repeat_n(b' ', br.len - 1));
        out.push(b'\n');
        copied = br.at + br.len;
    }
    out.extend_from_slice(&text.as_bytes()[copied..]);
    String::from_utf8(out).expect("whole characters replaced by ASCII")
}

/// An error at the first break whose replacement changed a value in `root` (`text` is the
/// original text of `source`).
pub(super) fn in_a_value(
    root: &Node,
    text: &str,
    breaks: &[Break],
    source: SourceId,
) -> Option<Diagnostic> {
    let mut found: Option<Break> = None;
    visit(root, &mut |style, start, end| {
        // `breaks` are in text order: only those from `start` on are looked at.
        let from = breaks.partition_point(|b| b.at < start);
        for br in breaks[from..].iter().take_while(|b| b.at < end) {
            let kept = match style {
                Style::Literal | Style::Folded => true,
                Style::SingleQuoted | Style::DoubleQuoted => br.len == 3,
                Style::Plain => false,
            };
            if kept && found.is_none_or(|f| br.at < f.at) {
                found = Some(*br);
            }
        }
    });
    let br = found?;
    let name = match &text.as_bytes()[br.at..br.at + br.len] {
        [0xC2, 0x85] => "U+0085 (next line)",
        [_, _, 0xA8] => "U+2028 (line separator)",
        _ => "U+2029 (paragraph separator)",
    };
    Some(
        Diagnostic::new(
            Code::Yaml,
            Span::new(source, br.at..br.at + br.len),
            format!("Alertmanager's YAML reader ends a line at this {name}, inside a value"),
        )
        .label("a line break to YAML 1.1, a character to YAML 1.2")
        .help("remove it; Alertmanager and am2amp would read this value differently"),
    )
}

/// `d` (a parse error) with the break before it on its line pointed out, if there is one: an
/// invisible character that Alertmanager, and so this parse, took for a line break.
pub(super) fn point_out(d: Diagnostic, text: &str, breaks: &[Break]) -> Diagnostic {
    let (at, source) = (d.primary.span.start as usize, d.primary.span.source);
    let before = breaks
        .iter()
        .rev()
        .find(|b| b.at < at && !text.as_bytes()[b.at..at].contains(&b'\n'));
    match before {
        Some(b) => d.secondary(
            Span::new(source, b.at..b.at + b.len),
            "an invisible line break to Alertmanager's YAML reader (YAML 1.1)",
        ),
        None => d,
    }
}

fn visit(node: &Node, f: &mut dyn FnMut(Style, usize, usize)) {
    match &node.kind {
        Kind::Scalar(s) => f(s.style, s.origin.start as usize, s.origin.end as usize),
        Kind::Seq(items) => items.iter().for_each(|n| visit(n, f)),
        Kind::Map(entries) => entries.iter().for_each(|e| {
            visit(&e.key, f);
            visit(&e.value, f);
        }),
        Kind::Null => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_become_line_feeds_of_the_same_length() {
        let text = "a: x\u{2028}b: é\u{85}c\u{2029}";
        let breaks = find(text);
        assert_eq!(breaks.len(), 3);
        let out = replaced(text, &breaks);
        assert_eq!(out, "a: x  \nb: é \nc  \n");
        assert_eq!(out.len(), text.len());
        assert!(find("plain ascii, and é à ü").is_empty());
    }
}
