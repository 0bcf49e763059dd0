//! The fast subset builder against granit-parser: whenever the subset builds a tree, it is the
//! tree granit-parser's events give (spans included), on every YAML file under `../shared`,
//! `samples/` and `tests/`, on their cuts at line ends and with a line dropped, and on generated
//! block-style YAML (with and without noise lines).

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::{Limits, build, subset};
use crate::source::SourceId;

/// Compares the two builders on `text`; true when the subset built it.
fn agree(text: &str, what: &str) -> bool {
    let limits = Limits::default();
    let Some(fast) = subset::build(text, SourceId::default(), &limits) else {
        return false;
    };
    let slow = build::build(text, SourceId::default(), &limits, super::replace_all);
    match slow {
        Ok(slow) => {
            assert!(
                slow.extra.is_none(),
                "{what}: granit-parser saw more documents"
            );
            assert_eq!(fast.root, slow.root, "{what}: trees differ for\n{text}");
        }
        Err(f) => panic!(
            "{what}: the subset accepted what granit-parser rejects ({}):\n{text}",
            f.message
        ),
    }
    true
}

/// [`agree`] on `text`, on every cut of it at a line end, and with every line dropped in turn
/// (broken and partial documents must be left to granit-parser or built the same); true when
/// the subset built `text` itself.
fn mutations(text: &str, what: &str) -> bool {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for i in 0..lines.len() {
        agree(&lines[..i].concat(), &format!("{what}, first {i} lines"));
        let without: String = lines[..i].concat() + &lines[i + 1..].concat();
        agree(&without, &format!("{what}, without line {}", i + 1));
    }
    agree(text, what)
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yml" || x == "yaml") {
            out.push(p);
        }
    }
}

fn shared_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared =
        std::env::var_os("AM2AMP_SHARED").map_or_else(|| root.join("../shared"), PathBuf::from);
    assert!(
        shared.join("testdata").is_dir(),
        "test data not found at {}",
        shared.display()
    );
    let mut files = Vec::new();
    yaml_files(&shared, &mut files);
    yaml_files(&root.join("samples"), &mut files);
    yaml_files(&root.join("tests"), &mut files);
    files.sort();
    files
}

#[test]
fn agrees_on_every_shared_file_and_its_prefixes() {
    let files = shared_files();
    let (mut taken, mut total) = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let what = path.display().to_string();
        total += 1;
        if mutations(&text, &what) {
            taken += 1;
        }
    }
    // Not a test that passes by giving up: most real configs take the fast path.
    assert!(total > 100, "only {total} files found");
    assert!(
        taken * 10 >= total * 9,
        "the subset built only {taken} of {total} files"
    );
}

/// A scalar's text, some of it meant to trip a YAML reader.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "x",
            "30s",
            "a b  c",
            "~",
            "null",
            "1:20",
            "a: b",
            "a:b",
            "a #b",
            "a#b",
            "#x",
            "-",
            "-1",
            "- a",
            "--",
            "---",
            "...",
            "<<",
            "?x",
            ":x",
            "@x",
            "%x",
            "!x",
            "&a",
            "*a",
            "|",
            ">",
            "'q'",
            "\"d\"",
            "it's",
            "[a]",
            "{a}",
            "a,b",
            "a]",
            "{{ .X }}",
            " lead",
            "trail ",
            "a\nb",
            "a\n\nb\n",
            " x\ny",
            "\n",
            "é",
            "• x",
            "\u{85}",
            "\u{2028}",
            "\u{feff}",
            "\t",
            "\\",
            "\x07",
            "k:",
            "http://x:80/a#b",
        ])
        .prop_map(String::from),
        "[ -~\n\u{a0}é]{0,10}",
    ]
}

/// How a scalar is written: plain (as is, even when that is not YAML), quoted, or a block.
fn scalar() -> impl Strategy<Value = String> {
    (text(), 0..8u8, 0..3u8, 0..4usize).prop_map(|(t, style, chomp, extra)| {
        let chomp = ["", "-", "+"][chomp as usize];
        match style {
            0 | 1 => t,
            2 => format!("'{}'", t.replace('\'', "''")),
            3 => format!("{t:?}"),
            4 => format!(
                "\"{}\"",
                t.replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n")
            ),
            5 | 6 => {
                let ind = " ".repeat(extra + 1);
                let body: String = t
                    .split('\n')
                    .map(|l| format!("\n{INDENT}{ind}{l}"))
                    .collect();
                format!("{}{chomp}{body}", if style == 5 { "|" } else { ">" })
            }
            _ => format!("{t} # c"),
        }
    })
}

