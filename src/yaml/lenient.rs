//! Where libyaml (under Go's yaml.v2, and so under Alertmanager) reads what YAML 1.2, and
//! granit-parser with it, refuses, so that running configs hold it:
//! * quoted scalars whose continuation lines sit at or left of the enclosing block's
//!   indentation (`text: "one` then `two"` at column 0), or start with a tab;
//! * a comment right after a token (`channel: '#alerts'#team`, `[a]#c`, `|#c`): libyaml
//!   starts a comment at any `#` outside a scalar;
//! * a tab in the leading whitespace of a line inside a flow collection, left of the
//!   enclosing block's indentation: libyaml skips whitespace between flow tokens;
//! * text after a document end that YAML 1.2 refuses (`...` with more on its line, a
//!   `%YAML` directive with no `...` before it): Go's yaml.v2 never reads past the first
//!   document.
//!
//! The parser is given a copy of the text with spaces inserted (continuation lines indented
//! past the opening quote, which a quoted scalar's folding ignores; a line in a flow
//! collection indented past its block; a space before the `#`)
//! or cut at the line that ends the first document, and every position it reports is mapped
//! back to the original text.

/// The text given to the parser: the original with spaces inserted, perhaps cut short.
#[derive(Debug, Default)]
pub(super) struct Patched {
    /// The patched text (`None`: the original, unchanged).
    pub text: Option<String>,
    /// Spaces inserted: (offset in the original, how many), by offset.
    inserts: Vec<(usize, usize)>,
    /// For each insert: where its spaces start in the patched text, and how many spaces were
    /// inserted up to and with it (so that positions map back by a binary search).
    placed: Vec<(usize, usize)>,
    /// Where the text given to the parser ends, in the original.
    end: Option<usize>,
    /// How many times the text was patched.
    rounds: usize,
}

impl Patched {
    /// How many times the text was patched.
    pub fn rounds(&self) -> usize {
        self.rounds
    }

    /// The original offset of `at` in the patched text (inserted spaces map to the offset
    /// they were inserted at).
    pub fn original(&self, at: usize) -> usize {
        let i = self.placed.partition_point(|&(from, _)| from <= at);
        let Some(&(from, through)) = i.checked_sub(1).and_then(|i| self.placed.get(i)) else {
            return at;
        };
        let (start, count) = self.inserts[i - 1];
        if at < from + count {
            start
        } else {
            at - through
        }
    }

    /// Indents the continuation lines of the quoted scalar open at `at` (the parser's error,
    /// in the patched text), which starts after `from` (where the last event ended): each
    /// line up to the closing quote gets at least one more column than the opening quote
    /// (counted in bytes, so never fewer). False when there is nothing to move: no quoted
    /// scalar open there, not closed, the error on the quote's own line, or every line
    /// already past the quote.
    pub fn indent_quoted(&mut self, original: &str, from: usize, at: usize) -> bool {
        let current = self.text.as_deref().unwrap_or(original);
        let Some(open) = opening_quote(current, from, at) else {
            return false;
        };
        let Some(close) = closing_quote(current, open, at) else {
            return false;
        };
        let mut line = line_start(current, at);
        // Only lines after the quote's own line move (each only once: it then starts past
        // the quote), so every round leaves one more scalar readable and the rounds end.
        if line <= open {
            return false;
        }
        let need = open - line_start(current, open) + 1;
        let mut inserts = Vec::new();
        while line <= close {
            let spaces = current[line..].bytes().take_while(|&b| b == b' ').count();
            let blank = matches!(current.as_bytes().get(line + spaces), Some(b'\n' | b'\r'));
            if spaces < need && !blank {
                inserts.push((self.original(line), need - spaces));
            }
            match next_line(current, line) {
                Some(next) => line = next,
                None => break,
            }
        }
        self.insert(original, inserts)
    }

