//! `am2amp convert` on every sample in `samples/convert/`: the definition and the rendered
//! diagnostics (snapshots), and converting the output again gives the same bytes.
//!
//! A sample's first lines may hold `# am2amp-args: ...`, the options it is converted with.

mod common;

use std::path::{Path, PathBuf};

use std::process::Output;

use insta_cmd::{Command, assert_cmd_snapshot, get_cargo_bin};

/// The topic template every sample is converted with.
pub const TOPIC: &str = "arn:aws:sns:eu-west-1:123456789012:{receiver}";

fn samples() -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(common::root().join("samples/convert"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    v.sort();
    v
}

fn sample_args(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# am2amp-args:"))
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

fn convert(path: &str, extra: &[String]) -> Command {
    let mut c = Command::new(get_cargo_bin("am2amp"));
    c.current_dir(common::root())
        .env("NO_COLOR", "1")
        .args(["convert", path, "--topic-arn", TOPIC])
        .args(extra);
    c
}

fn rel(p: &Path) -> String {
    p.strip_prefix(common::root())
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn samples_convert() {
    for path in samples() {
        let name = format!("convert-{}", path.file_stem().unwrap().to_string_lossy());
        let mut cmd = convert(&rel(&path), &sample_args(&path));
        common::snapshot_settings().bind(|| assert_cmd_snapshot!(name, cmd));
    }
}

#[test]
fn converting_the_output_again_gives_the_same_bytes() {
    for path in samples() {
        let args = sample_args(&path);
        let first = convert(&rel(&path), &args).output().unwrap();
        if !first.status.success() {
            continue;
        }
        let again = common::with_stdin(convert("-", &args), &first.stdout);
        assert!(
            again.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&again.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&again.stdout),
            String::from_utf8_lossy(&first.stdout),
            "{}",
            path.display()
        );
    }
}

/// Secret values of a sample (what the loader masks), at least 6 characters long.
fn secret_values(path: &Path) -> Vec<String> {
    let report = common::check_path(path, &common::root());
    let mut out = Vec::new();
    for (_, src) in report.sources.iter() {
        let masked = src.redacted_text();
        let (a, b) = (src.text.as_bytes(), masked.as_bytes());
        let mut i = 0;
        while i < a.len().min(b.len()) {
            if a[i] != b[i] {
                let start = i;
                while i < a.len().min(b.len()) && a[i] != b[i] {
                    i += 1;
                }
                let s = String::from_utf8_lossy(&a[start..i]).to_string();
                if s.len() >= 6 {
                    out.push(s);
                }
            }
            i += 1;
        }
    }
    out
}

#[test]
fn diagnostics_never_show_secrets() {
    let mut seen = 0;
    for path in samples() {
        let secrets = secret_values(&path);
        seen += secrets.len();
        for fmt in ["human", "concise", "json", "github"] {
            let mut args = sample_args(&path);
            args.extend(["--message-format".to_string(), fmt.to_string()]);
            let out = convert(&rel(&path), &args).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            for s in &secrets {
                assert!(
                    !stderr.contains(s.as_str()),
                    "{} ({fmt}) shows a secret",
                    path.display()
                );
            }
            if !args.iter().any(|a| a == "inline") {
                let stdout = String::from_utf8_lossy(&out.stdout);
                for s in &secrets {
                    assert!(
                        !stdout.contains(s.as_str()),
                        "{}: the definition holds a secret",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(seen >= 15, "only {seen} secrets found in the samples");
}

#[test]
fn output_file_and_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("def.yml");
    let manifest = dir.path().join("secrets.json");
    let args = [
        "-o".to_string(),
        def.display().to_string(),
        "--secrets-out".into(),
        manifest.display().to_string(),
    ];
    let out = convert("samples/alertmanager.yml", &args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&def).unwrap();
    assert!(text.starts_with("template_files:\n") && text.contains("alertmanager_config: |\n"));
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    assert_eq!(m["am2amp_secrets"], 1);
    assert_eq!(
        m["secrets"]["oncall-pager/pagerduty/0/routing_key"],
        "0123456789abcdef0123456789abcdef"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&manifest).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // An earlier manifest is replaced, with a note.
    let again = convert("samples/alertmanager.yml", &args).output().unwrap();
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("overwriting the secrets manifest"));
    // Anything else is never overwritten.
    std::fs::write(&manifest, "precious").unwrap();
    let refused = convert(
        "samples/alertmanager.yml",
        &["--secrets-out".into(), manifest.display().to_string()],
    )
    .output()
    .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), "precious");
}

#[test]
fn errors_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("def.yml");
    std::fs::write(&def, "old").unwrap();
    let out = convert(
        "samples/convert/unsupported.yml",
        &["-o".into(), def.display().to_string()],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&def).unwrap(), "old");
    let missing_topic = Command::new(get_cargo_bin("am2amp"))
        .current_dir(common::root())
        .args(["convert", "samples/alertmanager.yml"])
        .output()
        .unwrap();
    assert_eq!(missing_topic.status.code(), Some(1));
    assert!(missing_topic.stdout.is_empty());
    assert!(String::from_utf8_lossy(&missing_topic.stderr).contains("am2amp::amp::missing-topic"));
}

#[test]
fn usage_errors() {
    for (args, expected) in [
        (
            vec!["--topic-arn", "arn:aws:sns:eu-west-1:123456789012:{team}"],
            "unknown placeholder",
        ),
        (vec!["--topic-arn", "not-an-arn"], "--topic-arn"),
        (vec!["--region", "Europe"], "--region"),
        (vec!["--pagerduty", "native"], "--pagerduty-secret-arn"),
        (
            vec![
                "--pagerduty",
                "native",
                "--pagerduty-secret-arn",
                "arn:aws:sns:x",
            ],
            "Secrets Manager",
        ),
        (vec!["--external-url", "am.example.com"], "--external-url"),
        (vec!["--topics", "samples/alertmanager.yml"], "--topics"),
    ] {
        let out = Command::new(get_cargo_bin("am2amp"))
            .current_dir(common::root())
            .args(["convert", "samples/alertmanager.yml"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn topics_file_and_region() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics.yml");
    std::fs::write(
        &topics,
        "oncall-pager: arn:aws:sns:us-west-2:123456789012:pager\n",
    )
    .unwrap();
    let out = convert(
        "samples/alertmanager.yml",
        &[
            "--topics".into(),
            topics.display().to_string(),
            "--region".into(),
            "eu-central-1".into(),
        ],
    )
    .output()
    .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("topic_arn: arn:aws:sns:us-west-2:123456789012:pager"));
    assert!(text.contains("topic_arn: arn:aws:sns:eu-west-1:123456789012:tickets"));
    assert!(!text.contains("region: eu-west-1") && text.contains("region: eu-central-1"));
}

/// `convert CONFIG --message-format json --topics TOPICS`, run in `dir`.
fn convert_json_with_topics(dir: &Path, config: &str, topics: &Path) -> Output {
    let topics = topics.to_str().unwrap();
    let args = [
        "convert",
        config,
        "--message-format",
        "json",
        "--topics",
        topics,
    ];
    common::am2amp(dir, &args)
}

#[test]
fn a_misspelled_topics_entry_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics.yml");
    std::fs::write(
        &topics,
        "oncall-pagr: arn:aws:sns:us-west-2:123456789012:pager\nweekends: arn:aws:sns:us-west-2:123456789012:w\nteam-slack: arn:aws:sns:us-west-2:123456789012:s\ntickets: arn:aws:sns:us-west-2:123456789012:t\n",
    )
    .unwrap();
    let out = convert_json_with_topics(&common::root(), "samples/alertmanager.yml", &topics);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::text(&out.stderr);
    assert!(
        stderr.contains("has no `oncall-pager` but has `oncall-pagr`"),
        "{stderr}"
    );
}

#[test]
fn a_missing_topic_hint_never_names_another_receiver() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alertmanager.yml");
    std::fs::write(
        &config,
        "route:\n  receiver: team-a\n  routes:\n    - receiver: team-b\n    - receiver: oncall-pager\nreceivers:\n  - name: team-a\n    webhook_configs: [{url: 'http://a.example.com/'}]\n  - name: team-b\n    webhook_configs: [{url: 'http://b.example.com/'}]\n  - name: oncall-pager\n    webhook_configs: [{url: 'http://p.example.com/'}]\n",
    )
    .unwrap();
    let topics = dir.path().join("topics.yml");
    std::fs::write(
        &topics,
        "oncall-pagr: arn:aws:sns:us-west-2:123456789012:pager\nteam-b: arn:aws:sns:us-west-2:123456789012:b\n",
    )
    .unwrap();
    let out = convert_json_with_topics(dir.path(), config.to_str().unwrap(), &topics);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::text(&out.stderr);
    let help = |receiver: &str| -> String {
        stderr
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|d| {
                d["code"] == "am2amp::amp::missing-topic"
                    && d["message"]
                        .as_str()
                        .unwrap()
                        .contains(&format!("`{receiver}`"))
            })
            .map(|d| d["help"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no missing-topic finding for {receiver}: {stderr}"))
    };
    // `team-b` is a receiver of its own, so it is no misspelling of `team-a`.
    assert!(!help("team-a").contains("team-b"), "{stderr}");
    assert!(
        help("oncall-pager").contains("has `oncall-pagr`"),
        "{stderr}"
    );
}

/// `convert alertmanager.yml`, concise diagnostics.
const CONCISE: &[&str] = &[
    "convert",
    "alertmanager.yml",
    "--message-format",
    "concise",
    "--topic-arn",
    TOPIC,
];

#[test]
fn a_user_template_named_like_am2amps_own_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    common::write_files(
        dir.path(),
        &[
            (
                "alertmanager.yml",
                "templates: [t.tmpl]\nroute:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n      - url: http://relay.example/x\n",
            ),
            (
                "t.tmpl",
                "{{ define \"ok\" }}x{{ end }}\n{{ define \"am2amp:slack.default.title\" }}y{{ end }}\n{{ define \"am2amp.message:webhook.alerts\" }}z{{ end }}\n",
            ),
        ],
    );
    let out = common::am2amp(
        dir.path(),
        &["convert", "alertmanager.yml", "--topic-arn", TOPIC],
    );
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains("am2amp::template::reserved-name"), "{err}");
    assert!(err.contains("t.tmpl:2:11"), "{err}");
    assert!(err.contains("t.tmpl:3:11"), "{err}");
    assert_eq!(err.matches("is reserved by am2amp").count(), 2, "{err}");
}

