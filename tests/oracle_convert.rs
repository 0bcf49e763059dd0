//! Proof, with Alertmanager 0.25's own tools, that converted definitions work:
//!
//! * the inner config of every converted sample and corpus config passes
//!   `amtool check-config` (template files written beside it);
//! * for every route path, a label set built from its matchers reaches the same receivers
//!   before and after (`amtool config routes test`);
//! * every generated message, rendered by `amtool template render` for hostile alert data,
//!   is YAML that matches `docs/contract.schema.json`, names its receiver and integration,
//!   and carries the webhook alerts exactly.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use am2amp::check::{CheckOptions, analyse};
use am2amp::convert::{ConvertOptions, convert_input};
use am2amp::source::SourceId;
use am2amp::translate::{self, Topics};
use am2amp::yaml::{Limits, Node, load};
use common::amtool::{Oracle, data_sets};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct Definition {
    alertmanager_config: String,
    #[serde(default)]
    template_files: BTreeMap<String, String>,
}

/// A converted input: where it came from and what came out.
struct Case {
    original: PathBuf,
    definition: Definition,
}

fn options() -> ConvertOptions {
    ConvertOptions {
        translate: translate::Options {
            topics: Topics {
                template: Some("arn:aws:sns:eu-west-1:123456789012:{receiver}".into()),
                ..Default::default()
            },
            drop_unsupported: true,
            ..Default::default()
        },
        ..Default::default()
    }
}

fn yml_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    v.sort();
    v
}

/// Every sample and corpus config that amtool 0.25 accepts and am2amp converts.
fn cases(amtool: &Path) -> Vec<Case> {
    let mut inputs = yml_files(&common::root().join("samples/convert"));
    inputs.push(common::root().join("samples/alertmanager.yml"));
    inputs.extend(yml_files(&common::shared().join("corpus")));
    let mut out = Vec::new();
    for path in inputs {
        let accepted = Command::new(amtool)
            .arg("check-config")
            .arg(&path)
            .output()
            .unwrap()
            .status
            .success();
        if !accepted {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let c = convert_input("input", Some(&path), bytes, &options());
        let Some(def) = c.output.filter(|_| !c.report.has_errors()) else {
            continue;
        };
        let definition: Definition = serde_saphyr::from_str(&def.read().unwrap()).unwrap();
        out.push(Case {
            original: path,
            definition,
        });
    }
    eprintln!("{} inputs converted", out.len());
    assert!(out.len() >= 25, "only {} inputs converted", out.len());
    out
}

/// Writes a case's inner config and template files into their own directory.
fn write_case(dir: &Path, i: usize, case: &Case) -> PathBuf {
    let d = dir.join(format!("case{i}"));
    std::fs::create_dir_all(&d).unwrap();
    for (name, text) in &case.definition.template_files {
        std::fs::write(d.join(name), text).unwrap();
    }
    let cfg = d.join("alertmanager.yml");
    std::fs::write(&cfg, &case.definition.alertmanager_config).unwrap();
    cfg
}

#[test]
fn converted_configs_pass_amtool_check_config() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cases = cases(&amtool);
    let files: Vec<PathBuf> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| write_case(dir.path(), i, c))
        .collect();
    let out = Command::new(&amtool)
        .arg("check-config")
        .args(&files)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for (file, case) in files.iter().zip(&cases) {
        let header = format!("Checking '{}'  SUCCESS", file.display());
        assert!(
            text.contains(&header),
            "{} (from {}) fails check-config:\n{text}",
            file.display(),
            case.original.display()
        );
    }
    assert!(out.status.success(), "{text}");
}

fn routes_test(amtool: &Path, config: &Path, labels: &BTreeMap<String, String>) -> String {
    let args: Vec<String> = labels
        .iter()
        .map(|(n, v)| format!("{n}={}", am2amp::alertmanager::strconv::quote(v)))
        .collect();
    let out = Command::new(amtool)
        .args(["config", "routes", "test"])
        .arg(format!("--config.file={}", config.display()))
        .args(&args)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn routes_reach_the_same_receivers() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut tested = 0;
    for (i, case) in cases(&amtool).iter().enumerate() {
        let converted = write_case(dir.path(), i, case);
        let bytes = std::fs::read(&case.original).unwrap();
        let checked = analyse(
            "input",
            Some(&case.original),
            bytes,
            &CheckOptions::default(),
        );
        let Some(route) = checked.config.as_ref().and_then(|c| c.route.as_ref()) else {
            continue;
        };
        for labels in common::route_label_sets(route) {
            let before = routes_test(&amtool, &case.original, &labels);
            let after = routes_test(&amtool, &converted, &labels);
            assert_eq!(before, after, "{} with {labels:?}", case.original.display());
            tested += 1;
        }
    }
    eprintln!("{tested} route paths tested");
    assert!(tested >= 50, "only {tested} route paths tested");
}

fn to_json(n: &Node) -> Value {
    common::yaml_to_json(n, true)
}

/// Every contract message of a definition, with the attributes of its SNS entry.
fn messages(def: &Definition) -> Vec<(String, BTreeMap<String, String>)> {
    #[derive(Deserialize)]
    struct Inner {
        #[serde(default)]
        receivers: Vec<Receiver>,
    }
    #[derive(Deserialize)]
    struct Receiver {
        #[serde(default)]
        sns_configs: Vec<Sns>,
    }
    #[derive(Deserialize)]
    struct Sns {
        #[serde(default)]
        message: String,
        #[serde(default)]
        attributes: BTreeMap<String, String>,
    }
    let inner: Inner = serde_saphyr::from_str(&def.alertmanager_config).unwrap();
    inner
        .receivers
        .into_iter()
        .flat_map(|r| r.sns_configs)
        .filter(|s| s.attributes.contains_key("am2amp_contract"))
        .map(|s| (s.message, s.attributes))
        .collect()
}

