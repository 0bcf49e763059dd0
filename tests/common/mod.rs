//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod amtool;

use am2amp::check::{CheckOptions, check_input};
use am2amp::report::Report;

/// Runs the `am2amp` binary in `dir` with `args`, without colours.
pub fn am2amp(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_am2amp"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

/// Runs a command with `input` on its standard input.
pub fn with_stdin(mut cmd: std::process::Command, input: &[u8]) -> std::process::Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input).unwrap();
    child.wait_with_output().unwrap()
}

/// Bytes a command printed, as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Writes each `(relative path, text)` under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout (or `$AM2AMP_SHARED`). Tests fail, never skip, without it.
pub fn shared() -> PathBuf {
    let dir = std::env::var_os("AM2AMP_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    assert!(
        dir.join("testdata").is_dir(),
        "test data not found at {}: check out `shared` beside the repository or set AM2AMP_SHARED",
        dir.display()
    );
    dir
}

/// An external oracle binary. Without `CI` a missing binary skips the calling test (returns
/// `None`); with `CI` set it fails the test.
pub fn oracle(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    let package = match name {
        "python3" => "python3-yaml",
        _ => "prometheus-alertmanager",
    };
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "`{name}` is required when CI is set: apt-get install -y {package}"
        );
        eprintln!("skipping: `{name}` not installed (apt-get install -y {package})");
    }
    found
}

/// Checks a file with default options, naming it relative to `base`.
pub fn check_path(path: &Path, base: &Path) -> Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Tests run in the crate root, so a path relative to it also finds `templates:` files and
    // keeps machine-specific prefixes out of snapshots.
    let rel = path.strip_prefix(base).unwrap_or(path);
    let name = rel.display().to_string();
    let lookup = if base == root() { rel } else { path };
    check_input(&name, Some(lookup), bytes, &CheckOptions::default()).report
}

/// Line (1-based) of every error in `syntax` or `invalid`, with its code.
pub fn rejecting_errors(report: &Report) -> Vec<(usize, String)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.code.category().rejects())
        .map(|d| {
            let (_, lc, _) = report.sources.line_col(d.primary.span);
            (lc.line, d.code.name().to_string())
        })
        .collect()
}

/// insta settings that keep snapshots in `snapshots/` at the crate root.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// A parsed YAML node as JSON. With `typed`, plain scalars that read as integers, booleans or
/// null become those; otherwise every scalar is a string.
pub fn yaml_to_json(n: &am2amp::yaml::Node, typed: bool) -> serde_json::Value {
    use am2amp::yaml::Kind;
    use serde_json::{Value, json};
    match &n.kind {
        Kind::Null => Value::Null,
        Kind::Scalar(s) if typed && s.is_plain() => match &*s.value {
            "true" => json!(true),
            "false" => json!(false),
            v => v.parse::<i64>().map_or_else(|_| json!(v), |i| json!(i)),
        },
        Kind::Scalar(s) => json!(s.value),
        Kind::Seq(items) => Value::Array(items.iter().map(|i| yaml_to_json(i, typed)).collect()),
        Kind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|e| {
                    let k = e.key.as_str().unwrap_or("").to_string();
                    (k, yaml_to_json(&e.value, typed))
                })
                .collect(),
        ),
    }
}

/// Label sets that reach each route node: equality matchers give their value, regex matchers a
/// simple value that matches; a path needing anything else is left out.
pub fn route_label_sets(
    route: &am2amp::model::Sp<am2amp::model::route::Route>,
) -> Vec<std::collections::BTreeMap<String, String>> {
    use am2amp::alertmanager::matcher::Op;
    use std::collections::BTreeMap;
    fn walk(
        r: &am2amp::model::Sp<am2amp::model::route::Route>,
        mut labels: BTreeMap<String, String>,
        out: &mut Vec<BTreeMap<String, String>>,
    ) {
        for m in am2amp::translate::routes::matchers(&r.value) {
            let value = match m.op {
                Op::Equal => Some(m.value.clone()),
                Op::Regexp => regex_example(&m.value),
                Op::NotEqual | Op::NotRegexp => continue,
            };
            let Some(v) = value else { return };
            labels.insert(m.name.clone(), v);
        }
        out.push(labels.clone());
        for c in r.value.children() {
            walk(c, labels.clone(), out);
        }
    }
    let mut out = Vec::new();
    walk(route, BTreeMap::new(), &mut out);
    out
}

/// A simple string an anchored regex matches (its first alternative, stripped), if any.
fn regex_example(pattern: &str) -> Option<String> {
    let inner = pattern
        .strip_prefix("^(?:")
        .and_then(|p| p.strip_suffix(")$"))
        .unwrap_or(pattern);
    let first = inner.split('|').next().unwrap_or("");
    let candidate: String = first
        .replace(".*", "")
        .replace(".+", "x")
        .chars()
        .filter(|c| !"^$()?*+[]{}\\".contains(*c))
        .collect();
    let re = am2amp::alertmanager::regex::compile_anchored(pattern).ok()?;
    re.is_match(&candidate).then_some(candidate)
}
