//! Writing a [`Node`] tree as YAML text: block style, two-space indentation.
//!
//! A plain scalar whose text reads as a boolean, number or null (`true`, `10`, `~`) is written
//! as it is; every other scalar is a string and gets the plainest style that reads back as
//! exactly the same string under YAML 1.1 (Alertmanager's yaml.v2, PyYAML) and YAML 1.2. The
//! choice depends only on the value, so output is deterministic and emitting parsed output
//! again gives the same bytes.

use std::sync::OnceLock;

use regex::Regex;

use super::{Entry, Kind, Node, Scalar, is_yaml11_bool};

/// Emits a whole document (no `---`), ending with a newline.
pub fn emit_document(node: &Node) -> String {
    let mut out = String::new();
    match &node.kind {
        Kind::Map(entries) if !entries.is_empty() => map(&mut out, entries, 0),
        Kind::Seq(items) if !items.is_empty() => seq(&mut out, items, 0),
        _ => {
            inline_value(&mut out, node, 0);
            out.push('\n');
        }
    }
    out
}

/// Appends a top-level `key: value` entry whose value is a string.
pub fn push_string_entry(out: &mut String, key: &str, value: &str) {
    string_into(out, key, 0);
    out.push(':');
    out.push(' ');
    string_into(out, value, 2);
    out.push('\n');
}

/// Appends a top-level `key: value` entry whose value is the text of `doc` as a document:
/// the same bytes as `push_string_entry(out, key, &emit_document(doc))`, without writing the
/// document twice. Every line the emitter writes can be a line of a `|` block (printable, no
/// leading tab, never whitespace only), so a mapping document is written straight into the
/// block, two spaces in; anything else takes the general path.
///
/// `items`, when given, names an entry of `doc` whose value is a non-empty sequence written
/// ahead of time by [`push_item`], and how that text ends (its last two bytes will do). The
/// entry's value in `doc` is then not written: the text belongs at the returned offset of
/// `out`, which is `None` when `doc` has no such entry.
pub fn push_document_entry(
    out: &mut String,
    key: &str,
    doc: &Node,
    items: Option<(&str, &str)>,
) -> Option<usize> {
    let entries = match &doc.kind {
        Kind::Map(entries) if !entries.is_empty() => entries,
        _ => {
            push_string_entry(out, key, &emit_document(doc));
            return None;
        }
    };
    string_into(out, key, 0);
    out.push_str(": ");
    let bar = out.len();
    out.push_str("|\n");
    let mut splice = None;
    for e in entries {
        indent(out, 2);
        match items {
            Some((name, _)) if splice.is_none() && e.key.as_str() == Some(name) => {
                self::key(out, &e.key);
                out.push_str(":\n");
                splice = Some(out.len());
            }
            _ => entry(out, e, 2),
        }
    }
    // A last value ending in kept line breaks needs `|+`. The block is the document two
    // spaces in (blank lines are empty in both), as the general path would write it.
    let ends = match splice.map(|at| (&out[at..], items.map_or("", |(_, end)| end))) {
        None => out.ends_with("\n\n"),
        Some((tail, _)) if tail.len() >= 2 => tail.ends_with("\n\n"),
        Some((tail, end)) => format!("{end}{tail}").ends_with("\n\n"),
    };
    if ends {
        out.insert(bar + 1, '+');
        splice = splice.map(|at| at + 1);
    }
    splice
}

/// Appends `item` as an item of a sequence that is the value of a top-level entry of a
/// document, as [`push_document_entry`] would write it there (it takes the text as `items`).
pub fn push_item(out: &mut String, item: &Node) {
    seq(out, std::slice::from_ref(item), 4);
}

fn indent(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > SPACES.len() {
        out.push_str(SPACES);
        n -= SPACES.len();
    }
    out.push_str(&SPACES[..n]);
}

/// Longest key written as an implicit key (YAML allows 1024 characters).
const MAX_IMPLICIT_KEY: usize = 1000;