#[test]
fn messages_render_to_yaml_that_matches_the_schema() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("docs/contract.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let oracle = Oracle {
        amtool: amtool.clone(),
        dir: tempfile::tempdir().unwrap(),
    };
    let data = data_sets(oracle.dir.path());
    let mut checked = 0;
    for (i, case) in cases(&amtool).iter().enumerate() {
        let msgs = messages(&case.definition);
        if msgs.is_empty() {
            continue;
        }
        let cfg = write_case(oracle.dir.path(), i, case);
        let files: Vec<PathBuf> = case
            .definition
            .template_files
            .keys()
            .map(|n| cfg.parent().unwrap().join(n))
            .collect();
        let globs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let texts: Vec<String> = msgs.iter().map(|(m, _)| m.clone()).collect();
        for d in &data {
            let alerts: Value = serde_json::from_str::<Value>(&std::fs::read_to_string(d).unwrap())
                .unwrap()["alerts"]
                .clone();
            for (rendered, (_, attrs)) in oracle.render(&texts, d, &globs).into_iter().zip(&msgs) {
                let rendered = rendered.unwrap_or_else(|e| {
                    panic!("{}: message does not render: {e}", case.original.display())
                });
                let (node, _) =
                    load(&rendered, SourceId(0), &Limits::default()).unwrap_or_else(|e| {
                        panic!(
                            "{}: rendered message is not YAML: {}\n{rendered}",
                            case.original.display(),
                            e.message
                        )
                    });
                let msg = to_json(&node);
                let errors: Vec<String> = validator
                    .iter_errors(&msg)
                    .map(|e| format!("{e} at {}", e.instance_path()))
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{}: {errors:?}\n{rendered}",
                    case.original.display()
                );
                assert_eq!(msg["integration"], json!(attrs["am2amp_integration"]));
                assert_eq!(msg["receiver"], json!(attrs["am2amp_receiver"]));
                if let Some(w) = msg.get("webhook") {
                    let max = w["max_alerts"].as_u64().unwrap() as usize;
                    let all = alerts.as_array().unwrap();
                    let kept = if max == 0 {
                        all.len()
                    } else {
                        all.len().min(max)
                    };
                    assert_eq!(w["total_alerts"], json!(all.len()));
                    assert_eq!(
                        w["alerts"],
                        Value::Array(all[..kept].to_vec()),
                        "{}",
                        case.original.display()
                    );
                }
                checked += 1;
            }
        }
    }
    eprintln!("{checked} rendered messages checked");
    assert!(checked >= 100, "only {checked} rendered messages checked");
}

/// Whether amtool accepts `text`; asserts that am2amp reports an error exactly when it does
/// not, and that the inner config converted from an accepted one passes amtool too.
fn same_verdict(amtool: &Path, dir: &Path, i: usize, text: &str) -> bool {
    let input = dir.join(format!("input{i}.yml"));
    std::fs::write(&input, text).unwrap();
    let check = |path: &Path| {
        let out = Command::new(amtool)
            .arg("check-config")
            .arg(path)
            .output()
            .unwrap();
        (out.status.success(), common::text(&out.stdout))
    };
    let (ok, says) = check(&input);
    let c = convert_input("input", Some(&input), text.as_bytes(), &options());
    let errors: Vec<_> = c
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        ok,
        errors.is_empty(),
        "{text}amtool: {says}am2amp: {errors:?}"
    );
    let Some(def) = c.output.filter(|_| ok) else {
        return false;
    };
    let definition: Definition = serde_saphyr::from_str(&def.read().unwrap()).unwrap();
    let case = Case {
        original: input,
        definition,
    };
    let (ok, says) = check(&write_case(dir, i, &case));
    assert!(
        ok,
        "{text}converted:\n{}\n{says}",
        case.definition.alertmanager_config
    );
    true
}

/// How many of `configs` amtool accepts, each checked with [`same_verdict`].
fn accepted(amtool: &Path, configs: &[impl AsRef<str>]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    configs
        .iter()
        .enumerate()
        .filter(|(i, text)| same_verdict(amtool, dir.path(), *i, text.as_ref()))
        .count()
}

/// Tagged values (`!!str null`, a mistyped `!='warning'`, `!foo true`) are read as Alertmanager
/// reads them: a tag other than a core boolean, number or timestamp one makes a string. Each
/// config gets amtool's verdict, and the inner config converted from an accepted one passes
/// amtool too (it used to lose the tag and write `receiver: null`).
#[test]
fn tagged_values_keep_alertmanagers_reading() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let configs = [
        "route: {receiver: !!str null}\nreceivers: [{name: 'null'}]\n",
        "route: {receiver: a, group_by: [!!str true, ! yes]}\nreceivers: [{name: a}]\n",
        "route: {receiver: a}\nreceivers: [{name: a}]\ninhibit_rules:\n- source_match:\n    severity: !='warning'\n  target_match: {severity: info}\n",
        "route: {receiver: a, repeat_interval: !!str 4h}\nreceivers: [{name: a, webhook_configs: [{url: !x 'http://h', send_resolved: !!bool yes, max_alerts: !!int 3}]}]\n",
        "route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'http://h', send_resolved: !!str true}]}]\n",
        "route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'http://h', send_resolved: !foo true}]}]\n",
        "route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'http://h', max_alerts: !!str 3}]}]\n",
    ];
    assert_eq!(accepted(&amtool, &configs), 4);
}

