//! Text → [`Node`] tree, with budgets, duplicate-key detection and clear errors.

use foldhash::{HashMap, HashMapExt};

use super::merge::{MergeNote, MergeRule, replace_all};
use super::{Kind, Node, breaks, build, subset};
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
    load_with(text, source, limits, replace_all)
}

/// [`load`], with `rule` saying which values set twice through `<<` merges are joined (as Go
/// decodes them into the types the document is read as) rather than replaced.
pub fn load_with(
    text: &str,
    source: SourceId,
    limits: &Limits,
    rule: MergeRule,
) -> Result<(Node, Vec<Diagnostic>), Diagnostic> {
    let mut warnings = Vec::new();
    let breaks = breaks::find(text);
    let original = text;
    let replaced = (!breaks.is_empty()).then(|| breaks::replaced(text, &breaks));
    let text = replaced.as_deref().unwrap_or(text);
    if text.trim().is_empty() || only_comments(text) {
        return Ok((
            Node {
                span: Span::start_of(source),
                kind: Kind::Null,
            },
            warnings,
        ));
    }
    let built = build_guarded(text, source, limits, rule)
        .map_err(|d| breaks::point_out(d, original, &breaks))?;
    let root = built.root;
    if let Some(e) = breaks::in_a_value(&root, original, &breaks, source) {
        return Err(e);
    }
    warnings.extend(built.notes.into_iter().map(merge_note));
    if let Some(second) = built.extra {
        warnings.push(
            Diagnostic::new(
                Code::ExtraDocuments,
                second,
                "only the first YAML document is used",
            )
            .label("this document is ignored")
            .help("Alertmanager reads only the first document; remove the `---` separator and what follows, or split the file"),
        );
    }
    find_duplicates(&root, &mut warnings);
    Ok((root, warnings))
}

/// Builds the tree; a panic inside the parser becomes a diagnostic instead of taking the
/// process down. A panic in the fast path is its own bug, not the input's: granit-parser then
/// builds the tree as it does for everything the fast path leaves.
fn build_guarded(
    text: &str,
    source: SourceId,
    limits: &Limits,
    rule: MergeRule,
) -> Result<build::Built, Diagnostic> {
    use std::panic::{AssertUnwindSafe, catch_unwind};
    let fast = catch_unwind(AssertUnwindSafe(|| subset::build(text, source, limits)));
    if let Ok(Some(built)) = fast {
        return Ok(built);
    }
    let run =
        || build::build(text, source, limits, rule).map_err(|f| convert_error(&f, text, source));
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Err(Diagnostic::new(
            Code::Yaml,
            Span::start_of(source),
            "the YAML parser failed on this input",
        )
        .help("this is a bug in am2amp's YAML parser; please report it with the input"))
    })
}

/// The finding for what applying a `<<` merge noticed.
fn merge_note(note: MergeNote) -> Diagnostic {
    match note {
        MergeNote::Replaced(own, by) => Diagnostic::new(
            Code::MergeOrder,
            own,
            "this value is replaced by the `<<` merge after it",
        )
        .label("set here first")
        .secondary(
            by,
            "this merge sets it again, and Alertmanager keeps the merged value",
        )
        .help("put the `<<` line first in the mapping, or set the key in one place only"),
        MergeNote::Joined(first, later, key) => {
            let d = Diagnostic::new(
                Code::MergeOrder,
                later,
                format!(
                    "Alertmanager joins the two mappings set for `{}`, where most YAML tools keep one",
                    shorten(&key)
                ),
            )
            .help("the output carries the joined mapping; write it in one place to make that plain");
            if first == later {
                d.label("two mappings this merge takes set it")
            } else {
                d.label("joined with the earlier mapping")
                    .secondary(first, "set here first")
            }
        }
        MergeNote::Duplicate(later, first, key) => Diagnostic::new(
            Code::DuplicateKey,
            later,
            format!("key `{}` is set twice in one map through a `<<` merge", shorten(&key)),
        )
        .label("set again here")
        .secondary(first, "first set here")
        .help("Alertmanager joins the merged map with this one and refuses a key in both (`already set in map`); set the key in one place only"),
    }
}

fn only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

