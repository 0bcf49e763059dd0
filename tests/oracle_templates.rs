//! Oracle tests with Alertmanager 0.25's own template engine (`amtool template render`):
//!
//! * am2amp's default templates render exactly like Alertmanager's;
//! * the escaped form of every fixture (its calls going to escaped copies of the templates,
//!   loaded from the file am2amp generates), rendered and decoded as a YAML double-quoted
//!   scalar, gives back exactly the original output, byte for byte;
//! * the parser accepts exactly the fixtures Go's parser accepts.
//!
//! Fixtures: every default template, every templated field of the corpus configs that
//! renders on its own, and hand-written nasty templates; data: adversarial alerts.

mod common;

use am2amp::gotmpl::copies::Copies;
use am2amp::gotmpl::escape::wrap_whole;
use am2amp::gotmpl::library::Library;
use am2amp::gotmpl::{self, defaults, print};
use am2amp::model::templates::Templates;
use am2amp::source::SourceId;
use am2amp::yaml::{Limits, load};
use common::amtool::{Oracle, data_sets};

/// Templated fields of the corpus configs that stand on their own (no user templates, only
/// 0.25 functions, no lint findings).
fn corpus_fields() -> Vec<String> {
    let dir = common::shared().join("corpus");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let Ok((root, _)) = load(&text, SourceId(0), &Limits::default()) else {
            continue;
        };
        let decoded = am2amp::model::decode_config(&root);
        let Some(config) = decoded.config else {
            continue;
        };
        for r in config.receivers.iter().flat_map(|l| l.value.iter()) {
            let mut fields = Vec::new();
            r.value.templates("receivers", &mut fields);
            for f in fields {
                let t = &*f.scalar.value;
                if !t.contains("{{") || out.iter().any(|o| o == t) {
                    continue;
                }
                let Ok(parsed) = gotmpl::parse(t) else {
                    continue;
                };
                let lint = am2amp::gotmpl::lint::lint(
                    &parsed.root,
                    am2amp::gotmpl::types::Ty::Data,
                    &am2amp::gotmpl::lint::Env {
                        user: &Default::default(),
                        target: am2amp::model::Version::V0_25,
                    },
                );
                // Fields calling default templates am2amp does not re-implement (those of
                // integrations AMP cannot run) are left out.
                let escapable = Copies::new(Library::new([]), None)
                    .field(parsed.root.clone())
                    .is_ok();
                if lint.findings.is_empty() && lint.calls.is_empty() && escapable {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
}

fn decode_body(rendered: &str) -> Result<String, String> {
    let doc = format!("\"{rendered}\"");
    let (node, _) = load(&doc, SourceId(0), &Limits::default()).map_err(|d| d.message)?;
    node.as_str()
        .map(String::from)
        .ok_or_else(|| "not a scalar".to_string())
}

fn decode_whole(rendered: &str) -> Result<String, String> {
    let (node, _) = load(&format!("k: {rendered}\n"), SourceId(0), &Limits::default())
        .map_err(|d| d.message)?;
    node.get("k")
        .and_then(|n| n.as_str())
        .map(String::from)
        .ok_or_else(|| "not a scalar".to_string())
}

#[test]
fn templates_render_like_alertmanager() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let oracle = Oracle {
        amtool,
        dir: tempfile::tempdir().unwrap(),
    };
    let data = data_sets(oracle.dir.path());
    let user_file = common::root().join("tests/fixtures/user.tmpl");
    let user = gotmpl::parse(&std::fs::read_to_string(&user_file).unwrap()).unwrap();

    // Our own defaults, renamed so that they can be loaded beside Alertmanager's.
    let ours = oracle.dir.path().join("ours.tmpl");
    std::fs::write(
        &ours,
        defaults::SOURCE
            .replace("define \"", "define \"am2amp.")
            .replace("template \"", "template \"am2amp."),
    )
    .unwrap();
    let mut default_cases = Vec::new();
    // Only what Alertmanager 0.25 defines can be compared with it (checked separately below).
    for d in defaults::parsed()
        .defines
        .iter()
        .filter(|d| defaults::since(&d.name) == Some(am2amp::model::Version::V0_25))
    {
        let arg = if d.name.contains("instances") || d.name.contains("alert_list") {
            ".Alerts"
        } else {
            "."
        };
        default_cases.push((d.name.clone(), arg));
    }

    let mut fixtures: Vec<String> =
        std::fs::read_to_string(common::root().join("tests/fixtures/nasty-templates.txt"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
    fixtures.extend(
        default_cases
            .iter()
            .map(|(n, a)| format!("{{{{ template \"{n}\" {a} }}}}")),
    );
    let corpus = corpus_fields();
    assert!(
        corpus.len() >= 20,
        "too few corpus templates: {}",
        corpus.len()
    );
    fixtures.extend(corpus);

    let mut failures = Vec::new();
    let mut compared = 0;
    for d in &data {
        // 1. Our defaults equal Alertmanager's.
        let upstream: Vec<String> = default_cases
            .iter()
            .map(|(n, a)| format!("{{{{ template \"{n}\" {a} }}}}"))
            .collect();
        let mine: Vec<String> = default_cases
            .iter()
            .map(|(n, a)| format!("{{{{ template \"am2amp.{n}\" {a} }}}}"))
            .collect();
        let (u, m) = (
            oracle.render(&upstream, d, &[&ours]),
            oracle.render(&mine, d, &[&ours]),
        );
        for ((case, u), m) in default_cases.iter().zip(u).zip(m) {
            if u != m {
                failures.push(format!(
                    "default {} on {}: upstream {u:?} != ours {m:?}",
                    case.0,
                    d.display()
                ));
            }
        }

        // slack.default.color (0.32) renders like 0.25's built-in default for `color`.
        let color = oracle.render(
            &[
                "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}".to_string(),
                "{{ template \"am2amp.slack.default.color\" . }}".to_string(),
            ],
            d,
            &[&ours],
        );
        if color[0] != color[1] {
            failures.push(format!("slack.default.color on {}: {color:?}", d.display()));
        }

        // 2. Originals and escaped forms. Fixtures that define templates get their own
        // copies (and are rendered one by one); the others share one generated file.
        let originals = oracle.render(&fixtures, d, &[&user_file]);
        let mut shared = Copies::new(Library::new(user.tree_set(None)), None);
        let mut escaped = Vec::new();
        let mut own_files = Vec::new();
        let mut whole = Vec::new();
        for f in &fixtures {
            let t = gotmpl::parse(f)
                .unwrap_or_else(|e| panic!("am2amp cannot parse fixture {f:?}: {e:?}"));
            let (list, own) = if t.defines.is_empty() {
                (shared.field(t.root.clone()), None)
            } else {
                let mut own = Copies::new(
                    Library::new(user.tree_set(None).into_iter().chain(t.tree_set(None))),
                    None,
                );
                (own.field(t.root.clone()), Some(own.file().expect("a file")))
            };
            let list = list.unwrap_or_else(|at| panic!("escape {f:?}: call at {at:?}"));
            escaped.push(print::nodes(&list));
            own_files.push(own);
            whole.push(match t.root.as_slice() {
                [am2amp::gotmpl::ast::Node::Action(p)] if p.prints() => Some(print::nodes(
                    &[am2amp::gotmpl::ast::Node::Action(wrap_whole(p))].to_vec(),
                )),
                _ => None,
            });
        }
        let shared_file = oracle.dir.path().join("copies.tmpl");
        std::fs::write(&shared_file, shared.file().expect("a file")).unwrap();
        let batch: Vec<String> = escaped
            .iter()
            .zip(&own_files)
            .map(|(e, own)| {
                if own.is_some() {
                    String::new()
                } else {
                    e.clone()
                }
            })
            .collect();
        let mut escaped_out = oracle.render(&batch, d, &[&shared_file]);
        for (i, own) in own_files.iter().enumerate() {
            if let Some(text) = own {
                let file = oracle.dir.path().join("own.tmpl");
                std::fs::write(&file, text).unwrap();
                escaped_out[i] = oracle.run(&escaped[i], d, &[&file]);
            }
        }
        let whole_texts: Vec<String> = whole
            .iter()
            .map(|w| w.clone().unwrap_or_default())
            .collect();
        let whole_out = oracle.render(&whole_texts, d, &[]);
        for (i, original) in originals.iter().enumerate() {
            let Ok(original) = original else {
                // Fixtures must render; an error here is a broken fixture or data set.
                failures.push(format!(
                    "fixture {:?} does not render on {}: {original:?}",
                    fixtures[i],
                    d.display()
                ));
                continue;
            };
            compared += 1;
            match &escaped_out[i] {
                Ok(r) => match decode_body(r) {
                    Ok(v) if &v == original => {}
                    other => failures.push(format!(
                        "escaping changed {:?} on {}: {other:?}",
                        fixtures[i],
                        d.display()
                    )),
                },
                Err(e) => failures.push(format!("escaped {:?} does not render: {e}", escaped[i])),
            }
            if whole[i].is_some() {
                match whole_out[i].as_ref().map(|r| decode_whole(r)) {
                    Ok(Ok(v)) if &v == original => {}
                    other => failures.push(format!(
                        "whole-value form changed {:?} on {}: {other:?}",
                        fixtures[i],
                        d.display()
                    )),
                }
            }
        }
    }
    eprintln!("compared {compared} renders");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn parser_accepts_what_go_accepts() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let oracle = Oracle {
        amtool,
        dir: tempfile::tempdir().unwrap(),
    };
    let data = common::shared().join("testdata/captures-0.25.0/template-data.json");
    let cases = [
        ("{{ .Status }}", true),
        ("{{ if .Status }}x{{ end }}", true),
        ("{{ if .Status }}x", false),
        ("{{ end }}", false),
        ("{{ $x }}", false),
        ("{{ $x := 1 }}{{ $x }}", true),
        ("{{ range $i, $v := .Alerts }}{{ $i }}{{ end }}", true),
        ("{{ range $a, $b, $c := .Alerts }}{{ end }}", false),
        ("{{ break }}", false),
        ("{{ range .Alerts }}{{ break }}{{ end }}", true),
        ("{{ .X | 3 }}", false),
        ("{{ }}", false),
        ("{{ \"unterminated }}", false),
        ("{{- .Status -}}", true),
        ("{{/* c */}}", true),
        ("{{/* c */ }}", false),
        ("{{ 3x }}", false),
        ("{{ 0x1F }}{{ 1e3 }}{{ 'a' }}", true),
        ("{{ (.Status) }}", true),
        ("{{ (.Status }}", false),
        ("{{ template \"__subject\" . }}", true),
        ("{{ template . }}", false),
        ("{{ else }}", false),
        ("{{ if .A }}{{ else if .B }}{{ else }}{{ end }}", true),
        ("{{ range .Alerts }}{{ else if .B }}{{ end }}", false),
        ("{{ with $x := .Status }}{{ $x }}{{ end }}", true),
        ("{{ .Status.@ }}", false),
        ("{{ \"x\".Y }}", false),
        ("{{ define \"a\" }}{{ end }}{{ template \"a\" }}", true),
        ("{{ if }}{{ end }}", false),
    ];
    let mut failures = Vec::new();
    for (text, valid) in cases {
        let ours = gotmpl::parse(text).is_ok();
        // Go reports parse errors with "template:"; execution errors show "executing".
        let go = match oracle.run(text, &data, &[]) {
            Ok(_) => true,
            Err(e) => e.contains("executing"),
        };
        if ours != valid || go != valid {
            failures.push(format!(
                "{text:?}: expected {valid}, am2amp {ours}, Go {go}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