fn map(out: &mut String, entries: &[Entry], level: usize) {
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            indent(out, level);
        }
        entry(out, e, level);
    }
}

/// One mapping entry; the caller has already indented the first line.
fn entry(out: &mut String, e: &Entry, level: usize) {
    let start = out.len();
    key(out, &e.key);
    if out.len() - start > MAX_IMPLICIT_KEY && out[start..].chars().count() > MAX_IMPLICIT_KEY {
        out.insert_str(start, "? ");
        out.push('\n');
        indent(out, level);
    }
    out.push(':');
    value_after_key(out, &e.value, level);
}

fn seq(out: &mut String, items: &[Node], level: usize) {
    for item in items {
        indent(out, level);
        out.push('-');
        match &item.kind {
            Kind::Map(entries) if !entries.is_empty() => {
                // `- key: value`, the following keys aligned under the first.
                out.push(' ');
                map(out, entries, level + 2);
            }
            Kind::Seq(inner) if !inner.is_empty() => {
                out.push('\n');
                seq(out, inner, level + 2);
            }
            _ => {
                out.push(' ');
                inline_value(out, item, level + 2);
                out.push('\n');
            }
        }
    }
}

fn value_after_key(out: &mut String, v: &Node, level: usize) {
    match &v.kind {
        Kind::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            indent(out, level + 2);
            map(out, entries, level + 2);
        }
        Kind::Seq(items) if !items.is_empty() => {
            out.push('\n');
            seq(out, items, level + 2);
        }
        _ => {
            out.push(' ');
            inline_value(out, v, level + 2);
            out.push('\n');
        }
    }
}

/// A scalar, null or empty collection written after `key: ` or `- `; block scalars continue
/// on the following lines, indented to `level`.
fn inline_value(out: &mut String, v: &Node, level: usize) {
    match &v.kind {
        Kind::Null => out.push_str("null"),
        Kind::Map(_) => out.push_str("{}"),
        Kind::Seq(_) => out.push_str("[]"),
        Kind::Scalar(s) if is_typed(s) => out.push_str(&s.value),
        Kind::Scalar(s) => string_into(out, &s.value, level),
    }
}

fn key(out: &mut String, k: &Node) {
    match &k.kind {
        Kind::Scalar(s) if is_typed(s) => out.push_str(&s.value),
        Kind::Scalar(s) if s.value.contains('\n') => double_quoted(out, &s.value),
        Kind::Scalar(s) => string_into(out, &s.value, 0),
        _ => out.push_str("null"),
    }
}

/// True for a plain scalar that YAML reads as something other than a string.
fn is_typed(s: &Scalar) -> bool {
    s.is_plain() && resolves_to_non_string(&s.value)
}

/// The text of a string scalar, as a value at block `level` (block scalars' content is
/// indented to `level`; at level 0 no block scalar is used).
pub fn string(v: &str, level: usize) -> String {
    let mut out = String::new();
    string_into(&mut out, v, level);
    out
}

fn string_into(out: &mut String, v: &str, level: usize) {
    let seen = Seen::of(v);
    if seen.line_break {
        if !(level >= 2 && literal_block(out, v, level, seen)) {
            double_quoted(out, v);
        }
    } else if seen.ascii_printable() {
        if ascii_plain_is_safe(v.as_bytes()) && !resolves_to_non_string(v) {
            out.push_str(v);
        } else {
            single_quoted(out, v);
        }
    } else if plain_is_safe(v) {
        out.push_str(v);
    } else if all_printable(v) {
        single_quoted(out, v);
    } else {
        double_quoted(out, v);
    }
}

/// What one pass over a string's bytes finds.
#[derive(Debug, Clone, Copy)]
struct Seen {
    line_break: bool,
    /// A control character other than tab and line feed, or DEL.
    control: bool,
    non_ascii: bool,
}