/// Marks where a block scalar's lines take the enclosing indentation.
const INDENT: &str = "\u{1}";

#[derive(Debug, Clone)]
enum G {
    Scalar(String),
    Map(Vec<(String, G)>, u8),
    Seq(Vec<G>, u8),
}

fn tree() -> impl Strategy<Value = G> {
    scalar()
        .prop_map(G::Scalar)
        .prop_recursive(5, 64, 5, |inner| {
            prop_oneof![
                (prop::collection::vec(inner.clone(), 0..5), any::<u8>())
                    .prop_map(|(v, f)| G::Seq(v, f)),
                (prop::collection::vec((scalar(), inner), 0..5), any::<u8>())
                    .prop_map(|(v, f)| G::Map(v, f)),
            ]
        })
}

/// Writes `g` as the value after an indicator on a line, for a collection at `indent`; the
/// flags pick layouts (indentation step, indentless sequences, flow style, comments, blank
/// lines).
fn render(g: &G, indent: usize, out: &mut String) {
    match g {
        G::Scalar(s) => {
            out.push(' ');
            out.push_str(&s.replace(INDENT, &" ".repeat(indent)));
            out.push('\n');
        }
        G::Seq(_, f) | G::Map(_, f) if f % 7 == 0 || items_len(g) == 0 => {
            out.push(' ');
            flow(g, out);
            out.push_str(if f % 3 == 0 { " # c\n" } else { "\n" });
        }
        G::Seq(items, f) => {
            let at = if f % 5 == 1 {
                indent
            } else {
                indent + 1 + (*f as usize % 3)
            };
            out.push_str(if f % 4 == 0 { " # c\n" } else { "\n" });
            for item in items {
                if f % 6 == 2 {
                    out.push('\n');
                }
                out.push_str(&" ".repeat(at));
                out.push('-');
                render(item, at + 1, out);
            }
        }
        G::Map(entries, f) => {
            let at = indent + 1 + (*f as usize % 4);
            out.push('\n');
            for (k, v) in entries {
                if f % 6 == 3 {
                    out.push_str("  # between\n");
                }
                out.push_str(&" ".repeat(at));
                out.push_str(&k.replace(INDENT, &" ".repeat(at)));
                out.push(':');
                render(v, at, out);
            }
        }
    }
}

fn items_len(g: &G) -> usize {
    match g {
        G::Seq(v, _) => v.len(),
        G::Map(v, _) => v.len(),
        G::Scalar(_) => 1,
    }
}

fn flow(g: &G, out: &mut String) {
    let (open, close) = if matches!(g, G::Seq(..)) {
        ('[', ']')
    } else {
        ('{', '}')
    };
    out.push(open);
    match g {
        G::Seq(items, _) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow(item, out);
            }
        }
        G::Map(entries, _) => {
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(": ");
                flow(v, out);
            }
        }
        G::Scalar(s) => {
            out.pop();
            out.push_str(s);
            return;
        }
    }
    out.push(close);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20000, ..ProptestConfig::default() })]

    #[test]
    fn agrees_on_generated_documents(g in tree(), start in any::<bool>()) {
        let mut doc = String::from(if start { "---\nroot:" } else { "root:" });
        render(&g, 0, &mut doc);
        mutations(&doc, "generated");
    }
}

/// Lines dropped into generated documents at any place and indentation.
fn noise() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "# c",
        "",
        " ",
        "-",
        "- x",
        "k: v",
        "k:",
        "'k': v",
        "\"k\" : v",
        "k: |",
        "k: >-",
        "x",
        "---",
        "...",
        "k: [a,",
        "k: 'a",
        "? k",
        "k: &a v",
        "k: *a",
        "<<: {}",
        "k: v # c",
        "k:v",
        "k: v:",
        "- - x",
        "-   k: v",
        "k: - x",
        "k: {a: b}",
        "\"a\\tb\": c",
        "k: \"\\q\"",
    ])
    .prop_map(String::from)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20000, ..ProptestConfig::default() })]

    #[test]
    fn agrees_with_noise_added(
        g in tree(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..8usize, noise()), 1..4),
        end in any::<bool>(),
    ) {
        let mut doc = String::from("root:");
        render(&g, 0, &mut doc);
        let mut lines: Vec<String> = doc.lines().map(String::from).collect();
        for (at, indent, line) in edits {
            let i = at.index(lines.len() + 1);
            lines.insert(i, format!("{}{line}", " ".repeat(indent)));
        }
        let mut doc = lines.join("\n");
        if end {
            doc.push('\n');
        }
        agree(&doc, "generated with noise");
    }
}