/// A core tag must fit its text (`!!int foo` makes Alertmanager refuse the file), and once it
/// does, the text decides the value however it is quoted; `!!binary` text is base64.
#[test]
fn core_tags_are_read_as_alertmanager_reads_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let webhook = |fields: &str| {
        format!(
            "route: {{receiver: a}}\nreceivers: [{{name: a, webhook_configs: [{{{fields}}}]}}]\n"
        )
    };
    let configs = [
        webhook("url: 'http://h', max_alerts: !!int \"3\", send_resolved: !!bool 'no'"),
        webhook("url: !!binary aHR0cDovL2g=, max_alerts: !!float 3"),
        webhook("url: 'http://h', max_alerts: !!int foo"),
        webhook("url: 'http://h', send_resolved: !!bool 5"),
        webhook("url: !!null x"),
        webhook("url: !!binary 'not base64'"),
        "route: {receiver: a, repeat_interval: !!timestamp 4h}\nreceivers: [{name: a}]\n".into(),
        "route: {receiver: !!timestamp 2001-12-14}\nreceivers: [{name: '2001-12-14'}]\n".into(),
    ];
    assert_eq!(accepted(&amtool, &configs), 3);
    // Go's number and timestamp rules at their edges: eight are refused for their tag, and
    // three more are not URLs Alertmanager accepts as `proxy_url`.
    let edges = [
        "!!int 08",
        "!!float 0x10",
        "!!int 1_000",
        "!!int +5",
        "!!bool 1",
        "!!int 0b101",
        "!!int -0x1F",
        "!!int 9223372036854775808",
        "!!int -9223372036854775809",
        "!!float .5",
        "!!float 1e999",
        "!!null ~",
        "!!bool Off",
        "!!bool oFF",
        "!!int 0o17",
        "!!float 1_0.5",
        "!!float .inf",
        "!!int 1.0",
        "!!timestamp 2001-12-14t21:59:43.10-05:00",
        "!!timestamp '2001-12-14 21:59:43.10'",
        "!!timestamp 2001-12-14T21:59:43",
        "!!timestamp 2000-02-30",
        "!!timestamp 2001-12-14T21:59:43+24:00",
        "!!float '1.5'",
    ];
    let configs = edges.map(|v| {
        format!("route: {{receiver: a}}\nreceivers:\n- name: a\n  webhook_configs:\n  - url: http://h\n    http_config:\n      proxy_url: {v}\n")
    });
    assert_eq!(accepted(&amtool, &configs), 13);
}

/// Alertmanager reads the first YAML document and nothing after its end, so text there that
/// does not parse changes nothing; a broken first document is refused by both.
#[test]
fn nothing_after_the_first_document_decides_the_verdict() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let config =
        "route: {receiver: a}\nreceivers:\n- name: a\n  webhook_configs:\n  - url: http://h\n";
    let configs = [
        format!("{config}--- b: [\n"),
        format!("{config}---\n  b: 1\n c: [\n"),
        format!("{config}...   - name: b\n"),
        format!("{config}%YAML 1.1\n---\nreceivers: 1\n"),
        format!("route: {{receiver: a}}\nreceivers: [\n---\n{config}"),
    ];
    assert_eq!(accepted(&amtool, &configs), 4);
}

/// U+0085, U+2028 and U+2029 end a line for Alertmanager's YAML 1.1 reader: at a line start
/// they are an empty line, inside a plain value they end it, in a comment they end it.
#[test]
fn yaml_1_1_line_breaks_keep_alertmanagers_reading() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let route = "route:\n  receiver: a\n  group_wait: 10s\n";
    let configs = [
        format!("{route}\u{2028}receivers:\n- name: a\n"),
        format!("{route}receivers:\n\u{85}  - name: a\n"),
        format!("{route}  # wait\u{2029}  group_by: [x]\nreceivers:\n- name: a\n"),
        format!("{route}  repeat_interval: \u{2028}4h\nreceivers:\n- name: a\n"),
        format!("{route}  repeat_interval: 4h\u{85}x\nreceivers:\n- name: a\n"),
    ];
    assert_eq!(accepted(&amtool, &configs), 3);
}

/// A quoted value whose continuation lines sit at or left of its block (or start with a tab)
/// is read as Alertmanager's libyaml reads it, not refused as YAML 1.2 would; a tab that
/// indents a block is still an error in both.
#[test]
fn quoted_lines_left_of_their_block_keep_alertmanagers_reading() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let slack = "route: {receiver: a}\nreceivers:\n- name: a\n  slack_configs:\n  - api_url: http://h\n    channel: '#c'\n";
    let configs = [
        format!("{slack}    text: \"{{{{ .Status }}}} first\nsecond\n\tthird\"\n"),
        format!(
            "{slack}    title: 'it''s\n  {{{{ .CommonLabels.alertname }}}}'\n    text: \"a\\\"\n b\"\n"
        ),
        format!("{slack}    text: x\n\tfooter: y\n"),
    ];
    assert_eq!(accepted(&amtool, &configs), 2);
}

/// A comment right after a token (`channel: '#c'#team`) is read as Alertmanager's libyaml
/// reads it, not refused as YAML 1.2 would; where the comment then swallows a closing
/// bracket, both refuse the file.
#[test]
fn comments_right_after_a_token_keep_alertmanagers_reading() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let slack = "route: {receiver: a}\nreceivers:\n- name: a\n  slack_configs:\n  - api_url: http://h\n    channel: '#c'#team\n";
    let configs = [
        format!("{slack}    text: \"{{{{ .Status }}}}\"#c\n"),
        format!("{slack}    fields: [{{title: a, value: b}}]#c\n    actions: []#d\n"),
        format!("{slack}    text: |#c\n      {{{{ .Status }}}}\n    'title': >-#d\n      x\n"),
        format!("{slack}    text: ['x'#c]\n"),
        format!("{slack}    text: [x]#c\n"),
    ];
    assert_eq!(accepted(&amtool, &configs), 3);
}