fn find_duplicates(node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        Kind::Seq(items) => items.iter().for_each(|n| find_duplicates(n, out)),
        Kind::Map(entries) => {
            // Most mappings are small: scanning the earlier keys beats hashing them.
            let small = entries.len() <= 16;
            let mut seen: HashMap<&str, Span> = HashMap::new();
            for (i, e) in entries.iter().enumerate() {
                if let Some(k) = e.key.as_str() {
                    let first = if small {
                        entries[..i]
                            .iter()
                            .find(|p| p.key.as_str() == Some(k))
                            .map(|p| p.key.span)
                    } else {
                        seen.get(k).copied()
                    };
                    if let Some(first) = first {
                        out.push(
                            Diagnostic::new(
                                Code::DuplicateKey,
                                e.key.span,
                                format!("duplicate key `{}`", shorten(k)),
                            )
                            .label("defined again here")
                            .secondary(first, "first defined here")
                            .help("a key may appear only once in a mapping; merge the two entries or remove one"),
                        );
                    } else if !small {
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

fn convert_error(f: &build::Failure, text: &str, source: SourceId) -> Diagnostic {
    let mut start = f.at.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let span = Span::new(source, start..end);
    let (message, help) = if f.budget {
        (
            format!(
                "the YAML is too deeply nested or expands too many aliases ({})",
                first_line(&f.message)
            ),
            "real Alertmanager configs stay far below these limits; look for an alias bomb or generated nesting",
        )
    } else {
        let m = first_line(&f.message);
        let help = if m.contains("mapping values are not allowed") {
            "a value containing `: ` must be quoted, or YAML reads it as a new key; nothing after this position was read"
        } else if m.to_ascii_lowercase().contains("tab") {
            "YAML does not allow tabs for indentation; use spaces. Nothing after this position was read"
        } else {
            "fix the YAML at this position; nothing after it was read"
        };
        (m, help)
    };
    let code = if f.budget { Code::Budget } else { Code::Yaml };
    Diagnostic::new(code, span, message)
        .label("here")
        .help(help)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Style;

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
    fn a_panic_in_the_fast_path_falls_back_to_granit() {
        let text = "route:\n  receiver: a\nreceivers:\n  - name: a\n";
        let expected = parse(text);
        subset::tests_hook::PANIC.set(true);
        let got = load(text, SourceId(0), &Limits::default());
        subset::tests_hook::PANIC.set(false);
        let (root, warnings) = got.expect("granit-parser builds it");
        assert_eq!(root, expected);
        assert!(warnings.is_empty());
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
    fn duplicate_keys_in_large_mappings() {
        // Over 16 keys, duplicates are found by hashing: the same findings, first place named.
        let mut text: String = (0..20).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k3: again\nk3: thrice\n");
        let errs = load(&text, SourceId(0), &Limits::default()).unwrap().1;
        assert_eq!(errs.len(), 2);
        let first = text.find("k3:").unwrap() as u32;
        assert!(errs.iter().all(|e| e.secondary[0].span.start == first));
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

    #[test]
    fn merge_keys_fill_in_missing_keys() {
        let root = parse("base: &b {p: 1, q: 2}\nx:\n  <<: *b\n  q: 3\ny:\n  <<: [{r: 4}, *b]\n");
        let keys = |k: &str| -> Vec<(String, String)> {
            root.get(k)
                .unwrap()
                .as_map()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e.key.as_str().unwrap().into(),
                        e.value.as_str().unwrap().into(),
                    )
                })
                .collect()
        };
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(keys("x"), pairs(&[("q", "3"), ("p", "1")]));
        assert_eq!(keys("y"), pairs(&[("r", "4"), ("p", "1"), ("q", "2")]));
        let err = load("x:\n  <<: 5\n", SourceId(0), &Limits::default()).unwrap_err();
        assert_eq!(err.code, Code::Yaml);
    }

    /// As yaml.v2 decodes: a merge replaces the keys before it (a warning says so), the later
    /// of two merges wins, and own keys keep their place ahead of merged ones.
    #[test]
    fn merges_apply_where_they_stand() {
        let text = "x:\n  q: 0\n  <<: [{q: 1, s: 1}, {q: 2, r: 2}]\n  <<: {s: 3}\n  t: 4\n";
        let (root, warnings) = load(text, SourceId(0), &Limits::default()).unwrap();
        let x = root.get("x").unwrap().as_map().unwrap();
        let read: Vec<_> = x
            .iter()
            .map(|e| (e.key.as_str().unwrap(), e.value.as_str().unwrap()))
            .collect();
        assert_eq!(read, [("q", "1"), ("t", "4"), ("s", "3"), ("r", "2")]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, Code::MergeOrder);
        assert_eq!(warnings[0].primary.span.start, 5);
        assert_eq!(warnings[0].secondary[0].span.start, 12);
    }

    #[test]
    fn aliases_are_located_where_used() {
        let text = "a: &x [v]\nb: *x\n";
        let root = parse(text);
        let b = root.get("b").unwrap();
        let item = &b.as_seq().unwrap()[0];
        assert_eq!(b.span.start, 13);
        assert_eq!(item.span.start, 13);
        assert_eq!(item.as_scalar().unwrap().origin.start, 7);
        let err = load("a: &r [*r]\n", SourceId(0), &Limits::default()).unwrap_err();
        assert_eq!(err.code, Code::Yaml);
    }

    #[test]
    fn only_the_first_document_counts() {
        let (root, warnings) = load("---\n---\nb: 2\n", SourceId(0), &Limits::default()).unwrap();
        assert!(root.is_null());
        assert_eq!(warnings[0].code, Code::ExtraDocuments);
        let (_, warnings) = load("a: 1\n---\n~\n", SourceId(0), &Limits::default()).unwrap();
        assert!(warnings.is_empty());
    }

    #[test]
    fn tags_decide_null_and_string() {
        let root = parse("a: !!str null\nb: !!null ''\nc: ! ~\n");
        assert_eq!(root.get("a").unwrap().as_str(), Some("null"));
        assert!(root.get("b").unwrap().is_null());
        assert_eq!(root.get("c").unwrap().as_str(), Some("~"));
    }

    #[test]
    fn nothing_after_the_first_document_is_parsed() {
        for (text, at) in [
            ("a: 1\n--- b: [\n", "---"),
            ("a: 1\n---\n  b: 2\n c: [\n", "---"),
            ("a: 1\n... b: 2\n", "..."),
            ("a: 1\n%YAML 1.1\n---\nb: 2\n", "%"),
            ("a: 1\n---\nb: &x [*x]\n", "---"),
        ] {
            let (root, warnings) = load(text, SourceId(0), &Limits::default()).unwrap();
            assert_eq!(root.get("a").unwrap().as_str(), Some("1"), "{text}");
            assert_eq!(root.as_map().unwrap().len(), 1, "{text}");
            assert_eq!(warnings.len(), 1, "{text}");
            assert_eq!(warnings[0].code, Code::ExtraDocuments);
            assert_eq!(
                warnings[0].primary.span.start as usize,
                text.find(at).unwrap(),
                "{text}"
            );
        }
        // The first document must still parse, and an empty second one is no finding.
        assert!(load("a: [\n---\nb: 1\n", SourceId(0), &Limits::default()).is_err());
        let (_, warnings) = load("a: 1\n---\n...\n", SourceId(0), &Limits::default()).unwrap();
        assert!(warnings.is_empty());
    }

    #[test]
    fn yaml_1_1_line_breaks_end_lines_as_in_alertmanager() {
        let root = parse("a: 1\u{2028}b: x\u{85}\n# c\u{2029}c: \"x\u{85}  y\"\n");
        assert_eq!(root.get("a").unwrap().as_str(), Some("1"));
        assert_eq!(root.get("b").unwrap().as_str(), Some("x"));
        assert_eq!(root.get("c").unwrap().as_str(), Some("x y"));
        // Kept inside a value by libyaml, which then reads the text around it otherwise.
        for text in [
            "a: 'x\u{2028}y'\n",
            "a: |\n  x\u{85}  y\n",
            "a: >\n  x\u{2029}\n",
        ] {
            let e = load(text, SourceId(0), &Limits::default()).unwrap_err();
            assert!(e.message.contains("U+"), "{text:?}: {}", e.message);
            let at = text.find(['\u{85}', '\u{2028}', '\u{2029}']).unwrap();
            assert_eq!(e.primary.span.start as usize, at, "{text:?}");
        }
        // A parse error after one on its line points at it too.
        let text = "a:\n  b: \u{2028}c\n";
        let e = load(text, SourceId(0), &Limits::default()).unwrap_err();
        assert_eq!(
            e.secondary[0].span.start as usize,
            text.find('\u{2028}').unwrap()
        );
    }

    #[test]
    fn core_tags_must_fit_their_text_as_in_yaml_v2() {
        // The text decides the type once the tag agrees with it, quoted or not.
        let root = parse("a: !!int \"5\"\nb: !!bool 'yes'\nc: !!float 2\nd: !!binary aGk=\n");
        for (key, text) in [("a", "5"), ("b", "yes"), ("c", "2")] {
            let s = root.get(key).unwrap().as_scalar().unwrap();
            assert!(s.is_plain() && &*s.value == text, "{key}: {s:?}");
        }
        let d = root.get("d").unwrap().as_scalar().unwrap();
        assert!(!d.is_plain() && &*d.value == "hi", "{d:?}");
        for (text, tag) in [
            ("a: !!int foo\n", "`!!int`"),
            ("a: !!null x\n", "`!!null`"),
            ("a: [!!bool 5]\n", "`!!bool`"),
            ("a: !!timestamp 2001-02-30\n", "`!!timestamp`"),
            (
                "a: !<tag:yaml.org,2002:float> x\n",
                "`!<tag:yaml.org,2002:float>`",
            ),
            ("a: !!binary 'a?'\n", "`!!binary`"),
        ] {
            let e = load(text, SourceId(0), &Limits::default()).unwrap_err();
            assert!(e.message.contains(tag), "{text}: {}", e.message);
            let at = e.primary.span.start as usize;
            assert!(
                at > text.find('!').unwrap() && at < text.len() - 1,
                "{text}: {at}"
            );
        }
    }

    #[test]
    fn quoted_lines_left_of_their_block_read_as_in_libyaml() {
        let text = "a:\n  b: \"one\ntwo\n\tthree\"\n  c: 'x\n y'\nd: 1\n";
        let root = parse(text);
        let b = root.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.as_str(), Some("one two three"));
        assert_eq!(b.span.start as usize, text.find('"').unwrap());
        assert_eq!(b.span.end as usize, text.find("\n  c").unwrap());
        let c = root.get("a").unwrap().get("c").unwrap();
        assert_eq!(c.as_str(), Some("x y"));
        assert_eq!(root.get("d").unwrap().span.start as usize, text.len() - 2);
        // Errors after them point into the original text; tabs indenting a block stay errors.
        let text = "a: \"one\ntwo\"\nb: [\n";
        let e = load(text, SourceId(0), &Limits::default()).unwrap_err();
        assert!(
            e.primary.span.start as usize >= text.find('b').unwrap(),
            "{e:?}"
        );
        assert!(load("a:\n\tb: 1\n", SourceId(0), &Limits::default()).is_err());
        assert!(load("a: 'never closed\nb\n", SourceId(0), &Limits::default()).is_err());
        // A carriage return inside the quotes (found hanging a mutation run).
        let root = parse("a:\n  - b: ': \r#c'\n");
        let b = &root.get("a").unwrap().as_seq().unwrap()[0];
        assert_eq!(b.get("b").unwrap().as_str(), Some(": #c"));
    }

    #[test]
    fn string_tags_survive_writing() {
        let root = parse("a: !!str null\nb: !!str true\nc: !!int 12\nd: !='x'\ne: !foo 1.5\n");
        let plain = |k: &str| root.get(k).unwrap().as_scalar().unwrap().is_plain();
        assert!(!plain("a") && !plain("b") && plain("c") && !plain("e"));
        assert_eq!(root.get("d").unwrap().as_str(), Some(""));
        assert_eq!(
            crate::yaml::emit_document(&root),
            "a: 'null'\nb: 'true'\nc: 12\nd: ''\ne: '1.5'\n"
        );
    }
}