    /// Indents the line holding `at` (the parser's error, in the patched text) by `count`
    /// columns, so that a tab in its leading whitespace lies past the enclosing block's
    /// indentation. libyaml skips such a tab inside a flow collection, where whitespace
    /// between tokens means nothing, and refuses it anywhere else, which [`super::tabs`]
    /// checks in the original's columns once the text parses. False when something was
    /// inserted at the line's start already.
    pub fn indent_line(&mut self, original: &str, at: usize, count: usize) -> bool {
        let current = self.text.as_deref().unwrap_or(original);
        let start = self.original(line_start(current, at.min(current.len())));
        if self
            .inserts
            .binary_search_by_key(&start, |&(s, _)| s)
            .is_ok()
        {
            return false;
        }
        self.insert(original, vec![(start, count)])
    }

    /// Separates the comment at `at` (the parser's error, in the patched text) from the token
    /// before it with a space. False when there is no `#` there or a blank already precedes
    /// it.
    pub fn space_before_comment(&mut self, original: &str, at: usize) -> bool {
        let current = self.text.as_deref().unwrap_or(original).as_bytes();
        if current.get(at) != Some(&b'#') || at == 0 || current[at - 1].is_ascii_whitespace() {
            return false;
        }
        self.insert(original, vec![(self.original(at), 1)])
    }

    /// Ends the text at the start of the line holding `at` (the parser's error, in the patched
    /// text), where a document end marker or directive ended the first document. False when
    /// the text was already cut.
    pub fn cut_at_line(&mut self, original: &str, at: usize) -> bool {
        if self.end.is_some() {
            return false;
        }
        let current = self.text.as_deref().unwrap_or(original);
        self.end = Some(self.original(line_start(current, at.min(current.len()))));
        self.rewrite(original);
        true
    }

    /// Where the text was cut, in the original.
    pub fn end(&self) -> Option<usize> {
        self.end
    }

    /// Adds `inserts` (original offset, spaces) and writes the patched text again; false when
    /// there are none.
    fn insert(&mut self, original: &str, inserts: Vec<(usize, usize)>) -> bool {
        if inserts.is_empty() {
            return false;
        }
        for (start, count) in inserts {
            match self.inserts.binary_search_by_key(&start, |&(s, _)| s) {
                Ok(i) => self.inserts[i].1 += count,
                Err(i) => self.inserts.insert(i, (start, count)),
            }
        }
        self.rewrite(original);
        true
    }

    fn rewrite(&mut self, original: &str) {
        let original = &original[..self.end.unwrap_or(original.len())];
        let mut text = String::with_capacity(original.len() + self.inserts.len() * 8);
        let mut copied = 0;
        self.placed.clear();
        for &(start, count) in self.inserts.iter().filter(|(s, _)| *s <= original.len()) {
            text.push_str(&original[copied..start]);
            let through = self.placed.last().map_or(0, |p| p.1) + count;
            self.placed.push((text.len(), through));
            text.extend(std::iter::repeat_n(' ', count));
            copied = start;
        }
        text.push_str(&original[copied..]);
        self.text = Some(text);
        self.rounds += 1;
    }
}

/// The start of the line holding `at` (YAML breaks lines at `\n`, `\r\n` and a lone `\r`).
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// The start of the line after the one starting at `line`.
fn next_line(text: &str, line: usize) -> Option<usize> {
    let brk = line + text[line..].find(['\n', '\r'])?;
    Some(
        brk + if text[brk..].starts_with("\r\n") {
            2
        } else {
            1
        },
    )
}

/// The opening quote of a scalar that starts after `from` and is still open at `at`: only
/// indicators, blanks, comments and node properties may come between.
fn opening_quote(text: &str, from: usize, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < at {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            // An indicator only when a blank follows (`-"x` is a plain scalar).
            b':' | b'-' | b'?'
                if matches!(bytes.get(i + 1), Some(b' ' | b'\t' | b'\r' | b'\n')) =>
            {
                i += 1
            }
            b'#' => i += text[i..].find('\n').unwrap_or(at - i),
            b'&' | b'!' => i += text[i..].find([' ', '\t', '\r', '\n']).unwrap_or(at - i),
            b'"' | b'\'' => return Some(i),
            _ => return None,
        }
    }
    None
}