impl Seen {
    fn of(v: &str) -> Seen {
        // Written without early exits so that the compiler can check many bytes at a time.
        let (mut line_break, mut control, mut non_ascii) = (false, false, false);
        for &b in v.as_bytes() {
            line_break |= b == b'\n';
            control |= (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f;
            non_ascii |= b >= 0x80;
        }
        Seen {
            line_break,
            control,
            non_ascii,
        }
    }

    /// ASCII without controls other than tab and line feed.
    fn ascii_printable(self) -> bool {
        !self.control && !self.non_ascii
    }
}

fn single_quoted(out: &mut String, v: &str) {
    out.push('\'');
    push_doubling_quotes(out, v);
    out.push('\'');
}

fn double_quoted(out: &mut String, v: &str) {
    out.push('"');
    quote_double_into(out, v);
    out.push('"');
}

/// The body of a single-quoted scalar: `'` doubled.
fn push_doubling_quotes(out: &mut String, v: &str) {
    let mut rest = v;
    while let Some(i) = memchr::memchr(b'\'', rest.as_bytes()) {
        out.push_str(&rest[..=i]);
        out.push('\'');
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

fn all_printable(v: &str) -> bool {
    let ascii_ok = v
        .bytes()
        .fold(true, |ok, b| ok & ((0x20..0x7f).contains(&b) || b == b'\t'));
    if ascii_ok {
        return true;
    }
    v.chars().all(printable)
}

/// Characters that may appear as themselves inside quotes or block scalars (no line breaks
/// of any YAML version, no controls except tab, no BOM or non-characters).
fn printable(c: char) -> bool {
    c == '\t'
        || (!c.is_control()
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

/// Writes `v` (which holds a line break; its bytes are `seen`) as a `|` block when it can be
/// written as one: its characters were checked in one pass, each line's start is checked as it
/// is copied, and everything is taken back when one cannot start a block line.
fn literal_block(out: &mut String, v: &str, level: usize, seen: Seen) -> bool {
    let body = v.trim_end_matches('\n');
    let trailing = v.len() - body.len();
    let printable =
        !seen.control && (!seen.non_ascii || body.chars().all(|c| c == '\n' || printable(c)));
    // A non-empty body is multi-line or followed by line breaks: either makes a block.
    if !printable || body.is_empty() {
        return false;
    }
    let mark = out.len();
    out.push('|');
    if body.trim_start_matches('\n').starts_with(' ') {
        out.push('2');
    }
    out.push_str(match trailing {
        0 => "-\n",
        1 => "\n",
        _ => "+\n",
    });
    out.reserve(body.len() + (level + 1) * body.len() / 32);
    // Each line is copied with the line break after it.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain(std::iter::once(body.len() - 1));
    for end in ends {
        let line = &body[start..=end];
        start = end + 1;
        match line.as_bytes()[0] {
            b'\n' => {}
            b'\t' => {
                out.truncate(mark);
                return false;
            }
            b' ' if line.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n')) => {
                out.truncate(mark);
                return false;
            }
            _ => indent(out, level),
        }
        out.push_str(line);
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    true
}

/// True when the string can be written without quotes and reads back as itself in both
/// YAML 1.1 and 1.2.
pub fn plain_is_safe(v: &str) -> bool {
    if v.is_ascii() {
        return ascii_plain_is_safe(v.as_bytes()) && !resolves_to_non_string(v);
    }
    plain_is_safe_chars(v)
}

/// [`plain_is_safe`] for any text.
fn plain_is_safe_chars(v: &str) -> bool {
    let Some(first) = v.chars().next() else {
        return false;
    };
    if v != v.trim() || v.contains('\n') || resolves_to_non_string(v) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        let dash_ok = first == '-' && v.len() > 1 && !v.starts_with("- ") && !v.starts_with("--");
        if !dash_ok {
            return false;
        }
    }
    if v.starts_with("...") {
        return false;
    }
    if !v.chars().all(|c| c != '\t' && printable(c)) || v.contains(['\u{85}']) {
        return false;
    }
    !(v.contains(": ") || v.contains(" #") || v.ends_with(':'))
}

/// [`plain_is_safe`] for ASCII text, in one pass (apart from how the text resolves).
fn ascii_plain_is_safe(b: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if first == b' ' || last == b' ' || last == b':' || b.starts_with(b"...") {
        return false;
    }
    // A match, not a search of the 19 indicators: the search call cost more than the check.
    let indicator = matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    );
    if indicator && !(first == b'-' && b.len() > 1 && b[1] != b' ' && b[1] != b'-') {
        return false;
    }
    // Printable throughout (checked many bytes at a time), and no `: ` or ` #`, which are
    // only looked for around spaces.
    let printable = b.iter().fold(true, |ok, &c| ok & (0x20..0x7f).contains(&c));
    printable
        && !b
            .iter()
            .enumerate()
            .any(|(i, &c)| c == b' ' && (i > 0 && b[i - 1] == b':' || b.get(i + 1) == Some(&b'#')))
}

/// True when a plain scalar with this text is a boolean, number, null, timestamp or one of
/// YAML 1.1's special values in some YAML version a reader may use.
pub fn resolves_to_non_string(v: &str) -> bool {
    match v.as_bytes().first() {
        None => true,
        // Of the patterns, only the nulls start with a letter.
        Some(b'n' | b'N') => is_yaml11_bool(v).is_some() || matches!(v, "null" | "Null" | "NULL"),
        Some(c) if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b'~' | b'<' | b'=') => {
            non_string_pattern().is_match(v)
        }
        Some(_) => is_yaml11_bool(v).is_some(),
    }
}

/// Every plain scalar that YAML 1.1 (PyYAML, Go's yaml.v2) or 1.2 reads as a number, a
/// timestamp, null or a merge or value key.
fn non_string_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let patterns = [
            // YAML 1.1 (PyYAML) and Go's yaml.v2 numbers; YAML 1.2 core numbers.
            r"[-+]?0b[0-1_]+",
            r"[-+]?0[oO]?[0-7_]+",
            r"[-+]?(?:0|[1-9][0-9_]*)",
            r"[-+]?0[xX][0-9a-fA-F_]+",
            r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?",
            r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?",
            r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+",
            r"[-+]?\.(?:inf|Inf|INF)",
            r"\.(?:nan|NaN|NAN)",
            // Timestamps.
            r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?",
            // Null, merge and value keys.
            r"~|null|Null|NULL|<<|=",
        ];
        Regex::new(&format!("^(?:{})$", patterns.join("|"))).expect("valid pattern")
    })
}