/// Tabs where libyaml expects a token (a line's leading whitespace, right after `- `), left
/// of the indentation of the value above or in a block value's indentation make Alertmanager
/// refuse the file, though YAML 1.2 allows them; tabs libyaml skips (after a value on its
/// line, in a comment, a quoted value or a flow collection, or at or right of the value
/// above's indentation) do not.
#[test]
fn tabs_are_read_as_alertmanager_reads_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let route = "route:\n  receiver: a\n  group_wait: 10s\n";
    let slack = "receivers:\n- name: a\n  slack_configs:\n  - api_url: http://h\n";
    let configs = [
        format!("{route}receivers:\n- name: a\t# x\t\n"),
        "route:\n  receiver:\ta\n  group_wait: 10s\n      \t\nreceivers:\n- name: a\n".to_string(),
        "route: {receiver: a,\n\t group_by: [a]}\nreceivers:\n- name: a\n".to_string(),
        format!("{route}  group_by: [a,\n\t b]\nreceivers:\n- name: a\n"),
        format!("{route}{slack}    text: 'x\n\ty'\n"),
        format!("{route}receivers:\n- &r\tname: a\n"),
        format!("{route}\t\nreceivers:\n- name: a\n"),
        format!("{route}receivers:\n- name: a\n\t\n"),
        format!("{route}receivers:\n- \tname: a\n"),
        format!("{route}  # wait\n\t# more\nreceivers:\n- name: a\n"),
        format!("{route}{slack}    text: |\n      \tx\n"),
        format!("{route}  group_by:\n  - x\n  \t\nreceivers:\n- name: a\n"),
        format!("{route}{slack}    text: |\n      x\n\n \t\n"),
        format!("{route}\tgroup_by: [a,\n\t b]\nreceivers:\n- name: a\n"),
    ];
    assert_eq!(accepted(&amtool, &configs), 6);
}

/// Regular expressions are read with Go's syntax, not the `regex` crate's: a `{` that starts
/// no valid repetition and a `[` inside a class are literals, `(?)` is an empty flag group,
/// `\p{^Greek}` a negated script; nested repetition, `\1`, the flags `x` and `u`, `(?<n>`,
/// an unclosed `\Q`, unknown classes and nested counts past 1,000 are errors.
#[test]
fn regular_expressions_are_read_as_alertmanager_reads_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    #[rustfmt::skip]
    let accepted_by_go = [
        r"a{", r"a{,2}", r"a{01001}", r#"foo{bar="baz"}"#, r"{{ .x }}", r"[[]", r"[a[b]]",
        r"[\d-z]", r"(?)", r"(?i-i)a", r"\p{^Greek}", r"\12", r"\x{41}", r"\_", r"a{2,1000}",
    ];
    #[rustfmt::skip]
    let refused_by_go = [
        r"a**", r"a{2}{3}", r"x*{2}", r"[[:foo:]]", r"[a--b]", r"\1", r"\18", r"\p{Emoji}",
        r"(?x)a", r"(?<n>a)", r"(?P<a.b>x)", r"\Qa", r"[\Q]\E]", r"(a{1000}){1000}", r"\u0041",
        r"a{1001}", r"(unclosed",
    ];
    let configs: Vec<String> = accepted_by_go
        .iter()
        .chain(&refused_by_go)
        .map(|re| {
            format!("route:\n  receiver: a\n  routes:\n  - receiver: a\n    match_re:\n      x: '{re}'\nreceivers:\n- name: a\n")
        })
        .collect();
    assert_eq!(accepted(&amtool, &configs), accepted_by_go.len());
}

/// A URL's `user:password@` is checked as Go's `url.Parse` checks it: RFC 3986's characters
/// (`@` and `:` among them) and valid `%` escapes.
#[test]
fn userinfo_in_urls_is_read_as_alertmanager_reads_it() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let urls = [
        "http://u:p:q@h/",
        "http://a@b@h/",
        "http://u%41:p!$&'()*+,;=~@h/",
        "http://@h/",
        "http://user:pa ss@h/",
        "http://u[x]@h/",
        "http://\u{fc}@h/",
        "http://u\\\"@h/",
        "http://us%zzer@h/",
        "http://u:p%@h/",
    ];
    let configs: Vec<String> = urls
        .iter()
        .map(|u| format!("route:\n  receiver: a\nreceivers:\n- name: a\n  webhook_configs:\n  - url: \"{u}\"\n"))
        .collect();
    assert_eq!(accepted(&amtool, &configs), 4);
}

/// Alertmanager reads any integer as a month (`13` matches none) and only compares the two
/// ends of a range; names must be months.
#[test]
fn month_numbers_are_read_as_alertmanager_reads_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let configs: Vec<String> = ["13", "0", "-1:12", "13:december", "smarch"]
        .iter()
        .map(|m| format!("route:\n  receiver: a\n  routes:\n  - receiver: a\n    mute_time_intervals: [t]\nreceivers:\n- name: a\ntime_intervals:\n- name: t\n  time_intervals:\n  - months: ['{m}']\n"))
        .collect();
    assert_eq!(accepted(&amtool, &configs), 3);
}

/// A TLS version that is null is unset, as Go's unmarshaller is never called for it; an
/// empty string is a version name Alertmanager does not know.
#[test]
fn empty_tls_versions_are_read_as_alertmanager_reads_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let configs: Vec<String> = ["", "~", "!!null ''", "TLS12", "''", "!!str", "TLS14"]
        .iter()
        .map(|v| format!("route:\n  receiver: a\nreceivers:\n- name: a\n  webhook_configs:\n  - url: http://h/\n    http_config:\n      tls_config:\n        min_version: {v}\n"))
        .collect();
    assert_eq!(accepted(&amtool, &configs), 4);
}