#[test]
fn a_default_template_am2amp_cannot_copy_is_an_error_at_the_field_unless_redefined() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("alertmanager.yml"),
        "templates: [t.tmpl]\nroute:\n  receiver: r\nreceivers:\n  - name: r\n    slack_configs:\n      - api_url: https://hooks.slack.example/x\n        title: '{{ template \"email.default.subject\" . }}'\n        text: '{{ template \"mine\" . }}'\n",
    )
    .unwrap();
    let convert = |tmpl: &str| {
        common::write_files(dir.path(), &[("t.tmpl", tmpl)]);
        let out = common::am2amp(dir.path(), CONCISE);
        (
            out.status.code(),
            common::text(&out.stdout),
            common::text(&out.stderr),
        )
    };
    let mine = "{{ define \"mine\" }}[{{ template \"opsgenie.default.message\" . }}]{{ end }}\n";
    let (code, out, err) = convert(mine);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.is_empty());
    let found: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("no-equivalent"))
        .collect();
    assert_eq!(found.len(), 2, "{err}");
    assert!(found[0].starts_with("alertmanager.yml:8:16: error[am2amp::template::no-equivalent]: this field uses `email.default.subject`"), "{err}");
    assert!(found[1].starts_with("alertmanager.yml:9:15: error[am2amp::template::no-equivalent]: this field uses `opsgenie.default.message`"), "{err}");
    // Alertmanager uses a file's definition over its default, and so does am2amp.
    let redefined = format!(
        "{mine}{{{{ define \"email.default.subject\" }}}}S{{{{ end }}}}\n{{{{ define \"opsgenie.default.message\" }}}}M{{{{ end }}}}\n"
    );
    let (code, out, err) = convert(&redefined);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("no-equivalent"), "{err}");
    // Both are static text, so their copies are spliced into the message.
    assert!(out.contains(r#"              title: "S""#), "{out}");
    assert!(out.contains(r#"              text: "[M]""#), "{out}");
}

#[test]
fn a_field_that_does_not_parse_is_not_blamed_for_the_previous_fields_template() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("alertmanager.yml"),
        "route:\n  receiver: r\nreceivers:\n  - name: r\n    slack_configs:\n      - api_url: https://hooks.slack.example/x\n        title: '{{ template \"email.default.subject\" . }}'\n        title_link: '{{ .Status'\n",
    )
    .unwrap();
    let out = common::am2amp(dir.path(), CONCISE);
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let found: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("no-equivalent"))
        .collect();
    assert_eq!(found.len(), 1, "{err}");
    assert!(found[0].starts_with("alertmanager.yml:7:16:"), "{err}");
    assert!(
        err.contains("alertmanager.yml:8:33: error[am2amp::template::syntax]"),
        "{err}"
    );
}