/// The body of a double-quoted scalar holding `s`: `\`, `"`, controls, line breaks and
/// non-characters escaped; everything else literal (borrowed when nothing needs escaping).
pub fn quote_double(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    quote_double_into(&mut out, s);
    std::borrow::Cow::Owned(out)
}

fn quote_double_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (0x80..=0x9f).contains(&(c as u32))
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Node;

    #[test]
    fn string_styles() {
        assert_eq!(string("team-db", 0), "team-db");
        assert_eq!(string("30s", 0), "30s");
        assert_eq!(string("severity=~\"crit.*\"", 0), "severity=~\"crit.*\"");
        assert_eq!(string("yes", 0), "'yes'");
        assert_eq!(string("10", 0), "'10'");
        assert_eq!(string("1:20", 0), "'1:20'");
        assert_eq!(string("2024-01-01", 0), "'2024-01-01'");
        assert_eq!(string("1e3", 0), "'1e3'");
        assert_eq!(string("", 0), "''");
        assert_eq!(string("{a=\"b\"}", 0), "'{a=\"b\"}'");
        assert_eq!(string("it's: x", 0), "'it''s: x'");
        assert_eq!(string("''x'", 0), "'''''x'''");
        assert_eq!(string("tab\there", 0), "'tab\there'");
        assert_eq!(string("bell\u{7}", 0), "\"bell\\a\"");
        assert_eq!(string("a\nb\n", 2), "|\n  a\n  b");
        assert_eq!(string("a\nb", 4), "|-\n    a\n    b");
        assert_eq!(string(" a\nb\n\n", 2), "|2+\n   a\n  b\n");
        assert_eq!(string("a\n  \nb", 2), "\"a\\n  \\nb\"");
        assert_eq!(string("a\nb", 0), "\"a\\nb\"");
        // Checked in one pass over the text, then at the start of each line.
        assert_eq!(string("é\n\nb\n", 2), "|\n  é\n\n  b");
        assert_eq!(string("a\n\tb", 2), "\"a\\n\\tb\"");
        assert_eq!(string("a\nb\u{85}", 2), "\"a\\nb\\u0085\"");
        assert_eq!(string("a\nb\r", 2), "\"a\\nb\\r\"");
    }

    proptest::proptest! {
        #[test]
        fn ascii_plain_check_agrees(v in "[ -~\t\n]{0,8}|[-?:#. ]{1,4}[a-z0-9:# ]{0,3}") {
            proptest::prop_assert_eq!(
                ascii_plain_is_safe(v.as_bytes()) && !resolves_to_non_string(&v),
                plain_is_safe_chars(&v)
            );
        }
    }

    #[test]
    fn resolving_skips_the_pattern_only_where_it_cannot_match() {
        let heads = [
            "",
            "n",
            "N",
            "no",
            "No",
            "NO",
            "null",
            "Null",
            "NULL",
            "nan",
            "name",
            "y",
            "yes",
            "on",
            "Off",
            "true",
            "FALSE",
            "t",
            "x",
            "0",
            "1",
            "+1",
            "-",
            ".",
            ".inf",
            ".nan",
            "~",
            "<<",
            "=",
            "0x1F",
            "0o17",
            "0b10",
            "1:20",
            "2024-01-02",
            "1e3",
            "_",
        ];
        let tails = ["", "x", "1", "_", ".5", "e3", ":30", " ", "l", "L", "ll"];
        for h in heads {
            for t in tails {
                let v = format!("{h}{t}");
                let full = v.is_empty()
                    || is_yaml11_bool(&v).is_some()
                    || non_string_pattern().is_match(&v);
                assert_eq!(resolves_to_non_string(&v), full, "{v:?}");
            }
        }
    }

    #[test]
    fn documents() {
        let doc = Node::map(vec![
            ("route", Node::map(vec![("receiver", Node::string("x"))])),
            (
                "receivers",
                Node::seq(vec![Node::map(vec![
                    ("name", Node::string("x")),
                    ("send_resolved", Node::typed("true")),
                    ("sns_configs", Node::seq(vec![])),
                ])]),
            ),
        ]);
        assert_eq!(
            emit_document(&doc),
            "route:\n  receiver: x\nreceivers:\n  - name: x\n    send_resolved: true\n    sns_configs: []\n"
        );
    }

    #[test]
    fn documents_ending_in_kept_line_breaks_are_kept_blocks() {
        let doc = Node::map(vec![
            ("a", Node::map(vec![("b", Node::string("x\n  y\n\n"))])),
            ("c", Node::seq(vec![Node::string("z\n\n\n")])),
        ]);
        let mut items = String::new();
        push_item(&mut items, &Node::string("z\n\n\n"));
        let (mut direct, mut spliced, mut copied) = (String::new(), String::new(), String::new());
        push_document_entry(&mut direct, "k", &doc, None);
        let at = push_document_entry(&mut spliced, "k", &doc, Some(("c", &items)));
        spliced.insert_str(at.expect("the entry"), &items);
        push_string_entry(&mut copied, "k", &emit_document(&doc));
        assert!(copied.starts_with("k: |+\n  a:\n    b: |+\n      x\n        y\n\n"));
        assert_eq!(direct, copied);
        assert_eq!(spliced, copied);
    }

    #[test]
    fn long_keys_are_explicit() {
        let long = "k".repeat(1200);
        let doc = Node::map(vec![(long.as_str(), Node::string("v"))]);
        assert_eq!(emit_document(&doc), format!("? {long}\n: v\n"));
    }
}