/// A null entry in a list Go declares as values (not pointers) is the zero value, read
/// without the entry's checks: `weekdays: [~]` is Sunday, `inhibit_rules: [~]` a rule that
/// inhibits nothing, `time_intervals: [~]` an interval named "" (twice is a duplicate). Null
/// routes, receivers and integrations crash Alertmanager and stay errors.
#[test]
fn null_list_entries_are_read_as_alertmanager_reads_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let interval = |spec: &str| {
        format!(
            "route:\n  receiver: a\n  routes:\n  - receiver: a\n    mute_time_intervals: [t]\nreceivers:\n- name: a\ntime_intervals:\n- name: t\n  time_intervals:\n  - {spec}\n"
        )
    };
    let plain = |rest: &str| format!("route:\n  receiver: a\nreceivers:\n- name: a\n{rest}");
    let accepted_by_go = [
        interval("weekdays: [~, monday]"),
        interval("days_of_month: [~]"),
        interval("months: [null]"),
        interval("years: [!!null '']"),
        interval("times: [~]"),
        interval("~"),
        plain("inhibit_rules: [~]\n"),
        plain("inhibit_rules:\n- source_matchers: [a=b]\n  target_matchers: [c=d]\n  equal: [~, x]\n"),
        plain("  pagerduty_configs: [{routing_key: k, images: [~], links: [~]}]\n"),
        "route:\n  receiver: a\n  routes:\n  - receiver: a\n    mute_time_intervals: ['']\nreceivers:\n- name: a\ntime_intervals: [~]\n".to_string(),
    ];
    let refused_by_go = [
        interval("weekdays: ['']"),
        interval("times: [~, {start_time: '10:00', end_time: '09:00'}]"),
        plain("time_intervals: [~]\nmute_time_intervals: [~]\n"),
        plain(
            "inhibit_rules:\n- source_matchers: [a=b]\n  target_matchers: [c=d]\n  equal: ['']\n",
        ),
        plain("- ~\n"),
        plain("  webhook_configs: [~]\n"),
    ];
    let configs: Vec<&String> = accepted_by_go.iter().chain(&refused_by_go).collect();
    assert_eq!(accepted(&amtool, &configs), accepted_by_go.len());
}

/// Go's parser refuses a template file that names an unknown function anywhere (even where
/// nothing calls it) or defines one name twice with a body each; a definition with an empty
/// body is no second definition.
#[test]
fn template_files_are_parsed_as_alertmanager_parses_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let files = tempfile::tempdir().unwrap();
    let config = |i: usize, text: &str| {
        let file = files.path().join(format!("t{i}.tmpl"));
        std::fs::write(&file, text).unwrap();
        format!(
            "templates: ['{}']\nroute:\n  receiver: a\nreceivers:\n- name: a\n",
            file.display()
        )
    };
    let accepted_by_go = [
        r#"{{ define "a" }} {{/* c */}} {{ end }}{{ define "a" }}x{{ end }}"#,
        r#"{{ define "a" }}x{{ end }}{{ define "a" }}{{ end }}"#,
        r#"{{ define "slack.default.title" }}{{ end }}{{ toUpper "x" }}"#,
    ];
    let refused_by_go = [
        "{{ .Foo | nofunc }}",
        r#"{{ if 1 }}{{ else }}{{ nofunc }}{{ end }}{{ define "a" }}x{{ end }}"#,
        r#"{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}"#,
        r#"{{ block "a" . }}x{{ end }}{{ define "a" }}{{ .X }}{{ end }}"#,
    ];
    let configs: Vec<String> = accepted_by_go
        .iter()
        .chain(&refused_by_go)
        .enumerate()
        .map(|(i, t)| config(i, t))
        .collect();
    assert_eq!(accepted(&amtool, &configs), accepted_by_go.len());
}

/// A `<<` key merges when libyaml calls it implicit (plain, or tagged only `!`, however it is
/// quoted) or it carries the `!!merge` tag, as yaml.v2's `isMerge` decides; `!!str <<` is a
/// key like any other.
#[test]
fn merge_keys_are_read_as_alertmanager_reads_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let keys = [
        "!!merge <<",
        "!!merge '<<'",
        "!<tag:yaml.org,2002:merge> <<",
        "! <<",
        "! \"<<\"",
        "<<",
        "'<<'",
        "!!str <<",
    ];
    let configs: Vec<String> = keys
        .iter()
        .map(|k| format!("route:\n  receiver: a\nreceivers:\n- name: a\n  webhook_configs:\n  - {k}: {{url: 'http://h/'}}\n"))
        .collect();
    assert_eq!(accepted(&amtool, &configs), 6);
}

/// yaml.v2 applies `<<` merges where they stand: a merge replaces keys written before it, the
/// later of two merges wins, and in a merged sequence the first mapping wins.
#[test]
fn merges_apply_in_alertmanagers_order() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let route = |body: &str| format!("route:\n{body}receivers:\n- name: a\n");
    let accepted_by_go = [
        route("  receiver: nope\n  <<: {receiver: a}\n"),
        route("  <<: {receiver: nope}\n  <<: {receiver: a}\n"),
        route("  <<: [{receiver: a}, {receiver: nope}]\n"),
        route("  <<: {receiver: nope}\n  receiver: a\n"),
    ];
    let refused_by_go = [
        route("  receiver: a\n  <<: {receiver: nope}\n"),
        route("  <<: {receiver: a}\n  <<: {receiver: nope}\n"),
        route("  <<: [{receiver: nope}, {receiver: a}]\n"),
    ];
    let configs: Vec<&String> = accepted_by_go.iter().chain(&refused_by_go).collect();
    assert_eq!(accepted(&amtool, &configs), accepted_by_go.len());
}