/// The closing quote of the scalar opened at `open`, when it comes after `at`.
fn closing_quote(text: &str, open: usize, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return (i >= at).then_some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_indented_past_the_quote_and_offsets_map_back() {
        let text = "a:\n  b: \"one\ntwo\n three\"\nc: 1\n";
        let mut r = Patched::default();
        let at = text.find("two").unwrap();
        assert!(r.indent_quoted(text, text.find("b").unwrap() + 1, at));
        let patched = r.text.as_deref().unwrap();
        assert_eq!(patched, "a:\n  b: \"one\n      two\n      three\"\nc: 1\n");
        assert_eq!(r.original(patched.find("two").unwrap()), at);
        assert_eq!(
            r.original(patched.find("two").unwrap() - 3),
            text.find("two").unwrap()
        );
        assert_eq!(
            r.original(patched.find("c:").unwrap()),
            text.find("c:").unwrap()
        );
        assert_eq!(r.original(3), 3);
    }

    #[test]
    fn only_an_open_quoted_scalar_is_touched() {
        let mut r = Patched::default();
        // Plain text, a scalar already closed, an unclosed one.
        assert!(!r.indent_quoted("a: one\ntwo\n", 2, 7));
        assert!(!r.indent_quoted("a: 'x'\ntwo\n", 2, 7));
        assert!(!r.indent_quoted("a: 'x\ntwo\n", 2, 6));
        assert_eq!(r.rounds(), 0);
        // A quote inside a plain scalar opens nothing.
        assert!(!r.indent_quoted("a: -\"x\n\tb\"\n", 1, 8));
        // A lone carriage return breaks a line: the line after it moves, not the quote's.
        let text = "a:\n  - b: ': \r#c'\n";
        assert!(!r.indent_quoted(text, text.find('b').unwrap() + 1, text.find('\r').unwrap()));
        assert!(r.indent_quoted(text, text.find('b').unwrap() + 1, text.find('#').unwrap()));
        assert_eq!(r.text.as_deref(), Some("a:\n  - b: ': \r        #c'\n"));
        let mut r = Patched::default();
        // Escaped quotes do not close it.
        let text = "a: \"x\\\"\ny\"\nb: 'it''s\nz'\n";
        assert!(r.indent_quoted(text, 1, text.find('y').unwrap()));
        assert_eq!(r.rounds(), 1);
    }

    #[test]
    fn every_patched_offset_maps_back() {
        let text = "a: 'x'#c\nb: [1]#d\nc:\n  d: \"one\ntwo\"#e\n";
        let mut r = Patched::default();
        let at = |r: &Patched, s: &str| r.text.as_deref().unwrap_or(text).find(s).unwrap();
        assert!(r.space_before_comment(text, at(&r, "#c")));
        assert!(r.indent_quoted(text, text.find("d:").unwrap() + 2, at(&r, "two")));
        assert!(r.space_before_comment(text, at(&r, "#e")));
        assert!(r.space_before_comment(text, at(&r, "#d")));
        let patched = r.text.as_deref().unwrap();
        assert_eq!(
            patched,
            "a: 'x' #c\nb: [1] #d\nc:\n  d: \"one\n      two\" #e\n"
        );
        // The inserts one by one: a space maps to where it was inserted, the rest to itself.
        let mut expected = Vec::new();
        let mut from = 0;
        for &(start, count) in &r.inserts {
            expected.extend(from..start);
            expected.extend(std::iter::repeat_n(start, count));
            from = start;
        }
        expected.extend(from..text.len());
        let got: Vec<usize> = (0..patched.len()).map(|p| r.original(p)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_comment_right_after_a_token_gets_a_space() {
        let text = "a: 'x'#c\nb: [1]#d\n";
        let mut r = Patched::default();
        assert!(r.space_before_comment(text, text.find('#').unwrap()));
        let at = r.text.as_deref().unwrap().rfind('#').unwrap();
        assert!(r.space_before_comment(text, at));
        let patched = r.text.as_deref().unwrap();
        assert_eq!(patched, "a: 'x' #c\nb: [1] #d\n");
        assert_eq!(
            r.original(patched.find('#').unwrap()),
            text.find('#').unwrap()
        );
        assert_eq!(
            r.original(patched.find("b:").unwrap()),
            text.find("b:").unwrap()
        );
        // Only a `#` with no blank before it moves.
        assert!(!r.space_before_comment(text, patched.find('#').unwrap()));
        assert!(!r.space_before_comment(text, 0));
        assert_eq!(r.rounds(), 2);
    }
}
