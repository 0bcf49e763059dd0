//! Properties of the YAML emitter: any tree of strings, emitted and parsed again, gives back
//! the same tree (with our parser, and with PyYAML, a YAML 1.1 reader like Alertmanager's);
//! emitting the parsed tree again gives the same bytes; a tree written straight into a block
//! scalar is the same as its document written there as a string, also when a sequence in it
//! was written ahead item by item.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use am2amp::source::SourceId;
use am2amp::yaml::emit::{push_document_entry, push_item, push_string_entry};
use am2amp::yaml::{Kind, Limits, Node, emit_document, load};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::Value;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "30s",
            "yes",
            "No",
            "~",
            "null",
            "1:20",
            "0x1F",
            "1e3",
            ".5",
            "-",
            "- a",
            "a: b",
            "a #b",
            "#x",
            "...",
            "---",
            "2024-01-01",
            "=",
            "<<",
            " lead",
            "trail ",
            "a\nb",
            "a\n\nb\n",
            " x\ny",
            "\n",
            "a\n  \nb",
            "{a=\"b\"}",
            "severity=~\"crit.*\"",
            "é",
            "\t",
            "x\ty",
            "'q'",
            "\"d\"",
            "k:",
            "@x",
            "%x",
            "|",
            ">",
            "!x",
            "&a",
            "*a",
            "? x",
            "\u{85}",
            "\u{2028}",
            "a\r\nb",
            "\u{feff}x",
        ])
        .prop_map(String::from),
        "[ -~\\n\\t\u{85}\u{a0}\u{2028}é]{0,12}",
        any::<String>(),
    ]
}

fn tree() -> impl Strategy<Value = Node> {
    let leaf = text().prop_map(Node::string);
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Node::seq),
            prop::collection::vec((text(), inner), 0..4).prop_map(|entries| {
                let mut seen = std::collections::HashSet::new();
                Node::map(
                    entries
                        .into_iter()
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .collect(),
                )
            }),
        ]
    })
}

fn to_json(n: &Node) -> Value {
    common::yaml_to_json(n, false)
}

fn reparse(doc: &str) -> Node {
    let (node, diags) = load(doc, SourceId(0), &Limits::default())
        .unwrap_or_else(|d| panic!("{doc:?}: {}", d.message));
    assert!(diags.is_empty(), "{doc:?}: {diags:?}");
    node
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn emitted_trees_round_trip(t in tree()) {
        let doc = emit_document(&t);
        let back = reparse(&doc);
        prop_assert_eq!(to_json(&back), to_json(&t), "{}", doc);
        prop_assert_eq!(emit_document(&back), doc.clone());
        let (mut direct, mut copied) = (String::new(), String::new());
        push_document_entry(&mut direct, "config", &t, None);
        push_string_entry(&mut copied, "config", &doc);
        prop_assert_eq!(&direct, &copied);
        // A sequence's items written ahead, in place of a placeholder.
        let mut placeholder = t.clone();
        let Kind::Map(entries) = &mut placeholder.kind else { return Ok(()) };
        let Some(e) = entries.iter_mut().find(|e| e.value.as_seq().is_some_and(|s| !s.is_empty())) else {
            return Ok(());
        };
        let mut items = String::new();
        for item in e.value.as_seq().unwrap_or_default() {
            push_item(&mut items, item);
        }
        e.value = Node::seq(Vec::new());
        let name = e.key.as_str().unwrap_or_default().to_string();
        let end = am2amp::spill::last_two(&items);
        let mut spliced = String::new();
        let at = push_document_entry(&mut spliced, "config", &placeholder, Some((&name, end)));
        spliced.insert_str(at.expect("the entry"), &items);
        prop_assert_eq!(spliced, direct);
    }
}

/// PyYAML reads every emitted document back to the same strings (YAML 1.1 resolution rules:
/// nothing meant as a string turns into a boolean, number, date or null).
#[test]
fn pyyaml_reads_the_same_strings() {
    // Debian's interpreter, where `apt-get install python3-yaml` puts PyYAML.
    let debian = std::path::PathBuf::from("/usr/bin/python3");
    let Some(python) = debian
        .is_file()
        .then_some(debian)
        .or_else(|| common::oracle("python3"))
    else {
        return;
    };
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let docs: Vec<(String, Value)> = (0..400)
        .map(|_| {
            let t = tree().new_tree(&mut runner).unwrap().current();
            (emit_document(&t), to_json(&t))
        })
        .collect();
    let script = r#"
import json, sys, yaml
docs = json.load(sys.stdin)
out = []
for d in docs:
    try:
        out.append(yaml.load(d, Loader=yaml.SafeLoader))
    except Exception as e:
        out.append({"__error__": str(e)})
json.dump(out, sys.stdout, default=lambda o: {"__type__": type(o).__name__, "repr": repr(o)})
"#;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input: Vec<&str> = docs.iter().map(|(d, _)| d.as_str()).collect();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&input).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python3 with PyYAML (apt-get install -y python3-yaml): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    for ((doc, expected), got) in docs.iter().zip(&parsed) {
        assert_eq!(got, expected, "PyYAML read\n{doc}");
    }
}