/// `templates:` entries are Go `filepath.Glob` patterns: `[^x]` negates and `[!x]` is a class
/// holding `!`, `\` escapes, `**` is `*`, a malformed class or a trailing `\` is an error, and a
/// matched directory cannot be read. A file that does not parse shows whether Go matched it.
#[test]
fn template_globs_match_as_alertmanager_matches_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let files = tempfile::tempdir().unwrap();
    let t = files.path().join("t");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(t.join("bad.tmpl"), "{{").unwrap();
    std::fs::write(t.join("ok.tmpl"), "{{ define \"ok\" }}x{{ end }}").unwrap();
    let config = |pattern: &str| {
        let pattern = format!("{}/{pattern}", files.path().display());
        format!("templates: ['{pattern}']\nroute:\n  receiver: a\nreceivers:\n- name: a\n")
    };
    let accepted_by_go = [
        r"t/[!o]k.tmpl",
        r"t/[^b]*",
        r"t/{bad,x}.tmpl",
        r"t/bad.tmpl/",
        r"t/o?.tmpl",
    ];
    let refused_by_go = [
        r"t/[!b]ad.tmpl",
        r"t/\bad.tmpl",
        r"t/[^o]*",
        r"t/[]a]*",
        r"t/[a-]*",
        r"t/ok.tmpl\",
        r"t",
        r"**/*.tmpl",
    ];
    let configs: Vec<String> = accepted_by_go
        .iter()
        .chain(&refused_by_go)
        .map(|p| config(p))
        .collect();
    assert_eq!(accepted(&amtool, &configs), accepted_by_go.len());
}

/// yaml.v2 decodes a value into what its field already holds: a map that a `<<` merge and the
/// mapping itself both set keeps the keys of both and refuses a key in both; a struct without
/// defaults to start from (`route`, `basic_auth`, `authorization`, `oauth2`, a Slack
/// `confirm`) keeps the fields the later value leaves out; `global`, `http_config` and `sigv4`
/// start again. Inside a map a merge may not set a key the map has. The root route decoded
/// twice groups by the labels of both. An alias merges only when it names a mapping. A route
/// whose `match` is joined routes the same after conversion.
#[test]
fn merged_mappings_join_as_alertmanager_joins_them() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let receiver = |body: &str| format!("route: {{receiver: a}}\nreceivers:\n- name: a\n  {body}");
    let webhook = |http: &str| {
        receiver(&format!(
            "webhook_configs:\n  - url: http://h/\n    http_config:\n{http}"
        ))
    };
    let joined_match = "route:\n  receiver: a\n  routes:\n  - &m\n    match: {x: '1'}\n    receiver: a\n  - <<: *m\n    match: {y: '2'}\n    receiver: b\nreceivers:\n- name: a\n- name: b\n";
    let accepted_by_go = [
        joined_match.to_string(),
        receiver(
            "webhook_configs:\n  - <<: {http_config: {bearer_token: x}}\n    url: http://h/\n    http_config: {basic_auth: {username: u}}\n",
        ),
        format!(
            "<<: {{global: {{slack_api_url: 'http://x/'}}}}\nglobal: {{slack_api_url_file: /f}}\n{}",
            receiver("\n")
        ),
        receiver(
            "slack_configs:\n  - api_url: http://x/\n    actions:\n    - {type: button, text: t, url: 'http://u/', <<: {confirm: {text: a}}, confirm: {title: b}}\n",
        ),
        webhook(
            "      oauth2:\n        <<: {client_id: i, client_secret: s, token_url: 'http://t/'}\n        scopes: [a]\n      <<: {oauth2: {client_id: j}}\n",
        ),
    ];
    let refused_by_go = [
        "route:\n  receiver: a\n  routes:\n  - <<: {match: {x: '1'}}\n    match: {x: '2'}\n    receiver: a\nreceivers:\n- name: a\n".to_string(),
        receiver("pagerduty_configs:\n  - <<: {details: {firing: '1'}}\n    routing_key: k\n    details: {firing: '2'}\n"),
        receiver("sns_configs:\n  - <<: {attributes: {x: '1'}}\n    topic_arn: 'arn:aws:sns:us-east-1:1:t'\n    attributes: {x: '2'}\n"),
        format!("{}inhibit_rules:\n- <<: {{source_match: {{x: '1'}}}}\n  source_match: {{x: '2'}}\n  target_match: {{y: '1'}}\n", receiver("\n")),
        webhook("      <<: {basic_auth: {username: u, password: p}}\n      basic_auth: {password_file: /f}\n"),
        webhook("      <<: {authorization: {credentials: c}}\n      authorization: {credentials_file: /f}\n"),
        webhook("      oauth2:\n        client_id: i\n        client_secret: s\n        token_url: 'http://t/'\n        <<: {endpoint_params: {x: '1'}}\n        endpoint_params: {x: '2'}\n"),
        "<<: {route: {receiver: a, continue: true}}\nroute: {receiver: a}\nreceivers:\n- name: a\n".to_string(),
        "route:\n  receiver: a\n  routes:\n  - <<: [{match: {x: '1'}}, {match: {x: '2'}}]\n    receiver: a\nreceivers:\n- name: a\n".to_string(),
        "route:\n  receiver: a\n  routes:\n  - match: {x: '1', <<: {x: '1'}}\n    receiver: a\nreceivers:\n- name: a\n".to_string(),
        "route: {receiver: a, group_by: [x]}\n<<: {route: {receiver: a, group_by: [x]}}\nreceivers:\n- name: a\n".to_string(),
        "route: {receiver: a, group_by: ['...']}\n<<: {route: {receiver: a, group_by: [y]}}\nreceivers:\n- name: a\n".to_string(),
        "route: {receiver: a, group_by: [x]}\n<<: {route: {receiver: a}}\nreceivers:\n- name: a\n".to_string(),
        "inhibit_rules: &s [{source_match: {a: '1'}, target_match: {b: '1'}}]\nroute: {<<: *s, receiver: a}\nreceivers:\n- name: a\n".to_string(),
        receiver("sns_configs:\n  - topic_arn: 'arn:aws:sns:us-east-1:1:t'\n    <<: {sigv4: {region: us-east-1, access_key: a}}\n    sigv4: {secret_key: s}\n"),
    ];
    let configs: Vec<&String> = accepted_by_go.iter().chain(&refused_by_go).collect();
    assert_eq!(accepted(&amtool, &configs), accepted_by_go.len());

    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("joined.yml");
    std::fs::write(&input, joined_match).unwrap();
    let c = convert_input("input", Some(&input), joined_match.as_bytes(), &options());
    let definition: Definition =
        serde_saphyr::from_str(&c.output.expect("converted").read().unwrap()).unwrap();
    let converted = write_case(
        dir.path(),
        0,
        &Case {
            original: input.clone(),
            definition,
        },
    );
    let labels = BTreeMap::from([("y".to_string(), "2".to_string())]);
    let before = routes_test(&amtool, &input, &labels);
    assert_eq!(before.lines().next(), Some("a"), "{before}");
    assert_eq!(before, routes_test(&amtool, &converted, &labels));
}

/// Go parses a template file each time a `templates:` entry matches it, so a file matched again
/// by a later entry wins over the files matched between: the converted message renders what
/// Alertmanager renders (`amtool template render` with the same globs, in the same order).
#[test]
fn a_template_file_matched_again_wins_as_in_alertmanager() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let oracle = Oracle {
        amtool,
        dir: tempfile::tempdir().unwrap(),
    };
    let dir = oracle.dir.path();
    std::fs::write(dir.join("a.tmpl"), "{{ define \"x\" }}from a{{ end }}").unwrap();
    std::fs::write(dir.join("b.tmpl"), "{{ define \"x\" }}from b{{ end }}").unwrap();
    let text = "templates: ['*.tmpl', 'a.tmpl']\nroute: {receiver: s}\nreceivers:\n- name: s\n  slack_configs:\n  - api_url: http://x/\n    title: '{{ template \"x\" . }} {{ .Status }}'\n";
    let input = dir.join("alertmanager.yml");
    std::fs::write(&input, text).unwrap();
    let data = common::shared().join("testdata/captures-0.25.0/template-data.json");
    let globs = [dir.join("*.tmpl"), dir.join("a.tmpl")];
    let globs: Vec<&Path> = globs.iter().map(PathBuf::as_path).collect();
    let title = oracle.run("{{ template \"x\" . }} {{ .Status }}", &data, &globs);
    assert_eq!(title.as_deref(), Ok("from a firing"));

    assert_eq!(
        converted_renders(&oracle, &input, text, &data),
        [title.unwrap()]
    );
}

/// What the config `text` (read from `input`) sends, converted, rendered by amtool against
/// `data` with the converted definition's template files (in a directory of their own under
/// the oracle's): the Slack title of each contract message, then each SNS message kept as
/// written.
fn converted_renders(oracle: &Oracle, input: &Path, text: &str, data: &Path) -> Vec<String> {
    let c = convert_input("input", Some(input), text.as_bytes(), &options());
    let errors: Vec<_> = c
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{text}{errors:?}");
    let definition: Definition =
        serde_saphyr::from_str(&c.output.expect("converted").read().unwrap()).unwrap();
    let out = tempfile::tempdir_in(oracle.dir.path()).unwrap();
    for (name, text) in &definition.template_files {
        std::fs::write(out.path().join(name), text).unwrap();
    }
    // AMP loads the files in the order of the inner config's `templates:`.
    let inner: Value = serde_saphyr::from_str(&definition.alertmanager_config).unwrap();
    let files: Vec<PathBuf> = inner["templates"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|name| out.path().join(name.as_str().unwrap()))
        .collect();
    let globs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let contract: Vec<String> = messages(&definition).into_iter().map(|(m, _)| m).collect();
    let kept = kept_messages(&definition);
    let titles = oracle.render(&contract, data, &globs).into_iter().map(|m| {
        let (node, _) = load(&m.unwrap(), SourceId(0), &Limits::default()).unwrap();
        to_json(&node)["slack"]["title"]
            .as_str()
            .expect("a title")
            .to_string()
    });
    let kept = oracle
        .render(&kept, data, &globs)
        .into_iter()
        .map(Result::unwrap);
    titles.chain(kept).collect()
}

/// The messages of a definition's SNS entries that am2amp did not write.
fn kept_messages(def: &Definition) -> Vec<String> {
    let inner: Value = serde_saphyr::from_str(&def.alertmanager_config).unwrap();
    let entries = inner["receivers"].as_array().into_iter().flatten();
    entries
        .flat_map(|r| r["sns_configs"].as_array().into_iter().flatten())
        .filter(|s| s["attributes"]["am2amp_contract"].is_null())
        .map(|s| s["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Go's `ParseFiles` names a template file's own text (outside its definitions) after the
/// file, so `{{ template "t.tmpl" . }}` calls it; an empty text replaces nothing, and a file
/// whose text and a definition in it both have a body under its name does not parse. Within
/// a file a later definition replaces an empty one; across files an empty one stays as first
/// parsed. The converted message and an SNS message kept as written render what Alertmanager
/// renders, and amtool's verdict is am2amp's.
#[test]
fn a_template_files_text_is_a_template_named_after_the_file() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let oracle = Oracle {
        amtool: amtool.clone(),
        dir: tempfile::tempdir().unwrap(),
    };
    let data = common::shared().join("testdata/captures-0.25.0/template-data.json");
    // (files: path → text, `templates:`, a field calling templates)
    type FileCase<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: &[FileCase] = &[
        (
            &[(
                "t.tmpl",
                "a \"quote\": {{ .Status }}\n\t{{ define \"x\" }}X{{ end }}",
            )],
            "['t.tmpl']",
            "[{{ template \"t.tmpl\" . }}] {{ template \"x\" . }}",
        ),
        (
            &[("t.tmpl", "{{ define \"t.tmpl\" }}defined{{ end }}\n ")],
            "['t.tmpl']",
            "{{ template \"t.tmpl\" . }}",
        ),
        (
            &[("t.tmpl", "{{ define \"t.tmpl\" }} {{ end }}text")],
            "['t.tmpl']",
            "{{ template \"t.tmpl\" . }}",
        ),
        (
            &[
                ("a.tmpl", "{{ define \"b.tmpl\" }}from a{{ end }}"),
                ("b.tmpl", "from b's text"),
            ],
            "['a.tmpl', 'b.tmpl']",
            "{{ template \"b.tmpl\" . }}",
        ),
        (
            &[
                ("a.tmpl", "{{ define \"b.tmpl\" }}from a{{ end }}"),
                ("b.tmpl", "from b's text"),
            ],
            "['b.tmpl', 'a.tmpl']",
            "{{ template \"b.tmpl\" . }}",
        ),
        (
            &[
                ("a.tmpl", "from a's text"),
                ("b.tmpl", "{{ define \"a.tmpl\" }}{{ end }}  "),
            ],
            "['*.tmpl']",
            "{{ template \"a.tmpl\" . }}",
        ),
        (
            &[(
                "t.tmpl",
                "{{ define \"t.tmpl\" }} {{ end }}{{ define \"n\" }}\n{{ end }}{{ define \"n\" }}{{ end }}",
            )],
            "['t.tmpl']",
            "[{{ template \"t.tmpl\" . }}][{{ template \"n\" . }}]",
        ),
        (
            &[("a/x.tmpl", "from a"), ("b/x.tmpl", "from b")],
            "['a/x.tmpl', 'b/x.tmpl']",
            "{{ template \"x.tmpl\" . }}",
        ),
        (
            &[("a/x.tmpl", "from a"), ("b/x.tmpl", " ")],
            "['a/*.tmpl', 'b/*.tmpl']",
            "{{ template \"x.tmpl\" . }}",
        ),
        // An empty template stays as first parsed, though a later match parses its file again.
        (
            &[
                ("a/y.tmpl", ""),
                ("b/y.tmpl", "{{ define \"n\" }}{{ end }} "),
            ],
            "['b/*.tmpl', '*/*.tmpl', 'b/*.tmpl']",
            "[{{ template \"y.tmpl\" . }}]",
        ),
        (
            &[
                ("a.tmpl", "{{ define \"e\" }}\n{{ end }}"),
                ("b.tmpl", "{{ define \"e\" }}{{ end }}"),
            ],
            "['a.tmpl', 'b.tmpl', 'a.tmpl']",
            "[{{ template \"e\" . }}]",
        ),
    ];
    for (i, (files, templates, title)) in cases.iter().enumerate() {
        let dir = oracle.dir.path().join(format!("case{i}"));
        for (name, text) in *files {
            let file = dir.join(name);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        let text = format!(
            "templates: {templates}\nroute: {{receiver: s}}\nreceivers:\n- name: s\n  slack_configs:\n  - api_url: http://x/\n    title: '{title}'\n  sns_configs:\n  - {{topic_arn: 'arn:aws:sns:eu-west-1:123456789012:t', subject: s, message: '{title}'}}\n"
        );
        let input = dir.join("alertmanager.yml");
        std::fs::write(&input, &text).unwrap();
        let entries: Vec<String> = serde_saphyr::from_str(templates).unwrap();
        let globs: Vec<PathBuf> = entries.iter().map(|e| dir.join(e)).collect();
        let globs: Vec<&Path> = globs.iter().map(PathBuf::as_path).collect();
        let want = oracle.run(title, &data, &globs).unwrap();
        assert_eq!(
            converted_renders(&oracle, &input, &text, &data),
            [want.clone(), want],
            "{text}"
        );
    }

    let files = tempfile::tempdir().unwrap();
    let config = |name: &str, text: &str| {
        let file = files.path().join(name);
        std::fs::write(&file, text).unwrap();
        format!(
            "templates: ['{}']\nroute:\n  receiver: a\nreceivers:\n- name: a\n",
            file.display()
        )
    };
    let accepted_by_go = [
        config("a.tmpl", "{{ define \"a.tmpl\" }}x{{ end }}\n"),
        config("b.tmpl", "{{ define \"b.tmpl\" }}{{ end }}x"),
        config("c.tmpl", "{{ define \"other\" }}x{{ end }}y"),
    ];
    let refused_by_go = [config("d.tmpl", "{{ define \"d.tmpl\" }}x{{ end }}y")];
    let configs: Vec<&String> = accepted_by_go.iter().chain(&refused_by_go).collect();
    assert_eq!(accepted(&amtool, &configs), accepted_by_go.len());
}
